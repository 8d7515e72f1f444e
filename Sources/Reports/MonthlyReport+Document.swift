import BusinessCalendar
import Demand

/// Labels and dates shared by the reports.
struct ReportLabels: Sendable {
    var language: Language
    var era: EraStyle

    func t(_ ja: String, _ en: String) -> String { language == .ja ? ja : en }

    func date(_ d: CivilDate) -> String { era == .japanese ? JapaneseEra.format(d) : d.description }
    func month(_ m: YearMonth) -> String { era == .japanese ? JapaneseEra.format(m) : m.description }
    func shortDate(_ d: CivilDate) -> String { "\(d.month)/\(d.day)" }
    func weekday(_ d: CivilDate) -> String { t(d.weekday.japanese, d.weekday.english) }

    func service(_ id: String?, _ services: [Service]) -> String {
        guard let id else { return t("全体", "All lines") }
        guard let s = services.first(where: { $0.id == id }) else { return id }
        return t(s.name, s.id)
    }

    func target(_ s: Service?) -> String {
        guard let s else { return "" }
        if let f = s.target.fraction {
            return t("\(Int((f * 100).rounded()))%（\(Int(s.target.withinMinutes))分以内）", "\(Int((f * 100).rounded()))% in \(Int(s.target.withinMinutes)) min")
        }
        if let w = s.target.averageWaitMinutes { return t("平均待ち\(ReportDocument.fixed(w, 0))分以下", "mean wait ≤ \(ReportDocument.fixed(w, 0)) min") }
        return ""
    }

    static func percent(_ x: Double?) -> ReportDocument.Cell { x.map { .number($0 * 100, digits: 1) } ?? .empty }
}

extension MonthlyReport {
    /// The figures' columns, shared by the monthly and annual reports.
    static func header(_ l: ReportLabels, planned: Bool, actuals: Bool) -> [String] {
        var h = [l.t("予測件数", "Forecast residents"), l.t("必要人時", "Required staff-h")]
        if planned {
            h += [l.t("計画人時", "Planned staff-h"), l.t("不足人時", "Shortfall staff-h"), l.t("予測サービス水準(%)", "Predicted SL (%)")]
        }
        h.append(l.t("目標", "Target"))
        if actuals {
            h += [l.t("実績件数", "Actual residents"), l.t("目標内対応", "Served in target"), l.t("達成サービス水準(%)", "Achieved SL (%)"),
                  l.t("平均待ち(分)", "Mean wait (min)")]
        }
        h.append(l.t("判定", "Result"))
        return h
    }

    func cells(_ row: Row, _ l: ReportLabels) -> [ReportDocument.Cell] {
        let f = row.figures
        var c: [ReportDocument.Cell] = [.number(f.forecast, digits: 1), .number(f.requiredHours, digits: 2)]
        if planned {
            c += [.number(f.plannedHours, digits: 2), .number(f.shortfallHours, digits: 2), ReportLabels.percent(f.predicted)]
        }
        c.append(.text(row.service == nil ? (target(nil).map { l.t("\(Int(($0 * 100).rounded()))%", "\(Int(($0 * 100).rounded()))%") } ?? "")
                                           : l.target(services.first { $0.id == row.service })))
        if hasActuals {
            c += [f.actualArrivals.map { .number(Double($0), digits: 0) } ?? .empty,
                  f.actualWithinTarget.map { .number(Double($0), digits: 0) } ?? .empty,
                  ReportLabels.percent(f.achieved), f.meanWaitMinutes.map { .number($0, digits: 1) } ?? .empty]
        }
        c.append(.text(verdict(row, l)))
        return c
    }

    func verdict(_ row: Row, _ l: ReportLabels) -> String {
        if hasActuals, row.figures.achieved != nil || row.figures.meanWaitMinutes != nil {
            return fellShort(row, actual: true) ? l.t("未達", "missed") : l.t("達成", "met")
        }
        guard planned, row.figures.predicted != nil else { return "" }
        return fellShort(row, actual: false) ? l.t("未達見込み", "at risk") : l.t("達成見込み", "on track")
    }

