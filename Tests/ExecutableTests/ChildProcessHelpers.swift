import Foundation
import MalamuteClient

/// Connects a client named `name` to a broker in a child process, retrying while the process is
/// still binding its endpoint; `credentials` are its ZMQ PLAIN user and password, if any.
func connectedClient(_ endpoint: String, _ name: String, credentials: PlainCredentials? = nil) throws -> MalamuteClient {
    var lastError: (any Error)?
    for _ in 0..<50 {
        let client = MalamuteClient(
            configuration: ClientConfiguration(
                endpoint: endpoint, name: name, timeout: .milliseconds(200), plainCredentials: credentials))
        do {
            try client.connect()
            return client
        } catch {
            lastError = error
            client.close()
        }
    }
    throw lastError!
}

/// Sends LIST until the engine in a child process answers (its mailbox client connects after
/// the broker binds), then drops the replies still coming to the other probes, so the next
/// `receive` on `requester` gets the answer to the next request; false if it never answers.
func awaitEngine(_ requester: MalamuteClient) throws -> Bool {
    for _ in 0..<50 {
        try requester.sendTo(address: "fty-alert-engine", subject: "rfc-evaluator-rules", content: ["LIST", "all"])
        if try requester.receive(timeout: .milliseconds(200)) != nil {
            while try requester.receive(timeout: .milliseconds(50)) != nil {}
            return true
        }
    }
    return false
}

/// A fresh rules directory, so no test writes to the real /var/lib/fty/fty-alert-engine.
func scratchDirectory() -> String {
    NSTemporaryDirectory() + "fty-alert-engine-exe-\(UUID().uuidString)"
}
