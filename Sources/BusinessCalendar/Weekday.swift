/// A day of the week; raw values count from Sunday = 0.
public enum Weekday: Int, CaseIterable, Sendable, Comparable {
    case sunday, monday, tuesday, wednesday, thursday, friday, saturday

    /// `mon`, `tue`, …: how scenario files name weekdays.
    public var code: String { ["sun", "mon", "tue", "wed", "thu", "fri", "sat"][rawValue] }
    /// `Mon`, `Tue`, …
    public var english: String { ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][rawValue] }
    /// 日, 月, 火, …
    public var japanese: String { ["日", "月", "火", "水", "木", "金", "土"][rawValue] }

    /// Reads `mon`, `monday`, `Mon`, `月` or `月曜日`.
    public init?(name: String) {
        let n = name.lowercased()
        if let w = Weekday.allCases.first(where: {
            n == $0.code || n == $0.english.lowercased() || n == $0.longEnglish || name == $0.japanese || name == $0.japanese + "曜日" || name == $0.japanese + "曜"
        }) { self = w } else { return nil }
    }

    var longEnglish: String { ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"][rawValue] }

    public static func < (a: Weekday, b: Weekday) -> Bool { a.rawValue < b.rawValue }
}
