import BusinessCalendar

/// The service level a plan would give: per slot, the staff planned on each line
/// serve the booked workload first; the rest face the walk-ins (Erlang C or A),
/// pooled or per line as the staffing policy says. Days and the month are
/// averaged by walk-in arrivals.
public struct ServiceLevelEstimate: Sendable {
    public var byDay: [(date: CivilDate, serviceLevel: Double, walkIns: Double)]
    public var average: Double
    public var worstDay: (date: CivilDate, serviceLevel: Double)?
    /// Per day and line: the level its walk-ins meet (in a pool, the pool's level
    /// in each slot) and their number.
    public var byDayAndLine: [CivilDate: [String: (serviceLevel: Double, walkIns: Double)]]

    public init(forecasts: [SlotForecast], services: [Service], policy: StaffingPolicy, slotMinutes: Int,
                staffed: (CivilDate, TimeOfDay, String) -> Int) {
        let byID = Dictionary(uniqueKeysWithValues: services.map { ($0.id, $0) })
        let perHour = 60 / Double(slotMinutes)
        var days: [CivilDate: (Double, Double)] = [:]  // Σ SL·walk-ins, Σ walk-ins
        var lines: [CivilDate: [String: (Double, Double)]] = [:]
        func record(_ date: CivilDate, _ sl: Double, _ weight: Double) {
            days[date, default: (0, 0)].0 += sl * weight
            days[date, default: (0, 0)].1 += weight
        }
        func recordLine(_ date: CivilDate, _ line: String, _ sl: Double, _ weight: Double) {
            lines[date, default: [:]][line, default: (0, 0)].0 += sl * weight
            lines[date, default: [:]][line, default: (0, 0)].1 += weight
        }
        func level(_ rate: Double, _ aht: Double, _ patience: Double?, _ agents: Double, _ target: ServiceLevelTarget) -> Double {
            let q = Queue(arrivalsPerHour: rate, handlingMinutes: aht, patienceMinutes: patience)
            return q.serviceLevel(agents: Int(max(0, agents).rounded(.down)), within: target.withinMinutes)
        }
        var groups: [CivilDate: [TimeOfDay: [SlotForecast]]] = [:]
        for f in forecasts { groups[f.date, default: [:]][f.slot, default: []].append(f) }
        // In date and slot order, so the sums (and the printed figures) are the same every run.
        for date in groups.keys.sorted() {
            let slots = groups[date]!
            for slot in slots.keys.sorted() {
                let lines = slots[slot]!
                switch policy.pooling {
                case .separate:
                    for f in lines {
                        guard let s = byID[f.service], f.walkIns > 0 else { continue }
                        let n = Double(staffed(date, slot, f.service)) * (1 - policy.shrinkage) - f.bookings * s.handlingMinutes / Double(slotMinutes)
                        let sl = level(f.walkIns * perHour, s.handlingMinutes, s.patienceMinutes, n, s.target)
                        record(date, sl, f.walkIns)
                        recordLine(date, f.service, sl, f.walkIns)
                    }
                case .pooled:
                    let walk = lines.reduce(0) { $0 + $1.walkIns }
                    guard walk > 0 else { continue }
                    let work = lines.reduce(0.0) { $0 + $1.walkIns * (byID[$1.service]?.handlingMinutes ?? 0) }
                    let booked = lines.reduce(0.0) { $0 + $1.bookings * (byID[$1.service]?.handlingMinutes ?? 0) } / Double(slotMinutes)
                    let staff = lines.reduce(0) { $0 + staffed(date, slot, $1.service) }
                    let targets = lines.compactMap { byID[$0.service]?.target }
                    let target = ServiceLevelTarget(fraction: targets.compactMap(\.fraction).max(),
                                                    withinMinutes: targets.map(\.withinMinutes).min() ?? 15)
                    let patience = lines.compactMap { byID[$0.service]?.patienceMinutes }.min()
                    let n = Double(staff) * (1 - policy.shrinkage) - booked
                    let sl = level(walk * perHour, work / walk, patience, n, target)
                    record(date, sl, walk)
                    for f in lines where f.walkIns > 0 { recordLine(date, f.service, sl, f.walkIns) }
                }
            }
        }
        byDayAndLine = lines.mapValues { $0.mapValues { (serviceLevel: $0.0 / max($0.1, 1e-12), walkIns: $0.1) } }
        byDay = days.keys.sorted().map { (date: $0, serviceLevel: days[$0]!.0 / max(days[$0]!.1, 1e-12), walkIns: days[$0]!.1) }
        let total = byDay.reduce(0) { $0 + $1.walkIns }
        average = total > 0 ? byDay.reduce(0) { $0 + $1.serviceLevel * $1.walkIns } / total : 1
        worstDay = byDay.min { $0.serviceLevel < $1.serviceLevel }.map { ($0.date, $0.serviceLevel) }
    }
}
