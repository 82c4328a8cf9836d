/// One file of the templates directory: its name and exact bytes (engine.md §11.3).
public struct Template: Sendable, Equatable {
    /// The only template file name skipped for a fast-track asset (engine.md §11.5).
    public static let fastTrackSkipped = "realpower.default@__datacenter__.rule"

    /// The file name, e.g. `onbattery@__device_ups__.rule`.
    public var fileName: String
    /// The file's bytes.
    public var contents: [UInt8]

    /// Creates a template from its file name and bytes.
    public init(fileName: String, contents: [UInt8]) {
        self.fileName = fileName
        self.contents = contents
    }

    /// Whether generation uses it: its name ends in `.rule` (Q28; LIST shows every file).
    public var isRuleTemplate: Bool { fileName.utf8.count > 5 && fileName.hasSuffix(".rule") }

    /// Whether it applies to assets of `typeName` (e.g. `__device_ups__`): a substring of the
    /// file name, as the original decides (§11.3).
    public func applies(to typeName: String) -> Bool {
        ByteSearch.contains(Array(typeName.utf8), in: Array(fileName.utf8))
    }

    /// Whether the contents hold `text` as a plain byte substring (LIST filter, gpio models).
    public func contains(_ text: String) -> Bool {
        text.isEmpty || ByteSearch.contains(Array(text.utf8), in: contents)
    }

    /// The file name up to and including its first `@` (the rule-name prefix, §11.7), or the
    /// whole name when it has none.
    public var ruleNamePrefix: String {
        guard let at = fileName.utf8.firstIndex(of: UInt8(ascii: "@")) else { return fileName }
        return String(fileName[...at])
    }
}
