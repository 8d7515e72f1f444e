import BusinessCalendar
import Foundation

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

    /// The top-level keys scenario.yaml may hold.
    static let topLevelKeys = ["name", "city", "population", "calendar"]

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
        return try parse(yaml: text, file: path)
    }

    /// Parses the text of a scenario.yaml; `file` names it in errors.
    public static func parse(yaml: String, file: String) throws(ScenarioError) -> Scenario {
        var name = "", city = "", population: Int?
        var rules = OpeningRules()
        if let root = try YAMLValue.parse(yaml, file: file) {
            for (key, value) in try root.mapping(allowed: topLevelKeys) {
                switch key {
                case "name": name = try value.string()
                case "city": city = try value.string()
                case "population": population = try value.int(in: 1...100_000_000)
                case "calendar": rules = try CalendarSection.read(value)
                default: break
                }
            }
        }
        let calendar: BusinessCalendar
        do {
            calendar = try BusinessCalendar(rules: rules)
        } catch {
            throw ScenarioError(file: file, line: nil, field: "calendar", error.description)
        }
        return Scenario(name: name, city: city, population: population, calendar: calendar)
    }
}
