/// The fty-shm metric file format, without I/O (engine.md §2.2, wire.md §5.5).
///
/// File `<quantity>@<asset>`; content: line 1 the TTL as exactly 10 zero-padded digits, line 2
/// the unit, line 3 the value (written without a trailing newline), then aux attributes as
/// `\n<key>\n<value>` pairs.
public enum ShmMetricFile {
    /// The longest line (bytes, without its newline) fty-shm reads.
    public static let lineLimit = 127
    /// Digits of the TTL line.
    static let ttlDigits = 10

    /// What a file's content holds, before name and time are attached.
    public struct Content: Equatable, Sendable {
        /// Line 1, parsed.
        public var ttl: Int
        /// Line 2.
        public var unit: String
        /// Line 3.
        public var value: String
        /// The key/value line pairs after line 3.
        public var aux: [ShmMetric.AuxPair]
    }

    /// Splits a file name into quantity and asset; nil unless it is `<quantity>@<asset>` with
    /// both parts non-empty, valid UTF-8 and free of `/` and `@`.
    public static func parseName(_ name: [UInt8]) -> (quantity: String, asset: String)? {
        let parts = name.split(separator: UInt8(ascii: "@"), omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, !name.contains(UInt8(ascii: "/")) else {
            return nil
        }
        let quantity = String(decoding: parts[0], as: UTF8.self)
        let asset = String(decoding: parts[1], as: UTF8.self)
        guard quantity.utf8.elementsEqual(parts[0]), asset.utf8.elementsEqual(parts[1]) else { return nil }
        return (quantity, asset)
    }

    /// Parses a file's content.
    ///
    /// A final newline after the last line is tolerated (a hand-written `echo` file), and a key
    /// line without a value line at the end is ignored, as fty-shm's line-pair reader does.
    /// Lines are otherwise taken as they are (no trimming); bytes that are not UTF-8 are
    /// replaced by U+FFFD.
    public static func parse(_ contents: [UInt8]) throws(ShmMetricError) -> Content {
        var lines = contents.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if lines.count > 1 && lines.last!.isEmpty { lines.removeLast() }
        if let long = lines.firstIndex(where: { $0.count > lineLimit }) { throw .lineTooLong(number: long + 1) }
        guard let ttl = ttl(lines[0]) else {
            throw lines[0].isEmpty && lines.count == 1 ? .missingLine(number: 1) : .badTTLLine
        }
        guard lines.count >= 3 else { throw .missingLine(number: lines.count + 1) }
        var aux: [ShmMetric.AuxPair] = []
        var index = 3
        while index + 1 < lines.count {
            aux.append(.init(key: text(lines[index]), value: text(lines[index + 1])))
            index += 2
        }
        return Content(ttl: ttl, unit: text(lines[1]), value: text(lines[2]), aux: aux)
    }

    /// The TTL of line 1, if that line is exactly 10 digits; lets a reader check expiry before
    /// the rest of the file, as fty-shm does.
    static func ttl(of contents: [UInt8]) -> Int? {
        ttl(contents.prefix { $0 != UInt8(ascii: "\n") })
    }

    private static func ttl(_ line: ArraySlice<UInt8>) -> Int? {
        guard line.count == ttlDigits, line.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return line.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    /// The file content fty-shm writes for `metric` (its name and time are not part of it).
    public static func encode(_ metric: ShmMetric) throws(ShmMetricError) -> [UInt8] {
        guard (0...9_999_999_999).contains(metric.ttl) else { throw .ttlOutOfRange(metric.ttl) }
        var lines: [(field: String, text: String)] = [("unit", metric.unit), ("value", metric.value)]
        for pair in metric.aux {
            lines.append(("aux key \(pair.key)", pair.key))
            lines.append(("aux value of \(pair.key)", pair.value))
        }
        let digits = String(metric.ttl)
        var bytes = Array((String(repeating: "0", count: ttlDigits - digits.count) + digits).utf8)
        for (number, line) in lines.enumerated() {
            guard !line.text.utf8.contains(UInt8(ascii: "\n")) else { throw .fieldContainsNewline(field: line.field) }
            guard line.text.utf8.count <= lineLimit else { throw .lineTooLong(number: number + 2) }
            bytes.append(UInt8(ascii: "\n"))
            bytes += line.text.utf8
        }
        return bytes
    }

    private static func text(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }
}
