import BusinessCalendar
import Foundation

/// Makes plausible demand history for a counter, from stated assumptions and a
/// seed: the default scenario's `history.csv` is its output, and tests use it as
/// data with a known truth. The assumptions are documented in Docs/Demand-data.md.
public struct HistoryGenerator: Sendable {
    /// One line of work's assumptions.
    public struct Line: Sendable {
        public var service: String
        /// Mean count on an ordinary Tuesday before campaigns and trend.
        public var base: Double
        public var bookingShare: Double
        /// Level multiplier by date (campaign waves, structural trends).
        public var level: @Sendable (CivilDate) -> Double
        public init(service: String, base: Double, bookingShare: Double, level: @escaping @Sendable (CivilDate) -> Double) {
            self.service = service
            self.base = base
            self.bookingShare = bookingShare
            self.level = level
        }
    }

    public var lines: [Line]
    /// Weekday multipliers, Sunday first (Sunday and Saturday only matter on holiday openings).
    public var weekday: [Double] = [1, 1.25, 1.0, 1.12, 0.95, 1.05, 1]
    /// A holiday morning's total relative to an ordinary Tuesday.
    public var holidayMorning: Double = 0.55
    /// Month-of-year multipliers, January first (March–April moves, summer lull).
    public var month: [Double] = [1.0, 1.0, 1.2, 1.25, 1.0, 0.95, 0.95, 0.9, 0.95, 1.0, 1.0, 0.95]
    /// Extra per closed day beyond a normal weekend (a three-day weekend gives one).
    public var perExtraClosedDay: Double = 0.12
    public var newYear: Double = 1.5
    public var monthStart: Double = 1.08
    public var monthEnd: Double = 1.15
    /// Negative-binomial overdispersion of daily counts.
    public var dispersion: Double = 0.03

    public init(lines: [Line]) { self.lines = lines }

    /// The true mean of a line on a day (what a good model should recover).
    public func mean(_ line: Line, _ f: DayFeatures) -> Double {
        var m = line.base * line.level(f.date) * month[f.date.month - 1]
        if f.kind == .holidayOpening {
            m *= holidayMorning
        } else {
            m *= weekday[f.date.weekday.rawValue]
            m *= pow(1 + perExtraClosedDay, Double(min(max(f.closedBefore - 2, 0), 7)))
            if f.firstOfYear { m *= newYear }
            if f.monthStart { m *= monthStart }
            if f.monthEnd { m *= monthEnd }
        }
        return m
    }

    /// Daily counts for every open day in the range, and per-slot counts for the
    /// days from `slotsFrom` on.
    public func generate(calendar: BusinessCalendar, from: CivilDate, through: CivilDate,
                         slotsFrom: CivilDate?, seed: UInt64) -> History {
        var rng = SplitMix64(seed: seed)
        var daily: [DailyCount] = []
        var slots: [SlotCount] = []
        let features = DayFeatures.days(calendar, from: from, through: through)
        for f in features {
            let day = calendar.day(f.date)
            for line in lines {
                let total = rng.negativeBinomial(mean: mean(line, f), dispersion: dispersion)
                var booked = 0
                for _ in 0..<total where rng.uniform() < line.bookingShare { booked += 1 }
                daily.append(DailyCount(date: f.date, service: line.service, total: total, bookings: booked))
                if let s = slotsFrom, f.date >= s {
                    // Spread the day's arrivals over its slots by the default shape.
                    let shape = IntradayProfile.shape(of: day)
                    let weights = day.slotStarts.map { IntradayProfile.defaultWeight($0, shape: shape) }
                    let cumulative = weights.reduce(into: [Double]()) { $0.append(($0.last ?? 0) + $1) }
                    var counts = [Int](repeating: 0, count: weights.count)
                    for _ in 0..<total {
                        let u = rng.uniform() * (cumulative.last ?? 1)
                        counts[cumulative.firstIndex { $0 >= u } ?? (counts.count - 1)] += 1
                    }
                    for (t, c) in zip(day.slotStarts, counts) {
                        slots.append(SlotCount(date: f.date, slot: t, service: line.service, count: c))
                    }
                }
            }
        }
        return History(daily: daily, slots: slots)
    }

    /// Nankoku's assumptions (a city of about 46,000): see Docs/Demand-data.md.
    public static func nankoku() -> HistoryGenerator {
        @Sendable func ramp(_ d: CivilDate, from a: CivilDate, to b: CivilDate) -> Double {
            let x = Double(d.dayNumber - a.dayNumber) / Double(b.dayNumber - a.dayNumber)
            return min(1, max(0, x))
        }
        @Sendable func wave(_ d: CivilDate, peak: CivilDate, width days: Double, height: Double) -> Double {
            let z = Double(d.dayNumber - peak.dayNumber) / days
            return height * exp(-0.5 * z * z)
        }
        let insuranceEnd = CivilDate(2024, 12, 2)!  // paper health-insurance cards end
        let delivery = Line(service: "delivery", base: 24, bookingShare: 0.65) { d in
            // Applications for the insurance switch reach the counter as deliveries a month later;
            // ten-year cards first issued in 2016 come up for renewal from 2025 on.
            1 + wave(d, peak: insuranceEnd.adding(days: 30), width: 40, height: 0.9)
                + 0.35 * ramp(d, from: CivilDate(2025, 1, 1)!, to: CivilDate(2026, 12, 31)!)
        }
        let renewal = Line(service: "renewal", base: 10, bookingShare: 0.3) { d in
            // Five-year e-certificates from the 2020–21 Mynapoint rush expire in 2025–26.
            1 + 1.4 * ramp(d, from: CivilDate(2025, 1, 1)!, to: CivilDate(2025, 10, 1)!)
                - 0.4 * ramp(d, from: CivilDate(2026, 6, 1)!, to: CivilDate(2027, 3, 31)!)
        }
        let application = Line(service: "application", base: 16, bookingShare: 0.35) { d in
            1 + wave(d, peak: insuranceEnd.adding(days: -40), width: 45, height: 1.2)
                - 0.3 * ramp(d, from: CivilDate(2025, 3, 1)!, to: CivilDate(2026, 3, 1)!)
        }
        let portal = Line(service: "portal", base: 7, bookingShare: 0.1) { d in
            1 + wave(d, peak: insuranceEnd, width: 50, height: 0.8)
                + 0.2 * ramp(d, from: CivilDate(2025, 4, 1)!, to: CivilDate(2026, 10, 31)!)
        }
        return HistoryGenerator(lines: [delivery, renewal, application, portal])
    }
}
