import ArgumentParser

/// Why `alerts` or `history` could not answer, and its exit status: 1 for a database that
/// cannot be read, 78 for a refused config file, 64 for a bad argument.
enum HistoryCommandFailure: Error, CustomStringConvertible {
    /// The config file was refused.
    case config(String)
    /// `--history off` (or the environment or config file say so).
    case off
    /// The database cannot be opened or read.
    case store(String)
    /// A bad argument value (`--since soon`).
    case argument(String)

    /// The process exit status for this failure.
    var exitCode: ExitCode {
        switch self {
        case .config: ExitCode(ConfigFile.exitStatus)
        case .off, .store: ExitCode.failure
        case .argument: ExitCode.validationFailure
        }
    }

    /// One line for standard error.
    var description: String {
        switch self {
        case .config(let detail): detail
        case .off: "history is off (--history off)"
        case .store(let detail): detail
        case .argument(let detail): detail
        }
    }
}
