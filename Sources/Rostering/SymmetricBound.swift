import MIP

/// A lower bound for large centres from the symmetry of interchangeable people.
///
/// People with the same role, skills, employment, contract, shift options day by
/// day, carried fairness counts, and no requests or meetings of their own are
/// interchangeable: permuting them maps every roster to one of equal cost. For
/// such a program the LP relaxation has an optimum that is the same for every
/// member of a class (average any optimum over the permutations: the rows are
/// linear, so the average is feasible, and it costs the same). So the LP
/// relaxation can be solved with one representative per class whose columns
/// count `size` times in the rows people share (cover, supervisor, overstaffing)
/// and in the objective — the LP bound of the whole month, exactly, from a
/// program several times smaller. (This is the aggregation of symmetric linear
/// programs by orbits; see Docs/Formulation.md, "Large centres".)
///
/// The fairness rows (most ≥ each person's count) stay per representative: the
/// class average meets them, so the bound stays valid.
public struct SymmetricBound: Sendable {
    /// Indices of the people of each class, in staff order; the first is the representative.
    public let classes: [[Int]]
    /// The aggregated model: one person per class, with the class's size as multiplicity.
    public let model: RosterModel

    public init(_ problem: RosterProblem) {
        let classes = Self.classes(problem)
        self.classes = classes
        model = RosterModel(problem.restricted(to: classes.map { $0[0] }), multiplicity: classes.map(\.count))
    }

    /// Classes of interchangeable people (singletons for anyone with a request or meeting).
    public static func classes(_ problem: RosterProblem) -> [[Int]] {
        let requested = Set(problem.requests.map(\.person))
        let attending = Set(problem.rules.meetings.flatMap(\.attendees))
        func interchangeable(_ a: Int, _ b: Int) -> Bool {
            let p = problem.staff[a], q = problem.staff[b]
            return p.role == q.role && Set(p.skills) == Set(q.skills) && p.employment == q.employment
                && p.contract == q.contract && problem.options[a] == problem.options[b]
                && problem.rules.carriedLate[p.id] == problem.rules.carriedLate[q.id]
                && problem.rules.carriedHolidayMornings[p.id] == problem.rules.carriedHolidayMornings[q.id]
        }
        var classes: [[Int]] = []
        for p in problem.staff.indices {
            let id = problem.staff[p].id
            if !requested.contains(id) && !attending.contains(id),
               let k = classes.firstIndex(where: { c in
                   let r = problem.staff[c[0]].id
                   return !requested.contains(r) && !attending.contains(r) && interchangeable(c[0], p)
               }) {
                classes[k].append(p)
            } else {
                classes.append([p])
            }
        }
        return classes
    }

    /// The LP relaxation of the aggregated model: a lower bound on every roster of the month.
    /// With `block` > 1, the slot-by-slot rows (cover, presence at the counter,
    /// overstaffing) are also summed over blocks of that many slots and their
    /// columns merged (`LinearProgram.aggregated`): a weaker bound from a much smaller LP.
    public func solve(block: Int = 1, options: SolveOptions = SolveOptions()) throws -> Solution {
        var o = options
        o.relaxIntegrality = true
        o.initialSolution = nil
        return try GLPKSolver().solve(try program(block: block), options: o)
    }

    /// The program whose LP optimum is the bound (see `solve`).
    public func program(block: Int) throws -> LinearProgram {
        guard block > 1 else { return model.program }
        let base = model.program
        var rowGroup = Array(base.rows.indices), columnGroup = Array(base.columns.indices)
        var rowKey: [String: Int] = [:], columnKey: [String: Int] = [:]
        var nextRow = base.rows.count, nextColumn = base.columns.count
        for r in model.slotRows {
            let key = "\(r.key) \(r.day) \(r.slot / block)"
            if rowKey[key] == nil { rowKey[key] = nextRow; nextRow += 1 }
            rowGroup[r.row.index] = rowKey[key]!
        }
        for c in model.slotColumns {
            let key = "\(c.key) \(c.day) \(c.slot / block)"
            if columnKey[key] == nil { columnKey[key] = nextColumn; nextColumn += 1 }
            columnGroup[c.column.index] = columnKey[key]!
        }
        // Renumber densely, in order of first appearance.
        func dense(_ a: [Int]) -> [Int] {
            var map: [Int: Int] = [:]
            return a.map { g in
                if let k = map[g] { return k }
                map[g] = map.count
                return map.count - 1
            }
        }
        do {
            return try base.aggregated(rowGroup: dense(rowGroup), columnGroup: dense(columnGroup)).program
        } catch {
            throw RosterError.solver("\(error)")
        }
    }
}
