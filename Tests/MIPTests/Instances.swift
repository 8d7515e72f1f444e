import MIP

/// Small programs with optima known by hand or by enumeration.
enum Instances {
    /// max Σ values·take  s.t.  Σ weights·take ≤ capacity, take binary.
    static func knapsack(values: [Double], weights: [Double], capacity: Double, name: String = "knapsack") -> LinearProgram {
        var lp = LinearProgram(name: name, sense: .maximize)
        let x = values.indices.map { lp.addColumn(name: "take[\($0)]", kind: .binary, objective: values[$0]) }
        lp.addRow(name: "capacity", terms: x.indices.map { (x[$0], weights[$0]) }, upper: capacity)
        return lp
    }

    /// The best knapsack value by enumeration (n ≤ 20).
    static func knapsackByEnumeration(values: [Double], weights: [Double], capacity: Double) -> Double {
        var best = 0.0
        for mask in 0..<(1 << values.count) {
            var v = 0.0, w = 0.0
            for i in values.indices where mask & (1 << i) != 0 { v += values[i]; w += weights[i] }
            if w <= capacity { best = max(best, v) }
        }
        return best
    }

    /// Set cover of elements 1...6: A+D costs 6, but F alone covers everything for 5, the optimum.
    static func setCover() -> LinearProgram {
        // element → sets containing it
        let sets: [(String, Double, [Int])] = [
            ("A", 3, [1, 2, 3]),
            ("B", 2, [2, 4]),
            ("C", 4, [3, 5, 6]),
            ("D", 3, [4, 5, 6]),
            ("E", 1, [1]),
            ("F", 5, [1, 2, 3, 4, 5, 6]),
        ]
        var lp = LinearProgram(name: "set cover", sense: .minimize)
        let x = sets.map { lp.addColumn(name: "use[\($0.0)]", kind: .binary, objective: $0.1) }
        for e in 1...6 {
            let terms = sets.indices.filter { sets[$0].2.contains(e) }.map { (x[$0], 1.0) }
            lp.addRow(name: "cover[要素\(e)]", terms: terms, lower: 1)
        }
        return lp
    }

    /// Assignment of 4 workers to 4 tasks at minimum cost.
    static let assignmentCost: [[Double]] = [
        [9, 2, 7, 8],
        [6, 4, 3, 7],
        [5, 8, 1, 8],
        [7, 6, 9, 4],
    ]

    static func assignment() -> LinearProgram {
        var lp = LinearProgram(name: "assignment")
        let n = assignmentCost.count
        var x: [[ColumnID]] = []
        for i in 0..<n {
            x.append((0..<n).map { j in
                lp.addColumn(name: "assign[w\(i),t\(j)]", kind: .binary, objective: assignmentCost[i][j])
            })
        }
        for i in 0..<n { lp.addRow(name: "worker[\(i)]", terms: (0..<n).map { (x[i][$0], 1.0) }, lower: 1, upper: 1) }
        for j in 0..<n { lp.addRow(name: "task[\(j)]", terms: (0..<n).map { (x[$0][j], 1.0) }, lower: 1, upper: 1) }
        return lp
    }

    /// A program that uses every kind of bound and row: free and negative columns,
    /// general integers, equality, ranged and one-sided rows, maximisation.
    static func mixed() -> LinearProgram {
        var lp = LinearProgram(name: "mixed", sense: .maximize)
        let a = lp.addColumn(name: "a", kind: .integer, lower: -3, upper: 7, objective: 2)
        let b = lp.addColumn(name: "b free", kind: .continuous, lower: -.infinity, upper: .infinity, objective: -1)
        let c = lp.addColumn(name: "c", kind: .continuous, lower: -.infinity, upper: 4.5, objective: 1)
        let d = lp.addColumn(name: "eel", kind: .binary, objective: 3)
        let e = lp.addColumn(name: "9lives~%", kind: .integer, lower: 2, upper: 2, objective: 1)
        lp.addRow(name: "range", terms: [(a, 1), (b, 1)], lower: -2, upper: 5)
        lp.addRow(name: "eq", terms: [(b, 1), (c, -1), (e, 1)], lower: 1, upper: 1)
        lp.addRow(name: "le", terms: [(a, 2), (c, 1), (d, 4)], upper: 16.25)
        lp.addRow(name: "ge", terms: [(c, 1), (d, 1)], lower: -10)
        return lp
    }

    /// A multi-dimensional knapsack that GLPK does not close within a fraction of a second.
    static func hardKnapsack(items: Int = 120, dimensions: Int = 8, seed: UInt64 = 7) -> LinearProgram {
        var rng = SplitMix(seed: seed)
        var lp = LinearProgram(name: "hard", sense: .maximize)
        let weights = (0..<dimensions).map { _ in (0..<items).map { _ in Double(rng.next() % 900 + 100) } }
        let x = (0..<items).map { i in
            let value = (0..<dimensions).reduce(0.0) { $0 + weights[$1][i] } / Double(dimensions) + Double(rng.next() % 200)
            return lp.addColumn(name: "x\(i)", kind: .binary, objective: value.rounded())
        }
        for k in 0..<dimensions {
            let cap = (weights[k].reduce(0, +) / 2).rounded()
            lp.addRow(name: "dim\(k)", terms: x.indices.map { (x[$0], weights[k][$0]) }, upper: cap)
        }
        return lp
    }
}

/// A small seeded generator for test data (SplitMix64).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
