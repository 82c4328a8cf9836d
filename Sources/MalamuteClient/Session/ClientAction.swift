import Logging
import MalamuteProtocol

/// What the I/O shell must do on behalf of a ``ClientSession``, in order.
public enum ClientAction: Equatable, Sendable {
    /// Write this message to the broker.
    case send(MLMMessage)
    /// Hand this delivery to the application (queue it for `receive`).
    case deliver(MalamuteDelivery)
    /// The pending API call (or the call just made) succeeded.
    case callSucceeded
    /// The pending API call (or the call just made) failed.
    case callFailed(MalamuteClientError)
    /// Application sends held back while the session was re-opening may go out now
    /// (after the replayed commands, so a STREAM_SEND never precedes its STREAM_WRITE).
    case releaseHeldSends
    /// Write a log line.
    case log(Logger.Level, String)
}
