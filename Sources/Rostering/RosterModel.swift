// The roster as a mixed-integer program. Each constraint family is one function,
// named in words; every column and row has a readable name
// (`work[S003,2026-12-02,日]`, `cover[交付,2026-12-02,10:15]`) so that a penalty or
// an infeasibility can be told in the user's terms. Docs/Formulation.md states the
// model in mathematics; this file is its code.
import BusinessCalendar
import MIP

/// The program for a `RosterProblem`, with the columns each family refers to.
public struct RosterModel: Sendable {
    public let problem: RosterProblem
    public private(set) var program: LinearProgram

    /// work[p][d][o]: person p works option o on day d.
    var work: [[[ColumnID]]] = []
    /// breakStart[p][d][o][k]: the break of that option starts at its k-th start.
    var breakStart: [[[[ColumnID]]]] = []
    /// People with the same skills (and, for per-line supervision, the same
    /// supervisor standing) are interchangeable at the counter: serving is
    /// modelled per such group, which is exact and much smaller than per person.
    var groups: [[Int]] = []
    var groupOf: [Int] = []
    /// serve[g][d][t][l]: how many of group g serve line l in slot t (nil where impossible).
    var serve: [[[[ColumnID?]]]] = []
    var short: [[[ColumnID?]]] = []
    /// Rows and columns of the slot-by-slot families, by (day, slot): for aggregation over time.
    var slotRows: [(day: Int, slot: Int, key: String, row: RowID)] = []
    var slotColumns: [(day: Int, slot: Int, key: String, column: ColumnID)] = []
    /// How many interchangeable people each person stands for (1 in an ordinary
    /// model; a class's size in the aggregated model of `SymmetricBound`).
    public let multiplicity: [Double]
    /// The whole-shift facets of each week shape met so far (nil: too large to enumerate).
    private var wholeShiftFacets: [WholeShifts.Shape: [WholeShifts.Facet]?] = [:]
    private var wholeShiftLiftings: [WholeShifts.Shape: [WholeShifts.Lifting]] = [:]

    /// Whether the whole-shift rows are also lifted by each day's shift (`WholeShifts.liftings`).
    public let liftedWholeShifts: Bool

    /// `liftedWholeShifts` is off by default: valid rows, but in the aggregated model of
    /// large centres they changed which LP optimum gets rounded, for better on some
    /// centres and worse on others (Docs/Formulation.md, "Whole shifts lifted").
    public init(_ problem: RosterProblem, multiplicity: [Int]? = nil, liftedWholeShifts: Bool = false) {
        self.problem = problem
        self.multiplicity = multiplicity.map { $0.map(Double.init) } ?? problem.staff.map { _ in 1 }
        self.liftedWholeShifts = liftedWholeShifts
        program = LinearProgram(name: "kinmu roster \(problem.month)", sense: .minimize)
        addAssignments()
        addCoverage()
        addSupervisorPresence()
        addWeeklyLimits()
        addDaysOffAndRuns()
        addRestBetweenShifts()
        addContractLimits()
        addMeetings()
        addFairness()
        addPreferences()
    }

    /// Changes the program after it is built (repair adds costs on changes and fixes the past).
    mutating func adjust(_ body: (inout LinearProgram) -> Void) { body(&program) }

    /// Fixes every person's day to a roster's shift (or day off) and, with
    /// `breaks`, each break where the roster has it: what is left to decide is who
    /// serves which line (and, without `breaks`, when breaks are taken). People or
    /// days the roster does not know are left open.
    public mutating func keep(_ roster: Roster, breaks: Bool) {
        let byCell = Dictionary(roster.assignments.map { ("\($0.staff) \($0.date)", $0) }, uniquingKeysWith: { a, _ in a })
        let known = Set(roster.staff.map(\.id)).union(roster.assignments.map(\.staff))
        for p in problem.staff.indices where known.contains(problem.staff[p].id) {
            for d in problem.days.indices {
                let was = byCell["\(problem.staff[p].id) \(problem.days[d].date)"]
                for (o, x) in work[p][d].enumerated() {
                    let same = was?.shift == code(p, d, o)
                    program.setBounds(x, lower: same ? 1 : 0, upper: same ? 1 : 0)
                    guard breaks, same else { continue }
                    let opt = problem.options[p][d][o]
                    for (k, b) in breakStart[p][d][o].enumerated() {
                        let kept = was?.breaks.first?.start == problem.slotStart(d, opt.breakStarts[k]).description
                        program.setBounds(b, lower: kept ? 1 : 0, upper: kept ? 1 : 0)
                    }
                }
            }
        }
    }

