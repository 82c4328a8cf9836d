import Foundation

/// One measured figure printed with its unit and, when the issue sets one, its target.
struct Figure {
    /// What the target requires of the value.
    enum Target {
        case atLeast(Double)
        case below(Double)

        func isMet(by value: Double) -> Bool {
            switch self {
            case .atLeast(let bound): value >= bound
            case .below(let bound): value < bound
            }
        }

        func text(_ unit: String) -> String {
            switch self {
            case .atLeast(let bound): "≥ \(Figure.format(bound)) \(unit)"
            case .below(let bound): "< \(Figure.format(bound)) \(unit)"
            }
        }
    }

    let label: String
    let value: Double
    let unit: String
    var target: Target?
    var detail = ""

    /// `label: value unit   (target … : met/MISSED)   detail`
    func report() {
        var line = "  \(label): \(Self.format(value)) \(unit)"
        if let target {
            line += "   [target \(target.text(unit)): \(target.isMet(by: value) ? "met" : "MISSED")]"
        }
        if !detail.isEmpty { line += "   (\(detail))" }
        say(line)
    }

    /// Thousands separated for big values, three significant digits for small ones.
    static func format(_ value: Double) -> String {
        if value >= 1_000 {
            var digits = String(Int(value.rounded()))
            var grouped = ""
            while digits.count > 3 {
                grouped = "," + digits.suffix(3) + grouped
                digits.removeLast(3)
            }
            return digits + grouped
        }
        if value >= 100 || value == value.rounded() { return String(format: "%.0f", value) }
        if value >= 10 { return String(format: "%.1f", value) }
        return String(format: "%.3g", value)
    }
}
