// kinmu-bench: prints Kinmu's speed figures. Run with `make bench` (release build).
// A benchmark, not a test: it prints what it measured and asserts nothing.
import BusinessCalendar
import Demand
import Foundation
import MIP
import NRP
import Rostering
import Scenario
import WhatIf

let args = CommandLine.arguments

/// An instance's column generation run to convergence without the clock, its seconds, and the clock it started.
func converged(_ file: String) throws -> (NRPInstance, NRPColumnGeneration, seconds: Double, elapsed: () -> Double) {
    let inst = try NRPInstance.read(file)
    let clock = ContinuousClock(), started = clock.now
    let elapsed = { let d = clock.now - started; return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }
    let cg = NRPColumnGeneration(inst)
    try cg.run(until: .infinity, maxRounds: 400, alwaysExact: true, elapsed: elapsed)
    return (inst, cg, elapsed(), elapsed)
}

// `kinmu-bench nrp FILE [NODES]`: branch and price on a benchmark instance for a fixed number of nodes from the
// converged column generation (no clock decides anything), with the seconds its LPs and its pricing took.
if args.count > 2 && args[1] == "nrp" {
    let (inst, cg, cgSeconds, elapsed) = try converged(args[2])
    let nodes = args.count > 3 ? Int(args[3]) ?? 100 : 100
    let tree = try NRPBranchAndPrice(cg, cutoff: .infinity)
    var best = Double.infinity
    try tree.run(until: .infinity, maxNodes: nodes, elapsed: elapsed) { s in
        let r = NRPEvaluator.evaluate(s, inst)
        if r.feasible { best = min(best, Double(r.objective)) }
        return r.feasible ? Double(r.objective) : .infinity
    }
    print(String(format: "%@: column generation %.2f s (%d rounds, bound %.2f); branch and price %d nodes in %.2f s: %d rounds, LP %.2f s, pricing %.2f s (%.2f ms a round), lowest open %.2f, best %.0f, inexact pricing %d",
                 inst.name, cgSeconds, cg.rounds, cg.bound, tree.nodes, tree.seconds, tree.rounds, tree.lpSeconds, tree.pricingSeconds,
                 1000 * tree.pricingSeconds / Double(max(1, tree.rounds)), tree.lowestOpen, best, cg.inexact))
    exit(0)
}
// `kinmu-bench nrp-dive FILE...`: the dives alone from the converged column generation, no clock, per instance: the
// assignment dive's roster and seconds; then the dive on whole schedules from the pool it leaves (as the solver runs
// them), one employee at a time and (on a fresh column generation) a quarter at a time where none is nearly whole.
if args.count > 2 && args[1] == "nrp-dive" {
    func score(_ s: NRPSolution?, _ inst: NRPInstance) -> String {
        s.map { NRPEvaluator.evaluate($0, inst) }.map { $0.feasible ? "\($0.objective)" : "infeasible" } ?? "none"
    }
    for file in args.dropFirst(2) {
        let (inst, cg, cgSeconds, elapsed) = try converged(file)
        var last = ""
        let s = try cg.assignmentDive(until: .infinity, elapsed: elapsed) { last = $0 }
        let dived = elapsed()
        print(String(format: "%@: bound %.2f (%.2f s); assignment dive %@ in %.2f s;%@", inst.name, cg.bound, cgSeconds, score(s, inst),
                     dived - cgSeconds, last))
        var figures: [String] = []
        for one in [true, false] {
            // The quarter rule on a fresh column generation, its single-day dive run first as above.
            let (pool, clock) = one ? (cg, elapsed) : try { let c = try converged(file); return (c.1, c.elapsed) }()
            if !one { _ = try pool.assignmentDive(until: .infinity, elapsed: clock) }
            let started = clock()
            let d = try pool.dive(until: .infinity, oneAtATime: one, elapsed: clock)
            figures.append(String(format: "%@ %@ in %.2f s", one ? "one at a time" : "a quarter at a time", score(d, inst), clock() - started))
        }
        print("  then the schedule dive: " + figures.joined(separator: "; "))
    }
    exit(0)
}
let scenarioFolder = args.count > 1 ? args[1] : "Scenarios/nankoku"
let month = YearMonth(args.count > 2 ? args[2] : "2026-12")!
let repetitions = 5

