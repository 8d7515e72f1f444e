import BusinessCalendar
import Demand
import MIP
@testable import Rostering

import Testing

/// The method for large centres (Docs/Formulation.md, "Large centres"): the
/// symmetric LP bound and the neighbourhood search, on generated centres small
/// enough to solve exactly as well.
@Suite("Large centres: symmetric bound and neighbourhood search")
struct LargeCentreTests {
    /// A small centre open two days a week in February 2027 (eight days): supervisors
    /// and staff of three kinds, many of them interchangeable.
    static func centre(staff n: Int, seed: UInt64) -> Tiny {
        var rng = SplitMix64(seed: seed)
        var t = Tiny(openWeekdays: [.monday, .wednesday], hours: "09:00-17:00")
        t.rules.shifts = [
            ShiftTemplate(code: "日", name: "日勤", hours: Hours("09:00-17:00")!, breakWindow: Hours("11:30-14:00")),
            ShiftTemplate(code: "前", name: "午前", hours: Hours("09:00-13:00")!, employments: [.partTime]),
            ShiftTemplate(code: "後", name: "午後", hours: Hours("13:00-17:00")!, employments: [.partTime]),
        ]
        t.rules.fairness = true
        for i in 0..<n {
            let kind = i < 3 ? 0 : 1 + Int(rng.next() % 3)
            var p = Tiny.person(String(format: "P%02d", i), kind == 0 ? .supervisor : .staff,
                                skills: kind == 1 ? ["a"] : kind == 2 ? ["b"] : ["a", "b"],
                                employment: kind == 3 ? .partTime : .fullTime)
            p.contract.hourlyCost = kind == 3 ? 1100 : 1500
            t.staff.append(p)
        }
        let scale = Double(n) / 4
        t.need = { day, time, s in
            let h = Double(time.minutes) / 60
            let peak = h >= 10 && h < 12 || h >= 14 && h < 16 ? 1.4 : 0.8
            return Int((scale * peak * (s == "a" ? 0.6 : 0.4) * (day.weekday == .wednesday ? 1.2 : 1)).rounded())
        }
        return t
    }

    @Test("interchangeable people form classes; anyone with a request stands alone")
    func classes() throws {
        let problem = try Self.centre(staff: 30, seed: 2).problem()
        let classes = SymmetricBound.classes(problem)
        #expect(classes.flatMap { $0 }.sorted() == Array(problem.staff.indices))
        #expect(classes.count < problem.staff.count)
        for c in classes {
            let a = problem.staff[c[0]]
            for p in c.dropFirst() {
                #expect(Set(problem.staff[p].skills) == Set(a.skills) && problem.staff[p].employment == a.employment && problem.staff[p].role == a.role)
            }
        }
        // A request (here: leave) sets its person apart.
        var t = Self.centre(staff: 30, seed: 2)
        t.requests = [Request(person: "P05", from: CivilDate(2027, 2, 3)!, through: CivilDate(2027, 2, 3)!, kind: .leave)]
        #expect(SymmetricBound.classes(try t.problem()).contains([5]))
    }

    /// The aggregation by orbits is exact for the LP: the aggregated LP's optimum
    /// equals the LP relaxation of the whole program.
    @Test("the aggregated LP equals the whole LP relaxation", arguments: [1, 2] as [UInt64])
    func exactLP(seed: UInt64) throws {
        let problem = try Self.centre(staff: 16, seed: seed).problem()
        var o = SolveOptions()
        o.relaxIntegrality = true
        // (The aggregated model's whole-shift rows are lifted by the day's shift; so are the whole model's here.)
        let whole = try GLPKSolver().solve(RosterModel(problem, liftedWholeShifts: true).program, options: o)
        let bound = SymmetricBound(problem)
        #expect(bound.model.program.columns.count < RosterModel(problem).program.columns.count)
        let aggregated = try bound.solve()
        let w = try #require(whole.objective), a = try #require(aggregated.objective)
        #expect(abs(w - a) <= 1e-6 * max(1, abs(w)), "whole LP \(w), aggregated \(a)")
        // Summing slots in blocks relaxes further: never above.
        let coarse = try #require(try bound.solve(block: 2).objective)
        #expect(coarse <= a + 1e-6)
    }

