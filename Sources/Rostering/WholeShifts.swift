/// The weeks a person can actually work, read as whole shifts of each length.
///
/// A week's shifts are counted by length: n_i shifts of ℓ_i minutes. Every roster's
/// week lies in the integer set
///
///     S = { n ∈ ℤᵏ : 0 ≤ n_i ≤ U_i, Σ n_i ≤ D, Σ ℓ_i·n_i ≤ H }
///
/// (U_i: the days offering length i; D: the days the week allows — one shift a day,
/// the day off, a contract's days; H: the hours cap in minutes). The LP relaxation
/// only knows the box, the days and the hours, so it happily schedules "four
/// mornings of 4 h and one and a half afternoons of 4¼ h" — 24 hours, but no person
/// can work that week: with any afternoon a 24-hour part-timer works at most five
/// shifts. The facets of conv(S) with non-negative coefficients that cut the LP's
/// polytope say so exactly, e.g. `a + p + 2d ≤ 6` and `5a + 6p + 9d ≤ 30` for
/// mornings (4 h), afternoons (4¼ h) and days (7¾ h) under 24 h in a six-day week.
///
/// `S` is tiny (a week has at most seven shifts), so it is enumerated, and so are the
/// candidate coefficient vectors; a candidate is kept when it is a facet (k affinely
/// independent points of S on it) and some vertex of the LP polytope violates it.
enum WholeShifts {
    struct Shape: Hashable, Sendable {
        var lengths: [Int]   // minutes, distinct, positive
        var upper: [Int]     // days offering each length
        var days: Int        // shifts the week allows in all
        var capacity: Int    // minutes
    }

    struct Facet: Hashable, Sendable {
        var coefficients: [Int]
        var rhs: Int
    }

    /// The facets of conv(S) that cut the LP relaxation, among coefficient vectors
    /// with entries up to 16, 12 or 6 (for 2, 3 or 4 lengths); nil when S is too
    /// large to enumerate or has more than four lengths (the caller then falls back
    /// to single-length roundings).
    static func facets(_ shape: Shape, pointLimit: Int = 20_000) -> [Facet]? {
        let k = shape.lengths.count
        guard let points = points(shape, limit: pointLimit) else { return nil }
        // The LP's polytope with the box as given (the clamp above is itself a rounding).
        let vertices = lpVertices(shape, upper: shape.upper)
        let maxCoefficient = [1, 16, 12, 6][k - 1]
        var out: [Facet] = []
        var c = [Int](repeating: 0, count: k)
        candidates: while true {
            var i = 0
            while i < k {
                c[i] += 1
                if c[i] <= maxCoefficient { break }
                c[i] = 0
                i += 1
            }
            if i == k { break }
            guard c.reduce(0, gcd) == 1 else { continue }
            func dot(_ v: [Int]) -> Int { zip(c, v).reduce(0) { $0 + $1.0 * $1.1 } }
            let rhs = points.map(dot).max() ?? 0
            let lp = vertices.map { v in zip(c, v).reduce(0.0) { $0 + Double($1.0) * $1.1 } }.max() ?? 0
            guard lp > Double(rhs) + 1e-7 else { continue candidates }
            let tight = points.filter { dot($0) == rhs }
            guard let first = tight.first, affineRank(tight.map { t in zip(t, first).map { Double($0 - $1) } }) == k - 1 else { continue }
            out.append(Facet(coefficients: c, rhs: rhs))
        }
        return out
    }

    /// The integer points of S; nil when the box is larger than `limit` or the shape
    /// is not one `facets` handles.
    static func points(_ shape: Shape, limit: Int = 20_000) -> [[Int]]? {
        let k = shape.lengths.count
        guard k >= 1, k <= 4, shape.upper.count == k, shape.lengths.allSatisfy({ $0 > 0 }), shape.days >= 0, shape.capacity >= 0 else { return nil }
        let upper = (0..<k).map { max(0, min(shape.upper[$0], shape.days, shape.capacity / shape.lengths[$0])) }
        let box = upper.reduce(1) { $0 * ($1 + 1) }
        guard box <= limit else { return nil }
        var points: [[Int]] = []
        var n = [Int](repeating: 0, count: k)
        outer: while true {
            if n.reduce(0, +) <= shape.days && zip(shape.lengths, n).reduce(0, { $0 + $1.0 * $1.1 }) <= shape.capacity { points.append(n) }
            var i = 0
            while i < k {
                n[i] += 1
                if n[i] <= upper[i] { continue outer }
                n[i] = 0
                i += 1
            }
            break
        }
        return points
    }

    /// A whole-shift row lifted by one day's shift: `α·n + lift_i·x ≤ rhs`, where x is
    /// a shift of length i on one given day of the week.
    struct Lifting: Hashable, Sendable {
        var coefficients: [Int]
        var rhs: Int
        /// Per length: rhs − max{α·n : n ∈ S, n_i ≥ 1} (0: working that length costs the rest of the week nothing).
        var lift: [Int]
    }

