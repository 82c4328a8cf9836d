import Foundation
import TestSupport

/// Reads the shared reference rules and templates.
enum ReferenceFiles {
    static let rules = Fixtures.shared.appendingPathComponent("reference/rules")
    static let templates = Fixtures.shared.appendingPathComponent("reference/templates")

    static func rule(_ file: String) throws -> String {
        try String(contentsOf: rules.appendingPathComponent(file), encoding: .utf8)
    }

    static func template(_ file: String) throws -> String {
        try String(contentsOf: templates.appendingPathComponent(file), encoding: .utf8)
    }

    /// Names of the `*.rule` files of a reference folder, sorted.
    static func ruleFiles(in folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".rule") }
            .sorted()
    }
}
