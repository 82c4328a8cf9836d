import AgentHTTP
import AlertHistory
import Foundation
import Logging
import Prometheus
import SelfMetrics
import TestSupport
import Testing

/// `POST /logs/<partition>` over real TCP into a real history database: every bad input is
/// refused with its status and records nothing; good batches follow SeS's rules.
@Suite struct WebhookRouteTests {
    /// A listener with a fresh history in a scratch directory.
    struct Served {
        let listener: HTTPListener
        let history: HistoryStore
        let directory: String

        func post(_ body: [UInt8], partition: String = "prometheus", headers: [String: String] = [:]) async throws -> TestSupport.HTTPResponse {
            try await fetch(
                port: listener.port, method: "POST", path: "/logs/\(partition)",
                headers: ["Content-Type": "application/json"].merging(headers) { $1 }, body: body)
        }

        func post(_ text: String, partition: String = "prometheus", headers: [String: String] = [:]) async throws -> TestSupport.HTTPResponse {
            try await post(Array(text.utf8), partition: partition, headers: headers)
        }

        func records() async throws -> [HistoryRecord] {
            var query = HistoryQuery()
            query.limit = 1000
            return try await history.history(query).records
        }

        func close() async {
            await listener.stop()
            try? FileManager.default.removeItem(atPath: directory)
        }
    }

    static func serve(_ webhook: WebhookSettings = WebhookSettings(), history enabled: Bool = true) async throws -> Served {
        let directory = NSTemporaryDirectory() + "fty-webhook-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let history = try HistoryStore(path: directory + "/history.db")
        let listener = try await HTTPListener.start(
            settings: HTTPSettings(listen: ListenAddress(host: "127.0.0.1", port: 0), webhook: webhook),
            services: HTTPServices(registry: PrometheusCollectorRegistry(), history: enabled ? history : nil),
            logger: Logger(label: "test"))
        return Served(listener: listener, history: history, directory: directory)
    }

    /// One webhook body with `alerts` (JSON texts).
    static func body(_ alerts: [String]) -> String {
        #"{"version":"4","status":"firing","receiver":"fty","groupLabels":{},"commonLabels":{},"commonAnnotations":{},"externalURL":"http://am","alerts":["#
            + alerts.joined(separator: ",") + "]}"
    }

    static func alert(
        _ status: String, fingerprint: String, startsAt: String, endsAt: String = "0001-01-01T00:00:00Z",
        name: String = "HighTemp", instance: String = "room-1", severity: String = "warning"
    ) -> String {
        #"{"status":"\#(status)","labels":{"alertname":"\#(name)","instance":"\#(instance)","severity":"\#(severity)"},"annotations":{"summary":"hot"},"startsAt":"\#(startsAt)","endsAt":"\#(endsAt)","generatorURL":"http://prom","fingerprint":"\#(fingerprint)"}"#
    }

    @Test func aBatchIsRecordedWithItsMapping() async throws {
        let served = try await Self.serve()
        let response = try await served.post(
            Self.body([
                Self.alert("firing", fingerprint: "f1", startsAt: "2026-12-06T10:00:00Z", severity: "critical"),
                Self.alert("firing", fingerprint: "f2", startsAt: "2026-12-06T09:00:00Z", instance: "room-2"),
            ]))
        #expect(response.status == 200)
        #expect(response.body == #"{"recorded":2}"#)
        let records = try await served.records()
        #expect(records.count == 2)
        let first = try #require(records.first { $0.fingerprint == "f1" })
        #expect((first.rule, first.element, first.state, first.severity) == ("HighTemp", "room-1", "ACTIVE", "CRITICAL"))
        #expect(first.partition == "prometheus")
        #expect(first.description == "hot")
        #expect(first.kind == .raised)
        // The same batch again changes nothing.
        #expect(try await served.post(Self.body([Self.alert("firing", fingerprint: "f1", startsAt: "2026-12-06T10:00:00Z")])).body
            == #"{"recorded":0}"#)
        await served.close()
    }

    @Test func anOutOfOrderBatchLeavesTheNewerState() async throws {
        let served = try await Self.serve()
        // Firing again at 12:00, then a resolve that ended at 11:00 arrives late: still firing.
        #expect(try await served.post(Self.body([Self.alert("firing", fingerprint: "f", startsAt: "2026-12-06T12:00:00Z")])).status == 200)
        let late = Self.alert("resolved", fingerprint: "f", startsAt: "2026-12-06T10:00:00Z", endsAt: "2026-12-06T11:00:00Z")
        #expect(try await served.post(Self.body([late])).body == #"{"recorded":0}"#)
        let active = try await served.history.activeAlerts()
        #expect(active.map(\.state) == ["ACTIVE"])
        // Within one batch, startsAt order decides: the resolve of a newer firing wins.
        let resolved = Self.alert("resolved", fingerprint: "f", startsAt: "2026-12-06T12:00:00Z", endsAt: "2026-12-06T13:00:00Z")
        #expect(try await served.post(Self.body([resolved])).body == #"{"recorded":1}"#)
        #expect(try await served.history.activeAlerts().isEmpty)
        await served.close()
    }

