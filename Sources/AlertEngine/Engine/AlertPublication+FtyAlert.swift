import FtyProto
import Logging

extension AlertPublication {
    /// `ftyAlert`, logging a warning for every field the codec will cut to 255 bytes (Q29).
    public func ftyAlert(logger: Logger) -> FtyAlert {
        let alert = ftyAlert
        for field in FtyProtoCodec.overlongFields(in: .alert(alert)) {
            logger.warning("alert of rule '\(ruleName)' on '\(element)': \(field)")
        }
        return alert
    }
}
