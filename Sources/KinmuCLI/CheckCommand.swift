import ArgumentParser
import BusinessCalendar
import Foundation
import Rostering
import Scenario

/// `kinmu check`: the independent checker.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a roster against every hard rule, from its assignments alone.",
        discussion: "Prints each violation (rule, date, time, person) and exits non-zero on any.")

    @OptionGroup var scenario: ScenarioOptions

    @Option(help: "The roster.json to check.")
    var roster: String

    func run() throws {
        let s = try scenario.load()
        guard let data = FileManager.default.contents(atPath: roster) else {
            throw ValidationError("\(roster): cannot read the file")
        }
        let r: Roster
        do { r = try Roster.decode(data) } catch {
            throw ValidationError("\(roster): not a Kinmu roster (\(error))")
        }
        guard let m = YearMonth(r.month) else { throw ValidationError("\(roster): month \"\(r.month)\" is not YYYY-MM") }
        let staff = try s.loadStaff()
        let checker = RosterChecker(month: m, calendar: s.calendar, staff: staff, requests: try s.loadRequests(staff: staff),
                                    rules: s.rules(for: m), services: s.services)
        let violations = checker.check(r)
        if violations.isEmpty {
            print("\(roster): every hard rule holds (\(r.assignments.count) assignments, \(r.month))")
            return
        }
        for v in violations { print(v.description) }
        printError("kinmu: \(violations.count) violations")
        throw ExitCode(1)
    }
}
