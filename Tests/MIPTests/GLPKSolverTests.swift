import Foundation
import Testing
@testable import MIP

@Suite("GLPK solves programs with known optima")
struct KnownOptimaTests {
    let solver = GLPKSolver()

    @Test("a 0/1 knapsack reaches the optimum found by enumeration", arguments: [1, 2, 3, 4, 5] as [UInt64])
    func knapsack(seed: UInt64) throws {
        var rng = SplitMix(seed: seed)
        let values = (0..<14).map { _ in Double(rng.next() % 50 + 1) }
        let weights = (0..<14).map { _ in Double(rng.next() % 30 + 1) }
        let capacity = (weights.reduce(0, +) * 0.4).rounded()
        let lp = Instances.knapsack(values: values, weights: weights, capacity: capacity)
        let s = try solver.solve(lp)
        #expect(s.status == .optimal)
        #expect(s.objective == Instances.knapsackByEnumeration(values: values, weights: weights, capacity: capacity))
        #expect(s.gap == 0)
        #expect(lp.violatedRows(s.values).isEmpty)
    }

    /// The hard knapsack and options that stop it after `workLimit` units of work (10,000 iterations a unit).
    static func hardKnapsack(workLimit: Double) -> (LinearProgram, SolveOptions) {
        var o = SolveOptions(timeLimit: workLimit)
        o.workRate = 10_000
        return (Instances.hardKnapsack(), o)
    }

    @Test("a work limit stops branch and cut at the same point every time, and counts its work")
    func workLimit() throws {
        var (program, o) = Self.hardKnapsack(workLimit: 0.05)
        let a = try GLPKSolver().solve(program, options: o)
        let b = try GLPKSolver().solve(program, options: o)
        #expect(a.stopReason == .timeLimit)
        #expect(a.values == b.values && a.nodes == b.nodes && a.bound == b.bound)
        #expect(a.seconds == b.seconds && a.seconds >= 0.05)
        // An LP under a work limit too small for it stops; with room it is optimal.
        var lp = o
        lp.relaxIntegrality = true
        lp.timeLimit = 1e-6
        #expect(try GLPKSolver().solve(program, options: lp).stopReason == .timeLimit)
        lp.timeLimit = 100
        #expect(try GLPKSolver().solve(program, options: lp).status == .optimal)
        o.workRate = 0
        #expect(throws: MIPError.self) { try GLPKSolver().solve(program, options: o) }
    }

    @Test("a rival that has finished stops the solve at its next node, as its time limit would")
    func rival() throws {
        var (program, o) = Self.hardKnapsack(workLimit: 0.2)
        let alone = try GLPKSolver().solve(program, options: o)
        #expect(alone.seconds >= 0.2 && alone.nodes > 1)  // runs to its limit
        o.rival = Rival()
        #expect(try GLPKSolver().solve(program, options: o).values == alone.values)  // running: no effect
        o.rival!.finish()
        let stopped = try GLPKSolver().solve(program, options: o)
        #expect(stopped.stopReason == .timeLimit && stopped.nodes <= 1 && stopped.seconds < 0.2)
        var clock = SolveOptions(timeLimit: 60)
        clock.rival = o.rival
        let first = try GLPKSolver().solve(program, options: clock)
        #expect(first.stopReason == .timeLimit && first.nodes <= 1)
    }

    @Test("a weighted set cover picks the single set that covers everything (cost 5)")
    func setCover() throws {
        let s = try solver.solve(Instances.setCover())
        #expect(s.status == .optimal)
        #expect(s.objective == 5)
        #expect(s.values == [0, 0, 0, 0, 0, 1])
    }

    @Test("an assignment problem matches the best of all 24 permutations")
    func assignment() throws {
        let cost = Instances.assignmentCost
        var best = Double.infinity
        func permute(_ rest: [Int], _ chosen: [Int]) {
            if rest.isEmpty {
                best = min(best, chosen.enumerated().reduce(0) { $0 + cost[$1.offset][$1.element] })
            }
            for k in rest.indices {
                var r = rest
                let t = r.remove(at: k)
                permute(r, chosen + [t])
            }
        }
        permute([0, 1, 2, 3], [])
        let s = try solver.solve(Instances.assignment())
        #expect(s.status == .optimal)
        #expect(s.objective == best)
        #expect(best == 13)
    }

    @Test("a program with every kind of bound and row solves to 20")
    func mixed() throws {
        let lp = Instances.mixed()
        for presolve in [true, false] {
            let s = try solver.solve(lp, options: SolveOptions(presolve: presolve))
            #expect(s.status == .optimal)
            #expect(abs((s.objective ?? 0) - 20) < 1e-9)
            #expect(lp.violatedRows(s.values).isEmpty)
        }
    }

    @Test("a continuous LP: max 3x + 2y, x + y ≤ 4, x + 3y ≤ 6, x ≤ 3 gives 11")
    func linearProgram() throws {
        var lp = LinearProgram(sense: .maximize)
        let x = lp.addColumn(name: "x", upper: 3, objective: 3)
        let y = lp.addColumn(name: "y", objective: 2)
        lp.addRow(name: "a", terms: [(x, 1), (y, 1)], upper: 4)
        lp.addRow(name: "b", terms: [(x, 1), (y, 3)], upper: 6)
        let s = try solver.solve(lp)
        #expect(s.status == .optimal)
        #expect(abs(s.objective! - 11) < 1e-9)
        #expect(abs(s[x] - 3) < 1e-9 && abs(s[y] - 1) < 1e-9)
        #expect(s.nodes == 0)
    }

