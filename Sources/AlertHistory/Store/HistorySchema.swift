import GRDB

/// The database schema, versioned with GRDB's migrator from the first version on.
///
/// - `transition`: the audit trail, one row per change; `id` increases (the API's cursor).
/// - `current_alert`: the latest state per alert key, what changes are detected against and
///   what `alerts` lists.
///
/// v2 drops `current_alert_by_state`: `alerts` asks for `state != 'RESOLVED'`, which SQLite
/// answers with a scan whatever the index (EXPLAIN QUERY PLAN: SCAN current_alert), so the
/// index served only retention's once-a-minute delete of old resolved alerts, and cost every
/// recorded transition an index update.
enum HistorySchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE transition (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        time INTEGER NOT NULL,
                        rule TEXT NOT NULL,
                        element TEXT NOT NULL,
                        state TEXT NOT NULL,
                        severity TEXT NOT NULL,
                        description TEXT NOT NULL,
                        actions TEXT NOT NULL,
                        producer TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        partition TEXT,
                        fingerprint TEXT,
                        evidence TEXT
                    );
                    CREATE INDEX transition_by_rule ON transition(rule, id);
                    CREATE INDEX transition_by_element ON transition(element, id);
                    CREATE INDEX transition_by_time ON transition(time);
                    CREATE TABLE current_alert (
                        key TEXT PRIMARY KEY NOT NULL,
                        rule TEXT NOT NULL,
                        element TEXT NOT NULL,
                        state TEXT NOT NULL,
                        severity TEXT NOT NULL,
                        description TEXT NOT NULL,
                        actions TEXT NOT NULL,
                        producer TEXT NOT NULL,
                        partition TEXT,
                        fingerprint TEXT,
                        since INTEGER NOT NULL,
                        last_change INTEGER NOT NULL
                    ) WITHOUT ROWID;
                    CREATE INDEX current_alert_by_state ON current_alert(state);
                    """)
        }
        migrator.registerMigration("v2") { db in
            try db.execute(sql: "DROP INDEX IF EXISTS current_alert_by_state")
        }
        return migrator
    }
}
