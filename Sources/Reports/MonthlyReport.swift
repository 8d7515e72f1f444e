import BusinessCalendar
import Demand
import Rostering

/// The figures of one line of work over a period (a day or the month).
public struct ReportFigures: Sendable, Equatable {
    /// Expected residents (bookings and walk-ins).
    public var forecast: Double = 0
    public var requiredHours: Double = 0
    public var plannedHours: Double = 0
    /// Σ over slots of max(0, required − planned) staff, in hours.
    public var shortfallHours: Double = 0
    /// Predicted share served within the target wait (walk-in weighted); nil when no walk-ins are expected.
    public var predicted: Double?
    var predictedWeight: Double = 0
    public var actualArrivals: Int?
    public var actualWithinTarget: Int?
    var waitMinutesTotal: Double = 0
    var waitArrivals = 0

    public init() {}

    public var achieved: Double? {
        guard let a = actualArrivals, let w = actualWithinTarget, a > 0 else { return nil }
        return Double(w) / Double(a)
    }

    public var meanWaitMinutes: Double? { waitArrivals > 0 ? waitMinutesTotal / Double(waitArrivals) : nil }

    /// Adds another period's figures (predictions weighted by walk-ins, waits by arrivals).
    mutating func add(_ o: ReportFigures) {
        forecast += o.forecast
        requiredHours += o.requiredHours
        plannedHours += o.plannedHours
        shortfallHours += o.shortfallHours
        if let p = o.predicted, o.predictedWeight > 0 {
            predicted = ((predicted ?? 0) * predictedWeight + p * o.predictedWeight) / (predictedWeight + o.predictedWeight)
            predictedWeight += o.predictedWeight
        }
        if let a = o.actualArrivals {
            actualArrivals = (actualArrivals ?? 0) + a
            actualWithinTarget = (actualWithinTarget ?? 0) + (o.actualWithinTarget ?? 0)
        }
        waitMinutesTotal += o.waitMinutesTotal
        waitArrivals += o.waitArrivals
    }
}

/// The monthly report (業務月報): per open day and line of work the forecast, the
/// required and planned staff-hours, the shortfall and the predicted service level
/// against the target; with actuals, the achieved level and the days that fell short.
///
/// Built from plain inputs only (calendar days, forecasts, requirements, a roster's
/// tasks and actuals), so the arithmetic can be checked by hand. It carries no
/// personal information.
public struct MonthlyReport: Sendable {
    public struct Row: Sendable, Equatable {
        public var date: CivilDate
        /// A line's id, or nil for the day's all-lines row.
        public var service: String?
        public var figures: ReportFigures
    }

    public let month: YearMonth
    public let services: [Service]
    /// One row per open day and line, followed by the day's all-lines row.
    public let rows: [Row]
    /// Month totals per line (by `services` order), then all lines.
    public let totals: [Row]
    /// Whether a roster was given (planned figures) and whether actuals were.
    public let planned: Bool
    public let hasActuals: Bool

