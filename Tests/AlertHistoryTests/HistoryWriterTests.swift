import AlertEngine
import AlertHistory
import Foundation
import TestSupport
import Testing

/// The recorder's writer (issue 10 items 2, 3): a bounded queue written in batches on its own
/// thread; overflow counted and logged, never silent; retention enforced as it writes.
@Suite struct HistoryWriterTests {
    static func alert(_ index: Int, state: String = "ACTIVE", time: Int64 = HistoryWriter.wallClock()) -> ObservedAlert {
        ObservedAlert(
            time: time + Int64(index), rule: "temp", element: "room-\(index)", state: state, severity: "CRITICAL",
            description: "hot", actions: [], producer: "fty-alert-engine-stream")
    }

    @Test func aFullQueueDropsCountsAndLogsTheCount() async throws {
        let scratch = HistoryStoreTests.Scratch()
        defer { scratch.remove() }
        let log = CapturedLog()
        let writer = HistoryWriter(store: try scratch.open(), capacity: 4, logger: log.logger)
        // Not started yet: the queue fills and stays full.
        let accepted = (0..<10).map { writer.enqueue(Self.alert($0)) }
        #expect(accepted == [true, true, true, true, false, false, false, false, false, false])
        #expect(writer.droppedCount == 6)
        writer.start()
        writer.flush()
        #expect(writer.recordedCount == 4)
        writer.stop()
        #expect(log.contains("queue full", "6 alerts not recorded", HistoryWriter.droppedMetric, atLeast: .warning))
        let page = try await HistoryStore.openReadOnly(path: scratch.path).history(HistoryQuery())
        #expect(Set(page.records.map(\.element)) == ["room-0", "room-1", "room-2", "room-3"])
    }

    @Test func enqueueingNeverWaitsForTheWriter() throws {
        let scratch = HistoryStoreTests.Scratch()
        defer { scratch.remove() }
        let writer = HistoryWriter(store: try scratch.open(), capacity: 100_000, logger: CapturedLog().logger)
        writer.start()
        let accepted = (0..<2000).filter { writer.enqueue(Self.alert($0)) }.count
        writer.flush()
        #expect(accepted == 2000)
        #expect(writer.recordedCount == 2000)
        #expect(writer.droppedCount == 0)
        writer.stop()
        // Stopped: nothing more is taken, and that is counted too.
        #expect(!writer.enqueue(Self.alert(0)))
        #expect(writer.droppedCount == 1)
    }

    @Test func retentionKeepsAtMostMaxRowsAndDropsWhatIsTooOld() async throws {
        let scratch = HistoryStoreTests.Scratch()
        defer { scratch.remove() }
        let store = try scratch.open(HistoryRetention(maxAgeMilliseconds: 10_000, maxRows: 5))
        let now: Int64 = 1_000_000
        let writer = HistoryWriter(
            store: store, batchLimit: 3, retentionInterval: .zero, logger: CapturedLog().logger, now: { now })
        writer.start()
        // Two too old, then twelve recent ones.
        writer.enqueue(Self.alert(100, time: now - 50_000))
        writer.enqueue(Self.alert(101, time: now - 50_000))
        for index in 0..<12 { writer.enqueue(Self.alert(index, time: now - 1000)) }
        writer.flush()
        writer.stop()
        let records = try await store.history(HistoryQuery()).records
        #expect(records.count == 5)
        #expect(records.allSatisfy { $0.time >= now - 10_000 })
        #expect(records.map(\.element) == (7..<12).reversed().map { "room-\($0)" })
    }

    @Test func aPendingCrossingIsARecordThatLeavesTheAlertAsItWas() async throws {
        let scratch = HistoryStoreTests.Scratch()
        defer { scratch.remove() }
        let store = try scratch.open()
        let evidence = EvaluationEvidence(
            inputs: [.init(topic: "temperature@room-1", value: 41, unit: "C", time: 1)],
            thresholds: [.init(name: "high_critical", value: "40")], result: "high_critical",
            crossed: .init(name: "high_critical", value: "40"))
        var pending = Self.alert(1, state: ObservedAlert.pendingState)
        pending.evidence = evidence
        let written = try store.append([pending, pending])
        #expect(written.map(\.kind) == [.pending, .pending])
        #expect(try await store.activeAlerts().isEmpty)
        // The crossing confirmed later is raised as usual.
        #expect(try store.append([Self.alert(1)]).map(\.kind) == [.raised])
        let records = try await store.history(HistoryQuery(state: ObservedAlert.pendingState)).records
        #expect(records.first?.evidence == evidence)
    }
}
