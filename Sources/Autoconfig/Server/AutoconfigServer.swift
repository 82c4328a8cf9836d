import Logging
import MalamuteClient

/// The autoconfig actor on the bus: generates alert rules from templates for the assets
/// announced on the assets stream, and answers LIST templates (engine.md §1, §11).
///
/// One thread owns the `fty-autoconfig` client and the ``AutoconfigState``. At start the state
/// file is read back; generation runs on the timer of §11.4 (2 s after start, then ≈5 s after
/// the last asset message of a burst).
///
/// ```swift
/// let server = AutoconfigServer(configuration: AutoconfigConfiguration(
///     endpoint: "ipc://@/malamute", rulesDirectory: "/var/lib/fty/fty-alert-engine",
///     templatesDirectory: "/usr/share/bios/fty-autoconfig"))
/// try server.start()   // client connected, consuming ASSETS
/// …
/// server.stop()        // state written, client closed
/// ```
public final class AutoconfigServer: Sendable {
    /// The settings the server was created with.
    public let configuration: AutoconfigConfiguration
    private let logger: Logger
    /// Dropping the server drops the thread, which stops it as ``stop()`` does.
    private let thread = ServerThread<AutoconfigServerError>(
        name: AutoconfigNames.client, alreadyStarted: .alreadyStarted)

    /// Creates a server; nothing happens until ``start()``.
    public init(configuration: AutoconfigConfiguration, logger: Logger = Logger(label: "fty-autoconfig")) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Reads the state file back and connects; returns once the client consumes the stream.
    ///
    /// - Throws: ``AutoconfigServerError/broker(endpoint:_:)`` when the broker does not answer
    ///   within `configuration.clientTimeout`; ``AutoconfigServerError/alreadyStarted`` on a
    ///   second call. Nothing keeps running then. A bad state file does not fail start-up (it is
    ///   logged and moved aside).
    public func start() throws(AutoconfigServerError) {
        let (configuration, logger) = (self.configuration, self.logger)
        try thread.start(
            making: { AutoconfigLoop(configuration: configuration, logger: logger) },
            afterClose: { logger.info("autoconfig server stopped") })
    }

    /// Writes the state, closes the client and waits until the thread has ended; safe to call twice.
    public func stop() {
        thread.stop()
    }
}

// Closing after a failed connect only closes the client: nothing has run, so nothing is unsaved.
extension AutoconfigLoop: ServerLoop {}
