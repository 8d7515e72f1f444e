/// A relaxation by aggregation: rows of a group summed into one row, columns of a
/// group merged into one column.
///
/// For every feasible point x of the program, the point X_J = Σ_{j∈J} x_j is
/// feasible for the aggregated program with the same objective, provided every
/// column of a group has the same summed coefficient in each row group and the
/// same objective coefficient — which `aggregated` checks. So the aggregated LP's
/// optimum is a lower bound (minimisation) on the program's optimum, from a
/// smaller program. Merged columns must be continuous; the result is an LP
/// (integrality relaxed) and is meant for bounds only.
public struct AggregatedProgram: Sendable {
    public let program: LinearProgram
    /// The aggregated column of each original column.
    public let columnOf: [Int]
    /// The aggregated row of each original row.
    public let rowOf: [Int]
}

public extension LinearProgram {
    enum AggregationError: Error, Equatable, CustomStringConvertible {
        case mismatch(String)
        public var description: String {
            switch self { case let .mismatch(s): return "aggregation is not a relaxation: \(s)" }
        }
    }

    /// - Parameters:
    ///   - rowGroup: for each row, its group; rows of a group are summed (bounds summed).
    ///   - columnGroup: for each column, its group; a group of more than one column
    ///     becomes one continuous column whose bounds are the sums.
    func aggregated(rowGroup: [Int], columnGroup: [Int]) throws(AggregationError) -> AggregatedProgram {
        precondition(rowGroup.count == rows.count && columnGroup.count == columns.count)
        let columnGroups = (columnGroup.max() ?? -1) + 1
        let rowGroups = (rowGroup.max() ?? -1) + 1
        var members = [[Int]](repeating: [], count: columnGroups)
        for (j, g) in columnGroup.enumerated() { members[g].append(j) }
        var out = LinearProgram(name: name + " (aggregated)", sense: sense)
        for (g, js) in members.enumerated() {
            guard let first = js.first else { throw .mismatch("column group \(g) is empty") }
            let c = columns[first]
            if js.count == 1 {
                out.addColumn(name: c.name, kind: .continuous, lower: c.lower, upper: c.upper, objective: c.objective)
                continue
            }
            var lower = 0.0, upper = 0.0
            for j in js {
                guard columns[j].objective == c.objective else {
                    throw .mismatch("\(columns[j].name) costs \(columns[j].objective), \(c.name) \(c.objective)")
                }
                lower += columns[j].lower
                upper += columns[j].upper
            }
            out.addColumn(name: "Σ" + c.name, kind: .continuous, lower: lower, upper: upper, objective: c.objective)
        }
        // Summed coefficients per row group and original column.
        var sums = [[Int: Double]](repeating: [:], count: rowGroups)
        var lower = [Double](repeating: 0, count: rowGroups), upper = [Double](repeating: 0, count: rowGroups)
        var label = [String](repeating: "", count: rowGroups)
        var count = [Int](repeating: 0, count: rowGroups)
        for (i, row) in rows.enumerated() {
            let g = rowGroup[i]
            if count[g] == 0 { label[g] = row.name }
            count[g] += 1
            lower[g] += row.lower
            upper[g] += row.upper
            for t in row.terms { sums[g][t.column.index, default: 0] += t.coefficient }
        }
        var rowOfGroup = [Int](repeating: -1, count: rowGroups)
        for g in 0..<rowGroups where count[g] > 0 {
            rowOfGroup[g] = out.rows.count
            var terms: [Int: Double] = [:]
            for (j, a) in sums[g] where a != 0 {
                let k = columnGroup[j]
                if let seen = terms[k] {
                    guard abs(seen - a) <= 1e-9 * max(1, abs(a)) else {
                        throw .mismatch("\(columns[j].name) has \(a) in \(label[g]), another of its group \(seen)")
                    }
                } else {
                    terms[k] = a
                }
            }
            // Every member of each group named must appear with that coefficient.
            for (k, a) in terms where members[k].count > 1 {
                for j in members[k] where abs((sums[g][j] ?? 0) - a) > 1e-9 * max(1, abs(a)) {
                    throw .mismatch("\(columns[j].name) has \(sums[g][j] ?? 0) in \(label[g]), its group \(a)")
                }
            }
            let ordered = terms.keys.sorted().map { (ColumnID($0), terms[$0]!) }
            out.addRow(name: count[g] > 1 ? "Σ" + label[g] : label[g], terms: ordered, lower: lower[g], upper: upper[g])
        }
        var columnOfGroup = [Int](repeating: -1, count: columnGroups)
        for (g, _) in members.enumerated() { columnOfGroup[g] = g }
        return AggregatedProgram(program: out, columnOf: columnGroup.map { columnOfGroup[$0] }, rowOf: rowGroup.map { rowOfGroup[$0] })
    }
}
