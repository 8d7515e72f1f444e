import ArgumentParser
import BusinessCalendar
import Demand
import Foundation
import MIP
import Reports
import Rostering
import Scenario
import WhatIf

/// `kinmu whatif`: the base month and its variants side by side, or a demand sweep.
struct WhatIfCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "whatif",
        abstract: "Plan the month's base and what-if variants side by side (demand spikes, absences, staff added or removed, targets, hours), or sweep a line's demand.",
        discussion: """
        Variants: NAME:CHANGE,CHANGE,… with changes spike=2026-12-01..2026-12-14:交付*1.8, absent=S005:2026-12-07..2026-12-11, \
        add=S006[*N], remove=S005, target=交付:0.9, hours=wed:08:30-20:00, close=2026-12-25, open=2026-12-26:08:30-12:00 \
        (Docs/WhatIf.md). Without --variant or --sweep, the scenario's named variants (scenario.yaml `variants:`) are run.
        Each variant is a full plan; they run in parallel (--jobs) and give what a serial run gives.
        --sweep 交付=1.0..2.0:0.1 keeps today's roster (--roster, or the base plan) and reports for each demand level \
        the service level it reaches and the staff-hours and people (of --reference's contract) that would restore the target.
        """)

    enum Format: String, ExpressibleByArgument { case csv, json, html }

    @OptionGroup var scenario: ScenarioOptions
    @OptionGroup var month: MonthOption
    @Option(parsing: .singleValue, help: "A variant NAME:CHANGES (repeatable).") var variant: [String] = []
    @Option(parsing: .singleValue, help: "Run a variant named in scenario.yaml (repeatable).") var use: [String] = []
    @Option(help: "A demand sweep LINE=FROM..TO:STEP (LINE an id, a name or *).") var sweep: String?
    @Option(help: "The sweep's roster (default: the base plan, solved first).") var roster: String?
    @Option(help: "The person whose contract counts 'more people' in a sweep (default: the staff member working most hours).") var reference: String?
    @Flag(help: "In a sweep, plan each level afresh instead of keeping today's roster (a full solve per level).") var replan = false
    @Flag(help: "Plan each variant near the base roster (fewest changes, as a repair) instead of afresh.") var stayClose = false
    @Option(help: "Parallel solves (default: the cores).") var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: "Time limit per solve in seconds.") var timeLimit: Double = 60
    @Option(help: "Stop each solve at this relative gap.") var gap: Double = 0
    @OptionGroup var work: DeterministicFlag
    @Option(help: "The comparison file: csv, json or html (with charts).") var format: Format = .csv
    @Option(help: "The output folder: whatif.FORMAT, sweep.FORMAT and rosters/NAME.json.") var out: String
    @Option(help: "Labels: ja (default) or en.") var lang: Language = .ja
    @Flag(help: "Replace files in an existing output folder.") var force = false

    func validate() throws {
        guard jobs >= 1 && jobs <= 64 else { throw ValidationError("--jobs must be 1 to 64") }
        guard timeLimit > 0 && timeLimit <= SolveOptions.maximumTimeLimit else { throw ValidationError("--time-limit must be positive") }
        guard gap >= 0 && gap < 1 else { throw ValidationError("--gap must be in [0, 1)") }
    }

    func run() throws {
        let s = try scenario.load()
        let m = month.value
        var variants: [Variant] = []
        do {
            variants = try variant.map { try Variant.parse($0, services: s.services) }
        } catch { throw ValidationError("--variant: \(error)") }
        for name in use {
            guard let v = s.variants.first(where: { $0.name == name }) else {
                throw ValidationError("--use \(name): scenario.yaml has no such variant (it has: \(s.variants.map(\.name).joined(separator: ", ")))")
            }
            variants.append(v)
        }
        if variants.isEmpty && sweep == nil { variants = s.variants }
        let names = variants.map(\.name)
        guard Set(names).count == names.count else { throw ValidationError("two variants share a name") }
        let summaryPath = "\(out)/whatif.\(format.rawValue)"
        if FileManager.default.fileExists(atPath: summaryPath) && !force { throw ValidationError("\(summaryPath) already exists; pass --force to replace it") }
        let options = work.applied(to: SolveOptions(timeLimit: timeLimit, relativeGap: gap))
        let clock = ContinuousClock(), started = clock.now

        var base: Roster?
        if let path = roster {
            guard let data = FileManager.default.contents(atPath: path) else { throw ValidationError("\(path): cannot read the roster") }
            base = try Roster.decode(data)
        }
        if !variants.isEmpty || base == nil {
            let outcomes = try WhatIfRunner(options: options, jobs: jobs, stayClose: stayClose).run(scenario: s, month: m, variants: variants)
            for o in outcomes {
                if let r = o.roster { try OutputFile.write(try r.jsonData(), to: "\(out)/rosters/\(o.variant).json", force: true) }
            }
            base = base ?? outcomes.first?.roster
            let doc = WhatIfTables.comparison(outcomes, scenario: s, month: m, language: lang)
            try write(doc, json: WhatIfTables.json(outcomes, services: s.services), name: "whatif")
            print(WhatIfTables.text(outcomes, services: s.services))
        }
        if let text = sweep {
            let spec: SweepSpec
            do { spec = try SweepSpec.parse(text, services: s.services) } catch { throw ValidationError("--sweep: \(error)") }
            guard let base else { throw ValidationError("--sweep: the base month has no roster to keep") }
            let staff = try s.loadStaff()
            let ref: Person
            if let id = reference {
                guard let p = staff.first(where: { $0.id == id }) else { throw ValidationError("--reference \(id): unknown staff id") }
                ref = p
            } else {
                let hours = Dictionary(grouping: base.assignments, by: \.staff).mapValues { $0.count }
                ref = staff.filter { $0.role == .staff }.max { (hours[$0.id] ?? 0, $1.id) < (hours[$1.id] ?? 0, $0.id) } ?? staff[0]
            }
            let points = try SweepRunner(options: options, jobs: jobs, replan: replan).run(scenario: s, month: m, spec: spec, base: base, reference: ref)
            let doc = WhatIfTables.sweep(points, spec: spec, reference: ref, scenario: s, month: m, replan: replan, language: lang)
            try write(doc, json: WhatIfTables.json(points, spec: spec, reference: ref, services: s.services), name: "sweep")
            print(WhatIfTables.text(points, spec: spec, reference: ref, services: s.services))
        }
        let d = clock.now - started
        printError("kinmu: whatif done in \(formatNumber(Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18, digits: 2)) s on \(jobs) thread(s); wrote \(out)/")
    }

    func write(_ doc: ReportDocument, json: JSONValue, name: String) throws {
        let path = "\(out)/\(name).\(format.rawValue)"
        switch format {
        case .csv: try OutputFile.write(try doc.csv().data(encoding: .utf8BOM), to: path, force: true)
        case .html: try OutputFile.write(doc.html(), to: path, force: true)
        case .json: try OutputFile.write(json.prettyText, to: path, force: true)
        }
    }
}

