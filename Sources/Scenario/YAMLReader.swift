import Yams

/// A YAML node with its place in the file, for strict reading with precise errors:
/// unknown keys are rejected, and every error names the file, line and key path.
struct YAMLValue {
    let node: Node
    let path: String
    let file: String

    var line: Int? { node.mark?.line }

    static func parse(_ text: String, file: String) throws(ScenarioError) -> YAMLValue? {
        do {
            guard let node = try Yams.compose(yaml: text) else { return nil }
            return YAMLValue(node: node, path: "", file: file)
        } catch let e as YamlError {
            throw ScenarioError(file: file, line: Self.line(of: e), field: nil, "not valid YAML: \(Self.summary(of: e))")
        } catch {
            throw ScenarioError(file: file, line: nil, field: nil, "not valid YAML: \(error)")
        }
    }

    private static func line(of e: YamlError) -> Int? {
        switch e {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _):
            return mark.line
        default: return nil
        }
    }

    private static func summary(of e: YamlError) -> String {
        switch e {
        case let .scanner(_, problem, _, _), let .parser(_, problem, _, _), let .composer(_, problem, _, _):
            return problem
        default: return "\(e)"
        }
    }

    func error(_ message: String) -> ScenarioError {
        ScenarioError(file: file, line: line, field: path, message)
    }

    /// The entries of a mapping, in file order; a key outside `allowed` is an error.
    func mapping(allowed: [String]) throws(ScenarioError) -> [(String, YAMLValue)] {
        guard case let .mapping(m) = node else { throw error("expected a mapping of keys to values") }
        var out: [(String, YAMLValue)] = []
        var seen: Set<String> = []
        for (k, v) in m {
            guard let key = k.string else { throw error("keys must be text") }
            let child = YAMLValue(node: v, path: path.isEmpty ? key : "\(path).\(key)", file: file)
            guard allowed.contains(key) else {
                throw ScenarioError(file: file, line: k.mark?.line, field: child.path,
                                    "unknown key \"\(key)\"; expected one of \(allowed.joined(separator: ", "))")
            }
            guard seen.insert(key).inserted else {
                throw ScenarioError(file: file, line: k.mark?.line, field: child.path, "key given twice")
            }
            out.append((key, child))
        }
        return out
    }

    /// The entries of a mapping whose keys are free (e.g. weekday names), in file order.
    func freeMapping() throws(ScenarioError) -> [(String, YAMLValue)] {
        guard case let .mapping(m) = node else { throw error("expected a mapping of keys to values") }
        var out: [(String, YAMLValue)] = []
        for (k, v) in m {
            guard let key = k.string else { throw error("keys must be text") }
            out.append((key, YAMLValue(node: v, path: path.isEmpty ? key : "\(path).\(key)", file: file)))
        }
        return out
    }

    func sequence() throws(ScenarioError) -> [YAMLValue] {
        guard case let .sequence(s) = node else { throw error("expected a list") }
        return s.enumerated().map { YAMLValue(node: $1, path: "\(path)[\($0)]", file: file) }
    }

    func string() throws(ScenarioError) -> String {
        guard case let .scalar(s) = node else { throw error("expected a single value") }
        return s.string
    }

    func int(in range: ClosedRange<Int>? = nil) throws(ScenarioError) -> Int {
        let s = try string()
        guard let v = Int(s) else { throw error("\"\(s)\" is not a whole number") }
        if let range, !range.contains(v) {
            throw error("\(v) is out of range; expected \(range.lowerBound) to \(range.upperBound)")
        }
        return v
    }

    func double(in range: ClosedRange<Double>? = nil) throws(ScenarioError) -> Double {
        let s = try string()
        guard let v = Double(s), v.isFinite else { throw error("\"\(s)\" is not a number") }
        if let range, !range.contains(v) {
            throw error("\(s) is out of range; expected \(range.lowerBound) to \(range.upperBound)")
        }
        return v
    }

    func bool() throws(ScenarioError) -> Bool {
        switch try string().lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        case let s: throw error("\"\(s)\" is not true or false")
        }
    }

    func oneOf<T: RawRepresentable>(_ type: T.Type) throws(ScenarioError) -> T
    where T: CaseIterable, T.RawValue == String {
        let s = try string()
        guard let v = T(rawValue: s) else {
            throw error("\"\(s)\" is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return v
    }
}
