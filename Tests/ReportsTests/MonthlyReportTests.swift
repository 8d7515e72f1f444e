import BusinessCalendar
import Demand
import Foundation
import Testing
@testable import Reports
@testable import Rostering

/// The 月報's arithmetic on a month small enough to check by hand: two open days
/// of two one-hour slots, two lines of work, each line staffed on its own.
@Suite("業務月報, 年報 and 日報")
struct MonthlyReportTests {
    static let d1 = CivilDate(2026, 12, 1)!
    static let d2 = CivilDate(2026, 12, 2)!
    static let nine = TimeOfDay("09:00")!
    static let ten = TimeOfDay("10:00")!
    static let services = [
        Service(id: "a", name: "交付", handlingMinutes: 30, target: .init(fraction: 0.8, withinMinutes: 20)),
        Service(id: "b", name: "申請支援", handlingMinutes: 20, target: .init(fraction: 0.7, withinMinutes: 30)),
    ]
    static let policy = StaffingPolicy(shrinkage: 0, maxOccupancy: 0.85, pooling: .separate)

    static var days: [CalendarDay] {
        var rules = OpeningRules()
        rules.slotMinutes = 60
        rules.weekdayHours = Hours("09:00-11:00")!
        rules.weekdayOverrides = [:]
        rules.holidayOpenings = nil
        let cal = try! BusinessCalendar(rules: rules)
        return cal.month(YearMonth(year: 2026, month: 12)!).filter { $0.date <= d2 }
    }

    static func forecast(_ d: CivilDate, _ t: TimeOfDay, _ s: String, _ x: Double) -> SlotForecast {
        SlotForecast(date: d, slot: t, service: s, expected: x, lower: x, upper: x, bookings: 0)
    }

    static func requirement(_ d: CivilDate, _ t: TimeOfDay, _ s: String, _ n: Int) -> SlotRequirement {
        SlotRequirement(date: d, slot: t, service: s, arrivals: 0, required: n, serviceLevel: 0, averageWaitMinutes: 0, meetsTarget: true)
    }

    // Required / staffed per slot:
    //   12-01 a: 09 2/1, 10 1/2 → required 3 h, planned 3 h, short 1 h;  b: 1/1, 1/1 → 2, 2, 0
    //   12-02 a: 09 1/0, 10 1/0 → 2, 0, 2;                               b: 0/1, 0/0 → 0, 1, 0
    static let staffed: [String: Int] = ["2026-12-01 09:00 a": 1, "2026-12-01 10:00 a": 2, "2026-12-01 09:00 b": 1,
                                         "2026-12-01 10:00 b": 1, "2026-12-02 09:00 b": 1]
    static let forecasts = [forecast(d1, nine, "a", 4), forecast(d1, ten, "a", 2), forecast(d1, nine, "b", 1), forecast(d1, ten, "b", 1),
                            forecast(d2, nine, "a", 1), forecast(d2, ten, "a", 1)]
    static let requirements = [requirement(d1, nine, "a", 2), requirement(d1, ten, "a", 1), requirement(d1, nine, "b", 1),
                               requirement(d1, ten, "b", 1), requirement(d2, nine, "a", 1), requirement(d2, ten, "a", 1),
                               requirement(d2, nine, "b", 0), requirement(d2, ten, "b", 0)]
    static let actuals = [DailyActual(date: d1, service: "a", arrivals: 10, servedWithinTarget: 9, meanWaitMinutes: 5),
                          DailyActual(date: d2, service: "a", arrivals: 10, servedWithinTarget: 6, meanWaitMinutes: 15)]

    static func report(actuals: [DailyActual] = actuals) -> MonthlyReport {
        MonthlyReport(month: YearMonth(year: 2026, month: 12)!, days: days, services: services, policy: policy, slotMinutes: 60,
                      forecasts: forecasts, requirements: requirements,
                      staffed: { d, t, l in staffed["\(d) \(t) \(l)"] ?? 0 }, actuals: actuals)
    }

    static func row(_ r: MonthlyReport, _ d: CivilDate, _ s: String?) -> ReportFigures {
        r.rows.first { $0.date == d && $0.service == s }!.figures
    }

