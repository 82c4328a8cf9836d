import Logging
import MalamuteClient

/// The alert-actions actor on the bus: turns alerts into e-mail, SMS and GPO requests on a
/// thread of its own until ``stop()`` (engine.md §12, decisions.md D5).
///
/// One thread owns both Malamute clients — `fty-alert-actions` (consumer of the assets and
/// alerts streams, sender of REPUBLISH) and `fty-alert-actions#mb` (requests and their replies)
/// — and the ``AlertActionsCore``. Requests are synchronous: while one waits for its reply
/// (up to `replyTimeout`), stream messages queue up.
///
/// ```swift
/// let server = AlertActionsServer(configuration: AlertActionsConfiguration(endpoint: "ipc://@/malamute"))
/// try server.start()   // clients connected, REPUBLISH sent
/// …
/// server.stop()
/// ```
public final class AlertActionsServer: Sendable {
    /// The settings the server was created with.
    public let configuration: AlertActionsConfiguration
    private let logger: Logger
    /// Dropping the server drops the thread, which stops it as ``stop()`` does.
    private let thread = ServerThread<AlertActionsServerError>(
        name: "fty-alert-actions", alreadyStarted: .alreadyStarted)

    /// Creates a server; nothing happens until ``start()``.
    public init(configuration: AlertActionsConfiguration, logger: Logger = Logger(label: "fty-alert-actions")) {
        self.configuration = configuration
        self.logger = logger
    }

    /// Connects and subscribes both clients and sends REPUBLISH; returns once that is done.
    ///
    /// - Throws: ``AlertActionsServerError/broker(endpoint:client:_:)`` when the broker does not
    ///   answer within `configuration.clientTimeout`; ``AlertActionsServerError/alreadyStarted``
    ///   on a second call. Nothing keeps running then.
    public func start() throws(AlertActionsServerError) {
        let (configuration, logger) = (self.configuration, self.logger)
        try thread.start(
            making: { AlertActionsLoop(configuration: configuration, logger: logger) },
            afterClose: { logger.info("alert actions stopped") })
    }

    /// Closes the clients and waits until the actor's thread has ended; safe to call twice.
    public func stop() {
        thread.stop()
    }
}

extension AlertActionsLoop: ServerLoop {}
