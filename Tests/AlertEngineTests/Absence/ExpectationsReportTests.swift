import AbsenceWatch
import Foundation
import Testing

@testable import AlertEngine

/// The `expectations` report (issue 12 item 5) built from the ladders, and the mailbox subject
/// that serves it.
@Suite struct ExpectationsReportTests {
    static func supervisor() throws -> AbsenceSupervisor {
        let supervisor = AbsenceSupervisor(settle: .zero)
        let rules = [
            try AbsenceSupervisorTests.rule("a", target: "status.ups@ups-2", expect: AbsenceSupervisorTests.small),
            try AbsenceSupervisorTests.rule("b", target: "status.ups@ups-1", expect: #"{"every": "1s"}"#),
        ]
        _ = supervisor.sync(rules: rules, now: AbsenceSupervisorTests.at(0))
        _ = supervisor.signal(topic: "status.ups@ups-2", at: AbsenceSupervisorTests.at(10))
        _ = supervisor.sweep(now: AbsenceSupervisorTests.at(220))  // ups-2: 2 misses, failed
        return supervisor
    }

    @Test func everyExpectationSortedByTopicWithItsRungArrivalAndLadder() throws {
        let report = ExpectationsReport(try Self.supervisor().tracker)
        #expect(report.expectations.map(\.topic) == ["status.ups@ups-1", "status.ups@ups-2"])
        let never = report.expectations[0]
        #expect(never.rung == "normal" && never.misses == 0 && never.lastArrival == nil)
        #expect(never.periodMilliseconds == 1000 && never.ladder == [10, 20, 30])
        let failed = report.expectations[1]
        #expect(failed.rung == "failed" && failed.misses == 2 && failed.periodMilliseconds == 100)
        #expect(failed.lastArrival == AbsenceSupervisorTests.at(10).milliseconds)
        #expect(failed.ladder == [1, 1, 1])
        #expect(report.counts == ["normal": 1, "degraded": 0, "failed": 1, "alert-low": 0, "alert-high": 0])
    }

    @Test func aRungFilterKeepsTheCountsOfEveryRung() throws {
        let report = ExpectationsReport(try Self.supervisor().tracker, rung: .failed)
        #expect(report.expectations.map(\.topic) == ["status.ups@ups-2"])
        #expect(report.counts["normal"] == 1)
        #expect(ExpectationsReport(try Self.supervisor().tracker, rung: .alertHigh).expectations.isEmpty)
    }

    @Test func theJSONHasSortedKeysAndMillisecondFields() throws {
        let tracker = try Self.supervisor().tracker
        let json = String(decoding: try ExpectationsReport.json(ExpectationsReport(tracker, rung: .failed)), as: UTF8.self)
        #expect(
            json == #"{"counts":{"alert-high":0,"alert-low":0,"degraded":0,"failed":1,"normal":1},"expectations":"#
                + #"[{"ladder":[1,1,1],"last_arrival_ms":1700000000010,"misses":2,"period_ms":100,"rung":"failed","topic":"status.ups@ups-2"}]}"#)
        let decoded = try JSONDecoder().decode(ExpectationsReport.self, from: Data(json.utf8))
        #expect(decoded == ExpectationsReport(tracker, rung: .failed))
    }

    @Test func anEngineThatExpectsNothingReportsZeroAtEveryRung() {
        #expect(ExpectationsReport.empty.expectations.isEmpty)
        #expect(ExpectationsReport.empty.counts.count == AbsenceRung.allCases.count)
        #expect(ExpectationsReport.empty.counts.values.allSatisfy { $0 == 0 })
    }

    @Test func theMailboxSubjectAnswersARungOrEveryRungAndRefusesAnUnknownOne() throws {
        let tracker = try Self.supervisor().tracker
        var asked: [AbsenceRung?] = []
        let report = { (rung: AbsenceRung?) in
            asked.append(rung)
            return ExpectationsReport(tracker, rung: rung)
        }
        let all = ExpectationsRequest.reply(to: [[]], report: report)
        #expect(all.first == Array("OK".utf8))
        #expect(all.last == (try ExpectationsReport.json(ExpectationsReport(tracker))))
        #expect(ExpectationsRequest.reply(to: [], report: report).first == Array("OK".utf8))
        let degraded = ExpectationsRequest.reply(to: [Array("degraded".utf8)], report: report)
        #expect(degraded.last == (try ExpectationsReport.json(ExpectationsReport(tracker, rung: .degraded))))
        let refused = ExpectationsRequest.reply(to: [Array("dead".utf8)], report: report)
        #expect(refused == [Array("ERROR".utf8), Array("INVALID_STATE".utf8)])
        #expect(asked == [nil, nil, .degraded])
    }
}
