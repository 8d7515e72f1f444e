import BusinessCalendar

/// A day's actual figures for one line of work (from the 日報), as the actuals CSV carries them.
public struct DailyActual: Sendable, Equatable {
    public var date: CivilDate
    public var service: String
    /// Residents who came for this line.
    public var arrivals: Int
    /// Of them, served within the line's target wait.
    public var servedWithinTarget: Int
    public var meanWaitMinutes: Double?

    public init(date: CivilDate, service: String, arrivals: Int, servedWithinTarget: Int, meanWaitMinutes: Double? = nil) {
        self.date = date
        self.service = service
        self.arrivals = arrivals
        self.servedWithinTarget = servedWithinTarget
        self.meanWaitMinutes = meanWaitMinutes
    }

    public var serviceLevel: Double? { arrivals > 0 ? Double(servedWithinTarget) / Double(arrivals) : nil }
}
