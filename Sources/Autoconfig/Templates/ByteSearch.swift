#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Plain substring search on bytes.
///
/// The standard library's generic `firstRange(of:)` instantiates generic metadata on every
/// call, which dominated a generation pass (46 file names and contents searched per asset).
enum ByteSearch {
    /// Whether `needle` occurs in `haystack` (memchr for its first byte, then memcmp).
    static func contains(_ needle: [UInt8], in haystack: [UInt8]) -> Bool {
        guard !needle.isEmpty, haystack.count >= needle.count else { return false }
        return haystack.withUnsafeBytes { hay in
            needle.withUnsafeBytes { pin in
                let base = hay.baseAddress!, last = hay.count - pin.count
                var offset = 0
                while offset <= last {
                    guard let hit = memchr(base + offset, Int32(pin[0]), last - offset + 1) else { return false }
                    offset = UnsafeRawPointer(hit) - base
                    if memcmp(hit, pin.baseAddress!, pin.count) == 0 { return true }
                    offset += 1
                }
                return false
            }
        }
    }
}
