// Japan's national holidays, computed from the Act on National Holidays
// (国民の祝日に関する法律, 1948) and its amendments, not looked up from a list:
//
// - fixed-date holidays with the dates they held in each period;
// - Happy Monday moves (2000: 成人の日, 体育の日; 2003: 海の日, 敬老の日);
// - the equinoxes by the standard formula (the Cabinet Office publishes each
//   year's dates the February before; the formula reproduces every date
//   1955–2027 and is the accepted projection to 2099);
// - 振替休日: from 1973-04-12 a holiday on a Sunday makes the Monday a holiday;
//   from 2007 the next day that is not a holiday;
// - 国民の休日: from 1985-12-27 a day between two national holidays (until 2006
//   only when it is neither a Sunday nor a substitute holiday);
// - one-off holidays by special acts (1959, 1989, 1990, 1993, 2019) and the
//   moves for the Tokyo Olympics (2020, 2021).

/// What kind of day off the law makes a date.
public enum HolidayKind: String, Sendable, Equatable {
    /// 国民の祝日 (a named national holiday, or a day treated as one by a special act).
    case national
    /// 振替休日: a substitute for a holiday that fell on a Sunday.
    case substitute
    /// 国民の休日: a day sandwiched between two national holidays.
    case citizens
}

/// One national holiday.
public struct Holiday: Hashable, Sendable {
    public let date: CivilDate
    /// The Japanese name (元日, 振替休日, 国民の休日, …).
    public let name: String
    public let kind: HolidayKind

    public init(date: CivilDate, name: String, kind: HolidayKind) {
        self.date = date
        self.name = name
        self.kind = kind
    }
}

/// Japan's national holidays by the law.
public enum JapaneseHolidays {
    /// The first year the rules here are written for (the law dates from 1948-07-20).
    public static let firstYear = 1949
    /// The last year the equinox formula is used for.
    public static let lastYear = 2099

    public static let substituteName = "振替休日"
    public static let citizensName = "国民の休日"

    /// The holidays of one year, in date order.
    /// - Precondition: `firstYear...lastYear` contains `year`.
    public static func holidays(in year: Int) -> [Holiday] {
        precondition((firstYear...lastYear).contains(year), "holidays are computed for \(firstYear)–\(lastYear)")
        let national = nationalHolidays(in: year)
        var byDate: [CivilDate: Holiday] = [:]
        for h in national { byDate[h.date] = h }
        let isNational = { (d: CivilDate) in byDate[d]?.kind == .national }

        // 振替休日
        for h in national where h.date.weekday == .sunday {
            if h.date < CivilDate(1973, 4, 12)! { continue }
            if year < 2007 {
                let monday = h.date.adding(days: 1)
                if byDate[monday] == nil {
                    byDate[monday] = Holiday(date: monday, name: substituteName, kind: .substitute)
                }
            } else {
                var d = h.date.adding(days: 1)
                while byDate[d] != nil { d = d.adding(days: 1) }
                byDate[d] = Holiday(date: d, name: substituteName, kind: .substitute)
            }
        }

        // 国民の休日: examine each day whose neighbours are both national holidays.
        for h in national {
            let between = h.date.adding(days: 2)
            let middle = h.date.adding(days: 1)
            guard middle >= CivilDate(1985, 12, 27)!, isNational(between), middle.year == year else { continue }
            if byDate[middle] != nil { continue }
            if year < 2007 && middle.weekday == .sunday { continue }
            byDate[middle] = Holiday(date: middle, name: citizensName, kind: .citizens)
        }
        return byDate.values.sorted { $0.date < $1.date }
    }

    /// The holidays from `from` through `through`, in date order.
    public static func holidays(from: CivilDate, through: CivilDate) -> [Holiday] {
        guard from <= through else { return [] }
        let years = max(from.year, firstYear)...min(through.year, lastYear)
        guard !years.isEmpty else { return [] }
        return years.flatMap { holidays(in: $0) }.filter { $0.date >= from && $0.date <= through }
    }

    /// The holiday on a date, if any.
    public static func holiday(on date: CivilDate) -> Holiday? {
        guard (firstYear...lastYear).contains(date.year) else { return nil }
        return holidays(in: date.year).first { $0.date == date }
    }

