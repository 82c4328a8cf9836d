import AgentHTTP
import AlertHistory
import Testing

/// Decoding Alertmanager's webhook body (integrations.md §1) and refusing every bad shape with
/// a one-line reason.
@Suite struct WebhookPayloadTests {
    static let firing = #"""
        {"version":"4","groupKey":"{}:{alertname=\"HighTemp\"}","truncatedAlerts":0,"status":"firing","receiver":"fty",
         "groupLabels":{"alertname":"HighTemp"},"commonLabels":{},"commonAnnotations":{},"externalURL":"http://am:9093",
         "alerts":[{"status":"firing","labels":{"alertname":"HighTemp","instance":"room-1","severity":"critical"},
                    "annotations":{"description":"too hot"},"startsAt":"2026-12-06T19:40:00.123456789Z",
                    "endsAt":"0001-01-01T00:00:00Z","generatorURL":"http://prom/graph","fingerprint":"a1b2c3d4e5f60718"},
                   {"status":"resolved","labels":{"alertname":"Down"},"annotations":{},"startsAt":"2026-12-06T18:00:00+01:00",
                    "endsAt":"2026-12-06T18:30:00Z","generatorURL":"","fingerprint":"0000000000000001"}]}
        """#

    @Test func decodesAlertmanagersBody() throws {
        let payload = try WebhookPayload.decode(Array(Self.firing.utf8))
        #expect(payload.receiver == "fty")
        #expect(payload.status == "firing")
        #expect(payload.alerts.count == 2)
        let first = payload.alerts[0]
        #expect(first.status == .firing)
        #expect(first.labels == ["alertname": "HighTemp", "instance": "room-1", "severity": "critical"])
        #expect(first.annotations == ["description": "too hot"])
        #expect(first.startsAt == RFC3339.milliseconds("2026-12-06T19:40:00.123Z"))
        #expect(first.endsAt == nil)  // Go's zero time
        #expect(first.fingerprint == "a1b2c3d4e5f60718")
        #expect(first.generatorURL == "http://prom/graph")
        let second = payload.alerts[1]
        #expect(second.status == .resolved)
        #expect(second.startsAt == RFC3339.milliseconds("2026-12-06T17:00:00Z"))
        #expect(second.endsAt == RFC3339.milliseconds("2026-12-06T18:30:00Z"))
    }

    @Test(arguments: [
        ("{not json", "malformed JSON"),
        ("[]", "the body: expected an object"),
        (#"{"status":"firing"}"#, "missing field alerts"),
        (#"{"alerts":{}}"#, "alerts: expected an array"),
        (#"{"alerts":[{"labels":{},"startsAt":"2026-12-06T00:00:00Z","fingerprint":"f"}]}"#, "missing field alerts[0].status"),
        (#"{"alerts":[{"status":"firing","labels":{"a":1},"startsAt":"2026-12-06T00:00:00Z","fingerprint":"f"}]}"#,
         "alerts[0].labels.a: expected a string"),
        (#"{"alerts":[{"status":"firing","labels":[],"startsAt":"2026-12-06T00:00:00Z","fingerprint":"f"}]}"#,
         "alerts[0].labels: expected an object of strings"),
        (#"{"alerts":[{"status":"burning","labels":{},"startsAt":"2026-12-06T00:00:00Z","fingerprint":"f"}]}"#,
         "alerts[0].status: unknown status 'burning' (expected firing or resolved)"),
        (#"{"alerts":[{"status":"firing","labels":{},"startsAt":"yesterday","fingerprint":"f"}]}"#,
         "alerts[0].startsAt: 'yesterday' is not an RFC 3339 time"),
        (#"{"alerts":[{"status":"firing","labels":{},"startsAt":"2026-02-30T00:00:00Z","fingerprint":"f"}]}"#,
         "alerts[0].startsAt: '2026-02-30T00:00:00Z' is not an RFC 3339 time"),
        (#"{"alerts":[{"status":"resolved","labels":{},"startsAt":"2026-12-06T00:00:00Z","endsAt":"2026-12-06 01:00","fingerprint":"f"}]}"#,
         "alerts[0].endsAt: '2026-12-06 01:00' is not an RFC 3339 time"),
        (#"{"alerts":[{"status":"firing","labels":{},"startsAt":"2026-12-06T00:00:00Z","fingerprint":7}]}"#,
         "alerts[0].fingerprint: expected a string"),
    ])
    func refusesABadShapeWithAOneLineReason(body: String, reason: String) {
        #expect {
            _ = try WebhookPayload.decode(Array(body.utf8))
        } throws: { error in
            let text = "\(error)"
            return text.hasPrefix(reason) && !text.contains("\n")
        }
    }

    @Test func rfc3339RoundTripsMillisecondsAndOffsets() {
        #expect(RFC3339.milliseconds("1970-01-01T00:00:00Z") == 0)
        #expect(RFC3339.milliseconds("1970-01-01T01:00:00+01:00") == 0)
        #expect(RFC3339.milliseconds("1969-12-31T23:59:59.5Z") == -500)
        #expect(RFC3339.milliseconds("2024-02-29T12:00:00z") != nil)
        #expect(RFC3339.milliseconds("2023-02-29T12:00:00Z") == nil)
        #expect(RFC3339.milliseconds("2026-12-06T19:40:00") == nil)
        #expect(RFC3339.milliseconds("2026-12-06T19:40:00.Z") == nil)
        let millis = RFC3339.milliseconds("2026-12-06T19:40:00.123Z")!
        #expect(RFC3339.string(milliseconds: millis) == "2026-12-06T19:40:00.123Z")
        #expect(RFC3339.string(milliseconds: -500) == "1969-12-31T23:59:59.500Z")
    }

    @Test func timeArgumentsTakeISOAndAges() {
        let now: Int64 = 1_000_000_000_000
        #expect(TimeArgument.milliseconds("2h", now: now) == now - 7_200_000)
        #expect(TimeArgument.milliseconds("7d", now: now) == now - 604_800_000)
        #expect(TimeArgument.milliseconds("2026-12-06", now: now) == RFC3339.milliseconds("2026-12-06T00:00:00Z"))
        #expect(TimeArgument.milliseconds("2026-12-06T08:00:00", now: now) == RFC3339.milliseconds("2026-12-06T08:00:00Z"))
        #expect(TimeArgument.milliseconds("2026-12-06T08:00:00+02:00", now: now) == RFC3339.milliseconds("2026-12-06T06:00:00Z"))
        for bad in ["", "h", "-2h", "2x", "soon", "2026-13-01"] { #expect(TimeArgument.milliseconds(bad, now: now) == nil) }
    }

    @Test func constantTimeEquality() {
        #expect(ConstantTime.equal("secret", "secret"))
        #expect(!ConstantTime.equal("secret", "secreT"))
        #expect(!ConstantTime.equal("secret", "secret2"))
        #expect(!ConstantTime.equal("", "x"))
        #expect(ConstantTime.equal("", ""))
    }
}
