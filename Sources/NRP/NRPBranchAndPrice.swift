import Demand
import Foundation
import MIP

/// Branch and price on single days of single employees, over the column
/// generation's master (`NRPColumnGeneration`): every node is the master's LP
/// priced to convergence under the node's branchings, cut off when its bound
/// shows it cannot beat the incumbent.
///
/// A branching restricts what one employee may do on one day to a set of
/// options (off, or one of the shift types). At a fractional LP the node takes
/// the (employee, day) whose most-used option has a share nearest one half and
/// splits it in two: that option alone, and every other option still allowed.
/// The two children partition the node, so the search is complete: run to the
/// end it proves its best roster optimal within its region (the whole
/// programme, or the days `open` from an incumbent). Nodes are taken best
/// bound first, except that the search **plunges**: after branching it goes on
/// with the child "that option alone", so each plunge is a dive to a roster or
/// a cut-off, and best bound decides where the next one starts (SCIP's
/// plunging). Schedules breaking a node's restrictions are barred from the LP
/// (upper bound 0); the pricer keeps to them through its
/// costs (+M on a forbidden shift, −M on each allowed shift of a day that must
/// be worked; the reduced cost is recomputed without M). At every pricing round
/// the Lagrangian value of the node's duals bounds the node (the pricing is
/// exact), so a node is often cut off before its LP has converged.
///
/// The search is resumable: `run` explores until a deadline or a number of
/// nodes and keeps its open nodes for the next call, whose cutoff may have
/// been lowered meanwhile by rosters found elsewhere. One thread (GLPK's).
public final class NRPBranchAndPrice {
    /// A restriction: employee `e` on day `d` may only take the options in `options`
    /// (bit 0: off; bit t+1: shift type t).
    struct Restriction { var e: Int, d: Int, options: UInt64 }
    /// A node: its restrictions, its parent's bound and its parent's optimal basis (the node's LP starts from it).
    struct Node { var path: [Restriction]; var bound: Double; var basis: ColumnLP.Basis? = nil }

    let cg: NRPColumnGeneration
    /// The region's options per employee and day (all, or the incumbent's where not open).
    private var base: [[UInt64]]
    private let all: UInt64
    private var open: [Node]
    /// The value a roster must beat (integral objectives: a node above cutoff − 1 is cut off).
    public private(set) var cutoff: Double
    /// Nodes whose LP was solved, the deepest path, and the seconds spent in `run`.
    public private(set) var nodes = 0
    public private(set) var depth = 0
    public private(set) var seconds = 0.0
    /// Pricing rounds over all nodes, and the seconds spent in the LP and in pricing.
    public private(set) var rounds = 0
    public private(set) var lpSeconds = 0.0, pricingSeconds = 0.0
    /// Bound on the region's optimum held by the open nodes (the lowest of
    /// their parents' bounds; the cutoff once none is left) — −∞ when the tree
    /// proves nothing: some pricing since it began was not exact
    /// (`NRPColumnGeneration.inexact`: a node may have been dropped for want of a
    /// schedule the heuristic missed), or it had nothing to explore (63 shift
    /// types or more).
    public var lowestOpen: Double { proves ? open.map(\.bound).min() ?? cutoff : -.infinity }
    private var proves: Bool { searchable && cg.inexact == inexactAtStart }
    private let searchable: Bool, inexactAtStart: Int
    /// True once every node was explored or cut off: nothing in the region beats the cutoff.
    public var complete: Bool { open.isEmpty }
    /// True while a plunge goes on: the next node is the last child pushed (kept across calls of `run`, so a
    /// search run in slices plunges as one run without them would).
    private var plunging = false
    /// Pricing rounds at most per node.
    public var roundsPerNode = 200

