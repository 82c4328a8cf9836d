/// Stream names defined by fty_proto and used across 42ity (wire.md §4.8, §5.1).
public enum FtyStreams {
    /// Legacy metric stream (decisions.md D1: the engine's primary input).
    public static let metrics = "METRICS"
    /// Alerts republished by fty-alert-list.
    public static let alerts = "ALERTS"
    /// Asset announcements of the asset agent.
    public static let assets = "ASSETS"
    /// Alerts produced by alert engines.
    public static let alertsSys = "_ALERTS_SYS"
    /// Sensor metrics.
    public static let metricsSensor = "_METRICS_SENSOR"
    /// Notices that a metric is no longer available.
    public static let metricsUnavailable = "_METRICS_UNAVAILABLE"
    /// EULA acceptance.
    public static let eula = "_EULA"
    /// Licensing limitations.
    public static let licensingAnnouncements = "LICENSING-ANNOUNCEMENTS"
}
