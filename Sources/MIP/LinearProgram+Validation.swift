extension LinearProgram {
    /// The longest name GLPK accepts (bytes of UTF-8); a longer one aborts the process.
    public static let maximumNameLength = 255

    /// Checks everything a solver backend would abort on or silently get wrong:
    /// names, finite numbers, bounds, integrality of integer bounds, column
    /// indices and duplicate (row, column) entries.
    ///
    /// - Throws: the first `MIPError` found, naming the column or row at fault.
    /// - Complexity: O(columns + non-zeros).
    public func validate() throws(MIPError) {
        var columnNames: [String: Int] = [:]
        columnNames.reserveCapacity(columns.count)
        for (j, column) in columns.enumerated() {
            try Self.checkName(column.name, kind: "column", index: j)
            if let first = columnNames.updateValue(j, forKey: column.name) {
                throw .duplicateName(kind: "column", name: column.name, first: first, second: j)
            }
            guard column.objective.isFinite else {
                throw .nonFiniteObjective(column: column.name, value: column.objective)
            }
            try Self.checkBounds(column.lower, column.upper, kind: "column", name: column.name)
            switch column.kind {
            case .continuous: break
            case .integer, .binary:
                let integral = { (v: Double) in !v.isFinite || v.rounded() == v }
                guard integral(column.lower), integral(column.upper) else {
                    throw .nonIntegralBounds(column: column.name, lower: column.lower, upper: column.upper)
                }
                if column.kind == .binary, column.lower < 0 || column.upper > 1 {
                    throw .binaryBoundsOutOfRange(column: column.name, lower: column.lower, upper: column.upper)
                }
            }
        }
        var rowNames: [String: Int] = [:]
        rowNames.reserveCapacity(rows.count)
        // A stamp per column finds duplicates in a row without allocating per row.
        var lastRowSeen = [Int](repeating: -1, count: columns.count)
        for (i, row) in rows.enumerated() {
            try Self.checkName(row.name, kind: "row", index: i)
            if let first = rowNames.updateValue(i, forKey: row.name) {
                throw .duplicateName(kind: "row", name: row.name, first: first, second: i)
            }
            try Self.checkBounds(row.lower, row.upper, kind: "row", name: row.name)
            for term in row.terms {
                let j = term.column.index
                guard j >= 0, j < columns.count else {
                    throw .columnIndexOutOfRange(row: row.name, index: j, columnCount: columns.count)
                }
                guard term.coefficient.isFinite else {
                    throw .nonFiniteCoefficient(row: row.name, column: columns[j].name, value: term.coefficient)
                }
                if lastRowSeen[j] == i {
                    throw .duplicateEntry(row: row.name, column: columns[j].name)
                }
                lastRowSeen[j] = i
            }
        }
    }

    static func checkName(_ name: String, kind: String, index: Int) throws(MIPError) {
        if name.isEmpty {
            throw .invalidName(kind: kind, index: index, name: name, reason: "a name is required")
        }
        if name.utf8.count > maximumNameLength {
            throw .invalidName(kind: kind, index: index, name: name,
                               reason: "\(name.utf8.count) bytes; at most \(maximumNameLength) are allowed")
        }
        if name.utf8.contains(where: { $0 < 0x20 || $0 == 0x7f }) {
            throw .invalidName(kind: kind, index: index, name: name, reason: "control characters are not allowed")
        }
    }

    static func checkBounds(_ lower: Double, _ upper: Double, kind: String, name: String) throws(MIPError) {
        if lower.isNaN || upper.isNaN { throw .nanBound(kind: kind, name: name) }
        if lower > upper || lower == .infinity || upper == -.infinity {
            throw .invertedBounds(kind: kind, name: name, lower: lower, upper: upper)
        }
    }
}
