import Foundation

/// Weighted Poisson regression with a log link, fitted by iteratively reweighted
/// least squares with a ridge penalty on chosen coefficients.
struct PoissonRegression {
    var coefficients: [Double]

    /// - Parameters:
    ///   - x: one feature row per observation (the first column is the intercept).
    ///   - y: counts.
    ///   - weights: observation weights (recency).
    ///   - penalty: ridge penalty per coefficient (0 for none).
    static func fit(x: [[Double]], y: [Double], weights: [Double], penalty: [Double], iterations: Int = 30) -> PoissonRegression {
        let p = penalty.count
        var full = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
        for j in 0..<p { full[j][j] = penalty[j] }
        return fit(x: x, y: y, weights: weights, penaltyMatrix: full, iterations: iterations)
    }

    /// As above, with a full (symmetric, positive semi-definite) penalty matrix.
    static func fit(x: [[Double]], y: [Double], weights: [Double], penaltyMatrix: [[Double]], iterations: Int = 30) -> PoissonRegression {
        let p = penaltyMatrix.count
        var beta = [Double](repeating: 0, count: p)
        let meanY = zip(y, weights).reduce(0) { $0 + $1.0 * $1.1 } / max(weights.reduce(0, +), 1e-12)
        beta[0] = log(max(meanY, 0.1))
        for _ in 0..<iterations {
            var a = [[Double]](repeating: [Double](repeating: 0, count: p), count: p)
            var b = [Double](repeating: 0, count: p)
            for i in x.indices {
                let eta = dot(x[i], beta)
                let mu = exp(min(eta, 20))
                let w = weights[i] * mu
                let z = eta + (y[i] - mu) / mu
                for j in 0..<p where x[i][j] != 0 {
                    b[j] += w * x[i][j] * z
                    for k in j..<p where x[i][k] != 0 { a[j][k] += w * x[i][j] * x[i][k] }
                }
            }
            for j in 0..<p {
                for k in 0..<j { a[j][k] = a[k][j] }
            }
            for j in 0..<p {
                for k in 0..<p { a[j][k] += penaltyMatrix[j][k] }
                a[j][j] += 1e-9
            }
            guard let next = choleskySolve(a, b) else { break }
            let change = zip(next, beta).map { abs($0 - $1) }.max() ?? 0
            beta = next
            if change < 1e-8 { break }
        }
        return PoissonRegression(coefficients: beta)
    }

    func mean(_ row: [Double]) -> Double { exp(min(dot(row, coefficients), 20)) }
}

func dot(_ a: [Double], _ b: [Double]) -> Double {
    var s = 0.0
    for i in a.indices { s += a[i] * b[i] }
    return s
}

/// Solves A·x = b for symmetric positive-definite A; `nil` if A is not.
func choleskySolve(_ a: [[Double]], _ b: [Double]) -> [Double]? {
    let n = b.count
    var l = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
    for i in 0..<n {
        for j in 0...i {
            var s = a[i][j]
            for k in 0..<j { s -= l[i][k] * l[j][k] }
            if i == j {
                guard s > 0 else { return nil }
                l[i][i] = sqrt(s)
            } else {
                l[i][j] = s / l[j][j]
            }
        }
    }
    var y = [Double](repeating: 0, count: n)
    for i in 0..<n {
        var s = b[i]
        for k in 0..<i { s -= l[i][k] * y[k] }
        y[i] = s / l[i][i]
    }
    var x = [Double](repeating: 0, count: n)
    for i in stride(from: n - 1, through: 0, by: -1) {
        var s = y[i]
        for k in (i + 1)..<n { s -= l[k][i] * x[k] }
        x[i] = s / l[i][i]
    }
    return x
}

/// Quantiles of the negative binomial with mean μ and variance μ + αμ² (Poisson when α = 0).
func negativeBinomialQuantile(mean mu: Double, dispersion alpha: Double, probability q: Double) -> Double {
    guard mu > 0 else { return 0 }
    if mu > 2000 {  // normal approximation far out, where summing the pmf is slow
        let sd = sqrt(mu + alpha * mu * mu)
        return max(0, (mu + sd * normalQuantile(q)).rounded())
    }
    var pmf: Double
    var ratio: (Int) -> Double
    if alpha <= 1e-9 {
        pmf = exp(-mu)
        ratio = { k in mu / Double(k + 1) }
    } else {
        let r = 1 / alpha
        let p = r / (r + mu)
        pmf = exp(r * log(p))
        ratio = { k in (Double(k) + r) / Double(k + 1) * (1 - p) }
    }
    var cdf = pmf
    var k = 0
    while cdf < q && k < 100_000 {
        pmf *= ratio(k)
        k += 1
        cdf += pmf
    }
    return Double(k)
}

/// The standard normal quantile (Acklam's rational approximation, |error| < 1.2e-9).
func normalQuantile(_ p: Double) -> Double {
    let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
    let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01]
    let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
    let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
    let pl = 0.02425
    if p < pl {
        let q = sqrt(-2 * log(p))
        return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    } else if p <= 1 - pl {
        let q = p - 0.5, r = q * q
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    } else {
        let q = sqrt(-2 * log(1 - p))
        return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    }
}
