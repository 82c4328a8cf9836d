#if canImport(Glibc)
import Glibc
#endif

/// Whether standard error is connected to the systemd journal.
///
/// systemd sets `JOURNAL_STREAM=<device>:<inode>` for a service whose output goes to the journal.
/// As systemd.exec(5) advises, the variable counts only when it names the very file descriptor
/// we write to: a child whose standard error was redirected elsewhere inherits the variable too.
enum JournalStream {
    /// Whether `value` (the variable's content) names the file open on `descriptor`.
    static func isConnected(value: String?, descriptor: Int32 = 2) -> Bool {
        guard let value else { return false }
        let parts = value.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return false }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return false }
        return UInt64(status.st_dev) == device && UInt64(status.st_ino) == inode
    }
}
