#if canImport(Glibc)
import Glibc
#endif
import CoreMetrics
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import Prometheus
import Synchronization

/// The self-metrics endpoint (issue 6 item 4): an HTTP server on one event-loop thread that
/// serves a Prometheus registry at `GET /metrics`.
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
    private let group: MultiThreadedEventLoopGroup
    private let channel: any Channel
    private let stopped = Mutex(false)

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
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 16)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(MetricsHTTPHandler(registry: registry))
                }
            }
        let channel: any Channel
        do {
            channel = try bootstrap.bind(host: listen.host, port: listen.port).wait()
        } catch {
            try? group.syncShutdownGracefully()
            throw .cannotListen(listen, reason: Self.reason(error))
        }
        self.address = listen
        self.port = channel.localAddress?.port ?? listen.port
        self.group = group
        self.channel = channel
    }

    deinit {
        stop()
    }

    /// Closes the socket and ends the event-loop thread; safe to call twice.
    public func stop() {
        let wasStopped = stopped.withLock { stopped in
            defer { stopped = true }
            return stopped
        }
        if wasStopped { return }
        try? channel.close().wait()
        try? group.syncShutdownGracefully()
    }

    /// The system's words for a socket error ("Address already in use"), else the error.
    private static func reason(_ error: any Error) -> String {
        if let error = error as? IOError {
            return String(cString: strerror(error.errnoCode))
        }
        return "\(error)"
    }
}