    @Test("the decomposition by days converges to the exact LP, every bound on the way valid", arguments: [1, 4] as [Int])
    func lagrangian(block: Int) throws {
        let problem = try Self.centre(staff: 16, seed: 4).problem()
        let bound = SymmetricBound(problem)
        let exact = try #require(try bound.solve().objective)
        var reported: [Double] = []
        let best = try #require(try bound.boundByDays(block: block, deadline: 120, report: { reported.append($0) }))
        if block > 1 {
            let coarse = try #require(try bound.solve(block: block).objective)
            #expect(abs(reported[0] - coarse) < 1e-6)  // the coarse LP comes first
        }
        #expect(reported.allSatisfy { $0 <= exact + 1e-6 * max(1, abs(exact)) }, "a bound above the LP optimum \(exact): \(reported)")
        #expect(abs(best - exact) <= 1e-6 * max(1, abs(exact)), "decomposition \(best), LP \(exact)")
        #expect(reported == reported.sorted())  // only improvements are reported
        // Dualizing the linking rows leaves one block per day (plus lone columns).
        let rows = bound.linkingRows()
        let rest = bound.model.boxed().lagrangian(dualizing: rows, multipliers: rows.map { _ in 0 }).program
        let blocks = rest.components().filter { !$0.rows.isEmpty }
        #expect(blocks.count >= problem.days.count)
    }

    @Test("the LP rounded by days: whole class counts, and a roster the checker passes")
    func roundedLP() throws {
        let t = Self.centre(staff: 16, seed: 4)
        let problem = try t.problem()
        let bound = SymmetricBound(problem)
        let exact = try #require(try bound.solve().objective)
        var handed: [Double]?
        _ = try bound.boundByDays(deadline: 120, primal: { handed = $0; return false })
        let aggregated = try #require(handed)
        // Each class's count on each shift of each day is a whole number.
        for (k, members) in bound.classes.enumerated() {
            for d in problem.days.indices {
                for w in bound.model.work[k][d] {
                    let n = Double(members.count) * aggregated[w.index]
                    #expect(abs(n - n.rounded()) < 1e-6, "class \(k) day \(d): \(n) people")
                }
            }
        }
        let share = bound.shares(aggregated)
        let model = RosterModel(problem)
        let values = try #require(try RosterSearch(model: model, timeLimit: 20).construct(following: share, classes: bound.classes, deadline: 20))
        #expect(model.program.violatedRows(values, tolerance: 1e-5).isEmpty)
        let value = model.program.objectiveValue(values)
        #expect(value >= exact - 1e-6 * max(1, abs(exact)), "a roster below the LP bound: \(value) < \(exact)")
        let solution = Solution(status: .feasible, stopReason: .completed, objective: value, bound: exact, gap: nil,
                                seconds: 0, values: values, nodes: 0)
        let roster = RosterSolver().extract(model, values: values, solution: solution, scenario: nil)
        let v = t.checker.check(roster)
        #expect(v.isEmpty, "\(v.map(\.description))")
    }

