/// Independent blocks of a program: columns linked through shared rows.
///
/// When a large program falls apart into blocks (a roster whose shifts are all
/// fixed leaves one small serving problem per time slot), solving the blocks one
/// by one is much faster than one simplex over the whole: each basis is tiny.
extension LinearProgram {
    /// The blocks: each is the columns (ascending) and rows (ascending) of one
    /// connected component; blocks are ordered by their first column.
    public func components() -> [(columns: [Int], rows: [Int])] {
        var parent = Array(columns.indices)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        for r in rows {
            guard let first = r.terms.first?.column.index else { continue }
            let a = find(first)
            for t in r.terms.dropFirst() {
                let b = find(t.column.index)
                if a != b { parent[b] = a }
            }
        }
        var blockOf: [Int: Int] = [:]
        var out: [(columns: [Int], rows: [Int])] = []
        for j in columns.indices {
            let root = find(j)
            if let k = blockOf[root] { out[k].columns.append(j) } else { blockOf[root] = out.count; out.append(([j], [])) }
        }
        for (i, r) in rows.enumerated() {
            guard let first = r.terms.first?.column.index else { continue }
            out[blockOf[find(first)]!].rows.append(i)
        }
        return out
    }

    /// The sub-program of one block (its columns renumbered in order).
    public func block(columns js: [Int], rows rs: [Int]) -> LinearProgram {
        var local = [Int: Int]()
        var out = LinearProgram(name: name, sense: sense)
        for j in js {
            local[j] = out.columns.count
            let c = columns[j]
            out.addColumn(name: c.name, kind: c.kind, lower: c.lower, upper: c.upper, objective: c.objective)
        }
        for i in rs {
            let r = rows[i]
            out.addRow(name: r.name, terms: r.terms.map { Term(ColumnID(local[$0.column.index]!), $0.coefficient) },
                       lower: r.lower, upper: r.upper)
        }
        return out
    }
}

extension GLPKSolver {
    /// Solves a program block by block (`LinearProgram.components()`): the values
    /// are the blocks' optima side by side; the status is optimal only when every
    /// block is, infeasible when any block is. For LPs and for MIPs whose blocks
    /// each solve to optimality; a time limit applies to the whole.
    public func solveByBlocks(_ program: LinearProgram, options: SolveOptions = SolveOptions()) throws -> Solution {
        try program.validate()
        let clock = ContinuousClock(), started = clock.now
        var spent = 0.0  // with `workRate`: the blocks' work so far
        func elapsed() -> Double {
            if options.workRate != nil { return spent }
            let d = clock.now - started
            return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }
        var values = [Double](repeating: 0, count: program.columns.count)
        var objective = 0.0, nodes = 0
        for b in program.components() {
            var o = options
            if let limit = options.timeLimit {
                let left = limit - elapsed()
                guard left > 0 else {
                    return Solution(status: .noSolution, stopReason: .timeLimit, objective: nil, bound: nil, gap: nil,
                                    seconds: elapsed(), values: [], nodes: nodes)
                }
                o.timeLimit = left
            }
            o.initialSolution = options.initialSolution.map { x in b.columns.map { x[$0] } }
            let sub = program.block(columns: b.columns, rows: b.rows)
            let s = try solve(sub, options: o)
            spent += s.seconds
            nodes += s.nodes
            guard s.status == .optimal, let v = s.objective else {
                return Solution(status: s.status == .infeasible ? .infeasible : .noSolution, stopReason: s.stopReason,
                                objective: nil, bound: nil, gap: nil, seconds: elapsed(), values: [], nodes: nodes)
            }
            objective += v
            for (k, j) in b.columns.enumerated() { values[j] = s.values[k] }
        }
        return Solution(status: .optimal, stopReason: .completed, objective: objective, bound: objective, gap: 0,
                        seconds: elapsed(), values: values, nodes: nodes)
    }
}
