import Foundation

/// Reads text files as a Japanese office writes them: UTF-8 (with or without the
/// BOM Excel adds) or Shift_JIS (CP932, Excel's "CSV" on a Japanese PC).
public enum TextFile {
    public enum Encoding: String, Sendable { case utf8 = "utf-8", shiftJIS = "shift_jis" }

    public static func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScenarioError(file: path, line: nil, field: nil, "cannot read the file (missing or unreadable)")
        }
        return try decode(data, file: path).text
    }

    /// Decodes bytes: UTF-8 first (a BOM is dropped), then Shift_JIS.
    public static func decode(_ data: Data, file: String) throws -> (text: String, encoding: Encoding) {
        var bytes = data
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        if let s = String(data: bytes, encoding: .utf8) { return (s, .utf8) }
        if let s = String(data: data, encoding: .shiftJIS) { return (s, .shiftJIS) }
        throw ScenarioError(file: file, line: nil, field: nil, "the file is neither UTF-8 nor Shift_JIS text")
    }
}
