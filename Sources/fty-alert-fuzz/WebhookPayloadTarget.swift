import AgentHTTP

/// The Alertmanager webhook body decoder behind `POST /api/v1/webhook` (integrations.md §1).
struct WebhookPayloadTarget: FuzzTarget {
    let name = "webhook"

    func run(_ input: [UInt8]) throws(FuzzFinding) {
        _ = try? WebhookPayload.decode(input)
    }
}
