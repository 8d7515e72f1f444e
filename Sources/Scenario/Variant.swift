import BusinessCalendar
import Demand

/// A what-if variant of a scenario: a name and the changes it makes.
///
/// Written `NAME:CHANGE,CHANGE,…` on the command line, or under `variants:` in
/// scenario.yaml. The changes:
///
/// | change | meaning |
/// | --- | --- |
/// | `spike=2026-12-01..2026-12-14:交付*1.8` | demand on a line (id, name, or `*` for all) times a factor over dates |
/// | `absent=S005:2026-12-07..2026-12-11` | a person absent (leave) over dates |
/// | `add=S006` / `add=S006*2` | one or more people with S006's role, skills and contract |
/// | `remove=S005` | a person taken off the month |
/// | `target=交付:0.9` / `target=*:0.9` | a line's service-level target (share served within its wait) |
/// | `hours=wed:08:30-20:00` / `hours=weekday:08:30-18:00` | opening hours of a weekday, or of every weekday |
/// | `close=2026-12-25` | an extra closed day |
/// | `open=2026-12-26:08:30-12:00` | an extra opening |
public struct Variant: Sendable, Equatable {
    public enum Change: Sendable, Equatable, CustomStringConvertible {
        case spike(from: CivilDate, through: CivilDate, line: String?, factor: Double)
        case absent(staff: String, from: CivilDate, through: CivilDate)
        case add(like: String, count: Int)
        case remove(staff: String)
        case target(line: String?, fraction: Double)
        case hours(weekday: Weekday?, hours: Hours)
        case close(date: CivilDate)
        case open(date: CivilDate, hours: Hours)

        /// The change as `parse` reads it (`spike=2026-12-01..2026-12-14:delivery*1.8`).
        public var description: String {
            switch self {
            case let .spike(a, b, l, f): return "spike=\(a)..\(b):\(l ?? "*")*\(f)"
            case let .absent(s, a, b): return "absent=\(s):\(a)..\(b)"
            case let .add(s, n): return "add=\(s)*\(n)"
            case let .remove(s): return "remove=\(s)"
            case let .target(l, f): return "target=\(l ?? "*"):\(f)"
            case let .hours(w, h): return "hours=\(w?.code ?? "weekday"):\(h)"
            case let .close(d): return "close=\(d)"
            case let .open(d, h): return "open=\(d):\(h)"
            }
        }

        /// Whether the change alters the calendar (and so needs a new forecast).
        public var changesCalendar: Bool {
            switch self {
            case .hours, .close, .open: return true
            default: return false
            }
        }
    }

    public var name: String
    public var changes: [Change]

    public init(name: String, changes: [Change]) {
        self.name = name
        self.changes = changes
    }

    /// The base scenario, unchanged.
    public static let base = Variant(name: "base", changes: [])

    /// `NAME:CHANGE,CHANGE,…`.
    public static func parse(_ text: String, services: [Service]) throws(VariantError) -> Variant {
        guard let colon = text.firstIndex(of: ":") else {
            throw VariantError(text, "expected NAME:CHANGES, e.g. 交付急増:spike=2026-12-01..2026-12-14:交付*1.8")
        }
        let name = String(text[..<colon]).trimmingSpaces
        guard !name.isEmpty, !name.contains("/"), name != "base" else {
            throw VariantError(text, "a variant needs a name other than \"base\", without \"/\"")
        }
        return Variant(name: name, changes: try parseChanges(String(text[text.index(after: colon)...]), services: services))
    }

    /// `CHANGE,CHANGE,…`.
    public static func parseChanges(_ text: String, services: [Service]) throws(VariantError) -> [Change] {
        var out: [Change] = []
        for part in text.split(separator: ",").map({ String($0).trimmingSpaces }) where !part.isEmpty {
            out.append(try change(part, services: services))
        }
        guard !out.isEmpty else { throw VariantError(text, "no changes given") }
        return out
    }

