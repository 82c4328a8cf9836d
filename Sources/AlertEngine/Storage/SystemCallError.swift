#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A POSIX call on a file or directory failed.
///
/// Carries the call, the path it was made on and the `errno` it left, so a log line can say
/// exactly what went wrong (`rename(/var/lib/…/x.rule): No space left on device`).
public struct SystemCallError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The failing call, e.g. `open`, `rename`, `fsync`.
    public let call: String
    /// The path the call was made on.
    public let path: String
    /// The `errno` value the call left.
    public let code: Int32

    /// Captures the current `errno` for a failed `call` on `path`.
    init(_ call: String, path: String, code: Int32 = errno) {
        self.call = call
        self.path = path
        self.code = code
    }

    /// True when the file or directory does not exist (ENOENT).
    public var isNotFound: Bool { code == ENOENT }

    public var description: String {
        "\(call)(\(path)): \(String(cString: strerror(code)))"
    }
}
