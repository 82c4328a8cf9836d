import Foundation
import TestSupport
import Testing

@testable import AlertEngine

/// Our `rules/warranty.rule`, the one rule installed into the rules directory (engine.md §6.5).
@Suite struct ShippedWarrantyRuleTests {
    static func ours() throws -> String {
        try String(contentsOf: Fixtures.packageRoot.appendingPathComponent("rules/warranty.rule"), encoding: .utf8)
    }

    @Test func parsesAsThePatternRuleOfSection6_5() throws {
        let engine = try EngineHarness(files: ["warranty.rule": try Self.ours()])
        #expect(try engine.load().loaded == ["warranty"])
        let rule = try #require(engine.core.rule(named: "warranty"))
        #expect(rule.kind == .pattern)
        #expect(rule.targets == ["^end_warranty_date@.+"])
    }

    /// main(value): HIGH_CRITICAL below 0, LOW_CRITICAL up to 10, LOW_WARNING up to 60, else OK;
    /// the published copy carries the rewritten description with the whole number of days.
    @Test func alertsAsSection6_5Says() throws {
        let engine = try EngineHarness(files: ["warranty.rule": try Self.ours()])
        try engine.load()
        let table: [(value: String, subject: String, description: String)] = [
            ("-3.9", "warranty/CRITICAL@ups-1", WarrantyDescription.expired),
            ("0", "warranty/CRITICAL@ups-1", WarrantyDescription.expiresIn),
            ("10", "warranty/CRITICAL@ups-1", WarrantyDescription.expiresIn),
            ("10.5", "warranty/WARNING@ups-1", WarrantyDescription.expiresIn),
            ("60", "warranty/WARNING@ups-1", WarrantyDescription.expiresIn),
            ("60.5", "warranty/OK@ups-1", "everything is ok"),
        ]
        for row in table {
            let published = engine.metric("end_warranty_date@ups-1", row.value)
            #expect(published.map(\.subject) == [row.subject], "value \(row.value)")
            #expect(published.first?.description == row.description, "value \(row.value)")
            #expect(published.first?.ftyAlert.rule == "warranty@ups-1")
        }
        let expired = try #require(engine.metric("end_warranty_date@ups-2", "-3.9").first)
        #expect(
            expired.ftyAlert.description
                == #"{"key" : "TRANSLATE_LUA (Warranty on {{asset}} expired {{days}} days ago.)", "variables" : { "asset" : { "value" : "", "assetLink" : "ups-2" }, "days" : "3"} }"#)
        #expect(expired.actions == ["EMAIL"])
    }

    /// Written by us, it must alert exactly as the original's file for every kind of value.
    @Test func producesTheSameAlertsAsTheOriginalFile() throws {
        let ours = try EngineHarness(files: ["warranty.rule": try Self.ours()])
        let original = try EngineHarness(files: ["warranty.rule": try ReferenceFiles.rule("warranty.rule")])
        try ours.load()
        try original.load()
        let values = ["-100", "-0.5", "0", "0.5", "5", "9.99", "10", "11", "59", "60", "61", "1e3", "nan", "x"]
        for (index, value) in values.enumerated() {
            for asset in ["ups-\(index)", "epdu-1"] {
                let a = ours.metric("end_warranty_date@\(asset)", value).map(\.ftyAlert)
                let b = original.metric("end_warranty_date@\(asset)", value).map(\.ftyAlert)
                #expect(a == b, "value \(value) on \(asset)")
            }
        }
        #expect(ours.metric("end_warranty_dates@ups-1", "5").isEmpty)
    }
}
