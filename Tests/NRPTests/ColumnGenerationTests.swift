import Demand
import Foundation
import MIP
import Testing
@testable import NRP

@Suite("Column generation on the benchmark")
struct NRPColumnGenerationTests {
    /// Instance k's column generation run to convergence, exactly (the seed-free, clock-free way).
    static func converged(_ k: Int) throws -> (NRPInstance, NRPColumnGeneration) {
        let inst = try NRPInstance.read(instancePath(k)!)
        let cg = NRPColumnGeneration(inst)
        try cg.run(until: .infinity, maxRounds: 400, alwaysExact: true, elapsed: { 0 })
        return (inst, cg)
    }

    /// No bar outlives a dive or a tree: every schedule's column is back to [0, 1].
    static func expectNoBars(_ cg: NRPColumnGeneration) throws {
        for e in cg.schedules.indices {
            for p in cg.schedules[e].indices {
                let b = try #require(cg.columnBounds(e, p))
                #expect(b.lower == 0 && b.upper == 1, "employee \(e) schedule \(p): \(b)")
            }
        }
    }

    /// One employee's own programme: the compact model with every other
    /// employee left out, costs `cost[d][t]` on their shift columns and nothing else.
    static func alone(_ model: NRPModel, _ e: Int, _ cost: [[Double]]) -> LinearProgram {
        let inst = model.instance
        var lp = NRPSolver.dropping(model.program, model: model, staff: Set(inst.staff.indices).subtracting([e]))
        for j in lp.columns.indices { lp.setObjective(ColumnID(j), 0) }
        for d in 0..<inst.horizon { for t in inst.shifts.indices { if let c = model.x[e][d][t] { lp.setObjective(c, cost[d][t]) } } }
        return lp
    }

    @Test("the schedule pricer's minimum equals GLPK's on the employee's own programme; its schedules keep every rule",
          arguments: [1, 2, 8])
    func pricerIsExact(_ k: Int) throws {
        // Instance 8 (three shift types with a binding maximum, where the resource floors matter) where shared/data is present.
        guard let path = instancePath(k) else { return }
        let inst = try NRPInstance.read(path)
        let model = NRPModel(inst)
        var rng = SplitMix64(seed: UInt64(k))
        for e in inst.staff.indices {
            // Costs of both signs, so that both the minimum and the maximum minutes can bind.
            let cost = (0..<inst.horizon).map { _ in inst.shifts.indices.map { _ in Double(rng.upTo(200)) - 120 } }
            let pricer = NRPSchedulePricer(inst, employee: e)
            let best = try #require(pricer.cheapest(cost, count: 3).first)
            let glpk = try GLPKSolver().solve(Self.alone(model, e, cost))
            #expect(glpk.status == .optimal)
            #expect(abs(best.cost - glpk.objective!) < 1e-6, "employee \(inst.staff[e].id): DP \(best.cost), GLPK \(glpk.objective!)")
            // The cheapest alone (with the resources the three cheapest made it track) is the same minimum.
            let single = try #require(pricer.cheapest(cost).first)
            #expect(abs(single.cost - glpk.objective!) < 1e-6)
            var s = NRPSolution(staff: inst.staff.count, horizon: inst.horizon)
            s.shifts[e] = best.shifts
            let own = NRPEvaluator.evaluate(s, inst).violations.filter { $0.hasPrefix("\(inst.staff[e].id):") }
            #expect(own.isEmpty, "\(own)")
            var recomputed = 0.0
            for (d, t) in best.shifts.enumerated() { if let t { recomputed += cost[d][t] } }
            #expect(abs(recomputed - best.cost) < 1e-9)
            // The heuristic (few labels per state) may find none; what it finds is lawful and never cheaper than the minimum.
            guard let h = pricer.cheapest(cost, labelsPerState: 2).first else { continue }
            #expect(h.cost >= best.cost - 1e-9)
            s.shifts[e] = h.shifts
            #expect(NRPEvaluator.evaluate(s, inst).violations.filter { $0.hasPrefix("\(inst.staff[e].id):") }.isEmpty)
        }
    }

