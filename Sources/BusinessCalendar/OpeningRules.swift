/// When the counter is open: the rules of one city's specification.
/// The defaults are Nankoku's (weekdays 8:30–17:15, Wednesdays to 19:00, closed
/// 12/29–1/3 and on national holidays, holiday openings 8:30–12:00 on the 2nd
/// and 4th Sunday); every one can be changed in `scenario.yaml`.
public struct OpeningRules: Sendable, Equatable {
    public var slotMinutes: Int = 15
    public var openWeekdays: Set<Weekday> = [.monday, .tuesday, .wednesday, .thursday, .friday]
    public var weekdayHours: Hours = Hours("08:30-17:15")!
    public var weekdayOverrides: [Weekday: Hours] = [.wednesday: Hours("08:30-19:00")!]
    public var closedOnNationalHolidays: Bool = true
    public var yearEndClosure: YearEndClosure? = YearEndClosure(from: MonthDay(12, 29)!, through: MonthDay(1, 3)!)
    public var holidayOpenings: HolidayOpeningRule? = HolidayOpeningRule()
    /// Extra closures (system maintenance, …) by date, with the reason shown.
    public var closures: [CivilDate: String] = [:]
    /// Extra openings (an election, …) by date.
    public var openings: [CivilDate: ExtraOpening] = [:]

    public init() {}

    /// The hours on an ordinary business weekday.
    public func hours(on weekday: Weekday) -> Hours { weekdayOverrides[weekday] ?? weekdayHours }
}

/// A month and day, e.g. 12-29.
public struct MonthDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let month: Int
    public let day: Int

    public init?(_ month: Int, _ day: Int) {
        guard (1...12).contains(month), day >= 1, day <= CivilDate.daysIn(year: 2000, month: month) else { return nil }
        self.month = month
        self.day = day
    }

    /// Parses `MM-DD` or `M/D`.
    public init?(_ text: String) {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "/" })
        guard parts.count == 2, let m = Int(parts[0]), let d = Int(parts[1]) else { return nil }
        self.init(m, d)
    }

    public static func < (a: MonthDay, b: MonthDay) -> Bool { (a.month, a.day) < (b.month, b.day) }
    public var description: String { "\(pad(month, 2))-\(pad(day, 2))" }
}

/// A closure that recurs every year, possibly across the new year (12-29 through 01-03).
public struct YearEndClosure: Sendable, Equatable {
    public var from: MonthDay
    public var through: MonthDay
    public var note: String = "年末年始休業"

    public init(from: MonthDay, through: MonthDay, note: String = "年末年始休業") {
        self.from = from
        self.through = through
        self.note = note
    }

    public func contains(_ date: CivilDate) -> Bool {
        guard let md = MonthDay(date.month, date.day) else { return false }  // 02-29 is never a bound
        return from <= through ? (md >= from && md <= through) : (md >= from || md <= through)
    }
}

/// Twice-monthly holiday openings (休日交付), by rule or by date.
public struct HolidayOpeningRule: Sendable, Equatable {
    public enum WhenClosed: String, Sendable, CaseIterable {
        /// Drop the opening that month.
        case skip
        /// Hold it on the same weekday a week later, if that is in the month and not closed.
        case nextWeek = "next-week"
        /// Hold it on the same weekday a week earlier, if that is in the month and not closed.
        case previousWeek = "previous-week"
    }

    public var hours: Hours = Hours("08:30-12:00")!
    /// The weekday of the rule (e.g. Sunday) and which of them in the month (1–5; -1 = last).
    public var weekday: Weekday? = .sunday
    public var weeks: [Int] = [2, 4]
    /// Explicit dates, in addition to the rule.
    public var dates: [CivilDate] = []
    /// What to do when a rule date falls in a closure.
    public var whenClosed: WhenClosed = .nextWeek
    /// Whether a national holiday on the rule date counts as a closure for it.
    public var avoidNationalHolidays: Bool = false
    public var note: String = "休日交付"

    public init() {}

    /// The rule's dates in a month, before closures are considered.
    public func ruleDates(in month: YearMonth) -> [CivilDate] {
        guard let weekday else { return [] }
        let all = month.days.filter { $0.weekday == weekday }
        return weeks.compactMap { n in
            if n == -1 { return all.last }
            return n >= 1 && n <= all.count ? all[n - 1] : nil
        }
    }
}

/// An opening on a date the rules would close (an election day, …).
public struct ExtraOpening: Sendable, Equatable {
    public var hours: Hours
    public var note: String
    public init(hours: Hours, note: String) {
        self.hours = hours
        self.note = note
    }
}
