import Foundation
import Testing

@testable import AlertEngine

@Suite struct ShmMetricStoreTests {
    /// A fixed "now" well after the file times used below.
    private let now = 1_700_000_000

    private func metric(
        _ topic: String = "realpower.default@ups-1", value: String = "42.5", ttl: Int = 60, time: Int? = nil,
        aux: [ShmMetric.AuxPair] = []
    ) -> ShmMetric {
        let parts = topic.split(separator: "@", maxSplits: 1).map(String.init)
        return ShmMetric(
            quantity: parts[0], asset: parts[1], value: value, unit: "W", ttl: ttl, time: time ?? now - 10, aux: aux)
    }

    /// Writes a raw metric file with modification time `time`.
    private func createRaw(_ scratch: ScratchDirectory, _ name: String, _ text: String, time: Int) throws {
        try FileManager.default.createDirectory(atPath: scratch.path("0"), withIntermediateDirectories: true)
        try scratch.create("0/" + name, text)
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: TimeInterval(time))],
            ofItemAtPath: scratch.path("0/" + name))
    }

    @Test func readsBackWhatTheWriterWroteWithTheFileTimeAsMetricTime() throws {
        let scratch = try ScratchDirectory("shm")
        let store = ShmMetricStore(root: scratch.path)
        let written = metric(aux: [.init(key: "port", value: "1"), .init(key: "time", value: "123")])
        try store.write(written)

        #expect(try scratch.read("0/realpower.default@ups-1") == "0000000060\nW\n42.5\nport\n1\ntime\n123")
        let result = try store.readAll(now: now)
        #expect(result.metrics == [written])
        #expect(result.skipped.isEmpty)
        #expect(result.metrics.first?.auxValue(forKey: "time") == "123")
        #expect(try scratch.entries() == ["0"])  // no temporary file left in the root
    }

    @Test func readsAHandWrittenFileWithATrailingNewline() throws {
        let scratch = try ScratchDirectory("shm")
        try createRaw(scratch, "temperature@sensor-1", "0000000000\nC\n21.5\n", time: 5)
        let result = try ShmMetricStore(root: scratch.path).readAll(now: now)
        #expect(
            result.metrics == [
                ShmMetric(quantity: "temperature", asset: "sensor-1", value: "21.5", unit: "C", ttl: 0, time: 5)
            ])
    }

    @Test func ttlZeroNeverExpires() throws {
        let scratch = try ScratchDirectory("shm")
        let store = ShmMetricStore(root: scratch.path)
        try store.write(metric(ttl: 0, time: 1))
        #expect(try store.readAll(now: now).metrics.count == 1)
    }

    @Test func aMetricIsValidUntilExactlyItsTTL() throws {
        let scratch = try ScratchDirectory("shm")
        let store = ShmMetricStore(root: scratch.path, autoclean: false)
        try store.write(metric(ttl: 30, time: now - 30))
        #expect(try store.readAll(now: now).metrics.count == 1)
        #expect(try store.readAll(now: now + 1).metrics.isEmpty)
    }

    @Test func expiredFilesAreSkippedAndDeleted() throws {
        let scratch = try ScratchDirectory("shm")
        let store = ShmMetricStore(root: scratch.path)
        try store.write(metric("a@x", ttl: 5, time: now - 6))
        try store.write(metric("b@x", ttl: 5, time: now - 5))

        let result = try store.readAll(now: now)

        #expect(result.metrics.map(\.topic) == ["b@x"])
        #expect(result.skipped == [.init(fileName: "a@x", reason: .expired(ttl: 5, age: 6), deleted: true)])
        #expect(try scratch.entries("0") == ["b@x"])
    }

    @Test func expiredFilesAreKeptWhenAutocleanIsOff() throws {
        let scratch = try ScratchDirectory("shm")
        let store = ShmMetricStore(root: scratch.path, autoclean: false)
        try store.write(metric("a@x", ttl: 5, time: now - 6))

        let result = try store.readAll(now: now)

        #expect(result.metrics.isEmpty)
        #expect(result.skipped == [.init(fileName: "a@x", reason: .expired(ttl: 5, age: 6), deleted: false)])
        #expect(try scratch.entries("0") == ["a@x"])
    }

    @Test func anExpiredFileIsDeletedEvenIfItsLaterLinesAreMalformed() throws {
        let scratch = try ScratchDirectory("shm")
        try createRaw(scratch, "a@x", "0000000005\n", time: now - 100)
        let result = try ShmMetricStore(root: scratch.path).readAll(now: now)
        #expect(result.skipped == [.init(fileName: "a@x", reason: .expired(ttl: 5, age: 100), deleted: true)])
    }

    @Test func autocleanIsOffOnlyForExactlyOFF() {
        #expect(ShmMetricStore.autoclean(environment: [:]))
        #expect(ShmMetricStore.autoclean(environment: ["FTY_SHM_AUTOCLEAN": "off"]))
        #expect(ShmMetricStore.autoclean(environment: ["FTY_SHM_AUTOCLEAN": "ON"]))
        #expect(!ShmMetricStore.autoclean(environment: ["FTY_SHM_AUTOCLEAN": "OFF"]))
    }

    @Test func malformedFilesAreSkippedWithTheirReasonAndKept() throws {
        let scratch = try ScratchDirectory("shm")
        try createRaw(scratch, "a@short-ttl", "60\nW\n1", time: now)
        try createRaw(scratch, "b@letter-ttl", "00000000x0\nW\n1", time: now)
        try createRaw(scratch, "c@long-ttl", "00000000060\nW\n1", time: now)
        try createRaw(scratch, "d@no-value", "0000000060\nW", time: now)
        try createRaw(scratch, "e@empty", "", time: now)
        try createRaw(scratch, "f@long-unit", "0000000060\n" + String(repeating: "u", count: 128) + "\n1", time: now)
        try createRaw(scratch, "g@ok", "0000000060\n" + String(repeating: "u", count: 127) + "\n1", time: now)

        let result = try ShmMetricStore(root: scratch.path).readAll(now: now)

        #expect(result.metrics.map(\.topic) == ["g@ok"])
        #expect(
            result.skipped == [
                .init(fileName: "a@short-ttl", reason: .badTTLLine),
                .init(fileName: "b@letter-ttl", reason: .badTTLLine),
                .init(fileName: "c@long-ttl", reason: .badTTLLine),
                .init(fileName: "d@no-value", reason: .missingLine(number: 3)),
                .init(fileName: "e@empty", reason: .missingLine(number: 1)),
                .init(fileName: "f@long-unit", reason: .lineTooLong(number: 2)),
            ])
        #expect(try scratch.entries("0").count == 7)
    }

    @Test func auxPairsKeepFileOrderAndADanglingKeyIsIgnored() throws {
        let scratch = try ScratchDirectory("shm")
        try createRaw(scratch, "q@a", "0000000000\nW\n1\nk1\nv1\nk2\n\nk3", time: 1)
        let metric = try #require(try ShmMetricStore(root: scratch.path).readAll(now: now).metrics.first)
        #expect(metric.aux == [.init(key: "k1", value: "v1"), .init(key: "k2", value: "")])
    }

    @Test func namesThatAreNotQuantityAtAssetAreSkipped() throws {
        let scratch = try ScratchDirectory("shm")
        for name in ["no-at", "@asset", "quantity@", "a@b@c", "good@asset"] {
            try createRaw(scratch, name, "0000000000\nW\n1", time: now)
        }
        try FileManager.default.createDirectory(atPath: scratch.path("0/dir@x"), withIntermediateDirectories: false)

        let result = try ShmMetricStore(root: scratch.path).readAll(now: now)

        #expect(result.metrics.map(\.topic) == ["good@asset"])
        #expect(
            result.skipped == [
                .init(fileName: "@asset", reason: .badFileName("@asset")),
                .init(fileName: "a@b@c", reason: .badFileName("a@b@c")),
                .init(fileName: "dir@x", reason: .notARegularFile),
                .init(fileName: "no-at", reason: .badFileName("no-at")),
                .init(fileName: "quantity@", reason: .badFileName("quantity@")),
            ])
    }

    @Test func aStoreWithoutItsMetricDirectoryIsEmpty() throws {
        let scratch = try ScratchDirectory("shm")
        let store = ShmMetricStore(root: scratch.path("never-written"))
        #expect(try store.readAll(now: now) == ShmReadResult())
        #expect(try store.read(quantity: "a", asset: "b", now: now) == nil)
    }

    @Test func readsOneMetricByName() throws {
        let scratch = try ScratchDirectory("shm")
        let store = ShmMetricStore(root: scratch.path)
        try store.write(metric("voltage.input.L1-N@ups-1", ttl: 5, time: now))
        try store.write(metric("voltage.input.L2-N@ups-1", ttl: 5, time: now - 6))

        #expect(try store.read(quantity: "voltage.input.L1-N", asset: "ups-1", now: now)?.value == "42.5")
        #expect(try store.read(quantity: "voltage.input.L3-N", asset: "ups-1", now: now) == nil)
        #expect(throws: ShmMetricError.expired(ttl: 5, age: 6)) {
            try store.read(quantity: "voltage.input.L2-N", asset: "ups-1", now: now)
        }
        #expect(try scratch.entries("0") == ["voltage.input.L1-N@ups-1"])
        #expect(throws: ShmMetricError.badFileName("a@b@c")) { try store.read(quantity: "a@b", asset: "c", now: now) }
    }

    @Test func writerRefusesWhatCouldNotBeReadBack() throws {
        let scratch = try ScratchDirectory("shm")
        let store = ShmMetricStore(root: scratch.path)
        #expect(throws: ShmMetricError.badFileName("a/b@c")) { try store.write(metric("a/b@c")) }
        #expect(throws: ShmMetricError.badFileName("a@b@c")) { try store.write(metric("a@b@c")) }
        #expect(throws: ShmMetricError.fieldContainsNewline(field: "value")) { try store.write(metric(value: "1\n2")) }
        #expect(throws: ShmMetricError.ttlOutOfRange(-1)) { try store.write(metric(ttl: -1)) }
        #expect(throws: ShmMetricError.ttlOutOfRange(10_000_000_000)) { try store.write(metric(ttl: 10_000_000_000)) }
        #expect(throws: ShmMetricError.lineTooLong(number: 3)) {
            try store.write(metric(value: String(repeating: "9", count: 128)))
        }
        #expect(!scratch.exists("0/a@b@c"))
    }
}
