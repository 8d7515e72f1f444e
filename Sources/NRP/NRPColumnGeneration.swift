import Foundation
import MIP

/// Column generation on the benchmark (Dantzig–Wolfe by employee): a master
/// programme chooses one whole-horizon schedule per employee among those
/// generated so far, with the cover rows and their under/over slacks; each
/// employee's cheapest schedule at the master's cover duals is found exactly
/// by `NRPSchedulePricer`. The master's LP, once no schedule prices out, is the
/// Dantzig–Wolfe bound — every person's rules are met by every column, so it is
/// far tighter than the compact programme's LP — and at every round the
/// Lagrangian value of the duals is a valid bound on its own (the pricing is
/// exact). GLPK solves the master's LPs, kept across rounds and re-solved from
/// the last basis (`ColumnLP`).
///
/// Duals are smoothed toward the best-bound duals (Wentges), falling back to
/// the master's own when the smoothed ones price nothing out.
///
/// A roster comes from a dive (price and dive): fix the schedules the LP
/// already takes whole or nearly, price again for the others, repeat until
/// every employee has one. Used on one thread (the LP is GLPK's).
public final class NRPColumnGeneration {
    public let instance: NRPInstance
    let pricers: [NRPSchedulePricer]
    /// Generated schedules per employee, with their request penalty.
    public private(set) var schedules: [[(shifts: [Int?], cost: Double)]]
    private var known: [Set<[Int]>]
    /// The master's LP and each schedule's column in it (built by `run`).
    var lp: ColumnLP?
    var lpColumn: [[Int]]
    /// The best Lagrangian bound so far (integral objectives: rounded up by the caller if wanted).
    public private(set) var bound: Double = -.infinity
    /// The last master LP's value.
    public private(set) var masterValue: Double?
    public private(set) var rounds = 0
    /// How much the master fell in the last round, as a share of its value before it (∞ before two rounds).
    public private(set) var lastDrop = Double.infinity
    /// Rounds priced by the heuristic alone (exact pricing slow, see `run`).
    public private(set) var heuristicRounds = 0
    /// True once no schedule prices out at the master's duals: `bound` is then the master's LP value.
    public private(set) var converged = false
    /// Local branching in the master (Fischetti & Lodi): at most `limit` employee-days may differ from
    /// `from`. The master's last row counts each schedule's days unlike `from` (free while nil); an
    /// artificial column buys excess distance at `distancePenalty` a day, so the master stays feasible
    /// under any branching before pricing has found schedules near enough.
    public private(set) var distance: (from: NRPSolution, limit: Double)?
    static let distancePenalty = 1000.0
    private var distanceSlack = -1
    var distanceRow: Int { instance.staff.count + instance.cover.count }
    /// (day, shift) → cover index, or nil where the instance sets no cover.
    let coverAt: [[Int?]]
    /// Request penalty of working each (day, shift) per employee, and the constant of unmet on-requests.
    let workCost: [[[Double]]]
    let requestConstant: [Double]

    public init(_ inst: NRPInstance) {
        instance = inst
        pricers = inst.staff.indices.map { NRPSchedulePricer(inst, employee: $0) }
        schedules = Array(repeating: [], count: inst.staff.count)
        known = Array(repeating: [], count: inst.staff.count)
        lpColumn = Array(repeating: [], count: inst.staff.count)
        var at = [[Int?]](repeating: Array(repeating: nil, count: inst.shifts.count), count: inst.horizon)
        for (i, c) in inst.cover.enumerated() { at[c.day][c.shift] = i }
        coverAt = at
        var cost = [[[Double]]](repeating: Array(repeating: Array(repeating: 0, count: inst.shifts.count), count: inst.horizon),
                                count: inst.staff.count)
        var constant = [Double](repeating: 0, count: inst.staff.count)
        for q in inst.onRequests {
            constant[q.staff] += Double(q.weight)
            cost[q.staff][q.day][q.shift] -= Double(q.weight)
        }
        for q in inst.offRequests { cost[q.staff][q.day][q.shift] += Double(q.weight) }
        workCost = cost
        requestConstant = constant
    }

    /// The request penalty of one employee's schedule.
    func penalty(_ e: Int, _ shifts: [Int?]) -> Double { requestConstant[e] + Self.total(workCost[e], shifts) }

    /// A schedule's cost under costs per (day, shift).
    static func total(_ cost: [[Double]], _ shifts: [Int?]) -> Double {
        var c = 0.0
        for (d, t) in shifts.enumerated() { if let t { c += cost[d][t] } }
        return c
    }

    /// Adds a schedule (ignored when already there); true when new.
    @discardableResult
    public func add(_ e: Int, _ shifts: [Int?]) throws -> Bool {
        let key = shifts.map { $0 ?? -1 }
        guard known[e].insert(key).inserted else { return false }
        schedules[e].append((shifts, penalty(e, shifts)))
        try enter(e, schedules[e].count - 1)
        return true
    }

    /// The bounds of a schedule's column in the master's LP (nil before the LP exists).
    func columnBounds(_ e: Int, _ p: Int) -> (lower: Double, upper: Double)? { lp.map { $0.bounds(lpColumn[e][p]) } }

