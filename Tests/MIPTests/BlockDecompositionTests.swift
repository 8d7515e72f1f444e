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

    @Test("refuses columns without a finite box")
    func refusesInfiniteBox() throws {
        var lp = LinearProgram(name: "open", sense: .minimize)
        let x = lp.addColumn(name: "x", lower: 0, upper: .infinity, objective: 1)
        lp.addRow(name: "r", terms: [(x, 1)], lower: 1)
        #expect(throws: MIPError.self) { _ = try BlockDecomposition(lp, linking: [], penalty: 10) }
    }
}
