import AbsenceWatch
#if canImport(Glibc)
import Glibc
#endif
import AlertEngine
import AlertHistory
import AliveProbes
import Prometheus

/// What the routes of the HTTP listener read and call: the parts of the agent they serve.
public struct HTTPServices: Sendable {
    /// The self-metrics registry served at `/metrics`.
    public var registry: PrometheusCollectorRegistry
    /// The history store; nil when history is off (`--history off`): the API, the status page's
    /// timeline and the webhook then answer 503.
    public var history: HistoryStore?
    /// Whether every server of the agent runs (`/ready`).
    public var ready: @Sendable () -> Bool
    /// Publishes the changes a webhook batch recorded on the bus (`webhook/publish`); nil: off.
    public var publishWebhookChanges: (@Sendable ([HistoryRecord]) -> Void)?
    /// The wall clock in milliseconds since the epoch (relative times of queries, the timeline).
    public var nowMilliseconds: @Sendable () -> Int64
    /// Where `GET /api/v1/rules/{name}/why` asks the engine; nil: the route answers 503.
    public var whyDesk: WhyDesk?
    /// The alive probes (issue 12 item 3); nil: `--probes-file` is not set and their routes are absent.
    public var probes: ProbeMonitor?
    /// The bearer token of the probe administration routes; nil: they answer 403.
    public var probesAdminToken: String?

    /// Creates the set; `ready` defaults to always ready.
    public init(
        registry: PrometheusCollectorRegistry, history: HistoryStore?, ready: @escaping @Sendable () -> Bool = { true },
        publishWebhookChanges: (@Sendable ([HistoryRecord]) -> Void)? = nil,
        nowMilliseconds: @escaping @Sendable () -> Int64 = HTTPServices.wallClockMilliseconds,
        whyDesk: WhyDesk? = nil, probes: ProbeMonitor? = nil, probesAdminToken: String? = nil
    ) {
        self.whyDesk = whyDesk
        self.probes = probes
        self.probesAdminToken = probesAdminToken
        self.registry = registry
        self.history = history
        self.ready = ready
        self.publishWebhookChanges = publishWebhookChanges
        self.nowMilliseconds = nowMilliseconds
    }

    /// Milliseconds since the epoch from the system clock.
    @Sendable public static func wallClockMilliseconds() -> Int64 { AbsenceInstant.now().milliseconds }
}
