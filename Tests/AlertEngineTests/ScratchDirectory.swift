import Foundation

/// A unique directory under the system temporary directory, removed with everything in it when
/// the value is released.
final class ScratchDirectory {
    /// The directory's path.
    let path: String

    init(_ label: String = "scratch") throws {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("fty-\(label)-\(getpid())-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        path = url.path
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// The path of `name` inside the directory.
    func path(_ name: String) -> String { path + "/" + name }

    /// Writes `text` to `name` (a plain, non-atomic write like an operator's editor or `cp`).
    func create(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path(name)))
    }

    /// The entry names of the directory (or of `subdirectory`), sorted.
    func entries(_ subdirectory: String? = nil) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: subdirectory.map(path) ?? path).sorted()
    }

    /// The content of `name` as text.
    func read(_ name: String) throws -> String {
        try String(decoding: Data(contentsOf: URL(fileURLWithPath: path(name))), as: UTF8.self)
    }

    /// True when `name` exists.
    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: path(name)) }
}
