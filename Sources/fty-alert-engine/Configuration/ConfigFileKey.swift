import AlertHistory
import Logging
import SelfMetrics

/// A key the config file may hold: the original's `server` section, accepted and ignored as the
/// original ignores it (engine.md §1), and one key per knob of decisions.md D5.
enum ConfigFileKey: String, CaseIterable, Sendable {
    case serverTimeout = "server/timeout"
    case serverBackground = "server/background"
    case serverWorkdir = "server/workdir"
    case serverVerbose = "server/verbose"
    case endpoint = "server/endpoint"
    case embeddedBroker = "server/embedded_broker"
    case busUser = "server/bus_user"
    case busPasswordFile = "server/bus_password_file"
    case authPlain = "server/auth/plain"
    case securityMechanism = "mlm_server/security/mechanism"
    case rulesDirectory = "engine/rules_dir"
    case shmDirectory = "engine/shm_dir"
    case shmPollInterval = "engine/shm_poll_interval"
    case lockWait = "engine/lock_wait"
    case heartbeat = "engine/heartbeat"
    case absenceLadder = "engine/absence_ladder"
    case expectRules = "engine/expect_rules"
    case stateJournal = "lifecycle/state_journal"
    case probesFile = "probes/file"
    case probesAdminTokenFile = "probes/admin_token_file"
    case templatesDirectory = "autoconfig/templates_dir"
    case assetsStream = "autoconfig/assets_stream"
    case alertsStream = "actions/alerts_stream"
    case logLevel = "log/level"
    case metricsListen = "metrics/listen"
    case httpListen = "http/listen"
    case historyPath = "history/path"
    case historyMaxAge = "history/max_age"
    case historyMaxRows = "history/max_rows"
    case webhookPath = "webhook/path"
    case webhookAuth = "webhook/auth"
    case webhookUser = "webhook/user"
    case webhookPassword = "webhook/password"
    case webhookMaxBody = "webhook/max_body"
    case webhookPublish = "webhook/publish"
    case webhookElementLabel = "webhook/element_label"

    /// The section names keys live in (a bare `server` line opens a section, it is not a key).
    /// Every proper prefix of a key counts (`server`, `server/auth`, `mlm_server/security`).
    static let sections: Set<String> = Set(
        allCases.flatMap { key in
            let parts = key.rawValue.split(separator: "/")
            return (1..<parts.count).map { parts[..<$0].joined(separator: "/") }
        })

