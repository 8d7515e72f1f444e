/// Lagrangian relaxation: some rows taken out of the program and priced into the
/// objective instead.
///
/// For a minimisation and multipliers π (one per dualized row; π > 0 prices a
/// row's lower side, π < 0 its upper side), every x meeting the other rows has
///   c·x ≥ c·x − Σ π_i (a_i·x − side_i) whenever x also meets the dualized rows,
/// so  L(π) = Σ π_i side_i + min { (c − Σ π_i a_i)·x : the other rows }  is a lower
/// bound on the program's optimum, for any π of the right signs (weak duality).
/// With the rows that link days dualized, the rest falls apart into one small
/// block per day (`solveByBlocks`), which is what makes it cheap.
public struct LagrangianRelaxation: Sendable {
    /// The program without the dualized rows, its objective adjusted; integrality relaxed.
    public let program: LinearProgram
    /// Σ π_i side_i.
    public let constant: Double
    /// The dualized rows (indices in the original).
    public let rows: [Int]
    /// The multipliers used (after signs that name an infinite side were set to 0).
    public let multipliers: [Double]
}

public extension LinearProgram {
    /// The costs c − Σ π_i a_i and the constant Σ π_i side_i of the Lagrangian for
    /// multipliers `pi` on `dualized` rows (a minimisation), with the multipliers as
    /// used: a sign that names an infinite side is set to 0.
    func lagrangianCosts(dualizing dualized: [Int], multipliers pi: [Double]) -> (cost: [Double], constant: Double, multipliers: [Double]) {
        precondition(sense == .minimize && dualized.count == pi.count)
        var multipliers = pi
        var cost = columns.map(\.objective)
        var constant = 0.0
        for (k, i) in dualized.enumerated() {
            let r = rows[i]
            var p = multipliers[k]
            if p > 0 && !r.lower.isFinite { p = 0 }
            if p < 0 && !r.upper.isFinite { p = 0 }
            multipliers[k] = p
            guard p != 0 else { continue }
            constant += p * (p > 0 ? r.lower : r.upper)
            for t in r.terms { cost[t.column.index] -= p * t.coefficient }
        }
        return (cost, constant, multipliers)
    }

    /// The relaxation for multipliers `pi` on `dualized` rows (a minimisation).
    /// Reduced costs smaller than `tolerance` in magnitude are set to 0 (dual noise
    /// would otherwise send a free column to infinity).
    func lagrangian(dualizing dualized: [Int], multipliers pi: [Double], tolerance: Double = 1e-9) -> LagrangianRelaxation {
        let (cost, constant, multipliers) = lagrangianCosts(dualizing: dualized, multipliers: pi)
        let gone = Set(dualized)
        var out = LinearProgram(name: name + " (Lagrangian)", sense: .minimize)
        for (j, c) in columns.enumerated() {
            let reduced = abs(cost[j]) < tolerance * max(1, abs(c.objective)) ? 0 : cost[j]
            out.addColumn(name: c.name, kind: .continuous, lower: c.lower, upper: c.upper, objective: reduced)
        }
        for (i, r) in rows.enumerated() where !gone.contains(i) {
            out.addRow(name: r.name, terms: r.terms, lower: r.lower, upper: r.upper)
        }
        return LagrangianRelaxation(program: out, constant: constant, rows: dualized, multipliers: multipliers)
    }
}

public extension LagrangianRelaxation {
    /// L(π): the bound, solving the rest block by block; nil when a block is
    /// unbounded (the multipliers price some column to −∞) or does not finish in time.
    func bound(timeLimit: Double? = nil) throws -> (value: Double, values: [Double])? {
        var o = SolveOptions(timeLimit: timeLimit)
        o.relaxIntegrality = true
        let s = try GLPKSolver().solveByBlocks(program, options: o)
        guard s.status == .optimal, let v = s.objective else { return nil }
        return (constant + v, s.values)
    }
}
