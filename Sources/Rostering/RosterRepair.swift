import BusinessCalendar
import MIP

/// Repairs a published roster after an absence: every hard rule kept (a
/// supervisor always on duty first), days before `from` untouched, and as few
/// changes as possible — moving a person's day on or off costs more than
/// changing a shift, which costs more than moving a break.
public struct RosterRepair: Sendable {
    public struct Costs: Sendable, Equatable {
        /// A day worked that was off, or off that was worked.
        public var dayMoved: Double = 200
        /// The same day worked on another shift.
        public var shiftChanged: Double = 60
        /// The same shift with its break moved.
        public var breakMoved: Double = 2
        public init() {}
    }

    /// One person's changes, for the phone call.
    public struct Change: Sendable, Equatable, CustomStringConvertible {
        public var person: String
        public var date: String
        public var before: String
        public var after: String
        public var description: String { "\(person) \(date): \(before) → \(after)" }
    }

    public var costs = Costs()
    public var options: SolveOptions

    public init(options: SolveOptions = SolveOptions(timeLimit: 30)) { self.options = options }

    /// - Parameters:
    ///   - problem: the month with the absence already entered as leave.
    ///   - original: the published roster.
    ///   - from: days before this date are kept exactly as published.
    ///   - absentThrough: the absence's last day (default: the last leave day on or after `from`).
    public func repair(_ problem: RosterProblem, original: Roster, from: CivilDate, absentThrough: CivilDate? = nil,
                       scenario: String? = nil) throws -> (RosterResult, [Change]) {
        if let why = Explainer.supervisorGaps(problem) { throw RosterError.infeasible(why) }
        // First only the days from `from` to a week after the absence are reopened
        // (a small search); if that cannot keep every rule, the rest of the month too.
        let last = absentThrough ?? problem.requests.filter { $0.kind == .leave && $0.through >= from }.map(\.through).max() ?? from
        let until = max(last, from).adding(days: 7)
        if let r = try? repair(problem, original: original, from: from, until: until, scenario: scenario) { return r }
        return try repair(problem, original: original, from: from, until: nil, scenario: scenario)
    }

    /// The whole month planned again near a published roster: every day open, each
    /// change from it costed as in a repair (for what-if variants that should stay close).
    public func replan(_ problem: RosterProblem, near original: Roster, scenario: String? = nil) throws -> (RosterResult, [Change]) {
        if let why = Explainer.supervisorGaps(problem) { throw RosterError.infeasible(why) }
        return try repair(problem, original: original, from: problem.month.first, until: nil, scenario: scenario)
    }