    /// Stores `value` into `settings`, or says what a valid value looks like.
    ///
    /// - Throws: the expectation the value does not meet (a phrase: "a positive whole number …").
    func apply(_ value: String, to settings: inout ConfigFileSettings) throws(ConfigFileKey.Expectation) {
        switch self {
        case .serverTimeout, .serverBackground, .serverWorkdir, .serverVerbose:
            return  // engine.md §1: loaded, never used.
        case .endpoint:
            guard value.contains("://") else { throw Expectation("a ZeroMQ endpoint such as ipc://@/malamute") }
            settings.endpoint = value
        case .embeddedBroker:
            guard let flag = Self.boolean(value) else { throw Expectation("true or false") }
            settings.embeddedBroker = flag
        case .busUser:
            settings.busUser = try Self.nonEmpty(value, "a user name")
        case .busPasswordFile:
            settings.busPasswordFile = try Self.nonEmpty(value, "a file path")
        case .authPlain:
            settings.authPlain = try Self.nonEmpty(value, "a file path")
        case .securityMechanism:
            guard value == "null" || value == "plain" else { throw Expectation("null or plain") }
            settings.securityMechanism = value
        case .rulesDirectory:
            settings.rulesDirectory = try Self.nonEmpty(value, "a directory path")
        case .shmDirectory:
            settings.shmDirectory = try Self.nonEmpty(value, "a directory path")
        case .shmPollInterval:
            guard let seconds = Int(value), seconds > 0 else {
                throw Expectation("a positive whole number of seconds")
            }
            settings.shmPollInterval = seconds
        case .lockWait:
            guard let seconds = Double(value), seconds.isFinite, seconds >= 0 else {
                throw Expectation("a number of seconds, zero or more")
            }
            settings.lockWait = seconds
        case .heartbeat:
            guard value == "off" || AgentOptions.heartbeatPeriod(value) != nil else {
                throw Expectation("a period: a positive whole number followed by s, m, h, d or w (30s), or off")
            }
            settings.heartbeat = value
        case .expectRules:
            guard let flag = Self.boolean(value) else { throw Expectation("true or false") }
            settings.expectRules = flag
        case .absenceLadder:
            guard AgentOptions.absenceLadderCounts(value) != nil else {
                throw Expectation("three whole numbers from 1 to 1000000: D2F,F2L,L2H (10,20,30)")
            }
            settings.absenceLadder = value
        case .stateJournal:
            settings.stateJournal = try Self.nonEmpty(value, "a file path or off")
        case .probesFile:
            settings.probesFile = try Self.nonEmpty(value, "a file path or off")
        case .probesAdminTokenFile:
            settings.probesAdminTokenFile = try Self.nonEmpty(value, "a file path")
        case .templatesDirectory:
            settings.templatesDirectory = try Self.nonEmpty(value, "a directory path")
        case .assetsStream:
            settings.assetsStream = try Self.nonEmpty(value, "a stream name")
        case .alertsStream:
            settings.alertsStream = try Self.nonEmpty(value, "a stream name")
        case .logLevel:
            guard let level = LogLevelParser.level(value) else {
                throw Expectation("one of \(LogLevelParser.biosNames.joined(separator: ", "))")
            }
            settings.logLevel = level
        case .metricsListen, .httpListen:
            guard value == "off" || (try? ListenAddress(parsing: value)) != nil else {
                throw Expectation("HOST:PORT with a port from 1 to 65535, or off")
            }
            // http/listen wins over its alias, wherever each stands in the file.
            if self == .httpListen || settings.httpListen == nil || settings.httpListenFromAlias {
                settings.httpListen = value
                settings.httpListenFromAlias = self == .metricsListen
            }
        case .historyPath:
            settings.historyPath = try Self.nonEmpty(value, "a file path, or off")
        case .historyMaxAge:
            guard let age = TimeArgument.ageMilliseconds(value), age > 0 else {
                throw Expectation("an age: a positive whole number followed by s, m, h, d or w (90d)")
            }
            settings.historyMaxAge = age
        case .historyMaxRows:
            guard let rows = Int(value), rows > 0 else { throw Expectation("a positive whole number of records") }
            settings.historyMaxRows = rows
        case .webhookPath:
            let path = try Self.nonEmpty(value, "a path segment such as logs")
            guard !path.contains("/"), !path.contains(":") else { throw Expectation("one path segment without / or :") }
            settings.webhookPath = path
        case .webhookAuth:
            guard value == "none" || value == "basic" else { throw Expectation("none or basic") }
            settings.webhookAuth = value
        case .webhookUser:
            settings.webhookUser = try Self.nonEmpty(value, "a user name")
        case .webhookPassword:
            settings.webhookPassword = try Self.nonEmpty(value, "a password")
        case .webhookMaxBody:
            guard let bytes = Int(value), bytes > 0 else { throw Expectation("a positive number of bytes") }
            settings.webhookMaxBody = bytes
        case .webhookPublish:
            guard let flag = Self.boolean(value) else { throw Expectation("true or false") }
            settings.webhookPublish = flag
        case .webhookElementLabel:
            settings.webhookElementLabel = try Self.nonEmpty(value, "a label name")
        }
    }

    /// What a valid value of a key looks like, for the refusal message.
    struct Expectation: Error, Sendable, Equatable {
        var text: String
        init(_ text: String) { self.text = text }
    }

    private static func nonEmpty(_ value: String, _ what: String) throws(Expectation) -> String {
        guard !value.isEmpty else { throw Expectation(what) }
        return value
    }

    /// zconfig files write flags as 0/1; true/false, yes/no and on/off are taken too.
    static func boolean(_ value: String) -> Bool? {
        switch value.lowercased() {
        case "1", "true", "yes", "on": true
        case "0", "false", "no", "off": false
        default: nil
        }
    }
}