    /// Employee-days of `shifts` (employee e's) unlike `from`.
    static func distance(_ e: Int, _ shifts: [Int?], from: NRPSolution) -> Int {
        var n = 0
        for (d, t) in shifts.enumerated() where t != from.shifts[e][d] { n += 1 }
        return n
    }

    /// Limits the master to rosters within `limit` employee-days of `from` (local branching), or lifts
    /// the limit (`from` nil).
    public func limitDistance(from: NRPSolution?, to limit: Double = 0) throws {
        let lp = try masterLP()
        distance = from.map { ($0, limit) }
        var terms: [(column: Int, coefficient: Double)] = [(distanceSlack, -1)]
        if let from {
            for e in schedules.indices {
                for (p, c) in lpColumn[e].enumerated() { terms.append((c, Double(Self.distance(e, schedules[e][p].shifts, from: from)))) }
            }
        }
        try lp.setRow(distanceRow, terms: terms)
        try lp.setRowBounds(distanceRow, lower: -.infinity, upper: from == nil ? .infinity : limit)
    }

    /// The distance row's dual as a Lagrange multiplier: ≤ 0 (a ≤ row of a minimisation), no lower than
    /// the artificial's price; 0 without a limit.
    func distanceDual(_ duals: [Double]) -> Double {
        distance == nil ? 0 : max(-Self.distancePenalty, min(0, duals[distanceRow]))
    }

    /// Adds every employee's schedule of a solution.
    public func add(_ s: NRPSolution) throws {
        for e in s.shifts.indices { try add(e, s.shifts[e]) }
    }

    /// A schedule's column in the master's LP (once the LP exists).
    private func enter(_ e: Int, _ p: Int) throws {
        guard let lp else { return }
        let nE = instance.staff.count
        var terms: [(row: Int, coefficient: Double)] = [(e, 1)]
        for (d, t) in schedules[e][p].shifts.enumerated() { if let t, let i = coverAt[d][t] { terms.append((nE + i, 1)) } }
        if let distance { terms.append((distanceRow, Double(Self.distance(e, schedules[e][p].shifts, from: distance.from)))) }
        lpColumn[e].append(try lp.addColumn(objective: schedules[e][p].cost, upper: 1, terms: terms))
    }

    /// The master's LP, with every schedule generated so far.
    func masterLP() throws -> ColumnLP {
        if let lp { return lp }
        let inst = instance, nE = inst.staff.count
        let made = try ColumnLP(rows: Array(repeating: (1.0, 1.0), count: nE)
                                + inst.cover.map { (Double($0.requirement), Double($0.requirement)) } + [(-.infinity, .infinity)])
        for (i, c) in inst.cover.enumerated() {
            try made.addColumn(objective: Double(c.underWeight), upper: Double(c.requirement), terms: [(nE + i, 1)])
            try made.addColumn(objective: Double(c.overWeight), terms: [(nE + i, -1)])
        }
        distanceSlack = try made.addColumn(objective: Self.distancePenalty, terms: [(distanceRow, -1)])
        lp = made
        for e in schedules.indices { for p in schedules[e].indices { try enter(e, p) } }
        return made
    }

    /// The Lagrangian value of cover duals `pi` (one per cover row), with each
    /// employee's cheapest schedule at those duals: a lower bound on the optimum
    /// whatever `pi` is (clamped to the range where the slacks stay bounded).
    func lagrangian(_ pi: [Double]) -> (value: Double, best: [(e: Int, cost: Double, shifts: [Int?])]) {
        let before = inexact
        let best = pricing(pi, skip: [], labelsPerState: nil)
        // Not every minimum found exactly: the schedules serve, the value bounds nothing.
        if inexact > before { return (-.infinity, best) }
        guard best.count == instance.staff.count else { return (.infinity, []) }
        return (best.reduce(0) { $0 + $1.cost } + coverTerm(pi), best)
    }

    /// The cover rows' part of the Lagrangian value at cover duals `pi`: what the
    /// requirements are worth at those prices, less what leaving them uncovered saves.
    func coverTerm(_ pi: [Double]) -> Double {
        var value = 0.0
        for (i, c) in instance.cover.enumerated() {
            let r = Double(c.requirement)
            value += pi[i] * r + min(0, (Double(c.underWeight) - pi[i]) * r)
        }
        return value
    }

    /// One option of an employee's day as a bit: bit 0 off, bit t+1 shift type t.
    static func option(_ t: Int?) -> UInt64 { 1 << UInt64((t ?? -1) + 1) }

