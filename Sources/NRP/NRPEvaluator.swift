import Foundation

/// A solution: who works which shift on which day (staff × day → shift index or off).
public struct NRPSolution: Sendable, Equatable {
    public var shifts: [[Int?]]

    public init(staff: Int, horizon: Int) {
        shifts = Array(repeating: Array(repeating: nil, count: horizon), count: staff)
    }

    /// How many work each (day, shift), at index day × shift types + shift.
    public func coverCounts(shiftTypes nt: Int) -> [Int] {
        var count = [Int](repeating: 0, count: (shifts.first?.count ?? 0) * nt)
        for row in shifts { for (d, t) in row.enumerated() { if let t { count[d * nt + t] += 1 } } }
        return count
    }

    /// `staff_id,day,shift_id` lines, one per worked day, staff then day order.
    public func csv(_ instance: NRPInstance) -> String {
        var out = ""
        for (e, row) in shifts.enumerated() {
            for (d, t) in row.enumerated() {
                if let t { out += "\(instance.staff[e].id),\(d),\(instance.shifts[t].id)\n" }
            }
        }
        return out
    }
}

/// Reads and checks solutions independently of how they were made: every hard
/// constraint of FORMAT.md re-derived from the assignments, and the objective.
public enum NRPEvaluator {
    public struct Report: Sendable, Equatable {
        /// Hard constraint violations, in words.
        public var violations: [String]
        public var onRequests = 0
        public var offRequests = 0
        public var under = 0
        public var over = 0
        public var objective: Int { onRequests + offRequests + under + over }
        public var feasible: Bool { violations.isEmpty }
    }

    /// Reads `staff_id,day,shift_id` lines (a header line of that form is allowed).
    /// Format errors (unknown ids, bad numbers) are errors; a person given two shifts
    /// on one day is a violation, reported by `evaluate` through `duplicates`.
    public static func read(_ text: String, file: String, instance: NRPInstance) throws(NRPError) -> (NRPSolution, duplicates: [String]) {
        var sol = NRPSolution(staff: instance.staff.count, horizon: instance.horizon)
        var duplicates: [String] = []
        for (k, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            if k == 0 && f.first?.lowercased() == "staff_id" { continue }
            func err(_ field: String?, _ m: String) -> NRPError { NRPError(file: file, line: k + 1, section: nil, field: field, message: m) }
            guard f.count == 3 else { throw err(nil, "\(f.count) fields; expected staff_id,day,shift_id") }
            guard let e = instance.staffIndex(f[0]) else { throw err("staff_id", "unknown employee \(f[0])") }
            guard let d = Int(f[1]), d >= 0, d < instance.horizon else { throw err("day", "\"\(f[1])\" is not a day 0..\(instance.horizon - 1)") }
            guard let t = instance.shiftIndex(f[2]) else { throw err("shift_id", "unknown shift \(f[2])") }
            if let was = sol.shifts[e][d] {
                duplicates.append("\(f[0]) has two shifts on day \(d) (\(instance.shifts[was].id) and \(f[2]); line \(k + 1))")
            }
            sol.shifts[e][d] = t
        }
        return (sol, duplicates)
    }

    public static func evaluate(_ s: NRPSolution, _ inst: NRPInstance, duplicates: [String] = []) -> Report {
        var r = Report(violations: duplicates)
        let h = inst.horizon
        let next = inst.forbiddenNext
        for (e, p) in inst.staff.enumerated() {
            let row = s.shifts[e]
            let works = row.map { $0 != nil }
            // 2. rotation
            for d in 0..<(h - 1) {
                if let a = row[d], let b = row[d + 1], next[a].contains(b) {
                    r.violations.append("\(p.id): \(inst.shifts[b].id) on day \(d + 1) may not follow \(inst.shifts[a].id) on day \(d)")
                }
            }
            // 3. max shifts per type
            for (t, shift) in inst.shifts.enumerated() {
                let n = row.filter { $0 == t }.count
                if let m = p.maxShifts[shift.id], n > m { r.violations.append("\(p.id): \(n) \(shift.id) shifts, at most \(m)") }
            }
            // 4–5. total minutes
            let minutes = row.compactMap { $0 }.reduce(0) { $0 + inst.shifts[$1].minutes }
            if minutes > p.maxMinutes { r.violations.append("\(p.id): \(minutes) minutes, at most \(p.maxMinutes)") }
            if minutes < p.minMinutes { r.violations.append("\(p.id): \(minutes) minutes, at least \(p.minMinutes)") }
            // 6–8. runs
            var d = 0
            while d < h {
                var end = d
                while end + 1 < h && works[end + 1] == works[d] { end += 1 }
                let length = end - d + 1
                let inside = d > 0 && end < h - 1
                if works[d] {
                    if length > p.maxConsecutive { r.violations.append("\(p.id): \(length) shifts in a row from day \(d), at most \(p.maxConsecutive)") }
                    if inside && length < p.minConsecutive { r.violations.append("\(p.id): \(length) shifts in a row from day \(d), at least \(p.minConsecutive)") }
                } else if inside && length < p.minDaysOff {
                    r.violations.append("\(p.id): \(length) days off in a row from day \(d), at least \(p.minDaysOff)")
                }
                d = end + 1
            }
            // 9. weekends
            let weekends = (0..<inst.weeks).filter { k in works[7 * k + 5] || works[7 * k + 6] }.count
            if weekends > p.maxWeekends { r.violations.append("\(p.id): \(weekends) weekends worked, at most \(p.maxWeekends)") }
            // 10. fixed days off
            for d in inst.daysOff[e].sorted() where works[d] { r.violations.append("\(p.id): works day \(d), a fixed day off") }
        }
        for q in inst.onRequests where s.shifts[q.staff][q.day] != q.shift { r.onRequests += q.weight }
        for q in inst.offRequests where s.shifts[q.staff][q.day] == q.shift { r.offRequests += q.weight }
        let count = s.coverCounts(shiftTypes: inst.shifts.count)
        for c in inst.cover {
            let x = count[c.day * inst.shifts.count + c.shift]
            if x < c.requirement { r.under += (c.requirement - x) * c.underWeight }
            if x > c.requirement { r.over += (x - c.requirement) * c.overWeight }
        }
        return r
    }
}
