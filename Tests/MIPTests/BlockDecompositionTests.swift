import MIP
import Testing

/// Dantzig–Wolfe by blocks: on random block-structured LPs the decomposition
/// reaches GLPK's own optimum, and every Lagrangian bound on the way is below it.
@Suite("Block decomposition")
struct BlockDecompositionTests {
    /// `blocks` blocks of 4 columns in [0, 3] with two rows of their own, tied by two
    /// linking rows (a shared capacity and a shared requirement) and a free column.
    static func program(blocks: Int, seed: UInt64) -> (LinearProgram, linking: [Int]) {
        var state = seed &+ 7
        func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        var lp = LinearProgram(name: "blocks", sense: .minimize)
        var all: [ColumnID] = []
        for b in 0..<blocks {
            let x = (0..<4).map { j in lp.addColumn(name: "x[\(b),\(j)]", lower: 0, upper: 3, objective: (next() - 0.3) * 10) }
            all += x
            lp.addRow(name: "own1[\(b)]", terms: x.map { ($0, 1 + next()) }, upper: 4 + 4 * next())
            lp.addRow(name: "own2[\(b)]", terms: [(x[0], 1), (x[1], -1), (x[2], 2)], lower: -1, upper: 3)
        }
        let slack = lp.addColumn(name: "slack", lower: 0, upper: 50, objective: 20)
        var linking: [Int] = []
        linking.append(lp.rows.count)
        lp.addRow(name: "capacity", terms: all.map { ($0, next()) }, upper: Double(blocks) * 1.5)
        linking.append(lp.rows.count)
        lp.addRow(name: "requirement", terms: all.enumerated().filter { $0.offset % 3 == 0 }.map { ($0.element, 1.0) } + [(slack, 1)],
                  lower: Double(blocks) * 2)
        return (lp, linking)
    }

    @Test("converges to the LP optimum; every bound below it", arguments: 0..<5 as Range<UInt64>)
    func converges(seed: UInt64) throws {
        let (lp, linking) = Self.program(blocks: 6, seed: seed)
        let optimum = try #require(try GLPKSolver().solve(lp).objective)
        let dw = try BlockDecomposition(lp, linking: linking, penalty: 1e4)
        #expect(dw.blockCount == 6)
        let first = try #require(try dw.start(at: [0, 0]))
        #expect(first <= optimum + 1e-7)
        var bounds = [first]
        for _ in 0..<200 {
            let more = try dw.round()
            bounds.append(dw.bound)
            #expect(dw.bound <= optimum + 1e-7 * max(1, abs(optimum)))
            if !more { break }
        }
        #expect(abs(dw.bound - optimum) <= 1e-6 * max(1, abs(optimum)), "bound \(dw.bound), LP \(optimum)")
        #expect(abs(dw.masterValue - optimum) <= 1e-6 * max(1, abs(optimum)))
        #expect(dw.artificialUse < 1e-9)
        #expect(bounds == bounds.sorted())
    }

    @Test("a block solved with whole counts keeps its rows and the extra ones")
    func integerBlock() throws {
        let (lp, linking) = Self.program(blocks: 3, seed: 11)
        let dw = try BlockDecomposition(lp, linking: linking, penalty: 1e4)
        _ = try dw.start(at: [0, 0])
        while try dw.round() {}
        // Block 0's columns as counts of halves: x = N / 2, N in 0...6; and x0 + x1 = 1.5.
        let columns = (0..<lp.columns.count).filter { dw.blockOf(column: $0) == 0 }
        #expect(columns.count == 4)
        let counts = Dictionary(uniqueKeysWithValues: columns.map { ($0, (scale: 2.0, lower: 0.0, upper: 6.0)) })
        let x = try #require(try dw.solveBlock(0, counts: counts, rows: [([(columns[0], 1), (columns[1], 1)], 3, 3)],
                                               options: SolveOptions(timeLimit: 10)))
        for j in columns {
            let v = try #require(x[j])
            #expect(abs(2 * v - (2 * v).rounded()) < 1e-9 && v >= -1e-9 && v <= 3 + 1e-9)
        }
        #expect(abs(x[columns[0]]! + x[columns[1]]! - 1.5) < 1e-9)
        var full = [Double](repeating: 0, count: lp.columns.count)
        for (j, v) in x { full[j] = v }
        for i in 0..<2 {  // block 0's own rows
            let r = lp.rows[i]
            let a = r.terms.reduce(0.0) { $0 + $1.coefficient * full[$1.column.index] }
            #expect(a >= r.lower - 1e-7 && a <= r.upper + 1e-7, "\(r.name): \(a)")
        }
    }

    @Test("refuses columns without a finite box")
    func refusesInfiniteBox() throws {
        var lp = LinearProgram(name: "open", sense: .minimize)
        let x = lp.addColumn(name: "x", lower: 0, upper: .infinity, objective: 1)
        lp.addRow(name: "r", terms: [(x, 1)], lower: 1)
        #expect(throws: MIPError.self) { _ = try BlockDecomposition(lp, linking: [], penalty: 10) }
    }
}
