import CZMQShim

/// A libzmq context: the I/O threads every socket of the process runs on.
///
/// libzmq contexts are thread-safe, so one context is shared by every socket in the process
/// (``ZMQContext/shared``). Sockets are not: see ``ZMQSocket``.
public final class ZMQContext: @unchecked Sendable {
    // @unchecked: libzmq documents zmq_ctx_* as thread-safe; the handle is immutable.
    let handle: UnsafeMutableRawPointer

    /// The process-wide context, created on first use and never terminated.
    public static let shared = ZMQContext()

    /// Creates a context with one I/O thread (libzmq's default; enough for a few 100k msgs/s).
    public init(ioThreads: Int32 = 1) {
        guard let handle = zmq_ctx_new() else { fatalError("zmq_ctx_new failed: out of memory") }
        zmq_ctx_set(handle, ZMQ_IO_THREADS, ioThreads)
        // No limit on the number of sockets beyond libzmq's default of 1023 is needed here.
        self.handle = handle
    }

    deinit {
        zmq_ctx_term(handle)
    }

    /// The libzmq version linked into this process, e.g. `(4, 3, 4)`.
    public static var version: (major: Int, minor: Int, patch: Int) {
        let v = Int(czmqshim_version())
        return (v / 10000, v / 100 % 100, v % 100)
    }
}
