import Foundation

/// Dantzig–Wolfe decomposition of an LP whose rows, once some *linking* rows are
/// set aside, fall apart into independent blocks (a month's roster without its
/// weekly rows falls apart into days).
///
/// The master chooses, for each block, a convex combination of the block
/// solutions found so far, subject to the linking rows; pricing solves every
/// block for the costs c − πA (π the master's duals on the linking rows). Each
/// pricing round also gives a Lagrangian bound
///   L(π) = Σ π_i side_i + Σ_blocks min (c − πA)·x_b + Σ_free min over the box,
/// valid for any π of the right signs (weak duality), and when no block prices
/// out the master's value equals the LP optimum. Dual prices are smoothed
/// (Wentges: a convex combination of the master's duals and those of the best
/// bound so far), which damps the oscillation of plain column generation; a
/// round whose smoothed prices find nothing is retried with the master's own.
///
/// Blocks are GLPK problems kept across rounds (only their costs change, so each
/// re-solve is a warm primal simplex). One thread: GLPK's environment is per thread.
public final class BlockDecomposition {
    public let program: LinearProgram
    public let linking: [Int]
    /// Columns in no row but linking ones: taken in the master directly, within their box.
    let free: [Int]
    /// Each block's columns and rows (in `program`).
    let blocks: [(columns: [Int], rows: [Int])]
    let solvers: [ColumnLP]
    /// For each column, the linking rows it is in: (position in `linking`, coefficient).
    let linkTerms: [[(k: Int, coefficient: Double)]]
    let master: ColumnLP
    /// Master columns after the free ones and the artificials: (block, block solution).
    var proposals: [[(column: Int, value: Double)]] = []
    let artificialCount: Int
    /// The best Lagrangian bound so far, and the multipliers that gave it.
    public private(set) var bound = -Double.infinity
    public private(set) var center: [Double]
    public private(set) var rounds = 0
    /// The master's optimum of the last round (an upper bound on the LP once no artificial is used).
    public private(set) var masterValue = Double.infinity

    /// `program` is taken as an LP (integrality ignored); every column of a block
    /// with rows must have finite bounds or a block may be unbounded for some prices,
    /// and so must the free columns. `penalty` is the cost of an artificial unit on a
    /// linking row (the master is feasible from the first round).
    public init(_ program: LinearProgram, linking: [Int], penalty: Double) throws(MIPError) {
        precondition(program.sense == .minimize)
        try program.validate()
        for c in program.columns where !c.lower.isFinite || !c.upper.isFinite {
            throw .invalidOption(name: "bounds of \(c.name)", value: "[\(c.lower), \(c.upper)]", expected: "a finite box")
        }
        self.program = program
        self.linking = linking
        let isLinking = Set(linking)
        var rest = LinearProgram(name: program.name, sense: .minimize)
        for c in program.columns { rest.addColumn(name: c.name, kind: .continuous, lower: c.lower, upper: c.upper, objective: 0) }
        var restRows: [Int] = []
        for (i, r) in program.rows.enumerated() where !isLinking.contains(i) {
            rest.addRow(name: r.name, terms: r.terms, lower: r.lower, upper: r.upper)
            restRows.append(i)
        }
        var free: [Int] = [], blocks: [(columns: [Int], rows: [Int])] = []
        for b in rest.components() {
            if b.rows.isEmpty { free += b.columns } else { blocks.append((b.columns, b.rows.map { restRows[$0] })) }
        }
        self.free = free.sorted()
        self.blocks = blocks
        var linkTerms = [[(k: Int, coefficient: Double)]](repeating: [], count: program.columns.count)
        for (k, i) in linking.enumerated() {
            for t in program.rows[i].terms where t.coefficient != 0 { linkTerms[t.column.index].append((k, t.coefficient)) }
        }
        self.linkTerms = linkTerms
        var solvers: [ColumnLP] = []
        for b in blocks {
            let local = Dictionary(uniqueKeysWithValues: b.columns.enumerated().map { ($1, $0) })
            var rowTerms = [[(row: Int, coefficient: Double)]](repeating: [], count: b.columns.count)
            for (r, i) in b.rows.enumerated() {
                for t in program.rows[i].terms { rowTerms[local[t.column.index]!].append((r, t.coefficient)) }
            }
            let lp = try ColumnLP(rows: b.rows.map { (program.rows[$0].lower, program.rows[$0].upper) })
            for (k, j) in b.columns.enumerated() {
                let c = program.columns[j]
                try lp.addColumn(objective: c.objective, lower: c.lower, upper: c.upper, terms: rowTerms[k])
            }
            solvers.append(lp)
        }
        self.solvers = solvers
        master = try ColumnLP(rows: linking.map { (program.rows[$0].lower, program.rows[$0].upper) }
                                 + blocks.map { _ in (1.0, 1.0) })
        for j in self.free {
            let c = program.columns[j]
            try master.addColumn(objective: c.objective, lower: c.lower, upper: c.upper,
                                 terms: linkTerms[j].map { ($0.k, $0.coefficient) })
        }
        var artificials = 0
        for (k, i) in linking.enumerated() {
            if program.rows[i].lower.isFinite { try master.addColumn(objective: penalty, terms: [(k, 1)]); artificials += 1 }
            if program.rows[i].upper.isFinite { try master.addColumn(objective: penalty, terms: [(k, -1)]); artificials += 1 }
        }
        artificialCount = artificials
        center = [Double](repeating: 0, count: linking.count)
    }

