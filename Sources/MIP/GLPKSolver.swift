// The only file that calls GLPK. GLPK aborts the whole process on misuse (an index
// out of range, a duplicate matrix entry, add_rows(0), a long name, a negative
// limit), so everything it is handed has passed `LinearProgram.validate()` and
// `SolveOptions.validate(columnCount:)` first, and every return code becomes a
// `SolveStatus` or a thrown `MIPError`.
//
// Threads: GLPK keeps its environment in thread-local storage. A problem is
// created, solved and deleted inside one synchronous call, so it never crosses a
// thread; separate programs may be solved on separate threads at once.
import CGLPK

/// Solves `LinearProgram`s with GLPK (simplex for LPs, branch-and-cut for MIPs).
public struct GLPKSolver: Sendable {
    public init() {}

    /// GLPK's version string, e.g. "5.0".
    public static var version: String { String(cString: glp_version()) }

    /// Solves a program.
    ///
    /// - Parameters:
    ///   - program: the program; validated before any C call.
    ///   - options: limits and strategy; validated before any C call.
    ///   - progress: called on this thread during a MIP search, at most every
    ///     `options.progressInterval` seconds and whenever the incumbent improves.
    /// - Returns: the status, objective, bound, gap, seconds and column values.
    /// - Throws: `MIPError` for an invalid program or options, or a solver failure.
    public func solve(_ program: LinearProgram, options: SolveOptions = SolveOptions(),
                      progress: ((SolveProgress) -> Void)? = nil) throws(MIPError) -> Solution {
        try program.validate()
        try options.validate(columnCount: program.columns.count)
        let clock = ContinuousClock()
        let start = clock.now
        if program.columns.isEmpty { return Self.solveEmpty(program, seconds: 0) }

        glp_term_out(GLP_OFF)
        let problem = GLPKProblem(program, relax: options.relaxIntegrality)
        // Seconds on the clock, or (with `workRate`) simplex iterations so far in that unit.
        let pointer = problem.pointer, rate = Self.iterationRate(options, program)
        let elapsed = { () -> Double in
            if let rate { return Double(glp_get_it_cnt(pointer)) / rate }
            let d = clock.now - start
            return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }
        let integer = program.isMIP && !options.relaxIntegrality
        if !integer {
            return try solveLP(problem, program: program, options: options, rate: rate, elapsed: elapsed)
        }
        return try solveMIP(problem, program: program, options: options, rate: rate, elapsed: elapsed, progress: progress)
    }

    // MARK: - LP

    /// `rate`: simplex iterations of this program to a second of work (`iterationRate`; nil: the clock).
    private func solveLP(_ problem: GLPKProblem, program: LinearProgram, options: SolveOptions, rate: Double?,
                         elapsed: () -> Double) throws(MIPError) -> Solution {
        let rc = runSimplex(problem, presolve: options.presolve, timeLimit: remaining(options, elapsed), workRate: rate)
        var status: SolveStatus
        var stop = StopReason.completed
        switch rc {
        case 0:
            status = Self.lpStatus(glp_get_status(problem.pointer))
        case GLP_ENOPFS:
            status = .infeasible
        case GLP_ENODFS:
            // The presolver only knows "no dual feasible point": unbounded or infeasible.
            _ = runSimplex(problem, presolve: false, timeLimit: remaining(options, elapsed), workRate: rate)
            status = Self.lpStatus(glp_get_status(problem.pointer))
        case GLP_ETMLIM, GLP_EITLIM:
            status = .noSolution
            stop = .timeLimit
        default:
            throw .solverFailure("simplex returned code \(rc) (\(Self.codeName(rc)))")
        }
        var values: [Double] = []
        var duals: [Double] = []
        var objective: Double?
        if status == .optimal {
            values = (1...program.columns.count).map { glp_get_col_prim(problem.pointer, Int32($0)) }
            duals = program.rows.isEmpty ? [] : (1...program.rows.count).map { glp_get_row_dual(problem.pointer, Int32($0)) }
            objective = glp_get_obj_val(problem.pointer)
        }
        var solution = Solution(status: status, stopReason: stop, objective: objective,
                                bound: objective, gap: objective == nil ? nil : 0,
                                seconds: elapsed(), values: values, nodes: 0)
        solution.duals = duals
        return solution
    }