    static func change(_ text: String, services: [Service]) throws(VariantError) -> Change {
        guard let eq = text.firstIndex(of: "=") else { throw VariantError(text, "expected KIND=VALUE (spike, absent, add, remove, target, hours, close, open)") }
        let kind = String(text[..<eq]), value = String(text[text.index(after: eq)...])
        func dates(_ s: String) throws(VariantError) -> (CivilDate, CivilDate) {
            let r = s.components(separatedBy: "..")
            guard r.count <= 2, let a = CivilDate(r[0]), let b = r.count == 2 ? CivilDate(r[1]) : a, a <= b else {
                throw VariantError(text, "\"\(s)\" is not a date or a range YYYY-MM-DD..YYYY-MM-DD")
            }
            return (a, b)
        }
        func line(_ s: String) throws(VariantError) -> String? {
            if s == "*" || s == "all" { return nil }
            guard let svc = services.first(where: { $0.id == s || $0.name == s }) else {
                throw VariantError(text, "unknown line of work \"\(s)\"; known: \(services.map { "\($0.id) (\($0.name))" }.joined(separator: ", "))")
            }
            return svc.id
        }
        func split(_ s: String, _ sep: Character) throws(VariantError) -> (String, String) {
            guard let i = s.firstIndex(of: sep) else { throw VariantError(text, "expected \"\(sep)\" in \"\(s)\"") }
            return (String(s[..<i]), String(s[s.index(after: i)...]))
        }
        func hours(_ s: String) throws(VariantError) -> Hours {
            guard let h = Hours(s) else { throw VariantError(text, "\"\(s)\" is not opening hours HH:MM-HH:MM") }
            return h
        }
        switch kind {
        case "spike":
            let (range, rest) = try split(value, ":")
            guard let star = rest.lastIndex(of: "*"), let f = Double(rest[rest.index(after: star)...]), f.isFinite, f >= 0 else {
                throw VariantError(text, "expected spike=DATES:LINE*FACTOR with a factor ≥ 0")
            }
            let (a, b) = try dates(range)
            return .spike(from: a, through: b, line: try line(String(rest[..<star])), factor: f)
        case "absent":
            let (who, range) = try split(value, ":")
            let (a, b) = try dates(range)
            return .absent(staff: who, from: a, through: b)
        case "add":
            let parts = value.split(separator: "*").map(String.init)
            guard parts.count <= 2, !parts.isEmpty, let n = parts.count == 2 ? Int(parts[1]) : 1, (1...500).contains(n) else {
                throw VariantError(text, "expected add=STAFF or add=STAFF*N (N from 1 to 500)")
            }
            return .add(like: parts[0], count: n)
        case "remove":
            guard !value.isEmpty else { throw VariantError(text, "expected remove=STAFF") }
            return .remove(staff: value)
        case "target":
            let (l, f) = try split(value, ":")
            guard let x = Double(f), x > 0, x < 1 else { throw VariantError(text, "a target is a share between 0 and 1, e.g. 0.9") }
            return .target(line: try line(l), fraction: x)
        case "hours":
            let (day, h) = try split(value, ":")
            if day == "weekday" { return .hours(weekday: nil, hours: try hours(h)) }
            guard let w = Weekday.allCases.first(where: { $0.code == day }) else {
                throw VariantError(text, "\"\(day)\" is not mon…sun or weekday")
            }
            return .hours(weekday: w, hours: try hours(h))
        case "close":
            let (a, b) = try dates(value)
            guard a == b else { throw VariantError(text, "close takes one date") }
            return .close(date: a)
        case "open":
            let (d, h) = try split(value, ":")
            let (a, b) = try dates(d)
            guard a == b else { throw VariantError(text, "open takes one date") }
            return .open(date: a, hours: try hours(h))
        default:
            throw VariantError(text, "unknown change \"\(kind)\"; expected spike, absent, add, remove, target, hours, close or open")
        }
    }
}

/// A variant that cannot be read: the text and what is wrong with it.
public struct VariantError: Error, Sendable, CustomStringConvertible {
    public let text: String
    public let message: String
    public init(_ text: String, _ message: String) {
        self.text = text
        self.message = message
    }
    public var description: String { "variant \"\(text)\": \(message)" }
}
