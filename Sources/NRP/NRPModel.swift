import MIP

/// The benchmark as a 0/1 programme on Kinmu's MIP module, written tight:
/// rotation rows aggregate every forbidden successor of a shift (valid because at
/// most one shift is worked a day), the run rules are the pattern-exclusion
/// inequalities of Curtois & Qu, and a worked weekend is bounded on both sides.
/// Columns exist only where work is possible (the shift type allowed, not a fixed
/// day off). A fixed column `constant` carries the shift-on weights, so the
/// program's objective is the benchmark's penalty.
public struct NRPModel: Sendable {
    public let instance: NRPInstance
    public private(set) var program: LinearProgram
    /// x[e][d][t]: e works shift t on day d (nil where impossible).
    public private(set) var x: [[[ColumnID?]]]
    /// weekend[e][k]: e works weekend k.
    public private(set) var weekend: [[ColumnID]]
    public private(set) var under: [ColumnID?]
    public private(set) var over: [ColumnID?]
    let constant: ColumnID

    public init(_ inst: NRPInstance) {
        instance = inst
        var lp = LinearProgram(name: "nrp \(inst.name)", sense: .minimize)
        let h = inst.horizon, nt = inst.shifts.count
        x = inst.staff.indices.map { e in
            (0..<h).map { d in
                (0..<nt).map { t -> ColumnID? in
                    guard inst.allowed(e, t), !inst.daysOff[e].contains(d) else { return nil }
                    return lp.addColumn(name: "x[\(inst.staff[e].id),\(d),\(inst.shifts[t].id)]", kind: .binary)
                }
            }
        }
        let x = self.x
        func works(_ e: Int, _ d: Int) -> [(ColumnID, Double)] { x[e][d].compactMap { $0 }.map { ($0, 1.0) } }
        let next = inst.forbiddenNext
        weekend = []
        for (e, p) in inst.staff.enumerated() {
            for d in 0..<h where !works(e, d).isEmpty {
                lp.addRow(name: "oneShift[\(p.id),\(d)]", terms: works(e, d), upper: 1)
            }
            // Rotation: s on day d excludes every forbidden successor on d+1.
            for d in 0..<(h - 1) {
                for (s, forbidden) in next.enumerated() where !forbidden.isEmpty {
                    guard let a = x[e][d][s] else { continue }
                    let later = forbidden.compactMap { x[e][d + 1][$0] }
                    if !later.isEmpty {
                        lp.addRow(name: "rotation[\(p.id),\(d),\(inst.shifts[s].id)]", terms: [(a, 1)] + later.map { ($0, 1.0) }, upper: 1)
                    }
                }
            }
            for (t, shift) in inst.shifts.enumerated() {
                guard let m = p.maxShifts[shift.id], m < h else { continue }
                let terms = (0..<h).compactMap { x[e][$0][t] }.map { ($0, 1.0) }
                if terms.count > m { lp.addRow(name: "maxShifts[\(p.id),\(shift.id)]", terms: terms, upper: Double(m)) }
            }
            let minutes = (0..<h).flatMap { d in (0..<nt).compactMap { t in x[e][d][t].map { ($0, Double(inst.shifts[t].minutes)) } } }
            lp.addRow(name: "minutes[\(p.id)]", terms: minutes, lower: Double(p.minMinutes), upper: Double(p.maxMinutes))
            // At most maxConsecutive worked days in any window of maxConsecutive + 1.
            if p.maxConsecutive < h {
                for d in 0...(h - p.maxConsecutive - 1) {
                    let terms = (d...(d + p.maxConsecutive)).flatMap { works(e, $0) }
                    if terms.count > p.maxConsecutive {
                        lp.addRow(name: "maxRun[\(p.id),\(d)]", terms: terms, upper: Double(p.maxConsecutive))
                    }
                }
            }
            // No run of k < minConsecutive worked days between two days off (inside the horizon).
            if p.minConsecutive > 1 {
                for k in 1..<p.minConsecutive {
                    for d in 0..<h where d + k + 1 <= h - 1 {
                        var terms = works(e, d).map { ($0.0, -1.0) } + works(e, d + k + 1).map { ($0.0, -1.0) }
                        for j in 1...k { terms += works(e, d + j) }
                        if (1...k).allSatisfy({ !works(e, d + $0).isEmpty }) {
                            lp.addRow(name: "minRun[\(p.id),\(d),\(k)]", terms: terms, upper: Double(k - 1))
                        }
                    }
                }
            }
            // No run of k < minDaysOff days off between two worked days (inside the horizon).
            if p.minDaysOff > 1 {
                for k in 1..<p.minDaysOff {
                    for d in 0..<h where d + k + 1 <= h - 1 {
                        guard !works(e, d).isEmpty, !works(e, d + k + 1).isEmpty else { continue }
                        var terms = works(e, d) + works(e, d + k + 1)
                        for j in 1...k { terms += works(e, d + j).map { ($0.0, -1.0) } }
                        lp.addRow(name: "minOff[\(p.id),\(d),\(k)]", terms: terms, upper: 1)
                    }
                }
            }
            var wk: [ColumnID] = []
            for k in 0..<inst.weeks {
                let sat = works(e, 7 * k + 5), sun = works(e, 7 * k + 6)
                let w = lp.addColumn(name: "weekend[\(p.id),\(k)]", kind: .binary, upper: sat.isEmpty && sun.isEmpty ? 0 : 1)
                if !sat.isEmpty { lp.addRow(name: "weekendSat[\(p.id),\(k)]", terms: [(w, 1)] + sat.map { ($0.0, -1.0) }, lower: 0) }
                if !sun.isEmpty { lp.addRow(name: "weekendSun[\(p.id),\(k)]", terms: [(w, 1)] + sun.map { ($0.0, -1.0) }, lower: 0) }
                lp.addRow(name: "weekendWorked[\(p.id),\(k)]", terms: [(w, 1)] + (sat + sun).map { ($0.0, -1.0) }, upper: 0)
                wk.append(w)
            }
            if p.maxWeekends < inst.weeks {
                lp.addRow(name: "maxWeekends[\(p.id)]", terms: wk.map { ($0, 1.0) }, upper: Double(p.maxWeekends))
            }
            weekend.append(wk)
        }
        under = Array(repeating: nil, count: h * nt)
        over = Array(repeating: nil, count: h * nt)
        for c in inst.cover {
            let k = c.day * nt + c.shift
            let u = lp.addColumn(name: "under[\(c.day),\(inst.shifts[c.shift].id)]", upper: Double(c.requirement), objective: Double(c.underWeight))
            let o = lp.addColumn(name: "over[\(c.day),\(inst.shifts[c.shift].id)]", objective: Double(c.overWeight))
            under[k] = u
            over[k] = o
            let staffed = inst.staff.indices.compactMap { x[$0][c.day][c.shift] }.map { ($0, 1.0) }
            lp.addRow(name: "cover[\(c.day),\(inst.shifts[c.shift].id)]", terms: staffed + [(u, 1), (o, -1)],
                      lower: Double(c.requirement), upper: Double(c.requirement))
        }
        var fixed = 0.0
        for q in inst.onRequests {
            fixed += Double(q.weight)
            if let c = x[q.staff][q.day][q.shift] { lp.setObjective(c, lp.column(c).objective - Double(q.weight)) }
        }
        for q in inst.offRequests {
            if let c = x[q.staff][q.day][q.shift] { lp.setObjective(c, lp.column(c).objective + Double(q.weight)) }
        }
        constant = lp.addColumn(name: "constant", lower: 1, upper: 1, objective: fixed)
        program = lp
    }

