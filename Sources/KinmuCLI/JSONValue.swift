import Foundation
import MIP

/// A JSON value whose objects keep their keys in the order given, for stable output.
enum JSONValue: Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    static func == (a: JSONValue, b: JSONValue) -> Bool { a.text == b.text }

    var text: String {
        var out = ""
        write(to: &out, indent: nil, level: 0)
        return out
    }

    /// Pretty-printed with two-space indentation and a final newline.
    var prettyText: String {
        var out = ""
        write(to: &out, indent: "  ", level: 0)
        return out + "\n"
    }

    private func write(to out: inout String, indent: String?, level: Int) {
        let nl = indent == nil ? "" : "\n"
        let pad = { (l: Int) in String(repeating: indent ?? "", count: l) }
        switch self {
        case .null: out += "null"
        case let .bool(b): out += b ? "true" : "false"
        case let .int(i): out += String(i)
        case let .number(x): out += jsonNumber(x)
        case let .string(s): out += jsonString(s)
        case let .array(items):
            if items.isEmpty { out += "[]"; return }
            out += "[" + nl
            for (k, item) in items.enumerated() {
                out += pad(level + 1)
                item.write(to: &out, indent: indent, level: level + 1)
                out += (k + 1 < items.count ? "," : "") + nl
            }
            out += pad(level) + "]"
        case let .object(pairs):
            if pairs.isEmpty { out += "{}"; return }
            out += "{" + nl
            for (k, (key, value)) in pairs.enumerated() {
                out += pad(level + 1) + jsonString(key) + (indent == nil ? ":" : ": ")
                value.write(to: &out, indent: indent, level: level + 1)
                out += (k + 1 < pairs.count ? "," : "") + nl
            }
            out += pad(level) + "}"
        }
    }
}

/// A JSON object built key by key, in order.
struct JSONLine {
    var pairs: [(String, JSONValue)] = []

    subscript(key: String) -> JSONValue? {
        get { pairs.first { $0.0 == key }?.1 }
        set {
            if let i = pairs.firstIndex(where: { $0.0 == key }) {
                if let newValue { pairs[i].1 = newValue } else { pairs.remove(at: i) }
            } else if let newValue {
                pairs.append((key, newValue))
            }
        }
    }

    mutating func add(_ s: Solution) {
        self["status"] = .string(s.status.rawValue)
        self["stopReason"] = .string(s.stopReason.rawValue)
        self["objective"] = s.objective.map { .number($0) } ?? .null
        self["bound"] = s.bound.map { .number($0) } ?? .null
        self["gap"] = s.gap.map { .number($0) } ?? .null
        self["seconds"] = .number((s.seconds * 1000).rounded() / 1000)
        self["nodes"] = .int(s.nodes)
    }

    var value: JSONValue { .object(pairs) }
    var text: String { value.text }
}

func jsonNumber(_ x: Double) -> String {
    guard x.isFinite else { return "null" }
    if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
    return "\(x)"
}

func jsonString(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case _ where scalar.value < 0x20:
            out += String(format: "\\u%04x", scalar.value)
        default: out.unicodeScalars.append(scalar)
        }
    }
    return out + "\""
}

/// A number with a fixed count of decimals, POSIX-style (never a locale's comma).
func formatNumber(_ x: Double, digits: Int = 3) -> String {
    if x == x.rounded(), abs(x) < 1e15, digits == 3 { return String(Int64(x)) }
    return fixed(x, digits)
}
