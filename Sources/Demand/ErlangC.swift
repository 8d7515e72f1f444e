import Foundation

/// Queueing formulas for walk-in service (M/M/N), computed without factorials:
/// Erlang B by its recurrence, Erlang C from B, so that any load is stable.
///
/// ```swift
/// let q = Queue(arrivalsPerHour: 30, handlingMinutes: 12)  // 6 erlangs
/// q.erlangC(agents: 8)                 // probability an arrival waits
/// q.serviceLevel(agents: 8, within: 15) // fraction answered within 15 minutes
/// ```
public struct Queue: Sendable, Equatable {
    public var arrivalsPerHour: Double
    public var handlingMinutes: Double
    /// Mean patience in minutes for Erlang A (abandonment); `nil` for Erlang C.
    public var patienceMinutes: Double?

    public init(arrivalsPerHour: Double, handlingMinutes: Double, patienceMinutes: Double? = nil) {
        self.arrivalsPerHour = arrivalsPerHour
        self.handlingMinutes = handlingMinutes
        self.patienceMinutes = patienceMinutes
    }

    /// The offered load in erlangs: arrivals × handling time.
    public var load: Double { arrivalsPerHour * handlingMinutes / 60 }

    /// Erlang B blocking probability with `agents` servers (recurrence, stable for any load).
    public func erlangB(agents n: Int) -> Double {
        var b = 1.0
        let a = load
        if n <= 0 { return 1 }
        for k in 1...n { b = a * b / (Double(k) + a * b) }
        return b
    }

    /// Erlang C: the probability that an arrival waits (1 when the queue is unstable).
    public func erlangC(agents n: Int) -> Double {
        let a = load
        guard Double(n) > a else { return 1 }
        let b = erlangB(agents: n)
        return Double(n) * b / (Double(n) - a * (1 - b))
    }

    /// Fraction of arrivals served within `within` minutes.
    public func serviceLevel(agents n: Int, within t: Double) -> Double {
        if load == 0 { return 1 }
        if let p = patienceMinutes { return ErlangA(queue: self, patience: p).serviceLevel(agents: n, within: t) }
        guard Double(n) > load else { return 0 }
        let c = erlangC(agents: n)
        return max(0, min(1, 1 - c * exp(-(Double(n) - load) * t / handlingMinutes)))
    }

    /// Mean wait in minutes over all arrivals (∞ when the queue is unstable without abandonment).
    public func averageWait(agents n: Int) -> Double {
        if load == 0 { return 0 }
        if let p = patienceMinutes { return ErlangA(queue: self, patience: p).averageWait(agents: n) }
        guard Double(n) > load else { return .infinity }
        return erlangC(agents: n) * handlingMinutes / (Double(n) - load)
    }

    /// Agent occupancy (busy fraction).
    public func occupancy(agents n: Int) -> Double {
        guard n > 0 else { return 1 }
        if let p = patienceMinutes { return ErlangA(queue: self, patience: p).occupancy(agents: n) }
        return min(1, load / Double(n))
    }
}
