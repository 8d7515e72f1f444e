import BusinessCalendar
import Foundation
import MIP

/// What a solve produced: the roster, the solver's account, and the shortfall.
public struct RosterResult: Sendable {
    public var roster: Roster
    public var solution: Solution
    /// Shortfall staff-hours per line of work id.
    public var shortfallHours: [String: Double]
    public var overtimeHours: Double
    public var columns: Int
    public var rows: Int
    /// What the neighbourhood search did, when the month was solved by it.
    public var search: SearchSummary?
}

/// The neighbourhood search's account of a solve (`RosterSolver.Method.search`).
public struct SearchSummary: Sendable {
    /// The greedy roster's objective, and the seconds it took.
    public var constructed: Double?
    public var constructionSeconds: Double
    public var neighbourhoods: Int
    public var improvements: Int
    /// Which bound is reported ("LP by days (Dantzig–Wolfe)": the best Lagrangian
    /// value of the decomposition, the exact LP once it converges); nil when none finished.
    public var boundKind: String?
}

/// Solves a month: checks that a supervisor can be present at every open moment
/// (and says why not), solves the program with GLPK, then fixes the shifts and
/// breaks and solves the who-serves-what LP, whose vertices are integral (for
/// fixed presence it is a transportation problem), so every slot gets one line
/// per person.
public struct RosterSolver: Sendable {
    public enum Method: String, Sendable, CaseIterable {
        /// One branch-and-cut search over the whole month.
        case monolithic
        /// A greedy roster improved by a large-neighbourhood search (`RosterSearch`),
        /// with the LP bound of the symmetric aggregation (`SymmetricBound`) computed
        /// beside it on the second core: for centres too large for one search.
        case search
        /// Search when the model has more than `automaticThreshold` columns (and is not a
        /// repair or sweep, whose fixed part `reduce` takes out), else monolithic. The default.
        case automatic
    }

    public var options: SolveOptions
    public var method: Method
    /// Take the fixed part of the program out before GLPK sees it (`LinearProgram.reduced()`):
    /// for repairs and what-if runs, where most of the month is fixed.
    public var reduce = false
    /// A month's branch and cut runs a second one on the other core, under pseudo-cost
    /// branching (`branchAndCut`). On by default; off to see one rule alone.
    public var race = true
    /// The share of the limit after which the race starts, unless the first branch and cut has
    /// finished (`branchAndCut`). Not at once: on this team's two cores a second GLPK beside the
    /// first slows it by half again to double (2027-07: 24.1 s against 10.8 s), and most months
    /// prove within 15% of the default 120 s.
    static let raceStart = 0.15
    public static let automaticThreshold = 30_000

    public init(options: SolveOptions = SolveOptions(timeLimit: 60), method: Method = .automatic, reduce: Bool = false) {
        self.options = options
        self.method = method
        self.reduce = reduce
    }

    /// Solves with GLPK, on the open part only when `reduce` is set.
    func glpk(_ program: LinearProgram, options: SolveOptions, progress: ((SolveProgress) -> Void)? = nil) throws -> Solution {
        guard reduce else { return try GLPKSolver().solve(program, options: options, progress: progress) }
        let clock = ContinuousClock(), t0 = clock.now
        let r = program.reduced()
        if ProcessInfo.processInfo.environment["KINMU_TRACE"] != nil {
            FileHandle.standardError.write(Data("reduce: \(program.columns.count)x\(program.rows.count) -> \(r.program.columns.count)x\(r.program.rows.count) (\(r.program.columns.filter { $0.kind != .continuous }.count) integer) in \(clock.now - t0)\n".utf8))
        }
        if r.infeasibility != nil {
            if ProcessInfo.processInfo.environment["KINMU_TRACE"] != nil { FileHandle.standardError.write(Data("reduce: infeasible at \(r.infeasibility!)\n".utf8)) }
            return Solution(status: .infeasible, stopReason: .completed, objective: nil, bound: nil, gap: nil, seconds: 0, values: [], nodes: 0)
        }
        if r.program.columns.isEmpty {
            return Solution(status: .optimal, stopReason: .completed, objective: r.objectiveOffset, bound: r.objectiveOffset, gap: 0,
                            seconds: 0, values: r.fixedValues, nodes: 0)
        }
        var o = options
        if let x = o.initialSolution { o.initialSolution = r.restrict(x) }
        let offset = r.objectiveOffset
        return r.expand(try GLPKSolver().solve(r.program, options: o, progress: progress.map { report in
            { p in
                var q = p
                q.incumbent = p.incumbent.map { $0 + offset }
                q.bound = p.bound.map { $0 + offset }
                report(q)
            }
        }))
    }

