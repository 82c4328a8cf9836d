import Hummingbird
import Logging

/// Every route of the listener, in one table (issue 10 items 4–7).
///
/// | route | answer |
/// |---|---|
/// | `GET /metrics` | the self-metrics, Prometheus text format |
/// | `GET /live` | 200 while the process serves HTTP |
/// | `GET /ready` | 200 once every server of the agent runs, else 503 |
/// | `GET /api/v1/alerts` | the active alerts (JSON) |
/// | `GET /api/v1/history` | transitions, newest first, cursor paging (JSON) |
/// | `GET /api/v1/rules/{name}/why` | the rule's last evaluation, as the `why` command (JSON) |
/// | `GET /api/v1/expectations[?state=RUNG]` | the expected signals and their rungs, as `expectations --json` |
/// | `POST /<base>/<partition>` | the Alertmanager webhook receiver |
/// | `POST /probe/{machine}/report`, `DELETE /probe/{machine}`, `GET /health` | alive probes (DeepSentinel's routes; only with `--probes-file`) |
/// | `GET`, `POST /api/v1/probes`, `DELETE /api/v1/probes/{name}` | probe administration (admin token) |
/// | `GET /` | the status page |
enum HTTPRoutes {
    static func add(to router: Router<BasicRequestContext>, settings: HTTPSettings, services: HTTPServices, logger: Logger) {
        HealthRoutes.add(to: router, services: services)
        HistoryRoutes.add(to: router, services: services)
        WhyRoute.add(to: router, services: services)
        ExpectationsRoute.add(to: router, services: services)
        WebhookRoute(settings: settings.webhook, services: services, logger: logger).add(to: router)
        if let probes = services.probes {
            ProbeRoutes(monitor: probes, adminToken: services.probesAdminToken, services: services, logger: logger).add(to: router)
        }
        StatusPageRoute(services: services, refreshSeconds: settings.statusRefreshSeconds).add(to: router)
    }
}
