import AlertEngine
import Foundation
import GRDB
import Testing

@testable import AlertHistory

/// A history file written by an older agent: ``HistoryStore`` migrates it to the current
/// schema in place and keeps its rows.
@Suite struct HistorySchemaMigrationTests {
    /// The names of the indexes on `table`.
    static func indexes(_ db: Database, on table: String) throws -> [String] {
        try String.fetchAll(
            db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ? ORDER BY name", arguments: [table])
    }

    @Test func aVersionOneFileIsMigratedWithItsRows() async throws {
        let scratch = HistoryStoreTests.Scratch()
        defer { scratch.remove() }
        try FileManager.default.createDirectory(atPath: scratch.directory, withIntermediateDirectories: true)
        let old = try DatabaseQueue(path: scratch.path)
        try HistorySchema.migrator.migrate(old, upTo: "v1")
        try await old.write { db in
            try db.execute(
                sql: """
                    INSERT INTO transition (time, rule, element, state, severity, description, actions, producer, kind)
                    VALUES
                        (1000, 'temp', 'room-1', 'ACTIVE', 'WARNING', 'warm', '["EMAIL"]', 'fty-alert-engine-stream', 'raised'),
                        (2000, 'temp', 'room-1', 'ACTIVE', 'CRITICAL', 'hot', '["EMAIL"]', 'fty-alert-engine-stream',
                            'severity_changed'),
                        (1500, 'load', 'ups-1', 'ACTIVE', 'CRITICAL', 'overload', '[]', 'fty-alert-flexible', 'raised');
                    INSERT INTO current_alert
                        (key, rule, element, state, severity, description, actions, producer, since, last_change)
                    VALUES (?, 'temp', 'room-1', 'ACTIVE', 'CRITICAL', 'hot', '["EMAIL"]', 'fty-alert-engine-stream', 1000, 2000),
                        (?, 'load', 'ups-1', 'ACTIVE', 'CRITICAL', 'overload', '[]', 'fty-alert-flexible', 1500, 1500);
                    """,
                arguments: [
                    CurrentAlert.busKey(rule: "temp", element: "room-1"), CurrentAlert.busKey(rule: "load", element: "ups-1"),
                ])
        }
        #expect(try await old.read { db in try Self.indexes(db, on: "current_alert") }.contains("current_alert_by_state"))
        #expect(try await old.read { db in try HistorySchema.migrator.appliedIdentifiers(db) } == ["v1"])
        try old.close()

        let store = try HistoryStore(path: scratch.path)
        let inspector = try DatabaseQueue(path: scratch.path)
        let (applied, complete, indexes) = try await inspector.read { db in
            (
                try HistorySchema.migrator.appliedIdentifiers(db), try HistorySchema.migrator.hasCompletedMigrations(db),
                try Self.indexes(db, on: "current_alert")
            )
        }
        #expect(applied == ["v1", "v2"])
        #expect(complete)
        #expect(!indexes.contains("current_alert_by_state"))
        #expect(try await inspector.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") } == "ok")

        // The old rows are still there for the queries…
        let history = try await store.history(HistoryQuery(rule: "temp")).records
        #expect(history.map(\.kind) == [.severityChanged, .raised])
        #expect(history.map(\.actions) == [["EMAIL"], ["EMAIL"]])
        #expect(try await store.history(HistoryQuery()).records.count == 3)
        let active = try await store.activeAlerts()
        #expect(active.map(\.element) == ["room-1", "ups-1"])
        #expect(active.map(\.since) == [1000, 1500])
        // …and for the recorder, which compares new alerts with them.
        let unchanged = HistoryStoreTests.alert("ACTIVE", "CRITICAL", description: "hot", time: 3000)
        #expect(try store.append([unchanged]).isEmpty)
        let resolved = HistoryStoreTests.alert("RESOLVED", "", description: "ok", time: 4000, rule: "load", element: "ups-1")
        #expect(try store.append([resolved]).map(\.kind) == [.resolved])
        #expect(try await store.activeAlerts().map(\.element) == ["room-1"])
    }
}
