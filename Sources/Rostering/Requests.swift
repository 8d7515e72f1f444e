import BusinessCalendar

/// What a person asked for. Leave is hard; the rest are soft and weighted.
public enum RequestKind: String, Sendable, CaseIterable, Codable {
    /// 休暇: no work on these dates (hard).
    case leave
    /// Would rather not work these dates.
    case preferOff = "prefer-off"
    /// Would like to work these dates.
    case preferOn = "prefer-on"
    /// Would like this shift on these dates.
    case preferShift = "prefer-shift"
    /// Would rather not have this shift on these dates.
    case avoidShift = "avoid-shift"
    /// Can only work within this time window on these dates (part-timers; hard).
    case available
}

public struct Request: Sendable, Equatable {
    public var person: String
    public var from: CivilDate
    public var through: CivilDate
    public var kind: RequestKind
    /// The shift code, for prefer-shift and avoid-shift.
    public var shift: String?
    /// The window, for `available`.
    public var window: Hours?
    /// Penalty when a soft request is not met.
    public var weight: Double
    public var note: String
    /// Where it came from, for messages (e.g. "requests.csv:12").
    public var source: String

    public init(person: String, from: CivilDate, through: CivilDate, kind: RequestKind, shift: String? = nil,
                window: Hours? = nil, weight: Double = 10, note: String = "", source: String = "") {
        self.person = person
        self.from = from
        self.through = through
        self.kind = kind
        self.shift = shift
        self.window = window
        self.weight = weight
        self.note = note
        self.source = source
    }

    public func covers(_ date: CivilDate) -> Bool { date >= from && date <= through }
}
