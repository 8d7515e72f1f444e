import Testing
@testable import MIP

/// `LinearProgram.reduced()` against GLPK on the whole program: the open part's
/// optimum plus the offset is the whole program's, and its values expand to a
/// point that satisfies every original row.
@Suite("Taking the fixed part out of a program")
struct ReductionTests {
    /// A small random MIP: a covering/packing mix with some columns fixed by their bounds.
    static func instance(seed: UInt64) -> LinearProgram {
        var state = seed &+ 0x9E37_79B9_7F4A_7C15
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        var lp = LinearProgram(name: "random \(seed)", sense: seed % 2 == 0 ? .minimize : .maximize)
        let n = 14
        let cols = (0..<n).map { j -> ColumnID in
            let kind: LinearProgram.ColumnKind = j % 3 == 0 ? .continuous : j % 3 == 1 ? .binary : .integer
            let c = lp.addColumn(name: "x\(j)", kind: kind, lower: 0, upper: kind == .binary ? 1 : 4, objective: (next() * 10).rounded() - 3)
            if next() < 0.35 {  // fix about a third
                let v = kind == .continuous ? (next() * 4 * 4).rounded() / 4 : (next() * (kind == .binary ? 1 : 4)).rounded()
                lp.setBounds(c, lower: v, upper: v)
            }
            return c
        }
        for i in 0..<10 {
            let picks = cols.filter { _ in next() < 0.3 }
            guard !picks.isEmpty else { continue }
            let terms = picks.map { ($0, (next() * 4).rounded() + 1) }
            if i % 2 == 0 {
                lp.addRow(name: "cap\(i)", terms: terms, upper: Double(picks.count) * 3)
            } else {
                lp.addRow(name: "need\(i)", terms: terms, lower: 1)
            }
        }
        // One singleton row, which becomes a bound.
        lp.addRow(name: "single", terms: [(cols[4], 2)], upper: 3)
        return lp
    }

    static func satisfies(_ lp: LinearProgram, _ x: [Double]) -> Bool {
        for c in lp.columns.indices where x[c] < lp.columns[c].lower - 1e-6 || x[c] > lp.columns[c].upper + 1e-6 { return false }
        for r in lp.rows {
            let v = r.terms.reduce(0) { $0 + $1.coefficient * x[$1.column.index] }
            if v < r.lower - 1e-6 || v > r.upper + 1e-6 { return false }
        }
        return true
    }

    @Test("same optimum as the whole program on 40 random MIPs", arguments: 0..<40)
    func sameOptimum(seed: Int) throws {
        let lp = Self.instance(seed: UInt64(seed))
        let whole = try GLPKSolver().solve(lp)
        let r = lp.reduced()
        #expect(r.program.columns.count < lp.columns.count)
        if r.infeasibility != nil {
            #expect(whole.status == .infeasible)
            return
        }
        let part = r.expand(try GLPKSolver().solve(r.program))
        #expect(part.status == whole.status)
        guard whole.status == .optimal, let a = whole.objective, let b = part.objective else { return }
        #expect(abs(a - b) < 1e-6)
        #expect(Self.satisfies(lp, part.values))
    }

    @Test("fixings that break a row are reported by name; a column in no row goes to its cheaper bound")
    func infeasibleAndFree() throws {
        var lp = LinearProgram(name: "t")
        let a = lp.addColumn(name: "a", kind: .binary, lower: 1, upper: 1)
        let b = lp.addColumn(name: "b", kind: .binary, lower: 1, upper: 1)
        lp.addRow(name: "at most one", terms: [(a, 1), (b, 1)], upper: 1)
        #expect(lp.reduced().infeasibility == "at most one")

        var free = LinearProgram(name: "f")
        let x = free.addColumn(name: "x", kind: .integer, lower: 2, upper: 9, objective: 3)
        let y = free.addColumn(name: "y", kind: .continuous, lower: 0, upper: 5, objective: -1)
        let z = free.addColumn(name: "z", kind: .integer, lower: 0, upper: 9, objective: 1)
        free.addRow(name: "z at least 2.5", terms: [(z, 2)], lower: 5)
        _ = (x, y)
        let r = free.reduced()
        #expect(r.program.columns.isEmpty && r.program.rows.isEmpty)
        #expect(r.expand([]) == [2, 5, 3])  // z's bound rounded up to 3
        #expect(r.objectiveOffset == 3 * 2 - 5 + 3)
    }
}

