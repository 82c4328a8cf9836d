import ArgumentParser
import FtyProto

/// `publish unavailable QUANTITY@ELEMENT`: `["METRICUNAVAILABLE", topic]` on `_METRICS_UNAVAILABLE` (engine.md §5.5).
struct PublishUnavailableCommand: BusSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "unavailable",
        abstract: "Says a metric is gone: the engine resolves the alerts of every rule using it.")

    @Argument(help: ArgumentHelp("The metric topic, e.g. temperature@sensor-1.", valueName: "quantity@element"))
    var topic: MetricTopic

    @OptionGroup var bus: BusOptions

    func execute(_ session: BusSession) throws(CommandFailure) {
        // wire.md §5.1: consumers read the topic from frame 2; the subject is the topic too, as in tests.
        try Publication.publish(
            session, stream: FtyStreams.metricsUnavailable, subject: topic.text,
            frames: [Array("METRICUNAVAILABLE".utf8), Array(topic.text.utf8)], what: "METRICUNAVAILABLE \(topic.text)",
            json: bus.json)
    }
}