    /// The search over the whole programme, or, from `incumbent`, over the days `open(e, d)` (the rest kept).
    public init(_ cg: NRPColumnGeneration, cutoff: Double, from incumbent: NRPSolution? = nil,
                open isOpen: ((Int, Int) -> Bool)? = nil) throws {
        let inst = cg.instance, nt = inst.shifts.count
        self.cg = cg
        self.cutoff = cutoff
        all = nt < 63 ? (1 << UInt64(nt + 1)) - 1 : 0
        base = Array(repeating: Array(repeating: all, count: inst.horizon), count: inst.staff.count)
        // Options are bits of a UInt64: with 63 shift types or more the search has nothing to explore.
        searchable = nt < 63
        open = searchable ? [Node(path: [], bound: -.infinity)] : []
        inexactAtStart = cg.inexact
        if let incumbent {
            try cg.add(incumbent)
            for e in base.indices {
                for d in 0..<inst.horizon where !(isOpen?(e, d) ?? true) { base[e][d] = NRPColumnGeneration.option(incumbent.shifts[e][d]) }
            }
        }
    }

    /// Local branching: the whole programme within `limit` employee-days of `incumbent` (a row of the
    /// master while the search runs; its multiplier in the pricing and in every node's bound).
    public convenience init(_ cg: NRPColumnGeneration, cutoff: Double, around incumbent: NRPSolution, within limit: Int) throws {
        try self.init(cg, cutoff: cutoff, from: incumbent)
        localBranch = (incumbent, limit)
    }
    private var localBranch: (from: NRPSolution, limit: Int)?

    /// Lowers the cutoff (a roster found elsewhere); open nodes that cannot beat it are dropped.
    public func lower(cutoff value: Double) {
        guard value < cutoff else { return }
        cutoff = value
        open.removeAll { cuts($0.bound) }
    }

    private func cuts(_ bound: Double) -> Bool { bound > cutoff - 1 + 1e-6 }

    /// A neighbourhood's region, drawn at random: a window of days for everyone
    /// (`byDays`) or some of the staff over the whole horizon, `share` of either
    /// (at least one); with a label for the trace.
    static func region(_ inst: NRPInstance, share: Double, byDays: Bool, rng: inout SplitMix64)
        -> (open: (Int, Int) -> Bool, label: String) {
        if byDays {
            let length = max(1, Int((Double(inst.horizon) * share).rounded()))
            let from = rng.upTo(inst.horizon - length)
            return ({ _, d in d >= from && d < from + length }, "days \(from)-\(from + length - 1)")
        }
        let chosen = Set(rng.shuffled(Array(inst.staff.indices)).prefix(max(1, Int((Double(inst.staff.count) * share).rounded()))))
        return ({ e, _ in chosen.contains(e) }, "\(chosen.count) staff")
    }