    /// Work per simplex iteration, relative to an iteration of a program of 1,000 rows
    /// and columns: an iteration's cost grows with the program (fitted on 8,105 solves of
    /// the large-centre search, session 15: seconds ≈ 1.9·10⁻⁸ · iterations · (rows +
    /// columns) + 2.4·10⁻⁷ · nodes · (rows + columns)).
    static func workSize(_ program: LinearProgram) -> Double {
        max(1, Double(program.rows.count + program.columns.count) / 1000)
    }

    /// Simplex iterations of `program` to a second of work (nil: the clock).
    static func iterationRate(_ options: SolveOptions, _ program: LinearProgram) -> Double? {
        options.workRate.map { $0 / workSize(program) }
    }

    /// `timeLimit` in seconds, or with `workRate` in units of that many iterations.
    private func runSimplex(_ problem: GLPKProblem, presolve: Bool, timeLimit: Double?, workRate: Double? = nil) -> Int32 {
        var parm = glp_smcp()
        glp_init_smcp(&parm)
        parm.msg_lev = GLP_MSG_OFF
        parm.presolve = presolve ? GLP_ON : GLP_OFF
        if let t = timeLimit, let rate = workRate {
            parm.it_lim = Int32(max(1, min(Double(Int32.max / 2), (t * rate).rounded(.up))))
        } else if let t = timeLimit {
            parm.tm_lim = Int32(max(1, (t * 1000).rounded(.down)))
        }
        return glp_simplex(problem.pointer, &parm)
    }

    private static func lpStatus(_ s: Int32) -> SolveStatus {
        switch s {
        case GLP_OPT: return .optimal
        case GLP_NOFEAS: return .infeasible
        case GLP_UNBND: return .unbounded
        default: return .noSolution
        }
    }

    // MARK: - MIP

