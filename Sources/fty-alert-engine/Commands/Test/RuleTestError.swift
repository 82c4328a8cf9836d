/// Why a rule test file cannot be run at all (exit status 2 of `fty-alert-engine test`).
enum RuleTestError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The test file, or a file it names, cannot be read or is not what it should be.
    case unreadable(path: String, reason: String)

    var description: String {
        switch self {
        case .unreadable(let path, let reason): "\(path): \(reason)"
        }
    }
}
