import Foundation

/// The alert state journal (issue 13 item 1): an append-only file of JSON lines, one per change
/// of a (rule, element)'s alert or lifecycle state, compacted at start-up and when it grows.
///
/// Records are staged in one reusable buffer (``stage(alert:element:lifecycle:rule:)``) and
/// handed to the kernel with one write(2) per engine call that made them (``flush()``: a
/// metric, a request, a file event), before the engine returns the publications they belong
/// to, so before the bus sees them.
///
/// Durability: every record is handed to the kernel with write(2) before the engine hands the
/// publication it belongs to to the bus, so a SIGKILL loses nothing the bus has seen (at worst
/// the publications being sent at that instant are journaled but not sent; they are re-published
/// at the next D2 refresh if ACTIVE, and downstream expires them after their ttl if RESOLVED). The file is
/// fdatasync'ed at most once per `syncInterval`: by the first write after it has passed, else by
/// `syncIfDue`, which the engine loop calls at the end of every turn (at least every 100 ms), and
/// on `close`. A power loss or kernel crash therefore loses at most the writes of the last
/// `syncInterval` plus one loop turn (1.1 s). A torn last line is ignored on read.
///
/// Owned by the engine thread: not Sendable.
public final class StateJournal {
    /// The journal file.
    public let path: String
    /// The minimum time between two fdatasync calls.
    public static let syncInterval: Duration = .seconds(1)
    /// The journal is rewritten when it holds this many more lines than live entries, or
    /// ``compactionFactor`` times as many as there are live entries if that is more.
    static let compactionSlack = 10_000
    /// With many live entries a rewrite costs as many lines as there are entries: waiting for
    /// this many times that number of new lines keeps the rewrites' share of the writes at a
    /// fifth, whatever the number of entries, and the file under 5 times the live state.
    static let compactionFactor = 4

    private var fd: Int32 = -1
    private var lines = 0
    /// ``mayNeedCompaction`` is false up to this many lines (0: the next call counts).
    private var checkAt = 0
    private var lastSync = ContinuousClock.now
    private var unsynced = false
    /// The lines staged since the last ``flush()``, and how many.
    private var staged: [UInt8] = []
    private var stagedLines = 0
    private let lifecycleEncoder = JournalLine.lifecycleEncoder()

    /// Opens (creating it and its directory if needed) the journal at `path`.
    public init(path: String) throws(SystemCallError) {
        self.path = path
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try FileSystem.makeDirectories(directory) }
        try reopen()
    }

    deinit { close() }

    private func reopen() throws(SystemCallError) {
        if fd >= 0 { _ = Foundation.close(fd) }
        fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw SystemCallError("open", path: path) }
    }

    /// The live records of the journal: the last one per (rule, element), removals dropped, in
    /// the order the elements were first seen. Unreadable lines (a torn last write) are skipped.
    func read() -> [JournalRecord] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let decoder = JSONDecoder()
        var order: [String] = []
        var live: [String: JournalRecord] = [:]
        lines = 0
        for line in data.split(separator: UInt8(ascii: "\n")) {
            lines += 1
            guard let record = try? decoder.decode(JournalRecord.self, from: Data(line)) else { continue }
            let key = "\(record.rule)\u{0}\(record.element)"
            if live[key] == nil { order.append(key) }
            live[key] = record
        }
        return order.compactMap { live[$0] }.filter { $0.alert != nil || $0.lifecycle != nil }
    }

    /// Stages the line of (`rule`, `element`) holding `alert` and `lifecycle`: it reaches the
    /// file at the next ``flush()``.
    func stage(alert: CachedAlert?, element: String, lifecycle: AlertLifecycle?, rule: JournalLine.RuleMembers) {
        if JournalLine.append(
            alert: alert, element: element, lifecycle: lifecycle, rule: rule, lifecycleEncoder: lifecycleEncoder,
            to: &staged)
        {
            stagedLines += 1
        }
    }

    /// Whether lines are staged.
    var hasStaged: Bool { stagedLines > 0 }

    /// Writes the staged lines with one write(2); syncs if the last sync is older than
    /// `syncInterval`. The staged lines are dropped even when the write fails.
    func flush() throws(SystemCallError) {
        guard stagedLines > 0 else { return }
        defer {
            staged.removeAll(keepingCapacity: true)
            stagedLines = 0
        }
        try FileSystem.writeAll(staged, to: fd, path: path)
        lines += stagedLines
        unsynced = true
        if ContinuousClock.now - lastSync >= Self.syncInterval { try sync() }
    }

    /// Whether the live entries must be counted for ``needsCompaction(live:)``: counting them
    /// walks every rule, too costly for every publication.
    var mayNeedCompaction: Bool { lines > checkAt }

    /// Whether the file holds so many lines more than `live` entries that it should be rewritten.
    ///
    /// When not yet, no count is needed for a while: per appended line `lines - live` grows by
    /// at most 2 (an update adds a line, a removal also drops a live entry) and the allowance
    /// `max(slack, factor × live)` shrinks by at most `factor`, so the margin shrinks by at most
    /// `2 + factor` per line and cannot be used up sooner.
    func needsCompaction(live: Int) -> Bool {
        let excess = lines - live
        let allowed = max(Self.compactionSlack, Self.compactionFactor * live)
        if excess > allowed { return true }
        // The margin shrinks by at most 2 + factor per new line (see above).
        checkAt = lines + (allowed - excess) / (2 + Self.compactionFactor)
        return false
    }

    /// Rewrites the journal atomically with only `records` (decisions.md D6 style: temporary
    /// file, fsync, rename, fsync of the directory).
    func compact(_ records: [JournalRecord]) throws(SystemCallError) {
        try compact {
            for record in records where JournalLine.append(record, lifecycleEncoder: lifecycleEncoder, to: &staged) {
                stagedLines += 1
            }
        }
    }

    /// Rewrites the journal atomically, as `compact(_:)`, with only the lines `stageLive`
    /// stages (``stage(alert:element:lifecycle:rule:)``). Lines staged before are dropped: call
    /// ``flush()`` first.
    func compact(staging stageLive: () -> Void) throws(SystemCallError) {
        staged.removeAll(keepingCapacity: true)
        stagedLines = 0
        stageLive()
        let count = stagedLines
        defer {
            staged = []  // not the whole live state's capacity for the next few lines
            stagedLines = 0
        }
        let directory = (path as NSString).deletingLastPathComponent
        try FileSystem.writeAtomically(
            staged, to: path, directory: directory.isEmpty ? "." : directory,
            temporaryPath: { "\(self.path).tmp-\(UInt32.random(in: 0...UInt32.max))" })
        lines = count
        checkAt = 0
        try reopen()
        lastSync = ContinuousClock.now
        unsynced = false
    }

    /// fdatasync's what was written if the last sync is at least `syncInterval` old, so that
    /// writes made before an idle period are on disk within `syncInterval` plus one call period.
    public func syncIfDue() throws(SystemCallError) {
        guard unsynced, ContinuousClock.now - lastSync >= Self.syncInterval else { return }
        try sync()
    }

    /// fdatasync's what was written.
    public func sync() throws(SystemCallError) {
        guard unsynced else { return }
        guard fdatasync(fd) == 0 else { throw SystemCallError("fdatasync", path: path) }
        lastSync = ContinuousClock.now
        unsynced = false
    }

    /// Writes what is staged, syncs and closes the file.
    public func close() {
        guard fd >= 0 else { return }
        try? flush()
        try? sync()
        _ = Foundation.close(fd)
        fd = -1
    }
}
