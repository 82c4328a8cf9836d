import GRDB

/// The database schema, versioned with GRDB's migrator from the first version on.
///
/// - `transition`: the audit trail, one row per change; `id` increases (the API's cursor).
/// - `current_alert`: the latest state per alert key, what changes are detected against and
///   what `alerts` lists.
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
        return migrator
    }
}
