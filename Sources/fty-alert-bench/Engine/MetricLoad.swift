import FtyProto

/// The METRIC frames the load publishers send, encoded once up front.
///
/// Metric `i` goes to topic `i % topics` (round robin); its value is one of eight values in
/// the OK band of every load rule (41.5 … 48.5), except that every `crossingEvery`-th round
/// of a topic carries 99, which raises that topic's simple and single rules; the next round
/// resolves them again. So most metrics change no alert state, and a few do.
struct MetricLoad: Sendable {
    /// One metric ready to publish.
    struct Metric {
        let subject: String
        let frame: [UInt8]
    }

    /// TTL of every benchmark metric, seconds.
    static let ttl: UInt32 = 300

    let subjects: [String]
    /// `frames[topic][variant]`: variants 0–7 are OK values, 8 is the crossing value.
    let frames: [[[UInt8]]]
    let crossingEvery: Int

    init(topicCount: Int, crossingEvery: Int) throws {
        var subjects: [String] = []
        var frames: [[[UInt8]]] = []
        for topic in 0..<topicCount {
            subjects.append(BenchRuleSet.topic(topic))
            let values = (0..<8).map { "4\($0 + 1).5" } + ["99"]
            frames.append(
                try values.map { value in
                    try Self.frame(quantity: BenchRuleSet.quantity, asset: BenchRuleSet.asset(topic), value: value)
                })
        }
        self.subjects = subjects
        self.frames = frames
        self.crossingEvery = crossingEvery
    }

    /// Metric number `index` of the endless load sequence.
    func metric(_ index: Int) -> Metric {
        let topic = index % subjects.count
        let round = index / subjects.count
        let crossing = crossingEvery > 0 && round % crossingEvery == crossingEvery - 1
        return Metric(subject: subjects[topic], frame: frames[topic][crossing ? 8 : round % 8])
    }

    /// The METRIC frame a probe rule sees: raise (100) or resolve (0).
    static func probeFrame(_ probe: ProbeRule, raised: Bool) throws -> [UInt8] {
        try frame(quantity: probe.quantity, asset: probe.asset, value: probe.value(raised: raised))
    }

    static func frame(quantity: String, asset: String, value: String) throws -> [UInt8] {
        // The time field is informative only: the engine stamps alerts with its own clock.
        let metric = FtyMetric(time: 1_700_000_000, ttl: ttl, type: quantity, name: asset, value: value, unit: "W")
        return try FtyProtoCodec.encode(.metric(metric))
    }
}
