import BusinessCalendar
import Demand
import Rostering

/// Reads `shifts:`, `labour:`, `supervisors:`, `meetings:`, `weights:` and `fairness:`.
enum RosteringSection {
    static func shifts(_ v: YAMLValue) throws(ScenarioError) -> [ShiftTemplate] {
        var out: [ShiftTemplate] = []
        for item in try v.sequence() {
            var code: String?, name: String?, hours: Hours?
            var kinds: Set<DayKind> = [.weekday], weekdays: Set<Weekday>?, window: Hours?
            var employments: Set<Employment>?, late = false, brk: Int?
            for (k, x) in try item.mapping(allowed: ["code", "name", "hours", "days", "weekdays", "break-window",
                                                      "break-minutes", "employment", "late"]) {
                switch k {
                case "code": code = try x.string()
                case "name": name = try x.string()
                case "hours": hours = try CalendarSection.hours(x)
                case "days":
                    kinds = []
                    for d in try x.sequence() {
                        let s = try d.string()
                        guard let kind = DayKind(rawValue: s), kind != .closed else {
                            throw d.error("\"\(s)\" is not a day kind; expected weekday or holiday-opening")
                        }
                        kinds.insert(kind)
                    }
                case "weekdays":
                    var set = Set<Weekday>()
                    for w in try x.sequence() { set.insert(try CalendarSection.weekday(w)) }
                    weekdays = set
                case "break-window": window = try CalendarSection.hours(x)
                case "break-minutes": brk = try x.int(in: 0...240)
                case "employment":
                    var set = Set<Employment>()
                    for e in try x.sequence() {
                        let s = try e.string()
                        guard let em = Employment(name: s) else { throw e.error("\"\(s)\" is not full-time or part-time") }
                        set.insert(em)
                    }
                    employments = set
                default: late = try x.bool()
                }
            }
            guard let code, let hours else { throw item.error("a shift needs code and hours") }
            if out.contains(where: { $0.code == code }) { throw item.error("shift code \(code) is defined twice") }
            out.append(ShiftTemplate(code: code, name: name ?? code, hours: hours, dayKinds: kinds, weekdays: weekdays,
                                     breakWindow: window, employments: employments, isLate: late, breakMinutes: brk))
        }
        if out.isEmpty { throw v.error("list at least one shift") }
        return out
    }

    static func labour(_ v: YAMLValue) throws(ScenarioError) -> LabourRules {
        var l = LabourRules()
        for (k, x) in try v.mapping(allowed: ["max-hours-day", "max-hours-week", "overtime", "breaks", "min-days-off-week",
                                               "max-consecutive-days", "min-rest-hours", "week-starts"]) {
            switch k {
            case "max-hours-day": l.maxHoursPerDay = try x.double(in: 1...24)
            case "max-hours-week": l.maxHoursPerWeek = try x.double(in: 1...168)
            case "overtime":
                for (kk, y) in try x.mapping(allowed: ["allowed", "max-hours-month"]) {
                    if kk == "allowed" { l.overtimeAllowed = try y.bool() } else { l.maxOvertimeHoursPerMonth = try y.double(in: 0...200) }
                }
            case "breaks":
                l.breaks = []
                for b in try x.sequence() {
                    var over: Double?, minutes: Int?
                    for (kk, y) in try b.mapping(allowed: ["over-hours", "minutes"]) {
                        if kk == "over-hours" { over = try y.double(in: 0...24) } else { minutes = try y.int(in: 0...240) }
                    }
                    guard let over, let minutes else { throw b.error("a break rule needs over-hours and minutes") }
                    l.breaks.append(BreakRule(overMinutes: Int(over * 60), minutes: minutes))
                }
            case "min-days-off-week": l.minDaysOffPerWeek = try x.int(in: 0...7)
            case "max-consecutive-days": l.maxConsecutiveDays = try x.int(in: 1...31)
            case "min-rest-hours": l.minRestHours = try x.double(in: 0...24)
            default: l.weekStart = try CalendarSection.weekday(x)
            }
        }
        return l
    }

    static func supervisors(_ v: YAMLValue) throws(ScenarioError) -> SupervisorRule {
        var s = SupervisorRule()
        for (k, x) in try v.mapping(allowed: ["deputies-count", "general-manager-counts", "scope"]) {
            switch k {
            case "deputies-count": s.deputiesCount = try x.bool()
            case "general-manager-counts": s.generalManagerCounts = try x.bool()
            default: s.scope = try x.oneOf(SupervisorRule.Scope.self)
            }
        }
        return s
    }

    /// Meetings: `{name, on: first-weekday | second-weekday | last-weekday | YYYY-MM-DD, hours, attendees}`.
    struct MeetingRule {
        var name: String
        var on: String
        var hours: Hours
        var attendees: [String]
        var line: Int?

        func meeting(in month: YearMonth, calendar: BusinessCalendar) -> Meeting? {
            let weekdays = calendar.month(month).filter { $0.kind == .weekday }.map(\.date)
            let date: CivilDate?
            switch on {
            case "first-weekday": date = weekdays.first
            case "second-weekday": date = weekdays.count > 1 ? weekdays[1] : nil
            case "last-weekday": date = weekdays.last
            default: date = CivilDate(on).flatMap { $0.yearMonth == month ? $0 : nil }
            }
            return date.map { Meeting(name: name, date: $0, hours: hours, attendees: attendees) }
        }
    }

    static func meetings(_ v: YAMLValue) throws(ScenarioError) -> [MeetingRule] {
        var out: [MeetingRule] = []
        for item in try v.sequence() {
            var name = "月例報告会議", on: String?, hours: Hours?, attendees: [String] = []
            for (k, x) in try item.mapping(allowed: ["name", "on", "hours", "attendees"]) {
                switch k {
                case "name": name = try x.string()
                case "on":
                    let s = try x.string()
                    guard ["first-weekday", "second-weekday", "last-weekday"].contains(s) || CivilDate(s) != nil else {
                        throw x.error("\"\(s)\": expected first-weekday, second-weekday, last-weekday or a date YYYY-MM-DD")
                    }
                    on = s
                case "hours": hours = try CalendarSection.hours(x)
                default: attendees = try x.sequence().map { (a: YAMLValue) throws(ScenarioError) -> String in try a.string() }
                }
            }
            guard let on, let hours else { throw item.error("a meeting needs on and hours") }
            out.append(MeetingRule(name: name, on: on, hours: hours, attendees: attendees, line: item.line))
        }
        return out
    }

    static func weights(_ v: YAMLValue) throws(ScenarioError) -> RosterWeights {
        var w = RosterWeights()
        for (k, x) in try v.mapping(allowed: ["shortfall", "excess", "overtime", "cost", "fairness", "preference", "under-contract"]) {
            let value = try x.double(in: 0...1e7)
            switch k {
            case "shortfall": w.shortfall = value
            case "excess": w.excess = value
            case "overtime": w.overtime = value
            case "cost": w.cost = value
            case "fairness": w.fairness = value
            case "preference": w.preference = value
            default: w.underContract = value
            }
        }
        return w
    }

    static func fairness(_ v: YAMLValue, into rules: inout RosterRules) throws(ScenarioError) {
        for (k, x) in try v.mapping(allowed: ["enabled", "carried-late", "carried-holiday-mornings"]) {
            switch k {
            case "enabled": rules.fairness = try x.bool()
            default:
                var map: [String: Int] = [:]
                for (id, n) in try x.freeMapping() { map[id] = try n.int(in: 0...10_000) }
                if k == "carried-late" { rules.carriedLate = map } else { rules.carriedHolidayMornings = map }
            }
        }
    }
}
