import Logging
import MalamuteProtocol
@testable import MalamuteClient

/// Virtual time for session tests: instants are offsets from one fixed origin.
let origin = ContinuousClock.now
func at(_ milliseconds: Int) -> ContinuousClock.Instant { origin + .milliseconds(milliseconds) }

let clientName = Array("fty-alert-engine".utf8)
let testTiming = SessionTiming(callTimeout: .seconds(5), heartbeat: .seconds(1), closeTimeout: .seconds(1))

let ok = MLMMessage.ok(code: 200, reason: [])
let error500 = MLMMessage.error(code: 500, reason: [])
let error300 = MLMMessage.error(code: 300, reason: [])
let open = MLMMessage.connectionOpen(address: clientName)

func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

let metricsConsumer = ClientCommand.setConsumer(stream: bytes("METRICS"), pattern: bytes(".*"))
let alertsProducer = ClientCommand.setProducer(stream: bytes("_ALERTS_SYS"))

/// A session that has connected at t = 10 ms (next ping at 1010, expiry at 4010).
func connectedSession() -> ClientSession {
    var session = ClientSession(address: clientName, timing: testTiming)
    _ = session.handle(.connect, now: at(0))
    _ = session.handle(.received(ok), now: at(10))
    return session
}

/// Runs `command` to completion on a connected session at `time` (OK 1 ms later).
func run(_ command: ClientCommand, on session: inout ClientSession, at time: Int) {
    _ = session.handle(.command(command), now: at(time))
    _ = session.handle(.received(ok), now: at(time + 1))
}

func delivery(_ subject: String) -> MLMMessage {
    .streamDeliver(address: bytes("METRICS"), sender: bytes("agent"), subject: bytes(subject), content: [[1, 2]])
}

extension Array where Element == ClientAction {
    /// The actions other than log lines.
    var withoutLogs: [ClientAction] {
        filter { if case .log = $0 { false } else { true } }
    }

    /// The log lines at `level`.
    func logs(_ level: Logger.Level) -> [String] {
        compactMap { if case .log(level, let text) = $0 { text } else { nil } }
    }

    /// The messages to send, in order.
    var sent: [MLMMessage] {
        compactMap { if case .send(let message) = $0 { message } else { nil } }
    }
}
