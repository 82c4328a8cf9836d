import Foundation
import AlertEngine
import Autoconfig

/// Offline validation of rule and template files with the engine's own code (engine.md §3, §4, §9.4).
///
/// A rule is compiled by `LoadedRule.compile`, the function the engine's ADD and start-up
/// loading call, with the default Lua limits: so a file fails here with exactly the reason ADD
/// would answer. Also applied: ADD's name refusal (engine.md §9.4 step 2) for rule files. Not
/// applied, because they depend on the running system: the Xphase check (step 3, asset and
/// metric state) and the duplicate check (step 4).
enum RuleFileCheck {
    /// The engine's mailbox client, where rules go by default.
    static let engine = EngineNames.mailboxClient

    /// True for a template file name: `<anything>@__<type>[_<subtype>]__.rule` (engine.md §11.3).
    static func isTemplate(fileName: String) -> Bool {
        fileName.contains("@__") && fileName.hasSuffix("__.rule")
    }

    /// Checks the file at `path` holding `contents`.
    static func check(path: String, contents: [UInt8]) -> CheckedFile {
        let fileName = path.split(separator: "/").last.map(String.init) ?? path
        let isTemplate = isTemplate(fileName: fileName)
        var problems: [CheckProblem] = []
        var document = contents
        if isTemplate {
            // Filled exactly as autoconfig fills it (engine.md §11.5), with sample values that hold a
            // quote and a backslash, so the JSON escaping is exercised too.
            let filled = TemplateExpander(values: .sample).expand(String(decoding: contents, as: UTF8.self))
            for placeholder in leftoverPlaceholders(filled) {
                problems.append(CheckProblem(reason: "UNKNOWN_PLACEHOLDER", detail: "\(placeholder) is not replaced by autoconfig"))
            }
            document = Array(filled.utf8)
        }
        var result = CheckedFile(path: path, isTemplate: isTemplate, ruleName: nil, destination: engine, problems: [])
        if isTemplate && RuleDestination.of(document) == .flexible {
            // fty-alert-flexible's format is not ours to judge beyond being JSON.
            result.destination = RuleDestination.flexible.address
            do {
                let value = try JSONParser.parse(document)
                result.ruleName = value[member: "flexible"]?[member: "name"]?.text
            } catch {
                problems.append(CheckProblem(reason: RuleError.badJSON(.syntax(error)).wireReason, detail: "not JSON: \(error)"))
            }
            result.problems = problems
            return result
        }
        do {
            let compiled = try LoadedRule.compile(document, limits: .default)
            result.ruleName = compiled.rule.name
            if !isTemplate && DirectInstantiation.isRefused(ruleName: compiled.rule.name) {
                let refusal = RuleError.notDirectlyInstantiable(name: compiled.rule.name)
                problems.append(CheckProblem(reason: refusal.wireReason, detail: refusal.description))
            }
        } catch {
            problems.append(CheckProblem(reason: error.wireReason, detail: Self.detail(error)))
        }
        result.problems = problems
        return result
    }

    /// The error's explanation without the reason word it starts with.
    static func detail(_ error: RuleError) -> String {
        switch error {
        case .badJSON(let reason): reason.description
        case .badLua(_, let message): message
        default: error.description
        }
    }

    /// `__word__` tokens still in a filled template (autoconfig knows only those of engine.md §11.5).
    static func leftoverPlaceholders(_ text: String) -> [String] {
        var found: [String] = []
        var rest = Substring(text)
        while let start = rest.range(of: "__") {
            let afterOpen = rest[start.upperBound...]
            let word = afterOpen.prefix { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }
            if let first = word.first, first.isLowercase, word.count > 2, word.hasSuffix("__") {
                let token = "__" + word
                if !found.contains(String(token)) { found.append(String(token)) }
                rest = afterOpen[word.endIndex...]
            } else {
                rest = afterOpen
            }
        }
        return found
    }
}
