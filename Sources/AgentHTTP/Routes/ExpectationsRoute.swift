import AbsenceWatch
import Hummingbird

/// `GET /api/v1/expectations[?state=RUNG]` (issue 12 item 5): the same JSON report as
/// `fty-alert-engine expectations --json`, asked of the engine in process through the desk
/// `why` uses.
///
/// 400 for a state that is no rung, 503 when the engine does not run or does not answer within
/// the desk's timeout.
enum ExpectationsRoute {
    static func add(to router: Router<BasicRequestContext>, services: HTTPServices) {
        router.get("api/v1/expectations") { request, _ in
            guard let desk = services.whyDesk else {
                return HTTPReply.problem(.serviceUnavailable, "the engine does not run in this agent")
            }
            var rung: AbsenceRung?
            if let state = request.uri.queryParameters.get("state"), !state.isEmpty {
                guard let named = AbsenceRung(name: state) else {
                    let names = AbsenceRung.allCases.map(\.name).joined(separator: ", ")
                    return HTTPReply.problem(.badRequest, "state must be one of \(names), not \(state)")
                }
                rung = named
            }
            switch await desk.askExpectations(rung: rung) {
            case .report(let json):
                return HTTPReply.bytes(json, contentType: "application/json")
            case .unknownRule, .unanswered:
                return HTTPReply.problem(.serviceUnavailable, "the engine did not answer in time")
            }
        }
    }
}
