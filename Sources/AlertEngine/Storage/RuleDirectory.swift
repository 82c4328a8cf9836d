import Logging

/// The rules directory: one file `<rule name>.rule` per rule (engine.md §10, decisions.md D6).
///
/// Works on file names and bytes only; parsing is the caller's business. Every write is atomic
/// (temporary file in the same directory, fsync, rename, fsync of the directory), so when a
/// method returns the change is on disk, and a crash leaves either the old or the new content
/// of a file, plus at worst a temporary file that the next ``list()`` removes.
///
/// Errors are ``RuleDirectoryError``; the engine answers a mailbox request that met one with
/// `Internal error - operating with storage/disk failed.` (engine.md §9.4, §9.6).
public struct RuleDirectory: Sendable {
    /// Rule files larger than this are skipped at start-up (a rule is a few KiB of JSON).
    public static let maximumFileSize = 16 << 20

    /// The directory path, e.g. `/var/lib/fty/fty-alert-engine`.
    public let path: String
    /// Our own pending changes, shared with a ``RuleDirectoryWatcher`` on this directory.
    public let ownChanges: RuleDirectoryOwnChanges
    private let logger: Logger

    /// Opens the rules directory at `path`, creating it and its parents if missing (engine.md §10.1).
    public init(
        path: String, logger: Logger = Logger(label: "fty-alert-engine.rules-directory")
    ) throws(RuleDirectoryError) {
        do {
            try FileSystem.makeDirectories(path)
        } catch {
            throw .fileSystem(error)
        }
        self.path = path
        self.ownChanges = RuleDirectoryOwnChanges()
        self.logger = logger
    }

    /// The full path of `file`.
    public func path(of file: RuleFileName) -> String {
        path + "/" + file.fileName
    }

    /// Writes `contents` as `file`, replacing any previous content atomically.
    ///
    /// Returns once the file and its directory entry are on disk: an `OK` to ADD may be sent
    /// (decisions.md D6).
    public func write(_ contents: [UInt8], to file: RuleFileName) throws(RuleDirectoryError) {
        ownChanges.expect(.written(file))
        do {
            try FileSystem.writeAtomically(
                contents, to: path(of: file), directory: path,
                temporaryPath: { path + "/" + file.temporaryFileName() })
        } catch {
            ownChanges.withdraw(.written(file))
            throw .fileSystem(error)
        }
    }

    /// Removes `file`; returns false if it was already gone, which counts as removed (Q19).
    @discardableResult
    public func remove(_ file: RuleFileName) throws(RuleDirectoryError) -> Bool {
        ownChanges.expect(.removed(file))
        do {
            guard try FileSystem.remove(path(of: file)) else {
                ownChanges.withdraw(.removed(file))
                return false
            }
        } catch {
            ownChanges.withdraw(.removed(file))
            throw .fileSystem(error)
        }
        do {
            try FileSystem.syncDirectory(path)  // so that an OK to DELETE means it is gone for good
        } catch {
            throw .fileSystem(error)
        }
        return true
    }

    /// Replaces the rule stored in `old` by `contents` stored in `new` (update, engine.md §9.6).
    ///
    /// Ordering: `new` is written completely (and made durable) before `old` is removed, so a
    /// crash in between leaves both files, never neither; the next start-up loads both rules
    /// (their names differ). If `old` cannot be removed, `new` is removed again so that the
    /// directory is as before and the error is thrown. A missing `old` file is not an error.
    /// When `old == new` this is an atomic overwrite.
    public func replace(_ old: RuleFileName, with new: RuleFileName, contents: [UInt8]) throws(RuleDirectoryError) {
        try write(contents, to: new)
        guard old != new else { return }
        do {
            _ = try remove(old)
        } catch {
            do {
                _ = try remove(new)
            } catch let rollback {
                logger.error("could not undo writing \(path(of: new)) after a failed update: \(rollback)")
            }
            throw error
        }
    }

