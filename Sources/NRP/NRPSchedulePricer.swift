import MIP

/// One employee's cheapest lawful schedule over the whole horizon, for given
/// costs per (day, shift): an exact resource-constrained shortest path over the
/// days, by labels with dominance.
///
/// Every hard rule of one person is a state or a resource of the path: the
/// last day's shift (by its class of forbidden successors: shifts that forbid the
/// same successors are one state), the length of the current run of work or of
/// days off and whether it touches day 0 (the minimum rules do not apply there),
/// minutes worked (bounded on both sides, so only equal minutes compare),
/// shifts of each type whose maximum can bind, and weekends worked (when their
/// maximum can bind). A label is dropped when another in the same state costs no
/// more and has used no more of every upper-bounded resource. Nothing is
/// approximated, so the cost found is the minimum: column generation's pricing
/// (whose Lagrangian bound needs the exact minimum) and the search's best
/// response (one employee re-planned against the others) both rest on it.
public struct NRPSchedulePricer: Sendable {
    public let employee: Int
    let horizon: Int
    let minutes: [Int]
    /// allowed[d][t]: the shift type is allowed and d is not a fixed day off.
    let allowed: [[Bool]]
    /// The class of each shift by the set of shifts that may not follow it.
    let followClass: [Int]
    /// forbidden[c][t]: t may not follow a shift of class c.
    let forbidden: [[Bool]]
    /// Which counted type (index into `limits`) each shift is, or -1.
    let counted: [Int]
    let limits: [Int]
    let maxMinutes: Int, minMinutes: Int
    let maxRun: Int, minRun: Int, minOff: Int
    let maxWeekends: Int
    let countWeekends: Bool
    /// typeDaysAfter[d][k]: days after d on which counted type k may be worked.
    let typeDaysAfter: [[Int]]
    /// Weekends whose Sunday comes after day d.
    let weekendsAfter: [Int]
    /// The shortest shift this employee may work (minutes).
    let shortest: Int
    /// The greatest common divisor of the shift lengths (minutes are kept in these units).
    let minuteUnit: Int
    /// Most minutes still workable from day d+1 to the end (for pruning labels that cannot reach the minimum).
    let reachable: [Int]
    /// Shift types alike to the completion bound (same length, class and predecessors they may not follow):
    /// only the cheapest of a group on a day matters there.
    let alike: [[Int]]
    /// The resources tracked in the path's state (see `cheapest`), learnt per employee; shared by copies.
    let tracked = Locked<UInt64>(0)

    public init(_ inst: NRPInstance, employee e: Int) {
        employee = e
        horizon = inst.horizon
        minutes = inst.shifts.map(\.minutes)
        let p = inst.staff[e]
        let h = inst.horizon, nt = inst.shifts.count
        let allowed = (0..<h).map { d in (0..<nt).map { t in inst.allowed(e, t) && !inst.daysOff[e].contains(d) } }
        self.allowed = allowed
        let next = inst.forbiddenNext.map { Set($0) }
        var classes: [Set<Int>] = []
        followClass = next.map { s in
            if let i = classes.firstIndex(of: s) { return i }
            classes.append(s)
            return classes.count - 1
        }
        forbidden = classes.map { s in (0..<nt).map { s.contains($0) } }
        var counted = [Int](repeating: -1, count: nt), limits: [Int] = []
        for (t, shift) in inst.shifts.enumerated() {
            guard let m = p.maxShifts[shift.id], m > 0, m < h else { continue }
            counted[t] = limits.count
            limits.append(m)
        }
        self.counted = counted
        self.limits = limits
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
        minuteUnit = max(1, inst.shifts.map(\.minutes).reduce(0, gcd))
        maxMinutes = p.maxMinutes
        minMinutes = p.minMinutes
        maxRun = max(1, p.maxConsecutive)
        minRun = p.minConsecutive
        minOff = max(1, p.minDaysOff)
        maxWeekends = p.maxWeekends
        countWeekends = p.maxWeekends < inst.weeks
        var reach = [Int](repeating: 0, count: h + 1)
        for d in stride(from: h - 1, through: 0, by: -1) {
            let longest = (0..<nt).filter { allowed[d][$0] }.map { inst.shifts[$0].minutes }.max() ?? 0
            reach[d] = reach[d + 1] + longest
        }
        reachable = Array(reach.dropFirst())
        typeDaysAfter = (0..<h).map { d in
            limits.indices.map { k in
                let t = counted.firstIndex(of: k)!
                return ((d + 1)..<h).filter { allowed[$0][t] }.count
            }
        }
        weekendsAfter = (0..<h).map { d in (0..<inst.weeks).filter { 7 * $0 + 6 > d }.count }
        shortest = (0..<nt).filter { inst.allowed(e, $0) }.map { inst.shifts[$0].minutes }.min() ?? 1
        var alike: [[Int]] = []
        let lengths = minutes, classOf = followClass, notAfter = forbidden
        for t in 0..<nt where inst.allowed(e, t) {
            if let g = alike.firstIndex(where: { g in
                let u = g[0]
                return lengths[u] == lengths[t] && classOf[u] == classOf[t] && notAfter.allSatisfy { $0[u] == $0[t] }
            }) {
                alike[g].append(t)
            } else {
                alike.append([t])
            }
        }
        self.alike = alike
    }