    /// Rows that see who works which day. A person who works a shift of length i on
    /// day t is in S_i = {n ∈ S : n_i ≥ 1}, where α·n may reach less than over all of
    /// S: a 24-hour part-timer with one afternoon (4¼ h) works at most five shifts,
    /// not six. So for each day t and shift o of length i on it,
    ///
    ///     α·n + (β − β_i)·x[t,o] ≤ β,   β = max_S α·n,  β_i = max_{S_i} α·n,
    ///
    /// holds for every roster (x = 1 puts n in S_i; x = 0 leaves the row as it was).
    /// Summed over the members of a class of interchangeable people it reads "the
    /// class's shifts this week ≤ 6m − (members on an afternoon on day t)": seven
    /// afternoons on one day are seven people who each lose a shift, which the class's
    /// total hours alone do not see. The rows lifted are the day row (Σn ≤ D), the
    /// hours row and the facets; only those with some lift > 0 are returned.
    static func liftings(_ shape: Shape, facets: [Facet], pointLimit: Int = 20_000) -> [Lifting]? {
        let k = shape.lengths.count
        guard let points = points(shape, limit: pointLimit) else { return nil }
        let g = shape.lengths.reduce(0, gcd)
        var candidates: [[Int]] = [[Int](repeating: 1, count: k), shape.lengths.map { $0 / max(1, g) }]
        candidates += facets.map(\.coefficients)
        var out: [Lifting] = []
        var seen = Set<[Int]>()
        for c in candidates where seen.insert(c).inserted {
            func dot(_ v: [Int]) -> Int { zip(c, v).reduce(0) { $0 + $1.0 * $1.1 } }
            guard let beta = points.map(dot).max() else { continue }
            let lift = (0..<k).map { i -> Int in
                guard let bi = points.filter({ $0[i] >= 1 }).map(dot).max() else { return 0 }
                return beta - bi
            }
            if lift.contains(where: { $0 > 0 }) { out.append(Lifting(coefficients: c, rhs: beta, lift: lift)) }
        }
        return out
    }

    /// The vertices of { 0 ≤ n ≤ U, Σ n ≤ D, ℓ·n ≤ H } (k ≤ 4: every choice of k tight
    /// constraints is tried).
    private static func lpVertices(_ shape: Shape, upper: [Int]) -> [[Double]] {
        let k = shape.lengths.count
        var a: [[Double]] = [], b: [Double] = []
        for i in 0..<k {
            var e = [Double](repeating: 0, count: k)
            e[i] = -1; a.append(e); b.append(0)
            e[i] = 1; a.append(e); b.append(Double(upper[i]))
        }
        a.append([Double](repeating: 1, count: k)); b.append(Double(shape.days))
        a.append(shape.lengths.map(Double.init)); b.append(Double(shape.capacity))
        var out: [[Double]] = []
        func choose(_ start: Int, _ chosen: [Int]) {
            if chosen.count == k {
                guard let v = solve(chosen.map { a[$0] }, chosen.map { b[$0] }) else { return }
                let feasible = a.indices.allSatisfy { r in zip(a[r], v).reduce(0.0) { $0 + $1.0 * $1.1 } <= b[r] + 1e-7 * max(1, abs(b[r])) }
                if feasible { out.append(v) }
                return
            }
            guard start < a.count else { return }
            for r in start..<a.count { choose(r + 1, chosen + [r]) }
        }
        choose(0, [])
        return out
    }

    /// Gaussian elimination with partial pivoting; nil when singular.
    private static func solve(_ m: [[Double]], _ rhs: [Double]) -> [Double]? {
        let k = rhs.count
        var a = m, b = rhs
        for col in 0..<k {
            guard let pivot = (col..<k).max(by: { abs(a[$0][col]) < abs(a[$1][col]) }), abs(a[pivot][col]) > 1e-12 else { return nil }
            a.swapAt(col, pivot); b.swapAt(col, pivot)
            for r in 0..<k where r != col {
                let f = a[r][col] / a[col][col]
                if f == 0 { continue }
                for j in col..<k { a[r][j] -= f * a[col][j] }
                b[r] -= f * b[col]
            }
        }
        return (0..<k).map { b[$0] / a[$0][$0] }
    }

    /// The rank of a set of small integer vectors (as Doubles).
    private static func affineRank(_ vectors: [[Double]]) -> Int {
        var rows = vectors
        guard let width = rows.first?.count else { return 0 }
        var rank = 0
        for col in 0..<width {
            guard let pivot = (rank..<rows.count).first(where: { abs(rows[$0][col]) > 1e-9 }) else { continue }
            rows.swapAt(rank, pivot)
            for r in 0..<rows.count where r != rank {
                let f = rows[r][col] / rows[rank][col]
                if f != 0 { for j in 0..<width { rows[r][j] -= f * rows[rank][j] } }
            }
            rank += 1
            if rank == rows.count { break }
        }
        return rank
    }

    private static func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
}
