import ArgumentParser
import Logging
import MalamuteBroker
import ServiceLifecycle

/// `fty-alert-engine broker`: the Malamute-compatible broker alone (decisions.md D5).
struct BrokerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "broker",
        abstract: "Runs the Malamute-compatible broker alone until SIGINT or SIGTERM.")

    @Option(name: .long, help: "Endpoint to bind (repeat for several).")
    var endpoint: [String] = []

    @Option(name: .long, help: "Session inactivity expiry in milliseconds (0 = never).")
    var sessionTimeout: Int = 60_000

    @Option(name: .long, help: "PLAIN passwords file (user=password lines, as malamute's server/auth/plain): clients must authenticate (default: none, NULL security).")
    var passwordsFile: String?

    @Flag(name: [.short, .long], help: "Verbose (debug) logging.")
    var verbose = false

    func validate() throws {
        guard sessionTimeout >= 0 else { throw ValidationError("--session-timeout must be >= 0") }
    }

    func run() async throws {
        let environment = Environment.current
        let endpoints = endpoint.isEmpty
            ? [environment["FTY_ALERT_ENGINE_ENDPOINT"] ?? AgentOptions.defaultEndpoint] : endpoint
        let level = verbose ? Logger.Level.debug : LogLevelParser.level(environment["BIOS_LOG_LEVEL"]) ?? .info
        let logger = Log.bootstrap(level: level, label: "malamute.broker", environment: environment)
        let passwords: PlainPasswords?
        do {
            passwords = try passwordsFile.map { path throws(MalamuteBrokerError) in try PlainPasswords(contentsOf: path) }
        } catch {
            Console.error("cannot start: \(error)")
            throw ExitCode.failure
        }
        let broker = EmbeddedBroker(
            configuration: BrokerConfiguration(
                endpoints: endpoints,
                sessionTimeout: sessionTimeout == 0 ? nil : .milliseconds(sessionTimeout), plainPasswords: passwords),
            logger: logger)
        let service = ManagedServerService(name: "broker", server: broker, order: StartOrder(), position: 0, logger: logger)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [service], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        do {
            try await group.run()
        } catch {
            Console.error("cannot start: \(error)")
            throw ExitCode.failure
        }
    }
}
