import ArgumentParser
import BusinessCalendar
import Demand
import Foundation
import Reports
import Scenario

/// `kinmu forecast`: expected arrivals per line of work per slot, with intervals.
struct ForecastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "Forecast demand per line of work and 15-minute slot for a month.",
        discussion: "CSV header: date,slot,service,expected,lower,upper. --daily gives one row per day and line.")

    @OptionGroup var scenario: ScenarioOptions
    @OptionGroup var month: MonthOption

    @Option(help: "csv or json.")
    var format: TableFormat = .csv

    @Flag(help: "One row per day and line of work instead of per slot.")
    var daily = false

    @OptionGroup var output: OutputOptions

    func run() throws {
        let s = try scenario.load()
        let f = try s.forecaster()
        let m = month.value
        if daily {
            let rows = f.daily(from: m.first, through: m.last)
            var csv = CSVText(header: ["date", "service", "expected", "lower", "upper", "bookings", "multiplier"])
            for r in rows {
                csv.append([r.date.description, r.service, fixed(r.expected, 2), fixed(r.lower, 0), fixed(r.upper, 0),
                            fixed(r.bookings, 2), fixed(r.multiplier, 2)])
            }
            try emit(csv)
            return
        }
        var csv = CSVText(header: ["date", "slot", "service", "expected", "lower", "upper"])
        for r in f.slots(month: m) {
            csv.append([r.date.description, r.slot.description, r.service, fixed(r.expected, 3), fixed(r.lower, 0), fixed(r.upper, 0)])
        }
        try emit(csv)
    }

    func emit(_ csv: CSVText) throws {
        switch format {
        case .csv: try output.emit(csv.text())
        default: try output.emit(jsonRows(csv).prettyText)
        }
    }
}

/// A fixed number of decimals, POSIX-style.
func fixed(_ x: Double, _ digits: Int) -> String {
    guard x.isFinite else { return x > 0 ? "inf" : "nan" }
    let s = String(format: "%.\(digits)f", locale: nil, x)
    return s == "-0" || s.hasPrefix("-0.") && Double(s) == 0 ? String(s.dropFirst()) : s
}

/// CSV rows as a JSON array of objects keyed by the header (numbers stay numbers).
func jsonRows(_ csv: CSVText) -> JSONValue {
    let header = csv.rows[0]
    return .array(csv.rows.dropFirst().map { row in
        .object(zip(header, row).map { key, value in
            if let d = Double(value), !value.isEmpty, value.first != "+" , key != "date", key != "slot" { return (key, .number(d)) }
            return (key, .string(value))
        })
    })
}
