/// A program with its fixed parts taken out, and the way back to the original's columns.
///
/// Fix-and-optimise, repair and what-if runs fix most of a large program and
/// search the rest. Handing GLPK the whole matrix and letting its presolver find
/// the fixed part costs a load and a presolve of every row each time (and GLPK's
/// presolver is off when a warm start is given); `LinearProgram.reduced()` takes
/// the fixed part out in Swift first, so GLPK sees only the open sub-problem.
public struct ReducedProgram: Sendable {
    /// The open part: columns not fixed, rows with more than one open column.
    public let program: LinearProgram
    /// For each column of `program`, its index in the original.
    public let kept: [Int]
    /// Values of every original column that was taken out (kept columns hold 0 here).
    public let fixedValues: [Double]
    /// The objective of the columns taken out, in the original's sense.
    public let objectiveOffset: Double
    /// Set when the fixings alone break a row or a bound: the row's or column's name.
    public let infeasibility: String?

    /// Original-size values from the reduced program's.
    public func expand(_ values: [Double]) -> [Double] {
        var out = fixedValues
        for (j, k) in kept.enumerated() where j < values.count { out[k] = values[j] }
        return out
    }

    /// The reduced program's values from original-size ones (e.g. for a warm start).
    public func restrict(_ values: [Double]) -> [Double] { kept.map { values[$0] } }

    /// A solution of the reduced program as one of the original.
    public func expand(_ s: Solution) -> Solution {
        let objective = s.objective.map { $0 + objectiveOffset }, bound = s.bound.map { $0 + objectiveOffset }
        // The gap of the whole program (GLPK's definition), not of the open part.
        var gap = s.gap
        if let o = objective, let b = bound { gap = abs(o - b) / (abs(o) + Double.ulpOfOne) }
        return Solution(status: s.status, stopReason: s.stopReason, objective: objective,
                 bound: bound, gap: gap, seconds: s.seconds,
                 values: s.values.isEmpty ? [] : expand(s.values), nodes: s.nodes)
    }
}

