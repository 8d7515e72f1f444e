import Demand
import Foundation
import MIP

/// What a run produced. `objective` is recomputed from the solution by the
/// independent evaluator, never taken from the solver.
public struct NRPResult: Sendable {
    public var solution: NRPSolution?
    public var objective: Int?
    /// The best lower bound proved on the whole programme.
    public var bound: Double?
    public var seconds: Double
    public var status: String
    /// What each phase did, for the log.
    public var log: [String]

    public var gap: Double? {
        guard let o = objective, let b = bound else { return nil }
        return o == 0 ? 0 : max(0, (Double(o) - b) / Double(o))
    }
}

/// GLPK made to compete on the benchmark: branch and price over the whole
/// programme on a second thread for the whole run (`TreeThread`: the smaller
/// instances end there, proved optimal; every few seconds it also solves the
/// restricted master as a 0/1 programme); on this thread column generation by
/// employee (`NRPColumnGeneration`: the Dantzig–Wolfe bound, GLPK solving the
/// master's LPs, each employee's schedules priced exactly by
/// `NRPSchedulePricer`), rosters by three dives (on single days from the converged
/// pool, on whole schedules, on single days again) and best responses (if none, a
/// construction employee by employee), then
/// a large-neighbourhood search — a share of the employees or of the days
/// re-planned by branch and price, or the whole programme within so many changed
/// employee-days (local branching; or half the employees by the day dive where
/// the tree's nodes are slow), or, as
/// sub-MIPs, a few employees over the whole horizon or every employee over a
/// week, each with the rest fixed, reduced before GLPK sees it and warm-started
/// from the incumbent, so it is never worse. The bound is the better of the
/// column generation's and the tree's.
public struct NRPSolver: Sendable {
    public var timeLimit: Double
    public var seed: UInt64
    /// Stop the search after this many neighbourhoods (a deterministic budget); nil: until the time limit.
    public var iterations: Int?

    /// Run the tree over the whole programme on its own thread (true), or in
    /// slices of a few nodes on this one and go straight to the construction
    /// (a run the seed decides).
    public var wholeProgramme = true

    public init(timeLimit: Double = 60, seed: UInt64 = 1, iterations: Int? = nil) {
        self.timeLimit = timeLimit
        self.seed = seed
        self.iterations = iterations
    }

    /// The construction and the search only: with `iterations` set, a run whose
    /// every step is decided by the seed (no phase stopped by the clock).
    public func solveFromConstruction(_ inst: NRPInstance) throws -> NRPResult {
        var s = self
        s.wholeProgramme = false
        return try s.solve(inst)
    }

