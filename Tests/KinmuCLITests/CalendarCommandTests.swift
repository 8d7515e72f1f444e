import Foundation
import Testing
@testable import KinmuCLI

@Suite("kinmu calendar and kinmu holidays")
struct CalendarCommandTests {
    @Test("kinmu calendar matches its golden file", arguments: ["2026-12", "2027-01"])
    func golden(month: String) throws {
        for format in ["csv", "json", "ics"] {
            let data = try CLI.run(["calendar", "--scenario", CLI.nankoku, "--month", month, "--format", format])
            try CLI.expectGolden(data, "calendar-\(month).\(format)")
        }
    }

    @Test("the CSV has the documented header and one row per day")
    func csvShape() throws {
        let lines = try CLI.text(["calendar", "--scenario", CLI.nankoku, "--month", "2026-12"]).split(separator: "\n")
        #expect(lines.first == "date,weekday,kind,open,close,slots,note")
        #expect(lines.count == 32)
    }

    @Test("the ICS holds one event per open day with CRLF lines of at most 75 octets")
    func icsShape() throws {
        let text = try CLI.text(["calendar", "--scenario", CLI.nankoku, "--month", "2026-12", "--format", "ics"])
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\n"))
        #expect(text.components(separatedBy: "BEGIN:VEVENT").count - 1 == 22)  // 20 weekdays + 2 holiday mornings
        for line in text.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75) }
        #expect(text.contains("DTSTART;TZID=Asia/Tokyo:20261202T083000"))
        #expect(text.contains("DTEND;TZID=Asia/Tokyo:20261202T190000"))
    }

    @Test("kinmu holidays lists 1955–2099 with substitute and citizens' holidays named")
    func holidays() throws {
        let csv = try CLI.text(["holidays", "--from", "1955-01-01", "--to", "2099-12-31", "--format", "csv"])
        let lines = csv.split(separator: "\n")
        #expect(lines.first == "date,name")
        #expect(lines.contains("2026-09-22,国民の休日"))
        #expect(lines.contains("2021-08-09,振替休日"))
        #expect(lines.contains("2099-01-01,元日"))
        let json = try CLI.text(["holidays", "--from", "2026-01-01", "--to", "2026-12-31", "--format", "json"])
        #expect(json.contains("\"name\": \"敬老の日\""))
    }

    @Test("bad arguments are rejected with the flag named")
    func badArguments() {
        #expect(throws: (any Error).self) { try Kinmu.parseAsRoot(["holidays", "--from", "2026-13-01", "--to", "2026-12-31"]) }
        #expect(throws: (any Error).self) { try Kinmu.parseAsRoot(["holidays", "--from", "1900-01-01", "--to", "1901-01-01"]) }
        #expect(throws: (any Error).self) { try Kinmu.parseAsRoot(["calendar", "--month", "2026-1"]) }
    }

    @Test("an existing output file is not replaced without --force")
    func noSilentOverwrite() throws {
        let path = CLI.temporaryDirectory().appendingPathComponent("c.csv").path
        try "keep me".write(toFile: path, atomically: true, encoding: .utf8)
        var command = try Kinmu.parseAsRoot(["calendar", "--scenario", CLI.nankoku, "--month", "2026-12", "--out", path])
        #expect(throws: (any Error).self) { try command.run() }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep me")
        command = try Kinmu.parseAsRoot(["calendar", "--scenario", CLI.nankoku, "--month", "2026-12", "--out", path, "--force"])
        try command.run()
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("date,"))
    }
}
