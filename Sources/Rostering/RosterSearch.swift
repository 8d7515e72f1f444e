import Demand
import Foundation
import MIP

/// For months too large for one branch-and-cut search (a centre of a hundred
/// people or more): a roster built greedily, then improved by a large-
/// neighbourhood search whose every step is a small GLPK program — the same
/// method as the benchmark solver (`NRPSolver`), on the same `LinearProgram`
/// machinery (`reduced()`, warm starts).
///
/// - Construction: meetings first, then supervisors day by day until every open
///   slot has two on shift (so that breaks can alternate), then every (person,
///   day, shift) by its worth — the staff-slots of unmet requirement it covers
///   at the shortfall weight, minus its cost and the excess it adds — taken
///   greedily (lazily re-scored) while every capacity row of the program (weekly
///   and monthly hours and days, runs, rest, one shift a day) still holds.
///   Breaks are then placed day by day where the counter has most to spare,
///   never leaving the counter without a supervisor. The rows are read from the
///   program, so a rule added to the model binds the construction too.
/// - Completion: with every shift and break fixed, the rest (who serves which
///   line, shortfall, overtime, fairness) is an LP; the reduced program is small.
/// - Search: neighbourhoods of one day, a window of days or two days of one week
///   with everyone open, of a few people over a labour week, and of one class of
///   interchangeable people over a span of days; the rest is
///   fixed (including other days' serving), the sub-program reduced and
///   warm-started from the incumbent, so a step never makes the roster worse.
///   Two searches can run side by side on one shared incumbent (`Incumbent`).
///
/// It proves nothing: the bound comes from `SymmetricBound`.
public struct RosterSearch: Sendable {
    public let model: RosterModel
    public var timeLimit: Double
    public var seed: UInt64
    /// Deterministic work (`SolveOptions.workRate`): every limit and every reading of
    /// the time counts GLPK's work (iterations and nodes, weighted by size) instead of
    /// the clock — the same month then gives the same roster under any load. nil: the clock.
    public var workRate: Double? = nil

    public init(model: RosterModel, timeLimit: Double, seed: UInt64 = 1) {
        self.model = model
        self.timeLimit = timeLimit
        self.seed = seed
    }

    /// What a run did, for the log and the benchmark.
    public struct Report: Sendable {
        public var constructed: Double?
        public var constructionSeconds: Double = 0
        public var neighbourhoods = 0
        public var improvements = 0
    }

    /// The best roster of searches running side by side: each takes it over when
    /// it is better than its own and publishes its improvements to it. `serial`
    /// names the version, so a search can tell whether another moved it meanwhile.
    public struct Incumbent: Sendable {
        public var value: Double
        public var values: [Double]
        public var serial: Int
    }

