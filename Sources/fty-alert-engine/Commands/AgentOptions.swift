import AlertEngine
import ArgumentParser
import Logging
import SelfMetrics

/// The agent's options (decisions.md D5). Flags win over environment variables, which win over
/// the config file, which wins over the defaults.
struct AgentOptions: ParsableArguments {
    /// The endpoint every 42ity agent uses (wire.md §1).
    static let defaultEndpoint = "ipc://@/malamute"

    @Option(name: .long, help: "Malamute broker endpoint [env: FTY_ALERT_ENGINE_ENDPOINT] (default: \(defaultEndpoint)).")
    var endpoint: String?

    @Flag(name: .long, help: "Bind an embedded Malamute-compatible broker at --endpoint first.")
    var embeddedBroker = false

    @Option(name: .long, help: "Rules directory [env: FTY_ALERT_ENGINE_RULES_DIR] (default: /var/lib/fty/fty-alert-engine).")
    var rulesDir: String?

    @Option(name: .long, help: "Templates directory [env: FTY_ALERT_ENGINE_TEMPLATES_DIR] (default: /usr/share/bios/fty-autoconfig).")
    var templatesDir: String?

    @Option(name: [.short, .long], help: "Config file (default: /etc/fty-alert-engine/fty-alert-engine.cfg; absent = defaults).")
    var config: String?

    @Option(name: .long, help: "fty-shm metric store root; unset = shm input off [env: FTY_ALERT_ENGINE_SHM_DIR].")
    var shmDir: String?

    @Option(name: .long, help: "Seconds between two reads of the fty-shm store [env: FTY_SHM_TEST_POLLING_INTERVAL] (default: 30).")
    var shmPollInterval: Int?

    @Option(name: .long, help: "ASSETS stream consumed by autoconfig and alert-actions [env: FTY_ALERT_ENGINE_ASSETS_STREAM].")
    var assetsStream: String?

    @Option(name: .long, help: "ALERTS stream consumed by alert-actions [env: FTY_ALERT_ENGINE_ALERTS_STREAM].")
    var alertsStream: String?

    @Option(
        name: .long,
        help: "Serve self-metrics (Prometheus text) at http://HOST:PORT/metrics; unset = off [env: FTY_ALERT_ENGINE_METRICS_LISTEN].")
    var metricsListen: String?

    @Flag(name: [.short, .long], help: "Verbose (debug) logging [env: BIOS_LOG_LEVEL].")
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

    /// Applies the precedence of D5 and returns the settings the agent runs with.
    func resolve(environment: Environment) throws -> AgentSettings {
        func pick(_ flag: String?, _ variable: String, _ fallback: String) -> String {
            flag ?? environment[variable] ?? fallback
        }
        func pick(_ flag: String?, _ variable: String) -> String? { flag ?? environment[variable] }
        let level: Logger.Level =
            verbose ? .debug : LogLevelParser.level(environment["BIOS_LOG_LEVEL"]) ?? .info
        // engine.md §1: the variable counts only when it is a positive integer.
        let pollFromEnvironment = environment["FTY_SHM_TEST_POLLING_INTERVAL"]
            .flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil }
        return AgentSettings(
            endpoint: pick(endpoint, "FTY_ALERT_ENGINE_ENDPOINT", Self.defaultEndpoint),
            embeddedBroker: embeddedBroker,
            rulesDirectory: pick(rulesDir, "FTY_ALERT_ENGINE_RULES_DIR", "/var/lib/fty/fty-alert-engine"),
            templatesDirectory: pick(templatesDir, "FTY_ALERT_ENGINE_TEMPLATES_DIR", "/usr/share/bios/fty-autoconfig"),
            configFile: config ?? "/etc/fty-alert-engine/fty-alert-engine.cfg",
            shmDirectory: shmDir ?? environment["FTY_ALERT_ENGINE_SHM_DIR"],
            shmPollInterval: shmPollInterval ?? pollFromEnvironment ?? 30,
            shmAutoclean: ShmMetricStore.autoclean(environment: environment.variables),
            assetsStream: pick(assetsStream, "FTY_ALERT_ENGINE_ASSETS_STREAM", "ASSETS"),
            alertsStream: pick(alertsStream, "FTY_ALERT_ENGINE_ALERTS_STREAM", "ALERTS"),
            logLevel: level,
            metricsListen: try pick(metricsListen, "FTY_ALERT_ENGINE_METRICS_LISTEN").map(Self.listenAddress))
    }
}

/// The agent's settings after flags, environment and defaults are applied.
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
    var assetsStream: String
    var alertsStream: String
    var logLevel: Logger.Level
    /// Where self-metrics are served; nil = off (issue 6 item 4).
    var metricsListen: ListenAddress?
}
