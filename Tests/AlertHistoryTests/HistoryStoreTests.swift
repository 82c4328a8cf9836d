import AlertEngine
import AlertHistory
import Foundation
import Testing

/// The history database on a real SQLite file: transitions, queries, retention, read-only use.
@Suite struct HistoryStoreTests {
    /// A store in a fresh scratch directory, removed by `close`.
    struct Scratch {
        let directory = NSTemporaryDirectory() + "fty-history-\(UUID().uuidString)"
        var path: String { directory + "/history.db" }

        func open(_ retention: HistoryRetention = HistoryRetention()) throws -> HistoryStore {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            return try HistoryStore(path: path, retention: retention)
        }

        func remove() { try? FileManager.default.removeItem(atPath: directory) }
    }

    static func alert(
        _ state: String, _ severity: String = "CRITICAL", description: String = "hot", time: Int64 = 1000,
        rule: String = "temp", element: String = "room-1", producer: String = "fty-alert-engine-stream"
    ) -> ObservedAlert {
        ObservedAlert(
            time: time, rule: rule, element: element, state: state, severity: severity, description: description,
            actions: ["EMAIL"], producer: producer)
    }

    /// One table row: `STATE/SEVERITY/description` steps and the kinds they record.
    struct Case: Sendable, CustomTestStringConvertible {
        var steps: [String]
        var kinds: [TransitionKind]
        var testDescription: String { steps.joined(separator: " → ") }
    }

    static let cases: [Case] = [
        Case(steps: ["ACTIVE/CRITICAL/hot"], kinds: [.raised]),
        Case(steps: ["ACTIVE/CRITICAL/hot", "ACTIVE/CRITICAL/hot"], kinds: [.raised]),
        Case(steps: ["ACTIVE/WARNING/warm", "ACTIVE/CRITICAL/hot"], kinds: [.raised, .severityChanged]),
        Case(steps: ["ACTIVE/CRITICAL/hot", "ACTIVE/CRITICAL/hotter"], kinds: [.raised, .descriptionChanged]),
        Case(steps: ["ACTIVE/CRITICAL/hot", "ACK-WIP/CRITICAL/hot", "ACTIVE/CRITICAL/hot"], kinds: [.raised, .acknowledged]),
        Case(
            steps: ["ACTIVE/CRITICAL/hot", "ACK-WIP/CRITICAL/hot", "ACK-SILENCE/CRITICAL/hot"],
            kinds: [.raised, .acknowledged, .acknowledged]),
        Case(
            steps: ["ACTIVE/CRITICAL/hot", "RESOLVED//ok", "RESOLVED//ok", "ACTIVE/WARNING/warm"],
            kinds: [.raised, .resolved, .raised]),
        Case(steps: ["RESOLVED//ok"], kinds: []),
        Case(steps: ["ACK-WIP/CRITICAL/hot", "RESOLVED/OK/everything is ok"], kinds: [.acknowledged, .resolved]),
    ]

