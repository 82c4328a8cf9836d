/// Facts about the warranty rule, the one rule with special handling (engine.md §6.5, §5.2).
public enum WarrantyRule {
    /// Special handling applies only to a rule named exactly this.
    public static let name = "warranty"
    /// The target of the shipped warranty rule; [orig] metrics whose quantity is
    /// `end_warranty_date` were looked up under this literal key (§5.2 step 5).
    public static let target = "^end_warranty_date@.+"
    /// The metric quantity the warranty rule watches.
    public static let quantity = "end_warranty_date"

    /// The description published for the warranty rule (§6.5), or nil to keep it unchanged.
    ///
    /// Only the two exact `TRANSLATE_LUA` keys are rewritten (the original logs an error for any
    /// other description, e.g. `everything is ok`). `metricValue` is truncated toward zero to
    /// an integer D; "expired" prints |D|. The cached alert keeps the original description.
    public static func rewrittenDescription(_ description: String, metricValue: Double, asset: String) -> String? {
        let days = truncatedDays(metricValue)
        switch description {
        case #"{"key":"TRANSLATE_LUA (Warranty expired)"}"#:
            let magnitude = days.magnitude
            return #"{"key" : "TRANSLATE_LUA (Warranty on {{asset}} expired {{days}} days ago.)", "variables" : { "asset" : { "value" : "", "assetLink" : ""#
                + asset + #"" }, "days" : ""# + String(magnitude) + #""} }"#
        case #"{"key":"TRANSLATE_LUA (Warranty expires in)"}"#:
            return #"{"key" : "TRANSLATE_LUA (Warranty on {{asset}} expires in less than {{days}} days.)", "variables" : { "asset" : { "value" : "", "assetLink" : ""#
                + asset + #"" }, "days" : ""# + String(days) + #""} }"#
        default:
            return nil
        }
    }

    /// The value truncated toward zero; NaN gives 0 and infinities clamp to the Int64 range, so
    /// bad input never traps.
    private static func truncatedDays(_ value: Double) -> Int64 {
        if value.isNaN { return 0 }
        if value >= 9_223_372_036_854_775_807.0 { return .max }
        if value <= -9_223_372_036_854_775_808.0 { return .min }
        return Int64(value.rounded(.towardZero))
    }
}
