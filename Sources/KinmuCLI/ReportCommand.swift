import ArgumentParser
import BusinessCalendar
import Demand
import Foundation
import Reports
import Rostering
import Scenario
import WhatIf

/// `kinmu report`: the reports the contract asks for (日報, 月報, 年報).
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "The contract's reports: the monthly (業務月報), annual (業務年報) and daily (業務日報) reports.",
        subcommands: [MonthlyReportCommand.self, AnnualReportCommand.self, DailyReportCommand.self])
}

enum ReportFormat: String, ExpressibleByArgument { case html, csv, xlsx }

/// Options every report takes.
struct ReportOptions: ParsableArguments {
    @Option(help: "html (printable), csv or xlsx.") var format: ReportFormat = .html
    @Option(help: "Labels: ja (default) or en.") var lang: Language = .ja
    @Option(help: "Dates: japanese (和暦, default for the city's reports) or western.") var era: EraStyle = .japanese
    @Option(help: "CSV encoding: utf-8-bom (default), utf-8 or shift_jis.") var encoding: CSVText.Encoding = .utf8BOM
    @Option(help: "The actuals CSV (date, service, arrivals, served_within_target[, mean_wait_minutes]); see Docs/Reports.md.")
    var actuals: String?

    func emit(_ doc: ReportDocument, to output: OutputOptions) throws {
        switch format {
        case .html: try output.emit(doc.html())
        case .csv: try output.emit(try doc.csv().data(encoding: encoding))
        case .xlsx:
            guard output.out != nil else { throw ValidationError("--format xlsx needs --out FILE.xlsx") }
            try output.emit(doc.workbook().data)
        }
    }

    func loadActuals(_ s: Scenario) throws -> [DailyActual] {
        guard let actuals else { return [] }
        return try ActualsFile.read(actuals, services: s.services, calendar: s.calendar)
    }
}

/// Builds a month's report figures from the scenario, a roster (if any) and actuals.
enum MonthlyReportBuilder {
    static func roster(at path: String, month: YearMonth) throws -> Roster {
        guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("\(path): cannot read the roster") }
        let r = try Roster.decode(data)
        guard r.month == month.description else {
            throw ValidationError("\(path): the roster is for \(r.month), not \(month)")
        }
        return r
    }

    static func build(_ s: Scenario, month m: YearMonth, roster: Roster?, actuals: [DailyActual]) throws -> MonthlyReport {
        let slot = s.calendar.rules.slotMinutes
        let forecasts = try s.forecaster().slots(month: m)
        let requirements = RequirementsCalculator(services: s.services, policy: s.staffing, slotMinutes: slot).requirements(forecasts)
        let staffed: ((CivilDate, TimeOfDay, String) -> Int)? = roster.map { r in
            let count = Planning.staffed(r, slotMinutes: slot)
            return { d, t, l in count["\(d) \(t) \(l)"] ?? 0 }
        }
        return MonthlyReport(month: m, days: s.calendar.month(m), services: s.services, policy: s.staffing, slotMinutes: slot,
                             forecasts: forecasts, requirements: requirements, staffed: staffed,
                             actuals: actuals.filter { $0.date.yearMonth == m })
    }
}

struct MonthlyReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "monthly",
        abstract: "The monthly report (業務月報): per day and line of work, forecast, required and planned staff-hours, shortfall and service level.",
        discussion: "With --actuals, the achieved service level and the days that fell short of the target. Carries no personal information.")

    @OptionGroup var scenario: ScenarioOptions
    @OptionGroup var month: MonthOption
    @Option(help: "The month's roster.json (default: out/YYYY-MM/roster.json, where `make plan` writes).") var roster: String?
    @OptionGroup var report: ReportOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let s = try scenario.load()
        let m = month.value
        let r = try MonthlyReportBuilder.roster(at: roster ?? "out/\(m)/roster.json", month: m)
        let monthly = try MonthlyReportBuilder.build(s, month: m, roster: r, actuals: try report.loadActuals(s))
        try report.emit(monthly.document(organisation: s.name, language: report.lang, era: report.era), to: output)
    }
}