    /// Where the tracked counted types' counts live in a label: each in a field of its own, wide enough for
    /// its limit, with a guard bit above it (kept 0), in the first of two words with room. The guard bits
    /// let one subtraction compare every field of a word (`dominates`).
    struct Packing {
        /// Per counted type: the word (0 or 1; -1 when not tracked), the field's lowest bit and its value mask.
        var word: [Int8], shift: [UInt64], mask: [UInt64]
        var guards: (UInt64, UInt64) = (0, 0)
        /// The types tracked but without room (more than 128 bits of fields): not counted by the path (a
        /// budgeted `cheapest` gives up; an unbudgeted one may then return nothing or more than the minimum).
        var unpacked: UInt64 = 0
    }

    func packing(_ track: UInt64) -> Packing {
        var p = Packing(word: Array(repeating: -1, count: limits.count), shift: Array(repeating: 0, count: limits.count),
                        mask: Array(repeating: 0, count: limits.count))
        var used = (0, 0)
        for k in limits.indices where track & (1 << UInt64(k)) != 0 {
            let bits = UInt64.bitWidth - UInt64(limits[k]).leadingZeroBitCount
            if used.0 + bits + 1 <= 64 {
                p.word[k] = 0; p.shift[k] = UInt64(used.0); p.guards.0 |= 1 << UInt64(used.0 + bits); used.0 += bits + 1
            } else if used.1 + bits + 1 <= 64 {
                p.word[k] = 1; p.shift[k] = UInt64(used.1); p.guards.1 |= 1 << UInt64(used.1 + bits); used.1 += bits + 1
            } else {
                p.unpacked |= 1 << UInt64(k)
                continue
            }
            p.mask[k] = (1 << UInt64(bits)) - 1
        }
        return p
    }

    /// Counted type k's count in a label (tracked types only).
    @inline(__always)
    func tally(_ l: Label, _ k: Int, _ p: Packing) -> Int {
        Int(((p.word[k] == 0 ? l.counts.0 : l.counts.1) >> p.shift[k]) & p.mask[k])
    }

    @inline(__always)
    func add(_ l: inout Label, _ k: Int, _ n: Int, _ p: Packing) {
        if p.word[k] == 0 { l.counts.0 += UInt64(n) << p.shift[k] } else { l.counts.1 += UInt64(n) << p.shift[k] }
    }

