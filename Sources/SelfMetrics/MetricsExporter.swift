#if canImport(Glibc)
import Glibc
#endif
import CoreMetrics
import Logging
import Prometheus

/// The self-metrics endpoint (issue 6 item 4): an HTTP server on one thread of its own that
/// serves a Prometheus registry at `GET /metrics` (``MetricsHTTPServer``).
///
/// ```swift
/// let exporter = try MetricsExporter.start(listen: settings.metricsListen, logger: logger)  // nil: off
/// …
/// exporter?.stop()
/// ```
public final class MetricsExporter: Sendable {
    /// The address asked for.
    public let address: ListenAddress
    /// The port actually bound (differs from `address.port` only if that was 0).
    public let port: Int
    private let server: MetricsHTTPServer

    /// Starts serving and bootstraps `MetricsSystem` with a Prometheus factory, so that
    /// everything created afterwards (engine, bus clients) counts into the served registry.
    ///
    /// Call it once per process, before the engine is created; objects created earlier keep
    /// their no-op handlers. Nil `listen` (the default: off) starts and bootstraps nothing.
    ///
    /// - Throws: ``MetricsExporterError/cannotListen(_:reason:)`` when the address cannot be
    ///   bound; `MetricsSystem` is then left alone.
    public static func start(listen: ListenAddress?, logger: Logger) throws(MetricsExporterError) -> MetricsExporter? {
        guard let listen else { return nil }
        let registry = PrometheusCollectorRegistry()
        let exporter = try MetricsExporter(registry: registry, listen: listen)
        MetricsSystem.bootstrap(makeFactory(registry: registry))
        logger.info("serving self-metrics at http://\(ListenAddress(host: listen.host, port: exporter.port))/metrics")
        return exporter
    }

    /// The factory the process bootstraps: Prometheus names as given, duration buckets from
    /// 1 µs to 1 s (an evaluation takes microseconds; the library's default starts at 5 ms).
    public static func makeFactory(registry: PrometheusCollectorRegistry) -> PrometheusMetricsFactory {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(1), .microseconds(2), .microseconds(5), .microseconds(10), .microseconds(25),
            .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1),
            .milliseconds(5), .milliseconds(25), .milliseconds(100), .seconds(1),
        ]
        return factory
    }

    /// Serves `registry` at `listen`; returns once the socket is bound.
    ///
    /// - Throws: ``MetricsExporterError/cannotListen(_:reason:)``.
    public init(registry: PrometheusCollectorRegistry, listen: ListenAddress) throws(MetricsExporterError) {
        server = try MetricsHTTPServer(listen: listen) { head in
            MetricsHTTPResponse.respond(to: head) {
                var text: [UInt8] = []
                registry.emit(into: &text)
                return text
            }
        }
        address = listen
        port = server.port
    }

    deinit {
        stop()
    }

    /// Closes the socket and ends the server thread; safe to call twice.
    public func stop() {
        server.stop()
    }
}
