/// Why an Alertmanager webhook body is refused (HTTP 400, the description as the one-line reason).
public enum WebhookPayloadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The body is not JSON at all.
    case malformedJSON(String)
    /// A required member is absent (`alerts`, or `status`, `labels`, `startsAt`, `fingerprint` of an alert).
    case missingField(path: String)
    /// A member has the wrong JSON type.
    case wrongType(path: String, expected: String)
    /// An alert's `status` is neither `firing` nor `resolved`.
    case unknownStatus(path: String, value: String)
    /// A timestamp is not RFC 3339.
    case invalidTime(path: String, value: String)

    public var description: String {
        switch self {
        case .malformedJSON(let detail): "malformed JSON: \(detail)"
        case .missingField(let path): "missing field \(path)"
        case .wrongType(let path, let expected): "\(path): expected \(expected)"
        case .unknownStatus(let path, let value): "\(path): unknown status '\(value)' (expected firing or resolved)"
        case .invalidTime(let path, let value): "\(path): '\(value)' is not an RFC 3339 time"
        }
    }
}
