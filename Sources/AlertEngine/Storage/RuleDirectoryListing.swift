/// What ``RuleDirectory/list()`` found at start-up.
public struct RuleDirectoryListing: Equatable, Sendable {
    /// One rule file: its name and its bytes, unparsed.
    public struct File: Equatable, Sendable {
        /// The file's name; its ``RuleFileName/ruleName`` must utf8eq the rule name inside.
        public var name: RuleFileName
        /// The file's content (the rule's stored JSON, engine.md §3.7).
        public var contents: [UInt8]

        /// Creates a listed file.
        public init(name: RuleFileName, contents: [UInt8]) {
            self.name = name
            self.contents = contents
        }
    }

    /// Every readable `*.rule` file, in byte order of the file names (so start-up is repeatable).
    public var files: [File] = []
    /// Our temporary files left by an interrupted write, which were removed (decisions.md D6).
    public var removedTemporaryFiles: [String] = []
    /// `*.rule` entries that could not be read or cannot belong to a rule; left untouched.
    public var skipped: [RuleDirectoryError] = []
}
