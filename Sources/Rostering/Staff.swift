import BusinessCalendar

/// A role in the contract's staffing structure (実施体制).
public enum Role: String, Sendable, CaseIterable, Codable {
    /// 統括責任者: the city's single contact; manages everyone.
    case generalManager = "general-manager"
    /// 業務責任者: stationed at all times, directs the work.
    case supervisor
    /// 副業務責任者: counts as a supervisor where the scenario says deputies count.
    case deputySupervisor = "deputy-supervisor"
    /// 業務従事者.
    case staff

    public var japanese: String {
        switch self {
        case .generalManager: return "統括責任者"
        case .supervisor: return "業務責任者"
        case .deputySupervisor: return "副業務責任者"
        case .staff: return "業務従事者"
        }
    }

    /// Reads `supervisor` or `業務責任者`.
    public init?(name: String) {
        if let r = Role(rawValue: name) { self = r; return }
        if let r = Role.allCases.first(where: { $0.japanese == name }) { self = r; return }
        return nil
    }
}

public enum Employment: String, Sendable, CaseIterable, Codable {
    case fullTime = "full-time"
    case partTime = "part-time"

    public init?(name: String) {
        switch name {
        case "full-time", "常勤", "正社員", "フルタイム": self = .fullTime
        case "part-time", "非常勤", "パート", "パートタイム": self = .partTime
        default: return nil
        }
    }
}

/// Contract limits of one person; `nil` means no limit beyond the labour rules.
public struct Contract: Sendable, Equatable {
    public var maxHoursPerWeek: Double?
    public var maxHoursPerMonth: Double?
    public var minHoursPerMonth: Double?
    public var maxDaysPerWeek: Int?
    public var maxDaysPerMonth: Int?
    public var minDaysPerMonth: Int?
    /// Yen a year this person keeps under (扶養の壁), and what was earned before this month.
    public var annualEarningsCap: Double?
    public var earnedThisYear: Double = 0
    /// Yen an hour; cost of the plan.
    public var hourlyCost: Double = 0

    public init() {}
}

/// One person on the staff list (業務従事者名簿).
public struct Person: Sendable, Equatable, Identifiable {
    public var id: String
    public var name: String
    /// Reading in katakana (フリガナ).
    public var kana: String
    public var role: Role
    /// Lines of work (service ids) this person can serve.
    public var skills: [String]
    public var employment: Employment
    public var contract: Contract
    public var start: CivilDate?
    public var end: CivilDate?
    /// The date the confidentiality pledge (誓約書) was filed; `nil` if missing.
    public var pledge: CivilDate?

    public init(id: String, name: String, kana: String = "", role: Role, skills: [String],
                employment: Employment = .fullTime, contract: Contract = Contract(),
                start: CivilDate? = nil, end: CivilDate? = nil, pledge: CivilDate? = nil) {
        self.id = id
        self.name = name
        self.kana = kana
        self.role = role
        self.skills = skills
        self.employment = employment
        self.contract = contract
        self.start = start
        self.end = end
        self.pledge = pledge
    }

    /// Employed on a date (start and end inclusive).
    public func employed(on date: CivilDate) -> Bool {
        if let s = start, date < s { return false }
        if let e = end, date > e { return false }
        return true
    }

    /// May be assigned on a date: employed and the pledge filed on or before it.
    public func pledged(on date: CivilDate) -> Bool {
        guard let p = pledge else { return false }
        return p <= date
    }
}