    /// Explores until `deadline` (seconds from `elapsed()`) or until it has explored `maxNodes` nodes in all.
    /// Each roster found at a whole LP goes to `found`, which returns its value as
    /// scored; a lower value becomes the cutoff.
    public func run(until deadline: Double, maxNodes: Int = .max, untilImproved: Bool = false, elapsed: () -> Double,
                    log: ((String) -> Void)? = nil, found: (NRPSolution) -> Double) throws {
        let started = elapsed()
        defer { seconds += elapsed() - started }
        let inst = cg.instance, nE = inst.staff.count, h = inst.horizon, nt = inst.shifts.count
        let lp = try cg.masterLP()
        if let lb = localBranch { try cg.limitDistance(from: lb.from, to: Double(lb.limit)) }
        defer { if localBranch != nil { try? cg.limitDistance(from: nil) } }
        let limit = Double(localBranch?.limit ?? 0)
        let all = self.all
        var mask = base
        var barred = [[Bool]](repeating: [], count: nE)
        defer {
            for e in 0..<nE { for (p, b) in barred[e].enumerated() where b { try? lp.setBounds(cg.lpColumn[e][p], lower: 0, upper: 1) } }
        }
        func agrees(_ e: Int, _ shifts: [Int?]) -> Bool {
            for d in 0..<h where mask[e][d] & NRPColumnGeneration.option(shifts[d]) == 0 { return false }
            return true
        }
        /// Bars e's schedules that break e's restrictions and lifts the bar from those that keep them.
        func sync(_ e: Int) throws {
            while barred[e].count < cg.schedules[e].count { barred[e].append(false) }
            for p in cg.schedules[e].indices {
                let bar = !agrees(e, cg.schedules[e][p].shifts)
                guard bar != barred[e][p] else { continue }
                barred[e][p] = bar
                try lp.setBounds(cg.lpColumn[e][p], lower: 0, upper: bar ? 0 : 1)
            }
        }
        /// Employee e's cheapest schedule keeping to the node's restrictions at cover duals `pi`, and its cost.
        func cheapest(_ e: Int, _ pi: [Double], nu: Double = 0) -> (cost: Double, shifts: [Int?])? {
            cg.cheapest(e, pi, nu: nu, allowed: { d in mask[e][d] == all ? nil : mask[e][d] })
        }
        let zero = [Double](repeating: 0, count: inst.cover.count)
        var lastPath: [Restriction]? = nil
        while !open.isEmpty {
            guard nodes < maxNodes, elapsed() < deadline else { return }
            // Best bound first (the deeper on a tie), or the last child while plunging.
            var at = open.count - 1
            if !plunging {
                for (i, n) in open.enumerated() where n.bound < open[at].bound - 1e-9
                    || (abs(n.bound - open[at].bound) <= 1e-9 && n.path.count > open[at].path.count) { at = i }
            }
            plunging = false
            let node = open.remove(at: at)
            if cuts(node.bound) { continue }
            nodes += 1
            depth = max(depth, node.path.count)
            // The node's restrictions, and the bars that follow (only for employees whose restrictions changed).
            var changed = Set<Int>()
            if lastPath == nil { changed = Set(0..<nE) }
            for r in lastPath ?? [] { changed.insert(r.e); mask[r.e][r.d] = base[r.e][r.d] }
            for r in node.path { changed.insert(r.e); mask[r.e][r.d] = r.options }
            lastPath = node.path
            for e in changed.sorted() { try sync(e) }
            // The parent's optimal basis: best bound first jumps between distant nodes, where the last basis is far off.
            if let b = node.basis { lp.restore(b) }
            // Every employee needs a schedule in the LP: its cheapest at zero duals where none is left.
            var empty = false
            for e in 0..<nE where !barred[e].contains(false) {
                guard let b = cheapest(e, zero) else { empty = true; break }
                try cg.add(e, b.shifts)
                try sync(e)
            }
            if empty { continue }
            // Price to convergence; each round's Lagrangian value bounds the node.
            var bound = node.bound, converged = false
            for _ in 0..<roundsPerNode {
                guard elapsed() < deadline else { open.append(node); return }
                rounds += 1
                let t0 = elapsed()
                // The master always has a solution (its artificial columns): anything but optimal is the simplex
                // out of time (or failing), not a node without rosters — the node goes back, unexplored.
                guard lp.solve(timeLimit: NRPColumnGeneration.solveLimit(deadline, elapsed())) == .optimal else { open.append(node); return }
                let t1 = elapsed()
                lpSeconds += t1 - t0
                defer { pricingSeconds += elapsed() - t1 }
                let duals = lp.duals
                let pi = cg.coverDuals(duals), nu = cg.distanceDual(duals)
                var value = nu * limit, added = 0
                let inexactBefore = cg.inexact
                for e in 0..<nE {
                    guard let b = cheapest(e, pi, nu: nu) else { empty = true; break }
                    value += b.cost
                    if b.cost - duals[e] < -1e-6, try cg.add(e, b.shifts) {
                        while barred[e].count < cg.schedules[e].count { barred[e].append(false) }
                        added += 1
                    }
                }
                if empty { break }
                // A round priced not quite exactly (`NRPColumnGeneration.inexact`) bounds nothing.
                let exact = cg.inexact == inexactBefore
                if exact { bound = max(bound, value + cg.coverTerm(pi)) }
                if cuts(bound) { break }
                if added == 0 { converged = true; if exact { bound = max(bound, lp.objective) }; break }
            }
            if empty || cuts(bound) { continue }
            if !converged {
                // Out of rounds: the node goes back with the bound it has.
                open.append(Node(path: node.path, bound: bound))
                continue
            }
            // The LP's share of each option of each day; whether every employee's schedule is whole.
            var whole = true
            var branch: (e: Int, d: Int, option: Int, score: Double)? = nil
            var roster = NRPSolution(staff: nE, horizon: h)
            for e in 0..<nE {
                var share = [[Double]](repeating: Array(repeating: 0, count: nt + 1), count: h)
                var top = -1.0
                for (p, c) in cg.lpColumn[e].enumerated() where !barred[e][p] {
                    let v = lp.value(c)
                    guard v > 1e-9 else { continue }
                    if v > top { top = v; roster.shifts[e] = cg.schedules[e][p].shifts }
                    for (d, t) in cg.schedules[e][p].shifts.enumerated() { share[d][(t ?? -1) + 1] += v }
                }
                if top < 1 - 1e-6 { whole = false }
                for d in 0..<h {
                    guard let o = share[d].indices.max(by: { share[d][$0] < share[d][$1] }), share[d][o] < 1 - 1e-6 else { continue }
                    let score = -abs(share[d][o] - 0.5)
                    if branch == nil || score > branch!.score + 1e-9 { branch = (e, d, o, score) }
                }
            }
            guard !whole, let b = branch else {
                let value = found(roster)
                log?(String(format: "%6.2fs branch and price: node %d (depth %d) roster %.0f", elapsed(), nodes, node.path.count, value))
                let before = cutoff
                lower(cutoff: value)
                if untilImproved && cutoff < before { return }
                continue
            }
            let m = mask[b.e][b.d], o = UInt64(1) << UInt64(b.option)
            // The other options first onto the list, so the option alone is the one plunged into.
            let basis = lp.basis
            if m & ~o != 0 { open.append(Node(path: node.path + [Restriction(e: b.e, d: b.d, options: m & ~o)], bound: bound, basis: basis)) }
            open.append(Node(path: node.path + [Restriction(e: b.e, d: b.d, options: o)], bound: bound, basis: basis))
            plunging = true
        }
    }
}

