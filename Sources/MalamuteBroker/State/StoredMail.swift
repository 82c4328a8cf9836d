/// A MAILBOX_SEND kept for an address nobody holds (wire.md §2.5.6); it never expires.
struct StoredMail: Sendable {
    let sender: [UInt8]
    let subject: [UInt8]
    let tracker: [UInt8]
    let content: [[UInt8]]
}
