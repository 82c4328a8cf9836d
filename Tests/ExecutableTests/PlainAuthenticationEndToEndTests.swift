import Foundation
import MalamuteBroker
import MalamuteClient
import TestSupport
import Testing

/// Issue 14 item 6 over the real executable: `--bus-user` against a PLAIN broker, and
/// `--bus-passwords-file` turning PLAIN on for the embedded broker.
@Suite struct PlainAuthenticationEndToEndTests {
    static let quiet = EngineEndToEndTests.quiet
    static let agent = PlainCredentials(user: "fty-agent", password: "agent secret")
    static let operatorUser = PlainCredentials(user: "operator", password: "op")

    /// A scratch directory with the rules directory and a passwords file for both users.
    static func scratch() throws -> (directory: String, passwords: String) {
        let directory = scratchDirectory()
        try FileManager.default.createDirectory(atPath: directory + "/rules", withIntermediateDirectories: true)
        let passwords = directory + "/passwords"
        try "# zauth passwords\nfty-agent=agent secret\noperator=op\n".write(toFile: passwords, atomically: true, encoding: .utf8)
        return (directory, passwords)
    }

    @Test func theAgentWithBusUserAndAPasswordFileServesItsMailboxOnAPlainBroker() throws {
        let (directory, passwords) = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let endpoint = uniqueEndpoint("plain-exe")
        let broker = try MalamuteBroker(
            configuration: BrokerConfiguration(endpoints: [endpoint], plainPasswords: try PlainPasswords(contentsOf: passwords)))
        defer { broker.stop() }
        let passwordFile = directory + "/agent-password"
        try "agent secret\n".write(toFile: passwordFile, atomically: true, encoding: .utf8)
        let process = try EngineProcess(
            ["--endpoint", endpoint, "--rules-dir", directory + "/rules", "--bus-user", "fty-agent",
             "--bus-password-file", passwordFile, "--http-listen", "off"],
            environment: Self.quiet)
        let requester = try connectedClient(endpoint, "requester", credentials: Self.operatorUser)
        defer { requester.close() }
        #expect(try awaitEngine(requester), "\(process.readOutput())")
        process.send(SIGTERM)
        #expect(process.waitForExit(timeout: .seconds(10)) == 0)
    }

    @Test func theAgentWithAWrongPasswordFromTheEnvironmentCannotStart() throws {
        let (directory, passwords) = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let endpoint = uniqueEndpoint("plain-exe-wrong")
        let broker = try MalamuteBroker(
            configuration: BrokerConfiguration(endpoints: [endpoint], plainPasswords: try PlainPasswords(contentsOf: passwords)))
        defer { broker.stop() }
        var environment = Self.quiet
        environment["FTY_ALERT_ENGINE_BUS_PASSWORD"] = "not the password"
        let process = try EngineProcess(
            ["--endpoint", endpoint, "--rules-dir", directory + "/rules", "--bus-user", "fty-agent", "--http-listen", "off"],
            environment: environment)
        let status = process.waitForExit(timeout: .seconds(30))
        #expect(status == 1, "\(process.readOutput())")
    }

    @Test func theEmbeddedBrokerWithAPasswordsFileRefusesUnauthenticatedClients() throws {
        let (directory, passwords) = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let endpoint = uniqueEndpoint("plain-exe-embedded")
        let process = try EngineProcess(
            ["--embedded-broker", "--bus-passwords-file", passwords, "--endpoint", endpoint,
             "--rules-dir", directory + "/rules", "--http-listen", "off"],
            environment: Self.quiet)
        let requester = try connectedClient(endpoint, "requester", credentials: Self.operatorUser)
        defer { requester.close() }
        #expect(try awaitEngine(requester), "\(process.readOutput())")
        let anonymous = MalamuteClient(configuration: ClientConfiguration(endpoint: endpoint, name: "anonymous", timeout: .milliseconds(700)))
        #expect(throws: MalamuteClientError.self) { try anonymous.connect() }
        anonymous.close()
        process.send(SIGTERM)
        #expect(process.waitForExit(timeout: .seconds(10)) == 0)
    }

    @Test func busPasswordsFileWithoutEmbeddedBrokerIsAUsageError() throws {
        let (directory, passwords) = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let process = try EngineProcess(
            ["--bus-passwords-file", passwords, "--rules-dir", directory + "/rules"], environment: Self.quiet)
        #expect(process.waitForExit(timeout: .seconds(10)) == 64)
        #expect(process.readOutput().contains("--bus-passwords-file needs --embedded-broker"))
    }
}
