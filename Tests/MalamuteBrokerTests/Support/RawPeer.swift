import Logging
import MalamuteBroker
import MalamuteProtocol
import TestSupport
import ZeroMQ

/// A bare DEALER speaking MLM frame by frame, to drive the broker exactly as a peer would.
final class RawPeer {
    let socket: ZMQSocket

    /// Connects a DEALER (no routing id, as mlm_client, wire.md §1) to `endpoint`.
    init(_ endpoint: String) throws {
        socket = try ZMQSocket(.dealer)
        try socket.setOption(.linger, 0)
        try socket.connect(endpoint)
    }

    /// Connects to the broker's first endpoint.
    convenience init(_ broker: MalamuteBroker) throws {
        try self.init(broker.boundEndpoints[0])
    }

    /// Sends `message` encoded by the MLM codec.
    func send(_ message: MLMMessage) throws {
        try socket.send(MLMCodec.encode(message))
    }

    /// Sends raw frames (for malformed input).
    func sendFrames(_ frames: [[UInt8]]) throws {
        try socket.send(frames)
    }

    /// The next whole message as raw frames, or `nil` after `timeout`.
    func receiveFrames(timeout: Duration = .seconds(5)) throws -> [[UInt8]]? {
        let milliseconds = Int(timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        let ready = try ZMQPoller.poll([socket], timeoutMilliseconds: milliseconds)
        guard ready[0].contains(.readable) else { return nil }
        return try socket.receive(dontWait: true)
    }

    /// The next message decoded, or `nil` after `timeout`; a frame that does not decode fails.
    func receive(timeout: Duration = .seconds(5)) throws -> MLMMessage? {
        guard let frames = try receiveFrames(timeout: timeout) else { return nil }
        return try MLMCodec.decode(frames)
    }

    /// Sends `message` and returns the next message received.
    func request(_ message: MLMMessage, timeout: Duration = .seconds(5)) throws -> MLMMessage? {
        try send(message)
        return try receive(timeout: timeout)
    }

    /// Opens a session under `address` and returns the reply (OK expected).
    @discardableResult
    func open(_ address: String) throws -> MLMMessage? {
        try request(.connectionOpen(address: Array(address.utf8)))
    }

    /// Whether the next thing this peer receives is the PONG to a PING sent now: proves that the
    /// broker queued nothing else for it before (replies and deliveries keep their order per peer).
    func nextIsPong() throws -> Bool {
        try request(.connectionPing) == .connectionPong
    }

    /// Whether the broker no longer knows this peer's session: a PING gets ERROR 500 (wire.md §2.5.4).
    func sessionIsGone() throws -> Bool {
        try request(.connectionPing) == .commandInvalid
    }
}

extension String {
    /// The UTF-8 bytes, for MLM string fields.
    var bytes: [UInt8] { Array(utf8) }
}

/// Starts a broker on a fresh IPC endpoint; it logs errors only, to keep test output readable.
func startBroker(sessionTimeout: Duration? = .seconds(60)) throws -> MalamuteBroker {
    var logger = Logger(label: "malamute.broker")
    logger.logLevel = .error
    return try MalamuteBroker(
        configuration: BrokerConfiguration(endpoints: [uniqueEndpoint("broker")], sessionTimeout: sessionTimeout), logger: logger)
}

/// Decodes hex; spaces (and any other non-hex character) are skipped.
func hexBytes(_ text: String) -> [UInt8] {
    Hex.decode(text)
}
