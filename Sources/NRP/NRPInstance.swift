import Foundation

/// An instance of the Shift Scheduling Benchmark (Curtois & Qu; the format in
/// shared/data/nrp-curtois/FORMAT.md): a horizon of whole weeks from a Monday,
/// shift types, staff with their limits, fixed days off, requests and cover.
public struct NRPInstance: Sendable {
    public struct Shift: Sendable, Equatable {
        public var id: String
        public var minutes: Int
        /// Shifts that may not be worked the day after this one.
        public var cannotFollow: [String]
    }

    public struct Staff: Sendable, Equatable {
        public var id: String
        /// Most shifts of each type (0 forbids the type; a type not listed is unlimited).
        public var maxShifts: [String: Int]
        public var maxMinutes: Int
        public var minMinutes: Int
        public var maxConsecutive: Int
        public var minConsecutive: Int
        public var minDaysOff: Int
        public var maxWeekends: Int
    }

    public struct Request: Sendable, Equatable {
        public var staff: Int
        public var day: Int
        public var shift: Int
        public var weight: Int
    }

    public struct Cover: Sendable, Equatable {
        public var day: Int
        public var shift: Int
        public var requirement: Int
        public var underWeight: Int
        public var overWeight: Int
    }

    public var name: String
    public var horizon: Int
    public var shifts: [Shift]
    public var staff: [Staff]
    /// Fixed days off per staff index.
    public var daysOff: [Set<Int>]
    public var onRequests: [Request]
    public var offRequests: [Request]
    public var cover: [Cover]

    public var weeks: Int { horizon / 7 }

    public func shiftIndex(_ id: String) -> Int? { shifts.firstIndex { $0.id == id } }
    public func staffIndex(_ id: String) -> Int? { staff.firstIndex { $0.id == id } }

    /// Whether staff e may work shift t at all (its MaxShifts is not 0).
    public func allowed(_ e: Int, _ t: Int) -> Bool { (staff[e].maxShifts[shifts[t].id] ?? Int.max) > 0 }

    /// cannotFollow as indices: follows[s] = shifts that may not come the day after s.
    public var forbiddenNext: [[Int]] { shifts.map { s in s.cannotFollow.compactMap { shiftIndex($0) } } }
}

/// A malformed instance or solution file: the file, the line, the section and field, and what is wrong.
public struct NRPError: Error, Sendable, CustomStringConvertible, Equatable {
    public var file: String
    public var line: Int?
    public var section: String?
    public var field: String?
    public var message: String

    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        if let section { s += ": \(section)" }
        if let field { s += ": \(field)" }
        return s + ": " + message
    }
}

extension NRPInstance {
    static let sections = ["SECTION_HORIZON", "SECTION_SHIFTS", "SECTION_STAFF", "SECTION_DAYS_OFF",
                           "SECTION_SHIFT_ON_REQUESTS", "SECTION_SHIFT_OFF_REQUESTS", "SECTION_COVER"]

