import BusinessCalendar
import Demand
import Foundation
import MIP
import Rostering
import Scenario

/// A demand sweep: one line's demand (or all lines') times each level in turn.
public struct SweepSpec: Sendable, Equatable {
    /// A line id, or nil for every line.
    public var line: String?
    public var levels: [Double]

    public init(line: String?, levels: [Double]) {
        self.line = line
        self.levels = levels
    }

    /// `交付=1.0..2.0:0.1` (a line's id or name, or `*`): from, to and step.
    public static func parse(_ text: String, services: [Service]) throws(VariantError) -> SweepSpec {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw VariantError(text, "expected LINE=FROM..TO:STEP, e.g. 交付=1.0..2.0:0.1") }
        var line: String?
        if parts[0] != "*" && parts[0] != "all" {
            guard let s = services.first(where: { $0.id == parts[0] || $0.name == parts[0] }) else {
                throw VariantError(text, "unknown line of work \"\(parts[0])\"")
            }
            line = s.id
        }
        let range = parts[1].split(separator: ":").map(String.init)
        let ends = range[0].components(separatedBy: "..")
        guard range.count == 2, ends.count == 2, let a = Double(ends[0]), let b = Double(ends[1]), let step = Double(range[1]),
              a >= 0, b >= a, step > 0, a.isFinite, b.isFinite else {
            throw VariantError(text, "expected FROM..TO:STEP with 0 ≤ FROM ≤ TO and STEP > 0")
        }
        let n = Int(((b - a) / step + 1e-9).rounded(.down)) + 1
        guard n <= 201 else { throw VariantError(text, "\(n) levels; at most 201") }
        // Levels on the decimal grid (1.0, 1.1, …), not accumulated sums.
        let levels = (0..<n).map { k in ((a + Double(k) * step) * 1e9).rounded() / 1e9 }
        return SweepSpec(line: line, levels: levels)
    }
}

/// One demand level of a sweep.
public struct SweepPoint: Sendable {
    public var level: Double
    public var requiredHours: Double
    public var shortfallHours: [String: Double]
    public var serviceLevelAverage: Double
    public var worstDay: (date: CivilDate, level: Double)?
    /// Staff-hours that would close the shortfall (placed where it falls).
    public var extraStaffHours: Double { shortfallHours.values.reduce(0, +) }
    /// People of the reference contract that many hours take (rounded up).
    public var extraPeople: Int
    public var seconds: Double
}

/// For each demand level, the service level today's roster reaches (its shifts
/// and breaks kept; who serves which line re-optimised, an LP), and the
/// staff-hours — and people of a reference contract — that would restore the
/// target. With `replan`, each level is planned afresh instead (a full solve each).
public struct SweepRunner: Sendable {
    public var options: SolveOptions
    public var jobs: Int
    public var replan: Bool

    public init(options: SolveOptions = SolveOptions(timeLimit: 60), jobs: Int = ProcessInfo.processInfo.activeProcessorCount, replan: Bool = false) {
        self.options = options
        self.jobs = max(1, jobs)
        self.replan = replan
    }

    /// The hours a reference person works in the roster (their contract's monthly
    /// maximum if they have none), for "how many more people".
    public static func hoursPerPerson(_ person: Person, roster: Roster) -> Double {
        let worked = roster.assignments.filter { $0.staff == person.id }.reduce(0) { $0 + $1.workHours }
        if worked > 0 { return worked }
        return person.contract.maxHoursPerMonth ?? 7.75 * 20
    }

    public func run(scenario: Scenario, month: YearMonth, spec: SweepSpec, base: Roster, reference: Person) throws -> [SweepPoint] {
        let forecasts = try scenario.forecaster().slots(month: month)
        let from = month.first, through = month.last
        let plans = try spec.levels.map { f in
            try Planning(scenario: scenario, month: month,
                         variant: Variant(name: "level \(f)", changes: [.spike(from: from, through: through, line: spec.line, factor: f)]),
                         forecasts: forecasts)
        }
        let perPerson = Self.hoursPerPerson(reference, roster: base)
        let options = self.options, replan = self.replan
        let outcomes = Parallel.map(plans, jobs: jobs) { plan -> Result<(RosterResult, Double), Error> in
            let clock = ContinuousClock(), t0 = clock.now
            do {
                var model = RosterModel(plan.problem)
                if !replan { model.keep(base, breaks: true) }
                let r = try RosterSolver(options: options, reduce: !replan).solve(model: model, scenario: plan.scenario.name)
                let d = clock.now - t0
                return .success((r, Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18))
            } catch {
                return .failure(error)
            }
        }
        var points: [SweepPoint] = []
        for (plan, outcome) in zip(plans, outcomes) {
            let (r, seconds) = try outcome.get()
            let sl = plan.serviceLevel(r.roster)
            let level = plan.variant.changes.compactMap { c -> Double? in if case let .spike(_, _, _, f) = c { return f }; return nil }.first ?? 1
            var p = SweepPoint(level: level, requiredHours: plan.requiredHours, shortfallHours: r.shortfallHours,
                               serviceLevelAverage: sl.average, worstDay: sl.worstDay.map { ($0.date, $0.serviceLevel) },
                               extraPeople: 0, seconds: seconds)
            p.extraPeople = Int((p.extraStaffHours / perPerson - 1e-9).rounded(.up))
            points.append(p)
        }
        return points
    }
}
