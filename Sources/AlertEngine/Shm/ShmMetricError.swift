/// Why a metric file of the fty-shm store was skipped, or could not be written.
///
/// The reader skips such a file and goes on; the caller logs the reason.
public enum ShmMetricError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file name is not `<quantity>@<asset>` with both parts non-empty and free of `/` and `@`.
    case badFileName(String)
    /// Line 1 is not exactly 10 decimal digits (the TTL).
    case badTTLLine
    /// The file ends before line `number` (2 = unit, 3 = value).
    case missingLine(number: Int)
    /// Line `number` is longer than the 127-byte line limit of fty-shm.
    case lineTooLong(number: Int)
    /// The metric is older than its TTL (`age` seconds since mtime, `ttl` allowed).
    case expired(ttl: Int, age: Int)
    /// The entry is not a regular file.
    case notARegularFile
    /// The file is larger than ``ShmMetricStore/maximumFileSize``.
    case fileTooLarge(size: Int)
    /// A field to be written contains a newline, which would break the line format.
    case fieldContainsNewline(field: String)
    /// A TTL to be written does not fit the 10-digit line.
    case ttlOutOfRange(Int)
    /// A system call failed.
    case fileSystem(SystemCallError)

    public var description: String {
        switch self {
        case .badFileName(let name): "file name \(name.debugDescription) is not <quantity>@<asset>"
        case .badTTLLine: "first line is not a 10-digit TTL"
        case .missingLine(let number): "file ends before line \(number)"
        case .lineTooLong(let number): "line \(number) is longer than \(ShmMetricFile.lineLimit) bytes"
        case .expired(let ttl, let age): "expired (\(age) s old, ttl \(ttl) s)"
        case .notARegularFile: "not a regular file"
        case .fileTooLarge(let size): "\(size) bytes is too large for a metric file"
        case .fieldContainsNewline(let field): "\(field) contains a newline"
        case .ttlOutOfRange(let ttl): "ttl \(ttl) does not fit 10 digits"
        case .fileSystem(let error): "\(error)"
        }
    }
}
