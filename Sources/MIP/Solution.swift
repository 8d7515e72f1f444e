/// What a solve found.
public enum SolveStatus: String, Sendable, Equatable {
    /// Proven optimal (within the solver's tolerances).
    case optimal
    /// A feasible solution, not proven optimal: see `stopReason` and `gap`.
    case feasible
    case infeasible
    case unbounded
    /// Stopped by a limit before any feasible solution was found.
    case noSolution = "no-solution"
}

/// Why the search stopped.
public enum StopReason: String, Sendable, Equatable {
    case completed
    case gapReached = "gap-reached"
    case timeLimit = "time-limit"
}

/// The outcome of a solve: status, objective, bound, gap, time and column values.
public struct Solution: Sendable {
    public var status: SolveStatus
    public var stopReason: StopReason
    /// The objective of `values`, in the program's sense; `nil` without a solution.
    public var objective: Double?
    /// The best proven bound on the optimum, in the program's sense, when known.
    public var bound: Double?
    /// |objective − bound| / max(|objective|, 1e-9) when both are known.
    public var gap: Double?
    public var seconds: Double
    /// One value per column (empty without a solution); integers are rounded exactly.
    public var values: [Double]
    /// Branch-and-bound nodes explored (0 for an LP).
    public var nodes: Int
    /// Row duals of an optimal LP (one per row, in the program's sense: for a
    /// minimisation, ≥ 0 on a row held at its lower side, ≤ 0 at its upper); empty otherwise.
    public var duals: [Double] = []

    public var hasSolution: Bool { status == .optimal || status == .feasible }

    public init(status: SolveStatus, stopReason: StopReason, objective: Double?, bound: Double?, gap: Double?,
                seconds: Double, values: [Double], nodes: Int) {
        self.status = status
        self.stopReason = stopReason
        self.objective = objective
        self.bound = bound
        self.gap = gap
        self.seconds = seconds
        self.values = values
        self.nodes = nodes
    }

    public subscript(_ column: ColumnID) -> Double { values[column.index] }

    static func relativeGap(objective: Double?, bound: Double?) -> Double? {
        guard let o = objective, let b = bound else { return nil }
        let g = abs(o - b) / max(abs(o), 1e-9)
        return g < 1e-12 ? 0 : g
    }
}
