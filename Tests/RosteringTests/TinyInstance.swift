import BusinessCalendar
import Demand
import MIP
@testable import Rostering

/// Small months built in code, each made so that one rule binds.
struct Tiny {
    var calendarRules = OpeningRules()
    var month = YearMonth("2027-02")!
    var services = [Service(id: "a", name: "窓口A", handlingMinutes: 15), Service(id: "b", name: "窓口B", handlingMinutes: 15)]
    var staff: [Person] = []
    var requests: [Request] = []
    var rules = RosterRules(shifts: [])
    /// Staff needed per line at every open slot (overridden by `need`).
    var flatNeed: [String: Int] = [:]
    var need: ((CivilDate, TimeOfDay, String) -> Int)?

    init(openWeekdays: Set<Weekday> = [.monday, .tuesday], hours: String = "09:00-12:00") {
        calendarRules.openWeekdays = openWeekdays
        calendarRules.weekdayHours = Hours(hours)!
        calendarRules.weekdayOverrides = [:]
        calendarRules.holidayOpenings = nil
        rules = RosterRules(shifts: [ShiftTemplate(code: "全", name: "全日", hours: Hours(hours)!)])
        rules.fairness = false
    }

    var calendar: BusinessCalendar { try! BusinessCalendar(rules: calendarRules) }

    static func person(_ id: String, _ role: Role = .staff, skills: [String] = ["a", "b"],
                       employment: Employment = .fullTime, pledge: CivilDate? = CivilDate(2020, 1, 1)) -> Person {
        Person(id: id, name: "名前\(id)", role: role, skills: skills, employment: employment, pledge: pledge)
    }

    func requirements() -> [SlotRequirement] {
        var out: [SlotRequirement] = []
        for day in calendar.openDays(month) {
            for t in day.slotStarts {
                for s in services {
                    let r = need?(day.date, t, s.id) ?? flatNeed[s.id] ?? 0
                    out.append(SlotRequirement(date: day.date, slot: t, service: s.id, arrivals: 0, required: r,
                                               serviceLevel: 1, averageWaitMinutes: 0, meetsTarget: true))
                }
            }
        }
        return out
    }

    func problem() throws -> RosterProblem {
        try RosterProblem(month: month, calendar: calendar, services: services, requirements: requirements(),
                          staff: staff, requests: requests, rules: rules)
    }

    func solve() throws -> RosterResult {
        try RosterSolver(options: SolveOptions(timeLimit: 30)).solve(problem())
    }

    var checker: RosterChecker {
        RosterChecker(month: month, calendar: calendar, staff: staff, requests: requests, rules: rules, services: services)
    }
}

extension Roster {
    func days(of person: String) -> [String] { assignments.filter { $0.staff == person }.map(\.date) }
    func assignment(_ person: String, _ date: String) -> Roster.Assignment? {
        assignments.first { $0.staff == person && $0.date == date }
    }
}
