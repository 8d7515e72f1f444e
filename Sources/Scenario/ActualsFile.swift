import BusinessCalendar
import Demand

/// Reads the actuals CSV (a month of 日報 figures) for the monthly and annual reports.
///
/// Columns (English or Japanese headers, any order, extra columns ignored):
/// `date` (日付), `service` (業務: a line's id or name), `arrivals` (来庁者数),
/// `served_within_target` (目標内対応数), optional `mean_wait_minutes` (平均待ち時間).
/// Rows whose arrivals are blank are skipped, so `kinmu report daily --format csv`
/// (the template) can be filled in a day at a time.
public enum ActualsFile {
    public static func read(_ path: String, services: [Service], calendar: BusinessCalendar) throws -> [DailyActual] {
        try read(CSVTable.read(path), services: services, calendar: calendar)
    }

    public static func read(_ table: CSVTable, services: [Service], calendar: BusinessCalendar) throws(ScenarioError) -> [DailyActual] {
        let cDate = try table.column(["date", "日付"])!
        let cService = try table.column(["service", "業務"])!
        let cArrivals = try table.column(["arrivals", "来庁者数", "件数"])!
        let cWithin = try table.column(["served_within_target", "目標内対応数", "目標内対応"])!
        let cWait = try table.column(["mean_wait_minutes", "平均待ち時間", "平均待ち時間（分）"], required: false)
        var out: [DailyActual] = []
        var seen: [String: Int] = [:]
        for r in table.records {
            let arrivalsText = r.fields[cArrivals].trimmingSpaces
            if arrivalsText.isEmpty { continue }
            let date = try HistoryFile.parseDate(r.fields[cDate], table, r, table.header[cDate])
            let service = try HistoryFile.resolve(r.fields[cService], services, table, r)
            let arrivals = try HistoryFile.count(arrivalsText, table, r, table.header[cArrivals])
            let within = try HistoryFile.count(r.fields[cWithin].trimmingSpaces, table, r, table.header[cWithin])
            guard within <= arrivals else {
                throw table.error(r, table.header[cWithin], "\(within) served within the target exceed the \(arrivals) arrivals")
            }
            var wait: Double?
            if let cw = cWait {
                let text = r.fields[cw].trimmingSpaces
                if !text.isEmpty {
                    guard let w = Double(text), w.isFinite, w >= 0 else {
                        throw table.error(r, table.header[cw], "\"\(text)\" is not a wait in minutes (a number ≥ 0)")
                    }
                    wait = w
                }
            }
            let key = "\(date) \(service)"
            if let first = seen[key] { throw table.error(r, table.header[cDate], "\(date) \(service) appears twice (first on line \(first))") }
            seen[key] = r.line
            let day = calendar.day(date)
            guard day.isOpen else {
                throw table.error(r, table.header[cDate], "\(date) is closed by the scenario's calendar (\(day.note)); no actuals expected")
            }
            out.append(DailyActual(date: date, service: service, arrivals: arrivals, servedWithinTarget: within, meanWaitMinutes: wait))
        }
        return out
    }
}
