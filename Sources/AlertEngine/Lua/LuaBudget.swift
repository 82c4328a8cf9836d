/// A budget of decisions.md D4 that a Lua run exhausted, with the limit that applied.
public enum LuaBudget: Sendable, Equatable, CustomStringConvertible {
    /// The run executed more VM instructions than allowed.
    case instructions(limit: Int)
    /// The rule's state needed more memory than its cap.
    case memory(limitBytes: Int)

    public var description: String {
        switch self {
        case .instructions(let limit): "instruction budget of \(limit) exceeded"
        case .memory(let limitBytes): "memory budget of \(limitBytes) bytes exceeded"
        }
    }
}
