import ArgumentParser
import BusinessCalendar
import Scenario

/// `--scenario DIR` and `--month YYYY-MM`, shared by the planning commands.
struct ScenarioOptions: ParsableArguments {
    @Option(help: "The scenario folder (scenario.yaml, staff.csv, …).")
    var scenario: String = "Scenarios/nankoku"

    func load() throws -> Scenario {
        try Scenario.load(folder: scenario)
    }
}

struct MonthOption: ParsableArguments {
    @Option(help: "The month (YYYY-MM).")
    var month: String

    func validate() throws {
        guard let m = YearMonth(month) else { throw ValidationError("--month \(month): expected YYYY-MM, e.g. 2026-12") }
        let years = JapaneseHolidays.firstYear...JapaneseHolidays.lastYear
        guard years.contains(m.year) else {
            throw ValidationError("--month \(month): Kinmu's calendar covers \(years.lowerBound)–\(years.upperBound)")
        }
    }

    var value: YearMonth { YearMonth(month)! }
}
