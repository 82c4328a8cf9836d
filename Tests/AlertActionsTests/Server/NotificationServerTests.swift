import AlertActions
import FtyProto
import MalamuteClient
import TestSupport
import Testing

/// Notifications over the real bus (engine.md §12.1, §12.4, §12.5).
@Suite struct NotificationServerTests {
    @Test func asksTheAssetAgentToRepublishWithAnEmptyMessage() throws {
        let harness = try ActionsHarness()
        #expect(eventually { harness.assetAgent.requests.contains { $0.subjectString == "REPUBLISH" } })
        let republish = try #require(harness.assetAgent.requests.first { $0.subjectString == "REPUBLISH" })
        #expect(republish.senderString == "fty-alert-actions")
        #expect(republish.content.isEmpty)  // Q14
    }

    @Test func republishedAssetsAreCachedWithoutLookups() throws {
        let asset = Samples.asset("ups-1", priority: "1", email: "one@example.com")
        let harness = try ActionsHarness(knownAssets: [asset])
        try harness.settle()
        try harness.publish(Samples.alert("r@ups-1", actions: ["EMAIL"]))
        #expect(try harness.email.nextStrings(subject: "SENDMAIL_ALERT")?[3] == "one@example.com")
        #expect(!harness.assetAgent.lookups.contains { $0.contentStrings.last == "ups-1" })
    }

    @Test func firstNotificationOfActiveAlertsForEverySeverityAndPriority() throws {
        let harness = try ActionsHarness()
        for severity in ["CRITICAL", "WARNING", "INFO"] {
            for priority in ["1", "2", "3", "4", "5"] {
                let asset = Samples.asset("ups-\(severity)-\(priority)", priority: priority)
                try harness.publish(asset)
                let alert = Samples.alert("rule@\(asset.name)", asset: asset.name, severity: severity)
                let frame = try harness.publish(alert)
                let mail = try #require(try harness.email.next())
                #expect(mail.subjectString == "SENDMAIL_ALERT")
                #expect(mail.senderString == "fty-alert-actions#mb")
                #expect(mail.content.count == 5)
                #expect(isLowercaseUUID(mail.contentStrings[0]))
                #expect(Array(mail.contentStrings[1...3]) == [priority, "Friendly \(asset.name)", "\(asset.name)@example.com"])
                #expect(mail.content[4] == frame)
                let sms = try #require(try harness.email.next())
                #expect(sms.subjectString == "SENDSMS_ALERT")
                #expect(Array(sms.contentStrings[1...3]) == [priority, "Friendly \(asset.name)", "+420-\(asset.name)"])
                #expect(sms.content[4] == frame)
                #expect(sms.contentStrings[0] != mail.contentStrings[0])
            }
        }
    }

    @Test func gpoIsSwitchedOnAndOffAgain() throws {
        let harness = try ActionsHarness()
        try harness.publish(Samples.asset("ups-1"))
        var alert = Samples.alert("r@ups-1", actions: ["GPO_INTERACTION:gpo-3:open", "GPO_INTERACTION:gpo-4:on"])
        try harness.publish(alert)
        for expected in [["gpo-3", "open"], ["gpo-4", "on"]] {
            let request = try #require(try harness.gpio.next())
            #expect(request.subjectString == "GPO_INTERACTION")
            #expect(isLowercaseUUID(request.contentStrings[0]))
            #expect(Array(request.contentStrings.dropFirst()) == expected)
        }
        alert.state = "RESOLVED"
        try harness.publish(alert)
        // Q25: `open` becomes `close`, anything else `open`.
        #expect(try harness.gpio.next().map { Array($0.contentStrings.dropFirst()) } == ["gpo-3", "close"])
        #expect(try harness.gpio.next().map { Array($0.contentStrings.dropFirst()) } == ["gpo-4", "open"])
        try harness.settle()
        try harness.email.expectNothing()
    }

    @Test func resolvedAlertSendsNoMailAndIsForgotten() throws {
        let harness = try ActionsHarness()
        try harness.publish(Samples.asset("ups-1"))
        var alert = Samples.alert("r@ups-1", actions: ["EMAIL"])
        try harness.publish(alert)
        _ = try #require(try harness.email.next())
        alert.state = "RESOLVED"
        try harness.publish(alert)
        try harness.settle()
        try harness.email.expectNothing()
        // Forgotten: the same alert again is new, so it notifies again.
        alert.state = "ACTIVE"
        try harness.publish(alert)
        #expect(try harness.email.next()?.subjectString == "SENDMAIL_ALERT")
    }

    @Test func contactChangeResendsWithTheNewContact() throws {
        let harness = try ActionsHarness()
        try harness.publish(Samples.asset("ups-1"))
        try harness.publish(Samples.alert("r@ups-1", actions: ["EMAIL"]))
        #expect(try harness.email.next()?.contentStrings[3] == "ups-1@example.com")
        try harness.publish(Samples.asset("ups-1", email: "new@example.com"))
        #expect(try harness.email.next()?.contentStrings[3] == "new@example.com")
        // A change that is not a contact does not re-send.
        try harness.publish(Samples.asset("ups-1", friendly: "Renamed", email: "new@example.com"))
        try harness.settle()
        try harness.email.expectNothing()
    }

    @Test func unknownAssetIsAskedForOnTheRequestClient() throws {
        let harness = try ActionsHarness()
        try harness.settle()
        let asset = Samples.asset("ups-9", priority: "4", email: "nine@example.com")
        harness.assetAgent.know(asset)  // known to fty-asset, never published
        try harness.publish(Samples.alert("r@ups-9", asset: "ups-9", actions: ["EMAIL"]))
        let mail = try #require(try harness.email.next())
        #expect(Array(mail.contentStrings[1...3]) == ["4", "Friendly ups-9", "nine@example.com"])
        let lookup = try #require(harness.assetAgent.lookups.first { $0.contentStrings.last == "ups-9" })
        #expect(lookup.senderString == "fty-alert-actions#mb")
        #expect(lookup.contentStrings.count == 3)
        #expect(lookup.contentStrings[0] == "GET")
        #expect(isLowercaseUUID(lookup.contentStrings[1]))
    }

    @Test func unansweredAssetLookupDropsTheAlert() throws {
        let harness = try ActionsHarness(replyTimeout: .milliseconds(100))
        try harness.settle()
        harness.assetAgent.setAnswering(false)
        try harness.publish(Samples.alert("r@ghost", asset: "ghost", actions: ["GPO_INTERACTION:g:open"]))
        try harness.settle()
        #expect(harness.log.contains("ghost", "dropped", atLeast: .warning))
        #expect(harness.assetAgent.lookups.contains { $0.contentStrings.last == "ghost" })
        try harness.email.expectNothing()
    }

    @Test func integrationTestModeUsesTheTestAgentsAndNeverLooksUp() throws {
        let harness = try ActionsHarness(assetsStream: "ASSETS-TEST", alertsStream: "ALERTS-TEST")
        #expect(harness.email.client.name == "fty-email-test")
        #expect(harness.gpio.client.name == "fty-sensor-gpio-test")
        try harness.publish(Samples.alert("r@nobody", asset: "nobody", actions: ["EMAIL", "GPO_INTERACTION:g:open"]))
        let mail = try #require(try harness.email.next())
        // Q13: an unknown asset is an empty one.
        #expect(Array(mail.contentStrings[1...3]) == ["", "", ""])
        #expect(try harness.gpio.next().map { Array($0.contentStrings.dropFirst()) } == ["g", "open"])
        try harness.settle()
        #expect(harness.assetAgent.lookups.isEmpty)
    }
}
