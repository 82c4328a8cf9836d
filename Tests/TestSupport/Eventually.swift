import Foundation

/// Polls `condition` until it holds or `timeout` passes; returns whether it held.
///
/// Used where a test waits for an effect in another process or thread that offers no event to
/// wait on. It re-checks every few milliseconds, so it waits only as long as the effect takes.
public func eventually(
    timeout: Duration = .seconds(5), _ condition: () throws -> Bool
) rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try condition() { return true }
        Thread.sleep(forTimeInterval: 0.002)
    }
    return try condition()
}

/// A fresh endpoint name nobody else uses, for tests that each need their own broker.
public func uniqueEndpoint(_ label: String = "test") -> String {
    "ipc://@/fty-test-\(label)-\(getpid())-\(UUID().uuidString.prefix(8))"
}
