import AlertEngine
import Foundation

/// The autoconfig state file `<rules dir>/state` (engine.md §11.8, Q6).
///
/// JSON of the device cache and the container display names; the format is ours (not part of
/// the contract). Unlike the original, it is read back at start-up, so a restart neither
/// re-sends every rule nor forgets the assets. Writes are atomic (decisions.md D6).
public struct StateFile: Sendable {
    /// The file name inside the rules directory.
    public static let fileName = "state"
    /// The format version written in the file.
    static let version = 1

    /// The rules directory holding the file.
    public let directory: String

    /// The state file of the rules directory `directory`.
    public init(directory: String) {
        self.directory = directory
    }

    /// The full path of the file.
    public var path: String { directory + "/" + Self.fileName }

    /// What is saved.
    public struct Contents: Sendable, Equatable, Codable {
        /// Format version.
        public var version: Int
        /// Stored assets by internal name.
        public var devices: [String: DeviceEntry]
        /// Container display names by internal name.
        public var containers: [String: String]

        /// Creates contents.
        public init(devices: [String: DeviceEntry], containers: [String: String]) {
            self.version = StateFile.version
            self.devices = devices
            self.containers = containers
        }
    }

    /// Reads the file; nil when it does not exist.
    ///
    /// - Throws: ``StateFileError`` when it exists but cannot be read or parsed. The file is left
    ///   as it is: the caller logs, moves it aside (``setAside()``) and starts empty.
    public func read() throws(StateFileError) -> Contents? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StateFileError(path: path, reason: "cannot be read")
        }
        do {
            let contents = try JSONDecoder().decode(Contents.self, from: data)
            guard contents.version == Self.version else {
                throw StateFileError(path: path, reason: "unknown format version \(contents.version)")
            }
            return contents
        } catch let error as StateFileError {
            throw error
        } catch {
            throw StateFileError(path: path, reason: "not a valid state file: \(error)")
        }
    }

    /// Writes `contents` atomically.
    public func write(_ contents: Contents) throws(StateFileError) {
        let data: Data
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            data = try encoder.encode(contents)
        } catch {
            throw StateFileError(path: path, reason: "cannot encode: \(error)")
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try AtomicFile.write(Array(data), named: Self.fileName, in: directory)
        } catch {
            throw StateFileError(path: path, reason: "\(error)")
        }
    }

    /// Renames an unusable file to `state.corrupt` so that the next save does not destroy it;
    /// returns the new path.
    @discardableResult
    public func setAside() throws(StateFileError) -> String {
        let target = path + ".corrupt"
        do {
            if FileManager.default.fileExists(atPath: target) { try FileManager.default.removeItem(atPath: target) }
            try FileManager.default.moveItem(atPath: path, toPath: target)
        } catch {
            throw StateFileError(path: path, reason: "cannot move aside: \(error)")
        }
        return target
    }
}

/// The state file could not be read, parsed or written.
public struct StateFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file.
    public var path: String
    /// What went wrong.
    public var reason: String

    public var description: String { "autoconfig state file \(path): \(reason)" }
}
