/// What the store's writer knows of `current_alert`, so that a transition is compared with the
/// alert's latest state without reading it back from the database (issue 10: the read was a
/// fifth of a recorded transition's cost).
///
/// An entry stays true while only this store's writer connection changes the rows: every write
/// transaction updates the entries of the rows it wrote, and one that fails — whose rows were
/// rolled back — clears the cache, as retention does when it deletes rows. Another writer on
/// the same file (a second store, an operator's `sqlite3 history.db 'DELETE …'`) is noticed
/// through SQLite's `PRAGMA data_version`, which changes when another connection commits: each
/// write transaction hands it to ``synchronize(dataVersion:)`` before the first lookup, and a
/// new value clears the cache. Entries record absence too (`nil`: no row for that key).
/// Bounded: past ``capacity`` keys it starts again empty, so memory stays a few MiB whatever
/// the number of alerts.
struct CurrentAlertCache {
    /// The most keys kept.
    static let capacity = 32_768

    private var entries: [String: CurrentAlert?] = [:]
    /// The writer connection's `PRAGMA data_version` when the entries were last true (our own
    /// commits leave it as it is); nil before the first transaction.
    private var dataVersion: Int64?

    /// The known state of `key`: `.some(nil)` when there is no row, nil when unknown.
    func lookup(_ key: String) -> CurrentAlert?? {
        entries[key]
    }

    /// Records what the database holds for `key` (nil: no row).
    mutating func remember(_ key: String, _ current: CurrentAlert?) {
        if entries.count >= Self.capacity, entries[key] == nil { entries.removeAll(keepingCapacity: true) }
        entries[key] = .some(current)
    }

    /// Forgets everything when `dataVersion` (read in the write transaction about to use the
    /// cache) differs from the last one seen: another connection committed since.
    mutating func synchronize(dataVersion: Int64) {
        if self.dataVersion != dataVersion {
            entries.removeAll()
            self.dataVersion = dataVersion
        }
    }

    /// Forgets everything (after a failed transaction or a deletion).
    mutating func clear() {
        entries.removeAll()
    }
}
