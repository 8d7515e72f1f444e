import Foundation
import Testing
@testable import MIP

@Suite("LP and MPS exports read back by GLPK give the same optimum")
struct ExportTests {
    static let programs: [(String, LinearProgram)] = [
        ("knapsack", Instances.knapsack(values: [10, 13, 7, 8], weights: [5, 6, 4, 5], capacity: 14)),
        ("set cover", Instances.setCover()),
        ("assignment", Instances.assignment()),
        ("mixed", Instances.mixed()),
    ]

    static func temporaryPath(_ name: String) -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kinmu-mip-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir.appendingPathComponent(name).path
    }

    @Test("round trip through a file", arguments: programs.indices, ModelFileFormat.allCases)
    func roundTrip(_ k: Int, _ format: ModelFileFormat) throws {
        let (label, lp) = Self.programs[k]
        let direct = try GLPKSolver().solve(lp)
        let path = Self.temporaryPath("model.\(format.rawValue)")
        try lp.text(format: format).write(toFile: path, atomically: true, encoding: .utf8)
        let read = try GLPKSolver.readModel(path: path, format: format)
        #expect(read.sense == .minimize, "\(label): exports are minimisations")
        let back = try GLPKSolver().solve(read)
        #expect(direct.status == .optimal && back.status == .optimal)
        let sign = lp.sense == .maximize ? -1.0 : 1.0
        #expect(abs(direct.objective! - sign * back.objective!) < 1e-9, "\(label) via \(format)")
        #expect(read.columns.count == lp.columns.count)
        #expect(read.columns.filter { $0.kind != .continuous }.count == lp.columns.filter { $0.kind != .continuous }.count)
    }

    @Test("exports are deterministic and name rows readably")
    func deterministic() throws {
        let lp = Instances.setCover()
        #expect(try lp.lpText() == lp.lpText())
        #expect(try lp.mpsText() == lp.mpsText())
        let text = try lp.lpText()
        #expect(text.contains("cover%5B%E8%A6%81%E7%B4%A09%5D".replacingOccurrences(of: "9", with: "1")))
        #expect(text.contains("Minimize"))
        #expect(text.contains("Binary"))
    }

    @Test("escaping is injective and reversible")
    func escaping() {
        let names = ["cover[交付,2026-12-02,10:15]", "e1", "E", ".x", "7", "a%41", "aA", "x~lo", "x y", "~obj"]
        let escaped = names.map(ExportNames.escape)
        #expect(Set(escaped).count == names.count)
        #expect(escaped.map(ExportNames.unescape) == names)
        for e in escaped {
            #expect(!e.contains("~") && !e.contains(" "))
            #expect(!(e.first.map { $0.isNumber || $0 == "." || $0 == "e" || $0 == "E" } ?? true))
        }
    }

    @Test("a malformed model file is an error with GLPK's message, not an abort")
    func malformed() throws {
        let path = Self.temporaryPath("broken.lp")
        try "Minimize\n obj: x +\nSubject To\n c: x >= \nEnd\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: MIPError.self) { _ = try GLPKSolver.readModel(path: path, format: .lp) }
        #expect(throws: MIPError.self) { _ = try GLPKSolver.readModel(path: path + ".missing", format: .mps) }
    }
}
