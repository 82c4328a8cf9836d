#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
    /// `name` must be a plain file name (no `/`, not empty) that does not end in `.rule`;
    /// otherwise nothing is written and the error carries EINVAL.
    public static func write(_ contents: [UInt8], named name: String, in directory: String) throws(SystemCallError) {
        let path = directory + "/" + name
        guard let base = try? RuleFileName(rule: name), !name.hasSuffix(RuleFileName.fileExtension) else {
            throw SystemCallError("open", path: path, code: EINVAL)
        }
        try FileSystem.writeAtomically(
            contents, to: path, directory: directory, temporaryPath: { directory + "/" + base.temporaryFileName() })
    }
}
