import Foundation
import FtyProto
import MalamuteClient
import TestSupport
import Testing

/// The built `fty-alert-engine` running alert-actions next to the engine (engine.md §12, D5).
@Suite struct AlertActionsEndToEndTests {
    @Test func notifiesAlertsOfTheConfiguredStreamAndStopsOnSIGTERM() throws {
        let endpoint = uniqueEndpoint("actions-e2e")
        let rules = scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: rules) }
        let engine = try EngineProcess(
            [
                "--embedded-broker", "--endpoint", endpoint, "--rules-dir", rules,
                "--assets-stream", "MY-ASSETS", "--alerts-stream", "MY-ALERTS",
            ],
            environment: ["BIOS_LOG_LEVEL": "LOG_WARNING"])
        let assetAgent = try connectedClient(endpoint, "asset-agent")
        let email = try connectedClient(endpoint, "fty-email")
        let alerts = try connectedClient(endpoint, "fty-alert-list")
        try alerts.setProducer(stream: "MY-ALERTS")
        // The asset is unknown: the actor asks for it, then mails its contact.
        let alert = FtyAlert(
            time: 1, ttl: 600, rule: "load@ups-1", name: "ups-1", state: "ACTIVE", severity: "CRITICAL",
            description: "overload", action: ["EMAIL"])
        let frame = try FtyProtoCodec.encode(alert)
        var lookup: MalamuteDelivery?
        var republished = false
        for _ in 0..<50 where lookup == nil {
            try alerts.send(subject: "load@ups-1", content: [frame])
            while let request = try assetAgent.receive(timeout: .milliseconds(100)) {
                if request.subjectString == "ASSET_DETAIL" { lookup = request }
                if request.subjectString == "REPUBLISH" { republished = request.content.isEmpty }
            }
        }
        let request = try #require(lookup)
        #expect(republished)
        #expect(request.senderString == "fty-alert-actions#mb")
        let asset = FtyAsset(aux: ["priority": "1"], name: "ups-1", operation: "update", ext: ["contact_email": "ops@example.com"])
        try assetAgent.reply(to: request, content: [request.content[1], try FtyProtoCodec.encode(asset)])
        let mail = try #require(try email.receive(timeout: .seconds(5)))
        #expect(mail.subjectString == "SENDMAIL_ALERT")
        #expect(Array(mail.contentStrings[1...3]) == ["1", "", "ops@example.com"])
        #expect(mail.content[4] == frame)
        for client in [assetAgent, email, alerts] { client.close() }
        engine.send(SIGTERM)
        #expect(engine.waitForExit(timeout: .seconds(5)) == 0)
    }
}