    var slotHours: Double { Double(problem.slotMinutes) / 60 }
    func id(_ p: Int) -> String { problem.staff[p].id }
    func date(_ d: Int) -> String { problem.days[d].date.description }
    func code(_ p: Int, _ d: Int, _ o: Int) -> String { problem.rules.shifts[problem.options[p][d][o].shift].code }

    /// Whether option o covers slot t (before break and meetings).
    func covers(_ o: RosterProblem.Option, _ t: Int) -> Bool { o.presence.contains(t) && !o.meetingSlots.contains(t) }

    /// Terms of "person p is at the counter in slot t of day d" (work minus break).
    func presenceTerms(_ p: Int, _ d: Int, _ t: Int) -> [(ColumnID, Double)] {
        var terms: [(ColumnID, Double)] = []
        for (o, opt) in problem.options[p][d].enumerated() where covers(opt, t) {
            terms.append((work[p][d][o], 1))
            for (k, b) in opt.breakStarts.enumerated() where t >= b && t < b + opt.breakSlots {
                terms.append((breakStart[p][d][o][k], -1))
            }
        }
        return terms
    }

    /// Presence terms in rows shared by everyone (cover, supervisor, overstaffing):
    /// scaled by the multiplicity.
    func sharedPresenceTerms(_ p: Int, _ d: Int, _ t: Int) -> [(ColumnID, Double)] {
        let m = multiplicity[p]
        return m == 1 ? presenceTerms(p, d, t) : presenceTerms(p, d, t).map { ($0.0, $0.1 * m) }
    }

    // MARK: Families

    /// One shift a day; a break placed in its window for every shift that needs one.
    mutating func addAssignments() {
        let w = problem.rules.weights
        for p in problem.staff.indices {
            var pw: [[ColumnID]] = [], pb: [[[ColumnID]]] = []
            for d in problem.days.indices {
                var dw: [ColumnID] = [], db: [[ColumnID]] = []
                for (o, opt) in problem.options[p][d].enumerated() {
                    let cost = problem.staff[p].contract.hourlyCost * opt.workHours / 1000 * w.cost * multiplicity[p]
                    let x = program.addColumn(name: "work[\(id(p)),\(date(d)),\(code(p, d, o))]", kind: .binary, objective: cost)
                    dw.append(x)
                    var starts: [ColumnID] = []
                    for b in opt.breakStarts {
                        starts.append(program.addColumn(
                            name: "break[\(id(p)),\(date(d)),\(code(p, d, o)),\(problem.slotStart(d, b))]", kind: .binary))
                    }
                    if !starts.isEmpty {
                        program.addRow(name: "breakPlaced[\(id(p)),\(date(d)),\(code(p, d, o))]",
                                       terms: starts.map { ($0, 1.0) } + [(x, -1.0)], lower: 0, upper: 0)
                    }
                    db.append(starts)
                }
                if dw.count > 1 {
                    program.addRow(name: "oneShift[\(id(p)),\(date(d))]", terms: dw.map { ($0, 1.0) }, upper: 1)
                }
                pw.append(dw)
                pb.append(db)
            }
            work.append(pw)
            breakStart.append(pb)
        }
    }

