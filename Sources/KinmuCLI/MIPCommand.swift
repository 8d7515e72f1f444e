import ArgumentParser
import MIP

/// `kinmu mip solve FILE`: solves an LP or MPS model with Kinmu's GLPK backend.
struct MIPCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mip",
        abstract: "Solve or convert a model file (CPLEX LP or free MPS) with GLPK.",
        subcommands: [Solve.self, Convert.self]
    )

    struct Solve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Solve a model file and print the result as JSON.")

        @Argument(help: "A .lp (CPLEX LP) or .mps (free MPS) file.")
        var file: String

        @OptionGroup var solve: SolveFlags

        @Flag(help: "Print every non-zero column value too.")
        var values = false

        func run() throws {
            let format = try modelFormat(file)
            let program = try GLPKSolver.readModel(path: file, format: format)
            let result = try GLPKSolver().solve(program, options: solve.options(), progress: solve.progressPrinter())
            var json = JSONLine()
            json["model"] = .string(file)
            json["columns"] = .int(program.columns.count)
            json["rows"] = .int(program.rows.count)
            json.add(result)
            if values {
                json["values"] = .object(zip(program.columns, result.values)
                    .filter { $0.1 != 0 }
                    .map { ($0.0.name, JSONValue.number($0.1)) })
            }
            print(json.text)
        }
    }

    struct Convert: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read a model file and write it in the other format.")

        @Argument(help: "The model to read (.lp or .mps).")
        var input: String

        @Argument(help: "The file to write (.lp or .mps).")
        var output: String

        @Flag(help: "Replace the output file if it exists.")
        var force = false

        func run() throws {
            let program = try GLPKSolver.readModel(path: input, format: try modelFormat(input))
            let text = try program.text(format: try modelFormat(output))
            try OutputFile.write(text, to: output, force: force)
        }
    }
}

func modelFormat(_ path: String) throws -> ModelFileFormat {
    guard let f = ModelFileFormat(path: path) else {
        throw ValidationError("\(path): the model file must end in .lp or .mps")
    }
    return f
}
