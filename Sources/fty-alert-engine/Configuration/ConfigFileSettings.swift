import Logging

/// What a config file sets: one optional field per knob of decisions.md D5 (nil = not in the
/// file, so the default or the environment applies).
struct ConfigFileSettings: Sendable, Equatable {
    /// `server/endpoint`.
    var endpoint: String?
    /// `server/embedded_broker`.
    var embeddedBroker: Bool?
    /// `server/bus_user`: the PLAIN user the agent's clients present to the broker.
    var busUser: String?
    /// `server/bus_password_file`: the file holding that user's password.
    var busPasswordFile: String?
    /// `server/auth/plain`: the embedded broker's PLAIN passwords file (malamute.cfg's key).
    var authPlain: String?
    /// `mlm_server/security/mechanism`: `null` or `plain` (malamute.cfg's key).
    var securityMechanism: String?
    /// `engine/rules_dir`.
    var rulesDirectory: String?
    /// `engine/shm_dir`.
    var shmDirectory: String?
    /// `engine/shm_poll_interval`, positive seconds.
    var shmPollInterval: Int?
    /// `engine/lock_wait`: seconds to wait for the rules directory's lock, zero or more.
    var lockWait: Double?
    /// `engine/heartbeat`: the heartbeat period (`30s`) or `off` (issue 12 item 4).
    var heartbeat: String?
    /// `engine/expect_rules`: the `expect` rule kind and expectation templates (issue 12).
    var expectRules: Bool?
    /// `engine/absence_ladder`: the absence ladder counts `D2F,F2L,L2H` (issue 12).
    var absenceLadder: String?
    /// `lifecycle/state_journal`: the alert state journal file, or `off` (issue 13).
    var stateJournal: String?
    /// `probes/file`: the alive probes' registry, or `off` (issue 12 item 3).
    var probesFile: String?
    /// `probes/admin_token_file`: the file whose first line is the probe administration token.
    var probesAdminTokenFile: String?
    /// `autoconfig/templates_dir`.
    var templatesDirectory: String?
    /// `autoconfig/assets_stream`.
    var assetsStream: String?
    /// `actions/alerts_stream`.
    var alertsStream: String?
    /// `log/level`.
    var logLevel: Logger.Level?
    /// `http/listen` (or its alias `metrics/listen`): `HOST:PORT` of the HTTP listener, or `off`.
    var httpListen: String?
    /// Whether `httpListen` came from the alias `metrics/listen` (then `http/listen` overrides it).
    var httpListenFromAlias = false
    /// `history/path`: the history database, or `off`.
    var historyPath: String?
    /// `history/max_age`: records older than this many milliseconds go (default 90 days).
    var historyMaxAge: Int64?
    /// `history/max_rows`: at most this many records are kept (default 5,000,000).
    var historyMaxRows: Int?
    /// `webhook/path`: the webhook's base path (SeS `OXSES_PATH`).
    var webhookPath: String?
    /// `webhook/auth`: `none` or `basic`.
    var webhookAuth: String?
    /// `webhook/user` and `webhook/password`: the basic-auth credentials.
    var webhookUser: String?
    var webhookPassword: String?
    /// `webhook/max_body`: the largest body accepted, in bytes.
    var webhookMaxBody: Int?
    /// `webhook/publish`: whether recorded changes are published on `_ALERTS_SYS`.
    var webhookPublish: Bool?
    /// `webhook/element_label`: the label that names a webhook alert's element.
    var webhookElementLabel: String?
}
