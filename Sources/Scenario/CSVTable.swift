/// A CSV file read strictly (RFC 4180 quoting, UTF-8 or Shift_JIS), with the
/// line number of every record kept for error messages.
public struct CSVTable: Sendable {
    public struct Record: Sendable {
        public let line: Int
        public let fields: [String]
    }

    public let file: String
    public let header: [String]
    public let records: [Record]

    /// Parses CSV text; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws(ScenarioError) -> CSVTable {
        var records: [Record] = []
        var field = ""
        var fields: [String] = []
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var afterQuote = false
        var chars = Array(text.unicodeScalars)[...]
        func endRecord() {
            fields.append(field)
            field = ""
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
            fields = []
        }
        while let c = chars.popFirst() {
            if inQuotes {
                if c == "\"" {
                    if chars.first == "\"" { field.unicodeScalars.append("\""); chars = chars.dropFirst() } else { inQuotes = false; afterQuote = true }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case ",":
                fields.append(field); field = ""; afterQuote = false
            case "\r":
                if chars.first == "\n" { chars = chars.dropFirst() }
                endRecord(); line += 1; recordLine = line; afterQuote = false
            case "\n":
                endRecord(); line += 1; recordLine = line; afterQuote = false
            case "\"":
                guard field.isEmpty && !afterQuote else {
                    throw ScenarioError(file: file, line: line, field: nil, "a quote inside an unquoted field; quote the whole field")
                }
                inQuotes = true
            default:
                if afterQuote {
                    throw ScenarioError(file: file, line: line, field: nil, "text after a closing quote")
                }
                field.unicodeScalars.append(c)
            }
        }
        if inQuotes { throw ScenarioError(file: file, line: recordLine, field: nil, "a quoted field is not closed") }
        if !field.isEmpty || !fields.isEmpty { endRecord() }
        guard let head = records.first else {
            throw ScenarioError(file: file, line: 1, field: nil, "the file is empty; expected a header line")
        }
        let header = head.fields.map { $0.trimmingSpaces }
        let body = Array(records.dropFirst())
        for r in body where r.fields.count != header.count {
            throw ScenarioError(file: file, line: r.line, field: nil,
                                "\(r.fields.count) fields; the header has \(header.count) (\(header.joined(separator: ",")))")
        }
        return CSVTable(file: file, header: header, records: body)
    }

    /// Reads a CSV file in UTF-8 (BOM or not) or Shift_JIS.
    public static func read(_ path: String) throws -> CSVTable {
        try parse(TextFile.read(path), file: path)
    }

    /// The column index of the first header name found among `names` (English or Japanese).
    public func column(_ names: [String], required: Bool = true) throws(ScenarioError) -> Int? {
        if let i = header.firstIndex(where: { names.contains($0) }) { return i }
        if required {
            throw ScenarioError(file: file, line: 1, field: names[0],
                                "missing column; expected a header named \(names.joined(separator: " or "))")
        }
        return nil
    }

    public func error(_ r: Record, _ field: String, _ message: String) -> ScenarioError {
        ScenarioError(file: file, line: r.line, field: field, message)
    }
}