extension LinearProgram {
    /// Takes out what the bounds already decide: columns with equal bounds are
    /// substituted into their rows; a row left with one column becomes that
    /// column's bounds (rounded inward for integers); a row left with none is
    /// checked and dropped; a column left in no row goes to its cheaper bound.
    /// Repeats until nothing changes. The open part's optimum plus the offset is
    /// the original's optimum.
    public func reduced(tolerance: Double = 1e-9) -> ReducedProgram {
        let n = columns.count
        var lb = columns.map(\.lower), ub = columns.map(\.upper)
        var fixed = [Bool](repeating: false, count: n)
        var value = [Double](repeating: 0, count: n)
        let integral = columns.map { $0.kind != .continuous }
        let sign: Double = sense == .minimize ? 1 : -1
        var rowsOf = [[Int]](repeating: [], count: n)
        for (i, r) in rows.enumerated() { for t in r.terms { rowsOf[t.column.index].append(i) } }
        var openRows = [Int](repeating: 0, count: n)  // rows still alive per column
        for j in 0..<n { openRows[j] = rowsOf[j].count }
        var alive = [Bool](repeating: true, count: rows.count)
        var lo = rows.map(\.lower), hi = rows.map(\.upper)
        var terms = rows.map(\.terms)
        var infeasibility: String?

        func roundInward(_ j: Int) {
            guard integral[j] else { return }
            if lb[j].isFinite { lb[j] = (lb[j] - 1e-6).rounded(.up) }
            if ub[j].isFinite { ub[j] = (ub[j] + 1e-6).rounded(.down) }
        }
        func fix(_ j: Int, _ v: Double) {
            fixed[j] = true
            value[j] = v
        }
        func checkBounds(_ j: Int) {
            roundInward(j)
            if lb[j] > ub[j] + tolerance, infeasibility == nil { infeasibility = columns[j].name }
            if !fixed[j], ub[j] - lb[j] <= tolerance { fix(j, lb[j]) }
        }
        for j in 0..<n { checkBounds(j) }

        var changed = true
        while changed && infeasibility == nil {
            changed = false
            for i in rows.indices where alive[i] {
                // Substitute the fixed columns into the row's bounds.
                if terms[i].contains(where: { fixed[$0.column.index] }) {
                    var constant = 0.0
                    terms[i].removeAll { t in
                        guard fixed[t.column.index] else { return false }
                        constant += t.coefficient * value[t.column.index]
                        return true
                    }
                    lo[i] -= constant
                    hi[i] -= constant
                }
                // Activity bounds: a row its columns' bounds already satisfy is dropped;
                // a row they can meet only at one extreme fixes every column there.
                var minAct = 0.0, maxAct = 0.0
                for t in terms[i] {
                    let j = t.column.index
                    minAct += t.coefficient > 0 ? t.coefficient * lb[j] : t.coefficient * ub[j]
                    maxAct += t.coefficient > 0 ? t.coefficient * ub[j] : t.coefficient * lb[j]
                }
                if !terms[i].isEmpty && !minAct.isNaN && !maxAct.isNaN {
                    if minAct > hi[i] + 1e-7 || maxAct < lo[i] - 1e-7 { infeasibility = rows[i].name; break }
                    let atMin = minAct.isFinite && minAct >= hi[i] - 1e-9
                    let atMax = maxAct.isFinite && maxAct <= lo[i] + 1e-9
                    if atMin || atMax {
                        for t in terms[i] {
                            let j = t.column.index
                            fix(j, (t.coefficient > 0) == atMin ? lb[j] : ub[j])
                            openRows[j] -= 1
                        }
                        terms[i] = []
                        alive[i] = false
                        changed = true
                        continue
                    }
                    if minAct >= lo[i] - 1e-9 && maxAct <= hi[i] + 1e-9 {
                        for t in terms[i] { openRows[t.column.index] -= 1 }
                        terms[i] = []
                        alive[i] = false
                        changed = true
                        continue
                    }
                }
                if terms[i].isEmpty {
                    if lo[i] > 1e-7 || hi[i] < -1e-7 { infeasibility = rows[i].name; break }
                    alive[i] = false
                    changed = true
                } else if terms[i].count == 1 {
                    let t = terms[i][0], j = t.column.index
                    var a = lo[i] / t.coefficient, b = hi[i] / t.coefficient
                    if t.coefficient < 0 { swap(&a, &b) }
                    if a.isNaN { a = -.infinity }
                    if b.isNaN { b = .infinity }
                    lb[j] = max(lb[j], a)
                    ub[j] = min(ub[j], b)
                    alive[i] = false
                    openRows[j] -= 1
                    checkBounds(j)
                    changed = true
                }
            }
            guard infeasibility == nil else { break }
            for j in 0..<n where !fixed[j] && openRows[j] == 0 {
                let c = sign * columns[j].objective
                if c > 0, lb[j].isFinite { fix(j, lb[j]) }
                else if c < 0, ub[j].isFinite { fix(j, ub[j]) }
                else if c == 0 { fix(j, lb[j].isFinite ? lb[j] : ub[j].isFinite ? ub[j] : 0) }
                else { continue }  // unbounded in its cheaper direction: left for the solver to report
                changed = true
            }
        }
        // A fixed column's rows may have died before its value was substituted; the
        // value stands either way. Build the open part.
        var kept: [Int] = []
        var newIndex = [Int](repeating: -1, count: n)
        var small = LinearProgram(name: name, sense: sense)
        for j in 0..<n where !fixed[j] {
            newIndex[j] = kept.count
            kept.append(j)
            small.addColumn(name: columns[j].name, kind: columns[j].kind, lower: lb[j], upper: ub[j], objective: columns[j].objective)
        }
        for i in rows.indices where alive[i] {
            var constant = 0.0
            var open: [Term] = []
            for t in terms[i] {
                if fixed[t.column.index] { constant += t.coefficient * value[t.column.index] }
                else { open.append(Term(ColumnID(newIndex[t.column.index]), t.coefficient)) }
            }
            if open.isEmpty {
                if (lo[i] - constant > 1e-7 || hi[i] - constant < -1e-7) && infeasibility == nil { infeasibility = rows[i].name }
                continue
            }
            small.addRow(name: rows[i].name, terms: open, lower: lo[i] - constant, upper: hi[i] - constant)
        }
        var offset = 0.0
        for j in 0..<n where fixed[j] { offset += columns[j].objective * value[j] }
        for j in 0..<n where !fixed[j] { value[j] = 0 }
        return ReducedProgram(program: small, kept: kept, fixedValues: value, objectiveOffset: offset, infeasibility: infeasibility)
    }
}