    /// `offers`: rosters (values of the program) made elsewhere — the bound's thread
    /// rounds its LP — taken over when better than the search's own.
    /// `shared`: the incumbent of searches running side by side (on another core).
    /// An improvement found from a version another search has since moved is
    /// found again from theirs (the same neighbourhood re-solved from the shared
    /// roster), so neither search's gains are lost.
    /// `start`: a roster to start from instead of the construction.
    /// `sweepFirst`: begin with a sweep over every single day (false for a search
    /// beside another that sweeps the same roster: it draws its kinds from the start).
    /// `awaitOffers`: called once, when 30% of the time is spent, before the offers are
    /// read — with a work rate, the search waits there for the bound's roundings, so
    /// that what it sees does not depend on which thread ran faster.
    /// `stop`: asked before each neighbourhood; true ends the search there (another
    /// thread has proved the roster cannot be bettered).
    public func solve(offers: Locked<[[Double]]>? = nil, shared: Locked<Incumbent?>? = nil, start: [Double]? = nil,
                      sweepFirst: Bool = true, awaitOffers: (() -> Void)? = nil, stop: (() -> Bool)? = nil,
                      progress: ((SolveProgress) -> Void)? = nil) throws -> (Solution, Report) {
        let watch = Stopwatch(rate: workRate)
        func elapsed() -> Double { watch.elapsed }
        var report = Report()
        let trace = ProcessInfo.processInfo.environment["KINMU_TRACE"] != nil
        let program = model.program
        let slotColumns = Set(model.slotColumns.map(\.column.index))
        // Shifts, breaks (the binary columns) and the slot families are what a
        // neighbourhood opens or fixes; the per-person columns (overtime, the
        // fairness spread, contract minimums, unmet requests) stay free to follow them.
        let decision = program.columns.indices.map { program.columns[$0].kind == .binary || slotColumns.contains($0) }

        let who = start == nil ? "search" : "search²"
        guard var current = try start ?? construct(deadline: timeLimit * 0.5) else {
            return (Solution(status: .noSolution, stopReason: .timeLimit, objective: nil, bound: nil, gap: nil,
                             seconds: elapsed(), values: [], nodes: 0), report)
        }
        var value = program.objectiveValue(current)
        var serial = 0  // the version of `shared` that `current` is (0: none)
        /// `current` offered to the searches alongside.
        func publish() {
            shared?.update { inc in
                if inc == nil || inc!.serial == serial || value < inc!.value - 1e-6 * max(1, abs(value)) {
                    serial = (inc?.serial ?? 0) + 1
                    inc = Incumbent(value: value, values: current, serial: serial)
                }
            }
        }
        /// Takes the shared roster when another search has made it better.
        func adopt() -> Bool {
            guard let inc = shared?.value, inc.serial != serial, inc.value < value - 1e-6 * max(1, abs(value)) else { return false }
            current = inc.values
            value = inc.value
            serial = inc.serial
            return true
        }
        /// The objective of a roster that beats `current` and breaks no row (nil otherwise).
        func improves(_ x: [Double]?) -> Double? {
            guard let x else { return nil }
            let v = program.objectiveValue(x)
            return v < value - 1e-6 * max(1, abs(value)) && program.violatedRows(x, tolerance: 1e-5).isEmpty ? v : nil
        }
        /// A better roster (of value `v`) becomes `current`, offered to the searches alongside.
        func take(_ x: [Double], _ v: Double) {
            current = x.enumerated().map { j, x in program.columns[j].kind == .continuous ? x : x.rounded() }
            value = v
            publish()
            report.improvements += 1
            progress?(SolveProgress(seconds: elapsed(), incumbent: value, bound: nil, gap: nil, nodes: report.neighbourhoods))
        }
        if start == nil {
            report.constructed = value
            report.constructionSeconds = elapsed()
        }
        publish()
        if trace {
            FileHandle.standardError.write(Data(String(format: "%@: start %.1f in %.2fs (%@)\n", who, value, elapsed(), Self.breakdown(program, current)).utf8))
        }
        progress?(SolveProgress(seconds: elapsed(), incumbent: value, bound: nil, gap: nil, nodes: 0))

        // Columns by day (shifts, breaks and the slot families) and by person and day.
        let days = model.problem.days.count
        var dayColumns = [[Int]](repeating: [], count: days)
        var personDay = [[[Int]]](repeating: [[Int]](repeating: [], count: days), count: model.problem.staff.count)
        for p in model.work.indices {
            for d in 0..<days {
                for (o, x) in model.work[p][d].enumerated() {
                    let cols = [x.index] + model.breakStart[p][d][o].map(\.index)
                    dayColumns[d] += cols
                    personDay[p][d] += cols
                }
            }
        }
        var slotColumnsOfDay = [[Int]](repeating: [], count: days)
        for c in model.slotColumns { slotColumnsOfDay[c.day].append(c.column.index) }
        // Serving columns by group and day, and the shortfall and excess columns by day:
        // a people neighbourhood opens only its people's groups (the others keep serving as they do).
        var serveOf = [[[Int]]](repeating: [[Int]](repeating: [], count: days), count: model.groups.count)
        var serving = Set<Int>()
        for g in model.serve.indices {
            for d in model.serve[g].indices {
                for slot in model.serve[g][d] { for y in slot { if let y { serveOf[g][d].append(y.index); serving.insert(y.index) } } }
            }
        }
        let unservedOfDay = slotColumnsOfDay.map { $0.filter { !serving.contains($0) } }
        /// The named people's shifts and breaks over the days, their groups' serving, and every shortfall and excess column of those days.
        func openPeople(_ chosen: [Int], _ week: [Int]) -> Set<Int> {
            var open = Set<Int>()
            let groups = Set(chosen.map { model.groupOf[$0] })
            for d in week {
                open.formUnion(unservedOfDay[d])
                for g in groups { open.formUnion(serveOf[g][d]) }
                for p in chosen { open.formUnion(personDay[p][d]) }
            }
            return open
        }
        /// Everyone's shifts and breaks over the days, and every slot column of those days.
        func openDays(_ ds: [Int]) -> Set<Int> {
            var open = Set<Int>()
            for d in ds { open.formUnion(dayColumns[d]); open.formUnion(slotColumnsOfDay[d]) }
            return open
        }
        let weeks = model.weeks.map(\.days).filter { !$0.isEmpty }
        /// The pattern programme of `chosen` over `week` from `current` (`Self.patternProgram`),
        /// with every shift, break and slot column outside `open` (their `openPeople`) fixed.
        func patternProgram(_ chosen: [Int], _ week: [Int], open: Set<Int>) -> PatternProgram {
            var fixed = program
            for j in program.columns.indices where decision[j] && !open.contains(j) {
                fixed.setBounds(ColumnID(j), lower: current[j], upper: current[j])
            }
            return Self.patternProgram(model, fixed, current: current, chosen: chosen, week: week)
        }

        var rng = SplitMix64(seed: seed)
        var window = 2, people = 8
        var iteration = sweepFirst ? 0 : days
        var dayQueue = rng.shuffled(Array(0..<days))
        // Adaptive choice of the kind of neighbourhood (as in adaptive LNS): each
        // kind's weight follows its recent gain per second; a kind is drawn with
        // probability in proportion to its weight (plus a floor, so none starves).
        enum Kind: Int, CaseIterable { case day, people, window, shortWeek, idle, dayPair, classSpan, patterns }
        var weight: [Double] = [1, 1, 1, 1, 1, 1, 1, 1]
        // Classes of interchangeable people with more than one member, and the span of days their neighbourhood opens.
        let alike = SymmetricBound.classes(model.problem).filter { $0.count > 1 }
        var span = 14
        let problem = model.problem
        // People with a shift that needs no break (part-timers, typically): whose whole weeks the pattern neighbourhood re-chooses.
        let patterned = problem.staff.indices.filter { p in problem.options[p].contains { $0.contains { $0.breakStarts.isEmpty } } }
        let weekCap = problem.staff.indices.map { model.weeklyHoursCap($0) ?? problem.rules.labour.maxHoursPerWeek }
        let shortest = problem.staff.indices.map { p in problem.options[p].joined().map(\.workHours).filter { $0 > 0 }.min() ?? 0 }
        let shortColumnsOfDay: [[Int]] = model.short.map { $0.flatMap { $0.compactMap { $0?.index } } }
        /// The shortfall of `current` by day and by week (of `weeks`).
        func shortfalls() -> (byDay: [Double], byWeek: [Double]) {
            let short = (0..<days).map { d in shortColumnsOfDay[d].reduce(0.0) { $0 + current[$1] } }
            return (short, weeks.map { $0.reduce(0.0) { $0 + short[$1] } })
        }
        /// A week drawn in proportion to its shortfall in `current`, and the shortfall by day.
        func shortWeek() -> (week: [Int], short: [Double]) {
            let (short, weekShort) = shortfalls()
            var u = Double(rng.next() >> 11) / Double(1 << 53) * (weekShort.reduce(0, +) + 1e-9)
            for (k, w) in weekShort.enumerated() {
                u -= w
                if u <= 0 { return (weeks[k], short) }
            }
            return (weeks[weeks.count - 1], short)
        }
        var kind = Kind.day
        var patternWeeks: [[Int]] = [], patternRoundGain = 0.0, patternsDue = false
        var polish: [Int] = []  // days to re-solve next, after a pattern neighbourhood changed their week
        var patternShare = 1.0  // the share of `patterned` a pattern neighbourhood opens
        var awaited = awaitOffers == nil
        while elapsed() < timeLimit - 0.5, stop?() != true {
            if !awaited, elapsed() >= 0.3 * timeLimit {
                awaited = true
                awaitOffers?()
            }
            var pending: [[Double]] = []
            offers?.update { pending = $0; $0 = [] }
            for offer in pending {
                let better = improves(offer)
                if trace {
                    FileHandle.standardError.write(Data(String(format: "search: %6.2fs roster from the LP %.1f (%@)%@\n", elapsed(),
                                                               program.objectiveValue(offer), Self.breakdown(program, offer),
                                                               better != nil ? ", taken" : "").utf8))
                }
                if let v = better {
                    take(offer, v)
                    dayQueue = rng.shuffled(Array(0..<days))
                    iteration = 0  // a fresh sweep over every day
                    kind = .day
                }
            }
            if adopt(), trace {
                FileHandle.standardError.write(Data(String(format: "%@: %6.2fs took the roster found alongside, %.1f\n", who, elapsed(), value).utf8))
            }
            iteration += 1
            watch.charge(0.01)  // each step costs something, solved or not (a work clock must move)
            // After each sweep over every day: a round of pattern neighbourhoods over the weeks
            // with shortfall, worst first; another round while the last one gained. The first
            // search not in its first 30% of the time: on the greedy roster, before the sweeps and
            // the LP's roster have shaped it, they ran out of time without gain.
            if iteration == days + 1 { patternsDue = true }
            if (patternsDue && (start != nil || elapsed() >= 0.3 * timeLimit)) || (patternWeeks.isEmpty && patternRoundGain > 0) {
                patternsDue = false
                let weekShort = shortfalls().byWeek
                patternWeeks = patterned.isEmpty ? [] : weeks.indices.filter { weekShort[$0] > 1e-9 }.sorted { weekShort[$0] > weekShort[$1] }.map { weeks[$0] }
                // The second search takes the weeks the other way round, so the two work on different weeks.
                if start != nil { patternWeeks.reverse() }
                patternRoundGain = 0
            }
            var patternWeek: [Int]? = nil
            if iteration > days, !polish.isEmpty {
                kind = .day
            } else if iteration > days, !patternWeeks.isEmpty {
                patternWeek = patternWeeks.removeFirst()
                kind = .patterns
            } else if iteration > days {  // after the first sweep over every day
                let total = weight.reduce(0, +) + 0.1 * Double(weight.count)
                var u = Double(rng.next() >> 11) / Double(1 << 53) * total
                kind = .window
                for k in Kind.allCases {
                    u -= weight[k.rawValue] + 0.1
                    if u <= 0 { kind = k; break }
                }
            }
            if kind == .patterns {
                // Whole weeks re-chosen among patterns (`patternProgram`) for everyone with a shift
                // that needs no break: the round's next week, or (drawn adaptively) a week drawn by
                // its shortfall; its own time cap (a week's pattern programme takes GLPK 2–5 s at 150 people).
                let week = patternWeek ?? shortWeek().week
                guard !patterned.isEmpty else { weight[kind.rawValue] = 0; continue }
                let limit = min(6, timeLimit - 0.3 - elapsed())
                guard limit > 0.5 else { break }
                // A share of them (all to start), drawn at random: smaller when a week runs out of time
                // without a gain, larger again when one solves in half its time.
                let chosen = patternShare >= 1 ? patterned
                    : rng.shuffled(patterned).prefix(max(2, Int((Double(patterned.count) * patternShare).rounded()))).sorted()
                let opened = openPeople(chosen, week)
                let pattern = patternProgram(chosen, week, open: opened)
                guard let step = try GLPKSolver().solveNeighbourhood(pattern.program, from: pattern.start, timeLimit: limit, relativeGap: 1e-4,
                                                                     workRate: workRate) else { continue }
                watch.charge(step.solution)
                report.neighbourhoods += 1
                let before = value
                if trace {
                    FileHandle.standardError.write(Data(String(format: "%@: %6.2fs patterns of %d people (%d), week of day %d %dx%d %@ %.2fs\n", who, elapsed(),
                                                               chosen.count, pattern.patterns.count, week[0], step.columns, step.rows,
                                                               step.solution.status.rawValue, step.solution.seconds).utf8))
                }
                if let x = step.values {
                    var y = pattern.roster(x)
                    // When the other search has moved the shared roster meanwhile (a pattern solve is too
                    // long to repeat from theirs), the week is grafted onto theirs: kept if still lawful and better.
                    if improves(y) != nil {
                        if adopt() {
                            var graft = current
                            for j in opened { graft[j] = y[j] }
                            y = graft
                        }
                        if let v = improves(y) {
                            take(y, v)
                            // The week's days re-solved for everyone next (breaks and serving around the new weeks).
                            polish += week
                            if trace { FileHandle.standardError.write(Data(String(format: "%@: %6.2fs → %.1f\n", who, elapsed(), value).utf8)) }
                        }
                    }
                }
                let rate = max(0, before - value) / max(1e-9, abs(before)) / max(0.05, step.solution.seconds) * 1000
                weight[kind.rawValue] = 0.7 * weight[kind.rawValue] + 0.3 * rate
                if step.solution.stopReason == .timeLimit && value >= before { patternShare = max(0.3, patternShare * 0.6) }
                else if step.solution.status == .optimal && step.solution.seconds < limit / 2 { patternShare = min(1, patternShare * 1.25) }
                if patternWeek != nil { patternRoundGain += max(0, before - value) }
                continue
            }
            var open = Set<Int>()
            var label: String
            switch kind {
            case .patterns: continue  // solved above
            case .day:
                if dayQueue.isEmpty { dayQueue = rng.shuffled(Array(0..<days)) }
                let d = polish.isEmpty ? dayQueue.removeFirst() : polish.removeFirst()
                open = openDays([d])
                label = "day \(d)"
            case .window:
                let from = rng.upTo(max(0, days - window))
                let range = from..<min(days, from + window)
                open = openDays(Array(range))
                label = "days \(range.lowerBound)-\(range.upperBound - 1)"
            case .dayPair:
                // Work moved between two days of one week, for everyone: the week drawn
                // in proportion to its shortfall, its worst day and another of its days.
                let (week, short) = shortWeek()
                let worst = week.max { short[$0] < short[$1] }!
                let rest = week.filter { $0 != worst }
                let pair = rest.isEmpty ? [worst] : [worst, rest[rng.upTo(rest.count - 1)]]
                open = openDays(pair)
                label = "days \(pair.map(String.init).joined(separator: " and "))"
            case .classSpan:
                // One class of interchangeable people over a span of days: who of them works
                // which day, with their weeks' rows (runs, days off, hours) moving together.
                guard !alike.isEmpty else { continue }
                let members = alike[rng.upTo(alike.count - 1)]
                let from = rng.upTo(max(0, days - span))
                let range = Array(from..<min(days, from + span))
                open = openPeople(members, range)
                label = "class of \(members.count) (\(problem.staff[members[0]].employment.rawValue)), days \(range[0])-\(range.last!)"
            case .people:
                let week = weeks[rng.upTo(weeks.count - 1)]
                let chosen = rng.shuffled(Array(model.problem.staff.indices)).prefix(people)
                open = openPeople(Array(chosen), week)
                label = "\(chosen.count) people, week of day \(week[0])"
            case .shortWeek:
                // Aimed at the shortfall: a week drawn in proportion to its shortfall, and
                // people off on its worst day (who could come in) with as many others.
                let (week, short) = shortWeek()
                let worst = week.max { short[$0] < short[$1] }!
                let off = model.problem.staff.indices.filter { p in
                    !model.work[p][worst].isEmpty && !model.work[p][worst].contains { current[$0.index] > 0.5 }
                }
                var chosen = Array(rng.shuffled(off).prefix(max(1, people / 2)))
                let others = rng.shuffled(Array(model.problem.staff.indices.filter { !chosen.contains($0) }))
                chosen += others.prefix(max(0, people - chosen.count))
                open = openPeople(chosen, week)
                label = "\(chosen.count) people (\(min(off.count, max(1, people / 2))) off on day \(worst)), week of day \(week[0])"
            case .idle:
                // Aimed at hours left unused: a week drawn in proportion to its
                // shortfall, the people with room for one more shift that week, and as
                // many others who share a line of work with them.
                let week = shortWeek().week
                let room = problem.staff.indices.compactMap { p -> (Int, Double)? in
                    var hours = 0.0, worked = 0
                    for d in week {
                        for (o, x) in model.work[p][d].enumerated() where current[x.index] > 0.5 { hours += problem.options[p][d][o].workHours; worked += 1 }
                    }
                    let free = weekCap[p] - hours
                    return free >= shortest[p] - 1e-9 && worked < week.count - 1 && shortest[p] > 0 ? (p, free) : nil
                }
                var chosen = rng.shuffled(room.map(\.0)).prefix(max(1, people / 2)).map { $0 }
                let skills = Set(chosen.flatMap { problem.staff[$0].skills })
                let others = rng.shuffled(problem.staff.indices.filter { p in !chosen.contains(p) && problem.staff[p].skills.contains { skills.contains($0) } })
                chosen += others.prefix(max(0, people - chosen.count))
                open = openPeople(chosen, week)
                label = "\(chosen.count) people (\(min(room.count, max(1, people / 2))) with room), week of day \(week[0])"
            }
            /// The neighbourhood solved from `current` (the rest fixed at it).
            func solveOpen(_ share: Double) throws -> NeighbourhoodOutcome? {
                var lp = program
                for j in program.columns.indices where decision[j] && !open.contains(j) {
                    lp.setBounds(ColumnID(j), lower: current[j], upper: current[j])
                }
                let step = try GLPKSolver().solveNeighbourhood(lp, from: current, timeLimit: share, relativeGap: 1e-4, workRate: workRate)
                if let step { watch.charge(step.solution) }
                return step
            }
            let share = min(max(1, min(2.5, timeLimit / 12)), timeLimit - 0.3 - elapsed())
            guard share > 0.2 else { break }
            guard var step = try solveOpen(share) else { continue }
            let s = step.solution
            report.neighbourhoods += 1
            let quick = s.status == .optimal && s.seconds < share * 0.3
            switch kind {
            case .day, .dayPair, .patterns: break
            case .classSpan:
                if quick { span = min(days, span + 2) } else if s.stopReason == .timeLimit { span = max(4, span - 2) }
            case .window:
                if quick { window = min(days, window + 1) } else if s.stopReason == .timeLimit { window = max(2, window - 1) }
            case .people, .shortWeek, .idle:
                if quick { people = min(model.problem.staff.count, people + 2) } else if s.stopReason == .timeLimit { people = max(2, people - 2) }
            }
            var before = value
            defer {
                // Gain per second, relative to the objective, smoothed.
                let rate = max(0, before - value) / max(1e-9, abs(before)) / max(0.05, s.seconds) * 1000
                weight[kind.rawValue] = 0.7 * weight[kind.rawValue] + 0.3 * rate
            }
            if trace {
                FileHandle.standardError.write(Data(String(format: "%@: %6.2fs %@ %dx%d %@ %.2fs\n", who, elapsed(), label,
                                                           step.columns, step.rows, s.status.rawValue, s.seconds).utf8))
            }
            guard var v = improves(step.values) else { continue }
            if adopt() {
                // Another search moved the shared roster while this one solved: the same
                // neighbourhood again, from theirs.
                before = value
                let again = min(share, timeLimit - 0.3 - elapsed())
                guard again > 0.2, let retry = try solveOpen(again), let w = improves(retry.values) else { continue }
                step = retry
                v = w
            }
            if let candidate = step.values {
                take(candidate, v)
                if trace { FileHandle.standardError.write(Data(String(format: "%@: %6.2fs → %.1f\n", who, elapsed(), value).utf8)) }
            }
        }
        _ = adopt()
        if trace {
            FileHandle.standardError.write(Data(("search: shortfall by time " + Self.shortfallByTime(model, current) + "\n").utf8))
            FileHandle.standardError.write(Data(("search: shifts " + Self.shiftMix(model, current) + "\n").utf8))
            FileHandle.standardError.write(Data(("search: shortfall by day " + Self.shortfallByDay(model, current) + "\n").utf8))
            if ProcessInfo.processInfo.environment["KINMU_GRID"] != nil { FileHandle.standardError.write(Data(Self.grid(model, current).utf8)) }
            FileHandle.standardError.write(Data(String(format: "%@: %d neighbourhoods, %d improvements, %.1f (%@)\n", who, report.neighbourhoods,
                                                       report.improvements, value, Self.breakdown(program, current)).utf8))
        }
        return (Solution(status: .feasible, stopReason: .timeLimit, objective: value, bound: nil, gap: nil,
                         seconds: elapsed(), values: current, nodes: report.neighbourhoods), report)
    }

