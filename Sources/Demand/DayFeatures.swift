import BusinessCalendar

/// What the calendar says about an open day that moves demand: its weekday and
/// kind, its month, how long the counter was closed before it, and where it
/// falls in the month.
public struct DayFeatures: Sendable, Equatable {
    public var date: CivilDate
    public var kind: DayKind
    /// Consecutive closed days just before (a normal Monday has 2).
    public var closedBefore: Int
    /// The first open weekday after the year-end closure.
    public var firstOfYear: Bool
    /// Among the first two / last two open weekdays of the month.
    public var monthStart: Bool
    public var monthEnd: Bool

    /// Features of every open day from `from` through `through`.
    public static func days(_ calendar: BusinessCalendar, from: CivilDate, through: CivilDate) -> [DayFeatures] {
        guard from <= through else { return [] }
        // Look back far enough to count any closure before the first day.
        let start = from.adding(days: -21)
        var classified: [CalendarDay] = []
        var m = start.yearMonth
        while m <= through.yearMonth {
            classified += calendar.month(m)
            m = m.next
        }
        classified = classified.filter { $0.date >= start && $0.date <= through }
        // Open weekdays per month, to mark month starts and ends.
        var weekdaysByMonth: [YearMonth: [CivilDate]] = [:]
        var mm = from.yearMonth
        while mm <= through.yearMonth {
            weekdaysByMonth[mm] = calendar.month(mm).filter { $0.kind == .weekday }.map(\.date)
            mm = mm.next
        }
        var out: [DayFeatures] = []
        var closedRun = 0
        var sawYearEnd = false
        for d in classified {
            guard d.isOpen else {
                closedRun += 1
                if d.note.hasPrefix(calendar.rules.yearEndClosure?.note ?? "\u{0}") { sawYearEnd = true }
                continue
            }
            if d.date >= from {
                let list = weekdaysByMonth[d.date.yearMonth] ?? []
                let idx = list.firstIndex(of: d.date)
                out.append(DayFeatures(
                    date: d.date, kind: d.kind, closedBefore: closedRun,
                    firstOfYear: sawYearEnd && d.kind == .weekday,
                    monthStart: idx.map { $0 < 2 } ?? false,
                    monthEnd: idx.map { $0 >= list.count - 2 } ?? false))
            }
            if d.kind == .weekday { sawYearEnd = false }
            closedRun = 0
        }
        return out
    }
}
