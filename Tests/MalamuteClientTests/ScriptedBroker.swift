import Foundation
import MalamuteProtocol
import ZeroMQ

/// A ROUTER peer on its own thread that answers a client by a script, for wire-level tests of
/// the client shell (what exactly goes on the socket, and how the client reacts to replies the
/// real broker only gives in rare situations). It is not a broker: no streams, no mailboxes.
final class ScriptedBroker: @unchecked Sendable {
    // @unchecked: every mutable field is guarded by `lock`; the socket lives on the thread only.
    typealias Script = @Sendable (MLMMessage) -> [MLMMessage]

    let endpoint: String
    private let script: Script
    private let lock = NSLock()
    private var log: [MLMMessage] = []
    private var outbox: [(peer: String?, frames: [[UInt8]])] = []
    private var stopping = false
    private let started = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    /// Everything received so far, decoded, in order.
    var received: [MLMMessage] { lock.withLock { log } }

    /// Binds `endpoint` and starts answering with `script` (default: what a broker answers).
    init(endpoint: String, script: @escaping Script = ScriptedBroker.brokerLike) {
        self.endpoint = endpoint
        self.script = script
        let thread = Thread { [self] in run() }
        thread.start()
        started.wait()
    }

    /// OK to OPEN/WRITE/READ/CANCEL/OFFER/CLOSE, PONG to PING, nothing to the rest.
    static let brokerLike: Script = { message in
        switch message {
        case .connectionOpen, .streamWrite, .streamRead, .streamCancel, .serviceOffer, .connectionClose:
            [.ok(code: 200, reason: [])]
        case .connectionPing:
            [.connectionPong]
        default:
            []
        }
    }

    /// Sends `frames` (an MLM message or garbage) to the peer that opened as `name`, or to the
    /// peer that spoke last.
    func push(frames: [[UInt8]], to name: String? = nil) {
        lock.withLock { outbox.append((name, frames)) }
    }

    /// Sends `message` to the peer that opened as `name`, or to the peer that spoke last.
    func push(_ message: MLMMessage, to name: String? = nil) {
        push(frames: MLMCodec.encode(message), to: name)
    }

    /// Stops the thread and closes the socket (the endpoint is free again afterwards).
    func stop() {
        lock.withLock { stopping = true }
        finished.wait()
    }

    private func run() {
        defer { finished.signal() }
        let router: ZMQSocket
        do {
            router = try ZMQSocket(.router)
            try router.setOption(.linger, 0)
            try router.bind(endpoint)
        } catch {
            fatalError("scripted broker cannot bind \(endpoint): \(error)")
        }
        started.signal()
        var peer: [UInt8]?
        var peersByName: [String: [UInt8]] = [:]
        while !lock.withLock({ stopping }) {
            _ = try? ZMQPoller.poll([router], timeoutMilliseconds: 5)
            while let frames = try? router.receive(dontWait: true) {
                peer = frames[0]
                guard let message = try? MLMCodec.decode(Array(frames.dropFirst())) else { continue }
                lock.withLock { log.append(message) }
                if case .connectionOpen(let address) = message {
                    peersByName[String(decoding: address, as: UTF8.self)] = frames[0]
                }
                for reply in script(message) {
                    let encoded = MLMCodec.encode(reply)
                    try? router.send(routingID: frames[0], header: encoded[0], content: Array(encoded.dropFirst()))
                }
            }
            let pushes = lock.withLock {
                defer { outbox.removeAll() }
                return outbox
            }
            for (name, frames) in pushes {
                guard let target = name.flatMap({ peersByName[$0] }) ?? peer else { continue }
                try? router.send(routingID: target, header: frames[0], content: Array(frames.dropFirst()))
            }
        }
        router.close()
    }
}
