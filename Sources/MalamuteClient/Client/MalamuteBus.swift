/// The part of a Malamute client the actors use, so their tests can run on an in-memory bus.
///
/// Implemented by ``MalamuteClient``. Like it, an implementation is used from one thread.
public protocol MalamuteBus: AnyObject {
    /// This client's name (its mailbox address).
    var name: String { get }
    /// Publishes on the producer stream (STREAM_SEND); fire and forget.
    func send(subject: String, content: [[UInt8]]) throws(MalamuteClientError)
    /// Sends mail to the client named `address` (MAILBOX_SEND); fire and forget.
    func sendTo(
        address: String, subject: String, content: [[UInt8]], tracker: String, timeout: Duration
    ) throws(MalamuteClientError)
    /// Returns the next delivery, or `nil` once `timeout` passes (`nil` timeout = wait for ever).
    func receive(timeout: Duration?) throws(MalamuteClientError) -> MalamuteDelivery?
}

extension MalamuteBus {
    /// Publishes string frames, each string one frame of exactly its UTF-8 bytes (no NUL).
    ///
    /// Disfavoured so that an empty literal `[]` means byte frames rather than being ambiguous.
    @_disfavoredOverload
    public func send(subject: String, content: [String]) throws(MalamuteClientError) {
        try send(subject: subject, content: content.map { Array($0.utf8) })
    }

    /// Sends mail with an empty tracker and no timeout, as the reference `sendtox` does.
    public func sendTo(address: String, subject: String, content: [[UInt8]]) throws(MalamuteClientError) {
        try sendTo(address: address, subject: subject, content: content, tracker: "", timeout: .zero)
    }

    /// Sends string frames as mail (each string one frame, no NUL).
    @_disfavoredOverload
    public func sendTo(
        address: String, subject: String, content: [String], tracker: String = "", timeout: Duration = .zero
    ) throws(MalamuteClientError) {
        try sendTo(
            address: address, subject: subject, content: content.map { Array($0.utf8) }, tracker: tracker,
            timeout: timeout)
    }
}