    private func solveMIP(_ problem: GLPKProblem, program: LinearProgram, options: SolveOptions, rate: Double?,
                          elapsed: @escaping () -> Double,
                          progress: ((SolveProgress) -> Void)?) throws(MIPError) -> Solution {
        // GLPK takes a heuristic point only on the original problem, so a warm start
        // solves the root LP here and runs branch-and-cut without the presolver.
        let usePresolver = options.presolve && options.initialSolution == nil
        if !usePresolver {
            let rc = runSimplex(problem, presolve: false, timeLimit: remaining(options, elapsed), workRate: rate)
            if rc == GLP_ETMLIM || rc == GLP_EITLIM {
                return Solution(status: .noSolution, stopReason: .timeLimit, objective: nil, bound: nil,
                                gap: nil, seconds: elapsed(), values: [], nodes: 0)
            }
            guard rc == 0 else { throw .solverFailure("root LP: simplex returned code \(rc) (\(Self.codeName(rc)))") }
            switch glp_get_status(problem.pointer) {
            case GLP_OPT: break
            case GLP_NOFEAS:
                return Self.noPoint(.infeasible, seconds: elapsed())
            case GLP_UNBND:
                return try unboundedOrInfeasible(program, options: options, elapsed: elapsed)
            default:
                throw .solverFailure("root LP ended with status \(glp_get_status(problem.pointer))")
            }
        }

        let context = SearchContext(program: program, options: options, rate: rate, elapsed: elapsed, progress: progress)
        var parm = glp_iocp()
        glp_init_iocp(&parm)
        parm.msg_lev = GLP_MSG_OFF
        parm.presolve = usePresolver ? GLP_ON : GLP_OFF
        parm.mip_gap = options.relativeGap
        let cuts = options.cuts ? GLP_ON : GLP_OFF
        parm.gmi_cuts = cuts
        parm.mir_cuts = cuts
        parm.cov_cuts = cuts
        parm.clq_cuts = cuts
        parm.fp_heur = options.feasibilityPump ? GLP_ON : GLP_OFF
        parm.ps_heur = options.proximitySearch ? GLP_ON : GLP_OFF
        switch options.branching {
        case .firstFractional: parm.br_tech = GLP_BR_FFV
        case .lastFractional: parm.br_tech = GLP_BR_LFV
        case .mostFractional: parm.br_tech = GLP_BR_MFV
        case .driebeckTomlin: parm.br_tech = GLP_BR_DTH
        case .pseudoCost: parm.br_tech = GLP_BR_PCH
        }
        switch options.backtracking {
        case .depthFirst: parm.bt_tech = GLP_BT_DFS
        case .breadthFirst: parm.bt_tech = GLP_BT_BFS
        case .bestLocalBound: parm.bt_tech = GLP_BT_BLB
        case .bestProjection: parm.bt_tech = GLP_BT_BPH
        }
        if rate == nil, let t = remaining(options, elapsed) {
            parm.tm_lim = Int32(max(1, (t * 1000).rounded(.down)))
            parm.ps_tm_lim = min(parm.ps_tm_lim, parm.tm_lim)
        }
        parm.cb_func = glpkSearchCallback
        let unmanaged = Unmanaged.passRetained(context)
        defer { unmanaged.release() }
        parm.cb_info = unmanaged.toOpaque()
        let rc = glp_intopt(problem.pointer, &parm)
        // With the presolver, the search's iterations were counted on GLPK's own copy.
        let spent = { max(elapsed(), context.work) }

        var stop = StopReason.completed
        switch rc {
        case 0: break
        case GLP_EMIPGAP: stop = .gapReached
        case GLP_ETMLIM, GLP_ESTOP: stop = .timeLimit
        case GLP_ENOPFS:
            return Self.noPoint(.infeasible, seconds: spent())
        case GLP_ENODFS:
            return try unboundedOrInfeasible(program, options: options, elapsed: elapsed)
        default:
            throw .solverFailure("branch-and-cut returned code \(rc) (\(Self.codeName(rc)))")
        }
        let mipStatus = glp_mip_status(problem.pointer)
        guard mipStatus == GLP_OPT || mipStatus == GLP_FEAS else {
            if mipStatus == GLP_NOFEAS { return Self.noPoint(.infeasible, seconds: spent(), nodes: context.nodes) }
            var none = Self.noPoint(.noSolution, seconds: spent(), nodes: context.nodes)
            none.stopReason = stop == .completed ? .timeLimit : stop
            none.bound = context.bound
            return none
        }
        var values = (1...program.columns.count).map { glp_mip_col_val(problem.pointer, Int32($0)) }
        for (j, column) in program.columns.enumerated() where column.kind != .continuous {
            values[j] = values[j].rounded()
        }
        let objective = program.objectiveValue(values)
        let proven = mipStatus == GLP_OPT && stop == .completed
        var bound = proven ? objective : context.bound
        if let b = bound {  // a bound never lies on the wrong side of a solution
            bound = program.sense == .minimize ? min(b, objective) : max(b, objective)
        }
        let gap = proven ? 0 : Solution.relativeGap(objective: objective, bound: bound)
        return Solution(status: proven || gap == 0 ? .optimal : .feasible, stopReason: stop,
                        objective: objective, bound: bound, gap: gap,
                        seconds: spent(), values: values, nodes: context.nodes)
    }

