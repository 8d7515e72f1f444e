import Foundation
import BusinessCalendar
import Rostering

/// The staff list for the city (業務従事者名簿): who is engaged on a date, with
/// only the fields the report needs — role, name, reading, start and pledge dates.
/// People whose confidentiality pledge (誓約書) is missing or late are flagged.
public struct StaffList: Sendable {
    public let staff: [Person]
    public let asOf: CivilDate
    public var language: Language = .ja
    public var era: EraStyle = .japanese

    public init(staff: [Person], asOf: CivilDate, language: Language = .ja, era: EraStyle = .japanese) {
        self.staff = staff
        self.asOf = asOf
        self.language = language
        self.era = era
    }

    func t(_ ja: String, _ en: String) -> String { language == .ja ? ja : en }
    func date(_ d: CivilDate?) -> String {
        guard let d else { return "" }
        return era == .japanese ? JapaneseEra.format(d) : d.description
    }

    static let roleOrder: [Role] = [.generalManager, .supervisor, .deputySupervisor, .staff]

    /// People engaged on the date, general manager first.
    public var engaged: [Person] {
        staff.filter { $0.employed(on: asOf) }.sorted {
            (Self.roleOrder.firstIndex(of: $0.role)!, $0.id) < (Self.roleOrder.firstIndex(of: $1.role)!, $1.id)
        }
    }

    public func flag(_ p: Person) -> String {
        guard let pledge = p.pledge else { return t("誓約書未提出", "no pledge on file") }
        if pledge > asOf { return t("誓約書未提出（\(date(pledge))提出予定）", "pledge not yet filed (due \(date(pledge)))") }
        if let s = p.start, pledge > s { return t("誓約書の提出が従事開始後", "pledge filed after the start") }
        return ""
    }

    public var title: String { t("業務従事者名簿（\(date(asOf))現在）", "Staff list as of \(date(asOf))") }

    public func csv() -> CSVText {
        var csv = CSVText(header: [t("区分", "Role"), t("氏名", "Name"), t("フリガナ", "Reading"),
                                   t("従事開始日", "Start"), t("誓約書提出日", "Pledge filed"), t("備考", "Note")])
        for p in engaged {
            csv.append([t(p.role.japanese, p.role.rawValue), p.name, p.kana, date(p.start), date(p.pledge), flag(p)])
        }
        return csv
    }

    /// Who joined and who left between `since` (exclusive) and the as-of date (業務従事者交代報告).
    public func changes(since: CivilDate) -> CSVText {
        var csv = CSVText(header: [t("異動", "Change"), t("日付", "Date"), t("区分", "Role"), t("氏名", "Name"), t("備考", "Note")])
        var rows: [(CivilDate, Int, [String])] = []
        for p in staff {
            if let s = p.start, s > since, s <= asOf {
                rows.append((s, 0, [t("従事開始", "joined"), date(s), t(p.role.japanese, p.role.rawValue), p.name, flag(p)]))
            }
            if let e = p.end, e >= since, e < asOf {
                rows.append((e, 1, [t("従事終了", "left"), date(e), t(p.role.japanese, p.role.rawValue), p.name, ""]))
            }
        }
        for r in rows.sorted(by: { ($0.0, $0.1, $0.2[3]) < ($1.0, $1.1, $1.2[3]) }) { csv.append(r.2) }
        return csv
    }

    /// The list (or, given `changesSince`, the changes) as a report document, for the workbook.
    public func document(organisation: String, changesSince: CivilDate? = nil) -> ReportDocument {
        let table = changesSince.map { changes(since: $0) } ?? csv()
        let name = changesSince == nil ? t("業務従事者名簿", "Staff list") : t("業務従事者交代報告", "Staff changes")
        var doc = ReportDocument(title: changesSince.map { t("業務従事者交代報告（\(date($0))〜\(date(asOf))）", "Staff changes \(date($0)) to \(date(asOf))") } ?? title,
                                 lines: [organisation],
                                 tables: [.init(name: name, header: table.rows[0], rows: table.rows.dropFirst().map { $0.map { .text($0) } })],
                                 language: language, landscape: false)
        if changesSince == nil {
            doc.tables[0].marked = Set(engaged.indices.filter { !flag(engaged[$0]).isEmpty })
        }
        return doc
    }

    /// A printable, self-contained HTML page (A4 portrait).
    public func html(organisation: String) -> String {
        let esc = htmlEscape
        let table = csv()
        var out = """
        <!DOCTYPE html>
        <html lang="\(language.rawValue)"><head><meta charset="utf-8"><title>\(esc(title))</title>
        <style>
        @page { size: A4 portrait; margin: 15mm; }
        body { font-family: "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", sans-serif; font-size: 11pt; }
        h1 { font-size: 16pt; text-align: center; }
        p.org { text-align: right; }
        table { border-collapse: collapse; width: 100%; }
        th, td { border: 1px solid #333; padding: 4px 6px; }
        th { background: #eee; }
        td.flag { color: #b00; font-weight: bold; }
        </style></head><body>
        <h1>\(esc(title))</h1>
        <p class="org">\(esc(organisation))</p>
        <table>
        <tr>\(table.rows[0].map { "<th>\(esc($0))</th>" }.joined())</tr>

        """
        for row in table.rows.dropFirst() {
            out += "<tr>" + row.enumerated().map { k, v in k == row.count - 1 && !v.isEmpty ? "<td class=\"flag\">\(esc(v))</td>" : "<td>\(esc(v))</td>" }.joined() + "</tr>\n"
        }
        out += "</table>\n</body></html>\n"
        return out
    }
}
