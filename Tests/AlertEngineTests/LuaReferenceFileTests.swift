import Foundation
import TestSupport
import Testing

@testable import AlertEngine

/// Every shipped template (`reference/templates/`) whose kind runs Lua compiles and decides as
/// its thresholds or its Lua say (decisions.md D4: "every template evaluates as it did").
@Suite struct LuaTemplateTests {
    static let directory = Fixtures.shared.appendingPathComponent("reference/templates")
    static let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()) ?? []

    /// A made-up UPS for the placeholders of engine.md §11.5, in the order they are replaced.
    static let asset: [(placeholder: String, value: String)] = [
        ("__name__", "ups-42"), ("__port__", "GPI3"), ("__logicalasset__", "Server room"),
        ("__logicalasset_iname__", "room-7"), ("__severity__", "WARNING"), ("__normalstate__", "closed"),
        ("__rule_result__", "warning"), ("__ename__", "UPS 42 (lab)"),
    ]

    /// Status-word templates: `has_bit(x, n)` tests bit n (1-based) of the UPS status (and
    /// alarm) word; the bits below are read from each template's Lua.
    static let statusCases: [String: [(arguments: [Double], expected: LuaOutcome)]] = [
        // has_bit(status, 5): on battery.
        "onbattery": [([0], .ok), ([15], .ok), ([16], .highCritical), ([16 + 32 + 1], .highCritical), ([32], .ok)],
        // has_bit(status, 7): low battery.
        "lowbattery": [([0], .ok), ([63], .ok), ([64], .highCritical), ([64 + 16], .highCritical), ([128], .ok)],
        // has_bit(status, 9): on bypass.
        "onbypass": [([0], .ok), ([255], .ok), ([256], .highCritical), ([256 + 512], .highCritical), ([512], .ok)],
        // has_bit(status, 5) and not has_bit(status, 1): on battery without being online.
        "onacpoweroutage": [([0], .ok), ([1], .ok), ([16], .highCritical), ([17], .ok), ([16 + 32], .highCritical)],
        // has_bit(status, 15) and has_bit(alarm, 9).
        "internal-failure": [
            ([0, 0], .ok), ([16384, 0], .ok), ([0, 256], .ok), ([16384, 256], .highCritical),
            ([16384 + 1, 256 + 2], .highCritical), ([16383, 511], .ok),
        ],
    ]

    @Test func theTemplatesAreThere() {
        #expect(Self.names.count >= 40, "templates in \(Self.directory.path)")
    }

    @Test(arguments: names)
    func templateEvaluatesAsItsThresholdsOrLuaSay(_ name: String) throws {
        let document = try LuaReferenceDocument(
            url: Self.directory.appendingPathComponent(name), substitutions: Self.asset)
        switch document.lua {
        case .notAnEngineKind:
            // Flexible rules go to fty-alert-flexible (engine.md §3.2, §11.6): not evaluated here.
            #expect(document.kind == "flexible")
            return
        case .simpleThreshold:
            // A scalar target: built-in comparisons (§6.1); an `evaluation` member is ignored.
            #expect(document.kind == "threshold")
            #expect(document.body["target"] is String)
            return
        case .runs(let evaluation):
            #expect(!document.targets.isEmpty)
            let program = try LuaRuleProgram(evaluation: evaluation, values: document.values)
            let cases = try Self.cases(for: name, document: document)
            #expect(!cases.isEmpty, "no cases for \(name)")
            for (arguments, expected) in cases {
                #expect(program.evaluate(arguments) == .success(expected), "\(name) with \(arguments)")
                if let resultName = expected.resultName {
                    #expect(document.resultNames.contains(resultName), "\(name) has no \(resultName) result")
                }
            }
        }
    }

    private static func cases(
        for name: String, document: LuaReferenceDocument
    ) throws -> [(arguments: [Double], expected: LuaOutcome)] {
        let prefix = String(name.prefix { $0 != "@" })
        if let cases = statusCases[prefix] { return cases }
        let levels = Dictionary(document.values.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first })
        let thresholds = Set(levels.values).sorted()
        guard let lowest = thresholds.first, let highest = thresholds.last else { return [] }
        let points = [lowest - 1] + zip(thresholds, thresholds.dropFirst()).map { ($0 + $1) / 2 } + [highest + 1]
        let arity = document.targets.count
        if prefix == "phase_imbalance" {
            // The Lua compares the largest deviation from the mean, in percent of the mean:
            // phases 100 + p, 100 − p and 100 deviate by exactly p percent.
            return points.map { ([100 + $0, 100 - $0, 100], standardOutcome(of: $0, levels: levels)) }
        }
        var cases = points.map { (Array(repeating: $0, count: arity), standardOutcome(of: $0, levels: levels)) }
        // Any one phase out of range decides for the rule.
        if arity > 1, let normal = points.first(where: { standardOutcome(of: $0, levels: levels) == .ok }) {
            cases += points.map {
                (Array(repeating: normal, count: arity - 1) + [$0], standardOutcome(of: $0, levels: levels))
            }
        }
        return cases
    }

    /// The meaning of the four levels, highest first and strict (engine.md §6.1).
    private static func standardOutcome(of value: Double, levels: [String: Double]) -> LuaOutcome {
        if let level = levels["high_critical"], value > level { return .highCritical }
        if let level = levels["high_warning"], value > level { return .highWarning }
        if let level = levels["low_critical"], value < level { return .lowCritical }
        if let level = levels["low_warning"], value < level { return .lowWarning }
        return .ok
    }
}