    /// Staff serve lines they are skilled in, only while present; the requirement
    /// is met or the shortfall is paid for; over-staffing is paid for lightly.
    mutating func addCoverage() {
        let services = problem.services
        let w = problem.rules.weights
        let perLine = problem.rules.supervisors.scope == .perLine
        var keyOf: [String: Int] = [:]
        groupOf = problem.staff.map { person in
            let key = Set(person.skills).sorted().joined(separator: "+")
                + (perLine && problem.rules.supervisors.counts(person.role) ? "/supervisor" : "")
            if let g = keyOf[key] { groups[g].append(problem.staff.firstIndex { $0.id == person.id }!); return g }
            keyOf[key] = groups.count
            groups.append([problem.staff.firstIndex { $0.id == person.id }!])
            return groups.count - 1
        }
        serve = groups.indices.map { _ in problem.days.indices.map { d in
            [[ColumnID?]](repeating: [ColumnID?](repeating: nil, count: services.count), count: problem.days[d].slotCount)
        } }
        short = problem.days.indices.map { d in
            [[ColumnID?]](repeating: [ColumnID?](repeating: nil, count: services.count), count: problem.days[d].slotCount)
        }
        for d in problem.days.indices {
            for t in 0..<problem.days[d].slotCount {
                let time = problem.slotStart(d, t)
                var atCounter: [(ColumnID, Double)] = []
                for (g, members) in groups.enumerated() {
                    let presence = members.flatMap { sharedPresenceTerms($0, d, t) }
                    guard !presence.isEmpty else { continue }
                    atCounter += presence
                    let skills = problem.staff[members[0]].skills
                    var served: [(ColumnID, Double)] = []
                    for (l, s) in services.enumerated() where problem.required[d][t][l] > 0 && skills.contains(s.id) {
                        let y = program.addColumn(name: "serve[\(groupLabel(g)),\(date(d)),\(time),\(s.name)]",
                                                  upper: members.reduce(0) { $0 + multiplicity[$1] })
                        serve[g][d][t][l] = y
                        slotColumns.append((d, t, "serve \(g) \(l)", y))
                        served.append((y, 1))
                    }
                    if !served.isEmpty {
                        let row = program.addRow(name: "presence[\(groupLabel(g)),\(date(d)),\(time)]",
                                                 terms: merge(served + presence.map { ($0.0, -$0.1) }), upper: 0)
                        slotRows.append((d, t, "presence \(g)", row))
                    }
                }
                var need = 0
                for (l, s) in services.enumerated() where problem.required[d][t][l] > 0 {
                    let r = problem.required[d][t][l]
                    need += r
                    let sh = program.addColumn(name: "short[\(s.name),\(date(d)),\(time)]", upper: Double(r),
                                               objective: w.shortfall * slotHours)
                    short[d][t][l] = sh
                    slotColumns.append((d, t, "short \(l)", sh))
                    let terms = groups.indices.compactMap { serve[$0][d][t][l] }.map { ($0, 1.0) } + [(sh, 1.0)]
                    let row = program.addRow(name: "cover[\(s.name),\(date(d)),\(time)]", terms: terms, lower: Double(r))
                    slotRows.append((d, t, "cover \(l)", row))
                }
                if w.excess > 0 && !atCounter.isEmpty {
                    let ex = program.addColumn(name: "excess[\(date(d)),\(time)]", objective: w.excess * slotHours)
                    let row = program.addRow(name: "overstaff[\(date(d)),\(time)]",
                                             terms: merge([(ex, 1.0)] + atCounter.map { ($0.0, -$0.1) }), lower: -Double(need))
                    slotColumns.append((d, t, "excess", ex))
                    slotRows.append((d, t, "overstaff", row))
                }
            }
        }
    }

    /// The programme one branch-and-cut search solves (`kinmu plan`, and what
    /// `--export-model` writes): the model with its excess columns integer. Once
    /// presences are whole an excess is a whole number of people (at the counter
    /// minus required, or 0), so no optimum is lost, and branch and bound can branch
    /// on a slot's staffing where the relaxation spreads people in fractions
    /// (2027-02: proved in 5 s instead of stopping at 0.027% after 120 s). The
    /// large-centre search keeps them continuous: it solves the slots as LPs by blocks.
    public var branchAndCutProgram: LinearProgram {
        var p = program
        for c in slotColumns where c.key == "excess" { p.setKind(c.column, .integer) }
        return p
    }