    /// Whole weeks of the `chosen` people over `week`, chosen among a few patterns
    /// each (their current week; the same shift on every day of the week it is
    /// offered, or on all those days but one, for each shift that needs no break;
    /// the current week with one day changed to another shift that needs no break
    /// or to a day off). `fixed` is the model's programme with
    /// whatever is not open already fixed. The chosen people's shifts and breaks of
    /// the week are fixed at 0 and a binary column per pattern stands in for them,
    /// carrying the sum of its shifts' and breaks' coefficients in every row — so
    /// each person's own rows (hours, days, whole shifts, runs, rest, contract)
    /// still bind — with one pattern per person. Their groups' serving and the
    /// week's shortfall and excess stay as open as `fixed` leaves them. Session 14:
    /// the week's part-timers re-planned this way take GLPK 2–5 s at 150 people,
    /// where the same neighbourhood over their shifts found nothing in 14 s.
    static func patternProgram(_ model: RosterModel, _ fixed: LinearProgram, current: [Double], chosen: [Int], week: [Int]) -> PatternProgram {
        let program = model.program, problem = model.problem
        var lp = fixed
        var own = Set<Int>()
        for p in chosen {
            for d in week {
                for (o, x) in model.work[p][d].enumerated() { own.insert(x.index); own.formUnion(model.breakStart[p][d][o].map(\.index)) }
            }
        }
        for j in own { lp.setBounds(ColumnID(j), lower: 0, upper: 0) }
        var termsOf: [Int: [(Int, Double)]] = [:]
        for (r, row) in program.rows.enumerated() {
            for t in row.terms where own.contains(t.column.index) { termsOf[t.column.index, default: []].append((r, t.coefficient)) }
        }
        var start = current
        for j in own { start[j] = 0 }
        var patterns: [[Int]] = []
        for p in chosen {
            let ds = week.filter { !model.work[p][$0].isEmpty }
            guard !ds.isEmpty else { continue }
            // Per day: the current plan (shift and breaks), and the plans a pattern may take.
            var now: [[Int]] = [], plans: [[[Int]]] = []
            var byShift: [Int: [Int: Int]] = [:]  // shift → day's position → its column
            for (i, d) in ds.enumerated() {
                var plan: [Int] = [], options: [[Int]] = [[]]
                for (o, x) in model.work[p][d].enumerated() {
                    if current[x.index] > 0.5 { plan = [x.index] + model.breakStart[p][d][o].map(\.index).filter { current[$0] > 0.5 } }
                    if problem.options[p][d][o].breakStarts.isEmpty {
                        options.append([x.index])
                        byShift[problem.options[p][d][o].shift, default: [:]][i] = x.index
                    }
                }
                if !plan.isEmpty && !options.contains(plan) { options.append(plan) }
                now.append(plan)
                plans.append(options)
            }
            let mine = now.flatMap { $0 }.sorted()
            var set: Set<[Int]> = [mine]
            for i in ds.indices { for o in plans[i] { var c = now; c[i] = o; set.insert(c.flatMap { $0 }.sorted()) } }
            for shift in byShift.keys.sorted() {
                let at = byShift[shift]!, days = at.keys.sorted()
                for dropped in [-1] + Array(days.indices) { set.insert(days.indices.filter { $0 != dropped }.map { at[days[$0]]! }.sorted()) }
            }
            let convex = lp.addRow(name: "pattern[\(problem.staff[p].id),\(problem.days[week[0]].date)]", terms: [] as [LinearProgram.Term], lower: 1, upper: 1)
            for cols in set.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                var coefficient: [Int: Double] = [:]
                var cost = 0.0
                for j in cols {
                    cost += program.columns[j].objective
                    for (r, a) in termsOf[j] ?? [] { coefficient[r, default: 0] += a }
                }
                let c = lp.addColumn(name: "pattern[\(problem.staff[p].id),\(patterns.count)]", kind: .binary, objective: cost)
                for r in coefficient.keys.sorted() where coefficient[r]! != 0 { lp.addTerm(row: RowID(r), column: c, coefficient: coefficient[r]!) }
                lp.addTerm(row: convex, column: c, coefficient: 1)
                start.append(cols == mine ? 1 : 0)
                patterns.append(cols)
            }
        }
        return PatternProgram(program: lp, start: start, patterns: patterns, base: program.columns.count)
    }

    /// A pattern programme: the programme, the current roster in it, and the shifts
    /// and breaks of each pattern column (the columns after the model's `base`).
    struct PatternProgram {
        let program: LinearProgram
        let start: [Double]
        let patterns: [[Int]]
        let base: Int

        /// The model's values from the pattern programme's: each chosen pattern's shifts and breaks at 1.
        func roster(_ x: [Double]) -> [Double] {
            var y = Array(x.prefix(base))
            for (k, cols) in patterns.enumerated() where x[base + k] > 0.5 { for j in cols { y[j] = 1 } }
            return y
        }
    }

    /// Where the shortfall is, for the trace: staff-hours short by time of day over the month
    /// (in an aggregated model, summed over each class's members).
    static func shortfallByTime(_ model: RosterModel, _ values: [Double]) -> String {
        shortfall(model, values) { d, t in model.problem.slotStart(d, t).description }
            .sorted { $0.key < $1.key }.map { String(format: "%@ %.1f", $0.key, $0.value) }.joined(separator: ", ")
    }

    /// Staff-hours short by day over the month, for the trace.
    static func shortfallByDay(_ model: RosterModel, _ values: [Double]) -> String {
        shortfall(model, values) { d, _ in d }.sorted { $0.key < $1.key }.map { String(format: "%d %.1f", $0.key, $0.value) }.joined(separator: ", ")
    }

    /// Staff-hours short, summed by a key of (day, slot).
    static func shortfall<Key: Hashable>(_ model: RosterModel, _ values: [Double], by key: (Int, Int) -> Key) -> [Key: Double] {
        var sum: [Key: Double] = [:]
        for d in model.short.indices {
            for t in model.short[d].indices {
                for c in model.short[d][t] { if let c { sum[key(d, t), default: 0] += values[c.index] * model.slotHours } }
            }
        }
        return sum
    }

    /// The shifts worked by template and employment, over the month, for the trace
    /// (in an aggregated model, each class's value times its members).
    static func shiftMix(_ model: RosterModel, _ values: [Double]) -> String {
        var count: [String: Double] = [:]
        let problem = model.problem
        for p in model.work.indices {
            for d in model.work[p].indices {
                for (o, x) in model.work[p][d].enumerated() where values[x.index] > 1e-9 {
                    count["\(problem.staff[p].employment.rawValue) \(model.code(p, d, o))", default: 0] += values[x.index] * model.multiplicity[p]
                }
            }
        }
        return count.sorted { $0.key < $1.key }.map { String(format: "%@ %.1f", $0.key, $0.value) }.joined(separator: ", ")
    }

    /// Everyone's shift code day by day ("・" off), one line per person, for the trace
    /// (`KINMU_GRID=1`): where the weeks of the people alike differ from the LP's.
    static func grid(_ model: RosterModel, _ values: [Double]) -> String {
        let problem = model.problem
        return model.work.indices.map { p in
            "grid \(problem.staff[p].id) \(problem.staff[p].employment.rawValue) \(problem.staff[p].skills.sorted().joined(separator: "+")) "
                + model.work[p].indices.map { d in
                    let o = model.work[p][d].indices.first { values[model.work[p][d][$0].index] > 0.5 }
                    return o.map { model.code(p, d, $0) } ?? "・"
                }.joined(separator: "|") + "\n"
        }.joined()
    }

    /// The objective by family (column name up to its bracket), for the trace.
    static func breakdown(_ program: LinearProgram, _ x: [Double]) -> String {
        var sum: [String: Double] = [:]
        for (j, c) in program.columns.enumerated() where c.objective != 0 && x[j] != 0 {
            sum[String(c.name.prefix { $0 != "[" }), default: 0] += c.objective * x[j]
        }
        return sum.sorted { $0.key < $1.key }.map { String(format: "%@ %.0f", $0.key, $0.value) }.joined(separator: ", ")
    }

    // MARK: Construction

    /// A complete point of the program (shifts and breaks greedy, the rest by LP), or nil.
    public func construct(deadline: Double) throws -> [Double]? {
        let problem = model.problem
        let program = model.program
        let slotHours = model.slotHours
        let w = problem.rules.weights
        var chosen = [Double](repeating: 0, count: program.columns.count)

        var ledger = capacityRows()
        var working = problem.staff.indices.map { _ in [Int?](repeating: nil, count: problem.days.count) }
        func fits(_ x: ColumnID) -> Bool { ledger.fits(x) }
        func take(_ p: Int, _ d: Int, _ o: Int) {
            ledger.add(model.work[p][d][o])
            chosen[model.work[p][d][o].index] = 1
            working[p][d] = o
        }

        // Residual requirement per day, slot and line; supervisors on shift per slot.
        var residual = problem.required.map { $0.map { $0.map(Double.init) } }
        var supervisorsOn = problem.days.map { [Int](repeating: 0, count: $0.slotCount) }
        let isSupervisor = Set(problem.supervisorIndices)
        let serviceIndex = Dictionary(uniqueKeysWithValues: problem.services.enumerated().map { ($1.id, $0) })
        let skills = problem.staff.map { $0.skills.compactMap { serviceIndex[$0] } }
        func worth(_ p: Int, _ d: Int, _ o: Int) -> Double {
            let opt = problem.options[p][d][o]
            var useful = 0.0, idle = 0.0
            for t in opt.presence where !opt.meetingSlots.contains(t) {
                if skills[p].contains(where: { residual[d][t][$0] > 0 }) { useful += 1 } else { idle += 1 }
            }
            // A break takes some slots away: count them at the average.
            let share = opt.presence.count > 0 ? Double(opt.presence.count - opt.breakSlots) / Double(opt.presence.count) : 1
            return useful * share * w.shortfall * slotHours - idle * share * w.excess * slotHours - program.column(model.work[p][d][o]).objective
        }
        func cover(_ p: Int, _ d: Int, _ o: Int) {
            let opt = problem.options[p][d][o]
            // The break is not placed yet: each slot is covered for the shift's share of presence.
            let share = opt.presence.count > 0 ? Double(opt.presence.count - opt.breakSlots) / Double(opt.presence.count) : 1
            for t in opt.presence where !opt.meetingSlots.contains(t) {
                if isSupervisor.contains(p) { supervisorsOn[d][t] += 1 }
                if let l = skills[p].max(by: { residual[d][t][$0] < residual[d][t][$1] }), residual[d][t][l] > 0 {
                    residual[d][t][l] = max(0, residual[d][t][l] - share)
                }
            }
        }

        // 1. Meetings.
        for m in problem.rules.meetings {
            guard let d = problem.days.firstIndex(where: { $0.date == m.date }) else { continue }
            for a in m.attendees {
                guard let p = problem.staff.firstIndex(where: { $0.id == a }), working[p][d] == nil,
                      let o = model.work[p][d].indices.first(where: { fits(model.work[p][d][$0]) }) else { continue }
                take(p, d, o)
                cover(p, d, o)
            }
        }
        // 2. Two supervisors on shift in every slot where the rows allow it.
        for d in problem.days.indices {
            for want in 1...2 {
                while true {
                    var best: (p: Int, o: Int, gain: Int, worth: Double)?
                    for p in problem.supervisorIndices where working[p][d] == nil {
                        for (o, opt) in problem.options[p][d].enumerated() where fits(model.work[p][d][o]) {
                            let gain = opt.presence.filter { !opt.meetingSlots.contains($0) && supervisorsOn[d][$0] < want }.count
                            guard gain > 0 else { continue }
                            let v = worth(p, d, o)
                            if best == nil || gain > best!.gain || (gain == best!.gain && v > best!.worth) { best = (p, o, gain, v) }
                        }
                    }
                    guard let b = best else { break }
                    take(b.p, d, b.o)
                    cover(b.p, d, b.o)
                }
            }
        }
        // 3. Everyone by worth, lazily re-scored (worth only falls as the counter fills).
        var heap = MaxHeap()
        for p in problem.staff.indices {
            for d in problem.days.indices where working[p][d] == nil {
                for o in problem.options[p][d].indices {
                    let v = worth(p, d, o)
                    if v > 0 { heap.push(v, p, d, o) }
                }
            }
        }
        while let top = heap.pop() {
            let (p, d, o) = (top.p, top.d, top.o)
            guard working[p][d] == nil, fits(model.work[p][d][o]) else { continue }
            let v = worth(p, d, o)
            if let next = heap.peek, v < next - 1e-9 {
                if v > 0 { heap.push(v, p, d, o) }
                continue
            }
            guard v > 0 else { continue }
            take(p, d, o)
            cover(p, d, o)
        }

        placeBreaks(working, into: &chosen)
        if ProcessInfo.processInfo.environment["KINMU_TRACE"] != nil {
            FileHandle.standardError.write(Data("search: greedy shifts and breaks placed\n".utf8))
        }
        return try complete(chosen, deadline: deadline)
    }

    /// The program's *capacity rows* — upper-bounded (and only upper), every work
    /// column with a positive coefficient, anything else continuous with a negative
    /// one (taken at 0): each person's hours, whole shifts, days off, runs, rest,
    /// contract. Read from the program, so a rule added to the model binds the
    /// constructions too.
    func capacityRows() -> CapacityLedger {
        let program = model.program
        var isWork = [Bool](repeating: false, count: program.columns.count)
        for p in model.work.indices { for d in model.work[p].indices { for x in model.work[p][d] { isWork[x.index] = true } } }
        var ledger = CapacityLedger(open: program.columns.map { $0.upper > 0.5 },
                                    rowsOf: [[(Int, Double)]](repeating: [], count: program.columns.count))
        for row in program.rows where row.upper.isFinite && row.lower == -.infinity {
            let ok = row.terms.allSatisfy { t in
                (isWork[t.column.index] && t.coefficient > 0)
                    || (program.columns[t.column.index].kind == .continuous && t.coefficient < 0 && program.columns[t.column.index].lower == 0)
            }
            guard ok, row.terms.contains(where: { isWork[$0.column.index] }) else { continue }
            let k = ledger.upper.count
            ledger.upper.append(row.upper)
            ledger.activity.append(0)
            ledger.names.append(row.name)
            for t in row.terms where isWork[t.column.index] { ledger.rowsOf[t.column.index].append((k, t.coefficient)) }
        }
        return ledger
    }

    /// Breaks, day by day: supervisors first (another supervisor on the counter
    /// throughout), then the rest, each where the counter has most to spare.
    func placeBreaks(_ working: [[Int?]], into chosen: inout [Double]) {
        let problem = model.problem
        let program = model.program
        let isSupervisor = Set(problem.supervisorIndices)
        for d in problem.days.indices {
            let slots = problem.days[d].slotCount
            var present = [Double](repeating: 0, count: slots)
            var supervisorsPresent = [Int](repeating: 0, count: slots)
            var need = [Double](repeating: 0, count: slots)
            for t in 0..<slots { need[t] = Double(problem.required[d][t].reduce(0, +)) }
            for p in problem.staff.indices {
                guard let o = working[p][d] else { continue }
                let opt = problem.options[p][d][o]
                for t in opt.presence where !opt.meetingSlots.contains(t) {
                    present[t] += 1
                    if isSupervisor.contains(p) { supervisorsPresent[t] += 1 }
                }
            }
            let order = problem.staff.indices.filter { working[$0][d] != nil }
                .sorted { (isSupervisor.contains($0) ? 0 : 1, $0) < (isSupervisor.contains($1) ? 0 : 1, $1) }
            for p in order {
                let o = working[p][d]!
                let opt = problem.options[p][d][o]
                guard !opt.breakStarts.isEmpty else { continue }
                var best: (k: Int, score: Double)?
                for (k, b) in opt.breakStarts.enumerated() where program.columns[model.breakStart[p][d][o][k].index].upper > 0.5 {
                    let span = b..<(b + opt.breakSlots)
                    if isSupervisor.contains(p) && span.contains(where: { supervisorsPresent[$0] < 2 && !opt.meetingSlots.contains($0) }) { continue }
                    let score = span.reduce(0.0) { $0 + (present[$1] - need[$1]) }
                    if best == nil || score > best!.score { best = (k, score) }
                }
                let k = best?.k ?? opt.breakStarts.indices.max(by: { a, b in
                    let sa = (opt.breakStarts[a]..<(opt.breakStarts[a] + opt.breakSlots)).reduce(0) { $0 + supervisorsPresent[$1] }
                    let sb = (opt.breakStarts[b]..<(opt.breakStarts[b] + opt.breakSlots)).reduce(0) { $0 + supervisorsPresent[$1] }
                    return sa < sb
                })!
                chosen[model.breakStart[p][d][o][k].index] = 1
                for t in opt.breakStarts[k]..<(opt.breakStarts[k] + opt.breakSlots) {
                    present[t] -= 1
                    if isSupervisor.contains(p) { supervisorsPresent[t] -= 1 }
                }
            }
        }
    }

    /// Shifts that follow a (rounded) LP solution of the aggregated model
    /// (`SymmetricBound.shares`): `share[p][d][o]` is the fraction of p's class on
    /// option o of day d, so each class's count is Σ share. Members are chosen day by
    /// day as far as every person's own rows allow (hours, whole shifts, days off,
    /// runs, rest, contract); a count a class cannot fill is lent to people alike,
    /// and a class-week still short is solved again as a small MIP. Then breaks, and
    /// one MIP per day for breaks and serving with the shifts fixed.
    public func construct(following share: [[[Double]]], classes: [[Int]], deadline: Double) throws -> [Double]? {
        let watch = Stopwatch(rate: workRate)
        let trace = ProcessInfo.processInfo.environment["KINMU_TRACE"] != nil
        func left() -> Double { deadline - watch.elapsed }
        let problem = model.problem
        let program = model.program
        var ledger = capacityRows()
        func fits(_ x: ColumnID) -> Bool { ledger.fits(x) }
        var chosen = [Double](repeating: 0, count: program.columns.count)
        var working = problem.staff.indices.map { _ in [Int?](repeating: nil, count: problem.days.count) }
        func take(_ p: Int, _ d: Int, _ o: Int) {
            ledger.add(model.work[p][d][o])
            chosen[model.work[p][d][o].index] = 1
            working[p][d] = o
        }
        // Meetings first: their attendees must work that day.
        for m in problem.rules.meetings {
            guard let d = problem.days.firstIndex(where: { $0.date == m.date }) else { continue }
            for a in m.attendees {
                guard let p = problem.staff.firstIndex(where: { $0.id == a }), working[p][d] == nil,
                      let o = model.work[p][d].indices.max(by: { share[p][d][$0] < share[p][d][$1] }) else { continue }
                if fits(model.work[p][d][o]) { take(p, d, o) }
            }
        }
        // Day by day, each class gets the LP's count on each shift (rounded); members
        // are taken most room left first (the tightest of their rows, in shifts),
        // then shortest current run, then fewest days worked.
        var worked = [Int](repeating: 0, count: problem.staff.count), run = worked
        var want: [[[Int]]] = classes.map { c in problem.days.indices.map { d in model.work[c[0]][d].map { _ in 0 } } }
        var missing = [Int](repeating: 0, count: classes.count)
        var deficit: [(k: Int, o: Int, short: Int)] = [], lent = 0
        var blockers: [String: Int] = [:]
        let weeks = model.weeks.map(\.days)
        var weekOf = [Int](repeating: 0, count: problem.days.count)
        for (n, w) in weeks.enumerated() { for d in w { weekOf[d] = n } }
        var missingWeek = classes.map { _ in [Int](repeating: 0, count: weeks.count) }
        var lates = [Int](repeating: 0, count: problem.staff.count)
        let isSupervisor = Set(problem.supervisorIndices)
        for d in problem.days.indices {
            for (k, members) in classes.enumerated() {
                for o in model.work[members[0]][d].indices {
                    want[k][d][o] = max(0, Int(members.reduce(0.0) { $0 + share[$1][d][o] }.rounded()))
                    var given = members.filter { working[$0][d] == o }.count
                    // Late shifts (counted for fairness) go to whoever has had fewest, first.
                    let late = problem.rules.shifts[problem.options[members[0]][d][o].shift].isLate
                    let order = members.filter { working[$0][d] == nil }.map { ($0, -ledger.room(model.work[$0][d][o]), late ? lates[$0] : 0) }
                        .sorted { ($0.2, $0.1, run[$0.0], worked[$0.0], $0.0) < ($1.2, $1.1, run[$1.0], worked[$1.0], $1.0) }.map(\.0)
                    for p in order where given < want[k][d][o] && fits(model.work[p][d][o]) {
                        take(p, d, o)
                        if late { lates[p] += 1 }
                        given += 1
                    }
                    deficit.append((k, o, want[k][d][o] - given))
                }
            }
            // A class that cannot fill its count lends the shift to someone alike at the
            // counter (same skills, same supervisor standing) who still has room.
            for (k, o, short) in deficit where short > 0 {
                let rep = problem.staff[classes[k][0]]
                let shift = problem.options[classes[k][0]][d][o].shift
                var left = short
                let alike = problem.staff.indices.filter { p in
                    working[p][d] == nil && Set(problem.staff[p].skills) == Set(rep.skills)
                        && isSupervisor.contains(p) == isSupervisor.contains(classes[k][0])
                }
                let candidates = alike.compactMap { p -> (Int, Int, Double)? in
                    guard let q = problem.options[p][d].firstIndex(where: { $0.shift == shift }), fits(model.work[p][d][q]) else { return nil }
                    return (p, q, ledger.room(model.work[p][d][q]))
                }.sorted { ($0.2, -$0.0) > ($1.2, -$1.0) }
                for (p, q, _) in candidates where left > 0 && fits(model.work[p][d][q]) {
                    take(p, d, q)
                    left -= 1
                }
                if left > 0, trace {
                    for p in classes[k] where working[p][d] == nil {
                        blockers[ledger.blocking(model.work[p][d][o]), default: 0] += 1
                    }
                    let busy = classes[k].filter { working[$0][d] != nil && working[$0][d] != o }.count
                    blockers["busy elsewhere", default: 0] += busy
                }
                missing[k] += left
                missingWeek[k][weekOf[d]] += left
                lent += short - left
            }
            deficit.removeAll()
            for p in problem.staff.indices {
                if working[p][d] != nil { worked[p] += 1; run[p] += 1 } else { run[p] = 0 }
            }
        }
        // Where the greedy fell short (a week's hours spread so evenly that no one has
        // room for a long shift at its end, a run used up), that class's week is solved
        // again as a small MIP: its members' own rows, the counts as soft targets (a
        // shift under or over its count weighs its hours, so a long shift given is
        // worth two short ones), the rest of the month fixed, the greedy's choice as the start.
        var rowsOfPerson = [[Int]](repeating: [], count: problem.staff.count)
        var personOf = [Int](repeating: -1, count: program.columns.count)
        for p in model.work.indices { for d in model.work[p].indices { for x in model.work[p][d] { personOf[x.index] = p } } }
        for (i, row) in program.rows.enumerated() where !row.terms.isEmpty {
            let p = personOf[row.terms[0].column.index]
            if p >= 0 && row.terms.allSatisfy({ personOf[$0.column.index] == p }) { rowsOfPerson[p].append(i) }
        }
        var repaired = 0
        for (k, members) in classes.enumerated() {
            for (w, week) in weeks.enumerated() where missingWeek[k][w] > 0 && left() > 1 {
                let inWeek = Set(week)
                var lp = LinearProgram(name: "class \(k) week \(w)", sense: .minimize)
                var local = [Int: Int](), start: [Double] = []
                for p in members {
                    for d in problem.days.indices {
                        for x in model.work[p][d] {
                            let c = program.columns[x.index]
                            let open = inWeek.contains(d)
                            local[x.index] = lp.addColumn(name: c.name, kind: .binary, lower: open ? c.lower : chosen[x.index],
                                                          upper: open ? c.upper : chosen[x.index]).index
                            start.append(chosen[x.index])
                        }
                    }
                    for i in rowsOfPerson[p] {
                        let r = program.rows[i]
                        lp.addRow(name: r.name, terms: r.terms.map { (ColumnID(local[$0.column.index]!), $0.coefficient) }, lower: r.lower, upper: r.upper)
                    }
                }
                var before = 0.0
                for d in week {
                    for o in model.work[members[0]][d].indices {
                        let given = members.reduce(0.0) { $0 + chosen[model.work[$1][d][o].index] }
                        let target = Double(want[k][d][o])
                        let h = problem.options[members[0]][d][o].workHours
                        let under = lp.addColumn(name: "under[\(d),\(o)]", lower: 0, upper: target, objective: h)
                        start.append(max(0, target - given))
                        before += h * max(0, target - given)
                        let over = lp.addColumn(name: "over[\(d),\(o)]", lower: 0, upper: Double(members.count), objective: h)
                        start.append(max(0, given - target))
                        before += h * max(0, given - target)
                        lp.addRow(name: "count[\(d),\(o)]", terms: members.map { (ColumnID(local[model.work[$0][d][o].index]!), 1.0) } + [(under, 1), (over, -1)],
                                  lower: target, upper: target)
                    }
                }
                var o = SolveOptions(timeLimit: max(0.2, min(1, left() / 4)), relativeGap: 1e-6)
                o.initialSolution = start
                o.workRate = workRate
                let s = watch.charge(try GLPKSolver().solve(lp, options: o))
                guard s.hasSolution, let v = s.objective, v < before - 0.1 else { continue }
                for p in members {
                    for d in week {
                        working[p][d] = nil
                        for (o, x) in model.work[p][d].enumerated() {
                            chosen[x.index] = s.values[local[x.index]!].rounded()
                            if chosen[x.index] > 0.5 { working[p][d] = o }
                        }
                    }
                }
                repaired += Int((before - v).rounded())
            }
        }
        if trace {
            FileHandle.standardError.write(Data(String(format: "search: LP rounded: %d shifts lent to people alike, %d short of the counts, deviations cut by %d staff-hours in class-week MIPs\n",
                                                       lent, missing.reduce(0, +), repaired).utf8))
            // Why the counts went unfilled: per member not on the shift, the family of the row it would break.
            let why = blockers.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { "\($0.key) \($0.value)" }
            FileHandle.standardError.write(Data("search: LP rounded: what stops members of a short class: \(why.joined(separator: ", "))\n".utf8))
        }
        let shifts = watch.elapsed
        placeBreaks(working, into: &chosen)
        var result = try complete(chosen, deadline: max(1, left()), watch: watch)
        // With the shifts fixed, each day's breaks and serving are one small MIP.
        if let x = result {
            var fixed = program
            for p in model.work.indices {
                for d in model.work[p].indices { for w in model.work[p][d] { fixed.setBounds(w, lower: chosen[w.index], upper: chosen[w.index]) } }
            }
            let r = fixed.reduced()
            if r.infeasibility == nil {
                var o = SolveOptions(timeLimit: max(0.5, left()), relativeGap: 1e-4)
                o.cuts = false
                o.initialSolution = r.restrict(x)
                o.workRate = workRate
                let s = watch.charge(try GLPKSolver().solveByBlocks(r.program, options: o))
                if trace {
                    FileHandle.standardError.write(Data(String(format: "search: LP rounded: breaks by day %@ %.1f → %.1f\n", s.status.rawValue,
                                                               program.objectiveValue(x), s.objective.map { $0 + r.objectiveOffset } ?? .nan).utf8))
                }
                if s.status == .optimal {
                    let y = r.expand(s.values).enumerated().map { j, v in program.columns[j].kind == .continuous ? v : v.rounded() }
                    if program.objectiveValue(y) < program.objectiveValue(x) && program.violatedRows(y, tolerance: 1e-5).isEmpty { result = y }
                }
            }
        }
        if trace {
            FileHandle.standardError.write(Data(String(format: "search: LP rounded: shifts %.2fs (%d classes), breaks and serving %.2fs\n",
                                                       shifts, classes.count, watch.elapsed - shifts).utf8))
        }
        return result
    }

    /// Fixes every shift and break at `binary` and solves the rest; where that is
    /// infeasible (a slot without a supervisor), reopens the offending days one at
    /// a time with everything else fixed.
    func complete(_ binary: [Double], deadline: Double, watch outer: Stopwatch? = nil) throws -> [Double]? {
        let watch = outer ?? Stopwatch(rate: workRate)
        let begun = watch.elapsed
        func left() -> Double { deadline - (watch.elapsed - begun) }
        func options(_ limit: Double, gap: Double = 0) -> SolveOptions {
            var o = SolveOptions(timeLimit: limit, relativeGap: gap)
            o.workRate = workRate
            return o
        }
        let program = model.program
        var fixed = program
        for j in program.columns.indices where program.columns[j].kind == .binary {
            fixed.setBounds(ColumnID(j), lower: binary[j], upper: binary[j])
        }
        let r = fixed.reduced()
        if r.infeasibility == nil {
            let s = watch.charge(try GLPKSolver().solveByBlocks(r.program, options: options(max(1, deadline))))
            if s.status == .optimal { return r.expand(s.values) }
        }
        // Reopen the days whose rows fail (a slot without a supervisor), all of them
        // together, found one by one from the row the presolve names; where a day
        // cannot be mended with the rest of its week fixed (the people who could come
        // in have used their week: hours, days off, runs), its labour week too. Failing
        // that, the days one at a time, each with every other day fixed (a single
        // broken day the presolve cannot name).
        var current = binary
        let days = model.problem.days.count
        let weekOf = Dictionary(model.weeks.flatMap { w in w.days.map { ($0, w.days) } }, uniquingKeysWith: { a, _ in a })
        let dayOfDate = Dictionary(model.problem.days.enumerated().map { ($1.date.description, $0) }, uniquingKeysWith: { a, _ in a })
        /// The day a row's name dates (rows are named `family[…,YYYY-MM-DD,…]`).
        func day(of row: String) -> Int? {
            row.split(whereSeparator: { "[],".contains($0) }).lazy.compactMap { dayOfDate[String($0)] }.first
        }
        /// The program with every shift and break of the days not in `open` fixed at `current`, reduced.
        func fixing(allBut open: Set<Int>) -> ReducedProgram {
            var lp = program
            for p in model.work.indices {
                for e in 0..<days where !open.contains(e) {
                    for (o, x) in model.work[p][e].enumerated() {
                        lp.setBounds(x, lower: current[x.index], upper: current[x.index])
                        for b in model.breakStart[p][e][o] { lp.setBounds(b, lower: current[b.index], upper: current[b.index]) }
                    }
                }
            }
            return lp.reduced()
        }
        /// Solves the open days of `rd` (time `limit`) into `current`; the month's point when it then all holds, else nil.
        func mend(_ rd: ReducedProgram, _ open: Set<Int>, limit: Double) throws -> [Double]? {
            var o = options(limit, gap: 0.01)
            o.cuts = false
            let s = watch.charge(try GLPKSolver().solve(rd.program, options: o))
            guard s.hasSolution else { return nil }
            let x = rd.expand(s.values)
            for p in model.work.indices {
                for d in open {
                    for (o, w) in model.work[p][d].enumerated() {
                        current[w.index] = x[w.index].rounded()
                        for b in model.breakStart[p][d][o] { current[b.index] = x[b.index].rounded() }
                    }
                }
            }
            let ra = fixing(allBut: [])
            guard ra.infeasibility == nil else { return nil }
            let done = watch.charge(try GLPKSolver().solveByBlocks(ra.program, options: options(max(0.5, left()))))
            return done.status == .optimal ? ra.expand(done.values) : nil
        }
        var reopened = Set<Int>()
        while left() > 1 {
            let rd = fixing(allBut: reopened)
            if let row = rd.infeasibility {
                guard let d = day(of: row) else { break }
                if !reopened.contains(d) {
                    reopened.insert(d)
                } else {
                    let week = weekOf[d] ?? [d]
                    guard !week.allSatisfy(reopened.contains) else { break }
                    reopened.formUnion(week)
                }
                continue
            }
            guard !reopened.isEmpty else { break }
            if ProcessInfo.processInfo.environment["KINMU_TRACE"] != nil {
                FileHandle.standardError.write(Data("search: completion reopens days \(reopened.sorted())\n".utf8))
            }
            if let month = try mend(rd, reopened, limit: max(0.5, left())) { return month }
            break
        }
        current = binary
        for d in 0..<days where left() > 1 {
            let rd = fixing(allBut: [d])
            guard rd.infeasibility == nil else { continue }
            if let month = try mend(rd, [d], limit: max(0.5, min(left(), deadline / Double(days)))) { return month }
        }
        return nil
    }
}

