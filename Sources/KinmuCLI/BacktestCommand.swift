import ArgumentParser
import Demand
import Reports
import Scenario

/// `kinmu backtest`: the forecast held out of sample against naive baselines.
struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Hold the forecast out of sample on the last months of history; print WAPE and bias per line of work.",
        discussion: "Baselines: seasonal naive (same weekday 52 weeks earlier) and weekly naive (mean of the same weekday over the 4 weeks before the origin).")

    @OptionGroup var scenario: ScenarioOptions

    @Option(help: "How many final months of history to hold out.")
    var months: Int = 3

    @Option(help: "csv or json.")
    var format: TableFormat = .csv

    @OptionGroup var output: OutputOptions

    func validate() throws {
        guard (1...24).contains(months) else { throw ValidationError("--months must be 1 to 24") }
    }

    func run() throws {
        let s = try scenario.load()
        let r = try Backtest.run(calendar: s.calendar, services: s.services, history: s.loadHistory(),
                                 months: months, settings: s.forecastSettings)
        var csv = CSVText(header: ["service", "from", "to", "days", "actual", "wape", "bias", "interval_coverage",
                                   "seasonal_naive_wape", "seasonal_naive_bias", "weekly_naive_wape"])
        for l in r.lines {
            csv.append([l.service, r.from.description, r.through.description, String(l.days), fixed(l.actual, 0),
                        fixed(l.wape, 4), fixed(l.bias, 4), fixed(l.coverage, 3),
                        fixed(l.seasonalNaiveWAPE, 4), fixed(l.seasonalNaiveBias, 4), fixed(l.weeklyNaiveWAPE, 4)])
        }
        switch format {
        case .csv: try output.emit(csv.text())
        default: try output.emit(jsonRows(csv).prettyText)
        }
    }
}