    /// A group's name in column names: its skills in Japanese, e.g. 交付+申請支援.
    func groupLabel(_ g: Int) -> String {
        let p = problem.staff[groups[g][0]]
        let names = problem.services.filter { p.skills.contains($0.id) }.map(\.name).joined(separator: "+")
        let sup = problem.rules.supervisors.scope == .perLine && problem.rules.supervisors.counts(p.role) ? "/責任者" : ""
        return names + sup
    }

    /// A supervisor (業務責任者; deputies where they count) at the counter, not on
    /// break, in every open slot — or, per line, directing every line with demand.
    mutating func addSupervisorPresence() {
        let sups = problem.supervisorIndices
        for d in problem.days.indices {
            for t in 0..<problem.days[d].slotCount {
                let time = problem.slotStart(d, t)
                switch problem.rules.supervisors.scope {
                case .counter:
                    let terms = sups.flatMap { sharedPresenceTerms($0, d, t) }
                    program.addRow(name: "supervisor[\(date(d)),\(time)]", terms: merge(terms), lower: 1)
                case .perLine:
                    let supGroups = groups.indices.filter { problem.rules.supervisors.counts(problem.staff[groups[$0][0]].role) }
                    for (l, s) in problem.services.enumerated() where problem.required[d][t][l] > 0 {
                        let terms = supGroups.compactMap { serve[$0][d][t][l] }.map { ($0, 1.0) }
                        program.addRow(name: "supervisor[\(s.name),\(date(d)),\(time)]", terms: terms, lower: 1)
                    }
                }
            }
        }
    }

    /// Labour weeks (starting on `weekStart`) clipped to the month.
    var weeks: [(label: String, days: [Int], calendarDays: Int)] {
        let start = problem.rules.labour.weekStart
        var out: [(String, [Int], Int)] = []
        var d = problem.month.first
        while d <= problem.month.last {
            var end = d
            while end < problem.month.last && end.adding(days: 1).weekday != start { end = end.adding(days: 1) }
            let open = problem.days.indices.filter { problem.days[$0].date >= d && problem.days[$0].date <= end }
            out.append(("W\(d)", open, end.dayNumber - d.dayNumber + 1))
            d = end.adding(days: 1)
        }
        return out
    }

    func hoursTerms(_ p: Int, _ days: [Int]) -> [(ColumnID, Double)] {
        days.flatMap { d in problem.options[p][d].indices.map { (work[p][d][$0], problem.options[p][d][$0].workHours) } }
    }

    func dayTerms(_ p: Int, _ days: [Int]) -> [(ColumnID, Double)] {
        days.flatMap { d in work[p][d].map { ($0, 1.0) } }
    }

    /// The hours a week of p's can hold in whole: the legal week or the contract's
    /// fewer; with overtime allowed, only a contract's (nil: no cap but the costed overtime).
    public func weeklyHoursCap(_ p: Int) -> Double? {
        let legal = problem.rules.labour.maxHoursPerWeek
        let contract = problem.staff[p].contract.maxHoursPerWeek
        return problem.rules.labour.overtimeAllowed ? contract : min(contract ?? legal, legal)
    }

    /// At most 40 hours a week (labour law), or the contract's fewer; overtime
    /// beyond the legal week only where allowed, capped per month and costed.
    mutating func addWeeklyLimits() {
        let labour = problem.rules.labour
        for p in problem.staff.indices {
            var overtime: [(ColumnID, Double)] = []
            for week in weeks {
                let terms = hoursTerms(p, week.days)
                guard !terms.isEmpty else { continue }
                let legal = labour.maxHoursPerWeek
                let contract = problem.staff[p].contract.maxHoursPerWeek
                if labour.overtimeAllowed {
                    let ot = program.addColumn(name: "overtime[\(id(p)),\(week.label)]",
                                               objective: problem.rules.weights.overtime * multiplicity[p])
                    overtime.append((ot, 1))
                    program.addRow(name: "weekHours[\(id(p)),\(week.label)]", terms: terms + [(ot, -1)], upper: legal)
                } else {
                    program.addRow(name: "weekHours[\(id(p)),\(week.label)]", terms: terms, upper: legal)
                }
                if let c = contract, c < legal || labour.overtimeAllowed {
                    program.addRow(name: "contractWeekHours[\(id(p)),\(week.label)]", terms: terms, upper: c)
                }
                if let cap = weeklyHoursCap(p) {
                    let full = week.calendarDays == 7 ? 7 - labour.minDaysOffPerWeek : nil
                    let limit = [full, problem.staff[p].contract.maxDaysPerWeek].compactMap { $0 }.min()
                    addWholeShifts(p, week.days, label: week.label, hours: cap, dayLimit: limit,
                                   lifted: liftedWholeShifts)
                }
                if let c = problem.staff[p].contract.maxDaysPerWeek {
                    program.addRow(name: "contractWeekDays[\(id(p)),\(week.label)]", terms: dayTerms(p, week.days), upper: Double(c))
                }
            }
            if !overtime.isEmpty {
                program.addRow(name: "overtimeMonth[\(id(p))]", terms: overtime, upper: labour.maxOvertimeHoursPerMonth)
            }
        }
    }

