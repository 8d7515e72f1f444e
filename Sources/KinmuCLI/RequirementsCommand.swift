import BusinessCalendar
import ArgumentParser
import Demand
import Reports
import Scenario

/// `kinmu requirements`: staff needed per line of work per slot for the service level.
struct RequirementsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "requirements",
        abstract: "Staff needed per line of work and slot to meet each line's service-level target.",
        discussion: "CSV header: date,slot,service,arrivals,required,service_level,average_wait_min. Walk-ins by Erlang C (Erlang A with patience-minutes), bookings by workload, then shrinkage and floors.")

    @OptionGroup var scenario: ScenarioOptions
    @OptionGroup var month: MonthOption

    @Option(help: "csv or json.")
    var format: TableFormat = .csv

    @OptionGroup var output: OutputOptions

    func run() throws {
        let s = try scenario.load()
        let reqs = try Self.requirements(s, month: month.value)
        var csv = CSVText(header: ["date", "slot", "service", "arrivals", "required", "service_level", "average_wait_min"])
        for r in reqs {
            csv.append([r.date.description, r.slot.description, r.service, fixed(r.arrivals, 3), String(r.required),
                        fixed(r.serviceLevel, 4), fixed(r.averageWaitMinutes, 2)])
        }
        let unmet = reqs.filter { !$0.meetsTarget }
        if !unmet.isEmpty {
            printError("kinmu: the target cannot be met in \(unmet.count) slots; the best reachable service level is shown for them")
        }
        switch format {
        case .csv: try output.emit(csv.text())
        default: try output.emit(jsonRows(csv).prettyText)
        }
    }

    static func requirements(_ s: Scenario, month: YearMonth) throws -> [SlotRequirement] {
        let f = try s.forecaster()
        let calc = RequirementsCalculator(services: s.services, policy: s.staffing, slotMinutes: s.calendar.rules.slotMinutes)
        return calc.requirements(f.slots(month: month))
    }
}