func measure(_ label: String, _ body: () throws -> Void) rethrows {
    var times: [Double] = []
    for _ in 0..<repetitions {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    times.sort()
    let median = times[times.count / 2]
    let padded = label.count >= 64 ? label : label + String(repeating: " ", count: 64 - label.count)
    print(padded + String(format: " median %8.1f ms   min %8.1f ms   (%d runs)", median, times[0], repetitions))
}

print("kinmu-bench on \(ProcessInfo.processInfo.activeProcessorCount) cores, scenario \(scenarioFolder), month \(month)")
let scenario = try Scenario.load(folder: scenarioFolder)
var history: History!
try measure("read history.csv + history-intraday.csv") { history = try scenario.loadHistory() }
var forecaster: Forecaster!
try measure("fit the forecast (4 lines of work, 3 years)") {
    forecaster = try Forecaster(calendar: scenario.calendar, services: scenario.services, history: history,
                                settings: scenario.forecastSettings)
}
var slots: [SlotForecast] = []
measure("forecast the month per slot") { slots = forecaster.slots(month: month) }
let calc = RequirementsCalculator(services: scenario.services, policy: scenario.staffing,
                                  slotMinutes: scenario.calendar.rules.slotMinutes)
var reqs: [SlotRequirement] = []
measure("requirements for the month (\(slots.count) slot-lines)") { reqs = calc.requirements(slots) }
try measure("forecast + requirements end to end (read, fit, forecast, staff)") {
    let s = try Scenario.load(folder: scenarioFolder)
    let f = try s.forecaster()
    _ = RequirementsCalculator(services: s.services, policy: s.staffing, slotMinutes: s.calendar.rules.slotMinutes)
        .requirements(f.slots(month: month))
}
measure("Erlang C staffing search x 10,000 (6 erlangs)") {
    for k in 0..<10_000 {
        _ = Queue(arrivalsPerHour: 30 + Double(k % 7), handlingMinutes: 12).requiredAgents(target: ServiceLevelTarget())
    }
}
measure("Erlang A staffing search x 100 (patience 10 min)") {
    for k in 0..<100 {
        _ = Queue(arrivalsPerHour: 30 + Double(k % 7), handlingMinutes: 12, patienceMinutes: 10).requiredAgents(target: ServiceLevelTarget())
    }
}
print("staff-hours required in \(month): \(reqs.reduce(0) { $0 + $1.required } * scenario.calendar.rules.slotMinutes / 60)")

// The roster: the default month, solved once (it takes seconds, not milliseconds).
do {
    let staff = try scenario.loadStaff()
    let requests = try scenario.loadRequests(staff: staff)
    let problem = try RosterProblem(month: month, calendar: scenario.calendar, services: scenario.services,
                                    requirements: reqs, staff: staff, requests: requests, rules: scenario.rules(for: month))
    let start = DispatchTime.now().uptimeNanoseconds
    let r = try RosterSolver(options: SolveOptions(timeLimit: 120)).solve(problem)
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    print(String(format: "roster %@: %@, objective %.3f, bound %.3f, gap %.4f%%, %.2f s (%d columns, %d rows, %d nodes)",
                 month.description, r.solution.status.rawValue, r.solution.objective ?? -1, r.solution.bound ?? -1,
                 (r.solution.gap ?? 1) * 100, seconds, r.columns, r.rows, r.solution.nodes))

    // Repair: one person absent for one day, for several people and days (target: under a second each).
    let working = r.roster.assignments.filter { $0.date >= month.first.adding(days: 7).description }
    var picks: [Roster.Assignment] = []
    for a in working where !picks.contains(where: { $0.staff == a.staff }) && picks.count < 5 { picks.append(a) }
    for a in picks + [working.last!] {
        let day = CivilDate(a.date)!
        let absent = Request(person: a.staff, from: day, through: day, kind: .leave, note: "欠勤", source: "bench")
        let p = try RosterProblem(month: month, calendar: scenario.calendar, services: scenario.services, requirements: reqs,
                                  staff: staff, requests: requests + [absent], rules: scenario.rules(for: month))
        let t0 = DispatchTime.now().uptimeNanoseconds
        let (fixed, changes) = try RosterRepair(options: SolveOptions(timeLimit: 30)).repair(p, original: r.roster, from: day, absentThrough: day)
        let t = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        print(String(format: "repair %@ absent %@: %@, %d changes, %.2f s (model build + reduce + solve)",
                     a.staff, a.date, fixed.solution.status.rawValue, changes.count, t))
    }

    // What-if sweep: the first line's demand ×1.0…2.0 in 11 levels, today's roster kept (target: under 10 s on 2 cores).
    let spec = SweepSpec(line: scenario.services[0].id, levels: (0...10).map { 1 + Double($0) / 10 })
    let reference = staff.first { $0.role == .staff } ?? staff[0]
    for jobs in [1, ProcessInfo.processInfo.activeProcessorCount] {
        let t0 = DispatchTime.now().uptimeNanoseconds
        let points = try SweepRunner(options: SolveOptions(timeLimit: 60), jobs: jobs).run(scenario: scenario, month: month, spec: spec,
                                                                                           base: r.roster, reference: reference)
        let t = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
        print(String(format: "sweep %@ x1.0..2.0 (11 levels) on %d thread(s): %.2f s; SL %.1f%% -> %.1f%%, extra staff-hours %.2f -> %.2f",
                     spec.line!, jobs, t, points.first!.serviceLevelAverage * 100, points.last!.serviceLevelAverage * 100,
                     points.first!.extraStaffHours, points.last!.extraStaffHours))
    }
}

// Large centres (generated, 31 days, four lines): the neighbourhood search with the
// symmetric LP bound, 60 s each. Set KINMU_BENCH_LARGE=20,150 to choose sizes (0 to skip)
// and KINMU_BENCH_SEEDS=1,2,3 to generate each size with several seeds (default 1).
do {
    let sizes = (ProcessInfo.processInfo.environment["KINMU_BENCH_LARGE"] ?? "20,150").split(separator: ",").compactMap { Int($0) }.filter { $0 > 0 }
    let seeds = (ProcessInfo.processInfo.environment["KINMU_BENCH_SEEDS"] ?? "1").split(separator: ",").compactMap { UInt64($0) }
    for n in sizes {
        for seed in seeds {
            let centre = SyntheticCentre(staff: n, days: 31, seed: seed)
            let problem = try centre.problem(days: 31)
            let start = DispatchTime.now().uptimeNanoseconds
            let r = try RosterSolver(options: SolveOptions(timeLimit: 60), method: .search).solve(problem)
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let s = r.search!
            print(String(format: "large centre %d staff, seed %d (%d columns, %d rows): construction %.0f in %.2f s; after %d neighbourhoods %.0f; bound %.0f (%@); gap %.1f%%; %.1f s",
                         n, seed, r.columns, r.rows, s.constructed ?? -1, s.constructionSeconds, s.neighbourhoods, r.solution.objective ?? -1,
                         r.solution.bound ?? -1, s.boundKind ?? "no bound finished",
                         (r.solution.gap ?? 1) * 100, seconds))
        }
    }
}
