import Foundation

/// A snapshot of the process environment, injectable for tests.
struct Environment: Sendable {
    var variables: [String: String]

    /// The environment of this process.
    static var current: Environment { Environment(variables: ProcessInfo.processInfo.environment) }

    /// The value of `name`, or nil when unset or empty.
    subscript(_ name: String) -> String? {
        guard let value = variables[name], !value.isEmpty else { return nil }
        return value
    }
}