    @Test("whole shifts: the hours rows rounded hold for every week a person can work, and cut the LP")
    func wholeShifts() throws {
        let problem = try SyntheticCentre(staff: 20, days: 14, seed: 1).problem(days: 14)
        let model = RosterModel(problem, liftedWholeShifts: true)
        let program = model.program
        let cuts = program.rows.indices.filter { program.rows[$0].name.hasPrefix("wholeShifts[") }
        // Lifted by a day's shift: with an afternoon on 3 March, at most five shifts that week.
        #expect(cuts.contains { program.rows[$0].name.hasSuffix(",shifts+1·午後@2027-03-03≤6]") && program.rows[$0].upper == 6 })
        #expect(!RosterModel(problem).program.rows.contains { $0.name.contains("@") })  // a model of people: not lifted by default
        // A full-timer's 40-hour week of 7¾-hour days: at most five.
        #expect(cuts.contains { program.rows[$0].name.hasSuffix(",7.75h]") && program.rows[$0].upper == 5 })
        // A 24-hour part-timer's six-day week of mornings (4 h), afternoons (4¼ h) and days (7¾ h).
        #expect(cuts.contains { program.rows[$0].name.hasSuffix(",5·4h+6·4.25h+9·7.75h≤30]") && program.rows[$0].upper == 30 })
        // Validity: every choice of one option (or none) per day of a week that keeps the
        // person's other rows of that week keeps the cut too. Enumerated for the first week.
        let week = Array(problem.days.indices.prefix(7))
        for p in problem.staff.indices {
            let columns = Set(week.flatMap { model.work[p][$0] }.map(\.index))
            let own = program.rows.indices.filter { i in
                !program.rows[i].terms.isEmpty && program.rows[i].terms.allSatisfy { columns.contains($0.column.index) }
            }
            let mine = own.filter { cuts.contains($0) }
            guard !mine.isEmpty else { continue }
            var choice = [Int](repeating: 0, count: week.count)  // 0: off, k: option k − 1
            while true {
                var x = [Double](repeating: 0, count: program.columns.count)
                for (i, d) in week.enumerated() where choice[i] > 0 { x[model.work[p][d][choice[i] - 1].index] = 1 }
                func holds(_ i: Int) -> Bool {
                    let a = program.rows[i].terms.reduce(0.0) { $0 + $1.coefficient * x[$1.column.index] }
                    return a >= program.rows[i].lower - 1e-9 && a <= program.rows[i].upper + 1e-9
                }
                if own.filter({ !cuts.contains($0) }).allSatisfy(holds) {
                    for i in mine { #expect(holds(i), "\(program.rows[i].name) cuts off a lawful week: \(choice)") }
                }
                var k = 0
                while k < week.count {
                    choice[k] += 1
                    if choice[k] <= model.work[p][week[k]].count { break }
                    choice[k] = 0
                    k += 1
                }
                if k == week.count { break }
            }
        }
        // And the LP is stronger with them.
        var o = SolveOptions()
        o.relaxIntegrality = true
        let with = try #require(try GLPKSolver().solve(program, options: o).objective)
        var without = program
        for i in cuts { without.setRowBounds(RowID(i), lower: -.infinity, upper: .infinity) }
        let weaker = try #require(try GLPKSolver().solve(without, options: o).objective)
        #expect(weaker < with - 1e-6, "LP \(weaker) without the cuts, \(with) with")
    }

    /// Week shapes: a 24-h part-timer (mornings, afternoons, days) with every length
    /// every day and with days on one day only; a 40-h full-timer; four lengths in five days.
    static let weekShapes = [
        WholeShifts.Shape(lengths: [240, 255, 465], upper: [7, 7, 7], days: 6, capacity: 1440),
        WholeShifts.Shape(lengths: [240, 255, 465], upper: [6, 6, 1], days: 6, capacity: 1440),
        WholeShifts.Shape(lengths: [465], upper: [7], days: 6, capacity: 2400),
        WholeShifts.Shape(lengths: [240, 360, 465, 525], upper: [5, 5, 5, 1], days: 5, capacity: 1800),
    ]

    /// Every count of shifts per length the shape's days and hours allow (enumerated
    /// here independently of `WholeShifts.points`).
    static func weeks(of shape: WholeShifts.Shape) -> [[Int]] {
        var points: [[Int]] = [[]]
        for u in shape.upper { points = points.flatMap { p in (0...u).map { p + [$0] } } }
        return points.filter { p in p.reduce(0, +) <= shape.days && zip(p, shape.lengths).reduce(0) { $0 + $1.0 * $1.1 } <= shape.capacity }
    }

    @Test("whole-shift facets: valid for every week a person can work, cutting the LP, facets of the hull", arguments: Self.weekShapes)
    func wholeShiftFacets(shape: WholeShifts.Shape) throws {
        let facets = try #require(WholeShifts.facets(shape))
        #expect(!facets.isEmpty)
        let points = Self.weeks(of: shape)
        for f in facets {
            let values = points.map { p in zip(p, f.coefficients).reduce(0) { $0 + $1.0 * $1.1 } }
            #expect(values.allSatisfy { $0 <= f.rhs }, "\(f) cuts off a week")
            #expect(values.contains(f.rhs), "\(f) is not tight")
            // Cuts the LP: some fractional week within the days and hours exceeds it
            // (taking the lengths greedily by coefficient per minute is enough here).
            var best = 0.0, hours = Double(shape.capacity), days = Double(shape.days)
            for i in shape.lengths.indices.sorted(by: { Double(f.coefficients[$0]) / Double(shape.lengths[$0]) > Double(f.coefficients[$1]) / Double(shape.lengths[$1]) }) {
                let n = min(Double(shape.upper[i]), days, hours / Double(shape.lengths[i]))
                best += n * Double(f.coefficients[i]); hours -= n * Double(shape.lengths[i]); days -= n
            }
            #expect(best > Double(f.rhs) + 1e-9, "\(f) does not cut the LP (greedy LP value \(best))")
        }
        if shape.lengths == [240, 255, 465] && shape.upper == [7, 7, 7] {
            #expect(Set(facets) == [WholeShifts.Facet(coefficients: [1, 1, 2], rhs: 6), WholeShifts.Facet(coefficients: [5, 6, 9], rhs: 30)])
        }
        if shape.lengths == [465] { #expect(facets == [WholeShifts.Facet(coefficients: [1], rhs: 5)]) }
    }

    @Test("lifted whole-shift rows: a day's shift of length i leaves the week at most max over weeks with that length", arguments: Self.weekShapes)
    func wholeShiftLiftings(shape: WholeShifts.Shape) throws {
        let facets = try #require(WholeShifts.facets(shape))
        let liftings = try #require(WholeShifts.liftings(shape, facets: facets))
        let points = Self.weeks(of: shape)
        for f in liftings {
            #expect(f.lift.contains { $0 > 0 })
            for i in shape.lengths.indices {
                let withI = points.filter { $0[i] >= 1 }.map { p in zip(p, f.coefficients).reduce(0) { $0 + $1.0 * $1.1 } }
                // Valid: every week with a shift of length i (x = 1 on one of its days) keeps the lifted row …
                #expect(withI.allSatisfy { $0 + f.lift[i] <= f.rhs }, "\(f) cuts off a week with length \(i)")
                // … and tight: the lift is as large as it can be.
                if let most = withI.max() { #expect(most + f.lift[i] == f.rhs, "\(f) could lift length \(i) further") }
            }
            // x = 0: the row without the lift holds for every week, tightly.
            let values = points.map { p in zip(p, f.coefficients).reduce(0) { $0 + $1.0 * $1.1 } }
            #expect(values.max() == f.rhs)
        }
        if shape.lengths == [240, 255, 465] && shape.upper == [7, 7, 7] {
            // A 24-hour part-timer with an afternoon or a day shift works at most five shifts.
            #expect(liftings.contains(WholeShifts.Lifting(coefficients: [1, 1, 1], rhs: 6, lift: [0, 1, 1])))
        }
        if shape.lengths == [465] { #expect(liftings.isEmpty) }  // one length: nothing to lift
    }

    @Test("the search's roster passes the checker and sits above the bound and the optimum", arguments: [1, 3] as [UInt64])
    func search(seed: UInt64) throws {
        let t = Self.centre(staff: 10, seed: seed)
        let problem = try t.problem()
        let exact = try RosterSolver(options: SolveOptions(timeLimit: 8), method: .monolithic).solve(problem)
        let found = try RosterSolver(options: SolveOptions(timeLimit: 3), method: .search).solve(problem)
        #expect(found.solution.status == .feasible)
        let v = t.checker.check(found.roster)
        #expect(v.isEmpty, "\(v.map(\.description))")
        // bound ≤ optimum ≤ any roster's value, whichever method found it.
        let value = try #require(found.solution.objective), bound = try #require(found.solution.bound)
        #expect(bound <= (try #require(exact.solution.objective)) + 1e-6)
        #expect(value >= (try #require(exact.solution.bound)) - 1e-6)
        // The roster's objective is the model's value of the roster: check it against the program.
        #expect(abs((found.solution.gap ?? -1) - (value - bound) / value) < 1e-9)
    }

    @Test("with a work rate the large-centre method is deterministic: the same roster twice, lawful, above the bound")
    func deterministic() throws {
        let t = Self.centre(staff: 25, seed: 5)
        let problem = try t.problem()
        var options = SolveOptions(timeLimit: 3)
        options.workRate = SolveOptions.defaultWorkRate
        let first = try RosterSolver(options: options, method: .search).solve(problem)
        let second = try RosterSolver(options: options, method: .search).solve(problem)
        #expect(first.solution.values == second.solution.values)
        #expect(first.roster.assignments == second.roster.assignments)
        #expect(first.solution.objective == second.solution.objective && first.solution.bound == second.solution.bound)
        let v = t.checker.check(first.roster)
        #expect(v.isEmpty, "\(v.map(\.description))")
        #expect((first.solution.bound ?? .infinity) <= (first.solution.objective ?? -.infinity) + 1e-6)
        // The work limit is what stops it: a smaller one stops it sooner, on fewer neighbourhoods.
        options.timeLimit = 1.5
        let shorter = try RosterSolver(options: options, method: .search).solve(problem)
        #expect((shorter.search?.neighbourhoods ?? .max) < (first.search?.neighbourhoods ?? 0))
    }

    @Test("a search beside another publishes what it finds, and takes the better roster they share")
    func sharedIncumbent() throws {
        let problem = try Self.centre(staff: 25, seed: 5).problem()
        let model = RosterModel(problem)
        let program = model.program
        let start = try #require(try RosterSearch(model: model, timeLimit: 10).construct(deadline: 10))
        let startValue = program.objectiveValue(start)
        // Alone beside an empty store: everything it finds is shared.
        let shared = Locked<RosterSearch.Incumbent?>(nil)
        let (found, report) = try RosterSearch(model: model, timeLimit: 2, seed: 3).solve(shared: shared, start: start)
        let value = try #require(found.objective)
        #expect(report.constructed == nil)  // it started from the roster given
        #expect(value <= startValue + 1e-6)
        #expect(program.violatedRows(found.values, tolerance: 1e-5).isEmpty)
        #expect(abs(program.objectiveValue(found.values) - value) < 1e-6)
        let published = try #require(shared.value)
        #expect(abs(published.value - value) < 1e-6 && published.values == found.values)
        // A store holding a better roster than the start (another search's): taken
        // over, even by a search with no time to search.
        try #require(value < startValue - 1)
        let better = Locked<RosterSearch.Incumbent?>(RosterSearch.Incumbent(value: value, values: found.values, serial: 50))
        let (took, _) = try RosterSearch(model: model, timeLimit: 0.4, seed: 4).solve(shared: better, start: start)
        #expect(abs((took.objective ?? .infinity) - value) < 1e-6 && took.values == found.values)
        #expect(better.value?.serial == 50)  // nothing better to publish
    }

    @Test("the bound's thread rounds its master once it has stalled: < 0.3% over five rounds, after ten")
    func stalled() {
        let falling = (0..<12).map { 1000.0 - 20 * Double($0) }
        #expect(!SymmetricBound.stalled(falling))
        #expect(!SymmetricBound.stalled(Array(repeating: 500, count: 9)))  // too few rounds
        #expect(SymmetricBound.stalled(falling + [775, 774.6, 774.2, 773.8, 773.4, 773]))  // 0.26% over the last five rounds
        #expect(!SymmetricBound.stalled(falling + [775, 774, 773, 772, 771, 770]))  // 0.65%
    }

    @Test("the construction alone respects every capacity row and the supervisor rule")
    func construction() throws {
        let problem = try Self.centre(staff: 25, seed: 5).problem()
        let model = RosterModel(problem)
        let x = try #require(try RosterSearch(model: model, timeLimit: 10).construct(deadline: 10))
        #expect(model.program.violatedRows(x, tolerance: 1e-6).isEmpty)
        for (j, c) in model.program.columns.enumerated() where c.kind != .continuous {
            #expect(x[j] == 0 || x[j] == 1)
        }
    }

    @Test("the completion mends a roster left without a supervisor on several days")
    func completionMendsDays() throws {
        let (problem, model, search, greedy) = try Self.constructed(staff: 25, seed: 5)
        var x = greedy
        // Every supervisor's shift and break taken away on two open days: the
        // supervisor rows of both fail, so neither day can be mended with the other fixed.
        let open = problem.days.indices.filter { d in problem.required[d].contains { $0.contains { $0 > 0 } } }
        try #require(open.count >= 2)
        for p in problem.supervisorIndices {
            for d in open.prefix(2) {
                for (o, w) in model.work[p][d].enumerated() {
                    x[w.index] = 0
                    for b in model.breakStart[p][d][o] { x[b.index] = 0 }
                }
            }
        }
        let broken = model.program.violatedRows(x, tolerance: 1e-6).map { model.program.rows[$0.0.index].name }
        #expect(broken.contains { $0.hasPrefix("supervisor[") })
        let mended = try #require(try search.complete(x, deadline: 10))
        #expect(model.program.violatedRows(mended, tolerance: 1e-5).isEmpty)
        // Only the two days changed.
        for p in model.work.indices {
            for d in problem.days.indices where !open.prefix(2).contains(d) {
                for w in model.work[p][d] { #expect(mended[w.index] == x[w.index]) }
            }
        }
    }
}

extension LargeCentreTests {
    /// A generated centre, its model, a search over it and the search's greedy roster.
    static func constructed(staff n: Int, seed: UInt64) throws -> (RosterProblem, RosterModel, RosterSearch, [Double]) {
        let problem = try centre(staff: n, seed: seed).problem()
        let model = RosterModel(problem)
        let search = RosterSearch(model: model, timeLimit: 10)
        return (problem, model, search, try #require(try search.construct(deadline: 10)))
    }

    /// The pattern neighbourhood (session 14): the part-timers' whole weeks re-chosen
    /// among patterns. The current roster is a solution of the pattern programme at
    /// the same cost, and what GLPK returns maps back to a lawful roster that costs
    /// what the pattern programme says and no more than the current one — which
    /// fails if a pattern column's coefficients are not the sum of its shifts' and breaks'.
    @Test("week patterns: the current roster is one, and the answer maps back to a lawful roster")
    func weekPatterns() throws {
        let (problem, model, _, x) = try Self.constructed(staff: 25, seed: 3)
        let program = model.program
        try #require(program.violatedRows(x, tolerance: 1e-5).isEmpty)
        let week = try #require(model.weeks.map(\.days).first { $0.count >= 2 })
        let chosen = problem.staff.indices.filter { problem.staff[$0].employment == .partTime }
        try #require(chosen.count >= 2)
        // Everyone's shifts and breaks fixed at the roster (the chosen people's week is replaced by patterns).
        var fixed = program
        for p in model.work.indices {
            for d in problem.days.indices {
                for (o, w) in model.work[p][d].enumerated() {
                    for j in [w.index] + model.breakStart[p][d][o].map(\.index) { fixed.setBounds(ColumnID(j), lower: x[j], upper: x[j]) }
                }
            }
        }
        let pattern = RosterSearch.patternProgram(model, fixed, current: x, chosen: chosen, week: week)
        #expect(pattern.patterns.count > chosen.count)
        #expect(pattern.program.violatedRows(pattern.start, tolerance: 1e-5).isEmpty)
        #expect(abs(pattern.program.objectiveValue(pattern.start) - program.objectiveValue(x)) < 1e-6)
        #expect(pattern.roster(pattern.start) == x)
        let step = try #require(try GLPKSolver().solveNeighbourhood(pattern.program, from: pattern.start, timeLimit: 20))
        let values = try #require(step.values)
        let y = pattern.roster(values)
        #expect(program.violatedRows(y, tolerance: 1e-5).isEmpty)
        #expect(abs(program.objectiveValue(y) - pattern.program.objectiveValue(values)) < 1e-6)
        #expect(program.objectiveValue(y) <= program.objectiveValue(x) + 1e-6)
        // Only the chosen people's shifts of the week moved.
        for p in model.work.indices {
            for d in problem.days.indices where !(chosen.contains(p) && week.contains(d)) {
                for w in model.work[p][d] { #expect(y[w.index] == x[w.index]) }
            }
        }
    }
}
