import Foundation
import Testing
@testable import BusinessCalendar

/// The Cabinet Office list, read from its published Shift_JIS bytes.
enum CabinetOfficeList {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// The team's shared reference copy when it sits beside the repository (as in CI),
    /// else the byte-identical copy kept with the tests.
    static let shared = repository.deletingLastPathComponent().appendingPathComponent("shared/data/jp-holidays/syukujitsu.csv")
    static let fixture = repository.appendingPathComponent("Tests/Fixtures/jp-holidays/syukujitsu.csv")
    static var url: URL { FileManager.default.fileExists(atPath: shared.path) ? shared : fixture }

    static func load() throws -> [CivilDate: String] {
        let data = try Data(contentsOf: url)
        guard let text = String(data: data, encoding: .shiftJIS) else {
            throw CocoaError(.fileReadInapplicableStringEncoding)
        }
        var out: [CivilDate: String] = [:]
        for (n, line) in text.split(whereSeparator: \.isNewline).enumerated() where n > 0 {
            let f = line.split(separator: ",")
            guard f.count == 2, let d = CivilDate(f[0]) else {
                throw CocoaError(.fileReadCorruptFile, userInfo: ["line": n + 1])
            }
            out[d] = String(f[1])
        }
        return out
    }

    /// The list names a few days differently from the law's own words.
    static func expectedName(_ h: Holiday) -> String {
        switch (h.kind, h.date.description) {
        case (.substitute, _), (.citizens, _): return "休日"
        case (_, "2019-05-01"), (_, "2019-10-22"): return "休日（祝日扱い）"
        case (_, "2019-10-14"): return "体育の日（スポーツの日）"
        default: return h.name
        }
    }
}

@Suite("National holidays computed from the law")
struct JapaneseHolidaysTests {
    @Test("the copy kept with the tests is the Cabinet Office file, byte for byte")
    func fixtureIsTheSharedFile() throws {
        guard FileManager.default.fileExists(atPath: CabinetOfficeList.shared.path) else { return }
        #expect(try Data(contentsOf: CabinetOfficeList.shared) == Data(contentsOf: CabinetOfficeList.fixture))
    }

    @Test("every date 1955–2027 matches the Cabinet Office list, names included")
    func matchesCabinetOffice() throws {
        let official = try CabinetOfficeList.load()
        #expect(official.count > 1000)
        let computed = JapaneseHolidays.holidays(from: CivilDate(1955, 1, 1)!, through: CivilDate(2027, 12, 31)!)
        var byDate: [CivilDate: Holiday] = [:]
        for h in computed { byDate[h.date] = h }
        for (date, name) in official.sorted(by: { $0.key < $1.key }) {
            #expect(byDate[date].map(CabinetOfficeList.expectedName) == name, "\(date): list says \(name)")
        }
        for h in computed where official[h.date] == nil {
            Issue.record("\(h.date) \(h.name) is computed but not in the list")
        }
    }

    @Test("edge years of the law", arguments: [
        ("1973-04-30", "振替休日"),           // first substitute holiday (4/29 on a Sunday)
        ("1986-05-05", "こどもの日"),
        ("1988-05-04", "国民の休日"),         // first citizens' holiday
        ("2008-05-06", "振替休日"),           // 2007 rule: 5/4 Sunday → next non-holiday
        ("2009-09-22", "国民の休日"),         // silver week
        ("2016-08-11", "山の日"),
        ("2019-04-30", "国民の休日"),
        ("2019-05-01", "天皇の即位の日"),
        ("2019-05-02", "国民の休日"),
        ("2020-07-24", "スポーツの日"),
        ("2021-08-09", "振替休日"),
        ("2026-09-22", "国民の休日"),
        ("2020-02-24", "振替休日"),
    ])
    func edgeYears(date: String, name: String) {
        #expect(JapaneseHolidays.holiday(on: CivilDate(date)!)?.name == name)
    }

    @Test("days that are not holidays in their year", arguments: [
        "2019-12-23",  // no Emperor's Birthday in 2019
        "2020-10-12",  // Sports Day moved to July 24 for the Olympics
        "2021-08-11",  // Mountain Day moved to August 8
        "1972-01-17",  // a Monday before substitute holidays existed
        "1985-05-04",  // before citizens' holidays began (1985-12-27)
    ])
    func notHolidays(date: String) {
        #expect(JapaneseHolidays.holiday(on: CivilDate(date)!) == nil)
    }

    @Test("2006-05-04 is a citizens' holiday; from 2007 it is みどりの日")
    func may4() {
        #expect(JapaneseHolidays.holiday(on: CivilDate(2006, 5, 4)!)?.kind == .citizens)
        #expect(JapaneseHolidays.holiday(on: CivilDate(2007, 5, 4)!)?.name == "みどりの日")
    }

    @Test("years after the list: the law decides (2028–2099 are well-formed)")
    func projection() {
        for y in 2028...2099 {
            let list = JapaneseHolidays.holidays(in: y)
            #expect(list.filter { $0.kind == .national }.count == 16, "\(y)")
            #expect(list.contains { $0.name == "春分の日" && $0.date.month == 3 && (19...21).contains($0.date.day) })
            #expect(list.contains { $0.name == "秋分の日" && $0.date.month == 9 && (22...24).contains($0.date.day) })
            #expect(list.allSatisfy { $0.kind != .substitute || $0.date.adding(days: -1).weekday == .sunday || JapaneseHolidays.holiday(on: $0.date.adding(days: -1)) != nil })
        }
        // 2030's vernal equinox is March 20; 2099's autumnal, September 23.
        #expect(JapaneseHolidays.vernalEquinoxDay(2030) == 20)
        #expect(JapaneseHolidays.autumnalEquinoxDay(2099) == 23)
    }
}

@Suite("Civil dates")
struct CivilDateTests {
    @Test("day numbers round-trip and weekdays are right across centuries")
    func dayNumbers() {
        #expect(CivilDate(1970, 1, 1)!.dayNumber == 0)
        #expect(CivilDate(2026, 12, 2)!.weekday == .wednesday)
        #expect(CivilDate(2000, 2, 29)!.weekday == .tuesday)
        #expect(CivilDate(1955, 1, 1)!.weekday == .saturday)
        for n in stride(from: -40_000, to: 60_000, by: 37) {
            #expect(CivilDate(dayNumber: n).dayNumber == n)
        }
    }

    @Test("leap years and invalid dates")
    func leapYears() {
        #expect(CivilDate(2024, 2, 29) != nil)
        #expect(CivilDate(2026, 2, 29) == nil)
        #expect(CivilDate(1900, 2, 29) == nil)
        #expect(CivilDate(2000, 2, 29) != nil)
        #expect(CivilDate("2026-13-01") == nil)
        #expect(CivilDate("2026-1-1x") == nil)
        #expect(CivilDate("26-01-01") == nil)
        #expect(CivilDate("2026/1/5") == CivilDate(2026, 1, 5))
        #expect(CivilDate(2026, 12, 31)!.adding(days: 1) == CivilDate(2027, 1, 1))
    }
}
