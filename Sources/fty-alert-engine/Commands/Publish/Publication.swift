import AlertEngine

/// Publishes one message and reports it: `published <what> on <stream> (<subject>)`, or as JSON.
enum Publication {
    static func publish(
        _ session: BusSession, stream: String, subject: String, frames: [[UInt8]], what: String, json: Bool
    ) throws(CommandFailure) {
        try session.publish(stream: stream, subject: subject, frames: frames)
        if json {
            Console.out(
                JSONOutput.compact(
                    JSONOutput.object([("result", .string("OK")), ("stream", .string(stream)), ("subject", .string(subject))])))
        } else {
            Console.out("published \(what) on \(stream) (subject \(subject))")
        }
    }
}
