// Writing a program as CPLEX LP or free MPS, for other solvers and for inspection.
//
// Both files state a minimisation: MPS has no portable way to say "maximise"
// (GLPK's own MPS writer drops it), so a maximisation is written with its
// objective negated and a comment saying so.
//
// Names: LP and MPS readers accept only a few ASCII characters in names, and
// Kinmu's names are Japanese (`cover[交付,2026-12-02,10:15]`). Each name is
// escaped injectively: letters, digits and `!"#$&(),.;?@_{}'` stay; every other
// byte, and `%` and `~` themselves, become `%XX`; a name that would begin with a
// digit, a period or an `e`/`E` gets its first character escaped too. `~` is then
// free for names the writer adds itself (`~obj`, `name~lo`).
extension LinearProgram {
    /// The program as CPLEX LP text (minimisation).
    public func lpText() throws(MIPError) -> String {
        try validate()
        let names = ExportNames(self)
        let flip = sense == .maximize ? -1.0 : 1.0
        var out = "\\ \(comment(name))\n"
        out += "\\ \(columns.count) columns, \(rows.count) rows, \(nonZeroCount) non-zeros\n"
        if sense == .maximize { out += "\\ a maximisation, written as the minimisation of the negated objective\n" }
        out += "Minimize\n"
        var objective: [(String, Double)] = []
        for (j, c) in columns.enumerated() where c.objective != 0 { objective.append((names.columns[j], flip * c.objective)) }
        out += Self.lpExpression(label: "~obj", terms: objective, emptyColumn: names.columns.first)
        out += "Subject To\n"
        for (i, row) in rows.enumerated() {
            let terms = row.terms.map { (names.columns[$0.column.index], $0.coefficient) }
            let label = names.rows[i]
            func constraint(_ label: String, _ op: String, _ rhs: Double) {
                var e = Self.lpExpression(label: label, terms: terms, emptyColumn: names.columns.first)
                e.removeLast()
                out += e + " \(op) \(format(rhs))\n"
            }
            switch (row.lower.isFinite, row.upper.isFinite) {
            case (false, false):
                constraint(label, ">=", -1e30)  // a free row: kept so that names line up
            case (true, false): constraint(label, ">=", row.lower)
            case (false, true): constraint(label, "<=", row.upper)
            case (true, true) where row.lower == row.upper: constraint(label, "=", row.lower)
            case (true, true):
                constraint(label + "~lo", ">=", row.lower)
                constraint(label + "~hi", "<=", row.upper)
            }
        }
        out += "Bounds\n"
        for (j, c) in columns.enumerated() {
            let n = names.columns[j]
            if c.kind == .binary && c.lower == 0 && c.upper == 1 { continue }
            switch (c.lower.isFinite, c.upper.isFinite) {
            case (false, false): out += " \(n) free\n"
            case (true, false): if c.lower != 0 { out += " \(n) >= \(format(c.lower))\n" }
            case (false, true): out += " -inf <= \(n) <= \(format(c.upper))\n"
            case (true, true) where c.lower == c.upper: out += " \(n) = \(format(c.lower))\n"
            case (true, true): out += " \(format(c.lower)) <= \(n) <= \(format(c.upper))\n"
            }
        }
        let general = columns.indices.filter {
            columns[$0].kind == .integer || (columns[$0].kind == .binary && !(columns[$0].lower == 0 && columns[$0].upper == 1))
        }
        let binary = columns.indices.filter { columns[$0].kind == .binary && columns[$0].lower == 0 && columns[$0].upper == 1 }
        if !general.isEmpty { out += "General\n" + Self.wrapNames(general.map { names.columns[$0] }) }
        if !binary.isEmpty { out += "Binary\n" + Self.wrapNames(binary.map { names.columns[$0] }) }
        out += "End\n"
        return out
    }

