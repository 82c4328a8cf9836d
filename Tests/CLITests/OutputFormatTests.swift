import AlertEngine
import ArgumentParser
import Foundation
import FtyProto
import Testing

@testable import fty_alert_engine

/// What the subcommands print, and the exit statuses of their failures.
@Suite struct OutputFormatTests {
    static let alert = FtyAlert(
        aux: [:], time: 1_700_000_000, ttl: 90, rule: "load@ups-1", name: "ups-1", state: "RESOLVED", severity: "",
        description: "ok\nnow", action: ["EMAIL"], metadata: "")

    @Test func anAlertIsOneLineWithADashForAnEmptySeverity() {
        let line = AlertLine(alert: Self.alert, stream: "_ALERTS_SYS", subject: "load@ups-1/@ups-1")
        #expect(line.text == "2023-11-14T22:13:20Z RESOLVED - load@ups-1 ups-1 ok now")
    }

    @Test func anAlertAsJSONHasEveryField() throws {
        let line = AlertLine(alert: Self.alert, stream: "_ALERTS_SYS", subject: "load@ups-1/@ups-1")
        #expect(!line.json.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.json.utf8)) as? [String: Any])
        #expect(object["time"] as? Int == 1_700_000_000 && object["ttl"] as? Int == 90)
        #expect(object["description"] as? String == "ok\nnow" && object["severity"] as? String == "")
        #expect(object["actions"] as? [String] == ["EMAIL"] && object["subject"] as? String == "load@ups-1/@ups-1")
    }

    @Test func compactJSONKeepsOrderAndEscapes() {
        let value = JSONOutput.object([
            ("b", .string("quote \" and \\ and\ttab")), ("a", .array([.number("1.50"), .bool(true), .null])),
        ])
        #expect(JSONOutput.compact(value) == #"{"b":"quote \" and \\ and\ttab","a":[1.50,true,null]}"#)
        #expect(JSONOutput.document(Array("not json".utf8)) == .string("not json"))
    }

    @Test func theRuleTableIsAlignedAndSorted() {
        let documents = [
            #"{"single": {"rule_name": "zz", "target": ["a@e"], "element": "e", "rule_class": "c", "results": [], "evaluation": "function main(a) return OK end"}}"#,
            #"{"threshold": {"rule_name": "a", "target": "t@long-element", "element": "long-element", "values": [{"low_warning": "1"}], "results": []}}"#,
        ].map { RuleSummary(document: Array($0.utf8)) }
        #expect(RuleSummary.table(documents) == [
            "NAME  KIND       ELEMENT       CLASS",
            "a     threshold  long-element  ",
            "zz    single     e             c",
        ])
        #expect(RuleSummary(document: Array("{".utf8)).name == "?")
    }

    @Test(arguments: [
        ("load@ups-1", "load", "ups-1"), ("realpower.default@Žluťoučký Kůň", "realpower.default", "Žluťoučký Kůň"),
        ("a@b@c", "a", "b@c"),
    ])
    func topicsSplitAtTheFirstAt(text: String, quantity: String, element: String) throws {
        let topic = try #require(MetricTopic(argument: text))
        #expect(topic.quantity == quantity && topic.element == element && topic.text == text)
    }

    @Test(arguments: ["load", "@ups-1", "load@", ""]) func incompleteTopicsAreRefused(text: String) {
        #expect(MetricTopic(argument: text) == nil)
    }

    @Test func failuresMapToTheDocumentedExitStatuses() {
        #expect(CommandFailure.refused(reason: "NOT_FOUND").exitCode == ExitCode(1))
        #expect(CommandFailure.someRefused(count: 1, of: 2).exitCode == ExitCode(1))
        #expect(CommandFailure.noAnswer(peer: "p", endpoint: "e", timeout: .milliseconds(300)).exitCode == ExitCode(2))
        #expect(CommandFailure.bus(endpoint: "e", detail: "d").exitCode == ExitCode(2))
        #expect(CommandFailure.unexpectedAnswer(peer: "p", detail: "d").exitCode == ExitCode(2))
        #expect(CommandFailure.unreadableInput(path: "f", detail: "d").exitCode == ExitCode(64))
        #expect(CommandFailure.noAnswer(peer: "p", endpoint: "e", timeout: .milliseconds(300)).description
            == "no answer from p at e within 0.3 s")
    }

    @Test func clientNamesAreUniquePerInvocation() {
        let names = Set((0..<100).map { _ in BusSession.uniqueName() })
        #expect(names.count == 100)
        #expect(names.allSatisfy { $0.hasPrefix("fty-alert-engine-cli.\(getpid()).") && $0.count == "fty-alert-engine-cli.\(getpid()).".count + 8 })
    }
}
