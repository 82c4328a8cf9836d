import Foundation

/// Reads the templates directory (engine.md §11.3), again at every use so that a changed
/// directory is seen without a restart, as in the original.
public struct TemplateDirectory: Sendable {
    /// The directory path, e.g. `/usr/share/bios/fty-autoconfig`.
    public let path: String

    /// A directory at `path`; nothing is read yet.
    public init(path: String) {
        self.path = path
    }

    /// Every regular file of the directory (not `.`/`..`, not sub-directories), sorted by name
    /// bytes (the original's directory order is unspecified, §11.7).
    ///
    /// - Throws: ``TemplateDirectoryError`` when the directory cannot be listed. A file that
    ///   cannot be read is left out and named in ``TemplateListing/unreadable``.
    public func read() throws(TemplateDirectoryError) -> TemplateListing {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw TemplateDirectoryError(path: path, reason: "\(error.localizedDescription)")
        }
        var listing = TemplateListing()
        for name in names.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            let file = path + "/" + name
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), !isDirectory.boolValue else {
                continue
            }
            guard let data = FileManager.default.contents(atPath: file) else {
                listing.unreadable.append(name)
                continue
            }
            listing.templates.append(Template(fileName: name, contents: Array(data)))
        }
        return listing
    }
}

/// The files read from a ``TemplateDirectory``.
public struct TemplateListing: Sendable, Equatable {
    /// The readable files, sorted by name.
    public var templates: [Template] = []
    /// Names of files that could not be read.
    public var unreadable: [String] = []

    /// An empty listing.
    public init(templates: [Template] = [], unreadable: [String] = []) {
        self.templates = templates
        self.unreadable = unreadable
    }

    /// The files generation uses: names ending in `.rule` (Q28).
    public var ruleTemplates: [Template] { templates.filter(\.isRuleTemplate) }
}

/// The templates directory could not be listed.
public struct TemplateDirectoryError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The directory.
    public var path: String
    /// What the system said.
    public var reason: String

    public var description: String { "cannot list templates directory \(path): \(reason)" }
}