    public func solve(_ problem: RosterProblem, scenario: String? = nil,
                      progress: ((SolveProgress) -> Void)? = nil) throws -> RosterResult {
        if let why = Explainer.supervisorGaps(problem) { throw RosterError.infeasible(why) }
        return try solve(model: RosterModel(problem), scenario: scenario, progress: progress)
    }

    /// Solves a built (and possibly adjusted) model.
    public func solve(model: RosterModel, scenario: String? = nil,
               progress: ((SolveProgress) -> Void)? = nil) throws -> RosterResult {
        let problem = model.problem
        let clock = ContinuousClock()
        let started = clock.now
        // The whole solve honours the time limit: the search gets all of it but a
        // reserve for the serving LP (a tenth, at most 1.5 s: at 150 people it takes
        // ~0.3 s by blocks; without time it falls back to the search's values).
        var search = options
        if let limit = options.timeLimit {
            let spent = Self.seconds(clock.now - started)
            search.timeLimit = max(0.5, limit - min(0.1 * limit, 1.5) - spent)
        }
        let useSearch = method == .search || (method == .automatic && !reduce && model.program.columns.count > Self.automaticThreshold)
        // When the bounds already decide every shift and break (a kept roster), only
        // the serving LP below is left to solve.
        let decided = reduce && !model.program.reduced().program.columns.contains { $0.kind == .binary }
        var summary: SearchSummary?
        var solution = decided
            ? Solution(status: .optimal, stopReason: .completed, objective: nil, bound: nil, gap: 0, seconds: 0,
                       values: model.program.columns.map { $0.kind == .binary ? $0.lower : 0 }, nodes: 0)
            : useSearch
            ? try { let (s, r) = try Self.searchWithBound(model, options: search, progress: progress); summary = r; return s }()
            : try branchAndCut(model, options: search, progress: progress)
        switch solution.status {
        case .optimal, .feasible: break
        case .infeasible:
            throw RosterError.infeasible(try Explainer.leastBadOptions(model, options: options))
        case .noSolution:
            throw RosterError.solver("no roster found within the time limit (\(options.timeLimit.map { "\($0) s" } ?? "none")); raise --time-limit or --gap")
        case .unbounded:
            throw RosterError.solver("the roster model is unbounded: a weight is negative")
        }
        // Fix shifts and breaks (the binary columns; whole counts such as the fairness spread follow from
        // them); re-solve serving as an LP for an integral vertex.
        var fixed = model.program
        for j in fixed.columns.indices where fixed.columns[j].kind == .binary {
            let v = solution.values[j]
            fixed.setBounds(ColumnID(j), lower: v, upper: v)
        }
        // With presence fixed the serving problem is a transportation problem: its
        // simplex vertex is integral. A tiny cost on later skills keeps people on
        // their first line where that costs nothing else.
        for g in model.groups.indices {
            let skills = problem.staff[model.groups[g][0]].skills
            for d in problem.days.indices {
                for t in model.serve[g][d].indices {
                    for (l, y) in model.serve[g][d][t].enumerated() {
                        guard let y else { continue }
                        let rank = Double(skills.firstIndex(of: problem.services[l].id) ?? 0)
                        fixed.setObjective(y, fixed.column(y).objective + 1e-3 * rank)
                    }
                }
            }
        }
        // Under a work rate (`--deterministic`) this LP has no limit: on the clock it could stop under load and
        // leave the search's own serving, and two runs would differ in who serves what (seen in the test suite
        // on Nankoku 2027-07). With every shift fixed it is a transportation problem: it finishes.
        var lpOptions = SolveOptions(timeLimit: options.workRate != nil ? nil
                                                : options.timeLimit.map { max(1, $0 - Self.seconds(clock.now - started)) })
        lpOptions.presolve = false
        let tasks: Solution
        if useSearch {
            // A large month with every shift fixed falls apart into one small LP per slot.
            let r = fixed.reduced()
            tasks = r.infeasibility != nil
                ? Solution(status: .infeasible, stopReason: .completed, objective: nil, bound: nil, gap: nil, seconds: 0, values: [], nodes: 0)
                : r.expand(try GLPKSolver().solveByBlocks(r.program, options: lpOptions))
        } else {
            tasks = try glpk(fixed, options: lpOptions)
        }
        if decided {
            guard tasks.status == .optimal else {
                throw RosterError.infeasible(try Explainer.leastBadOptions(model, options: options))
            }
            let value = zip(model.program.columns, tasks.values).reduce(0.0) { $0 + $1.0.objective * $1.1 }
            solution = Solution(status: .optimal, stopReason: .completed, objective: value, bound: value, gap: 0,
                                seconds: Self.seconds(clock.now - started), values: tasks.values, nodes: 0)
        }
        // The whole solve on the clock (GLPK's `seconds` count work under a work rate).
        solution.seconds = Self.seconds(clock.now - started)
        let values = tasks.status == .optimal ? tasks.values : solution.values
        let roster = extract(model, values: values, solution: solution, scenario: scenario)
        var shortfall: [String: Double] = [:]
        for d in problem.days.indices {
            for t in model.short[d].indices {
                for (l, c) in model.short[d][t].enumerated() {
                    if let c { shortfall[problem.services[l].id, default: 0] += values[c.index] * model.slotHours }
                }
            }
        }
        let overtime = model.program.columns.indices.filter { model.program.columns[$0].name.hasPrefix("overtime[") }
            .reduce(0) { $0 + values[$1] }
        return RosterResult(roster: roster, solution: solution, shortfallHours: shortfall, overtimeHours: overtime,
                            columns: model.program.columns.count, rows: model.program.rows.count, search: summary)
    }

