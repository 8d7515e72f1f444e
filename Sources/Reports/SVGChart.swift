/// Small self-contained SVG charts for the printable pages: grouped bars, and
/// lines over a numeric axis. No scripts, no external resources.
public enum SVGChart {
    public struct Series: Sendable {
        public var name: String
        public var values: [Double?]
        public var color: String
        public init(name: String, values: [Double?], color: String) {
            self.name = name
            self.values = values
            self.color = color
        }
    }

    static func f(_ x: Double) -> String { ReportDocument.fixed(x, 1) }

    /// Bars per category, one per series, with a value axis from 0.
    public static func bars(title: String, categories: [String], series: [Series], unit: String, reference: Double? = nil) -> String {
        let top = 34.0, height = 160.0, left = 50.0
        let groupWidth = max(40.0, Double(series.count) * 16 + 14)
        let legend = series.reduce(left) { $0 + 16 + Double(ReportDocument.displayWidth($1.name)) * 5.5 }
        let width = max(left + groupWidth * Double(categories.count) + 20, legend + 10)
        let maxValue = max(reference ?? 0, series.flatMap { $0.values.compactMap { $0 } }.max() ?? 0, 1e-9) * 1.1
        func y(_ v: Double) -> Double { top + height * (1 - v / maxValue) }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(top + height + 46))\" font-size=\"9\">"
        svg += "<text x=\"\(left)\" y=\"12\" font-size=\"11\" font-weight=\"bold\">\(htmlEscape(title))</text>"
        var lx = left
        for s in series {
            svg += "<rect x=\"\(f(lx))\" y=\"18\" width=\"9\" height=\"9\" fill=\"\(s.color)\"/><text x=\"\(f(lx + 12))\" y=\"26\">\(htmlEscape(s.name))</text>"
            lx += 16 + Double(ReportDocument.displayWidth(s.name)) * 5.5
        }
        svg += "<line x1=\"\(left)\" y1=\"\(f(top + height))\" x2=\"\(f(width - 10))\" y2=\"\(f(top + height))\" stroke=\"#333\"/>"
        svg += "<text x=\"2\" y=\"\(f(top + 8))\">\(ReportDocument.fixed(maxValue / 1.1, 1))\(htmlEscape(unit))</text>"
        if let r = reference {
            svg += "<line x1=\"\(left)\" y1=\"\(f(y(r)))\" x2=\"\(f(width - 10))\" y2=\"\(f(y(r)))\" stroke=\"#080\" stroke-dasharray=\"4 3\"/>"
        }
        for (c, label) in categories.enumerated() {
            let x0 = left + Double(c) * groupWidth + 6
            for (k, s) in series.enumerated() {
                guard c < s.values.count, let v = s.values[c] else { continue }
                svg += "<rect x=\"\(f(x0 + Double(k) * 16))\" y=\"\(f(y(v)))\" width=\"13\" height=\"\(f(top + height - y(v)))\" fill=\"\(s.color)\"><title>\(htmlEscape(s.name)) \(ReportDocument.fixed(v, 2))</title></rect>"
            }
            svg += "<text x=\"\(f(x0))\" y=\"\(f(top + height + 12))\">\(htmlEscape(label))</text>"
        }
        return svg + "</svg>"
    }
}