/// The reference rules that carry Lua compile (or are refused) and decide as their Lua says.
@Suite struct LuaReferenceRuleTests {
    static let directory = Fixtures.shared.appendingPathComponent("reference/rules")

    struct Case: Sendable, CustomTestStringConvertible {
        let file: String
        let decisions: [(arguments: [Double], expected: LuaOutcome)]
        var testDescription: String { file }
    }

    static let cases: [Case] = [
        // abc_fff1 + abc_fff2 against 30 / 40 / 50 / 60.
        Case(
            file: "complexthreshold.rule",
            decisions: [
                ([10, 10], .lowCritical), ([17, 18], .lowWarning), ([20, 25], .ok), ([25, 25], .ok),
                ([25, 30], .highWarning), ([30, 35], .highCritical),
            ]),
        // abc_sss1 * a1 + abc_sss2 * a2 with a1 = 2, a2 = −3.
        Case(
            file: "single.rule",
            decisions: [([1, 0], .highWarning), ([0, 4], .highCritical), ([0, 1], .ok), ([3, 2], .ok)]),
        Case(
            file: "rule_to_metrictouch2.rule",
            decisions: [([5, 1], .highWarning), ([0, 11], .highCritical), ([1, 1], .ok)]),
        Case(
            file: "pattern.rule",
            decisions: [
                ([5], .lowCritical), ([10], .lowCritical), ([30], .lowWarning), ([60], .lowWarning), ([61], .ok),
            ]),
        Case(
            file: "warranty.rule",
            decisions: [
                ([-1], .highCritical), ([0], .lowCritical), ([10], .lowCritical), ([11], .lowWarning),
                ([60], .lowWarning), ([61], .ok),
            ]),
        // Bit 7 (64) low battery, bit 5 (16) on battery; assigns the global `mask` on every call.
        Case(
            file: "ups.rule",
            decisions: [
                ([64], .highCritical), ([16], .highWarning), ([80], .highCritical), ([0], .ok), ([15], .ok),
                ([16], .highWarning),
            ]),
        Case(file: "onbattery-5PX1500-01.rule", decisions: [([16], .highCritical), ([0], .ok), ([15], .ok)]),
        Case(file: "too_high-ROZ.ePDU13.rule", decisions: [([0], .highCritical), ([-5], .highCritical)]),
        // Trailing garbage after the document (engine.md §3.1).
        Case(file: "rule_with_trash.rule", decisions: [([1], .ok)]),
    ]

    @Test(arguments: cases)
    func ruleDecidesAsItsLuaSays(_ ruleCase: Case) throws {
        let document = try LuaReferenceDocument(url: Self.directory.appendingPathComponent(ruleCase.file))
        guard case .runs(let evaluation) = document.lua else {
            Issue.record("\(ruleCase.file) runs no Lua")
            return
        }
        let program = try LuaRuleProgram(evaluation: evaluation, values: document.values)
        for (arguments, expected) in ruleCase.decisions {
            #expect(program.evaluate(arguments) == .success(expected), "\(ruleCase.file) with \(arguments)")
        }
    }

    @Test func aParameterNamedLikeATopicIsASyntaxError() throws {
        // engine.md §4: `main(topic_005@device_005, …)` → BAD_LUA.
        let document = try LuaReferenceDocument(
            url: Self.directory.appendingPathComponent("complexthreshold_lua_error.rule"))
        guard case .runs(let evaluation) = document.lua else {
            Issue.record("no Lua")
            return
        }
        do {
            _ = try LuaRuleProgram(evaluation: evaluation, values: document.values)
            Issue.record("compiled")
        } catch {
            guard case .syntax(let message, let line) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(line == 1)
            #expect(message.contains("near '@'"))
        }
    }