    /// The named national holidays (祝日) of a year, before substitutes and citizens' holidays.
    static func nationalHolidays(in y: Int) -> [Holiday] {
        var list: [(Int, Int, String)] = []
        func add(_ m: Int, _ d: Int, _ name: String) { list.append((m, d, name)) }
        func nthMonday(_ month: Int, _ n: Int) -> Int {
            let first = CivilDate(y, month, 1)!.weekday.rawValue
            return 1 + (Weekday.monday.rawValue - first + 7) % 7 + 7 * (n - 1)
        }

        add(1, 1, "元日")
        if y >= 2000 { add(1, nthMonday(1, 2), "成人の日") } else { add(1, 15, "成人の日") }
        if y >= 1967 { add(2, 11, "建国記念の日") }
        if y >= 2020 { add(2, 23, "天皇誕生日") }
        add(3, vernalEquinoxDay(y), "春分の日")
        if y <= 1988 {
            add(4, 29, "天皇誕生日")
        } else if y <= 2006 {
            add(4, 29, "みどりの日")
        } else {
            add(4, 29, "昭和の日")
        }
        add(5, 3, "憲法記念日")
        if y >= 2007 { add(5, 4, "みどりの日") }
        add(5, 5, "こどもの日")
        switch y {
        case 2020: add(7, 23, "海の日")
        case 2021: add(7, 22, "海の日")
        case 2003...: add(7, nthMonday(7, 3), "海の日")
        case 1996...: add(7, 20, "海の日")
        default: break
        }
        switch y {
        case 2020: add(8, 10, "山の日")
        case 2021: add(8, 8, "山の日")
        case 2016...: add(8, 11, "山の日")
        default: break
        }
        if y >= 2003 { add(9, nthMonday(9, 3), "敬老の日") } else if y >= 1966 { add(9, 15, "敬老の日") }
        add(9, autumnalEquinoxDay(y), "秋分の日")
        switch y {
        case 2020: add(7, 24, "スポーツの日")
        case 2021: add(7, 23, "スポーツの日")
        case 2022...: add(10, nthMonday(10, 2), "スポーツの日")
        case 2000...: add(10, nthMonday(10, 2), "体育の日")
        case 1966...: add(10, 10, "体育の日")
        default: break
        }
        add(11, 3, "文化の日")
        add(11, 23, "勤労感謝の日")
        if (1989...2018).contains(y) { add(12, 23, "天皇誕生日") }

        // Special acts: days made holidays once.
        switch y {
        case 1959: add(4, 10, "結婚の儀")        // 皇太子明仁親王の結婚の儀
        case 1989: add(2, 24, "大喪の礼")        // 昭和天皇の大喪の礼
        case 1990: add(11, 12, "即位礼正殿の儀")
        case 1993: add(6, 9, "結婚の儀")         // 皇太子徳仁親王の結婚の儀
        case 2019:
            add(5, 1, "天皇の即位の日")
            add(10, 22, "即位礼正殿の儀")
        default: break
        }
        return list.map { Holiday(date: CivilDate(y, $0.0, $0.1)!, name: $0.2, kind: .national) }
            .sorted { $0.date < $1.date }
    }

    // The standard formula: int(a + 0.242194·(Y − 1980) − int((Y − b) / 4)), where
    // int truncates toward zero (which matters before 1980, where Y − 1983 < 0).

    /// The day of March of the vernal equinox (春分日), by the standard formula.
    public static func vernalEquinoxDay(_ y: Int) -> Int {
        let t = Double(y - 1980)
        switch y {
        case ...1979: return Int(20.8357 + 0.242194 * t) - Int(Double(y - 1983) / 4)
        case ...2099: return Int(20.8431 + 0.242194 * t) - (y - 1980) / 4
        default: return Int(21.8510 + 0.242194 * t) - (y - 1980) / 4
        }
    }

    /// The day of September of the autumnal equinox (秋分日), by the standard formula.
    public static func autumnalEquinoxDay(_ y: Int) -> Int {
        let t = Double(y - 1980)
        switch y {
        case ...1979: return Int(23.2588 + 0.242194 * t) - Int(Double(y - 1983) / 4)
        case ...2099: return Int(23.2488 + 0.242194 * t) - (y - 1980) / 4
        default: return Int(24.2488 + 0.242194 * t) - (y - 1980) / 4
        }
    }
}
