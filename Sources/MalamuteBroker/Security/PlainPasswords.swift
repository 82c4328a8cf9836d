import Foundation

/// The PLAIN passwords of a broker: `user=password` lines, read as czmq's zauth reads its
/// passwords file (zhashx_load): a line starting with `#` is a comment, a line without `=` is
/// skipped, the text before the first `=` is the user and the rest of the line (spaces included)
/// the password; a later line for the same user wins.
public struct PlainPasswords: Sendable, Equatable {
    /// Password by user name.
    public private(set) var entries: [String: String]

    /// Parses the text of a passwords file.
    public init(parsing text: String) {
        var entries: [String: String] = [:]
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            guard !line.hasPrefix("#"), let equals = line.firstIndex(of: "=") else { continue }
            entries[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        self.entries = entries
    }

    /// Reads the passwords file at `path`.
    ///
    /// - Throws: ``MalamuteBrokerError/passwordsFileUnreadable(path:reason:)`` when the file
    ///   cannot be read or is not UTF-8.
    public init(contentsOf path: String) throws(MalamuteBrokerError) {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .passwordsFileUnreadable(path: path, reason: (error as NSError).localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .passwordsFileUnreadable(path: path, reason: "not UTF-8 text")
        }
        self.init(parsing: text)
    }

    /// True when `user` exists and `password` is its password (compared in constant time).
    public func accepts(user: [UInt8], password: [UInt8]) -> Bool {
        guard let name = String(validating: user, as: UTF8.self), let expected = entries[name] else { return false }
        let wanted = Array(expected.utf8)
        guard wanted.count == password.count else { return false }
        var difference: UInt8 = 0
        for (a, b) in zip(wanted, password) { difference |= a ^ b }
        return difference == 0
    }
}
