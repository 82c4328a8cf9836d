import MalamuteBroker
import MalamuteClient
import MetricsTestKit
import TestSupport
import Testing

/// `fty_alert_engine_bus_reconnects_total`: a session re-opened after the broker lost it.
@Suite struct BusReconnectMetricsTests {
    @Test func aBrokerRestartCountsOneReconnect() throws {
        let endpoint = uniqueEndpoint("selfmetrics-restart")
        var broker = try MalamuteBroker(configuration: BrokerConfiguration(endpoints: [endpoint]))
        let metrics = TestMetrics()
        let client = MalamuteClient(
            configuration: ClientConfiguration(
                endpoint: endpoint, name: "survivor", timeout: .seconds(2), heartbeat: .milliseconds(20)),
            metricsFactory: metrics)
        defer { client.close() }
        try client.connect()
        try client.setProducer(stream: "OUT")
        let reconnects = try metrics.expectCounter(MalamuteClient.reconnectsMetricName, [("client", "survivor")])
        #expect(reconnects.totalValue == 0)

        broker.stop()
        #expect(eventually { _ = try? client.receive(timeout: .milliseconds(10)); return client.state == .disconnected })
        #expect(reconnects.totalValue == 0)
        broker = try MalamuteBroker(configuration: BrokerConfiguration(endpoints: [endpoint]))
        defer { broker.stop() }
        // ERROR 500 to a ping → re-open (the re-HELLO) → replay.
        #expect(eventually { _ = try? client.receive(timeout: .milliseconds(10)); return client.isConnected })
        #expect(reconnects.totalValue == 1)
    }
}