    @Test func bareCodeReferencingMetricGlobalsIsRefused() throws {
        // engine.md §4: metric values are not globals; the chunk fails on `abc_fff1 + abc_fff2`.
        let document = try LuaReferenceDocument(
            url: Self.directory.appendingPathComponent("complexthreshold_ok_notok.rule"))
        guard case .runs(let evaluation) = document.lua else {
            Issue.record("no Lua")
            return
        }
        #expect(
            throws: LuaProgramError.runtime(
                message: "evaluation:1: attempt to perform arithmetic on a nil value (global 'abc_fff1')", line: 1)
        ) {
            try LuaRuleProgram(evaluation: evaluation, values: document.values)
        }
    }

    @Test func everyReferenceRuleWithLuaIsCovered() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path)
        let covered = Set(
            Self.cases.map(\.file) + ["complexthreshold_lua_error.rule", "complexthreshold_ok_notok.rule"])
        var withLua: [String] = []
        for name in names.sorted() {
            let document = try LuaReferenceDocument(url: Self.directory.appendingPathComponent(name))
            if case .runs = document.lua { withLua.append(name) }
        }
        #expect(withLua.count >= 10)
        #expect(Set(withLua) == covered)
    }
}

/// A rule or template file read with Foundation, for fixtures only (the engine's own lenient
/// parser is another module's job).
///
/// JSONSerialization is stricter than the engine (§3.1): it rejects raw control characters inside
/// strings (the flexible templates carry multi-line Lua) and trailing text after the document
/// (`rule_with_trash.rule`), and it has no option to relax either on Linux. So the text is
/// prepared first: control bytes inside string literals are escaped as `\u00XX`, and the text
/// is cut after the first complete top-level value.
struct LuaReferenceDocument {
    /// What the engine would run for this document.
    enum Lua {
        /// The first key is not an engine kind (e.g. `flexible`).
        case notAnEngineKind
        /// `threshold` with a scalar target: no Lua, even if an `evaluation` is present.
        case simpleThreshold
        /// A complex threshold, single or pattern rule, with its evaluation text.
        case runs(evaluation: String)
    }

    let kind: String
    let body: [String: Any]

    init(url: URL, substitutions: [(placeholder: String, value: String)] = []) throws {
        var text = try String(contentsOf: url, encoding: .utf8)
        for (placeholder, value) in substitutions {
            text = text.replacingOccurrences(of: placeholder, with: value)
        }
        let object = try JSONSerialization.jsonObject(with: Data(Self.firstValueEscaped(Array(text.utf8))))
        guard let top = object as? [String: Any], top.count == 1, let member = top.first,
            let body = member.value as? [String: Any]
        else {
            throw CocoaError(.propertyListReadCorrupt, userInfo: [NSFilePathErrorKey: url.path])
        }
        self.kind = member.key
        self.body = body
    }

    var lua: Lua {
        let evaluation = body["evaluation"] as? String
        switch kind {
        case "threshold" where body["target"] is [Any]:
            return evaluation.map { .runs(evaluation: $0) } ?? .notAnEngineKind
        case "threshold": return .simpleThreshold
        case "single", "pattern": return evaluation.map { .runs(evaluation: $0) } ?? .notAnEngineKind
        default: return .notAnEngineKind
        }
    }

    var targets: [String] {
        (body["target"] as? [String]) ?? (body["target"] as? String).map { [$0] } ?? []
    }

    /// `values` as (name, number); first member of each element, as engine.md §3.4 reads them.
    var values: [(name: String, value: Double)] {
        ((body["values"] as? [[String: Any]]) ?? []).compactMap { element in
            guard let member = element.first else { return nil }
            let number = (member.value as? String).flatMap(Double.init) ?? (member.value as? NSNumber)?.doubleValue
            return number.map { (member.key, $0) }
        }
    }

    var resultNames: [String] {
        ((body["results"] as? [[String: Any]]) ?? []).compactMap(\.keys.first)
    }

    /// The bytes of the first top-level JSON value, with control bytes in strings escaped.
    private static func firstValueEscaped(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        var depth = 0
        var inString = false
        var escaped = false
        for byte in bytes {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                } else if byte < 0x20 {
                    output += Array(String(format: "\\u%04x", byte).utf8)
                    continue
                }
                output.append(byte)
                continue
            }
            output.append(byte)
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return output }
            default: break
            }
        }
        return output
    }
}
