import AbsenceWatch
import AgentHTTP
import AlertEngine
import AlertHistory
import ArgumentParser
import Foundation
import Logging
import MalamuteBroker
import MalamuteClient
import SelfMetrics

/// The agent's options (decisions.md D5). Flags win over environment variables, which win over
/// the config file, which wins over the defaults.
struct AgentOptions: ParsableArguments {
    /// Where the history lives unless told otherwise (issue 10 item 1).
    static let defaultHistory = "/var/lib/fty/fty-alert-engine/history.db"

    /// Seconds a second instance waits for the rules directory's lock (issue 14 item 3).
    static let defaultLockWait = 10.0

    /// The endpoint every 42ity agent uses (wire.md §1).
    static let defaultEndpoint = "ipc://@/malamute"

    @Option(name: .long, help: "Malamute broker endpoint [env: FTY_ALERT_ENGINE_ENDPOINT, config: server/endpoint] (default: \(defaultEndpoint)).")
    var endpoint: String?

    @Flag(name: .long, help: "Bind an embedded Malamute-compatible broker at --endpoint first [config: server/embedded_broker].")
    var embeddedBroker = false

    @Option(name: .long, help: "User for ZMQ PLAIN authentication to the broker; needs a password [env: FTY_ALERT_ENGINE_BUS_USER, config: server/bus_user] (default: none, NULL security).")
    var busUser: String?

    @Option(name: .long, help: "File whose first line is the --bus-user's password [config: server/bus_password_file; env FTY_ALERT_ENGINE_BUS_PASSWORD holds the password itself].")
    var busPasswordFile: String?

    @Option(name: .long, help: "With --embedded-broker: PLAIN passwords file (user=password lines) the embedded broker checks clients against [config: server/auth/plain with mlm_server/security/mechanism = plain] (default: none, NULL security).")
    var busPasswordsFile: String?

    @Option(name: .long, help: "Rules directory [env: FTY_ALERT_ENGINE_RULES_DIR, config: engine/rules_dir] (default: /var/lib/fty/fty-alert-engine).")
    var rulesDir: String?

    @Option(name: .long, help: "Templates directory [env: FTY_ALERT_ENGINE_TEMPLATES_DIR, config: autoconfig/templates_dir] (default: /usr/share/bios/fty-autoconfig).")
    var templatesDir: String?

    @Option(name: [.short, .long], help: "ZPL config file; must exist when given (default: /etc/fty-alert-engine/fty-alert-engine.cfg, absent = defaults).")
    var config: String?

    @Option(name: .long, help: "fty-shm metric store root; unset = shm input off [env: FTY_ALERT_ENGINE_SHM_DIR, config: engine/shm_dir].")
    var shmDir: String?

    @Option(name: .long, help: "Seconds between two reads of the fty-shm store [env: FTY_SHM_TEST_POLLING_INTERVAL, config: engine/shm_poll_interval] (default: 30).")
    var shmPollInterval: Int?

    @Option(
        name: .long,
        help: "Seconds to wait for another instance to release the rules directory's lock before exiting 75 [env: FTY_ALERT_ENGINE_LOCK_WAIT, config: engine/lock_wait] (default: \(Int(defaultLockWait))).")
    var lockWait: Double?

    @Option(
        name: .long,
        help: "Publish the heartbeat METRIC heartbeat@fty-alert-engine on METRICS every PERIOD (30s, 1m), or off [env: FTY_ALERT_ENGINE_HEARTBEAT, config: engine/heartbeat] (default: off).")
    var heartbeat: String?

    @Option(
        name: .long,
        help: "Absence ladder counts D2F,F2L,L2H: missed periods degraded to failed, failed to alert-low, alert-low to alert-high, where a rule's expect sets none [env: FTY_ALERT_ENGINE_ABSENCE_LADDER, config: engine/absence_ladder] (default: 10,20,30).")
    var absenceLadder: String?

