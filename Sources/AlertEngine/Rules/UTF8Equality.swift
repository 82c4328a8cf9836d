/// `utf8eq`: the case-insensitive name comparison of engine.md §3.6.
///
/// Equal iff both have the same byte length and, walking UTF-8 sequences in parallel, every
/// ASCII character is equal after ASCII lower-casing and every multi-byte sequence is
/// byte-identical (so `Ž` ≠ `ž`). Used only for the load-time file-name check (§10.2) and the
/// update rename decision (§9.6); every store lookup is an exact byte comparison.
public func utf8eq(_ lhs: String, _ rhs: String) -> Bool {
    utf8eq(bytes: lhs.utf8, rhs.utf8)
}

/// `utf8eq` over raw bytes (e.g. a file name from the directory, which need not be UTF-8).
///
/// Invalid UTF-8 on either side makes the strings unequal ([orig] reported "equal", §3.6).
public func utf8eq<L: Collection<UInt8>, R: Collection<UInt8>>(bytes lhs: L, _ rhs: R) -> Bool {
    guard lhs.count == rhs.count else { return false }
    var left = lhs.makeIterator()
    var right = rhs.makeIterator()
    while let lead = left.next() {
        guard let other = right.next() else { return false }
        if lead < 0x80 {
            guard other < 0x80, asciiLowercased(lead) == asciiLowercased(other) else { return false }
            continue
        }
        let length = utf8SequenceLength(lead)
        guard length > 1, lead == other else { return false }
        for _ in 1..<length {
            guard let a = left.next(), let b = right.next(), a & 0xC0 == 0x80, a == b else { return false }
        }
    }
    return true
}

private func asciiLowercased(_ byte: UInt8) -> UInt8 {
    byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
}

/// Byte count of the UTF-8 sequence introduced by `lead`, or 0 for a byte that cannot lead one
/// (continuation bytes, the overlong leads 0xC0/0xC1, and 0xF5…0xFF).
private func utf8SequenceLength(_ lead: UInt8) -> Int {
    switch lead {
    case 0x00..<0x80: return 1
    case 0xC2..<0xE0: return 2
    case 0xE0..<0xF0: return 3
    case 0xF0..<0xF5: return 4
    default: return 0
    }
}
