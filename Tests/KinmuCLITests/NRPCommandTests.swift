import Foundation
import Testing
@testable import KinmuCLI

@Suite("kinmu nrp solve|check|model")
struct NRPCommandTests {
    static let instance1 = CLI.repository.appendingPathComponent("Tests/Fixtures/nrp/Instance1.txt").path

    @Test("solve writes staff_id,day,shift_id lines the checker accepts at 607; check rejects a broken one")
    func solveAndCheck() throws {
        let dir = CLI.temporaryDirectory().path
        var solve = try Kinmu.parseAsRoot(["nrp", "solve", Self.instance1, "--time-limit", "60", "--out", dir + "/s.csv"])
        try solve.run()
        let text = try String(contentsOfFile: dir + "/s.csv", encoding: .utf8)
        #expect(text.split(separator: "\n").allSatisfy { $0.split(separator: ",").count == 3 })
        var check = try Kinmu.parseAsRoot(["nrp", "check", Self.instance1, dir + "/s.csv"])
        try check.run()
        // A's fixed day off (day 0) worked: a hard violation, non-zero exit.
        try ("A,0,D\n" + text.split(separator: "\n").filter { !$0.hasPrefix("A,0,") }.joined(separator: "\n") + "\n")
            .write(toFile: dir + "/bad.csv", atomically: true, encoding: .utf8)
        check = try Kinmu.parseAsRoot(["nrp", "check", Self.instance1, dir + "/bad.csv"])
        #expect(throws: (any Error).self) { try check.run() }
        // The solution file is not replaced silently.
        solve = try Kinmu.parseAsRoot(["nrp", "solve", Self.instance1, "--out", dir + "/s.csv"])
        #expect(throws: (any Error).self) { try solve.run() }
        var model = try Kinmu.parseAsRoot(["nrp", "model", Self.instance1, "--out", dir + "/m.lp"])
        try model.run()
        #expect(try String(contentsOfFile: dir + "/m.lp", encoding: .utf8).contains("Minimize"))
    }
}
