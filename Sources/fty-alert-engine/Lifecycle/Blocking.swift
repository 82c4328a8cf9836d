import Foundation

/// Runs blocking calls (a server's `start()` waits for sockets and disk) on a thread of their
/// own, so they never hold one of the few threads of Swift's cooperative pool.
enum Blocking {
    /// Runs `body` on a new thread named `name` and returns its result.
    static func run<T: Sendable>(_ name: String, _ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread { continuation.resume(with: Result { try body() }) }
            thread.name = name
            thread.start()
        }
    }

    /// Runs the non-throwing `body` on a new thread named `name`.
    static func run(_ name: String, _ body: @escaping @Sendable () -> Void) async {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                body()
                continuation.resume()
            }
            thread.name = name
            thread.start()
        }
    }
}
