import BusinessCalendar
import Foundation
import Testing
@testable import Reports
import Rostering

@Suite("CSV and iCalendar writing")
struct CSVAndICalendarTests {
    @Test("fields with commas, quotes or newlines are quoted; others are not")
    func quoting() {
        var csv = CSVText(header: ["a", "b"])
        csv.append(["x,y", "say \"hi\""])
        csv.append(["1行\n2行", "plain"])
        #expect(csv.text() == "a,b\n\"x,y\",\"say \"\"hi\"\"\"\n\"1行\n2行\",plain\n")
    }

    @Test("UTF-8 with BOM for Excel, and Shift_JIS that reads back")
    func encodings() throws {
        let csv = CSVText(header: ["氏名", "勤務"], rows: [["髙橋", "早番"]])
        let bom = try csv.data(encoding: .utf8BOM)
        #expect(Array(bom.prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(String(decoding: bom.dropFirst(3), as: UTF8.self) == "氏名,勤務\r\n髙橋,早番\r\n")
        let sjis = try csv.data(encoding: .shiftJIS)
        #expect(String(data: sjis, encoding: .shiftJIS) == "氏名,勤務\r\n髙橋,早番\r\n")
        #expect(sjis.count < bom.count)
    }

    @Test("iCalendar escapes text and folds long lines at 75 octets without splitting characters")
    func folding() {
        let long = String(repeating: "業務従事者", count: 12)
        let cal = ICalendar(name: "a;b,c", stamp: CivilDate(2026, 12, 1)!, events: [
            .init(uid: "u1@kinmu", date: CivilDate(2026, 12, 2)!, start: TimeOfDay("08:30")!,
                  end: TimeOfDay("24:00")!, summary: long, description: "1行目\n2行目"),
        ])
        let text = cal.text
        #expect(text.contains("X-WR-CALNAME:a\\;b\\,c\r\n"))
        #expect(text.contains("DESCRIPTION:1行目\\n2行目\r\n"))
        #expect(text.contains("DTEND;TZID=Asia/Tokyo:20261203T000000"))
        for line in text.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75) }
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("SUMMARY:" + long + "\r\n"))
    }
}

@Suite("勤務表 remarks")
struct RosterRemarksTests {
    @Test("why a person's days show －: a start or end within the month, a pledge filed late or not at all")
    func remarks() throws {
        let month = try #require(YearMonth("2026-12"))
        let dates = try BusinessCalendar(rules: OpeningRules()).month(month).map(\.date)
        func person(start: CivilDate? = nil, end: CivilDate? = nil, pledge: CivilDate? = CivilDate(2026, 1, 5)) -> Person {
            Person(id: "X", name: "試験", role: .staff, skills: [], start: start, end: end, pledge: pledge)
        }
        for (language, cases) in [
            (Language.ja, [(person(), ""), (person(start: CivilDate(2026, 12, 14)), "12/14着任"), (person(pledge: nil), "誓約書未提出"),
                           (person(end: CivilDate(2026, 12, 20)), "12/20退任"), (person(pledge: CivilDate(2026, 12, 10)), "誓約書12/10提出"),
                           (person(start: CivilDate(2026, 12, 14), pledge: CivilDate(2026, 12, 10)), "12/14着任"),
                           (person(start: CivilDate(2026, 12, 7), pledge: CivilDate(2026, 12, 10)), "12/7着任・誓約書12/10提出")]),
            (Language.en, [(person(start: CivilDate(2026, 12, 14), pledge: nil), "starts 12/14; no pledge filed")]),
        ] {
            for (p, expected) in cases { #expect(RosterExport.remarks(p, dates, language: language) == expected) }
        }
    }
}
