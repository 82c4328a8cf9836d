import Foundation
import FtyProto
import MalamuteClient
import TestSupport
import Testing

/// `--metrics-listen` on the built binary: counters that move with bus traffic, and the
/// start-up errors (issue 6 item 4).
@Suite struct MetricsListenTests {
    @Test func countersGoUpAfterAnAddAndAMetric() throws {
        let directory = scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let endpoint = uniqueEndpoint("metrics-listen")
        let port = try freeTCPPort()
        let engine = try EngineProcess(
            ["--embedded-broker", "--endpoint", endpoint, "--rules-dir", directory, "--metrics-listen", "127.0.0.1:\(port)"],
            environment: EngineEndToEndTests.quiet)
        let requester = try connectedClient(endpoint, "requester")
        defer { requester.close() }
        #expect(try awaitEngine(requester))
        let producer = try connectedClient(endpoint, "producer")
        defer { producer.close() }
        try producer.setProducer(stream: "METRICS")
        let alerts = try connectedClient(endpoint, "alerts")
        defer { alerts.close() }
        try alerts.setConsumer(stream: "_ALERTS_SYS", pattern: ".*")

        let received = #"fty_alert_engine_metrics_received_total{input="bus"}"#
        let added = #"fty_alert_engine_mailbox_requests_total{command="ADD",result="OK"}"#
        let active = #"fty_alert_engine_alerts_published_total{state="ACTIVE"}"#
        let before = try httpRequest(port: port)
        #expect(before.status == 200)
        #expect(before.headers["content-type"]?.hasPrefix("text/plain; version=0.0.4") == true)
        #expect(prometheusSample(before.body, received) == 0)
        #expect(prometheusSample(before.body, added) == nil)  // no ADD yet
        #expect(prometheusSample(before.body, "fty_alert_engine_rules_loaded") == 0)

        try requester.sendTo(
            address: "fty-alert-engine", subject: "rfc-evaluator-rules", content: ["ADD", EngineEndToEndTests.rule("m1")])
        #expect(try requester.receive(timeout: .seconds(5))?.contentStrings.first == "OK")
        try producer.send(
            subject: "load@m1",
            content: [try EngineEndToEndTests.metricFrame(quantity: "load", asset: "m1", value: "95", ttl: 60)])
        #expect(try alerts.receive(timeout: .seconds(5))?.subjectString == "m1/CRITICAL@m1")

        // The engine hands its hot-path counts over after each loop turn: wait for that one.
        var after = ""
        #expect(eventually {
            after = (try? httpRequest(port: port).body) ?? ""
            return prometheusSample(after, received) == 1
        })
        #expect(prometheusSample(after, received) == 1)
        #expect(prometheusSample(after, added) == 1)
        #expect(prometheusSample(after, #"fty_alert_engine_mailbox_requests_total{command="LIST",result="OK"}"#) ?? 0 >= 1)
        #expect(prometheusSample(after, #"fty_alert_engine_evaluations_total{kind="simple_threshold"}"#) == 1)
        #expect(prometheusSample(after, active) == 1)
        #expect(prometheusSample(after, "fty_alert_engine_rules_loaded") == 1)

        engine.send(SIGTERM)
        #expect(engine.waitForExit(timeout: .seconds(5)) == 0)
    }

    @Test(arguments: ["nope", "127.0.0.1:0", "127.0.0.1:70000", "::1:9464"])
    func aBadAddressIsAUsageError(value: String) throws {
        let rules = scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: rules) }
        let engine = try EngineProcess(["--rules-dir", rules, "--metrics-listen", value])
        #expect(engine.waitForExit(timeout: .seconds(5)) == 64)
        #expect(engine.readOutput().contains("--metrics-listen"))
    }

    @Test func aBadAddressInTheEnvironmentIsAUsageError() throws {
        let rules = scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: rules) }
        let engine = try EngineProcess(
            ["--rules-dir", rules], environment: ["FTY_ALERT_ENGINE_METRICS_LISTEN": "localhost"])
        #expect(engine.waitForExit(timeout: .seconds(5)) == 64)
        #expect(engine.readOutput().contains("'localhost' is not HOST:PORT"))
    }

    @Test func aPortInUseFailsTheStartWithAClearMessage() throws {
        let port = try freeTCPPort()
        let listen = "127.0.0.1:\(port)"
        let firstRules = scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: firstRules) }
        let first = try EngineProcess(
            ["--embedded-broker", "--endpoint", uniqueEndpoint("metrics-first"), "--rules-dir", firstRules,
             "--metrics-listen", listen], environment: EngineEndToEndTests.quiet)
        #expect(eventually { (try? httpRequest(port: port).status) == 200 })
        let secondRules = scratchDirectory()
        defer { try? FileManager.default.removeItem(atPath: secondRules) }
        let second = try EngineProcess(
            ["--embedded-broker", "--endpoint", uniqueEndpoint("metrics-second"), "--rules-dir", secondRules,
             "--metrics-listen", listen], environment: EngineEndToEndTests.quiet)
        #expect(second.waitForExit(timeout: .seconds(5)) == 1)
        #expect(
            second.readOutput().contains(
                "fty-alert-engine: cannot start: cannot listen on \(listen): Address already in use"))
        first.send(SIGTERM)
        #expect(first.waitForExit(timeout: .seconds(5)) == 0)
    }
}
