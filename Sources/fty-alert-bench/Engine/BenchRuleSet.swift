import AlertEngine
import Foundation

/// The rules the engine benchmark loads: a synthetic mix plus two dedicated probe rules.
///
/// The mix follows the issue: 80 % simple thresholds, 15 % Lua complex thresholds (two
/// targets, their sum compared) and 5 % single rules (one target), spread over `topicCount`
/// topics so that every topic feeds about (rules × 1.15 / topics) rules. Kinds are shuffled
/// with a fixed seed, so a run is reproducible and no topic gets only one kind.
/// The probe rules are simple thresholds with only `high_critical` = 50 on topics no load
/// metric uses: a value of 100 raises, 0 resolves, so every alternation is a state change
/// that the engine publishes at once (decisions.md D2).
struct BenchRuleSet {
    /// Kinds of generated load rule.
    enum Kind { case simple, complex, single }

    /// One generated rule: its name and stored text.
    struct Document {
        let name: String
        let text: String
    }

    let ruleCount: Int
    let topicCount: Int

    /// Rule raised by the throughput workload's sentinel metrics.
    static let sentinel = ProbeRule(name: "bench-sentinel", quantity: "bench.sentinel", asset: "bench-sentinel")
    /// Rule raised by the latency workload's crossings.
    static let latencyProbe = ProbeRule(name: "bench-latency", quantity: "bench.latency", asset: "bench-latency")

    /// The asset of topic `index`.
    static func asset(_ index: Int) -> String { "asset-\(index)" }
    /// The quantity every load topic measures.
    static let quantity = "realpower.bench"
    /// The topic (`quantity@asset`) of topic `index`.
    static func topic(_ index: Int) -> String { "\(quantity)@\(asset(index))" }

    /// The kind of every load rule, in rule order: exact proportions, shuffled with a fixed seed.
    func kinds() -> [Kind] {
        let complexCount = ruleCount * 15 / 100
        let singleCount = ruleCount * 5 / 100
        var kinds = [Kind](repeating: .simple, count: ruleCount - complexCount - singleCount)
        kinds += [Kind](repeating: .complex, count: complexCount)
        kinds += [Kind](repeating: .single, count: singleCount)
        var generator = SplitMix64(seed: 42)
        kinds.shuffle(using: &generator)
        return kinds
    }

    /// The load rules, then the two probe rules.
    func documents() -> [Document] {
        var documents: [Document] = []
        documents.reserveCapacity(ruleCount + 2)
        for (index, kind) in kinds().enumerated() {
            let topic = index % topicCount
            switch kind {
            case .simple:
                let name = "bench-simple-\(index)"
                documents.append(Document(name: name, text: RuleDocuments.simple(
                    name: name, target: Self.topic(topic), element: Self.asset(topic))))
            case .complex:
                let name = "bench-complex-\(index)"
                let second = (topic + topicCount / 2) % topicCount
                documents.append(Document(name: name, text: RuleDocuments.complex(
                    name: name, targets: [Self.topic(topic), Self.topic(second)], element: Self.asset(topic))))
            case .single:
                let name = "bench-single-\(index)"
                documents.append(Document(name: name, text: RuleDocuments.single(
                    name: name, target: Self.topic(topic), element: Self.asset(topic))))
            }
        }
        for probe in [Self.sentinel, Self.latencyProbe] {
            documents.append(Document(name: probe.name, text: probe.document))
        }
        return documents
    }

    /// Writes every document as `<name>.rule` into `directory` and returns the names written.
    ///
    /// Every document is parsed with the engine's own `RuleParser` first, and the Lua of each
    /// kind is compiled once, so a rule the engine would skip is reported here, not measured.
    func write(to directory: URL) throws -> [String] {
        let documents = documents()
        try Self.validate(documents)
        for document in documents {
            let url = directory.appendingPathComponent("\(document.name).rule")
            try Data(document.text.utf8).write(to: url)
        }
        return documents.map(\.name)
    }

    static func validate(_ documents: [Document]) throws {
        var compiled = Set<RuleKind>()
        for document in documents {
            let rule: Rule
            do {
                rule = try RuleParser.parse(document.text)
            } catch {
                throw BenchmarkError("generated rule \(document.name) does not parse: \(error)")
            }
            guard rule.kind.usesLua, compiled.insert(rule.kind).inserted, let evaluation = rule.evaluation else {
                continue
            }
            do {
                _ = try LuaRuleProgram(evaluation: evaluation, values: rule.namedValues)
            } catch {
                throw BenchmarkError("generated rule \(document.name) does not compile: \(error)")
            }
        }
    }
}

/// A dedicated simple threshold (high_critical 50) on its own topic, used to observe the engine.
struct ProbeRule: Sendable {
    let name: String
    let quantity: String
    let asset: String

    /// The metric subject (`quantity@asset`), which is also the rule's target.
    var topic: String { "\(quantity)@\(asset)" }
    /// The rule document.
    var document: String {
        RuleDocuments.probe(name: name, target: topic, element: asset)
    }
    /// Subject pattern that selects this rule's alerts on `_ALERTS_SYS` (engine.md §7.4).
    var alertPattern: String { "^\(name)/" }
    /// The subject of this rule's alert: raised (`CRITICAL`) or resolved (empty severity).
    func alertSubject(raised: Bool) -> String { "\(name)/\(raised ? "CRITICAL" : "")@\(asset)" }
    /// The metric value that raises (100) or resolves (0) the alert.
    func value(raised: Bool) -> String { raised ? "100" : "0" }
}

/// A small, seedable generator so the rule mix is the same on every run.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
