import ArgumentParser
import BusinessCalendar
import Demand
import Foundation
import MIP
import Reports
import Rostering
import Scenario
import WhatIf

/// `kinmu plan`: the month's roster.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Plan a month's roster with GLPK: a supervisor always on duty, labour law, contracts, leave, fairness.",
        discussion: "Writes OUT/roster.json (and the exports), checks it with the independent checker, and prints a summary.")

    @OptionGroup var scenario: ScenarioOptions
    @OptionGroup var month: MonthOption

    @Option(help: "The output folder.")
    var out: String

    @OptionGroup var solve: SolveFlags

    @Option(help: "Also write the model as CPLEX LP (.lp) or free MPS (.mps).")
    var exportModel: String?

    @Flag(help: "Replace an existing roster in the output folder.")
    var force = false

    @OptionGroup var export: ExportOptions

    func validate() throws {
        if let m = exportModel { _ = try modelFormat(m) }
    }

    func run() throws {
        let s = try scenario.load()
        let m = month.value
        let rosterPath = out + "/roster.json"
        if FileManager.default.fileExists(atPath: rosterPath) && !force {
            throw ValidationError("\(rosterPath) already exists; pass --force to replace it")
        }
        let planning = try Planning(scenario: s, month: m)
        if let path = exportModel {
            let model = RosterModel(planning.problem)
            try OutputFile.write(try model.branchAndCutProgram.text(format: try modelFormat(path)), to: path, force: true)
            printError("kinmu: wrote the model (\(model.program.columns.count) columns, \(model.program.rows.count) rows) to \(path)")
        }
        var options = solve.options()
        if options.timeLimit == nil { options.timeLimit = 120 }
        let progress = solve.progressPrinter() ?? { p in
            if p.seconds >= 5 {
                printError("  \(formatNumber(p.seconds, digits: 0))s  incumbent \(p.incumbent.map { formatNumber($0, digits: 1) } ?? "-")  bound \(p.bound.map { formatNumber($0, digits: 1) } ?? "-")  gap \(p.gap.map { formatNumber($0 * 100, digits: 2) + "%" } ?? "-")")
            }
        }
        let result: RosterResult
        do {
            result = try RosterSolver(options: options).solve(planning.problem, scenario: s.name, progress: progress)
        } catch let e as RosterError {
            printError("kinmu: \(e.description)")
            throw ExitCode(3)
        }
        try OutputFile.write(try result.roster.jsonData(), to: rosterPath, force: force)
        _ = try RosterFiles.write(roster: result.roster, month: m, scenario: s, staff: planning.staff,
                                  requests: planning.requests, requirements: planning.requirements, out: out, options: export)
        let violations = planning.checker.check(result.roster)
        print(planning.summary(result, violations: violations))
        if !violations.isEmpty { throw ExitCode(4) }
    }
}

extension Planning {
    func summary(_ r: RosterResult, violations: [Violation]) -> String {
        let s = r.solution
        var lines: [String] = []
        lines.append("roster \(month) for \(scenario.name): \(s.status.rawValue) (\(s.stopReason.rawValue))")
        lines.append("  objective \(s.objective.map { formatNumber($0, digits: 3) } ?? "-")  bound \(s.bound.map { formatNumber($0, digits: 3) } ?? "-")  gap \(s.gap.map { formatNumber($0 * 100, digits: 3) + "%" } ?? "-")  \(formatNumber(s.seconds, digits: 2)) s  (\(r.columns) columns, \(r.rows) rows, \(s.nodes) nodes)")
        let totalReq = requirements.reduce(0) { $0 + $1.required } * scenario.calendar.rules.slotMinutes
        lines.append("  required \(formatNumber(Double(totalReq) / 60, digits: 1)) staff-hours; shortfall by line of work:")
        for svc in scenario.services {
            lines.append("    \(svc.name) (\(svc.id)): \(formatNumber(r.shortfallHours[svc.id] ?? 0, digits: 2)) staff-hours")
        }
        let sl = serviceLevel(r.roster)
        lines.append("  predicted service level: average \(formatNumber(sl.average * 100, digits: 1))%" +
                     (sl.worstDay.map { ", worst day \($0.date) \(formatNumber($0.serviceLevel * 100, digits: 1))%" } ?? ""))
        if r.overtimeHours > 0 { lines.append("  overtime: \(formatNumber(r.overtimeHours, digits: 2)) hours") }
        lines.append("  assignments: \(r.roster.assignments.count); supervisors count deputies: \(r.roster.supervisorsCountDeputies)")
        // People the month cannot use in full (a start or end within it, a pledge not filed):
        // the roster shows － on those days; the manager should hear it here too.
        let dates = scenario.calendar.month(month).map(\.date)
        let limited = staff.compactMap { p -> String? in
            let why = RosterExport.remarks(p, dates, language: .en)
            return why.isEmpty ? nil : "\(p.id) \(p.name) (\(why))"
        }
        if !limited.isEmpty { lines.append("  not available all month: " + limited.joined(separator: ", ")) }
        if violations.isEmpty {
            lines.append("  check: every hard rule holds")
        } else {
            lines.append("  check: \(violations.count) violations")
            lines += violations.prefix(50).map { "    " + $0.description }
        }
        return lines.joined(separator: "\n")
    }
}