    /// Upper-bounded resources that can no longer bind are raised to the
    /// level where they could just reach their limit, so that labels differing
    /// only there compare equal (a count c that can grow by at most R more
    /// behaves like max(c, limit − R) for every completion).
    func normalise(_ l: inout Label, day d: Int, track: UInt64, packing p: Packing) {
        let shiftsLeft = max(0, (maxMinutes - Int(l.minutes)) / max(1, shortest))
        for k in limits.indices where p.word[k] >= 0 {
            let room = min(typeDaysAfter[d][k], shiftsLeft)
            let floor = limits[k] - room
            let c = tally(l, k, p)
            if c < floor { add(&l, k, floor - c, p) }
        }
        if countWeekends && track & Self.weekendBit != 0 {
            let floor = Int16(maxWeekends - min(weekendsAfter[d], shiftsLeft))
            if l.weekends < floor { l.weekends = floor }
        }
    }

    /// A label: a partial schedule up to some day.
    struct Label {
        var cost: Double
        var minutes: Int32
        /// Shifts of each tracked counted type, in the fields of a `Packing`.
        var counts: (UInt64, UInt64)
        var weekends: Int16
        /// -1: the last day was off; else the class of its shift.
        var last: Int16
        var run: Int16
        var touchesStart: Bool
        /// Index into the trail (for reading the schedule back).
        var node: Int32
    }

    struct Step { var parent: Int32; var shift: Int16 }

    /// Every field of `a` at most `b`'s: with the guard bits set in b, b − a keeps a field's guard exactly
    /// when that field of b is at least a's (no borrow crosses a guard).
    @inline(__always)
    static func fieldsAtMost(_ a: UInt64, _ b: UInt64, guards: UInt64) -> Bool {
        a == b || ((b | guards) &- a) & guards == guards
    }

    func dominates(_ a: Label, _ b: Label, _ p: Packing) -> Bool {
        guard a.cost <= b.cost + 1e-9, a.weekends <= b.weekends else { return false }
        return Self.fieldsAtMost(a.counts.0, b.counts.0, guards: p.guards.0) && Self.fieldsAtMost(a.counts.1, b.counts.1, guards: p.guards.1)
    }

    /// The `count` cheapest schedules (at most; distinct end states) for
    /// `cost[d][t]`, cheapest first: total cost and shift per day (nil off).
    /// Empty when the employee has no lawful schedule at all.
    ///
    /// With `labelsPerState` set, a state keeps only that many labels (the
    /// cheapest): a heuristic, much faster where several shift types are
    /// counted, which still returns only lawful schedules but may miss the
    /// cheapest, or find none (the column generation then prices exactly).
    ///
    /// The counted types and the weekends are tracked only once they have been
    /// found to bind (decremental state-space relaxation): the path is first
    /// found with the resources tracked so far, which relaxes the others and so
    /// costs no more than the true minimum; when its cheapest schedule keeps
    /// every limit it is the true minimum, else the limits it breaks are tracked
    /// from then on (for this employee) and the path is found again. Every
    /// schedule returned keeps every rule.
    ///
    /// `below`, when given, is the cost of some lawful schedule at these costs (one the caller holds): the
    /// cheapest costs no more, so a partial schedule that cannot be completed below it (by the completion
    /// bound, `completions`) is dropped. With `count` 1 only; the result is the same.
    public func cheapest(_ cost: [[Double]], count: Int = 1, labelsPerState: Int? = nil, below: Double? = nil)
        -> [(cost: Double, shifts: [Int?])] {
        cheapest(cost, count: count, labelsPerState: labelsPerState, below: below, labelLimit: .max)!
    }

    /// As `cheapest`, but gives up (nil) when a pass makes more than `labelLimit` labels: over long horizons
    /// with several binding counts the exact path can take minutes.
    public func cheapest(_ cost: [[Double]], count: Int = 1, labelsPerState: Int? = nil, below: Double? = nil, labelLimit: Int)
        -> [(cost: Double, shifts: [Int?])]? {
        var track = tracked.value
        let bound = count == 1 ? below ?? .infinity : .infinity
        let completions = bound.isFinite ? completions(cost) : nil
        while true {
            // Counts beyond the two words' room would not be counted: not exact, so out of budget when there is one.
            if labelLimit < .max && packing(track).unpacked != 0 { return nil }
            guard var found = paths(cost, count: count, labelsPerState: labelsPerState, track: track, below: bound,
                                    completions: completions, labelLimit: labelLimit) else { return nil }
            // A bound below the true minimum (a schedule given that is not lawful) drops every path: priced again without it.
            if found.isEmpty && completions != nil {
                guard let again = paths(cost, count: count, labelsPerState: labelsPerState, track: track, labelLimit: labelLimit)
                else { return nil }
                found = again
            }
            guard let first = found.first else { return [] }
            let broken = exceeded(first.shifts)
            if broken & ~track != 0 {
                track |= broken
                tracked.update { $0 |= broken }
                continue
            }
            return found.filter { exceeded($0.shifts) == 0 }
        }
    }

