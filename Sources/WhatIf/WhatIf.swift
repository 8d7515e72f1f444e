import BusinessCalendar
import Demand
import Foundation
import MIP
import Rostering
import Scenario

/// What one variant's month looks like beside the base: the figures the general
/// manager compares side by side.
public struct Outcome: Sendable {
    public var variant: String
    /// The changes as given (`spike=…,absent=…`), empty for the base.
    public var changes: String
    public var status: String
    public var objective: Double?
    public var gap: Double?
    public var seconds: Double
    public var requiredHours: Double
    /// Shortfall staff-hours per line id.
    public var shortfallHours: [String: Double]
    public var serviceLevelAverage: Double?
    public var worstDay: (date: CivilDate, level: Double)?
    public var overtimeHours: Double
    /// Σ hours × hourly cost over the assignments.
    public var cost: Double
    public var workedHours: Double
    /// Late shifts and holiday mornings per person: fewest and most, among those who can work them.
    public var lateSpread: (Int, Int)?
    public var holidaySpread: (Int, Int)?
    /// Assignments that differ from the base roster (shift, day or break).
    public var changesFromBase: Int?
    /// Why no roster keeps every hard rule, in the user's terms.
    public var failure: String?
    public var roster: Roster?

    public var totalShortfall: Double { shortfallHours.values.reduce(0, +) }
}

/// Runs the base and each variant — each a full, independent plan — on up to
/// `jobs` threads. Each solve builds and frees its own GLPK problem on the
/// thread that runs it (GLPK's environment is thread-local), so parallel and
/// serial runs give the same rosters.
public struct WhatIfRunner: Sendable {
    public var options: SolveOptions
    public var jobs: Int
    /// Plan each variant near the base roster (changes costed as in a repair)
    /// instead of afresh: the base is solved first, then the variants.
    public var stayClose: Bool

    public init(options: SolveOptions = SolveOptions(timeLimit: 60), jobs: Int = ProcessInfo.processInfo.activeProcessorCount,
                stayClose: Bool = false) {
        self.options = options
        self.jobs = max(1, jobs)
        self.stayClose = stayClose
    }

    /// The base first, then the variants in the order given.
    public func run(scenario: Scenario, month: YearMonth, variants: [Variant]) throws -> [Outcome] {
        let forecasts = try scenario.forecaster().slots(month: month)
        // Build every plan first, on this thread: errors in a variant stop the run before any solve.
        let plans = try ([Variant.base] + variants).map { try Planning(scenario: scenario, month: month, variant: $0, forecasts: forecasts) }
        let options = self.options
        var outcomes: [Outcome]
        if stayClose {
            let base = Self.solve(plans[0], options: options)
            let near = base.roster
            outcomes = [base] + Parallel.map(Array(plans.dropFirst()), jobs: jobs) { plan in Self.solve(plan, options: options, near: near) }
        } else {
            outcomes = Parallel.map(plans, jobs: jobs) { plan in Self.solve(plan, options: options) }
        }
        if let base = outcomes.first?.roster {
            for k in outcomes.indices.dropFirst() {
                outcomes[k].changesFromBase = outcomes[k].roster.map { RosterRepair.changes(from: base, to: $0).count }
            }
            outcomes[0].changesFromBase = 0
        }
        return outcomes
    }

    /// One plan solved and measured.
    public static func solve(_ plan: Planning, options: SolveOptions, near: Roster? = nil) -> Outcome {
        var o = Outcome(variant: plan.variant.name, changes: plan.variant.changes.map(\.description).joined(separator: ","), status: "failed", objective: nil, gap: nil, seconds: 0,
                        requiredHours: plan.requiredHours, shortfallHours: [:], serviceLevelAverage: nil, worstDay: nil,
                        overtimeHours: 0, cost: 0, workedHours: 0)
        do {
            let r = try near.map { try RosterRepair(options: options).replan(plan.problem, near: $0, scenario: plan.scenario.name).0 }
                ?? RosterSolver(options: options).solve(plan.problem, scenario: plan.scenario.name)
            o.status = r.solution.status.rawValue
            o.objective = r.solution.objective
            o.gap = r.solution.gap
            o.seconds = r.solution.seconds
            o.shortfallHours = r.shortfallHours
            o.overtimeHours = r.overtimeHours
            o.roster = r.roster
            measure(&o, plan: plan, roster: r.roster)
        } catch {
            o.status = "infeasible"
            o.failure = "\(error)"
        }
        return o
    }

