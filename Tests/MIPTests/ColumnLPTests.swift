import Foundation
import Testing
@testable import MIP

@Suite("A programme that grows by columns (ColumnLP)")
struct ColumnLPTests {
    /// A covering LP: rows ≥ demand, random columns covering random rows.
    static func columns(seed: UInt64, rows: Int, count: Int) -> [(cost: Double, rows: [Int])] {
        var rng = SplitMix(seed: seed)
        return (0..<count).map { _ in
            let covered = Set((0..<3).map { _ in Int(rng.next() % UInt64(rows)) }).sorted()
            return (Double(rng.next() % 20 + 1), covered)
        }
    }

    @Test("re-solved after each batch of new columns, and after fixing bounds, it agrees with a solve from scratch",
          arguments: [1, 2, 3] as [UInt64])
    func agreesWithScratch(seed: UInt64) throws {
        let m = 8
        let demand = (0..<m).map { Double($0 % 3 + 1) }
        let all = Self.columns(seed: seed, rows: m, count: 40)
        let grown = try ColumnLP(rows: demand.map { ($0, Double.infinity) })
        // Slacks at a high price keep every stage feasible.
        for i in 0..<m { try grown.addColumn(objective: 100, terms: [(i, 1)]) }
        var scratch = LinearProgram()
        let slack = (0..<m).map { scratch.addColumn(name: "s\($0)", objective: 100) }
        var rows: [[(ColumnID, Double)]] = (0..<m).map { [(slack[$0], 1)] }
        for batch in stride(from: 0, to: all.count, by: 10) {
            for c in all[batch..<(batch + 10)] {
                try grown.addColumn(objective: c.cost, upper: 1, terms: c.rows.map { ($0, 1) })
                let j = scratch.addColumn(name: "x\(scratch.columns.count)", upper: 1, objective: c.cost)
                for r in c.rows { rows[r].append((j, 1)) }
            }
            var lp = scratch
            for i in 0..<m { lp.addRow(name: "r\(i)", terms: rows[i], lower: demand[i]) }
            #expect(grown.solve() == .optimal)
            let fresh = try GLPKSolver().solve(lp)
            #expect(abs(grown.objective - fresh.objective!) < 1e-6)
            // Duals price the slacks at no more than their cost (dual feasibility).
            for (i, y) in grown.duals.enumerated() { #expect(y >= -1e-9 && y <= 100 + 1e-9, "row \(i): \(y)") }
        }
        // Fixing a column (as a dive does) and freeing it again.
        try grown.setBounds(m, lower: 1, upper: 1)
        #expect(grown.solve() == .optimal)
        #expect(abs(grown.value(m) - 1) < 1e-9)
        try grown.setBounds(m, lower: 0, upper: 1)
        #expect(grown.solve() == .optimal)
    }

    @Test("a row rewritten and re-bounded after solves (a side constraint switched on and off) gives the optimum of the LP with it")
    func rowRewritten() throws {
        // min x + 2y + 3z, x + y + z = 1, a free row that becomes x ≤ 0.25 and is freed again.
        let lp = try ColumnLP(rows: [(1, 1), (-.infinity, .infinity)])
        for c in [1.0, 2, 3] { try lp.addColumn(objective: c, terms: [(0, 1)]) }
        #expect(lp.solve() == .optimal)
        #expect(abs(lp.objective - 1) < 1e-9)
        try lp.setRow(1, terms: [(0, 1)])
        try lp.setRowBounds(1, lower: -.infinity, upper: 0.25)
        #expect(lp.solve() == .optimal)
        #expect(abs(lp.objective - 1.75) < 1e-9)  // x = 0.25, y = 0.75
        #expect(lp.duals[1] < 0)  // the limit binds
        try lp.setRow(1, terms: [(0, 1), (1, 1)])  // x + y ≤ 0.25: z takes the rest
        #expect(lp.solve() == .optimal)
        #expect(abs(lp.objective - (0.25 + 0.75 * 3)) < 1e-9)
        try lp.setRowBounds(1, lower: -.infinity, upper: .infinity)
        #expect(lp.solve() == .optimal)
        #expect(abs(lp.objective - 1) < 1e-9)
        #expect(throws: MIPError.self) { try lp.setRow(2, terms: []) }
        #expect(throws: MIPError.self) { try lp.setRow(1, terms: [(3, 1)]) }
        #expect(throws: MIPError.self) { try lp.setRow(1, terms: [(0, 1), (0, 2)]) }
        #expect(throws: MIPError.self) { try lp.setRowBounds(1, lower: 1, upper: 0) }
    }

    @Test("bad columns are refused before GLPK sees them")
    func refused() throws {
        let lp = try ColumnLP(rows: [(1, 1), (0, 2)])
        #expect(throws: MIPError.self) { try lp.addColumn(objective: 1, terms: [(2, 1)]) }
        #expect(throws: MIPError.self) { try lp.addColumn(objective: 1, terms: [(0, 1), (0, 2)]) }
        #expect(throws: MIPError.self) { try lp.addColumn(objective: .nan, terms: [(0, 1)]) }
        #expect(throws: MIPError.self) { try lp.addColumn(objective: 1, lower: 2, upper: 1, terms: []) }
        #expect(throws: MIPError.self) { try lp.setBounds(0, lower: 0, upper: 1) }
        #expect(throws: MIPError.self) { try ColumnLP(rows: [(2, 1)]) }
        #expect(lp.solve() == .failed("no columns"))
        try lp.addColumn(objective: 1, terms: [(0, 1), (1, 1)])
        #expect(lp.solve() == .optimal)
        #expect(lp.columnCount == 1)
    }

    @Test("a basis saved and restored after other solves (bounds changed, columns added) gives the same optimum")
    func basisRestored() throws {
        let m = 8
        let demand = (0..<m).map { Double($0 % 3 + 1) }
        let all = Self.columns(seed: 4, rows: m, count: 40)
        let lp = try ColumnLP(rows: demand.map { ($0, Double.infinity) })
        for i in 0..<m { try lp.addColumn(objective: 100, terms: [(i, 1)]) }
        for c in all[0..<30] { try lp.addColumn(objective: c.cost, upper: 1, terms: c.rows.map { ($0, 1) }) }
        #expect(lp.solve() == .optimal)
        let optimum = lp.objective, saved = lp.basis
        // Elsewhere in a search: some columns fixed, more added, solved.
        for j in m..<(m + 10) { try lp.setBounds(j, lower: 0, upper: 0) }
        for c in all[30...] { try lp.addColumn(objective: c.cost, upper: 1, terms: c.rows.map { ($0, 1) }) }
        #expect(lp.solve() == .optimal)
        // Back: the bars lifted, the new columns barred, from the saved basis.
        for j in m..<(m + 10) { try lp.setBounds(j, lower: 0, upper: 1) }
        for j in (m + 30)..<(m + 40) { try lp.setBounds(j, lower: 0, upper: 0) }
        lp.restore(saved)
        #expect(lp.solve() == .optimal)
        #expect(abs(lp.objective - optimum) < 1e-6)
    }
}
