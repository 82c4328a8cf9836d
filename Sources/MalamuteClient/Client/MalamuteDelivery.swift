import MalamuteProtocol

/// One message the broker delivered to this client: a stream publication, a mail, or a service request.
///
/// Fields are the raw wire bytes; the `…String` accessors decode them as UTF-8, replacing invalid
/// sequences (wire.md §0: strings on the wire carry no character-set guarantee).
public struct MalamuteDelivery: Equatable, Sendable {
    /// Which of the three DELIVER messages brought this.
    public enum Kind: Equatable, Sendable {
        /// STREAM_DELIVER: a publication on a subscribed stream.
        case stream
        /// MAILBOX_DELIVER: a direct message to this client's name.
        case mailbox
        /// SERVICE_DELIVER: a request for a service this client offered.
        case service
    }

    /// Which kind of delivery this is.
    public var kind: Kind
    /// The sender's name (the publisher for streams; empty for anonymous senders).
    public var sender: [UInt8]
    /// Stream name (stream), own name (mailbox) or service name (service) — wire.md §3.6 `address()`.
    public var address: [UInt8]
    /// The subject.
    public var subject: [UInt8]
    /// The tracker of a mail or service request (empty for streams); an opaque echo value.
    public var tracker: [UInt8]
    /// The content frames, boundaries preserved (possibly none).
    public var content: [[UInt8]]

    /// Creates a delivery from its parts.
    public init(
        kind: Kind, sender: [UInt8], address: [UInt8], subject: [UInt8], tracker: [UInt8] = [],
        content: [[UInt8]]
    ) {
        self.kind = kind
        self.sender = sender
        self.address = address
        self.subject = subject
        self.tracker = tracker
        self.content = content
    }

    /// The delivery carried by `message`, or `nil` if it is not a DELIVER message.
    public init?(_ message: MLMMessage) {
        switch message {
        case .streamDeliver(let address, let sender, let subject, let content):
            self.init(kind: .stream, sender: sender, address: address, subject: subject, content: content)
        case .mailboxDeliver(let sender, let address, let subject, let tracker, let content):
            self.init(
                kind: .mailbox, sender: sender, address: address, subject: subject, tracker: tracker,
                content: content)
        case .serviceDeliver(let sender, let address, let subject, let tracker, let content):
            self.init(
                kind: .service, sender: sender, address: address, subject: subject, tracker: tracker,
                content: content)
        default:
            return nil
        }
    }

    /// ``sender`` as text.
    public var senderString: String { String(decoding: sender, as: UTF8.self) }
    /// ``address`` as text.
    public var addressString: String { String(decoding: address, as: UTF8.self) }
    /// ``subject`` as text.
    public var subjectString: String { String(decoding: subject, as: UTF8.self) }
    /// ``tracker`` as text.
    public var trackerString: String { String(decoding: tracker, as: UTF8.self) }
    /// Every content frame as text (42ity string frames carry no NUL terminator, wire.md §3.6).
    public var contentStrings: [String] { content.map { String(decoding: $0, as: UTF8.self) } }
}
