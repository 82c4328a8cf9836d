import Foundation
import ZPL

/// The agent's config file (decisions.md D5): ZPL as 42ity's other agents write theirs, with the
/// original's `server` section (engine.md §1) and our keys for every D5 knob.
///
/// Unknown keys, repeated keys and values on section lines are warnings (the agent starts);
/// a value a known key cannot take, a syntax error, or an unreadable file stop the start. The
/// agent then exits with status 78 (`EX_CONFIG` of sysexits.h) rather than 1: the error is in
/// the configuration, not in the run, and a supervisor can tell the two apart (systemd:
/// `RestartPreventExitStatus=78`).
struct ConfigFile: Sendable, Equatable {
    /// Where 42ity installs it; its absence means defaults.
    static let defaultPath = "/etc/fty-alert-engine/fty-alert-engine.cfg"

    /// The exit status of a refused config file: `EX_CONFIG`.
    static let exitStatus: Int32 = 78

    var settings = ConfigFileSettings()
    var warnings: [ConfigFileWarning] = []

    /// Reads the file at `path`.
    ///
    /// - Parameter required: whether a missing file is an error (`-c PATH`) or means defaults
    ///   (the default path).
    /// - Throws: ``ConfigFileError``.
    static func load(path: String, required: Bool) throws(ConfigFileError) -> ConfigFile {
        guard FileManager.default.fileExists(atPath: path) else {
            if required { throw .missing(path: path) }
            return ConfigFile()
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path, reason: String(cString: strerror(errno)))
        }
        guard let text = String(validating: Array(data), as: UTF8.self) else {
            throw .unreadable(path: path, reason: "not UTF-8 text")
        }
        return try parse(text, path: path)
    }

    /// Reads `text`, the contents of the file at `path` (named in errors and warnings).
    ///
    /// - Throws: ``ConfigFileError/syntax(path:_:)`` or ``ConfigFileError/badValue(path:line:key:value:expected:)``.
    static func parse(_ text: String, path: String) throws(ConfigFileError) -> ConfigFile {
        let roots: [ZPLNode]
        do {
            roots = try ZPLParser.parse(text)
        } catch {
            throw .syntax(path: path, error)
        }
        var file = ConfigFile()
        var seen: [String: Int] = [:]
        for leaf in roots.flatMap({ $0.leaves() }) {
            try file.take(leaf, path: path, seen: &seen)
        }
        return file
    }

    private mutating func take(_ leaf: ZPLLeaf, path: String, seen: inout [String: Int]) throws(ConfigFileError) {
        if ConfigFileKey.sections.contains(leaf.path) {
            // A known section alone on a line (no keys under it yet) is not a mistake.
            if leaf.value != nil {
                warnings.append(ConfigFileWarning(path: path, line: leaf.line, key: leaf.path, kind: .valueOnSection))
            }
            return
        }
        guard let key = ConfigFileKey(rawValue: leaf.path) else {
            warnings.append(ConfigFileWarning(path: path, line: leaf.line, key: leaf.path, kind: .unknownKey))
            return
        }
        if let first = seen[leaf.path] {
            let kind = ConfigFileWarning.Kind.duplicateKey(firstLine: first)
            warnings.append(ConfigFileWarning(path: path, line: leaf.line, key: leaf.path, kind: kind))
            return
        }
        seen[leaf.path] = leaf.line
        let value = leaf.value ?? ""
        do {
            try key.apply(value, to: &settings)
        } catch {
            throw .badValue(path: path, line: leaf.line, key: leaf.path, value: value, expected: error.text)
        }
    }
}