/// The what-if figures as tables, JSON and terminal text.
enum WhatIfTables {
    static func t(_ l: Language, _ ja: String, _ en: String) -> String { l == .ja ? ja : en }
    static func pct(_ x: Double?) -> String { x.map { formatNumber($0 * 100, digits: 1) + "%" } ?? "-" }
    static func spread(_ s: (Int, Int)?) -> String { s.map { "\($0.0)–\($0.1)" } ?? "-" }

    /// Metrics down, variants across.
    static func rows(_ outcomes: [Outcome], services: [Service], language l: Language) -> [(String, [String])] {
        var rows: [(String, [String])] = []
        rows.append((t(l, "変更", "Changes"), outcomes.map { $0.changes.isEmpty ? t(l, "（基準）", "(base)") : $0.changes }))
        rows.append((t(l, "結果", "Status"), outcomes.map { $0.status }))
        rows.append((t(l, "必要人時", "Required staff-h"), outcomes.map { formatNumber($0.requiredHours, digits: 2) }))
        for s in services {
            rows.append((t(l, "不足人時 \(s.name)", "Shortfall staff-h \(s.id)"), outcomes.map { o in o.roster == nil ? "-" : formatNumber(o.shortfallHours[s.id] ?? 0, digits: 2) }))
        }
        rows.append((t(l, "不足人時 計", "Shortfall staff-h total"), outcomes.map { $0.roster == nil ? "-" : formatNumber($0.totalShortfall, digits: 2) }))
        rows.append((t(l, "予測サービス水準 平均", "Predicted SL average"), outcomes.map { pct($0.serviceLevelAverage) }))
        rows.append((t(l, "予測サービス水準 最低日", "Predicted SL worst day"), outcomes.map { o in o.worstDay.map { "\($0.date) \(pct($0.level))" } ?? "-" }))
        rows.append((t(l, "時間外(時間)", "Overtime (h)"), outcomes.map { formatNumber($0.overtimeHours, digits: 2) }))
        rows.append((t(l, "勤務時間計", "Hours worked"), outcomes.map { formatNumber($0.workedHours, digits: 2) }))
        rows.append((t(l, "人件費(円)", "Staff cost (yen)"), outcomes.map { formatNumber($0.cost, digits: 0) }))
        rows.append((t(l, "遅番回数(最少–最多)", "Late shifts (fewest–most)"), outcomes.map { spread($0.lateSpread) }))
        rows.append((t(l, "休日交付回数(最少–最多)", "Holiday mornings (fewest–most)"), outcomes.map { spread($0.holidaySpread) }))
        rows.append((t(l, "基準からの変更数", "Changes from base"), outcomes.map { $0.changesFromBase.map(String.init) ?? "-" }))
        rows.append((t(l, "目的関数", "Objective"), outcomes.map { $0.objective.map { formatNumber($0, digits: 3) } ?? "-" }))
        rows.append((t(l, "ギャップ", "Gap"), outcomes.map { $0.gap.map { formatNumber($0 * 100, digits: 3) + "%" } ?? "-" }))
        rows.append((t(l, "求解秒", "Solve s"), outcomes.map { formatNumber($0.seconds, digits: 2) }))
        return rows
    }

