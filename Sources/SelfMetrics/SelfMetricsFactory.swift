import CoreMetrics
import Prometheus

/// The metrics factory the agent bootstraps (issue 6 item 4): a Prometheus registry, served at
/// `GET /metrics` by the agent's HTTP listener.
public enum SelfMetricsFactory {
    /// Prometheus names as given, duration buckets from 1 µs to 1 s (an evaluation takes
    /// microseconds; the library's default starts at 5 ms).
    public static func make(registry: PrometheusCollectorRegistry) -> PrometheusMetricsFactory {
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(1), .microseconds(2), .microseconds(5), .microseconds(10), .microseconds(25),
            .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1),
            .milliseconds(5), .milliseconds(25), .milliseconds(100), .seconds(1),
        ]
        return factory
    }
}
