#if os(Linux)
import Glibc

/// Reports rule files dropped into, or removed from, the rules directory while the engine runs,
/// so it can pick them up without a restart (Linux inotify).
///
/// Poll ``fileDescriptor`` for readability together with the engine's sockets (zmq_poll accepts
/// plain descriptors: `ZMQPoller.poll(_:fileDescriptors:…)`), then call ``drainEvents()``, which
/// never blocks. Only names ending exactly in `.rule` are reported; our temporary files are
/// ignored, and so are the engine's own writes and removals made through the same
/// ``RuleDirectory`` (recorded in its ``RuleDirectory/ownChanges``). Create the watcher before
/// the start-up ``RuleDirectory/list()`` so that no file dropped in between is missed (a file
/// may then be both listed and reported; loading it twice must be harmless).
///
/// Owned by one thread, like a socket: not `Sendable`.
public final class RuleDirectoryWatcher {
    /// The inotify descriptor to poll for readability; -1 once closed.
    public private(set) var fileDescriptor: Int32
    private let directory: RuleDirectory
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)

    /// Starts watching `directory` for files written in place, moved in, deleted or moved out.
    public init(directory: RuleDirectory) throws(RuleDirectoryError) {
        let fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { throw .watcher(SystemCallError("inotify_init1", path: directory.path)) }
        // IN_CLOSE_WRITE rather than IN_CREATE/IN_MODIFY: a file copied in is reported once,
        // complete. IN_MOVED_TO covers `mv` and atomic writers; IN_DELETE/IN_MOVED_FROM removals.
        let mask = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_DELETE | IN_MOVED_FROM | IN_ONLYDIR)
        guard inotify_add_watch(fd, directory.path, mask) >= 0 else {
            let error = SystemCallError("inotify_add_watch", path: directory.path)
            Glibc.close(fd)
            throw .watcher(error)
        }
        self.fileDescriptor = fd
        self.directory = directory
        directory.ownChanges.setWatching(true)
    }

    deinit { close() }

    /// Stops watching and closes the descriptor.
    public func close() {
        guard fileDescriptor >= 0 else { return }
        Glibc.close(fileDescriptor)
        fileDescriptor = -1
        directory.ownChanges.setWatching(false)
    }

    /// Returns every change queued since the last call, oldest first; empty if none (never blocks).
    public func drainEvents() throws(RuleDirectoryError) -> [RuleDirectoryChange] {
        var changes: [RuleDirectoryChange] = []
        while fileDescriptor >= 0 {
            let count = buffer.withUnsafeMutableBytes { read(fileDescriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK { break }
                throw .watcher(SystemCallError("read inotify", path: directory.path))
            }
            if count == 0 { break }
            buffer.withUnsafeBytes { raw in decode(UnsafeRawBufferPointer(rebasing: raw[..<count]), into: &changes) }
        }
        return changes
    }

    /// Decodes a buffer of `struct inotify_event` records (16-byte header, then `len` name bytes
    /// padded with NULs).
    private func decode(_ raw: UnsafeRawBufferPointer, into changes: inout [RuleDirectoryChange]) {
        let headerSize = 16
        var offset = 0
        while offset + headerSize <= raw.count {
            let mask = raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
            let length = Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
            let nameEnd = min(offset + headerSize + length, raw.count)
            let name = Array(raw[(offset + headerSize)..<nameEnd].prefix { $0 != 0 })
            offset = nameEnd
            if let change = change(mask: mask, name: name) { changes.append(change) }
        }
    }

    /// The change one event stands for, or nil when it is not to be reported.
    private func change(mask: UInt32, name: [UInt8]) -> RuleDirectoryChange? {
        if mask & UInt32(IN_Q_OVERFLOW) != 0 {
            directory.ownChanges.reset()  // our records can no longer be matched with events
            return .eventsLost
        }
        if mask & UInt32(IN_IGNORED) != 0 { return .watchEnded }
        if mask & UInt32(IN_ISDIR) != 0 || RuleFileName.isTemporaryFileName(name) { return nil }
        let fileName = String(decoding: name, as: UTF8.self)
        guard fileName.utf8.elementsEqual(name), let file = RuleFileName(fileName: fileName) else { return nil }
        if mask & UInt32(IN_CLOSE_WRITE | IN_MOVED_TO) != 0 {
            return directory.ownChanges.consume(.written(file)) ? nil : .written(file)
        }
        if mask & UInt32(IN_DELETE | IN_MOVED_FROM) != 0 {
            return directory.ownChanges.consume(.removed(file)) ? nil : .removed(file)
        }
        return nil
    }
}
#endif
