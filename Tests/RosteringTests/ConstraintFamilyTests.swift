import BusinessCalendar
import Demand
import MIP
import Testing
@testable import Rostering

@Suite("Each rule family, on a small month where it binds")
struct ConstraintFamilyTests {
    @Test("a supervisor is on duty in every open slot, even with no demand")
    func supervisorAlwaysPresent() throws {
        var t = Tiny()
        t.staff = [Tiny.person("S1", .supervisor), Tiny.person("S2", .staff)]
        let r = try t.solve()
        #expect(r.solution.status == .optimal)
        #expect(r.roster.days(of: "S1").count == t.calendar.openDays(t.month).count)
        #expect(t.checker.check(r.roster).isEmpty)
    }

    @Test("deputies count only when the scenario says so")
    func deputies() throws {
        var t = Tiny()
        t.staff = [Tiny.person("D1", .deputySupervisor)]
        #expect(try t.solve().roster.assignments.count == t.calendar.openDays(t.month).count)  // 2027-02-23 is a holiday
        t.rules.supervisors.deputiesCount = false
        #expect(throws: RosterError.self) { try t.solve() }
    }

    @Test("a break is placed inside its window, and nobody serves on break")
    func breaks() throws {
        var t = Tiny(openWeekdays: [.monday], hours: "09:00-16:00")  // 7 h: 45 minutes by law
        t.rules.shifts = [ShiftTemplate(code: "日", name: "日勤", hours: Hours("09:00-16:00")!, breakWindow: Hours("11:00-13:00"))]
        t.staff = [Tiny.person("S1", .supervisor), Tiny.person("S2", .supervisor)]
        t.flatNeed = ["a": 1]
        let r = try t.solve()
        for a in r.roster.assignments {
            let b = try #require(a.breaks.first)
            #expect(TimeOfDay(b.end)!.minutes - TimeOfDay(b.start)!.minutes == 45)
            #expect(b.start >= "11:00" && b.end <= "13:00")
            #expect(!a.tasks.contains { $0.start < b.end && b.start < $0.end })
        }
        // Two supervisors, one break each: they must not break at the same time.
        let d = r.roster.assignments.filter { $0.date == "2027-02-01" }.map { $0.breaks[0].start }
        #expect(Set(d).count == 2)
        #expect(t.checker.check(r.roster).isEmpty)
    }

