import AbsenceWatch
import AliveProbes
import Foundation
import Hummingbird
import Logging
import NIOCore

/// The alive probes' routes (issue 12 item 3), present only when `--probes-file` is set.
///
/// DeepSentinel's (integrations.md §5), so its agents use ours unchanged:
/// `GET /health` → `{"status":"pass"}`; `POST /probe/{machine}/report` with
/// `{"machineStatus":"pass","services":{…}}` → 202; `DELETE /probe/{machine}` → 202, removes the
/// machine's probes the token owns. The token comes in `Authorization: <token>` or
/// `Authorization: Bearer <token>`: none or a wrong one → 401 and nothing recorded; a machine
/// without a probe → 404; a body that is not a report → 400.
///
/// Administration (`GET|POST /api/v1/probes`, `DELETE /api/v1/probes/{name}`) needs
/// `Authorization: Bearer <admin token>` (`FTY_ALERT_ENGINE_PROBES_ADMIN_TOKEN` or
/// `probes/admin_token_file`); without an admin token configured it answers 403.
struct ProbeRoutes: Sendable {
    let monitor: ProbeMonitor
    let adminToken: String?
    let services: HTTPServices
    let logger: Logger

    /// The largest body read (a DeepSentinel report is a few hundred bytes).
    static let maxBodyBytes = 64 * 1024

    func add(to router: Router<BasicRequestContext>) {
        router.get("/health") { _, _ in HTTPReply.json(["status": "pass"]) }
        router.post("/probe/:machine/report") { request, context in
            try await report(request, machine: context.parameters.get("machine") ?? "")
        }
        router.delete("/probe/:machine") { request, context in
            remove(request, machine: context.parameters.get("machine") ?? "")
        }
        router.get("/api/v1/probes") { request, _ in
            if let refusal = admin(request) { return refusal }
            return HTTPReply.json(Listing(probes: monitor.list()))
        }
        router.post("/api/v1/probes") { request, _ in
            if let refusal = admin(request) { return refusal }
            return try await register(request)
        }
        router.delete("/api/v1/probes/:name") { request, context in
            if let refusal = admin(request) { return refusal }
            let name = context.parameters.get("name") ?? ""
            do throws(ProbesError) {
                let removed = try monitor.unregister(now: now()) { $0.name == name }
                guard !removed.isEmpty else { return Self.reply(ProbesError.unknown(name)) }
                logger.info("probe \(name) unregistered")
                return HTTPReply.json(["removed": name])
            } catch {
                return Self.reply(error)
            }
        }
    }

    private func report(_ request: Request, machine: String) async throws -> Response {
        let body: [UInt8]
        switch try await Self.body(request) {
        case .success(let bytes): body = bytes
        case .failure(let refusal): return refusal.response
        }
        let token = Self.token(request)
        let parsed: ProbeReport
        do {
            parsed = try ProbeReport.decode(body)
        } catch {
            // The token is checked first, so an unauthenticated client learns nothing more.
            if token == nil { return Self.unauthorized }
            return HTTPReply.problem(.badRequest, error.reason)
        }
        switch monitor.report(machine: machine, parsed, token: token, now: now()) {
        case .recorded(let count): return HTTPReply.json(["recorded": count], status: .accepted)
        case .unknownMachine: return HTTPReply.problem(.notFound, "no probe for machine \(machine)")
        case .unauthorized:
            logger.warning("probe report for \(machine) refused: missing or wrong token")
            return Self.unauthorized
        }
    }

    private func remove(_ request: Request, machine: String) -> Response {
        guard let token = Self.token(request) else { return Self.unauthorized }
        let candidates = monitor.list().filter { $0.machine == machine }
        guard !candidates.isEmpty else { return HTTPReply.problem(.notFound, "no probe for machine \(machine)") }
        do throws(ProbesError) {
            let removed = try monitor.unregister(now: now()) { $0.machine == machine && $0.token.matches(token) }
            guard !removed.isEmpty else { return Self.unauthorized }
            logger.info("probes of \(machine) unregistered by their agent: \(removed.map(\.name).joined(separator: ", "))")
            return HTTPReply.json(["removed": removed.count], status: .accepted)
        } catch {
            return Self.reply(error)
        }
    }

    private func register(_ request: Request) async throws -> Response {
        let body: [UInt8]
        switch try await Self.body(request) {
        case .success(let bytes): body = bytes
        case .failure(let refusal): return refusal.response
        }
        let registration: ProbeRegistration
        do {
            registration = try JSONDecoder().decode(ProbeRegistration.self, from: Data(body))
        } catch {
            return HTTPReply.problem(.badRequest, "expected {\"name\", \"machine\", \"period\"[, \"service\", ladder counts]}")
        }
        do throws(ProbesError) {
            let (definition, token) = try monitor.register(registration, now: now())
            logger.info("probe \(definition.name) registered for machine \(definition.machine)")
            return HTTPReply.json(Registered(name: definition.name, rule: definition.ruleName, token: token), status: .created)
        } catch {
            return Self.reply(error)
        }
    }

    /// 403 without an admin token configured, 401 for a missing or wrong one, nil when allowed.
    private func admin(_ request: Request) -> Response? {
        guard let adminToken else {
            return HTTPReply.problem(.forbidden, "probe administration over HTTP is off (set FTY_ALERT_ENGINE_PROBES_ADMIN_TOKEN)")
        }
        guard let given = Self.token(request), ConstantTime.equal(given, adminToken) else { return Self.unauthorized }
        return nil
    }

    private func now() -> AbsenceInstant { AbsenceInstant(milliseconds: services.nowMilliseconds()) }

    /// The token of `Authorization: <token>` (DeepSentinel's agent) or `Authorization: Bearer <token>`.
    static func token(_ request: Request) -> String? {
        guard var value = request.headers[.authorization]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if value.lowercased().hasPrefix("bearer ") { value = String(value.dropFirst(7)).trimmingCharacters(in: .whitespaces) }
        return value.isEmpty ? nil : value
    }

    static var unauthorized: Response {
        var headers = HTTPFields()
        headers[.wwwAuthenticate] = #"Bearer realm="fty-alert-engine""#
        return HTTPReply.problem(.unauthorized, "missing or wrong token", headers: headers)
    }

    /// Every ``ProbesError`` and its status, in one place.
    static func reply(_ error: ProbesError) -> Response {
        switch error {
        case .invalidName, .invalidPeriod, .invalidCount: HTTPReply.problem(.badRequest, error.description)
        case .duplicate: HTTPReply.problem(.conflict, error.description)
        case .unknown: HTTPReply.problem(.notFound, error.description)
        case .file: HTTPReply.problem(.serviceUnavailable, error.description)
        }
    }

    private static func body(_ request: Request) async throws -> Result<[UInt8], BodyRefusal> {
        var body: [UInt8] = []
        for try await buffer in request.body {
            guard body.count + buffer.readableBytes <= maxBodyBytes else {
                return .failure(BodyRefusal(response: HTTPReply.problem(.contentTooLarge, "body larger than \(maxBodyBytes) bytes")))
            }
            body.append(contentsOf: buffer.readableBytesView)
        }
        return .success(body)
    }

    private struct Listing: Encodable {
        var probes: [ProbeStatus]
    }

    private struct Registered: Encodable {
        var name: String
        var rule: String
        var token: String
    }
}

/// A response that refuses a body (too large), carried through a `Result`.
struct BodyRefusal: Error {
    var response: Response
}
