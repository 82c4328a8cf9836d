/// Atomic whole-file writes for files kept beside the rules, such as the autoconfig state file
/// (decisions.md D6, engine.md §11.8).
///
/// The same write as a rule file's: a temporary file in the same directory, fsync, rename,
/// fsync of the directory. The temporary file is named as a rule file's (`.<name>.rule.tmp-…`),
/// so the rules directory watcher ignores it and the engine's start-up removes one left by a
/// crash.
public enum AtomicFile {
    /// Replaces the file `name` of `directory` by `contents`; on return it is on disk.
    ///
    /// `name` must be a plain file name (no `/`) that does not end in `.rule`.
    public static func write(_ contents: [UInt8], named name: String, in directory: String) throws(SystemCallError) {
        let temporaryBase = (try? RuleFileName(rule: name)) ?? (try? RuleFileName(rule: "file"))
        try FileSystem.writeAtomically(
            contents, to: directory + "/" + name, directory: directory,
            temporaryPath: { directory + "/" + (temporaryBase?.temporaryFileName() ?? ".file.rule.tmp-x") })
    }
}
