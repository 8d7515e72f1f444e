import BusinessCalendar
import Foundation

/// How a day's demand spreads over its slots, per kind of day: ordinary weekdays,
/// long days (Wednesday to 19:00) and holiday mornings. Estimated from per-slot
/// history when there is some; otherwise a default shape (morning and afternoon
/// peaks, a lunch dip, an evening tail) documented in Docs/Forecasting.md.
public struct IntradayProfile: Sendable {
    public enum DayShape: Hashable, Sendable { case weekday, longDay, holidayMorning }

    /// Relative weight per slot start, per shape and service id ("" = any service).
    var weights: [DayShape: [String: [TimeOfDay: Double]]] = [:]

    public init() {}

    public static func shape(of day: CalendarDay) -> DayShape {
        if day.kind == .holidayOpening { return .holidayMorning }
        if let h = day.hours, h.close.minutes > 17 * 60 + 15 { return .longDay }
        return .weekday
    }

    /// Estimates the profile from per-slot counts.
    public static func estimate(slots: [SlotCount], calendar: BusinessCalendar) -> IntradayProfile {
        var p = IntradayProfile()
        var dayCache: [CivilDate: CalendarDay] = [:]
        for s in slots {
            let day = dayCache[s.date] ?? calendar.day(s.date)
            dayCache[s.date] = day
            guard day.isOpen else { continue }
            let shape = shape(of: day)
            p.weights[shape, default: [:]][s.service, default: [:]][s.slot, default: 0] += Double(s.count)
        }
        return p
    }

    /// The default shape: a smooth curve of the time of day.
    public static func defaultWeight(_ t: TimeOfDay, shape: DayShape) -> Double {
        let h = Double(t.minutes) / 60 + 0.125  // mid-slot
        func bump(_ centre: Double, _ width: Double) -> Double { exp(-0.5 * pow((h - centre) / width, 2)) }
        switch shape {
        case .holidayMorning:
            return 0.6 + bump(10.0, 1.0)
        case .weekday, .longDay:
            var w = 0.35 + 1.0 * bump(9.75, 0.9) + 0.8 * bump(14.25, 1.1)
            if h >= 12 && h < 13 { w *= 0.7 }  // lunch
            if h >= 17.25 { w = 0.45 }         // after work, Wednesdays only
            return w
        }
    }

    /// Arrivals' worth of weight the default shape carries against the history:
    /// a profile learned from a few holiday mornings stays close to the default.
    public static let priorStrength = 300.0

    /// Shares (summing to 1) of the day's demand for each open slot of `day`:
    /// the learned shape blended with the default, by how much history there is.
    public func shares(for day: CalendarDay, service: String) -> [Double] {
        let starts = day.slotStarts
        guard !starts.isEmpty else { return [] }
        let shape = Self.shape(of: day)
        let prior = starts.map { Self.defaultWeight($0, shape: shape) }
        let priorTotal = prior.reduce(0, +)
        let learned = weights[shape]?[service] ?? [:]
        let counts = starts.map { learned[$0] ?? 0 }
        let n = counts.reduce(0, +)
        // Where the history does not cover every slot of this day, use the default alone.
        let covered = !learned.isEmpty && starts.allSatisfy { learned[$0] != nil } && n > 0
        let k = Self.priorStrength
        return starts.indices.map { i in
            let d = prior[i] / priorTotal
            return covered ? (counts[i] + k * d) / (n + k) : d
        }
    }
}
