import BusinessCalendar
import Demand
import Rostering

/// Reads staff.csv and requests.csv; English or Japanese headers.
public enum StaffFile {
    static func col(_ t: CSVTable, _ names: [String], required: Bool = false) throws(ScenarioError) -> Int? {
        try t.column(names, required: required)
    }

    public static func readStaff(_ t: CSVTable, services: [Service]) throws(ScenarioError) -> [Person] {
        let cID = try col(t, ["id", "職員番号"], required: true)!
        let cName = try col(t, ["name", "氏名"], required: true)!
        let cKana = try col(t, ["kana", "フリガナ", "ふりがな"])
        let cRole = try col(t, ["role", "役割"], required: true)!
        let cSkills = try col(t, ["skills", "担当業務"], required: true)!
        let cEmp = try col(t, ["employment", "雇用形態"])
        let cMaxHW = try col(t, ["max_hours_week", "週上限時間"])
        let cMaxHM = try col(t, ["max_hours_month", "月上限時間"])
        let cMinHM = try col(t, ["min_hours_month", "月下限時間"])
        let cMaxDW = try col(t, ["max_days_week", "週上限日数"])
        let cMaxDM = try col(t, ["max_days_month", "月上限日数"])
        let cMinDM = try col(t, ["min_days_month", "月下限日数"])
        let cCap = try col(t, ["annual_cap", "年収上限"])
        let cEarned = try col(t, ["earned_this_year", "年内支給済"])
        let cCost = try col(t, ["hourly_cost", "時給"])
        let cStart = try col(t, ["start", "開始日"])
        let cEnd = try col(t, ["end", "終了日"])
        let cPledge = try col(t, ["pledge", "誓約書提出日"])
        var out: [Person] = []
        var seen: [String: Int] = [:]
        for r in t.records {
            func field(_ c: Int?) -> String { c.map { r.fields[$0].trimmingSpaces } ?? "" }
            func number(_ c: Int?, _ label: String) throws(ScenarioError) -> Double? {
                let s = field(c)
                if s.isEmpty { return nil }
                guard let v = Double(s.filter { $0 != "," && $0 != "_" }), v.isFinite, v >= 0 else {
                    throw t.error(r, label, "\"\(s)\" is not a number ≥ 0")
                }
                return v
            }
            func whole(_ c: Int?, _ label: String) throws(ScenarioError) -> Int? {
                guard let v = try number(c, label) else { return nil }
                guard v == v.rounded() else { throw t.error(r, label, "\(v) is not a whole number") }
                return Int(v)
            }
            func date(_ c: Int?, _ label: String) throws(ScenarioError) -> CivilDate? {
                let s = field(c)
                if s.isEmpty { return nil }
                guard let d = CivilDate(s) else { throw t.error(r, label, "\"\(s)\" is not a date; expected YYYY-MM-DD") }
                return d
            }
            let id = field(cID)
            guard !id.isEmpty else { throw t.error(r, "id", "an id is required") }
            if let first = seen[id] { throw t.error(r, "id", "\(id) is used twice (first on line \(first))") }
            seen[id] = r.line
            let roleText = field(cRole)
            guard let role = Role(name: roleText) else {
                throw t.error(r, "role", "unknown role \"\(roleText)\"; expected one of \(Role.allCases.map { "\($0.rawValue) (\($0.japanese))" }.joined(separator: ", "))")
            }
            var skills: [String] = []
            for s in field(cSkills).split(whereSeparator: { $0 == ";" || $0 == "、" || $0 == "・" || $0 == "|" }) {
                let name = s.trimmingSpaces
                guard let svc = services.first(where: { $0.id == name || $0.name == name }) else {
                    throw t.error(r, "skills", "unknown line of work \"\(name)\"; expected \(services.map { "\($0.id) (\($0.name))" }.joined(separator: ", "))")
                }
                skills.append(svc.id)
            }
            let empText = field(cEmp)
            guard let employment = empText.isEmpty ? .fullTime : Employment(name: empText) else {
                throw t.error(r, "employment", "\"\(empText)\" is not full-time (常勤) or part-time (非常勤)")
            }
            var c = Contract()
            c.maxHoursPerWeek = try number(cMaxHW, "max_hours_week")
            c.maxHoursPerMonth = try number(cMaxHM, "max_hours_month")
            c.minHoursPerMonth = try number(cMinHM, "min_hours_month")
            c.maxDaysPerWeek = try whole(cMaxDW, "max_days_week")
            c.maxDaysPerMonth = try whole(cMaxDM, "max_days_month")
            c.minDaysPerMonth = try whole(cMinDM, "min_days_month")
            c.annualEarningsCap = try number(cCap, "annual_cap")
            c.earnedThisYear = try number(cEarned, "earned_this_year") ?? 0
            c.hourlyCost = try number(cCost, "hourly_cost") ?? 0
            let start = try date(cStart, "start"), end = try date(cEnd, "end")
            if let s = start, let e = end, e < s { throw t.error(r, "end", "\(e) is before the start \(s)") }
            out.append(Person(id: id, name: field(cName), kana: field(cKana), role: role, skills: skills,
                              employment: employment, contract: c, start: start, end: end,
                              pledge: try date(cPledge, "pledge")))
        }
        return out
    }

