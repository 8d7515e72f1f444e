import Foundation
import Testing
@testable import KinmuCLI

/// Runs `kinmu` in-process with `--out` to a temporary file and returns what it wrote.
enum CLI {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let nankoku = repository.appendingPathComponent("Scenarios/nankoku").path

    static func temporaryDirectory() -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kinmu-cli-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    static func run(_ arguments: [String], file: String = "out.txt") throws -> Data {
        let path = temporaryDirectory().appendingPathComponent(file).path
        var command = try Kinmu.parseAsRoot(arguments + ["--out", path])
        try command.run()
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }

    static func text(_ arguments: [String]) throws -> String {
        String(decoding: try run(arguments), as: UTF8.self)
    }

    /// Compares with `Golden/NAME`; with KINMU_UPDATE_GOLDEN=1 rewrites it instead.
    static func expectGolden(_ data: Data, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = repository.appendingPathComponent("Tests/KinmuCLITests/Golden/\(name)")
        if ProcessInfo.processInfo.environment["KINMU_UPDATE_GOLDEN"] == "1" {
            try data.write(to: url)
            return
        }
        let golden = try Data(contentsOf: url)
        #expect(data == golden, "output differs from Golden/\(name)", sourceLocation: sourceLocation)
    }
}
