import Foundation
import MalamuteClient

/// Connects a client named `name` to a broker in a child process, retrying while the process is
/// still binding its endpoint.
func connectedClient(_ endpoint: String, _ name: String) throws -> MalamuteClient {
    var lastError: (any Error)?
    for _ in 0..<50 {
        let client = MalamuteClient(
            configuration: ClientConfiguration(endpoint: endpoint, name: name, timeout: .milliseconds(200)))
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

/// A fresh rules directory, so no test writes to the real /var/lib/fty/fty-alert-engine.
func scratchDirectory() -> String {
    NSTemporaryDirectory() + "fty-alert-engine-exe-\(UUID().uuidString)"
}