    func repair(_ problem: RosterProblem, original: Roster, from: CivilDate, until: CivilDate?,
                scenario: String?) throws -> (RosterResult, [Change]) {
        var model = RosterModel(problem)
        let byCell = Dictionary(original.assignments.map { ("\($0.staff) \($0.date)", $0) }, uniquingKeysWith: { a, _ in a })
        let costs = self.costs
        let work = model.work, breakStart = model.breakStart
        model.adjust { lp in
            for p in problem.staff.indices {
                for d in problem.days.indices {
                    let date = problem.days[d].date
                    let was = byCell["\(problem.staff[p].id) \(date)"]
                    for (o, x) in work[p][d].enumerated() {
                        let opt = problem.options[p][d][o]
                        let code = problem.rules.shifts[opt.shift].code
                        let same = was?.shift == code
                        let frozen = date < from || (until.map { date > $0 } ?? false)
                        if frozen {
                            lp.setBounds(x, lower: same ? 1 : 0, upper: same ? 1 : 0)
                        } else if was == nil {
                            lp.setObjective(x, lp.column(x).objective + costs.dayMoved)
                        } else if !same {
                            // Working another shift instead: cheaper than a day moved, dearer than a break.
                            lp.setObjective(x, lp.column(x).objective + costs.shiftChanged - costs.dayMoved)
                        } else {
                            lp.setObjective(x, lp.column(x).objective - costs.dayMoved)
                        }
                        // Breaks: keep the published start where the shift is kept.
                        for (k, b) in breakStart[p][d][o].enumerated() {
                            let start = problem.slotStart(d, opt.breakStarts[k]).description
                            let kept = same && was?.breaks.first?.start == start
                            if frozen && same {
                                lp.setBounds(b, lower: kept ? 1 : 0, upper: kept ? 1 : 0)
                            } else if same && !kept {
                                lp.setObjective(b, lp.column(b).objective + costs.breakMoved)
                            }
                        }
                    }
                }
            }
        }
        // Frozen days serve exactly as published: their who-serves-what is fixed to the
        // published tasks, so with their shifts fixed they leave the program entirely.
        let frozenDays = problem.days.indices.filter { d in
            let date = problem.days[d].date
            return date < from || (until.map { date > $0 } ?? false)
        }
        var published = [String: Int]()  // "g d t l" → people of group g on line l
        let index = Dictionary(uniqueKeysWithValues: problem.staff.enumerated().map { ($1.id, $0) })
        let dayIndex = Dictionary(uniqueKeysWithValues: problem.days.enumerated().map { ($1.date.description, $0) })
        let lineIndex = Dictionary(uniqueKeysWithValues: problem.services.enumerated().map { ($1.id, $0) })
        for a in original.assignments {
            guard let p = index[a.staff], let d = dayIndex[a.date] else { continue }
            for task in a.tasks {
                guard let l = lineIndex[task.service], let start = TimeOfDay(task.start), let end = TimeOfDay(task.end) else { continue }
                for t in 0..<problem.days[d].slotCount {
                    let at = problem.slotStart(d, t)
                    if at >= start && at < end { published["\(model.groupOf[p]) \(d) \(t) \(l)", default: 0] += 1 }
                }
            }
        }
        let serve = model.serve
        model.adjust { lp in
            for g in serve.indices {
                for d in frozenDays {
                    for t in serve[g][d].indices {
                        for (l, y) in serve[g][d][t].enumerated() {
                            guard let y else { continue }
                            let n = Double(published["\(g) \(d) \(t) \(l)"] ?? 0)
                            lp.setBounds(y, lower: n, upper: n)
                        }
                    }
                }
            }
        }
        var result = try RosterSolver(options: options, reduce: true).solve(model: model, scenario: scenario)
        // The frozen days exactly as published (who served which line too).
        let frozen = Set(frozenDays.map { problem.days[$0].date.description })
        result.roster.assignments = (original.assignments.filter { frozen.contains($0.date) }
            + result.roster.assignments.filter { !frozen.contains($0.date) })
            .sorted { ($0.date, $0.staff) < ($1.date, $1.staff) }
        return (result, Self.changes(from: original, to: result.roster))
    }

    /// Person by person, what differs between two rosters.
    public static func changes(from a: Roster, to b: Roster) -> [Change] {
        let before = Dictionary(a.assignments.map { ("\($0.staff) \($0.date)", $0) }, uniquingKeysWith: { x, _ in x })
        let after = Dictionary(b.assignments.map { ("\($0.staff) \($0.date)", $0) }, uniquingKeysWith: { x, _ in x })
        func show(_ x: Roster.Assignment?) -> String {
            guard let x else { return "休" }
            return "\(x.shift) \(x.start)–\(x.end)" + (x.breaks.first.map { " 休憩\($0.start)" } ?? "")
        }
        var out: [Change] = []
        for key in Set(before.keys).union(after.keys).sorted() {
            let x = before[key], y = after[key]
            if x?.shift == y?.shift && x?.breaks == y?.breaks { continue }
            let parts = key.split(separator: " ")
            out.append(Change(person: String(parts[0]), date: String(parts[1]), before: show(x), after: show(y)))
        }
        return out.sorted { ($0.person, $0.date) < ($1.person, $1.date) }
    }
}
