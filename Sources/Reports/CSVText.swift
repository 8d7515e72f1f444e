import Foundation

/// CSV text (RFC 4180): fields quoted only when they must be, CRLF or LF endings,
/// an optional UTF-8 BOM for Excel, or Shift_JIS bytes for older systems.
public struct CSVText: Sendable {
    public var rows: [[String]]

    public init(header: [String], rows: [[String]] = []) {
        self.rows = [header] + rows
    }

    public mutating func append(_ row: [String]) { rows.append(row) }

    public func text(lineEnding: String = "\n") -> String {
        rows.map { $0.map(Self.field).joined(separator: ",") }.joined(separator: lineEnding) + lineEnding
    }

    public static func field(_ s: String) -> String {
        if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return s
    }

    public enum Encoding: String, Sendable, CaseIterable {
        case utf8 = "utf-8"
        case utf8BOM = "utf-8-bom"
        case shiftJIS = "shift_jis"
    }

    /// The bytes of the file. Excel on a Japanese PC wants a BOM (or Shift_JIS) and CRLF.
    public func data(encoding: Encoding, lineEnding: String = "\r\n") throws -> Data {
        let t = text(lineEnding: lineEnding)
        switch encoding {
        case .utf8: return Data(t.utf8)
        case .utf8BOM: return Data([0xEF, 0xBB, 0xBF]) + Data(t.utf8)
        case .shiftJIS:
            guard let d = t.data(using: .shiftJIS, allowLossyConversion: false) else {
                throw CocoaError(.fileWriteInapplicableStringEncoding)
            }
            return d
        }
    }
}