/// Time spent by a search or a construction: seconds on the clock, or with a work
/// rate (`SolveOptions.workRate`) the work of the GLPK solves charged to it (their
/// `seconds` are then simplex iterations in that unit) — deterministic.
final class Stopwatch {
    let rate: Double?
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private var work = 0.0

    init(rate: Double?) {
        self.rate = rate
        started = clock.now
    }

    var elapsed: Double { rate == nil ? RosterSolver.seconds(clock.now - started) : work }

    /// A solve's work charged (with a rate); the solution passed through.
    @discardableResult
    func charge(_ s: Solution) -> Solution {
        charge(s.seconds)
        return s
    }

    /// Work charged in seconds of the rate (nothing on the clock).
    func charge(_ seconds: Double) {
        if rate != nil { work += seconds }
    }
}

/// The capacity rows' activity as the constructions take shifts.
struct CapacityLedger {
    /// Per column: whether its bounds allow 1.
    let open: [Bool]
    /// Per column: the capacity rows it is in, with its coefficient.
    var rowsOf: [[(Int, Double)]]
    var upper: [Double] = [], activity: [Double] = []
    /// Per row: its name in the program (for the trace).
    var names: [String] = []

    /// The family of the first row that taking `x` would break ("closed" when its bounds forbid it).
    func blocking(_ x: ColumnID) -> String {
        if !open[x.index] { return "closed" }
        return rowsOf[x.index].first { activity[$0.0] + $0.1 > upper[$0.0] + 1e-9 }.map { String(names[$0.0].prefix { $0 != "[" }) } ?? "none"
    }

