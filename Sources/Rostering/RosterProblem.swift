import BusinessCalendar
import Demand

/// One month's rostering instance: the open days and slots, the staff needed per
/// line of work and slot, the people, their requests, and the rules. Built once,
/// it answers the questions every constraint family asks (which shifts may this
/// person work on this day, and if none, why).
public struct RosterProblem: Sendable {
    public let month: YearMonth
    public let days: [CalendarDay]
    public let slotMinutes: Int
    /// Lines of work in order (ids), with Japanese names.
    public let services: [Service]
    public let staff: [Person]
    public let requests: [Request]
    public let rules: RosterRules
    /// required[dayIndex][slot][serviceIndex]
    public let required: [[[Int]]]

    /// A shift a person may work on a day, with its break options.
    public struct Option: Sendable, Equatable {
        public let shift: Int
        /// Slot indices (of the day) the person is at the counter, before breaks and meetings.
        public let presence: ClosedRange<Int>
        /// Slots taken by a meeting the person attends.
        public let meetingSlots: Set<Int>
        /// Possible break start slots (empty if the shift needs no break).
        public let breakStarts: [Int]
        public let breakSlots: Int
        /// Paid working hours (presence − break).
        public let workHours: Double
    }

    /// options[person][dayIndex]
    public let options: [[[Option]]]
    /// Why a person has no option on a day (leave, pledge, contract, availability…).
    public let unavailable: [[String?]]

    public init(month: YearMonth, calendar: BusinessCalendar, services: [Service], requirements: [SlotRequirement],
                staff: [Person], requests: [Request], rules: RosterRules) throws(RosterError) {
        self.month = month
        self.days = calendar.openDays(month)
        self.slotMinutes = calendar.rules.slotMinutes
        self.services = services
        self.staff = staff
        self.requests = requests
        self.rules = rules
        try Self.validate(rules: rules, staff: staff, services: services, requests: requests, slotMinutes: slotMinutes)
        let serviceIndex = Dictionary(uniqueKeysWithValues: services.enumerated().map { ($1.id, $0) })
        let dayIndex = Dictionary(uniqueKeysWithValues: days.enumerated().map { ($1.date, $0) })
        var req = days.map { d in [[Int]](repeating: [Int](repeating: 0, count: services.count), count: d.slotCount) }
        for r in requirements {
            guard let di = dayIndex[r.date], let si = serviceIndex[r.service] else { continue }
            let slot = (r.slot.minutes - days[di].hours!.open.minutes) / slotMinutes
            if slot >= 0 && slot < req[di].count { req[di][slot][si] = r.required }
        }
        required = req
        var opts: [[[Option]]] = []
        var why: [[String?]] = []
        for p in staff {
            var po: [[Option]] = []
            var pw: [String?] = []
            for d in days {
                let (o, reason) = Self.options(for: p, on: d, rules: rules, requests: requests, slotMinutes: slotMinutes)
                po.append(o)
                pw.append(o.isEmpty ? reason : nil)
            }
            opts.append(po)
            why.append(pw)
        }
        options = opts
        unavailable = why
    }

    /// The same month with only the named people (in that order), their
    /// requests, and the rest unchanged.
    public func restricted(to people: [Int]) -> RosterProblem {
        RosterProblem(restricting: self, to: people)
    }

    private init(restricting base: RosterProblem, to people: [Int]) {
        month = base.month
        days = base.days
        slotMinutes = base.slotMinutes
        services = base.services
        staff = people.map { base.staff[$0] }
        let ids = Set(staff.map(\.id))
        requests = base.requests.filter { ids.contains($0.person) }
        var r = base.rules
        r.meetings = r.meetings.map { m in
            var m = m
            m.attendees = m.attendees.filter(ids.contains)
            return m
        }
        rules = r
        required = base.required
        options = people.map { base.options[$0] }
        unavailable = people.map { base.unavailable[$0] }
    }

    public var supervisorIndices: [Int] { staff.indices.filter { rules.supervisors.counts(staff[$0].role) } }

    public func slotStart(_ day: Int, _ slot: Int) -> TimeOfDay {
        TimeOfDay(minutes: days[day].hours!.open.minutes + slot * slotMinutes)!
    }

