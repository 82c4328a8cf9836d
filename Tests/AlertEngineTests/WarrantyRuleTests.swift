import Testing

@testable import AlertEngine

/// The warranty rule's description rewrite (engine.md §6.5).
@Suite struct WarrantyRuleTests {
    /// engine.md §6.5: only the two exact descriptions are rewritten; D truncates toward zero.
    @Test func rewritesOnlyTheTwoTranslationKeys() {
        let expired = WarrantyRule.rewrittenDescription(
            #"{"key":"TRANSLATE_LUA (Warranty expired)"}"#, metricValue: -12.9, asset: "ups-9")
        #expect(
            expired
                == #"{"key" : "TRANSLATE_LUA (Warranty on {{asset}} expired {{days}} days ago.)", "variables" : { "asset" : { "value" : "", "assetLink" : "ups-9" }, "days" : "12"} }"#
        )
        let expires = WarrantyRule.rewrittenDescription(
            #"{"key":"TRANSLATE_LUA (Warranty expires in)"}"#, metricValue: 9.99, asset: "ups-9")
        #expect(
            expires
                == #"{"key" : "TRANSLATE_LUA (Warranty on {{asset}} expires in less than {{days}} days.)", "variables" : { "asset" : { "value" : "", "assetLink" : "ups-9" }, "days" : "9"} }"#
        )
        #expect(WarrantyRule.rewrittenDescription("everything is ok", metricValue: 100, asset: "a") == nil)
        #expect(
            WarrantyRule.rewrittenDescription(#"{"key":"TRANSLATE_LUA (Warranty expired)"}"#, metricValue: .nan, asset: "a")?
                .contains(#""days" : "0""#) == true)
        #expect(
            WarrantyRule.rewrittenDescription(
                #"{"key":"TRANSLATE_LUA (Warranty expired)"}"#, metricValue: -.infinity, asset: "a") != nil)
    }
}
