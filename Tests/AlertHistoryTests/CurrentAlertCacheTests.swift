import AlertEngine
import AlertHistory
import Foundation
import GRDB
import Testing

/// The store's writer cache of `current_alert` (``HistoryStore``): transitions are classified
/// as if the row were read back every time, past the cache's capacity, after retention deleted
/// rows, and after another connection changed the database under it.
@Suite struct CurrentAlertCacheTests {
    typealias Scratch = HistoryStoreTests.Scratch

    static func alert(
        _ state: String, _ severity: String = "CRITICAL", time: Int64, element: String = "room-1"
    ) -> ObservedAlert {
        HistoryStoreTests.alert(state, severity, time: time, element: element)
    }

    /// 33,768 keys: a thousand more than the cache keeps (32,768), in batches as the writer
    /// sends them.
    @Test func moreKeysThanTheCacheHoldsAreStillClassifiedAgainstTheirRows() async throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let store = try scratch.open()
        let keys = 33_768
        var raised = 0
        for start in stride(from: 0, to: keys, by: 2_000) {
            let batch = (start..<min(start + 2_000, keys)).map { Self.alert("ACTIVE", time: 1000, element: "e\($0)") }
            raised += try store.append(batch).filter { $0.kind == .raised }.count
        }
        #expect(raised == keys)
        // The first key was evicted long ago; its row still says ACTIVE/CRITICAL.
        #expect(try store.append([Self.alert("ACTIVE", "WARNING", time: 2000, element: "e0")]).map(\.kind) == [.severityChanged])
        #expect(try store.append([Self.alert("ACTIVE", "WARNING", time: 2001, element: "e0")]).isEmpty)
        // Unchanged re-publications of an early, a middle and the last key record nothing.
        let again = [1, keys / 2, keys - 1].map { Self.alert("ACTIVE", time: 3000, element: "e\($0)") }
        #expect(try store.append(again).isEmpty)
        #expect(try store.append([Self.alert("RESOLVED", "", time: 4000, element: "e1")]).map(\.kind) == [.resolved])
        #expect(try store.count() == keys + 2)
    }

    @Test func aKeyWhoseRowRetentionDeletedIsRaisedAgain() async throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let store = try scratch.open(HistoryRetention(maxAgeMilliseconds: 10_000, maxRows: 1_000))
        _ = try store.append([Self.alert("ACTIVE", time: 1000), Self.alert("ACTIVE", time: 1000, element: "room-2")])
        _ = try store.append([Self.alert("RESOLVED", "", time: 2000)])
        // room-1 resolved at 2,000 is older than 30,000 − 10,000: its current row goes.
        _ = try store.enforceRetention(now: 30_000)
        let rows = try DatabaseQueue(path: scratch.path)
        let left = try await rows.read { db in try String.fetchAll(db, sql: "SELECT element FROM current_alert ORDER BY key") }
        #expect(left == ["room-2"])
        #expect(try store.append([Self.alert("ACTIVE", time: 31_000)]).map(\.kind) == [.raised])
        let active = try await store.activeAlerts().first { $0.element == "room-1" }
        #expect(active?.since == 31_000)
        // room-2 kept its row (still ACTIVE): an unchanged re-publication records nothing.
        #expect(try store.append([Self.alert("ACTIVE", time: 31_000, element: "room-2")]).isEmpty)
    }

    /// A webhook alert's stored time guards against older deliveries; once retention deleted its
    /// row, the store has forgotten that time, cache included, and the alert is raised again.
    @Test func aWebhookAlertWhoseRowRetentionDeletedIsRaisedAgain() async throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let store = try scratch.open(HistoryRetention(maxAgeMilliseconds: 10_000, maxRows: 1_000))
        func alert(_ status: WebhookAlert.Status, ends: Int64? = nil) -> WebhookAlert {
            WebhookAlert(
                status: status, labels: ["alertname": "Down", "instance": "node-1"], annotations: [:], startsAt: 1000,
                endsAt: ends, fingerprint: "f1", generatorURL: "")
        }
        let applied = try await store.applyWebhook(
            partition: "p", alerts: [alert(.firing), alert(.resolved, ends: 2000)], mapping: WebhookMapping())
        #expect(applied.map(\.kind) == [.raised, .resolved])
        // While the row says RESOLVED at 2,000, the firing of 1,000 is older: nothing.
        #expect(try await store.applyWebhook(partition: "p", alerts: [alert(.firing)], mapping: WebhookMapping()).isEmpty)
        _ = try store.enforceRetention(now: 30_000)
        let raised = try await store.applyWebhook(partition: "p", alerts: [alert(.firing)], mapping: WebhookMapping())
        #expect(raised.map(\.kind) == [.raised])
    }

    @Test func aSecondStoreWritingTheSameFileIsNoticed() async throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let store = try scratch.open()
        #expect(try store.append([Self.alert("ACTIVE", time: 1000)]).map(\.kind) == [.raised])
        let other = try scratch.open()
        #expect(try other.append([Self.alert("RESOLVED", "", time: 2000)]).map(\.kind) == [.resolved])
        // The first store last saw ACTIVE; the row now says RESOLVED, so this is a raise.
        #expect(try store.append([Self.alert("ACTIVE", time: 3000)]).map(\.kind) == [.raised])
        #expect(try await other.activeAlerts().map(\.since) == [3000])
    }

    @Test func anOperatorsDeleteThroughAnotherConnectionIsNoticed() async throws {
        let scratch = Scratch()
        defer { scratch.remove() }
        let store = try scratch.open()
        #expect(try store.append([Self.alert("ACTIVE", time: 1000)]).map(\.kind) == [.raised])
        #expect(try store.append([Self.alert("ACTIVE", time: 1500)]).isEmpty)
        // As `sqlite3 history.db 'DELETE FROM current_alert'` would, on a connection of its own.
        let operatorConnection = try DatabaseQueue(path: scratch.path)
        try await operatorConnection.write { db in try db.execute(sql: "DELETE FROM current_alert") }
        try operatorConnection.close()
        #expect(try await store.activeAlerts().isEmpty)
        // No row: the same alert published again is a transition, not an unchanged re-publication.
        #expect(try store.append([Self.alert("ACTIVE", time: 2000)]).map(\.kind) == [.raised])
        #expect(try await store.activeAlerts().map(\.since) == [2000])
        #expect(try store.append([Self.alert("ACTIVE", time: 2500)]).isEmpty)
    }
}