    /// Hours limits read as whole shifts (`wholeShifts[p,W…]`). The week's (or
    /// month's) shifts counted by length must form a combination a person can work:
    /// the facets of that set's convex hull that the LP would violate
    /// (`WholeShifts.facets`) — "a 40-hour week is five 7¾-hour days, not 5.16";
    /// "a 24-hour part-timer with an afternoon of 4¼ h works at most five shifts"
    /// (`5·4h + 6·4.25h + 9·7.75h ≤ 30`). `dayLimit` is what the person's other rows
    /// allow in days (the day off, a contract's days). Where the set is too large to
    /// enumerate (a month), Chvátal–Gomory roundings by one length δ instead:
    /// Σ ⌊h_o/δ⌋·x_o ≤ ⌊H/δ⌋ for each shift length δ that does not divide H. Valid for
    /// every roster; in minutes, so exact.
    mutating func addWholeShifts(_ p: Int, _ days: [Int], label: String, hours: Double, dayLimit: Int? = nil, lifted: Bool = false) {
        let cap = Int((hours * 60 + 1e-6).rounded(.down))
        let minutes = days.map { d in problem.options[p][d].map { Int(($0.workHours * 60).rounded()) } }
        let lengths = Set(minutes.joined()).filter { $0 > 0 }.sorted()
        guard !lengths.isEmpty else { return }
        let open = minutes.filter { $0.contains { $0 > 0 } }.count
        let shape = WholeShifts.Shape(lengths: lengths, upper: lengths.map { l in minutes.filter { $0.contains(l) }.count },
                                      days: min(open, dayLimit ?? open), capacity: cap)
        if wholeShiftFacets[shape] == nil { wholeShiftFacets[shape] = .some(WholeShifts.facets(shape)) }
        /// The week's shifts, each weighted by its length's coefficient.
        func weighted(_ coefficients: [Int]) -> [(ColumnID, Double)] {
            days.indices.flatMap { i in
                minutes[i].indices.compactMap { o -> (ColumnID, Double)? in
                    guard let l = lengths.firstIndex(of: minutes[i][o]), coefficients[l] > 0 else { return nil }
                    return (work[p][days[i]][o], Double(coefficients[l]))
                }
            }
        }
        if let facets = wholeShiftFacets[shape]! {
            for f in facets {
                let terms = weighted(f.coefficients)
                let used = lengths.indices.filter { f.coefficients[$0] > 0 }
                let hours = used.map { Explainer.formatAmount(Double(lengths[$0]) / 60) + "h" }
                let text = used.count == 1 && f.coefficients[used[0]] == 1
                    ? hours[0]
                    : zip(used, hours).map { f.coefficients[$0.0] == 1 ? $0.1 : "\(f.coefficients[$0.0])·\($0.1)" }.joined(separator: "+") + "≤\(f.rhs)"
                program.addRow(name: "wholeShifts[\(id(p)),\(label),\(text)]", terms: terms, upper: Double(f.rhs))
            }
            if lifted {
                if wholeShiftLiftings[shape] == nil { wholeShiftLiftings[shape] = WholeShifts.liftings(shape, facets: facets) ?? [] }
                for f in wholeShiftLiftings[shape]! {
                    let base = weighted(f.coefficients)
                    let text = f.coefficients.allSatisfy { $0 == 1 } ? "shifts"
                        : zip(f.coefficients, lengths).filter { $0.0 > 0 }.map { "\($0.0)·\(Explainer.formatAmount(Double($0.1) / 60))h" }.joined(separator: "+")
                    for (i, d) in days.enumerated() {
                        for (o, m) in minutes[i].enumerated() {
                            guard let l = lengths.firstIndex(of: m), f.lift[l] > 0 else { continue }
                            let x = work[p][d][o]
                            let terms = base.map { $0.0 == x ? ($0.0, $0.1 + Double(f.lift[l])) : $0 }
                                + (base.contains { $0.0 == x } ? [] : [(x, Double(f.lift[l]))])
                            let code = problem.rules.shifts[problem.options[p][d][o].shift].code
                            program.addRow(name: "wholeShifts[\(id(p)),\(label),\(text)+\(f.lift[l])·\(code)@\(date(d))≤\(f.rhs)]",
                                           terms: terms, upper: Double(f.rhs))
                        }
                    }
                }
            }
            return
        }
        var seen = Set<[Int]>()
        for delta in lengths where cap % delta != 0 {
            let rhs = cap / delta
            let most = minutes.reduce(0) { $0 + ($1.map { $0 / delta }.max() ?? 0) }
            let coefficients = minutes.flatMap { $0.map { $0 / delta } }
            guard most > rhs, seen.insert(coefficients).inserted else { continue }
            var terms: [(ColumnID, Double)] = []
            for (i, d) in days.enumerated() {
                for (o, m) in minutes[i].enumerated() where m / delta > 0 { terms.append((work[p][d][o], Double(m / delta))) }
            }
            let length = Explainer.formatAmount(Double(delta) / 60)
            program.addRow(name: "wholeShifts[\(id(p)),\(label),\(length)h]", terms: terms, upper: Double(rhs))
        }
    }

