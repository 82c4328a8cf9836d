import Autoconfig
import Foundation
import TestSupport

/// The shipped templates of `shared/reference/templates` (engine.md §11.3), the test data.
enum ReferenceTemplates {
    static let directory = Fixtures.shared.appendingPathComponent("reference/templates").path

    /// Every template, sorted by file name.
    static let all: [Template] = {
        (try? TemplateDirectory(path: directory).read().templates) ?? []
    }()

    static func named(_ fileName: String) -> Template {
        all.first { $0.fileName == fileName }!
    }

    /// The rule name a template produces for `asset`: its `rule_name` / `name` with `__name__` replaced.
    static func ruleName(_ template: Template, asset: String) -> String {
        TemplateExpander(values: TemplateValues(name: asset)).expand(template.ruleNameSource)
    }
}

extension Template {
    /// The rule-name member of the template text (`rule_name` for the engine's kinds, `name` for flexible).
    var ruleNameSource: String {
        let text = String(decoding: contents, as: UTF8.self)
        for key in ["\"rule_name\"", "\"name\""] {
            guard let keyRange = text.range(of: key) else { continue }
            let rest = text[keyRange.upperBound...]
            guard let open = rest.firstIndex(of: "\"") else { continue }
            let value = rest[rest.index(after: open)...]
            guard let close = value.firstIndex(of: "\"") else { continue }
            return String(value[..<close])
        }
        return ""
    }
}
