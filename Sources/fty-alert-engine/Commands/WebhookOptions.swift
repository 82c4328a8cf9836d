import AgentHTTP
import AlertHistory
import ArgumentParser

/// The webhook receiver's settings from the config file and the environment (issue 10 item 6).
///
/// No command-line flags: the password must not show in `ps`. `webhook/user` and
/// `webhook/password` may be overridden by `FTY_ALERT_ENGINE_WEBHOOK_USER` and
/// `FTY_ALERT_ENGINE_WEBHOOK_PASSWORD` (a systemd credential or an EnvironmentFile).
enum WebhookOptions {
    static func settings(environment: Environment, file: ConfigFileSettings) throws(ValidationError) -> WebhookSettings {
        var settings = WebhookSettings()
        if let path = file.webhookPath { settings.basePath = path }
        if let limit = file.webhookMaxBody { settings.maxBodyBytes = limit }
        if let publish = file.webhookPublish { settings.publish = publish }
        if let label = file.webhookElementLabel { settings.mapping = WebhookMapping(elementLabel: label) }
        if file.webhookAuth == "basic" {
            let user = environment["FTY_ALERT_ENGINE_WEBHOOK_USER"] ?? file.webhookUser ?? ""
            let password = environment["FTY_ALERT_ENGINE_WEBHOOK_PASSWORD"] ?? file.webhookPassword ?? ""
            guard !user.isEmpty, !password.isEmpty else {
                throw ValidationError(
                    "webhook/auth = basic needs webhook/user and webhook/password (or FTY_ALERT_ENGINE_WEBHOOK_USER and FTY_ALERT_ENGINE_WEBHOOK_PASSWORD)")
            }
            settings.authentication = .basic(user: user, password: password)
        }
        return settings
    }
}
