import Foundation
import Logging
import MalamuteClient

/// Synchronous request/reply on `fty-alert-actions#mb` (engine.md §12.1, Q40).
///
/// Sends one request whose first frame (or, for ASSET_DETAIL, second) is a fresh lower-case
/// UUID, then waits up to the reply timeout on the same client for a mail whose first frame is
/// that UUID. Anything else arriving meanwhile — typically the late answer to an earlier request
/// that timed out — is logged and dropped, so one slow agent does not desynchronise the next
/// exchanges. A timeout is logged and the caller carries on.
///
/// The wait is cut into slices; between two, the caller's `waiting` runs so that the thread's other client
/// keeps its heartbeat (the original's clients each have a thread of their own; ours share one,
/// and a broker expires a client that stays silent for its timeout).
struct MailboxExchange {
    /// The send timeout carried by every request (§12.5: 5000 ms; brokers ignore it).
    static let sendTimeout: Duration = .milliseconds(5000)
    /// The longest stretch the wait goes without calling `waiting`.
    static let slice: Duration = .milliseconds(200)

    let client: MalamuteClient
    let replyTimeout: Duration
    let logger: Logger
    private let clock = ContinuousClock()

    /// Sends `frames(id)` to `address` under `subject` and returns the reply's frames, nil on
    /// timeout or failure (both logged). `waiting` runs at least every ``slice`` meanwhile.
    func request(
        address: String, subject: String, frames: (String) -> [[UInt8]], waiting: () -> Void
    ) -> [[UInt8]]? {
        let id = UUID().uuidString.lowercased()
        let idBytes = Array(id.utf8)
        do {
            try client.sendTo(address: address, subject: subject, content: frames(id), timeout: Self.sendTimeout)
        } catch {
            logger.error("could not send \(subject) to \(address): \(error)")
            return nil
        }
        let deadline = clock.now + replyTimeout
        while true {
            let left = deadline - clock.now
            guard left > .zero else {
                logger.warning("no answer from \(address) to \(subject) \(id) within \(replyTimeout)")
                return nil
            }
            let delivery: MalamuteDelivery?
            do {
                delivery = try client.receive(timeout: min(left, Self.slice))
            } catch {
                logger.error("waiting for \(address) to answer \(subject): \(error)")
                return nil
            }
            guard let delivery else {
                waiting()
                continue
            }
            guard delivery.kind == .mailbox, delivery.content.first == idBytes else {
                logger.warning(
                    "dropping \(delivery.kind) '\(delivery.subjectString)' from \(delivery.senderString) while waiting for \(address) to answer \(id)"
                )
                continue
            }
            return delivery.content
        }
    }
}
