import Hummingbird

/// `/live`, `/ready` and `/metrics` (issue 10 item 5; SeS serves the same three).
enum HealthRoutes {
    static func add(to router: Router<BasicRequestContext>, services: HTTPServices) {
        router.get("live") { _, _ in HTTPReply.json(Health(status: "pass")) }
        router.get("ready") { _, _ in
            services.ready()
                ? HTTPReply.json(Health(status: "pass"))
                : HTTPReply.json(Health(status: "fail"), status: .serviceUnavailable)
        }
        let registry = services.registry
        router.get("metrics") { _, _ in
            var text: [UInt8] = []
            registry.emit(into: &text)
            return HTTPReply.bytes(text, contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
    }

    /// DeepSentinel's health body (integrations.md §5): `{"status":"pass"}`.
    private struct Health: Encodable {
        var status: String
    }
}
