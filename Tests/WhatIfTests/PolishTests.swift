import BusinessCalendar
import Foundation
import MIP
@testable import Rostering
import Scenario
import Testing
import WhatIf

/// Nankoku's June and July 2027, cut off by small work limits: June's branch and cut stops
/// with a roster short of its proof (24.5 units, half each; 2591.06, the optimum 2590.81), July's before
/// its first roster (12 units); either way the neighbourhood search has the other half.
/// (Until session 25 July's bound stalled at the root's for 120 s and served both; the
/// earnings budget's whole-shift rows now prove it in 24 units.) The polish is seen alone,
/// without the race on the other core, which proves June in 10.8 units (session 26).
/// February is the race's month: Driebeck–Tomlin leaves it on a plateau.
@Suite("A month's branch and cut, polished by the search")
struct PolishTests {
    /// The month's plan and model, a solver under `limit` work units (deterministic: the
    /// first half the test runs alone is the one the solver runs), and that first half alone.
    static func month(_ month: Int, limit: Double, race: Bool = true) throws -> (plan: Planning, model: RosterModel, solver: RosterSolver, alone: Solution) {
        let s = try Scenario.load(folder: repository.appendingPathComponent("Scenarios/nankoku").path)
        let plan = try Planning(scenario: s, month: YearMonth(year: 2027, month: month)!)
        let model = RosterModel(plan.problem)
        var options = SolveOptions(timeLimit: limit)
        options.workRate = SolveOptions.defaultWorkRate
        var solver = RosterSolver(options: options)
        solver.race = race
        var half = options
        half.timeLimit = limit / 2
        return (plan, model, solver, try solver.glpk(model.branchAndCutProgram, options: half))
    }

    @Test("a branch and cut cut off by its limit hands its roster to the search for the other half: better, bound no lower, lawful")
    func polished() throws {
        let (plan, model, solver, alone) = try Self.month(6, limit: 24.5, race: false)
        #expect(alone.status == .feasible && alone.stopReason == .timeLimit)  // not proved in its half
        let polished = try solver.branchAndCut(model, options: solver.options, progress: nil)
        #expect(polished.stopReason == .timeLimit)  // the search's answer, not a proof
        let before = try #require(alone.objective), after = try #require(polished.objective)
        #expect(after < before - 1e-6)  // the search improved the branch and cut's roster
        // The bound: the first half's.
        let bound = try #require(polished.bound)
        #expect(abs(bound - alone.bound!) < 1e-9 && bound <= after + 1e-9)
        #expect(abs(model.program.objectiveValue(polished.values) - after) < 1e-6 * after)
        #expect(model.program.violatedRows(polished.values, tolerance: 1e-5).isEmpty)
        #expect(abs((polished.gap ?? -1) - (after - bound) / after) < 1e-9)
        // Through the whole solve (the serving LP, the roster, the checker): lawful, no worse. The whole
        // solve keeps 1.5 units for the serving LP, so it gets them on top to split the same halves.
        var whole = solver.options
        whole.timeLimit = 24.5 + 1.5
        var wholeSolver = RosterSolver(options: whole)
        wholeSolver.race = false
        let result = try wholeSolver.solve(plan.problem)
        #expect(plan.checker.check(result.roster).isEmpty)
        #expect((result.solution.objective ?? .infinity) <= before + 1e-6)
    }

    @Test("a month Driebeck–Tomlin leaves on a plateau is proved by the pseudo-cost branch and cut on the other core")
    func raced() throws {
        // February 2027: Driebeck–Tomlin finds the optimum, 2001.475, early, but its bound stays on a plateau
        // (2000.94 after 12 units). The race on the other core proves it in 44.7 units of its own; given 56,
        // with Driebeck–Tomlin a tenth of them (the race starts when it stops), its answer is the answer.
        let s = try Scenario.load(folder: repository.appendingPathComponent("Scenarios/nankoku").path)
        let plan = try Planning(scenario: s, month: YearMonth(year: 2027, month: 2)!)
        let model = RosterModel(plan.problem)
        var options = SolveOptions(timeLimit: 56)
        options.workRate = SolveOptions.defaultWorkRate
        let solver = RosterSolver(options: options)
        var first = options
        first.timeLimit = 5.6
        let alone = try solver.glpk(model.branchAndCutProgram, options: first)
        #expect(alone.stopReason == .timeLimit)  // not proved in its share; the polish proves nothing
        let both = try solver.branchAndCut(model, options: options, firstShare: 0.1, progress: nil)
        #expect(both.status == .optimal && both.gap == 0 && both.stopReason == .completed)
        #expect(abs(both.objective! - 2001.475) < 1e-6)
        #expect(both.seconds > 45 && both.seconds < 56)  // when the race proved it, not the limit
        #expect(model.program.violatedRows(both.values, tolerance: 1e-5).isEmpty)
    }

    @Test("a branch and cut cut off before its first roster leaves the other half to the search's own: a lawful roster, not none")
    func builtWhenNone() throws {
        let (plan, _, solver, alone) = try Self.month(7, limit: 12)
        #expect(alone.status == .noSolution && alone.stopReason == .timeLimit)  // its first half finds nothing
        let result = try solver.solve(plan.problem)
        #expect(result.solution.status == .feasible)
        #expect(plan.checker.check(result.roster).isEmpty)
        #expect(result.roster.assignments.count > 100)
    }
}
