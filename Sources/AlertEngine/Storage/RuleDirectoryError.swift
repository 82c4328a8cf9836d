/// Why the rules directory could not do what was asked.
///
/// The engine maps every case met while handling a mailbox request to the one wire reason
/// `Internal error - operating with storage/disk failed.` (engine.md §9.4 step 5, §9.6 step 4);
/// that mapping lives with the other wire reasons, not here. At start-up the cases are logged.
public enum RuleDirectoryError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The rule name cannot be a file name in the directory (it would escape it or is too long).
    case invalidRuleName(String, RuleNameProblem)
    /// A system call on the directory or one of its files failed.
    case fileSystem(SystemCallError)
    /// A `.rule` entry is not a regular file (a directory, FIFO, socket …); it is skipped.
    case notARegularFile(path: String)
    /// A `.rule` file is larger than ``RuleDirectory/maximumFileSize``; it is skipped.
    case fileTooLarge(path: String, size: Int)
    /// A `.rule` entry's name is not valid UTF-8, so no rule name can match it (engine.md §3.6).
    case fileNameNotUTF8(directory: String, bytes: [UInt8])
    /// inotify could not be set up or read.
    case watcher(SystemCallError)

    public var description: String {
        switch self {
        case .invalidRuleName(let name, let problem): "rule name \(name.debugDescription) \(problem)"
        case .fileSystem(let error): "\(error)"
        case .notARegularFile(let path): "\(path): not a regular file"
        case .fileTooLarge(let path, let size): "\(path): \(size) bytes is too large for a rule file"
        case .fileNameNotUTF8(let directory, let bytes):
            "\(directory)/\(String(decoding: bytes, as: UTF8.self)): file name is not valid UTF-8"
        case .watcher(let error): "watching the rules directory: \(error)"
        }
    }
}

/// Why a rule name cannot be used as a file name.
public enum RuleNameProblem: Equatable, Sendable, CustomStringConvertible {
    /// The name is empty (engine.md Q26).
    case empty
    /// The name is `.` or `..`.
    case dotOrDotDot
    /// The name contains `/`, which would put the file in another directory.
    case containsSlash
    /// The name contains a NUL byte, which no file name can hold.
    case containsNUL
    /// The name plus `.rule` exceeds the 255-byte file name limit; `bytes` is the name's length.
    case tooLong(bytes: Int)

    public var description: String {
        switch self {
        case .empty: "is empty"
        case .dotOrDotDot: "is . or .."
        case .containsSlash: "contains /"
        case .containsNUL: "contains a NUL byte"
        case .tooLong(let bytes):
            "is \(bytes) bytes long; with .rule a file name allows \(RuleFileName.maximumLength - 5)"
        }
    }
}
