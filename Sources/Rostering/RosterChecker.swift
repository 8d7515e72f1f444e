import BusinessCalendar
import Demand

/// One broken rule, in words.
public struct Violation: Sendable, Equatable, CustomStringConvertible {
    public var rule: String
    public var date: String?
    public var time: String?
    public var person: String?
    public var message: String

    public var description: String {
        var where_: [String] = []
        if let date { where_.append(date) }
        if let time { where_.append(time) }
        if let person { where_.append(person) }
        return "[\(rule)] " + (where_.isEmpty ? "" : where_.joined(separator: " ") + ": ") + message
    }
}

/// The independent checker: re-derives every hard rule from the roster's
/// assignments alone — never from solver variables — so it judges a roster made by
/// Kinmu, repaired by hand, or made by another tool the same way.
public struct RosterChecker: Sendable {
    public let month: YearMonth
    public let calendar: BusinessCalendar
    public let staff: [Person]
    public let requests: [Request]
    public let rules: RosterRules
    public let services: [Service]

    public init(month: YearMonth, calendar: BusinessCalendar, staff: [Person], requests: [Request],
                rules: RosterRules, services: [Service]) {
        self.month = month
        self.calendar = calendar
        self.staff = staff
        self.requests = requests
        self.rules = rules
        self.services = services
    }

    struct Parsed {
        var person: Person
        var date: CivilDate
        var day: CalendarDay
        var shift: ShiftTemplate
        var start: Int, end: Int
        var breaks: [(Int, Int)]
        var tasks: [(Int, Int, String)]
        var work: Int { end - start - breaks.reduce(0) { $0 + $1.1 - $1.0 } }
    }

    /// Every violation of a hard rule, in date and time order.
    public func check(_ roster: Roster) -> [Violation] {
        var v: [Violation] = []
        func add(_ rule: String, _ date: CivilDate?, _ time: String? = nil, _ person: Person? = nil, _ msg: String) {
            v.append(Violation(rule: rule, date: date?.description, time: time,
                               person: person.map { "\($0.id) \($0.name)" }, message: msg))
        }
        if roster.month != month.description { add("month", nil, nil, nil, "the roster is for \(roster.month), not \(month)") }
        let byID = Dictionary(uniqueKeysWithValues: staff.map { ($0.id, $0) })
        let shiftByCode = Dictionary(uniqueKeysWithValues: rules.shifts.map { ($0.code, $0) })
        let days = Dictionary(uniqueKeysWithValues: calendar.month(month).map { ($0.date, $0) })
        var parsed: [Parsed] = []
        var seen = Set<String>()
        for a in roster.assignments {
            guard let p = byID[a.staff] else { add("staff", CivilDate(a.date), nil, nil, "unknown staff id \(a.staff)"); continue }
            guard let date = CivilDate(a.date), let day = days[date] else { add("date", nil, nil, p, "\(a.date) is not a day of \(month)"); continue }
            guard day.isOpen else { add("open", date, nil, p, "assigned on a closed day (\(day.note))"); continue }
            guard let shift = shiftByCode[a.shift] else { add("shift", date, nil, p, "unknown shift \(a.shift)"); continue }
            guard seen.insert("\(a.staff) \(a.date)").inserted else { add("one shift a day", date, nil, p, "more than one shift"); continue }
            guard let s = TimeOfDay(a.start), let e = TimeOfDay(a.end), s == shift.hours.open, e == shift.hours.close else {
                add("shift", date, nil, p, "\(a.shift) runs \(shift.hours), not \(a.start)-\(a.end)"); continue
            }
            func interval(_ i: Roster.Interval) -> (Int, Int)? {
                guard let x = TimeOfDay(i.start), let y = TimeOfDay(i.end), x < y else { return nil }
                return (x.minutes, y.minutes)
            }
            let breaks = a.breaks.compactMap(interval)
            if breaks.count != a.breaks.count { add("break", date, nil, p, "a break has an unreadable or empty time range") }
            var tasks: [(Int, Int, String)] = []
            for t in a.tasks {
                guard let x = TimeOfDay(t.start), let y = TimeOfDay(t.end), x < y else {
                    add("task", date, t.start, p, "unreadable task time \(t.start)-\(t.end)"); continue
                }
                tasks.append((x.minutes, y.minutes, t.service))
            }
            parsed.append(Parsed(person: p, date: date, day: day, shift: shift, start: s.minutes, end: e.minutes,
                                 breaks: breaks, tasks: tasks))
        }
        for a in parsed { checkAssignment(a, add) }
        checkWeeksAndRuns(parsed, add)
        checkSupervisors(parsed, add)
        checkMeetings(parsed, add)
        return v
    }

    typealias Add = (String, CivilDate?, String?, Person?, String) -> Void