    @Test("the LP relaxation of the knapsack bounds its optimum")
    func relaxation() throws {
        let lp = Instances.hardKnapsack(items: 30, dimensions: 2)
        let relaxed = try solver.solve(lp, options: SolveOptions(relaxIntegrality: true))
        let exact = try solver.solve(lp)
        #expect(relaxed.status == .optimal && exact.status == .optimal)
        #expect(relaxed.objective! >= exact.objective! - 1e-6)
    }

    @Test("a program with no columns is trivially optimal or infeasible")
    func empty() throws {
        #expect(try solver.solve(LinearProgram()).status == .optimal)
        var bad = LinearProgram()
        bad.addRow(name: "impossible", terms: [] as [(ColumnID, Double)], lower: 1)
        #expect(try solver.solve(bad).status == .infeasible)
    }
}

@Suite("GLPK reports infeasible, unbounded and stopped searches")
struct StatusTests {
    let solver = GLPKSolver()

    @Test("an infeasible LP and MIP are reported infeasible", arguments: [false, true])
    func infeasible(integer: Bool) throws {
        var lp = LinearProgram()
        let x = lp.addColumn(name: "x", kind: integer ? .integer : .continuous, upper: 10)
        let y = lp.addColumn(name: "y", kind: integer ? .integer : .continuous, upper: 10)
        lp.addRow(name: "at least 25", terms: [(x, 1), (y, 1)], lower: 25)
        for presolve in [true, false] {
            let s = try solver.solve(lp, options: SolveOptions(presolve: presolve))
            #expect(s.status == .infeasible)
            #expect(s.values.isEmpty && s.objective == nil)
        }
    }

    @Test("a MIP whose relaxation is feasible but which has no integer point is infeasible")
    func integerInfeasible() throws {
        var lp = LinearProgram()
        let x = lp.addColumn(name: "x", kind: .integer, upper: 10)
        lp.addRow(name: "2x = 3", terms: [(x, 2)], lower: 3, upper: 3)
        #expect(try solver.solve(lp).status == .infeasible)
        #expect(try solver.solve(lp, options: SolveOptions(presolve: false)).status == .infeasible)
    }

    @Test("an unbounded LP and MIP are reported unbounded", arguments: [false, true])
    func unbounded(integer: Bool) throws {
        var lp = LinearProgram(sense: .maximize)
        let x = lp.addColumn(name: "x", kind: integer ? .integer : .continuous, objective: 1)
        let y = lp.addColumn(name: "y", kind: integer ? .integer : .continuous, objective: 1)
        lp.addRow(name: "x - y ≤ 1", terms: [(x, 1), (y, -1)], upper: 1)
        for presolve in [true, false] {
            let s = try solver.solve(lp, options: SolveOptions(presolve: presolve))
            #expect(s.status == .unbounded)
        }
    }

    @Test("a search that hits its time limit returns its incumbent and gap")
    func timeLimit() throws {
        let lp = Instances.hardKnapsack()
        var reports: [SolveProgress] = []
        let s = try solver.solve(lp, options: SolveOptions(timeLimit: 0.5, progressInterval: 0.1)) { reports.append($0) }
        #expect(s.stopReason == .timeLimit)
        #expect(s.status == .feasible)
        #expect(s.objective != nil && s.bound != nil)
        #expect((s.gap ?? 0) > 0)
        #expect(s.bound! >= s.objective!)
        #expect(lp.violatedRows(s.values).isEmpty)
        #expect(abs(lp.objectiveValue(s.values) - s.objective!) < 1e-6)
        #expect(!reports.isEmpty)
    }

    @Test("a gap target stops the search early with a proven gap within it")
    func gapTarget() throws {
        let lp = Instances.hardKnapsack()
        let s = try solver.solve(lp, options: SolveOptions(timeLimit: 20, relativeGap: 0.02))
        #expect(s.hasSolution)
        #expect((s.gap ?? 1) <= 0.02)
    }

    @Test("a warm start is accepted as the first incumbent")
    func warmStart() throws {
        let lp = Instances.hardKnapsack(items: 40, dimensions: 3)
        // Taking nothing is feasible; the search must do at least as well.
        let start = [Double](repeating: 0, count: lp.columns.count)
        let s = try solver.solve(lp, options: SolveOptions(timeLimit: 5, relativeGap: 0.05, initialSolution: start))
        #expect(s.hasSolution)
        #expect(s.objective! >= 0)
    }
}

@Suite("Concurrent solves of separate programs agree with serial ones")
struct ConcurrencyTests {
    @Test("48 knapsacks solved on all cores give the serial answers")
    func concurrentSolves() throws {
        let programs = (0..<48).map { k -> LinearProgram in
            var rng = SplitMix(seed: UInt64(100 + k))
            let values = (0..<25).map { _ in Double(rng.next() % 60 + 1) }
            let weights = (0..<25).map { _ in Double(rng.next() % 40 + 1) }
            return Instances.knapsack(values: values, weights: weights, capacity: (weights.reduce(0, +) / 3).rounded(),
                                     name: "knapsack \(k)")
        }
        let serial = try programs.map { try GLPKSolver().solve($0).objective }
        let results = Results(count: programs.count)
        DispatchQueue.concurrentPerform(iterations: programs.count) { k in
            results.set(k, try? GLPKSolver().solve(programs[k]).objective)
        }
        #expect(results.values == serial)
        #expect(serial.allSatisfy { $0 != nil })
    }
}

/// A lock-protected result array for the concurrency test.
final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [Double?]
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    func set(_ k: Int, _ v: Double?) { lock.lock(); storage[k] = v; lock.unlock() }
    var values: [Double?] { lock.lock(); defer { lock.unlock() }; return storage }
}
