import CGLPK

/// A linear programme that grows by columns and is re-solved from its last
/// basis: the master of a column generation. The GLPK problem lives as long as
/// this object, on the thread that made it (GLPK's environment is per thread);
/// new columns enter at their lower bound, so the last basis stays primal
/// feasible and each re-solve is a few primal simplex pivots instead of a solve
/// from scratch. Everything is checked before GLPK sees it (rows in range, no
/// row twice in a column, finite numbers, sensible bounds).
public final class ColumnLP {
    public enum Status: Sendable, Equatable { case optimal, infeasible, unbounded, failed(String) }

    let pointer: OpaquePointer
    public let sense: LinearProgram.Sense
    public private(set) var rowCount: Int
    public private(set) var columnCount = 0

    /// Rows as (lower, upper) bounds (either may be infinite).
    public init(sense: LinearProgram.Sense = .minimize, rows: [(lower: Double, upper: Double)]) throws(MIPError) {
        for (i, r) in rows.enumerated() where r.lower.isNaN || r.upper.isNaN || r.lower > r.upper
            || r.lower == .infinity || r.upper == -.infinity {
            throw .invertedBounds(kind: "row", name: "#\(i)", lower: r.lower, upper: r.upper)
        }
        glp_term_out(GLP_OFF)
        pointer = glp_create_prob()
        self.sense = sense
        rowCount = rows.count
        glp_set_obj_dir(pointer, sense == .minimize ? GLP_MIN : GLP_MAX)
        if !rows.isEmpty { glp_add_rows(pointer, Int32(rows.count)) }
        for (i, r) in rows.enumerated() {
            let (type, lb, ub) = GLPKProblem.boundType(r.lower, r.upper)
            glp_set_row_bnds(pointer, Int32(i + 1), type, lb, ub)
        }
    }

    deinit { glp_delete_prob(pointer) }

    /// Adds a column; returns its index (0-based, in order of addition).
    @discardableResult
    public func addColumn(objective: Double, lower: Double = 0, upper: Double = .infinity,
                          terms: [(row: Int, coefficient: Double)]) throws(MIPError) -> Int {
        let name = "#\(columnCount)"
        guard objective.isFinite else { throw .nonFiniteObjective(column: name, value: objective) }
        guard !lower.isNaN, !upper.isNaN else { throw .nanBound(kind: "column", name: name) }
        guard lower <= upper, lower != .infinity, upper != -.infinity else {
            throw .invertedBounds(kind: "column", name: name, lower: lower, upper: upper)
        }
        var seen = Set<Int>()
        for t in terms {
            guard t.row >= 0, t.row < rowCount else {
                throw .invalidOption(name: "row of column \(name)", value: "\(t.row)", expected: "0..<\(rowCount)")
            }
            guard t.coefficient.isFinite else { throw .nonFiniteCoefficient(row: "#\(t.row)", column: name, value: t.coefficient) }
            guard seen.insert(t.row).inserted else { throw .duplicateEntry(row: "#\(t.row)", column: name) }
        }
        let j = Int32(glp_add_cols(pointer, 1))
        let (type, lb, ub) = GLPKProblem.boundType(lower, upper)
        glp_set_col_bnds(pointer, j, type, lb, ub)
        glp_set_obj_coef(pointer, j, objective)
        let nz = terms.filter { $0.coefficient != 0 }
        if !nz.isEmpty {
            let ind: [Int32] = [0] + nz.map { Int32($0.row + 1) }
            let val: [Double] = [0] + nz.map(\.coefficient)
            glp_set_mat_col(pointer, j, Int32(nz.count), ind, val)
        }
        columnCount += 1
        return columnCount - 1
    }

    /// Changes a column's bounds (e.g. to fix it while diving).
    public func setBounds(_ column: Int, lower: Double, upper: Double) throws(MIPError) {
        guard column >= 0, column < columnCount else {
            throw .invalidOption(name: "column", value: "\(column)", expected: "0..<\(columnCount)")
        }
        guard !lower.isNaN, !upper.isNaN else { throw .nanBound(kind: "column", name: "#\(column)") }
        guard lower <= upper, lower != .infinity, upper != -.infinity else {
            throw .invertedBounds(kind: "column", name: "#\(column)", lower: lower, upper: upper)
        }
        let (type, lb, ub) = GLPKProblem.boundType(lower, upper)
        glp_set_col_bnds(pointer, Int32(column + 1), type, lb, ub)
        boundsChanged = true
    }

    /// Changes a row's bounds (either may be infinite); the next solve starts with the dual simplex.
    public func setRowBounds(_ row: Int, lower: Double, upper: Double) throws(MIPError) {
        guard row >= 0, row < rowCount else { throw .invalidOption(name: "row", value: "\(row)", expected: "0..<\(rowCount)") }
        guard !lower.isNaN, !upper.isNaN, lower <= upper, lower != .infinity, upper != -.infinity else {
            throw .invertedBounds(kind: "row", name: "#\(row)", lower: lower, upper: upper)
        }
        let (type, lb, ub) = GLPKProblem.boundType(lower, upper)
        glp_set_row_bnds(pointer, Int32(row + 1), type, lb, ub)
        boundsChanged = true
    }

