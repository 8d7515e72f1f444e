import BusinessCalendar
import Testing
@testable import Scenario

@Suite("scenario.yaml: the calendar section")
struct ScenarioCalendarTests {
    @Test("the shipped Nankoku scenario reads, with the spec's rules")
    func nankoku() throws {
        let folder = String(#filePath.split(separator: "/").dropLast(3).joined(separator: "/"))
        let s = try Scenario.load(folder: "/" + folder + "/Scenarios/nankoku")
        #expect(s.city == "南国市")
        #expect(s.calendar.rules == OpeningRules())
    }

    static let bad: [(String, String, Int, String)] = [
        ("unknown key", "calendar:\n  slot-minute: 15\n", 2, "calendar.slot-minute"),
        ("unknown top-level key", "name: x\ncalender: {}\n", 2, "calender"),
        ("impossible times", "calendar:\n  weekday-hours: \"17:15-08:30\"\n", 2, "calendar.weekday-hours"),
        ("not a time", "calendar:\n  weekday-overrides:\n    wed: \"8:30-25:00\"\n", 3, "calendar.weekday-overrides.wed"),
        ("unknown weekday", "calendar:\n  weekday-overrides:\n    wedn: \"08:30-19:00\"\n", 3, "calendar.weekday-overrides.wedn"),
        ("malformed date", "calendar:\n  closures:\n    - {date: 2026-13-01, note: x}\n", 3, "calendar.closures[0].date"),
        ("rule with no date", "calendar:\n  holiday-openings:\n    weekday: sun\n    weeks: []\n", 3, "calendar.holiday-openings"),
        ("fifth week", "calendar:\n  holiday-openings:\n    weeks: [2, 5]\n", 3, "calendar.holiday-openings.weeks[1]"),
        ("slot does not divide", "calendar:\n  slot-minutes: 20\n", 2, "calendar"),
        ("bad when-closed", "calendar:\n  holiday-openings:\n    when-closed: later\n", 3, "calendar.holiday-openings.when-closed"),
        ("bad YAML", "calendar: [\n", 2, ""),
    ]

    @Test("bad input names the file, the line and the key", arguments: bad.indices)
    func badInput(_ k: Int) {
        let (label, yaml, line, field) = Self.bad[k]
        do {
            _ = try Scenario.parse(yaml: yaml, file: "scenario.yaml")
            Issue.record("\(label): accepted")
        } catch {
            #expect(error.file == "scenario.yaml", "\(label)")
            if field != "calendar" { #expect(error.line == line, "\(label): \(error)") }
            #expect(error.description.hasPrefix("scenario.yaml:") , "\(label): \(error)")
            if !field.isEmpty { #expect(error.field == field, "\(label): \(error)") }
        }
    }

    @Test("an empty file keeps every default")
    func empty() throws {
        #expect(try Scenario.parse(yaml: "", file: "s.yaml").calendar.rules == OpeningRules())
    }
}
