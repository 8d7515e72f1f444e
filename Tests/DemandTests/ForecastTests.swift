import BusinessCalendar
import Testing
@testable import Demand

@Suite("The forecast recovers what it was given")
struct ForecastTests {
    let calendar = try! BusinessCalendar(rules: OpeningRules())

    /// A generator with a flat level and known calendar effects.
    func flatGenerator(noise: Double, base: Double = 40) -> HistoryGenerator {
        var g = HistoryGenerator(lines: [.init(service: "delivery", base: base, bookingShare: 0.5) { _ in 1 }])
        g.month = [Double](repeating: 1, count: 12)
        g.dispersion = noise
        return g
    }

    @Test("weekday, closure and holiday-morning effects are recovered from synthetic data")
    func recoversKnownPattern() throws {
        // A busy counter (400 a day) so that Poisson noise hides nothing.
        let g = flatGenerator(noise: 0, base: 400)
        let h = g.generate(calendar: calendar, from: CivilDate(2023, 1, 1)!, through: CivilDate(2025, 12, 31)!,
                           slotsFrom: nil, seed: 1)
        let features = DayFeatures.days(calendar, from: h.firstDate!, through: h.lastDate!)
        let m = try #require(DailyDemandModel.fit(service: "delivery", history: h.series("delivery"),
                                                  features: features, settings: ForecastSettings()))
        let e = Dictionary(uniqueKeysWithValues: m.effects)
        // Truth: Mon 1.25, Tue 1.0, Wed 1.12, Thu 0.95, Fri 1.05 (relative to Monday in the model).
        #expect(abs(e["Tue"]! - 1.0 / 1.25) < 0.02)
        #expect(abs(e["Wed"]! - 1.12 / 1.25) < 0.02)
        #expect(abs(e["Thu"]! - 0.95 / 1.25) < 0.02)
        #expect(abs(e["holiday-opening"]! - 0.55 / 1.25) < 0.02)
        #expect(abs(e["long-closure"]! - 1.12) < 0.03)
        #expect(abs(e["new-year"]! - 1.5) < 0.1)
        #expect(abs(e["month-end"]! - 1.15) < 0.03)
        #expect(abs(e["month-start"]! - 1.08) < 0.03)
        // The expected count on an ordinary Tuesday is the base.
        let tue = try #require(DayFeatures.days(calendar, from: CivilDate(2026, 2, 17)!, through: CivilDate(2026, 2, 17)!).first)
        #expect(abs(m.expected(tue) - 400) / 400 < 0.03)
    }

    @Test("prediction intervals cover about their nominal share on noisy data")
    func intervalCoverage() throws {
        let g = flatGenerator(noise: 0.02, base: 100)
        let h = g.generate(calendar: calendar, from: CivilDate(2023, 1, 1)!, through: CivilDate(2025, 12, 31)!,
                           slotsFrom: nil, seed: 7)
        let r = try Backtest.run(calendar: calendar, services: [Service(id: "delivery", name: "交付", handlingMinutes: 20)],
                                 history: h, months: 6)
        let line = try #require(r.lines.first)
        #expect(line.coverage > 0.7 && line.coverage < 0.92)
        #expect(abs(line.bias) < 0.05)
        #expect(line.wape < line.seasonalNaiveWAPE)
    }

    @Test("events multiply the forecast on their dates and line only")
    func events() throws {
        let g = flatGenerator(noise: 0)
        let h = g.generate(calendar: calendar, from: CivilDate(2024, 1, 1)!, through: CivilDate(2025, 12, 31)!,
                           slotsFrom: nil, seed: 1)
        let services = [Service(id: "delivery", name: "交付", handlingMinutes: 20)]
        let plain = try Forecaster(calendar: calendar, services: services, history: h)
        let spiked = try Forecaster(calendar: calendar, services: services, history: h, events: [
            DemandEvent(from: CivilDate(2026, 2, 2)!, through: CivilDate(2026, 2, 6)!, service: "交付", multiplier: 1.8),
        ])
        let a = plain.daily(from: CivilDate(2026, 2, 1)!, through: CivilDate(2026, 2, 28)!)
        let b = spiked.daily(from: CivilDate(2026, 2, 1)!, through: CivilDate(2026, 2, 28)!)
        for (x, y) in zip(a, b) {
            let inside = x.date >= CivilDate(2026, 2, 2)! && x.date <= CivilDate(2026, 2, 6)!
            #expect(abs(y.expected - x.expected * (inside ? 1.8 : 1)) < 1e-9)
        }
    }

    @Test("slot forecasts add up to the day, and follow the day's hours")
    func slotsSumToDay() throws {
        let g = flatGenerator(noise: 0.02)
        let h = g.generate(calendar: calendar, from: CivilDate(2024, 1, 1)!, through: CivilDate(2025, 12, 31)!,
                           slotsFrom: CivilDate(2025, 10, 1)!, seed: 3)
        let f = try Forecaster(calendar: calendar, services: [Service(id: "delivery", name: "交付", handlingMinutes: 20)], history: h)
        let days = f.daily(from: CivilDate(2026, 1, 1)!, through: CivilDate(2026, 1, 31)!)
        let slots = f.slots(days: days)
        for d in days {
            let mine = slots.filter { $0.date == d.date }
            #expect(abs(mine.reduce(0) { $0 + $1.expected } - d.expected) < 1e-9)
            #expect(mine.count == calendar.day(d.date).slotCount)
        }
        let wednesday = slots.filter { $0.date == CivilDate(2026, 1, 14)! }
        #expect(wednesday.last?.slot == TimeOfDay("18:45"))
    }
}

