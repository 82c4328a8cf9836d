import Foundation
import MalamuteClient
import TestSupport

/// A stand-in `fty-autoconfig` answering LIST as engine.md §11.7 says, on its own thread.
///
/// Before each real answer it sends one with another correlation id, which a requester must
/// skip. It serves until `stop()`.
final class FakeAutoconfig: @unchecked Sendable {
    // @unchecked: `stopped` is guarded by `lock`; the client lives on the serving thread only.
    struct Template: Sendable {
        var name: String
        var content: String
        var devices: String
    }

    private let lock = NSLock()
    private var stopped = false
    private let ready = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    /// Connects as `fty-autoconfig` at `endpoint` and starts answering; returns once connected.
    init(endpoint: String, templates: [Template]) {
        let thread = Thread { [self] in
            defer { finished.signal() }
            guard let client = try? connectedClient(endpoint, "fty-autoconfig") else {
                ready.signal()
                return
            }
            ready.signal()
            defer { client.close() }
            while !isStopped {
                guard let request = try? client.receive(timeout: .milliseconds(50)) else { continue }
                let frames = request.contentStrings
                guard request.kind == .mailbox, frames.count >= 2, frames[0] == "LIST" else { continue }
                let filter = frames.count >= 3 ? frames[2] : "all"
                let matching = templates.filter { filter == "all" || $0.content.contains(filter) }
                let triplets = matching.flatMap { [$0.name, $0.content, $0.devices] }
                for correlation in ["not-" + frames[1], frames[1]] {
                    try? client.reply(to: request, content: ([correlation, "LIST", filter] + triplets).map { Array($0.utf8) })
                }
            }
        }
        thread.start()
        ready.wait()
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    /// Stops serving and waits for the thread to close its client.
    func stop() {
        lock.withLock { stopped = true }
        finished.wait()
    }
}
