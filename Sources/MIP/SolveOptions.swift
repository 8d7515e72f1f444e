/// How a solve should run. Every field is range-checked by `validate()` before C sees it.
public struct SolveOptions: Sendable, Equatable {
    /// Wall-clock limit in seconds for the whole solve; `nil` for none.
    public var timeLimit: Double? = nil
    /// Stop once the relative gap |incumbent − bound| / |incumbent| is at most this.
    public var relativeGap: Double = 0
    /// Use GLPK's MIP presolver (ignored when an initial solution is given,
    /// since GLPK can take a heuristic point only on the original problem).
    public var presolve: Bool = true
    /// Gomory, MIR, cover and clique cuts.
    public var cuts: Bool = true
    /// The feasibility pump heuristic.
    public var feasibilityPump: Bool = true
    /// The proximity search heuristic (improves an incumbent once one exists).
    public var proximitySearch: Bool = false
    /// Solve only the LP relaxation (integer columns treated as continuous).
    public var relaxIntegrality: Bool = false
    /// A starting point (one value per column) offered to the search as an incumbent.
    public var initialSolution: [Double]? = nil
    /// Minimum seconds between two progress reports.
    public var progressInterval: Double = 1
    /// Which fractional column to branch on.
    public var branching: Branching = .driebeckTomlin
    /// Which open node to take next.
    public var backtracking: Backtracking = .bestLocalBound
    /// Deterministic work: when set, `timeLimit` counts GLPK's work instead of the clock —
    /// simplex iterations plus `workPerNode` per branch-and-cut node, each weighted by the
    /// program's (rows + columns) / 1,000, `workRate` of them to a "second" — and a
    /// solution's `seconds` is the work it took in the same unit. The same program and options then give the same
    /// answer on any machine and under any load (GLPK is deterministic; only its clock
    /// was not). A branch and cut stops at the first node after the budget is spent.
    public var workRate: Double? = nil
    /// Another solve of the same program running alongside (a portfolio): once it has
    /// finished, this one stops at its next branch-and-cut node (as at its time limit).
    public var rival: Rival? = nil
    /// The work rate of `--deterministic`: simplex iterations of a program of 1,000 rows and
    /// columns to a second (GLPK 5 on one core of the team's machine, with the other busy).
    public static let defaultWorkRate: Double = 40_000
    /// What one branch-and-cut node counts, in simplex iterations, under a work rate
    /// (fitted with the size weighting, `GLPKSolver.workSize`).
    public static let nodeWork: Double = 13
    /// What a node counts under pseudo-cost branching: GLPK prices each new candidate by a few
    /// dual simplex iterations on a copy of the whole problem, whose copying and factorising its
    /// iteration count does not see. Fitted on Nankoku's February and July 2027 (session 26):
    /// 545–570 iterations' worth a node beyond those counted, at 20,000–24,000 rows and columns.
    public static let pseudoCostNodeWork: Double = 560

    /// What one node counts under these options' branching rule.
    public var workPerNode: Double { branching == .pseudoCost ? Self.pseudoCostNodeWork : Self.nodeWork }

    public enum Branching: String, Sendable, CaseIterable { case firstFractional, lastFractional, mostFractional, driebeckTomlin, pseudoCost }
    public enum Backtracking: String, Sendable, CaseIterable { case depthFirst, breadthFirst, bestLocalBound, bestProjection }

    public init(timeLimit: Double? = nil, relativeGap: Double = 0, presolve: Bool = true,
                cuts: Bool = true, feasibilityPump: Bool = true, proximitySearch: Bool = false,
                relaxIntegrality: Bool = false, initialSolution: [Double]? = nil,
                progressInterval: Double = 1) {
        self.timeLimit = timeLimit
        self.relativeGap = relativeGap
        self.presolve = presolve
        self.cuts = cuts
        self.feasibilityPump = feasibilityPump
        self.proximitySearch = proximitySearch
        self.relaxIntegrality = relaxIntegrality
        self.initialSolution = initialSolution
        self.progressInterval = progressInterval
    }

    /// The longest time limit GLPK can represent (its limit is an `int` of milliseconds).
    public static let maximumTimeLimit = Double(Int32.max / 1000)

    public func validate(columnCount: Int) throws(MIPError) {
        if let t = timeLimit, !(t.isFinite && t >= 0 && t <= Self.maximumTimeLimit) {
            throw .invalidOption(name: "timeLimit", value: "\(t)",
                                 expected: "seconds from 0 to \(Int(Self.maximumTimeLimit))")
        }
        if let w = workRate, !(w.isFinite && w >= 1) {
            throw .invalidOption(name: "workRate", value: "\(w)", expected: "simplex iterations per second ≥ 1")
        }
        if !(relativeGap.isFinite && relativeGap >= 0 && relativeGap < 1) {
            throw .invalidOption(name: "relativeGap", value: "\(relativeGap)", expected: "a fraction in [0, 1)")
        }
        if !(progressInterval.isFinite && progressInterval >= 0) {
            throw .invalidOption(name: "progressInterval", value: "\(progressInterval)",
                                 expected: "seconds ≥ 0")
        }
        if let x = initialSolution {
            guard x.count == columnCount else {
                throw .initialSolutionSize(expected: columnCount, got: x.count)
            }
            if let bad = x.first(where: { !$0.isFinite }) {
                throw .invalidOption(name: "initialSolution", value: "\(bad)", expected: "finite values")
            }
        }
    }
}

/// A report on a running search, for progress display.
public struct SolveProgress: Sendable, Equatable {
    public var seconds: Double
    /// The best objective found so far, in the program's sense.
    public var incumbent: Double?
    /// The best proven bound so far, in the program's sense.
    public var bound: Double?
    public var gap: Double?
    public var nodes: Int

    public init(seconds: Double, incumbent: Double?, bound: Double?, gap: Double?, nodes: Int) {
        self.seconds = seconds
        self.incumbent = incumbent
        self.bound = bound
        self.gap = gap
        self.nodes = nodes
    }
}

/// A solve running beside another of the same program (a portfolio): once one has finished
/// (proved its answer), `finish()` tells the other, which stops at its next branch-and-cut
/// node. The caller decides whose answer counts; under a work rate it must not depend on
/// which thread ran faster (`RosterSolver.branchAndCut` lets only one side be stopped).
public final class Rival: Sendable, Equatable {
    private let finished = Locked(false)

    public init() {}

    public var isFinished: Bool { finished.value }

    public func finish() { finished.value = true }

    public static func == (a: Rival, b: Rival) -> Bool { a === b }
}