    @Flag(
        name: .long,
        help: "Accept the expect rule kind and LIST expect, and generate the expectation templates of TEMPLATES_DIR/expect (issue 12) [env: FTY_ALERT_ENGINE_EXPECT_RULES, config: engine/expect_rules] (default: off, the mailbox answers as the original's).")
    var expectRules = false

    @Option(name: .long, help: "Alert state journal file, or off: alert states survive a restart [env: FTY_ALERT_ENGINE_STATE_JOURNAL, config: lifecycle/state_journal] (default: off).")
    var stateJournal: String?

    @Option(
        name: .long,
        help: "Alive probes registry file (JSON; ladders in FILE.state), or off [env: FTY_ALERT_ENGINE_PROBES_FILE, config: probes/file] (default: off).")
    var probesFile: String?

    @Option(name: .long, help: "ASSETS stream consumed by autoconfig and alert-actions [env: FTY_ALERT_ENGINE_ASSETS_STREAM, config: autoconfig/assets_stream].")
    var assetsStream: String?

    @Option(name: .long, help: "ALERTS stream consumed by alert-actions [env: FTY_ALERT_ENGINE_ALERTS_STREAM, config: actions/alerts_stream].")
    var alertsStream: String?

    @Option(
        name: .long,
        help: "The HTTP listener (self-metrics, health, history API, webhook, status page) at HOST:PORT, or off [env: FTY_ALERT_ENGINE_HTTP_LISTEN, config: http/listen] (default: \(HTTPSettings.defaultListen)).")
    var httpListen: String?

    @Option(
        name: .long,
        help: "Alert history database (SQLite), or off [env: FTY_ALERT_ENGINE_HISTORY, config: history/path] (default: \(AgentOptions.defaultHistory), used when its directory exists).")
    var history: String?

    @Option(name: .long, help: "Alias of --http-listen [env: FTY_ALERT_ENGINE_METRICS_LISTEN, config: metrics/listen].")
    var metricsListen: String?

    @Flag(name: [.short, .long], help: "Verbose (debug) logging [env: BIOS_LOG_LEVEL, config: log/level] (default: LOG_INFO).")
    var verbose = false

    func validate() throws {
        if let shmPollInterval, shmPollInterval <= 0 {
            throw ValidationError("--shm-poll-interval must be a positive number of seconds")
        }
        if let lockWait { _ = try Self.lockWait(String(lockWait), option: "--lock-wait") }
        if let heartbeat { _ = try Self.heartbeat(heartbeat, option: "--heartbeat") }
        if let absenceLadder { _ = try Self.absenceLadder(absenceLadder, option: "--absence-ladder") }
        if let httpListen { _ = try Self.listenAddress(httpListen, option: "--http-listen") }
        if let metricsListen { _ = try Self.listenAddress(metricsListen, option: "--metrics-listen") }
    }

    /// A `--http-listen` value (`HOST:PORT` or `off`: nil), or a usage error (64) naming `option`.
    static func listenAddress(_ text: String, option: String) throws(ValidationError) -> ListenAddress? {
        if text == "off" { return nil }
        do {
            return try ListenAddress(parsing: text)
        } catch {
            throw ValidationError("\(option): \(error)")
        }
    }

    /// A `--lock-wait` value: a finite number of seconds, zero or more, or a usage error (64)
    /// naming `option`.
    static func lockWait(_ text: String, option: String) throws(ValidationError) -> Double {
        guard let seconds = Double(text), seconds.isFinite, seconds >= 0 else {
            throw ValidationError("\(option): expected a number of seconds, zero or more, got \(text)")
        }
        return seconds
    }

    /// A heartbeat period: a positive whole number followed by `s`, `m`, `h`, `d` or `w`; nil
    /// otherwise (`off` included).
    static func heartbeatPeriod(_ text: String) -> Duration? {
        guard let millis = TimeArgument.ageMilliseconds(text), millis > 0 else { return nil }
        return .milliseconds(millis)
    }

