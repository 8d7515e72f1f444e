import Foundation
import Testing
@testable import Demand

@Suite("Erlang B, C and A")
struct ErlangTests {
    // Reference values computed independently with 30-digit arithmetic from the
    // factorial formulas (mpmath), not from Kinmu's recurrences.
    static let reference: [(load: Double, agents: Int, b: Double, c: Double)] = [
        (10, 11, 0.16323233324443395, 0.6821182046893324),
        (10, 12, 0.11973918844482515, 0.44938822429827086),
        (6, 7, 0.18505473584007615, 0.6138301231449321),
        (6, 8, 0.12187578366630444, 0.35698108587868027),
        (2, 3, 0.21052631578947367, 0.4444444444444444),
        (50, 55, 0.05374881212575822, 0.38454731793292857),
        (100, 110, 0.027463448449822916, 0.23700750028505274),
    ]

    @Test("Erlang B and C match independently computed values", arguments: reference.indices)
    func matchesReference(_ k: Int) {
        let r = Self.reference[k]
        let q = Queue(arrivalsPerHour: r.load * 60, handlingMinutes: 1)
        #expect(abs(q.erlangB(agents: r.agents) - r.b) < 1e-12)
        #expect(abs(q.erlangC(agents: r.agents) - r.c) < 1e-12)
    }

    @Test("the textbook case: 30 an hour, 12 minutes, 80% in 15 minutes needs 7 agents")
    func textbook() {
        let q = Queue(arrivalsPerHour: 30, handlingMinutes: 12)
        let s = q.requiredAgents(target: ServiceLevelTarget(fraction: 0.8, withinMinutes: 15))
        #expect(s.agents == 7)
        #expect(abs(s.serviceLevel - 0.8241347252616957) < 1e-12)
        #expect(abs(s.averageWaitMinutes - 7.3659614777391855) < 1e-9)
        #expect(abs(q.serviceLevel(agents: 8, within: 15) - 0.9706972080568906) < 1e-12)
    }

    @Test("stable at any load: no NaN or infinity from 0.01 to 5000 erlangs")
    func stability() {
        for load in [0.01, 1, 37.5, 400, 5000] {
            let q = Queue(arrivalsPerHour: load * 6, handlingMinutes: 10)
            let n = Int(load) + 3
            let c = q.erlangC(agents: n)
            #expect(c.isFinite && c >= 0 && c <= 1)
            #expect(q.serviceLevel(agents: n, within: 5).isFinite)
        }
        #expect(Queue(arrivalsPerHour: 60, handlingMinutes: 10).erlangC(agents: 10) == 1)  // unstable: everyone waits
    }

    @Test("more arrivals never need fewer agents", arguments: [5.0, 12.0, 25.0])
    func monotone(aht: Double) {
        var last = 0
        for rate in stride(from: 0.0, through: 200, by: 2.5) {
            let n = Queue(arrivalsPerHour: rate, handlingMinutes: aht)
                .requiredAgents(target: ServiceLevelTarget(fraction: 0.8, withinMinutes: 15), maxOccupancy: 0.85).agents
            #expect(n >= last, "rate \(rate)")
            last = n
        }
    }

    @Test("Erlang A approaches Erlang C as patience grows")
    func erlangAReducesToC() {
        let c = Queue(arrivalsPerHour: 30, handlingMinutes: 12)
        let a = Queue(arrivalsPerHour: 30, handlingMinutes: 12, patienceMinutes: 1e7)
        for n in [7, 8, 10] {
            #expect(abs(a.serviceLevel(agents: n, within: 15) - c.serviceLevel(agents: n, within: 15)) < 1e-4)
            #expect(abs(a.averageWait(agents: n) - c.averageWait(agents: n)) < 1e-2)
        }
    }

    @Test("Erlang A agrees with a simulation of impatient residents")
    func erlangAAgainstSimulation() {
        let (rate, aht, patience, n, t) = (40.0, 12.0, 8.0, 8, 5.0)
        let exact = Queue(arrivalsPerHour: rate, handlingMinutes: aht, patienceMinutes: patience).serviceLevel(agents: n, within: t)
        let simulated = Self.simulate(rate: rate / 60, aht: aht, patience: patience, agents: n, within: t, customers: 300_000)
        #expect(abs(exact - simulated) < 0.01, "exact \(exact), simulated \(simulated)")
    }

    /// M/M/N+M, first come first served: share served within t of all arrivals.
    static func simulate(rate: Double, aht: Double, patience: Double, agents: Int, within t: Double, customers: Int) -> Double {
        var rng = SplitMix64(seed: 99)
        func expo(_ mean: Double) -> Double { -mean * log(rng.uniform()) }
        var free = [Double](repeating: 0, count: agents)  // when each agent is next free
        var clock = 0.0
        var servedWithin = 0
        for _ in 0..<customers {
            clock += expo(1 / rate)
            let limit = clock + expo(patience)
            let k = free.indices.min { free[$0] < free[$1] }!
            let start = max(clock, free[k])
            if start <= limit {  // served (others who abandoned never held an agent)
                if start - clock <= t { servedWithin += 1 }
                free[k] = start + expo(aht)
            }
        }
        return Double(servedWithin) / Double(customers)
    }

    @Test("a target of 100% is reported unreachable, with what can be reached")
    func unreachable() {
        let s = Queue(arrivalsPerHour: 30, handlingMinutes: 12)
            .requiredAgents(target: ServiceLevelTarget(fraction: 1.0, withinMinutes: 0))
        #expect(!s.meetsTarget)
        #expect(s.serviceLevel >= 0.9999)
    }
}
