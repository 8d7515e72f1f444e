import Foundation

/// A small Office Open XML workbook writer: sheets of text and numbers, column
/// widths, shaded columns, a frozen header, and A4-landscape print setup with a
/// print area. Opens in Excel and LibreOffice.
public struct Workbook: Sendable {
    public enum Cell: Sendable, Equatable {
        case text(String)
        case number(Double)
        case empty
    }

    public struct Sheet: Sendable {
        public var name: String
        public var rows: [[Cell]]
        public var columnWidths: [Int: Double] = [:]
        /// Columns (0-based) shaded grey, e.g. weekends and holidays.
        public var shadedColumns: Set<Int> = []
        /// Rows (0-based) in bold, e.g. headers.
        public var boldRows: Set<Int> = []
        public var landscape = true
        public var freezeRows = 0
        public var freezeColumns = 0

        public init(name: String, rows: [[Cell]]) {
            self.name = name
            self.rows = rows
        }
    }

    public var sheets: [Sheet]
    public init(sheets: [Sheet]) { self.sheets = sheets }

    /// "A", "B", …, "Z", "AA", …
    static func column(_ n: Int) -> String {
        var n = n + 1, s = ""
        while n > 0 { let r = (n - 1) % 26; s = String(UnicodeScalar(65 + r)!) + s; n = (n - 1) / 26 }
        return s
    }

    static func xml(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case _ where ch.value < 0x20 && ch != "\n" && ch != "\t": continue
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }

    public var data: Data {
        var zip = ZipArchive()
        let head = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
        zip.add("[Content_Types].xml", head + """
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
        <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
        \(sheets.indices.map { "<Override PartName=\"/xl/worksheets/sheet\($0 + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" }.joined())\
        </Types>
        """)
        zip.add("_rels/.rels", head + """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
        </Relationships>
        """)
        var defined = ""
        for (k, s) in sheets.enumerated() where !s.rows.isEmpty {
            let width = s.rows.map(\.count).max() ?? 1
            defined += "<definedName name=\"_xlnm.Print_Area\" localSheetId=\"\(k)\">'\(Self.xml(s.name))'!$A$1:$\(Self.column(width - 1))$\(s.rows.count)</definedName>"
        }
        zip.add("xl/workbook.xml", head + """
        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
        <sheets>\(sheets.enumerated().map { "<sheet name=\"\(Self.xml($1.name))\" sheetId=\"\($0 + 1)\" r:id=\"rId\($0 + 1)\"/>" }.joined())</sheets>\
        <definedNames>\(defined)</definedNames></workbook>
        """)
        zip.add("xl/_rels/workbook.xml.rels", head + """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        \(sheets.indices.map { "<Relationship Id=\"rId\($0 + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>" }.joined())\
        <Relationship Id="rId\(sheets.count + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
        </Relationships>
        """)
        // Styles: 0 normal, 1 shaded, 2 bold, 3 bold shaded; all with thin borders.
        zip.add("xl/styles.xml", head + """
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <fonts count="2"><font><sz val="10"/><name val="Yu Gothic"/></font><font><b/><sz val="10"/><name val="Yu Gothic"/></font></fonts>\
        <fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>\
        <fill><patternFill patternType="solid"><fgColor rgb="FFE8E8E8"/><bgColor indexed="64"/></patternFill></fill></fills>\
        <borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>\
        <border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="4">\
        <xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1"/>\
        <xf numFmtId="0" fontId="0" fillId="2" borderId="1" xfId="0" applyFill="1" applyBorder="1"/>\
        <xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1"/>\
        <xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1"/>\
        </cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
        """)
        for (k, s) in sheets.enumerated() { zip.add("xl/worksheets/sheet\(k + 1).xml", head + sheetXML(s)) }
        return zip.data
    }

    func sheetXML(_ s: Sheet) -> String {
        var out = "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
        out += "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>"
        if s.freezeRows > 0 || s.freezeColumns > 0 {
            let cell = "\(Self.column(s.freezeColumns))\(s.freezeRows + 1)"
            out += "<sheetViews><sheetView workbookViewId=\"0\"><pane xSplit=\"\(s.freezeColumns)\" ySplit=\"\(s.freezeRows)\" topLeftCell=\"\(cell)\" state=\"frozen\"/></sheetView></sheetViews>"
        }
        if !s.columnWidths.isEmpty {
            out += "<cols>" + s.columnWidths.keys.sorted().map { c in
                "<col min=\"\(c + 1)\" max=\"\(c + 1)\" width=\"\(s.columnWidths[c]!)\" customWidth=\"1\"/>"
            }.joined() + "</cols>"
        }
        out += "<sheetData>"
        for (r, row) in s.rows.enumerated() {
            out += "<row r=\"\(r + 1)\">"
            for (c, cell) in row.enumerated() {
                let style = (s.boldRows.contains(r) ? 2 : 0) + (s.shadedColumns.contains(c) ? 1 : 0)
                let ref = "\(Self.column(c))\(r + 1)"
                switch cell {
                case .empty: out += "<c r=\"\(ref)\" s=\"\(style)\"/>"
                case let .number(x): out += "<c r=\"\(ref)\" s=\"\(style)\"><v>\(x == x.rounded() && abs(x) < 1e15 ? String(Int64(x)) : String(x))</v></c>"
                case let .text(t): out += "<c r=\"\(ref)\" s=\"\(style)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(Self.xml(t))</t></is></c>"
                }
            }
            out += "</row>"
        }
        out += "</sheetData>"
        out += "<pageMargins left=\"0.4\" right=\"0.4\" top=\"0.5\" bottom=\"0.5\" header=\"0.3\" footer=\"0.3\"/>"
        out += "<pageSetup paperSize=\"9\" orientation=\"\(s.landscape ? "landscape" : "portrait")\" fitToWidth=\"1\" fitToHeight=\"0\"/>"
        return out + "</worksheet>"
    }
}
