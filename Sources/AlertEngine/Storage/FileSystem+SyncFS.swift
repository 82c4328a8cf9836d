#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension FileSystem {
    /// `syncfs(2)` when it can stand in for one `fsync(2)` per file; nil otherwise (then callers
    /// fsync each file).
    ///
    /// syncfs writes back every dirty inode of the file system holding the descriptor, waits for
    /// it and commits the journal with a cache flush (ext4, xfs, btrfs `sync_fs`), so data it
    /// covers survives a power loss exactly as after fsync. Only since Linux 5.8 does it report
    /// writeback errors (through the superblock's error sequence, sampled when the descriptor is
    /// opened); before, it returned 0 even when a file's data was lost, so it is used only on
    /// 5.8 or later. Glibc declares it under `_GNU_SOURCE`, which the Swift Glibc module does not
    /// import, hence the lookup by name.
    static let syncFileSystemCall: (@convention(c) (Int32) -> Int32)? = {
        #if os(Linux)
        guard kernelVersion(atLeast: (5, 8)), let process = dlopen(nil, RTLD_NOW),
            let symbol = dlsym(process, "syncfs")
        else { return nil }
        return unsafeBitCast(symbol, to: (@convention(c) (Int32) -> Int32).self)
        #else
        return nil
        #endif
    }()

    /// Flushes the file system holding `fd` (see ``syncFileSystemCall``); `path` names `fd` in
    /// the error. Fails with ENOSYS when syncfs is not usable.
    static func syncFileSystem(_ fd: Int32, path: String) throws(SystemCallError) {
        guard let call = syncFileSystemCall else { throw SystemCallError("syncfs", path: path, code: ENOSYS) }
        guard call(fd) == 0 else { throw SystemCallError("syncfs", path: path) }
    }

    /// Whether the running kernel's release (`uname -r`, e.g. `6.8.0-45-generic`) is at least
    /// `minimum` (major, minor).
    static func kernelVersion(atLeast minimum: (Int, Int)) -> Bool {
        var names = utsname()
        guard uname(&names) == 0 else { return false }
        let release = withUnsafeBytes(of: names.release) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        return isRelease(release, atLeast: minimum)
    }

    /// Whether a kernel release string starts with a version at least `minimum`.
    static func isRelease(_ release: String, atLeast minimum: (Int, Int)) -> Bool {
        let numbers = release.split(whereSeparator: { !$0.isNumber }).prefix(2).compactMap { Int($0) }
        guard numbers.count == 2 else { return false }
        return (numbers[0], numbers[1]) >= minimum
    }
}
