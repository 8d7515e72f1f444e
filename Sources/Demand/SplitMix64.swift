import Foundation

/// A small, fast, seeded random generator (SplitMix64): the same seed gives the
/// same sequence on every machine, so generated data is reproducible.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0...n (0 when n ≤ 0).
    public mutating func upTo(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n + 1)) }

    /// The elements in an order this generator decides (Fisher–Yates; the same on every machine).
    public mutating func shuffled<T>(_ a: [T]) -> [T] {
        var a = a
        for i in stride(from: a.count - 1, to: 0, by: -1) { a.swapAt(i, upTo(i)) }
        return a
    }

    /// Uniform in (0, 1).
    public mutating func uniform() -> Double {
        (Double(next() >> 11) + 0.5) / Double(1 << 53)
    }

    /// Standard normal (Box–Muller).
    public mutating func normal() -> Double {
        sqrt(-2 * log(uniform())) * cos(2 * .pi * uniform())
    }

    /// Gamma(shape, 1) by Marsaglia–Tsang.
    public mutating func gamma(shape: Double) -> Double {
        if shape < 1 { return gamma(shape: shape + 1) * pow(uniform(), 1 / shape) }
        let d = shape - 1.0 / 3, c = 1 / sqrt(9 * d)
        while true {
            var x: Double, v: Double
            repeat {
                x = normal()
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = uniform()
            if log(u) < 0.5 * x * x + d - d * v + d * log(v) { return d * v }
        }
    }

    /// Poisson(mean): inversion for small means, a normal approximation beyond 500.
    public mutating func poisson(mean: Double) -> Int {
        guard mean > 0 else { return 0 }
        if mean > 500 { return max(0, Int((mean + sqrt(mean) * normal()).rounded())) }
        var k = 0
        var p = exp(-mean)
        var s = p
        let u = uniform()
        while u > s && k < 10_000 {
            k += 1
            p *= mean / Double(k)
            s += p
        }
        return k
    }

    /// Negative binomial with mean `mean` and variance mean + α·mean² (a gamma–Poisson mixture).
    public mutating func negativeBinomial(mean: Double, dispersion alpha: Double) -> Int {
        guard alpha > 0 else { return poisson(mean: mean) }
        let g = gamma(shape: 1 / alpha) * alpha
        return poisson(mean: mean * g)
    }
}
