import BusinessCalendar
import Foundation

/// Settings of the daily demand model.
public struct ForecastSettings: Sendable, Equatable {
    /// Observations lose half their weight every this many days (level shifts from
    /// campaigns are followed; older years still teach the season).
    public var halfLifeDays: Double = 365
    /// Central coverage of the prediction interval (0.8 = 10% and 90% quantiles).
    public var interval: Double = 0.8
    /// The trend is extrapolated at most this many days past the history.
    public var trendHorizonDays: Double = 0
    /// Penalty on the level's second differences: larger is smoother.
    public var levelSmoothing: Double = 30
    /// Periods of history left out of the fit (one-off campaign waves that would
    /// otherwise pass for seasonality), inclusive.
    public var excluded: [ClosedRange<CivilDate>] = []
    public init(halfLifeDays: Double = 365, interval: Double = 0.8, trendHorizonDays: Double = 0, levelSmoothing: Double = 30) {
        self.halfLifeDays = halfLifeDays
        self.interval = interval
        self.trendHorizonDays = trendHorizonDays
        self.levelSmoothing = levelSmoothing
    }
}

/// The daily model for one line of work: a weighted Poisson regression of the
/// count on weekday, holiday opening, month of year, the surge after a long
/// closure and after the new year, month start and end, and a smooth local
/// level (a P-spline in time: hat functions every `knotDays`, second differences
/// penalised) that follows campaign waves and trends, so that the month effects
/// learn only what repeats from year to year. The level is carried flat past the
/// history, plus its last slope for at most `trendHorizonDays`. Negative-binomial
/// intervals cover the noise left over.
///
/// log E[count] = β₀ + β_weekday + β_month + level(t) + β_gap·min(gap − 2, 7)
///              + β_newYear + β_monthStart + β_monthEnd
public struct DailyDemandModel: Sendable {
    public let service: String
    let regression: PoissonRegression
    /// Overdispersion α: variance = μ + αμ².
    public let dispersion: Double
    let lastDate: CivilDate
    let firstDate: CivilDate
    let knots: Int
    let settings: ForecastSettings

    static let knotDays = 42
    public static let fixedFeatureNames = ["intercept", "Tue", "Wed", "Thu", "Fri", "holiday-opening",
                                           "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
                                           "long-closure", "new-year", "month-start", "month-end"]

    func row(_ f: DayFeatures) -> [Double] {
        Self.row(f, first: firstDate, last: lastDate, knots: knots, trendHorizon: settings.trendHorizonDays)
    }

    static func row(_ f: DayFeatures, first: CivilDate, last: CivilDate, knots: Int, trendHorizon: Double) -> [Double] {
        var r = [Double](repeating: 0, count: fixedFeatureNames.count + knots)
        r[0] = 1
        if f.kind == .holidayOpening {
            r[5] = 1
        } else {
            switch f.date.weekday {
            case .tuesday: r[1] = 1
            case .wednesday: r[2] = 1
            case .thursday: r[3] = 1
            case .friday: r[4] = 1
            default: break
            }
        }
        if f.date.month >= 2 { r[4 + f.date.month] = 1 }
        r[17] = f.kind == .weekday ? Double(min(max(f.closedBefore - 2, 0), 7)) : 0
        r[18] = f.firstOfYear ? 1 : 0
        r[19] = f.monthStart ? 1 : 0
        r[20] = f.monthEnd ? 1 : 0
        // Level: linear interpolation between knots 0…knots (knot 0 is the intercept's).
        let base = fixedFeatureNames.count
        // Knots are spread evenly so that the last one sits on the last day of history,
        // where the forecast reads the level.
        let spacing = max(1, Double(last.dayNumber - first.dayNumber)) / Double(knots)
        var t = Double(f.date.dayNumber - first.dayNumber) / spacing
        let end = Double(knots)
        if t > end { t = end + min(t - end, trendHorizon / spacing) }
        let k = max(0, min(Int(t.rounded(.down)), knots - 1))
        let frac = t - Double(k)  // may exceed 1 past the history: extends the last segment's slope
        if k >= 1 { r[base + k - 1] += 1 - frac }
        r[base + k] += frac
        return r
    }

