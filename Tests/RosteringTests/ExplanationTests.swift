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

    @Test("an infeasible combination of rules: the least-bad options, in words")
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
            #expect(why.contains("least-bad options"))
            // A: the supervisor works a third day, beyond the contract; B: a day without a supervisor.
            #expect(why.contains("A. Keep a supervisor on duty") && why.contains("S1 works 1 day(s) beyond the contract's days a week"))
            #expect(why.contains("B. Keep every labour and contract rule and leave these slots without a supervisor"))
            #expect(why.contains("2027-02-03 09:00–12:00 (12 slots of 15 min)"))
        }
    }
}
