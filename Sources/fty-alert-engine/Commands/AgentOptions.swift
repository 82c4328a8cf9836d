import AlertEngine
import ArgumentParser
import Logging
import SelfMetrics

/// The agent's options (decisions.md D5). Flags win over environment variables, which win over
/// the config file, which wins over the defaults.
struct AgentOptions: ParsableArguments {
    /// The endpoint every 42ity agent uses (wire.md §1).
    static let defaultEndpoint = "ipc://@/malamute"

    @Option(name: .long, help: "Malamute broker endpoint [env: FTY_ALERT_ENGINE_ENDPOINT, config: server/endpoint] (default: \(defaultEndpoint)).")
    var endpoint: String?

    @Flag(name: .long, help: "Bind an embedded Malamute-compatible broker at --endpoint first [config: server/embedded_broker].")
    var embeddedBroker = false

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

    @Option(name: .long, help: "Alert state journal file, or off: alert states survive a restart [env: FTY_ALERT_ENGINE_STATE_JOURNAL, config: lifecycle/state_journal] (default: off).")
    var stateJournal: String?

    @Option(name: .long, help: "ASSETS stream consumed by autoconfig and alert-actions [env: FTY_ALERT_ENGINE_ASSETS_STREAM, config: autoconfig/assets_stream].")
    var assetsStream: String?

    @Option(name: .long, help: "ALERTS stream consumed by alert-actions [env: FTY_ALERT_ENGINE_ALERTS_STREAM, config: actions/alerts_stream].")
    var alertsStream: String?

    @Option(
        name: .long,
        help: "Serve self-metrics (Prometheus text) at http://HOST:PORT/metrics; unset = off [env: FTY_ALERT_ENGINE_METRICS_LISTEN, config: metrics/listen].")
    var metricsListen: String?

    @Flag(name: [.short, .long], help: "Verbose (debug) logging [env: BIOS_LOG_LEVEL, config: log/level] (default: LOG_INFO).")
    var verbose = false

    func validate() throws {
        if let shmPollInterval, shmPollInterval <= 0 {
            throw ValidationError("--shm-poll-interval must be a positive number of seconds")
        }
        if let metricsListen { _ = try Self.listenAddress(metricsListen) }
    }

    /// A `--metrics-listen` / `FTY_ALERT_ENGINE_METRICS_LISTEN` value, or a usage error (64).
    static func listenAddress(_ text: String) throws(ValidationError) -> ListenAddress {
        do {
            return try ListenAddress(parsing: text)
        } catch {
            throw ValidationError("--metrics-listen: \(error)")
        }
    }

    /// The state journal path of a setting: `off` (any case) or nothing is nil (issue 13).
    static func journalPath(_ setting: String?) -> String? {
        guard let setting, !setting.isEmpty, setting.lowercased() != "off" else { return nil }
        return setting
    }

    /// The self-metrics address: flag, then environment variable, then config file.
    private func metricsAddress(
        environment: Environment, file: ConfigFileSettings
    ) throws(ValidationError) -> ListenAddress? {
        if let text = metricsListen ?? environment["FTY_ALERT_ENGINE_METRICS_LISTEN"] {
            return try Self.listenAddress(text)
        }
        return file.metricsListen.flatMap { try? ListenAddress(parsing: $0) }
    }

    /// The config file to read and whether it must exist (`-c` given) or may be absent.
    var configFile: (path: String, required: Bool) {
        (config ?? ConfigFile.defaultPath, config != nil)
    }

    /// Applies the precedence of D5 — flag, then environment variable, then config file, then
    /// default — and returns the settings the agent runs with.
    ///
    /// - Throws: a `ValidationError` (usage, exit 64) when `--metrics-listen` or
    ///   `FTY_ALERT_ENGINE_METRICS_LISTEN` is not `HOST:PORT`; the config file's value was
    ///   checked when the file was read.
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
        return AgentSettings(
            endpoint: pick(endpoint, "FTY_ALERT_ENGINE_ENDPOINT", file.endpoint, Self.defaultEndpoint),
            embeddedBroker: embeddedBroker || file.embeddedBroker == true,
            rulesDirectory: pick(rulesDir, "FTY_ALERT_ENGINE_RULES_DIR", file.rulesDirectory, "/var/lib/fty/fty-alert-engine"),
            templatesDirectory: pick(
                templatesDir, "FTY_ALERT_ENGINE_TEMPLATES_DIR", file.templatesDirectory, "/usr/share/bios/fty-autoconfig"),
            configFile: configPath,
            shmDirectory: shmDir ?? environment["FTY_ALERT_ENGINE_SHM_DIR"] ?? file.shmDirectory,
            shmPollInterval: shmPollInterval ?? pollFromEnvironment ?? file.shmPollInterval ?? 30,
            shmAutoclean: ShmMetricStore.autoclean(environment: environment.variables),
            stateJournal: Self.journalPath(
                stateJournal ?? environment["FTY_ALERT_ENGINE_STATE_JOURNAL"] ?? file.stateJournal),
            assetsStream: pick(assetsStream, "FTY_ALERT_ENGINE_ASSETS_STREAM", file.assetsStream, "ASSETS"),
            alertsStream: pick(alertsStream, "FTY_ALERT_ENGINE_ALERTS_STREAM", file.alertsStream, "ALERTS"),
            logLevel: level,
            metricsListen: try metricsAddress(environment: environment, file: file),
            warnings: warnings)
    }
}

/// The agent's settings after flags, environment, config file and defaults are applied.
struct AgentSettings: Sendable {
    var endpoint: String
    var embeddedBroker: Bool
    var rulesDirectory: String
    var templatesDirectory: String
    var configFile: String
    var shmDirectory: String?
    /// Seconds between two fty-shm reads (engine.md §5.1).
    var shmPollInterval: Int
    /// False when `FTY_SHM_AUTOCLEAN` is exactly `OFF` (engine.md §1).
    var shmAutoclean: Bool
    /// The alert state journal file; nil = off, the default (issue 13).
    var stateJournal: String? = nil
    var assetsStream: String
    var alertsStream: String
    var logLevel: Logger.Level
    /// Where self-metrics are served; nil = off (issue 6 item 4).
    var metricsListen: ListenAddress?
    /// Settings that were skipped with a reason, to be logged once logging is set up.
    var warnings: [String] = []
}
