import MalamuteProtocol

/// One thing the broker's I/O shell must do after ``BrokerState`` handled an event.
public enum BrokerOutput: Equatable, Sendable {
    /// Send `message` (header frame, then its content frames unchanged) to the peer `routingID`.
    ///
    /// A routing id that has gone away is simply dropped by the ROUTER (wire.md §1).
    case send(routingID: [UInt8], message: MLMMessage)
    /// Something worth a log line; nothing is sent.
    case log(BrokerEvent)
}
