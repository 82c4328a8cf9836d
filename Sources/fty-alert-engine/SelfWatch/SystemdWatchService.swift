import AlertEngine
import Logging
import ServiceLifecycle

/// The agent's side of a `Type=notify` unit with `WatchdogSec=` (issue 12 item 4): a service of
/// the agent's group that sends `READY=1` once every server runs, then `WATCHDOG=1` every half
/// watchdog interval ONLY while the engine loop turns, and `STOPPING=1` when the agent stops.
///
/// It takes the last position of the ``StartOrder`` (after every server), so `READY=1` means
/// what `/ready` means. Each pet compares the engine loop's ``LoopTurns`` with the previous
/// look: a loop that has not turned for half an interval gets no `WATCHDOG=1`, and systemd
/// restarts the service once the whole interval has passed without one.
struct SystemdWatchService: Service, CustomStringConvertible {
    let notifier: SystemdNotifier
    /// Half of `$WATCHDOG_USEC`; nil: the watchdog is off, only READY and STOPPING are sent.
    let petInterval: Duration?
    let turns: LoopTurns
    let order: StartOrder
    let position: Int
    let logger: Logger

    var description: String { "systemd-notify" }

    func run() async throws {
        let (order, position) = (self.order, self.position)
        do {
            try await cancelWhenGracefulShutdown { try await order.waitForTurn(position) }
        } catch {
            return
        }
        if Task.isShuttingDownGracefully { return }
        send("READY=1")
        logger.debug("told systemd READY=1", metadata: ["socket": "\(notifier.socketName)"])
        if let petInterval {
            var seen = turns.value
            var stuck = false
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                do {
                    try await cancelWhenGracefulShutdown { try await Task.sleep(for: petInterval) }
                } catch {
                    break
                }
                let now = turns.value
                if now != seen {
                    send("WATCHDOG=1")
                    if stuck { logger.notice("engine loop turns again: watchdog petted") }
                    stuck = false
                } else if !stuck {
                    logger.error("engine loop has not turned for \(petInterval): watchdog not petted")
                    stuck = true
                }
                seen = now
            }
        } else {
            try? await gracefulShutdown()
        }
        send("STOPPING=1")
    }

    private func send(_ state: String) {
        do {
            try notifier.notify(state)
        } catch {
            logger.warning("\(error)")
        }
    }
}
