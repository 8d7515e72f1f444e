import Foundation
import Testing
@testable import Reports

/// Where LibreOffice is installed (`apt-get install libreoffice-calc-nogui`), the
/// workbooks Kinmu writes are opened by it and read back sheet by sheet. Skipped
/// where it is not (CI does not install it: 300 MB for one check).
enum LibreOffice {
    static let path: String? = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/bin/libreoffice"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Every sheet of `book` as CSV text, as LibreOffice reads it.
    static func sheets(_ book: Workbook) throws -> [String: String] {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kinmu-lo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("book.xlsx")
        try book.data.write(to: file)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path!)
        // UTF-8 (76), every sheet (-1) to its own file.
        p.arguments = ["-env:UserInstallation=file://\(dir.path)/profile", "--headless", "--convert-to",
                       "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                       file.path, "--outdir", dir.path]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        var out: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) where name.hasPrefix("book-") && name.hasSuffix(".csv") {
            out[String(name.dropFirst(5).dropLast(4))] = try String(contentsOfFile: dir.appendingPathComponent(name).path, encoding: .utf8)
        }
        return out
    }
}

@Suite("Workbooks opened by LibreOffice", .enabled(if: LibreOffice.path != nil, "LibreOffice is not installed"))
struct LibreOfficeTests {
    @Test("the monthly report's workbook opens with its sheets, text and numbers")
    func monthlyReport() throws {
        let doc = MonthlyReportTests.report().document(organisation: "テスト市", era: .japanese)
        let sheets = try LibreOffice.sheets(doc.workbook())
        #expect(Set(sheets.keys) == ["月間実績（業務別）", "サービス水準が目標に達しなかった日", "日別実績"])
        let summary = try #require(sheets["月間実績（業務別）"])
        #expect(summary.hasPrefix("業務月報（令和8年12月）"))
        #expect(summary.contains("交付,8,5,3,3,20.7,80%（20分以内）,20,15,75,10,未達"))
    }

    @Test("a workbook with shading, widths, frozen panes and a print area opens")
    func styledWorkbook() throws {
        let sheets = try LibreOffice.sheets(WorkbookTests.book)
        #expect(sheets["勤務表"]?.contains("S001,山本 & 誠,日") == true)
        #expect(sheets["タイムライン"]?.hasPrefix("日付") == true)
    }
}
