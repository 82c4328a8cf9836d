/// Why the history store failed; the HTTP side answers 503, the CLI exits 1 with the text.
public enum HistoryError: Error, Sendable, CustomStringConvertible {
    /// The database cannot be opened or migrated at `path`.
    case cannotOpen(path: String, reason: String)
    /// A read or a write failed.
    case database(String)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "cannot open the history database \(path): \(reason)"
        case .database(let reason): "history database: \(reason)"
        }
    }
}
