import Foundation
import Testing
@testable import KinmuCLI

@Suite("kinmu report monthly|annual|daily on the planned Nankoku month")
struct ReportCommandTests {
    static let roster = RosterCommandTests.fixture
    static let actuals = CLI.repository.appendingPathComponent("Tests/Fixtures/actuals/nankoku-2026-12.csv").path

    @Test("the 業務月報 with actuals matches its golden file in CSV and HTML; the workbook is a zip")
    func monthly() throws {
        let base = ["report", "monthly", "--scenario", CLI.nankoku, "--month", "2026-12", "--roster", Self.roster, "--actuals", Self.actuals]
        let csv = try CLI.run(base + ["--format", "csv"])
        #expect(Array(csv.prefix(3)) == [0xEF, 0xBB, 0xBF])
        try CLI.expectGolden(csv, "report-monthly-2026-12.csv")
        let text = String(decoding: csv.dropFirst(3), as: UTF8.self)
        // The five days of actuals in the fixture; 12-02 fell short on three lines.
        #expect(text.contains("実績入力: 5日分（開庁日22日）"))
        #expect(text.components(separatedBy: "令和8年12月2日,水,").count - 1 == 3 + 5)
        try CLI.expectGolden(try CLI.run(base + ["--format", "html"]), "report-monthly-2026-12.html")
        let xlsx = try CLI.run(base + ["--format", "xlsx"], file: "m.xlsx")
        #expect(xlsx.starts(with: [0x50, 0x4B, 0x03, 0x04]))
        // No personal information: no staff names or ids in the monthly report.
        #expect(!text.contains("田中") && !text.contains("S002"))
    }

    @Test("the 業務年報 lists every month of the fiscal year and the due date")
    func annual() throws {
        let dir = CLI.temporaryDirectory()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("2026-12"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.roster, toPath: dir.appendingPathComponent("2026-12/roster.json").path)
        let csv = try CLI.run(["report", "annual", "--scenario", CLI.nankoku, "--fiscal-year", "2026", "--rosters", dir.path,
                               "--actuals", Self.actuals, "--format", "csv"])
        try CLI.expectGolden(csv, "report-annual-2026.csv")
        let text = String(decoding: csv, as: UTF8.self)
        #expect(text.contains("提出期限: 令和9年4月20日"))
        #expect(text.contains("令和9年3月,報告なし"))
    }

    @Test("the 日報 for a day, and the month's actuals sheet that reads back as actuals")
    func daily() throws {
        let html = try CLI.text(["report", "daily", "--scenario", CLI.nankoku, "--date", "2026-12-02", "--roster", Self.roster])
        try CLI.expectGolden(Data(html.utf8), "report-daily-2026-12-02.html")
        #expect(html.contains("業務日報") && html.contains("特記事項") && html.contains("田中 美咲"))
        let sheet = try CLI.run(["report", "daily", "--scenario", CLI.nankoku, "--month", "2026-12", "--roster", Self.roster,
                                 "--format", "csv"], file: "actuals.csv")
        let lines = String(decoding: sheet.dropFirst(3), as: UTF8.self).split(separator: "\r\n")
        #expect(lines.first == "date,service,forecast,arrivals,served_within_target,mean_wait_minutes")
        #expect(lines.count == 1 + 22 * 4)
        // The blank sheet is valid actuals input: nothing filled in, no actuals.
        let path = CLI.temporaryDirectory().appendingPathComponent("blank.csv").path
        try sheet.write(to: URL(fileURLWithPath: path))
        let monthly = try CLI.text(["report", "monthly", "--scenario", CLI.nankoku, "--month", "2026-12", "--roster", Self.roster,
                                    "--actuals", path, "--format", "csv", "--encoding", "utf-8"])
        #expect(monthly.contains("実績未入力"))
    }

    @Test("a closed day, a roster of another month and bad actuals are refused with the file, line and field")
    func errors() throws {
        var c = try Kinmu.parseAsRoot(["report", "daily", "--scenario", CLI.nankoku, "--date", "2026-12-05", "--roster", Self.roster])
        #expect(throws: (any Error).self) { try c.run() }
        c = try Kinmu.parseAsRoot(["report", "monthly", "--scenario", CLI.nankoku, "--month", "2027-01", "--roster", Self.roster])
        #expect { try c.run() } throws: { "\($0)".contains("not 2027-01") }
        let bad = CLI.temporaryDirectory().appendingPathComponent("bad.csv").path
        try "date,service,arrivals,served_within_target\n2026-12-01,delivery,10,11\n".write(toFile: bad, atomically: true, encoding: .utf8)
        c = try Kinmu.parseAsRoot(["report", "monthly", "--scenario", CLI.nankoku, "--month", "2026-12", "--roster", Self.roster, "--actuals", bad])
        #expect { try c.run() } throws: { "\($0)".contains("bad.csv:2: served_within_target: 11 served within the target exceed the 10 arrivals") }
    }
}

@Suite("kinmu staff-list as a workbook")
struct StaffListWorkbookTests {
    @Test("xlsx: a zip holding the list; the changes as html")
    func workbook() throws {
        let xlsx = try CLI.run(["staff-list", "--scenario", CLI.nankoku, "--as-of", "2026-12-01", "--format", "xlsx"], file: "s.xlsx")
        #expect(xlsx.starts(with: [0x50, 0x4B, 0x03, 0x04]))
        // Stored (uncompressed) entries: the sheet's text is in the bytes.
        let text = String(decoding: xlsx, as: UTF8.self)
        #expect(text.contains("井上 さくら") && text.contains("誓約書未提出") && text.contains("<sheet name=\"業務従事者名簿\""))
        let html = try CLI.text(["staff-list", "--scenario", CLI.nankoku, "--as-of", "2026-12-31", "--changes-since", "2026-12-01", "--format", "html"])
        #expect(html.contains("業務従事者交代報告") && html.contains("従事開始"))
    }
}

@Suite("kinmu whatif")
struct WhatIfCommandTests {
    static let small = CLI.repository.appendingPathComponent("Tests/Fixtures/scenarios/small").path

    @Test("a named variant and a sweep: the comparison, the sweep and each roster written; a second run needs --force")
    func run() throws {
        let out = CLI.temporaryDirectory().path
        let args = ["whatif", "--scenario", Self.small, "--month", "2027-02", "--use", "S003欠勤", "--sweep", "交付=1.0..1.5:0.5",
                    "--jobs", "2", "--format", "json", "--out", out]
        var command = try Kinmu.parseAsRoot(args)
        try command.run()
        let whatif = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/whatif.json"))) as! [[String: Any]]
        #expect(whatif.map { $0["variant"] as! String } == ["base", "S003欠勤"])
        #expect(whatif[0]["changesFromBase"] as? Int == 0)
        let sweep = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/sweep.json"))) as! [String: Any]
        #expect((sweep["levels"] as! [[String: Any]]).map { $0["level"] as! Double } == [1.0, 1.5])
        #expect(FileManager.default.fileExists(atPath: out + "/rosters/S003欠勤.json"))
        command = try Kinmu.parseAsRoot(args)
        #expect(throws: (any Error).self) { try command.run() }
    }

    @Test("an unknown staff id in a variant is refused before any solve")
    func unknownStaff() throws {
        var command = try Kinmu.parseAsRoot(["whatif", "--scenario", Self.small, "--month", "2027-02", "--variant", "x:absent=S999:2027-02-08",
                                             "--out", CLI.temporaryDirectory().path])
        #expect { try command.run() } throws: { "\($0)".contains("variant x: unknown staff id S999") }
    }
}
