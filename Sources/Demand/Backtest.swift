import BusinessCalendar

/// Out-of-sample accuracy of the model against simple baselines.
public struct BacktestResult: Sendable, Equatable {
    public struct Line: Sendable, Equatable {
        public var service: String
        public var days: Int
        public var actual: Double
        /// Weighted absolute percentage error: Σ|forecast − actual| / Σ actual.
        public var wape: Double
        /// Σ(forecast − actual) / Σ actual: positive means over-forecast.
        public var bias: Double
        /// Share of days inside the prediction interval.
        public var coverage: Double
        public var seasonalNaiveWAPE: Double
        public var seasonalNaiveBias: Double
        public var weeklyNaiveWAPE: Double
    }
    public var from: CivilDate
    public var through: CivilDate
    public var lines: [Line]
}

public enum Backtest {
    /// Fits on history before the last `months` months, forecasts those months
    /// from that origin, and scores the model beside two baselines:
    /// seasonal naive (the same weekday 52 weeks earlier) and weekly naive (the
    /// mean of the same weekday over the four weeks before the origin).
    public static func run(calendar: BusinessCalendar, services: [Service], history: History, months: Int,
                           settings: ForecastSettings = ForecastSettings()) throws(DemandError) -> BacktestResult {
        guard let last = history.lastDate else { throw .noHistory(service: services.first?.id ?? "?") }
        var origin = last.yearMonth
        for _ in 1..<max(months, 1) { origin = origin.previous }
        let start = origin.first
        let training = history.before(start)
        let model = try Forecaster(calendar: calendar, services: services, history: training, settings: settings)
        let predictions = model.daily(from: start, through: last)
        var lines: [BacktestResult.Line] = []
        for s in services {
            let actual = history.series(s.id)
            var sumA = 0.0, sumE = 0.0, sumB = 0.0, inside = 0, n = 0
            var naiveE = 0.0, naiveB = 0.0, weeklyE = 0.0
            for p in predictions where p.service == s.id {
                guard let a = actual[p.date].map({ Double($0.total) }) else { continue }
                n += 1
                sumA += a
                sumE += abs(p.expected - a)
                sumB += p.expected - a
                if a >= p.lower && a <= p.upper { inside += 1 }
                let seasonal = seasonalNaive(p.date, actual)
                naiveE += abs(seasonal - a)
                naiveB += seasonal - a
                weeklyE += abs(weeklyNaive(p.date, origin: start, actual) - a)
            }
            guard sumA > 0 else { continue }
            lines.append(.init(service: s.id, days: n, actual: sumA, wape: sumE / sumA, bias: sumB / sumA,
                               coverage: Double(inside) / Double(max(n, 1)),
                               seasonalNaiveWAPE: naiveE / sumA, seasonalNaiveBias: naiveB / sumA,
                               weeklyNaiveWAPE: weeklyE / sumA))
        }
        return BacktestResult(from: start, through: last, lines: lines)
    }

    /// The count on the same weekday 52 weeks earlier; if closed then, the nearest open week around it.
    static func seasonalNaive(_ date: CivilDate, _ actual: [CivilDate: DailyCount]) -> Double {
        for offset in [364, 357, 371, 350, 378] {
            if let v = actual[date.adding(days: -offset)] { return Double(v.total) }
        }
        return 0
    }

    /// The mean of the same weekday in the four weeks before the origin.
    static func weeklyNaive(_ date: CivilDate, origin: CivilDate, _ actual: [CivilDate: DailyCount]) -> Double {
        var d = origin.adding(days: -1)
        while d.weekday != date.weekday { d = d.adding(days: -1) }
        let values = (0..<4).compactMap { actual[d.adding(days: -7 * $0)].map { Double($0.total) } }
        return values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }
}
