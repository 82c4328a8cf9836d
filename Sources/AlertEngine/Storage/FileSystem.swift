#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few POSIX file operations the rules directory and the shm store share.
///
/// Plain open/fstat/read/close rather than Foundation: start-up reads every rule file (10,000 small
/// files must take well under 200 ms) and the shm store reads every metric file each cycle, and
/// these calls report `errno` precisely for the typed errors.
enum FileSystem {
    /// Why a file could not be read.
    enum ReadFailure: Error {
        case system(SystemCallError)
        case notARegularFile
        case tooLarge(size: Int)
    }

    /// The bytes of a file and its modification time (UNIX seconds).
    struct FileContents {
        var bytes: [UInt8]
        var modificationTime: Int
    }

    /// Creates `path` and every missing parent (`mkdir -p`); succeeds if it already is a directory.
    static func makeDirectories(_ path: String, mode: mode_t = 0o755) throws(SystemCallError) {
        if isDirectory(path) { return }
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += "/" + component
            if mkdir(prefix, mode) != 0 && errno != EEXIST {
                throw SystemCallError("mkdir", path: prefix)
            }
        }
        guard isDirectory(path) else { throw SystemCallError("mkdir", path: path, code: ENOTDIR) }
    }

    /// True when `path` exists and is a directory (following symbolic links).
    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// Flushes a directory's entries (a rename or unlink in it) to disk.
    static func syncDirectory(_ path: String) throws(SystemCallError) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw SystemCallError("open", path: path) }
        defer { close(fd) }
        guard fsync(fd) == 0 else { throw SystemCallError("fsync", path: path) }
    }

    /// Removes the file `path`; a missing file is reported as `false`, not as an error.
    static func remove(_ path: String) throws(SystemCallError) -> Bool {
        if unlink(path) == 0 { return true }
        if errno == ENOENT { return false }
        throw SystemCallError("unlink", path: path)
    }

    /// Writes `contents` to `path` so that `path` holds either its old content or all of
    /// `contents`, never a mixture (decisions.md D6).
    ///
    /// A new file named by `temporaryPath()` (called again if the name is taken) is written,
    /// fsync'ed and renamed over `path`; then the directory `directory` is fsync'ed so the rename
    /// itself is durable. On failure the temporary file is removed. `modificationTime`, if given,
    /// is set on the file before the rename.
    static func writeAtomically(
        _ contents: [UInt8], to path: String, directory: String,
        temporaryPath: () -> String, modificationTime: Int? = nil
    ) throws(SystemCallError) {
        let (fd, temporary) = try createTemporaryFile(contents, temporaryPath: temporaryPath)
        do throws(SystemCallError) {
            defer { close(fd) }
            if let modificationTime {
                var times = [
                    timespec(tv_sec: modificationTime, tv_nsec: 0), timespec(tv_sec: modificationTime, tv_nsec: 0),
                ]
                guard futimens(fd, &times) == 0 else { throw SystemCallError("futimens", path: temporary) }
            }
            guard fsync(fd) == 0 else { throw SystemCallError("fsync", path: temporary) }
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let error = SystemCallError("rename", path: path)
            unlink(temporary)
            throw error
        }
        try syncDirectory(directory)
    }

    /// Creates a new file named by `temporaryPath()` (called again if the name is taken), writes
    /// `contents` to it and returns its open descriptor and path; nothing is flushed.
    ///
    /// On failure the file is removed. The caller closes the descriptor and renames or removes
    /// the file.
    static func createTemporaryFile(
        _ contents: [UInt8], temporaryPath: () -> String
    ) throws(SystemCallError) -> (fd: Int32, path: String) {
        var temporary = temporaryPath()
        var fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        var attempts = 1
        while fd < 0 && errno == EEXIST && attempts < 10 {
            temporary = temporaryPath()
            fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            attempts += 1
        }
        guard fd >= 0 else { throw SystemCallError("open", path: temporary) }
        do throws(SystemCallError) {
            try writeAll(contents, to: fd, path: temporary)
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        return (fd, temporary)
    }

    /// Writes every byte of `bytes` to `fd`, retrying short writes and EINTR.
    static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws(SystemCallError) {
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { raw in write(fd, raw.baseAddress! + written, raw.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                throw SystemCallError("write", path: path)
            }
            written += n
        }
    }

    /// Reads the regular file `name` of the open directory `directory`, up to `limit` bytes.
    ///
    /// Opens with O_NONBLOCK so a FIFO dropped into the directory cannot hang the caller, then
    /// refuses anything that is not a regular file.
    static func readFile(_ name: [UInt8], in directory: Directory, limit: Int) throws(ReadFailure) -> FileContents {
        let fd = withCString(name) { openat(directory.fd, $0, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY) }
        guard fd >= 0 else { throw .system(SystemCallError("open", path: directory.path(of: name))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .system(SystemCallError("fstat", path: directory.path(of: name))) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .notARegularFile }
        let size = Int(info.st_size)
        guard size <= limit else { throw .tooLarge(size: size) }
        // One byte more than the size: the usual single read returns fewer bytes than asked,
        // which for a regular file means the end was reached, saving the extra read() of 0
        // (one syscall in four when listing thousands of rule files). A file that grew
        // meanwhile fills the spare byte and is read on, whole, up to the limit.
        var buffer = [UInt8](repeating: 0, count: size + 1)
        var count = 0
        while true {
            if count == buffer.count {
                guard count <= limit else { throw .tooLarge(size: count) }
                buffer.append(contentsOf: repeatElement(0, count: buffer.count))
            }
            let asked = buffer.count - count
            let n = buffer.withUnsafeMutableBytes { raw in read(fd, raw.baseAddress! + count, asked) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .system(SystemCallError("read", path: directory.path(of: name)))
            }
            count += n
            if n == 0 || (n < asked && count >= size) { break }
        }
        guard count <= limit else { throw .tooLarge(size: count) }
        buffer.removeLast(buffer.count - count)
        return FileContents(bytes: buffer, modificationTime: Int(info.st_mtim.tv_sec))
    }

    /// Calls `body` with `bytes` as a NUL-terminated C string.
    static func withCString<Result>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> Result) -> Result {
        var terminated = bytes
        terminated.append(0)
        return terminated.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { body($0.baseAddress!) }
        }
    }

    /// A directory opened for listing and for calls relative to it (openat, unlinkat).
    final class Directory {
        /// The path it was opened with, for error messages.
        let path: String
        private let stream: OpaquePointer

        /// Opens `path`; fails if it does not exist or is not a readable directory.
        init(_ path: String) throws(SystemCallError) {
            guard let stream = opendir(path) else { throw SystemCallError("opendir", path: path) }
            self.path = path
            self.stream = stream
        }

        deinit { closedir(stream) }

        /// The descriptor of the open directory.
        var fd: Int32 { dirfd(stream) }

        /// The full path of entry `name`, for messages.
        func path(of name: [UInt8]) -> String {
            path + "/" + String(decoding: name, as: UTF8.self)
        }

        /// Every entry name except `.` and `..`, in directory order.
        func entryNames() throws(SystemCallError) -> [[UInt8]] {
            var names: [[UInt8]] = []
            while true {
                errno = 0
                guard let entry = readdir(stream) else {
                    if errno != 0 { throw SystemCallError("readdir", path: path) }
                    return names
                }
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
                if name == [0x2E] || name == [0x2E, 0x2E] { continue }
                names.append(name)
            }
        }

        /// Removes entry `name`; a missing entry is reported as `false`, not as an error.
        func unlink(_ name: [UInt8]) throws(SystemCallError) -> Bool {
            let rc = FileSystem.withCString(name) { unlinkat(fd, $0, 0) }
            if rc == 0 { return true }
            if errno == ENOENT { return false }
            throw SystemCallError("unlink", path: path(of: name))
        }
    }
}
