import BusinessCalendar

/// An RFC 5545 calendar of timed events in Asia/Tokyo, written deterministically:
/// stable UIDs, a DTSTAMP given by the caller, CRLF lines folded at 75 octets.
public struct ICalendar: Sendable {
    public struct Event: Sendable, Equatable {
        public var uid: String
        public var date: CivilDate
        public var start: TimeOfDay
        public var end: TimeOfDay
        public var summary: String
        public var description: String?

        public init(uid: String, date: CivilDate, start: TimeOfDay, end: TimeOfDay,
                    summary: String, description: String? = nil) {
            self.uid = uid
            self.date = date
            self.start = start
            self.end = end
            self.summary = summary
            self.description = description
        }
    }

    public var name: String
    /// DTSTAMP of every event (UTC), `YYYYMMDDTHHMMSSZ`; fixed by the caller so that output is reproducible.
    public var stamp: String
    public var events: [Event]

    public init(name: String, stamp: CivilDate, events: [Event]) {
        self.name = name
        self.stamp = stamp.compact + "T000000Z"
        self.events = events
    }

    public var text: String {
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Kinmu//Kinmu//JA",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:" + Self.escape(name),
            "X-WR-TIMEZONE:Asia/Tokyo",
            "BEGIN:VTIMEZONE",
            "TZID:Asia/Tokyo",
            "BEGIN:STANDARD",
            "DTSTART:19700101T000000",
            "TZOFFSETFROM:+0900",
            "TZOFFSETTO:+0900",
            "TZNAME:JST",
            "END:STANDARD",
            "END:VTIMEZONE",
        ]
        for e in events.sorted(by: { ($0.date, $0.start.minutes, $0.uid) < ($1.date, $1.start.minutes, $1.uid) }) {
            lines += [
                "BEGIN:VEVENT",
                "UID:" + e.uid,
                "DTSTAMP:" + stamp,
                "DTSTART;TZID=Asia/Tokyo:" + Self.dateTime(e.date, e.start),
                "DTEND;TZID=Asia/Tokyo:" + Self.dateTime(e.date, e.end),
                "SUMMARY:" + Self.escape(e.summary),
            ]
            if let d = e.description { lines.append("DESCRIPTION:" + Self.escape(d)) }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    static func dateTime(_ d: CivilDate, _ t: TimeOfDay) -> String {
        // 24:00 is written as 00:00 of the next day.
        if t.minutes == 24 * 60 { return d.adding(days: 1).compact + "T000000" }
        return d.compact + "T" + String(t.description.filter { $0 != ":" }) + "00"
    }

    /// TEXT escaping (RFC 5545 §3.3.11).
    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n": out += "\\n"
            default: out.append(ch)
            }
        }
        return out
    }

    /// Folds a content line at 75 octets without splitting a UTF-8 character (§3.1).
    static func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var out = ""
        var count = 0
        var limit = 75
        for ch in line {
            let n = String(ch).utf8.count
            if count + n > limit {
                out += "\r\n "
                count = 0
                limit = 74  // the leading space counts
            }
            out.append(ch)
            count += n
        }
        return out
    }
}