    /// Whether taking shift `x` keeps every capacity row.
    func fits(_ x: ColumnID) -> Bool {
        open[x.index] && rowsOf[x.index].allSatisfy { activity[$0.0] + $0.1 <= upper[$0.0] + 1e-9 }
    }
    /// How many more shifts like `x` its tightest row allows.
    func room(_ x: ColumnID) -> Double {
        rowsOf[x.index].reduce(Double.infinity) { min($0, (upper[$1.0] - activity[$1.0]) / $1.1) }
    }
    mutating func add(_ x: ColumnID) {
        for (k, a) in rowsOf[x.index] { activity[k] += a }
    }
}

/// A max-heap of scored (person, day, option) candidates.
struct MaxHeap {
    struct Item { var v: Double; var p: Int; var d: Int; var o: Int }
    private var a: [Item] = []
    var peek: Double? { a.first?.v }
    private func above(_ i: Int, _ j: Int) -> Bool {
        (a[i].v, -a[i].p, -a[i].d, -a[i].o) > (a[j].v, -a[j].p, -a[j].d, -a[j].o)
    }
    mutating func push(_ v: Double, _ p: Int, _ d: Int, _ o: Int) {
        a.append(Item(v: v, p: p, d: d, o: o))
        var i = a.count - 1
        while i > 0, above(i, (i - 1) / 2) { a.swapAt(i, (i - 1) / 2); i = (i - 1) / 2 }
    }
    mutating func pop() -> Item? {
        guard !a.isEmpty else { return nil }
        a.swapAt(0, a.count - 1)
        let top = a.removeLast()
        var i = 0
        while true {
            var m = i
            for c in [2 * i + 1, 2 * i + 2] where c < a.count && above(c, m) { m = c }
            if m == i { break }
            a.swapAt(i, m)
            i = m
        }
        return top
    }
}
