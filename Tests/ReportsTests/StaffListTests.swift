import BusinessCalendar
import Testing
@testable import Reports
@testable import Rostering

@Suite("業務従事者名簿 and 和暦")
struct StaffListTests {
    static let staff: [Person] = [
        Person(id: "A", name: "甲", kana: "コウ", role: .staff, skills: [], start: CivilDate(2026, 4, 1), pledge: CivilDate(2026, 3, 20)),
        Person(id: "B", name: "乙", kana: "オツ", role: .supervisor, skills: [], start: CivilDate(2026, 4, 1), pledge: nil),
        Person(id: "C", name: "丙", kana: "ヘイ", role: .generalManager, skills: [], start: CivilDate(2026, 4, 1), pledge: CivilDate(2026, 4, 10)),
        Person(id: "D", name: "丁", kana: "テイ", role: .staff, skills: [], start: CivilDate(2026, 12, 14), pledge: CivilDate(2026, 12, 20)),
        Person(id: "E", name: "戊", kana: "ボ", role: .staff, skills: [], start: CivilDate(2025, 4, 1), end: CivilDate(2026, 12, 5), pledge: CivilDate(2025, 3, 1)),
    ]

    @Test("engaged people in role order, with missing and late pledges flagged")
    func list() {
        let l = StaffList(staff: Self.staff, asOf: CivilDate(2026, 12, 1)!)
        #expect(l.engaged.map(\.id) == ["C", "B", "A", "E"])
        let rows = l.csv().rows
        #expect(rows[0] == ["区分", "氏名", "フリガナ", "従事開始日", "誓約書提出日", "備考"])
        #expect(rows[1] == ["統括責任者", "丙", "ヘイ", "令和8年4月1日", "令和8年4月10日", "誓約書の提出が従事開始後"])
        #expect(rows[2].last == "誓約書未提出")
        #expect(rows[3].last == "")
        #expect(l.html(organisation: "南国市").contains("<td class=\"flag\">誓約書未提出</td>"))
    }

    @Test("the staff-replacement report lists who joined and who left")
    func changes() {
        let l = StaffList(staff: Self.staff, asOf: CivilDate(2026, 12, 31)!, era: .western)
        let rows = l.changes(since: CivilDate(2026, 11, 30)!).rows.dropFirst().map { [$0[0], $0[1], $0[3]] }
        #expect(rows == [["従事終了", "2026-12-05", "戊"], ["従事開始", "2026-12-14", "丁"]])
    }

    @Test("era names change on the right day, and the first year is 元年", arguments: [
        ("2019-04-30", "平成31年4月30日"), ("2019-05-01", "令和元年5月1日"), ("1989-01-07", "昭和64年1月7日"),
        ("1989-01-08", "平成元年1月8日"), ("2026-12-01", "令和8年12月1日"),
    ])
    func era(_ date: String, _ expected: String) {
        #expect(JapaneseEra.format(CivilDate(date)!) == expected)
    }
}
