import BusinessCalendar
import Yams

/// Reads the `calendar:` section of scenario.yaml into `OpeningRules`.
/// Every key is optional; a missing key keeps Nankoku's default.
enum CalendarSection {
    static let keys = ["slot-minutes", "open-weekdays", "weekday-hours", "weekday-overrides",
                       "closed-on-national-holidays", "year-end-closure", "holiday-openings",
                       "closures", "openings"]

    static func read(_ v: YAMLValue) throws(ScenarioError) -> OpeningRules {
        var rules = OpeningRules()
        for (key, value) in try v.mapping(allowed: keys) {
            switch key {
            case "slot-minutes": rules.slotMinutes = try value.int(in: 1...240)
            case "open-weekdays":
                rules.openWeekdays = []
                for w in try value.sequence() { rules.openWeekdays.insert(try weekday(w)) }
            case "weekday-hours": rules.weekdayHours = try hours(value)
            case "weekday-overrides":
                rules.weekdayOverrides = [:]
                for (name, h) in try value.freeMapping() {
                    guard let w = Weekday(name: name) else {
                        throw h.error("\"\(name)\" is not a weekday; expected mon, tue, wed, thu, fri, sat or sun")
                    }
                    rules.weekdayOverrides[w] = try hours(h)
                }
            case "closed-on-national-holidays": rules.closedOnNationalHolidays = try value.bool()
            case "year-end-closure":
                if case .scalar = value.node, (try? value.string()) == "none" {
                    rules.yearEndClosure = nil
                    continue
                }
                var from: MonthDay?, through: MonthDay?, note = "年末年始休業"
                for (k, x) in try value.mapping(allowed: ["from", "through", "note"]) {
                    switch k {
                    case "from": from = try monthDay(x)
                    case "through": through = try monthDay(x)
                    default: note = try x.string()
                    }
                }
                guard let from, let through else { throw value.error("give both from and through (MM-DD)") }
                rules.yearEndClosure = YearEndClosure(from: from, through: through, note: note)
            case "holiday-openings":
                if case .scalar = value.node, (try? value.string()) == "none" {
                    rules.holidayOpenings = nil
                    continue
                }
                rules.holidayOpenings = try holidayOpenings(value)
            case "closures":
                rules.closures = [:]
                for item in try value.sequence() {
                    var date: CivilDate?, note = "臨時休業"
                    for (k, x) in try item.mapping(allowed: ["date", "note"]) {
                        if k == "date" { date = try civilDate(x) } else { note = try x.string() }
                    }
                    guard let date else { throw item.error("a closure needs a date") }
                    if rules.closures[date] != nil { throw item.error("\(date) is closed twice") }
                    rules.closures[date] = note
                }
            case "openings":
                rules.openings = [:]
                for item in try value.sequence() {
                    var date: CivilDate?, h: Hours?, note = "臨時開庁"
                    for (k, x) in try item.mapping(allowed: ["date", "hours", "note"]) {
                        switch k {
                        case "date": date = try civilDate(x)
                        case "hours": h = try hours(x)
                        default: note = try x.string()
                        }
                    }
                    guard let date, let h else { throw item.error("an opening needs a date and hours") }
                    if rules.openings[date] != nil { throw item.error("\(date) is opened twice") }
                    rules.openings[date] = ExtraOpening(hours: h, note: note)
                }
            default: break
            }
        }
        do {
            try rules.validate()
        } catch {
            throw v.error(error.description)
        }
        return rules
    }

    static func holidayOpenings(_ value: YAMLValue) throws(ScenarioError) -> HolidayOpeningRule {
        var rule = HolidayOpeningRule()
        for (k, x) in try value.mapping(allowed: ["hours", "weekday", "weeks", "dates", "when-closed",
                                                   "avoid-national-holidays", "note"]) {
            switch k {
            case "hours": rule.hours = try hours(x)
            case "weekday":
                rule.weekday = (try? x.string()) == "none" ? nil : try weekday(x)
            case "weeks":
                rule.weeks = []
                for n in try x.sequence() {
                    let s = try n.string()
                    if s == "last" { rule.weeks.append(-1); continue }
                    rule.weeks.append(try n.int(in: 1...4))
                }
            case "dates":
                rule.dates = []
                for d in try x.sequence() { rule.dates.append(try civilDate(d)) }
            case "when-closed": rule.whenClosed = try x.oneOf(HolidayOpeningRule.WhenClosed.self)
            case "avoid-national-holidays": rule.avoidNationalHolidays = try x.bool()
            default: rule.note = try x.string()
            }
        }
        if (rule.weekday == nil || rule.weeks.isEmpty) && rule.dates.isEmpty {
            throw value.error("the rule yields no date: give a weekday and weeks (e.g. sun, [2, 4]) or explicit dates")
        }
        return rule
    }

    static func weekday(_ v: YAMLValue) throws(ScenarioError) -> Weekday {
        let s = try v.string()
        guard let w = Weekday(name: s) else {
            throw v.error("\"\(s)\" is not a weekday; expected mon, tue, wed, thu, fri, sat or sun")
        }
        return w
    }

    static func hours(_ v: YAMLValue) throws(ScenarioError) -> Hours {
        let s = try v.string()
        guard let (o, c) = Hours.times(s) else {
            throw v.error("\"\(s)\" is not a time range; expected HH:MM-HH:MM, e.g. 08:30-17:15")
        }
        guard let h = Hours(open: o, close: c) else {
            throw v.error("\"\(s)\": the counter must open (\(o)) before it closes (\(c))")
        }
        return h
    }

    static func monthDay(_ v: YAMLValue) throws(ScenarioError) -> MonthDay {
        let s = try v.string()
        guard let md = MonthDay(s) else { throw v.error("\"\(s)\" is not a month and day; expected MM-DD, e.g. 12-29") }
        return md
    }

    static func civilDate(_ v: YAMLValue) throws(ScenarioError) -> CivilDate {
        let s = try v.string()
        guard let d = CivilDate(s), s.count == 10 else {
            throw v.error("\"\(s)\" is not a date; expected YYYY-MM-DD, e.g. 2026-12-15")
        }
        return d
    }
}
