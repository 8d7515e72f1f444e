import Foundation

/// A report as titled tables, rendered the same way to CSV, XLSX and printable
/// HTML, so the 月報, 年報 and 日報 are written once and look alike in each format.
public struct ReportDocument: Sendable {
    public enum Cell: Sendable, Equatable {
        case text(String)
        /// A number shown with fixed decimals.
        case number(Double, digits: Int)
        case empty

        var string: String {
            switch self {
            case let .text(s): return s
            case let .number(x, d): return ReportDocument.fixed(x, d)
            case .empty: return ""
            }
        }

        var workbookCell: Workbook.Cell {
            switch self {
            case let .text(s): return .text(s)
            case let .number(x, d):
                let p = pow(10, Double(d))
                return .number((x * p).rounded() / p)
            case .empty: return .empty
            }
        }
    }

    public struct Table: Sendable {
        /// The section heading, and the sheet's name in the workbook.
        public var name: String
        public var header: [String]
        public var rows: [[Cell]]
        /// Rows (0-based, in `rows`) to mark, e.g. a missed target.
        public var marked: Set<Int> = []
        /// Rows in bold, e.g. totals.
        public var bold: Set<Int> = []
        /// Printed with space to write in (the 日報's blanks).
        public var writeIn = false
        public init(name: String, header: [String], rows: [[Cell]]) {
            self.name = name
            self.header = header
            self.rows = rows
        }
    }

    public var title: String
    /// Lines under the title: organisation, period, due date.
    public var lines: [String]
    public var tables: [Table]
    /// Inline SVG charts placed before the tables (HTML only).
    public var charts: [String] = []
    public var language: Language
    public var landscape: Bool

    public init(title: String, lines: [String], tables: [Table], language: Language, landscape: Bool = true) {
        self.title = title
        self.lines = lines
        self.tables = tables
        self.language = language
        self.landscape = landscape
    }

    static func fixed(_ x: Double, _ digits: Int) -> String {
        let v = abs(x) < 0.5 * pow(10, -Double(digits)) ? 0 : x
        return String(format: "%.\(digits)f", v)
    }

    /// All tables in one CSV: the title, then each table under its name, a blank line between.
    public func csv() -> CSVText {
        var out = CSVText(header: [title])
        for l in lines { out.append([l]) }
        for t in tables {
            out.append([])
            out.append([t.name])
            out.append(t.header)
            for r in t.rows { out.append(r.map(\.string)) }
        }
        return out
    }

    /// One sheet per table, the title and lines above the header.
    public func workbook() -> Workbook {
        var used: Set<String> = []
        let sheets = tables.map { t -> Workbook.Sheet in
            // Excel: ≤ 31 characters, none of []:*?/\ and unique.
            var name = String(t.name.filter { !"[]:*?/\\".contains($0) }.prefix(31))
            var k = 2
            while used.contains(name) { name = String(name.prefix(28)) + "(\(k))"; k += 1 }
            used.insert(name)
            let top = 1 + lines.count + 1
            var rows: [[Workbook.Cell]] = [[.text(title)]] + lines.map { [.text($0)] } + [[]]
            rows.append(t.header.map { .text($0) })
            rows += t.rows.map { $0.map(\.workbookCell) }
            var s = Workbook.Sheet(name: name, rows: rows)
            s.boldRows = Set([0, top]).union(t.bold.map { $0 + top + 1 })
            s.freezeRows = top + 1
            s.landscape = landscape
            for (c, h) in t.header.enumerated() {
                let widest = ([h] + t.rows.compactMap { c < $0.count ? $0[c].string : nil }).map(Self.displayWidth).max() ?? 4
                s.columnWidths[c] = Double(min(40, max(6, widest + 2)))
            }
            return s
        }
        return Workbook(sheets: sheets)
    }

    /// Columns an East Asian wide character takes twice.
    public static func displayWidth(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { w, c in
            let v = c.value
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v)
            return w + (wide ? 2 : 1)
        }
    }

    /// A printable, self-contained page (A4).
    public func html() -> String {
        let esc = htmlEscape
        var out = """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)"><head><meta charset="utf-8"><title>\(esc(title))</title>
        <style>
        @page { size: A4 \(landscape ? "landscape" : "portrait"); margin: 12mm; }
        body { font-family: "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", sans-serif; font-size: 9pt; color: #111; }
        h1 { font-size: 15pt; text-align: center; margin: 0 0 4px; }
        h2 { font-size: 11pt; margin: 14px 0 4px; border-left: 4px solid #345; padding-left: 6px; }
        p.line { margin: 0; text-align: right; }
        table { border-collapse: collapse; margin-bottom: 8px; }
        th, td { border: 1px solid #555; padding: 2px 5px; }
        th { background: #e8e8e8; font-weight: bold; }
        td.n { text-align: right; font-variant-numeric: tabular-nums; }
        tr.mark td { background: #fde2e2; }
        tr.bold td { font-weight: bold; background: #f4f4f4; }
        table.write-in { width: 100%; }
        table.write-in td { height: 22px; min-width: 60px; }
        svg { display: block; margin: 6px 0; }
        section.page { page-break-after: always; }
        section.page:last-child { page-break-after: auto; }
        </style></head><body>
        <h1>\(esc(title))</h1>

        """
        for l in lines { out += "<p class=\"line\">\(esc(l))</p>\n" }
        for c in charts { out += c + "\n" }
        for t in tables {
            out += "<h2>\(esc(t.name))</h2>\n<table\(t.writeIn ? " class=\"write-in\"" : "")>\n<tr>"
            out += t.header.map { "<th>\(esc($0))</th>" }.joined() + "</tr>\n"
            for (k, r) in t.rows.enumerated() {
                let cls = t.marked.contains(k) ? " class=\"mark\"" : t.bold.contains(k) ? " class=\"bold\"" : ""
                out += "<tr\(cls)>" + r.map { c -> String in
                    if case .number = c { return "<td class=\"n\">\(esc(c.string))</td>" }
                    return "<td>\(esc(c.string))</td>"
                }.joined() + "</tr>\n"
            }
            out += "</table>\n"
        }
        return out + "</body></html>\n"
    }

    /// Several documents as one printable HTML file, one per page (a month of 日報).
    public static func htmlPages(_ docs: [ReportDocument], title: String) -> String {
        guard let first = docs.first else { return "" }
        let pages = docs.map { d -> String in
            let h = d.html()
            let body = h.components(separatedBy: "<body>\n").last!.replacingOccurrences(of: "</body></html>\n", with: "")
            return "<section class=\"page\">\n" + body + "</section>\n"
        }
        let head = first.html().components(separatedBy: "<body>\n").first!
            .replacingOccurrences(of: "<title>\(htmlEscape(first.title))</title>", with: "<title>\(htmlEscape(title))</title>")
        return head + "<body>\n" + pages.joined() + "</body></html>\n"
    }
}
