/// A time of day in whole minutes after midnight (08:30 = 510). 24:00 is allowed as an end.
public struct TimeOfDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let minutes: Int

    public init?(minutes: Int) {
        guard (0...(24 * 60)).contains(minutes) else { return nil }
        self.minutes = minutes
    }

    public init?(hour: Int, minute: Int) {
        guard (0...59).contains(minute) else { return nil }
        self.init(minutes: hour * 60 + minute)
    }

    /// Parses `H:MM` or `HH:MM`.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...2).contains(parts[0].count), parts[1].count == 2,
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let h = Int(parts[0]), let m = Int(parts[1]) else { return nil }
        self.init(hour: h, minute: m)
    }

    /// `HH:MM`.
    public var description: String { "\(pad(minutes / 60, 2)):\(pad(minutes % 60, 2))" }

    public static func < (a: TimeOfDay, b: TimeOfDay) -> Bool { a.minutes < b.minutes }

    public func adding(minutes m: Int) -> TimeOfDay? { TimeOfDay(minutes: minutes + m) }
}

/// An opening period on one day, `open` < `close`.
public struct Hours: Hashable, Sendable, CustomStringConvertible {
    public let open: TimeOfDay
    public let close: TimeOfDay

    public init?(open: TimeOfDay, close: TimeOfDay) {
        guard open < close else { return nil }
        self.open = open
        self.close = close
    }

    /// Parses `08:30-17:15` (also with `–` or `~`).
    public init?(_ text: String) {
        guard let (o, c) = Hours.times(text) else { return nil }
        self.init(open: o, close: c)
    }

    /// The two times of `08:30-17:15`, in whatever order they are written.
    public static func times(_ text: String) -> (TimeOfDay, TimeOfDay)? {
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "–" || $0 == "~" || $0 == "〜" })
        guard parts.count == 2,
              let o = TimeOfDay(parts[0].trimmingSpaces), let c = TimeOfDay(parts[1].trimmingSpaces) else { return nil }
        return (o, c)
    }

    public var minutes: Int { close.minutes - open.minutes }
    public var description: String { "\(open)-\(close)" }
}

extension StringProtocol {
    /// The text without leading and trailing spaces.
    public var trimmingSpaces: String {
        String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }
}
