/// What the store's writer knows of `current_alert`, so that a transition is compared with the
/// alert's latest state without reading it back from the database (issue 10: the read was a
/// fifth of a recorded transition's cost).
///
/// The store is the only writer of its database (the `alerts` and `history` commands open it
/// read-only), so an entry stays true until the store changes the row itself: every write
/// transaction updates the entries of the rows it wrote, and one that fails — whose rows were
/// rolled back — clears the cache, as retention does when it deletes rows. Entries record
/// absence too (`nil`: no row for that key). Bounded: past ``capacity`` keys it starts again
/// empty, so memory stays a few MiB whatever the number of alerts.
struct CurrentAlertCache {
    /// The most keys kept.
    static let capacity = 32_768

    private var entries: [String: CurrentAlert?] = [:]

    /// The known state of `key`: `.some(nil)` when there is no row, nil when unknown.
    func lookup(_ key: String) -> CurrentAlert?? {
        entries[key]
    }

    /// Records what the database holds for `key` (nil: no row).
    mutating func remember(_ key: String, _ current: CurrentAlert?) {
        if entries.count >= Self.capacity, entries[key] == nil { entries.removeAll(keepingCapacity: true) }
        entries[key] = .some(current)
    }

    /// Forgets everything (after a failed transaction or a deletion).
    mutating func clear() {
        entries.removeAll()
    }
}
