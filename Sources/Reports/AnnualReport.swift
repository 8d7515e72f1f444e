import BusinessCalendar
import Demand

/// The annual report (業務年報) for a fiscal year (April–March), due April 20 of
/// the next: the months' totals from the monthly reports available, by month and
/// by line of work. Months with no report are listed as such.
public struct AnnualReport: Sendable {
    public let fiscalYear: Int
    public let services: [Service]
    /// April to March; nil where no month's figures are available.
    public let months: [(month: YearMonth, report: MonthlyReport?)]

    public init(fiscalYear: Int, services: [Service], reports: [MonthlyReport]) {
        self.fiscalYear = fiscalYear
        self.services = services
        let byMonth = Dictionary(reports.map { ($0.month, $0) }, uniquingKeysWith: { a, _ in a })
        months = Self.months(fiscalYear).map { ($0, byMonth[$0]) }
    }

    public static func months(_ fiscalYear: Int) -> [YearMonth] {
        (0..<12).map { k in YearMonth(year: fiscalYear + (k >= 9 ? 1 : 0), month: (k + 3) % 12 + 1)! }
    }

    /// April 20 after the fiscal year.
    public var due: CivilDate { CivilDate(fiscalYear + 1, 4, 20)! }

    public var available: [MonthlyReport] { months.compactMap(\.report) }

    /// The year's totals per line (services order), then all lines.
    public var totals: [ReportFigures] {
        var out = Array(repeating: ReportFigures(), count: services.count + 1)
        for r in available {
            for (k, row) in r.totals.enumerated() where k < out.count { out[k].add(row.figures) }
        }
        return out
    }

    public func document(organisation: String, language: Language = .ja, era: EraStyle = .western) -> ReportDocument {
        let l = ReportLabels(language: language, era: era)
        let planned = available.contains { $0.planned }
        let actuals = available.contains { $0.hasActuals }
        let anchor = available.first
        func cells(_ f: ReportFigures, service: String?) -> [ReportDocument.Cell] {
            guard let anchor else { return [] }
            let shaped = MonthlyReport(copying: anchor, planned: planned, actuals: actuals)
            return shaped.cells(.init(date: anchor.month.first, service: service, figures: f), l)
        }
        let head = MonthlyReport.header(l, planned: planned, actuals: actuals)
        var byMonth = ReportDocument.Table(name: l.t("月別実績（全体）", "Month by month (all lines)"),
                                           header: [l.t("月", "Month")] + head, rows: [])
        for (m, r) in months {
            if let r, let all = r.totals.last {
                byMonth.rows.append([.text(l.month(m))] + cells(all.figures, service: nil))
            } else {
                byMonth.rows.append([.text(l.month(m)), .text(l.t("報告なし", "no report"))] + Array(repeating: .empty, count: max(0, head.count - 1)))
            }
        }
        let t = totals
        byMonth.rows.append([.text(l.t("年度計", "Year"))] + cells(t.last ?? .init(), service: nil))
        byMonth.bold = [byMonth.rows.count - 1]
        let byLine = ReportDocument.Table(
            name: l.t("年間実績（業務別）", "The year by line of work"), header: [l.t("業務", "Line of work")] + head,
            rows: (services.map(\.id).map(Optional.some) + [nil]).enumerated().map { k, id in
                [.text(l.service(id, services))] + cells(t[k], service: id)
            })
        var training = ReportDocument.Table(name: l.t("研修内容及び実績", "Training given"),
                                            header: [l.t("実施日", "Date"), l.t("研修内容", "Content"), l.t("対象者数", "Attendees"), l.t("備考", "Note")],
                                            rows: Array(repeating: [.empty, .empty, .empty, .empty], count: 4))
        training.writeIn = true
        let fy = era == .japanese ? JapaneseEra.fiscalYear(fiscalYear) : l.t("\(fiscalYear)年度", "FY\(fiscalYear)")
        let missing = months.filter { $0.report == nil }.map { l.month($0.month) }
        var lines = [organisation,
                     l.t("対象期間: \(l.month(Self.months(fiscalYear).first!))〜\(l.month(Self.months(fiscalYear).last!))",
                         "Period: \(l.month(Self.months(fiscalYear).first!)) to \(l.month(Self.months(fiscalYear).last!))"),
                     l.t("提出期限: \(l.date(due))", "Due: \(l.date(due))")]
        if !missing.isEmpty {
            lines.append(l.t("報告のない月: \(missing.joined(separator: "、"))", "Months without a report: \(missing.joined(separator: ", "))"))
        }
        return ReportDocument(title: l.t("業務年報（\(fy)）", "Annual report \(fy)"), lines: lines,
                              tables: [byMonth, byLine, training], language: language)
    }
}

extension MonthlyReport {
    /// The same report's shape (lines, targets) with the columns a whole year needs.
    init(copying r: MonthlyReport, planned: Bool, actuals: Bool) {
        month = r.month
        services = r.services
        rows = []
        totals = []
        self.planned = planned
        hasActuals = actuals
    }
}
