/// How a day is classified for the counter.
public enum DayKind: String, Sendable, Equatable {
    case weekday
    case holidayOpening = "holiday-opening"
    case closed
}

/// One day of the business calendar.
public struct CalendarDay: Sendable, Equatable {
    public let date: CivilDate
    public let kind: DayKind
    /// The opening hours; `nil` when closed.
    public let hours: Hours?
    /// Why the day is closed or special: a holiday's name, 年末年始休業, a maintenance note.
    public let note: String
    /// The national holiday on this date, if any (an open day can be one too).
    public let holiday: Holiday?
    public let slotMinutes: Int

    public var weekday: Weekday { date.weekday }
    public var isOpen: Bool { hours != nil }

    /// The number of slots the day is open.
    public var slotCount: Int { hours.map { $0.minutes / slotMinutes } ?? 0 }

    /// The start of each open slot.
    public var slotStarts: [TimeOfDay] {
        guard let h = hours else { return [] }
        return (0..<slotCount).map { TimeOfDay(minutes: h.open.minutes + $0 * slotMinutes)! }
    }
}

/// The counter's calendar: which days and slots are open, from the opening rules
/// and Japan's national holidays.
public struct BusinessCalendar: Sendable {
    public let rules: OpeningRules

    /// - Throws: `CalendarError` when a rule is inconsistent (a slot length that
    ///   does not divide every opening period, …).
    public init(rules: OpeningRules) throws(CalendarError) {
        try rules.validate()
        self.rules = rules
    }

    /// Every day of a month, classified.
    public func month(_ m: YearMonth) -> [CalendarDay] {
        let holidayDates = holidayOpeningDates(in: m)
        return m.days.map { day($0, holidayOpening: holidayDates[$0]) }
    }

    /// The open days of a month.
    public func openDays(_ m: YearMonth) -> [CalendarDay] { month(m).filter(\.isOpen) }

    /// One day, classified.
    public func day(_ date: CivilDate) -> CalendarDay {
        day(date, holidayOpening: holidayOpeningDates(in: date.yearMonth)[date])
    }

    private func day(_ date: CivilDate, holidayOpening: String?) -> CalendarDay {
        let holiday = JapaneseHolidays.holiday(on: date)
        func make(_ kind: DayKind, _ hours: Hours?, _ note: String) -> CalendarDay {
            CalendarDay(date: date, kind: kind, hours: hours, note: note, holiday: holiday, slotMinutes: rules.slotMinutes)
        }
        if let note = rules.closures[date] { return make(.closed, nil, note) }
        if let extra = rules.openings[date] {
            let ordinary = rules.openWeekdays.contains(date.weekday) && holiday == nil
            return make(ordinary ? .weekday : .holidayOpening, extra.hours, extra.note)
        }
        if let y = rules.yearEndClosure, y.contains(date) {
            return make(.closed, nil, holiday.map { "\(y.note)（\($0.name)）" } ?? y.note)
        }
        if let note = holidayOpening, let rule = rules.holidayOpenings {
            return make(.holidayOpening, rule.hours, holiday.map { "\(note)（\($0.name)）" } ?? note)
        }
        if let h = holiday, rules.closedOnNationalHolidays { return make(.closed, nil, h.name) }
        if rules.openWeekdays.contains(date.weekday) {
            return make(.weekday, rules.hours(on: date.weekday), holiday?.name ?? "")
        }
        return make(.closed, nil, holiday?.name ?? "週末")
    }

    /// Whether a date is closed for a holiday opening: an extra closure, the
    /// year-end closure, or (when the rule says so) a national holiday.
    private func blocksHolidayOpening(_ date: CivilDate) -> Bool {
        if rules.closures[date] != nil { return true }
        if let y = rules.yearEndClosure, y.contains(date) { return true }
        if rules.holidayOpenings?.avoidNationalHolidays == true, JapaneseHolidays.holiday(on: date) != nil { return true }
        return false
    }

    /// The holiday openings of a month, after closures moved or dropped them, with their notes.
    public func holidayOpeningDates(in m: YearMonth) -> [CivilDate: String] {
        guard let rule = rules.holidayOpenings else { return [:] }
        var out: [CivilDate: String] = [:]
        for date in rule.dates where date.yearMonth == m && !blocksHolidayOpening(date) {
            out[date] = rule.note
        }
        for date in rule.ruleDates(in: m) {
            if !blocksHolidayOpening(date) {
                out[date] = rule.note
                continue
            }
            let step: Int
            switch rule.whenClosed {
            case .skip: continue
            case .nextWeek: step = 7
            case .previousWeek: step = -7
            }
            let moved = date.adding(days: step)
            if moved.yearMonth == m, !blocksHolidayOpening(moved), out[moved] == nil,
               !rule.ruleDates(in: m).contains(moved) {
                out[moved] = "\(rule.note)（\(date.month)/\(date.day)から移動）"
            }
        }
        return out
    }
}

/// A rule that cannot be applied; each message names the setting and its value.
public enum CalendarError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidSlotLength(Int)
    case slotDoesNotDivide(setting: String, hours: Hours, slotMinutes: Int)
    case invalidHolidayWeek(Int)
    case noHolidayOpeningDates

    public var description: String {
        switch self {
        case let .invalidSlotLength(m):
            return "slot-minutes \(m): the slot length must be a whole number of minutes from 1 to 240 that divides 60 or a multiple of 60"
        case let .slotDoesNotDivide(setting, hours, slot):
            return "\(setting) \(hours): the \(slot)-minute slot does not divide this opening period (\(hours.minutes) minutes, opening at \(hours.open))"
        case let .invalidHolidayWeek(n):
            return "holiday-openings.weeks \(n): weeks are 1 to 4, or -1 for the last (a 5th weekday is missing in most months)"
        case .noHolidayOpeningDates:
            return "holiday-openings: the rule yields no date (give a weekday and weeks, or explicit dates)"
        }
    }
}

extension OpeningRules {
    public func validate() throws(CalendarError) {
        guard slotMinutes >= 1, slotMinutes <= 240, (60 % slotMinutes == 0 || slotMinutes % 60 == 0) else {
            throw .invalidSlotLength(slotMinutes)
        }
        func check(_ setting: String, _ h: Hours) throws(CalendarError) {
            if h.open.minutes % slotMinutes != 0 || h.minutes % slotMinutes != 0 {
                throw .slotDoesNotDivide(setting: setting, hours: h, slotMinutes: slotMinutes)
            }
        }
        try check("weekday-hours", weekdayHours)
        for w in Weekday.allCases { if let h = weekdayOverrides[w] { try check("weekday-overrides.\(w.code)", h) } }
        if let rule = holidayOpenings {
            try check("holiday-openings.hours", rule.hours)
            for n in rule.weeks where !(n == -1 || (1...4).contains(n)) { throw .invalidHolidayWeek(n) }
            if (rule.weekday == nil || rule.weeks.isEmpty) && rule.dates.isEmpty { throw .noHolidayOpeningDates }
        }
        for (d, o) in openings.sorted(by: { $0.key < $1.key }) { try check("openings \(d)", o.hours) }
    }
}
