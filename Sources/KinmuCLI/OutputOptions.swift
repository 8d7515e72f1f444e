import ArgumentParser
import Foundation

/// Where a command writes: standard output, or a file written atomically.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Write to this file (atomically) instead of standard output.")
    var out: String?

    @Flag(name: .long, help: "Replace the output file if it exists.")
    var force = false

    func emit(_ text: String) throws {
        try emit(Data(text.utf8))
    }

    func emit(_ data: Data) throws {
        if let out {
            try OutputFile.write(data, to: out, force: force)
        } else {
            FileHandle.standardOutput.write(data)
        }
    }
}

/// Output formats of the stage commands.
enum TableFormat: String, ExpressibleByArgument, CaseIterable {
    case csv, json, ics
}
