import Foundation

/// Sample asset values put into a template so that `check` can validate it as a rule.
///
/// REPLACE ME with Autoconfig's `TemplateExpander` once it is merged: this is the ONE place
/// `check` fills templates, and it should fill them exactly as autoconfig does (engine.md §11.5:
/// plain textual replacement, in this order, no JSON escaping), with these sample values.
enum TemplateSample {
    /// `text` with every placeholder of engine.md §11.5 replaced by a sample value; the asset is
    /// named after the template's type-name (`…@__device_ups__.rule` → `ups-1`).
    static func expand(_ text: String, fileName: String) -> String {
        // `…@__device_ups__.rule` → `__device_ups__` → `ups`.
        let typeName = fileName.split(separator: "@").last?.split(separator: ".").first ?? ""
        let kind = typeName.split(separator: "_").last.map(String.init) ?? "asset"
        let substitutions = [
            ("__name__", "\(kind)-1"), ("__port__", "GPI1"), ("__logicalasset__", "Rack 1"),
            ("__logicalasset_iname__", "rack-1"), ("__severity__", "WARNING"), ("__normalstate__", "closed"),
            ("__rule_result__", "warning"), ("__ename__", "Sample asset"),
        ]
        return substitutions.reduce(text) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
    }
}