    /// The LP relaxation is unbounded: the MIP is unbounded if it has any feasible point.
    private func unboundedOrInfeasible(_ program: LinearProgram, options: SolveOptions,
                                       elapsed: @escaping () -> Double) throws(MIPError) -> Solution {
        var feasibility = program
        for j in feasibility.columns.indices { feasibility.setObjective(ColumnID(j), 0) }
        var o = options
        o.initialSolution = nil
        o.relativeGap = 0
        if let t = options.timeLimit { o.timeLimit = max(0, t - elapsed()) }
        let probe = try GLPKSolver().solve(feasibility, options: o)
        let status: SolveStatus = probe.hasSolution ? .unbounded : (probe.status == .infeasible ? .infeasible : .noSolution)
        var s = Self.noPoint(status, seconds: elapsed())
        if status == .noSolution { s.stopReason = .timeLimit }
        return s
    }

    private func remaining(_ options: SolveOptions, _ elapsed: () -> Double) -> Double? {
        options.timeLimit.map { max(0.001, $0 - elapsed()) }
    }

    private static func noPoint(_ status: SolveStatus, seconds: Double, nodes: Int = 0) -> Solution {
        Solution(status: status, stopReason: .completed, objective: nil, bound: nil, gap: nil,
                 seconds: seconds, values: [], nodes: nodes)
    }

    private static func solveEmpty(_ program: LinearProgram, seconds: Double) -> Solution {
        let feasible = program.rows.allSatisfy { $0.lower <= 0 && 0 <= $0.upper }
        return feasible
            ? Solution(status: .optimal, stopReason: .completed, objective: 0, bound: 0, gap: 0,
                       seconds: seconds, values: [], nodes: 0)
            : noPoint(.infeasible, seconds: seconds)
    }

    static func codeName(_ rc: Int32) -> String {
        switch rc {
        case GLP_EBADB: return "invalid basis"
        case GLP_ESING: return "singular matrix"
        case GLP_ECOND: return "ill-conditioned matrix"
        case GLP_EBOUND: return "invalid bounds"
        case GLP_EFAIL: return "solver failed"
        case GLP_EITLIM: return "iteration limit"
        case GLP_ETMLIM: return "time limit"
        case GLP_ENOPFS: return "no primal feasible solution"
        case GLP_ENODFS: return "no dual feasible solution"
        case GLP_EROOT: return "root LP optimum not provided"
        case GLP_ESTOP: return "stopped"
        case GLP_EMIPGAP: return "gap reached"
        default: return "unknown"
        }
    }
}

/// Owns a GLPK problem object for the length of one solve, on one thread.
final class GLPKProblem {
    let pointer: OpaquePointer

    init(_ program: LinearProgram, relax: Bool) {
        pointer = glp_create_prob()
        glp_set_obj_dir(pointer, program.sense == .minimize ? GLP_MIN : GLP_MAX)
        let n = program.columns.count, m = program.rows.count
        if n > 0 { glp_add_cols(pointer, Int32(n)) }
        if m > 0 { glp_add_rows(pointer, Int32(m)) }
        for (j, column) in program.columns.enumerated() {
            let c = Int32(j + 1)
            column.name.withCString { glp_set_col_name(pointer, c, $0) }
            let integer = column.kind != .continuous && !relax
            glp_set_col_kind(pointer, c, integer ? GLP_IV : GLP_CV)
            let (type, lb, ub) = Self.boundType(column.lower, column.upper)
            glp_set_col_bnds(pointer, c, type, lb, ub)
            glp_set_obj_coef(pointer, c, column.objective)
        }
        var ia: [Int32] = [0], ja: [Int32] = [0], ar: [Double] = [0]
        let nz = program.nonZeroCount
        ia.reserveCapacity(nz + 1); ja.reserveCapacity(nz + 1); ar.reserveCapacity(nz + 1)
        for (i, row) in program.rows.enumerated() {
            let r = Int32(i + 1)
            row.name.withCString { glp_set_row_name(pointer, r, $0) }
            let (type, lb, ub) = Self.boundType(row.lower, row.upper)
            glp_set_row_bnds(pointer, r, type, lb, ub)
            for term in row.terms where term.coefficient != 0 {
                ia.append(r); ja.append(Int32(term.column.index + 1)); ar.append(term.coefficient)
            }
        }
        if ia.count > 1 { glp_load_matrix(pointer, Int32(ia.count - 1), ia, ja, ar) }
    }

