/// A linear or mixed-integer program, built in Swift and handed to a solver in one load.
///
/// Columns and rows carry readable names (`cover[交付,2026-12-02,10:15]`) so that a
/// solution, a penalty or an infeasibility can be explained in the user's terms.
/// Bounds use `-Double.infinity` / `+Double.infinity` for "none".
///
/// ```swift
/// var lp = LinearProgram(name: "knapsack", sense: .maximize)
/// let a = lp.addColumn(name: "a", kind: .binary, objective: 10)
/// let b = lp.addColumn(name: "b", kind: .binary, objective: 7)
/// lp.addRow(name: "weight", terms: [(a, 5), (b, 4)], upper: 8)
/// ```
///
/// Nothing is checked while building; `validate()` checks everything a solver would
/// abort on, and every backend calls it before touching C.
public struct LinearProgram: Sendable {
    public enum Sense: String, Sendable { case minimize, maximize }

    public enum ColumnKind: String, Sendable { case continuous, integer, binary }

    public struct Column: Sendable, Equatable {
        public var name: String
        public var kind: ColumnKind
        public var lower: Double
        public var upper: Double
        public var objective: Double
    }

    public struct Term: Sendable, Equatable {
        public var column: ColumnID
        public var coefficient: Double
        public init(_ column: ColumnID, _ coefficient: Double) {
            self.column = column
            self.coefficient = coefficient
        }
    }

    public struct Row: Sendable, Equatable {
        public var name: String
        public var terms: [Term]
        public var lower: Double
        public var upper: Double
    }

    public var name: String
    public var sense: Sense
    public private(set) var columns: [Column] = []
    public private(set) var rows: [Row] = []

    public init(name: String = "kinmu", sense: Sense = .minimize) {
        self.name = name
        self.sense = sense
    }

    public var isMIP: Bool { columns.contains { $0.kind != .continuous } }
    public var nonZeroCount: Int { rows.reduce(0) { $0 + $1.terms.count } }

    /// Adds a column. A binary column defaults to bounds [0, 1]; others to [0, +∞).
    @discardableResult
    public mutating func addColumn(
        name: String, kind: ColumnKind = .continuous,
        lower: Double = 0, upper: Double? = nil, objective: Double = 0
    ) -> ColumnID {
        let ub = upper ?? (kind == .binary ? 1 : .infinity)
        columns.append(Column(name: name, kind: kind, lower: lower, upper: ub, objective: objective))
        return ColumnID(columns.count - 1)
    }

    /// Adds a row `lower ≤ Σ coefficient·column ≤ upper`.
    @discardableResult
    public mutating func addRow(
        name: String, terms: [Term],
        lower: Double = -.infinity, upper: Double = .infinity
    ) -> RowID {
        rows.append(Row(name: name, terms: terms, lower: lower, upper: upper))
        return RowID(rows.count - 1)
    }

    /// Adds a row from (column, coefficient) pairs.
    @discardableResult
    public mutating func addRow(
        name: String, terms: [(ColumnID, Double)],
        lower: Double = -.infinity, upper: Double = .infinity
    ) -> RowID {
        addRow(name: name, terms: terms.map { Term($0.0, $0.1) }, lower: lower, upper: upper)
    }

    public mutating func setObjective(_ column: ColumnID, _ coefficient: Double) {
        columns[column.index].objective = coefficient
    }

    public mutating func setBounds(_ column: ColumnID, lower: Double, upper: Double) {
        columns[column.index].lower = lower
        columns[column.index].upper = upper
    }

    /// Adds a term to an existing row (the caller keeps (row, column) pairs unique).
    public mutating func addTerm(row: RowID, column: ColumnID, coefficient: Double) {
        rows[row.index].terms.append(Term(column, coefficient))
    }

    public mutating func setKind(_ column: ColumnID, _ kind: ColumnKind) {
        columns[column.index].kind = kind
    }

    public mutating func setRowBounds(_ row: RowID, lower: Double, upper: Double) {
        rows[row.index].lower = lower
        rows[row.index].upper = upper
    }

    public func column(_ id: ColumnID) -> Column { columns[id.index] }
    public func row(_ id: RowID) -> Row { rows[id.index] }

    /// The objective value of a point, in the program's own sense.
    public func objectiveValue(_ values: [Double]) -> Double {
        zip(columns, values).reduce(0) { $0 + $1.0.objective * $1.1 }
    }

    /// Rows violated by more than `tolerance` at a point, with their activity.
    public func violatedRows(_ values: [Double], tolerance: Double = 1e-6) -> [(RowID, Double)] {
        var out: [(RowID, Double)] = []
        for (i, row) in rows.enumerated() {
            let activity = row.terms.reduce(0) { $0 + $1.coefficient * values[$1.column.index] }
            if activity < row.lower - tolerance || activity > row.upper + tolerance {
                out.append((RowID(i), activity))
            }
        }
        return out
    }
}

/// The position of a column in its program (0-based).
public struct ColumnID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let index: Int
    public init(_ index: Int) { self.index = index }
    public static func < (a: Self, b: Self) -> Bool { a.index < b.index }
    public var description: String { "column #\(index)" }
}

/// The position of a row in its program (0-based).
public struct RowID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let index: Int
    public init(_ index: Int) { self.index = index }
    public static func < (a: Self, b: Self) -> Bool { a.index < b.index }
    public var description: String { "row #\(index)" }
}