/// Local branching around a roster that moves on: one tree per roster value, kept
/// from turn to turn while that value stays (a turn stops at the first better
/// roster); the limit on changed employee-days half as large again each time a
/// tree is searched in full without one.
final class LocalBranching {
    /// Employee-days that may change (40 to start).
    private(set) var limit = 40
    private var tree: NRPBranchAndPrice?
    private var around = Double.nan

    /// One turn around `roster` (worth `value`) until `deadline` or `nodes` more nodes; rosters
    /// found go to `found` as in `NRPBranchAndPrice.run`. Returns the limit searched, the tree's
    /// nodes so far and whether it was searched in full.
    func turn(_ cg: NRPColumnGeneration, around roster: NRPSolution, value: Double, until deadline: Double,
              nodes: Int = 200, elapsed: () -> Double, found: (NRPSolution) -> Double) throws
        -> (limit: Int, nodes: Int, complete: Bool) {
        if tree == nil || around != value {
            tree = try NRPBranchAndPrice(cg, cutoff: value, around: roster, within: limit)
            around = value
        }
        let t = tree!, searched = limit
        try t.run(until: deadline, maxNodes: t.nodes + nodes, untilImproved: true, elapsed: elapsed, found: found)
        if t.complete { tree = nil; limit += limit / 2 }
        return (searched, t.nodes, t.complete)
    }
}

