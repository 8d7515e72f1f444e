import ArgumentParser
import BusinessCalendar
import Foundation
import MIP
import Rostering
import Scenario
import WhatIf

/// `kinmu repair`: a published roster mended after an absence, with few changes.
struct RepairCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repair",
        abstract: "Repair a roster after an absence: every hard rule kept, the past untouched, as few changes as possible.",
        discussion: "Prints the changes person by person (who must be called and what changes for them) and writes the new roster and its exports.")

    @OptionGroup var scenario: ScenarioOptions
    @Option(help: "The published roster.json.") var roster: String
    @Option(parsing: .upToNextOption, help: "Absences: STAFF:YYYY-MM-DD[..YYYY-MM-DD] (one or more).") var absent: [String]
    @Option(help: "Days before this date stay as published (default: the first absent day).") var from: String?
    @Option(help: "The output folder for the repaired roster.") var out: String
    @Option(help: "Time limit in seconds.") var timeLimit: Double = 30
    @OptionGroup var work: DeterministicFlag
    @OptionGroup var export: ExportOptions
    @Flag(help: "Replace a roster in the output folder.") var force = false

    static func parseAbsence(_ s: String) throws -> (String, CivilDate, CivilDate) {
        let parts = s.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw ValidationError("--absent \(s): expected STAFF:YYYY-MM-DD[..YYYY-MM-DD]") }
        let range = parts[1].components(separatedBy: "..")
        guard let a = CivilDate(range[0]), let b = range.count > 1 ? CivilDate(range[1]) : a, a <= b, range.count <= 2 else {
            throw ValidationError("--absent \(s): expected STAFF:YYYY-MM-DD[..YYYY-MM-DD] with the first date not after the last")
        }
        return (parts[0], a, b)
    }

    func validate() throws {
        for a in absent { _ = try Self.parseAbsence(a) }
        if let f = from, CivilDate(f) == nil { throw ValidationError("--from \(f): expected YYYY-MM-DD") }
        guard timeLimit > 0 else { throw ValidationError("--time-limit must be positive") }
    }

    func run() throws {
        let s = try scenario.load()
        guard let data = FileManager.default.contents(atPath: roster) else { throw ValidationError("\(roster): cannot read the file") }
        let original = try Roster.decode(data)
        guard let m = YearMonth(original.month) else { throw ValidationError("\(roster): month \"\(original.month)\" is not YYYY-MM") }
        if FileManager.default.fileExists(atPath: out + "/roster.json") && !force {
            throw ValidationError("\(out)/roster.json already exists; pass --force to replace it")
        }
        let absences = try absent.map(Self.parseAbsence)
        let planning = try Planning(scenario: s, month: m)
        for (id, _, _) in absences where !planning.staff.contains(where: { $0.id == id }) {
            throw ValidationError("--absent: unknown staff id \(id)")
        }
        let first = absences.map(\.1).min()!
        let from = self.from.flatMap(CivilDate.init) ?? first
        guard from <= first else { throw ValidationError("--from \(from) is after the first absent day \(first): the absence would be in the untouched past") }
        let requests = planning.requests + absences.map { Request(person: $0.0, from: $0.1, through: $0.2, kind: .leave, note: "欠勤", source: "--absent") }
        let problem = try RosterProblem(month: m, calendar: s.calendar, services: s.services, requirements: planning.requirements,
                                        staff: planning.staff, requests: requests, rules: planning.rules)
        let options = work.applied(to: SolveOptions(timeLimit: timeLimit))
        let (result, changes): (RosterResult, [RosterRepair.Change])
        do {
            (result, changes) = try RosterRepair(options: options).repair(problem, original: original, from: from, absentThrough: absences.map(\.2).max(), scenario: s.name)
        } catch let e as RosterError {
            printError("kinmu: no repair keeps every hard rule.\n\(e.description)")
            throw ExitCode(3)
        }
        try OutputFile.write(try result.roster.jsonData(), to: out + "/roster.json", force: force)
        _ = try RosterFiles.write(roster: result.roster, month: m, scenario: s, staff: planning.staff, requests: requests,
                                  requirements: planning.requirements, out: out, options: export)
        let checker = RosterChecker(month: m, calendar: s.calendar, staff: planning.staff, requests: requests, rules: planning.rules, services: s.services)
        let violations = checker.check(result.roster)
        let names = Dictionary(uniqueKeysWithValues: planning.staff.map { ($0.id, $0.name) })
        print("repair of \(m) from \(from): \(result.solution.status.rawValue), \(formatNumber(result.solution.seconds, digits: 2)) s; \(changes.count) changes")
        var last = ""
        for c in changes {
            if c.person != last { print("  \(c.person) \(names[c.person] ?? ""):"); last = c.person }
            print("    \(c.date): \(c.before) → \(c.after)")
        }
        print("  shortfall: " + s.services.map { "\($0.name) \(formatNumber(result.shortfallHours[$0.id] ?? 0, digits: 2))h" }.joined(separator: ", "))
        print(violations.isEmpty ? "  check: every hard rule holds" : "  check: \(violations.count) violations")
        for v in violations.prefix(30) { print("    \(v)") }
        if !violations.isEmpty { throw ExitCode(4) }
    }
}
