import ArgumentParser
import Foundation
import MIP
import Rostering

/// `kinmu bench roster`: a generated large centre, solved and measured.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks on generated instances.",
        subcommands: [Roster.self])

    struct Roster: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Generate a large centre (staff, days, four lines, 15-minute slots) and solve its roster.",
            discussion: "Prints {\"staff\", \"days\", \"columns\", \"rows\", \"status\", \"objective\", \"bound\", \"gap\", \"seconds\"}.")

        @Option(help: "Number of staff.") var staff: Int = 150
        @Option(help: "Number of days (up to 31).") var days: Int = 31
        @Option(help: "Time limit in seconds.") var timeLimit: Double = 60
        @Option(help: "Seed of the generated instance.") var seed: UInt64 = 1
        @Option(help: "json only.") var format: String = "json"
        @Flag(help: "Print the search's progress to standard error.") var progress = false
        @Option(help: "Also write the model as .lp or .mps.") var exportModel: String?
        @Option(help: "monolithic, search (greedy + neighbourhood search, symmetric LP bound) or automatic (default: search above 30,000 columns).") var method: String = "automatic"
        @OptionGroup var work: DeterministicFlag

        func validate() throws {
            guard (2...2000).contains(staff) else { throw ValidationError("--staff must be 2 to 2000") }
            guard (1...31).contains(days) else { throw ValidationError("--days must be 1 to 31") }
            guard timeLimit > 0, timeLimit <= SolveOptions.maximumTimeLimit else { throw ValidationError("--time-limit must be positive") }
            guard format == "json" else { throw ValidationError("--format must be json") }
        }

        func run() throws {
            let centre = SyntheticCentre(staff: staff, days: days, seed: seed)
            let problem = try centre.problem(days: days)
            let model = RosterModel(problem)
            if let path = exportModel {
                try OutputFile.write(try model.program.text(format: try modelFormat(path)), to: path, force: true)
            }
            let start = ContinuousClock.now
            var json = JSONLine()
            json["staff"] = .int(staff)
            json["days"] = .int(days)
            json["columns"] = .int(model.program.columns.count)
            json["rows"] = .int(model.program.rows.count)
            do {
                let printer: ((SolveProgress) -> Void)? = progress ? { p in
                    printError("[\(formatNumber(p.seconds, digits: 1))s] incumbent \(p.incumbent.map { formatNumber($0, digits: 1) } ?? "-") bound \(p.bound.map { formatNumber($0, digits: 1) } ?? "-") nodes \(p.nodes)")
                } : nil
                guard let m = RosterSolver.Method(rawValue: method) else { throw ValidationError("--method must be monolithic, search or automatic") }
                json["method"] = .string(m.rawValue)
                let r = try RosterSolver(options: work.applied(to: SolveOptions(timeLimit: timeLimit)), method: m).solve(problem, progress: printer)
                json["status"] = .string(r.solution.status.rawValue)
                json["objective"] = r.solution.objective.map { .number($0) } ?? .null
                json["bound"] = r.solution.bound.map { .number($0) } ?? .null
                json["gap"] = r.solution.gap.map { .number(($0 * 1e6).rounded() / 1e6) } ?? .null
                if let s = r.search {
                    json["method"] = .string("search")
                    json["construction"] = s.constructed.map { .number($0) } ?? .null
                    json["neighbourhoods"] = .int(s.neighbourhoods)
                    json["improvements"] = .int(s.improvements)
                    json["boundKind"] = s.boundKind.map { .string($0) } ?? .null
                } else {
                    json["method"] = .string("monolithic")
                }
            } catch {
                json["status"] = .string("no-solution")
                json["objective"] = .null
                json["bound"] = .null
                json["gap"] = .null
                json["error"] = .string("\(error)".split(separator: "\n").first.map(String.init) ?? "")
            }
            let d = ContinuousClock.now - start
            json["seconds"] = .number((Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18) * 1000 / 1000)
            print(json.text)
        }
    }
}
