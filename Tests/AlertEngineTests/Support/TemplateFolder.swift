import Foundation
import TestSupport
import Testing

/// The two template directories the template tests run over: the original's set
/// (`shared/reference/templates`) and ours (`templates/`, what this product installs).
enum TemplateFolder: String, Sendable, CaseIterable {
    case reference
    case ours

    /// Where the folder's files are.
    var url: URL {
        switch self {
        case .reference: return ReferenceFiles.templates
        case .ours: return Fixtures.packageRoot.appendingPathComponent("templates")
        }
    }

    /// Names of its `*.rule` files, sorted (empty when the folder cannot be read).
    var ruleFiles: [String] { (try? ReferenceFiles.ruleFiles(in: url)) ?? [] }

    /// Every file of the folder, temporary and disabled ones included, sorted.
    func allEntries() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: url.path).sorted()
    }

    /// The text of one of its files.
    func text(of file: String) throws -> String {
        try String(contentsOf: url.appendingPathComponent(file), encoding: .utf8)
    }
}

/// One template file of one folder: the argument of the table-driven template tests.
struct TemplateFile: Sendable, CustomStringConvertible, CustomTestStringConvertible {
    let folder: TemplateFolder
    let name: String

    /// Every `*.rule` file of both folders.
    static let all: [TemplateFile] = TemplateFolder.allCases.flatMap { folder in
        folder.ruleFiles.map { TemplateFile(folder: folder, name: $0) }
    }

    /// The file's text.
    func text() throws -> String { try folder.text(of: name) }

    var description: String { "\(folder.rawValue)/\(name)" }
    var testDescription: String { description }
}
