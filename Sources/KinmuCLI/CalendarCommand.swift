import ArgumentParser
import BusinessCalendar
import Reports
import Scenario

/// `kinmu calendar`: the counter's business calendar for a month.
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "Show which days and hours the counter is open in a month.",
        discussion: "kind is weekday, holiday-opening (休日交付) or closed; note says why a day is closed or special.")

    @OptionGroup var scenario: ScenarioOptions
    @OptionGroup var month: MonthOption

    @Option(help: "csv, json or ics.")
    var format: TableFormat = .csv

    @OptionGroup var output: OutputOptions

    func run() throws {
        let s = try scenario.load()
        let days = s.calendar.month(month.value)
        switch format {
        case .csv:
            try output.emit(CalendarExport.csv(days).text())
        case .json:
            let rows = days.map { d in
                JSONValue.object([
                    ("date", .string(d.date.description)),
                    ("weekday", .string(d.weekday.english)),
                    ("kind", .string(d.kind.rawValue)),
                    ("open", d.hours.map { .string($0.open.description) } ?? .null),
                    ("close", d.hours.map { .string($0.close.description) } ?? .null),
                    ("slots", .int(d.slotCount)),
                    ("note", .string(d.note)),
                ])
            }
            try output.emit(JSONValue.object([
                ("scenario", .string(s.name)),
                ("month", .string(month.value.description)),
                ("slotMinutes", .int(s.calendar.rules.slotMinutes)),
                ("days", .array(rows)),
            ]).prettyText)
        case .ics:
            let name = "\(s.name.isEmpty ? "Kinmu" : s.name) \(month.value) 開庁日"
            try output.emit(CalendarExport.ics(days, name: name, uidDomain: "kinmu.calendar").text)
        }
    }
}