    /// The shifts a person may work on a day, or why none.
    static func options(for p: Person, on day: CalendarDay, rules: RosterRules, requests: [Request],
                        slotMinutes: Int) -> ([Option], String) {
        let date = day.date
        if !p.employed(on: date) {
            if let s = p.start, date < s { return ([], "starts on \(s)") }
            return ([], "contract ended \(p.end!)")
        }
        guard p.pledged(on: date) else {
            return ([], p.pledge.map { "confidentiality pledge (誓約書) filed only on \($0)" } ?? "no confidentiality pledge (誓約書) on file")
        }
        let mine = requests.filter { $0.person == p.id && $0.covers(date) }
        if let leave = mine.first(where: { $0.kind == .leave }) {
            return ([], "leave" + (leave.note.isEmpty ? "" : " (\(leave.note))"))
        }
        let windows = mine.filter { $0.kind == .available }.compactMap(\.window)
        let meetings = rules.meetings.filter { $0.date == date && $0.attendees.contains(p.id) }
        var out: [Option] = []
        var reasons: [String] = []
        for (k, s) in rules.shifts.enumerated() {
            guard s.allowed(on: day) else { continue }
            if let e = s.employments, !e.contains(p.employment) { continue }
            if !windows.isEmpty && !windows.contains(where: { $0.open <= s.hours.open && s.hours.close <= $0.close }) {
                reasons.append("available only \(windows.map(\.description).joined(separator: ", "))")
                continue
            }
            // A meeting attendee works a shift that spans the meeting.
            if !meetings.allSatisfy({ s.hours.open <= $0.hours.open && $0.hours.close <= s.hours.close }) { continue }
            let open = day.hours!.open.minutes
            let first = (s.hours.open.minutes - open) / slotMinutes
            let last = (s.hours.close.minutes - open) / slotMinutes - 1
            var meetingSlots = Set<Int>()
            for m in meetings {
                let a = (m.hours.open.minutes - open) / slotMinutes
                let b = (m.hours.close.minutes - open) / slotMinutes
                for t in a..<b { meetingSlots.insert(t) }
            }
            let presence = s.hours.minutes
            let breakMinutes = s.breakMinutes ?? rules.labour.minimumBreak(presenceMinutes: presence)
            let breakSlots = breakMinutes / slotMinutes
            var starts: [Int] = []
            if breakSlots > 0 {
                let window = s.breakWindow ?? s.hours
                let lo = (max(window.open.minutes, s.hours.open.minutes) - open) / slotMinutes
                let hi = (min(window.close.minutes, s.hours.close.minutes) - open) / slotMinutes - breakSlots
                if hi >= lo {
                    starts = Array(lo...hi).filter { b in !(b..<(b + breakSlots)).contains(where: meetingSlots.contains) }
                }
                if starts.isEmpty { continue }
            }
            out.append(Option(shift: k, presence: first...last, meetingSlots: meetingSlots, breakStarts: starts,
                              breakSlots: breakSlots, workHours: Double(presence - breakSlots * slotMinutes) / 60))
        }
        if out.isEmpty {
            if !meetings.isEmpty { return ([], "no shift spans the meeting \(meetings[0].name) \(meetings[0].hours)") }
            return ([], reasons.first ?? "no shift template fits this day for a \(p.employment.rawValue) \(p.role.rawValue)")
        }
        return (out, "")
    }

    static func validate(rules: RosterRules, staff: [Person], services: [Service], requests: [Request],
                         slotMinutes: Int) throws(RosterError) {
        var codes = Set<String>()
        for s in rules.shifts {
            guard codes.insert(s.code).inserted else { throw .invalid("shift code \(s.code) is defined twice") }
            guard s.hours.open.minutes % slotMinutes == 0, s.hours.close.minutes % slotMinutes == 0 else {
                throw .invalid("shift \(s.code) \(s.hours) does not start and end on the \(slotMinutes)-minute grid")
            }
            let presence = s.hours.minutes
            let legal = rules.labour.minimumBreak(presenceMinutes: presence)
            let brk = s.breakMinutes ?? legal
            guard brk >= legal else {
                throw .invalid("shift \(s.code) \(s.hours): a \(brk)-minute break is shorter than the legal \(legal) minutes for this length")
            }
            guard brk % slotMinutes == 0 else { throw .invalid("shift \(s.code): the break (\(brk) min) is not a whole number of slots") }
            let work = Double(presence - brk) / 60
            if work > rules.labour.maxHoursPerDay + 1e-9 && !rules.labour.overtimeAllowed {
                throw .invalid("shift \(s.code) \(s.hours) is \(work) hours of work, over the \(rules.labour.maxHoursPerDay)-hour day, and overtime is not allowed")
            }
        }
        var ids = Set<String>()
        let serviceIDs = Set(services.map(\.id))
        for p in staff {
            guard ids.insert(p.id).inserted else { throw .invalid("staff id \(p.id) appears twice") }
            for s in p.skills where !serviceIDs.contains(s) { throw .invalid("\(p.id) \(p.name): unknown skill \(s)") }
        }
        for r in requests {
            guard ids.contains(r.person) else { throw .invalid("\(r.source): request for unknown staff id \(r.person)") }
            if let c = r.shift, !codes.contains(c) { throw .invalid("\(r.source): unknown shift \(c)") }
        }
        for m in rules.meetings {
            for a in m.attendees where !ids.contains(a) { throw .invalid("meeting \(m.name): unknown attendee \(a)") }
        }
    }
}

public enum RosterError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalid(String)
    case infeasible(String)
    case solver(String)

    public var description: String {
        switch self {
        case let .invalid(s): return s
        case let .infeasible(s): return s
        case let .solver(s): return s
        }
    }
}