    public static func readRequests(_ t: CSVTable, staff: [Person], shifts: [ShiftTemplate]) throws(ScenarioError) -> [Request] {
        let cStaff = try col(t, ["staff", "職員番号"], required: true)!
        let cFrom = try col(t, ["from", "date", "開始日", "日付"], required: true)!
        let cTo = try col(t, ["to", "終了日"])
        let cKind = try col(t, ["kind", "種別"], required: true)!
        let cShift = try col(t, ["shift", "勤務"])
        let cWindow = try col(t, ["window", "時間帯"])
        let cWeight = try col(t, ["weight", "重み"])
        let cNote = try col(t, ["note", "備考"])
        var out: [Request] = []
        let kinds: [String: RequestKind] = ["休暇": .leave, "希望休": .preferOff, "出勤希望": .preferOn,
                                            "勤務希望": .preferShift, "勤務回避": .avoidShift, "勤務可能時間": .available]
        for r in t.records {
            func field(_ c: Int?) -> String { c.map { r.fields[$0].trimmingSpaces } ?? "" }
            let person = field(cStaff)
            guard staff.contains(where: { $0.id == person }) else {
                throw t.error(r, "staff", "unknown staff id \"\(person)\"; it is not in staff.csv")
            }
            guard let from = CivilDate(field(cFrom)) else { throw t.error(r, "from", "\"\(field(cFrom))\" is not a date; expected YYYY-MM-DD") }
            let toText = field(cTo)
            guard let to = toText.isEmpty ? from : CivilDate(toText) else { throw t.error(r, "to", "\"\(toText)\" is not a date") }
            guard from <= to else { throw t.error(r, "to", "\(to) is before \(from)") }
            let kindText = field(cKind)
            guard let kind = RequestKind(rawValue: kindText) ?? kinds[kindText] else {
                throw t.error(r, "kind", "unknown kind \"\(kindText)\"; expected \(RequestKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let shift = field(cShift)
            if kind == .preferShift || kind == .avoidShift {
                guard shifts.contains(where: { $0.code == shift }) else {
                    throw t.error(r, "shift", "\"\(shift)\" is not a shift code; expected \(shifts.map(\.code).joined(separator: ", "))")
                }
            }
            var window: Hours?
            if kind == .available {
                guard let h = Hours(field(cWindow)) else {
                    throw t.error(r, "window", "\"\(field(cWindow))\" is not a time range HH:MM-HH:MM")
                }
                window = h
            }
            let wText = field(cWeight)
            guard let weight = wText.isEmpty ? 10 : Double(wText), weight >= 0, weight.isFinite else {
                throw t.error(r, "weight", "\"\(wText)\" is not a number ≥ 0")
            }
            out.append(Request(person: person, from: from, through: to, kind: kind, shift: shift.isEmpty ? nil : shift,
                               window: window, weight: weight, note: field(cNote), source: "\(t.file):\(r.line)"))
        }
        return out
    }
}