    func hhmm(_ m: Int) -> String { TimeOfDay(minutes: m)!.description }

    func checkAssignment(_ a: Parsed, _ add: Add) {
        let p = a.person, date = a.date
        if !p.employed(on: date) { add("contract dates", date, nil, p, "not employed on this date (\(p.start.map { "from \($0)" } ?? "")\(p.end.map { " to \($0)" } ?? ""))") }
        if !p.pledged(on: date) {
            add("pledge", date, nil, p, p.pledge.map { "assigned before the confidentiality pledge (誓約書) was filed on \($0)" } ?? "assigned with no confidentiality pledge (誓約書) on file")
        }
        if !a.shift.allowed(on: a.day) { add("shift", date, nil, p, "\(a.shift.code) may not be worked on this day") }
        if let e = a.shift.employments, !e.contains(p.employment) { add("shift", date, nil, p, "\(a.shift.code) is not for \(p.employment.rawValue) staff") }
        let mine = requests.filter { $0.person == p.id && $0.covers(date) }
        if let l = mine.first(where: { $0.kind == .leave }) { add("leave", date, nil, p, "works on approved leave (\(l.source))") }
        let windows = mine.filter { $0.kind == .available }.compactMap(\.window)
        if !windows.isEmpty && !windows.contains(where: { $0.open.minutes <= a.start && a.end <= $0.close.minutes }) {
            add("availability", date, nil, p, "works \(hhmm(a.start))-\(hhmm(a.end)) outside the available \(windows.map(\.description).joined(separator: ", "))")
        }
        // Breaks: inside the shift and its window, long enough for the law and the template.
        let presence = a.end - a.start
        let breakTotal = a.breaks.reduce(0) { $0 + $1.1 - $1.0 }
        let legal = rules.labour.requiredBreak(workMinutes: presence - breakTotal)
        let wanted = max(legal, a.shift.breakMinutes ?? 0)
        if breakTotal < wanted {
            add("break", date, nil, p, "\(breakTotal) minutes of break in \(presence / 60)h\(presence % 60)m on duty; \(wanted) are required")
        }
        for (x, y) in a.breaks {
            if x < a.start || y > a.end { add("break", date, hhmm(x), p, "the break \(hhmm(x))-\(hhmm(y)) is outside the shift") }
            if let w = a.shift.breakWindow, x < w.open.minutes || y > w.close.minutes {
                add("break", date, hhmm(x), p, "the break \(hhmm(x))-\(hhmm(y)) is outside its window \(w)")
            }
        }
        let workHours = Double(a.work) / 60
        if workHours > rules.labour.maxHoursPerDay + 1e-9 && !rules.labour.overtimeAllowed {
            add("hours per day", date, nil, p, "\(workHours) hours of work; at most \(rules.labour.maxHoursPerDay)")
        }
        // Tasks: inside the shift, not on break or in a meeting, skilled, not overlapping.
        let meetings = rules.meetings.filter { $0.date == date && $0.attendees.contains(p.id) }
        let sorted = a.tasks.sorted { $0.0 < $1.0 }
        for (k, t) in sorted.enumerated() {
            if t.0 < a.start || t.1 > a.end { add("task", date, hhmm(t.0), p, "serves \(t.2) outside the shift") }
            if a.breaks.contains(where: { t.0 < $0.1 && $0.0 < t.1 }) { add("no work on break", date, hhmm(t.0), p, "serves \(t.2) during the break") }
            if meetings.contains(where: { t.0 < $0.hours.close.minutes && $0.hours.open.minutes < t.1 }) {
                add("meeting", date, hhmm(t.0), p, "serves \(t.2) during the meeting")
            }
            if !p.skills.contains(t.2) { add("skill", date, hhmm(t.0), p, "serves \(t.2) without the skill") }
            if k > 0 && sorted[k - 1].1 > t.0 { add("task", date, hhmm(t.0), p, "two tasks at once") }
        }
    }