    /// One branch and cut over the whole month (`RosterModel.branchAndCutProgram`), run as
    /// a portfolio of two on the two cores. Under a time limit, Driebeck–Tomlin branching
    /// gets the first half here, and pseudo-cost branching the rest of the limit on the
    /// other core once the first has spent `raceStart` of it. The one that finishes first
    /// (proves its answer) stops the other (`Rival`), and its answer is the answer. Under a
    /// work rate only the race is stopped, so that whether each finishes is decided by its
    /// own work, not by which thread ran faster: Driebeck–Tomlin's answer if it finishes in
    /// its half, else the race's if it finishes in the limit. When the first half ends
    /// without a proof, the second goes to the neighbourhood search started from its roster
    /// (`RosterSearch`, the large centres' method; every step warm-started, so never worse),
    /// or from the search's own construction when it found none, until the race finishes or
    /// the time is up; then the better roster counts, and the higher bound. Months of Nankoku prove
    /// in 4–17 s under Driebeck–Tomlin but 2027-02, left on a plateau of half-integral
    /// LPs, which pseudo-costs prove in about 45 s more (sessions 25–26; Docs/Formulation.md
    /// "Every month"). Not for repairs and sweeps (`reduce`), whose kept part the search
    /// would have to respect as fixed.
    /// `firstShare`: Driebeck–Tomlin's share of the limit (a half; tests give it less).
    func branchAndCut(_ model: RosterModel, options: SolveOptions, firstShare: Double = 0.5,
                      progress: ((SolveProgress) -> Void)?) throws -> Solution {
        guard !reduce, let limit = options.timeLimit else { return try glpk(model.branchAndCutProgram, options: options, progress: progress) }
        let clock = ContinuousClock(), started = clock.now
        let trace = ProcessInfo.processInfo.environment["KINMU_TRACE"] != nil
        let program = model.branchAndCutProgram
        let byWork = options.workRate != nil
        @Sendable func finished(_ s: Solution) -> Bool { s.stopReason != .timeLimit }
        // The other core: the same programme from scratch under pseudo-costs, which find their first
        // roster late (so it is not the one the search polishes) but prove what Driebeck–Tomlin
        // leaves on a plateau (2027-02).
        let ours = Rival(), theirs = Rival()
        let race = Locked<Solution?>(nil)
        let raced = DispatchSemaphore(value: 0)
        var raceOptions = options
        raceOptions.branching = .pseudoCost
        raceOptions.rival = ours
        let solver = self
        // The race starts once Driebeck–Tomlin has spent `raceStart` of the limit without a proof
        // (most months prove before, and run alone), or when it stops, whichever comes first.
        let go = DispatchSemaphore(value: 0)
        let startedAt = Locked<Double?>(nil)  // Driebeck–Tomlin's seconds (or work) when the race started
        let thread = Thread { [raceOptions] in
            go.wait()
            guard !ours.isFinished else { raced.signal(); return }
            var raceOptions = raceOptions
            raceOptions.timeLimit = max(0.5, limit - (startedAt.value ?? 0))
            let s = try? solver.glpk(program, options: raceOptions)
            race.value = s
            if let s, finished(s) { theirs.finish() }
            raced.signal()
        }
        thread.stackSize = 64 << 20
        if self.race { thread.start() } else { raced.signal() }
        /// The race's answer when it finished first; its seconds the clock's unless counted in work.
        func raceWon() -> Solution? {
            guard var r = race.value, finished(r) else { return nil }
            r.seconds = byWork ? (startedAt.value ?? 0) + r.seconds : Self.seconds(clock.now - started)
            if trace {
                FileHandle.standardError.write(Data(String(format: "race: pseudo-costs finished first, %@ %.3f in %.2f\n",
                                                           r.status.rawValue, r.objective ?? Double.nan, r.seconds).utf8))
            }
            return r
        }

        var first = options
        first.timeLimit = firstShare * limit
        if !byWork { first.rival = theirs }
        func start(at seconds: Double) {
            guard startedAt.value == nil else { return }
            startedAt.value = seconds
            go.signal()
        }
        /// Tells the race to stop (releasing it first if it has not started).
        func release() {
            ours.finish()
            start(at: 0)
        }
        defer { release() }  // whatever happens here, an error included
        var solution = try glpk(program, options: first, progress: { p in
            if p.seconds >= Self.raceStart * limit { start(at: byWork ? p.seconds : Self.seconds(clock.now - started)) }
            progress?(p)
        })
        if finished(solution) {
            release()
            raced.wait()
            if !byWork { solution.seconds = Self.seconds(clock.now - started) }
            return solution
        }
        start(at: byWork ? solution.seconds : Self.seconds(clock.now - started))
        // The race finished first (and on the clock stopped this one).
        if theirs.isFinished {
            raced.wait()
            return raceWon()!
        }
        // Cut off with a roster, the search polishes it; cut off before its first roster (a small
        // limit), the search builds its own (greedy, then neighbourhoods) rather than give up.
        guard solution.status == .feasible || solution.status == .noSolution else {
            release()
            raced.wait()
            return solution
        }
        let found = solution.status == .feasible ? solution.objective : nil
        // Seconds, or with a work rate GLPK's work: the search counts the same way.
        let spent = byWork ? solution.seconds : Self.seconds(clock.now - started)
        var polish = RosterSearch(model: model, timeLimit: max(0.5, limit - spent))
        polish.workRate = options.workRate
        let bound = solution.bound
        func gap(_ o: Double) -> Double? { bound.map { Self.gap(o, bound: $0) } }
        // The polish stops once the race finishes: its answer is then the answer.
        let (polished, report) = try polish.solve(start: found == nil ? nil : solution.values, stop: { theirs.isFinished },
                                                  progress: { p in
            progress?(SolveProgress(seconds: spent + p.seconds, incumbent: p.incumbent, bound: bound,
                                    gap: p.incumbent.flatMap(gap), nodes: solution.nodes))
        })
        if trace {
            FileHandle.standardError.write(Data(String(format: "polish: branch and cut %.3f, search %.3f (%d neighbourhoods, %d improvements)\n",
                                                       found ?? Double.nan, polished.objective ?? Double.nan, report.neighbourhoods, report.improvements).utf8))
        }
        raced.wait()
        if let r = raceWon() { return r }
        if let o = polished.objective, o < (found ?? .infinity) - 1e-9 * max(1, abs(o)) {
            solution.values = polished.values
            solution.objective = o
            solution.status = .feasible
        }
        if let r = race.value {
            if trace {
                FileHandle.standardError.write(Data(String(format: "race: pseudo-costs %@ %.3f, bound %.3f\n", r.status.rawValue,
                                                           r.objective ?? Double.nan, r.bound ?? Double.nan).utf8))
            }
            // A strictly better roster is taken; an equal one leaves ours (the first half's, polished).
            if let o = r.objective, o < (solution.objective ?? .infinity) - 1e-9 * max(1, abs(o)) {
                solution.values = r.values
                solution.objective = o
                solution.status = .feasible
            }
            if let b = r.bound, b > (solution.bound ?? -.infinity) { solution.bound = b }
        }
        if let o = solution.objective, let b = solution.bound {
            solution.gap = Self.gap(o, bound: b)
            if solution.gap == 0 { solution.status = .optimal }  // as GLPK reports a roster on its bound
        }
        solution.seconds = byWork ? spent + polished.seconds : Self.seconds(clock.now - started)
        return solution
    }

