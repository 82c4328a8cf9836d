#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// New rule files written together and made durable with one flush (group commit of several
/// ADDs, decisions.md D6).
///
/// ``stage(_:to:)`` writes a file's bytes to a temporary file in the rules directory, nothing
/// more; ``commit()`` then makes all of them durable and visible:
///
/// 1. the staged data is flushed: one `syncfs` of the rules directory's file system (see
///    ``FileSystem/syncFileSystemCall``), or, where syncfs does not report write errors, one
///    fsync per temporary file;
/// 2. each temporary file is renamed to its rule file, in staging order;
/// 3. the directory is fsync'ed once, so that the renames are on disk.
///
/// Crash safety is that of ``RuleDirectory/write(_:to:)``: no `*.rule` name is given to data
/// that step 1 has not reported on disk, so a crash or power loss never leaves a partial rule
/// file, only temporary files that the next ``RuleDirectory/list()`` removes; and ``commit()``
/// reports a file as stored only after step 3, so an OK sent then survives a power loss.
///
/// The syncfs descriptor is opened when the batch is created, before any file is staged: the
/// kernel reports through it every write error of the file system since then.
///
/// Owned by one thread; use a batch once.
public final class RuleFileBatch {
    /// One staged file, in staging order.
    private struct Entry {
        var file: RuleFileName
        var temporaryPath: String
        /// Open until the commit when each file is fsync'ed; -1 once closed.
        var fd: Int32
    }

    /// The rules directory.
    public let directory: RuleDirectory
    private var entries: [Entry] = []
    /// The rules directory, opened for syncfs; -1 when files are fsync'ed one by one.
    private var directoryFD: Int32 = -1

    /// Starts a batch on `directory`.
    public convenience init(directory: RuleDirectory) {
        self.init(directory: directory, syncingEachFile: FileSystem.syncFileSystemCall == nil)
    }

    /// Starts a batch that flushes with one fsync per file when `syncingEachFile`, else with
    /// syncfs (tests take both paths).
    init(directory: RuleDirectory, syncingEachFile: Bool) {
        self.directory = directory
        if !syncingEachFile {
            directoryFD = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        }
    }

    deinit {
        // Staged but never committed: nothing of it may stay behind.
        for entry in entries {
            if entry.fd >= 0 { close(entry.fd) }
            unlink(entry.temporaryPath)
        }
        if directoryFD >= 0 { close(directoryFD) }
    }

    /// Number of files staged.
    public var count: Int { entries.count }

    /// Writes `contents` to a new temporary file that ``commit()`` will rename to `file`.
    ///
    /// Throws what creating or writing the temporary file met (it is then removed); the file
    /// takes no part in the commit.
    public func stage(_ contents: [UInt8], to file: RuleFileName) throws(RuleDirectoryError) {
        let created: (fd: Int32, path: String)
        do {
            created = try FileSystem.createTemporaryFile(
                contents, temporaryPath: { directory.path + "/" + file.temporaryFileName() })
        } catch {
            throw .fileSystem(error)
        }
        var fd = created.fd
        if directoryFD >= 0 {
            close(fd)  // syncfs flushes it; no need to hold hundreds of descriptors
            fd = -1
        }
        entries.append(Entry(file: file, temporaryPath: created.path, fd: fd))
    }

    /// Makes every staged file durable under its name (steps 1–3 above); returns, per staged
    /// file in staging order, nil when it is stored or the error that stopped it.
    ///
    /// A file whose flush or rename failed is not in the directory (its temporary file is
    /// removed). If the final directory fsync fails, every renamed file gets that error: its
    /// name is in place but may not survive a power loss. As after a failed single write, the
    /// watcher is then not told these files are ours, so it reports them as dropped files.
    public func commit() -> [RuleDirectoryError?] {
        var results = [RuleDirectoryError?](repeating: nil, count: entries.count)
        guard !entries.isEmpty else { return results }
        defer { entries.removeAll() }
        flushData(into: &results)
        var renamed: [Int] = []
        for (index, entry) in entries.enumerated() where results[index] == nil {
            let path = directory.path(of: entry.file)
            directory.ownChanges.expect(.written(entry.file))
            if rename(entry.temporaryPath, path) == 0 {
                renamed.append(index)
            } else {
                results[index] = .fileSystem(SystemCallError("rename", path: path))
                directory.ownChanges.withdraw(.written(entry.file))
                unlink(entry.temporaryPath)
            }
        }
        guard !renamed.isEmpty else { return results }
        do {
            try FileSystem.syncDirectory(directory.path)
        } catch {
            for index in renamed {
                results[index] = .fileSystem(error)
                directory.ownChanges.withdraw(.written(entries[index].file))
            }
        }
        return results
    }

    /// Step 1: flushes the staged data; a file that cannot be flushed gets its error and its
    /// temporary file is removed.
    private func flushData(into results: inout [RuleDirectoryError?]) {
        if directoryFD >= 0 {
            do {
                try FileSystem.syncFileSystem(directoryFD, path: directory.path)
            } catch {
                for (index, entry) in entries.enumerated() {
                    results[index] = .fileSystem(error)
                    unlink(entry.temporaryPath)
                }
            }
            return
        }
        for index in entries.indices {
            let entry = entries[index]
            if fsync(entry.fd) != 0 {
                results[index] = .fileSystem(SystemCallError("fsync", path: entry.temporaryPath))
                unlink(entry.temporaryPath)
            }
            close(entry.fd)
            entries[index].fd = -1
        }
    }
}