    /// The solution a vector of column values describes.
    public func solution(_ values: [Double]) -> NRPSolution {
        var s = NRPSolution(staff: instance.staff.count, horizon: instance.horizon)
        for e in x.indices {
            for d in x[e].indices {
                s.shifts[e][d] = x[e][d].indices.first { t in x[e][d][t].map { values[$0.index] > 0.5 } ?? false }
            }
        }
        return s
    }

    /// Column values for a solution (a warm start): x, weekends, under and over.
    public func values(_ s: NRPSolution) -> [Double] {
        var v = [Double](repeating: 0, count: program.columns.count)
        let nt = instance.shifts.count
        let count = s.coverCounts(shiftTypes: nt)
        for e in x.indices {
            for d in x[e].indices {
                if let t = s.shifts[e][d], let c = x[e][d][t] { v[c.index] = 1 }
            }
            for k in 0..<instance.weeks where s.shifts[e][7 * k + 5] != nil || s.shifts[e][7 * k + 6] != nil {
                v[weekend[e][k].index] = 1
            }
        }
        for c in instance.cover {
            let k = c.day * nt + c.shift
            v[under[k]!.index] = Double(max(0, c.requirement - count[k]))
            v[over[k]!.index] = Double(max(0, count[k] - c.requirement))
        }
        v[constant.index] = 1
        return v
    }

    /// The program with every x and weekend column outside `open` fixed to the solution's value.
    public func fixing(_ s: NRPSolution, open: (Int, Int) -> Bool) -> LinearProgram {
        var lp = program
        for e in x.indices {
            var anyOpen = false
            for d in x[e].indices {
                if open(e, d) { anyOpen = true; continue }
                for (t, c) in x[e][d].enumerated() {
                    guard let c else { continue }
                    let v: Double = s.shifts[e][d] == t ? 1 : 0
                    lp.setBounds(c, lower: v, upper: v)
                }
            }
            if !anyOpen {
                for (k, w) in weekend[e].enumerated() {
                    let v: Double = s.shifts[e][7 * k + 5] != nil || s.shifts[e][7 * k + 6] != nil ? 1 : 0
                    lp.setBounds(w, lower: v, upper: v)
                }
            }
        }
        return lp
    }
}
