import Foundation

/// Erlang A (M/M/N+M): callers abandon after an exponential patience.
///
/// The steady state of the birth–death chain (births λ; deaths min(n, N)·μ +
/// max(n − N, 0)·θ) is computed in logs and truncated where its tail is below
/// 1e-14. The service level follows a tagged arrival: from each queue position
/// it moves up at rate N·μ + k·θ (someone ahead is served or leaves), is served
/// from the head at rate N·μ, and abandons at rate θ; the chance of being served
/// within t is found by uniformisation.
struct ErlangA {
    let lambda: Double   // per minute
    let mu: Double       // per minute
    let theta: Double    // per minute

    init(queue: Queue, patience: Double) {
        lambda = queue.arrivalsPerHour / 60
        mu = 1 / queue.handlingMinutes
        theta = 1 / max(patience, 1e-9)
    }

    /// Stationary probabilities π₀…π_K.
    func stationary(agents n: Int) -> [Double] {
        var logs: [Double] = [0]
        var k = 0
        var logp = 0.0
        let cap = n + 20_000
        while k < cap {
            let death = Double(min(k + 1, n)) * mu + Double(max(k + 1 - n, 0)) * theta
            logp += log(lambda) - log(death)
            logs.append(logp)
            k += 1
            if k > n && logp < (logs.max() ?? 0) - 35 { break }
        }
        let m = logs.max() ?? 0
        let w = logs.map { exp($0 - m) }
        let total = w.reduce(0, +)
        return w.map { $0 / total }
    }

    func probabilityOfWait(agents n: Int) -> Double {
        let pi = stationary(agents: n)
        return pi.indices.filter { $0 >= n }.reduce(0) { $0 + pi[$1] }
    }

    /// Fraction of all arrivals served within `t` minutes (abandoners count as not served).
    func serviceLevel(agents n: Int, within t: Double) -> Double {
        guard n > 0 else { return 0 }
        let pi = stationary(agents: n)
        let immediate = pi.prefix(n).reduce(0, +)
        // p[k] = probability the tagged arrival has k customers ahead of it.
        var p = Array(pi.dropFirst(n))
        guard !p.isEmpty, t > 0 else { return immediate }
        let nmu = Double(n) * mu
        let uniform = nmu + Double(p.count) * theta + theta
        var served = 0.0
        // Uniformisation: P(served by t) = Σ_m Poisson(m; Λt) · P(served within m jumps).
        let lt = uniform * t
        var weight = exp(-lt)
        var cumulativeServed = 0.0
        var logWeight = -lt
        let maxJumps = Int(lt + 10 * sqrt(lt + 1) + 50)
        for m in 0...maxJumps {
            weight = exp(logWeight)
            served += weight * cumulativeServed
            // one jump of the embedded chain
            var next = [Double](repeating: 0, count: p.count)
            var newlyServed = 0.0
            for k in p.indices where p[k] > 0 {
                let up = nmu + Double(k) * theta
                if k == 0 { newlyServed += p[k] * nmu / uniform } else { next[k - 1] += p[k] * (k == 0 ? 0 : up) / uniform }
                let stay = 1 - (k == 0 ? nmu : up) / uniform - theta / uniform
                next[k] += p[k] * max(0, stay)
            }
            cumulativeServed += newlyServed
            p = next
            logWeight += log(lt) - log(Double(m + 1))
            if m > Int(lt) && weight < 1e-15 { break }
        }
        // Tail mass beyond the last jump counted: bounded by the Poisson tail; ignore (< 1e-12).
        return min(1, immediate + served)
    }

    /// Mean time in queue over all arrivals, abandoners included, by Little's law.
    func averageWait(agents n: Int) -> Double {
        let pi = stationary(agents: n)
        let queueLength = pi.indices.reduce(0.0) { $0 + Double(max($1 - n, 0)) * pi[$1] }
        return queueLength / lambda
    }

    func abandonment(agents n: Int) -> Double {
        let pi = stationary(agents: n)
        let queueLength = pi.indices.reduce(0.0) { $0 + Double(max($1 - n, 0)) * pi[$1] }
        return theta * queueLength / lambda
    }

    func occupancy(agents n: Int) -> Double {
        guard n > 0 else { return 1 }
        let pi = stationary(agents: n)
        let busy = pi.indices.reduce(0.0) { $0 + Double(min($1, n)) * pi[$1] }
        return busy / Double(n)
    }
}
