import MalamuteProtocol

/// Something a ``ClientSession`` reacts to: an API call, a message from the broker, or time passing.
public enum ClientEvent: Equatable, Sendable {
    /// The application asks to open the session.
    case connect
    /// The application asks for a subscription-type command.
    case command(ClientCommand)
    /// The application asks to end the session.
    case close
    /// A decoded message arrived from the broker.
    case received(MLMMessage)
    /// Time passed: the session fires every timer that is due at `now` (heartbeat, expiry,
    /// call and re-open deadlines). The shell sends it whenever it wakes up, at the latest at
    /// ``ClientSession/nextDeadline``.
    case tick
}
