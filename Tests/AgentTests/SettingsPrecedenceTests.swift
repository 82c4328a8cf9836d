import AgentHTTP
import ArgumentParser
import Foundation
import MalamuteClient
import Logging
import Testing

@testable import fty_alert_engine

/// decisions.md D5: flag > environment variable > config file > default.
@Suite struct SettingsPrecedenceTests {
    static let file = ConfigFileSettings(
        endpoint: "ipc://@/file", embeddedBroker: true, rulesDirectory: "/file/rules", shmDirectory: "/file/shm",
        shmPollInterval: 7, templatesDirectory: "/file/templates", assetsStream: "ASSETS-FILE",
        alertsStream: "ALERTS-FILE", logLevel: .error, httpListen: "127.0.0.1:9100")

    static let environment = Environment(variables: [
        "FTY_ALERT_ENGINE_ENDPOINT": "ipc://@/env", "FTY_ALERT_ENGINE_RULES_DIR": "/env/rules",
        "FTY_ALERT_ENGINE_TEMPLATES_DIR": "/env/templates", "FTY_ALERT_ENGINE_SHM_DIR": "/env/shm",
        "FTY_SHM_TEST_POLLING_INTERVAL": "3", "FTY_ALERT_ENGINE_ASSETS_STREAM": "ASSETS-ENV",
        "FTY_ALERT_ENGINE_ALERTS_STREAM": "ALERTS-ENV", "BIOS_LOG_LEVEL": "LOG_WARNING",
    ])

    static let flags = [
        "--endpoint", "ipc://@/flag", "--rules-dir", "/flag/rules", "--templates-dir", "/flag/templates",
        "--shm-dir", "/flag/shm", "--shm-poll-interval", "2", "--assets-stream", "ASSETS-FLAG",
        "--alerts-stream", "ALERTS-FLAG", "-v",
    ]

    /// The knobs that have all four layers, as one comparable tuple-like array.
    static func knobs(_ settings: AgentSettings) -> [String] {
        [
            settings.endpoint, settings.rulesDirectory, settings.templatesDirectory, settings.shmDirectory ?? "-",
            "\(settings.shmPollInterval)", settings.assetsStream, settings.alertsStream, "\(settings.logLevel)",
        ]
    }