    /// A `--heartbeat` value (a period, or `off`: nil), or a usage error (64) naming `option`.
    static func heartbeat(_ text: String, option: String) throws(ValidationError) -> Duration? {
        if text == "off" { return nil }
        guard let period = heartbeatPeriod(text) else {
            throw ValidationError("\(option): expected a period such as 30s or 1m, or off, got \(text)")
        }
        return period
    }

    /// A ladder written `D2F,F2L,L2H` (three whole numbers from 1 to 1000000), nil otherwise.
    static func absenceLadderCounts(_ text: String) -> LadderThresholds? {
        let counts = text.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard counts.count == 3, let a = counts[0], let b = counts[1], let c = counts[2],
            [a, b, c].allSatisfy({ (1...1_000_000).contains($0) })
        else { return nil }
        return LadderThresholds(degradedToFailed: a, failedToAlertLow: b, alertLowToAlertHigh: c)
    }

    /// A `--absence-ladder` value, or a usage error (64) naming `option`.
    static func absenceLadder(_ text: String, option: String) throws(ValidationError) -> LadderThresholds {
        guard let ladder = absenceLadderCounts(text) else {
            throw ValidationError("\(option): expected three whole numbers from 1 to 1000000 such as 10,20,30, got \(text)")
        }
        return ladder
    }

    /// The state journal path of a setting: `off` (any case) or nothing is nil (issue 13).
    static func journalPath(_ setting: String?) -> String? {
        guard let setting, !setting.isEmpty, setting.lowercased() != "off" else { return nil }
        return setting
    }

    /// The HTTP listener's address (nil: off) and whether the operator named it: flag (or its
    /// alias), then environment variable (or its alias), then config file, then the default.
    private func httpAddress(
        environment: Environment, file: ConfigFileSettings
    ) throws(ValidationError) -> (address: ListenAddress?, explicit: Bool) {
        let named: [(String?, String)] = [
            (httpListen, "--http-listen"), (metricsListen, "--metrics-listen"),
            (environment["FTY_ALERT_ENGINE_HTTP_LISTEN"], "FTY_ALERT_ENGINE_HTTP_LISTEN"),
            (environment["FTY_ALERT_ENGINE_METRICS_LISTEN"], "FTY_ALERT_ENGINE_METRICS_LISTEN"),
        ]
        for case (let text?, let source) in named {
            return (try Self.listenAddress(text, option: source), true)
        }
        if let text = file.httpListen {
            return (text == "off" ? nil : try? ListenAddress(parsing: text), true)
        }
        return (HTTPSettings.defaultListen, false)
    }

    /// The history database (nil: off) and whether the operator named it.
    private func historyPath(environment: Environment, file: ConfigFileSettings) -> (path: String?, explicit: Bool) {
        Self.historyPath(flag: history, environment: environment, file: file)
    }

    /// The history database (nil: off) and whether the operator named it, from `--history`,
    /// `FTY_ALERT_ENGINE_HISTORY`, `history/path` or the default: the agent's resolution, which
    /// the `alerts` and `history` commands share.
    static func historyPath(
        flag: String?, environment: Environment, file: ConfigFileSettings
    ) -> (path: String?, explicit: Bool) {
        guard let text = flag ?? environment["FTY_ALERT_ENGINE_HISTORY"] ?? file.historyPath else {
            return (Self.defaultHistory, false)
        }
        return (text == "off" ? nil : text, true)
    }

    /// The config file to read and whether it must exist (`-c` given) or may be absent.
    var configFile: (path: String, required: Bool) {
        (config ?? ConfigFile.defaultPath, config != nil)
    }

