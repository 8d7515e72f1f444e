import BusinessCalendar
import Demand
import Foundation
import MIP
import Rostering
@testable import Scenario
import Testing
@testable import WhatIf

let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
/// Four people (three supervisors) on Nankoku's rules and history: small enough to solve to optimality in a second or two.
let small = repository.appendingPathComponent("Tests/Fixtures/scenarios/small").path
let february = YearMonth(year: 2027, month: 2)!

@Suite("What-if variants")
struct VariantTests {
    static let services = DemandSection.defaultServices

    @Test("every kind of change reads from its text")
    func parse() throws {
        let v = try Variant.parse("急増と欠勤:spike=2026-12-01..2026-12-14:交付*1.8,absent=S005:2026-12-07,add=S006*2,remove=S004,"
                                  + "target=*:0.9,hours=wed:08:30-20:00,hours=weekday:08:30-18:00,close=2026-12-25,open=2026-12-26:08:30-12:00",
                                  services: Self.services)
        let d = { (s: String) in CivilDate(s)! }
        #expect(v.name == "急増と欠勤")
        #expect(v.changes == [Variant.Change]([
            .spike(from: d("2026-12-01"), through: d("2026-12-14"), line: "delivery", factor: 1.8),
            .absent(staff: "S005", from: d("2026-12-07"), through: d("2026-12-07")),
            .add(like: "S006", count: 2), .remove(staff: "S004"), .target(line: nil, fraction: 0.9),
            .hours(weekday: .wednesday, hours: Hours("08:30-20:00")!), .hours(weekday: nil, hours: Hours("08:30-18:00")!),
            .close(date: d("2026-12-25")), .open(date: d("2026-12-26"), hours: Hours("08:30-12:00")!),
        ]))
        // Written back, each change reads again as itself.
        #expect(try Variant.parseChanges(v.changes.map(\.description).joined(separator: ","), services: Self.services) == v.changes)
    }

    @Test("bad variants are refused with the reason", arguments: [
        ("no-colon", "expected NAME:CHANGES"),
        ("x:spike=2026-12-01:窓口*2", "unknown line of work"),
        ("x:spike=2026-12-14..2026-12-01:交付*2", "is not a date or a range"),
        ("x:target=交付:1.5", "a share between 0 and 1"),
        ("x:hours=wed:25:00-26:00", "is not opening hours"),
        ("x:add=S006*0", "N from 1 to 500"),
        ("x:fly=1", "unknown change"),
        ("base:remove=S001", "other than \"base\""),
    ])
    func errors(text: String, message: String) {
        #expect { try Variant.parse(text, services: Self.services) } throws: { "\($0)".contains(message) }
    }

    @Test("named variants in scenario.yaml; a bad one names the file and line")
    func named() throws {
        let s = try Scenario.load(folder: small)
        #expect(s.variants.map(\.name) == ["交付急増", "S003欠勤"])
        let yaml = "name: x\nvariants:\n  - name: y\n    changes: [\"spike=2026-12-01:窓口*2\"]\n"
        #expect { try Scenario.parse(yaml: yaml, file: "scenario.yaml") } throws: {
            "\($0)".hasPrefix("scenario.yaml:3: variants[0]") && "\($0)".contains("unknown line of work")
        }
    }
}

@Suite("What-if runs on a small scenario", .serialized)
struct WhatIfRunTests {
    static func outcomes(jobs: Int) throws -> [Outcome] {
        let s = try Scenario.load(folder: small)
        return try WhatIfRunner(options: SolveOptions(timeLimit: 120), jobs: jobs).run(scenario: s, month: february, variants: s.variants)
    }

    static func fingerprint(_ o: Outcome) throws -> String {
        var r = o.roster
        r?.seconds = 0
        let roster = try r.map { String(decoding: try $0.jsonData(), as: UTF8.self) } ?? "-"
        return "\(o.variant) \(o.status) \(o.objective ?? -1) \(o.shortfallHours.sorted { $0.key < $1.key }) \(o.serviceLevelAverage ?? -1) \(o.cost) \(o.changesFromBase ?? -1)\n\(roster)"
    }

    @Test("parallel and serial runs give identical outcomes and rosters; every roster passes the checker")
    func parallelEqualsSerial() throws {
        let serial = try Self.outcomes(jobs: 1)
        let parallel = try Self.outcomes(jobs: 2)
        #expect(serial.count == 3)
        #expect(try serial.map(Self.fingerprint) == parallel.map(Self.fingerprint))
        let s = try Scenario.load(folder: small)
        for (o, v) in zip(serial, [Variant.base] + s.variants) {
            let plan = try Planning(scenario: s, month: february, variant: v)
            let roster = try #require(o.roster, "\(o.variant): \(o.failure ?? "")")
            #expect(plan.checker.check(roster).isEmpty, "\(o.variant)")
        }
        // The absent supervisor is off on the absent days; the spike adds requirement.
        let absent = try #require(serial[2].roster)
        #expect(!absent.assignments.contains { $0.staff == "S003" && ["2027-02-08", "2027-02-09"].contains($0.date) })
        #expect(serial[1].requiredHours > serial[0].requiredHours)
        #expect(serial[1].totalShortfall >= serial[0].totalShortfall)
    }

    @Test("a demand sweep keeping the roster: the service level never improves as demand rises")
    func sweep() throws {
        let s = try Scenario.load(folder: small)
        let base = try #require(try WhatIfRunner(jobs: 1).run(scenario: s, month: february, variants: []).first?.roster)
        let staff = try s.loadStaff()
        let spec = try SweepSpec.parse("交付=1.0..2.0:0.25", services: s.services)
        #expect(spec.levels == [1.0, 1.25, 1.5, 1.75, 2.0])
        let points = try SweepRunner(jobs: 2).run(scenario: s, month: february, spec: spec, base: base, reference: staff[3])
        #expect(points.map(\.level) == spec.levels)
        for (a, b) in zip(points, points.dropFirst()) {
            #expect(b.serviceLevelAverage <= a.serviceLevelAverage + 1e-12)
            #expect(b.requiredHours >= a.requiredHours)
            #expect(b.extraStaffHours >= a.extraStaffHours - 1e-9)
        }
        // Level 1.0 is the base roster's own prediction.
        let plan = try Planning(scenario: s, month: february)
        #expect(abs(points[0].serviceLevelAverage - plan.serviceLevel(base).average) < 1e-9)
        #expect(points.last!.extraPeople >= points.first!.extraPeople)
    }
}
