import Foundation
import FtyProto
import TestSupport

@testable import AlertEngine

/// One deterministic run of one rule file through an `EngineCore` on a virtual clock: the
/// lines of the differential golden file (issue 13 "What it must show").
///
/// The metric sequence is drawn from a seeded `SplitMix64`: per step one of the rule's targets
/// gets a value below, at, between or above the rule's thresholds (never NaN), the clock moves
/// 0–40 s and the metric TTL is 30 or 60 s, so changes, D2 re-publications and steady states all
/// occur. A TOUCH two thirds of the way and a DELETE at the end cover the management
/// publications. Each publication becomes one line: step, subject, state, severity and the
/// FNV-1a 64 hash of its encoded ALERT frame (`FtyProtoCodec.encode`), so a mismatch names the
/// first differing publication without storing every frame.
struct DifferentialRun {
    /// Where the file comes from (`reference/rules`, `reference/templates`, `ours/templates`, …).
    let label: String
    /// The rule document (templates already filled).
    let text: String

    /// Steps per file.
    static let steps = 150

    /// The lines of this run, the first one naming the file.
    func lines() throws -> [String] {
        var lines = ["# \(label)"]
        let rule: Rule
        do {
            rule = try RuleParser.parse(text)
        } catch {
            lines.append("refused")
            return lines
        }
        let harness = try EngineHarness(files: ["\(rule.name).rule": text])
        let report = try harness.load()
        guard report.loaded == [rule.name] else {
            lines.append("not loaded")
            return lines
        }
        var random = SplitMix64(seed: Self.seed(of: label))
        let topics = Self.topics(of: rule)
        let values = Self.values(of: rule)
        func record(_ step: Int, _ publications: [AlertPublication]) throws {
            for publication in publications {
                let frame = try FtyProtoCodec.encode(.alert(publication.ftyAlert))
                lines.append(
                    "\(step) \(publication.subject) \(publication.state.rawValue) \(publication.severity) "
                        + Self.hash(frame))
            }
        }
        for step in 0..<Self.steps {
            harness.time += random.next() % 41
            let topic = topics[Int(random.next() % UInt64(topics.count))]
            let value = values[Int(random.next() % UInt64(values.count))]
            let ttl: UInt32 = random.next() % 2 == 0 ? 30 : 60
            try record(step, harness.metric(topic, Self.text(of: value), ttl: ttl))
            if step == Self.steps * 2 / 3 {
                try record(step, harness.request("TOUCH", rule.name).publications)
            }
        }
        try record(Self.steps, harness.request("DELETE", rule.name).publications)
        return lines
    }

    /// The metric topics to feed: the targets, or for a pattern rule topics its expression matches.
    static func topics(of rule: Rule) -> [String] {
        guard rule.kind == .pattern else { return rule.targets.isEmpty ? ["x@y"] : rule.targets }
        var pattern = rule.targets.first ?? ""
        for (piece, replacement) in [("^", ""), ("$", ""), (".+", "ups-42"), (".*", "ups-42"), ("\\.", ".")] {
            pattern = pattern.replacingOccurrences(of: piece, with: replacement)
        }
        return [pattern, pattern.replacingOccurrences(of: "ups-42", with: "epdu-7")]
    }

    /// Values around every constant of the rule and a few fixed ones (status bits, extremes).
    static func values(of rule: Rule) -> [Double] {
        var values = Set([-1e6, -1, 0, 1, 15, 16, 17, 64, 100, 256, 16384, 16640, 1e6])
        for constant in rule.values.map(\.value) where constant.isFinite {
            values.formUnion([constant - 1, constant - 0.5, constant, constant + 0.5, constant + 1])
        }
        return values.sorted()
    }

    /// A metric value as an agent would send it.
    static func text(of value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// A seed fixed by the file's label (FNV-1a of its bytes).
    static func seed(of label: String) -> UInt64 { fnv(Array(label.utf8)) }

    /// The hexadecimal FNV-1a 64 hash of `bytes`.
    static func hash(_ bytes: [UInt8]) -> String {
        let value = fnv(bytes)
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    private static func fnv(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
        return hash
    }
}
