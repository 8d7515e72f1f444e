import BusinessCalendar
import Foundation

/// A published roster (勤務表): who works which shift, with breaks and who serves
/// which line of work when. `roster.json` is this value; the checker and every
/// export read it, and nothing else, so a roster made elsewhere can be checked too.
public struct Roster: Codable, Sendable, Equatable {
    public struct StaffEntry: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var role: String
    }

    public struct DayEntry: Codable, Sendable, Equatable {
        public var date: String
        public var kind: String
        public var open: String
        public var close: String
    }

    public struct Interval: Codable, Sendable, Equatable {
        public var start: String
        public var end: String
    }

    public struct Task: Codable, Sendable, Equatable {
        public var start: String
        public var end: String
        /// The line of work's id (delivery, …).
        public var service: String
    }

    public struct Assignment: Codable, Sendable, Equatable {
        public var staff: String
        public var date: String
        /// The shift code (日, 遅, 休日交付, …).
        public var shift: String
        public var start: String
        public var end: String
        public var breaks: [Interval]
        public var tasks: [Task]
        /// Meetings attended during the shift.
        public var meetings: [Interval]?

        /// Hours worked: presence minus breaks.
        public var workHours: Double {
            let span = (TimeOfDay(end)?.minutes ?? 0) - (TimeOfDay(start)?.minutes ?? 0)
            let rest = breaks.reduce(0) { $0 + (TimeOfDay($1.end)?.minutes ?? 0) - (TimeOfDay($1.start)?.minutes ?? 0) }
            return Double(span - rest) / 60
        }
    }

    public var month: String
    public var scenario: String?
    public var status: String
    public var objective: Double?
    public var bound: Double?
    public var gap: Double?
    /// Wall-clock seconds of the solve: the one field that differs between identical runs.
    public var seconds: Double
    public var supervisorsCountDeputies: Bool
    public var staff: [StaffEntry]
    public var days: [DayEntry]
    public var assignments: [Assignment]

    /// Pretty, key-sorted JSON with a final newline.
    public func jsonData() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var d = try e.encode(self)
        d.append(0x0A)
        return d
    }

    public static func decode(_ data: Data) throws -> Roster {
        try JSONDecoder().decode(Roster.self, from: data)
    }
}
