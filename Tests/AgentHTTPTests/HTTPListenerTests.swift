#if canImport(Glibc)
import Locking
import Glibc
#endif
import AgentHTTP
import Logging
import Prometheus
import SelfMetrics
import TestSupport
import Testing

/// The listener's own routes (`/metrics`, `/live`, `/ready`) and its life, over real TCP.
@Suite struct HTTPListenerTests {
    /// A listener on a free port serving `registry`, with no history.
    static func serving(
        registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(), ready: @escaping @Sendable () -> Bool = { true },
        webhook: WebhookSettings = WebhookSettings()
    ) async throws -> HTTPListener {
        try await HTTPListener.start(
            settings: HTTPSettings(listen: ListenAddress(host: "127.0.0.1", port: 0), webhook: webhook),
            services: HTTPServices(registry: registry, history: nil, ready: ready), logger: Logger(label: "test"))
    }

    @Test func servesTheRegistryInThePrometheusTextFormat() async throws {
        let registry = PrometheusCollectorRegistry()
        let listener = try await Self.serving(registry: registry)
        let factory = SelfMetricsFactory.make(registry: registry)
        let counter = factory.makeCounter(label: "fty_alert_engine_test_total", dimensions: [("input", "bus")])
        counter.increment(by: Int64(3))
        let first = try await fetch(port: listener.port)
        #expect(first.status == 200)
        #expect(first.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8")
        #expect(first.body.contains("# TYPE fty_alert_engine_test_total counter\n"))
        #expect(prometheusSample(first.body, #"fty_alert_engine_test_total{input="bus"}"#) == 3)
        #expect(first.headers["content-length"] == "\(first.body.utf8.count)")

        // Scraped live: a change shows in the next response.
        counter.increment(by: Int64(1))
        let second = try await fetch(port: listener.port, path: "/metrics?format=text")
        #expect(prometheusSample(second.body, #"fty_alert_engine_test_total{input="bus"}"#) == 4)
        await listener.stop()
    }

    @Test func servesHistogramsOfTheBootstrappedFactoryInSeconds() async throws {
        let registry = PrometheusCollectorRegistry()
        let listener = try await Self.serving(registry: registry)
        let timer = SelfMetricsFactory.make(registry: registry)
            .makeTimer(label: "fty_alert_engine_test_seconds", dimensions: [("kind", "pattern")])
        timer.recordNanoseconds(3_000)  // 3 µs
        let body = try await fetch(port: listener.port).body
        #expect(body.contains("# TYPE fty_alert_engine_test_seconds histogram"))
        #expect(prometheusSample(body, #"fty_alert_engine_test_seconds_bucket{kind="pattern",le="0.000002"}"#) == 0)
        #expect(prometheusSample(body, #"fty_alert_engine_test_seconds_bucket{kind="pattern",le="0.000005"}"#) == 1)
        #expect(prometheusSample(body, #"fty_alert_engine_test_seconds_count{kind="pattern"}"#) == 1)
        await listener.stop()
    }

    @Test func liveAlwaysAndReadyOnceEveryServerRuns() async throws {
        let ready = ReadyFlag()
        let listener = try await Self.serving(ready: { ready.value })
        let live = try await fetch(port: listener.port, path: "/live")
        #expect(live.status == 200)
        #expect(live.body == #"{"status":"pass"}"#)
        #expect(try await fetch(port: listener.port, path: "/ready").status == 503)
        ready.value = true
        #expect(try await fetch(port: listener.port, path: "/ready").status == 200)
        await listener.stop()
    }

    @Test func answers404ElsewhereAndRefusesOtherMethods() async throws {
        let listener = try await Self.serving()
        #expect(try await fetch(port: listener.port, path: "/nothing-here").status == 404)
        #expect(try await fetch(port: listener.port, path: "/metrics/x").status == 404)
        #expect(try await fetch(port: listener.port, method: "DELETE").status >= 400)
        await listener.stop()
    }

    @Test func aClientThatSendsGarbageOrNothingDoesNotStopTheNextScrape() async throws {
        let listener = try await Self.serving()
        // One connection that sends garbage and closes, one that sends nothing and closes.
        for payload in ["\u{0}\u{1}\u{2}\r\n\r\n", ""] {
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(listener.port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            #expect(connected == 0)
            _ = Array(payload.utf8).withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            close(descriptor)
        }
        #expect(try await fetch(port: listener.port).status == 200)
        await listener.stop()
    }

    @Test func aPortInUseIsAClearStartError() async throws {
        let listener = try await Self.serving()
        let taken = ListenAddress(host: "127.0.0.1", port: listener.port)
        await #expect {
            _ = try await HTTPListener.start(
                settings: HTTPSettings(listen: taken), services: HTTPServices(registry: PrometheusCollectorRegistry(), history: nil),
                logger: Logger(label: "test"))
        } throws: { error in
            "\(error)" == "cannot listen on 127.0.0.1:\(listener.port): Address already in use"
        }
        // The first one still serves.
        #expect(try await fetch(port: listener.port).status == 200)
        await listener.stop()
    }

    @Test func stopReleasesThePort() async throws {
        let listener = try await Self.serving()
        await listener.stop()
        await #expect(throws: (any Error).self) { try await fetch(port: listener.port) }
        let again = try await HTTPListener.start(
            settings: HTTPSettings(listen: ListenAddress(host: "127.0.0.1", port: listener.port)),
            services: HTTPServices(registry: PrometheusCollectorRegistry(), history: nil), logger: Logger(label: "test"))
        await again.stop()
    }
}

/// A flag a test flips while the listener reads it.
final class ReadyFlag: Sendable {
    private let lock = Locked(false)
    var value: Bool {
        get { lock.withLock { $0 } }
        set { lock.withLock { $0 = newValue } }
    }
}
