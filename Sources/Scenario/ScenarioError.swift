/// A problem in a scenario's files; the message names the file, the line and the field.
public struct ScenarioError: Error, Equatable, Sendable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let field: String?
    public let message: String

    public init(file: String, line: Int?, field: String?, _ message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        s += ": "
        if let field, !field.isEmpty { s += "\(field): " }
        return s + message
    }
}