    /// The relative gap of a roster worth `objective` above a bound found apart from it.
    static func gap(_ objective: Double, bound: Double) -> Double {
        max(0, (objective - bound) / max(1e-9, abs(objective)))
    }

    /// `RosterSearch` on this thread, `SymmetricBound` on another, for the same time.
    /// The bound thread solves the exact LP by Dantzig–Wolfe over days, rounds its
    /// solution into whole class counts per day and offers it to the search, which
    /// turns it into a roster and keeps it when it is better than its own. Once the
    /// LP has converged the bound's thread searches too, beside the first search,
    /// the two sharing one incumbent.
    static func searchWithBound(_ model: RosterModel, options: SolveOptions,
                                progress: ((SolveProgress) -> Void)?) throws -> (Solution, SearchSummary) {
        let limit = options.timeLimit ?? 60
        let rate = options.workRate
        let clock = ContinuousClock(), started = clock.now
        let bound = Locked<(value: Double, kind: String)?>(nil)
        let boundDone = DispatchSemaphore(value: 0)
        let problem = model.problem
        let trace = ProcessInfo.processInfo.environment["KINMU_TRACE"] != nil
        let offers = Locked<[[Double]]>([])
        let shared = Locked<RosterSearch.Incumbent?>(nil)
        let thread = Thread {
            let symmetric = SymmetricBound(problem)
            var roundings = 0
            let left = limit - RosterSolver.seconds(clock.now - started)
            _ = try? symmetric.boundByDays(deadline: rate != nil ? limit : left, primalAfter: 0.6 * limit, workRate: rate) { b in
                bound.update { if $0 == nil || b > $0!.value { $0 = (b, "LP by days (Dantzig–Wolfe)") } }
                if trace {
                    FileHandle.standardError.write(Data(String(format: "bound: %6.2fs %.1f\n", RosterSolver.seconds(clock.now - started), b).utf8))
                }
            } primal: { aggregated in
                // As many of each class on each shift as the rounding says; which members,
                // the search's construction decides (here, on this thread).
                let share = symmetric.shares(aggregated)
                let left = rate != nil ? min(10, 0.15 * limit) : limit - 1.5 - RosterSolver.seconds(clock.now - started)
                guard left > 1 else { return false }
                let built: [Double]?
                do {
                    var construction = RosterSearch(model: model, timeLimit: left)
                    construction.workRate = rate
                    built = try construction.construct(following: share, classes: symmetric.classes, deadline: min(left, 10))
                } catch {
                    if trace { FileHandle.standardError.write(Data("search: LP rounded: \(error)\n".utf8)) }
                    return false
                }
                guard let x = built else { return false }
                offers.update { $0.append(x) }
                // Two roundings in all (mid-way and at convergence, or two at convergence):
                // at 150 people later ones were never better than the search's roster.
                roundings += 1
                return roundings < 2 && (rate != nil ? limit >= 30 : limit - RosterSolver.seconds(clock.now - started) > 6)
            }
            // The LP solved and rounded: this core searches beside the other, from the
            // best roster so far (the search publishes its start at once).
            let rest = limit - RosterSolver.seconds(clock.now - started)
            // (Not with a work rate: two searches trading rosters as they go depend on which runs faster.)
            if rate == nil, rest > 3, let start = shared.value?.values {
                _ = try? RosterSearch(model: model, timeLimit: rest, seed: 2).solve(shared: shared, start: start, sweepFirst: false)
            }
            boundDone.signal()
        }
        thread.stackSize = 16 << 20
        thread.start()
        var search = RosterSearch(model: model, timeLimit: limit)
        search.workRate = rate
        // With a work rate the search waits for the bound's roundings at a fixed point of its
        // work, and the bound is awaited to the end: the answer does not depend on the clock.
        let awaitBound = rate == nil ? nil : { boundDone.wait(); boundDone.signal() }
        var (solution, report) = try search.solve(offers: offers, shared: shared, awaitOffers: awaitBound, progress: { progress?($0) })
        if rate != nil {
            boundDone.wait()
        } else {
            _ = boundDone.wait(timeout: .now() + max(0, limit - seconds(clock.now - started)) + 1)
        }
        if let inc = shared.value, let o = solution.objective, inc.value < o {
            solution.values = inc.values
            solution.objective = inc.value
        }
        let best = bound.value
        if let b = best, let o = solution.objective {
            solution.bound = b.value
            solution.gap = gap(o, bound: b.value)
        }
        solution.seconds = seconds(clock.now - started)
        return (solution, SearchSummary(constructed: report.constructed, constructionSeconds: report.constructionSeconds,
                                        neighbourhoods: report.neighbourhoods, improvements: report.improvements,
                                        boundKind: best?.kind))
    }