    /// Employee e's cheapest schedule at cover duals `pi`, with its cost (request
    /// penalty included), among those keeping to `allowed(d)` — the options
    /// allowed on day d as bits, nil where every option is — or nil when no
    /// schedule keeps to them. The restrictions enter the exact pricer as costs:
    /// +M on a forbidden shift, −M on each allowed shift of a day that must be
    /// worked; the cost returned is without M. Shared by the day dive (a day
    /// fixed is one option) and branch and price (a day restricted to several).
    func cheapest(_ e: Int, _ pi: [Double], nu: Double = 0, allowed: (Int) -> UInt64?) -> (cost: Double, shifts: [Int?])? {
        let h = instance.horizon, nt = instance.shifts.count
        let big = 1e6
        var cost = workCost[e]
        var forced = 0
        // The distance row's multiplier ν ≤ 0 on the days unlike the limit's roster: −ν·(1 − x) on its worked
        // days (the constant kept apart), −ν·x on its days off.
        var constant = 0.0
        let from = nu != 0 ? distance?.from.shifts[e] : nil
        for d in 0..<h {
            for t in 0..<nt { if let i = coverAt[d][t] { cost[d][t] -= pi[i] } }
            if let from {
                if let t0 = from[d] { cost[d][t0] += nu; constant -= nu } else { for t in 0..<nt { cost[d][t] -= nu } }
            }
            guard let m = allowed(d) else { continue }
            let mustWork = m & 1 == 0
            if mustWork { forced += 1 }
            for t in 0..<nt { cost[d][t] += m & Self.option(t) == 0 ? big : (mustWork ? -big : 0) }
        }
        guard let b = price(e, cost, below: held(e, cost, allowed: allowed)),
              b.shifts.indices.allSatisfy({ d in allowed(d).map { $0 & Self.option(b.shifts[d]) != 0 } ?? true }) else { return nil }
        return (b.cost + big * Double(forced) + requestConstant[e] + constant, b.shifts)
    }

    /// Labels one exact pricing call may make (about a second's work) before the heuristic's answer is taken.
    /// (Instances 1–12 stay under a quarter of it in every call measured; a 24-week instance made from instance 8
    /// exceeds it for every employee.)
    var labelLimit = 1_000_000
    /// Pricing calls that could not be exact within `labelLimit` (the heuristic's answer taken instead): a
    /// round with one is no bound, and a tree with one proves nothing.
    public private(set) var inexact = 0
    private var tooSlow = Set<Int>()

    /// e's cheapest schedule at `cost` (below: a schedule held, as in `NRPSchedulePricer.cheapest`): exact, or,
    /// when that takes more than `labelLimit` labels, the heuristic's (four labels a state), counted in `inexact`.
    func price(_ e: Int, _ cost: [[Double]], below: Double?, labelsPerState: Int? = nil) -> (cost: Double, shifts: [Int?])? {
        if labelsPerState != nil { return pricers[e].cheapest(cost, labelsPerState: labelsPerState, below: below).first }
        if !tooSlow.contains(e), let found = pricers[e].cheapest(cost, below: below, labelLimit: labelLimit) { return found.first }
        // Once out of its budget, an employee is priced by the heuristic from then on.
        tooSlow.insert(e)
        inexact += 1
        return pricers[e].cheapest(cost, labelsPerState: 4, below: below).first
    }

    /// The least cost at `cost` of e's schedules generated so far that keep to `allowed` (as in `cheapest`):
    /// the pricer's cheapest costs no more (every schedule held is lawful).
    func held(_ e: Int, _ cost: [[Double]], allowed: (Int) -> UInt64? = { _ in nil }) -> Double? {
        let h = instance.horizon
        let masks = (0..<h).map(allowed)
        var least: Double?
        for s in schedules[e] {
            var c = 0.0, keeps = true
            for d in 0..<h {
                if let m = masks[d], m & Self.option(s.shifts[d]) == 0 { keeps = false; break }
                if let t = s.shifts[d] { c += cost[d][t] }
            }
            if keeps && c < least ?? .infinity { least = c }
        }
        return least
    }

    /// The master's row duals as cover duals, clamped to [−over weight, under
    /// weight] (outside it a slack would be unbounded in the Lagrangian).
    func coverDuals(_ duals: [Double]) -> [Double] {
        let nE = instance.staff.count
        return instance.cover.indices.map { i in
            min(Double(instance.cover[i].underWeight), max(-Double(instance.cover[i].overWeight), duals[nE + i]))
        }
    }

    /// Each employee's cheapest schedule at cover duals `pi` (with its request
    /// penalty), the employees in `skip` left out, as do those for whom none is
    /// found. Exact with `labelsPerState` nil; else the pricer's heuristic. Stops early once `stop()` (a long
    /// horizon's employee can take a second to price).
    func pricing(_ pi: [Double], skip: Set<Int>, labelsPerState: Int? = 4,
                 stop: () -> Bool = { false }) -> [(e: Int, cost: Double, shifts: [Int?])] {
        if workers > 1 { return parallelPricing(pi, skip: skip, labelsPerState: labelsPerState, stop: stop) }
        var best: [(e: Int, cost: Double, shifts: [Int?])] = []
        for e in pricers.indices where !skip.contains(e) {
            if stop() { break }
            let cost = duals(e, pi)
            guard let b = price(e, cost, below: held(e, cost), labelsPerState: labelsPerState) else { continue }
            best.append((e, b.cost + requestConstant[e], b.shifts))
        }
        return best
    }

