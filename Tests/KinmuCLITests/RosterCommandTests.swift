import Foundation
import Testing
@testable import KinmuCLI

@Suite("kinmu check and kinmu export on a planned Nankoku month")
struct RosterCommandTests {
    static let fixture = CLI.repository.appendingPathComponent("Tests/Fixtures/rosters/nankoku-2026-12.json").path

    @Test("the planned roster passes the independent checker")
    func checkPasses() throws {
        var command = try Kinmu.parseAsRoot(["check", "--scenario", CLI.nankoku, "--roster", Self.fixture])
        try command.run()
    }

    @Test("kinmu plan --deterministic, cut off by its work limit, writes the same roster twice")
    func deterministicPlan() throws {
        // 16 units of work stop the Nankoku 2027-02 month before its proof (0.97% from its bound). The default
        // month proves optimal as soon as it has a roster, so no work limit cuts it off. On the clock a cut-off
        // solve depends on the machine and its load.
        var outputs: [(json: String, csv: Data)] = []
        for _ in 0..<2 {
            let out = CLI.temporaryDirectory().path
            var command = try Kinmu.parseAsRoot(["plan", "--scenario", CLI.nankoku, "--month", "2027-02", "--out", out,
                                                 "--time-limit", "16", "--deterministic"])
            try command.run()
            let json = try String(contentsOfFile: out + "/roster.json", encoding: .utf8)
            outputs.append((json.components(separatedBy: "\n").filter { !$0.contains("\"seconds\"") }.joined(separator: "\n"),
                            try Data(contentsOf: URL(fileURLWithPath: out + "/roster.csv"))))
        }
        #expect(outputs[0].json == outputs[1].json)
        #expect(outputs[0].csv == outputs[1].csv)
        // Cut off by the work, not proved: the limit counted work.
        #expect(outputs[0].json.contains("\"status\" : \"feasible\""))
        // The flag reaches every command that plans.
        for args in [["whatif", "--scenario", CLI.nankoku, "--month", "2026-12", "--out", "x", "--deterministic"],
                     ["repair", "--scenario", CLI.nankoku, "--roster", Self.fixture, "--absent", "S002:2026-12-14", "--out", "x", "--deterministic"],
                     ["bench", "roster", "--deterministic"]] {
            #expect(throws: Never.self) { _ = try Kinmu.parseAsRoot(args) }
        }
    }

    @Test("a roster with a supervisor removed fails the checker")
    func checkFails() throws {
        var json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.fixture))) as! [String: Any]
        var assignments = json["assignments"] as! [[String: Any]]
        assignments.removeAll { ($0["date"] as! String) == "2026-12-01" && ["S002", "S003", "S004", "S005"].contains($0["staff"] as! String) }
        json["assignments"] = assignments
        let path = CLI.temporaryDirectory().appendingPathComponent("broken.json").path
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: path))
        var command = try Kinmu.parseAsRoot(["check", "--scenario", CLI.nankoku, "--roster", path])
        #expect(throws: (any Error).self) { try command.run() }
    }

    @Test("roster.csv (勤務表, UTF-8 with BOM) and each person's calendar match their golden files")
    func exports() throws {
        let out = CLI.temporaryDirectory().path
        var command = try Kinmu.parseAsRoot(["export", "--scenario", CLI.nankoku, "--roster", Self.fixture, "--out", out])
        try command.run()
        let csv = try Data(contentsOf: URL(fileURLWithPath: out + "/roster.csv"))
        #expect(Array(csv.prefix(3)) == [0xEF, 0xBB, 0xBF])
        try CLI.expectGolden(csv, "roster-2026-12.csv")
        // Days a person cannot be rostered show "－", not 休, and the remarks say why:
        // S011 starts on 12-14; S012 has filed no confidentiality pledge.
        let lines = try #require(String(data: csv.dropFirst(3), encoding: .utf8)).components(separatedBy: "\r\n")
        let s011 = try #require(lines.first { $0.hasPrefix("S011,") }).components(separatedBy: ",")
        #expect(s011[3..<16].allSatisfy { $0 == "－" } && !s011[16...].dropLast(3).contains("－"))
        #expect(s011.last == "12/14着任")
        let s012 = try #require(lines.first { $0.hasPrefix("S012,") }).components(separatedBy: ",")
        #expect(s012[3..<34].allSatisfy { $0 == "－" } && s012.last == "誓約書未提出")
        try CLI.expectGolden(try Data(contentsOf: URL(fileURLWithPath: out + "/calendars/S002.ics")), "roster-2026-12-S002.ics")
        let xlsx = try Data(contentsOf: URL(fileURLWithPath: out + "/roster.xlsx"))
        #expect(xlsx.starts(with: [0x50, 0x4B, 0x03, 0x04]))
        try CLI.expectGolden(xlsx, "roster-2026-12.xlsx")
        // The printable page: self-contained, a timeline and a chart for each of the 22 open days.
        let html = try String(contentsOfFile: out + "/roster.html", encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("@page { size: A4 landscape"))
        #expect(html.components(separatedBy: "<div class=\"day\">").count - 1 == 22)
        #expect(html.components(separatedBy: "<svg").count - 1 == 44)
        #expect(!html.contains("http://") || !html.contains("<link"))  // no external resources
        try CLI.expectGolden(Data(html.utf8), "roster-2026-12.html")
        // An existing export folder is not replaced without --force.
        command = try Kinmu.parseAsRoot(["export", "--scenario", CLI.nankoku, "--roster", Self.fixture, "--out", out])
        #expect(throws: (any Error).self) { try command.run() }
    }

    @Test("English labels, 和暦 titles and Shift_JIS on request")
    func options() throws {
        let out = CLI.temporaryDirectory().path
        var command = try Kinmu.parseAsRoot(["export", "--scenario", CLI.nankoku, "--roster", Self.fixture, "--out", out,
                                             "--lang", "en", "--era", "japanese", "--encoding", "shift_jis"])
        try command.run()
        let data = try Data(contentsOf: URL(fileURLWithPath: out + "/roster.csv"))
        let text = try #require(String(data: data, encoding: .shiftJIS))
        #expect(text.hasPrefix("Roster 令和8年12月\r\n"))
        #expect(text.contains("Staff ID,Name,Role,12/1"))
        #expect(text.contains("S002,田中 美咲,supervisor,"))
    }
}

@Suite("kinmu staff-list")
struct StaffListCommandTests {
    @Test("the Nankoku staff list as of the contract's month matches its golden file")
    func golden() throws {
        try CLI.expectGolden(try CLI.run(["staff-list", "--scenario", CLI.nankoku, "--as-of", "2026-12-01"]), "staff-list-2026-12-01.csv")
        let html = try CLI.text(["staff-list", "--scenario", CLI.nankoku, "--as-of", "2026-12-01", "--format", "html"])
        #expect(html.contains("業務従事者名簿（令和8年12月1日現在）"))
        #expect(!html.contains("1900"))  // no pay or other fields beyond what the list needs
    }
}
