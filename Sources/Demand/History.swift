import BusinessCalendar

/// Past demand for one line of work on one open day.
public struct DailyCount: Sendable, Equatable {
    public var date: CivilDate
    public var service: String
    public var total: Int
    /// The booked part, when the history splits bookings from walk-ins.
    public var bookings: Int?

    public init(date: CivilDate, service: String, total: Int, bookings: Int? = nil) {
        self.date = date
        self.service = service
        self.total = total
        self.bookings = bookings
    }
}

/// Past demand in one slot (for the intraday profile).
public struct SlotCount: Sendable, Equatable {
    public var date: CivilDate
    public var slot: TimeOfDay
    public var service: String
    public var count: Int

    public init(date: CivilDate, slot: TimeOfDay, service: String, count: Int) {
        self.date = date
        self.slot = slot
        self.service = service
        self.count = count
    }
}

/// Daily history per line of work, and optionally per slot.
public struct History: Sendable {
    public var daily: [DailyCount]
    public var slots: [SlotCount]

    public init(daily: [DailyCount], slots: [SlotCount] = []) {
        self.daily = daily.sorted { ($0.date, $0.service) < ($1.date, $1.service) }
        self.slots = slots
    }

    public var firstDate: CivilDate? { daily.first?.date }
    public var lastDate: CivilDate? { daily.last?.date }

    /// Counts of one line of work by date.
    public func series(_ service: String) -> [CivilDate: DailyCount] {
        var out: [CivilDate: DailyCount] = [:]
        for d in daily where d.service == service { out[d.date] = d }
        return out
    }

    /// The history before a date (for backtests).
    public func before(_ date: CivilDate) -> History {
        History(daily: daily.filter { $0.date < date }, slots: slots.filter { $0.date < date })
    }
}

/// A demand multiplier on dates and a line of work (`2026-12-01..2026-12-14 交付 ×1.8`).
public struct DemandEvent: Sendable, Equatable {
    public var from: CivilDate
    public var through: CivilDate
    /// A service id or name; `nil` for every line of work.
    public var service: String?
    public var multiplier: Double
    public var note: String

    public init(from: CivilDate, through: CivilDate, service: String?, multiplier: Double, note: String = "") {
        self.from = from
        self.through = through
        self.service = service
        self.multiplier = multiplier
        self.note = note
    }

    public func applies(to date: CivilDate, service s: Service) -> Bool {
        date >= from && date <= through && (service == nil || service == s.id || service == s.name)
    }
}