@Suite("Aggregation and blocks")
struct AggregationTests {
    /// Two independent blocks of a covering LP, the second with columns that merge.
    static func program() -> LinearProgram {
        var lp = LinearProgram(name: "blocks")
        let a = lp.addColumn(name: "a", upper: 3, objective: 2)
        let b = lp.addColumn(name: "b", upper: 3, objective: 3)
        let y1 = lp.addColumn(name: "y1", upper: 1, objective: 1)
        let y2 = lp.addColumn(name: "y2", upper: 1, objective: 1)
        let z = lp.addColumn(name: "z", upper: 5, objective: 1.5)
        lp.addRow(name: "r1", terms: [(a, 1), (b, 1)], lower: 2)
        lp.addRow(name: "r2", terms: [(a, 1), (b, -1)], upper: 0.5)
        lp.addRow(name: "s1", terms: [(y1, 1), (z, 1)], lower: 1.5)
        lp.addRow(name: "s2", terms: [(y2, 1), (z, 0.5)], lower: 0.5)
        return lp
    }

    @Test("components are the independent blocks; solving them apart gives the whole optimum")
    func blocks() throws {
        let lp = Self.program()
        let parts = lp.components()
        #expect(parts.map(\.columns) == [[0, 1], [2, 3, 4]])
        #expect(parts.map(\.rows) == [[0, 1], [2, 3]])
        let whole = try GLPKSolver().solve(lp)
        let apart = try GLPKSolver().solveByBlocks(lp)
        #expect(apart.status == .optimal)
        #expect(abs(try #require(whole.objective) - (try #require(apart.objective))) < 1e-9)
        #expect(ReductionTests.satisfies(lp, apart.values))
    }

    @Test("an infeasible block makes the whole infeasible")
    func infeasibleBlock() throws {
        var lp = Self.program()
        let w = lp.addColumn(name: "w", upper: 1)
        lp.addRow(name: "impossible", terms: [(w, 1)], lower: 2)
        #expect(try GLPKSolver().solveByBlocks(lp).status == .infeasible)
    }

    @Test("summing rows and merging columns is a relaxation; a merge that is not is refused")
    func aggregation() throws {
        let lp = Self.program()
        // s1 + s2 summed, y1 and y2 merged (each has coefficient 1 in the sum).
        let agg = try lp.aggregated(rowGroup: [0, 1, 2, 2], columnGroup: [0, 1, 2, 2, 3])
        #expect(agg.program.columns.count == 4 && agg.program.rows.count == 3)
        let merged = agg.program.columns[2]
        #expect(merged.upper == 2 && merged.objective == 1)
        let full = try #require(try GLPKSolver().solve(lp).objective)
        let relaxed = try #require(try GLPKSolver().solve(agg.program).objective)
        #expect(relaxed <= full + 1e-9)
        // Merging a and b: their summed coefficients differ in r2 (1 and −1).
        #expect(throws: LinearProgram.AggregationError.self) {
            _ = try lp.aggregated(rowGroup: [0, 1, 2, 3], columnGroup: [0, 0, 1, 2, 3])
        }
    }

    @Test("a Lagrangian bound never exceeds the LP optimum, for any multipliers of the right signs", arguments: 0..<6)
    func lagrangian(seed: Int) throws {
        let lp = Self.program()
        let optimum = try #require(try GLPKSolver().solve(lp).objective)
        var state = UInt64(seed) &+ 1
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        // Dualize r2 (an upper side: π ≤ 0) and s2 (a lower side: π ≥ 0).
        let relaxation = lp.lagrangian(dualizing: [1, 3], multipliers: [-next() * 3, next() * 3])
        let b = try #require(try relaxation.bound())
        #expect(b.value <= optimum + 1e-9)
        // A sign that names an infinite side is set to 0.
        #expect(lp.lagrangian(dualizing: [1], multipliers: [5]).multipliers == [0])
        // The LP's own duals give the optimum back.
        var o = SolveOptions()
        o.presolve = false
        let s = try GLPKSolver().solve(lp, options: o)
        let exact = try #require(try lp.lagrangian(dualizing: [1, 3], multipliers: [s.duals[1], s.duals[3]]).bound())
        #expect(abs(exact.value - optimum) < 1e-7)
    }
}
