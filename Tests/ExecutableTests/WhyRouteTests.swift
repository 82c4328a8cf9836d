import Foundation
import FtyProto
import MalamuteClient
import TestSupport
import Testing

/// `GET /api/v1/rules/{name}/why` on the built binary (issue 13 item 5): the report the `why`
/// command gets over the mailbox, asked of the engine in process.
@Suite struct WhyRouteTests {
    @Test func theRouteExplainsTheLastEvaluationAndRefusesAnUnknownRule() throws {
        let agent = try HTTPAgent.start("why-route")
        defer { agent.stop() }
        let alerts = try connectedClient(agent.endpoint, "why-alerts")
        defer { alerts.close() }
        try alerts.setConsumer(stream: "_ALERTS_SYS", pattern: ".*")
        try HistoryEndToEndTests.add(EngineEndToEndTests.rule("w1"), to: agent)
        try HistoryEndToEndTests.publishLoad("97", asset: "w1", on: agent)
        #expect(try alerts.receive(timeout: .seconds(5))?.subjectString == "w1/CRITICAL@w1")

        let report = try agent.json("/api/v1/rules/w1/why")
        #expect(report["rule"] as? String == "w1")
        let inputs = report["inputs"] as? [[String: Any]] ?? []
        #expect(inputs.first?["topic"] as? String == "load@w1")
        #expect(inputs.first?["value"] as? Double == 97)
        let elements = report["elements"] as? [[String: Any]] ?? []
        #expect(elements.first?["element"] as? String == "w1")
        #expect(elements.first?["state"] as? String == "ACTIVE")

        // The same bytes as the mailbox answer of the `why` command.
        let requester = try connectedClient(agent.endpoint, "why-requester")
        defer { requester.close() }
        try requester.sendTo(address: "fty-alert-engine", subject: "rfc-alert-why", content: ["w1"])
        let mailbox = try requester.receive(timeout: .seconds(5))?.contentStrings ?? []
        #expect(mailbox.first == "OK")
        #expect(mailbox.last == (try httpRequest(port: agent.port, path: "/api/v1/rules/w1/why").body))

        let element = try agent.json("/api/v1/rules/w1/why?element=nobody")
        #expect((element["elements"] as? [Any])?.isEmpty == true)

        let unknown = try httpRequest(port: agent.port, path: "/api/v1/rules/no-such-rule/why")
        #expect(unknown.status == 404)
        #expect(unknown.body.contains("no rule named no-such-rule"))
    }
}
