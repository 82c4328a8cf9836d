/// The systemd watchdog's interval as the service manager passes it (issue 12 item 4):
/// `$WATCHDOG_USEC` microseconds, for this process when `$WATCHDOG_PID` is unset or our pid.
/// The agent pets it at half the interval, as sd_watchdog_enabled(3) advises.
enum WatchdogSettings {
    /// Half of `$WATCHDOG_USEC`, or nil when the watchdog is off or meant for another process.
    static func petInterval(environment: [String: String], pid: Int32) -> Duration? {
        guard let text = environment["WATCHDOG_USEC"], let micros = UInt64(text), micros > 0 else { return nil }
        if let owner = environment["WATCHDOG_PID"], !owner.isEmpty, Int32(owner) != pid { return nil }
        return .microseconds(Int64(clamping: micros / 2))
    }
}
