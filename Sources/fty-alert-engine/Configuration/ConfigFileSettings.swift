import Logging

/// What a config file sets: one optional field per knob of decisions.md D5 (nil = not in the
/// file, so the default or the environment applies).
struct ConfigFileSettings: Sendable, Equatable {
    /// `server/endpoint`.
    var endpoint: String?
    /// `server/embedded_broker`.
    var embeddedBroker: Bool?
    /// `engine/rules_dir`.
    var rulesDirectory: String?
    /// `engine/shm_dir`.
    var shmDirectory: String?
    /// `engine/shm_poll_interval`, positive seconds.
    var shmPollInterval: Int?
    /// `lifecycle/state_journal`: the alert state journal file, or `off` (issue 13).
    var stateJournal: String?
    /// `autoconfig/templates_dir`.
    var templatesDirectory: String?
    /// `autoconfig/assets_stream`.
    var assetsStream: String?
    /// `actions/alerts_stream`.
    var alertsStream: String?
    /// `log/level`.
    var logLevel: Logger.Level?
    /// `metrics/listen`, `HOST:PORT` of the self-metrics endpoint.
    var metricsListen: String?
}
