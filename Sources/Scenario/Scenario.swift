import BusinessCalendar
import Demand
import Foundation
import Rostering

/// A scenario folder, read and validated: everything Kinmu plans from.
///
/// ```
/// Scenarios/nankoku/
///   scenario.yaml   calendar rules, services, targets, templates, weights
///   staff.csv       staff master
///   requests.csv    leave and preferences
///   history.csv     past demand
/// ```
public struct Scenario: Sendable {
    public var name: String
    public var city: String
    public var population: Int?
    public var calendar: BusinessCalendar
    /// The lines of work (交付, 申請支援, …).
    public var services: [Service]
    public var staffing: StaffingPolicy
    public var forecastSettings: ForecastSettings
    /// Demand multipliers (campaigns, what-ifs).
    public var events: [DemandEvent]
    /// The folder the scenario was read from (files named in scenario.yaml are relative to it).
    public var folder: String
    /// Rostering rules (shifts, labour law, supervisors, weights); meetings are placed per month.
    public var rosterRules: RosterRules
    /// Named what-if variants (`variants:`), so a run can be repeated.
    public var variants: [Variant] = []
    var meetingRules: [RosteringSection.MeetingRule] = []
    var historyFile = "history.csv"
    var intradayFile: String? = "history-intraday.csv"
    var bookingsFile: String?

    /// The top-level keys scenario.yaml may hold.
    static let topLevelKeys = ["name", "city", "population", "calendar", "services", "staffing", "demand",
                               "shifts", "labour", "supervisors", "meetings", "weights", "fairness", "variants"]

    /// staff.csv.
    public func loadStaff() throws -> [Person] {
        try StaffFile.readStaff(CSVTable.read(path("staff.csv")), services: services)
    }

    /// requests.csv (none if the file is absent).
    public func loadRequests(staff: [Person]) throws -> [Request] {
        guard FileManager.default.fileExists(atPath: path("requests.csv")) else { return [] }
        return try StaffFile.readRequests(CSVTable.read(path("requests.csv")), staff: staff, shifts: rosterRules.shifts)
    }

    /// The rules for a month, with that month's meetings placed.
    public func rules(for month: YearMonth) -> RosterRules {
        var r = rosterRules
        r.meetings = meetingRules.compactMap { $0.meeting(in: month, calendar: calendar) }
        return r
    }

    public func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }

    public func service(_ idOrName: String) -> Service? { services.first { $0.id == idOrName || $0.name == idOrName } }

    /// Reads history.csv (and history-intraday.csv when present), checked against the calendar.
    public func loadHistory() throws -> History {
        let daily = try HistoryFile.readDaily(CSVTable.read(path(historyFile)), services: services, calendar: calendar)
        var slots: [SlotCount] = []
        if let f = intradayFile, FileManager.default.fileExists(atPath: path(f)) {
            slots = try HistoryFile.readSlots(CSVTable.read(path(f)), services: services)
        }
        return History(daily: daily, slots: slots)
    }

    /// Known bookings, when scenario.yaml names a bookings file.
    public func loadBookings() throws -> [CivilDate: [String: Int]] {
        guard let f = bookingsFile else { return [:] }
        return try HistoryFile.readBookings(CSVTable.read(path(f)), services: services)
    }

    /// The forecaster fitted on this scenario's history.
    public func forecaster(extraEvents: [DemandEvent] = []) throws -> Forecaster {
        try Forecaster(calendar: calendar, services: services, history: loadHistory(), events: events + extraEvents,
                       knownBookings: loadBookings(), settings: forecastSettings)
    }

    /// Reads `scenario.yaml` from a folder.
    public static func load(folder: String) throws(ScenarioError) -> Scenario {
        let path = (folder as NSString).appendingPathComponent("scenario.yaml")
        let text: String
        do {
            text = try TextFile.read(path)
        } catch let e as ScenarioError {
            throw e
        } catch {
            throw ScenarioError(file: path, line: nil, field: nil, "cannot read: \(error.localizedDescription)")
        }
        var s = try parse(yaml: text, file: path)
        s.folder = folder
        return s
    }

    /// Parses the text of a scenario.yaml; `file` names it in errors.
    public static func parse(yaml: String, file: String) throws(ScenarioError) -> Scenario {
        var name = "", city = "", population: Int?
        var rules = OpeningRules()
        var services = DemandSection.defaultServices
        var staffing = StaffingPolicy()
        var demandNode: YAMLValue?
        var rosterRules = RosterRules(shifts: RosterRules.nankokuShifts)
        var meetingRules: [RosteringSection.MeetingRule] = []
        var variantsNode: YAMLValue?
        if let root = try YAMLValue.parse(yaml, file: file) {
            for (key, value) in try root.mapping(allowed: topLevelKeys) {
                switch key {
                case "name": name = try value.string()
                case "city": city = try value.string()
                case "population": population = try value.int(in: 1...100_000_000)
                case "calendar": rules = try CalendarSection.read(value)
                case "services": services = try DemandSection.services(value)
                case "staffing": staffing = try DemandSection.staffing(value)
                case "demand": demandNode = value
                case "shifts": rosterRules.shifts = try RosteringSection.shifts(value)
                case "labour": rosterRules.labour = try RosteringSection.labour(value)
                case "supervisors": rosterRules.supervisors = try RosteringSection.supervisors(value)
                case "meetings": meetingRules = try RosteringSection.meetings(value)
                case "weights": rosterRules.weights = try RosteringSection.weights(value)
                case "fairness": try RosteringSection.fairness(value, into: &rosterRules)
                case "variants": variantsNode = value
                default: break
                }
            }
        }
        // Read after services, whatever the order in the file: events name services.
        let demand = try demandNode.map { v throws(ScenarioError) in try DemandSection.demand(v, services: services) }
            ?? DemandSection.Settings()
        let calendar: BusinessCalendar
        do {
            calendar = try BusinessCalendar(rules: rules)
        } catch {
            throw ScenarioError(file: file, line: nil, field: "calendar", error.description)
        }
        // Read after services: changes name lines of work.
        var variants: [Variant] = []
        for v in try variantsNode?.sequence() ?? [] {
            var name = "", changes: [String] = []
            for (k, x) in try v.mapping(allowed: ["name", "changes", "note"]) {
                switch k {
                case "name": name = try x.string()
                case "changes": changes = try x.sequence().map { c throws(ScenarioError) in try c.string() }
                default: break
                }
            }
            do {
                let parsed = try Variant.parse(name + ":" + changes.joined(separator: ","), services: services)
                guard !variants.contains(where: { $0.name == parsed.name }) else { throw VariantError(name, "a second variant of this name") }
                variants.append(parsed)
            } catch {
                throw v.error("\(error)")
            }
        }
        return Scenario(name: name, city: city, population: population, calendar: calendar, services: services,
                        staffing: staffing, forecastSettings: demand.forecast, events: demand.events, folder: ".",
                        rosterRules: rosterRules, variants: variants, meetingRules: meetingRules,
                        historyFile: demand.history, intradayFile: demand.intraday, bookingsFile: demand.bookings)
    }
}
