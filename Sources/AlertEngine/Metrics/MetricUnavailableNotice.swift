/// A parsed `_METRICS_UNAVAILABLE` notice: the topic whose rules are touched (engine.md §5.5).
///
/// The caller has already decided the message is not fty_proto; the stream subject is not used.
/// Every rule indexed under exactly `topic` is touched (`AlertTracker.touch`); the metric cache
/// entry stays (Q32); no reply is sent.
public struct MetricUnavailableNotice: Sendable, Hashable {
    /// First-frame commands accepted: the original's `METRICUNAVAILABLE` and the spelling with an
    /// underscore, which some senders use.
    public static let commands: [String] = ["METRICUNAVAILABLE", "METRIC_UNAVAILABLE"]

    /// The topic `<quantity>@<asset>`, as sent.
    public var topic: String

    /// Creates a notice for `topic`.
    public init(topic: String) {
        self.topic = topic
    }

    /// Parses the content frames: `[command, topic, …]`; frames after the topic are ignored.
    public static func parse(_ frames: [[UInt8]]) throws(MetricUnavailableError) -> MetricUnavailableNotice {
        guard let command = frames.first else { throw .noFrames }
        guard commands.contains(where: { Array($0.utf8) == command }) else { throw .unknownCommand(command) }
        guard frames.count >= 2 else { throw .missingTopic }
        let bytes = frames[1]
        let topic = String(decoding: bytes, as: UTF8.self)
        // String(decoding:) repairs invalid UTF-8; a repaired text is not what was sent.
        guard topic.utf8.elementsEqual(bytes) else { throw .topicNotUTF8(bytes) }
        return MetricUnavailableNotice(topic: topic)
    }
}