    /// At least one day off in every full labour week; no run of working days
    /// longer than the maximum.
    mutating func addDaysOffAndRuns() {
        let labour = problem.rules.labour
        for p in problem.staff.indices {
            for week in weeks where week.calendarDays == 7 {
                let terms = dayTerms(p, week.days)
                if terms.count > 7 - labour.minDaysOffPerWeek {
                    program.addRow(name: "dayOff[\(id(p)),\(week.label)]", terms: terms, upper: Double(7 - labour.minDaysOffPerWeek))
                }
            }
            let span = labour.maxConsecutiveDays + 1
            var start = problem.month.first
            while start.adding(days: span - 1) <= problem.month.last {
                let end = start.adding(days: span - 1)
                let open = problem.days.indices.filter { problem.days[$0].date >= start && problem.days[$0].date <= end }
                let terms = dayTerms(p, open)
                if terms.count > labour.maxConsecutiveDays {
                    program.addRow(name: "run[\(id(p)),\(start)]", terms: terms, upper: Double(labour.maxConsecutiveDays))
                }
                start = start.adding(days: 1)
            }
        }
    }

    /// Minimum rest between the end of one shift and the start of the next day's.
    mutating func addRestBetweenShifts() {
        let rest = Int(problem.rules.labour.minRestHours * 60)
        for p in problem.staff.indices {
            for d in problem.days.indices.dropLast() where problem.days[d + 1].date == problem.days[d].date.adding(days: 1) {
                for (o, a) in problem.options[p][d].enumerated() {
                    for (q, b) in problem.options[p][d + 1].enumerated() {
                        let end = problem.rules.shifts[a.shift].hours.close.minutes
                        let start = problem.rules.shifts[b.shift].hours.open.minutes
                        if 24 * 60 - end + start < rest {
                            program.addRow(name: "rest[\(id(p)),\(date(d)),\(code(p, d, o))→\(code(p, d + 1, q))]",
                                           terms: [(work[p][d][o], 1), (work[p][d + 1][q], 1)], upper: 1)
                        }
                    }
                }
            }
        }
    }

