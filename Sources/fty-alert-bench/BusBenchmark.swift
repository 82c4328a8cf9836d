import ArgumentParser
import Foundation
import FtyProto
import MalamuteBroker
import MalamuteClient

/// Stream throughput and mailbox latency through the embedded broker (issue 2).
///
/// One producer and one consumer client, each on its own thread, publish and receive METRIC
/// frames of about 150 bytes on the METRICS stream through a broker in this process, over the
/// same ipc transport the appliance uses. Then two clients bounce one mailbox message back and
/// forth and the round trips are timed one by one.
struct BusBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bus", abstract: "Stream messages per second and mailbox round-trip latency.")

    @Option(help: "Stream messages to send.")
    var messages = 1_000_000

    @Option(help: "Mailbox round trips to time (after 1,000 untimed ones).")
    var roundTrips = 20_000

    @Option(help: "Broker endpoint (default: a fresh abstract ipc name).")
    var endpoint: String?

    func run() throws {
        let endpoint = endpoint ?? "ipc://@/fty-alert-bench-\(getpid())"
        let broker = try MalamuteBroker(configuration: BrokerConfiguration(endpoints: [endpoint]))
        defer { broker.stop() }

        let frame = try Self.metricFrame()
        print("broker: \(endpoint); METRIC frame \(frame.count) bytes")
        let rate = try StreamThroughput(endpoint: endpoint, messages: messages, frame: frame).run()
        print(String(format: "stream: %d messages, %.0f msgs/s one-way through the broker", messages, rate))

        let latencies = try MailboxLatency(endpoint: endpoint, roundTrips: roundTrips).run()
        print(
            String(
                format: "mailbox round trip: p50 %.0f us, p99 %.0f us, max %.0f us (%d round trips)",
                latencies.percentile(50), latencies.percentile(99), latencies.percentile(100), roundTrips))
    }

    /// A METRIC as 42ity agents publish it, with the aux entries sensor agents add: 150 bytes.
    static func metricFrame() throws -> [UInt8] {
        var aux = FtyHash()
        aux["port"] = "1"
        aux["element-dest"] = "datacenter-3"
        aux["sname"] = "sensor-12-rack-4"
        aux["parent_name.1"] = "rack-4-row-2-dc-3"
        let metric = FtyMetric(
            aux: aux, time: 1_700_000_000, ttl: 300, type: "temperature", name: "sensor-12",
            value: "25.3", unit: "C")
        return try FtyProtoCodec.encode(.metric(metric))
    }
}

/// Latency samples in microseconds.
struct LatencySamples {
    var micros: [Double]

    /// The value below which `p` percent of the samples fall (nearest rank).
    func percentile(_ p: Double) -> Double {
        let sorted = micros.sorted()
        guard !sorted.isEmpty else { return .nan }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }
}
