/// Byte-exact text comparison (engine.md §3.6: every lookup compares bytes exactly).
///
/// Swift's `String` `==` and hashing use Unicode canonical equivalence (`"é"` precomposed equals
/// `"e\u{301}"`, and even `"\u{212A}"` KELVIN SIGN equals `"K"`), which the original's byte
/// comparisons do not. Keys that must match byte for byte use `exactBytes` instead.
extension String {
    /// The UTF-8 bytes, for use as a byte-exact dictionary key.
    var exactBytes: [UInt8] { Array(utf8) }

    /// Whether both strings have the same UTF-8 bytes.
    ///
    /// Compares the lengths first and then the contiguous UTF-8 storage, which native strings
    /// always have; this runs for every evaluation that compares an alert with the cached one.
    func hasSameBytes(as other: String) -> Bool {
        guard utf8.count == other.utf8.count else { return false }
        let contiguous = utf8.withContiguousStorageIfAvailable { a in
            other.utf8.withContiguousStorageIfAvailable { b in a.elementsEqual(b) }
        }
        return (contiguous ?? nil) ?? utf8.elementsEqual(other.utf8)
    }
}
