import ArgumentParser
import MIP

import Foundation

/// Solver flags shared by every command that solves.
struct SolveFlags: ParsableArguments {
    @Option(name: .long, help: "Wall-clock limit in seconds.")
    var timeLimit: Double?

    @Option(name: .long, help: "Stop at this relative gap (0.01 = 1%).")
    var gap: Double = 0

    @OptionGroup var work: DeterministicFlag

    @Flag(name: .long, help: "Print progress (elapsed, incumbent, bound, gap) to standard error.")
    var progress = false

    func validate() throws {
        if let t = timeLimit, !(t.isFinite && t >= 0 && t <= SolveOptions.maximumTimeLimit) {
            throw ValidationError("--time-limit must be seconds from 0 to \(Int(SolveOptions.maximumTimeLimit)); got \(t)")
        }
        if !(gap.isFinite && gap >= 0 && gap < 1) {
            throw ValidationError("--gap must be a fraction in [0, 1); got \(gap)")
        }
    }

    func options() -> SolveOptions {
        work.applied(to: SolveOptions(timeLimit: timeLimit, relativeGap: gap))
    }

    func progressPrinter() -> ((SolveProgress) -> Void)? {
        guard progress else { return nil }
        return { p in
            let inc = p.incumbent.map { formatNumber($0) } ?? "-"
            let bnd = p.bound.map { formatNumber($0) } ?? "-"
            let gap = p.gap.map { formatNumber($0 * 100, digits: 2) + "%" } ?? "-"
            printError("[\(formatNumber(p.seconds, digits: 1))s] incumbent \(inc)  bound \(bnd)  gap \(gap)  nodes \(p.nodes)")
        }
    }
}

/// `--deterministic`, for every command that solves (Docs/decisions/0014).
struct DeterministicFlag: ParsableArguments {
    @Flag(name: .long, help: "Count the time limit in GLPK's work instead of the clock: the same input then gives the same roster on any machine and under any load (large centres lose the second core's search).")
    var deterministic = false

    /// `options` with the time limit counted in work when the flag is given.
    func applied(to options: SolveOptions) -> SolveOptions {
        var o = options
        if deterministic { o.workRate = SolveOptions.defaultWorkRate }
        return o
    }
}

func printError(_ s: String) {
    FileHandle.standardError.write(Data((s + "\n").utf8))
}
