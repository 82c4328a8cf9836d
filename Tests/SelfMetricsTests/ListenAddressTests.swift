import SelfMetrics
import Testing

/// `--metrics-listen HOST:PORT` parsing.
@Suite struct ListenAddressTests {
    @Test(arguments: [
        ("127.0.0.1:9464", "127.0.0.1", 9464), ("localhost:1", "localhost", 1), (":9464", "0.0.0.0", 9464),
        ("[::1]:65535", "::1", 65535), ("0.0.0.0:80", "0.0.0.0", 80),
    ])
    func acceptsHostAndPort(text: String, host: String, port: Int) throws {
        let address = try ListenAddress(parsing: text)
        #expect(address == ListenAddress(host: host, port: port))
    }

    @Test func printsIPv6InBrackets() throws {
        #expect(try ListenAddress(parsing: "[::1]:9464").description == "[::1]:9464")
        #expect(try ListenAddress(parsing: "127.0.0.1:9464").description == "127.0.0.1:9464")
    }

    @Test(arguments: [
        ("9464", ListenAddressError.missingPort("9464")), ("host:", .badPort("host:")), ("host:0", .badPort("host:0")),
        ("host:65536", .badPort("host:65536")), ("host:-1", .badPort("host:-1")), ("host:9x", .badPort("host:9x")),
        ("host: 94", .badPort("host: 94")), ("::1:9464", .badHost("::1:9464")), ("[::1:9464", .badHost("[::1:9464")),
        ("a b:9464", .badHost("a b:9464")), ("http://h:9464", .badHost("http://h:9464")), ("[]:9464", .badHost("[]:9464")),
    ])
    func refusesWhatIsNotHostAndPort(text: String, error: ListenAddressError) {
        #expect(throws: error) { try ListenAddress(parsing: text) }
    }
}
