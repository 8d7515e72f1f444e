import BusinessCalendar

/// A shift template (日勤 8:30–17:15, 遅番 10:15–19:00, 休日交付 8:30–12:00, …).
public struct ShiftTemplate: Sendable, Equatable {
    /// The code on the roster (日, 遅, 休日交付, 午前).
    public var code: String
    public var name: String
    public var hours: Hours
    /// Which days it may be worked: day kinds and/or weekdays. Empty = every open day.
    public var dayKinds: Set<DayKind> = [.weekday]
    public var weekdays: Set<Weekday>? = nil
    /// Where the break may start and end; `nil` = anywhere inside the shift.
    public var breakWindow: Hours?
    /// Only these employments may work it (`nil` = anyone).
    public var employments: Set<Employment>? = nil
    /// Counts for the Wednesday-late fairness (遅番).
    public var isLate: Bool = false
    /// The break taken in this shift, in minutes; `nil` = the legal minimum.
    public var breakMinutes: Int? = nil

    public init(code: String, name: String, hours: Hours, dayKinds: Set<DayKind> = [.weekday],
                weekdays: Set<Weekday>? = nil, breakWindow: Hours? = nil,
                employments: Set<Employment>? = nil, isLate: Bool = false, breakMinutes: Int? = nil) {
        self.code = code
        self.name = name
        self.hours = hours
        self.dayKinds = dayKinds
        self.weekdays = weekdays
        self.breakWindow = breakWindow
        self.employments = employments
        self.isLate = isLate
        self.breakMinutes = breakMinutes
    }

    public func allowed(on day: CalendarDay) -> Bool {
        guard let h = day.hours, dayKinds.contains(day.kind) else { return false }
        if let w = weekdays, !w.contains(day.weekday) { return false }
        // A shift lies within the day's opening hours: the counter is staffed, not prepared.
        return hours.open >= h.open && hours.close <= h.close
    }
}

/// A break rule: a shift longer than `overMinutes` of presence needs a break of `minutes`.
public struct BreakRule: Sendable, Equatable {
    public var overMinutes: Int
    public var minutes: Int
    public init(overMinutes: Int, minutes: Int) {
        self.overMinutes = overMinutes
        self.minutes = minutes
    }
}

/// Labour law (労働基準法) as defaults, every number configurable.
public struct LabourRules: Sendable, Equatable {
    public var maxHoursPerDay: Double = 8
    public var maxHoursPerWeek: Double = 40
    /// Overtime beyond the weekly limit (36協定): allowed?, capped per month, costed.
    public var overtimeAllowed: Bool = false
    public var maxOvertimeHoursPerMonth: Double = 45
    /// Breaks by work length: over 6 h → 45 min, over 8 h → 60 min. The longest applicable wins.
    public var breaks: [BreakRule] = [BreakRule(overMinutes: 6 * 60, minutes: 45), BreakRule(overMinutes: 8 * 60, minutes: 60)]
    public var minDaysOffPerWeek: Int = 1
    public var maxConsecutiveDays: Int = 6
    public var minRestHours: Double = 11
    /// The first day of a labour week.
    public var weekStart: Weekday = .sunday
    public init() {}

    /// The break a working time needs by law, in minutes (0 if none): over 6 h 45 min, over 8 h 60 min.
    public func requiredBreak(workMinutes m: Int) -> Int {
        breaks.filter { m > $0.overMinutes }.map(\.minutes).max() ?? 0
    }

    /// The shortest break that makes a presence lawful: the working time left
    /// after the break must not need a longer one (8:30–17:15 needs 45 minutes).
    public func minimumBreak(presenceMinutes m: Int) -> Int {
        let candidates = [0] + breaks.map(\.minutes).sorted()
        return candidates.first { requiredBreak(workMinutes: m - $0) <= $0 } ?? (breaks.map(\.minutes).max() ?? 0)
    }
}

/// A meeting that takes people off the counter (the monthly report meeting, 報告会議).
public struct Meeting: Sendable, Equatable {
    public var name: String
    public var date: CivilDate
    public var hours: Hours
    /// Person ids who attend (and must be on duty for it).
    public var attendees: [String]
    public init(name: String, date: CivilDate, hours: Hours, attendees: [String]) {
        self.name = name
        self.date = date
        self.hours = hours
        self.attendees = attendees
    }
}

/// Penalty weights of the objective, with documented defaults (Docs/Formulation.md).
public struct RosterWeights: Sendable, Equatable {
    /// Per staff-hour of shortfall against the requirement.
    public var shortfall: Double = 100
    /// Per staff-hour of excess over the requirement.
    public var excess: Double = 1
    /// Per hour of overtime.
    public var overtime: Double = 30
    /// Per 1,000 yen of hourly-paid cost.
    public var cost: Double = 1
    /// Per unit of spread (most − fewest) in late shifts and in holiday mornings.
    public var fairness: Double = 20
    /// Multiplies each soft request's own weight.
    public var preference: Double = 1
    /// Per day below a person's contracted minimum days (when not met, soft).
    public var underContract: Double = 50
    public init() {}
}

/// Who counts as a supervisor, and where one must be.
public struct SupervisorRule: Sendable, Equatable {
    public enum Scope: String, Sendable, CaseIterable { case counter, perLine = "per-line" }
    public var deputiesCount: Bool = true
    public var generalManagerCounts: Bool = false
    public var scope: Scope = .counter
    public init() {}

    public func counts(_ role: Role) -> Bool {
        switch role {
        case .supervisor: return true
        case .deputySupervisor: return deputiesCount
        case .generalManager: return generalManagerCounts
        case .staff: return false
        }
    }
}

/// Every rule of the rostering stage.
public struct RosterRules: Sendable, Equatable {
    public var shifts: [ShiftTemplate]
    public var labour = LabourRules()
    public var supervisors = SupervisorRule()
    public var meetings: [Meeting] = []
    public var weights = RosterWeights()
    /// Late shifts and holiday mornings worked in earlier months, per person id.
    public var carriedLate: [String: Int] = [:]
    public var carriedHolidayMornings: [String: Int] = [:]
    public var fairness: Bool = true

    public init(shifts: [ShiftTemplate]) { self.shifts = shifts }

    /// Nankoku's shift templates.
    public static let nankokuShifts: [ShiftTemplate] = [
        ShiftTemplate(code: "日", name: "日勤", hours: Hours("08:30-17:15")!, breakWindow: Hours("11:30-14:00"),
                      breakMinutes: 60),
        ShiftTemplate(code: "遅", name: "遅番", hours: Hours("10:15-19:00")!, weekdays: [.wednesday],
                      breakWindow: Hours("12:00-15:00"), isLate: true, breakMinutes: 60),
        ShiftTemplate(code: "午前", name: "午前", hours: Hours("08:30-12:30")!, employments: [.partTime]),
        ShiftTemplate(code: "午後", name: "午後", hours: Hours("13:00-17:15")!, employments: [.partTime]),
        ShiftTemplate(code: "休日交付", name: "休日交付", hours: Hours("08:30-12:00")!, dayKinds: [.holidayOpening]),
    ]
}
