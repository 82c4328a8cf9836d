import AlertEngine

/// A LIST templates request to `fty-autoconfig` and its reply (engine.md §11.7).
///
/// Request `["LIST", correlation_id]` or `["LIST", correlation_id, filter]` (missing filter =
/// `all`); the subject is not checked. Reply
/// `[correlation_id, "LIST", filter, name1, content1, devices1, …]`. There is no error reply.
public struct TemplateListRequest: Sendable, Equatable {
    /// The first reply frame, copied from the request.
    public var correlationID: [UInt8]
    /// `all`, or a plain substring the template contents must hold.
    public var filter: String

    /// Why a mailbox message is not a LIST request (logged, no reply).
    public enum Refusal: Error, Equatable, Sendable {
        /// Frame 1 is not `LIST` (or absent).
        case notList(command: String?)
        /// No correlation-id frame: the original crashes; we answer nothing (§11.7).
        case missingCorrelationID
    }

    /// Parses request `frames`.
    public init(frames: [[UInt8]]) throws(Refusal) {
        guard let command = frames.first, command == Array("LIST".utf8) else {
            throw .notList(command: frames.first.map { String(decoding: $0, as: UTF8.self) })
        }
        guard frames.count >= 2 else { throw .missingCorrelationID }
        correlationID = frames[1]
        filter = frames.count >= 3 ? String(decoding: frames[2], as: UTF8.self) : "all"
    }

    /// The reply frames for `templates` and the stored `devices`.
    ///
    /// - Parameter metricPresent: whether a metric topic is known, for the Xphase checks that
    ///   do not look at asset attributes (rack and datacenter phase imbalance, §9.4 step 3).
    public func reply(
        templates: [Template], devices: [String: DeviceEntry], metricPresent: (String) -> Bool = { _ in false }
    ) -> [[UInt8]] {
        var frames: [[UInt8]] = [correlationID, Array("LIST".utf8), Array(filter.utf8)]
        let names = devices.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        for template in templates where filter == "all" || template.contains(filter) {
            let matching = names.filter { name in
                Self.lists(name, devices[name]!, under: template, devices: devices, metricPresent: metricPresent)
            }
            frames.append(Array(template.fileName.utf8))
            frames.append(template.contents)
            frames.append(Array(matching.joined(separator: ",").utf8))
        }
        return frames
    }

    /// Whether the device `name` appears in the devices frame of `template`.
    static func lists(
        _ name: String, _ entry: DeviceEntry, under template: Template, devices: [String: DeviceEntry],
        metricPresent: (String) -> Bool
    ) -> Bool {
        guard template.applies(to: entry.typeName) else { return false }
        if entry.subtype == "sensorgpio", let model = entry.attributes["model"], !template.contains(model) {
            return false
        }
        return XphaseCheck.isApplicable(
            ruleName: template.ruleNamePrefix + name, assetInfo: { devices[$0]?.attributes },
            metricPresent: metricPresent)
    }
}