    /// Reads every rule file for start-up (engine.md §10.2) and removes our stray temporary files.
    ///
    /// Entries whose name ends exactly (case-sensitively) in `.rule` are read, non-recursively;
    /// `x.rule.new`, `x.RULE` and the autoconfig `state` file are not. Files come in byte order of
    /// their names. Our temporary files (``RuleFileName`` naming, left by a crash mid-write) are
    /// deleted, each with a log line. An entry that cannot be read is logged and reported in
    /// ``RuleDirectoryListing/skipped``, and never touched. Throws only if the directory itself
    /// cannot be read (the original exits then, Q37).
    public func list() throws(RuleDirectoryError) -> RuleDirectoryListing {
        var files: [RuleDirectoryListing.File] = []
        var listing = try list { files.append($0) }
        listing.files = files
        return listing
    }

    /// ``list()`` handing each readable file to `body` as soon as it is read, instead of holding
    /// them all; the returned listing has no ``RuleDirectoryListing/files``.
    ///
    /// Start-up parses each file and drops its bytes before reading the next: read all at once,
    /// the files' bytes (~10 MB for 10,000 rules) were freed between the rules' long-lived
    /// allocations, a heap the process then kept.
    public func list(
        each body: (RuleDirectoryListing.File) -> Void
    ) throws(RuleDirectoryError) -> RuleDirectoryListing {
        let directory: FileSystem.Directory
        let entries: [[UInt8]]
        do {
            directory = try FileSystem.Directory(path)
            entries = try directory.entryNames()
        } catch {
            throw .fileSystem(error)
        }
        var listing = RuleDirectoryListing()
        let suffix = Array(RuleFileName.fileExtension.utf8)
        var ruleEntries: [[UInt8]] = []
        for entry in entries {
            if RuleFileName.isTemporaryFileName(entry) {
                removeTemporaryFile(entry, in: directory, into: &listing)
            } else if entry.count >= suffix.count && entry.suffix(suffix.count).elementsEqual(suffix) {
                ruleEntries.append(entry)
            }
        }
        ruleEntries.sort { $0.lexicographicallyPrecedes($1) }
        for entry in ruleEntries {
            let name = String(decoding: entry, as: UTF8.self)
            guard name.utf8.elementsEqual(entry) else {
                skip(.fileNameNotUTF8(directory: path, bytes: entry), into: &listing)
                continue
            }
            guard let file = RuleFileName(fileName: name) else {
                let rule = String(decoding: entry.dropLast(suffix.count), as: UTF8.self)
                skip(.invalidRuleName(rule, RuleFileName.problem(with: rule) ?? .empty), into: &listing, file: name)
                continue
            }
            do {
                let contents = try FileSystem.readFile(entry, in: directory, limit: Self.maximumFileSize)
                body(.init(name: file, contents: contents.bytes))
            } catch {
                switch error {
                case .system(let error): skip(.fileSystem(error), into: &listing)
                case .notARegularFile: skip(.notARegularFile(path: path(of: file)), into: &listing)
                case .tooLarge(let size): skip(.fileTooLarge(path: path(of: file), size: size), into: &listing)
                }
            }
        }
        return listing
    }

    private func removeTemporaryFile(
        _ entry: [UInt8], in directory: FileSystem.Directory, into listing: inout RuleDirectoryListing
    ) {
        let name = String(decoding: entry, as: UTF8.self)
        do {
            if try directory.unlink(entry) {
                // decisions.md D6: a temporary file is the remains of a write interrupted before
                // its rename; the rule file it was meant to replace is intact.
                logger.notice("removed stray temporary file \(directory.path(of: entry)) (interrupted rule write)")
                listing.removedTemporaryFiles.append(name)
            }
        } catch {
            logger.error("could not remove stray temporary file: \(error)")
        }
    }

    private func skip(_ problem: RuleDirectoryError, into listing: inout RuleDirectoryListing, file: String? = nil) {
        if let file {
            logger.warning("skipping rule file \(path)/\(file): \(problem)")
        } else {
            logger.warning("skipping rule file: \(problem)")
        }
        listing.skipped.append(problem)
    }
}
