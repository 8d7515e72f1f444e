/// Everything that can be wrong with a program or a solve request, caught before C is called.
public enum MIPError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidName(kind: String, index: Int, name: String, reason: String)
    case duplicateName(kind: String, name: String, first: Int, second: Int)
    case nonFiniteCoefficient(row: String, column: String, value: Double)
    case nonFiniteObjective(column: String, value: Double)
    case nanBound(kind: String, name: String)
    case invertedBounds(kind: String, name: String, lower: Double, upper: Double)
    case nonIntegralBounds(column: String, lower: Double, upper: Double)
    case binaryBoundsOutOfRange(column: String, lower: Double, upper: Double)
    case columnIndexOutOfRange(row: String, index: Int, columnCount: Int)
    case duplicateEntry(row: String, column: String)
    case invalidOption(name: String, value: String, expected: String)
    case initialSolutionSize(expected: Int, got: Int)
    case solverFailure(String)
    case fileError(path: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidName(kind, index, name, reason):
            return "\(kind) #\(index) has an invalid name \"\(name.prefix(80))\": \(reason)"
        case let .duplicateName(kind, name, first, second):
            return "\(kind) name \"\(name)\" is used by \(kind) #\(first) and #\(second)"
        case let .nonFiniteCoefficient(row, column, value):
            return "row \"\(row)\": coefficient of column \"\(column)\" is \(value); coefficients must be finite numbers"
        case let .nonFiniteObjective(column, value):
            return "column \"\(column)\": objective coefficient is \(value); it must be a finite number"
        case let .nanBound(kind, name):
            return "\(kind) \"\(name)\": a bound is NaN"
        case let .invertedBounds(kind, name, lower, upper):
            return "\(kind) \"\(name)\": lower bound \(lower) exceeds upper bound \(upper)"
        case let .nonIntegralBounds(column, lower, upper):
            return "integer column \"\(column)\": bounds [\(lower), \(upper)] must be whole numbers"
        case let .binaryBoundsOutOfRange(column, lower, upper):
            return "binary column \"\(column)\": bounds [\(lower), \(upper)] must lie within [0, 1]"
        case let .columnIndexOutOfRange(row, index, count):
            return "row \"\(row)\": refers to column #\(index), but the program has \(count) columns"
        case let .duplicateEntry(row, column):
            return "row \"\(row)\": column \"\(column)\" appears more than once; merge the coefficients"
        case let .invalidOption(name, value, expected):
            return "solve option \(name) = \(value) is invalid: expected \(expected)"
        case let .initialSolutionSize(expected, got):
            return "initial solution has \(got) values; the program has \(expected) columns"
        case let .solverFailure(reason):
            return "the solver failed: \(reason)"
        case let .fileError(path, reason):
            return "\(path): \(reason)"
        }
    }
}
