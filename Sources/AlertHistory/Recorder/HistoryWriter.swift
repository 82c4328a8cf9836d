import CoreMetrics
import Foundation
import Logging

/// Writes observed alerts into a ``HistoryStore`` from a bounded queue, in batches, on a thread
/// of its own (issue 10 item 2): ``enqueue(_:)`` never waits for the disk, so a burst of
/// transitions cannot slow metric evaluation or block a bus loop.
///
/// When the queue is full an observation is dropped, never silently: counted (``droppedCount``
/// and the `fty_alert_engine_history_dropped_total` self-metric) and logged, one warning line
/// with the count at most every ``overflowLogInterval``. Retention
/// (``HistoryStore/enforceRetention(now:)``) runs on the same thread, one bounded slice at a
/// time, at most every `retentionInterval` and sooner while a slice was full.
public final class HistoryWriter: @unchecked Sendable {
    // @unchecked: the mutable state is guarded by `condition`; the store and logger are Sendable.

    /// The self-metric counting dropped observations.
    public static let droppedMetric = "fty_alert_engine_history_dropped_total"
    /// How often at most a queue overflow is logged.
    public static let overflowLogInterval: Duration = .seconds(10)

    /// The store written to.
    public let store: HistoryStore
    /// How many observations may wait.
    public let capacity: Int
    /// The most observations written in one transaction.
    public let batchLimit: Int
    /// How often retention runs when its last slice was not full.
    public let retentionInterval: Duration
    private let logger: Logger
    private let now: @Sendable () -> Int64
    private let clock = ContinuousClock()
    private let condition = NSCondition()
    private let finished = DispatchSemaphore(value: 0)
    private let droppedCounter: Counter
    // Guarded by `condition`.
    /// The waiting observations are `queue[head...]`: taking a batch moves `head`, and the
    /// taken prefix is dropped only once it is half the array (amortised O(1) per observation).
    private var queue: [ObservedAlert] = []
    private var head = 0
    private var writing = false
    private var stopping = false
    private var started = false
    private var unloggedDrops = 0
    private var droppedTotal = 0
    private var recordedTotal = 0
    private var lastOverflowLog: ContinuousClock.Instant?

    /// Creates a writer; ``start()`` starts its thread (observations queued before wait).
    ///
    /// - Parameters:
    ///   - capacity: the queue bound (default 65,536 observations, a few MiB at most).
    ///   - batchLimit: the most observations in one transaction (default 16,384: against 4,096,
    ///     fewer commits and index pages shared by more rows gave the recorder 10-20% more in
    ///     paired bench runs; readers are not blocked by a long write in WAL mode).
    ///   - now: wall-clock milliseconds since the epoch, for retention.
    public init(
        store: HistoryStore, capacity: Int = 65_536, batchLimit: Int = 16_384, retentionInterval: Duration = .seconds(60),
        logger: Logger, now: @escaping @Sendable () -> Int64 = HistoryWriter.wallClock
    ) {
        self.store = store
        self.capacity = max(capacity, 1)
        self.batchLimit = max(batchLimit, 1)
        self.retentionInterval = retentionInterval
        self.logger = logger
        self.now = now
        droppedCounter = Counter(label: Self.droppedMetric)
    }

    /// Milliseconds since the epoch.
    public static func wallClock() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }

    /// Starts the writer thread (once).
    public func start() {
        condition.lock()
        defer { condition.unlock() }
        guard !started, !stopping else { return }
        started = true
        let thread = Thread { [self] in run() }
        thread.name = "fty-alert-history-writer"
        thread.start()
    }

    /// Writes what is queued, then stops the thread and waits for it; safe to call twice.
    public func stop() {
        condition.lock()
        let wasRunning = started && !stopping
        stopping = true
        condition.broadcast()
        condition.unlock()
        if wasRunning { finished.wait() }
    }

    /// Queues `observation`; false (counted, logged later) when the queue is full or the writer
    /// stopped. Never blocks on I/O.
    @discardableResult
    public func enqueue(_ observation: ObservedAlert) -> Bool {
        condition.lock()
        guard queue.count - head < capacity, !stopping else {
            unloggedDrops += 1
            droppedTotal += 1
            condition.unlock()
            droppedCounter.increment()
            return false
        }
        queue.append(observation)
        if queue.count - head == 1 { condition.signal() }
        condition.unlock()
        return true
    }

    /// Observations dropped because the queue was full, since creation.
    public var droppedCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return droppedTotal
    }

    /// Transitions written, since creation (re-publications of an unchanged alert write none).
    public var recordedCount: Int {
        condition.lock()
        defer { condition.unlock() }
        return recordedTotal
    }

    /// Waits until everything queued so far is written (the bench, tests).
    public func flush() {
        condition.lock()
        defer { condition.unlock() }
        while (queue.count > head || writing) && started { condition.wait() }
    }

    private func run() {
        var nextRetention = clock.now
        while true {
            condition.lock()
            while queue.count == head && !stopping && clock.now < nextRetention {
                _ = condition.wait(until: Date(timeIntervalSinceNow: Self.seconds(nextRetention - clock.now)))
            }
            let end = min(queue.count, head + batchLimit)
            let batch = Array(queue[head..<end])
            head = end
            if head == queue.count {
                queue.removeAll(keepingCapacity: true)
                head = 0
            } else if head > queue.count / 2 {
                queue.removeFirst(head)
                head = 0
            }
            writing = !batch.isEmpty
            let done = batch.isEmpty && stopping
            let drops = takeDropsToLog(force: done)
            condition.unlock()
            if let drops {
                logger.warning(
                    "alert history queue full (\(capacity)): \(drops) alerts not recorded (\(Self.droppedMetric))")
            }
            var written = 0
            if !batch.isEmpty {
                do {
                    written = try store.append(batch).count
                } catch {
                    logger.error("alert history: \(batch.count) alerts not recorded: \(error)")
                }
            }
            if clock.now >= nextRetention {
                var full = false
                do {
                    full = try store.enforceRetention(now: now()) >= HistoryStore.retentionSlice
                } catch {
                    logger.error("alert history retention: \(error)")
                }
                nextRetention = full ? clock.now : clock.now.advanced(by: retentionInterval)
            }
            condition.lock()
            recordedTotal += written
            writing = false
            condition.broadcast()
            condition.unlock()
            if done { break }
        }
        finished.signal()
    }

    /// The drops to log now (at most one line per interval, or all when `force`), reset; call
    /// with the lock held.
    private func takeDropsToLog(force: Bool) -> Int? {
        guard unloggedDrops > 0 else { return nil }
        let instant = clock.now
        if !force, let last = lastOverflowLog, instant - last < Self.overflowLogInterval { return nil }
        lastOverflowLog = instant
        defer { unloggedDrops = 0 }
        return unloggedDrops
    }

    private static func seconds(_ duration: Duration) -> TimeInterval {
        let (seconds, attoseconds) = duration.components
        return max(TimeInterval(seconds) + TimeInterval(attoseconds) / 1e18, 0.001)
    }
}
