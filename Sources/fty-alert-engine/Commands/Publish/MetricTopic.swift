import ArgumentParser

/// A `QUANTITY@ELEMENT` argument (wire.md §5.1 subject of METRICS).
struct MetricTopic: ExpressibleByArgument {
    var quantity: String
    var element: String

    /// The topic as written on the bus.
    var text: String { "\(quantity)@\(element)" }

    init?(argument: String) {
        // The quantity never holds '@'; the element may.
        guard let at = argument.firstIndex(of: "@") else { return nil }
        quantity = String(argument[..<at])
        element = String(argument[argument.index(after: at)...])
        if quantity.isEmpty || element.isEmpty { return nil }
    }
}
