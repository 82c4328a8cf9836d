import Testing
@testable import AlertEngine
import FtyProto

@Suite struct AlertPublicationTests {
    static let now: UInt64 = 1_700_000_123
    static let expiredText = #"{"key":"TRANSLATE_LUA (Warranty expired)"}"#
    static let expiresText = #"{"key":"TRANSLATE_LUA (Warranty expires in)"}"#

    static func publish(
        rule: String, _ candidate: AlertCandidate, metricTTL: UInt32 = 60, value: Double? = nil
    ) -> AlertPublication? {
        var tracker = AlertTracker(ruleName: rule)
        return tracker.apply(candidate, metricTTL: metricTTL, metricValue: value, now: now)
    }

    @Test func activeSimpleThresholdMessageAndSubject() throws {
        let outcome = AlertOutcome(severity: "CRITICAL", description: "hot", actions: ["EMAIL", "SMS"])
        let publication = try #require(Self.publish(rule: "simplethreshold", .active(element: "fff", outcome: outcome)))
        #expect(publication.ftyAlert == FtyAlert(
            aux: [:], time: Self.now, ttl: 180, rule: "simplethreshold", name: "fff", state: "ACTIVE",
            severity: "CRITICAL", description: "hot", action: ["EMAIL", "SMS"], metadata: ""))
        #expect(publication.subject == "simplethreshold/CRITICAL@fff")
    }

    @Test func resolvedSimpleThresholdHasEmptySeverityInSubject() throws {
        let publication = try #require(Self.publish(rule: "simplethreshold", .resolvedByThreshold(element: "fff")))
        #expect(publication.subject == "simplethreshold/@fff")
        #expect(publication.ftyAlert.severity == "")
        #expect(publication.ftyAlert.action == [])
        #expect(publication.ftyAlert.description == "ok")
        #expect(publication.ftyAlert.state == "RESOLVED")
    }

    @Test func resolvedLuaRuleCarriesOKAndOneEmptyAction() throws {
        let publication = try #require(Self.publish(rule: "single", .resolvedByLua(element: "sss1")))
        #expect(publication.subject == "single/OK@sss1")
        #expect(publication.ftyAlert.action == [""])
        #expect(publication.ftyAlert.description == "everything is ok")
    }

    @Test func ttlIsThreeTimesTheMetricTTLAndSaturates() {
        #expect(AlertPublication.alertTTL(forMetricTTL: 0) == 0)
        #expect(AlertPublication.alertTTL(forMetricTTL: 60) == 180)
        #expect(AlertPublication.alertTTL(forMetricTTL: UInt32.max / 3) == UInt32.max / 3 * 3)
        #expect(AlertPublication.alertTTL(forMetricTTL: UInt32.max / 3 + 1) == UInt32.max)
    }

    @Test func nonAsciiNamesAreKept() throws {
        let outcome = AlertOutcome(severity: "WARNING", description: "Žluťoučký", actions: [])
        let publication = try #require(Self.publish(
            rule: "realpower.default@Žluťoučký Kůň", .active(element: "Žluťoučký Kůň", outcome: outcome)))
        #expect(publication.subject == "realpower.default@Žluťoučký Kůň/WARNING@Žluťoučký Kůň")
        #expect(publication.ftyAlert.rule == "realpower.default@Žluťoučký Kůň")
    }

    // MARK: warranty, engine.md §6.5

    @Test func warrantyExpiredDescriptionIsRewrittenWithAbsoluteDays() throws {
        let outcome = AlertOutcome(severity: "CRITICAL", description: Self.expiredText, actions: [])
        let publication = try #require(Self.publish(
            rule: "warranty", .active(element: "ups-9", outcome: outcome), metricTTL: 100, value: -5.7))
        #expect(publication.ftyAlert.description
            == #"{"key" : "TRANSLATE_LUA (Warranty on {{asset}} expired {{days}} days ago.)", "variables" : { "asset" : { "value" : "", "assetLink" : "ups-9" }, "days" : "5"} }"#)
        #expect(publication.ftyAlert.rule == "warranty@ups-9")
        #expect(publication.ftyAlert.name == "ups-9")
        #expect(publication.subject == "warranty/CRITICAL@ups-9")
        #expect(publication.description == Self.expiredText)
        #expect(publication.ftyAlert.ttl == 300)
    }

    @Test func warrantyExpiresInDescriptionIsRewrittenWithTruncatedDays() throws {
        let outcome = AlertOutcome(severity: "WARNING", description: Self.expiresText, actions: ["EMAIL"])
        let publication = try #require(Self.publish(
            rule: "warranty", .active(element: "ups-9", outcome: outcome), value: 42.9))
        #expect(publication.ftyAlert.description
            == #"{"key" : "TRANSLATE_LUA (Warranty on {{asset}} expires in less than {{days}} days.)", "variables" : { "asset" : { "value" : "", "assetLink" : "ups-9" }, "days" : "42"} }"#)
        #expect(publication.subject == "warranty/WARNING@ups-9")
    }

    @Test func warrantyOtherDescriptionIsUnchanged() throws {
        let publication = try #require(Self.publish(rule: "warranty", .resolvedByLua(element: "ups-9"), value: 400))
        #expect(publication.ftyAlert.description == "everything is ok")
        #expect(publication.ftyAlert.rule == "warranty@ups-9")
        #expect(publication.subject == "warranty/OK@ups-9")
    }

    @Test func warrantyCacheKeepsTheRuleDescription() {
        var tracker = AlertTracker(ruleName: "warranty")
        let outcome = AlertOutcome(severity: "WARNING", description: Self.expiresText, actions: [])
        _ = tracker.apply(.active(element: "ups-9", outcome: outcome), metricTTL: 60, metricValue: 30, now: Self.now)
        #expect(tracker.cachedAlert(forElement: "ups-9")?.description == Self.expiresText)
        let touched = tracker.touch(now: Self.now + 1)
        #expect(touched.map(\.ftyAlert.rule) == ["warranty@ups-9"])
        #expect(touched.map(\.subject) == ["warranty/WARNING@ups-9"])
    }

    @Test func warrantyUpdateResolutionIsNotRewritten() {
        var tracker = AlertTracker(ruleName: "warranty")
        let outcome = AlertOutcome(severity: "WARNING", description: Self.expiresText, actions: [])
        _ = tracker.apply(.active(element: "ups-9", outcome: outcome), metricTTL: 60, metricValue: 30, now: Self.now)
        #expect(tracker.resolveAllForUpdate(now: Self.now + 1).map(\.ftyAlert.description) == [Self.expiresText])
    }

    @Test func warrantyDaysChangeIsAPublishedChange() {
        var tracker = AlertTracker(ruleName: "warranty")
        let outcome = AlertOutcome(severity: "WARNING", description: Self.expiresText, actions: [])
        let candidate = AlertCandidate.active(element: "ups-9", outcome: outcome)
        #expect(tracker.apply(candidate, metricTTL: 3600, metricValue: 30.5, now: Self.now) != nil)
        #expect(tracker.apply(candidate, metricTTL: 3600, metricValue: 30.1, now: Self.now + 1) == nil)
        #expect(tracker.apply(candidate, metricTTL: 3600, metricValue: 29, now: Self.now + 2) != nil)
    }

    @Test(arguments: ["warranty2", "Warranty", "warranty@ups-9", " warranty"])
    func onlyTheRuleNamedExactlyWarrantyIsSpecial(rule: String) throws {
        let outcome = AlertOutcome(severity: "CRITICAL", description: Self.expiredText, actions: [])
        let publication = try #require(Self.publish(rule: rule, .active(element: "ups-9", outcome: outcome), value: -5))
        #expect(publication.ftyAlert.description == Self.expiredText)
        #expect(publication.ftyAlert.rule == rule)
    }

    @Test(arguments: [
        (0.0, "0"), (-0.9, "0"), (-1.0, "1"), (-12345.6, "12345"), (-Double.infinity, "9223372036854775808"),
        (Double.nan, "0"),
    ])
    func expiredDaysAreTheAbsoluteTruncatedValue(value: Double, days: String) {
        let (text, rewritten) = WarrantyDescription.rewrite(Self.expiredText, asset: "a", value: value)
        #expect(rewritten)
        #expect(text.hasSuffix(#""days" : "\#(days)"} }"#))
    }

    @Test(arguments: [(59.99, "59"), (-3.5, "-3"), (Double.infinity, "9223372036854775807")])
    func expiresInDaysAreTheSignedTruncatedValue(value: Double, days: String) {
        let (text, _) = WarrantyDescription.rewrite(Self.expiresText, asset: "a", value: value)
        #expect(text.hasSuffix(#""days" : "\#(days)"} }"#))
    }

    @Test func descriptionsAreComparedByBytes() {
        let spaced = #"{"key": "TRANSLATE_LUA (Warranty expired)"}"#
        #expect(WarrantyDescription.rewrite(spaced, asset: "a", value: 1) == (spaced, false))
    }
}

@Suite struct FtyAlertEqualsIgnoringTimeTests {
    static let alert = FtyAlert(
        time: 100, ttl: 180, rule: "r", name: "caf\u{E9}", state: "ACTIVE", severity: "WARNING",
        description: "hot", action: ["EMAIL"])

    @Test func timeIsIgnored() {
        var later = Self.alert
        later.time = 200
        #expect(later.equalsIgnoringTime(Self.alert))
    }

    @Test func everyOtherFieldCountsByBytes() {
        var changes: [FtyAlert] = []
        var alert = Self.alert
        alert.name = "cafe\u{301}"  // canonically equivalent, other bytes
        changes.append(alert)
        alert = Self.alert
        alert.ttl = 181
        changes.append(alert)
        alert = Self.alert
        alert.action = ["EMAIL", ""]
        changes.append(alert)
        alert = Self.alert
        alert.metadata = "x"
        changes.append(alert)
        alert = Self.alert
        alert.aux = ["k": "v"]
        changes.append(alert)
        for changed in changes {
            #expect(!changed.equalsIgnoringTime(Self.alert), "\(changed)")
        }
    }
}