    public func solve(_ inst: NRPInstance) throws -> NRPResult {
        let clock = ContinuousClock(), started = clock.now
        func elapsed() -> Double {
            let d = clock.now - started
            return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }
        func left() -> Double { timeLimit - elapsed() }
        var log: [String] = []
        let model = NRPModel(inst)
        var best: NRPSolution?
        var bestValue = Double.infinity
        var bound: Double?

        /// Scores a solution with the evaluator; keeps it when it is the best yet.
        @discardableResult
        func consider(_ s: NRPSolution, _ source: String) -> NRPEvaluator.Report {
            let r = NRPEvaluator.evaluate(s, inst)
            guard r.feasible, Double(r.objective) < bestValue - 1e-9 else { return r }
            best = s
            bestValue = Double(r.objective)
            log.append(String(format: "%6.2fs %@ %d", elapsed(), source, r.objective))
            return r
        }
        func proved() -> Bool { bound.map { bestValue - $0 < 1 - 1e-6 } ?? false }

        // 1. Branch and price over the whole programme on a second thread for the
        // whole budget (`TreeThread`: its own column generation, then the tree),
        // exchanging rosters and bounds with the search below. Without it (a run
        // decided by the seed) the tree runs in slices on this thread.
        let treeThread: TreeThread? = wholeProgramme ? TreeThread() : nil
        let trace = ProcessInfo.processInfo.environment["KINMU_TRACE"] != nil
        if let treeThread {
            let elapsedSendable: @Sendable () -> Double = {
                let d = clock.now - started
                return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
            }
            treeThread.start(inst, timeLimit: timeLimit, elapsed: elapsedSendable, trace: trace)
        }
        let cg = NRPColumnGeneration(inst)  // the search's column generation (step 2)
        var shared = [Int](repeating: 0, count: inst.staff.count)  // the search's schedules already given to the tree
        /// Takes the tree's roster and bound, gives it the search's best and new schedules; true when the roster is proved optimal.
        func exchange() -> Bool {
            guard let treeThread else { return proved() }
            let t = treeThread.snapshot
            log.append(contentsOf: t.log)
            if let s = t.solution, let v = t.value, v < bestValue - 1e-9 { consider(s, "tree") }
            if let b = t.bound { bound = max(bound ?? -.infinity, b) }
            var fresh: [(e: Int, shifts: [Int?])] = []
            for e in cg.schedules.indices where cg.schedules[e].count > shared[e] {
                for p in shared[e]..<cg.schedules[e].count { fresh.append((e, cg.schedules[e][p].shifts)) }
                shared[e] = cg.schedules[e].count
            }
            treeThread.share(fresh)
            if let b = best, bestValue < t.value ?? .infinity { treeThread.offer(bestValue, b) }
            return proved()
        }
        func finish(_ status: String? = nil) throws -> NRPResult {
            if let treeThread {
                // The tree stops within a node (it checks the clock between pricing rounds); its last roster and bound are taken.
                treeThread.stop()
                _ = treeThread.done.wait(timeout: .now() + max(0, left() - 0.05))
                _ = exchange()
            }
            guard let b = best else {
                return NRPResult(solution: nil, objective: nil, bound: bound, seconds: elapsed(), status: status ?? "no solution", log: log)
            }
            return NRPResult(solution: b, objective: Int(bestValue), bound: bound, seconds: elapsed(),
                             status: proved() ? "optimal" : "feasible", log: log)
        }

        var rng = SplitMix64(seed: seed)
        let deterministic = iterations != nil
        /// Where best responses stop (a long horizon's can take seconds, one employee up to about one: `labelLimit`): never in a
        /// run the seed decides.
        let outOfTime = { !deterministic && left() < 1 }

        // 2. Column generation: the Dantzig–Wolfe bound (each round's Lagrangian
        // value is a bound on its own), then rosters by price and dive, polished
        // by best responses (each employee re-planned exactly against the others).
        do {
            try cg.run(until: deterministic ? .infinity : timeLimit * 0.4, maxRounds: deterministic ? 400 : .max,
                       alwaysExact: deterministic, elapsed: elapsed,
                       // Where exact pricing is slow the tree thread waits for this pool, and pricing takes both cores.
                       whenSlow: treeThread.map { t in { t.hold() } },
                       log: trace ? { log.append($0) } : nil)
        } catch is NRPColumnGeneration.Infeasible {
            treeThread?.stop()
            treeThread?.release()
            return NRPResult(solution: nil, objective: nil, bound: nil, seconds: elapsed(), status: "infeasible", log: log)
        }
        if cg.bound.isFinite { bound = max(bound ?? -.infinity, (cg.bound - 1e-6).rounded(.up)) }
        log.append(String(format: "%6.2fs column generation: %d rounds, %d schedules, bound %.2f%@", elapsed(), cg.rounds,
                          cg.schedules.reduce(0) { $0 + $1.count }, cg.bound,
                          cg.converged ? " (converged)" : cg.lastDrop.isFinite
                              ? String(format: " (the master %.2f%% lower in its last round)", 100 * cg.lastDrop) : " (one round)"))
        _ = exchange()
        treeThread?.release()  // after `exchange`: the tree thread goes on from this pool
        // Dives, each followed by best responses: on single days of single employees
        // from the converged pool (about a second; the optimum at once on 10–12),
        // on whole schedules (better on the small instances 5 and 7), then on
        // single days again from the pool the other dives have grown. The first has at least
        // 15% of the limit: where the column generation used its 40% (8 weeks and more), a
        // dive of a second was the LP's largest schedules and nothing more. From a converged LP, 30%: on the
        // 8-week look-alike of 9 (LP 86, converged at 18 s) the dive without a clock gives 86 in 16 s, and
        // in 9 s it gave 1,399.
        // (kind, until this share of the limit, and at least this share of it; at least a second)
        // Where the column generation is far from converged when its share ends (its master still falling by over 1% a
        // round: 12 weeks of instance 12, 24 weeks of instance 8, whose first exact round takes 13 s), a dive that runs
        // out of time returns the master's largest schedules and the next has less time still: once one starves the
        // others are skipped, and the search sweeps windows of days through the horizon instead (step 5).
        let sweep = !cg.converged && cg.lastDrop > 0.01
        let firstLeast = cg.converged ? 0.3 : 0.15
        var diveStarved = false
        for (kind, share, least) in [("assignment", 0.4, firstLeast), ("schedule", 0.55, 0), ("assignment", 0.7, 0)]
        where !proved() && left() > 1 && !(sweep && diveStarved) {
            let until = deterministic ? .infinity : max(elapsed() + max(1, timeLimit * least), timeLimit * share)
            defer { diveStarved = elapsed() >= until }
            let trail = trace ? { log.append($0) } : nil as ((String) -> Void)?
            guard var d = try kind == "assignment" ? cg.assignmentDive(until: until, elapsed: elapsed, log: trail)
                                                   : cg.dive(until: until, elapsed: elapsed, log: trail) else { continue }
            consider(d, "price and dive (\(kind))")
            if cg.bestResponse(&d, order: rng.shuffled(Array(inst.staff.indices)), stop: outOfTime) > 0 { consider(d, "best response") }
            _ = exchange()
        }

        // 3. Without a roster yet (the dives out of time: long horizons), the master's largest schedules, then best
        // responses; failing those, a construction employee by employee (each one's
        // best horizon given those before), then best responses.
        if best == nil, var s = try cg.largestSchedules(), consider(s, "the master's largest schedules").feasible {
            if cg.bestResponse(&s, order: rng.shuffled(Array(inst.staff.indices)), stop: outOfTime) > 0 { consider(s, "best response") }
        }
        if best == nil {
            var s = NRPSolution(staff: inst.staff.count, horizon: inst.horizon)
            var placed = Set<Int>()
            for e in rng.shuffled(Array(inst.staff.indices)) {
                guard left() > 1, !exchange(), best == nil else { break }
                placed.insert(e)
                // Employees not yet placed are left out (their columns fixed to 0, their minimum minutes dropped).
                var lp = model.fixing(s) { p, _ in p == e }
                lp = Self.dropping(lp, model: model, staff: Set(inst.staff.indices).subtracting(placed))
                let r = lp.reduced()
                guard r.infeasibility == nil, !r.program.columns.isEmpty else { continue }
                let sol = try GLPKSolver().solve(r.program, options: SolveOptions(timeLimit: min(5, left())))
                guard sol.hasSolution else { continue }
                s.shifts[e] = model.solution(r.expand(sol.values)).shifts[e]
            }
            if consider(s, "construction").feasible, cg.bestResponse(&s, order: rng.shuffled(Array(inst.staff.indices)), stop: outOfTime) > 0 {
                consider(s, "best response")
            }
        }
        _ = exchange()
        guard var current = best else { return try finish() }
        var currentValue = bestValue

        // 4. Without the tree's thread (a run decided by the seed), the tree runs
        // here in slices of a few nodes: first a slice, then one in every four
        // neighbourhoods of the search.
        let tree = treeThread == nil ? try NRPBranchAndPrice(cg, cutoff: bestValue) : nil
        let treeNodes = 40  // nodes per slice
        /// Branch and price pays as a neighbourhood where its nodes are cheap (the tree's under 0.3 s each on average).
        func treeIsCheap() -> Bool { treeThread.map { ($0.secondsPerNode ?? .infinity) < 0.3 } ?? true }
        func grow() throws {
            guard let tree else { return }
            tree.lower(cutoff: bestValue)
            try tree.run(until: .infinity, maxNodes: tree.nodes + treeNodes, elapsed: elapsed, log: trace ? { log.append($0) } : nil) { s in
                let r = consider(s, "branch and price")
                return r.feasible ? Double(r.objective) : .infinity
            }
            // The open nodes bound every roster the tree has not ruled out.
            if tree.lowestOpen.isFinite { bound = max(bound ?? -.infinity, min(bestValue, (tree.lowestOpen - 1e-6).rounded(.up))) }
        }
        try grow()
        if bestValue < currentValue { current = best!; currentValue = bestValue }

        // 5. Large-neighbourhood search. Every third neighbourhood is a share of the
        // employees over the whole horizon, re-planned from the incumbent (the
        // others' schedules kept) by branch and price where the tree's nodes are
        // cheap (its share growing while such neighbourhoods are proved unable to
        // improve), else by the day dive over half of them. The others are sub-MIPs of two
        // kinds, alternating: a few employees over the whole horizon, and every
        // employee over a window of days. Each sub-MIP kind's size grows while its
        // sub-problems solve to optimality quickly and shrinks when one runs out
        // of time, so the sub-MIPs stay as large as GLPK can finish. Where the
        // tree's thread finds its nodes cheap there are no sub-MIPs: every
        // neighbourhood is branch and price (`branchAndPriceTurn`).
        // Where the column generation was far from converged (`sweep`, step 2) the
        // pool is too thin for branch and price or dives to pay, and every
        // neighbourhood is a window of days for everyone, swept through the horizon
        // from its start, each window half over the last (`sweepWindow`).
        var staffSize = min(inst.staff.count, 3)
        var windowLength = min(inst.horizon, 4)
        // With an iteration budget the sizes stay fixed and each sub-MIP gets ample time, so the seed decides the run.
        let subLimit = deterministic ? max(10, timeLimit) : min(3, max(0.5, timeLimit / 20))
        /// A neighbourhood's roster: scored; polished by best responses when it beats
        /// the current roster (an improvement can open single-employee moves the
        /// neighbourhood could not see; cheap, exact); the current roster when no
        /// worse; offered to the tree when the best yet. Returns its score as found.
        func accept(_ found: NRPSolution, _ label: String) -> NRPEvaluator.Report {
            let before = bestValue
            var candidate = found
            let first = consider(candidate, label)
            var value = first
            if value.feasible && Double(value.objective) < currentValue,
               cg.bestResponse(&candidate, order: rng.shuffled(Array(inst.staff.indices)), stop: outOfTime) > 0 {
                value = consider(candidate, "best response")
            }
            if value.feasible && Double(value.objective) <= currentValue { current = candidate; currentValue = Double(value.objective) }
            if bestValue < before { _ = exchange() }
            return first
        }
        var sweepAt = 0
        var iteration = 0, subMIPs = 0
        var openShare = 0.5, windowShare = 0.5, byWindow = true
        var bpTurn = 0, localAgain = false
        let local = LocalBranching()
        while left() > 0.4 {
            if let n = iterations, iteration >= n { break }
            if exchange() { break }
            if bestValue < currentValue { current = best!; currentValue = bestValue }  // the tree found better
            iteration += 1
            if !sweep, iteration % 4 == 0, let tree, !tree.complete {
                try grow()
                if bestValue < currentValue { current = best!; currentValue = bestValue }
                continue
            }
            if !sweep && Self.branchAndPriceTurn(iteration: iteration, localAgain: localAgain,
                                                 cheapTree: treeThread != nil && treeIsCheap()) {
                if treeIsCheap() {
                    // Branch and price, in turn over a share of the staff (the others kept), over a window of
                    // days for everyone, and over the whole programme within so many changed employee-days
                    // (local branching; again at once while it improves). Each share grows while its
                    // neighbourhoods are proved unable to improve and shrinks when one is not finished; below
                    // the whole programme, which the tree's thread searches already.
                    if !localAgain { bpTurn += 1 }
                    if (bpTurn % 3 == 0 || localAgain) && left() > 2 {
                        localAgain = false
                        // Local branching: the whole programme within a number of employee-days of the current roster.
                        var found: NRPSolution?
                        let lb = try local.turn(cg, around: current, value: currentValue,
                                                until: deterministic ? .infinity : elapsed() + min(8, left() - 0.3), elapsed: elapsed) { s in
                            let r = NRPEvaluator.evaluate(s, inst)
                            guard r.feasible else { return .infinity }
                            if Double(r.objective) < currentValue { found = s }
                            return Double(r.objective)
                        }
                        if trace {
                            log.append(String(format: "%6.2fs it %d local branching within %d: %d nodes%@", elapsed(), iteration, lb.limit,
                                              lb.nodes, lb.complete ? ", complete" : ""))
                        }
                        if let found {
                            _ = accept(found, "local branching within \(lb.limit)")
                            localAgain = true  // from the better roster at once, while it improves
                        }
                        continue
                    }
                    byWindow.toggle()
                    let share = byWindow ? windowShare : openShare
                    let (open, label) = NRPBranchAndPrice.region(inst, share: share, byDays: byWindow, rng: &rng)
                    let sub = try NRPBranchAndPrice(cg, cutoff: currentValue, from: current, open: open)
                    var found: NRPSolution?
                    try sub.run(until: deterministic ? .infinity : elapsed() + min(8, left() - 0.3), maxNodes: 200,
                                elapsed: elapsed) { s in
                        let r = NRPEvaluator.evaluate(s, inst)
                        guard r.feasible else { return .infinity }
                        if Double(r.objective) < sub.cutoff { found = s }
                        return Double(r.objective)
                    }
                    if found == nil {
                        let next = sub.complete ? min(0.875, share + 0.125) : max(0.25, share - 0.125)
                        if byWindow { windowShare = next } else { openShare = next }
                    }
                    if trace {
                        log.append(String(format: "%6.2fs it %d branch and price, %@: %d nodes%@", elapsed(), iteration, label,
                                          sub.nodes, sub.complete ? ", complete" : ""))
                    }
                    if let found { _ = accept(found, "branch and price, \(label)") }
                    continue
                }
                localAgain = false
                let chosen = Set(rng.shuffled(Array(inst.staff.indices)).prefix(max(1, inst.staff.count / 2)))
                guard let d = try cg.assignmentDive(until: deterministic ? .infinity : elapsed() + min(8, left() - 0.3), from: current,
                                                    open: { e, _ in chosen.contains(e) }, elapsed: elapsed) else { continue }
                let value = accept(d, "dive, \(chosen.count) staff")
                if trace { log.append(String(format: "%6.2fs it %d dive %d staff: %d", elapsed(), iteration, chosen.count, value.objective)) }
                continue
            }
            subMIPs += 1
            let byDays = sweep || subMIPs % 2 == 0
            let open: (Int, Int) -> Bool
            let label: String
            if byDays {
                let from: Int
                if sweep {
                    let window = Self.sweepWindow(at: sweepAt, length: windowLength, horizon: inst.horizon)
                    from = window.from
                    sweepAt = window.next
                } else {
                    from = rng.upTo(inst.horizon - windowLength)
                }
                let to = from + windowLength - 1
                open = { _, d in d >= from && d <= to }
                label = "days \(from)-\(to)"
            } else {
                let chosen = Set(rng.shuffled(Array(inst.staff.indices)).prefix(staffSize))
                open = { e, _ in chosen.contains(e) }
                label = "\(chosen.count) staff"
            }
            guard let step = try GLPKSolver().solveNeighbourhood(model.fixing(current, open: open), from: model.values(current),
                                                                 timeLimit: min(subLimit, left() - 0.3)) else { continue }
            let sol = step.solution
            if trace {
                log.append(String(format: "%6.2fs it %d %@: %dx%d %@ %.2fs obj %@", elapsed(), iteration, label, step.columns, step.rows,
                                  sol.status.rawValue, sol.seconds, sol.objective.map { String(format: "%.1f", $0 + step.objectiveOffset) } ?? "-"))
            }
            let quick = sol.status == .optimal && sol.seconds < subLimit * 0.25
            if deterministic {
            } else if byDays {
                if quick { windowLength = min(inst.horizon, windowLength + 1) }
                else if sol.stopReason == .timeLimit { windowLength = max(2, windowLength - 1) }
            } else {
                if quick { staffSize = min(inst.staff.count, staffSize + 1) }
                else if sol.stopReason == .timeLimit { staffSize = max(2, staffSize - 1) }
            }
            guard let values = step.values else { continue }
            _ = accept(model.solution(values), "LNS \(label)")
        }
        log.append(String(format: "%6.2fs LNS: %d neighbourhoods", elapsed(), iteration))
        return try finish()
    }

