import BusinessCalendar
import Foundation

/// Staff needed for one line of work in one slot, and the service it predicts.
public struct SlotRequirement: Sendable, Equatable {
    public var date: CivilDate
    public var slot: TimeOfDay
    public var service: String
    /// Expected arrivals in the slot (bookings and walk-ins).
    public var arrivals: Double
    /// People needed at the counter for this line, after shrinkage and floors.
    public var required: Int
    /// Predicted share of walk-ins served within the target wait at the walk-in staffing.
    public var serviceLevel: Double
    public var averageWaitMinutes: Double
    /// False when no staffing meets the target (an unreachable target).
    public var meetsTarget: Bool

    public init(date: CivilDate, slot: TimeOfDay, service: String, arrivals: Double, required: Int,
                serviceLevel: Double, averageWaitMinutes: Double, meetsTarget: Bool) {
        self.date = date
        self.slot = slot
        self.service = service
        self.arrivals = arrivals
        self.required = required
        self.serviceLevel = serviceLevel
        self.averageWaitMinutes = averageWaitMinutes
        self.meetsTarget = meetsTarget
    }
}

/// Turns slot forecasts into staff needed: Erlang C (or A) for walk-ins, workload
/// for bookings, then shrinkage and the line's floor.
public struct RequirementsCalculator: Sendable {
    public let services: [String: Service]
    public let policy: StaffingPolicy
    public let slotMinutes: Int

    public init(services: [Service], policy: StaffingPolicy, slotMinutes: Int) {
        var map: [String: Service] = [:]
        for s in services { map[s.id] = s }
        self.services = map
        self.policy = policy
        self.slotMinutes = slotMinutes
    }

    public func requirement(_ f: SlotForecast) -> SlotRequirement {
        let s = services[f.service]!
        let perHour = 60 / Double(slotMinutes)
        let queue = Queue(arrivalsPerHour: f.walkIns * perHour, handlingMinutes: s.handlingMinutes,
                          patienceMinutes: s.patienceMinutes)
        let walkIn = queue.requiredAgents(target: s.target, maxOccupancy: policy.maxOccupancy)
        let bookedLoad = f.bookings * s.handlingMinutes / Double(slotMinutes)
        let raw = (Double(walkIn.agents) + bookedLoad) / (1 - policy.shrinkage)
        let required = max(s.floor, Int((raw - 1e-9).rounded(.up)))
        return SlotRequirement(date: f.date, slot: f.slot, service: f.service, arrivals: f.expected,
                               required: required, serviceLevel: walkIn.serviceLevel,
                               averageWaitMinutes: walkIn.averageWaitMinutes, meetsTarget: walkIn.meetsTarget)
    }

    public func requirements(_ forecasts: [SlotForecast]) -> [SlotRequirement] {
        guard policy.pooling == .pooled else { return forecasts.map(requirement) }
        // Group the lines of each (date, slot), then answer in the input's order.
        var groups: [CivilDate: [TimeOfDay: [Int]]] = [:]
        for (k, f) in forecasts.enumerated() { groups[f.date, default: [:]][f.slot, default: []].append(k) }
        var out = [SlotRequirement?](repeating: nil, count: forecasts.count)
        for (_, bySlot) in groups {
            for (_, members) in bySlot {
                for (k, r) in zip(members, pooled(members.map { forecasts[$0] })) { out[k] = r }
            }
        }
        return out.map { $0! }
    }

    /// One queue for every line's walk-ins in a slot; the staff it needs (plus the
    /// booked workload, after shrinkage) shared among the lines by workload with
    /// largest remainders, each line at least its floor.
    func pooled(_ slot: [SlotForecast]) -> [SlotRequirement] {
        let perHour = 60 / Double(slotMinutes)
        let lines = slot.map { services[$0.service]! }
        let walkInRate = slot.reduce(0) { $0 + $1.walkIns } * perHour
        let walkInWork = zip(slot, lines).reduce(0) { $0 + $1.0.walkIns * $1.1.handlingMinutes }
        let aht = walkInRate > 0 ? walkInWork * perHour / walkInRate : 1
        // The strictest target of the lines present.
        let targets = zip(slot, lines).filter { $0.0.walkIns > 0 }.map { $0.1.target }
        let target = ServiceLevelTarget(
            fraction: targets.compactMap(\.fraction).max(),
            withinMinutes: targets.map(\.withinMinutes).min() ?? 15,
            averageWaitMinutes: targets.compactMap(\.averageWaitMinutes).min())
        let patience = lines.compactMap(\.patienceMinutes).min()
        let queue = Queue(arrivalsPerHour: walkInRate, handlingMinutes: aht, patienceMinutes: patience)
        let staffing = queue.requiredAgents(target: target, maxOccupancy: policy.maxOccupancy)
        let booked = zip(slot, lines).reduce(0) { $0 + $1.0.bookings * $1.1.handlingMinutes } / Double(slotMinutes)
        let total = Int(((Double(staffing.agents) + booked) / (1 - policy.shrinkage) - 1e-9).rounded(.up))
        // Share by workload (walk-ins and bookings alike), floors first.
        let work = zip(slot, lines).map { $0.0.expected * $0.1.handlingMinutes }
        let workTotal = work.reduce(0, +)
        var alloc = lines.map(\.floor)
        let rest = max(0, total - alloc.reduce(0, +))
        if rest > 0 && workTotal > 0 {
            let exact = work.map { Double(rest) * $0 / workTotal }
            for k in alloc.indices { alloc[k] += Int(exact[k].rounded(.down)) }
            var left = rest - exact.reduce(0) { $0 + Int($1.rounded(.down)) }
            let order = exact.indices.sorted { (exact[$0] - exact[$0].rounded(.down), -$0) > (exact[$1] - exact[$1].rounded(.down), -$1) }
            for k in order where left > 0 { alloc[k] += 1; left -= 1 }
        }
        return slot.indices.map { k in
            SlotRequirement(date: slot[k].date, slot: slot[k].slot, service: slot[k].service, arrivals: slot[k].expected,
                            required: alloc[k], serviceLevel: staffing.serviceLevel,
                            averageWaitMinutes: staffing.averageWaitMinutes, meetsTarget: staffing.meetsTarget)
        }
    }
}