    /// Applies the precedence of D5 — flag, then environment variable, then config file, then
    /// default — and returns the settings the agent runs with.
    ///
    /// - Throws: a `ValidationError` (usage, exit 64) when `--http-listen`, its alias or their
    ///   environment variables are neither `HOST:PORT` nor `off`, or when the webhook's basic
    ///   auth has no user or password; the config file's values were checked when it was read.
    ///
    /// An environment variable set to something unusable (`BIOS_LOG_LEVEL=LOUD`) is skipped with
    /// a warning in ``AgentSettings/warnings``, as fty-common-logging skips it: the variable is
    /// shared by every 42ity agent, so one bad value must not stop this one.
    func resolve(
        environment: Environment, config file: ConfigFileSettings = ConfigFileSettings()
    ) throws(ValidationError) -> AgentSettings {
        var warnings: [String] = []
        func pick(_ flag: String?, _ variable: String, _ fromFile: String?, _ fallback: String) -> String {
            flag ?? environment[variable] ?? fromFile ?? fallback
        }
        let levelFromEnvironment = LogLevelParser.level(environment["BIOS_LOG_LEVEL"])
        if let text = environment["BIOS_LOG_LEVEL"], levelFromEnvironment == nil {
            warnings.append(
                "BIOS_LOG_LEVEL=\(text) ignored: expected one of \(LogLevelParser.biosNames.joined(separator: ", "))")
        }
        let level: Logger.Level = verbose ? .debug : levelFromEnvironment ?? file.logLevel ?? .info
        // engine.md §1: the variable counts only when it is a positive integer.
        let pollText = environment["FTY_SHM_TEST_POLLING_INTERVAL"]
        let pollFromEnvironment = pollText.flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil }
        if let pollText, pollFromEnvironment == nil {
            warnings.append("FTY_SHM_TEST_POLLING_INTERVAL=\(pollText) ignored: expected a positive whole number")
        }
        let (configPath, _) = configFile
        var wait = lockWait ?? file.lockWait ?? Self.defaultLockWait
        if lockWait == nil, let text = environment["FTY_ALERT_ENGINE_LOCK_WAIT"] {
            wait = try Self.lockWait(text, option: "FTY_ALERT_ENGINE_LOCK_WAIT")
        }
        let embedded = embeddedBroker || file.embeddedBroker == true
        var heartbeatPeriod: Duration?
        if let text = heartbeat ?? environment["FTY_ALERT_ENGINE_HEARTBEAT"] {
            heartbeatPeriod = try Self.heartbeat(text, option: heartbeat == nil ? "FTY_ALERT_ENGINE_HEARTBEAT" : "--heartbeat")
        } else if let text = file.heartbeat {
            heartbeatPeriod = Self.heartbeatPeriod(text)
        }
        var ladder = LadderThresholds.deepSentinel
        if let text = absenceLadder ?? environment["FTY_ALERT_ENGINE_ABSENCE_LADDER"] {
            ladder = try Self.absenceLadder(text, option: absenceLadder == nil ? "FTY_ALERT_ENGINE_ABSENCE_LADDER" : "--absence-ladder")
        } else if let text = file.absenceLadder, let counts = Self.absenceLadderCounts(text) {
            ladder = counts
        }
        var expect = expectRules || file.expectRules == true
        if !expectRules, let text = environment["FTY_ALERT_ENGINE_EXPECT_RULES"] {
            guard let flag = ConfigFileKey.boolean(text) else {
                throw ValidationError("FTY_ALERT_ENGINE_EXPECT_RULES=\(text): expected true or false")
            }
            expect = flag
        }
        return AgentSettings(
            endpoint: pick(endpoint, "FTY_ALERT_ENGINE_ENDPOINT", file.endpoint, Self.defaultEndpoint),
            embeddedBroker: embedded,
            busCredentials: try busCredentials(environment: environment, file: file),
            brokerPasswords: try brokerPasswords(embedded: embedded, file: file),
            rulesDirectory: pick(rulesDir, "FTY_ALERT_ENGINE_RULES_DIR", file.rulesDirectory, "/var/lib/fty/fty-alert-engine"),
            templatesDirectory: pick(
                templatesDir, "FTY_ALERT_ENGINE_TEMPLATES_DIR", file.templatesDirectory, "/usr/share/bios/fty-autoconfig"),
            configFile: configPath,
            shmDirectory: shmDir ?? environment["FTY_ALERT_ENGINE_SHM_DIR"] ?? file.shmDirectory,
            shmPollInterval: shmPollInterval ?? pollFromEnvironment ?? file.shmPollInterval ?? 30,
            shmAutoclean: ShmMetricStore.autoclean(environment: environment.variables),
            lockWait: wait,
            heartbeat: heartbeatPeriod,
            absenceLadder: ladder,
            expectRules: expect,
            stateJournal: Self.journalPath(
                stateJournal ?? environment["FTY_ALERT_ENGINE_STATE_JOURNAL"] ?? file.stateJournal),
            assetsStream: pick(assetsStream, "FTY_ALERT_ENGINE_ASSETS_STREAM", file.assetsStream, "ASSETS"),
            alertsStream: pick(alertsStream, "FTY_ALERT_ENGINE_ALERTS_STREAM", file.alertsStream, "ALERTS"),
            logLevel: level,
            http: try httpAddress(environment: environment, file: file),
            history: historyPath(environment: environment, file: file),
            historyRetention: HistoryRetention(
                maxAgeMilliseconds: file.historyMaxAge ?? HistoryRetention.defaultMaxAge,
                maxRows: file.historyMaxRows ?? HistoryRetention.defaultMaxRows),
            webhook: try WebhookOptions.settings(environment: environment, file: file),
            probes: try probeSettings(environment: environment, file: file),
            warnings: warnings)
    }
}

