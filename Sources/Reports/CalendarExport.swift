import BusinessCalendar

/// The business calendar of a month as CSV, JSON-ready rows, or iCalendar.
public enum CalendarExport {
    public static let csvHeader = ["date", "weekday", "kind", "open", "close", "slots", "note"]

    public static func csv(_ days: [CalendarDay]) -> CSVText {
        var csv = CSVText(header: csvHeader)
        for d in days {
            csv.append([d.date.description, d.weekday.english, d.kind.rawValue,
                        d.hours?.open.description ?? "", d.hours?.close.description ?? "",
                        String(d.slotCount), d.note])
        }
        return csv
    }

    /// Opening hours as events, one per open day; UIDs are stable per date.
    public static func ics(_ days: [CalendarDay], name: String, uidDomain: String) -> ICalendar {
        let events = days.compactMap { d -> ICalendar.Event? in
            guard let h = d.hours else { return nil }
            let summary = d.kind == .holidayOpening ? "休日交付 \(h.open)–\(h.close)" : "開庁 \(h.open)–\(h.close)"
            return ICalendar.Event(uid: "\(d.date.compact)-open@\(uidDomain)", date: d.date,
                                   start: h.open, end: h.close, summary: summary,
                                   description: d.note.isEmpty ? nil : d.note)
        }
        return ICalendar(name: name, stamp: days.first?.date ?? CivilDate(1970, 1, 1)!, events: events)
    }
}
