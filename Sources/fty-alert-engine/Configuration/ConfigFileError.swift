import ZPL

/// Why the config file stops the agent from starting (exit status 78, see ``ConfigFile``).
enum ConfigFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `-c PATH` names a file that does not exist (the default path may be absent).
    case missing(path: String)
    /// The file exists but cannot be read, or is not UTF-8 text.
    case unreadable(path: String, reason: String)
    /// The file is not valid ZPL.
    case syntax(path: String, ZPLSyntaxError)
    /// A known key has a value it cannot take.
    case badValue(path: String, line: Int, key: String, value: String, expected: String)

    var description: String {
        switch self {
        case .missing(let path):
            "config file \(path) does not exist"
        case .unreadable(let path, let reason):
            "config file \(path) cannot be read: \(reason)"
        case .syntax(let path, let error):
            "config file \(path):\(error.line): \(Self.dropLinePrefix(error.description))"
        case .badValue(let path, let line, let key, let value, let expected):
            "config file \(path):\(line): \(key) = '\(value)' is not valid; expected \(expected)"
        }
    }

    /// `ZPLSyntaxError` starts with "line N: "; the file form puts the line after the path.
    private static func dropLinePrefix(_ text: String) -> String {
        guard let colon = text.firstIndex(of: ":") else { return text }
        return String(text[text.index(after: colon)...].drop { $0 == " " })
    }
}