    /// - Parameters:
    ///   - days: the month's calendar days (closed days are skipped).
    ///   - staffed: staff serving a line in a slot, from the roster's tasks; nil without a roster.
    public init(month: YearMonth, days: [CalendarDay], services: [Service], policy: StaffingPolicy, slotMinutes: Int,
                forecasts: [SlotForecast], requirements: [SlotRequirement],
                staffed: ((CivilDate, TimeOfDay, String) -> Int)?, actuals: [DailyActual]) {
        self.month = month
        self.services = services
        planned = staffed != nil
        let hour = Double(slotMinutes) / 60
        let open = days.filter { $0.isOpen && $0.date.yearMonth == month }
        let openDates = Set(open.map(\.date))
        var figures: [String: ReportFigures] = [:]  // "date service"
        func key(_ d: CivilDate, _ s: String?) -> String { "\(d) \(s ?? "*")" }
        for f in forecasts where openDates.contains(f.date) {
            figures[key(f.date, f.service), default: .init()].forecast += f.expected
        }
        for r in requirements where openDates.contains(r.date) {
            let have = staffed?(r.date, r.slot, r.service) ?? 0
            figures[key(r.date, r.service), default: .init()].requiredHours += Double(r.required) * hour
            if staffed != nil {
                figures[key(r.date, r.service), default: .init()].plannedHours += Double(have) * hour
                figures[key(r.date, r.service), default: .init()].shortfallHours += Double(max(0, r.required - have)) * hour
            }
        }
        if let staffed {
            // Each line's walk-ins meet the level of the staff serving them: in a pool, the pool's level slot by slot.
            let est = ServiceLevelEstimate(forecasts: forecasts.filter { openDates.contains($0.date) }, services: services,
                                           policy: policy, slotMinutes: slotMinutes, staffed: staffed)
            for d in est.byDay where d.walkIns > 0 {
                figures[key(d.date, nil), default: .init()].predicted = d.serviceLevel
                figures[key(d.date, nil), default: .init()].predictedWeight = d.walkIns
            }
            for (date, lines) in est.byDayAndLine {
                for (line, x) in lines where x.walkIns > 0 {
                    figures[key(date, line), default: .init()].predicted = x.serviceLevel
                    figures[key(date, line), default: .init()].predictedWeight = x.walkIns
                }
            }
        }
        for a in actuals where openDates.contains(a.date) {
            var f = figures[key(a.date, a.service), default: .init()]
            f.actualArrivals = (f.actualArrivals ?? 0) + a.arrivals
            f.actualWithinTarget = (f.actualWithinTarget ?? 0) + a.servedWithinTarget
            if let w = a.meanWaitMinutes {
                f.waitMinutesTotal += w * Double(a.arrivals)
                f.waitArrivals += a.arrivals
            }
            figures[key(a.date, a.service)] = f
        }
        hasActuals = actuals.contains { openDates.contains($0.date) }
        var rows: [Row] = []
        var lineTotals = Dictionary(uniqueKeysWithValues: services.map { ($0.id, ReportFigures()) })
        var all = ReportFigures()
        for d in open {
            var day = ReportFigures()
            let pooledPrediction = figures[key(d.date, nil)]
            for s in services {
                let f = figures[key(d.date, s.id)] ?? .init()
                rows.append(Row(date: d.date, service: s.id, figures: f))
                lineTotals[s.id]!.add(f)
                var noPrediction = f
                noPrediction.predicted = nil
                day.add(noPrediction)
            }
            day.predicted = pooledPrediction?.predicted
            day.predictedWeight = pooledPrediction?.predictedWeight ?? 0
            rows.append(Row(date: d.date, service: nil, figures: day))
            all.add(day)
        }
        self.rows = rows
        totals = services.map { Row(date: open.first?.date ?? month.first, service: $0.id, figures: lineTotals[$0.id]!) }
            + [Row(date: open.first?.date ?? month.first, service: nil, figures: all)]
    }

    /// The line's target as a fraction (nil for a mean-wait target).
    public func target(_ service: String?) -> Double? {
        guard let service else {
            return services.compactMap(\.target.fraction).max()
        }
        return services.first { $0.id == service }?.target.fraction
    }

    /// Whether the figures fall short of the target: by the achieved level when
    /// actuals exist, else by the predicted one.
    public func fellShort(_ row: Row, actual: Bool) -> Bool {
        let svc = services.first { $0.id == row.service }
        if let svc, svc.target.fraction == nil, let cap = svc.target.averageWaitMinutes {
            guard actual, let w = row.figures.meanWaitMinutes else { return false }
            return w > cap
        }
        guard let t = target(row.service) else { return false }
        let level = actual ? row.figures.achieved : row.figures.predicted
        guard let level else { return false }
        return level < t - 1e-9
    }

    /// The (day, line) rows whose achieved service level missed the target.
    public var shortDays: [Row] {
        rows.filter { $0.service != nil && fellShort($0, actual: true) }
    }
}
