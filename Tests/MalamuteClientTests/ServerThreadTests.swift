import Locking
import Foundation
import MalamuteClient
import TestSupport
import Testing

/// ``ServerThread``: the start-up hand-shake, stop, and the idle → running → stopped life, with a
/// loop that only notes what is done to it (no sockets: the servers' own tests cover the bus).
@Suite struct ServerThreadTests {
    enum Failure: Error, Equatable {
        case alreadyStarted
        case refused(String)
    }

    /// What happened, in order, from whichever thread, and on which thread.
    final class Journal: Sendable {
        private let entries = Locked<[String]>([])
        private let threads = Locked<Set<pthread_t>>([])
        private let lastThread = Locked<SeenThread?>(nil)

        /// Foundation's `Thread` is not marked Sendable; `isFinished` is safe from any thread.
        private struct SeenThread: @unchecked Sendable {
            let thread: Thread
        }

        /// Notes `entry` and the thread it happens on.
        func note(_ entry: String) {
            entries.withLock { $0.append(entry) }
            threads.withLock { _ = $0.insert(pthread_self()) }
            let current = SeenThread(thread: Thread.current)
            lastThread.withLock { $0 = current }
        }

        var all: [String] { entries.withLock { $0 } }
        /// The threads anything was noted on.
        var threadsUsed: Set<pthread_t> { threads.withLock { $0 } }
        /// Whether the last thread noted on has ended.
        var threadFinished: Bool { lastThread.withLock { $0?.thread.isFinished ?? false } }
    }

    /// A loop that notes each call and serves until asked to stop.
    final class ProbeLoop: ServerLoop {
        let journal: Journal
        let refusal: Failure?

        init(_ journal: Journal, refusal: Failure?) {
            self.journal = journal
            self.refusal = refusal
            journal.note("made")
        }

        func connect() throws(Failure) {
            journal.note("connect")
            if let refusal { throw refusal }
        }

        func run(until stopping: () -> Bool) {
            journal.note("run")
            while !stopping() { Thread.sleep(forTimeInterval: 0.001) }
        }

        func close() { journal.note("close") }
    }

    func makeThread() -> ServerThread<Failure> {
        ServerThread(name: "test-server", alreadyStarted: .alreadyStarted)
    }

    func start(_ thread: ServerThread<Failure>, _ journal: Journal, refusal: Failure? = nil) throws(Failure) {
        try thread.start(
            making: { ProbeLoop(journal, refusal: refusal) },
            afterClose: { journal.note("after close") })
    }

    @Test func startReturnsOnceConnectedAndStopWaitsUntilTheLoopIsClosed() throws {
        let journal = Journal()
        let thread = makeThread()
        try start(thread, journal)
        #expect(Array(journal.all.prefix(2)) == ["made", "connect"])
        #expect(eventually { journal.all.contains("run") })
        #expect(!journal.all.contains("close"))
        thread.stop()
        #expect(journal.all == ["made", "connect", "run", "close", "after close"])
        #expect(eventually { journal.threadFinished })
    }

    @Test func theLoopLivesOnOneThreadOfItsOwn() throws {
        let journal = Journal()
        let thread = makeThread()
        try start(thread, journal)
        thread.stop()
        #expect(journal.threadsUsed.count == 1)
        #expect(!journal.threadsUsed.contains(pthread_self()))
    }

    @Test func aFailedConnectIsThrownClosesTheLoopNeverRunsAndLeavesNoThread() {
        let journal = Journal()
        let thread = makeThread()
        #expect(throws: Failure.refused("no broker")) { try start(thread, journal, refusal: .refused("no broker")) }
        #expect(journal.all == ["made", "connect", "close"])
        #expect(eventually { journal.threadFinished })
        thread.stop()
        // A failed start is final, as for the servers: the handle is stopped.
        #expect(throws: Failure.alreadyStarted) { try start(thread, journal) }
        #expect(journal.all == ["made", "connect", "close"])
    }

    @Test func aLoopThatCannotBeMadeIsThrownToo() {
        let thread = makeThread()
        #expect(throws: Failure.refused("no rules directory")) {
            try thread.start(
                making: { () throws(Failure) -> ProbeLoop in throw .refused("no rules directory") },
                afterClose: {})
        }
    }

    @Test func stoppingTwiceIsSafe() throws {
        let journal = Journal()
        let thread = makeThread()
        try start(thread, journal)
        thread.stop()
        thread.stop()
        #expect(journal.all.filter { $0 == "close" }.count == 1)
    }

    @Test func aSecondStartIsRefusedWithoutMakingALoop() throws {
        let journal = Journal()
        let thread = makeThread()
        try start(thread, journal)
        #expect(throws: Failure.alreadyStarted) { try start(thread, journal) }
        #expect(journal.all.filter { $0 == "made" }.count == 1)
        // The first loop still runs until stopped.
        #expect(!journal.all.contains("close"))
        thread.stop()
        #expect(journal.all.last == "after close")
    }

    @Test func stopBeforeStartIsSafeAndMakesStartRefused() {
        let journal = Journal()
        let thread = makeThread()
        thread.stop()
        #expect(throws: Failure.alreadyStarted) { try start(thread, journal) }
        #expect(journal.all.isEmpty)
    }

    @Test func droppingTheHandleStopsTheThread() throws {
        let journal = Journal()
        var thread: ServerThread<Failure>? = makeThread()
        try start(thread!, journal)
        thread = nil
        #expect(journal.all.last == "after close")
    }
}