    /// Service level, cost and fairness from a roster alone.
    static func measure(_ o: inout Outcome, plan: Planning, roster: Roster) {
        let sl = plan.serviceLevel(roster)
        o.serviceLevelAverage = sl.average
        o.worstDay = sl.worstDay.map { ($0.date, $0.serviceLevel) }
        let byID = Dictionary(uniqueKeysWithValues: plan.staff.map { ($0.id, $0) })
        var late: [String: Int] = [:], holiday: [String: Int] = [:]
        let lateCodes = Set(plan.rules.shifts.filter(\.isLate).map(\.code))
        let holidayDates = Set(plan.problem.days.filter { $0.kind == .holidayOpening }.map(\.date.description))
        for a in roster.assignments {
            let h = a.workHours
            o.workedHours += h
            o.cost += h * (byID[a.staff]?.contract.hourlyCost ?? 0)
            if lateCodes.contains(a.shift) { late[a.staff, default: 0] += 1 }
            if holidayDates.contains(a.date) { holiday[a.staff, default: 0] += 1 }
        }
        // Among those who could work one (an option exists for them this month).
        func eligible(_ test: (RosterProblem.Option, Int) -> Bool) -> [String] {
            plan.staff.indices.filter { p in
                plan.problem.days.indices.contains { d in plan.problem.options[p][d].contains { test($0, d) } }
            }.map { plan.staff[$0].id }
        }
        let lateIDs = eligible { opt, _ in plan.rules.shifts[opt.shift].isLate }
        let holidayIDs = eligible { _, d in plan.problem.days[d].kind == .holidayOpening }
        if !lateIDs.isEmpty { o.lateSpread = (lateIDs.map { late[$0] ?? 0 }.min()!, lateIDs.map { late[$0] ?? 0 }.max()!) }
        if !holidayIDs.isEmpty { o.holidaySpread = (holidayIDs.map { holiday[$0] ?? 0 }.min()!, holidayIDs.map { holiday[$0] ?? 0 }.max()!) }
    }

}

/// Runs a function over inputs on a fixed number of threads; results in input order.
public enum Parallel {
    public static func map<T: Sendable, R: Sendable>(_ items: [T], jobs: Int, _ body: @escaping @Sendable (T) -> R) -> [R] {
        guard jobs > 1, items.count > 1 else { return items.map(body) }
        let box = ResultBox<R>(items.count)
        let workers = min(jobs, items.count)
        let group = DispatchGroup()
        for _ in 0..<workers {
            // A thread of its own per worker (not a shared pool), each with a large
            // stack: GLPK is deep on big models.
            group.enter()
            let thread = Thread {
                while true {
                    box.lock.lock()
                    let k = box.next
                    box.next += 1
                    box.lock.unlock()
                    guard k < items.count else { break }
                    let r = body(items[k])
                    box.lock.lock()
                    box.results[k] = r
                    box.lock.unlock()
                }
                group.leave()
            }
            thread.stackSize = 64 << 20
            thread.start()
        }
        group.wait()
        return box.results.map { $0! }
    }
}

/// Shared state of `Parallel.map`, guarded by its lock.
final class ResultBox<R>: @unchecked Sendable {
    let lock = NSLock()
    var next = 0
    var results: [R?]
    init(_ n: Int) { results = Array(repeating: nil, count: n) }
}
