import BusinessCalendar
import Demand
import Rostering

/// The daily report (業務日報) template for one open day: who is planned on duty
/// (supervisor first), the forecast and planned staff-hours per line of work, and
/// blanks for the day's actuals and notes — the supervisor fills it in after closing.
public struct DailyReport: Sendable {
    public let day: CalendarDay
    public let month: MonthlyReport
    public let roster: Roster
    public let staff: [Person]
    public let rules: RosterRules

    public init(day: CalendarDay, month: MonthlyReport, roster: Roster, staff: [Person], rules: RosterRules) {
        self.day = day
        self.month = month
        self.roster = roster
        self.staff = staff
        self.rules = rules
    }

    public func document(organisation: String, language: Language = .ja, era: EraStyle = .western) -> ReportDocument {
        let l = ReportLabels(language: language, era: era)
        let byID = Dictionary(uniqueKeysWithValues: staff.map { ($0.id, $0) })
        let order: [Role] = [.generalManager, .supervisor, .deputySupervisor, .staff]
        let today = roster.assignments.filter { $0.date == day.date.description }.sorted {
            let a = byID[$0.staff].flatMap { order.firstIndex(of: $0.role) } ?? 9
            let b = byID[$1.staff].flatMap { order.firstIndex(of: $0.role) } ?? 9
            return (a, $0.start, $0.staff) < (b, $1.start, $1.staff)
        }
        let onDuty = ReportDocument.Table(
            name: l.t("勤務者（計画）", "On duty (planned)"),
            header: [l.t("氏名", "Name"), l.t("役割", "Role"), l.t("勤務", "Shift"), l.t("時間", "Hours"), l.t("休憩", "Breaks"),
                     l.t("担当業務", "Lines served"), l.t("実績（出勤・遅刻・早退等）", "Actual (present, late, left early)")],
            rows: today.map { a in
                let p = byID[a.staff]
                let lines = Set(a.tasks.map(\.service))
                return [.text(p?.name ?? a.staff), .text(p.map { l.t($0.role.japanese, $0.role.rawValue) } ?? ""), .text(a.shift),
                        .text("\(a.start)–\(a.end)"), .text(a.breaks.map { "\($0.start)–\($0.end)" }.joined(separator: " ")),
                        .text(month.services.filter { lines.contains($0.id) }.map { l.service($0.id, month.services) }.joined(separator: "・")),
                        .empty]
            })
        let rows = month.rows.filter { $0.date == day.date }
        let figures = ReportDocument.Table(
            name: l.t("業務別の見込みと実績", "Lines of work: plan and actuals"),
            header: [l.t("業務", "Line of work"), l.t("予測件数", "Forecast residents"), l.t("必要人時", "Required staff-h"),
                     l.t("計画人時", "Planned staff-h"), l.t("予測サービス水準(%)", "Predicted SL (%)"), l.t("目標", "Target"),
                     l.t("実績件数", "Actual residents"), l.t("目標内対応", "Served in target"), l.t("平均待ち(分)", "Mean wait (min)")],
            rows: rows.map { r in
                [.text(l.service(r.service, month.services)), .number(r.figures.forecast, digits: 1), .number(r.figures.requiredHours, digits: 2),
                 .number(r.figures.plannedHours, digits: 2), ReportLabels.percent(r.figures.predicted),
                 .text(r.service == nil ? "" : l.target(month.services.first { $0.id == r.service })), .empty, .empty, .empty]
            })
        var notes = ReportDocument.Table(name: l.t("特記事項", "Notes"), header: [l.t("項目", "Item"), l.t("内容", "Details")],
                                         rows: [[.text(l.t("トラブル・苦情", "Incidents, complaints"))], [.text(l.t("業務上の課題", "Issues"))],
                                                [.text(l.t("市への連絡・協議事項", "For the city"))], [.text(l.t("引継ぎ", "Handover"))]]
                                             .map { $0 + [.empty] })
        notes.writeIn = true
        var figuresTable = figures
        figuresTable.writeIn = true
        figuresTable.bold = Set(rows.indices.filter { rows[$0].service == nil })
        let supervisors = today.filter { byID[$0.staff].map { rules.supervisors.counts($0.role) } ?? false }
            .map { byID[$0.staff]!.name }
        let hours = day.hours.map { "\($0.open)–\($0.close)" } ?? ""
        let kind = day.kind == .holidayOpening ? l.t("（休日交付）", " (holiday opening)") : ""
        let lines = [organisation,
                     l.t("\(l.date(day.date))（\(l.weekday(day.date))）\(kind)　開庁 \(hours)",
                         "\(l.date(day.date)) (\(l.weekday(day.date)))\(kind), open \(hours)"),
                     l.t("業務責任者: \(supervisors.joined(separator: "、"))", "Supervisors: \(supervisors.joined(separator: ", "))"),
                     l.t("記入者: ＿＿＿＿＿＿＿＿　確認: ＿＿＿＿＿＿＿＿", "Written by: ____________  Checked by: ____________")]
        return ReportDocument(title: l.t("業務日報", "Daily report"), lines: lines, tables: [onDuty, figuresTable, notes],
                              language: language, landscape: false)
    }

    /// The actuals CSV to fill in for a month (the format `--actuals` reads): one
    /// row per open day and line, the forecast beside blank actuals.
    public static func actualsTemplate(_ report: MonthlyReport) -> CSVText {
        var csv = CSVText(header: ["date", "service", "forecast", "arrivals", "served_within_target", "mean_wait_minutes"])
        for r in report.rows {
            guard let s = r.service else { continue }
            csv.append([r.date.description, s, ReportDocument.fixed(r.figures.forecast, 1), "", "", ""])
        }
        return csv
    }
}