    /// Whether the search's neighbourhood `iteration` is one of branch and price (or, where the tree is dear, the
    /// day dive over half the staff) rather than a sub-MIP: every third, every one after local branching improved
    /// (its chain), and every one where the tree's thread measures its nodes cheap (`cheapTree`). There the
    /// branch-and-price regions (15–26 staff, or 14–25 days for everyone, searched exactly) hold what the sub-MIPs
    /// (3–9 staff or 4–9 days, 3 s of GLPK) can reach, and on instance 8 the sub-MIPs found nothing from 1,307 on
    /// while taking a quarter to two-fifths of the search's time (session 28). Without the tree's thread
    /// (a run the seed decides) the rule is the old one, every third.
    static func branchAndPriceTurn(iteration: Int, localAgain: Bool, cheapTree: Bool) -> Bool {
        cheapTree || localAgain || iteration % 3 == 1
    }

    /// The sweep's window at `at` of `length` days (the horizon's last `length` days where it would run past
    /// them) and where the next begins: half a window on, so that consecutive windows overlap and a change can
    /// travel; day 0 again after the window that ends the horizon.
    static func sweepWindow(at: Int, length: Int, horizon: Int) -> (from: Int, next: Int) {
        let from = max(0, min(at, horizon - length))
        return (from, from == horizon - length ? 0 : from + max(1, length / 2))
    }

    /// The programme without the named employees' own rules (for a construction
    /// in which they are not placed yet): their columns fixed to 0 and their
    /// minimum-minutes rows dropped.
    static func dropping(_ lp: LinearProgram, model: NRPModel, staff: Set<Int>) -> LinearProgram {
        var out = lp
        for e in staff {
            for d in model.x[e].indices { for c in model.x[e][d] { if let c { out.setBounds(c, lower: 0, upper: 0) } } }
            for w in model.weekend[e] { out.setBounds(w, lower: 0, upper: 0) }
            if let i = out.rows.firstIndex(where: { $0.name == "minutes[\(model.instance.staff[e].id)]" }) {
                out.setRowBounds(RowID(i), lower: -.infinity, upper: .infinity)
            }
        }
        return out
    }
}
