#if canImport(Glibc)
import Glibc
#endif
import Logging
import Prometheus
import SelfMetrics
import TestSupport
import Testing

/// The `/metrics` HTTP endpoint, over a real TCP socket.
@Suite struct MetricsExporterTests {
    /// An exporter on a free port serving a registry with one counter and one histogram.
    private func serving() throws -> (MetricsExporter, PrometheusCollectorRegistry) {
        let registry = PrometheusCollectorRegistry()
        let exporter = try MetricsExporter(registry: registry, listen: ListenAddress(host: "127.0.0.1", port: try freeTCPPort()))
        return (exporter, registry)
    }

    @Test func servesTheRegistryInThePrometheusTextFormat() throws {
        let (exporter, registry) = try serving()
        defer { exporter.stop() }
        let factory = MetricsExporter.makeFactory(registry: registry)
        let counter = factory.makeCounter(label: "fty_alert_engine_test_total", dimensions: [("input", "bus")])
        counter.increment(by: Int64(3))
        let first = try httpRequest(port: exporter.port)
        #expect(first.status == 200)
        #expect(first.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8")
        #expect(first.body.contains("# TYPE fty_alert_engine_test_total counter\n"))
        #expect(prometheusSample(first.body, #"fty_alert_engine_test_total{input="bus"}"#) == 3)
        #expect(first.headers["content-length"] == "\(first.body.utf8.count)")

        // Scraped live: a change shows in the next response.
        counter.increment(by: Int64(1))
        let second = try httpRequest(port: exporter.port, path: "/metrics?format=text")
        #expect(prometheusSample(second.body, #"fty_alert_engine_test_total{input="bus"}"#) == 4)
    }

    @Test func servesHistogramsOfTheBootstrappedFactoryInSeconds() throws {
        let (exporter, registry) = try serving()
        defer { exporter.stop() }
        let factory = MetricsExporter.makeFactory(registry: registry)
        let timer = factory.makeTimer(label: "fty_alert_engine_test_seconds", dimensions: [("kind", "pattern")])
        timer.recordNanoseconds(3_000)  // 3 µs
        let body = try httpRequest(port: exporter.port).body
        #expect(body.contains("# TYPE fty_alert_engine_test_seconds histogram"))
        #expect(prometheusSample(body, #"fty_alert_engine_test_seconds_bucket{kind="pattern",le="0.000002"}"#) == 0)
        #expect(prometheusSample(body, #"fty_alert_engine_test_seconds_bucket{kind="pattern",le="0.000005"}"#) == 1)
        #expect(prometheusSample(body, #"fty_alert_engine_test_seconds_count{kind="pattern"}"#) == 1)
    }

    @Test func answers404ElsewhereAnd405ToOtherMethods() throws {
        let (exporter, _) = try serving()
        defer { exporter.stop() }
        #expect(try httpRequest(port: exporter.port, path: "/").status == 404)
        #expect(try httpRequest(port: exporter.port, path: "/metrics/x").status == 404)
        let post = try httpRequest(port: exporter.port, method: "POST")
        #expect(post.status == 405)
        #expect(post.headers["allow"] == "GET")
        #expect(try httpRequest(port: exporter.port, method: "DELETE").status == 405)
    }

    @Test func aClientThatSendsGarbageOrNothingDoesNotStopTheNextScrape() throws {
        let (exporter, _) = try serving()
        defer { exporter.stop() }
        // One connection that sends garbage and closes, one that sends nothing and closes.
        for payload in ["\u{0}\u{1}\u{2}\r\n\r\n", ""] {
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(UInt16(exporter.port).bigEndian)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
            #expect(connected == 0)
            _ = Array(payload.utf8).withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, 0) }
            close(descriptor)
        }
        #expect(try httpRequest(port: exporter.port).status == 200)
    }

    @Test func aPortInUseIsAClearStartError() throws {
        let (exporter, _) = try serving()
        defer { exporter.stop() }
        let taken = ListenAddress(host: "127.0.0.1", port: exporter.port)
        #expect {
            _ = try MetricsExporter(registry: PrometheusCollectorRegistry(), listen: taken)
        } throws: { error in
            "\(error)" == "cannot serve metrics on 127.0.0.1:\(exporter.port) (--metrics-listen): Address already in use"
        }
        // The first one still serves.
        #expect(try httpRequest(port: exporter.port).status == 200)
    }

    @Test func stopReleasesThePortAndIsIdempotent() throws {
        let (exporter, _) = try serving()
        exporter.stop()
        exporter.stop()
        #expect(throws: (any Error).self) { try httpRequest(port: exporter.port) }
        let again = try MetricsExporter(
            registry: PrometheusCollectorRegistry(), listen: ListenAddress(host: "127.0.0.1", port: exporter.port))
        again.stop()
    }

    @Test func startWithoutAnAddressIsOff() throws {
        #expect(try MetricsExporter.start(listen: nil, logger: Logger(label: "test")) == nil)
    }
}