    /// The tracked resources of a schedule it breaks: bit k for counted type k,
    /// `weekendBit` for the weekends.
    func exceeded(_ shifts: [Int?]) -> UInt64 {
        var used = [Int](repeating: 0, count: limits.count)
        var weekends = 0
        for (d, t) in shifts.enumerated() {
            if let t, counted[t] >= 0 { used[counted[t]] += 1 }
            // As the labels count them: a Saturday worked, or a Sunday worked after a Saturday off.
            if t != nil, d % 7 == 5 || (d % 7 == 6 && shifts[d - 1] == nil) { weekends += 1 }
        }
        var out: UInt64 = 0
        for k in limits.indices where used[k] > limits[k] { out |= 1 << UInt64(k) }
        if countWeekends && weekends > maxWeekends { out |= Self.weekendBit }
        return out
    }

    static let weekendBit: UInt64 = 1 << 63

    /// The states of the completion bound: minutes worked, the last day's class, the run and whether it
    /// touches day 0 — the path's state without the counted types and the weekends.
    var completionStates: Int { (maxMinutes / minuteUnit + 1) * (forbidden.count + 1) * (max(maxRun, minOff) + 1) * 2 }

    func completionKey(minutes m: Int, last: Int, run: Int, touchesStart: Bool) -> Int {
        ((m / minuteUnit * (forbidden.count + 1) + last + 1) * (max(maxRun, minOff) + 1) + run) * 2 + (touchesStart ? 1 : 0)
    }