    /// Who serves which line in each slot: each group's counts per line handed to
    /// the members present, keeping a person on the line they served the slot before.
    func lineAssignments(_ model: RosterModel, values: [Double]) -> [[[Int?]]] {
        let problem = model.problem
        var lines = problem.staff.indices.map { _ in problem.days.indices.map { [Int?](repeating: nil, count: problem.days[$0].slotCount) } }
        for (g, members) in model.groups.enumerated() {
            for d in problem.days.indices {
                for t in 0..<problem.days[d].slotCount {
                    var count = model.serve[g][d][t].map { $0.map { Int(values[$0.index].rounded()) } ?? 0 }
                    guard count.contains(where: { $0 > 0 }) else { continue }
                    let present = members.filter { p in
                        model.presenceTerms(p, d, t).reduce(0.0) { $0 + $1.1 * values[$1.0.index] } > 0.5
                    }
                    var free: [Int] = []
                    for p in present {  // stay on last slot's line when it still needs people
                        if t > 0, let l = lines[p][d][t - 1], count[l] > 0 { lines[p][d][t] = l; count[l] -= 1 } else { free.append(p) }
                    }
                    for p in free {
                        let skills = problem.staff[p].skills
                        if let l = problem.services.indices.filter({ count[$0] > 0 })
                            .min(by: { (skills.firstIndex(of: problem.services[$0].id) ?? 99) < (skills.firstIndex(of: problem.services[$1].id) ?? 99) }) {
                            lines[p][d][t] = l
                            count[l] -= 1
                        }
                    }
                }
            }
        }
        return lines
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }

