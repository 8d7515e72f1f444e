import Foundation
import Demand
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
        return try aggregated(block: block).program
    }

    /// The model with slots summed in blocks, and the map from its rows and columns.
    func aggregated(block: Int) throws -> AggregatedProgram {
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
            return try base.aggregated(rowGroup: dense(rowGroup), columnGroup: dense(columnGroup))
        } catch {
            throw RosterError.solver("\(error)")
        }
    }

    /// Values of the aggregated model read per person of the whole staff:
    /// `[p][d][o]` is the fraction of p's class on option o of day d (the input of
    /// `RosterSearch.construct(following:)`).
    public func shares(_ aggregated: [Double]) -> [[[Double]]] {
        let problem = model.problem
        var share = [[[Double]]](repeating: [], count: classes.reduce(0) { $0 + $1.count })
        for (k, members) in classes.enumerated() {
            let mine = problem.days.indices.map { d in model.work[k][d].map { aggregated[$0.index] } }
            for p in members { share[p] = mine }
        }
        return share
    }

    /// The master's solution with each day's shifts made whole numbers of each
    /// class: every day block solved as a small MIP at the best bound's prices
    /// (so a shift taken today is charged what it takes from the week), each
    /// class's count on each shift between the floor and the ceiling of the LP's.
    /// Days that find nothing in time keep the LP's values.
    /// `seed` > 0 starts each class's running remainder at a random point in
    /// [−½, ½), which moves the days on which a class's fractions are rounded up:
    /// another rounding of the same LP.
    func roundByDays(_ decomposition: BlockDecomposition, deadline: Double, seed: UInt64 = 0, workRate: Double? = nil) throws -> [Double] {
        var rng = SplitMix64(seed: seed)
        let watch = Stopwatch(rate: workRate)
        var x = decomposition.primal()
        var counts: [[Int: (scale: Double, lower: Double, upper: Double)]] = Array(repeating: [:], count: decomposition.blockCount)
        var rows: [[(terms: [(column: Int, coefficient: Double)], lower: Double, upper: Double)]] = Array(repeating: [], count: decomposition.blockCount)
        var weekOf = [Int](repeating: 0, count: model.problem.days.count)
        for (n, w) in model.weeks.enumerated() { for d in w.days { weekOf[d] = n } }
        // Each day's block (nil for a day no one can work).
        let blockOfDay = model.problem.days.indices.map { d in
            classes.indices.lazy.compactMap { k in self.model.work[k][d].first.flatMap { decomposition.blockOf(column: $0.index) } }.first
        }
        for (k, members) in classes.enumerated() {
            let m = Double(members.count)
            let offset = seed == 0 ? 0.0 : rng.uniform() - 0.5
            var carry = offset
            for d in model.work[k].indices {
                if d > 0 && weekOf[d] != weekOf[d - 1] { carry = offset }  // each week's total follows the LP's
                guard !model.work[k][d].isEmpty, let b = blockOfDay[d] else { continue }
                for (o, w) in model.work[k][d].enumerated() {
                    let t = m * x[w.index]
                    counts[b][w.index] = (m, max(0, (t - 1e-6).rounded(.down)), min(m, max(0, (t + 1e-6).rounded(.up))))
                    for br in model.breakStart[k][d][o] { counts[b][br.index] = (m, 0, m) }
                }
                // The class's people at work that day: the LP's number, rounded so that
                // the running total follows the LP's (no drift over a week).
                let total = model.work[k][d].reduce(0.0) { $0 + m * x[$1.index] }
                let want = min(m, max(0, (carry + total).rounded()))
                carry += total - want
                rows[b].append((model.work[k][d].map { ($0.index, 1.0) }, want, want))
            }
        }
        // Day by day (the order the weeks run in).
        for d in model.problem.days.indices {
            guard let b = blockOfDay[d], !counts[b].isEmpty else { continue }
            let extra = rows[b]
            let left = deadline - watch.elapsed
            guard left > 0.1 else { break }
            var o = SolveOptions(timeLimit: max(0.1, min(2, left / Double(model.problem.days.count - d))), relativeGap: 1e-3)
            o.cuts = false
            o.workRate = workRate
            // When the day's whole counts cannot meet the LP's number of people exactly:
            // fewer (each count down to 0, the day's total at most the LP's).
            var v = try decomposition.solveBlock(b, counts: counts[b], rows: extra, options: o) { watch.charge($0) }
            if v == nil {
                let looser = counts[b].mapValues { (scale: $0.scale, lower: 0.0, upper: $0.upper) }
                let atMost = extra.map { (terms: $0.terms, lower: -Double.infinity, upper: $0.upper) }
                v = try decomposition.solveBlock(b, counts: looser, rows: atMost, options: o) { watch.charge($0) }
            }
            if let v {
                for (j, value) in v { x[j] = value }
            } else if ProcessInfo.processInfo.environment["KINMU_TRACE"] != nil {
                FileHandle.standardError.write(Data("bound: day \(d) not rounded (no whole counts found in \(o.timeLimit ?? 0) s)\n".utf8))
            }
        }
        return x
    }

    // MARK: The bound by days

    /// Rows that tie days together (weekly and monthly limits, runs, rest,
    /// fairness; anything with a column that belongs to no day): dualizing them
    /// leaves one block per day.
    func linkingRows() -> [Int] {
        let program = model.program
        var day = [Int](repeating: -1, count: program.columns.count)
        for p in model.work.indices {
            for d in model.work[p].indices {
                for (o, x) in model.work[p][d].enumerated() {
                    day[x.index] = d
                    for b in model.breakStart[p][d][o] { day[b.index] = d }
                }
            }
        }
        for c in model.slotColumns { day[c.column.index] = c.day }
        return program.rows.indices.filter { i in
            var seen: Int?
            var global = false
            for t in program.rows[i].terms {
                let d = day[t.column.index]
                if d < 0 { global = true; continue }
                if let s = seen, s != d { return true }
                seen = d
            }
            return global && seen != nil
        }
    }

    /// The decomposition's rounds at most (the limit under a work rate, where the clock sets
    /// none), and a rounding's work at most under a work rate (its seconds; a tenth of the
    /// whole when that is less).
    static let maximumRounds = 2_000
    static let roundingWork = 20.0

    /// The master's value has fallen by less than 0.3% over its last five rounds
    /// (and there have been ten): close enough to the LP optimum to round — at 150
    /// people 0.1–0.2% above it, 4–8 s before convergence.
    static func stalled(_ values: [Double]) -> Bool {
        guard values.count >= 10, let now = values.last, now.isFinite else { return false }
        return values[values.count - 6] - now < 0.003 * abs(now)
    }

    /// The exact LP bound of the aggregated model, by Dantzig–Wolfe over days
    /// (`BlockDecomposition`): the day-linking rows form the master, each day is a
    /// block kept as a warm GLPK problem. Every round's Lagrangian value is a valid
    /// bound and is reported when it improves; when no day prices out, the bound is
    /// the LP optimum. With `block` > 1 the first multipliers are the duals of the
    /// coarse LP (slots summed in `block`s; its linking rows are the same rows) —
    /// slower than starting from zero at every size measured, kept for comparison.
    ///
    /// Once before convergence (after `primalAfter` seconds, or when the master has
    /// stalled) and again at convergence, the master's solution is rounded day by
    /// day (`roundByDays`) and passed to `primal`: the aggregated model's values
    /// with whole numbers of each class on each shift. After
    /// convergence it is rounded again, other ways, as long as `primal` returns true.
    ///
    /// With `workRate` (deterministic work, `SolveOptions.workRate`) the decomposition runs
    /// to convergence (at most `maximumRounds`) whatever the clock, rounds its solution
    /// when the master stalls and at convergence, and each rounding's MIPs count work.
    public func boundByDays(block: Int = 1, deadline: Double, primalAfter: Double = .infinity, workRate: Double? = nil,
                            report: (Double) -> Void = { _ in }, primal: (([Double]) -> Bool)? = nil) throws -> Double? {
        let clock = ContinuousClock(), started = clock.now
        func left() -> Double { workRate != nil ? .infinity : deadline - RosterSolver.seconds(clock.now - started) }
        let program = model.boxed()
        let rows = linkingRows()
        var initial = [Double](repeating: 0, count: rows.count)
        var coarseValue: Double? = nil
        if block > 1 {
            let coarse = try aggregated(block: block)
            var o = SolveOptions(timeLimit: workRate == nil ? max(1, left()) : nil)
            o.workRate = workRate
            o.relaxIntegrality = true
            let lp = try GLPKSolver().solve(coarse.program, options: o)
            guard lp.status == .optimal, let v = lp.objective else { return nil }
            report(v)
            coarseValue = v
            initial = rows.map { lp.duals[coarse.rowOf[$0]] }
        }
        let penalty = 1e3 * max(1, program.columns.map { abs($0.objective) }.max() ?? 1)
        let decomposition = try BlockDecomposition(program, linking: rows, penalty: penalty)
        let trace = ProcessInfo.processInfo.environment["KINMU_TRACE"] != nil
        var best: Double? = coarseValue
        func note(_ value: Double) {
            if value > (best ?? -.infinity) + 1e-9 { best = value; report(value) }
        }
        guard let first = try decomposition.start(at: initial) else { return best }
        var handed = false
        var masterValues: [Double] = []
        note(first)
        while left() > 0.5 && decomposition.rounds < Self.maximumRounds {
            let more = try decomposition.round(smoothing: 0.8, timeLimit: workRate == nil ? left() : nil)
            masterValues.append(decomposition.masterValue)
            if trace {
                FileHandle.standardError.write(Data(String(
                    format: "bound: round %d  master %.2f  L %.2f  artificial %.3f  %.1fs\n", decomposition.rounds,
                    decomposition.masterValue, decomposition.bound, decomposition.artificialUse,
                    RosterSolver.seconds(clock.now - started)).utf8))
            }
            note(decomposition.bound)
            // The master's solution (the LP optimum once nothing prices out; close to it
            // long before) is rounded and handed on, then rounded again other ways
            // while `primal` asks for more and time remains.
            // Once mid-way (after `primalAfter` seconds or when the master stalls), and
            // again at convergence.
            if let hand = primal, decomposition.artificialUse < 1e-9,
               !more || (!handed && ((workRate == nil && RosterSolver.seconds(clock.now - started) >= primalAfter) || Self.stalled(masterValues))) {
                handed = true
                if trace {
                    let values = decomposition.primal()
                    FileHandle.standardError.write(Data(String(format: "bound: the LP's solution handed on (%@)\n",
                                                               RosterSearch.breakdown(program, values)).utf8))
                    FileHandle.standardError.write(Data(("bound: the LP's shortfall by time "
                        + RosterSearch.shortfallByTime(model, values) + "\n").utf8))
                    FileHandle.standardError.write(Data(("bound: the LP's shifts " + RosterSearch.shiftMix(model, values) + "\n").utf8))
                    FileHandle.standardError.write(Data(("bound: the LP's shortfall by day " + RosterSearch.shortfallByDay(model, values) + "\n").utf8))
                }
                var seed: UInt64 = 0
                while left() > 1 {
                    let roundingStarted = RosterSolver.seconds(clock.now - started)
                    let rounded = (try? roundByDays(decomposition, deadline: workRate == nil ? left() * 0.5 : min(Self.roundingWork, 0.1 * deadline), seed: seed,
                                                    workRate: workRate)) ?? decomposition.primal()
                    if trace {
                        FileHandle.standardError.write(Data(String(format: "bound: the LP rounded day by day (seed %d) in %.2fs (%@)\n", seed,
                                                                   RosterSolver.seconds(clock.now - started) - roundingStarted,
                                                                   RosterSearch.breakdown(program, rounded)).utf8))
                    }
                    guard hand(rounded), more == false else { break }  // mid-way: once, then back to the bound
                    seed += 1
                }
            }
            guard more else { break }
        }
        return best
    }
}
