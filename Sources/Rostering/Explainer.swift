import BusinessCalendar
import MIP

/// Says why the hard rules cannot all hold, in the user's terms.
public enum Explainer {
    /// Open slots no supervisor could be present for, with each supervisor's reason.
    /// `nil` when every slot has at least one supervisor who could cover it.
    public static func supervisorGaps(_ problem: RosterProblem) -> String? {
        let sups = problem.supervisorIndices
        var lines: [String] = []
        for (d, day) in problem.days.enumerated() {
            var uncovered: [Int] = []
            for t in 0..<day.slotCount {
                let someone = sups.contains { p in
                    problem.options[p][d].contains { $0.presence.contains(t) && !$0.meetingSlots.contains(t) }
                }
                if !someone { uncovered.append(t) }
            }
            guard !uncovered.isEmpty else { continue }
            let from = problem.slotStart(d, uncovered.first!)
            let to = problem.slotStart(d, uncovered.last! + 1)
            let kind = day.kind == .holidayOpening ? "holiday opening (休日交付)" : day.weekday.english
            var text = "\(day.date) (\(kind)) \(from)–\(to): no supervisor (業務責任者) can be on duty"
            if problem.rules.supervisors.scope == .perLine { text += " (the rule is per line of work)" }
            text += ". Who could have served:"
            if sups.isEmpty { text += "\n    nobody on the staff list counts as a supervisor" }
            for p in sups {
                let person = problem.staff[p]
                let reason: String
                if let r = problem.unavailable[p][d] {
                    reason = r
                } else {
                    let shifts = problem.options[p][d].map { problem.rules.shifts[$0.shift].code }.joined(separator: ", ")
                    reason = "may work \(shifts), none of which covers these slots"
                }
                text += "\n    \(person.id) \(person.name) (\(person.role.japanese)): \(reason)"
            }
            lines.append(text)
        }
        if lines.isEmpty { return nil }
        return "The hard rules cannot all hold.\n" + lines.joined(separator: "\n")
            + "\nGive a supervisor a shift that day (move leave, file the pledge, add a shift template), or let deputies count."
    }

    /// The rule families relaxed to find where an infeasible month breaks.
    static let hardFamilies = ["supervisor[", "meeting[", "weekHours[", "dayOff[", "run[", "rest[", "contractWeekHours[",
                               "contractWeekDays[", "contractMonthHours[", "contractMonthDays[", "earningsCap[",
                               "overtimeMonth["]

    /// Re-solves with a costly slack on every hard row and reports the rows that needed it.
    static func elastic(_ model: RosterModel, options: SolveOptions) throws -> String {
        var lp = model.program
        var slacks: [(ColumnID, String)] = []
        for i in lp.rows.indices {
            let row = lp.rows[i]
            guard hardFamilies.contains(where: { row.name.hasPrefix($0) }) else { continue }
            if row.lower.isFinite {
                let s = lp.addColumn(name: "slack+[\(row.name)]", objective: 1e5)
                lp.addTerm(row: RowID(i), column: s, coefficient: 1)
                slacks.append((s, row.name))
            }
            if row.upper.isFinite && row.upper != row.lower {
                let s = lp.addColumn(name: "slack-[\(row.name)]", objective: 1e5)
                lp.addTerm(row: RowID(i), column: s, coefficient: -1)
                slacks.append((s, row.name))
            } else if row.upper.isFinite && row.lower.isFinite && row.upper == row.lower {
                let s = lp.addColumn(name: "slack-[\(row.name)]", objective: 1e5)
                lp.addTerm(row: RowID(i), column: s, coefficient: -1)
                slacks.append((s, row.name))
            }
        }
        // A short search: the point is where the rules break, not the best way to break them.
        var quick = options
        quick.timeLimit = min(options.timeLimit ?? 15, 15)
        quick.relativeGap = max(options.relativeGap, 0.05)
        var sol = try GLPKSolver().solve(lp, options: quick)
        if !sol.hasSolution {
            quick.relaxIntegrality = true
            sol = try GLPKSolver().solve(lp, options: quick)
        }
        guard sol.hasSolution else {
            return "The hard rules cannot all hold, and relaxing them did not find where within the time limit."
        }
        let broken = slacks.filter { sol.values[$0.0.index] > 1e-6 }.map { "\($0.1) by \(formatAmount(sol.values[$0.0.index]))" }
        if broken.isEmpty { return "The hard rules cannot all hold (no single rule family explains it)." }
        return "The hard rules cannot all hold. The least-bad plan breaks:\n    " + broken.prefix(40).joined(separator: "\n    ")
    }

    static func formatAmount(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String((x * 100).rounded() / 100)
    }
}
