import Testing
@testable import BusinessCalendar

@Suite("The counter's opening rules")
struct BusinessCalendarTests {
    let nankoku = try! BusinessCalendar(rules: OpeningRules())

    func day(_ s: String) -> CalendarDay { nankoku.day(CivilDate(s)!) }

    @Test("weekdays 8:30–17:15, Wednesdays to 19:00, in 15-minute slots")
    func weekdays() {
        let tue = day("2026-12-01")
        #expect(tue.kind == .weekday && tue.hours == Hours("08:30-17:15") && tue.slotCount == 35)
        let wed = day("2026-12-02")
        #expect(wed.hours == Hours("08:30-19:00") && wed.slotCount == 42)
        #expect(wed.slotStarts.first == TimeOfDay("08:30") && wed.slotStarts.last == TimeOfDay("18:45"))
        #expect(day("2026-12-05").kind == .closed)
    }

    @Test("a Wednesday that is a national holiday is closed, with the holiday's name")
    func wednesdayHoliday() {
        let d = day("2026-04-29")
        #expect(d.weekday == .wednesday)
        #expect(d.kind == .closed && d.note == "昭和の日")
    }

    @Test("12/29–1/3 is closed across the new year, whatever the weekday")
    func yearEnd() {
        for s in ["2026-12-29", "2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02", "2027-01-03"] {
            #expect(day(s).kind == .closed, "\(s)")
            #expect(day(s).note.hasPrefix("年末年始休業"))
        }
        #expect(day("2027-01-01").note == "年末年始休業（元日）")
        #expect(day("2026-12-28").kind == .weekday && day("2027-01-04").kind == .weekday)
    }

    @Test("holiday openings on the 2nd and 4th Sunday, 8:30–12:00", arguments: ["2026-12", "2027-01", "2027-02", "2028-02"])
    func holidayOpenings(month: String) {
        let days = nankoku.month(YearMonth(month)!)
        let openings = days.filter { $0.kind == .holidayOpening }
        #expect(openings.count == 2)
        let sundays = days.filter { $0.weekday == .sunday }
        #expect(openings.map(\.date) == [sundays[1].date, sundays[3].date])
        #expect(openings.allSatisfy { $0.hours == Hours("08:30-12:00") && $0.slotCount == 14 })
    }

    @Test("a rule Sunday inside the year-end closure moves a week later, or is skipped")
    func ruleSundayInClosure() throws {
        var rules = OpeningRules()
        rules.holidayOpenings!.weeks = [1, 3]       // 2028-01-02 is the first Sunday, inside 1/1–1/3
        rules.holidayOpenings!.whenClosed = .nextWeek
        let moved = try BusinessCalendar(rules: rules).month(YearMonth("2028-01")!).filter { $0.kind == .holidayOpening }
        #expect(moved.map(\.date.description) == ["2028-01-09", "2028-01-16"])
        #expect(moved[0].note.contains("1/2から移動"))
        rules.holidayOpenings!.whenClosed = .skip
        let skipped = try BusinessCalendar(rules: rules).month(YearMonth("2028-01")!).filter { $0.kind == .holidayOpening }
        #expect(skipped.map(\.date.description) == ["2028-01-16"])
    }

    @Test("a Sunday national holiday still holds its holiday opening unless the rule avoids holidays")
    func sundayHoliday() throws {
        // 2027-05-09 is the 2nd Sunday of May; use a month whose 2nd Sunday is a holiday: 2027-02-14? no.
        // 2026-05-10 is not a holiday either; build the case from dates instead.
        var rules = OpeningRules()
        rules.holidayOpenings!.weekday = nil
        rules.holidayOpenings!.dates = [CivilDate(2026, 5, 3)!]  // 憲法記念日, a Sunday
        #expect(try BusinessCalendar(rules: rules).day(CivilDate(2026, 5, 3)!).kind == .holidayOpening)
        rules.holidayOpenings!.avoidNationalHolidays = true
        #expect(try BusinessCalendar(rules: rules).day(CivilDate(2026, 5, 3)!).kind == .closed)
    }

    @Test("extra closures and openings override the rules")
    func extras() throws {
        var rules = OpeningRules()
        rules.closures[CivilDate(2026, 12, 15)!] = "システムメンテナンス"
        rules.openings[CivilDate(2026, 12, 19)!] = ExtraOpening(hours: Hours("09:00-12:00")!, note: "選挙")
        let cal = try BusinessCalendar(rules: rules)
        #expect(cal.day(CivilDate(2026, 12, 15)!).kind == .closed)
        #expect(cal.day(CivilDate(2026, 12, 15)!).note == "システムメンテナンス")
        let sat = cal.day(CivilDate(2026, 12, 19)!)
        #expect(sat.kind == .holidayOpening && sat.slotCount == 12 && sat.note == "選挙")
    }

    @Test("leap years and month boundaries")
    func monthBoundaries() {
        #expect(nankoku.month(YearMonth("2028-02")!).count == 29)
        #expect(nankoku.month(YearMonth("2027-02")!).count == 28)
        #expect(nankoku.month(YearMonth("2026-12")!).last?.date == CivilDate(2026, 12, 31))
        #expect(YearMonth("2026-12")!.next == YearMonth("2027-01"))
        #expect(YearMonth("2027-03")!.fiscalYear == 2026 && YearMonth("2027-04")!.fiscalYear == 2027)
    }

    @Test("a slot length that does not divide the hours is rejected", arguments: [20, 7, 0, 45])
    func slotLength(minutes: Int) {
        var rules = OpeningRules()
        rules.slotMinutes = minutes
        #expect(throws: CalendarError.self) { try BusinessCalendar(rules: rules) }
    }

    @Test("a 30-minute slot divides Nankoku's hours except 17:15")
    func thirtyMinutes() {
        var rules = OpeningRules()
        rules.slotMinutes = 30
        do {
            _ = try BusinessCalendar(rules: rules)
            Issue.record("accepted")
        } catch {
            #expect(error.description.contains("weekday-hours 08:30-17:15"))
        }
    }
}
