#if canImport(Glibc)
import Glibc
#endif

/// Sends sd_notify(3) messages (`READY=1`, `WATCHDOG=1`, `STOPPING=1`) to systemd without
/// libsystemd: one datagram on the unix socket named by `$NOTIFY_SOCKET` (issue 12 item 4).
///
/// A name starting with `@` is an abstract socket (the `@` becomes a NUL byte); any other is a
/// filesystem path. Without `$NOTIFY_SOCKET` there is no notifier (``init(environment:)`` is nil):
/// the agent does not run under a `Type=notify` unit and sends nothing.
struct SystemdNotifier: Sendable {
    /// The socket name as `$NOTIFY_SOCKET` gives it.
    let socketName: String

    /// The notifier of `$NOTIFY_SOCKET`, or nil when it is unset or empty.
    init?(environment: [String: String]) {
        guard let name = environment["NOTIFY_SOCKET"], !name.isEmpty else { return nil }
        socketName = name
    }

    /// Sends `state` (e.g. `READY=1`) as one datagram.
    ///
    /// - Throws: ``SystemdNotifyError`` when the name does not fit a unix socket address or the
    ///   datagram cannot be sent (systemd gone, socket missing).
    func notify(_ state: String) throws(SystemdNotifyError) {
        var path = Array(socketName.utf8)
        if path.first == UInt8(ascii: "@") { path[0] = 0 }
        var address = sockaddr_un()
        let capacity = MemoryLayout.size(ofValue: address.sun_path)
        // A filesystem path needs room for its terminating NUL; an abstract name does not.
        guard path.count < capacity || (path.first == 0 && path.count <= capacity) else {
            throw .badSocketName(socketName)
        }
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: path)
        }
        let length = socklen_t(MemoryLayout<sockaddr_un>.offset(of: \.sun_path)! + path.count)
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw .send(socketName, errno: errno) }
        defer { close(descriptor) }
        let bytes = Array(state.utf8)
        let sent = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bytes.withUnsafeBytes { buffer in
                    sendto(descriptor, buffer.baseAddress, buffer.count, Int32(MSG_NOSIGNAL), socketAddress, length)
                }
            }
        }
        guard sent == bytes.count else { throw .send(socketName, errno: errno) }
    }
}

/// Why an sd_notify message could not be sent.
enum SystemdNotifyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `$NOTIFY_SOCKET` names no usable unix socket address (too long).
    case badSocketName(String)
    /// The datagram was not sent; `errno` says why.
    case send(String, errno: Int32)

    var description: String {
        switch self {
        case .badSocketName(let name): "NOTIFY_SOCKET=\(name) is not a usable unix socket name"
        case .send(let name, let code): "cannot notify systemd at \(name): \(String(cString: strerror(code)))"
        }
    }
}
