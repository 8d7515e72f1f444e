import Testing
@testable import MIP

@Suite("Bad programs are Swift errors, never a GLPK abort")
struct ValidationTests {
    static func base() -> (LinearProgram, ColumnID, ColumnID) {
        var lp = LinearProgram()
        let x = lp.addColumn(name: "x", kind: .integer, upper: 5, objective: 1)
        let y = lp.addColumn(name: "y", objective: 1)
        lp.addRow(name: "r", terms: [(x, 1), (y, 1)], lower: 1)
        return (lp, x, y)
    }

    nonisolated(unsafe) static let cases: [(String, (inout LinearProgram, ColumnID, ColumnID) -> Void, (MIPError) -> Bool)] = [
        ("column index out of range", { lp, x, _ in lp.addRow(name: "bad", terms: [(ColumnID(7), 1)], upper: 1) },
         { if case .columnIndexOutOfRange(row: "bad", index: 7, columnCount: 2) = $0 { true } else { false } }),
        ("negative column index", { lp, _, _ in lp.addRow(name: "neg", terms: [(ColumnID(-1), 1)], upper: 1) },
         { if case .columnIndexOutOfRange(row: "neg", index: -1, _) = $0 { true } else { false } }),
        ("duplicate (row, column) entry", { lp, x, _ in lp.addRow(name: "dup", terms: [(x, 1), (x, 2)], upper: 1) },
         { if case .duplicateEntry(row: "dup", column: "x") = $0 { true } else { false } }),
        ("NaN coefficient", { lp, x, _ in lp.addRow(name: "nan", terms: [(x, .nan)], upper: 1) },
         { if case .nonFiniteCoefficient(row: "nan", column: "x", _) = $0 { true } else { false } }),
        ("infinite coefficient", { lp, x, _ in lp.addRow(name: "inf", terms: [(x, .infinity)], upper: 1) },
         { if case .nonFiniteCoefficient(row: "inf", column: "x", _) = $0 { true } else { false } }),
        ("NaN objective", { lp, x, _ in lp.setObjective(x, .nan) },
         { if case .nonFiniteObjective(column: "x", _) = $0 { true } else { false } }),
        ("NaN bound", { lp, _, y in lp.setBounds(y, lower: .nan, upper: 1) },
         { if case .nanBound(kind: "column", name: "y") = $0 { true } else { false } }),
        ("lower bound above upper", { lp, _, y in lp.setBounds(y, lower: 3, upper: 2) },
         { if case .invertedBounds(kind: "column", name: "y", lower: 3, upper: 2) = $0 { true } else { false } }),
        ("row bounds inverted", { lp, x, _ in lp.addRow(name: "inv", terms: [(x, 1)], lower: 2, upper: 1) },
         { if case .invertedBounds(kind: "row", name: "inv", _, _) = $0 { true } else { false } }),
        ("fractional bound on an integer column", { lp, x, _ in lp.setBounds(x, lower: 0.5, upper: 3) },
         { if case .nonIntegralBounds(column: "x", _, _) = $0 { true } else { false } }),
        ("binary column bounded past 1", { lp, _, _ in lp.addColumn(name: "b", kind: .binary, upper: 2) },
         { if case .binaryBoundsOutOfRange(column: "b", _, _) = $0 { true } else { false } }),
        ("empty name", { lp, _, _ in lp.addColumn(name: "") },
         { if case .invalidName(kind: "column", index: 2, _, _) = $0 { true } else { false } }),
        ("name over 255 bytes", { lp, _, _ in lp.addColumn(name: String(repeating: "交", count: 86)) },
         { if case .invalidName(kind: "column", index: 2, _, _) = $0 { true } else { false } }),
        ("control character in a name", { lp, x, _ in lp.addRow(name: "a\tb", terms: [(x, 1)], upper: 1) },
         { if case .invalidName(kind: "row", index: 1, _, _) = $0 { true } else { false } }),
        ("duplicate column name", { lp, _, _ in lp.addColumn(name: "x") },
         { if case .duplicateName(kind: "column", name: "x", first: 0, second: 2) = $0 { true } else { false } }),
        ("duplicate row name", { lp, x, _ in lp.addRow(name: "r", terms: [(x, 1)], upper: 1) },
         { if case .duplicateName(kind: "row", name: "r", first: 0, second: 1) = $0 { true } else { false } }),
    ]

    @Test("each kind of bad program is rejected before GLPK sees it", arguments: cases.indices)
    func rejects(_ k: Int) {
        let (label, mutate, matches) = Self.cases[k]
        var (lp, x, y) = Self.base()
        mutate(&lp, x, y)
        do {
            _ = try GLPKSolver().solve(lp)
            Issue.record("\(label): solved instead of throwing")
        } catch {
            #expect(matches(error), "\(label): got \(error)")
            #expect(!error.description.isEmpty)
        }
    }

    static let badOptions: [SolveOptions] = [
        SolveOptions(timeLimit: -1),
        SolveOptions(timeLimit: .nan),
        SolveOptions(timeLimit: 1e12),
        SolveOptions(relativeGap: -0.1),
        SolveOptions(relativeGap: 1),
        SolveOptions(relativeGap: .nan),
        SolveOptions(initialSolution: [1]),
        SolveOptions(initialSolution: [1, .nan]),
        SolveOptions(progressInterval: -1),
    ]

    @Test("every option out of range is rejected", arguments: badOptions.indices)
    func rejectsOptions(_ k: Int) {
        let (lp, _, _) = Self.base()
        #expect(throws: MIPError.self) { _ = try GLPKSolver().solve(lp, options: Self.badOptions[k]) }
    }

    @Test("the error names the row and the column at fault")
    func messageNamesTheInput() {
        var lp = LinearProgram()
        let x = lp.addColumn(name: "work[S001,2026-12-02]", kind: .binary)
        lp.addRow(name: "cover[交付,2026-12-02,10:15]", terms: [(x, 1), (x, 1)], lower: 1)
        do {
            try lp.validate()
            Issue.record("validated")
        } catch {
            #expect(error.description.contains("cover[交付,2026-12-02,10:15]"))
            #expect(error.description.contains("work[S001,2026-12-02]"))
        }
    }
}
