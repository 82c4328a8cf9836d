import FtyProto
import Logging

extension AlertPublication {
    /// The fty_proto ALERT to send on `_ALERTS_SYS` with subject `subject` (engine.md §7.3, §7.4).
    ///
    /// The shell sends `FtyProtoCodec.encode(alert)`; fields over 255 bytes are cut by the codec
    /// (Q29), see `ftyAlert(logger:)` for the log line.
    public var ftyAlert: FtyAlert {
        let message = message
        return FtyAlert(
            time: message.time, ttl: message.ttl, rule: message.rule, name: message.name,
            state: message.state, severity: message.severity, description: message.description,
            action: message.action, metadata: message.metadata)
    }

    /// `ftyAlert`, logging a warning for every field the codec will cut to 255 bytes (Q29).
    public func ftyAlert(logger: Logger) -> FtyAlert {
        let alert = ftyAlert
        for field in FtyProtoCodec.overlongFields(in: .alert(alert)) {
            logger.warning("alert of rule '\(ruleName)' on '\(element)': \(field)")
        }
        return alert
    }
}
