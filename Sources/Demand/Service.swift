/// A line of work at the counter (交付, 申請支援, マイナポータル支援, …) and how it is staffed.
public struct Service: Sendable, Equatable, Hashable {
    /// A short ASCII id (`delivery`), stable across languages.
    public var id: String
    /// The Japanese name (交付), used in exports and in the roster model's names.
    public var name: String
    /// Mean handling time per resident, minutes.
    public var handlingMinutes: Double
    /// Share of demand that arrives by booking (予約), when history does not split it.
    public var bookingShare: Double
    public var target: ServiceLevelTarget
    /// Mean patience in minutes: set it to plan with Erlang A (abandonment) instead of Erlang C.
    public var patienceMinutes: Double?
    /// At least this many staff on the line whenever the counter is open.
    public var floor: Int

    public init(id: String, name: String, handlingMinutes: Double, bookingShare: Double = 0,
                target: ServiceLevelTarget = .init(), patienceMinutes: Double? = nil, floor: Int = 0) {
        self.id = id
        self.name = name
        self.handlingMinutes = handlingMinutes
        self.bookingShare = bookingShare
        self.target = target
        self.patienceMinutes = patienceMinutes
        self.floor = floor
    }
}

/// The contract's yardstick for a line of work: a share served within a wait, or
/// a ceiling on the average wait.
public struct ServiceLevelTarget: Sendable, Equatable, Hashable {
    /// Fraction of walk-ins to be served within `withinMinutes` (0.8 = 80%).
    public var fraction: Double?
    public var withinMinutes: Double
    /// Ceiling on the mean wait in minutes.
    public var averageWaitMinutes: Double?

    public init(fraction: Double? = 0.8, withinMinutes: Double = 15, averageWaitMinutes: Double? = nil) {
        self.fraction = fraction
        self.withinMinutes = withinMinutes
        self.averageWaitMinutes = averageWaitMinutes
    }

    public var summary: String {
        var parts: [String] = []
        if let f = fraction { parts.append("\(Int((f * 100).rounded()))% within \(Int(withinMinutes)) min") }
        if let w = averageWaitMinutes { parts.append("mean wait ≤ \(w) min") }
        return parts.joined(separator: ", ")
    }
}

/// Staff-wide planning factors.
public struct StaffingPolicy: Sendable, Equatable {
    /// Share of paid time not available for residents (breaks aside: briefings, paperwork).
    public var shrinkage: Double = 0.1
    /// Highest planned occupancy of walk-in staff.
    public var maxOccupancy: Double = 0.85
    /// Whether each line has its own staff, or multi-skilled staff form one pool.
    public var pooling: Pooling = .separate
    public init(shrinkage: Double = 0.1, maxOccupancy: Double = 0.85, pooling: Pooling = .separate) {
        self.shrinkage = shrinkage
        self.maxOccupancy = maxOccupancy
        self.pooling = pooling
    }

    public enum Pooling: String, Sendable, CaseIterable {
        /// One Erlang queue per line of work: each line has its own desks.
        case separate
        /// One Erlang queue for all walk-ins (multi-skilled staff), the result shared
        /// among the lines by workload; each line keeps its floor.
        case pooled
    }
}

/// The fewest agents that meet a target, and what they achieve.
public struct Staffing: Sendable, Equatable {
    public var agents: Int
    public var serviceLevel: Double
    public var averageWaitMinutes: Double
    public var occupancy: Double
    /// False when no number of agents up to the search limit meets the target.
    public var meetsTarget: Bool
}

extension Queue {
    /// Evaluates a staffing level against a target.
    public func evaluate(agents n: Int, target: ServiceLevelTarget) -> Staffing {
        let sl = serviceLevel(agents: n, within: target.withinMinutes)
        let w = averageWait(agents: n)
        var ok = true
        if let f = target.fraction, sl + 1e-12 < f { ok = false }
        if let cap = target.averageWaitMinutes, w > cap + 1e-12 { ok = false }
        return Staffing(agents: n, serviceLevel: sl, averageWaitMinutes: w, occupancy: occupancy(agents: n), meetsTarget: ok)
    }

    /// The smallest number of agents meeting the target with occupancy ≤ `maxOccupancy`.
    ///
    /// - Returns: that staffing, or — when the target cannot be met by any number
    ///   up to `limit` (a target of 100% within 0 minutes, say) — the best found
    ///   with `meetsTarget == false`.
    /// - Complexity: O(N²) Erlang-B steps for the answer N; N is small at a counter.
    public func requiredAgents(target: ServiceLevelTarget, maxOccupancy: Double = 1, limit: Int = 500) -> Staffing {
        if load == 0 { return Staffing(agents: 0, serviceLevel: 1, averageWaitMinutes: 0, occupancy: 0, meetsTarget: true) }
        if let f = target.fraction, f >= 1 {
            // With random arrivals no finite staff serves everyone within the wait for
            // sure: say so, with the staff that reaches 99.99%.
            var reachable = target
            reachable.fraction = 0.9999
            var best = requiredAgents(target: reachable, maxOccupancy: maxOccupancy, limit: limit)
            best.meetsTarget = false
            return best
        }
        let occupancyFloor = Int((load / max(maxOccupancy, 1e-9)).rounded(.up))
        var n = max(1, patienceMinutes == nil ? max(occupancyFloor, Int(load.rounded(.down)) + 1) : occupancyFloor)
        var last = evaluate(agents: n, target: target)
        while !last.meetsTarget && n < limit {
            n += 1
            last = evaluate(agents: n, target: target)
        }
        return last
    }
}
