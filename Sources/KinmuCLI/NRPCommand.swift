import ArgumentParser
import Foundation
import MIP
import NRP

/// `kinmu nrp`: the public rostering benchmark (Curtois & Qu), solved and checked.
struct NRPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nrp",
        abstract: "The Shift Scheduling Benchmark (Curtois): solve an instance with GLPK, or check any solution.",
        subcommands: [NRPSolveCommand.self, NRPCheckCommand.self, NRPModelCommand.self])
}

struct NRPSolveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "solve",
        abstract: "Solve an instance: the whole programme, then a large-neighbourhood search of GLPK sub-problems.",
        discussion: "Writes staff_id,day,shift_id per worked day and prints {\"instance\",\"objective\",\"bound\",\"gap\",\"seconds\",\"status\"}; the objective is recomputed from the written solution.")

    @Argument(help: "The instance file (InstanceN.txt).") var file: String
    @Option(help: "Wall-clock limit in seconds (honoured).") var timeLimit: Double = 60
    @Option(help: "Seed for the neighbourhood choice.") var seed: UInt64 = 1
    @Option(help: "Stop the search after this many neighbourhoods (a deterministic budget).") var iterations: Int?
    @Option(help: "Where to write the solution.") var out: String
    @Flag(help: "Replace an existing solution file.") var force = false
    @Flag(help: "Print the search's log to standard error.") var verbose = false

    func validate() throws {
        guard timeLimit > 0 && timeLimit <= 86_400 else { throw ValidationError("--time-limit must be 0 < S ≤ 86400") }
    }

    func run() throws {
        let inst = try NRPInstance.read(file)
        let result = try NRPSolver(timeLimit: timeLimit, seed: seed, iterations: iterations).solve(inst)
        if verbose { for l in result.log { printError(l) } }
        var objective: Int?
        if let s = result.solution {
            let text = s.csv(inst)
            try OutputFile.write(text, to: out, force: force)
            // Recomputed from what was written, by the independent evaluator.
            let (read, dup) = try NRPEvaluator.read(text, file: out, instance: inst)
            let report = NRPEvaluator.evaluate(read, inst, duplicates: dup)
            guard report.feasible else { throw ValidationError("internal error: the written solution breaks \(report.violations[0])") }
            objective = report.objective
        }
        let gap: Double? = objective.flatMap { o in result.bound.map { b in o == 0 ? 0 : max(0, (Double(o) - b) / Double(o)) } }
        let json = JSONValue.object([
            ("instance", .string(inst.name)), ("objective", objective.map { .int($0) } ?? .null),
            ("bound", result.bound.map { .number(($0 * 1e6).rounded() / 1e6) } ?? .null),
            ("gap", gap.map { .number(($0 * 1e6).rounded() / 1e6) } ?? .null),
            ("seconds", .number((result.seconds * 100).rounded() / 100)), ("status", .string(result.status)),
        ])
        print(json.text)
        if result.solution == nil { throw ExitCode(3) }
    }
}

struct NRPCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a solution (from any tool) against every hard constraint, and compute its objective.",
        discussion: "Prints each violation in words and the penalty by part; exits non-zero on any violation.")

    @Argument(help: "The instance file.") var file: String
    @Argument(help: "The solution: staff_id,day,shift_id per worked day.") var solution: String

    func run() throws {
        let inst = try NRPInstance.read(file)
        guard let data = FileManager.default.contents(atPath: solution), let text = String(data: data, encoding: .utf8) else {
            throw ValidationError("\(solution): cannot read the file")
        }
        let (s, dup) = try NRPEvaluator.read(text, file: solution, instance: inst)
        let r = NRPEvaluator.evaluate(s, inst, duplicates: dup)
        for v in r.violations { print("violation: \(v)") }
        print("objective \(r.objective) (shift-on requests \(r.onRequests), shift-off requests \(r.offRequests), under-cover \(r.under), over-cover \(r.over))"
              + (r.feasible ? "; every hard constraint holds" : "; \(r.violations.count) hard violations"))
        if !r.feasible { throw ExitCode(4) }
    }
}

struct NRPModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Write Kinmu's 0/1 programme of an instance as CPLEX LP or free MPS, for other solvers (the benchmark's side-by-side).",
        discussion: "Column x[E,D,S] = 1 when employee E works shift S on day D; the objective is the benchmark's penalty.")

    @Argument(help: "The instance file.") var file: String
    @Option(help: "FILE.lp or FILE.mps.") var out: String
    @Flag(help: "Replace an existing file.") var force = false

    func run() throws {
        let inst = try NRPInstance.read(file)
        let model = NRPModel(inst)
        try OutputFile.write(try model.program.text(format: try modelFormat(out)), to: out, force: force)
    }
}
