import BusinessCalendar
import Demand
import Foundation

/// A generated large service centre, for benchmarks: `staff` people (one in five a
/// supervisor), four lines of work, open every day of a 31-day month (8:30–17:15,
/// Wednesdays to 19:00), demand with morning and afternoon peaks scaled to about
/// 80% of what the staff can give. Seeded: the same seed, the same instance.
public struct SyntheticCentre: Sendable {
    public let calendar: BusinessCalendar
    public let month: YearMonth
    public let services: [Service]
    public let staff: [Person]
    public let requirements: [SlotRequirement]
    public let rules: RosterRules

    public init(staff count: Int, days: Int, seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        var rules = OpeningRules()
        rules.openWeekdays = Set(Weekday.allCases)
        rules.closedOnNationalHolidays = false
        rules.yearEndClosure = nil
        rules.holidayOpenings = nil
        calendar = try! BusinessCalendar(rules: rules)
        month = YearMonth("2027-03")!  // 31 days
        services = [
            Service(id: "delivery", name: "交付", handlingMinutes: 20),
            Service(id: "renewal", name: "電子証明書更新", handlingMinutes: 12),
            Service(id: "application", name: "申請支援", handlingMinutes: 20),
            Service(id: "portal", name: "マイナポータル支援", handlingMinutes: 15),
        ]
        let ids = services.map(\.id)
        var people: [Person] = []
        for i in 0..<count {
            let role: Role = i % 5 == 0 ? .supervisor : .staff  // one in five: breaks need a second supervisor on duty
            var skills = ids.filter { _ in rng.uniform() < 0.6 }
            if skills.isEmpty { skills = [ids[Int(rng.next() % 4)]] }
            let part = rng.uniform() < 0.3
            var p = Person(id: String(format: "C%04d", i + 1), name: "職員\(i + 1)", role: role,
                           skills: role == .supervisor ? ids : skills, employment: part ? .partTime : .fullTime,
                           pledge: CivilDate(2020, 1, 1))
            p.contract.hourlyCost = part ? 1150 : 1600
            if part { p.contract.maxHoursPerWeek = 24 }
            people.append(p)
        }
        staff = people
        var r = RosterRules(shifts: [
            ShiftTemplate(code: "日", name: "日勤", hours: Hours("08:30-17:15")!, breakWindow: Hours("11:30-14:00"), breakMinutes: 60),
            ShiftTemplate(code: "遅", name: "遅番", hours: Hours("10:15-19:00")!, weekdays: [.wednesday],
                          breakWindow: Hours("12:00-15:00"), isLate: true, breakMinutes: 60),
            ShiftTemplate(code: "午前", name: "午前", hours: Hours("08:30-12:30")!, employments: [.partTime]),
            ShiftTemplate(code: "午後", name: "午後", hours: Hours("13:00-17:15")!, employments: [.partTime]),
        ])
        r.fairness = true
        self.rules = r
        // Demand: about 0.8 × (staff × 5/7 present) × a daily shape, split over lines.
        let open = calendar.openDays(month).prefix(days)
        let present = Double(count) * 5.0 / 7.0 * 0.8
        var reqs: [SlotRequirement] = []
        for day in open {
            let dayFactor = day.weekday == .saturday || day.weekday == .sunday ? 0.6 : 1.0 + 0.2 * rng.uniform()
            for t in day.slotStarts {
                let h = Double(t.minutes) / 60
                let morning: Double = 0.45 * exp(-0.5 * pow((h - 10) / 1.2, 2))
                let afternoon: Double = 0.35 * exp(-0.5 * pow((h - 14.5) / 1.2, 2))
                let shape = 0.55 + morning + afternoon
                let total = present * dayFactor * shape
                let split = [0.4, 0.2, 0.25, 0.15]
                for (k, s) in services.enumerated() {
                    reqs.append(SlotRequirement(date: day.date, slot: t, service: s.id, arrivals: 0,
                                                required: Int((total * split[k]).rounded()), serviceLevel: 1,
                                                averageWaitMinutes: 0, meetsTarget: true))
                }
            }
        }
        requirements = reqs
    }

    /// The instance as a roster problem, limited to the first `days` open days.
    public func problem(days: Int) throws -> RosterProblem {
        let last = calendar.openDays(month).prefix(days).last?.date ?? month.last
        return try RosterProblem(month: month, calendar: calendar, services: services,
                                 requirements: requirements.filter { $0.date <= last },
                                 staff: staff, requests: days < 31 ? [Request(person: staff[0].id, from: last.adding(days: 1),
                                                                              through: month.last, kind: .leave)].filter { $0.from <= $0.through } : [],
                                 rules: rules)
    }
}
