import BusinessCalendar
import Demand
import Foundation
import Rostering

/// The roster as one self-contained, printable page (A4 landscape): the grid, and
/// for each open day a timeline (who is on when, breaks, which line) and an SVG
/// chart of staff serving against the requirement, shortfalls in red.
public struct RosterHTML: Sendable {
    public let export: RosterExport
    public let services: [Service]
    public let requirements: [SlotRequirement]
    public let slotMinutes: Int

    public init(export: RosterExport, services: [Service], requirements: [SlotRequirement], slotMinutes: Int) {
        self.export = export
        self.services = services
        self.requirements = requirements
        self.slotMinutes = slotMinutes
    }

    static let colours = ["#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#edc948"]

    func esc(_ s: String) -> String { htmlEscape(s) }

    func minutes(_ s: String) -> Int { TimeOfDay(s)?.minutes ?? 0 }

    public var text: String {
        let e = export
        var out = """
        <!DOCTYPE html>
        <html lang="\(e.language.rawValue)"><head><meta charset="utf-8"><title>\(esc(e.title))</title>
        <style>
        @page { size: A4 landscape; margin: 10mm; }
        body { font-family: "Noto Sans CJK JP", "Hiragino Sans", "Yu Gothic", sans-serif; font-size: 9pt; margin: 0; }
        h1 { font-size: 14pt; margin: 0 0 6px; } h2 { font-size: 11pt; margin: 14px 0 4px; page-break-after: avoid; }
        table.grid { border-collapse: collapse; } table.grid td, table.grid th { border: 1px solid #999; padding: 1px 3px; text-align: center; white-space: nowrap; }
        table.grid td.name { text-align: left; } .closed { background: #e8e8e8; } .hol { background: #fde7e7; }
        @media print { table.grid { font-size: 6pt; } table.grid td, table.grid th { padding: 0 1px; } }
        .day { page-break-inside: avoid; } .legend span { display: inline-block; padding: 0 6px; margin-right: 4px; color: #fff; }
        </style></head><body>
        <h1>\(esc(e.title))</h1>

        """
        out += legend() + grid()
        for day in e.calendar.openDays(e.month) { out += dayBlock(day) }
        return out + "</body></html>\n"
    }

    func legend() -> String {
        "<p class=\"legend\">" + services.enumerated().map { k, s in
            "<span style=\"background:\(Self.colours[k % Self.colours.count])\">\(esc(export.t(s.name, s.id)))</span>"
        }.joined() + "<span style=\"background:#bbb;color:#000\">\(export.t("休憩", "break"))</span>"
            + esc(export.t("　休: 休日　休暇: 休暇申請　－: 従事できない日（理由は備考）",
                           "  Off: day off  Leave: leave  -: cannot be rostered (see Remarks)")) + "</p>\n"
    }

    func grid() -> String {
        let rows = export.grid().rows
        let days = export.calendar.month(export.month)
        var out = "<table class=\"grid\">\n"
        for (r, row) in rows.enumerated() {
            out += "<tr>"
            for (c, cell) in row.enumerated() {
                let dayIndex = c - 3
                var cls = c == 1 ? "name" : ""
                if dayIndex >= 0 && dayIndex < days.count {
                    if !days[dayIndex].isOpen { cls += " closed" }
                    if days[dayIndex].holiday != nil || days[dayIndex].kind == .holidayOpening { cls += " hol" }
                }
                let tag = r == 0 ? "th" : "td"
                out += "<\(tag) class=\"\(cls)\">\(esc(cell))</\(tag)>"
            }
            out += "</tr>\n"
        }
        return out + "</table>\n"
    }

