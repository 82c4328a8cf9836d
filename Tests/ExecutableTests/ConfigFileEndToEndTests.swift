import Foundation
import MalamuteClient
import TestSupport
import Testing

/// The config file through the built binary: D5's precedence observed by connecting, warnings
/// and refusals (issue 6).
@Suite struct ConfigFileEndToEndTests {
    /// Writes `text` to a fresh file and returns its path.
    static func configFile(_ text: String) throws -> String {
        let path = scratchDirectory() + ".cfg"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    static func config(endpoint: String, rulesDirectory: String) -> String {
        """
        server
            timeout = 10000
            endpoint = \(endpoint)
            embedded_broker = true
        engine
            rules_dir = "\(rulesDirectory)"
        """
    }

    /// Whether a client can connect to `endpoint` within a short time.
    static func answers(_ endpoint: String) -> Bool {
        let client = MalamuteClient(
            configuration: ClientConfiguration(endpoint: endpoint, name: "probe", timeout: .milliseconds(300)))
        defer { client.close() }
        return (try? client.connect()) != nil
    }

    @Test func theConfigFilesEndpointIsUsedUnlessTheEnvironmentOrAFlagGivesOne() throws {
        let directory = scratchDirectory()
        let fromFile = uniqueEndpoint("cfg-file")
        let path = try Self.configFile(Self.config(endpoint: fromFile, rulesDirectory: directory))
        defer {
            try? FileManager.default.removeItem(atPath: path)
            try? FileManager.default.removeItem(atPath: directory)
        }

        // The file alone: its endpoint, its embedded broker, its rules directory.
        let byFile = try EngineProcess(["-c", path], environment: EngineEndToEndTests.quiet)
        try connectedClient(fromFile, "probe-file").close()
        #expect(eventually { FileManager.default.fileExists(atPath: directory) })
        byFile.send(SIGTERM)
        #expect(byFile.waitForExit(timeout: .seconds(2)) == 0)

        // The environment wins over the file.
        let fromEnvironment = uniqueEndpoint("cfg-env")
        var environment = EngineEndToEndTests.quiet
        environment["FTY_ALERT_ENGINE_ENDPOINT"] = fromEnvironment
        let byEnvironment = try EngineProcess(["-c", path], environment: environment)
        try connectedClient(fromEnvironment, "probe-env").close()
        #expect(!Self.answers(fromFile))
        byEnvironment.send(SIGTERM)
        #expect(byEnvironment.waitForExit(timeout: .seconds(2)) == 0)

        // The flag wins over both.
        let fromFlag = uniqueEndpoint("cfg-flag")
        let byFlag = try EngineProcess(["--config", path, "--endpoint", fromFlag], environment: environment)
        try connectedClient(fromFlag, "probe-flag").close()
        #expect(!Self.answers(fromEnvironment))
        byFlag.send(SIGTERM)
        #expect(byFlag.waitForExit(timeout: .seconds(2)) == 0)
    }

    @Test func anUnknownKeyIsLoggedNamingFileAndLineAndTheAgentRuns() throws {
        let directory = scratchDirectory()
        let endpoint = uniqueEndpoint("cfg-unknown")
        let path = try Self.configFile(Self.config(endpoint: endpoint, rulesDirectory: directory) + "\n    colour = blue\n")
        defer {
            try? FileManager.default.removeItem(atPath: path)
            try? FileManager.default.removeItem(atPath: directory)
        }
        let agent = try EngineProcess(["-c", path], environment: EngineEndToEndTests.quiet)
        try connectedClient(endpoint, "probe").close()
        agent.send(SIGTERM)
        #expect(agent.waitForExit(timeout: .seconds(2)) == 0)
        #expect(agent.readOutput().contains("WARNING fty-alert-engine: config file \(path):7: unknown key 'engine/colour' ignored"))
    }

    @Test func aBadValueIsRefusedWithExitStatus78NamingFileLineAndKey() throws {
        let path = try Self.configFile("engine\n    shm_poll_interval = often\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let agent = try EngineProcess(["-c", path])
        #expect(agent.waitForExit(timeout: .seconds(5)) == 78)
        #expect(
            agent.readOutput()
                == "fty-alert-engine: config file \(path):2: engine/shm_poll_interval = 'often' is not valid; expected a positive whole number of seconds\n"
        )
    }

    @Test func aMissingChosenFileIsRefusedWithExitStatus78() throws {
        let path = scratchDirectory() + ".cfg"
        let agent = try EngineProcess(["-c", path])
        #expect(agent.waitForExit(timeout: .seconds(5)) == 78)
        #expect(agent.readOutput().contains("config file \(path) does not exist"))
    }
}
