import MalamuteProtocol

/// A broker happening worth logging; the state machine reports these instead of logging itself.
public enum BrokerEvent: Equatable, Sendable {
    /// A message that is not valid MLM arrived and was dropped whole, without reply (decisions.md D7).
    case malformedMessage(routingID: [UInt8], frameCount: Int, error: MLMDecodeError)
    /// A session registered `address` (empty = anonymous) with CONNECTION_OPEN.
    case sessionOpened(routingID: [UInt8], address: [UInt8])
    /// `address` was taken over by a new session; the old one was destroyed silently (wire.md §2.5.3).
    case sessionTakenOver(address: [UInt8], evicted: [UInt8], by: [UInt8])
    /// A session ended with CONNECTION_CLOSE.
    case sessionClosed(routingID: [UInt8], address: [UInt8])
    /// A session was destroyed because of what it sent (wire.md §2.5.2), after its ERROR reply.
    case sessionKilled(routingID: [UInt8], address: [UInt8], reason: KillReason)
    /// A session was silent for longer than the session timeout and was destroyed (wire.md §2.5.4).
    case sessionExpired(routingID: [UInt8], address: [UInt8])
    /// A session that never opened sent something other than OPEN/CLOSE and got ERROR 500.
    case commandBeforeOpen(routingID: [UInt8], command: MLMMessageID)
    /// Mail for `address`, which nobody holds, was stored; `stored` messages now wait for it.
    case mailStored(address: [UInt8], stored: Int)

    /// Why the broker destroyed a connected session.
    public enum KillReason: Equatable, Sendable {
        /// CONFIRM is not implemented (ERROR 300).
        case confirmReceived
        /// STREAM_SEND before any STREAM_WRITE (ERROR 300).
        case sendWithoutProducer
        /// A second CONNECTION_OPEN or a broker-only command (ERROR 500).
        case invalidCommand(MLMMessageID)
    }
}
