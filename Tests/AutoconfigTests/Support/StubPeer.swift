import Locking
import Foundation
import MalamuteClient
import Synchronization

/// A Malamute client on a thread of its own standing in for `fty-alert-engine` or
/// `fty-alert-flexible`: it records every mailbox request and answers `["OK", frame 2]`.
final class StubPeer: Sendable {
    /// One recorded request.
    struct Request: Sendable {
        var subject: String
        var frames: [String]
        var tracker: String
        var command: String { frames.first ?? "" }
    }

    /// What the serving thread shares with the test.
    private final class Shared: Sendable {
        let requests = Locked<[Request]>([])
        let stopping = Atomic(false)
        let failure = Locked<String?>(nil)
        let finished = DispatchSemaphore(value: 0)
    }

    let name: String
    private let shared = Shared()

    /// Connects as `name` and serves until ``stop()``; returns once connected.
    init(endpoint: String, name: String) throws {
        self.name = name
        let ready = DispatchSemaphore(value: 0)
        let shared = self.shared
        let thread = Thread {
            defer { shared.finished.signal() }
            let client = MalamuteClient(configuration: ClientConfiguration(endpoint: endpoint, name: name))
            do {
                try client.connect()
            } catch {
                shared.failure.withLock { $0 = "\(error)" }
                ready.signal()
                return
            }
            ready.signal()
            while !shared.stopping.load(ordering: .acquiring) {
                guard let delivery = try? client.receive(timeout: .milliseconds(20)), delivery.kind == .mailbox
                else { continue }
                let strings = delivery.contentStrings
                shared.requests.withLock {
                    $0.append(Request(subject: delivery.subjectString, frames: strings, tracker: delivery.trackerString))
                }
                try? client.reply(to: delivery, content: [Array("OK".utf8)] + delivery.content.dropFirst().prefix(1))
            }
            client.close()
        }
        thread.start()
        ready.wait()
        if let error = shared.failure.withLock({ $0 }) { throw StubError(message: error) }
    }

    func stop() {
        guard !shared.stopping.exchange(true, ordering: .acquiringAndReleasing) else { return }
        shared.finished.wait()
    }

    deinit { stop() }

    /// Everything received so far.
    var received: [Request] { shared.requests.withLock { $0 } }

    /// The rule names of the ADD requests received so far, in order.
    var addedRuleNames: [String] {
        received.filter { $0.command == "ADD" }.map { request in
            request.frames.count > 1 ? AutoconfigStateTests.ruleName(request.frames[1]) : ""
        }
    }
}

/// A stub peer could not connect.
struct StubError: Error {
    var message: String
}
