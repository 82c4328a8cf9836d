import ArgumentParser
import Foundation
import FtyProto

/// `publish metric QUANTITY@ELEMENT VALUE`: an fty_proto METRIC on METRICS (wire.md §4.3, §5.1).
struct PublishMetricCommand: BusSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "metric", abstract: "Publishes an fty_proto METRIC on the METRICS stream (subject QUANTITY@ELEMENT).")

    @Argument(help: ArgumentHelp("The metric topic, e.g. temperature@sensor-1.", valueName: "quantity@element"))
    var topic: MetricTopic

    @Argument(help: ArgumentHelp("The value as text, e.g. 25.3.", valueName: "value"))
    var value: String

    @Option(name: .long, help: "Unit, e.g. C or %.")
    var unit = ""

    @Option(name: .long, help: ArgumentHelp("Validity in seconds (the alert's TTL is three times this).", valueName: "seconds"))
    var ttl: UInt32 = 60

    @OptionGroup var bus: BusOptions

    func execute(_ session: BusSession) throws(CommandFailure) {
        let metric = FtyMetric(
            aux: [:], time: UInt64(Date().timeIntervalSince1970), ttl: ttl, type: topic.quantity, name: topic.element,
            value: value, unit: unit)
        let frame: [UInt8]
        do {
            frame = try FtyProtoCodec.encode(metric)
        } catch {
            throw .bus(endpoint: session.endpoint, detail: "cannot encode the METRIC: \(error)")
        }
        try Publication.publish(
            session, stream: FtyStreams.metrics, subject: topic.text, frames: [frame],
            what: "METRIC \(topic.text) = \(value)\(unit.isEmpty ? "" : " \(unit)")", json: bus.json)
    }
}
