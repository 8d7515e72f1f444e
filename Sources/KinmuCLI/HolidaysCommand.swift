import ArgumentParser
import BusinessCalendar
import Reports

/// `kinmu holidays`: Japan's national holidays, computed from the law.
struct HolidaysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "holidays",
        abstract: "List Japan's national holidays (国民の祝日・休日), computed from the law.",
        discussion: "Covers \(JapaneseHolidays.firstYear)–\(JapaneseHolidays.lastYear). Substitute holidays are named 振替休日, citizens' holidays 国民の休日.")

    @Option(help: "First date (YYYY-MM-DD).")
    var from: String

    @Option(help: "Last date (YYYY-MM-DD).")
    var to: String

    @Option(help: "csv or json.")
    var format: TableFormat = .csv

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard let f = CivilDate(from), from.count == 10 else { throw ValidationError("--from \(from): expected a date YYYY-MM-DD") }
        guard let t = CivilDate(to), to.count == 10 else { throw ValidationError("--to \(to): expected a date YYYY-MM-DD") }
        guard f <= t else { throw ValidationError("--from \(from) is after --to \(to)") }
        let years = JapaneseHolidays.firstYear...JapaneseHolidays.lastYear
        guard years.contains(f.year), years.contains(t.year) else {
            throw ValidationError("holidays are computed for \(years.lowerBound)–\(years.upperBound); got \(from)..\(to)")
        }
        if format == .ics { throw ValidationError("--format must be csv or json") }
    }

    func run() throws {
        let list = JapaneseHolidays.holidays(from: CivilDate(from)!, through: CivilDate(to)!)
        switch format {
        case .csv:
            var csv = CSVText(header: ["date", "name"])
            for h in list { csv.append([h.date.description, h.name]) }
            try output.emit(csv.text())
        default:
            let rows = list.map { h in
                JSONValue.object([("date", .string(h.date.description)), ("name", .string(h.name)),
                                  ("kind", .string(h.kind.rawValue))])
            }
            try output.emit(JSONValue.array(rows).prettyText)
        }
    }
}
