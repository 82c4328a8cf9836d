/// The description rewrite of the rule named `warranty` (engine.md §6.5).
///
/// Applied to the published copy of an evaluation alert only; the alert cache keeps the
/// description as the rule wrote it.
public enum WarrantyDescription {
    /// The description the warranty rule's `high_critical` outcome carries.
    public static let expired = #"{"key":"TRANSLATE_LUA (Warranty expired)"}"#
    /// The description the warranty rule's warning/critical "expires soon" outcomes carry.
    public static let expiresIn = #"{"key":"TRANSLATE_LUA (Warranty expires in)"}"#

    /// The published description for `description` on `asset` with metric value `value`.
    ///
    /// `description` is compared byte for byte. D = `value` truncated toward zero. `expired` → "… expired {{days}} days ago." with |D|;
    /// `expiresIn` → "… expires in less than {{days}} days." with D; any other description
    /// (e.g. `everything is ok`) is returned unchanged and `isRewritten` is false (the caller
    /// may log it, as the original does). The asset is inserted as is, without JSON escaping.
    public static func rewrite(
        _ description: String, asset: String, value: Double
    ) -> (text: String, isRewritten: Bool) {
        let days = truncatedDays(value)
        if description.hasSameBytes(as: expired) {
            let key = #"{"key" : "TRANSLATE_LUA (Warranty on {{asset}} expired {{days}} days ago.)", "#
            return (key + variables(asset: asset, days: String(days.magnitude)), true)
        }
        if description.hasSameBytes(as: expiresIn) {
            let key = #"{"key" : "TRANSLATE_LUA (Warranty on {{asset}} expires in less than {{days}} days.)", "#
            return (key + variables(asset: asset, days: String(days)), true)
        }
        return (description, false)
    }

    /// The `"variables"` member and the closing brace shared by both rewrites.
    private static func variables(asset: String, days: String) -> String {
        #""variables" : { "asset" : { "value" : "", "assetLink" : ""# + asset + #"" }, "days" : ""# + days
            + #""} }"#
    }

    /// `value` truncated toward zero, saturated to the Int64 range (NaN counts as 0).
    ///
    /// The original converts with a C cast, which is undefined out of range; saturating keeps
    /// a hostile metric from trapping the engine.
    static func truncatedDays(_ value: Double) -> Int64 {
        if value.isNaN { return 0 }
        let truncated = value.rounded(.towardZero)
        if truncated >= 9_223_372_036_854_775_807.0 { return .max }
        if truncated <= -9_223_372_036_854_775_808.0 { return .min }
        return Int64(truncated)
    }
}
