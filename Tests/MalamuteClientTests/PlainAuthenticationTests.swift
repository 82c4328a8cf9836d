import MalamuteBroker
import MalamuteProtocol
import Testing
import TestSupport

@testable import MalamuteClient

/// ZMQ PLAIN between our client and our broker over real sockets (issue 14 item 6).
@Suite struct PlainAuthenticationTests {
    private let passwords = PlainPasswords(parsing: "# users of the bus\nagent=s3cret\nother=pa=ss word\n")

    private func plainBroker(_ endpoint: String) throws -> MalamuteBroker {
        try MalamuteBroker(configuration: BrokerConfiguration(endpoints: [endpoint], plainPasswords: passwords))
    }

    private func client(
        _ endpoint: String, _ name: String, _ credentials: PlainCredentials?, timeout: Duration = .seconds(5)
    ) -> MalamuteClient {
        MalamuteClient(
            configuration: ClientConfiguration(
                endpoint: endpoint, name: name, timeout: timeout, plainCredentials: credentials))
    }

    @Test func passwordsFileIsReadAsZauthReadsIt() {
        #expect(passwords.entries == ["agent": "s3cret", "other": "pa=ss word"])
        #expect(passwords.accepts(user: Array("agent".utf8), password: Array("s3cret".utf8)))
        #expect(!passwords.accepts(user: Array("agent".utf8), password: Array("s3cre".utf8)))
        #expect(!passwords.accepts(user: Array("nobody".utf8), password: []))
    }

    @Test(arguments: ["ipc", "tcp"])
    func rightPasswordGetsMailAndPublications(transport: String) throws {
        let broker = try plainBroker(transport == "tcp" ? "tcp://127.0.0.1:*" : uniqueEndpoint("plain-ok"))
        let endpoint = try #require(broker.boundEndpoints.first)
        let consumer = client(endpoint, "plain-consumer", PlainCredentials(user: "agent", password: "s3cret"))
        let producer = client(endpoint, "plain-producer", PlainCredentials(user: "other", password: "pa=ss word"))
        try consumer.connect()
        try producer.connect()
        try consumer.setConsumer(stream: "PLAIN", pattern: ".*")
        try producer.setProducer(stream: "PLAIN")
        try producer.sendTo(address: "plain-consumer", subject: "hello", content: ["mail"])
        let mail = try #require(try consumer.receive(timeout: .seconds(5)))
        #expect(mail.kind == .mailbox && mail.content == [Array("mail".utf8)])
        var published = false
        #expect(eventually {
            try? producer.send(subject: "s", content: ["pub"])
            while let delivery = try? consumer.receive(timeout: .milliseconds(20)) {
                if delivery.kind == .stream, delivery.content == [Array("pub".utf8)] { published = true }
            }
            return published
        })
        consumer.close()
        producer.close()
        broker.stop()
    }

    @Test(arguments: [
        PlainCredentials(user: "agent", password: "wrong"), PlainCredentials(user: "nobody", password: "s3cret"), nil,
    ])
    func wrongPasswordOrNoneGetsNoSession(credentials: PlainCredentials?) throws {
        let endpoint = uniqueEndpoint("plain-refused")
        let broker = try plainBroker(endpoint)
        let intruder = client(endpoint, "intruder", credentials, timeout: .milliseconds(700))
        #expect(throws: MalamuteClientError.self) { try intruder.connect() }
        intruder.close()
        // The broker holds no session for it: mail to its name is stored, not delivered, and a
        // legitimate client still connects.
        let legit = client(endpoint, "legit", PlainCredentials(user: "agent", password: "s3cret"))
        try legit.connect()
        legit.close()
        broker.stop()
    }

    @Test func credentialsAgainstANullBrokerGetNoSession() throws {
        let endpoint = uniqueEndpoint("plain-vs-null")
        let broker = try MalamuteBroker(configuration: BrokerConfiguration(endpoints: [endpoint]))
        let plain = client(endpoint, "plain-client", PlainCredentials(user: "agent", password: "s3cret"), timeout: .milliseconds(700))
        #expect(throws: MalamuteClientError.self) { try plain.connect() }
        plain.close()
        broker.stop()
    }

    @Test func twoPlainBrokersInOneProcessKeepTheirOwnPasswords() throws {
        let first = try plainBroker(uniqueEndpoint("plain-a"))
        let second = try MalamuteBroker(
            configuration: BrokerConfiguration(
                endpoints: [uniqueEndpoint("plain-b")], plainPasswords: PlainPasswords(parsing: "agent=different\n")))
        let onSecond = client(
            try #require(second.boundEndpoints.first), "b-client", PlainCredentials(user: "agent", password: "s3cret"),
            timeout: .milliseconds(700))
        #expect(throws: MalamuteClientError.self) { try onSecond.connect() }
        onSecond.close()
        let onFirst = client(try #require(first.boundEndpoints.first), "a-client", PlainCredentials(user: "agent", password: "s3cret"))
        try onFirst.connect()
        onFirst.close()
        first.stop()
        second.stop()
    }
}
