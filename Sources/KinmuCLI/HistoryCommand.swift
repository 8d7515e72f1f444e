import ArgumentParser
import BusinessCalendar
import Demand
import Reports
import Scenario

/// `kinmu history generate`: the seeded generator behind the default scenario's history.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Make plausible demand history (the default scenario's data).",
        subcommands: [Generate.self])

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate history.csv and history-intraday.csv from Nankoku's documented assumptions.",
            discussion: "Assumptions: Docs/Demand-data.md. The same seed gives the same files.")

        @OptionGroup var scenario: ScenarioOptions

        @Option(help: "First date (YYYY-MM-DD).")
        var from: String = "2023-11-01"

        @Option(help: "Last date (YYYY-MM-DD).")
        var to: String = "2026-10-31"

        @Option(help: "Per-slot counts are written from this date on (YYYY-MM-DD).")
        var slotsFrom: String = "2026-08-01"

        @Option(help: "Random seed.")
        var seed: UInt64 = 20261126

        @Option(help: "Folder to write history.csv and history-intraday.csv into.")
        var outDir: String

        @Flag(help: "Replace existing files.")
        var force = false

        func run() throws {
            guard let f = CivilDate(from), let t = CivilDate(to), let s = CivilDate(slotsFrom), f <= t else {
                throw ValidationError("--from/--to/--slots-from must be dates YYYY-MM-DD with from ≤ to")
            }
            let sc = try scenario.load()
            let history = HistoryGenerator.nankoku().generate(calendar: sc.calendar, from: f, through: t, slotsFrom: s, seed: seed)
            var daily = CSVText(header: ["date", "service", "total", "bookings"])
            for d in history.daily { daily.append([d.date.description, d.service, String(d.total), String(d.bookings ?? 0)]) }
            var slots = CSVText(header: ["date", "slot", "service", "count"])
            for x in history.slots { slots.append([x.date.description, x.slot.description, x.service, String(x.count)]) }
            try OutputFile.write(daily.text(), to: outDir + "/history.csv", force: force)
            try OutputFile.write(slots.text(), to: outDir + "/history-intraday.csv", force: force)
            print("wrote \(history.daily.count) daily rows and \(history.slots.count) slot rows to \(outDir)")
        }
    }
}
