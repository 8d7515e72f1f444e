import BusinessCalendar
import Foundation

/// The forecast of one line of work on one open day.
public struct DayForecast: Sendable, Equatable {
    public var date: CivilDate
    public var service: String
    public var expected: Double
    public var lower: Double
    public var upper: Double
    /// The expected booked part (known bookings where given).
    public var bookings: Double
    /// The event multiplier applied (1 when none).
    public var multiplier: Double
}

/// The forecast of one line of work in one slot.
public struct SlotForecast: Sendable, Equatable {
    public var date: CivilDate
    public var slot: TimeOfDay
    public var service: String
    public var expected: Double
    public var lower: Double
    public var upper: Double
    public var bookings: Double
    public var walkIns: Double { max(0, expected - bookings) }

    public init(date: CivilDate, slot: TimeOfDay, service: String, expected: Double, lower: Double, upper: Double, bookings: Double) {
        self.date = date
        self.slot = slot
        self.service = service
        self.expected = expected
        self.lower = lower
        self.upper = upper
        self.bookings = bookings
    }
}

public enum DemandError: Error, Equatable, Sendable, CustomStringConvertible {
    case noHistory(service: String)
    case tooLittleHistory(service: String, days: Int)

    public var description: String {
        switch self {
        case let .noHistory(s): return "history has no counts for \"\(s)\"; every line of work needs history to forecast"
        case let .tooLittleHistory(s, n): return "history has only \(n) open days for \"\(s)\"; at least 20 are needed"
        }
    }
}

/// Forecasts demand per line of work, per day and per slot.
public struct Forecaster: Sendable {
    public let calendar: BusinessCalendar
    public let services: [Service]
    public let models: [String: DailyDemandModel]
    public let profile: IntradayProfile
    public let events: [DemandEvent]
    /// Known bookings by (date, service id).
    public let knownBookings: [CivilDate: [String: Int]]
    let bookingShares: [String: Double]
    public let settings: ForecastSettings

    /// Fits one model per line of work on the history.
    public init(calendar: BusinessCalendar, services: [Service], history: History,
                events: [DemandEvent] = [], knownBookings: [CivilDate: [String: Int]] = [:],
                settings: ForecastSettings = ForecastSettings()) throws(DemandError) {
        self.calendar = calendar
        self.services = services
        self.events = events
        self.knownBookings = knownBookings
        self.settings = settings
        guard let first = history.firstDate, let last = history.lastDate else {
            throw .noHistory(service: services.first?.name ?? "?")
        }
        let features = DayFeatures.days(calendar, from: first, through: last)
        var models: [String: DailyDemandModel] = [:]
        var shares: [String: Double] = [:]
        for s in services {
            let series = history.series(s.id)
            guard !series.isEmpty else { throw .noHistory(service: s.id) }
            guard let m = DailyDemandModel.fit(service: s.id, history: series, features: features, settings: settings) else {
                throw .tooLittleHistory(service: s.id, days: series.count)
            }
            models[s.id] = m
            // The booked share over the last 90 days of history, when it is recorded.
            let recent = series.values.filter { $0.bookings != nil && last.dayNumber - $0.date.dayNumber < 90 }
            let total = recent.reduce(0) { $0 + $1.total }
            shares[s.id] = total > 0 ? Double(recent.reduce(0) { $0 + $1.bookings! }) / Double(total) : s.bookingShare
        }
        self.models = models
        self.bookingShares = shares
        profile = IntradayProfile.estimate(slots: history.slots, calendar: calendar)
    }

    func multiplier(_ date: CivilDate, _ s: Service) -> Double {
        events.filter { $0.applies(to: date, service: s) }.reduce(1) { $0 * $1.multiplier }
    }

    /// Daily forecasts for every open day from `from` through `through`.
    public func daily(from: CivilDate, through: CivilDate) -> [DayForecast] {
        let features = DayFeatures.days(calendar, from: from, through: through)
        var out: [DayForecast] = []
        for f in features {
            for s in services {
                guard let m = models[s.id] else { continue }
                let k = multiplier(f.date, s)
                let mu = m.expected(f) * k
                let (lo, hi) = m.interval(mean: mu)
                let booked = knownBookings[f.date]?[s.id].map(Double.init) ?? mu * (bookingShares[s.id] ?? s.bookingShare)
                out.append(DayForecast(date: f.date, service: s.id, expected: max(mu, booked), lower: lo, upper: hi,
                                       bookings: booked, multiplier: k))
            }
        }
        return out
    }

    /// Slot forecasts for a month.
    public func slots(month: YearMonth) -> [SlotForecast] {
        slots(days: daily(from: month.first, through: month.last))
    }

    public func slots(days: [DayForecast]) -> [SlotForecast] {
        var out: [SlotForecast] = []
        var dayCache: [CivilDate: CalendarDay] = [:]
        for d in days {
            let day = dayCache[d.date] ?? calendar.day(d.date)
            dayCache[d.date] = day
            let shares = profile.shares(for: day, service: d.service)
            let alpha = models[d.service]?.dispersion ?? 0
            let tail = (1 - settings.interval) / 2
            for (t, share) in zip(day.slotStarts, shares) {
                let mu = d.expected * share
                out.append(SlotForecast(
                    date: d.date, slot: t, service: d.service, expected: mu,
                    lower: negativeBinomialQuantile(mean: mu, dispersion: alpha, probability: tail),
                    upper: negativeBinomialQuantile(mean: mu, dispersion: alpha, probability: 1 - tail),
                    bookings: d.bookings * share))
            }
        }
        return out
    }
}
