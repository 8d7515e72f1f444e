import Foundation
import Testing
@testable import KinmuCLI

@Suite("kinmu forecast, requirements, backtest and erlang")
struct DemandCommandTests {
    @Test("forecast, requirements and backtest match their golden files")
    func golden() throws {
        try CLI.expectGolden(try CLI.run(["forecast", "--scenario", CLI.nankoku, "--month", "2026-12"]), "forecast-2026-12.csv")
        try CLI.expectGolden(try CLI.run(["requirements", "--scenario", CLI.nankoku, "--month", "2026-12"]), "requirements-2026-12.csv")
        try CLI.expectGolden(try CLI.run(["backtest", "--scenario", CLI.nankoku]), "backtest.csv")
    }

    @Test("the CSV headers are the documented ones")
    func headers() throws {
        let f = try CLI.text(["forecast", "--scenario", CLI.nankoku, "--month", "2027-01"])
        #expect(f.hasPrefix("date,slot,service,expected,lower,upper\n"))
        let r = try CLI.text(["requirements", "--scenario", CLI.nankoku, "--month", "2027-01"])
        #expect(r.hasPrefix("date,slot,service,arrivals,required,service_level,average_wait_min\n"))
        // No slot on a closed day: 2027-01-01 to 01-03 are the year-end closure.
        #expect(!r.contains("2027-01-02,"))
        #expect(r.contains("2027-01-04,08:30,delivery,"))
    }

    @Test("the same input gives byte-identical output")
    func deterministic() throws {
        let a = try CLI.run(["requirements", "--scenario", CLI.nankoku, "--month", "2026-12", "--format", "json"])
        let b = try CLI.run(["requirements", "--scenario", CLI.nankoku, "--month", "2026-12", "--format", "json"])
        #expect(a == b)
    }
}
