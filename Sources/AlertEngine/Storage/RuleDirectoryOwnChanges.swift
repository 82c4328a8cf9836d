import Foundation

/// The changes this engine itself is making to the rules directory, so that its watcher does
/// not report them back as outside changes.
///
/// ``RuleDirectory`` records every write and removal here just before making it (and withdraws
/// the record if the operation fails); ``RuleDirectoryWatcher`` consumes one record per matching
/// event. Records are kept only while a watcher is attached, so a directory without a watcher
/// does not accumulate them. Thread-safe: the writer and the watcher may run on different
/// threads. Code that changes the directory without going through ``RuleDirectory`` can call
/// ``expect(_:)`` itself.
public final class RuleDirectoryOwnChanges: @unchecked Sendable {
    /// One expected change: what and which file.
    public enum Change: Hashable, Sendable {
        /// The file is about to appear (renamed into place).
        case written(RuleFileName)
        /// The file is about to be removed.
        case removed(RuleFileName)
    }

    private let lock = NSLock()
    private var pending: [Change: Int] = [:]
    private var watching = false

    /// Creates an empty ledger.
    public init() {}

    /// Records that `change` is about to be made by us (no-op while no watcher is attached).
    public func expect(_ change: Change) {
        lock.withLock {
            if watching { pending[change, default: 0] += 1 }
        }
    }

    /// Takes back a record made by ``expect(_:)`` for a change that did not happen.
    public func withdraw(_ change: Change) {
        lock.withLock { _ = take(change) }
    }

    /// Consumes one record of `change`; true if it was ours.
    func consume(_ change: Change) -> Bool {
        lock.withLock { take(change) }
    }

    /// Starts (or stops) keeping records; stopping, like lost events, forgets every record.
    func setWatching(_ on: Bool) {
        lock.withLock {
            watching = on
            pending.removeAll()
        }
    }

    /// Forgets every record (after lost events, when records can no longer be matched).
    func reset() {
        lock.withLock { pending.removeAll() }
    }

    private func take(_ change: Change) -> Bool {
        guard let count = pending[change] else { return false }
        pending[change] = count > 1 ? count - 1 : nil
        return true
    }
}