/// Branch and price over the whole programme on a thread of its own for the
/// whole budget, beside the search: its own column generation (GLPK's problems
/// belong to the thread that made them), then the tree in slices of half a
/// second, and after every five seconds of tree the restricted master — one
/// schedule per employee among every schedule the tree and the search have
/// generated — as a 0/1 programme for GLPK's branch and cut (3 s at most),
/// then a neighbourhood of the best roster by the same branch and price (7/8 of
/// the staff, or 7/8 of the days for everyone, in turn; 5 s or 200 nodes).
/// Through a lock it publishes every roster it finds and its bound (the
/// lowest open node's, or its cutoff once the tree is complete), and takes
/// the search's best roster and new schedules between slices.
final class TreeThread: @unchecked Sendable {
    static let masterPeriod = 5.0
    private let lock = NSLock()
    private var best: (value: Double, solution: NRPSolution)?
    private var _bound: Double?
    private var stopped = false
    private var rate: (nodes: Int, seconds: Double) = (0, 0)
    private var _log: [String] = []
    /// Schedules the search generated, not yet in the tree's master.
    private var pending: [(e: Int, shifts: [Int?])] = []
    let done = DispatchSemaphore(value: 0)
    /// Set by the search when its column generation prices on both cores: this thread's column generation stops
    /// and waits (`released`) for the search's pool instead of repeating its rounds.
    private var held = false
    private let released = DispatchSemaphore(value: 0)

    /// Stops this thread's column generation until `release`.
    func hold() { lock.withLock { held = true } }

    /// Lets a held column generation go on (the search's schedules shared first, by `share`).
    func release() {
        let wasHeld = lock.withLock { defer { held = false }; return held }
        if wasHeld { released.signal() }
    }

