import BusinessCalendar
import Demand
import MIP
import Testing
@testable import Rostering

@Suite("Repairing a published roster after an absence")
struct RepairTests {
    @Test("an absence is covered with changes only on the absent day, the past untouched, and every rule kept")
    func repair() throws {
        var t = Tiny(openWeekdays: [.monday, .tuesday, .wednesday])
        t.staff = [Tiny.person("S1", .supervisor), Tiny.person("S2", .supervisor), Tiny.person("S3", .supervisor),
                   Tiny.person("A", .staff)]
        t.flatNeed = ["a": 2]
        let published = try t.solve().roster
        // Someone who works on 2027-02-09 calls in sick.
        let sick = try #require(published.assignments.first { $0.date == "2027-02-09" && $0.staff.hasPrefix("S") })
        var after = t
        after.requests.append(Request(person: sick.staff, from: CivilDate(2027, 2, 9)!, through: CivilDate(2027, 2, 9)!, kind: .leave))
        let (result, changes) = try RosterRepair(options: SolveOptions(timeLimit: 20)).repair(
            after.problem(), original: published, from: CivilDate(2027, 2, 9)!)
        #expect(after.checker.check(result.roster).isEmpty)
        #expect(result.roster.assignment(sick.staff, "2027-02-09") == nil)
        #expect(changes.allSatisfy { $0.date == "2027-02-09" }, "\(changes)")
        #expect(changes.contains { $0.person == sick.staff })
        // The past is exactly as published.
        let before = { (r: Roster) in r.assignments.filter { $0.date < "2027-02-09" } }
        #expect(before(result.roster).map(\.staff) == before(published).map(\.staff))
        #expect(before(result.roster).map(\.breaks) == before(published).map(\.breaks))
    }

    @Test("when no repair keeps the supervisor rule, the slots and people are named")
    func impossible() throws {
        var t = Tiny(openWeekdays: [.monday])
        t.staff = [Tiny.person("S1", .supervisor), Tiny.person("A", .staff)]
        let published = try t.solve().roster
        t.requests.append(Request(person: "S1", from: CivilDate(2027, 2, 15)!, through: CivilDate(2027, 2, 15)!, kind: .leave, note: "病欠"))
        #expect {
            _ = try RosterRepair().repair(t.problem(), original: published, from: CivilDate(2027, 2, 15)!)
        } throws: { error in
            guard case let RosterError.infeasible(why) = error else { return false }
            return why.contains("2027-02-15") && why.contains("S1") && why.contains("病欠")
        }
    }
}