    public var blockCount: Int { blocks.count }

    /// Prices every block at `pi` (signs the rows do not allow taken as 0): L(π),
    /// the multipliers as used, and each block's optimum.
    func price(_ pi: [Double]) throws -> (bound: Double, multipliers: [Double], solutions: [[Double]])? {
        let (reduced, constant, used) = program.lagrangianCosts(dualizing: linking, multipliers: pi)
        var value = constant
        for j in free {
            let c = program.columns[j]
            value += min(reduced[j] * c.lower, reduced[j] * c.upper)
        }
        var solutions: [[Double]] = []
        for (b, lp) in solvers.enumerated() {
            for (k, j) in blocks[b].columns.enumerated() { try lp.setObjective(k, reduced[j]) }
            guard lp.solve() == .optimal else { return nil }
            solutions.append(lp.values)
            value += lp.objective
        }
        return (value, used, solutions)
    }

    /// Starts from multipliers (e.g. the duals of a cheaper relaxation on the same rows).
    public func start(at pi: [Double]) throws -> Double? {
        guard let priced = try price(pi) else { return nil }
        center = priced.multipliers
        bound = priced.bound
        for b in blocks.indices { try propose(b, priced.solutions[b]) }
        return bound
    }

    func propose(_ b: Int, _ x: [Double]) throws {
        var cost = 0.0
        var terms: [Int: Double] = [:]
        for (k, j) in blocks[b].columns.enumerated() where x[k] != 0 {
            cost += program.columns[j].objective * x[k]
            for t in linkTerms[j] { terms[t.k, default: 0] += t.coefficient * x[k] }
        }
        let list = terms.filter { abs($0.value) > 1e-12 }.map { (row: $0.key, coefficient: $0.value) }.sorted { $0.row < $1.row }
        try master.addColumn(objective: cost, terms: list + [(linking.count + b, 1)])
        proposals.append(blocks[b].columns.enumerated().compactMap { k, j in x[k] != 0 ? (j, x[k]) : nil })
    }

    /// One round: solve the master, price at smoothed duals (retrying at the
    /// master's own if that finds nothing), add the blocks that price out.
    /// Returns false when nothing prices out (the master is the LP optimum).
    public func round(smoothing alpha: Double = 0.5, timeLimit: Double? = nil) throws -> Bool {
        rounds += 1
        guard master.solve(timeLimit: timeLimit) == .optimal else { return false }
        masterValue = master.objective
        let duals = master.duals
        let (atMaster, _, pi) = program.lagrangianCosts(dualizing: linking, multipliers: Array(duals[0..<linking.count]))
        let mu = Array(duals[linking.count...])
        for a in alpha > 0 ? [alpha, 0] : [0] {
            let trial = a == 0 ? pi : zip(center, pi).map { a * $0 + (1 - a) * $1 }
            guard let priced = try price(trial) else { return false }
            if priced.bound > bound {
                bound = priced.bound
                center = priced.multipliers
            }
            var added = 0
            for b in blocks.indices {
                // Reduced cost at the master's duals: (c − πA)·x − μ_b.
                let x = priced.solutions[b]
                var rc = -mu[b]
                for (k, j) in blocks[b].columns.enumerated() where x[k] != 0 { rc += atMaster[j] * x[k] }
                if rc < -1e-7 * max(1, abs(masterValue)) {
                    try propose(b, x)
                    added += 1
                }
            }
            if added > 0 { return true }
        }
        return false
    }

