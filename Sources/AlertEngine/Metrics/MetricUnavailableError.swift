/// Why a `_METRICS_UNAVAILABLE` message was not understood (engine.md §5.5); it is logged and ignored.
public enum MetricUnavailableError: Error, Sendable, Hashable {
    /// The message has no frames.
    case noFrames
    /// The first frame is neither `METRICUNAVAILABLE` nor `METRIC_UNAVAILABLE`; carries it.
    case unknownCommand([UInt8])
    /// The command frame is not followed by a topic frame.
    case missingTopic
    /// The topic frame is not valid UTF-8 (no rule can be indexed under it); carries it.
    case topicNotUTF8([UInt8])
}
