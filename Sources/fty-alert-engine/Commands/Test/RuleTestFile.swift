import Foundation

/// One rule test file of `fty-alert-engine test` (issue 13 item 6), JSON (YAML is not read: no
/// YAML package is a dependency of this project).
///
/// ```json
/// { "template": "../temperature.default@__device_sensor__.rule",
///   "asset": { "name": "sensor-1", "type": "device", "subtype": "sensor",
///              "ext": { "name": "Sensor 1", "logical_asset": "room-1" },
///              "containers": { "room-1": "Room 1" } },
///   "interval": 60,
///   "tests": [ { "name": "too hot, then fine",
///                "input_series": { "temperature.default@sensor-1": "20 46 51 51 20" },
///                "expected": [ { "at": 60, "state": "ACTIVE", "severity": "WARNING" },
///                              { "at": 120, "state": "ACTIVE", "severity": "CRITICAL" },
///                              { "at": 240, "state": "RESOLVED" } ] } ] }
/// ```
///
/// Exactly one of `rule` (a rule file) and `template` (an autoconfig template, expanded for
/// `asset` by autoconfig's own expander) is given; paths are relative to the test file.
struct RuleTestFile: Decodable, Sendable {
    /// A rule file, relative to the test file.
    var rule: String?
    /// A template file, relative to the test file.
    var template: String?
    /// The asset a template is expanded for (required with `template`).
    var asset: Asset?
    /// Seconds between two values of a series (default 60).
    var interval: UInt64?
    /// The TTL each metric is sent with (default twice `interval`).
    var ttl: UInt32?
    /// The rule name the rule or expanded template must have (optional check).
    var ruleName: String?
    /// The agent the rule goes to: `fty-alert-engine` (default) or `fty-alert-flexible`, which
    /// this engine does not evaluate (its tests are then only the expansion and the name).
    var destination: String?
    /// Seconds after time 0 at which the rule is added (default 0, before the first values):
    /// the values of earlier steps are in the metric cache then, as a phase rule's ADD needs
    /// (engine.md §9.4 step 3).
    var addAt: UInt64?
    /// The reason the engine's ADD must refuse the rule with (`Rule can't be directly
    /// instantiated.`, …); the cases are not run then.
    var refusal: String?
    /// The test cases, each on a fresh engine.
    var tests: [Case]

    enum CodingKeys: String, CodingKey {
        case rule, template, asset, interval, ttl, tests, destination, refusal
        case ruleName = "rule_name"
        case addAt = "add_at"
    }

    /// The asset of a template test: what autoconfig knows of it when it expands templates.
    struct Asset: Decodable, Sendable {
        /// Internal name, e.g. `sensor-1` (`__name__`).
        var name: String
        /// Asset type (`device`, `datacenter`, `rack`, …).
        var type: String
        /// Subtype (`ups`, `sensor`, …; empty for none).
        var subtype: String?
        /// The ext attributes (`name`, `logical_asset`, `port`, `alarm_severity`, …).
        var ext: [String: String]?
        /// Display names of containers by internal name (`__logicalasset__`).
        var containers: [String: String]?
    }

    /// One test case.
    struct Case: Decodable, Sendable {
        /// Shown in the output.
        var name: String?
        /// Per metric topic (`quantity@asset`), space-separated values, one per interval from
        /// time 0; `_` for no value at that step.
        var inputSeries: [String: String]
        /// The alert transitions expected, in order.
        var expected: [Transition]

        enum CodingKeys: String, CodingKey {
            case name
            case inputSeries = "input_series"
            case expected
        }
    }

    /// One alert transition: a publication whose state, severity or description differs from
    /// the element's previous publication (re-publications of an unchanged alert are not listed).
    struct Transition: Codable, Sendable, Equatable {
        /// Seconds since the start of the test.
        var at: UInt64
        /// The alert's element; any element when omitted.
        var element: String?
        /// `ACTIVE` or `RESOLVED`.
        var state: String
        /// `CRITICAL`, `WARNING`, …; any when omitted (a RESOLVED alert has none).
        var severity: String?
        /// The description; any when omitted.
        var description: String?
    }

    /// Reads and decodes `path`.
    ///
    /// - Throws: ``RuleTestError`` when the file cannot be read or is not a valid test file.
    static func load(path: String) throws(RuleTestError) -> RuleTestFile {
        guard let data = FileManager.default.contents(atPath: path) else { throw .unreadable(path: path, reason: "cannot read the file") }
        let file: RuleTestFile
        do {
            file = try JSONDecoder().decode(RuleTestFile.self, from: data)
        } catch let error as DecodingError {
            throw .unreadable(path: path, reason: Self.describe(error))
        } catch {
            throw .unreadable(path: path, reason: "\(error)")
        }
        guard (file.rule == nil) != (file.template == nil) else {
            throw .unreadable(path: path, reason: "exactly one of \"rule\" and \"template\" is needed")
        }
        if file.template != nil, file.asset == nil { throw .unreadable(path: path, reason: "\"template\" needs an \"asset\"") }
        if file.interval == 0 { throw .unreadable(path: path, reason: "\"interval\" must be positive") }
        if let destination = file.destination, !RuleTestFile.destinations.contains(destination) {
            throw .unreadable(path: path, reason: "\"destination\" is fty-alert-engine or fty-alert-flexible, not \(destination)")
        }
        return file
    }

    /// The agents a rule can go to.
    static let destinations = ["fty-alert-engine", "fty-alert-flexible"]

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return keys.isEmpty ? "the document" : String(keys.drop { $0 == "." })
        }
        switch error {
        case .dataCorrupted(let context): return "not JSON: \(context.underlyingError.map { "\($0)" } ?? context.debugDescription)"
        case .keyNotFound(let key, let context):
            return context.codingPath.isEmpty
                ? "missing \"\(key.stringValue)\"" : "\(path(context)): missing \"\(key.stringValue)\""
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "\(path(context)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