    @Test("staff-hours, shortfall and totals add up by hand")
    func arithmetic() {
        let r = Self.report()
        #expect(r.rows.count == 2 * 3)  // two days × (two lines + the day's row)
        let a1 = Self.row(r, Self.d1, "a")
        #expect(a1.forecast == 6 && a1.requiredHours == 3 && a1.plannedHours == 3 && a1.shortfallHours == 1)
        let b1 = Self.row(r, Self.d1, "b")
        #expect(b1.requiredHours == 2 && b1.plannedHours == 2 && b1.shortfallHours == 0)
        let a2 = Self.row(r, Self.d2, "a")
        #expect(a2.requiredHours == 2 && a2.plannedHours == 0 && a2.shortfallHours == 2)
        let b2 = Self.row(r, Self.d2, "b")
        #expect(b2.requiredHours == 0 && b2.plannedHours == 1 && b2.shortfallHours == 0)
        let day1 = Self.row(r, Self.d1, nil)
        #expect(day1.forecast == 8 && day1.requiredHours == 5 && day1.plannedHours == 5 && day1.shortfallHours == 1)
        let ta = r.totals[0].figures, all = r.totals[2].figures
        #expect(ta.requiredHours == 5 && ta.plannedHours == 3 && ta.shortfallHours == 3)
        #expect(all.forecast == 10 && all.requiredHours == 7 && all.plannedHours == 6 && all.shortfallHours == 3)
    }

    @Test("the predicted level is the walk-in weighted mean of the slots' Erlang levels")
    func predicted() throws {
        let r = Self.report()
        func sl(_ rate: Double, _ aht: Double, _ n: Int, _ within: Double) -> Double {
            Queue(arrivalsPerHour: rate, handlingMinutes: aht, patienceMinutes: nil).serviceLevel(agents: n, within: within)
        }
        let s9 = sl(4, 30, 1, 20), s10 = sl(2, 30, 2, 20)
        let a1 = try #require(Self.row(r, Self.d1, "a").predicted)
        #expect(abs(a1 - (s9 * 4 + s10 * 2) / 6) < 1e-12)
        // 12-02: nobody on line a, so nobody is served in time.
        #expect(Self.row(r, Self.d2, "a").predicted == 0)
        let month = try #require(r.totals[0].figures.predicted)
        #expect(abs(month - (a1 * 6 + 0 * 2) / 8) < 1e-12)
        #expect(r.fellShort(r.rows.first { $0.date == Self.d2 && $0.service == "a" }!, actual: false))
    }

    @Test("actuals: achieved level, mean wait and the days that fell short")
    func actuals() throws {
        let r = Self.report()
        #expect(r.hasActuals)
        let a = r.totals[0].figures
        #expect(a.actualArrivals == 20 && a.actualWithinTarget == 15)
        #expect(a.achieved == 0.75)
        #expect(a.meanWaitMinutes == 10)
        #expect(r.shortDays.map { "\($0.date) \($0.service!)" } == ["2026-12-02 a"])
        #expect(r.fellShort(r.totals[0], actual: true))
        // Without actuals: no achieved figures, no short days by actuals.
        let none = Self.report(actuals: [])
        #expect(!none.hasActuals && none.shortDays.isEmpty && none.totals[0].figures.achieved == nil)
    }

    @Test("the document: same figures in CSV, workbook and HTML; the missed target marked")
    func document() throws {
        let doc = Self.report().document(organisation: "テスト市", language: .ja, era: .japanese)
        #expect(doc.title == "業務月報（令和8年12月）")
        let csv = doc.csv().text()
        #expect(csv.contains("交付,8.0,5.00,3.00,3.00,"))
        #expect(csv.contains("全体,10.0,7.00,6.00,3.00,"))
        #expect(csv.contains(",20,15,75.0,10.0,未達"))
        #expect(csv.contains("令和8年12月2日,水,交付,60.0,80%（20分以内）,0.0,2.00"))
        let book = doc.workbook()
        #expect(book.sheets.map(\.name) == ["月間実績（業務別）", "サービス水準が目標に達しなかった日", "日別実績"])
        let html = doc.html()
        #expect(html.contains("<tr class=\"mark\"><td>交付</td>"))
        #expect(html.contains("<svg"))
        let en = Self.report().document(organisation: "Test", language: .en).csv().text()
        #expect(en.hasPrefix("Monthly report 2026-12"))
    }

    @Test("the annual report: April to March, due April 20, months without a report listed")
    func annual() {
        let fy = AnnualReport(fiscalYear: 2026, services: Self.services, reports: [Self.report()])
        #expect(AnnualReport.months(2026).map(\.description).first == "2026-04")
        #expect(AnnualReport.months(2026).map(\.description).last == "2027-03")
        #expect(fy.due == CivilDate(2027, 4, 20)!)
        #expect(fy.available.count == 1)
        #expect(fy.totals.last!.requiredHours == 7)
        let csv = fy.document(organisation: "テスト市", era: .japanese).csv().text()
        #expect(csv.contains("業務年報（令和8年度）"))
        #expect(csv.contains("提出期限: 令和9年4月20日"))
        #expect(csv.contains("令和8年4月,報告なし"))
        #expect(csv.contains("年度計,10.0,7.00,6.00,3.00"))
    }
}