    func checkWeeksAndRuns(_ parsed: [Parsed], _ add: Add) {
        let labour = rules.labour
        let byPerson = Dictionary(grouping: parsed, by: { $0.person.id })
        // Labour weeks clipped to the month.
        var weeks: [(CivilDate, CivilDate)] = []
        var d = month.first
        while d <= month.last {
            var e = d
            while e < month.last && e.adding(days: 1).weekday != labour.weekStart { e = e.adding(days: 1) }
            weeks.append((d, e))
            d = e.adding(days: 1)
        }
        let monthsLeft = Double(13 - month.month)
        for p in staff {
            let mine = (byPerson[p.id] ?? []).sorted { $0.date < $1.date }
            guard !mine.isEmpty else { continue }
            var overtime = 0.0
            for (a, b) in weeks {
                let inWeek = mine.filter { $0.date >= a && $0.date <= b }
                let hours = inWeek.reduce(0.0) { $0 + Double($1.work) / 60 }
                if hours > labour.maxHoursPerWeek + 1e-9 {
                    if labour.overtimeAllowed { overtime += hours - labour.maxHoursPerWeek } else {
                        add("hours per week", a, nil, p, "\(hours) hours in the week \(a)–\(b); at most \(labour.maxHoursPerWeek)")
                    }
                }
                if let c = p.contract.maxHoursPerWeek, hours > c + 1e-9 {
                    add("contract", a, nil, p, "\(hours) hours in the week \(a)–\(b); the contract allows \(c)")
                }
                if let c = p.contract.maxDaysPerWeek, inWeek.count > c {
                    add("contract", a, nil, p, "\(inWeek.count) days in the week \(a)–\(b); the contract allows \(c)")
                }
                if b.dayNumber - a.dayNumber == 6 && inWeek.count > 7 - labour.minDaysOffPerWeek {
                    add("day off", a, nil, p, "no day off in the week \(a)–\(b)")
                }
            }
            if overtime > labour.maxOvertimeHoursPerMonth + 1e-9 {
                add("overtime", nil, nil, p, "\(overtime) hours of overtime; the agreement (36協定) allows \(labour.maxOvertimeHoursPerMonth)")
            }
            let hours = mine.reduce(0.0) { $0 + Double($1.work) / 60 }
            if let c = p.contract.maxHoursPerMonth, hours > c + 1e-9 { add("contract", nil, nil, p, "\(hours) hours this month; the contract allows \(c)") }
            if let c = p.contract.maxDaysPerMonth, mine.count > c { add("contract", nil, nil, p, "\(mine.count) days this month; the contract allows \(c)") }
            if let cap = p.contract.annualEarningsCap, p.contract.hourlyCost > 0 {
                let budget = max(0, cap - p.contract.earnedThisYear) / monthsLeft
                let pay = hours * p.contract.hourlyCost
                if pay > budget + 1e-6 {
                    add("earnings cap", nil, nil, p, "pay of \(Int(pay)) yen this month exceeds the \(Int(budget)) yen left under the annual cap of \(Int(cap)) yen")
                }
            }
            // Runs of consecutive working days, and rest between shifts.
            var run = 0
            var previous: Parsed?
            for a in mine {
                if let prev = previous, prev.date.adding(days: 1) == a.date {
                    run += 1
                    let rest = 24 * 60 - prev.end + a.start
                    if Double(rest) < labour.minRestHours * 60 {
                        add("rest", a.date, nil, p, "only \(Double(rest) / 60) hours of rest after \(prev.date)'s shift; at least \(labour.minRestHours)")
                    }
                } else {
                    run = 1
                }
                if run > labour.maxConsecutiveDays {
                    add("consecutive days", a.date, nil, p, "\(run) working days in a row; at most \(labour.maxConsecutiveDays)")
                }
                previous = a
            }
        }
    }

    func checkSupervisors(_ parsed: [Parsed], _ add: Add) {
        let byDate = Dictionary(grouping: parsed, by: { $0.date })
        for day in calendar.openDays(month) {
            let here = (byDate[day.date] ?? []).filter { rules.supervisors.counts($0.person.role) }
            var missing: [Int] = []
            for start in day.slotStarts {
                let t = start.minutes, u = t + calendar.rules.slotMinutes
                let present = here.contains { a in
                    a.start <= t && u <= a.end
                        && !a.breaks.contains { t < $0.1 && $0.0 < u }
                        && !rules.meetings.contains { $0.date == day.date && $0.attendees.contains(a.person.id)
                            && t < $0.hours.close.minutes && $0.hours.open.minutes < u }
                }
                if !present { missing.append(t) }
            }
            // Report runs of uncovered slots.
            var k = 0
            while k < missing.count {
                var j = k
                while j + 1 < missing.count && missing[j + 1] == missing[j] + calendar.rules.slotMinutes { j += 1 }
                add("supervisor", day.date, "\(hhmm(missing[k]))-\(hhmm(missing[j] + calendar.rules.slotMinutes))", nil,
                    "no supervisor (業務責任者) on duty and off break")
                k = j + 1
            }
        }
    }

    func checkMeetings(_ parsed: [Parsed], _ add: Add) {
        for m in rules.meetings {
            for id in m.attendees {
                guard let p = staff.first(where: { $0.id == id }) else { continue }
                let on = parsed.contains { $0.person.id == id && $0.date == m.date && $0.start <= m.hours.open.minutes && m.hours.close.minutes <= $0.end }
                if !on { add("meeting", m.date, m.hours.description, p, "attends \(m.name) but is not on duty for it") }
            }
        }
    }
}
