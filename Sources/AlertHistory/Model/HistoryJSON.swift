import Foundation

/// The one JSON encoding of the history's types, for the CLI's `--json` and the HTTP API:
/// snake_case keys, sorted, times as ISO-8601 UTC strings with milliseconds
/// (`2026-12-06T19:40:00.123Z`).
public enum HistoryJSON {
    /// A configured encoder (compact, keys sorted, `/` not escaped).
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// A time member written by ``encoder()``.
    static func decodeTime<Key: CodingKey>(_ container: KeyedDecodingContainer<Key>, _ key: Key) throws -> Int64 {
        let text = try container.decode(String.self, forKey: key)
        guard let millis = RFC3339.milliseconds(text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "'\(text)' is not RFC 3339")
        }
        return millis
    }
}
