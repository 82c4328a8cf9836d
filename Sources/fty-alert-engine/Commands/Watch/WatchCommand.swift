import ArgumentParser
import FtyProto

/// `watch [--stream _ALERTS_SYS|ALERTS]`: prints alerts as they arrive (engine.md §7).
struct WatchCommand: BusSubcommand {
    static let configuration = CommandConfiguration(
        commandName: "watch",
        abstract: "Prints alerts as they arrive, one line each: time, state, severity, rule, element, description.",
        discussion: "Runs until SIGINT or SIGTERM (exit 0), or until --count alerts have been printed.")

    @Option(name: .long, help: "_ALERTS_SYS (what engines publish) or ALERTS (what fty-alert-list republishes).")
    var stream = FtyStreams.alertsSys

    @Option(name: .long, help: ArgumentHelp("Stop after this many alerts.", valueName: "n"))
    var count: Int?

    @OptionGroup var bus: BusOptions

    func validate() throws {
        if let count, count <= 0 { throw ValidationError("--count must be positive") }
    }

    func run() throws {
        // Caught before connecting, so a signal during the handshake also ends in exit 0.
        _ = StopSignals()
        try runOnBus()
    }

    func execute(_ session: BusSession) throws(CommandFailure) {
        let signals = StopSignals()
        try session.subscribe(stream: stream)
        Console.error("watching \(stream) at \(session.endpoint)")
        var printed = 0
        while !signals.arrived {
            guard let delivery = try session.nextDelivery(wait: .milliseconds(100)) else { continue }
            // wire.md §5.1: one fty_proto ALERT frame; anything else on the stream is skipped.
            guard delivery.kind == .stream, case .alert(let alert)? = try? FtyProtoCodec.decode(delivery.content) else {
                continue
            }
            let line = AlertLine(alert: alert, stream: delivery.addressString, subject: delivery.subjectString)
            Console.out(bus.json ? line.json : line.text)
            printed += 1
            if let count, printed >= count { return }
        }
    }
}
