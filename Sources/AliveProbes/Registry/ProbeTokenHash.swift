import Crypto

/// A probe's bearer token as the registry stores it: a random salt and the SHA-256 of the salt
/// followed by the token's UTF-8 bytes, both in lower-case hex. The token itself is never stored.
public struct ProbeTokenHash: Sendable, Hashable, Codable {
    /// 16 random bytes, hex.
    public var salt: String
    /// SHA-256(salt bytes ‖ token bytes), hex.
    public var sha256: String

    /// The hash of `token` under a fresh random salt.
    public init(token: String) {
        var generator = SystemRandomNumberGenerator()
        let salt = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        self.init(token: token, salt: salt)
    }

    /// The hash of `token` under `salt` (tests pin the salt).
    public init(token: String, salt: [UInt8]) {
        self.salt = Hex.encode(salt)
        self.sha256 = Hex.encode(Self.digest(salt: salt, token: token))
    }

    /// Whether `token` is the one hashed here. The digests are compared in constant time; a
    /// malformed stored hash matches nothing.
    public func matches(_ token: String) -> Bool {
        guard let salt = Hex.decode(salt), let stored = Hex.decode(sha256), stored.count == 32 else { return false }
        let given = Self.digest(salt: salt, token: token)
        var difference: UInt8 = 0
        for index in 0..<32 { difference |= given[index] ^ stored[index] }
        return difference == 0
    }

    private static func digest(salt: [UInt8], token: String) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(data: salt)
        hasher.update(data: Array(token.utf8))
        return Array(hasher.finalize())
    }
}

/// A new bearer token: 32 random bytes in hex (64 characters), shown once at registration.
public enum ProbeToken {
    /// A fresh token from the system's secure generator.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        return Hex.encode((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }
}

/// Lower-case hex of bytes, and back.
enum Hex {
    static func encode(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    static func decode(_ text: String) -> [UInt8]? {
        let characters = Array(text.utf8)
        guard characters.count % 2 == 0 else { return nil }
        func value(_ character: UInt8) -> UInt8? {
            switch character {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
            default: nil
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(characters.count / 2)
        var index = 0
        while index < characters.count {
            guard let high = value(characters[index]), let low = value(characters[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }
}