    /// The 業務月報 as a document: the month by line, the days that fell short, then every day.
    public func document(organisation: String, language: Language = .ja, era: EraStyle = .western) -> ReportDocument {
        let l = ReportLabels(language: language, era: era)
        let head = Self.header(l, planned: planned, actuals: hasActuals)
        var summary = ReportDocument.Table(name: l.t("月間実績（業務別）", "The month by line of work"),
                                           header: [l.t("業務", "Line of work")] + head,
                                           rows: totals.map { [.text(l.service($0.service, services))] + cells($0, l) })
        summary.bold = [totals.count - 1]
        summary.marked = Set(totals.indices.filter { k in fellShort(totals[k], actual: hasActuals && totals[k].figures.achieved != nil) })
        var days = ReportDocument.Table(name: l.t("日別実績", "Day by day"),
                                        header: [l.t("日付", "Date"), l.t("曜日", "Weekday"), l.t("業務", "Line of work")] + head,
                                        rows: [])
        for (k, r) in rows.enumerated() {
            days.rows.append([.text(l.date(r.date)), .text(l.weekday(r.date)), .text(l.service(r.service, services))] + cells(r, l))
            if r.service == nil { days.bold.insert(k) }
            if r.service != nil, fellShort(r, actual: hasActuals && r.figures.achieved != nil) { days.marked.insert(k) }
        }
        var tables = [summary]
        if hasActuals {
            let short = shortDays
            tables.append(ReportDocument.Table(
                name: l.t("サービス水準が目標に達しなかった日", "Days that fell short of the target"),
                header: [l.t("日付", "Date"), l.t("曜日", "Weekday"), l.t("業務", "Line of work"), l.t("達成サービス水準(%)", "Achieved SL (%)"),
                         l.t("目標", "Target"), l.t("予測サービス水準(%)", "Predicted SL (%)"), l.t("不足人時", "Shortfall staff-h")],
                rows: short.map { r in
                    [.text(l.date(r.date)), .text(l.weekday(r.date)), .text(l.service(r.service, services)), ReportLabels.percent(r.figures.achieved),
                     .text(l.target(services.first { $0.id == r.service })), ReportLabels.percent(r.figures.predicted),
                     planned ? .number(r.figures.shortfallHours, digits: 2) : .empty]
                }))
        }
        tables.append(days)
        var lines = [organisation, l.t("対象月: \(l.month(month))", "Month: \(l.month(month))")]
        if !planned { lines.append(l.t("勤務計画なし（予測と必要人員のみ）", "No roster given: forecast and requirement only")) }
        if !hasActuals {
            lines.append(l.t("実績未入力（予測値による見込み）", "No actuals given: predictions only"))
        } else {
            let open = Set(rows.map(\.date)).count
            let with = Set(rows.filter { $0.figures.actualArrivals != nil }.map(\.date)).count
            lines.append(l.t("実績入力: \(with)日分（開庁日\(open)日）", "Actuals for \(with) of \(open) open days"))
        }
        var doc = ReportDocument(title: l.t("業務月報（\(l.month(month))）", "Monthly report \(l.month(month))"),
                                 lines: lines, tables: tables, language: language)
        doc.charts = [chart(l)]
        return doc
    }

    /// Per open day: required against planned staff-hours, shortfalls in red, and
    /// the predicted (and achieved) service level against the target.
    func chart(_ l: ReportLabels) -> String {
        let dayRows = rows.filter { $0.service == nil }
        guard !dayRows.isEmpty else { return "" }
        let w = 26.0, left = 46.0, height = 150.0, top = 20.0
        let width = left + w * Double(dayRows.count) + 20
        let maxHours = max(1, dayRows.map { max($0.figures.requiredHours, $0.figures.plannedHours) }.max()!)
        func y(_ h: Double) -> Double { top + height * (1 - h / maxHours) }
        func ySL(_ s: Double) -> Double { top + height * (1 - s) }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(top + height + 40))\" font-size=\"9\">"
        svg += "<text x=\"\(left)\" y=\"12\">\(htmlEscape(l.t("灰: 必要人時　青: 計画人時　赤: 不足　線: サービス水準（予測●／実績◆、点線=目標）", "grey: required staff-h  blue: planned  red: shortfall  dots: service level (predicted ●, achieved ◆; dashed = target)")))</text>"
        svg += "<line x1=\"\(left)\" y1=\"\(top + height)\" x2=\"\(width - 10)\" y2=\"\(top + height)\" stroke=\"#333\"/>"
        svg += "<text x=\"2\" y=\"\(top + 8)\">\(ReportDocument.fixed(maxHours, 0))h</text>"
        if let t = target(nil) {
            svg += "<line x1=\"\(left)\" y1=\"\(ReportDocument.fixed(ySL(t), 1))\" x2=\"\(width - 10)\" y2=\"\(ReportDocument.fixed(ySL(t), 1))\" stroke=\"#080\" stroke-dasharray=\"4 3\"/>"
        }
        for (k, r) in dayRows.enumerated() {
            let x = left + Double(k) * w
            let f = r.figures
            svg += "<rect x=\"\(ReportDocument.fixed(x + 2, 1))\" y=\"\(ReportDocument.fixed(y(f.requiredHours), 1))\" width=\"10\" height=\"\(ReportDocument.fixed(top + height - y(f.requiredHours), 1))\" fill=\"#bbb\"/>"
            if planned {
                svg += "<rect x=\"\(ReportDocument.fixed(x + 12, 1))\" y=\"\(ReportDocument.fixed(y(f.plannedHours), 1))\" width=\"10\" height=\"\(ReportDocument.fixed(top + height - y(f.plannedHours), 1))\" fill=\"#4a78b5\"/>"
                if f.shortfallHours > 0 {
                    svg += "<rect x=\"\(ReportDocument.fixed(x + 12, 1))\" y=\"\(ReportDocument.fixed(y(f.plannedHours + f.shortfallHours), 1))\" width=\"10\" height=\"\(ReportDocument.fixed(top + height - y(f.shortfallHours), 1))\" fill=\"#d33\"/>"
                }
            }
            if let p = f.predicted { svg += "<circle cx=\"\(ReportDocument.fixed(x + 12, 1))\" cy=\"\(ReportDocument.fixed(ySL(p), 1))\" r=\"2.5\" fill=\"#080\"/>" }
            if let a = f.achieved {
                let cy = ySL(a)
                svg += "<path d=\"M\(ReportDocument.fixed(x + 12, 1)) \(ReportDocument.fixed(cy - 3, 1)) l3 3 l-3 3 l-3 -3 z\" fill=\"#c60\"/>"
            }
            svg += "<text x=\"\(ReportDocument.fixed(x + 4, 1))\" y=\"\(ReportDocument.fixed(top + height + 12, 1))\">\(r.date.day)</text>"
            svg += "<text x=\"\(ReportDocument.fixed(x + 4, 1))\" y=\"\(ReportDocument.fixed(top + height + 24, 1))\">\(htmlEscape(l.weekday(r.date)))</text>"
        }
        return svg + "</svg>"
    }
}