    /// e's costs per (day, shift) at cover duals `pi`: the request penalty less the cover's dual.
    func duals(_ e: Int, _ pi: [Double]) -> [[Double]] {
        var cost = workCost[e]
        for d in 0..<instance.horizon { for t in 0..<instance.shifts.count { if let i = coverAt[d][t] { cost[d][t] -= pi[i] } } }
        return cost
    }

    /// Threads pricing employees at once in `pricing` (1: this thread alone). Each employee's pricer is its own
    /// (only its learnt set of tracked resources is shared, behind a lock), so the answers are those of one
    /// thread, gathered in employee order: the same schedules, the same bookkeeping, whatever the interleaving.
    public var workers = 1

    /// `pricing` on `workers` threads (GLPK is not called: the pricers are plain Swift).
    private func parallelPricing(_ pi: [Double], skip: Set<Int>, labelsPerState: Int?,
                                 stop: () -> Bool) -> [(e: Int, cost: Double, shifts: [Int?])] {
        let todo = pricers.indices.filter { !skip.contains($0) }
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var found: [Int: (best: (cost: Double, shifts: [Int?])?, heuristic: Bool)] = [:]
            var taken = 0, stopped = false
        }
        let results = Results()
        let slow = tooSlow, limit = labelLimit
        let tasks = todo.map { e -> (e: Int, cost: [[Double]], below: Double?) in
            let cost = duals(e, pi)
            return (e, cost, held(e, cost))
        }
        let pricers = self.pricers
        withoutActuallyEscaping(stop) { stop in
            let stopBox = UncheckedStop(stop)
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while true {
                    let k: Int? = results.lock.withLock {
                        guard !results.stopped, results.taken < tasks.count else { return nil }
                        results.taken += 1
                        return results.taken - 1
                    }
                    guard let k else { return }
                    if stopBox.stop() { results.lock.withLock { results.stopped = true }; return }
                    let (e, cost, below) = tasks[k]
                    var answer: (best: (cost: Double, shifts: [Int?])?, heuristic: Bool)
                    if let n = labelsPerState {
                        answer = (pricers[e].cheapest(cost, labelsPerState: n, below: below).first, false)
                    } else if !slow.contains(e), let found = pricers[e].cheapest(cost, below: below, labelLimit: limit) {
                        answer = (found.first, false)
                    } else {
                        // Out of its budget (now or before): the heuristic's answer, as `price` takes it.
                        answer = (pricers[e].cheapest(cost, labelsPerState: 4, below: below).first, true)
                    }
                    results.lock.withLock { results.found[e] = answer }
                }
            }
        }
        // In employee order, as `pricing` on one thread; stopped: up to the first employee not priced.
        var best: [(e: Int, cost: Double, shifts: [Int?])] = []
        for e in todo {
            guard let answer = results.found[e] else { break }
            if answer.heuristic {
                tooSlow.insert(e)
                inexact += 1
            }
            if let b = answer.best { best.append((e, b.cost + requestConstant[e], b.shifts)) }
        }
        return best
    }

    /// The heuristic rounds' smoothing: their duals this share of the way back toward the last round's.
    static let heuristicAlpha = 0.5

    /// e's schedule's cost at cover duals `pi` (request penalty included).
    func reducedCost(_ e: Int, _ shifts: [Int?], _ pi: [Double]) -> Double {
        var c = penalty(e, shifts)
        for (d, t) in shifts.enumerated() { if let t, let i = coverAt[d][t] { c -= pi[i] } }
        return c
    }

    /// Heuristic rounds tail off when the last one added fewer schedules than an eighth of the employees, or the
    /// master fell by less than `tailingDrop` of its value over the last `tailingRounds` (`values`: the master's
    /// values since the last exact round); the next round is then exact.
    static func tailingOff(_ values: [Double], added: Int, employees: Int) -> Bool {
        if added < max(2, employees / 8) { return true }
        guard values.count > tailingRounds, let last = values.last else { return false }
        let earlier = values[values.count - 1 - tailingRounds]
        return earlier - last < tailingDrop * max(1, abs(last))
    }
    static let tailingRounds = 5
    static let tailingDrop = 0.001

    /// An exact round on one thread slower than this (seconds) moves pricing to every core when the caller can free
    /// them (`run`'s `whenSlow`), else makes the next rounds heuristic first.
    public static let slowRound = 0.5
    /// Priced on every core, an exact round slower than this makes the next rounds heuristic first.
    static let slowParallelRound = 2.0

    /// Runs rounds until converged, `deadline` (seconds from `elapsed()`), or `maxRounds`.
    /// Throws `NRPColumnGeneration.Infeasible` when an employee has no lawful schedule.
    /// With `alwaysExact`, every round prices exactly (no switch to the
    /// heuristic decided by the clock), so a run bounded by `maxRounds` is reproducible.
    ///
    /// `whenSlow`, when given, is called once exact pricing proves slow (a round over `slowRound`): the caller frees
    /// the second core (the tree thread waits for this pool rather than repeating these rounds), and pricing
    /// runs on two threads, exactly, until the run ends. `pause` ends the run early when it returns true (checked each round).
    public func run(until deadline: Double, maxRounds: Int = .max, alwaysExact: Bool = false, elapsed: () -> Double,
                    whenSlow: (() -> Void)? = nil, pause: () -> Bool = { false }, slowRound: Double = NRPColumnGeneration.slowRound,
                    log: ((String) -> Void)? = nil) throws {
        let single = workers
        defer { workers = single }
        let inst = instance
        // A first column per employee: the cheapest schedule at zero duals.
        for e in inst.staff.indices where schedules[e].isEmpty {
            guard let b = pricers[e].cheapest(workCost[e]).first else { throw Infeasible(employee: inst.staff[e].id) }
            try add(e, b.shifts)
        }
        let lp = try masterLP()
        var stable: [Double]?  // the duals of the best bound so far
        let alpha = 0.5
        // Where exact pricing is slow (a round over `slowRound` with no other core to take, or over
        // `slowParallelRound` on every core), rounds price heuristically until they tail off.
        var exactIsSlow = false, exactNext = false, everyCore = false
        var smoothed: [Double]?  // the heuristic rounds' last duals
        var streak: [Double] = []  // the master's values since the last exact round
        while rounds < maxRounds && elapsed() < deadline && !pause() {
            rounds += 1
            guard lp.solve(timeLimit: max(0.1, deadline - elapsed())) == .optimal else { break }
            if let previous = masterValue { lastDrop = (previous - lp.objective) / max(1, abs(previous)) }
            masterValue = lp.objective
            let duals = lp.duals
            let pi = coverDuals(duals)
            var added = 0
            let inexactBefore = inexact
            if exactIsSlow && !exactNext {
                // A heuristic round at duals smoothed toward the last round's (the master's own when those price
                // nothing out); an exact one when it finds nothing.
                var tried = smoothed.map { s in zip(s, pi).map { Self.heuristicAlpha * $0 + (1 - Self.heuristicAlpha) * $1 } } ?? pi
                for _ in 0..<2 {
                    for b in pricing(tried, skip: [], stop: { elapsed() >= deadline })
                    where reducedCost(b.e, b.shifts, pi) - duals[b.e] < -1e-6 {
                        if try add(b.e, b.shifts) { added += 1 }
                    }
                    if added > 0 || tried == pi { break }
                    tried = pi
                }
                smoothed = tried
                heuristicRounds += 1
                if added == 0 { exactNext = true; continue }
                // Tailing off: the heuristic still finds a schedule or two, but the master hardly moves; an exact
                // round finds what four labels a state miss (and bounds).
                streak.append(lp.objective)
                if Self.tailingOff(streak, added: added, employees: inst.staff.count) { exactNext = true }
            } else {
                exactNext = false
                streak = []
                let started = elapsed()
                var tried = stable.map { s in zip(s, pi).map { alpha * $0 + (1 - alpha) * $1 } } ?? pi
                for attempt in 0..<2 {
                    let (value, best) = lagrangian(tried)
                    if value > bound + 1e-9 { bound = value; stable = tried }
                    for b in best where try add(b.e, b.shifts) { added += 1 }
                    if added > 0 || attempt == 1 || tried == pi { break }
                    tried = pi  // mispricing: the smoothed duals found nothing; price at the master's own
                }
                let slow = everyCore ? max(slowRound, Self.slowParallelRound) : slowRound
                if !alwaysExact && !exactIsSlow && elapsed() - started > slow {
                    if !everyCore, let whenSlow {
                        // Slow on one thread: every core prices, still exactly (on the 8-week look-alike of instance 8
                        // exact rounds on two threads brought the master to 2,573 by 24 s, heuristic ones to 2,602).
                        whenSlow()
                        everyCore = true
                        workers = max(2, ProcessInfo.processInfo.activeProcessorCount)
                        log?(String(format: "%6.2fs CG: exact pricing slow, priced on every core from now on", elapsed()))
                    } else {
                        exactIsSlow = true
                    }
                }
            }
            log?(String(format: "%6.2fs CG round %d: master %.2f, bound %.2f, +%d schedules", elapsed(), rounds,
                        masterValue ?? .nan, bound, added))
            if let m = masterValue, bound >= m - 1e-6 { converged = true; bound = max(bound, m); break }
            if added == 0 {
                // Priced out nothing, but not exactly: the master's LP bounds nothing, and pricing goes no further.
                if inexact > inexactBefore { break }
                // No schedule prices out at the master's duals: the master's LP is the bound.
                if let m = masterValue { bound = max(bound, m) }
                converged = true
                break
            }
        }
    }

    public struct Infeasible: Error, Sendable, CustomStringConvertible {
        public var employee: String
        public var description: String { "employee \(employee) has no schedule that meets all of their rules" }
    }

    /// The time an LP solve of a search with a `deadline` may take at `now`: what is left, and a quarter second
    /// past it (a master re-solved from its basis after a few new columns takes milliseconds; a whole second
    /// past the deadline let long horizons overrun the time limit).
    static func solveLimit(_ deadline: Double, _ now: Double) -> Double { max(0.25, deadline - now) }

    /// When a dive's step stops pricing: the time left shared among the steps
    /// still expected, a quarter of the `open` choices fixed per step (`quarter`), or one.
    static func stepEnd(open: Int, deadline: Double, now: Double, quarter: Bool = true) -> Double {
        let stepsLeft = quarter ? max(1, (Foundation.log(Double(max(1, open))) / Foundation.log(4.0 / 3.0)).rounded(.up))
                                : Double(max(1, open))
        return now + (deadline - now) / stepsLeft
    }

    /// Price and dive from the root: fixes every employee whose LP schedule is
    /// nearly whole (over 0.9) — or else the one largest share of those still open
    /// — prices again for the others (`roundsPerStep` rounds at most, the time
    /// left shared among the steps still expected), and repeats until each
    /// employee has a schedule. At the deadline the open employees take their
    /// largest share. The LP's fixings are undone after.
    /// `oneAtATime` false: a quarter of the open employees per step where none is nearly whole (before session 27; kept
    /// for comparison, `kinmu-bench nrp-dive`).
    public func dive(until deadline: Double, roundsPerStep: Int = 20, oneAtATime: Bool = true, elapsed: () -> Double,
                     log: ((String) -> Void)? = nil) throws -> NRPSolution? {
        let inst = instance, nE = inst.staff.count
        let wholeShare = 0.9
        let lp = try masterLP()
        var fixed = [Int?](repeating: nil, count: nE)
        defer {
            for e in 0..<nE { if let p = fixed[e] { try? lp.setBounds(lpColumn[e][p], lower: 0, upper: 1) } }
        }
        var steps = 0
        while fixed.contains(where: { $0 == nil }) {
            steps += 1
            let stepEnd = Self.stepEnd(open: fixed.filter { $0 == nil }.count, deadline: deadline, now: elapsed(), quarter: !oneAtATime)
            for _ in 0..<roundsPerStep where elapsed() < stepEnd {
                guard lp.solve(timeLimit: Self.solveLimit(deadline, elapsed())) == .optimal else { return nil }
                let duals = lp.duals
                let pi = coverDuals(duals)
                var added = 0
                for b in pricing(pi, skip: Set((0..<nE).filter { fixed[$0] != nil }), stop: { elapsed() >= deadline })
                where b.cost - duals[b.e] < -1e-6 {
                    if try add(b.e, b.shifts) { added += 1 }
                }
                if added == 0 { break }
            }
            guard lp.solve(timeLimit: Self.solveLimit(deadline, elapsed())) == .optimal else { return nil }
            // Each open employee's largest share.
            var share: [(e: Int, p: Int, v: Double)] = []
            for e in 0..<nE where fixed[e] == nil {
                var top = (e: e, p: 0, v: -1.0)
                for (p, c) in lpColumn[e].enumerated() where lp.value(c) > top.v { top = (e, p, lp.value(c)) }
                share.append(top)
            }
            share.sort { $0.v != $1.v ? $0.v > $1.v : $0.e < $1.e }
            let outOfTime = elapsed() >= deadline
            var chosen = share.filter { $0.v > wholeShare }
            // Else the one largest share. Instance 8, from the pool the dive on single days leaves: a quarter of the open
            // employees at a time let the LP leap over the last seven (1,310 → 1,347 → 1,381, a roster of 1,412); one at a
            // time it rises by 0–2 a step (1,307). From the bare converged pool it still leaps at the end (1,402).
            if outOfTime { chosen = share } else if chosen.isEmpty { chosen = Array(share.prefix(oneAtATime ? 1 : max(1, share.count / 4))) }
            for c in chosen {
                fixed[c.e] = c.p
                try lp.setBounds(lpColumn[c.e][c.p], lower: 1, upper: 1)
            }
            log?(String(format: "%6.2fs dive step %d: LP %.2f, %d schedules, %d of %d fixed%@", elapsed(), steps, lp.objective, lp.columnCount,
                        fixed.filter { $0 != nil }.count, nE, outOfTime ? " (out of time: the rest by largest share)" : ""))
        }
        var s = NRPSolution(staff: nE, horizon: inst.horizon)
        for e in 0..<nE { s.shifts[e] = schedules[e][fixed[e]!].shifts }
        return s
    }

    /// Price and dive on assignments: rather than whole schedules, fixes single
    /// days of single employees (works shift t, or is off) — first every day
    /// the LP already decides (its share over 0.99), then the largest shares,
    /// a quarter of the undecided at a time — each agreeing with the employee's
    /// largest LP schedule, so a schedule meeting all of an employee's fixings
    /// always exists. Schedules breaking a fixing are barred from the LP; the
    /// pricing keeps to the fixings by costs. The LP's bars are lifted after.
    ///
    /// From `incumbent`, only the days `open(e, d)` are undecided, the rest kept
    /// as they are (a neighbourhood of a large-neighbourhood search).
    public func assignmentDive(until deadline: Double, from incumbent: NRPSolution? = nil, open: ((Int, Int) -> Bool)? = nil,
                               roundsPerStep: Int = 20, elapsed: () -> Double,
                               log: ((String) -> Void)? = nil) throws -> NRPSolution? {
        let inst = instance, nE = inst.staff.count, h = inst.horizon, nt = inst.shifts.count
        let lp = try masterLP()
        // fix[e][d]: nil undecided, -1 off, else the shift.
        var fix = [[Int?]](repeating: Array(repeating: nil, count: h), count: nE)
        if let incumbent {
            try add(incumbent)
            for e in 0..<nE { for d in 0..<h where !(open?(e, d) ?? true) { fix[e][d] = incumbent.shifts[e][d] ?? -1 } }
        }
        var barred = [Set<Int>](repeating: [], count: nE)
        defer { for e in 0..<nE { for p in barred[e] { try? lp.setBounds(lpColumn[e][p], lower: 0, upper: 1) } } }
        func agrees(_ e: Int, _ shifts: [Int?]) -> Bool {
            for d in 0..<h { if let f = fix[e][d], (shifts[d] ?? -1) != f { return false } }
            return true
        }
        /// Bars e's schedules that break a fixing.
        func bar(_ e: Int) throws {
            for p in schedules[e].indices where !barred[e].contains(p) && !agrees(e, schedules[e][p].shifts) {
                barred[e].insert(p)
                try lp.setBounds(lpColumn[e][p], lower: 0, upper: 0)
            }
        }
        func price(_ pi: [Double], _ duals: [Double]) throws -> Int {
            var added = 0
            for e in 0..<nE where fix[e].contains(where: { $0 == nil }) {
                if elapsed() >= deadline { break }  // a long horizon's employee can take a second to price
                guard let b = cheapest(e, pi, allowed: { d in fix[e][d].map { Self.option($0 < 0 ? nil : $0) } }) else { continue }
                if b.cost - duals[e] < -1e-6, try add(e, b.shifts) { added += 1 }
            }
            return added
        }
        for e in 0..<nE where fix[e].contains(where: { $0 != nil }) { try bar(e) }
        var steps = 0
        while true {
            steps += 1
            let undecided = fix.reduce(0) { $0 + $1.filter { $0 == nil }.count }
            let stepEnd = Self.stepEnd(open: undecided, deadline: deadline, now: elapsed())
            for _ in 0..<roundsPerStep where elapsed() < stepEnd {
                guard lp.solve(timeLimit: Self.solveLimit(deadline, elapsed())) == .optimal else { return nil }
                let duals = lp.duals
                if try price(coverDuals(duals), duals) == 0 { break }
            }
            guard lp.solve(timeLimit: Self.solveLimit(deadline, elapsed())) == .optimal else { return nil }
            // Each employee's largest schedule, and the LP's share of each undecided day's choice in it.
            var top = [Int](repeating: 0, count: nE)
            var candidates: [(e: Int, d: Int, f: Int, v: Double)] = []
            var whole = true
            for e in 0..<nE {
                var share = [[Double]](repeating: Array(repeating: 0, count: nt + 1), count: h)
                var best = -1.0
                for (p, c) in lpColumn[e].enumerated() {
                    let v = lp.value(c)
                    guard v > 1e-9 else { continue }
                    if v > best { best = v; top[e] = p }
                    for (d, t) in schedules[e][p].shifts.enumerated() { share[d][(t ?? -1) + 1] += v }
                }
                if best < 1 - 1e-6 { whole = false }
                for d in 0..<h where fix[e][d] == nil {
                    let f = schedules[e][top[e]].shifts[d] ?? -1
                    candidates.append((e, d, f, share[d][f + 1]))
                }
            }
            let outOfTime = elapsed() >= deadline
            if whole || outOfTime || candidates.isEmpty {
                log?(String(format: "%6.2fs assignment dive: LP %.2f after %d steps%@", elapsed(), lp.objective, steps,
                            outOfTime && !whole ? " (out of time: largest schedules)" : ""))
                var s = NRPSolution(staff: nE, horizon: h)
                for e in 0..<nE { s.shifts[e] = schedules[e][top[e]].shifts }
                return s
            }
            candidates.sort { $0.v != $1.v ? $0.v > $1.v : ($0.e, $0.d) < ($1.e, $1.d) }
            var chosen = candidates.filter { $0.v > 0.99 }
            if chosen.isEmpty { chosen = Array(candidates.prefix(max(1, candidates.count / 4))) }
            var touched = Set<Int>()
            for c in chosen { fix[c.e][c.d] = c.f; touched.insert(c.e) }
            for e in touched.sorted() { try bar(e) }
            log?(String(format: "%6.2fs assignment dive step %d: LP %.2f, %d schedules, %d days fixed, %d undecided", elapsed(), steps,
                        lp.objective, lp.columnCount, chosen.count, undecided - chosen.count))
        }
    }

    /// A roster at once, whatever the time: each employee's schedule with the largest value in the master's last
    /// LP solution (the first generated where none has any). Every schedule generated keeps its employee's rules and
    /// the rules bind each employee alone, so any such choice is lawful. nil before any schedule exists.
    public func largestSchedules() throws -> NRPSolution? {
        let inst = instance
        guard schedules.allSatisfy({ !$0.isEmpty }) else { return nil }
        let lp = try masterLP()
        var s = NRPSolution(staff: inst.staff.count, horizon: inst.horizon)
        for e in inst.staff.indices {
            let p = lpColumn[e].indices.max { lp.value(lpColumn[e][$0]) < lp.value(lpColumn[e][$1]) } ?? 0
            s.shifts[e] = schedules[e][p].shifts
        }
        return s
    }

    /// Best response: each employee in turn re-planned exactly against the
    /// others (their cover counts fixed), kept when strictly cheaper; repeated
    /// until a whole pass changes nothing. Never makes `s` worse.
    public func bestResponse(_ s: inout NRPSolution, order: [Int], stop: () -> Bool = { false }) -> Int {
        let inst = instance, nt = inst.shifts.count
        var count = s.coverCounts(shiftTypes: nt)
        var changes = 0
        var improved = true
        while improved {
            improved = false
            for e in order {
                if stop() { return changes }
                for (d, t) in s.shifts[e].enumerated() { if let t { count[d * nt + t] -= 1 } }
                // The marginal cover cost of e working (d, t), the others as they are.
                var cost = workCost[e]
                for d in 0..<inst.horizon {
                    for t in 0..<nt {
                        guard let i = coverAt[d][t] else { continue }
                        let c = inst.cover[i]
                        cost[d][t] += count[d * nt + t] < c.requirement ? -Double(c.underWeight) : Double(c.overWeight)
                    }
                }
                let now = Self.total(cost, s.shifts[e])
                if let b = price(e, cost, below: now), b.cost < now - 1e-9 {
                    s.shifts[e] = b.shifts
                    changes += 1
                    improved = true
                }
                for (d, t) in s.shifts[e].enumerated() { if let t { count[d * nt + t] += 1 } }
            }
        }
        return changes
    }
}

