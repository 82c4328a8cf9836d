import GRDB

/// One write transaction's rows: the transitions it inserts and the `current_alert` rows it
/// reads and writes, through ``DirectStatement``s.
///
/// An alert's current state is looked up in what this batch changed, then in the
/// ``CurrentAlertCache``, and only then read from the database; each changed key is written
/// once, by ``finish(into:)``, however often it changed within the batch.
struct CurrentAlertBatch {
    private let database: Database
    private let select: DirectStatement
    private let upsert: DirectStatement
    private let insertTransition: DirectStatement
    /// The keys this batch changed, with their latest state.
    private var changed: [String: CurrentAlert] = [:]
    /// What this batch read from the database for keys the cache did not know.
    private var read: [String: CurrentAlert?] = [:]

    /// Prepares the batch's statements and brings `cache` up to date with `database`: one
    /// `PRAGMA data_version` per transaction (call it inside the write transaction, which holds
    /// the write lock, so no other connection commits until this one does).
    init(_ database: Database, synchronizing cache: inout CurrentAlertCache) throws {
        self.database = database
        let version = try DirectStatement(database, sql: "PRAGMA data_version")
        guard try version.step() else {
            throw DatabaseError(resultCode: .SQLITE_ERROR, message: "PRAGMA data_version returned no row")
        }
        cache.synchronize(dataVersion: version.int64(0))
        version.reset()
        select = try DirectStatement(
            database,
            sql: """
                SELECT rule, element, state, severity, description, actions, producer, partition, fingerprint, since,
                    last_change FROM current_alert WHERE key = ?
                """)
        // An upsert updates the row in place (INSERT OR REPLACE deleted and re-inserted it).
        upsert = try DirectStatement(
            database,
            sql: """
                INSERT INTO current_alert
                    (key, rule, element, state, severity, description, actions, producer, partition, fingerprint, since, last_change)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(key) DO UPDATE SET
                    rule = excluded.rule, element = excluded.element, state = excluded.state,
                    severity = excluded.severity, description = excluded.description, actions = excluded.actions,
                    producer = excluded.producer, partition = excluded.partition, fingerprint = excluded.fingerprint,
                    since = excluded.since, last_change = excluded.last_change
                """)
        insertTransition = try DirectStatement(
            database,
            sql: """
                INSERT INTO transition
                    (time, rule, element, state, severity, description, actions, producer, kind, partition, fingerprint, evidence)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
    }

    /// The latest state of `key` (nil: none): changed by this batch, else `known`, else read.
    mutating func current(_ key: String, known: CurrentAlertCache) throws -> CurrentAlert? {
        if let current = changed[key] { return current }
        if let current = known.lookup(key) { return current }
        if let current = read[key] { return current }
        let current = try fetch(key)
        read[key] = .some(current)
        return current
    }

    /// Records `current` as the alert's new state (written by ``finish(into:)``).
    mutating func change(_ current: CurrentAlert) {
        changed[current.key] = current
    }

    /// Inserts `record` into `transition`; returns its id.
    func insert(_ record: HistoryRecord) throws -> Int64 {
        let statement = insertTransition
        statement.bind(record.time, at: 1)
        statement.bind(record.rule, at: 2)
        statement.bind(record.element, at: 3)
        statement.bind(record.state, at: 4)
        statement.bind(record.severity, at: 5)
        statement.bind(record.description, at: 6)
        statement.bind(ColumnJSON.strings(record.actions), at: 7)
        statement.bind(record.producer, at: 8)
        statement.bind(record.kind.rawValue, at: 9)
        statement.bind(record.partition, at: 10)
        statement.bind(record.fingerprint, at: 11)
        statement.bind(try record.evidence.map(ColumnJSON.evidence), at: 12)
        try statement.execute()
        return database.lastInsertedRowID
    }

    /// Writes every changed key's row, then tells `cache` what the database now holds (call
    /// last, inside the transaction; a failed transaction must clear the cache).
    mutating func finish(into cache: inout CurrentAlertCache) throws {
        for current in changed.values { try store(current) }
        for (key, current) in read where changed[key] == nil { cache.remember(key, current) }
        for (key, current) in changed { cache.remember(key, current) }
    }

    private func fetch(_ key: String) throws -> CurrentAlert? {
        let statement = select
        statement.bind(key, at: 1)
        defer { statement.reset() }
        guard try statement.step() else { return nil }
        return CurrentAlert(
            key: key, rule: statement.text(0), element: statement.text(1), state: statement.text(2),
            severity: statement.text(3), description: statement.text(4), actions: ColumnJSON.parseStrings(statement.text(5)),
            producer: statement.text(6), partition: statement.optionalText(7), fingerprint: statement.optionalText(8),
            since: statement.int64(9), lastChange: statement.int64(10))
    }

    private func store(_ alert: CurrentAlert) throws {
        let statement = upsert
        statement.bind(alert.key, at: 1)
        statement.bind(alert.rule, at: 2)
        statement.bind(alert.element, at: 3)
        statement.bind(alert.state, at: 4)
        statement.bind(alert.severity, at: 5)
        statement.bind(alert.description, at: 6)
        statement.bind(ColumnJSON.strings(alert.actions), at: 7)
        statement.bind(alert.producer, at: 8)
        statement.bind(alert.partition, at: 9)
        statement.bind(alert.fingerprint, at: 10)
        statement.bind(alert.since, at: 11)
        statement.bind(alert.lastChange, at: 12)
        try statement.execute()
    }
}