    public static func read(_ path: String) throws(NRPError) -> NRPInstance {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw NRPError(file: path, line: nil, section: nil, field: nil, message: "cannot read the file as UTF-8 text")
        }
        let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        return try parse(text, file: path, name: name)
    }

    /// Parses the text of an instance; `file` names it in errors.
    public static func parse(_ text: String, file: String, name: String = "instance") throws(NRPError) -> NRPInstance {
        var bySection: [String: [(Int, [String])]] = [:]
        var current: String?
        var seen: [String: Int] = [:]
        for (k, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("SECTION_") {
                guard sections.contains(line) else {
                    throw NRPError(file: file, line: k + 1, section: line, field: nil, message: "unknown section; expected one of \(sections.joined(separator: ", "))")
                }
                if let first = seen[line] {
                    throw NRPError(file: file, line: k + 1, section: line, field: nil, message: "the section appears twice (first on line \(first))")
                }
                seen[line] = k + 1
                current = line
                bySection[line] = []
                continue
            }
            guard let s = current else {
                throw NRPError(file: file, line: k + 1, section: nil, field: nil, message: "data before the first SECTION_ line")
            }
            bySection[s]!.append((k + 1, line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }))
        }
        func err(_ line: Int?, _ section: String, _ field: String?, _ message: String) -> NRPError {
            NRPError(file: file, line: line, section: section, field: field, message: message)
        }
        func int(_ s: String, _ line: Int, _ section: String, _ field: String, min: Int = 0) throws(NRPError) -> Int {
            guard let v = Int(s), v >= min else { throw err(line, section, field, "\"\(s)\" is not a whole number ≥ \(min)") }
            return v
        }
        // Required sections, checked in file order as they are read.
        func rows(_ s: String) throws(NRPError) -> [(Int, [String])] {
            guard let r = bySection[s] else { throw err(nil, s, nil, "the section is missing") }
            return r
        }
        // Horizon.
        let hz = try rows("SECTION_HORIZON")
        guard hz.count == 1, hz[0].1.count == 1 else { throw err(hz.first?.0, "SECTION_HORIZON", nil, "expected one line holding the number of days") }
        let horizon = try int(hz[0].1[0], hz[0].0, "SECTION_HORIZON", "days", min: 1)
        guard horizon % 7 == 0 else { throw err(hz[0].0, "SECTION_HORIZON", "days", "\(horizon) is not a whole number of weeks") }
        // Shifts.
        var shifts: [Shift] = []
        for (line, f) in try rows("SECTION_SHIFTS") {
            guard f.count == 3 else { throw err(line, "SECTION_SHIFTS", nil, "\(f.count) fields; expected ShiftID,LengthInMins,CannotFollow") }
            guard !f[0].isEmpty else { throw err(line, "SECTION_SHIFTS", "ShiftID", "empty") }
            guard !shifts.contains(where: { $0.id == f[0] }) else { throw err(line, "SECTION_SHIFTS", "ShiftID", "\(f[0]) appears twice") }
            shifts.append(Shift(id: f[0], minutes: try int(f[1], line, "SECTION_SHIFTS", "LengthInMins", min: 1),
                                cannotFollow: f[2].isEmpty ? [] : f[2].split(separator: "|").map(String.init)))
        }
        for (line, f) in bySection["SECTION_SHIFTS"]! {
            for c in f[2].split(separator: "|") where !shifts.contains(where: { $0.id == c }) {
                throw err(line, "SECTION_SHIFTS", "CannotFollow", "unknown shift \(c)")
            }
        }
        let shiftIndex = Dictionary(uniqueKeysWithValues: shifts.enumerated().map { ($1.id, $0) })
        // Staff.
        var staff: [Staff] = []
        for (line, f) in try rows("SECTION_STAFF") {
            let sec = "SECTION_STAFF"
            guard f.count == 8 else {
                throw err(line, sec, nil, "\(f.count) fields; expected ID,MaxShifts,MaxTotalMinutes,MinTotalMinutes,MaxConsecutiveShifts,MinConsecutiveShifts,MinConsecutiveDaysOff,MaxWeekends")
            }
            guard !f[0].isEmpty, !staff.contains(where: { $0.id == f[0] }) else { throw err(line, sec, "ID", "empty or repeated \(f[0])") }
            var maxShifts: [String: Int] = [:]
            for pair in f[1].split(separator: "|") where !pair.isEmpty {
                let kv = pair.split(separator: "=").map(String.init)
                guard kv.count == 2, shiftIndex[kv[0]] != nil else { throw err(line, sec, "MaxShifts", "\"\(pair)\" is not ShiftID=n with a known shift") }
                maxShifts[kv[0]] = try int(kv[1], line, sec, "MaxShifts")
            }
            let p = Staff(id: f[0], maxShifts: maxShifts,
                          maxMinutes: try int(f[2], line, sec, "MaxTotalMinutes"), minMinutes: try int(f[3], line, sec, "MinTotalMinutes"),
                          maxConsecutive: try int(f[4], line, sec, "MaxConsecutiveShifts", min: 1),
                          minConsecutive: try int(f[5], line, sec, "MinConsecutiveShifts"),
                          minDaysOff: try int(f[6], line, sec, "MinConsecutiveDaysOff"), maxWeekends: try int(f[7], line, sec, "MaxWeekends"))
            guard p.minMinutes <= p.maxMinutes else { throw err(line, sec, "MinTotalMinutes", "\(p.minMinutes) exceeds MaxTotalMinutes \(p.maxMinutes)") }
            staff.append(p)
        }
        let staffIndex = Dictionary(uniqueKeysWithValues: staff.enumerated().map { ($1.id, $0) })
        func who(_ s: String, _ line: Int, _ sec: String) throws(NRPError) -> Int {
            guard let e = staffIndex[s] else { throw err(line, sec, "EmployeeID", "unknown employee \(s)") }
            return e
        }
        func day(_ s: String, _ line: Int, _ sec: String) throws(NRPError) -> Int {
            let d = try int(s, line, sec, "Day")
            guard d < horizon else { throw err(line, sec, "Day", "\(d) is outside the horizon 0..\(horizon - 1)") }
            return d
        }
        func shift(_ s: String, _ line: Int, _ sec: String) throws(NRPError) -> Int {
            guard let t = shiftIndex[s] else { throw err(line, sec, "ShiftID", "unknown shift \(s)") }
            return t
        }
        // Days off.
        var daysOff = [Set<Int>](repeating: [], count: staff.count)
        for (line, f) in bySection["SECTION_DAYS_OFF"] ?? [] {
            let e = try who(f[0], line, "SECTION_DAYS_OFF")
            for d in f.dropFirst() where !d.isEmpty { daysOff[e].insert(try day(d, line, "SECTION_DAYS_OFF")) }
        }
        func requests(_ sec: String) throws(NRPError) -> [Request] {
            var out: [Request] = []
            for (line, f) in bySection[sec] ?? [] {
                guard f.count == 4 else { throw err(line, sec, nil, "\(f.count) fields; expected EmployeeID,Day,ShiftID,Weight") }
                out.append(Request(staff: try who(f[0], line, sec), day: try day(f[1], line, sec), shift: try shift(f[2], line, sec),
                                   weight: try int(f[3], line, sec, "Weight")))
            }
            return out
        }
        let on = try requests("SECTION_SHIFT_ON_REQUESTS")
        let off = try requests("SECTION_SHIFT_OFF_REQUESTS")
        var cover: [Cover] = []
        var coverSeen: Set<Int> = []
        for (line, f) in try rows("SECTION_COVER") {
            let sec = "SECTION_COVER"
            guard f.count == 5 else { throw err(line, sec, nil, "\(f.count) fields; expected Day,ShiftID,Requirement,WeightForUnder,WeightForOver") }
            let c = Cover(day: try day(f[0], line, sec), shift: try shift(f[1], line, sec), requirement: try int(f[2], line, sec, "Requirement"),
                          underWeight: try int(f[3], line, sec, "WeightForUnder"), overWeight: try int(f[4], line, sec, "WeightForOver"))
            guard coverSeen.insert(c.day * shifts.count + c.shift).inserted else { throw err(line, sec, "Day", "day \(c.day) shift \(f[1]) appears twice") }
            cover.append(c)
        }
        return NRPInstance(name: name, horizon: horizon, shifts: shifts, staff: staff, daysOff: daysOff,
                           onRequests: on, offRequests: off, cover: cover)
    }
}