    @Test("shortfall is what the staff cannot cover, and multi-skilled staff split their time")
    func coverageAndShortfall() throws {
        var t = Tiny(openWeekdays: [.monday])
        t.staff = [Tiny.person("S1", .supervisor, skills: ["a", "b"]), Tiny.person("S2", .staff, skills: ["b"])]
        t.need = { _, time, s in s == "a" ? 1 : (time.minutes < 10 * 60 ? 2 : 1) }
        let r = try t.solve()
        // 09:00–10:00 needs 3 people and has 2: 4 slots × 0.25 h short; after 10:00 needs 2 and has 2.
        let short = r.shortfallHours.values.reduce(0, +)
        #expect(abs(short - Double(t.calendar.openDays(t.month).count) * 1.0) < 1e-6)
        for a in r.roster.assignments where a.staff == "S2" { #expect(a.tasks.allSatisfy { $0.service == "b" }) }
        #expect(t.checker.check(r.roster).isEmpty)
    }

    @Test("at most 40 hours a week: a sixth day is refused")
    func weeklyHours() throws {
        var t = Tiny(openWeekdays: [.monday, .tuesday, .wednesday, .thursday, .friday, .saturday], hours: "09:00-17:00")
        t.rules.shifts = [ShiftTemplate(code: "日", name: "日勤", hours: Hours("09:00-17:00")!, breakWindow: Hours("11:00-14:00"), breakMinutes: 60)]
        t.rules.labour.maxConsecutiveDays = 7
        // Breaks need a second supervisor on duty every day: 6 days × 2 people, and nobody may work 6.
        t.staff = [Tiny.person("S1", .supervisor), Tiny.person("S2", .supervisor), Tiny.person("S3", .supervisor)]
        t.flatNeed = ["a": 1]
        let r = try t.solve()
        // 7 h a day: 5 days = 35 h; a 6th = 42 h > 40.
        let weeks = Dictionary(grouping: r.roster.assignments, by: { a in
            (CivilDate(a.date)!.dayNumber - CivilDate(2027, 1, 31)!.dayNumber) / 7
        })
        for (_, list) in weeks {
            for id in ["S1", "S2", "S3"] { #expect(list.filter { $0.staff == id }.count <= 5) }
        }
        #expect(t.checker.check(r.roster).isEmpty)
    }

    @Test("no run of working days longer than the maximum")
    func consecutiveDays() throws {
        var t = Tiny(openWeekdays: [.monday, .tuesday, .wednesday])
        t.rules.labour.maxConsecutiveDays = 2
        t.staff = [Tiny.person("S1", .supervisor), Tiny.person("S2", .supervisor)]
        let r = try t.solve()
        for id in ["S1", "S2"] {
            let dates = Set(r.roster.days(of: id))
            for mon in t.calendar.openDays(t.month).filter({ $0.weekday == .monday }).map(\.date) {
                let run = (0..<3).filter { dates.contains(mon.adding(days: $0).description) }.count
                #expect(run <= 2)
            }
        }
        #expect(t.checker.check(r.roster).isEmpty)
    }

    @Test("minimum rest between a late shift and the next early one")
    func rest() throws {
        var t = Tiny(openWeekdays: [.monday, .tuesday], hours: "08:00-20:00")
        t.rules.shifts = [
            ShiftTemplate(code: "早", name: "早番", hours: Hours("08:00-14:00")!),
            ShiftTemplate(code: "遅", name: "遅番", hours: Hours("14:00-20:00")!),
        ]
        t.rules.labour.minRestHours = 13  // 20:00 → 08:00 is 12 hours
        t.staff = [Tiny.person("S1", .supervisor), Tiny.person("S2", .supervisor)]
        let r = try t.solve()
        for a in r.roster.assignments where a.shift == "遅" {
            let next = CivilDate(a.date)!.adding(days: 1).description
            #expect(r.roster.assignment(a.staff, next)?.shift != "早")
        }
        #expect(t.checker.check(r.roster).isEmpty)
    }

    @Test("leave is never worked; the pledge must be on file first")
    func leaveAndPledge() throws {
        var t = Tiny()
        t.staff = [Tiny.person("S1", .supervisor), Tiny.person("S2", .supervisor, pledge: CivilDate(2027, 2, 15)),
                   Tiny.person("S3", .staff, pledge: nil)]
        t.requests = [Request(person: "S1", from: CivilDate(2027, 2, 15)!, through: CivilDate(2027, 2, 16)!, kind: .leave)]
        t.flatNeed = ["a": 2]
        let r = try t.solve()
        #expect(!r.roster.days(of: "S1").contains("2027-02-15"))
        #expect(r.roster.days(of: "S2").allSatisfy { $0 >= "2027-02-15" })
        #expect(r.roster.days(of: "S3").isEmpty)
        #expect(t.checker.check(r.roster).isEmpty)
    }

    @Test("a part-timer works only inside the available window, and contract limits hold")
    func availabilityAndContract() throws {
        var t = Tiny(hours: "09:00-17:00")
        t.rules.shifts = [
            ShiftTemplate(code: "午前", name: "午前", hours: Hours("09:00-13:00")!),
            ShiftTemplate(code: "午後", name: "午後", hours: Hours("13:00-17:00")!),
        ]
        var p = Tiny.person("P1", .staff, employment: .partTime)
        p.contract.maxDaysPerMonth = 3
        t.staff = [Tiny.person("S1", .supervisor), Tiny.person("S2", .supervisor), p]
        t.requests = [Request(person: "P1", from: t.month.first, through: t.month.last, kind: .available, window: Hours("13:00-17:00"))]
        t.flatNeed = ["a": 2]
        let r = try t.solve()
        let mine = r.roster.assignments.filter { $0.staff == "P1" }
        #expect(mine.count == 3)
        #expect(mine.allSatisfy { $0.shift == "午後" })
        #expect(t.checker.check(r.roster).isEmpty)
    }

    /// Four-hour mornings, a supervisor and part-timer P1 whose annual cap of 1,030,000 yen
    /// leaves (cap − earned) ÷ months left for `month`, at `rate` yen an hour.
    static func budgeted(month: String, rate: Double, earned: Double) -> Tiny {
        var t = Tiny(hours: "09:00-13:00")
        t.month = YearMonth(month)!
        var p = Tiny.person("P1", .staff, employment: .partTime)
        p.contract.hourlyCost = rate
        p.contract.annualEarningsCap = 1_030_000
        p.contract.earnedThisYear = earned
        t.staff = [Tiny.person("S1", .supervisor), p]
        t.flatNeed = ["a": 2]
        return t
    }

    @Test("an annual earnings cap limits a part-timer's hours this month")
    func earningsCap() throws {
        // Two months left: 15,000 yen a month, 15 hours, 3 four-hour days.
        let t = Self.budgeted(month: "2027-11", rate: 1000, earned: 1_000_000)
        let r = try t.solve()
        #expect(r.roster.days(of: "P1").count == 3)
        #expect(t.checker.check(r.roster).isEmpty)
    }

    @Test("the earnings budget counts whole shifts: 15.94 h of budget is three four-hour mornings, in the LP too")
    func earningsCapWholeShifts() throws {
        // Six months left: 18,333 yen a month, 15.94 hours.
        let t = Self.budgeted(month: "2027-07", rate: 1150, earned: 920_000)
        let model = RosterModel(try t.problem())
        let program = model.program
        let row = try #require(program.rows.first { $0.name == "wholeShifts[P1,earnings,4h]" })
        #expect(row.upper == 3)
        // The relaxation, which without the row works P1 15.94 / 4 = 3.99 mornings, works at most three.
        var o = SolveOptions()
        o.relaxIntegrality = true
        let lp = try GLPKSolver().solve(program, options: o)
        let p1 = try #require(t.staff.firstIndex { $0.id == "P1" })
        let mornings = model.work[p1].joined().reduce(0.0) { $0 + lp.values[$1.index] }
        #expect(mornings <= 3 + 1e-6, "the LP works P1 \(mornings) mornings")
        let r = try t.solve()
        #expect(r.roster.days(of: "P1").count == 3)
        #expect(t.checker.check(r.roster).isEmpty)
    }

    @Test("late shifts are spread evenly, counting earlier months")
    func fairness() throws {
        var t = Tiny(openWeekdays: [.wednesday], hours: "09:00-19:00")
        t.rules.shifts = [
            ShiftTemplate(code: "日", name: "日勤", hours: Hours("09:00-17:00")!, weekdays: [.wednesday], breakWindow: Hours("11:00-14:00"), breakMinutes: 60),
            ShiftTemplate(code: "遅", name: "遅番", hours: Hours("11:00-19:00")!, weekdays: [.wednesday], breakWindow: Hours("13:00-16:00"), isLate: true, breakMinutes: 60),
        ]
        t.rules.fairness = true
        t.rules.carriedLate = ["S1": 2]
        t.staff = [Tiny.person("S1", .supervisor), Tiny.person("S2", .supervisor), Tiny.person("S3", .supervisor)]
        t.flatNeed = ["a": 1]
        let r = try t.solve()
        let late = ["S1", "S2", "S3"].map { id in r.roster.assignments.filter { $0.staff == id && $0.shift == "遅" }.count + (id == "S1" ? 2 : 0) }
        #expect(late.max()! - late.min()! <= 1)
        #expect(t.checker.check(r.roster).isEmpty)
        // The spread is a count: its columns are integer, so branch and bound can branch on it rather than
        // leave the relaxation's fractional spread under the bound (a month without requests then proves optimal).
        let program = RosterModel(try t.problem()).program
        for name in ["lateMost", "lateFewest"] {
            let column = try #require(program.columns.first { $0.name == name })
            #expect(column.kind == .integer)
        }
    }

    @Test("excess is counted in whole people in the branch and cut, and no optimum is lost")
    func wholeExcess() throws {
        var t = Tiny(openWeekdays: [.monday])
        // Both must work every Monday (their contracts' minimum): one person over the need in every slot.
        t.staff = ["S1", "S2"].map { id in
            var p = Tiny.person(id, .supervisor)
            p.contract.minDaysPerMonth = 4
            return p
        }
        t.flatNeed = ["a": 1]
        let model = RosterModel(try t.problem())
        let whole = model.branchAndCutProgram
        let excess = model.program.columns.indices.filter { model.program.columns[$0].name.hasPrefix("excess[") }
        #expect(!excess.isEmpty)
        #expect(whole.columns.count == model.program.columns.count && whole.rows.count == model.program.rows.count)
        // Only the excess columns change kind; the model's own stay continuous (the large-centre search's completion).
        for j in excess { #expect(model.program.columns[j].kind == .continuous) }
        for j in model.program.columns.indices {
            #expect(whole.columns[j].kind == (excess.contains(j) ? .integer : model.program.columns[j].kind))
        }
        let continuousExcess = try GLPKSolver().solve(model.program, options: SolveOptions())
        let wholeSolved = try GLPKSolver().solve(whole, options: SolveOptions())
        #expect(continuousExcess.status == .optimal && wholeSolved.status == .optimal)
        #expect(abs(continuousExcess.objective! - wholeSolved.objective!) < 1e-6)
        let over = excess.reduce(0.0) { $0 + wholeSolved.values[$1] }
        #expect(over >= Double(excess.count) - 1e-6)  // both at the counter in every slot
        #expect(excess.allSatisfy { abs(wholeSolved.values[$0].rounded() - wholeSolved.values[$0]) < 1e-9 })
        let r = try t.solve()
        #expect(r.roster.days(of: "S1").count == 4 && r.roster.days(of: "S2").count == 4)
        #expect(t.checker.check(r.roster).isEmpty)
    }

    @Test("a meeting takes its attendees off the counter, and someone else supervises")
    func meeting() throws {
        var t = Tiny(openWeekdays: [.monday])
        t.staff = [Tiny.person("S1", .supervisor), Tiny.person("S2", .supervisor)]
        t.rules.meetings = [Meeting(name: "報告会議", date: CivilDate(2027, 2, 1)!, hours: Hours("10:00-11:00")!, attendees: ["S1"])]
        t.flatNeed = ["a": 1]
        let r = try t.solve()
        let s1 = try #require(r.roster.assignment("S1", "2027-02-01"))
        #expect(!s1.tasks.contains { $0.start < "11:00" && "10:00" < $0.end })
        #expect(r.roster.assignment("S2", "2027-02-01") != nil)
        #expect(t.checker.check(r.roster).isEmpty)
    }

    @Test("soft requests are met when nothing else costs more")
    func preferences() throws {
        var t = Tiny()
        t.staff = [Tiny.person("S1", .supervisor), Tiny.person("S2", .supervisor)]
        t.requests = [
            Request(person: "S1", from: t.month.first, through: t.month.last, kind: .preferOff, weight: 5),
            Request(person: "S2", from: CivilDate(2027, 2, 2)!, through: CivilDate(2027, 2, 2)!, kind: .preferOff, weight: 8),
        ]
        let r = try t.solve()
        // One supervisor a day: S1 gives way only on 2/2, where S2's wish weighs more.
        #expect(r.roster.days(of: "S1") == ["2027-02-02"])
        #expect(r.roster.days(of: "S2").count == t.calendar.openDays(t.month).count - 1)
    }
}
