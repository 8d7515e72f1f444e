import BusinessCalendar
import Demand
import MIP
import Testing
@testable import Rostering

@Suite("When the hard rules cannot hold, Kinmu says why")
struct ExplanationTests {
    @Test("no supervisor available on a holiday morning is explained, person by person")
    func holidayMorning() throws {
        var t = Tiny(openWeekdays: [.monday])
        t.calendarRules.holidayOpenings = HolidayOpeningRule()  // 2nd and 4th Sunday, 8:30–12:00
        t.rules.shifts.append(ShiftTemplate(code: "休日交付", name: "休日交付", hours: Hours("08:30-12:00")!, dayKinds: [.holidayOpening]))
        t.staff = [Tiny.person("S1", .supervisor), Tiny.person("S2", .supervisor, pledge: CivilDate(2027, 3, 1)),
                   Tiny.person("S3", .staff)]
        t.requests = [Request(person: "S1", from: CivilDate(2027, 2, 14)!, through: CivilDate(2027, 2, 14)!, kind: .leave, note: "法事")]
        do {
            _ = try t.solve()
            Issue.record("solved")
        } catch let RosterError.infeasible(why) {
            #expect(why.contains("2027-02-14"))
            #expect(why.contains("holiday opening"))
            #expect(why.contains("08:30–12:00"))
            #expect(why.contains("S1") && why.contains("leave (法事)"))
            #expect(why.contains("S2") && why.contains("誓約書"))
            #expect(!why.contains("S3"))
        }
    }

    @Test("an infeasible combination of rules names the rows that had to give")
    func elastic() throws {
        var t = Tiny(openWeekdays: [.monday, .tuesday, .wednesday])
        // One supervisor, but at most 2 days a week by contract: someone must break a rule on the third day.
        var s = Tiny.person("S1", .supervisor)
        s.contract.maxDaysPerWeek = 2
        t.staff = [s]
        do {
            _ = try t.solve()
            Issue.record("solved")
        } catch let RosterError.infeasible(why) {
            #expect(why.contains("least-bad"))
            #expect(why.contains("supervisor[") || why.contains("contractWeekDays[S1"))
        }
    }
}
