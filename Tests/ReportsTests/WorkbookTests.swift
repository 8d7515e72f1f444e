import Foundation
import Testing
import ZIPFoundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import Reports

@Suite("XLSX written by Kinmu, read back by an independent ZIP reader")
struct WorkbookTests {
    static func entries(_ data: Data) throws -> [String: String] {
        let archive = try Archive(data: data, accessMode: .read)
        var out: [String: String] = [:]
        for entry in archive {
            var body = Data()
            _ = try archive.extract(entry) { body.append($0) }
            out[entry.path] = String(decoding: body, as: UTF8.self)
        }
        return out
    }

    static let book: Workbook = {
        var sheet = Workbook.Sheet(name: "勤務表", rows: [
            [.text("2026-12 勤務表")],
            [.text("職員番号"), .text("氏名"), .text("12/1")],
            [.text("S001"), .text("山本 & 誠"), .text("日")],
            [.empty, .text("出勤人数"), .number(8)],
        ])
        sheet.shadedColumns = [2]
        sheet.columnWidths = [1: 14]
        sheet.freezeRows = 2
        return Workbook(sheets: [sheet, Workbook.Sheet(name: "タイムライン", rows: [[.text("日付")]])])
    }()

    @Test("the parts of a workbook are there, and cells and sheet names read back")
    func readBack() throws {
        let parts = try Self.entries(Self.book.data)
        #expect(Set(parts.keys) == ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                                    "xl/styles.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"])
        let workbook = try #require(parts["xl/workbook.xml"])
        #expect(workbook.contains("<sheet name=\"勤務表\" sheetId=\"1\""))
        #expect(workbook.contains("<sheet name=\"タイムライン\" sheetId=\"2\""))
        #expect(workbook.contains("_xlnm.Print_Area") && workbook.contains("'勤務表'!$A$1:$C$4"))
        let sheet = try #require(parts["xl/worksheets/sheet1.xml"])
        #expect(sheet.contains("<c r=\"B3\" s=\"0\" t=\"inlineStr\"><is><t xml:space=\"preserve\">山本 &amp; 誠</t></is></c>"))
        #expect(sheet.contains("<c r=\"C4\" s=\"1\"><v>8</v></c>"))
        #expect(sheet.contains("orientation=\"landscape\"") && sheet.contains("paperSize=\"9\""))
        #expect(sheet.contains("state=\"frozen\""))
        // Every part is well-formed XML.
        for (name, text) in parts {
            let parser = XMLParser(data: Data(text.utf8))
            #expect(parser.parse(), "\(name) is not well-formed")
        }
    }

    @Test("the same workbook gives the same bytes")
    func deterministic() {
        #expect(Self.book.data == Self.book.data)
    }

    @Test("column letters run A…Z, AA…")
    func columns() {
        #expect([0, 25, 26, 34, 701, 702].map(Workbook.column) == ["A", "Z", "AA", "AI", "ZZ", "AAA"])
    }
}
