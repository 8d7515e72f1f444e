import BusinessCalendar
import Demand

/// Reads history.csv (daily counts per line of work) and history-intraday.csv (per slot).
///
/// history.csv: `date,service,total[,bookings]` — or the Japanese headers
/// `日付,業務,件数[,予約件数]`; `service` is a line's id or name.
/// history-intraday.csv: `date,slot,service,count` (`日付,時間帯,業務,件数`).
public enum HistoryFile {
    public static func readDaily(_ table: CSVTable, services: [Service], calendar: BusinessCalendar) throws(ScenarioError) -> [DailyCount] {
        let cDate = try table.column(["date", "日付"])!
        let cService = try table.column(["service", "業務"])!
        let cTotal = try table.column(["total", "count", "件数"])!
        let cBook = try table.column(["bookings", "予約件数", "予約"], required: false)
        var out: [DailyCount] = []
        var seen: [String: Int] = [:]
        var dayKind: [CivilDate: CalendarDay] = [:]
        for r in table.records {
            let date = try parseDate(r.fields[cDate], table, r, "date")
            let service = try resolve(r.fields[cService], services, table, r)
            let total = try count(r.fields[cTotal], table, r, table.header[cTotal])
            var bookings: Int?
            if let cb = cBook, !r.fields[cb].isEmpty {
                let b = try count(r.fields[cb], table, r, table.header[cb])
                guard b <= total else { throw table.error(r, table.header[cb], "\(b) bookings exceed the total \(total)") }
                bookings = b
            }
            let key = "\(date) \(service)"
            if let first = seen[key] {
                throw table.error(r, "date", "\(date) \(service) appears twice (first on line \(first))")
            }
            seen[key] = r.line
            let day = dayKind[date] ?? calendar.day(date)
            dayKind[date] = day
            guard day.isOpen else {
                throw table.error(r, "date", "\(date) is closed by the scenario's calendar (\(day.note)); remove the row or fix the calendar")
            }
            out.append(DailyCount(date: date, service: service, total: total, bookings: bookings))
        }
        guard let first = out.map(\.date).min(), let last = out.map(\.date).max() else {
            throw ScenarioError(file: table.file, line: nil, field: nil, "no history rows")
        }
        // Every open day between the first and last date needs a row for every line of work.
        let present = Set(out.map { "\($0.date) \($0.service)" })
        var m = first.yearMonth
        while m <= last.yearMonth {
            for day in calendar.openDays(m) where day.date >= first && day.date <= last {
                for s in services where !present.contains("\(day.date) \(s.id)") {
                    throw ScenarioError(file: table.file, line: nil, field: "date",
                                        "a gap in the history: no row for \(day.date) (\(s.id)), an open day between \(first) and \(last)")
                }
            }
            m = m.next
        }
        return out
    }

    public static func readSlots(_ table: CSVTable, services: [Service]) throws(ScenarioError) -> [SlotCount] {
        let cDate = try table.column(["date", "日付"])!
        let cSlot = try table.column(["slot", "時間帯"])!
        let cService = try table.column(["service", "業務"])!
        let cCount = try table.column(["count", "件数"])!
        var out: [SlotCount] = []
        for r in table.records {
            let date = try parseDate(r.fields[cDate], table, r, "date")
            guard let t = TimeOfDay(r.fields[cSlot]) else {
                throw table.error(r, "slot", "\"\(r.fields[cSlot])\" is not a time; expected HH:MM")
            }
            out.append(SlotCount(date: date, slot: t, service: try resolve(r.fields[cService], services, table, r),
                                 count: try count(r.fields[cCount], table, r, "count")))
        }
        return out
    }

    /// Known bookings: `date,service,bookings`.
    public static func readBookings(_ table: CSVTable, services: [Service]) throws(ScenarioError) -> [CivilDate: [String: Int]] {
        let cDate = try table.column(["date", "日付"])!
        let cService = try table.column(["service", "業務"])!
        let cCount = try table.column(["bookings", "予約件数", "count"])!
        var out: [CivilDate: [String: Int]] = [:]
        for r in table.records {
            let date = try parseDate(r.fields[cDate], table, r, "date")
            let s = try resolve(r.fields[cService], services, table, r)
            if out[date]?[s] != nil { throw table.error(r, "date", "\(date) \(s) appears twice") }
            out[date, default: [:]][s] = try count(r.fields[cCount], table, r, "bookings")
        }
        return out
    }

    static func parseDate(_ s: String, _ t: CSVTable, _ r: CSVTable.Record, _ field: String) throws(ScenarioError) -> CivilDate {
        guard let d = CivilDate(s) else { throw t.error(r, field, "\"\(s)\" is not a date; expected YYYY-MM-DD") }
        return d
    }

    static func count(_ s: String, _ t: CSVTable, _ r: CSVTable.Record, _ field: String) throws(ScenarioError) -> Int {
        guard let v = Int(s.trimmingSpaces) else { throw t.error(r, field, "\"\(s)\" is not a whole number") }
        guard v >= 0 else { throw t.error(r, field, "\(v) is negative; counts are 0 or more") }
        return v
    }

    static func resolve(_ s: String, _ services: [Service], _ t: CSVTable, _ r: CSVTable.Record) throws(ScenarioError) -> String {
        guard let match = services.first(where: { $0.id == s || $0.name == s }) else {
            throw t.error(r, "service", "unknown line of work \"\(s)\"; expected one of \(services.map { "\($0.id) (\($0.name))" }.joined(separator: ", "))")
        }
        return match.id
    }
}
