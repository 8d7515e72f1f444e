import BusinessCalendar
import Rostering

/// Labels in Japanese (default) or English.
public enum Language: String, Sendable, CaseIterable { case ja, en }

/// How dates are written: Western (2026-12-01) or Japanese era (令和8年12月1日).
public enum EraStyle: String, Sendable, CaseIterable { case western, japanese }

/// The roster grid (勤務表) and each person's calendar, from a roster alone.
public struct RosterExport: Sendable {
    public let roster: Roster
    public let month: YearMonth
    public let calendar: BusinessCalendar
    public let staff: [Person]
    public let requests: [Request]
    public let rules: RosterRules
    public var language: Language = .ja
    public var era: EraStyle = .western

    public init(roster: Roster, month: YearMonth, calendar: BusinessCalendar, staff: [Person], requests: [Request],
                rules: RosterRules, language: Language = .ja, era: EraStyle = .western) {
        self.roster = roster
        self.month = month
        self.calendar = calendar
        self.staff = staff
        self.requests = requests
        self.rules = rules
        self.language = language
        self.era = era
    }

    func t(_ ja: String, _ en: String) -> String { language == .ja ? ja : en }

    public var title: String {
        let m = era == .japanese ? JapaneseEra.format(month) : month.description
        return t("\(m) 勤務表", "Roster \(m)")
    }

    /// The people on the roster: the staff list's order, those with assignments or listed in the roster.
    var people: [Person] {
        let ids = Set(roster.staff.map(\.id)).union(roster.assignments.map(\.staff))
        return staff.filter { ids.contains($0.id) }
    }

    /// The grid: staff down, days across, shift codes in the cells, totals at the
    /// right and headcounts at the bottom.
    public func grid() -> CSVText {
        let days = calendar.month(month)
        let byCell = Dictionary(roster.assignments.map { ("\($0.staff) \($0.date)", $0) }, uniquingKeysWith: { a, _ in a })
        let supervisors = Set(staff.filter { rules.supervisors.counts($0.role) }.map(\.id))
        var header = [t("職員番号", "Staff ID"), t("氏名", "Name"), t("役割", "Role")]
        header += days.map { "\($0.date.month)/\($0.date.day)" }
        header += [t("出勤日数", "Days"), t("勤務時間", "Hours"), t("備考", "Remarks")]
        var csv = CSVText(header: header)
        csv.append(["", "", t("曜日", "Weekday")] + days.map { t($0.weekday.japanese, $0.weekday.english) } + ["", "", ""])
        csv.append(["", "", t("区分", "Day")] + days.map { d in
            switch d.kind {
            case .holidayOpening: return t("休日交付", "Holiday AM")
            case .closed: return d.holiday?.name ?? (d.note == "週末" ? "" : d.note)
            case .weekday: return d.holiday?.name ?? ""
            }
        } + ["", "", ""])
        for p in people {
            var row = [p.id, p.name, t(p.role.japanese, p.role.rawValue)]
            var count = 0
            var hours = 0.0
            for d in days {
                if let a = byCell["\(p.id) \(d.date)"] {
                    row.append(a.shift)
                    count += 1
                    hours += a.workHours
                } else if !p.employed(on: d.date) || !p.pledged(on: d.date) {
                    row.append(t("－", "-"))  // cannot be rostered; the reason is in the remarks (U+FF0D: Shift_JIS has it)
                } else if requests.contains(where: { $0.person == p.id && $0.kind == .leave && $0.covers(d.date) }) {
                    row.append(t("休暇", "Leave"))
                } else {
                    row.append(t("休", "Off"))
                }
            }
            row += [String(count), fixedHours(hours), Self.remarks(p, days.map(\.date), language: language)]
            csv.append(row)
        }
        csv.append(["", "", t("出勤人数", "Headcount")] + days.map { d in
            String(roster.assignments.filter { $0.date == d.date.description }.count)
        } + ["", "", ""])
        csv.append(["", "", t("責任者数", "Supervisors")] + days.map { d in
            String(roster.assignments.filter { $0.date == d.date.description && supervisors.contains($0.staff) }.count)
        } + ["", "", ""])
        return csv
    }

    /// Why a person's days show "－" (no assignment possible): a start or end within
    /// the month, or a confidentiality pledge not yet filed. Empty when none applies.
    public static func remarks(_ p: Person, _ dates: [CivilDate], language: Language) -> String {
        guard let first = dates.first, let last = dates.last else { return "" }
        func t(_ ja: String, _ en: String) -> String { language == .ja ? ja : en }
        func md(_ d: CivilDate) -> String { "\(d.month)/\(d.day)" }
        var out: [String] = []
        if let s = p.start, s > first { out.append(s > last ? t("\(md(s))以降着任", "starts after \(md(last))") : t("\(md(s))着任", "starts \(md(s))")) }
        if let e = p.end, e < last { out.append(e < first ? t("退任済", "left") : t("\(md(e))退任", "leaves \(md(e))")) }
        if let f = p.pledge {
            if f > max(first, p.start ?? first) { out.append(f > last ? t("誓約書未提出", "no pledge filed") : t("誓約書\(md(f))提出", "pledge filed \(md(f))")) }
        } else {
            out.append(t("誓約書未提出", "no pledge filed"))
        }
        return out.joined(separator: t("・", "; "))
    }

