import BusinessCalendar
import Demand
import Foundation
import Rostering
import Scenario

/// Everything a month's plan needs, built from a scenario — and, for a what-if
/// run, from the scenario with a variant's changes made.
public struct Planning: Sendable {
    public let scenario: Scenario
    public let month: YearMonth
    public let variant: Variant
    public let staff: [Person]
    public let requests: [Request]
    public let rules: RosterRules
    public let forecasts: [SlotForecast]
    public let requirements: [SlotRequirement]
    public let problem: RosterProblem
    public let checker: RosterChecker

    /// - Parameter forecasts: the base scenario's slot forecasts for the month, to
    ///   reuse when the variant leaves the calendar alone (a forecast is fitted otherwise).
    public init(scenario base: Scenario, month m: YearMonth, variant: Variant = .base, forecasts baseForecasts: [SlotForecast]? = nil) throws {
        var s = base
        let changes = variant.changes
        if changes.contains(where: \.changesCalendar) {
            var rules = s.calendar.rules
            for c in changes {
                switch c {
                case let .hours(w?, h): rules.weekdayOverrides[w] = h
                case let .hours(nil, h): rules.weekdayHours = h
                case let .close(d): rules.closures[d] = "臨時休業（\(variant.name)）"
                case let .open(d, h): rules.openings[d] = ExtraOpening(hours: h, note: "臨時開庁（\(variant.name)）")
                default: break
                }
            }
            do { s.calendar = try BusinessCalendar(rules: rules) } catch {
                throw WhatIfError.variant(variant.name, "the calendar it makes is invalid: \(error.description)")
            }
        }
        for case let .target(line, f) in changes {
            for k in s.services.indices where line == nil || s.services[k].id == line { s.services[k].target.fraction = f }
        }
        scenario = s
        month = m
        self.variant = variant
        let all = try s.loadStaff()
        func known(_ id: String) throws -> Person {
            guard let p = all.first(where: { $0.id == id }) else {
                throw WhatIfError.variant(variant.name, "unknown staff id \(id); known: \(all.map(\.id).joined(separator: ", "))")
            }
            return p
        }
        var people = all
        var extraLeave: [Request] = []
        for c in changes {
            switch c {
            case let .remove(id):
                _ = try known(id)
                people.removeAll { $0.id == id }
            case let .add(like, n):
                let model = try known(like)
                for k in 1...n {
                    var p = model
                    p.id = "\(like)+\(k)"
                    p.name = "増員\(k)（\(model.role.japanese)・\(like)相当）"
                    p.kana = ""
                    p.start = m.first
                    p.end = nil
                    p.pledge = m.first
                    p.contract.earnedThisYear = 0
                    people.append(p)
                }
            case let .absent(id, from, through):
                _ = try known(id)
                extraLeave.append(Request(person: id, from: from, through: through, kind: .leave, note: "欠勤（\(variant.name)）", source: "whatif"))
            default: break
            }
        }
        staff = people
        let ids = Set(people.map(\.id))
        requests = try s.loadRequests(staff: all).filter { ids.contains($0.person) } + extraLeave.filter { ids.contains($0.person) }
        rules = s.rules(for: m)
        var f = changes.contains(where: \.changesCalendar) || baseForecasts == nil ? try s.forecaster().slots(month: m) : baseForecasts!
        for case let .spike(from, through, line, factor) in changes {
            for k in f.indices where f[k].date >= from && f[k].date <= through && (line == nil || f[k].service == line) {
                f[k].expected *= factor
                f[k].lower *= factor
                f[k].upper *= factor
                f[k].bookings *= factor
            }
        }
        forecasts = f
        requirements = RequirementsCalculator(services: s.services, policy: s.staffing, slotMinutes: s.calendar.rules.slotMinutes)
            .requirements(f)
        problem = try RosterProblem(month: m, calendar: s.calendar, services: s.services, requirements: requirements,
                                    staff: people, requests: requests, rules: rules)
        checker = RosterChecker(month: m, calendar: s.calendar, staff: people, requests: requests, rules: rules, services: s.services)
    }

    /// Staff serving a line in a slot, from a roster's tasks ("date slot line" → count).
    public static func staffed(_ roster: Roster, slotMinutes: Int) -> [String: Int] {
        var count: [String: Int] = [:]
        for a in roster.assignments {
            for t in a.tasks {
                guard var x = TimeOfDay(t.start), let end = TimeOfDay(t.end) else { continue }
                while x < end {
                    count["\(a.date) \(x) \(t.service)", default: 0] += 1
                    x = x.adding(minutes: slotMinutes) ?? end
                }
            }
        }
        return count
    }

    /// The service level the roster's staffing predicts against this plan's forecast.
    public func serviceLevel(_ roster: Roster) -> ServiceLevelEstimate {
        let staffed = Self.staffed(roster, slotMinutes: scenario.calendar.rules.slotMinutes)
        return ServiceLevelEstimate(forecasts: forecasts, services: scenario.services, policy: scenario.staffing,
                                    slotMinutes: scenario.calendar.rules.slotMinutes) { d, t, l in staffed["\(d) \(t) \(l)"] ?? 0 }
    }

    /// Staff-hours required over the month.
    public var requiredHours: Double {
        Double(requirements.reduce(0) { $0 + $1.required } * scenario.calendar.rules.slotMinutes) / 60
    }
}

public enum WhatIfError: Error, Sendable, CustomStringConvertible {
    case variant(String, String)
    public var description: String {
        switch self {
        case let .variant(name, why): return "variant \(name): \(why)"
        }
    }
}
