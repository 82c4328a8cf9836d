/// Why the self-metrics HTTP server did not start.
public enum MetricsExporterError: Error, Sendable, CustomStringConvertible {
    /// Binding the address failed (port in use, unknown host, no permission…).
    case cannotListen(ListenAddress, reason: String)

    public var description: String {
        switch self {
        case .cannotListen(let address, let reason):
            "cannot serve metrics on \(address) (--metrics-listen): \(reason)"
        }
    }
}
