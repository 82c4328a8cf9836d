import AbsenceWatch
import Foundation

/// The absence ladders saved beside the rules (issue 12): `absence-state` in the rules
/// directory, JSON `{"ladders": [SavedLadder…]}`, replaced atomically (temporary file, fsync,
/// rename, as rule files are) at most once per sweep that changed a rung.
///
/// A missing file is an empty state; an unreadable or malformed one is logged by the caller and
/// ignored (every ladder starts again at `normal`, with its settle period).
public struct AbsenceStateFile: Sendable {
    /// The file name in the rules directory (not a `.rule` file, so never loaded as a rule).
    public static let fileName = "absence-state"
    /// The rules directory.
    public let directory: String

    /// The state file of the rules directory `directory`.
    public init(directory: String) {
        self.directory = directory
    }

    /// The file's path.
    public var path: String { directory + "/" + Self.fileName }

    private struct Contents: Codable {
        var ladders: [SavedLadder]
    }

    /// The saved ladders; empty when there is no file.
    public func read() throws -> [SavedLadder] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try JSONDecoder().decode(Contents.self, from: data).ladders
    }

    /// Replaces the file by `ladders`; on return it is on disk.
    public func write(_ ladders: [SavedLadder]) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(Contents(ladders: ladders.sorted { $0.id < $1.id }))
        try AtomicFile.write(Array(data), named: Self.fileName, in: directory)
    }
}