    /// The completion bound: entry d·S + key is the least cost of days d… to the end from the state `key`
    /// before day d (S = `completionStates`), +∞ where no completion keeps the rules; over every rule of the
    /// path except the counted types and the weekends (a relaxation, so a lower bound on every completion).
    /// A backward pass over the same states and steps as `paths`.
    func completions(_ cost: [[Double]]) -> [Double] {
        let h = horizon, states = completionStates
        let runCap = max(maxRun, minOff) + 1, lasts = forbidden.count + 1, top = maxMinutes / minuteUnit
        let block = runCap * 2  // the states of one (minutes, last) pair: run and whether it touches day 0
        let groups = alike.count, rep = alike.map { $0[0] }
        let step = rep.map { minutes[$0] / minuteUnit }, next = rep.map { followClass[$0] + 1 }
        // notAfter[c·groups + g]: group g may not follow a shift of class c.
        let notAfter = forbidden.flatMap { f in rep.map { f[$0] } }
        let longest = minutes.max() ?? 0
        var cheapest = [Double](repeating: .infinity, count: groups)
        var out = [Double](repeating: .infinity, count: (h + 1) * states)
        out.withUnsafeMutableBufferPointer { v in
            for mi in 0...top where mi * minuteUnit >= minMinutes {
                for i in 0..<(lasts * block) { v[h * states + mi * lasts * block + i] = 0 }
            }
            for d in stride(from: h - 1, through: 0, by: -1) {
                let here = d * states, after = (d + 1) * states
                for g in 0..<groups {
                    var c = Double.infinity
                    for t in alike[g] where allowed[d][t] { c = min(c, cost[d][t]) }
                    cheapest[g] = c
                }
                // Only the minutes a path can have before day d and still reach the minimum (the states `paths` reads).
                let lowest = (max(0, minMinutes - reachable[d] - longest) + minuteUnit - 1) / minuteUnit
                let highest = min(top, d * longest / minuteUnit)
                guard lowest <= highest else { continue }
                for mi in lowest...highest {
                    let rests = mi * minuteUnit + reachable[d] >= minMinutes
                    for li in 0..<lasts {
                        let base = here + (mi * lasts + li) * block
                        for run in 0..<runCap {
                            for ts in 0..<2 {
                                var best = Double.infinity
                                if rests {
                                    if li > 0 {
                                        if ts == 1 || run >= minRun { best = v[after + mi * lasts * block + 2] }
                                    } else {
                                        best = v[after + mi * lasts * block + min(run + 1, minOff) * 2 + ts]
                                    }
                                }
                                if li > 0 ? run < maxRun : (ts == 1 || run >= minOff) {
                                    let run2 = li > 0 ? run + 1 : 1, ts2 = li > 0 ? ts : (d == 0 ? 1 : 0)
                                    for g in 0..<groups where cheapest[g] < .infinity {
                                        if li > 0 && notAfter[(li - 1) * groups + g] { continue }
                                        let mi2 = mi + step[g]
                                        guard mi2 <= top, mi2 * minuteUnit + reachable[d] >= minMinutes else { continue }
                                        let c = cheapest[g] + v[after + (mi2 * lasts + next[g]) * block + run2 * 2 + ts2]
                                        if c < best { best = c }
                                    }
                                }
                                v[base + run * 2 + ts] = best
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    func paths(_ cost: [[Double]], count: Int, labelsPerState: Int?, track: UInt64, below bound: Double = .infinity,
               completions: [Double]? = nil, labelLimit: Int = .max) -> [(cost: Double, shifts: [Int?])]? {
        let countWeekends = countWeekends && track & Self.weekendBit != 0
        let cap = labelsPerState ?? .max
        let h = horizon
        let runCap = max(maxRun, minOff) + 1, lasts = forbidden.count + 1
        let states = completionStates, slack = 1e-6 + 1e-9 * abs(bound)
        // Labels of one day live in `next`, chained by bucket (same state) through `link`;
        // a bucket's head is valid only when stamped with the current day.
        // Weekends worked (when tracked) are part of the state rather than a resource compared label by label.
        let weekendStates = countWeekends ? maxWeekends + 1 : 1
        let slots = (maxMinutes / minuteUnit + 1) * lasts * runCap * 2 * weekendStates
        var head = [Int32](repeating: -1, count: slots), stamp = [Int32](repeating: -1, count: slots)
        // Every step taken (a label's shift on its day and the step before), for reading schedules back.
        var trail: [Step] = [Step(parent: -1, shift: -1)]
        trail.reserveCapacity(1 << 16)
        let packed = packing(track)
        var frontier = [Label(cost: 0, minutes: 0, counts: (0, 0), weekends: 0, last: -1, run: Int16(minOff),
                              touchesStart: true, node: 0)]
        var next: [Label] = [], link: [Int32] = [], alive: [Bool] = []
        for d in 0..<h {
            next.removeAll(keepingCapacity: true)
            link.removeAll(keepingCapacity: true)
            alive.removeAll(keepingCapacity: true)
            let day = Int32(d)
            func push(_ l: Label, from parent: Int32, shift: Int) {
                var l = l
                if let completions {
                    let rest = completions[(d + 1) * states + completionKey(minutes: Int(l.minutes), last: Int(l.last), run: Int(l.run),
                                                                           touchesStart: l.touchesStart)]
                    if l.cost + rest > bound + slack { return }
                }
                normalise(&l, day: d, track: track, packing: packed)
                let key = (((Int(l.minutes) / minuteUnit * lasts + Int(l.last) + 1) * runCap + Int(l.run)) * 2 + (l.touchesStart ? 1 : 0))
                    * weekendStates + (countWeekends ? Int(l.weekends) : 0)
                if stamp[key] != day { stamp[key] = day; head[key] = -1 }
                var i = head[key]
                var kept = 0, dearest = -1
                while i >= 0 {
                    let j = Int(i)
                    if alive[j] {
                        if dominates(next[j], l, packed) { return }
                        if dominates(l, next[j], packed) { alive[j] = false } else {
                            kept += 1
                            if dearest < 0 || next[j].cost > next[dearest].cost { dearest = j }
                        }
                    }
                    i = link[j]
                }
                if kept >= cap {
                    guard l.cost < next[dearest].cost else { return }
                    alive[dearest] = false
                }
                l.node = Int32(trail.count)
                trail.append(Step(parent: parent, shift: Int16(shift)))
                link.append(head[key])
                head[key] = Int32(next.count)
                next.append(l)
                alive.append(true)
            }
            let weekendDay = countWeekends && d % 7 >= 5
            // Of shift types alike and none of them counted here, only the cheapest today can be on a cheapest path.
            var candidates: [Int] = []
            for ts in alike {
                if ts.contains(where: { counted[$0] >= 0 && packed.word[counted[$0]] >= 0 }) {
                    candidates += ts.filter { allowed[d][$0] }
                } else if let t = ts.filter({ allowed[d][$0] }).min(by: { cost[d][$0] < cost[d][$1] }) {
                    candidates.append(t)
                }
            }
            for l in frontier {
                // Off on day d.
                if l.last >= 0 {
                    if l.touchesStart || Int(l.run) >= minRun, Int(l.minutes) + reachable[d] >= minMinutes {
                        var o = l
                        o.last = -1; o.run = 1; o.touchesStart = false
                        push(o, from: l.node, shift: -1)
                    }
                } else if Int(l.minutes) + reachable[d] >= minMinutes {
                    var o = l
                    o.run = Int16(min(Int(l.run) + 1, minOff))
                    push(o, from: l.node, shift: -1)
                }
                // A shift on day d.
                let run: Int16, starts: Bool
                if l.last >= 0 {
                    guard Int(l.run) < maxRun else { continue }
                    run = l.run + 1; starts = l.touchesStart
                } else {
                    guard l.touchesStart || Int(l.run) >= minOff else { continue }
                    run = 1; starts = d == 0
                }
                var weekends = l.weekends
                if weekendDay && (d % 7 == 5 || l.last < 0) {
                    weekends += 1
                    if Int(weekends) > maxWeekends { continue }
                }
                for t in candidates {
                    if l.last >= 0 && forbidden[Int(l.last)][t] { continue }
                    let m = Int(l.minutes) + minutes[t]
                    if m > maxMinutes || m + reachable[d] < minMinutes { continue }
                    var step = Label(cost: l.cost + cost[d][t], minutes: Int32(m), counts: l.counts, weekends: weekends,
                                     last: Int16(followClass[t]), run: run, touchesStart: starts, node: 0)
                    if case let k = counted[t], k >= 0 && packed.word[k] >= 0 {
                        if tally(step, k, packed) + 1 > limits[k] { continue }
                        add(&step, k, 1, packed)
                    }
                    push(step, from: l.node, shift: t)
                }
            }
            if trail.count > labelLimit { return nil }
            frontier.removeAll(keepingCapacity: true)
            for (i, l) in next.enumerated() where alive[i] { frontier.append(l) }
        }
        // Runs touching the last day are exempt from the minimums; only the total minutes remain to check.
        let ends = frontier.filter { Int($0.minutes) >= minMinutes }.sorted { $0.cost < $1.cost }
        var out: [(cost: Double, shifts: [Int?])] = []
        var seen = Set<[Int16]>()
        for l in ends {
            var shifts = [Int16](repeating: -1, count: h)
            var n = l.node, d = h - 1
            while n > 0 && d >= 0 {
                shifts[d] = trail[Int(n)].shift
                n = trail[Int(n)].parent
                d -= 1
            }
            guard seen.insert(shifts).inserted else { continue }
            out.append((l.cost, shifts.map { $0 < 0 ? nil : Int($0) }))
            if out.count >= count { break }
        }
        return out
    }
}