struct AnnualReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annual",
        abstract: "The annual report (業務年報) for a fiscal year (April–March, due April 20), from the months available.",
        discussion: "A month is available when ROSTERS/YYYY-MM/roster.json exists; the others are listed as without a report.")

    @OptionGroup var scenario: ScenarioOptions
    @Option(help: "The fiscal year (2026 = April 2026 to March 2027).") var fiscalYear: Int
    @Option(help: "The folder holding YYYY-MM/roster.json per month.") var rosters: String = "out"
    @OptionGroup var report: ReportOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        let years = JapaneseHolidays.firstYear...(JapaneseHolidays.lastYear - 1)
        guard years.contains(fiscalYear) else { throw ValidationError("--fiscal-year \(fiscalYear): expected a year in \(years.lowerBound)–\(years.upperBound)") }
    }

    func run() throws {
        let s = try scenario.load()
        let actuals = try report.loadActuals(s)
        var reports: [MonthlyReport] = []
        for m in AnnualReport.months(fiscalYear) {
            let path = "\(rosters)/\(m)/roster.json"
            guard FileManager.default.fileExists(atPath: path) else { continue }
            reports.append(try MonthlyReportBuilder.build(s, month: m, roster: try MonthlyReportBuilder.roster(at: path, month: m),
                                                          actuals: actuals))
        }
        let annual = AnnualReport(fiscalYear: fiscalYear, services: s.services, reports: reports)
        printError("kinmu: \(reports.count) of 12 months have a roster in \(rosters)/")
        try report.emit(annual.document(organisation: s.name, language: report.lang, era: report.era), to: output)
    }
}

struct DailyReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "daily",
        abstract: "The daily report (業務日報) template: planned staff, forecast and blanks for the actuals.",
        discussion: """
        --date D: one day's printable 日報 (html) or its figures (csv, xlsx).
        --month M: every open day's 日報 as one printable html file, or (csv) the month's actuals sheet to fill in, \
        which `kinmu report monthly --actuals` reads back.
        """)

    @OptionGroup var scenario: ScenarioOptions
    @Option(help: "One day (YYYY-MM-DD).") var date: String?
    @Option(help: "A whole month (YYYY-MM).") var month: String?
    @Option(help: "The month's roster.json (default: out/YYYY-MM/roster.json).") var roster: String?
    @OptionGroup var report: ReportOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        switch (date, month) {
        case let (d?, nil): guard CivilDate(d) != nil else { throw ValidationError("--date \(d): expected YYYY-MM-DD") }
        case let (nil, m?): guard YearMonth(m) != nil else { throw ValidationError("--month \(m): expected YYYY-MM") }
        default: throw ValidationError("give either --date YYYY-MM-DD or --month YYYY-MM")
        }
    }

    func run() throws {
        let s = try scenario.load()
        let m = date.flatMap { CivilDate($0)?.yearMonth } ?? YearMonth(month!)!
        let r = try MonthlyReportBuilder.roster(at: roster ?? "out/\(m)/roster.json", month: m)
        let monthly = try MonthlyReportBuilder.build(s, month: m, roster: r, actuals: [])
        let staff = try s.loadStaff()
        let rules = s.rules(for: m)
        func doc(_ day: CalendarDay) -> ReportDocument {
            DailyReport(day: day, month: monthly, roster: r, staff: staff, rules: rules)
                .document(organisation: s.name, language: report.lang, era: report.era)
        }
        if let d = date.flatMap(CivilDate.init) {
            let day = s.calendar.day(d)
            guard day.isOpen else { throw ValidationError("--date \(d): the counter is closed that day (\(day.note))") }
            try report.emit(doc(day), to: output)
            return
        }
        switch report.format {
        case .csv:
            try output.emit(try DailyReport.actualsTemplate(monthly).data(encoding: report.encoding))
        case .html:
            let title = report.lang == .ja ? "業務日報 \(m)" : "Daily reports \(m)"
            try output.emit(ReportDocument.htmlPages(s.calendar.openDays(m).map(doc), title: title))
        case .xlsx:
            throw ValidationError("--month with --format xlsx: use --date for one day's workbook, or csv for the month's actuals sheet")
        }
    }
}