    /// Starts the thread; `elapsed` is the run's clock, `timeLimit` its end.
    func start(_ inst: NRPInstance, timeLimit: Double, elapsed: @escaping @Sendable () -> Double, trace: Bool) {
        let thread = Thread { [self] in
            defer { done.signal() }
            let cg = NRPColumnGeneration(inst)
            let end = timeLimit - 0.3
            func note(_ line: String) { lock.withLock { _log.append(line) } }
            do {
                try cg.run(until: timeLimit * 0.5, elapsed: elapsed, pause: { lock.withLock { held } })
                if lock.withLock({ held }) {
                    // The search's column generation found exact pricing slow and prices on both cores: wait for its
                    // pool, then go on from it (a round or two where it converged).
                    _ = released.wait(timeout: .now() + max(0, timeLimit * 0.5 - elapsed()))
                    for c in lock.withLock({ defer { pending = [] }; return pending }) { try cg.add(c.e, c.shifts) }
                    if trace { note(String(format: "%6.2fs tree: column generation resumed from the search's pool", elapsed())) }
                    try cg.run(until: timeLimit * 0.5, elapsed: elapsed)
                }
                if cg.bound.isFinite { publish(bound: (cg.bound - 1e-6).rounded(.up)) }
                let tree = try NRPBranchAndPrice(cg, cutoff: lock.withLock { best?.value } ?? .infinity)
                var nextMaster = Self.masterPeriod
                var turn = 0
                var rng = SplitMix64(seed: 7)
                /// A roster found on this thread: scored, kept when the best yet; its value (+∞ when unlawful).
                let take = { [self] (s: NRPSolution) -> Double in
                    let r = NRPEvaluator.evaluate(s, inst)
                    guard r.feasible else { return .infinity }
                    offer(Double(r.objective), s)
                    return Double(r.objective)
                }
                while !lock.withLock({ stopped }) && elapsed() < end && !tree.complete {
                    if let v = lock.withLock({ best?.value }) { tree.lower(cutoff: v) }
                    try tree.run(until: min(end, elapsed() + 0.5), elapsed: elapsed,
                                 log: trace ? { note("tree: " + $0) } : nil, found: take)
                    lock.withLock { rate = (tree.nodes, tree.seconds) }
                    if tree.lowestOpen.isFinite { publish(bound: min(tree.cutoff, (tree.lowestOpen - 1e-6).rounded(.up))) }
                    // Every few seconds of the tree: the restricted master over every schedule met so far (its own and
                    // the search's), then a neighbourhood of the best roster — most of the staff, or most of the days.
                    guard !tree.complete, tree.seconds >= nextMaster, end - elapsed() > 2 else { continue }
                    nextMaster = tree.seconds + Self.masterPeriod
                    for c in lock.withLock({ defer { pending = [] }; return pending }) { try cg.add(c.e, c.shifts) }
                    let start = lock.withLock { best?.solution }
                    let before = lock.withLock { best?.value } ?? .infinity
                    let started = elapsed()
                    if let s = try cg.restrictedMaster(timeLimit: min(3, end - elapsed() - 0.5), start: start) {
                        let value = take(s)
                        if value < before { tree.lower(cutoff: value) }
                        if trace {
                            note(String(format: "%6.2fs tree: restricted master over %d schedules: %.0f (best %.0f) in %.1fs", elapsed(),
                                        cg.schedules.reduce(0) { $0 + $1.count }, value, before, elapsed() - started))
                        }
                    }
                    guard end - elapsed() > 2, let (value, from) = lock.withLock({ best }) else { continue }
                    turn += 1
                    let (open, _) = NRPBranchAndPrice.region(inst, share: 0.875, byDays: turn % 2 == 0, rng: &rng)
                    let sub = try NRPBranchAndPrice(cg, cutoff: value, from: from, open: open)
                    try sub.run(until: min(end, elapsed() + 5), maxNodes: 200, elapsed: elapsed, found: take)
                    if trace {
                        note(String(format: "%6.2fs tree: neighbourhood %d, %d nodes%@: best %.0f", elapsed(), turn, sub.nodes,
                                    sub.complete ? " (complete)" : "", lock.withLock { best?.value } ?? .infinity))
                    }
                }
                if trace {
                    note(String(format: "%6.2fs tree: %d nodes in %.1fs (%d rounds; LP %.1fs, pricing %.1fs), depth %d, %@", elapsed(),
                                tree.nodes, tree.seconds, tree.rounds, tree.lpSeconds, tree.pricingSeconds, tree.depth,
                                tree.complete ? "complete" : String(format: "lowest open %.2f", tree.lowestOpen)))
                }
            } catch {
                // An employee without a lawful schedule: the search's own column generation reports it.
            }
        }
        thread.stackSize = 64 << 20
        thread.start()
    }

    private func publish(bound b: Double) { lock.withLock { _bound = max(_bound ?? -.infinity, b) } }

    /// The search's best value: the tree's cutoff from its next slice.
    func offer(_ value: Double, _ solution: NRPSolution) {
        lock.withLock { if value < best?.value ?? .infinity { best = (value, solution) } }
    }

    /// The best roster yet (the tree's or the search's), the tree's bound, and its trace since the last look.
    var snapshot: (value: Double?, solution: NRPSolution?, bound: Double?, log: [String]) {
        lock.withLock {
            defer { _log = [] }
            return (best?.value, best?.solution, _bound, _log)
        }
    }

    /// Schedules the search generated: the restricted master chooses among them too.
    func share(_ schedules: [(e: Int, shifts: [Int?])]) {
        guard !schedules.isEmpty else { return }
        lock.withLock { pending += schedules }
    }

    /// Seconds per node so far (nil before the tree has explored a few).
    var secondsPerNode: Double? { lock.withLock { rate.nodes >= 5 ? rate.seconds / Double(rate.nodes) : nil } }

    func stop() { lock.withLock { stopped = true } }
}