extension NRPColumnGeneration {
    /// The restricted master as a 0/1 programme — one generated schedule per
    /// employee, the cover rows with their under/over slacks — solved by GLPK's
    /// branch and cut for at most `timeLimit` seconds from `start` (whose
    /// schedules are added first). A roster built only of schedules the column
    /// generation and the tree have met; nil when GLPK finds none.
    public func restrictedMaster(timeLimit: Double, start: NRPSolution?) throws -> NRPSolution? {
        let inst = instance, nE = inst.staff.count
        if let start { try add(start) }
        var lp = LinearProgram(name: "restricted-master")
        var choose: [[ColumnID]] = []
        var coverTerms = [[(ColumnID, Double)]](repeating: [], count: inst.cover.count)
        for e in 0..<nE {
            var mine: [ColumnID] = []
            var convexity: [(ColumnID, Double)] = []
            for (p, s) in schedules[e].enumerated() {
                let c = lp.addColumn(name: "s[\(e),\(p)]", kind: .binary, objective: s.cost)
                mine.append(c)
                convexity.append((c, 1))
                for (d, t) in s.shifts.enumerated() { if let t, let i = coverAt[d][t] { coverTerms[i].append((c, 1)) } }
            }
            choose.append(mine)
            lp.addRow(name: "one[\(e)]", terms: convexity, lower: 1, upper: 1)
        }
        var slacks: [(under: ColumnID, over: ColumnID)] = []
        for (i, c) in inst.cover.enumerated() {
            let under = lp.addColumn(name: "under[\(i)]", upper: Double(c.requirement), objective: Double(c.underWeight))
            let over = lp.addColumn(name: "over[\(i)]", objective: Double(c.overWeight))
            slacks.append((under, over))
            let r = Double(c.requirement)
            lp.addRow(name: "cover[\(i)]", terms: coverTerms[i] + [(under, 1), (over, -1)], lower: r, upper: r)
        }
        var o = SolveOptions(timeLimit: timeLimit)
        if let start {
            // The start as a point: its schedules chosen, the slacks at their cheapest.
            var x = [Double](repeating: 0, count: lp.columns.count)
            for e in 0..<nE {
                let key = start.shifts[e]
                if let p = schedules[e].firstIndex(where: { $0.shifts == key }) { x[choose[e][p].index] = 1 }
            }
            let counts = start.coverCounts(shiftTypes: inst.shifts.count)
            for (i, c) in inst.cover.enumerated() {
                let n = counts[c.day * inst.shifts.count + c.shift]
                x[slacks[i].under.index] = Double(max(0, c.requirement - n))
                x[slacks[i].over.index] = Double(max(0, n - c.requirement))
            }
            o.initialSolution = x
        }
        let r = try GLPKSolver().solve(lp, options: o)
        guard r.hasSolution else { return nil }
        var s = NRPSolution(staff: nE, horizon: inst.horizon)
        for e in 0..<nE {
            guard let p = choose[e].indices.first(where: { r.values[choose[e][$0].index] > 0.5 }) else { return nil }
            s.shifts[e] = schedules[e][p].shifts
        }
        return s
    }
}

/// A stop test handed to pricing threads: only called, never kept past the call that made it.
private struct UncheckedStop: @unchecked Sendable {
    let stop: () -> Bool
    init(_ stop: @escaping () -> Bool) { self.stop = stop }
}