    static func comparison(_ outcomes: [Outcome], scenario s: Scenario, month m: YearMonth, language l: Language) -> ReportDocument {
        let rows = rows(outcomes, services: s.services, language: l)
        var table = ReportDocument.Table(name: t(l, "比較", "Comparison"), header: [t(l, "項目", "Measure")] + outcomes.map(\.variant),
                                         rows: rows.map { [.text($0.0)] + $0.1.map { .text($0) } })
        table.bold = [0]
        var tables = [table]
        let failures = outcomes.filter { $0.failure != nil }
        if !failures.isEmpty {
            tables.append(.init(name: t(l, "勤務表を作れなかった案", "Variants without a roster"), header: [t(l, "案", "Variant"), t(l, "理由", "Why")],
                                rows: failures.map { [.text($0.variant), .text($0.failure!)] }))
        }
        var doc = ReportDocument(title: t(l, "シナリオ比較（\(m)）", "What-if comparison \(m)"), lines: [s.name], tables: tables, language: l)
        let names = outcomes.map(\.variant)
        doc.charts = [
            SVGChart.bars(title: t(l, "不足人時（業務別）", "Shortfall staff-hours by line"), categories: names,
                          series: s.services.enumerated().map { k, svc in
                              .init(name: l == .ja ? svc.name : svc.id, values: outcomes.map { $0.roster == nil ? nil : $0.shortfallHours[svc.id] ?? 0 },
                                    color: ["#4a78b5", "#d98c2b", "#5a9e5a", "#a05ab0", "#888"][k % 5])
                          }, unit: "h"),
            SVGChart.bars(title: t(l, "予測サービス水準（%）", "Predicted service level (%)"), categories: names,
                          series: [.init(name: t(l, "平均", "average"), values: outcomes.map { $0.serviceLevelAverage.map { $0 * 100 } }, color: "#4a78b5"),
                                   .init(name: t(l, "最低日", "worst day"), values: outcomes.map { $0.worstDay.map { $0.level * 100 } }, color: "#d33")],
                          unit: "%", reference: (s.services.compactMap(\.target.fraction).max() ?? 0.8) * 100),
        ]
        return doc
    }

    static func json(_ outcomes: [Outcome], services: [Service]) -> JSONValue {
        .array(outcomes.map { o in
            .object([
                ("variant", .string(o.variant)), ("changes", .string(o.changes)), ("status", .string(o.status)),
                ("objective", o.objective.map { .number($0) } ?? .null), ("gap", o.gap.map { .number($0) } ?? .null),
                ("seconds", .number(o.seconds)), ("requiredHours", .number(o.requiredHours)),
                ("shortfallHours", .object(services.map { ($0.id, .number(o.shortfallHours[$0.id] ?? 0)) })),
                ("serviceLevelAverage", o.serviceLevelAverage.map { .number($0) } ?? .null),
                ("worstDay", o.worstDay.map { .object([("date", .string($0.date.description)), ("serviceLevel", .number($0.level))]) } ?? .null),
                ("overtimeHours", .number(o.overtimeHours)), ("workedHours", .number(o.workedHours)), ("cost", .number(o.cost)),
                ("lateShifts", o.lateSpread.map { .object([("fewest", .int($0.0)), ("most", .int($0.1))]) } ?? .null),
                ("holidayMornings", o.holidaySpread.map { .object([("fewest", .int($0.0)), ("most", .int($0.1))]) } ?? .null),
                ("changesFromBase", o.changesFromBase.map { .int($0) } ?? .null),
                ("failure", o.failure.map { .string($0) } ?? .null),
            ])
        })
    }

