import Hummingbird
import Logging
import NIOCore
import SelfMetrics
import ServiceLifecycle

/// The agent's one HTTP listener on Hummingbird (issue 10 item 5): `/metrics`, `/live`, `/ready`,
/// the history API, the Alertmanager webhook receiver and the status page at `/`.
///
/// ```swift
/// let listener = try await HTTPListener.start(settings: settings, services: services, logger: logger)
/// print(listener.port)
/// …
/// await listener.stop()
/// ```
///
/// It runs in a service group of its own, started before the agent's servers so that `/live`
/// and `/metrics` answer while they start, and stopped after them.
public final class HTTPListener: Sendable {
    /// The address asked for.
    public let address: ListenAddress
    /// The port actually bound (differs from `address.port` only when that was 0).
    public let port: Int
    private let group: ServiceGroup
    private let task: Task<Void, Never>

    private init(address: ListenAddress, port: Int, group: ServiceGroup, task: Task<Void, Never>) {
        self.address = address
        self.port = port
        self.group = group
        self.task = task
    }

    /// Binds `settings.listen` and serves until ``stop()``; returns once the socket is bound.
    ///
    /// - Throws: ``HTTPListenerError/cannotListen(_:reason:)`` when the address cannot be bound.
    public static func start(settings: HTTPSettings, services: HTTPServices, logger: Logger) async throws(HTTPListenerError)
        -> HTTPListener
    {
        let router = Router()
        HTTPRoutes.add(to: router, settings: settings, services: services, logger: logger)
        let (events, sink) = AsyncStream<Result<Int, any Error>>.makeStream()
        let app = Application(
            router: router,
            configuration: ApplicationConfiguration(
                address: .hostname(settings.listen.host, port: settings.listen.port), serverName: nil),
            onServerRunning: { channel in sink.yield(.success(channel.localAddress?.port ?? settings.listen.port)) },
            logger: logger)
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(services: [app], gracefulShutdownSignals: [], logger: logger))
        let task = Task {
            do {
                try await group.run()
                sink.yield(.failure(HTTPListenerError.cannotListen(settings.listen, reason: "the server ended")))
            } catch {
                sink.yield(.failure(error))
            }
            sink.finish()
        }
        var outcome: Result<Int, any Error> = .failure(HTTPListenerError.cannotListen(settings.listen, reason: "no answer"))
        for await event in events {
            outcome = event
            break
        }
        switch outcome {
        case .success(let port):
            logger.info("serving HTTP at http://\(ListenAddress(host: settings.listen.host, port: port))/")
            return HTTPListener(address: settings.listen, port: port, group: group, task: task)
        case .failure(let error):
            await task.value
            if let error = error as? HTTPListenerError { throw error }
            throw .cannotListen(settings.listen, reason: Self.reason(error))
        }
    }

    /// Stops accepting, lets the requests in flight finish, and returns once the server is closed.
    public func stop() async {
        await group.triggerGracefulShutdown()
        await task.value
    }

    /// `Address already in use` rather than NIO's whole
    /// `bind(descriptor:ptr:bytes:): Address already in use) (errno: 98)`.
    private static func reason(_ error: any Error) -> String {
        var text = "\(error)"
        guard error is IOError else { return text }
        if let colon = text.range(of: "): ") { text = String(text[colon.upperBound...]) }
        if let errno = text.range(of: " (errno") { text = String(text[..<errno.lowerBound]) }
        while text.hasSuffix(")") { text.removeLast() }
        return text
    }
}
