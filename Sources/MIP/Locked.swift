import Foundation

/// A value shared between threads (a search and the thread that bounds it),
/// read and written under a lock.
public final class Locked<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var _value: Value

    public init(_ value: Value) { _value = value }

    public var value: Value {
        get { lock.withLock { _value } }
        set { lock.withLock { _value = newValue } }
    }

    /// Changes the value in one step (read, decide, write under the lock).
    public func update(_ change: (inout Value) -> Void) { lock.withLock { change(&_value) } }
}
