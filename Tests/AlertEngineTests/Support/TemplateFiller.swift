import Foundation

/// Fills autoconfig template placeholders the way engine.md §11.5 does (plain textual
/// replacement, in the table's order), for a made-up asset.
struct TemplateFiller {
    var name = "ups-42"
    var port = "1"
    var logicalAssetDisplayName = "Server room"
    var logicalAssetName = "room-7"
    var alarmSeverity = "WARNING"
    var normalState = "closed"
    var displayName = "Žluťoučký UPS"

    func fill(_ template: String) -> String {
        var text = template
        for (placeholder, value) in replacements {
            text = text.replacingOccurrences(of: placeholder, with: value)
        }
        return text
    }

    /// The placeholders in §11.5 order with their values.
    var replacements: [(String, String)] {
        [
            ("__name__", name),
            ("__port__", "GPI" + port),
            ("__logicalasset__", logicalAssetDisplayName),
            ("__logicalasset_iname__", logicalAssetName),
            ("__severity__", alarmSeverity),
            ("__normalstate__", normalState),
            ("__rule_result__", asciiLowercased(alarmSeverity)),
            ("__ename__", displayName),
        ]
    }

    private func asciiLowercased(_ text: String) -> String {
        String(decoding: text.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
    }
}
