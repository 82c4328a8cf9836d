import Autoconfig

/// The autoconfig template expander and destination sniffing, as autoconfig runs them on every
/// template file. Invariant: text without `__` (no placeholder) comes out unchanged.
struct TemplateExpanderTarget: FuzzTarget {
    let name = "template"

    func run(_ input: [UInt8]) throws(FuzzFinding) {
        let expanded = TemplateExpander(values: .sample).expand(input)
        _ = RuleDestination.of(expanded)
        _ = TemplateExpander.placeholders(in: String(decoding: input, as: UTF8.self))
        let hasMarker = zip(input, input.dropFirst()).contains { $0 == 0x5F && $1 == 0x5F }
        guard hasMarker || expanded == input else {
            throw FuzzFinding(description: "text without a placeholder changed")
        }
    }
}
