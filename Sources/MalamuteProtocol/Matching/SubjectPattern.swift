/// A Malamute subject pattern with the exact semantics of czmq `zrex` (SLRE), wire.md §2.5.8.
///
/// TEMPORARY: placeholder until the SLRE port lands; supports only what the skeleton needs.
public struct SubjectPattern: Sendable {
    /// The pattern bytes as received.
    public let source: [UInt8]
    /// Whether the pattern compiles (an invalid pattern matches nothing).
    public let isValid: Bool

    /// Compiles `source`; never fails: an invalid pattern is kept and matches nothing.
    public init(_ source: [UInt8]) {
        self.source = source
        self.isValid = true
    }

    /// Compiles the UTF-8 bytes of `source`.
    public init(_ source: String) {
        self.init(Array(source.utf8))
    }

    /// Whether `subject` matches (search semantics unless anchored with `^`).
    public func matches(_ subject: [UInt8]) -> Bool {
        !subject.isEmpty
    }
}