    func fixedHours(_ h: Double) -> String {
        let q = (h * 100).rounded() / 100
        return q == q.rounded() ? String(Int(q)) : String(q)
    }

    /// Each person's shifts as iCalendar events (Asia/Tokyo), with stable UIDs.
    public func calendars() -> [(person: String, calendar: ICalendar)] {
        people.map { p in
            let events = roster.assignments.filter { $0.staff == p.id }.compactMap { a -> ICalendar.Event? in
                guard let date = CivilDate(a.date), let s = TimeOfDay(a.start), let e = TimeOfDay(a.end) else { return nil }
                let name = rules.shifts.first { $0.code == a.shift }?.name ?? a.shift
                var lines: [String] = []
                if !a.breaks.isEmpty { lines.append(t("休憩 ", "Break ") + a.breaks.map { "\($0.start)–\($0.end)" }.joined(separator: ", ")) }
                if let m = a.meetings, !m.isEmpty { lines.append(t("会議 ", "Meeting ") + m.map { "\($0.start)–\($0.end)" }.joined(separator: ", ")) }
                return ICalendar.Event(uid: "\(p.id)-\(date.compact)@kinmu.roster", date: date, start: s, end: e,
                                       summary: "\(name) \(a.start)–\(a.end)",
                                       description: lines.isEmpty ? nil : lines.joined(separator: "\n"))
            }
            return (p.id, ICalendar(name: "\(p.name) \(title)", stamp: month.first, events: events))
        }
    }
}

extension RosterExport {
    /// The roster as a workbook: the month's grid (weekends and holidays shaded,
    /// header frozen, A4 landscape) and a timeline sheet with one row per shift.
    public func workbook(services: [String: String] = [:]) -> Workbook {
        var grid = self.grid()
        grid.rows.insert([title], at: 0)
        let days = calendar.month(month)
        // Below the title and the three header rows, the totals columns and the
        // headcount rows (no staff id) hold numbers; everything else is text.
        func cell(_ s: String, _ c: Int, _ r: Int) -> Workbook.Cell {
            if s.isEmpty { return .empty }
            let countCell = r > 3 && (c >= 3 + days.count || (grid.rows[r].first ?? "").isEmpty)
            if countCell, let v = Double(s) { return .number(v) }
            return .text(s)
        }
        var sheet = Workbook.Sheet(name: t("勤務表", "Roster"),
                                   rows: grid.rows.enumerated().map { r, row in row.enumerated().map { cell($1, $0, r) } })
        sheet.columnWidths[0] = 9
        sheet.columnWidths[1] = 14
        sheet.columnWidths[2] = 12
        for k in days.indices { sheet.columnWidths[3 + k] = 5.5 }
        sheet.columnWidths[3 + days.count] = 8
        sheet.columnWidths[4 + days.count] = 8
        sheet.columnWidths[5 + days.count] = 16
        sheet.shadedColumns = Set(days.indices.filter { !days[$0].isOpen || days[$0].kind == .holidayOpening || days[$0].holiday != nil }.map { $0 + 3 })
        sheet.boldRows = [0, 1]
        sheet.freezeRows = 4
        sheet.freezeColumns = 3

        let name = Dictionary(uniqueKeysWithValues: staff.map { ($0.id, $0.name) })
        var rows: [[Workbook.Cell]] = [[t("日付", "Date"), t("職員番号", "Staff ID"), t("氏名", "Name"), t("勤務", "Shift"),
                                        t("開始", "Start"), t("終了", "End"), t("休憩", "Break"), t("担当", "Tasks")].map { .text($0) }]
        for a in roster.assignments {
            let d = CivilDate(a.date).map { era == .japanese ? JapaneseEra.format($0) : $0.description } ?? a.date
            let tasks = a.tasks.map { "\($0.start)-\($0.end) \(services[$0.service] ?? $0.service)" }.joined(separator: "; ")
            rows.append([.text(d), .text(a.staff), .text(name[a.staff] ?? ""), .text(a.shift), .text(a.start), .text(a.end),
                         .text(a.breaks.map { "\($0.start)-\($0.end)" }.joined(separator: ", ")), .text(tasks)])
        }
        var timeline = Workbook.Sheet(name: t("タイムライン", "Timeline"), rows: rows)
        timeline.columnWidths = [0: 16, 1: 9, 2: 14, 3: 8, 4: 7, 5: 7, 6: 13, 7: 90]
        timeline.boldRows = [0]
        timeline.freezeRows = 1
        return Workbook(sheets: [sheet, timeline])
    }
}