    /// Replaces a row's coefficients (every column not named gets 0).
    public func setRow(_ row: Int, terms: [(column: Int, coefficient: Double)]) throws(MIPError) {
        guard row >= 0, row < rowCount else { throw .invalidOption(name: "row", value: "\(row)", expected: "0..<\(rowCount)") }
        var seen = Set<Int>()
        for t in terms {
            guard t.column >= 0, t.column < columnCount else {
                throw .invalidOption(name: "column of row #\(row)", value: "\(t.column)", expected: "0..<\(columnCount)")
            }
            guard t.coefficient.isFinite else { throw .nonFiniteCoefficient(row: "#\(row)", column: "#\(t.column)", value: t.coefficient) }
            guard seen.insert(t.column).inserted else { throw .duplicateEntry(row: "#\(row)", column: "#\(t.column)") }
        }
        let nz = terms.filter { $0.coefficient != 0 }
        let ind: [Int32] = [0] + nz.map { Int32($0.column + 1) }
        let val: [Double] = [0] + nz.map(\.coefficient)
        glp_set_mat_row(pointer, Int32(row + 1), Int32(nz.count), ind, val)
    }

    /// A column's bounds as set.
    public func bounds(_ column: Int) -> (lower: Double, upper: Double) {
        precondition(column >= 0 && column < columnCount, "column \(column) of \(columnCount)")
        let j = Int32(column + 1)
        let type = glp_get_col_type(pointer, j)
        let lower = type == GLP_FR || type == GLP_UP ? -Double.infinity : glp_get_col_lb(pointer, j)
        let upper = type == GLP_FR || type == GLP_LO ? Double.infinity : glp_get_col_ub(pointer, j)
        return (lower, upper)
    }

    /// Changes a column's cost (a block's prices in a decomposition); the last
    /// basis stays primal feasible, so the next solve is a warm primal simplex.
    public func setObjective(_ column: Int, _ value: Double) throws(MIPError) {
        guard column >= 0, column < columnCount else {
            throw .invalidOption(name: "column", value: "\(column)", expected: "0..<\(columnCount)")
        }
        guard value.isFinite else { throw .nonFiniteObjective(column: "#\(column)", value: value) }
        glp_set_obj_coef(pointer, Int32(column + 1), value)
    }

    /// After a bound change the last basis stays dual feasible: the next solve starts with the dual simplex.
    private var boundsChanged = false

    /// Re-solves from the last basis (primal simplex; dual if the basis is lost).
    public func solve(timeLimit: Double? = nil) -> Status {
        guard columnCount > 0 else { return .failed("no columns") }
        var parm = glp_smcp()
        glp_init_smcp(&parm)
        parm.msg_lev = GLP_MSG_OFF
        parm.presolve = GLP_OFF
        if boundsChanged { parm.meth = GLP_DUALP }
        boundsChanged = false
        if let t = timeLimit, t.isFinite { parm.tm_lim = Int32(max(1, min(Double(Int32.max / 2), t * 1000).rounded(.down))) }
        var rc = glp_simplex(pointer, &parm)
        if rc == GLP_EBADB || rc == GLP_ESING || rc == GLP_ECOND {
            glp_adv_basis(pointer, 0)
            rc = glp_simplex(pointer, &parm)
        }
        guard rc == 0 else { return .failed("simplex returned code \(rc) (\(GLPKSolver.codeName(rc)))") }
        switch glp_get_status(pointer) {
        case GLP_OPT: return .optimal
        case GLP_NOFEAS: return .infeasible
        case GLP_UNBND: return .unbounded
        default: return .failed("status \(glp_get_status(pointer))")
        }
    }

    /// The statuses of a basis (GLPK's GLP_BS, GLP_NL, ...), rows then columns.
    public struct Basis: Sendable {
        var rows: [Int32]
        var columns: [Int32]
    }

    /// The current basis, to start a later solve from (`restore`).
    public var basis: Basis {
        Basis(rows: rowCount == 0 ? [] : (1...rowCount).map { glp_get_row_stat(pointer, Int32($0)) },
              columns: columnCount == 0 ? [] : (1...columnCount).map { glp_get_col_stat(pointer, Int32($0)) })
    }

    /// Starts the next solve from `basis` (columns added since at their lower bound), with the dual simplex.
    public func restore(_ basis: Basis) {
        guard basis.rows.count == rowCount, basis.columns.count <= columnCount else { return }
        for (i, s) in basis.rows.enumerated() { glp_set_row_stat(pointer, Int32(i + 1), s) }
        for j in 0..<columnCount { glp_set_col_stat(pointer, Int32(j + 1), j < basis.columns.count ? basis.columns[j] : GLP_NL) }
        boundsChanged = true
    }

    public var objective: Double { glp_get_obj_val(pointer) }
    public func value(_ column: Int) -> Double { glp_get_col_prim(pointer, Int32(column + 1)) }
    public var values: [Double] { columnCount == 0 ? [] : (1...columnCount).map { glp_get_col_prim(pointer, Int32($0)) } }
    /// Row duals, in the programme's sense (as `Solution.duals`).
    public var duals: [Double] { rowCount == 0 ? [] : (1...rowCount).map { glp_get_row_dual(pointer, Int32($0)) } }
}
