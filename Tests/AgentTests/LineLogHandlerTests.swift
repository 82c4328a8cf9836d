import Locking
import Foundation
import Logging
import Testing

@testable import fty_alert_engine

/// One line per event, for the journal or a terminal (engine.md §14).
@Suite struct LineLogHandlerTests {
    /// Lines a handler wrote.
    final class Lines: Sendable {
        private let lines = Locked<[String]>([])
        var all: [String] { lines.withLock { $0 } }
        func append(_ line: String) { lines.withLock { $0.append(line) } }
    }

    static func logger(_ format: LineLogHandler.Format, level: Logger.Level = .info, into lines: Lines) -> Logger {
        Logger(label: "fty-alert-engine") { label in
            LineLogHandler(
                label: label, level: level, format: format, timestamp: { "2026-11-21T12:00:00.000Z" },
                output: lines.append)
        }
    }

    @Test func plainLinesHaveTimeLevelLabelMessageAndSortedMetadata() {
        let lines = Lines()
        let logger = Self.logger(.plain, into: lines)
        logger.warning("rule file skipped", metadata: ["rule": "ups-1", "element": "ups 1"])
        logger.debug("not written at info")
        #expect(lines.all == [
            "2026-11-21T12:00:00.000Z WARNING fty-alert-engine: rule file skipped element=\"ups 1\" rule=ups-1\n"
        ])
    }

    @Test func journalLinesCarryTheSyslogPriorityAndNoTime() {
        let lines = Lines()
        var logger = Self.logger(.journal, level: .trace, into: lines)
        logger[metadataKey: "client"] = "requester"
        for level in Logger.Level.allCases { logger.log(level: level, "x") }
        #expect(lines.all == [7, 7, 6, 5, 4, 3, 2].map { "<\($0)>fty-alert-engine: x client=requester\n" })
    }

    @Test func eventMetadataWinsOverTheHandlersAndTheProvidersIsIncluded() {
        let lines = Lines()
        let provider = Logger.MetadataProvider { ["request": "7"] }
        var logger = Logger(label: "l") { label in
            LineLogHandler(
                label: label, level: .info, format: .journal, metadataProvider: provider, timestamp: { "" },
                output: lines.append)
        }
        logger[metadataKey: "rule"] = "a"
        logger.info("m", metadata: ["rule": "b"])
        #expect(lines.all == ["<6>l: m request=7 rule=b\n"])
    }

    @Test func lineBreaksAndQuotesCannotForgeLines() {
        let lines = Lines()
        let logger = Self.logger(.journal, into: lines)
        logger.error("bad rule 'a\nb'\\", metadata: ["element": "x\"<3>y", "empty": "", "eq": "a=b"])
        #expect(lines.all == [#"<3>fty-alert-engine: bad rule 'a\nb'\\ element="x\"<3>y" empty="" eq="a=b""# + "\n"])
        #expect(LineLogHandler.escaped("\u{1B}[31m\r\t") == "\\u{1B}[31m\\r\\t")
    }

    @Test func timestampsAreUTCWithMilliseconds() {
        #expect(LineLogHandler.utcTimestamp(seconds: 0, milliseconds: 5) == "1970-01-01T00:00:00.005Z")
        #expect(LineLogHandler.utcTimestamp(seconds: 1_795_262_824, milliseconds: 999) == "2026-11-21T12:07:04.999Z")
        let now = LineLogHandler.utcTimestamp()
        #expect(now.count == 24 && now.hasSuffix("Z"))
    }

    @Test func journalStreamMustNameTheDescriptorItself() throws {
        let path = NSTemporaryDirectory() + "journal-stream-\(UUID().uuidString)"
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let descriptor = open(path, O_RDONLY)
        defer { close(descriptor) }
        var status = stat()
        #expect(fstat(descriptor, &status) == 0)
        let value = "\(status.st_dev):\(status.st_ino)"
        #expect(JournalStream.isConnected(value: value, descriptor: descriptor))
        #expect(!JournalStream.isConnected(value: "\(status.st_dev):\(status.st_ino + 1)", descriptor: descriptor))
        #expect(!JournalStream.isConnected(value: nil, descriptor: descriptor))
        #expect(!JournalStream.isConnected(value: "garbage", descriptor: descriptor))
        #expect(!JournalStream.isConnected(value: value, descriptor: -1))
    }
}
