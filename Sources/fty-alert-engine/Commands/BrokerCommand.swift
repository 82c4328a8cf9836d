import ArgumentParser
import Foundation
import Logging
import MalamuteBroker

/// `fty-alert-engine broker`: the Malamute-compatible broker alone (decisions.md D5).
struct BrokerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "broker",
        abstract: "Runs the Malamute-compatible broker alone until SIGINT or SIGTERM.")

    @Option(name: .long, help: "Endpoint to bind (repeat for several).")
    var endpoint: [String] = []

    @Option(name: .long, help: "Session inactivity expiry in milliseconds (0 = never).")
    var sessionTimeout: Int = 60_000

    @Flag(name: [.short, .long], help: "Verbose (debug) logging.")
    var verbose = false

    func validate() throws {
        guard sessionTimeout >= 0 else { throw ValidationError("--session-timeout must be >= 0") }
    }

    func run() throws {
        let environment = Environment.current
        let endpoints = endpoint.isEmpty
            ? [environment["FTY_ALERT_ENGINE_ENDPOINT"] ?? AgentOptions.defaultEndpoint] : endpoint
        let level = verbose ? Logger.Level.debug : LogLevelParser.level(environment["BIOS_LOG_LEVEL"]) ?? .info
        let logger = Log.bootstrap(level: level, label: "malamute.broker")
        let signals = SignalWaiter(blocking: [SIGINT, SIGTERM])
        let broker = try MalamuteBroker(
            configuration: BrokerConfiguration(
                endpoints: endpoints,
                sessionTimeout: sessionTimeout == 0 ? nil : .milliseconds(sessionTimeout)),
            logger: logger)
        logger.info("broker running", metadata: ["endpoints": "\(endpoints.joined(separator: " "))"])
        let signal = signals.wait()
        logger.info("stopping", metadata: ["signal": "\(signal)"])
        broker.stop()
    }
}
