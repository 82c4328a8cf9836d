/// Where the self-metrics HTTP server listens: `HOST:PORT` as given to `--metrics-listen`.
///
/// The host is an IPv4 address, a name, or an IPv6 address in brackets (`[::1]:9464`); an
/// empty host (`:9464`) means every interface, as `0.0.0.0`. The port is 1…65535.
public struct ListenAddress: Sendable, Equatable, CustomStringConvertible {
    /// The host to bind, without brackets.
    public var host: String
    /// The TCP port.
    public var port: Int

    /// Creates an address from its parts (not checked).
    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST:PORT`.
    ///
    /// - Throws: ``ListenAddressError`` naming what is wrong with `text`.
    public init(parsing text: String) throws(ListenAddressError) {
        guard let colon = text.lastIndex(of: ":") else { throw .missingPort(text) }
        var host = String(text[..<colon])
        let portText = text[text.index(after: colon)...]
        if host.hasPrefix("[") || host.hasSuffix("]") {
            guard host.count >= 3, host.hasPrefix("["), host.hasSuffix("]") else { throw .badHost(text) }
            host = String(host.dropFirst().dropLast())
        } else if host.contains(":") {
            // An IPv6 address must be bracketed, or its last group would pass for the port.
            throw .badHost(text)
        }
        if host.contains(where: { $0.isWhitespace || $0 == "/" }) { throw .badHost(text) }
        guard !portText.isEmpty, portText.allSatisfy(\.isASCIIDigit), let port = Int(portText), (1...65535).contains(port)
        else { throw .badPort(text) }
        self.host = host.isEmpty ? "0.0.0.0" : host
        self.port = port
    }

    /// `host:port`, with brackets around an IPv6 host.
    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

/// Why a `--metrics-listen` value is refused.
public enum ListenAddressError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No `:PORT`.
    case missingPort(String)
    /// The port is not a number in 1…65535.
    case badPort(String)
    /// The host has spaces or slashes, or unbalanced brackets, or is an unbracketed IPv6 address.
    case badHost(String)

    public var description: String {
        switch self {
        case .missingPort(let text): "'\(text)' is not HOST:PORT (no port)"
        case .badPort(let text): "'\(text)' is not HOST:PORT (the port must be a number from 1 to 65535)"
        case .badHost(let text): "'\(text)' is not HOST:PORT (bad host; write an IPv6 address as [::1]:PORT)"
        }
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
