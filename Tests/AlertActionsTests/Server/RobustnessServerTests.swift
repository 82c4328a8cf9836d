import AlertActions
import FtyProto
import MalamuteClient
import TestSupport
import Testing

/// Bad input and unresponsive peers are logged and survived (engine.md §12, house rules).
@Suite struct RobustnessServerTests {
    @Test func silentEmailAgentIsLoggedAndTheActorCarriesOn() throws {
        let harness = try ActionsHarness(replyTimeout: .milliseconds(100), emailAnswer: .silent)
        try harness.publish(Samples.asset("ups-1"))
        try harness.publish(Samples.alert("r@ups-1", actions: ["EMAIL", "SMS", "GPO_INTERACTION:g:open"]))
        #expect(try harness.email.next()?.subjectString == "SENDMAIL_ALERT")
        #expect(try harness.email.next()?.subjectString == "SENDSMS_ALERT")
        #expect(try harness.gpio.next()?.contentStrings.last == "open")
        #expect(harness.log.contains("no answer from fty-email", "SENDMAIL_ALERT", atLeast: .warning))
        #expect(harness.log.contains("no answer from fty-email", "SENDSMS_ALERT", atLeast: .warning))
        try harness.settle()
    }

    @Test func alertsArrivingDuringAWaitAreHandledAfterwardsInOrder() throws {
        let harness = try ActionsHarness(replyTimeout: .milliseconds(500), emailAnswer: .silent)
        try harness.publish(Samples.asset("ups-1"))
        try harness.settle()
        try harness.publish(Samples.alert("a@ups-1", actions: ["EMAIL"]))
        _ = try #require(try harness.email.next())
        for rule in ["b", "c", "d"] {
            try harness.publish(Samples.alert("\(rule)@ups-1", actions: ["GPO_INTERACTION:\(rule):open"]))
        }
        for rule in ["b", "c", "d"] {
            #expect(try harness.gpio.next()?.contentStrings[1] == rule)
        }
        #expect(harness.log.contains("no answer from fty-email", atLeast: .warning))
    }

    @Test func lateAnswerIsDroppedAndTheNextExchangeStillMatches() throws {
        let harness = try ActionsHarness(replyTimeout: .milliseconds(100), emailAnswer: .silent)
        try harness.publish(Samples.asset("ups-1"))
        try harness.publish(Samples.alert("r@ups-1", actions: ["EMAIL"]))
        let first = try #require(try harness.email.next())
        #expect(eventually { harness.log.contains("no answer from fty-email") })
        try harness.email.client.reply(to: first, content: [first.content[0], Array("OK".utf8)])  // too late
        harness.email.answer = .refuse("no SMTP server")
        try harness.publish(Samples.alert("r2@ups-1", actions: ["EMAIL"]))
        _ = try #require(try harness.email.next())
        #expect(eventually { harness.log.contains("refused SENDMAIL_ALERT", "r2@ups-1", "no SMTP server") })
        // The late answer is dropped, by the idle loop or by the next exchange.
        #expect(harness.log.contains("dropping", "SENDMAIL_ALERT", "from fty-email", atLeast: .warning))
        try harness.settle()
    }

    @Test func badStreamMessagesAreLoggedAndSurvived() throws {
        let harness = try ActionsHarness()
        try harness.publishRaw([Array("hello".utf8)])
        try harness.publishRaw([])
        try harness.publishRaw([[0xAA, 0xA1, 0x02, 0xFF]])  // truncated ALERT
        try harness.publishRaw([[0xAA, 0xA1, 0x09]])  // unknown id
        let metric = FtyMetric(time: 1, ttl: 60, type: "temperature", name: "ups-1", value: "20", unit: "C")
        try harness.publishRaw([try FtyProtoCodec.encode(metric)], subject: "temperature@ups-1")
        try harness.assets.send(subject: "junk", content: [Array("not an asset".utf8)])
        try harness.settle()
        #expect(harness.log.contains("not fty_proto", "from fty-alert-list", atLeast: .warning))
        #expect(harness.log.contains("not fty_proto", "from asset-publisher", atLeast: .warning))
        // Still works.
        try harness.publish(Samples.asset("ups-1"))
        try harness.publish(Samples.alert("r@ups-1", actions: ["EMAIL"]))
        #expect(try harness.email.next()?.subjectString == "SENDMAIL_ALERT")
    }

    @Test func emptyAndUnknownActionsAreLoggedAndSurvived() throws {
        let harness = try ActionsHarness()
        try harness.publish(Samples.asset("ups-1"))
        try harness.publish(Samples.alert("empty@ups-1", actions: []))
        try harness.publish(Samples.alert("odd@ups-1", actions: ["", "BEEP", "EMAIL:boss", "GPO_INTERACTION:x", "SMS"]))
        #expect(try harness.email.next()?.subjectString == "SENDSMS_ALERT")
        try harness.settle()
        try harness.email.expectNothing()
        #expect(harness.log.contains("odd@ups-1", "BEEP", atLeast: .warning))
        #expect(harness.log.contains("odd@ups-1", "EMAIL:boss", atLeast: .warning))
        #expect(harness.log.contains("odd@ups-1", "GPO_INTERACTION:x", atLeast: .warning))
    }

    @Test func strayMailIsLoggedAndSurvived() throws {
        let harness = try ActionsHarness()
        try harness.alerts.sendTo(address: "fty-alert-actions#mb", subject: "HELLO", content: [Array("x".utf8)])
        try harness.alerts.sendTo(address: "fty-alert-actions", subject: "HELLO", content: [])
        try harness.alerts.sendTo(address: "fty-alert-actions#mb", subject: "HELLO", content: [])
        try harness.settle()
        // Whether it arrives while a request waits (the probe's asset lookup) or not, it is dropped.
        #expect(eventually { harness.log.contains("dropping", "'HELLO'", "fty-alert-list", atLeast: .warning) })
        #expect(harness.log.contains("fty-alert-actions: ignoring mailbox 'HELLO'"))
        try harness.publish(Samples.asset("ups-1"))
        try harness.publish(Samples.alert("r@ups-1", actions: ["EMAIL"]))
        #expect(try harness.email.next()?.subjectString == "SENDMAIL_ALERT")
    }

    @Test func startFailsClearlyWithoutABroker() {
        let server = AlertActionsServer(
            configuration: AlertActionsConfiguration(endpoint: uniqueEndpoint("nobody"), clientTimeout: .milliseconds(200)),
            logger: ActionsHarness.quietLogger)
        #expect {
            try server.start()
        } throws: { error in
            guard case AlertActionsServerError.broker(_, let client, _) = error else { return false }
            return client == "fty-alert-actions"
        }
        #expect(throws: AlertActionsServerError.alreadyStarted) { try server.start() }
    }
}