    func extract(_ model: RosterModel, values: [Double], solution: Solution, scenario: String?) -> Roster {
        let problem = model.problem
        let lines = lineAssignments(model, values: values)
        var assignments: [Roster.Assignment] = []
        for p in problem.staff.indices {
            for d in problem.days.indices {
                guard let o = model.work[p][d].indices.first(where: { values[model.work[p][d][$0].index] > 0.5 }) else { continue }
                let opt = problem.options[p][d][o]
                let shift = problem.rules.shifts[opt.shift]
                var breaks: [Roster.Interval] = []
                if let k = model.breakStart[p][d][o].indices.first(where: { values[model.breakStart[p][d][o][$0].index] > 0.5 }) {
                    let b = opt.breakStarts[k]
                    breaks.append(.init(start: problem.slotStart(d, b).description,
                                        end: problem.slotStart(d, b + opt.breakSlots).description))
                }
                var tasks: [Roster.Task] = []
                for t in opt.presence {
                    guard let l = lines[p][d][t] else { continue }
                    let id = problem.services[l].id
                    let start = problem.slotStart(d, t).description
                    let end = problem.slotStart(d, t + 1).description
                    if let last = tasks.last, last.service == id, last.end == start {
                        tasks[tasks.count - 1].end = end
                    } else {
                        tasks.append(.init(start: start, end: end, service: id))
                    }
                }
                let meetings = problem.rules.meetings.filter { $0.date == problem.days[d].date && $0.attendees.contains(problem.staff[p].id) }
                assignments.append(.init(staff: problem.staff[p].id, date: problem.days[d].date.description, shift: shift.code,
                                         start: shift.hours.open.description, end: shift.hours.close.description,
                                         breaks: breaks, tasks: tasks,
                                         meetings: meetings.isEmpty ? nil : meetings.map { .init(start: $0.hours.open.description, end: $0.hours.close.description) }))
            }
        }
        assignments.sort { ($0.date, $0.staff) < ($1.date, $1.staff) }
        func round(_ x: Double?) -> Double? { x.map { ($0 * 1e6).rounded() / 1e6 } }
        return Roster(
            month: problem.month.description, scenario: scenario, status: solution.status.rawValue,
            objective: round(solution.objective), bound: round(solution.bound), gap: round(solution.gap),
            seconds: (solution.seconds * 1000).rounded() / 1000,
            supervisorsCountDeputies: problem.rules.supervisors.deputiesCount,
            staff: problem.staff.map { .init(id: $0.id, name: $0.name, role: $0.role.rawValue) },
            days: problem.days.map { .init(date: $0.date.description, kind: $0.kind.rawValue,
                                           open: $0.hours!.open.description, close: $0.hours!.close.description) },
            assignments: assignments)
    }
}
