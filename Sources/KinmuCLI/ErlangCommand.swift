import ArgumentParser
import Demand

/// `kinmu erlang`: the staffing calculator for a person's what-ifs.
struct ErlangCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "erlang",
        abstract: "Agents needed for a service level (Erlang C, or Erlang A with --patience-minutes).",
        discussion: "Prints {\"agents\", \"serviceLevel\", \"averageWaitMinutes\", \"occupancy\"} for the smallest number meeting the target, or for --agents N.")

    @Option(help: "Arrivals per hour.") var arrivalsPerHour: Double
    @Option(help: "Mean handling time in minutes.") var ahtMinutes: Double
    @Option(help: "Target share served within --within-minutes (e.g. 0.8).") var target: Double = 0.8
    @Option(help: "The wait the target counts within, minutes.") var withinMinutes: Double = 15
    @Option(help: "Mean patience in minutes (Erlang A).") var patienceMinutes: Double?
    @Option(help: "Evaluate this many agents instead of searching.") var agents: Int?
    @Option(help: "Highest occupancy allowed when searching.") var maxOccupancy: Double = 1
    @Option(help: "json only.") var format: String = "json"

    func validate() throws {
        guard arrivalsPerHour.isFinite, arrivalsPerHour >= 0 else { throw ValidationError("--arrivals-per-hour must be ≥ 0") }
        guard ahtMinutes.isFinite, ahtMinutes > 0 else { throw ValidationError("--aht-minutes must be > 0") }
        guard (0...1).contains(target) else { throw ValidationError("--target must be a fraction from 0 to 1") }
        guard withinMinutes.isFinite, withinMinutes >= 0 else { throw ValidationError("--within-minutes must be ≥ 0") }
        if let p = patienceMinutes, !(p.isFinite && p > 0) { throw ValidationError("--patience-minutes must be > 0") }
        if let n = agents, !(0...10_000).contains(n) { throw ValidationError("--agents must be 0 to 10000") }
        guard maxOccupancy > 0, maxOccupancy <= 1 else { throw ValidationError("--max-occupancy must be in (0, 1]") }
        guard format == "json" else { throw ValidationError("--format must be json") }
    }

    func run() throws {
        let q = Queue(arrivalsPerHour: arrivalsPerHour, handlingMinutes: ahtMinutes, patienceMinutes: patienceMinutes)
        let t = ServiceLevelTarget(fraction: target, withinMinutes: withinMinutes)
        let s = agents.map { q.evaluate(agents: $0, target: t) } ?? q.requiredAgents(target: t, maxOccupancy: maxOccupancy)
        var json = JSONLine()
        json["agents"] = .int(s.agents)
        json["serviceLevel"] = .number(round6(s.serviceLevel))
        json["averageWaitMinutes"] = .number(s.averageWaitMinutes.isFinite ? round6(s.averageWaitMinutes) : .infinity)
        json["occupancy"] = .number(round6(s.occupancy))
        json["meetsTarget"] = .bool(s.meetsTarget)
        print(json.text)
        if !s.meetsTarget && agents == nil {
            if target >= 1 {
                printError("kinmu: with random arrivals no number of agents serves 100% within \(withinMinutes) minutes for certain; \(s.agents) agents serve \(fixed(s.serviceLevel * 100, 2))%")
            } else {
                printError("kinmu: no staffing up to \(s.agents) agents serves \(Int(target * 100))% within \(withinMinutes) minutes; the best reachable is \(fixed(s.serviceLevel * 100, 1))%")
            }
            throw ExitCode(2)
        }
    }

    func round6(_ x: Double) -> Double { (x * 1e6).rounded() / 1e6 }
}
