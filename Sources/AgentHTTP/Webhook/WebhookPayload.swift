import AlertHistory
import Foundation

/// An Alertmanager webhook body (version 4, integrations.md §1) decoded into the alerts the
/// history applies.
///
/// Strict where the history depends on it — `alerts`, and each alert's `status`, `labels`,
/// `startsAt` and `fingerprint` must be there with the right types — and lenient elsewhere:
/// `annotations`, `endsAt` and `generatorURL` may be absent, unknown members are ignored, so a
/// later Alertmanager that adds members is still accepted.
public struct WebhookPayload: Sendable, Equatable {
    /// The receiver named in Alertmanager's route ("" when absent).
    public var receiver: String
    /// The group's status (`firing` or `resolved`; "" when absent).
    public var status: String
    /// The alerts of the group, in the order sent.
    public var alerts: [WebhookAlert]

    /// Decodes `body`.
    ///
    /// - Throws: ``WebhookPayloadError`` naming the first problem, with its JSON path
    ///   (`alerts[2].startsAt`).
    public static func decode(_ body: [UInt8]) throws(WebhookPayloadError) -> WebhookPayload {
        let wire: Wire.Body
        do {
            wire = try JSONDecoder().decode(Wire.Body.self, from: Data(body))
        } catch let error as DecodingError {
            throw Self.reason(error)
        } catch {
            throw .malformedJSON("\(error)")
        }
        var alerts: [WebhookAlert] = []
        alerts.reserveCapacity(wire.alerts.count)
        for (index, alert) in wire.alerts.enumerated() {
            let path = "alerts[\(index)]"
            guard let status = WebhookAlert.Status(rawValue: alert.status) else {
                throw .unknownStatus(path: "\(path).status", value: alert.status)
            }
            guard let startsAt = RFC3339.milliseconds(alert.startsAt) else {
                throw .invalidTime(path: "\(path).startsAt", value: alert.startsAt)
            }
            var endsAt: Int64?
            if let text = alert.endsAt, !text.isEmpty {
                guard let millis = RFC3339.milliseconds(text) else {
                    throw .invalidTime(path: "\(path).endsAt", value: text)
                }
                // Go's zero time (0001-01-01T00:00:00Z) means "no end".
                endsAt = millis > Self.zeroTimeBound ? millis : nil
            }
            alerts.append(
                WebhookAlert(
                    status: status, labels: alert.labels, annotations: alert.annotations ?? [:], startsAt: startsAt,
                    endsAt: endsAt, fingerprint: alert.fingerprint, generatorURL: alert.generatorURL ?? ""))
        }
        return WebhookPayload(receiver: wire.receiver ?? "", status: wire.status ?? "", alerts: alerts)
    }

    /// Times at or before year 1 mark Go's zero `time.Time`.
    private static let zeroTimeBound = RFC3339.milliseconds("0001-01-02T00:00:00Z") ?? 0

    /// The one-line reason for a decoding failure.
    private static func reason(_ error: DecodingError) -> WebhookPayloadError {
        switch error {
        case .keyNotFound(let key, let context):
            return .missingField(path: path(context.codingPath + [key]))
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            let last = context.codingPath.last?.stringValue
            let expected = last == "labels" || last == "annotations" ? "an object of strings" : expectation(type)
            return .wrongType(path: path(context.codingPath), expected: expected)
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                return .malformedJSON((context.underlyingError as? NSError)?.localizedDescription ?? context.debugDescription)
            }
            return .wrongType(path: path(context.codingPath), expected: "a valid value")
        @unknown default:
            return .malformedJSON("\(error)")
        }
    }

    private static func path(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text.isEmpty ? "the body" : text
    }

    private static func expectation(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is [String: String].Type: "an object of strings"
        case is [Wire.Alert].Type, is [Any].Type: "an array"
        default: "an object"
        }
    }

    /// The body as Alertmanager sends it (notify/webhook/webhook.go).
    private enum Wire {
        struct Body: Decodable {
            var receiver: String?
            var status: String?
            var alerts: [Alert]
        }

        struct Alert: Decodable {
            var status: String
            var labels: [String: String]
            var annotations: [String: String]?
            var startsAt: String
            var endsAt: String?
            var generatorURL: String?
            var fingerprint: String
        }
    }
}