    /// The master's last solution as values of `program`'s columns: the free
    /// columns as they are, each block the combination of its proposals.
    public func primal() -> [Double] {
        var x = [Double](repeating: 0, count: program.columns.count)
        for (k, j) in free.enumerated() { x[j] = master.value(k) }
        let first = free.count + artificialCount
        for (n, proposal) in proposals.enumerated() {
            let lambda = master.value(first + n)
            guard lambda > 1e-12 else { continue }
            for (j, v) in proposal { x[j] += lambda * v }
        }
        return x
    }

    /// Block `b` solved as a MIP at prices `pi` on the linking rows (the best
    /// bound's when nil): the columns named in `counts` become integer counts —
    /// x_j = N_j / scale with N_j integer in [lower, upper] — the rest stays
    /// continuous; `rows` are added on those counts (terms name `program`'s
    /// columns). Values are returned for the block's columns, in `program`'s
    /// numbering (nil when no solution was found in time). `spent` is handed the solve.
    public func solveBlock(_ b: Int, at pi: [Double]? = nil, counts: [Int: (scale: Double, lower: Double, upper: Double)],
                           rows extra: [(terms: [(column: Int, coefficient: Double)], lower: Double, upper: Double)] = [],
                           options: SolveOptions, spent: (Solution) -> Void = { _ in }) throws -> [Int: Double]? {
        let reduced = program.lagrangianCosts(dualizing: linking, multipliers: pi ?? center).cost
        let columns = blocks[b].columns
        var lp = LinearProgram(name: "\(program.name) block \(b)", sense: .minimize)
        var scales = [Double](repeating: 1, count: columns.count)
        var local = [Int: Int]()
        for (k, j) in columns.enumerated() {
            local[j] = k
            let col = program.columns[j]
            let c = reduced[j]
            if let n = counts[j] {
                scales[k] = n.scale
                lp.addColumn(name: col.name, kind: .integer, lower: n.lower, upper: n.upper, objective: c / n.scale)
            } else {
                lp.addColumn(name: col.name, kind: .continuous, lower: col.lower, upper: col.upper, objective: c)
            }
        }
        for i in blocks[b].rows {
            let r = program.rows[i]
            lp.addRow(name: r.name, terms: r.terms.map { (ColumnID(local[$0.column.index]!), $0.coefficient / scales[local[$0.column.index]!]) },
                      lower: r.lower, upper: r.upper)
        }
        for (n, r) in extra.enumerated() {
            lp.addRow(name: "extra[\(n)]", terms: r.terms.map { (ColumnID(local[$0.column]!), $0.coefficient) }, lower: r.lower, upper: r.upper)
        }
        let s = try GLPKSolver().solve(lp, options: options)
        spent(s)
        guard s.hasSolution else { return nil }
        var out: [Int: Double] = [:]
        for (k, j) in columns.enumerated() { out[j] = s.values[k] / scales[k] }
        return out
    }

    /// The block each column belongs to (nil for the master's own columns).
    public func blockOf(column j: Int) -> Int? {
        if blockIndex.isEmpty {
            blockIndex = [Int](repeating: -1, count: program.columns.count)
            for (b, block) in blocks.enumerated() { for j in block.columns { blockIndex[j] = b } }
        }
        return blockIndex[j] >= 0 ? blockIndex[j] : nil
    }
    private var blockIndex: [Int] = []

    /// Artificial units in the master's last solution (0: its value is an LP value).
    public var artificialUse: Double {
        (free.count..<(free.count + artificialCount)).reduce(0) { $0 + master.value($1) }
    }
}
