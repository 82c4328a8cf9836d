/// Why a probe could not be registered, removed, loaded or saved. The HTTP routes map each case
/// to a status in one place (`ProbesError+HTTP` in AgentHTTP); the CLI prints the description.
public enum ProbesError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A name, machine or service that is not 1 to 100 of `A-Z a-z 0-9 . _ -`.
    case invalidName(field: String, value: String)
    /// A period that ``PeriodText`` does not accept.
    case invalidPeriod(String)
    /// A ladder count below 1 or above 1,000,000.
    case invalidCount(field: String, value: Int)
    /// A probe of this name is already registered.
    case duplicate(String)
    /// No probe of this name is registered.
    case unknown(String)
    /// The probes file (or its state or lock file) could not be read or written.
    case file(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidName(let field, let value):
            "\(field) \"\(value)\": expected 1 to 100 characters of A-Z a-z 0-9 . _ -"
        case .invalidPeriod(let text): "period \"\(text)\": expected a period such as 500ms, 10s, 5m or 1h (1 ms to 30 days)"
        case .invalidCount(let field, let value): "\(field) \(value): expected a whole number from 1 to 1000000"
        case .duplicate(let name): "probe \(name) is already registered"
        case .unknown(let name): "no probe named \(name)"
        case .file(let path, let reason): "\(path): \(reason)"
        }
    }
}
