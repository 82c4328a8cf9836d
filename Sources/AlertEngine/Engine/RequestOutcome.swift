/// What the shell does after a mailbox request (engine.md §9.1).
public struct RequestOutcome: Sendable, Equatable {
    /// The reply's content frames, sent with subject `rfc-evaluator-rules` to the sender; nil
    /// means no reply (wrong subject, missing frame, unknown command).
    public var reply: [[UInt8]]?
    /// Alerts to publish on `_ALERTS_SYS` (see `AlertPublication.ftyAlert` and `.subject`).
    public var publications: [AlertPublication]
    /// True for DELETE / DELETE_ELEMENT, whose alerts go out before the reply; false for
    /// ADD / update / TOUCH, whose alerts follow it (§9.1, as the original).
    public var publishesBeforeReply: Bool

    /// Creates an outcome.
    public init(reply: [[UInt8]]?, publications: [AlertPublication] = [], publishesBeforeReply: Bool = false) {
        self.reply = reply
        self.publications = publications
        self.publishesBeforeReply = publishesBeforeReply
    }

    /// No reply, nothing published.
    public static let none = RequestOutcome(reply: nil)
}