    @Test(arguments: cases)
    func transitionsAreRecordedAndRepublicationsAreNot(table: Case) async throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let store = try scratch.open()
        var written: [HistoryRecord] = []
        for (index, step) in table.steps.enumerated() {
            let parts = step.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            written += try store.append([Self.alert(parts[0], parts[1], description: parts[2], time: 1000 + Int64(index))])
        }
        #expect(written.map(\.kind) == table.kinds)
        let page = try await store.history(HistoryQuery())
        #expect(page.records.map(\.kind) == table.kinds.reversed())
        #expect(page.records.map(\.id) == written.map(\.id).reversed())
    }

    @Test func activeAlertsKeepSinceAcrossChangesAndDropOnResolve() async throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let store = try scratch.open()
        _ = try store.append([Self.alert("ACTIVE", "WARNING", time: 1000), Self.alert("ACTIVE", "CRITICAL", time: 2000)])
        _ = try store.append([Self.alert("ACTIVE", time: 3000, element: "room-2")])
        let active = try await store.activeAlerts()
        #expect(active.count == 2)
        let room1 = try #require(active.first { $0.element == "room-1" })
        #expect((room1.since, room1.lastChange, room1.severity) == (1000, 2000, "CRITICAL"))
        _ = try store.append([Self.alert("RESOLVED", "", time: 4000)])
        #expect(try await store.activeAlerts().map(\.element) == ["room-2"])
    }

    @Test func oneBatchChangingAnAlertSeveralTimesRecordsEachChangeAndKeepsTheLast() async throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let store = try scratch.open()
        let written = try store.append([
            Self.alert("ACTIVE", "WARNING", time: 1000), Self.alert("ACTIVE", "CRITICAL", time: 2000),
            Self.alert("ACTIVE", "CRITICAL", time: 2500), Self.alert("RESOLVED", "", time: 3000),
            Self.alert("ACTIVE", "WARNING", time: 4000),
        ])
        #expect(written.map(\.kind) == [.raised, .severityChanged, .resolved, .raised])
        let active = try await store.activeAlerts()
        #expect(active.map { [String($0.since), String($0.lastChange), $0.severity] } == [["4000", "4000", "WARNING"]])
        // The next batch compares with what the last one left.
        #expect(try store.append([Self.alert("ACTIVE", "WARNING", time: 5000)]).isEmpty)
    }

    @Test func evidenceAndActionsReadBackAsWritten() async throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let store = try scratch.open()
        let evidences = [
            EvaluationEvidence(
                inputs: [
                    .init(topic: "load@ups \"1\"", value: 97, unit: "%", time: 1_765_000_000),
                    .init(topic: "temp\\room\n", value: -0.125, unit: "°C", time: 0),
                    .init(topic: "tiny", value: 1e-7, unit: "", time: 1),
                    .init(topic: "huge", value: 1.5e300, unit: "\u{1}", time: 2),
                ],
                thresholds: [.init(name: "high_critical", value: "90")], result: "high_critical",
                crossed: .init(name: "high_critical", value: "90")),
            EvaluationEvidence(inputs: [], thresholds: [], result: "ok"),
        ]
        let actions = [[], ["EMAIL", "SMS"], ["quote \" and \\ and \t", "ünï", ""]]
        var batch: [ObservedAlert] = []
        for (index, evidence) in evidences.enumerated() {
            for (offset, list) in actions.enumerated() {
                var alert = Self.alert("ACTIVE", time: 1000, element: "e-\(index)-\(offset)")
                alert.evidence = evidence
                alert.actions = list
                batch.append(alert)
            }
        }
        _ = try store.append(batch)
        let records = try await store.history(HistoryQuery()).records.reversed()
        #expect(records.map(\.evidence) == batch.map(\.evidence))
        #expect(records.map(\.actions) == batch.map(\.actions))
        let active = try await store.activeAlerts().sorted { $0.element < $1.element }
        #expect(active.map(\.actions) == batch.map(\.actions))
    }

    @Test func queriesFilterAndPageWithACursor() async throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let store = try scratch.open()
        var batch: [ObservedAlert] = []
        for index in 0..<25 {
            batch.append(Self.alert("ACTIVE", index % 2 == 0 ? "CRITICAL" : "WARNING", time: Int64(index) * 1000, element: "e\(index)"))
        }
        _ = try store.append(batch)
        var query = HistoryQuery(limit: 10)
        var seen: [String] = []
        var pages = 0
        while true {
            let page = try await store.history(query)
            seen += page.records.map(\.element)
            pages += 1
            guard let cursor = page.nextCursor else { break }
            query.before = cursor
        }
        #expect(pages == 3)
        #expect(seen == (0..<25).reversed().map { "e\($0)" })
        #expect(try await store.history(HistoryQuery(element: "e7")).records.map(\.element) == ["e7"])
        #expect(try await store.history(HistoryQuery(severity: "CRITICAL", limit: 1000)).records.count == 13)
        #expect(try await store.history(HistoryQuery(since: 5000, until: 7000)).records.map(\.element) == ["e7", "e6", "e5"])
        #expect(try await store.history(HistoryQuery(limit: 0)).records.count == 1)  // clamped
    }

    @Test func aWebhookBatchFollowsSeSOrderingAndNewerRules() async throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let store = try scratch.open()
        func alert(_ status: WebhookAlert.Status, starts: Int64, ends: Int64? = nil, fingerprint: String = "f1") -> WebhookAlert {
            WebhookAlert(
                status: status, labels: ["alertname": "Down", "instance": "node-1", "severity": "critical"],
                annotations: ["summary": "node down"], startsAt: starts, endsAt: ends, fingerprint: fingerprint,
                generatorURL: "")
        }
        // Out of order inside the batch: applied by startsAt, the resolve of the 10:00 firing
        // then the 12:00 firing.
        let first = try await store.applyWebhook(
            partition: "p", alerts: [alert(.firing, starts: 12_000), alert(.resolved, starts: 10_000, ends: 11_000)],
            mapping: WebhookMapping())
        #expect(first.map(\.state) == ["RESOLVED", "ACTIVE"])
        #expect(first.map(\.kind) == [.resolved, .raised])
        let raised = try #require(first.last)
        #expect([raised.rule, raised.element, raised.severity, raised.description, raised.producer]
            == ["Down", "node-1", "CRITICAL", "node down", "alertmanager"])
        // An older resolve arriving later leaves the newer firing state.
        #expect(try await store.applyWebhook(partition: "p", alerts: [alert(.resolved, starts: 10_000, ends: 11_500)], mapping: WebhookMapping()).isEmpty)
        // Same status again: nothing.
        #expect(try await store.applyWebhook(partition: "p", alerts: [alert(.firing, starts: 12_000)], mapping: WebhookMapping()).isEmpty)
        // Partitions are separate.
        #expect(try await store.applyWebhook(partition: "q", alerts: [alert(.firing, starts: 12_000)], mapping: WebhookMapping()).count == 1)
        #expect(try await store.activeAlerts().map(\.partition) .count == 2)
        #expect(try await store.history(HistoryQuery(partition: "p")).records.count == 2)
    }

    @Test func retentionDeletesByAgeAndCountInBoundedSlices() async throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let store = try scratch.open(HistoryRetention(maxAgeMilliseconds: 10_000, maxRows: 50))
        var batch: [ObservedAlert] = []
        for index in 0..<100 { batch.append(Self.alert("ACTIVE", time: Int64(index) * 1000, element: "e\(index)")) }
        _ = try store.append(batch)
        // Age: records before 99,000 − 10,000 = 89,000 go; 11 remain (89…99).
        #expect(try store.enforceRetention(now: 99_000) == 89)
        #expect(try await store.history(HistoryQuery(limit: 1000)).records.count == 11)
        let small = Scratch()
        defer { small.remove() }
        let counted = try small.open(HistoryRetention(maxAgeMilliseconds: .max / 2, maxRows: 50))
        _ = try counted.append(batch)
        #expect(try counted.enforceRetention(now: 0) == 50)
        let left = try await counted.history(HistoryQuery(limit: 1000)).records
        #expect(left.count == 50)
        #expect(left.last?.element == "e50")
        #expect(try counted.enforceRetention(now: 0) == 0)
    }

    @Test func aReadOnlyStoreReadsWhileTheWriterWritesAndTheFileStaysSound() async throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let store = try scratch.open()
        _ = try store.append([Self.alert("ACTIVE")])
        let reader = try HistoryStore.openReadOnly(path: scratch.path)
        #expect(try await reader.activeAlerts().count == 1)
        _ = try store.append([Self.alert("RESOLVED", "", time: 2000)])
        #expect(try await reader.activeAlerts().isEmpty)
        #expect(try await reader.integrityCheck() == "ok")
        #expect(throws: HistoryError.self) { try HistoryStore.openReadOnly(path: scratch.directory + "/none.db") }
    }

    @Test func recordsEncodeAsTheAPIsJSON() throws {
        let record = HistoryRecord(
            id: 7, time: 1_765_050_000_123, rule: "temp", element: "room-1", state: "ACTIVE", severity: "CRITICAL",
            description: "hot", actions: ["EMAIL"], producer: "p", kind: .severityChanged)
        let text = String(decoding: try HistoryJSON.encoder().encode(HistoryPage(records: [record], nextCursor: nil)), as: UTF8.self)
        #expect(text.contains(#""kind":"severity_changed""#))
        #expect(text.contains(#""time":"2025-12-06T19:40:00.123Z""#))
        #expect(text.contains(#""next_cursor":null"#))
        let decoded = try JSONDecoder().decode(HistoryRecord.self, from: try HistoryJSON.encoder().encode(record))
        #expect(decoded == record)
    }
}
