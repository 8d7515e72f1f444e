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

    /// When no plan keeps every hard rule, the least-bad ways out, each found by a
    /// search that may break only some rules: (1) keep a supervisor on duty at every
    /// moment by stretching labour or contract rules for someone, (2) keep those rules
    /// and leave the fewest slots without a supervisor.
    public static func leastBadOptions(_ model: RosterModel, options: SolveOptions) throws -> String {
        var text: [String] = ["No roster keeps every hard rule. The least-bad options:"]
        let labour = hardFamilies.filter { $0 != "supervisor[" && $0 != "meeting[" }
        if let broken = try relaxed(model, families: labour, options: options) {
            text.append("  A. Keep a supervisor on duty at every open moment by breaking, for the people named:")
            text += broken.prefix(20).map { "       - " + describe($0.row, by: $0.amount, problem: model.problem) }
        } else {
            text.append("  A. No supervisor can be brought in even by stretching labour and contract rules (leave, pledges and start dates stand).")
        }
        if let broken = try relaxed(model, families: ["supervisor["], options: options) {
            text.append("  B. Keep every labour and contract rule and leave these slots without a supervisor (業務責任者):")
            text += Self.slotRanges(broken.map(\.row), slotMinutes: model.problem.slotMinutes).prefix(20).map { "       - " + $0 }
        }
        return text.joined(separator: "\n")
    }

    /// Rows of the given families relaxed with costly slacks; the rows that needed
    /// slack and by how much (nil when the relaxed search found nothing in time).
    static func relaxed(_ model: RosterModel, families: [String], options: SolveOptions) throws -> [(row: String, amount: Double)]? {
        var lp = model.program
        var slacks: [(ColumnID, String)] = []
        for i in lp.rows.indices {
            let row = lp.rows[i]
            if row.name.hasPrefix("wholeShifts[") && families.contains(where: { $0 != "supervisor[" && $0 != "meeting[" }) {
                // Derived from the hours rows: relaxed with them, never reported on its own.
                lp.setRowBounds(RowID(i), lower: row.lower, upper: .infinity)
                continue
            }
            guard families.contains(where: { row.name.hasPrefix($0) }) else { continue }
            if row.lower.isFinite {
                let s = lp.addColumn(name: "slack+[\(row.name)]", objective: 1e5)
                lp.addTerm(row: RowID(i), column: s, coefficient: 1)
                slacks.append((s, row.name))
            }
            if row.upper.isFinite {
                let s = lp.addColumn(name: "slack-[\(row.name)]", objective: 1e5)
                lp.addTerm(row: RowID(i), column: s, coefficient: -1)
                slacks.append((s, row.name))
            }
        }
        // A short search: the point is where the rules break, not the best way to break them.
        var quick = options
        quick.timeLimit = min(options.timeLimit ?? 15, 15)
        quick.relativeGap = max(options.relativeGap, 0.05)
        quick.initialSolution = nil
        var sol = try GLPKSolver().solve(lp, options: quick)
        if !sol.hasSolution {
            quick.relaxIntegrality = true
            sol = try GLPKSolver().solve(lp, options: quick)
        }
        guard sol.hasSolution else { return nil }
        return slacks.filter { sol.values[$0.0.index] > 1e-6 }.map { (row: $0.1, amount: sol.values[$0.0.index]) }
    }

    /// A hard row broken, in the user's words.
    static func describe(_ row: String, by amount: Double, problem: RosterProblem) -> String {
        guard let open = row.firstIndex(of: "["), row.hasSuffix("]") else { return row }
        let family = String(row[..<open])
        let args = row[row.index(after: open)..<row.index(before: row.endIndex)].split(separator: ",").map(String.init)
        let who: String = args.first.flatMap { id in problem.staff.first { $0.id == id }.map { "\($0.id) \($0.name)" } } ?? (args.first ?? "")
        let x = formatAmount(amount)
        let labour = problem.rules.labour
        switch family {
        case "supervisor": return "no supervisor on duty \(args.joined(separator: " "))"
        case "weekHours": return "\(who) works \(x) h over \(formatAmount(labour.maxHoursPerWeek)) h in the week of \(args.dropFirst().joined())"
        case "dayOff": return "\(who) gets no day off in the week of \(args.dropFirst().joined())"
        case "run": return "\(who) works more than \(labour.maxConsecutiveDays) days in a row from \(args.dropFirst().joined())"
        case "rest": return "\(who) rests less than \(formatAmount(labour.minRestHours)) h after \(args.dropFirst().joined(separator: " "))"
        case "contractWeekHours": return "\(who) works \(x) h beyond the contract's weekly hours (week of \(args.dropFirst().joined()))"
        case "contractWeekDays": return "\(who) works \(x) day(s) beyond the contract's days a week (week of \(args.dropFirst().joined()))"
        case "contractMonthHours": return "\(who) works \(x) h beyond the contract's monthly hours"
        case "contractMonthDays": return "\(who) works \(x) day(s) beyond the contract's days a month"
        case "earningsCap": return "\(who) earns \(x) yen beyond the annual earnings cap"
        case "overtimeMonth": return "\(who) works \(x) h of overtime beyond the month's cap"
        case "meeting": return "\(who) misses the meeting \(args.dropFirst().joined(separator: " "))"
        default: return "\(row) by \(x)"
        }
    }

    /// `supervisor[2026-12-10,16:00]` rows as time ranges per day: "2026-12-10 16:00–17:15".
    static func slotRanges(_ rows: [String], slotMinutes: Int) -> [String] {
        var byDay: [String: [String]] = [:]
        for r in rows where r.hasPrefix("supervisor[") {
            let parts = r.dropFirst("supervisor[".count).dropLast().split(separator: ",").map(String.init)
            guard parts.count >= 2 else { continue }
            byDay[parts[parts.count - 2], default: []].append(parts[parts.count - 1])
        }
        return byDay.keys.sorted().map { d in
            let times = byDay[d]!.sorted()
            let end = TimeOfDay(times.last!)?.adding(minutes: slotMinutes)?.description ?? times.last!
            return "\(d) \(times.first!)–\(end) (\(times.count) slot\(times.count == 1 ? "" : "s") of \(slotMinutes) min)"
        }
    }

    static func formatAmount(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String((x * 100).rounded() / 100)
    }
}
