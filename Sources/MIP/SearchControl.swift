import Foundation

/// A channel between a running branch-and-cut search and other threads: a
/// heuristic running beside GLPK offers it better solutions (taken at GLPK's
/// next heuristic call, so the tree prunes against them), reads its best bound
/// and incumbent as they improve, and may ask it to stop. Thread-safe.
///
/// A search whose control exchanges solutions runs without GLPK's MIP
/// presolver, so that the points exchanged are points of the program as
/// written; one that only reports its bound and takes a stop keeps the presolver.
public final class SearchControl: @unchecked Sendable {
    public let exchangesSolutions: Bool
    private let lock = NSLock()
    private var _stop = false
    private var _pending: (value: Double, values: [Double])?
    private var _bound: Double?
    private var _incumbent: (value: Double, values: [Double])?

    public init(exchangesSolutions: Bool = true) { self.exchangesSolutions = exchangesSolutions }

    /// Asks the search to stop at its next callback (it returns its incumbent).
    public func requestStop() { lock.withLock { _stop = true } }
    var stopRequested: Bool { lock.withLock { _stop } }

    /// Offers a solution (one value per column) with its objective; kept only if
    /// better than one already waiting.
    public func offer(_ values: [Double], objective: Double) {
        lock.withLock {
            if _pending == nil || objective < _pending!.value { _pending = (objective, values) }
        }
    }

    func takeOffer() -> [Double]? {
        lock.withLock {
            defer { _pending = nil }
            return _pending?.values
        }
    }

    /// The search's best bound so far (minimisation).
    public var bound: Double? { lock.withLock { _bound } }

    /// The search's incumbent, when one exists.
    public var incumbent: (value: Double, values: [Double])? { lock.withLock { _incumbent } }

    func publish(bound: Double?) { lock.withLock { if let bound { _bound = bound } } }
    func publish(incumbent value: Double, values: [Double]) { lock.withLock { _incumbent = (value, values) } }
}
