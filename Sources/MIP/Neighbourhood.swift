/// One step of a large-neighbourhood search, shared by the benchmark solver
/// (`NRPSolver`) and the large-centre roster search (`RosterSearch`): the
/// program with everything outside the neighbourhood fixed by its bounds is
/// reduced (`reduced()`), warm-started from the incumbent (so the step is never
/// worse), and solved with cut rounds and the feasibility pump off — on small
/// sub-programs with an incumbent they cost more than they save.
public struct NeighbourhoodOutcome: Sendable {
    /// The sub-program's solution (objective and bound of the sub-program's open part).
    public var solution: Solution
    /// Original-size values when the sub-program found a solution.
    public var values: [Double]?
    /// Size of the open part GLPK saw.
    public var columns: Int
    public var rows: Int
    public var objectiveOffset: Double
}

extension GLPKSolver {
    /// Solves `fixed` (the whole program with the outside of the neighbourhood
    /// fixed) starting from `current`; nil when the fixings alone are infeasible
    /// or leave nothing open.
    /// `workRate`: count `timeLimit` in simplex iterations (`SolveOptions.workRate`).
    public func solveNeighbourhood(_ fixed: LinearProgram, from current: [Double], timeLimit: Double,
                                   relativeGap: Double = 0, workRate: Double? = nil) throws -> NeighbourhoodOutcome? {
        let r = fixed.reduced()
        guard r.infeasibility == nil, !r.program.columns.isEmpty else { return nil }
        var o = SolveOptions(timeLimit: timeLimit, relativeGap: relativeGap)
        o.cuts = false
        o.feasibilityPump = false
        o.initialSolution = r.restrict(current)
        o.workRate = workRate
        let s = try solve(r.program, options: o)
        return NeighbourhoodOutcome(solution: s, values: s.hasSolution ? r.expand(s.values) : nil,
                                    columns: r.program.columns.count, rows: r.program.rows.count,
                                    objectiveOffset: r.objectiveOffset)
    }
}