extension AgentOptions {
    /// The alive probes' file (nil: off, the default) and the administration token: from
    /// `FTY_ALERT_ENGINE_PROBES_ADMIN_TOKEN`, else the first line of `probes/admin_token_file`.
    func probeSettings(environment: Environment, file: ConfigFileSettings) throws(ValidationError) -> ProbeSettings? {
        guard let path = probesFile ?? environment["FTY_ALERT_ENGINE_PROBES_FILE"] ?? file.probesFile, path != "off" else {
            return nil
        }
        guard !path.isEmpty else { throw ValidationError("--probes-file: expected a file path or off") }
        var token = environment["FTY_ALERT_ENGINE_PROBES_ADMIN_TOKEN"]
        if token == nil, let tokenFile = file.probesAdminTokenFile {
            guard let data = FileManager.default.contents(atPath: tokenFile), let text = String(data: data, encoding: .utf8) else {
                throw ValidationError("probes/admin_token_file: cannot read \(tokenFile)")
            }
            token = String(text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        }
        if let given = token, given.isEmpty { token = nil }
        return ProbeSettings(path: path, adminToken: token)
    }

    /// The PLAIN user and password the agent's clients present (issue 14 item 6): the user from
    /// `--bus-user`, `FTY_ALERT_ENGINE_BUS_USER` or `server/bus_user`; the password from
    /// `--bus-password-file`, else `FTY_ALERT_ENGINE_BUS_PASSWORD`, else `server/bus_password_file`
    /// (a file's first line, without its line end). nil without a user.
    func busCredentials(environment: Environment, file: ConfigFileSettings) throws(ValidationError) -> PlainCredentials? {
        guard let user = busUser ?? environment["FTY_ALERT_ENGINE_BUS_USER"] ?? file.busUser else {
            if busPasswordFile != nil { throw ValidationError("--bus-password-file needs --bus-user") }
            return nil
        }
        guard !user.isEmpty, user.utf8.count <= 255 else {
            throw ValidationError("--bus-user: expected a user name of 1 to 255 bytes")
        }
        let password: String
        if let path = busPasswordFile ?? (environment["FTY_ALERT_ENGINE_BUS_PASSWORD"] == nil ? file.busPasswordFile : nil) {
            guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                throw ValidationError("--bus-password-file: cannot read \(path)")
            }
            password = String(text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
        } else if let text = environment["FTY_ALERT_ENGINE_BUS_PASSWORD"] {
            password = text
        } else {
            throw ValidationError(
                "--bus-user \(user) needs a password: --bus-password-file FILE or FTY_ALERT_ENGINE_BUS_PASSWORD")
        }
        guard password.utf8.count <= 255 else { throw ValidationError("the bus password is longer than 255 bytes") }
        return PlainCredentials(user: user, password: password)
    }

    /// The embedded broker's PLAIN passwords: `--bus-passwords-file`, else `server/auth/plain`
    /// when `mlm_server/security/mechanism = plain`; nil = NULL security.
    func brokerPasswords(embedded: Bool, file: ConfigFileSettings) throws(ValidationError) -> PlainPasswords? {
        let path: String
        if let busPasswordsFile {
            guard embedded else { throw ValidationError("--bus-passwords-file needs --embedded-broker") }
            path = busPasswordsFile
        } else if file.securityMechanism == "plain", embedded {
            guard let authPlain = file.authPlain else {
                throw ValidationError("mlm_server/security/mechanism = plain needs server/auth/plain (the passwords file)")
            }
            path = authPlain
        } else {
            return nil
        }
        do {
            return try PlainPasswords(contentsOf: path)
        } catch {
            throw ValidationError("\(error)")
        }
    }
}

/// The agent's settings after flags, environment, config file and defaults are applied.
struct AgentSettings: Sendable {
    var endpoint: String
    var embeddedBroker: Bool
    /// The PLAIN credentials of the agent's clients; nil = NULL security (issue 14 item 6).
    var busCredentials: PlainCredentials? = nil
    /// PLAIN passwords of the embedded broker; nil = NULL security.
    var brokerPasswords: PlainPasswords? = nil
    var rulesDirectory: String
    var templatesDirectory: String
    var configFile: String
    var shmDirectory: String?
    /// Seconds between two fty-shm reads (engine.md §5.1).
    var shmPollInterval: Int
    /// False when `FTY_SHM_AUTOCLEAN` is exactly `OFF` (engine.md §1).
    var shmAutoclean: Bool
    /// Seconds to wait for the rules directory's lock before giving up (issue 14 item 3).
    var lockWait: Double = AgentOptions.defaultLockWait
    /// The heartbeat period; nil = off, the default (issue 12 item 4).
    var heartbeat: Duration? = nil
    /// The absence ladder counts where a rule's `expect` sets none (issue 12).
    var absenceLadder: LadderThresholds = .deepSentinel
    /// Whether the `expect` rule kind and the expectation templates are on (issue 12); off by default.
    var expectRules = false
    /// The alert state journal file; nil = off, the default (issue 13).
    var stateJournal: String? = nil
    var assetsStream: String
    var alertsStream: String
    var logLevel: Logger.Level
    /// Where the HTTP listener binds (nil = off) and whether the operator named the address: a
    /// default address already in use is logged and skipped, a named one stops the start.
    var http: (address: ListenAddress?, explicit: Bool) = (HTTPSettings.defaultListen, false)
    /// The history database (nil = off) and whether the operator named it: a default one that
    /// cannot be opened is logged and skipped, a named one stops the start.
    var history: (path: String?, explicit: Bool) = (AgentOptions.defaultHistory, false)
    /// How much history is kept (`history/max_age`, `history/max_rows`).
    var historyRetention = HistoryRetention()
    /// The Alertmanager webhook receiver's settings.
    var webhook = WebhookSettings()
    /// The alive probes; nil = off, the default: nothing of them reaches the bus or the listener.
    var probes: ProbeSettings? = nil
    /// Settings that were skipped with a reason, to be logged once logging is set up.
    var warnings: [String] = []
}

/// Where the alive probes live and who may administer them over HTTP (issue 12 item 3).
struct ProbeSettings: Sendable {
    /// The registry file (`--probes-file`); its ladders are in `<path>.state`.
    var path: String
    /// The bearer token of `/api/v1/probes`; nil: those routes answer 403.
    var adminToken: String?
}