    @Test("the completion bound is the backward pass of the path without counts and weekends; pricing below a lawful schedule's cost keeps the minimum",
          arguments: [1, 8, 12])
    func completionBound(_ k: Int) throws {
        // Instance 12 has shift types alike (a1–a3, d1–d3, p1–p3), which the bound takes as one.
        guard let path = instancePath(k) else { return }
        let inst = try NRPInstance.read(path)
        var rng = SplitMix64(seed: UInt64(100 + k))
        for e in inst.staff.indices {
            let cost = (0..<inst.horizon).map { _ in inst.shifts.indices.map { _ in Double(rng.upTo(200)) - 120 } }
            let pricer = NRPSchedulePricer(inst, employee: e)
            let table = pricer.completions(cost)
            // From the first day's state, the bound is the forward path's minimum with nothing tracked, exactly.
            let relaxed = try #require(pricer.paths(cost, count: 1, labelsPerState: nil, track: 0)?.first)
            let start = table[pricer.completionKey(minutes: 0, last: -1, run: pricer.minOff, touchesStart: true)]
            #expect(abs(start - relaxed.cost) < 1e-6, "employee \(inst.staff[e].id): backward \(start), forward \(relaxed.cost)")
            // Every resource tracked (no second pass), pruned at the true minimum itself: the minimum survives.
            let exact = try #require(pricer.paths(cost, count: 1, labelsPerState: nil, track: ~0)?.first)
            let pruned = try #require(pricer.paths(cost, count: 1, labelsPerState: nil, track: ~0, below: exact.cost, completions: table)?.first,
                                      "employee \(inst.staff[e].id): the bound dropped every path")
            #expect(abs(pruned.cost - exact.cost) < 1e-6)
            #expect(abs(try #require(pricer.cheapest(cost, below: exact.cost + 50).first).cost - exact.cost) < 1e-6)
        }
    }

    @Test("on a long horizon, a count past 63 is tracked exactly (fields as wide as their limits)")
    func pricerWithLargeCounts() throws {
        // Ten weeks, runs of up to 13 days with a day off between: 65 shifts at most. E pays most but is limited to 64
        // (past six bits), then N to 1, then L (not limited): the cheapest schedule works 64 E and one N, −646.
        var text = "SECTION_HORIZON\n70\n\nSECTION_SHIFTS\nE,480,\nL,480,E\nN,480,E|L\n\nSECTION_STAFF\n"
        text += "A,E=64|L=70|N=1,31200,28800,13,1,1,10\n\nSECTION_DAYS_OFF\n\nSECTION_SHIFT_ON_REQUESTS\n\nSECTION_SHIFT_OFF_REQUESTS\n\n"
        text += "SECTION_COVER\n" + (0..<70).flatMap { d in ["E", "L", "N"].map { "\(d),\($0),1,100,1\n" } }.joined()
        let inst = try NRPInstance.parse(text, file: "long.txt")
        let cost = Array(repeating: [-10.0, -5.0, -6.0], count: inst.horizon)
        let best = try #require(NRPSchedulePricer(inst, employee: 0).cheapest(cost).first)
        #expect(best.cost == -646)
        #expect([0, 1, 2].map { t in best.shifts.filter { $0 == t }.count } == [64, 0, 1])
        var s = NRPSolution(staff: 1, horizon: inst.horizon)
        s.shifts[0] = best.shifts
        #expect(NRPEvaluator.evaluate(s, inst).violations.isEmpty)
    }

    @Test("pricing out of its label budget takes the heuristic's schedule and claims no bound")
    func pricingOutOfBudget() throws {
        let inst = try NRPInstance.read(instancePath(1)!)
        let cost = Array(repeating: Array(repeating: -50.0, count: inst.shifts.count), count: inst.horizon)
        let pricer = NRPSchedulePricer(inst, employee: 0)
        #expect(pricer.cheapest(cost, labelLimit: 20) == nil)
        #expect(pricer.cheapest(cost, labelLimit: .max)?.first?.cost == pricer.cheapest(cost).first?.cost)
        let cg = NRPColumnGeneration(inst)
        cg.labelLimit = 20
        try cg.run(until: .infinity, maxRounds: 400, alwaysExact: true, elapsed: { 0 })
        #expect(cg.inexact > 0)
        #expect(!cg.converged && cg.bound == -.infinity)
        #expect(cg.rounds > 1)  // its schedules (the heuristic's) served a few rounds
        // A roster at once from what it has: lawful.
        let s = try #require(try cg.largestSchedules())
        #expect(NRPEvaluator.evaluate(s, inst).feasible)
        // A tree priced the same way proves nothing, even searched to the end.
        let tree = try NRPBranchAndPrice(cg, cutoff: .infinity)
        try tree.run(until: .infinity, elapsed: { 0 }) { r in Double(NRPEvaluator.evaluate(r, inst).objective) }
        #expect(tree.complete && tree.lowestOpen == -.infinity)
    }

    @Test("under local branching each employee's cheapest schedule is GLPK's minimum of its request penalty less ν times its days unlike the roster",
          arguments: [-3.0, -0.5])
    func pricerUnderLocalBranching(_ nu: Double) throws {
        let (inst, cg) = try Self.converged(1)
        let model = NRPModel(inst)
        let from = try #require(try cg.assignmentDive(until: .infinity, elapsed: { 0 }))
        try cg.limitDistance(from: from, to: 10)
        defer { try? cg.limitDistance(from: nil) }
        let zero = [Double](repeating: 0, count: inst.cover.count)
        for e in inst.staff.indices {
            // −ν per day unlike `from`: −ν·(1 − x) on its worked days, −ν·x on its days off.
            var cost = cg.workCost[e]
            var constant = cg.requestConstant[e]
            for d in 0..<inst.horizon {
                for t in inst.shifts.indices { cost[d][t] += from.shifts[e][d] == t ? nu : (from.shifts[e][d] == nil ? -nu : 0) }
                if from.shifts[e][d] != nil { constant -= nu }
            }
            let glpk = try GLPKSolver().solve(Self.alone(model, e, cost))
            let got = try #require(cg.cheapest(e, zero, nu: nu, allowed: { _ in nil }))
            #expect(abs(got.cost - (glpk.objective! + constant)) < 1e-6, "employee \(inst.staff[e].id)")
            let changed = Double(NRPColumnGeneration.distance(e, got.shifts, from: from))
            #expect(abs(got.cost - (cg.penalty(e, got.shifts) - nu * changed)) < 1e-6)
        }
    }

    @Test("resources tracked only once they bind: the pricer learns them as costs change and its minimum stays GLPK's")
    func trackedResourcesStayExact() throws {
        // Instance 8: nights capped at 4 (or fewer), early and late shifts at 14 or 8, two weekends in four.
        guard let path = instancePath(8) else { return }
        let inst = try NRPInstance.read(path)
        let model = NRPModel(inst)
        var rng = SplitMix64(seed: 88)
        var learnt = 0
        for e in [0, 13, 16, 25, 29] {
            let pricer = NRPSchedulePricer(inst, employee: e)
            #expect(pricer.tracked.value == 0)
            for _ in 0..<3 {
                // Nights and weekends cheap: the relaxed path takes more of them than the limits allow.
                let cost = (0..<inst.horizon).map { d in
                    inst.shifts.indices.map { t in Double(rng.upTo(100)) - (inst.shifts[t].id == "N" || d % 7 >= 5 ? 150 : 60) }
                }
                let best = try #require(pricer.cheapest(cost).first)
                let glpk = try GLPKSolver().solve(Self.alone(model, e, cost))
                #expect(abs(best.cost - glpk.objective!) < 1e-6, "employee \(inst.staff[e].id): DP \(best.cost), GLPK \(glpk.objective!)")
                var s = NRPSolution(staff: inst.staff.count, horizon: inst.horizon)
                s.shifts[e] = best.shifts
                #expect(NRPEvaluator.evaluate(s, inst).violations.filter { $0.hasPrefix("\(inst.staff[e].id):") }.isEmpty)
                #expect(pricer.exceeded(best.shifts) == 0)
            }
            if pricer.tracked.value != 0 { learnt += 1 }
        }
        // The relaxation was broken and repaired, for most of them.
        #expect(learnt >= 4)
        // Limits broken, counted as the labels count them: a weekend is a Saturday worked, or a Sunday after a Saturday off.
        let a = NRPSchedulePricer(inst, employee: 0)  // A: at most 4 nights, 2 weekends
        let d = try #require(inst.shifts.firstIndex { $0.id == "D" }), n = try #require(inst.shifts.firstIndex { $0.id == "N" })
        var shifts = [Int?](repeating: nil, count: inst.horizon)
        shifts[5] = d; shifts[6] = d; shifts[13] = d  // two weekends
        #expect(a.exceeded(shifts) == 0)
        shifts[27] = d  // a third, by its Sunday alone
        #expect(a.exceeded(shifts) == NRPSchedulePricer.weekendBit)
        for day in [0, 1, 2, 3, 4] { shifts[day] = n }  // five nights
        #expect(a.exceeded(shifts) == NRPSchedulePricer.weekendBit | 1)
    }

    @Test("instance 2: the Dantzig–Wolfe bound reaches the optimum 828 and stays below every roster; dive and best responses give 828")
    func instance2() throws {
        let (inst, cg) = try NRPColumnGenerationTests.converged(2)
        #expect(cg.converged)
        #expect(cg.bound <= 828 + 1e-6)
        #expect(cg.bound > 827)
        // The compact programme's LP is weaker.
        var o = SolveOptions()
        o.relaxIntegrality = true
        let lp = try GLPKSolver().solve(NRPModel(inst).program, options: o)
        #expect(cg.bound >= lp.objective! - 1e-6)
        var s = try #require(try cg.dive(until: .infinity, elapsed: { 0 }))
        let dived = NRPEvaluator.evaluate(s, inst)
        #expect(dived.feasible, "\(dived.violations)")
        _ = cg.bestResponse(&s, order: Array(inst.staff.indices))
        let r = NRPEvaluator.evaluate(s, inst)
        #expect(r.feasible && r.objective <= dived.objective)
        #expect(Double(r.objective) >= cg.bound - 1e-6)
        #expect(r.objective == 828)
    }

    @Test("instance 2: the dive on single days gives a lawful roster above the bound; from a roster, it keeps every day outside its neighbourhood and lifts its bars after")
    func assignmentDive() throws {
        let (inst, cg) = try NRPColumnGenerationTests.converged(2)
        let s = try #require(try cg.assignmentDive(until: .infinity, elapsed: { 0 }))
        let dived = NRPEvaluator.evaluate(s, inst)
        #expect(dived.feasible, "\(dived.violations)")
        #expect(Double(dived.objective) >= cg.bound - 1e-6)
        // A neighbourhood of days 3–8: every other day stays as in `s`.
        let t = try #require(try cg.assignmentDive(until: .infinity, from: s, open: { _, d in (3...8).contains(d) }, elapsed: { 0 }))
        let again = NRPEvaluator.evaluate(t, inst)
        #expect(again.feasible, "\(again.violations)")
        for e in inst.staff.indices {
            for d in 0..<inst.horizon where !(3...8).contains(d) { #expect(t.shifts[e][d] == s.shifts[e][d]) }
        }
        // Two employees open over the whole horizon: the others keep their schedules.
        let u = try #require(try cg.assignmentDive(until: .infinity, from: t, open: { e, _ in e < 2 }, elapsed: { 0 }))
        #expect(NRPEvaluator.evaluate(u, inst).feasible)
        for e in 2..<inst.staff.count { #expect(u.shifts[e] == t.shifts[e]) }
        // No bar outlives its dive: every schedule's column is back to [0, 1].
        try Self.expectNoBars(cg)
    }

    @Test("instance 11: the dive on single days from the converged column generation alone reaches the optimum 3,443 (why the solver dives so first)")
    func assignmentDiveFromTheRoot() throws {
        guard instancePath(11) != nil else { return }  // shipped beside the repository, not in it
        let (inst, cg) = try NRPColumnGenerationTests.converged(11)
        #expect(cg.converged)
        #expect((cg.bound - 1e-6).rounded(.up) == 3443)
        let s = try #require(try cg.assignmentDive(until: .infinity, elapsed: { 0 }))
        let r = NRPEvaluator.evaluate(s, inst)
        #expect(r.feasible, "\(r.violations)")
        #expect(r.objective == 3443)
        try Self.expectNoBars(cg)
    }

    @Test("instance 6: from the pool the dive on single days leaves, the dive on whole schedules one employee at a time (where none is nearly whole) ends within 1% of the bound (1,952 against 1,949) and below a quarter at a time (2,058)")
    func scheduleDiveOneAtATime() throws {
        guard instancePath(6) != nil else { return }  // shipped beside the repository, not in it
        var value: [Bool: Int] = [:]
        for one in [true, false] {
            let (inst, cg) = try NRPColumnGenerationTests.converged(6)
            _ = try cg.assignmentDive(until: .infinity, elapsed: { 0 })  // as the solver runs them
            let s = try #require(try cg.dive(until: .infinity, oneAtATime: one, elapsed: { 0 }))
            let r = NRPEvaluator.evaluate(s, inst)
            #expect(r.feasible, "\(r.violations)")
            #expect(Double(r.objective) >= cg.bound - 1e-6)
            try Self.expectNoBars(cg)
            value[one] = r.objective
            if one { #expect(Double(r.objective) <= 1.01 * cg.bound, "\(r.objective) against \(cg.bound)") }
        }
        #expect(value[true]! < value[false]!, "\(value)")
    }

    @Test("a best response never makes a roster worse and keeps it lawful")
    func bestResponse() throws {
        let inst = try NRPInstance.read(instancePath(1)!)
        let cg = NRPColumnGeneration(inst)
        // Each employee's cheapest schedule alone (requests only): lawful, poor on cover.
        var s = NRPSolution(staff: inst.staff.count, horizon: inst.horizon)
        for e in inst.staff.indices {
            s.shifts[e] = try #require(NRPSchedulePricer(inst, employee: e).cheapest(cg.workCost[e]).first).shifts
        }
        let before = NRPEvaluator.evaluate(s, inst)
        #expect(before.feasible)
        let changes = cg.bestResponse(&s, order: Array(inst.staff.indices))
        let after = NRPEvaluator.evaluate(s, inst)
        #expect(after.feasible, "\(after.violations)")
        #expect(changes > 0 && after.objective < before.objective)
    }
}

@Suite("Branch and price on the benchmark")
struct NRPBranchAndPriceTests {
    /// Scores a roster found by the search, checking it is lawful.
    static func score(_ s: NRPSolution, _ inst: NRPInstance) -> Double {
        let r = NRPEvaluator.evaluate(s, inst)
        #expect(r.feasible, "\(r.violations)")
        return r.feasible ? Double(r.objective) : .infinity
    }

    /// The last roster a search run to the end reports (it must complete and report one).
    static func toTheEnd(_ tree: NRPBranchAndPrice, _ inst: NRPInstance) throws -> NRPSolution {
        var best: NRPSolution?
        try tree.run(until: .infinity, maxNodes: 20_000, elapsed: { 0 }) { s in
            best = s
            return score(s, inst)
        }
        #expect(tree.complete)
        return try #require(best)
    }

    /// `start` with two employees' schedules exchanged, the first pair for which that is lawful and worse; nil if none.
    static func worsened(_ start: NRPSolution, _ inst: NRPInstance) -> NRPSolution? {
        let value = NRPEvaluator.evaluate(start, inst).objective
        for a in inst.staff.indices {
            for b in inst.staff.indices where a < b && start.shifts[a] != start.shifts[b] {
                var t = start
                t.shifts.swapAt(a, b)
                let v = NRPEvaluator.evaluate(t, inst)
                if v.feasible && v.objective > value { return t }
            }
        }
        return nil
    }

    @Test("instance 1 from the root: the search completes at the published optimum 607, though the Dantzig–Wolfe bound is 558; no bar outlives it")
    func instance1() throws {
        let (inst, cg) = try NRPColumnGenerationTests.converged(1)
        #expect(cg.bound < 600)  // the root alone is far from the optimum: the tree has to search
        let tree = try NRPBranchAndPrice(cg, cutoff: .infinity)
        var best = Double.infinity
        var found = 0
        // In slices of 25 nodes (the search resumes where it stopped); the bound of the open nodes never passes the optimum.
        while !tree.complete {
            try tree.run(until: .infinity, maxNodes: tree.nodes + 25, elapsed: { 0 }) { s in
                found += 1
                let v = Self.score(s, inst)
                #expect(v < best)  // only rosters better than the last are reported
                best = min(best, v)
                return v
            }
            #expect(tree.lowestOpen <= 607 + 1e-6)
            #expect(tree.nodes < 5000)
            if tree.nodes >= 5000 { break }
        }
        #expect(tree.complete)
        #expect(best == 607)
        #expect(found >= 1)
        try NRPColumnGenerationTests.expectNoBars(cg)
    }

    @Test("the restricted master as a 0/1 programme: a lawful roster of generated schedules, no worse than its start")
    func restrictedMaster() throws {
        let (inst, cg) = try NRPColumnGenerationTests.converged(1)
        // From the dive's roster: no worse, every schedule one the column generation met.
        var start = try #require(try cg.dive(until: .infinity, elapsed: { 0 }))
        let startValue = NRPEvaluator.evaluate(start, inst).objective
        let s = try #require(try cg.restrictedMaster(timeLimit: 30, start: start))
        let r = NRPEvaluator.evaluate(s, inst)
        #expect(r.feasible, "\(r.violations)")
        #expect(r.objective <= startValue)
        #expect(Double(r.objective) >= cg.bound - 1e-6)
        for e in inst.staff.indices { #expect(cg.schedules[e].contains { $0.shifts == s.shifts[e] }) }
        // From a worse start (two employees' schedules exchanged where that is lawful for both), the master finds its way back down.
        if let w = Self.worsened(start, inst) {
            start = w
            let worse = NRPEvaluator.evaluate(start, inst).objective
            let back = try #require(try cg.restrictedMaster(timeLimit: 30, start: start))
            #expect(NRPEvaluator.evaluate(back, inst).objective < worse)
        }
    }

    @Test("a neighbourhood searched to the end finds what GLPK proves optimal for it, and keeps every day outside it",
          arguments: [(1, [0, 1, 2, 3, 4]), (1, [2, 3, 5, 6, 7]), (2, [0, 2, 4, 6, 8, 10, 12])])
    func neighbourhood(_ k: Int, _ open: [Int]) throws {
        let (inst, cg) = try NRPColumnGenerationTests.converged(k)
        let start = try #require(try cg.assignmentDive(until: .infinity, elapsed: { 0 }))
        let isOpen: (Int, Int) -> Bool = { e, _ in open.contains(e) }
        let model = NRPModel(inst)
        let exact = try #require(try GLPKSolver().solveNeighbourhood(model.fixing(start, open: isOpen), from: model.values(start),
                                                                     timeLimit: 60))
        #expect(exact.solution.status == .optimal)
        let optimum = exact.solution.objective! + exact.objectiveOffset
        // Cutoff one above the start: the start itself could be found, so the search ends at the region's optimum.
        let current = Double(NRPEvaluator.evaluate(start, inst).objective)
        let s = try Self.toTheEnd(try NRPBranchAndPrice(cg, cutoff: current + 1, from: start, open: isOpen), inst)
        #expect(abs(Double(NRPEvaluator.evaluate(s, inst).objective) - optimum) < 1e-6)
        for e in inst.staff.indices where !open.contains(e) { #expect(s.shifts[e] == start.shifts[e]) }
    }

    @Test("local branching searched to the end finds what GLPK proves optimal within that many changed days, and lifts its row after",
          arguments: [(1, 6), (1, 16), (2, 10)])
    func localBranching(_ k: Int, _ limit: Int) throws {
        let (inst, cg) = try NRPColumnGenerationTests.converged(k)
        // A start some way from the optimum: the dive's roster with its first two employees' schedules exchanged where lawful.
        let dive = try #require(try cg.assignmentDive(until: .infinity, elapsed: { 0 }))
        let start = Self.worsened(dive, inst) ?? dive
        let current = Double(NRPEvaluator.evaluate(start, inst).objective)
        // GLPK on the compact programme with the same row: days unlike the start, at most `limit`.
        let model = NRPModel(inst)
        var lp = model.program
        var terms: [(ColumnID, Double)] = []
        var worked = 0
        for e in inst.staff.indices {
            for d in 0..<inst.horizon {
                if let t0 = start.shifts[e][d] { worked += 1; terms.append((try #require(model.x[e][d][t0]), -1)) }
                else { for c in model.x[e][d] { if let c { terms.append((c, 1)) } } }
            }
        }
        lp.addRow(name: "distance", terms: terms, upper: Double(limit - worked))
        var options = SolveOptions(timeLimit: 120)
        options.initialSolution = model.values(start)
        let exact = try GLPKSolver().solve(lp, options: options)
        #expect(exact.status == .optimal)
        let optimum = try #require(exact.objective)
        #expect(optimum < current)  // the start is not already the best within the limit: the search has work to do
        let s = try Self.toTheEnd(try NRPBranchAndPrice(cg, cutoff: current + 1, around: start, within: limit), inst)
        #expect(abs(Double(NRPEvaluator.evaluate(s, inst).objective) - optimum) < 1e-6)
        var changed = 0
        for e in inst.staff.indices { for d in 0..<inst.horizon where s.shifts[e][d] != start.shifts[e][d] { changed += 1 } }
        #expect(changed <= limit)
        #expect(cg.distance == nil)
        try NRPColumnGenerationTests.expectNoBars(cg)
    }

    @Test("pricing on two threads gives what one thread gives: the same schedules in the same order, the same bound, the same bookkeeping",
          arguments: [.max, 300])
    func twoThreadsPriceAsOne(_ labelLimit: Int) throws {
        // Instance 2 is in Tests/Fixtures when shared/data is absent. A label budget of 300 sends most employees
        // to the heuristic (the path for long horizons), whose bookkeeping (`inexact`) must match too.
        let inst = try NRPInstance.read(instancePath(2)!)
        func run(workers: Int) throws -> NRPColumnGeneration {
            let cg = NRPColumnGeneration(inst)
            cg.workers = workers
            cg.labelLimit = labelLimit
            try cg.run(until: .infinity, maxRounds: 8, alwaysExact: true, elapsed: { 0 })
            #expect(cg.workers == workers)
            return cg
        }
        let one = try run(workers: 1), two = try run(workers: 2)
        #expect(one.rounds == two.rounds)
        #expect(one.bound == two.bound)
        #expect(one.inexact == two.inexact)
        if labelLimit < .max { #expect(one.inexact > 0) }
        for e in inst.staff.indices { #expect(one.schedules[e].map(\.shifts) == two.schedules[e].map(\.shifts), "employee \(e)") }
        // The heuristic's pricing at the same duals, an employee skipped.
        let pi = inst.cover.indices.map { Double(($0 * 7) % 11) }
        let a = one.pricing(pi, skip: [1], labelsPerState: 4), b = two.pricing(pi, skip: [1], labelsPerState: 4)
        #expect(a.map(\.e) == b.map(\.e))
        #expect(a.map(\.shifts) == b.map(\.shifts))
        #expect(!a.contains { $0.e == 1 } && a.count == inst.staff.count - 1)
    }

    @Test("heuristic rounds tail off when they add few schedules or the master hardly moves over five rounds")
    func tailingOff() {
        // 40 employees: fewer than 5 schedules added is too few, whatever the master does.
        #expect(NRPColumnGeneration.tailingOff([3000, 2900], added: 4, employees: 40))
        #expect(!NRPColumnGeneration.tailingOff([3000, 2900], added: 5, employees: 40))
        // Small staffs: fewer than two.
        #expect(NRPColumnGeneration.tailingOff([100], added: 1, employees: 8))
        #expect(!NRPColumnGeneration.tailingOff([100], added: 2, employees: 8))
        // The master's value five rounds back against now: 0.1% of 2,600 is 2.6.
        let slow: [Double] = [2700, 2610, 2609.5, 2609, 2608.5, 2608, 2607.5]
        #expect(NRPColumnGeneration.tailingOff(slow, added: 20, employees: 40))   // 2,610 → 2,607.5
        let fast: [Double] = [2700, 2620, 2618, 2616, 2614, 2612, 2610]
        #expect(!NRPColumnGeneration.tailingOff(fast, added: 20, employees: 40))  // 2,620 → 2,610
        // Too few rounds since the last exact one to judge.
        #expect(!NRPColumnGeneration.tailingOff(Array(slow.suffix(5)), added: 20, employees: 40))
    }

    @Test("where exact pricing is slow, a second core keeps the rounds exact; without one, heuristic rounds, and the same LP at the end")
    func slowPricing() throws {
        let inst = try NRPInstance.read(instancePath(2)!)
        let exact = NRPColumnGeneration(inst)
        try exact.run(until: .infinity, alwaysExact: true, elapsed: { 0 })
        #expect(exact.converged && exact.heuristicRounds == 0)
        // Every round counts as slow (the clock here stands still).
        var freed = 0
        let everyCore = NRPColumnGeneration(inst)
        try everyCore.run(until: .infinity, elapsed: { 0 }, whenSlow: { freed += 1 }, slowRound: -1)
        #expect(freed == 1)
        #expect(everyCore.heuristicRounds == 0)
        #expect(everyCore.workers == 1)  // back to its own after the run
        let alone = NRPColumnGeneration(inst)
        try alone.run(until: .infinity, elapsed: { 0 }, slowRound: -1)
        #expect(alone.heuristicRounds > 0)
        for cg in [everyCore, alone] {
            #expect(cg.converged)
            #expect(abs(cg.bound - exact.bound) < 1e-6)
        }
    }

    @Test("the master's last drop is its fall in the last round, as a share of its value before")
    func lastDrop() throws {
        let inst = try NRPInstance.read(instancePath(2)!)
        let cg = NRPColumnGeneration(inst)
        #expect(cg.lastDrop == .infinity)
        var masters: [Double] = []
        try cg.run(until: .infinity, maxRounds: 3, alwaysExact: true, elapsed: { 0 }, log: { line in
            if let r = line.range(of: "master ") {
                masters.append(Double(line[r.upperBound...].prefix { $0 != "," })!)
            }
        })
        try #require(masters.count == 3 && !cg.converged)
        #expect(masters[1] > masters[2])
        #expect(abs(cg.lastDrop - (masters[1] - masters[2]) / masters[1]) < 1e-5)
    }

    @Test("the sweep's windows of days run through the horizon from day 0, each half over the last, and start again at 0")
    func sweepWindows() {
        for (length, horizon) in [(5, 168), (4, 28), (7, 84), (1, 14)] {
            var at = 0
            var covered = Set<Int>()
            var previous: Int?
            var wrapped = false
            for _ in 0..<(4 * horizon) {
                let (from, next) = NRPSolver.sweepWindow(at: at, length: length, horizon: horizon)
                #expect(from >= 0 && from + length <= horizon)
                if let p = previous {
                    if from < p { wrapped = true; #expect(from == 0) } else if !wrapped {
                        #expect(from > p && from - p <= max(1, length / 2))  // overlapping by half a window or more
                    }
                }
                if !wrapped { covered.formUnion(from..<(from + length)) }
                previous = from
                at = next
            }
            #expect(wrapped)
            #expect(covered == Set(0..<horizon), "length \(length), horizon \(horizon)")
        }
    }

    @Test("where the tree's thread finds its nodes cheap every neighbourhood is branch and price; elsewhere every third, and the chain")
    func branchAndPriceTurns() {
        let iterations = Array(1...12)
        #expect(iterations.allSatisfy { NRPSolver.branchAndPriceTurn(iteration: $0, localAgain: false, cheapTree: true) })
        #expect(iterations.filter { NRPSolver.branchAndPriceTurn(iteration: $0, localAgain: false, cheapTree: false) } == [1, 4, 7, 10])
        #expect(iterations.allSatisfy { NRPSolver.branchAndPriceTurn(iteration: $0, localAgain: true, cheapTree: false) })
    }
}
