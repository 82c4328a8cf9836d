import Foundation
import Testing

@testable import AlertEngine

/// Our `templates/` (what this product installs into the templates directory, engine.md §1) say
/// exactly what the original's `reference/templates/` say — same files, rule names, targets,
/// values, outcomes, descriptions, actions and Lua — in uniformly laid out, strict JSON
/// (issue 4 item 6). Operators must see no change; only the layout of the files differs.
@Suite struct ShippedTemplateTests {
    static let filler = TemplateFiller()
    static let names = TemplateFolder.reference.ruleFiles

    @Test func everyTemplateHasItsCounterpartAndNoOtherFileIsInstalled() throws {
        let reference = try TemplateFolder.reference.allEntries()
        // `expect/` holds our expectation templates (issue 12), read only with --expect-rules.
        let ours = try TemplateFolder.ours.allEntries().filter { $0 != "expect" }
        #expect(reference.count == 46)
        #expect(Set(ours).subtracting(reference).isEmpty, "ours only")
        #expect(Set(reference).subtracting(ours).isEmpty, "reference only")
    }

    /// Strict JSON (no raw control characters in strings, unlike the original's flexible
    /// templates), UTF-8, two-space indentation, no tabs or trailing blanks, one final newline.
    @Test(arguments: TemplateFolder.ours.ruleFiles)
    func ourTemplateIsStrictUniformlyIndentedJSON(_ file: String) throws {
        let data = try Data(contentsOf: TemplateFolder.ours.url.appendingPathComponent(file))
        #expect(String(data: data, encoding: .utf8) != nil, "\(file) is not UTF-8")
        #expect(throws: Never.self, "\(file) is not strict JSON") {
            try JSONSerialization.jsonObject(with: data)
        }
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.hasSuffix("}\n"), "\(file) does not end with one newline")
        var previousIndent = 0
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().enumerated() {
            let indent = line.prefix { $0 == " " }.count
            let place = "\(file):\(number + 1)"
            #expect(!line.contains("\t"), "tab at \(place)")
            #expect(!line.isEmpty && line.last != " ", "blank line or trailing blank at \(place)")
            #expect(indent % 2 == 0 && indent <= previousIndent + 2, "indentation at \(place)")
            previousIndent = indent
        }
    }

    /// Filled for the same asset, both parse to the same rule (or are refused alike: the
    /// flexible ones), and their Lua decides alike on a grid of inputs.
    @Test(arguments: names)
    func ourTemplateMakesTheSameRuleAsTheReference(_ file: String) throws {
        let theirs = Self.filler.fill(try TemplateFolder.reference.text(of: file))
        let ours = Self.filler.fill(try TemplateFolder.ours.text(of: file))
        #expect(Self.routesToFlexible(ours) == Self.routesToFlexible(theirs), "\(file): destination (§11.6)")
        let expected: Rule
        do {
            expected = try RuleParser.parse(theirs)
        } catch {
            #expect(throws: error, "\(file)") { try RuleParser.parse(ours) }
            return
        }
        let rule = try RuleParser.parse(ours)
        #expect(rule.name == expected.name, "\(file)")
        #expect(rule.kind == expected.kind, "\(file)")
        #expect(rule.targets == expected.targets, "\(file)")
        #expect(rule.element == expected.element, "\(file)")
        #expect(rule.ruleClass == expected.ruleClass, "\(file)")
        #expect(rule.ruleSource == expected.ruleSource, "\(file)")
        #expect(rule.values == expected.values, "\(file)")
        #expect(rule.outcomes == expected.outcomes, "\(file)")
        #expect(rule.outcomes.map(\.severity) == expected.outcomes.map(\.severity), "\(file)")
        #expect(rule.evaluation.map(LuaTokens.of) == expected.evaluation.map(LuaTokens.of), "\(file)")
        if rule.kind.usesLua {
            try Self.expectSameDecisions(rule, expected, file)
        }
    }

    /// Unfilled, the two documents are the same tree — every member, ignored ones included
    /// (`rule_desc`, `rule_cat`, `threshold_name`, …) — except for the layout of the Lua.
    @Test(arguments: names)
    func ourTemplateIsTheReferenceDocument(_ file: String) throws {
        let theirs = try JSONParser.parse(try TemplateFolder.reference.text(of: file))
        let ours = try JSONParser.parse(try TemplateFolder.ours.text(of: file))
        #expect(Self.luaAsTokens(ours) == Self.luaAsTokens(theirs), "\(file)")
    }

    /// A document with every `evaluation` string replaced by the array of its Lua tokens.
    static func luaAsTokens(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            return .object(
                members.map { member in
                    if member.name == "evaluation", case .string(let source) = member.value {
                        return JSONMember(member.name, .array(LuaTokens.of(source).map(JSONValue.string)))
                    }
                    return JSONMember(member.name, luaAsTokens(member.value))
                })
        case .array(let elements):
            return .array(elements.map(luaAsTokens))
        default:
            return value
        }
    }

    /// engine.md §11.6: a template goes to fty-alert-flexible iff only blanks and control
    /// characters come before `{` and between it and `"flexible"`.
    static func routesToFlexible(_ text: String) -> Bool {
        func isBlankOrControl(_ b: UInt8) -> Bool { b == 0x20 || b < 0x20 || b == 0x7F }
        var rest = text.utf8.drop(while: isBlankOrControl)
        guard rest.first == UInt8(ascii: "{") else { return false }
        rest = rest.dropFirst().drop(while: isBlankOrControl)
        return rest.starts(with: "\"flexible\"".utf8)
    }

    /// Both programs, compiled as the engine compiles them, give the same outcome (or both
    /// fail) for every combination of interesting inputs: thresholds, their neighbours, status
    /// bits and out-of-range values.
    static func expectSameDecisions(_ rule: Rule, _ expected: Rule, _ file: String) throws {
        let ours = try LuaRuleProgram(evaluation: rule.evaluation ?? "", values: rule.namedValues)
        let theirs = try LuaRuleProgram(evaluation: expected.evaluation ?? "", values: expected.namedValues)
        let limits = rule.values.map(\.value)
        var inputs = Set([-1e6, -1, 0, 1, 15, 16, 17, 64, 100, 256, 16384, 16640, 1e6])
        for limit in limits { inputs.formUnion([limit - 0.5, limit, limit + 0.5]) }
        let points = inputs.sorted()
        var combinations: [[Double]] = [[]]
        for _ in rule.targets {
            combinations = combinations.flatMap { prefix in points.map { prefix + [$0] } }
        }
        var differences = 0
        for arguments in combinations {
            let mine = try? ours.evaluate(arguments).get()
            let original = try? theirs.evaluate(arguments).get()
            if mine != original {
                differences += 1
                if differences <= 3 {
                    Issue.record("\(file) with \(arguments): \(String(describing: mine)) ≠ \(String(describing: original))")
                }
            }
        }
        #expect(differences == 0, "\(file): \(combinations.count) input combinations")
    }
}
