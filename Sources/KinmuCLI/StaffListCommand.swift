import ArgumentParser
import BusinessCalendar
import Foundation
import Reports
import Scenario

/// `kinmu staff-list`: the 業務従事者名簿 for the city.
struct StaffListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "staff-list",
        abstract: "The staff list (業務従事者名簿) as of a date, or who joined and left (業務従事者交代報告).",
        discussion: "Carries only role, name, reading, start and pledge dates; flags missing or late pledges (誓約書).")

    enum Format: String, ExpressibleByArgument { case csv, html, xlsx }

    @OptionGroup var scenario: ScenarioOptions
    @Option(help: "The date (YYYY-MM-DD): the contract's start, or any later date.") var asOf: String
    @Option(help: "List who joined and left after this date instead.") var changesSince: String?
    @Option(help: "csv, html or xlsx.") var format: Format = .csv
    @Option(help: "Labels: ja (default) or en.") var lang: Language = .ja
    @Option(help: "Dates: japanese (和暦, default) or western.") var era: EraStyle = .japanese
    @Option(help: "CSV encoding: utf-8-bom (default), utf-8 or shift_jis.") var encoding: CSVText.Encoding = .utf8BOM
    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard CivilDate(asOf) != nil else { throw ValidationError("--as-of \(asOf): expected a date YYYY-MM-DD") }
        if let c = changesSince, CivilDate(c) == nil { throw ValidationError("--changes-since \(c): expected a date YYYY-MM-DD") }
    }

    func run() throws {
        let s = try scenario.load()
        let list = StaffList(staff: try s.loadStaff(), asOf: CivilDate(asOf)!, language: lang, era: era)
        if let c = changesSince {
            switch format {
            case .xlsx:
                guard output.out != nil else { throw ValidationError("--format xlsx needs --out FILE.xlsx") }
                try output.emit(list.document(organisation: s.name, changesSince: CivilDate(c)!).workbook().data)
                return
            case .html:
                try output.emit(list.document(organisation: s.name, changesSince: CivilDate(c)!).html())
                return
            case .csv: break
            }
            var csv = list.changes(since: CivilDate(c)!)
            csv.rows.insert([lang == .ja ? "業務従事者交代報告" : "Staff changes"], at: 0)
            try output.emit(try csv.data(encoding: encoding))
            return
        }
        switch format {
        case .csv:
            var csv = list.csv()
            csv.rows.insert([list.title], at: 0)
            try output.emit(try csv.data(encoding: encoding))
        case .html:
            try output.emit(list.html(organisation: s.name))
        case .xlsx:
            guard output.out != nil else { throw ValidationError("--format xlsx needs --out FILE.xlsx") }
            try output.emit(list.document(organisation: s.name).workbook().data)
        }
    }
}
