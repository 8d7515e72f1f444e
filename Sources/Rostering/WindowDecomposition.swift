import BusinessCalendar
import Foundation
import MIP

/// EXPERIMENTAL (used only with `--method weeks`): on the generated 20-person
/// centre GLPK finds no plan for even the first week within its share of a
/// 60-second budget, so this does not yet beat the monolithic search. It is the
/// starting point of the decomposition the solver-strength issue will finish
/// (a constructive first roster offered as a warm start is the missing piece).
///
/// For months too large for one GLPK search: relax-and-fix over labour weeks to
/// build a roster, then fix-and-optimise over week windows to improve it.
///
/// - Construction: week by week, the shifts and breaks of earlier weeks are fixed
///   at their values, the next week is relaxed (continuous) so that this week does
///   not paint the next into a corner (runs of days, rest), and later weeks are
///   held at zero; each week is searched alone.
///   Monthly minimums are lifted while building (they would pull work into the
///   first weeks) and restored afterwards.
/// - Improvement: each week window is reopened with everything else fixed, the
///   incumbent offered as a starting point, and a better plan kept.
///
/// Every step solves the same `LinearProgram` with different bounds, so the
/// model — its families and names — is the one the monolithic search uses.
/// It gives no lower bound of its own; the benchmark holds its rosters against
/// the LP relaxation of the full model.
struct WindowDecomposition {
    let model: RosterModel

    /// Integer columns by labour week.
    func columnsByWeek() -> [[Int]] {
        let weekOfDay: [Int: Int] = Dictionary(uniqueKeysWithValues: model.weeks.enumerated().flatMap { w, week in week.days.map { ($0, w) } })
        var out = [[Int]](repeating: [], count: model.weeks.count)
        for p in model.work.indices {
            for d in model.work[p].indices {
                guard let w = weekOfDay[d] else { continue }
                for (o, x) in model.work[p][d].enumerated() {
                    out[w].append(x.index)
                    out[w] += model.breakStart[p][d][o].map(\.index)
                }
            }
        }
        return out
    }

    func solve(options: SolveOptions, progress: ((SolveProgress) -> Void)?) throws -> Solution {
        let clock = ContinuousClock()
        let start = clock.now
        func elapsed() -> Double { RosterSolver.seconds(clock.now - start) }
        let total = options.timeLimit ?? 600
        let weeks = columnsByWeek()
        let base = model.program
        let minimumRows = base.rows.indices.filter { base.rows[$0].name.hasPrefix("contractMin") }

        // Rows that demand work (a supervisor on duty, a meeting) only from weeks held at
        // zero must wait for their week: which weeks each such row reaches.
        var weekOf = [Int](repeating: -1, count: base.columns.count)
        for (w, cols) in weeks.enumerated() { for c in cols { weekOf[c] = w } }
        let demanding: [(row: Int, lastWeek: Int)] = base.rows.indices.compactMap { i in
            let row = base.rows[i]
            guard row.lower > 0 else { return nil }
            let ws = row.terms.map { weekOf[$0.column.index] }.filter { $0 >= 0 }
            return ws.isEmpty ? nil : (i, ws.min()!)
        }

        // Construction.
        var building = base
        for i in minimumRows { building.setRowBounds(RowID(i), lower: -.infinity, upper: .infinity) }
        var value = [Double](repeating: 0, count: base.columns.count)
        for (k, cols) in weeks.enumerated() {
            var sub = building
            for (i, first) in demanding where first > k + 1 {
                sub.setRowBounds(RowID(i), lower: -.infinity, upper: base.rows[i].upper)
            }
            for (j, other) in weeks.enumerated() where j != k {
                if j == k + 1 {
                    for c in other { sub.setKind(ColumnID(c), .continuous) }
                } else {
                    for c in other { sub.setBounds(ColumnID(c), lower: j < k ? value[c] : 0, upper: j < k ? value[c] : 0) }
                }
            }
            let share = (total * 0.6 - elapsed()) / Double(weeks.count - k)
            let s = try GLPKSolver().solve(sub, options: SolveOptions(timeLimit: max(1, share), relativeGap: 0.01))
            guard s.hasSolution else {
                return Solution(status: s.status == .infeasible ? .infeasible : .noSolution, stopReason: s.stopReason,
                                objective: nil, bound: nil, gap: nil, seconds: elapsed(), values: [], nodes: 0)
            }
            for c in cols { value[c] = s.values[c].rounded() }
        }
        // The full program with every shift fixed: the incumbent's true objective and values.
        var incumbent = try evaluate(base, value, weeks)
        progress?(SolveProgress(seconds: elapsed(), incumbent: incumbent.objective, bound: nil, gap: nil, nodes: 0))

        // Improvement: reopen one week at a time while time remains.
        var improved = true
        var rounds = 0
        while improved && elapsed() < total * 0.95 && rounds < 3 {
            improved = false
            rounds += 1
            for (k, _) in weeks.enumerated() {
                let left = total * 0.95 - elapsed()
                guard left > 1, let best = incumbent.objective else { break }
                var sub = base
                for (j, other) in weeks.enumerated() where j != k {
                    for c in other { sub.setBounds(ColumnID(c), lower: value[c], upper: value[c]) }
                }
                var o = SolveOptions(timeLimit: min(left, max(2, total / Double(weeks.count * 2))), relativeGap: 0.002)
                o.initialSolution = incumbent.values
                let s = try GLPKSolver().solve(sub, options: o)
                if s.hasSolution, let obj = s.objective, obj < best - 1e-6 * max(1, abs(best)) {
                    for c in weeks[k] { value[c] = s.values[c].rounded() }
                    incumbent = try evaluate(base, value, weeks)
                    improved = true
                    progress?(SolveProgress(seconds: elapsed(), incumbent: incumbent.objective, bound: nil, gap: nil, nodes: 0))
                }
            }
        }
        incumbent.seconds = elapsed()
        incumbent.status = .feasible
        incumbent.stopReason = elapsed() >= total * 0.95 ? .timeLimit : .completed
        return incumbent
    }

    /// Solves the continuous rest with every shift and break fixed.
    func evaluate(_ base: LinearProgram, _ value: [Double], _ weeks: [[Int]]) throws -> Solution {
        var lp = base
        for cols in weeks { for c in cols { lp.setBounds(ColumnID(c), lower: value[c], upper: value[c]) } }
        let s = try GLPKSolver().solve(lp)
        guard s.hasSolution else { throw RosterError.solver("the decomposed roster breaks a rule of the whole month (\(s.status.rawValue))") }
        return s
    }
}
