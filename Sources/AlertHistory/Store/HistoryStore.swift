import Foundation
import AlertEngine
import GRDB
import Locking

/// The alert history: an SQLite database in WAL mode through GRDB (issue 10 items 1–4).
///
/// ```swift
/// let store = try HistoryStore(path: "/var/lib/fty/fty-alert-engine/history.db")
/// let recorded = try store.append([observed])          // the recorder's writer thread
/// let page = try await store.history(HistoryQuery(element: "ups-1"))
/// ```
///
/// Durability: WAL with `synchronous = NORMAL`. A transaction the store has returned from
/// survives a crash of the agent (SIGKILL); a power cut can lose the transactions of the last
/// moments before it (those not yet checkpointed by a WAL sync), never corrupt the file. Writes
/// go through one connection (GRDB serialises them); reads run concurrently beside them.
public final class HistoryStore: Sendable {
    /// The database file.
    public let path: String
    /// The limits ``enforceRetention(now:)`` applies.
    public let retention: HistoryRetention
    let pool: DatabasePool
    /// The writer's knowledge of `current_alert` (``CurrentAlertCache``); locked by the
    /// transactions that write, which GRDB runs one at a time.
    let cache = Locked(CurrentAlertCache())

    /// Records deleted by one ``enforceRetention(now:)`` call at most, so no write stalls.
    public static let retentionSlice = 10_000

