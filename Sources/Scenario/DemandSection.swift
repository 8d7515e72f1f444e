import BusinessCalendar
import Demand

/// Reads `services:`, `staffing:` and `demand:` of scenario.yaml.
enum DemandSection {
    static func services(_ v: YAMLValue) throws(ScenarioError) -> [Service] {
        var out: [Service] = []
        for item in try v.sequence() {
            var id: String?, name: String?, handling: Double?
            var s = Service(id: "", name: "", handlingMinutes: 1)
            for (k, x) in try item.mapping(allowed: ["id", "name", "handling-minutes", "booking-share", "target",
                                                      "patience-minutes", "floor"]) {
                switch k {
                case "id":
                    let text = try x.string()
                    guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
                        throw x.error("\"\(text)\": an id is ASCII letters, digits, - or _")
                    }
                    id = text
                case "name": name = try x.string()
                case "handling-minutes": handling = try x.double(in: 0.5...600)
                case "booking-share": s.bookingShare = try x.double(in: 0...1)
                case "patience-minutes": s.patienceMinutes = try x.double(in: 0.1...600)
                case "floor": s.floor = try x.int(in: 0...100)
                default: s.target = try target(x)
                }
            }
            guard let id, let name, let handling else { throw item.error("a service needs id, name and handling-minutes") }
            s.id = id
            s.name = name
            s.handlingMinutes = handling
            if out.contains(where: { $0.id == id || $0.name == name }) { throw item.error("service \(id) (\(name)) is listed twice") }
            out.append(s)
        }
        if out.isEmpty { throw v.error("list at least one line of work") }
        return out
    }

    static func target(_ v: YAMLValue) throws(ScenarioError) -> ServiceLevelTarget {
        var t = ServiceLevelTarget(fraction: nil, withinMinutes: 15, averageWaitMinutes: nil)
        for (k, x) in try v.mapping(allowed: ["serve", "within-minutes", "average-wait-minutes"]) {
            switch k {
            case "serve": t.fraction = try x.double(in: 0...1)
            case "within-minutes": t.withinMinutes = try x.double(in: 0...600)
            default: t.averageWaitMinutes = try x.double(in: 0...600)
            }
        }
        if t.fraction == nil && t.averageWaitMinutes == nil { throw v.error("give serve (with within-minutes) or average-wait-minutes") }
        return t
    }

    static func staffing(_ v: YAMLValue) throws(ScenarioError) -> StaffingPolicy {
        var p = StaffingPolicy()
        for (k, x) in try v.mapping(allowed: ["shrinkage", "max-occupancy", "pooling"]) {
            switch k {
            case "shrinkage": p.shrinkage = try x.double(in: 0...0.9)
            case "max-occupancy": p.maxOccupancy = try x.double(in: 0.1...1)
            default: p.pooling = try x.oneOf(StaffingPolicy.Pooling.self)
            }
        }
        return p
    }

    struct Settings {
        var history = "history.csv"
        var intraday: String? = "history-intraday.csv"
        var bookings: String? = nil
        var forecast = ForecastSettings()
        var events: [DemandEvent] = []
    }

    static func demand(_ v: YAMLValue, services: [Service]) throws(ScenarioError) -> Settings {
        var s = Settings()
        for (k, x) in try v.mapping(allowed: ["history", "intraday", "bookings", "half-life-days", "interval",
                                               "trend-horizon-days", "level-smoothing", "exclude", "events"]) {
            switch k {
            case "history": s.history = try x.string()
            case "intraday": s.intraday = try x.string() == "none" ? nil : try x.string()
            case "bookings": s.bookings = try x.string()
            case "half-life-days": s.forecast.halfLifeDays = try x.double(in: 7...3650)
            case "interval": s.forecast.interval = try x.double(in: 0.5...0.99)
            case "trend-horizon-days": s.forecast.trendHorizonDays = try x.double(in: 0...365)
            case "level-smoothing": s.forecast.levelSmoothing = try x.double(in: 0...1_000_000)
            case "exclude":
                for item in try x.sequence() {
                    var from: CivilDate?, to: CivilDate?
                    for (k, y) in try item.mapping(allowed: ["from", "to", "note"]) {
                        if k == "from" { from = try CalendarSection.civilDate(y) } else if k == "to" { to = try CalendarSection.civilDate(y) }
                    }
                    guard let from, let to, from <= to else { throw item.error("give from and to (YYYY-MM-DD), from ≤ to") }
                    s.forecast.excluded.append(from...to)
                }
            default:
                for e in try x.sequence() { s.events.append(try event(e, services: services)) }
            }
        }
        return s
    }

    /// `{from: 2026-12-01, to: 2026-12-14, service: 交付, multiplier: 1.8, note: …}`
    static func event(_ v: YAMLValue, services: [Service]) throws(ScenarioError) -> DemandEvent {
        var from: CivilDate?, to: CivilDate?, service: String?, k: Double?, note = ""
        for (key, x) in try v.mapping(allowed: ["from", "to", "service", "multiplier", "note"]) {
            switch key {
            case "from": from = try CalendarSection.civilDate(x)
            case "to": to = try CalendarSection.civilDate(x)
            case "service":
                let name = try x.string()
                guard let s = services.first(where: { $0.id == name || $0.name == name }) else {
                    throw x.error("unknown line of work \"\(name)\"; expected one of \(services.map { "\($0.id) (\($0.name))" }.joined(separator: ", "))")
                }
                service = s.id
            case "multiplier": k = try x.double(in: 0...100)
            default: note = try x.string()
            }
        }
        guard let from, let k else { throw v.error("an event needs from and multiplier") }
        let through = to ?? from
        guard from <= through else { throw v.error("from \(from) is after to \(through)") }
        return DemandEvent(from: from, through: through, service: service, multiplier: k, note: note)
    }

    /// The Nankoku lines of work, used when scenario.yaml lists none.
    static let defaultServices: [Service] = [
        Service(id: "delivery", name: "交付", handlingMinutes: 20, bookingShare: 0.65, floor: 1),
        Service(id: "renewal", name: "電子証明書更新", handlingMinutes: 12, bookingShare: 0.3),
        Service(id: "application", name: "申請支援", handlingMinutes: 20, bookingShare: 0.35),
        Service(id: "portal", name: "マイナポータル支援", handlingMinutes: 15, bookingShare: 0.1),
    ]
}