    /// The program as free MPS text (minimisation).
    public func mpsText() throws(MIPError) -> String {
        try validate()
        let names = ExportNames(self)
        let flip = sense == .maximize ? -1.0 : 1.0
        var out = "* \(comment(name))\n"
        if sense == .maximize { out += "* a maximisation, written as the minimisation of the negated objective\n" }
        out += "NAME \(ExportNames.escape(name.isEmpty ? "model" : name))\nROWS\n N ~obj\n"
        for (i, row) in rows.enumerated() {
            let type: String
            switch (row.lower.isFinite, row.upper.isFinite) {
            case (false, false): type = "N"
            case (true, false): type = "G"
            case (false, true): type = "L"
            case (true, true): type = row.lower == row.upper ? "E" : "G"
            }
            out += " \(type) \(names.rows[i])\n"
        }
        // Column-major entries.
        var byColumn = [[(Int, Double)]](repeating: [], count: columns.count)
        for (i, row) in rows.enumerated() {
            for t in row.terms where t.coefficient != 0 { byColumn[t.column.index].append((i, t.coefficient)) }
        }
        out += "COLUMNS\n"
        var inInteger = false
        var marker = 0
        for (j, c) in columns.enumerated() {
            let integer = c.kind != .continuous
            if integer != inInteger {
                out += " M\(marker) 'MARKER' '\(integer ? "INTORG" : "INTEND")'\n"
                marker += 1
                inInteger = integer
            }
            let n = names.columns[j]
            if c.objective != 0 { out += " \(n) ~obj \(format(flip * c.objective))\n" }
            for (i, a) in byColumn[j] { out += " \(n) \(names.rows[i]) \(format(a))\n" }
            if c.objective == 0 && byColumn[j].isEmpty { out += " \(n) ~obj 0\n" }
        }
        if inInteger { out += " M\(marker) 'MARKER' 'INTEND'\n" }
        out += "RHS\n"
        for (i, row) in rows.enumerated() {
            let rhs: Double?
            switch (row.lower.isFinite, row.upper.isFinite) {
            case (true, _): rhs = row.lower
            case (false, true): rhs = row.upper
            case (false, false): rhs = nil
            }
            if let rhs, rhs != 0 { out += " RHS \(names.rows[i]) \(format(rhs))\n" }
        }
        let ranged = rows.indices.filter { rows[$0].lower.isFinite && rows[$0].upper.isFinite && rows[$0].lower != rows[$0].upper }
        if !ranged.isEmpty {
            out += "RANGES\n"
            for i in ranged { out += " RNG \(names.rows[i]) \(format(rows[i].upper - rows[i].lower))\n" }
        }
        out += "BOUNDS\n"
        for (j, c) in columns.enumerated() {
            let n = names.columns[j]
            // Integer columns get explicit bounds: some readers default them to binary.
            if c.kind == .binary && c.lower == 0 && c.upper == 1 { out += " BV BND \(n)\n"; continue }
            switch (c.lower.isFinite, c.upper.isFinite) {
            case (false, false): out += " FR BND \(n)\n"
            case (true, false):
                if c.lower != 0 || c.kind != .continuous { out += " LO BND \(n) \(format(c.lower))\n" }
                if c.kind != .continuous { out += " PL BND \(n)\n" }
            case (false, true):
                out += " MI BND \(n)\n UP BND \(n) \(format(c.upper))\n"
            case (true, true) where c.lower == c.upper:
                out += " FX BND \(n) \(format(c.lower))\n"
            case (true, true):
                out += " LO BND \(n) \(format(c.lower))\n UP BND \(n) \(format(c.upper))\n"
            }
        }
        out += "ENDATA\n"
        return out
    }

    /// Writes the program in the format its path's extension names (`.lp` or `.mps`).
    public func text(format: ModelFileFormat) throws(MIPError) -> String {
        switch format {
        case .lp: return try lpText()
        case .mps: return try mpsText()
        }
    }

    private func comment(_ s: String) -> String {
        String(s.map { $0.isNewline ? " " : $0 })
    }

    static func lpExpression(label: String, terms: [(String, Double)], emptyColumn: String?) -> String {
        var out = " \(label):"
        var line = out.count
        if terms.isEmpty, let c = emptyColumn { return out + " 0 \(c)\n" }
        for (name, a) in terms {
            let piece = (a < 0 ? " - " : " + ") + format(abs(a)) + " " + name
            if line + piece.count > 200 {
                out += "\n  "
                line = 2
            }
            out += piece
            line += piece.count
        }
        return out + "\n"
    }

    static func wrapNames(_ names: [String]) -> String {
        var out = ""
        var line = 0
        for n in names {
            if line > 0 && line + n.count > 200 { out += "\n"; line = 0 }
            out += " " + n
            line += n.count + 1
        }
        return out + "\n"
    }
}

/// Numbers as the shortest text that reads back to the same Double (POSIX, no locale).
func format(_ x: Double) -> String {
    if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
    return "\(x)"
}

/// Escaped, unique names for export.
struct ExportNames {
    let columns: [String]
    let rows: [String]

    init(_ program: LinearProgram) {
        // Readers stop at 255 characters; a name that escapes longer is numbered instead.
        columns = program.columns.enumerated().map { j, c in
            let e = Self.escape(c.name)
            return e.utf8.count <= 250 ? e : "~c\(j + 1)"
        }
        rows = program.rows.enumerated().map { i, r in
            let e = Self.escape(r.name)
            return e.utf8.count <= 250 ? e : "~r\(i + 1)"
        }
    }

    private static let kept: Set<UInt8> = Set(Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!\"#$&(),.;?@_{}'".utf8))

    static func escape(_ name: String) -> String {
        var out = ""
        let hex = Array("0123456789ABCDEF")
        for (k, byte) in name.utf8.enumerated() {
            let leading = k == 0 && (byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
                                     || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")))
            if kept.contains(byte) && !leading {
                out.append(Character(Unicode.Scalar(byte)))
            } else {
                out.append("%")
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            }
        }
        return out
    }

    static func unescape(_ name: String) -> String {
        var bytes: [UInt8] = []
        var it = Array(name.utf8)[...]
        while let b = it.popFirst() {
            if b == UInt8(ascii: "%"), it.count >= 2,
               let v = UInt8(String(decoding: it.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(v)
                it = it.dropFirst(2)
            } else {
                bytes.append(b)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
