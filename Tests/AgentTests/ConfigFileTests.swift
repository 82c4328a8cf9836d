import Foundation
import Logging
import TestSupport
import Testing
import ZPL

@testable import fty_alert_engine

/// The config file's schema: known keys, warnings, refusals (decisions.md D5, issue 6).
@Suite struct ConfigFileTests {
    static let path = "/etc/fty-alert-engine/fty-alert-engine.cfg"

    @Test func theOriginalsServerSectionIsAcceptedSilently() throws {
        let file = try ConfigFile.parse(
            "server\n    timeout = 10000\n    background = 0\n    workdir = .\n    verbose = 0\n", path: Self.path)
        #expect(file == ConfigFile())
    }

    @Test func everyKnobHasAKey() throws {
        let file = try ConfigFile.parse(
            """
            server
                endpoint = ipc://@/malamute-test
                embedded_broker = yes
            engine
                rules_dir = "/srv/rules dir"
                shm_dir = /run/42shm
                shm_poll_interval = 5
            autoconfig
                templates_dir = /usr/share/t
                assets_stream = ASSETS-TEST
            actions
                alerts_stream = ALERTS-TEST
            log
                level = LOG_WARNING
            metrics
                listen = 127.0.0.1:9100
            """, path: Self.path)
        #expect(file.warnings == [])
        #expect(
            file.settings
                == ConfigFileSettings(
                    endpoint: "ipc://@/malamute-test", embeddedBroker: true, rulesDirectory: "/srv/rules dir",
                    shmDirectory: "/run/42shm", shmPollInterval: 5, templatesDirectory: "/usr/share/t",
                    assetsStream: "ASSETS-TEST", alertsStream: "ALERTS-TEST", logLevel: .warning,
                    httpListen: "127.0.0.1:9100", httpListenFromAlias: true))
    }

    @Test func unknownRepeatedAndMisplacedKeysAreWarnings() throws {
        let file = try ConfigFile.parse(
            """
            server = 1
                endpoint = ipc://@/a
                endpiont = ipc://@/b
                endpoint = ipc://@/c
            engine
            nonsense
                deeper = 2
            """, path: Self.path)
        #expect(file.settings.endpoint == "ipc://@/a")  // the first one counts, as zconfig's lookup
        #expect(file.warnings.map(\.description) == [
            "config file \(Self.path):1: 'server' is a section, its value is ignored",
            "config file \(Self.path):3: unknown key 'server/endpiont' ignored",
            "config file \(Self.path):4: key 'server/endpoint' ignored, already set on line 2",
            "config file \(Self.path):7: unknown key 'nonsense/deeper' ignored",
        ])
    }

    @Test(arguments: [
        ("engine\n    shm_poll_interval = soon", 2, "engine/shm_poll_interval", "soon", "a positive whole number of seconds"),
        ("engine\n    shm_poll_interval = 0", 2, "engine/shm_poll_interval", "0", "a positive whole number of seconds"),
        ("engine\n    lock_wait = -1", 2, "engine/lock_wait", "-1", "a number of seconds, zero or more"),
        ("log\n    level = LOUD", 2, "log/level", "LOUD", "one of LOG_DEBUG, LOG_INFO, LOG_WARNING, LOG_ERROR, LOG_CRITICAL"),
        ("server\n    endpoint = malamute", 2, "server/endpoint", "malamute", "a ZeroMQ endpoint such as ipc://@/malamute"),
        ("server\n    embedded_broker = maybe", 2, "server/embedded_broker", "maybe", "true or false"),
        ("# x\nengine\n    rules_dir", 3, "engine/rules_dir", "", "a directory path"),
        ("metrics\n    listen = localhost", 2, "metrics/listen", "localhost", "HOST:PORT with a port from 1 to 65535, or off"),
        ("metrics\n    listen = :70000", 2, "metrics/listen", ":70000", "HOST:PORT with a port from 1 to 65535, or off"),
    ])
    func badValuesAreRefusedNamingFileLineAndKey(text: String, line: Int, key: String, value: String, expected: String) {
        let error = ConfigFileError.badValue(path: Self.path, line: line, key: key, value: value, expected: expected)
        #expect(throws: error) { try ConfigFile.parse(text, path: Self.path) }
        #expect(error.description == "config file \(Self.path):\(line): \(key) = '\(value)' is not valid; expected \(expected)")
    }

    @Test func aSyntaxErrorNamesFileAndLine() {
        let expected = ConfigFileError.syntax(path: "x.cfg", ZPLSyntaxError(line: 2, reason: .indentationNotMultipleOfFour(spaces: 3)))
        #expect(throws: expected) { try ConfigFile.parse("server\n   timeout = 1", path: "x.cfg") }
        #expect(expected.description == "config file x.cfg:2: indentation of 3 spaces is not a multiple of 4")
    }

    @Test func anAbsentDefaultFileMeansDefaultsButAnAbsentChosenFileIsAnError() throws {
        let path = NSTemporaryDirectory() + "no-such-\(UUID().uuidString).cfg"
        #expect(try ConfigFile.load(path: path, required: false) == ConfigFile())
        #expect(throws: ConfigFileError.missing(path: path)) { try ConfigFile.load(path: path, required: true) }
    }

    @Test func aFileIsReadFromDisk() throws {
        let path = NSTemporaryDirectory() + "agent-config-\(UUID().uuidString).cfg"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("log\n    level = LOG_ERROR\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(try ConfigFile.load(path: path, required: true).settings.logLevel == .error)
        try Data([0x6C, 0x6F, 0x67, 0xFF]).write(to: URL(fileURLWithPath: path))
        #expect(throws: ConfigFileError.unreadable(path: path, reason: "not UTF-8 text")) {
            try ConfigFile.load(path: path, required: true)
        }
    }

    @Test func aDirectoryIsUnreadable() throws {
        let path = NSTemporaryDirectory()
        #expect {
            try ConfigFile.load(path: path, required: true)
        } throws: { error in
            guard case .unreadable(let named, _) = error as? ConfigFileError else { return false }
            return named == path
        }
    }

    /// packaging/fty-alert-engine.cfg: every key, all commented out, and valid once uncommented.
    @Test func theShippedExampleNamesEveryKeyAndIsValid() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("packaging/fty-alert-engine.cfg")
        let text = try String(contentsOf: url, encoding: .utf8)
        let shipped = try ConfigFile.parse(text, path: url.path)
        #expect(shipped.warnings == [])
        #expect(shipped.settings == ConfigFileSettings())  // only the original's ignored keys are live
        // Uncommenting every `#    key = value` line gives a valid file naming every key.
        let uncommented = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.hasPrefix("#    ") && line.contains(" = ") ? String(line.dropFirst()) : String(line)
        }.joined(separator: "\n")
        let full = try ConfigFile.parse(uncommented, path: url.path)
        #expect(full.warnings == [])
        var named = Set<String>()
        for leaf in try ZPLParser.parse(uncommented).flatMap({ $0.leaves() }) { named.insert(leaf.path) }
        #expect(named == Set(ConfigFileKey.allCases.map(\.rawValue)))
    }
}
