import Foundation
import Synchronization
import ZeroMQ

/// The process's one ZAP handler (ZeroMQ RFC 27), as czmq's zauth: a REP socket on
/// `inproc://zeromq.zap.01` of the shared context that answers libzmq's authentication requests.
///
/// libzmq allows one handler per context and every broker shares ``ZMQContext/shared``, so each
/// PLAIN broker registers its passwords under a ZAP domain of its own (set on its ROUTER); the
/// handler answers by domain. Requests for an unregistered domain with the NULL mechanism are
/// accepted (what libzmq does when no handler exists); everything else unknown is refused.
final class ZAPHandler: Sendable {
    /// The endpoint libzmq sends ZAP requests to (RFC 27).
    static let endpoint = "inproc://zeromq.zap.01"
    /// The handler of ``ZMQContext/shared``; its thread starts with the first registration.
    static let shared = ZAPHandler()

    private struct State {
        var started = false
        var domains: [String: PlainPasswords] = [:]
    }
    private let state = Mutex(State())

    /// Makes `domain` authenticate PLAIN clients against `passwords`, starting the handler thread
    /// (and binding its endpoint) the first time.
    func register(domain: String, passwords: PlainPasswords) throws(ZMQError) {
        try start()
        state.withLock { $0.domains[domain] = passwords }
    }

    /// Forgets `domain` (its broker stopped).
    func unregister(domain: String) {
        _ = state.withLock { $0.domains.removeValue(forKey: domain) }
    }

    private func start() throws(ZMQError) {
        let outcome: Result<Void, ZMQError> = state.withLock { state in
            guard !state.started else { return .success(()) }
            let bound = BindReport()
            let ready = DispatchSemaphore(value: 0)
            let thread = Thread { [self] in
                let socket: ZMQSocket
                do throws(ZMQError) {
                    socket = try ZMQSocket(.rep)
                    try socket.setOption(.linger, 0)
                    try socket.bind(Self.endpoint)
                } catch {
                    bound.outcome.withLock { $0 = .failure(error) }
                    ready.signal()
                    return
                }
                bound.outcome.withLock { $0 = .success(()) }
                ready.signal()
                serve(socket)
            }
            thread.name = "malamute-zap"
            thread.start()
            ready.wait()
            let result = bound.outcome.withLock { $0! }
            if case .success = result { state.started = true }
            return result
        }
        try outcome.get()
    }

    /// Answers requests for the life of the process (the shared context is never terminated).
    private func serve(_ socket: ZMQSocket) {
        while true {
            guard let request = try? socket.receive() else { continue }
            _ = try? socket.send(reply(to: request))
        }
    }

    /// The reply frames for one request: version, request id, status code, status text, user
    /// id, metadata (RFC 27 §"Reply").
    func reply(to request: [[UInt8]]) -> [[UInt8]] {
        func answer(_ code: String, _ text: String, user: [UInt8] = []) -> [[UInt8]] {
            [Array("1.0".utf8), request.count > 1 ? request[1] : [], Array(code.utf8), Array(text.utf8), user, []]
        }
        guard request.count >= 6, request[0] == Array("1.0".utf8) else { return answer("500", "Malformed ZAP request") }
        let domain = String(decoding: request[2], as: UTF8.self)
        let mechanism = String(decoding: request[5], as: UTF8.self)
        let passwords = state.withLock { $0.domains[domain] }
        switch (mechanism, passwords) {
        case ("NULL", nil):
            return answer("200", "OK")
        case ("PLAIN", let passwords?):
            guard request.count == 8, passwords.accepts(user: request[6], password: request[7]) else {
                return answer("400", "Invalid username or password")
            }
            return answer("200", "OK", user: request[6])
        default:
            return answer("400", "Mechanism \(mechanism) not allowed")
        }
    }
}

/// Carries the handler thread's bind outcome back to ``ZAPHandler/register(domain:passwords:)``.
private final class BindReport: Sendable {
    let outcome = Mutex<Result<Void, ZMQError>?>(nil)
}