    /// Opens (creating and migrating) the database at `path`.
    ///
    /// - Throws: ``HistoryError/cannotOpen(path:reason:)``.
    public init(path: String, retention: HistoryRetention = HistoryRetention()) throws(HistoryError) {
        self.path = path
        self.retention = retention
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // 32 MiB of page cache (SQLite's default is 2 MiB): with a million records the
            // indexes' pages no longer fit the default, and each insert re-read them from the file.
            try db.execute(sql: "PRAGMA cache_size = -32768")
            // Checkpoint every 10,000 WAL pages (40 MiB) instead of 1,000: each checkpoint copies
            // the pages a burst dirtied back into the file and syncs it, and with one per ~8,000
            // transitions the recorder spent a fifth of its time there (fty-alert-bench history:
            // 29-31k → 33-43k transitions/s, paired runs). The WAL is truncated back to 64 MiB
            // after a checkpoint, so the file stays bounded.
            try db.execute(sql: "PRAGMA wal_autocheckpoint = 10000")
            try db.execute(sql: "PRAGMA journal_size_limit = 67108864")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try HistorySchema.migrator.migrate(pool)
        } catch {
            throw .cannotOpen(path: path, reason: "\(error)")
        }
    }

    private init(path: String, pool: DatabasePool) {
        self.path = path
        self.pool = pool
        retention = HistoryRetention()
    }

    /// Opens an existing database for reading only (the `alerts` and `history` commands), also
    /// while the agent writes to it.
    ///
    /// - Throws: ``HistoryError/cannotOpen(path:reason:)`` when there is no database there.
    public static func openReadOnly(path: String) throws(HistoryError) -> HistoryStore {
        guard FileManager.default.fileExists(atPath: path) else {
            throw .cannotOpen(path: path, reason: "no such file")
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        do {
            return HistoryStore(path: path, pool: try DatabasePool(path: path, configuration: configuration))
        } catch {
            throw .cannotOpen(path: path, reason: "\(error)")
        }
    }

    // MARK: Writing

    /// Records the transitions among `alerts`, in order, in one transaction; returns the records
    /// written (re-publications of an unchanged alert write nothing).
    public func append(_ alerts: [ObservedAlert]) throws(HistoryError) -> [HistoryRecord] {
        guard !alerts.isEmpty else { return [] }
        do {
            return try pool.write { db in
                try cache.withLock { cache in
                    var batch = try CurrentAlertBatch(db, synchronizing: &cache)
                    var written: [HistoryRecord] = []
                    written.reserveCapacity(alerts.count)
                    for alert in alerts {
                        if alert.state == ObservedAlert.pendingState {
                            // A pending crossing is a record of its own; the alert's state is unchanged.
                            var record = HistoryRecord(
                                id: 0, time: alert.time, rule: alert.rule, element: alert.element, state: alert.state,
                                severity: alert.severity, description: alert.description, actions: alert.actions,
                                producer: alert.producer, kind: .pending, evidence: alert.evidence)
                            record.id = try batch.insert(record)
                            written.append(record)
                            continue
                        }
                        let key = CurrentAlert.busKey(rule: alert.rule, element: alert.element)
                        let current = try batch.current(key, known: cache)
                        guard let (kind, state) = TransitionRule.transition(from: current, to: alert) else { continue }
                        var record = HistoryRecord(
                            id: 0, time: alert.time, rule: alert.rule, element: alert.element, state: state,
                            severity: alert.severity, description: alert.description, actions: alert.actions,
                            producer: alert.producer, kind: kind, evidence: alert.evidence)
                        record.id = try batch.insert(record)
                        let since = kind == .raised || current == nil ? alert.time : current?.since ?? alert.time
                        batch.change(
                            CurrentAlert(
                                key: key, rule: alert.rule, element: alert.element, state: state, severity: alert.severity,
                                description: alert.description, actions: alert.actions, producer: alert.producer,
                                partition: nil, fingerprint: nil, since: since, lastChange: alert.time))
                        written.append(record)
                    }
                    try batch.finish(into: &cache)
                    return written
                }
            }
        } catch {
            // The transaction was rolled back: what the cache learnt of it may be untrue.
            cache.withLock { $0.clear() }
            throw .database("\(error)")
        }
    }

    /// Applies an Alertmanager webhook batch with SeS's rules (integrations.md §2): in `startsAt`
    /// order, a change is recorded only when the status differs from the stored one for
    /// (partition, fingerprint) **and** the alert is newer than the stored one. One transaction:
    /// all of the batch or nothing. Returns the records written.
    public func applyWebhook(
        partition: String, alerts: [WebhookAlert], mapping: WebhookMapping
    ) async throws(HistoryError) -> [HistoryRecord] {
        let ordered = alerts.enumerated().sorted { ($0.element.startsAt, $0.offset) < ($1.element.startsAt, $1.offset) }
            .map(\.element)
        do {
            return try await pool.write { [cache] db in
                try cache.withLock { cache in
                    var batch = try CurrentAlertBatch(db, synchronizing: &cache)
                    var written: [HistoryRecord] = []
                    for alert in ordered {
                        let key = CurrentAlert.webhookKey(partition: partition, fingerprint: alert.fingerprint)
                        let current = try batch.current(key, known: cache)
                        let state = alert.status == .firing ? "ACTIVE" : "RESOLVED"
                        if let current, current.state == state || alert.time <= current.lastChange { continue }
                        var record = mapping.record(
                            of: alert, partition: partition, kind: alert.status == .firing ? .raised : .resolved)
                        record.id = try batch.insert(record)
                        batch.change(
                            CurrentAlert(
                                key: key, rule: record.rule, element: record.element, state: state, severity: record.severity,
                                description: record.description, actions: [], producer: record.producer,
                                partition: partition, fingerprint: alert.fingerprint,
                                since: alert.status == .firing ? alert.startsAt : current?.since ?? alert.time,
                                lastChange: alert.time))
                        written.append(record)
                    }
                    try batch.finish(into: &cache)
                    return written
                }
            }
        } catch {
            cache.withLock { $0.clear() }
            throw .database("\(error)")
        }
    }

    /// Deletes a bounded slice of what `retention` no longer keeps: records older than the
    /// maximum age, then the oldest records beyond the maximum count, then resolved alerts older
    /// than the maximum age; returns how many records went. Call it again and again (the
    /// recorder does, after its batches): each call costs at most ``retentionSlice`` deletions.
    public func enforceRetention(now: Int64) throws(HistoryError) -> Int {
        let (cutoff, maxRows, slice) = (now - retention.maxAgeMilliseconds, retention.maxRows, Self.retentionSlice)
        do {
            return try pool.write { db in
                try db.execute(
                    sql: "DELETE FROM transition WHERE id IN (SELECT id FROM transition WHERE time < ? ORDER BY id LIMIT ?)",
                    arguments: [cutoff, slice])
                var deleted = db.changesCount
                // Records leave oldest first, so the id range counts them without a scan.
                if let row = try Row.fetchOne(db, sql: "SELECT min(id), max(id) FROM transition"),
                    let low = row[0] as Int64?, let high = row[1] as Int64?
                {
                    let excess = Int(high - low + 1) - maxRows
                    if excess > 0 {
                        let count = min(excess, slice - deleted)
                        try db.execute(
                            sql: "DELETE FROM transition WHERE id IN (SELECT id FROM transition ORDER BY id LIMIT ?)",
                            arguments: [count])
                        deleted += db.changesCount
                    }
                }
                try db.execute(
                    sql: "DELETE FROM current_alert WHERE state = 'RESOLVED' AND last_change < ?", arguments: [cutoff])
                if db.changesCount > 0 { cache.withLock { $0.clear() } }
                return deleted
            }
        } catch {
            throw .database("\(error)")
        }
    }

    // MARK: Reading

    /// Every alert whose latest state is not RESOLVED, most recently changed first.
    public func activeAlerts() async throws(HistoryError) -> [ActiveAlert] {
        do {
            return try await pool.read { db in
                try Row.fetchAll(
                    db, sql: "SELECT * FROM current_alert WHERE state != 'RESOLVED' ORDER BY last_change DESC, key"
                ).map { row in
                    ActiveAlert(
                        rule: row["rule"], element: row["element"], state: row["state"], severity: row["severity"],
                        description: row["description"], actions: ColumnJSON.parseStrings(row["actions"]), producer: row["producer"],
                        partition: row["partition"], since: row["since"], lastChange: row["last_change"])
                }
            }
        } catch {
            throw .database("\(error)")
        }
    }

    /// The records matching `query`, newest first, one page.
    public func history(_ query: HistoryQuery) async throws(HistoryError) -> HistoryPage {
        var clauses: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        for (column, value) in [
            ("rule", query.rule), ("element", query.element), ("state", query.state), ("severity", query.severity),
            ("partition", query.partition),
        ] {
            if let value {
                clauses.append("\(column) = ?")
                arguments.append(value)
            }
        }
        if let since = query.since { clauses.append("time >= ?"); arguments.append(since) }
        if let until = query.until { clauses.append("time <= ?"); arguments.append(until) }
        if let before = query.before { clauses.append("id < ?"); arguments.append(before) }
        let limit = min(max(query.limit, 1), HistoryQuery.maximumLimit)
        arguments.append(limit + 1)
        let sql = "SELECT * FROM transition"
            + (clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ")) + " ORDER BY id DESC LIMIT ?"
        let statementArguments = StatementArguments(arguments.map { $0.databaseValue })
        do {
            let rows = try await pool.read { db in try Row.fetchAll(db, sql: sql, arguments: statementArguments).map(Self.record) }
            let page = Array(rows.prefix(limit))
            return HistoryPage(records: page, nextCursor: rows.count > limit ? page.last?.id : nil)
        } catch {
            throw .database("\(error)")
        }
    }

    /// How many transitions the database holds.
    public func count() throws(HistoryError) -> Int {
        do {
            return try pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM transition") ?? 0 }
        } catch {
            throw .database("\(error)")
        }
    }

    /// SQLite's `PRAGMA integrity_check`: `ok` when the file is sound.
    public func integrityCheck() async throws(HistoryError) -> String {
        do {
            return try await pool.read { db in
                try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "\n")
            }
        } catch {
            throw .database("\(error)")
        }
    }

    // MARK: Rows

    private static func record(_ row: Row) -> HistoryRecord {
        let evidence: String? = row["evidence"]
        return HistoryRecord(
            id: row["id"], time: row["time"], rule: row["rule"], element: row["element"], state: row["state"],
            severity: row["severity"], description: row["description"], actions: ColumnJSON.parseStrings(row["actions"]),
            producer: row["producer"], kind: TransitionKind(rawValue: row["kind"]) ?? .raised, partition: row["partition"],
            fingerprint: row["fingerprint"],
            evidence: evidence.flatMap { try? JSONDecoder().decode(EvaluationEvidence.self, from: Data($0.utf8)) })
    }
}
