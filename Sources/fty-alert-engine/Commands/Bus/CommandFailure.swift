import ArgumentParser

/// Why a bus subcommand failed, and the exit status that says so.
///
/// Exit statuses: 1 when the peer answered ERROR, 2 when it did not answer in time or the bus
/// failed (64, usage, is ArgumentParser's own).
enum CommandFailure: Error, CustomStringConvertible {
    /// The peer answered `["ERROR", reason]` (or refused a request in its own words).
    case refused(reason: String)
    /// No answer from `peer` within the timeout.
    case noAnswer(peer: String, endpoint: String, timeout: Duration)
    /// The broker could not be reached, or a client call failed.
    case bus(endpoint: String, detail: String)
    /// The answer does not follow the protocol.
    case unexpectedAnswer(peer: String, detail: String)
    /// Some requests of several were refused; each was already reported on its own line.
    case someRefused(count: Int, of: Int)
    /// An input file could not be read (a usage error: nothing was sent).
    case unreadableInput(path: String, detail: String)

    /// The process exit status for this failure.
    var exitCode: ExitCode {
        switch self {
        case .refused, .someRefused: ExitCode(1)
        case .noAnswer, .bus, .unexpectedAnswer: ExitCode(2)
        case .unreadableInput: ExitCode.validationFailure
        }
    }

    /// One line for standard error.
    var description: String {
        switch self {
        case .refused(let reason): "the engine answered ERROR: \(reason)"
        case .someRefused(let count, let total): "\(count) of \(total) requests refused"
        case .unreadableInput(let path, let detail): "cannot read \(path): \(detail)"
        case .noAnswer(let peer, let endpoint, let timeout):
            "no answer from \(peer) at \(endpoint) within \(Self.seconds(timeout))"
        case .bus(let endpoint, let detail): "bus error at \(endpoint): \(detail)"
        case .unexpectedAnswer(let peer, let detail): "unexpected answer from \(peer): \(detail)"
        }
    }

    private static func seconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return "\(Double(seconds) + Double(attoseconds / 1_000_000_000_000_000) / 1000) s"
    }
}