    /// Contract hours and days per month, and the annual earnings cap some
    /// part-timers keep (what is left of it, spread over the months left).
    mutating func addContractLimits() {
        let all = Array(problem.days.indices)
        let monthsLeft = Double(13 - problem.month.month)
        for p in problem.staff.indices {
            let c = problem.staff[p].contract
            let hours = hoursTerms(p, all)
            let days = dayTerms(p, all)
            guard !days.isEmpty else { continue }
            if let h = c.maxHoursPerMonth {
                program.addRow(name: "contractMonthHours[\(id(p))]", terms: hours, upper: h)
                addWholeShifts(p, all, label: "month", hours: h, dayLimit: c.maxDaysPerMonth)
            }
            if let n = c.maxDaysPerMonth { program.addRow(name: "contractMonthDays[\(id(p))]", terms: days, upper: Double(n)) }
            if let h = c.minHoursPerMonth {
                let under = program.addColumn(name: "underHours[\(id(p))]", objective: problem.rules.weights.underContract / 8 * multiplicity[p])
                program.addRow(name: "contractMinHours[\(id(p))]", terms: hours + [(under, 1)], lower: h)
            }
            if let n = c.minDaysPerMonth {
                let under = program.addColumn(name: "underDays[\(id(p))]", objective: problem.rules.weights.underContract * multiplicity[p])
                program.addRow(name: "contractMinDays[\(id(p))]", terms: days + [(under, 1)], lower: Double(n))
            }
            if let cap = c.annualEarningsCap, c.hourlyCost > 0 {
                let budget = max(0, cap - c.earnedThisYear) / monthsLeft
                program.addRow(name: "earningsCap[\(id(p))]", terms: hours.map { ($0.0, $0.1 * c.hourlyCost) }, upper: budget)
                // The budget is an hours cap at the person's rate, so the month's shifts must fit it
                // whole (2027-07: S007's 18,333 yen are 15.94 h at 1,150 yen; the LP spent the last of it
                // on a ninth of a shift, and GLPK's bound stayed 0.08% under the optimum for 120 s).
                addWholeShifts(p, all, label: "earnings", hours: budget / c.hourlyCost, dayLimit: c.maxDaysPerMonth)
            }
        }
    }

    /// Meeting attendees are on duty that day (their options already span the meeting).
    mutating func addMeetings() {
        for m in problem.rules.meetings {
            guard let d = problem.days.firstIndex(where: { $0.date == m.date }) else { continue }
            for a in m.attendees {
                guard let p = problem.staff.firstIndex(where: { $0.id == a }) else { continue }
                let terms = work[p][d].map { ($0, 1.0) }
                program.addRow(name: "meeting[\(a),\(m.name),\(m.date)]", terms: terms, lower: 1, upper: 1)
            }
        }
    }

    /// Late shifts and holiday mornings spread evenly, counting earlier months.
    mutating func addFairness() {
        guard problem.rules.fairness else { return }
        let shifts = problem.rules.shifts
        let families: [(String, (RosterProblem.Option, CalendarDay) -> Bool, [String: Int])] = [
            ("late", { o, _ in shifts[o.shift].isLate }, problem.rules.carriedLate),
            ("holidayMorning", { _, day in day.kind == .holidayOpening }, problem.rules.carriedHolidayMornings),
        ]
        for (label, member, carried) in families {
            var counts: [(Int, [(ColumnID, Double)])] = []
            for p in problem.staff.indices {
                var terms: [(ColumnID, Double)] = []
                for d in problem.days.indices {
                    for (o, opt) in problem.options[p][d].enumerated() where member(opt, problem.days[d]) {
                        terms.append((work[p][d][o], 1))
                    }
                }
                if !terms.isEmpty { counts.append((p, terms)) }
            }
            guard counts.count > 1 else { continue }
            let hi = program.addColumn(name: "\(label)Most", kind: .integer, lower: -.infinity, objective: problem.rules.weights.fairness)
            let lo = program.addColumn(name: "\(label)Fewest", kind: .integer, lower: -.infinity, objective: -problem.rules.weights.fairness)
            for (p, terms) in counts {
                let c = Double(carried[id(p)] ?? 0)
                program.addRow(name: "\(label)Most[\(id(p))]", terms: [(hi, 1)] + terms.map { ($0.0, -$0.1) }, lower: c)
                program.addRow(name: "\(label)Fewest[\(id(p))]", terms: [(lo, 1)] + terms.map { ($0.0, -$0.1) }, upper: c)
            }
        }
    }

