#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The exclusive lock one agent holds on its rules directory (issue 14 item 3).
///
/// An `flock(2)` on ``fileName`` in the rules directory, taken before any bus connection and held
/// until the process ends (the kernel drops it when the descriptor closes, also after a SIGKILL).
/// The file holds the holder's pid, so a second instance can say who is in the way.
///
/// Why: with the real malamute broker, a client that takes over the address of a still-connected
/// client of the same name is later dropped from the broker's address table when the old session
/// ends (its teardown deletes the entry by address, which now names the new client), so mail to
/// `fty-alert-engine` would no longer reach the new instance. Two instances on one rules directory
/// must therefore never both reach the bus.
///
/// The file is left in place when the lock is released: removing it would let a third instance
/// lock a fresh file while a second one still waits on the old one.
public final class InstanceLock: Sendable {
    /// The lock file's name in the rules directory.
    public static let fileName = ".fty-alert-engine.lock"

    /// The lock file's path.
    public let path: String
    private let fd: Int32

    private init(path: String, fd: Int32) {
        self.path = path
        self.fd = fd
    }

    /// Why the lock could not be taken.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// Another process still held the lock after `waited` seconds; `holder` is the pid its
        /// file names (nil when the file holds no pid yet).
        case held(path: String, holder: Int32?, waited: Double)
        /// The directory or the lock file could not be created or opened.
        case system(SystemCallError)

        public var description: String {
            switch self {
            case .held(let path, let holder, let waited):
                let who = holder.map { "another fty-alert-engine (pid \($0))" } ?? "another fty-alert-engine"
                return "\(who) holds \(path); gave up after waiting \(Self.seconds(waited)) s (--lock-wait)"
            case .system(let error):
                return "cannot lock the rules directory: \(error)"
            }
        }

        private static func seconds(_ value: Double) -> String {
            value == value.rounded() ? String(Int(value)) : String(value)
        }
    }

    /// Takes the lock on `directory` (created if missing), waiting up to `wait` for a holder to
    /// let go; on success the file holds this process's pid.
    ///
    /// - Parameter pollInterval: how often a held lock is tried again while waiting.
    /// - Throws: ``Failure/held(path:holder:waited:)`` when the wait ran out (or is zero and the
    ///   lock is held), ``Failure/system(_:)`` when the file cannot be opened or locked.
    public static func acquire(
        directory: String, wait: Duration, pollInterval: Duration = .milliseconds(20)
    ) async throws(Failure) -> InstanceLock {
        do {
            try FileSystem.makeDirectories(directory)
        } catch {
            throw .system(error)
        }
        let path = directory + "/" + fileName
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .system(SystemCallError("open", path: path)) }
        let clock = ContinuousClock()
        let deadline = clock.now + wait
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            guard code == EWOULDBLOCK || code == EINTR else {
                close(fd)
                throw .system(SystemCallError("flock", path: path, code: code))
            }
            if code == EWOULDBLOCK && clock.now >= deadline {
                let holder = readPid(fd)
                close(fd)
                let waited = Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18
                throw .held(path: path, holder: holder, waited: waited)
            }
            try? await Task.sleep(for: min(pollInterval, max(deadline - clock.now, .zero)))
        }
        let text = Array("\(getpid())\n".utf8)
        let written = text.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        guard written == text.count, ftruncate(fd, off_t(text.count)) == 0 else {
            let error = SystemCallError("write", path: path)
            close(fd)
            throw .system(error)
        }
        return InstanceLock(path: path, fd: fd)
    }

    /// The pid a lock file names, or nil when it names none.
    private static func readPid(_ fd: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        let text = String(decoding: buffer[..<count], as: UTF8.self).split(whereSeparator: \.isWhitespace).first
        return text.flatMap { Int32($0) }.flatMap { $0 > 0 ? $0 : nil }
    }

    /// Releases the lock (closing the descriptor); the file stays.
    deinit {
        close(fd)
    }
}
