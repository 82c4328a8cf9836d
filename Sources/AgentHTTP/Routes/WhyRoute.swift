import Hummingbird

/// `GET /api/v1/rules/{name}/why[?element=E]` (issue 13 item 5): the same JSON report as
/// `fty-alert-engine why RULE [ELEMENT] --json`, asked of the engine in process.
///
/// 404 for a rule that is not loaded, 503 when the engine does not run or does not answer
/// within the desk's timeout.
enum WhyRoute {
    static func add(to router: Router<BasicRequestContext>, services: HTTPServices) {
        router.get("api/v1/rules/:name/why") { request, context in
            guard let desk = services.whyDesk else {
                return HTTPReply.problem(.serviceUnavailable, "the engine does not run in this agent")
            }
            guard let name = context.parameters.get("name"), !name.isEmpty else {
                return HTTPReply.problem(.badRequest, "a rule name is required")
            }
            let element = request.uri.queryParameters.get("element")
            switch await desk.ask(rule: name, element: element) {
            case .report(let json):
                return HTTPReply.bytes(json, contentType: "application/json")
            case .unknownRule:
                return HTTPReply.problem(.notFound, "no rule named \(name)")
            case .unanswered:
                return HTTPReply.problem(.serviceUnavailable, "the engine did not answer in time")
            }
        }
    }
}
