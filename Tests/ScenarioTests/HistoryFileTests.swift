import BusinessCalendar
import Demand
import Foundation
import Testing
@testable import Scenario

@Suite("history.csv: strict reading")
struct HistoryFileTests {
    let calendar = try! BusinessCalendar(rules: OpeningRules())
    let services = DemandSection.defaultServices

    /// A valid history for the first week of December 2026, one row per open day and line.
    func validRows() -> [String] {
        var rows: [String] = []
        for day in calendar.openDays(YearMonth("2026-12")!) where day.date <= CivilDate(2026, 12, 4)! {
            for s in services { rows.append("\(day.date),\(s.id),10,3") }
        }
        return rows
    }

    func read(_ lines: [String], header: String = "date,service,total,bookings") throws -> [DailyCount] {
        let table = try CSVTable.parse(([header] + lines).joined(separator: "\n") + "\n", file: "history.csv")
        return try HistoryFile.readDaily(table, services: services, calendar: calendar)
    }

    @Test("a valid history reads; Japanese headers and names are accepted")
    func valid() throws {
        #expect(try read(validRows()).count == 16)
        let japanese = validRows().map { $0.replacingOccurrences(of: ",delivery,", with: ",交付,") }
        #expect(try read(japanese, header: "日付,業務,件数,予約件数").filter { $0.service == "delivery" }.count == 4)
    }

    nonisolated(unsafe) static let bad: [(String, (inout [String]) -> Void, Int?, String)] = [
        ("negative count", { $0[0] = "2026-12-01,delivery,-3,0" }, 2, "total"),
        ("non-numeric count", { $0[1] = "2026-12-01,renewal,十,0" }, 3, "total"),
        ("unknown line of work", { $0[2] = "2026-12-01,passport,3,0" }, 4, "service"),
        ("duplicate date", { $0.append("2026-12-01,delivery,4,1") }, 18, "date"),
        ("bookings over total", { $0[0] = "2026-12-01,delivery,3,5" }, 2, "bookings"),
        ("malformed date", { $0[0] = "2026/13/01,delivery,3,0" }, 2, "date"),
        ("a closed day", { $0.append("2026-12-05,delivery,4,1") }, 18, "date"),
        ("a gap", { $0.removeSubrange(4..<8) }, nil, "date"),
        ("wrong field count", { $0[0] = "2026-12-01,delivery,3" }, 2, ""),
    ]

    @Test("bad rows are errors naming file, line and field", arguments: bad.indices)
    func badRows(_ k: Int) {
        let (label, mutate, line, field) = Self.bad[k]
        var rows = validRows()
        mutate(&rows)
        do {
            _ = try read(rows)
            Issue.record("\(label): accepted")
        } catch let error as ScenarioError {
            #expect(error.file == "history.csv", "\(label)")
            #expect(error.line == line, "\(label): \(error)")
            if !field.isEmpty { #expect(error.field == field, "\(label): \(error)") }
        } catch {
            Issue.record("\(label): \(error)")
        }
    }

    @Test("Shift_JIS files with CRLF read like UTF-8 ones")
    func shiftJIS() throws {
        let text = (["日付,業務,件数,予約件数"] + validRows().map { $0.replacingOccurrences(of: ",delivery,", with: ",交付,") })
            .joined(separator: "\r\n") + "\r\n"
        let data = try #require(text.data(using: .shiftJIS))
        let (decoded, encoding) = try TextFile.decode(data, file: "history.csv")
        #expect(encoding == .shiftJIS)
        let table = try CSVTable.parse(decoded, file: "history.csv")
        #expect(try HistoryFile.readDaily(table, services: services, calendar: calendar).count == 16)
    }

    @Test("the shipped Nankoku history reads and forecasts")
    func nankoku() throws {
        let folder = "/" + #filePath.split(separator: "/").dropLast(3).joined(separator: "/") + "/Scenarios/nankoku"
        let s = try Scenario.load(folder: folder)
        let h = try s.loadHistory()
        #expect(h.firstDate == CivilDate(2023, 11, 1))
        #expect(!h.slots.isEmpty)
        #expect(s.services.map(\.name) == ["交付", "電子証明書更新", "申請支援", "マイナポータル支援"])
    }
}