    @Test(arguments: [
        ("{\"alerts\": [", "malformed JSON"),
        (#"{"alerts":"many"}"#, "alerts: expected an array"),
        (#"{"status":"firing"}"#, "missing field alerts"),
        (#"{"alerts":[{"status":"burning","labels":{},"startsAt":"2026-12-06T00:00:00Z","fingerprint":"f"}]}"#, "unknown status"),
        (#"{"alerts":[{"status":"firing","labels":{},"startsAt":"2026-12-06 00:00","fingerprint":"f"}]}"#, "is not an RFC 3339 time"),
        (#"{"alerts":[{"status":"firing","labels":{"x":true},"startsAt":"2026-12-06T00:00:00Z","fingerprint":"f"}]}"#, "expected a string"),
    ])
    func badInputIs400WithAReasonAndRecordsNothing(body: String, reason: String) async throws {
        let served = try await Self.serve()
        // A good alert first in the same batch must not be recorded either.
        let response = try await served.post(body)
        #expect(response.status == 400)
        #expect(response.body.contains(reason))
        #expect(!response.body.contains("\n"))
        #expect(try await served.records().isEmpty)
        await served.close()
    }

    @Test func aTwoMebibyteBodyIs413() async throws {
        let served = try await Self.serve()
        let filler = String(repeating: "x", count: 2 << 20)
        let response = try await served.post(Self.body([Self.alert("firing", fingerprint: filler, startsAt: "2026-12-06T00:00:00Z")]))
        #expect(response.status == 413)
        #expect(try await served.records().isEmpty)
        // The listener still serves.
        #expect(try await served.post(Self.body([Self.alert("firing", fingerprint: "ok", startsAt: "2026-12-06T00:00:00Z")])).status == 200)
        await served.close()
    }

    @Test func tenThousandAlertsInOneBatchAreRecordedInOneGo() async throws {
        let served = try await Self.serve(WebhookSettings(maxBodyBytes: 8 << 20))
        let alerts = (0..<10_000).map { Self.alert("firing", fingerprint: "fp\($0)", startsAt: "2026-12-06T10:00:00Z", instance: "i\($0)") }
        let response = try await served.post(Self.body(alerts))
        #expect(response.status == 200)
        #expect(response.body == #"{"recorded":10000}"#)
        #expect(try await served.history.activeAlerts().count == 10_000)
        await served.close()
    }

    @Test func basicAuthRefusesWrongOrMissingCredentialsWith401() async throws {
        let served = try await Self.serve(WebhookSettings(authentication: .basic(user: "am", password: "s3cret")))
        let body = Self.body([Self.alert("firing", fingerprint: "f", startsAt: "2026-12-06T00:00:00Z")])
        func basic(_ user: String, _ password: String) -> [String: String] {
            ["Authorization": "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()]
        }
        for headers in [[:], basic("am", "wrong"), basic("other", "s3cret"), ["Authorization": "Bearer s3cret"]] {
            let refused = try await served.post(body, headers: headers)
            #expect(refused.status == 401)
            #expect(refused.headers["www-authenticate"]?.hasPrefix("Basic realm=") == true)
        }
        #expect(try await served.records().isEmpty)
        #expect(try await served.post(body, headers: basic("am", "s3cret")).status == 200)
        #expect(try await served.records().count == 1)
        await served.close()
    }

    @Test func withoutAHistoryTheReceiverAnswers503SoAlertmanagerRetries() async throws {
        let served = try await Self.serve(history: false)
        let response = try await served.post(Self.body([Self.alert("firing", fingerprint: "f", startsAt: "2026-12-06T00:00:00Z")]))
        #expect(response.status == 503)
        #expect(try await fetch(port: served.listener.port, path: "/api/v1/alerts").status == 503)
        await served.close()
    }

    @Test func theHistoryAPIFiltersAndPages() async throws {
        let served = try await Self.serve()
        let alerts = (0..<5).map { Self.alert("firing", fingerprint: "p\($0)", startsAt: "2026-12-06T10:0\($0):00Z", instance: "i\($0)") }
        #expect(try await served.post(Self.body(alerts)).status == 200)
        let port = served.listener.port
        let first = try await fetch(port: port, path: "/api/v1/history?limit=2")
        #expect(first.status == 200)
        let page = try #require(try JSONSerialization.jsonObject(with: Data(first.body.utf8)) as? [String: Any])
        let records = try #require(page["records"] as? [[String: Any]])
        #expect(records.count == 2)
        let cursor = try #require(page["next_cursor"] as? Int)
        let second = try JSONSerialization.jsonObject(
            with: Data(try await fetch(port: port, path: "/api/v1/history?limit=2&cursor=\(cursor)").body.utf8)) as? [String: Any]
        let more = second?["records"] as? [[String: Any]] ?? []
        #expect(more.count == 2)
        #expect(Set(more.compactMap { $0["element"] as? String }).isDisjoint(with: records.compactMap { $0["element"] as? String }))
        let filtered = try await fetch(port: port, path: "/api/v1/history?element=i3").body
        #expect(filtered.contains(#""element":"i3""#) && !filtered.contains(#""element":"i2""#))
        #expect(try await fetch(port: port, path: "/api/v1/history?since=yesterday").status == 400)
        #expect(try await fetch(port: port, path: "/api/v1/history?limit=0").status == 400)
        await served.close()
    }
}