@Suite("Staff needed per slot")
struct RequirementsTests {
    func forecast(_ expected: Double, bookings: Double = 0, service: String = "delivery") -> SlotForecast {
        SlotForecast(date: CivilDate(2026, 12, 1)!, slot: TimeOfDay("10:00")!, service: service,
                     expected: expected, lower: 0, upper: 0, bookings: bookings)
    }

    @Test("bookings add their workload; walk-ins use Erlang; shrinkage and floors apply")
    func separate() {
        let s = Service(id: "delivery", name: "交付", handlingMinutes: 20, target: .init(fraction: 0.8, withinMinutes: 15), floor: 1)
        let calc = RequirementsCalculator(services: [s], policy: StaffingPolicy(shrinkage: 0, maxOccupancy: 1), slotMinutes: 15)
        #expect(calc.requirement(forecast(0)).required == 1)                  // the floor
        #expect(calc.requirement(forecast(3, bookings: 3)).required == 4)     // 3 × 20 / 15 = 4 desk-slots
        // 7.5 walk-ins per 15 minutes = 30 an hour at 20 minutes = 10 erlangs.
        let r = calc.requirement(forecast(7.5))
        #expect(r.required == Queue(arrivalsPerHour: 30, handlingMinutes: 20).requiredAgents(target: s.target).agents)
        let shrunk = RequirementsCalculator(services: [s], policy: StaffingPolicy(shrinkage: 0.5, maxOccupancy: 1), slotMinutes: 15)
        #expect(shrunk.requirement(forecast(3, bookings: 3)).required == 8)
    }

    @Test("pooled staffing needs no more than separate lines, and keeps each line's floor")
    func pooled() {
        let a = Service(id: "a", name: "A", handlingMinutes: 20, floor: 1)
        let b = Service(id: "b", name: "B", handlingMinutes: 15)
        let sep = RequirementsCalculator(services: [a, b], policy: StaffingPolicy(pooling: .separate), slotMinutes: 15)
        let pool = RequirementsCalculator(services: [a, b], policy: StaffingPolicy(pooling: .pooled), slotMinutes: 15)
        for load in stride(from: 0.0, through: 12, by: 0.75) {
            let fs = [forecast(load, bookings: load / 3, service: "a"), forecast(load / 2, service: "b")]
            let s = sep.requirements(fs).reduce(0) { $0 + $1.required }
            let p = pool.requirements(fs)
            #expect(p.reduce(0) { $0 + $1.required } <= s, "load \(load)")
            #expect(p[0].required >= 1)
        }
    }
}
