import ArgumentParser
import BusinessCalendar
import Demand
import Foundation
import Reports
import Rostering
import Scenario

extension Language: ExpressibleByArgument {}
extension EraStyle: ExpressibleByArgument {}
extension CSVText.Encoding: ExpressibleByArgument {}

/// Options every roster export takes.
struct ExportOptions: ParsableArguments {
    @Option(help: "Labels: ja (default) or en.") var lang: Language = .ja
    @Option(help: "Dates: western (default) or japanese (和暦).") var era: EraStyle = .western
    @Option(help: "roster.csv encoding: utf-8-bom (default, for Excel), utf-8 or shift_jis.") var encoding: CSVText.Encoding = .utf8BOM
}

/// `kinmu export`: the roster's exports from a roster.json.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a roster's exports: roster.csv (勤務表), roster.xlsx, roster.html (printable, with timelines and charts) and calendars/<staff-id>.ics.")

    @OptionGroup var scenario: ScenarioOptions

    @Option(help: "The roster.json to export.") var roster: String
    @Option(help: "The output folder.") var out: String
    @OptionGroup var export: ExportOptions
    @Flag(help: "Replace files in an existing output folder.") var force = false

    func run() throws {
        let s = try scenario.load()
        guard let data = FileManager.default.contents(atPath: roster) else { throw ValidationError("\(roster): cannot read the file") }
        let r = try Roster.decode(data)
        guard let m = YearMonth(r.month) else { throw ValidationError("\(roster): month \"\(r.month)\" is not YYYY-MM") }
        if FileManager.default.fileExists(atPath: out + "/roster.csv") && !force {
            throw ValidationError("\(out) already holds exports; pass --force to replace them")
        }
        let staff = try s.loadStaff()
        let requirements = RequirementsCalculator(services: s.services, policy: s.staffing, slotMinutes: s.calendar.rules.slotMinutes)
            .requirements(try s.forecaster().slots(month: m))
        let files = try RosterFiles.write(roster: r, month: m, scenario: s, staff: staff, requests: try s.loadRequests(staff: staff),
                                          requirements: requirements, out: out, options: export)
        print("wrote \(files.joined(separator: ", "))")
    }
}

/// Writes the roster exports into a folder (atomically, file by file).
enum RosterFiles {
    static func write(roster: Roster, month: YearMonth, scenario: Scenario, staff: [Person], requests: [Request],
                      requirements: [SlotRequirement], out: String, options: ExportOptions) throws -> [String] {
        let e = RosterExport(roster: roster, month: month, calendar: scenario.calendar, staff: staff, requests: requests,
                             rules: scenario.rules(for: month), language: options.lang, era: options.era)
        var written: [String] = []
        var grid = e.grid()
        grid.rows.insert([e.title], at: 0)
        try OutputFile.write(try grid.data(encoding: options.encoding), to: out + "/roster.csv", force: true)
        written.append("roster.csv")
        let names = Dictionary(uniqueKeysWithValues: scenario.services.map { ($0.id, options.lang == .ja ? $0.name : $0.id) })
        try OutputFile.write(e.workbook(services: names).data, to: out + "/roster.xlsx", force: true)
        written.append("roster.xlsx")
        let html = RosterHTML(export: e, services: scenario.services, requirements: requirements,
                              slotMinutes: scenario.calendar.rules.slotMinutes)
        try OutputFile.write(html.text, to: out + "/roster.html", force: true)
        written.append("roster.html")
        for (id, cal) in e.calendars() {
            try OutputFile.write(cal.text, to: out + "/calendars/\(id).ics", force: true)
        }
        written.append("calendars/*.ics")
        return written
    }
}
