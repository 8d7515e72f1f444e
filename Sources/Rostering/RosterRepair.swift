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
    public func repair(_ problem: RosterProblem, original: Roster, from: CivilDate, scenario: String? = nil) throws -> (RosterResult, [Change]) {
        if let why = Explainer.supervisorGaps(problem) { throw RosterError.infeasible(why) }
        // First only the labour week(s) of the absence are reopened (a small search);
        // if that cannot keep every rule, the rest of the month is reopened too.
        let absentDays = problem.requests.filter { $0.kind == .leave && $0.through >= from }.map(\.through)
        let until = (absentDays.max() ?? from).adding(days: 7)
        if let r = try? repair(problem, original: original, from: from, until: until, scenario: scenario) { return r }
        return try repair(problem, original: original, from: from, until: nil, scenario: scenario)
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
        let result = try RosterSolver(options: options).solve(model: model, scenario: scenario)
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
