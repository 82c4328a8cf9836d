/// An e-mail or SMS request for the e-mail agent (engine.md §12.5).
public struct NotificationRequest: Equatable, Sendable {
    /// The rule of the alert it is about (for logs).
    public var rule: String
    /// Asset aux `priority`, "" when absent.
    public var priority: String
    /// Asset ext `name` (the user-friendly name), "" when absent.
    public var assetName: String
    /// ext `contact_email` for e-mail, ext `contact_sms` for SMS (Q12), "" when absent.
    public var contact: String
    /// The ALERT frame as it was received.
    public var alertFrame: [UInt8]

    /// Creates a request.
    public init(rule: String, priority: String, assetName: String, contact: String, alertFrame: [UInt8]) {
        self.rule = rule
        self.priority = priority
        self.assetName = assetName
        self.contact = contact
        self.alertFrame = alertFrame
    }

    /// The five frames of §12.5: correlation id, priority, asset name, contact, ALERT frame.
    public func frames(correlationID: String) -> [[UInt8]] {
        [Array(correlationID.utf8), Array(priority.utf8), Array(assetName.utf8), Array(contact.utf8), alertFrame]
    }
}