    func dayBlock(_ day: CalendarDay) -> String {
        guard let hours = day.hours else { return "" }
        let date = day.date.description
        let assignments = export.roster.assignments.filter { $0.date == date }
        let open = hours.open.minutes, close = hours.close.minutes
        let width = 900.0, left = 110.0, rowH = 14.0
        let scale = (width - left - 10) / Double(close - open)
        func x(_ m: Int) -> Double { left + Double(m - open) * scale }
        let name = Dictionary(uniqueKeysWithValues: export.staff.map { ($0.id, $0.name) })
        let index = Dictionary(uniqueKeysWithValues: services.enumerated().map { ($1.id, $0) })
        let title = export.era == .japanese ? JapaneseEra.format(day.date) : date
        var out = "<div class=\"day\"><h2>\(esc(title)) (\(esc(export.t(day.weekday.japanese, day.weekday.english))))\(day.note.isEmpty ? "" : " " + esc(day.note))</h2>\n"
        // Timeline.
        let h = Double(assignments.count) * rowH + 20
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(h))\" font-size=\"9\">\n"
        var m = open - open % 60 + 60
        while m < close {
            out += "<line x1=\"\(fmt(x(m)))\" y1=\"0\" x2=\"\(fmt(x(m)))\" y2=\"\(fmt(h - 12))\" stroke=\"#ddd\"/><text x=\"\(fmt(x(m) - 10))\" y=\"\(fmt(h - 2))\">\(m / 60):00</text>\n"
            m += 60
        }
        for (k, a) in assignments.enumerated() {
            let y = Double(k) * rowH
            out += "<text x=\"0\" y=\"\(fmt(y + 10))\">\(esc(a.staff)) \(esc(name[a.staff] ?? "")) \(esc(a.shift))</text>\n"
            out += "<rect x=\"\(fmt(x(minutes(a.start))))\" y=\"\(fmt(y + 2))\" width=\"\(fmt(Double(minutes(a.end) - minutes(a.start)) * scale))\" height=\"\(fmt(rowH - 4))\" fill=\"none\" stroke=\"#666\"/>\n"
            for t in a.tasks {
                let c = Self.colours[(index[t.service] ?? 0) % Self.colours.count]
                out += "<rect x=\"\(fmt(x(minutes(t.start))))\" y=\"\(fmt(y + 2))\" width=\"\(fmt(Double(minutes(t.end) - minutes(t.start)) * scale))\" height=\"\(fmt(rowH - 4))\" fill=\"\(c)\"/>\n"
            }
            for b in a.breaks + (a.meetings ?? []) {
                out += "<rect x=\"\(fmt(x(minutes(b.start))))\" y=\"\(fmt(y + 2))\" width=\"\(fmt(Double(minutes(b.end) - minutes(b.start)) * scale))\" height=\"\(fmt(rowH - 4))\" fill=\"#bbb\"/>\n"
            }
        }
        out += "</svg>\n"
        // Chart: serving vs required per slot.
        let need = requirements.filter { $0.date == day.date }
        var required: [Int: Int] = [:]
        for r in need { required[r.slot.minutes, default: 0] += r.required }
        var serving: [Int: Int] = [:]
        for a in assignments {
            for t in a.tasks {
                var s = minutes(t.start)
                while s < minutes(t.end) { serving[s, default: 0] += 1; s += slotMinutes }
            }
        }
        let peak = max(1, (required.values.max() ?? 0), (serving.values.max() ?? 0))
        let ch = 90.0, unit = (ch - 14) / Double(peak)
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(ch))\" font-size=\"9\">\n"
        out += "<text x=\"0\" y=\"12\">\(esc(export.t("配置 / 必要人数", "serving / required")))</text>\n"
        for start in day.slotStarts {
            let s = start.minutes
            let have = serving[s] ?? 0, want = required[s] ?? 0
            let bx = x(s) + 1, bw = Double(slotMinutes) * scale - 2
            out += "<rect x=\"\(fmt(bx))\" y=\"\(fmt(ch - 12 - Double(have) * unit))\" width=\"\(fmt(bw))\" height=\"\(fmt(Double(have) * unit))\" fill=\"#4e79a7\"/>\n"
            if have < want {
                out += "<rect x=\"\(fmt(bx))\" y=\"\(fmt(ch - 12 - Double(want) * unit))\" width=\"\(fmt(bw))\" height=\"\(fmt(Double(want - have) * unit))\" fill=\"#e15759\"><title>\(start) \(export.t("不足", "short")) \(want - have)</title></rect>\n"
            }
            out += "<line x1=\"\(fmt(bx))\" y1=\"\(fmt(ch - 12 - Double(want) * unit))\" x2=\"\(fmt(bx + bw))\" y2=\"\(fmt(ch - 12 - Double(want) * unit))\" stroke=\"#000\" stroke-width=\"1.5\"/>\n"
        }
        out += "</svg></div>\n"
        return out
    }

    func fmt(_ v: Double) -> String { String(format: "%.1f", locale: nil, v) }
}

/// Text for HTML content and attribute values.
func htmlEscape(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
}
