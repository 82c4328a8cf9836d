import MalamuteClient

/// Why an ``EngineServer`` could not start.
public enum EngineServerError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The rules directory could not be created, watched or listed (the original exits, Q37).
    case rulesDirectory(path: String, RuleDirectoryError)
    /// A bus client could not connect or subscribe at `endpoint` within the client timeout.
    case broker(endpoint: String, client: String, MalamuteClientError)
    /// ``EngineServer/start()`` was called on a server that was already started.
    case alreadyStarted
    /// The alert state journal cannot be opened (issue 13).
    case stateJournal(path: String, SystemCallError)

    public var description: String {
        switch self {
        case .rulesDirectory(let path, let error): "rules directory \(path) is not usable: \(error)"
        case .broker(let endpoint, let client, let error): "client \(client) at \(endpoint): \(error)"
        case .alreadyStarted: "the engine server was already started"
        case .stateJournal(let path, let error): "state journal \(path) is not usable: \(error)"
        }
    }
}