    @Test func defaultsApplyWhenNothingIsGiven() throws {
        let settings = try AgentOptions.parse([]).resolve(environment: Environment(variables: [:]))
        #expect(Self.knobs(settings) == [
            "ipc://@/malamute", "/var/lib/fty/fty-alert-engine", "/usr/share/bios/fty-autoconfig", "-", "30",
            "ASSETS", "ALERTS", "info",
        ])
        #expect(settings.embeddedBroker == false)
        #expect(settings.http.address?.description == "127.0.0.1:9105")  // issue 10: on by default
        #expect(settings.http.explicit == false)
        #expect(settings.configFile == ConfigFile.defaultPath)
        #expect(settings.warnings == [])
    }

    @Test func theConfigFileWinsOverDefaults() throws {
        let settings = try AgentOptions.parse([]).resolve(environment: Environment(variables: [:]), config: Self.file)
        #expect(Self.knobs(settings) == [
            "ipc://@/file", "/file/rules", "/file/templates", "/file/shm", "7", "ASSETS-FILE", "ALERTS-FILE", "error",
        ])
        #expect(settings.embeddedBroker)
        #expect(settings.http.address?.description == "127.0.0.1:9100")
        #expect(settings.http.explicit)
    }

    @Test func theHTTPAddressFollowsTheSamePrecedenceWithItsAliases() throws {
        let environment = Environment(variables: ["FTY_ALERT_ENGINE_METRICS_LISTEN": "127.0.0.1:9200"])
        let fromEnvironment = try AgentOptions.parse([]).resolve(environment: environment, config: Self.file)
        #expect(fromEnvironment.http.address?.description == "127.0.0.1:9200")
        let both = Environment(variables: [
            "FTY_ALERT_ENGINE_METRICS_LISTEN": "127.0.0.1:9200", "FTY_ALERT_ENGINE_HTTP_LISTEN": "127.0.0.1:9201",
        ])
        #expect(try AgentOptions.parse([]).resolve(environment: both).http.address?.description == "127.0.0.1:9201")
        let fromFlag = try AgentOptions.parse(["--metrics-listen", "127.0.0.1:9300"]).resolve(
            environment: environment, config: Self.file)
        #expect(fromFlag.http.address?.description == "127.0.0.1:9300")
        let off = try AgentOptions.parse(["--http-listen", "off"]).resolve(environment: environment, config: Self.file)
        #expect(off.http.address == nil)
        let offInFile = ConfigFileSettings(httpListen: "off")
        #expect(try AgentOptions.parse([]).resolve(environment: Environment(variables: [:]), config: offInFile).http.address == nil)
    }

    /// Issue 14 item 3: `--lock-wait` > `FTY_ALERT_ENGINE_LOCK_WAIT` > `engine/lock_wait` > 10 s.
    @Test func theLockWaitFollowsThePrecedenceAndRefusesNegativeOrNonNumbers() throws {
        let none = Environment(variables: [:])
        var file = ConfigFileSettings()
        #expect(try AgentOptions.parse([]).resolve(environment: none).lockWait == 10)
        file.lockWait = 4
        #expect(try AgentOptions.parse([]).resolve(environment: none, config: file).lockWait == 4)
        let environment = Environment(variables: ["FTY_ALERT_ENGINE_LOCK_WAIT": "2.5"])
        #expect(try AgentOptions.parse([]).resolve(environment: environment, config: file).lockWait == 2.5)
        #expect(try AgentOptions.parse(["--lock-wait", "0"]).resolve(environment: environment, config: file).lockWait == 0)
        #expect(throws: (any Error).self) { try AgentOptions.parse(["--lock-wait", "-1"]) }
        #expect(throws: (any Error).self) { try AgentOptions.parse(["--lock-wait", "soon"]) }
        #expect(throws: (any Error).self) {
            try AgentOptions.parse([]).resolve(environment: Environment(variables: ["FTY_ALERT_ENGINE_LOCK_WAIT": "-3"]))
        }
    }

    @Test func webhookCredentialsComeFromTheFileOrTheEnvironmentNeverPartly() throws {
        var file = ConfigFileSettings()
        file.webhookAuth = "basic"
        file.webhookUser = "am"
        #expect(throws: (any Error).self) {
            try AgentOptions.parse([]).resolve(environment: Environment(variables: [:]), config: file)
        }
        let environment = Environment(variables: ["FTY_ALERT_ENGINE_WEBHOOK_PASSWORD": "s3cret"])
        let settings = try AgentOptions.parse([]).resolve(environment: environment, config: file)
        #expect(settings.webhook.authentication == .basic(user: "am", password: "s3cret"))
    }

    @Test func theEnvironmentWinsOverTheConfigFile() throws {
        let settings = try AgentOptions.parse([]).resolve(environment: Self.environment, config: Self.file)
        #expect(Self.knobs(settings) == [
            "ipc://@/env", "/env/rules", "/env/templates", "/env/shm", "3", "ASSETS-ENV", "ALERTS-ENV", "warning",
        ])
    }

    @Test func flagsWinOverEverything() throws {
        let settings = try AgentOptions.parse(Self.flags).resolve(environment: Self.environment, config: Self.file)
        #expect(Self.knobs(settings) == [
            "ipc://@/flag", "/flag/rules", "/flag/templates", "/flag/shm", "2", "ASSETS-FLAG", "ALERTS-FLAG", "debug",
        ])
    }

    @Test func anEmptyVariableCountsAsUnset() throws {
        let environment = Environment(variables: ["FTY_ALERT_ENGINE_ENDPOINT": "", "BIOS_LOG_LEVEL": ""])
        let settings = try AgentOptions.parse([]).resolve(environment: environment, config: Self.file)
        #expect(settings.endpoint == "ipc://@/file")
        #expect(settings.logLevel == .error)
        #expect(settings.warnings == [])
    }

    @Test func unusableVariablesAreSkippedWithAWarning() throws {
        let environment = Environment(variables: ["BIOS_LOG_LEVEL": "LOUD", "FTY_SHM_TEST_POLLING_INTERVAL": "-1"])
        let settings = try AgentOptions.parse([]).resolve(environment: environment, config: Self.file)
        #expect(settings.logLevel == .error)  // from the file
        #expect(settings.shmPollInterval == 7)
        #expect(settings.warnings == [
            "BIOS_LOG_LEVEL=LOUD ignored: expected one of LOG_DEBUG, LOG_INFO, LOG_WARNING, LOG_ERROR, LOG_CRITICAL",
            "FTY_SHM_TEST_POLLING_INTERVAL=-1 ignored: expected a positive whole number",
        ])
    }

    @Test func dashCNamesARequiredFile() throws {
        #expect(try AgentOptions.parse([]).configFile == (ConfigFile.defaultPath, false))
        let chosen = try AgentOptions.parse(["-c", "/tmp/x.cfg"]).configFile
        #expect(chosen == ("/tmp/x.cfg", true))
        #expect(try AgentOptions.parse(["--config", "/tmp/y.cfg"]).resolve(environment: Environment(variables: [:])).configFile == "/tmp/y.cfg")
    }

    /// Issue 14 item 6: the PLAIN password comes from the flag's file, else the environment, else
    /// the config file's file; a user without a password is a usage error.
    @Test func theBusPasswordFollowsThePrecedenceAndAUserNeedsOne() throws {
        let directory = NSTemporaryDirectory() + "plain-precedence-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try "from-flag-file\nsecond line\n".write(toFile: directory + "/flag", atomically: true, encoding: .utf8)
        try "from-config-file".write(toFile: directory + "/config", atomically: true, encoding: .utf8)
        var file = ConfigFileSettings()
        file.busUser = "config-user"
        file.busPasswordFile = directory + "/config"
        let none = Environment(variables: [:])
        let environment = Environment(variables: ["FTY_ALERT_ENGINE_BUS_PASSWORD": "from-env", "FTY_ALERT_ENGINE_BUS_USER": "env-user"])
        #expect(try AgentOptions.parse([]).resolve(environment: none).busCredentials == nil)
        #expect(
            try AgentOptions.parse([]).resolve(environment: none, config: file).busCredentials
                == PlainCredentials(user: "config-user", password: "from-config-file"))
        #expect(
            try AgentOptions.parse([]).resolve(environment: environment, config: file).busCredentials
                == PlainCredentials(user: "env-user", password: "from-env"))
        #expect(
            try AgentOptions.parse(["--bus-user", "flag-user", "--bus-password-file", directory + "/flag"])
                .resolve(environment: environment, config: file).busCredentials
                == PlainCredentials(user: "flag-user", password: "from-flag-file"))
        #expect(throws: ValidationError.self) {
            try AgentOptions.parse(["--bus-user", "lonely"]).resolve(environment: none)
        }
        #expect(throws: ValidationError.self) {
            try AgentOptions.parse(["--bus-user", "u", "--bus-password-file", directory + "/missing"]).resolve(environment: none)
        }
        var plain = ConfigFileSettings()
        plain.securityMechanism = "plain"
        plain.embeddedBroker = true
        #expect(throws: ValidationError.self) { try AgentOptions.parse([]).resolve(environment: none, config: plain) }
        plain.authPlain = directory + "/config"
        #expect(try AgentOptions.parse([]).resolve(environment: none, config: plain).brokerPasswords != nil)
        plain.securityMechanism = "null"
        #expect(try AgentOptions.parse([]).resolve(environment: none, config: plain).brokerPasswords == nil)
    }
}
