/// Malamute names of the alert-actions actor (decisions.md D5, engine.md §12, §15).
public enum AlertActionsNames {
    /// The client consuming ASSETS and ALERTS.
    public static let client = "fty-alert-actions"
    /// The request/reply helper client.
    public static let mailboxClient = "fty-alert-actions#mb"

    /// The e-mail / SMS agent.
    public static let emailAgent = "fty-email"
    /// The e-mail / SMS agent in integration-test mode (engine.md §12.1).
    public static let emailTestAgent = "fty-email-test"
    /// The GPIO agent.
    public static let gpioAgent = "fty-sensor-gpio"
    /// The GPIO agent in integration-test mode (engine.md §12.1).
    public static let gpioTestAgent = "fty-sensor-gpio-test"
    /// The asset agent (fty-asset).
    public static let assetAgent = "asset-agent"

    /// Subject of an e-mail request to the e-mail agent.
    public static let sendMailSubject = "SENDMAIL_ALERT"
    /// Subject of an SMS request to the e-mail agent.
    public static let sendSMSSubject = "SENDSMS_ALERT"
    /// Subject of a GPO request to the GPIO agent.
    public static let gpoSubject = "GPO_INTERACTION"
    /// Subject of an asset lookup at the asset agent.
    public static let assetDetailSubject = "ASSET_DETAIL"
    /// Subject asking the asset agent to publish every asset again.
    public static let republishSubject = "REPUBLISH"

    /// Stream names that switch the actor into the original's integration-test mode (§12.1, D5).
    public static let testStreams: Set<String> = ["ASSETS-TEST", "ALERTS-TEST"]
}
