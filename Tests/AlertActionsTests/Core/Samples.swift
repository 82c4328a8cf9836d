import AlertActions
import FtyProto

/// Assets and alerts as the asset agent and fty-alert-list publish them.
enum Samples {
    static func asset(
        _ name: String, priority: String? = "1", operation: String = "update", status: String? = nil,
        friendly: String? = nil, email: String? = nil, sms: String? = nil, phone: String? = nil
    ) -> FtyAsset {
        var aux = FtyHash()
        aux["type"] = "device"
        aux["priority"] = priority
        aux["status"] = status
        var ext = FtyHash()
        ext["name"] = friendly ?? "Friendly \(name)"
        ext["contact_email"] = email ?? "\(name)@example.com"
        ext["contact_sms"] = sms ?? "+420-\(name)"
        ext["contact_phone"] = phone
        return FtyAsset(aux: aux, name: name, operation: operation, ext: ext)
    }

    static func alert(
        _ rule: String, asset: String = "ups-1", state: String = "ACTIVE", severity: String = "CRITICAL",
        actions: [String] = ["EMAIL", "SMS"], ttl: UInt32 = 900, description: String = "too hot"
    ) -> FtyAlert {
        FtyAlert(
            time: 1_700_000_000, ttl: ttl, rule: rule, name: asset, state: state, severity: severity,
            description: description, action: actions)
    }

    static func frame(_ alert: FtyAlert) -> [UInt8] {
        (try? FtyProtoCodec.encode(alert)) ?? []
    }

    static func email(_ alert: FtyAlert, of asset: FtyAsset?) -> ActionRequest {
        .email(
            NotificationRequest(
                rule: alert.rule, priority: asset?.aux["priority"] ?? "", assetName: asset?.ext["name"] ?? "",
                contact: asset?.ext["contact_email"] ?? "", alertFrame: frame(alert)))
    }

    static func sms(_ alert: FtyAlert, of asset: FtyAsset?) -> ActionRequest {
        .sms(
            NotificationRequest(
                rule: alert.rule, priority: asset?.aux["priority"] ?? "", assetName: asset?.ext["name"] ?? "",
                contact: asset?.ext["contact_sms"] ?? "", alertFrame: frame(alert)))
    }

    static func gpo(_ rule: String, _ iname: String, _ state: String) -> ActionRequest {
        .gpo(GPORequest(rule: rule, iname: iname, state: state))
    }
}

extension AlertActionsCore {
    /// Handles `alert` with its own encoded frame.
    mutating func receive(_ alert: FtyAlert, at now: UInt64) -> ActionsOutcome {
        handleAlert(alert, frame: Samples.frame(alert), now: now)
    }

    /// A core that knows `assets` (already updated once), started at 0.
    static func knowing(
        _ assets: [FtyAsset], testMode: Bool = false, checkInterval: UInt64 = 60_000, override: UInt64 = 0
    ) -> AlertActionsCore {
        var core = AlertActionsCore(
            start: 0, integrationTestMode: testMode, checkInterval: checkInterval, notificationOverride: override)
        for asset in assets { _ = core.handleAsset(asset) }
        return core
    }
}
