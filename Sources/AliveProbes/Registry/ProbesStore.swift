#if canImport(Glibc)
import Glibc
#endif
import AbsenceWatch
import AlertEngine
import Foundation

/// The probes file and its state file on disk (issue 12 item 3).
///
/// - `PATH` (`--probes-file`): `{"version": 1, "probes": [ProbeDefinition…]}`, the registry.
///   Written by the agent (HTTP registration) and by `fty-alert-engine probes add|remove`; every
///   read-modify-write holds `PATH.lock` (`flock`), so the two never lose each other's change.
/// - `PATH.state`: the ladders (`[SavedLadder]`), written by the agent only.
///
/// Every write is atomic: a temporary file in the same directory, `fsync`, `rename`, `fsync` of
/// the directory; a crash leaves the old file or the new one, never half of one.
public enum ProbesStore {
    /// The version written and the only one read.
    public static let version = 1

    /// The state file beside `path`.
    public static func statePath(_ path: String) -> String { path + ".state" }

    /// The registry in `path`; an absent file is an empty registry.
    public static func load(_ path: String) throws(ProbesError) -> [ProbeDefinition] {
        guard let data = try read(path) else { return [] }
        do {
            let file = try JSONDecoder().decode(RegistryFile.self, from: data)
            guard file.version == version else {
                throw ProbesError.file(path: path, reason: "version \(file.version) is not \(version)")
            }
            var seen = Set<String>()
            for probe in file.probes {
                guard seen.insert(probe.name).inserted else { throw ProbesError.file(path: path, reason: "probe \(probe.name) twice") }
            }
            return file.probes
        } catch let error as ProbesError {
            throw error
        } catch {
            throw .file(path: path, reason: "not a probes file: \(Self.reason(error))")
        }
    }

    /// Writes the registry to `path` atomically.
    public static func save(_ probes: [ProbeDefinition], to path: String) throws(ProbesError) {
        let sorted = probes.sorted { $0.name < $1.name }
        try write(encode(RegistryFile(version: version, probes: sorted)), to: path)
    }

    /// The saved ladders beside `path`; absent or unreadable: none (logged by the caller via
    /// the thrown error only when the file exists but is not valid).
    public static func loadState(_ path: String) throws(ProbesError) -> [SavedLadder] {
        let statePath = statePath(path)
        guard let data = try read(statePath) else { return [] }
        do {
            return try JSONDecoder().decode([SavedLadder].self, from: data)
        } catch {
            throw .file(path: statePath, reason: "not a probes state file: \(Self.reason(error))")
        }
    }

    /// Writes the ladders beside `path` atomically.
    public static func saveState(_ ladders: [SavedLadder], for path: String) throws(ProbesError) {
        try write(encode(ladders.sorted { $0.id < $1.id }), to: statePath(path))
    }

    /// Registers `registration` in `path` under its lock; returns the definition and the token
    /// (generated here, shown once, stored only hashed).
    public static func add(_ registration: ProbeRegistration, to path: String) throws(ProbesError) -> (
        definition: ProbeDefinition, token: String
    ) {
        let token = ProbeToken.generate()
        let definition = try registration.definition(token: token)
        try locked(path) { () throws(ProbesError) in
            var probes = try load(path)
            guard !probes.contains(where: { $0.name == definition.name }) else { throw .duplicate(definition.name) }
            probes.append(definition)
            try save(probes, to: path)
        }
        return (definition, token)
    }

    /// Removes the probes `matching` says from `path` under its lock; returns them.
    @discardableResult
    public static func remove(from path: String, where matching: (ProbeDefinition) -> Bool) throws(ProbesError)
        -> [ProbeDefinition]
    {
        try locked(path) { () throws(ProbesError) in
            let probes = try load(path)
            let removed = probes.filter(matching)
            if !removed.isEmpty { try save(probes.filter { !matching($0) }, to: path) }
            return removed
        }
    }

    /// What identifies one version of `path` on disk (inode, size, modification time), nil when
    /// it does not exist: the agent reloads the registry when it changes.
    public static func stamp(_ path: String) -> [Int64]? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return [Int64(info.st_ino), Int64(info.st_size), Int64(info.st_mtim.tv_sec), Int64(info.st_mtim.tv_nsec)]
    }

    // MARK: - Files

    private struct RegistryFile: Codable {
        var version: Int
        var probes: [ProbeDefinition]
    }

    private static func encode(_ value: some Encodable) throws(ProbesError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        do {
            return Array(try encoder.encode(value)) + [UInt8(ascii: "\n")]
        } catch {
            throw .file(path: "-", reason: "cannot encode: \(error)")
        }
    }

    private static func read(_ path: String) throws(ProbesError) -> Data? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .file(path: path, reason: "cannot read it")
        }
        return data
    }

    /// Replaces `path` atomically (the rules store's temporary file, fsync, rename, fsync of the
    /// directory), so a crash leaves the old file or the new one, never a mixture.
    private static func write(_ bytes: [UInt8], to path: String) throws(ProbesError) {
        let directory = (path as NSString).deletingLastPathComponent
        do {
            try AtomicFile.write(bytes, named: (path as NSString).lastPathComponent, in: directory.isEmpty ? "." : directory)
        } catch {
            throw .file(path: path, reason: "cannot write: \(error)")
        }
    }

    private static func locked<T>(_ path: String, _ body: () throws(ProbesError) -> T) throws(ProbesError) -> T {
        let lockPath = path + ".lock"
        let descriptor = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw .file(path: lockPath, reason: "cannot open: \(errorText())") }
        defer { close(descriptor) }
        guard flock(descriptor, LOCK_EX) == 0 else { throw .file(path: lockPath, reason: "cannot lock: \(errorText())") }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }

    private static func errorText() -> String { String(cString: strerror(errno)) }

    private static func reason(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context): context.debugDescription
        case DecodingError.keyNotFound(let key, _): "missing \(key.stringValue)"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            "\(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        default: "\(error)"
        }
    }
}