    deinit { glp_delete_prob(pointer) }

    static func boundType(_ lower: Double, _ upper: Double) -> (Int32, Double, Double) {
        switch (lower.isFinite, upper.isFinite) {
        case (false, false): return (GLP_FR, 0, 0)
        case (true, false): return (GLP_LO, lower, 0)
        case (false, true): return (GLP_UP, 0, upper)
        case (true, true): return (lower == upper ? GLP_FX : GLP_DB, lower, upper)
        }
    }
}

/// State shared with GLPK's branch-and-cut callback for one solve.
final class SearchContext {
    let program: LinearProgram
    let options: SolveOptions
    let elapsed: () -> Double
    let progress: ((SolveProgress) -> Void)?
    var bound: Double?
    var incumbent: Double?
    var nodes = 0
    var offeredStart = false
    var lastReport = -Double.infinity
    /// Simplex iterations to a second of work (`GLPKSolver.iterationRate`; nil: the clock).
    let rate: Double?
    /// With a rate: the work seen at the last call, in its seconds.
    var work = 0.0

    init(program: LinearProgram, options: SolveOptions, rate: Double?, elapsed: @escaping () -> Double,
         progress: ((SolveProgress) -> Void)?) {
        self.program = program
        self.options = options
        self.rate = rate
        self.elapsed = elapsed
        self.progress = progress
    }

    func handle(_ tree: OpaquePointer) {
        let reason = glp_ios_reason(tree)
        let best = glp_ios_best_node(tree)
        if best != 0 {
            let b = glp_ios_node_bound(tree, best)
            if b.isFinite && abs(b) < 1e300 { bound = b }  // ±DBL_MAX until the root LP is solved
        }
        var active: Int32 = 0, alive: Int32 = 0, total: Int32 = 0
        glp_ios_tree_size(tree, &active, &alive, &total)
        nodes = Int(total)
        // The rounding heuristic does not always announce itself through IBINGO:
        // read the incumbent from the problem at every call instead.
        let prob = glp_ios_get_prob(tree)
        let improved: Bool
        if glp_mip_status(prob) == GLP_FEAS || glp_mip_status(prob) == GLP_OPT {
            let value = glp_mip_obj_val(prob)
            improved = incumbent != value
            incumbent = value
        } else {
            improved = false
        }
        if reason == GLP_IHEUR, !offeredStart, let x = options.initialSolution {
            offeredStart = true
            let oneBased = [0] + x
            _ = glp_ios_heur_sol(tree, oneBased)
        }
        var now = elapsed()
        if let rate {
            // The problem the tree works on (GLPK's presolved copy, when it presolves) counts the iterations.
            // A node costs more than its few iterations (GLPK's bookkeeping, the LP's set-up): `workPerNode` of them.
            work = max(work, (Double(glp_get_it_cnt(prob)) + options.workPerNode * Double(total)) / rate)
            now = work
        }
        // At the limit, or once a solve alongside has finished (`Rival`).
        if options.timeLimit.map({ now >= $0 }) == true || options.rival?.isFinished == true {
            glp_ios_terminate(tree)
        }
        if let progress, improved || now - lastReport >= options.progressInterval {
            lastReport = now
            progress(SolveProgress(seconds: now, incumbent: incumbent, bound: bound,
                                   gap: Solution.relativeGap(objective: incumbent, bound: bound),
                                   nodes: nodes))
        }
    }
}

private func glpkSearchCallback(_ tree: OpaquePointer?, _ info: UnsafeMutableRawPointer?) {
    guard let tree, let info else { return }
    Unmanaged<SearchContext>.fromOpaque(info).takeUnretainedValue().handle(tree)
}
