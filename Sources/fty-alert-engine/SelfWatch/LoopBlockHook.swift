#if canImport(Glibc)
import Glibc
#endif

/// TEST ONLY (issue 12 item 4): `FTY_ALERT_ENGINE_TEST_BLOCK_LOOP=PATH` makes the engine loop
/// stop turning while the file at PATH exists, so a test can show that `WATCHDOG=1` stops when
/// the loop is stuck. Unset in every real deployment; documented as test-only in the man page.
enum LoopBlockHook {
    /// The environment variable that names the blocking file.
    static let variable = "FTY_ALERT_ENGINE_TEST_BLOCK_LOOP"

    /// The hook for the engine loop, or nil when the variable is unset or empty.
    static func hook(environment: [String: String]) -> (@Sendable () -> Void)? {
        guard let path = environment[variable], !path.isEmpty else { return nil }
        return {
            while access(path, F_OK) == 0 {
                var pause = timespec(tv_sec: 0, tv_nsec: 20_000_000)
                nanosleep(&pause, nil)
            }
        }
    }
}
