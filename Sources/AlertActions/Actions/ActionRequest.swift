/// One request the actor must send to another agent (engine.md §12.5).
public enum ActionRequest: Equatable, Sendable {
    /// `SENDMAIL_ALERT` to the e-mail agent.
    case email(NotificationRequest)
    /// `SENDSMS_ALERT` to the e-mail agent.
    case sms(NotificationRequest)
    /// `GPO_INTERACTION` to the GPIO agent.
    case gpo(GPORequest)
}