    /// Fits the model on a service's history.
    public static func fit(service: String, history: [CivilDate: DailyCount], features: [DayFeatures],
                           settings: ForecastSettings) -> DailyDemandModel? {
        let observed = features.filter { history[$0.date] != nil }
        guard let last = observed.last?.date, let first = observed.first?.date, observed.count >= 20 else { return nil }
        let knots = max(1, Int((Double(last.dayNumber - first.dayNumber) / Double(knotDays)).rounded(.up)))
        var x: [[Double]] = [], y: [Double] = [], w: [Double] = []
        for f in observed {
            let age = Double(last.dayNumber - f.date.dayNumber)
            x.append(row(f, first: first, last: last, knots: knots, trendHorizon: 0))
            y.append(Double(history[f.date]!.total))
            let left = settings.excluded.contains { $0.contains(f.date) }
            w.append(left ? 0 : pow(0.5, age / settings.halfLifeDays))
        }
        let p = fixedFeatureNames.count + knots
        var penalty = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
        for j in 1..<fixedFeatureNames.count { penalty[j][j] = 0.5 }
        for j in 6...16 { penalty[j][j] = 100 }   // months: a season must repeat across years to count (campaign waves must not pass for one)
        // Second differences of the level (knot 0 is fixed at 0 by the intercept).
        let base = fixedFeatureNames.count
        let smooth = settings.levelSmoothing
        for k in 0..<knots {
            // d_k = c_{k+1} − 2c_k + c_{k−1}, with c_{−1}… only where all three exist; c_0 ≡ 0.
            let idx = [k - 1, k, k + 1]  // knots k−1, k, k+1 in "knot numbers", 0 = intercept's knot
            guard idx[2] <= knots else { continue }
            let coef = [1.0, -2.0, 1.0]
            for (a, ka) in zip(coef, idx) where ka >= 1 {
                for (b, kb) in zip(coef, idx) where kb >= 1 {
                    penalty[base + ka - 1][base + kb - 1] += smooth * a * b
                }
            }
        }
        let reg = PoissonRegression.fit(x: x, y: y, weights: w, penaltyMatrix: penalty)
        // Method-of-moments overdispersion on the weighted residuals.
        var num = 0.0, den = 0.0
        for i in x.indices {
            let mu = reg.mean(x[i])
            num += w[i] * ((y[i] - mu) * (y[i] - mu) - mu)
            den += w[i] * mu * mu
        }
        let alpha = den > 0 ? max(0, num / den) : 0
        return DailyDemandModel(service: service, regression: reg, dispersion: alpha, lastDate: last,
                                firstDate: first, knots: knots, settings: settings)
    }

    /// Days of fitted level averaged for the forecast: the spline's very end is
    /// its least certain part, so the forecast reads the level of the last weeks.
    static let levelWindowDays = 56

    /// The fitted level (log scale) on a day of the history.
    func level(on date: CivilDate) -> Double {
        let base = Self.fixedFeatureNames.count
        let f = DayFeatures(date: date, kind: .weekday, closedBefore: 2, firstOfYear: false, monthStart: false, monthEnd: false)
        let r = Self.row(f, first: firstDate, last: lastDate, knots: knots, trendHorizon: 0)
        return (base..<r.count).reduce(0.0) { $0 + r[$1] * regression.coefficients[$1] }
    }

    /// The level carried past the history: the mean over the last `levelWindowDays`,
    /// plus the recent slope for at most `trendHorizonDays`.
    func forecastLevel(daysAhead: Int) -> Double {
        let days = (0..<Self.levelWindowDays).map { lastDate.adding(days: -$0) }.filter { $0 >= firstDate }
        let mean = days.map(level(on:)).reduce(0, +) / Double(max(days.count, 1))
        guard settings.trendHorizonDays > 0, days.count > 1 else { return mean }
        let slope = (level(on: lastDate) - level(on: days.last!)) / Double(lastDate.dayNumber - days.last!.dayNumber)
        // The window's mean sits at its middle: extrapolate from there.
        let ahead = min(Double(daysAhead) + Double(days.count) / 2, settings.trendHorizonDays)
        return mean + slope * ahead
    }

    /// The expected count on a day (before events).
    public func expected(_ f: DayFeatures) -> Double {
        var r = row(f)
        guard f.date > lastDate else { return regression.mean(r) }
        let base = Self.fixedFeatureNames.count
        for j in base..<r.count { r[j] = 0 }
        return exp(min(dot(r, regression.coefficients) + forecastLevel(daysAhead: f.date.dayNumber - lastDate.dayNumber), 20))
    }

    /// The central prediction interval of a count with mean `mean`.
    public func interval(mean: Double) -> (lower: Double, upper: Double) {
        let tail = (1 - settings.interval) / 2
        return (negativeBinomialQuantile(mean: mean, dispersion: dispersion, probability: tail),
                negativeBinomialQuantile(mean: mean, dispersion: dispersion, probability: 1 - tail))
    }

    /// The fitted multiplicative effect of each calendar feature (e^β), for reports and tests.
    public var effects: [(String, Double)] {
        zip(Self.fixedFeatureNames, regression.coefficients).map { ($0, exp($1)) }
    }
}
