// Reading CPLEX LP and free MPS files through GLPK's own parsers, so that a model
// Kinmu exported can be read back (or another tool's model solved) by the same engine.
import CGLPK

public enum ModelFileFormat: String, Sendable, CaseIterable {
    case lp, mps

    /// The format named by a path's extension (`.lp` or `.mps`), if any.
    public init?(path: String) {
        let lower = path.lowercased()
        if lower.hasSuffix(".lp") { self = .lp } else if lower.hasSuffix(".mps") { self = .mps } else { return nil }
    }
}

extension GLPKSolver {
    /// Reads a model file with GLPK's parser into a `LinearProgram`.
    ///
    /// - Throws: `MIPError.fileError` with GLPK's own message when the file cannot be read.
    public static func readModel(path: String, format: ModelFileFormat) throws(MIPError) -> LinearProgram {
        let messages = MessageSink()
        let unmanaged = Unmanaged.passRetained(messages)
        defer { unmanaged.release() }
        glp_term_out(GLP_ON)
        glp_term_hook(captureTerminal, unmanaged.toOpaque())
        defer {
            glp_term_hook(nil, nil)
            glp_term_out(GLP_OFF)
        }
        guard let p = glp_create_prob() else { throw .solverFailure("glp_create_prob returned nil") }
        defer { glp_delete_prob(p) }
        let rc: Int32 = path.withCString { name in
            switch format {
            case .lp: return glp_read_lp(p, nil, name)
            case .mps: return glp_read_mps(p, GLP_MPS_FILE, nil, name)
            }
        }
        guard rc == 0 else {
            let detail = messages.text.split(separator: "\n").last.map(String.init) ?? "unreadable"
            throw .fileError(path: path, reason: detail)
        }
        return program(from: p)
    }

    private static func program(from p: OpaquePointer) -> LinearProgram {
        let name = glp_get_prob_name(p).map { String(cString: $0) } ?? "model"
        var lp = LinearProgram(name: name, sense: glp_get_obj_dir(p) == GLP_MAX ? .maximize : .minimize)
        let n = Int(glp_get_num_cols(p)), m = Int(glp_get_num_rows(p))
        func bounds(_ type: Int32, _ lb: Double, _ ub: Double) -> (Double, Double) {
            switch type {
            case GLP_FR: return (-.infinity, .infinity)
            case GLP_LO: return (lb, .infinity)
            case GLP_UP: return (-.infinity, ub)
            case GLP_FX: return (lb, lb)
            default: return (lb, ub)
            }
        }
        for j in 1...max(n, 1) where n > 0 {
            let c = Int32(j)
            let (lb, ub) = bounds(glp_get_col_type(p, c), glp_get_col_lb(p, c), glp_get_col_ub(p, c))
            let kind: LinearProgram.ColumnKind
            switch glp_get_col_kind(p, c) {
            case GLP_BV: kind = .binary
            case GLP_IV: kind = (lb >= 0 && ub <= 1) ? .binary : .integer
            default: kind = .continuous
            }
            let colName = glp_get_col_name(p, c).map { String(cString: $0) } ?? "x\(j)"
            lp.addColumn(name: colName, kind: kind, lower: lb, upper: ub, objective: glp_get_obj_coef(p, c))
        }
        var ind = [Int32](repeating: 0, count: n + 1)
        var val = [Double](repeating: 0, count: n + 1)
        for i in 1...max(m, 1) where m > 0 {
            let r = Int32(i)
            let (lb, ub) = bounds(glp_get_row_type(p, r), glp_get_row_lb(p, r), glp_get_row_ub(p, r))
            let len = Int(glp_get_mat_row(p, r, &ind, &val))
            let terms = (0..<len).map { LinearProgram.Term(ColumnID(Int(ind[$0 + 1]) - 1), val[$0 + 1]) }
            let rowName = glp_get_row_name(p, r).map { String(cString: $0) } ?? "r\(i)"
            lp.addRow(name: rowName, terms: terms, lower: lb, upper: ub)
        }
        return lp
    }
}

private final class MessageSink {
    var text = ""
}

private func captureTerminal(_ info: UnsafeMutableRawPointer?, _ s: UnsafePointer<CChar>?) -> Int32 {
    if let info, let s {
        Unmanaged<MessageSink>.fromOpaque(info).takeUnretainedValue().text += String(cString: s)
    }
    return 1  // handled: print nothing
}
