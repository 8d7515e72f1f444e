/// Japanese era names (和暦) for dates on city documents: 令和8年12月1日.
public enum JapaneseEra {
    static let eras: [(name: String, start: CivilDate)] = [
        ("令和", CivilDate(2019, 5, 1)!),
        ("平成", CivilDate(1989, 1, 8)!),
        ("昭和", CivilDate(1926, 12, 25)!),
        ("大正", CivilDate(1912, 7, 30)!),
        ("明治", CivilDate(1873, 1, 1)!),
    ]

    /// The era and year of a date (the first year is 元年), or nil before 1873.
    public static func era(of date: CivilDate) -> (name: String, year: Int)? {
        guard let e = eras.first(where: { date >= $0.start }) else { return nil }
        return (e.name, date.year - e.start.year + 1)
    }

    static func yearText(_ y: Int) -> String { y == 1 ? "元" : String(y) }

    /// 令和8年12月1日
    public static func format(_ date: CivilDate) -> String {
        guard let e = era(of: date) else { return date.description }
        return "\(e.name)\(yearText(e.year))年\(date.month)月\(date.day)日"
    }

    /// 令和8年12月 (the era of the month's first day)
    public static func format(_ month: YearMonth) -> String {
        guard let e = era(of: month.first) else { return month.description }
        return "\(e.name)\(yearText(e.year))年\(month.month)月"
    }

    /// 令和8年度: the fiscal year that starts in April of `year`, in the era of its first day.
    public static func fiscalYear(_ year: Int) -> String {
        guard let e = era(of: CivilDate(year, 4, 1)!) else { return "\(year)年度" }
        return "\(e.name)\(yearText(e.year))年度"
    }
}