    /// Soft requests: a penalty for each one not met.
    mutating func addPreferences() {
        let scale = problem.rules.weights.preference
        for (n, r) in problem.requests.enumerated() where [.preferOff, .preferOn, .preferShift, .avoidShift].contains(r.kind) {
            guard let p = problem.staff.firstIndex(where: { $0.id == r.person }) else { continue }
            for d in problem.days.indices where r.covers(problem.days[d].date) {
                let all = work[p][d]
                switch r.kind {
                case .preferOff:
                    for x in all { program.setObjective(x, program.column(x).objective + r.weight * scale * multiplicity[p]) }
                case .avoidShift:
                    for (o, x) in all.enumerated() where code(p, d, o) == r.shift {
                        program.setObjective(x, program.column(x).objective + r.weight * scale * multiplicity[p])
                    }
                case .preferOn, .preferShift:
                    let wanted = all.indices.filter { r.kind == .preferOn || code(p, d, $0) == r.shift }
                    let miss = program.addColumn(name: "unmet[\(r.kind.rawValue),\(id(p)),\(date(d)),\(n)]", upper: 1,
                                                 objective: r.weight * scale * multiplicity[p])
                    program.addRow(name: "request[\(r.kind.rawValue),\(id(p)),\(date(d)),\(n)]",
                                   terms: wanted.map { (all[$0], 1.0) } + [(miss, 1)], lower: 1)
                default: break
                }
            }
        }
    }
}

extension RosterModel {
    /// The program with a finite box on every column whose bound is infinite —
    /// fairness extremes, shortfalls of contract minimums, overtime, excess — each
    /// box holding every value the column takes at an optimum (so the optimum is
    /// unchanged). A Lagrangian relaxation needs it: a column without a box is
    /// priced to infinity by the first multipliers that miss its cost.
    func boxed() -> LinearProgram {
        var out = program
        let days = Double(problem.days.count)
        let carried = [problem.rules.carriedLate, problem.rules.carriedHolidayMornings].map { c in
            problem.staff.map { Double(c[$0.id] ?? 0) }
        }
        for (j, c) in program.columns.enumerated() where !c.lower.isFinite || !c.upper.isFinite {
            let name = c.name
            var lo = c.lower, hi = c.upper
            if name.hasPrefix("late") || name.hasPrefix("holidayMorning") {
                let k = name.hasPrefix("late") ? 0 : 1
                let a = carried[k].min() ?? 0, b = carried[k].max() ?? 0
                // most = max(count + carried) ∈ [max carried, max carried + days]; fewest likewise from the minimum.
                (lo, hi) = name.hasSuffix("Most") ? (b, b + days) : (a, a + days)
            } else if name.hasPrefix("underHours[") || name.hasPrefix("underDays[") || name.hasPrefix("overtime[") {
                // At most the whole month's hours (a generous cap, never binding at an optimum).
                hi = min(hi, 24 * days)
            } else if name.hasPrefix("excess[") {
                hi = min(hi, multiplicity.reduce(0, +) + 1)
            } else {
                // A column this list does not know: a box far beyond any value a month can reach.
                hi = min(hi, 1e6)
                lo = max(lo, -1e6)
            }
            out.setBounds(ColumnID(j), lower: lo, upper: hi)
        }
        return out
    }
}

/// Sums duplicate columns (GLPK rejects a row naming a column twice).
func merge(_ terms: [(ColumnID, Double)]) -> [(ColumnID, Double)] {
    var sum: [ColumnID: Double] = [:]
    var order: [ColumnID] = []
    for (c, a) in terms {
        if sum[c] == nil { order.append(c) }
        sum[c, default: 0] += a
    }
    return order.compactMap { sum[$0] == 0 ? nil : ($0, sum[$0]!) }
}