    static func text(_ outcomes: [Outcome], services: [Service]) -> String {
        let rows = rows(outcomes, services: services, language: .ja).filter { $0.0 != "変更" }
        let labelWidth = rows.map { ReportDocument.displayWidth($0.0) }.max() ?? 10
        let widths = outcomes.indices.map { k in max(ReportDocument.displayWidth(outcomes[k].variant), rows.map { ReportDocument.displayWidth($0.1[k]) }.max() ?? 0) }
        func pad(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: max(0, w - ReportDocument.displayWidth(s))) }
        var out = [pad("", labelWidth) + "  " + outcomes.indices.map { pad(outcomes[$0].variant, widths[$0]) }.joined(separator: "  ")]
        for (label, values) in rows {
            out.append(pad(label, labelWidth) + "  " + values.indices.map { pad(values[$0], widths[$0]) }.joined(separator: "  "))
        }
        for o in outcomes where o.failure != nil { out.append("\(o.variant): \(o.failure!)") }
        return out.map { String($0.reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n")
    }

    static func sweep(_ points: [SweepPoint], spec: SweepSpec, reference: Person, scenario s: Scenario, month m: YearMonth,
                      replan: Bool, language l: Language) -> ReportDocument {
        let line = spec.line.flatMap { id in s.services.first { $0.id == id } }.map { l == .ja ? $0.name : $0.id } ?? t(l, "全業務", "all lines")
        let header = [t(l, "需要倍率", "Demand ×"), t(l, "必要人時", "Required staff-h"), t(l, "予測サービス水準 平均(%)", "Predicted SL avg (%)"),
                      t(l, "最低日", "Worst day"), t(l, "最低日水準(%)", "Worst day SL (%)"), t(l, "不足人時（＝回復に要する追加人時）", "Shortfall = extra staff-h to restore"),
                      t(l, "追加人数（\(reference.id)相当）", "Extra people (like \(reference.id))")]
        let rows: [[ReportDocument.Cell]] = points.map { p in
            [.number(p.level, digits: 2), .number(p.requiredHours, digits: 2), .number(p.serviceLevelAverage * 100, digits: 1),
             .text(p.worstDay.map { $0.date.description } ?? ""), p.worstDay.map { .number($0.level * 100, digits: 1) } ?? .empty,
             .number(p.extraStaffHours, digits: 2), .number(Double(p.extraPeople), digits: 0)]
        }
        var doc = ReportDocument(
            title: t(l, "需要感応度（\(line)、\(m)）", "Demand sweep (\(line), \(m))"),
            lines: [s.name, replan ? t(l, "各水準で勤務表を作り直した結果", "Each level planned afresh")
                                   : t(l, "現在の勤務表（勤務・休憩は固定、担当業務のみ再配置）での見込み", "Today's roster kept (shifts and breaks), lines re-assigned")],
            tables: [.init(name: t(l, "需要水準ごとの見込み", "By demand level"), header: header, rows: rows)], language: l)
        let labels = points.map { formatNumber($0.level, digits: 2) }
        doc.charts = [
            SVGChart.bars(title: t(l, "予測サービス水準（%）", "Predicted service level (%)"), categories: labels,
                          series: [.init(name: t(l, "平均", "average"), values: points.map { $0.serviceLevelAverage * 100 }, color: "#4a78b5"),
                                   .init(name: t(l, "最低日", "worst day"), values: points.map { $0.worstDay.map { $0.level * 100 } }, color: "#d33")],
                          unit: "%", reference: (s.services.compactMap(\.target.fraction).max() ?? 0.8) * 100),
            SVGChart.bars(title: t(l, "回復に要する追加人時", "Extra staff-hours to restore the target"), categories: labels,
                          series: [.init(name: t(l, "追加人時", "staff-h"), values: points.map { $0.extraStaffHours }, color: "#d98c2b")], unit: "h"),
        ]
        return doc
    }

    static func json(_ points: [SweepPoint], spec: SweepSpec, reference: Person, services: [Service]) -> JSONValue {
        .object([
            ("line", spec.line.map { .string($0) } ?? .null), ("reference", .string(reference.id)),
            ("levels", .array(points.map { p in
                .object([
                    ("level", .number(p.level)), ("requiredHours", .number(p.requiredHours)),
                    ("serviceLevelAverage", .number(p.serviceLevelAverage)),
                    ("worstDay", p.worstDay.map { .object([("date", .string($0.date.description)), ("serviceLevel", .number($0.level))]) } ?? .null),
                    ("shortfallHours", .object(services.map { ($0.id, .number(p.shortfallHours[$0.id] ?? 0)) })),
                    ("extraStaffHours", .number(p.extraStaffHours)), ("extraPeople", .int(p.extraPeople)),
                ])
            })),
        ])
    }

    static func text(_ points: [SweepPoint], spec: SweepSpec, reference: Person, services: [Service]) -> String {
        var out = ["demand ×  required h  SL avg   worst day          shortfall h  extra people (\(reference.id))"]
        for p in points {
            let worst = p.worstDay.map { "\($0.date) \(pct($0.level))" } ?? "-"
            out.append(String(format: "%8.2f  %10.2f  %6@  %-17@  %11.2f  %d", p.level, p.requiredHours, pct(p.serviceLevelAverage) as NSString,
                              worst as NSString, p.extraStaffHours, p.extraPeople))
        }
        return out.joined(separator: "\n")
    }
}
