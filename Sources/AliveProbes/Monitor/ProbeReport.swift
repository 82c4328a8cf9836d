import Foundation

/// DeepSentinel's alive report (`agent/report.go`): `{"machineStatus": "pass", "services":
/// {"nginx": "pass", …}}`. Both fields are optional here; anything but a JSON object with a
/// string `machineStatus` and an object of strings `services` is refused.
public struct ProbeReport: Sendable, Hashable, Decodable {
    /// The machine's status; absent or `pass` signals the machine's probe.
    public var machineStatus: String?
    /// Each service's status; `pass` signals that service's probe.
    public var services: [String: String]

    /// Creates a report.
    public init(machineStatus: String? = "pass", services: [String: String] = [:]) {
        self.machineStatus = machineStatus
        self.services = services
    }

    enum CodingKeys: String, CodingKey { case machineStatus, services }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        machineStatus = try container.decodeIfPresent(String.self, forKey: .machineStatus)
        services = try container.decodeIfPresent([String: String].self, forKey: .services) ?? [:]
    }

    /// The report in `body`.
    ///
    /// - Throws: ``ProbeReportError`` with a one-line reason (the route answers 400 with it).
    public static func decode(_ body: [UInt8]) throws(ProbeReportError) -> ProbeReport {
        guard !body.isEmpty else { throw ProbeReportError(reason: "empty body: expected a JSON alive report") }
        do {
            return try JSONDecoder().decode(ProbeReport.self, from: Data(body))
        } catch DecodingError.typeMismatch(_, let context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw ProbeReportError(reason: field.isEmpty ? "expected a JSON object" : "\(field): wrong type")
        } catch {
            throw ProbeReportError(reason: "malformed JSON")
        }
    }
}

/// Why an alive report was refused.
public struct ProbeReportError: Error, Sendable, CustomStringConvertible {
    /// The one-line reason.
    public var reason: String
    public var description: String { reason }
}

/// What a report did.
public enum ProbeReportOutcome: Sendable, Equatable {
    /// Recorded for this many probes of the machine.
    case recorded(Int)
    /// No probe is registered for the machine.
    case unknownMachine
    /// No token, or a token that is none of the machine's probes': nothing recorded.
    case unauthorized
}
