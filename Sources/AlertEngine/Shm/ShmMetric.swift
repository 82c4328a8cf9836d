/// One metric read from (or written to) the fty-shm store (engine.md §2.2).
public struct ShmMetric: Equatable, Sendable {
    /// One aux attribute: a key line and a value line of the file, in file order.
    public struct AuxPair: Equatable, Sendable {
        /// The attribute name, e.g. `time`.
        public var key: String
        /// The attribute value.
        public var value: String

        /// Creates an aux pair.
        public init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    /// The quantity, the part of the file name before `@` (e.g. `realpower.default`).
    public var quantity: String
    /// The asset, the part of the file name after `@` (e.g. `ups-1`).
    public var asset: String
    /// The value as text (line 3); the engine parses it with strtod (engine.md §5.2).
    public var value: String
    /// The unit (line 2); stored but never used by the engine.
    public var unit: String
    /// Seconds the metric stays valid after `time`; 0 = never expires.
    public var ttl: Int
    /// The file's modification time (UNIX seconds); for writing, the time to set.
    public var time: Int
    /// Aux attributes, in file order.
    public var aux: [AuxPair]

    /// Creates a metric.
    public init(
        quantity: String, asset: String, value: String, unit: String, ttl: Int, time: Int, aux: [AuxPair] = []
    ) {
        self.quantity = quantity
        self.asset = asset
        self.value = value
        self.unit = unit
        self.ttl = ttl
        self.time = time
        self.aux = aux
    }

    /// The metric topic `<quantity>@<asset>`, which is also the file name.
    public var topic: String { quantity + "@" + asset }

    /// The value of the first aux attribute named `key`, if any.
    public func auxValue(forKey key: String) -> String? {
        aux.first { $0.key == key }?.value
    }

    /// True when the metric has not expired at `now`: ttl 0, or at most ttl seconds old.
    ///
    /// A modification time in the future counts as fresh.
    public func isValid(now: Int) -> Bool {
        ttl == 0 || now - time <= ttl
    }
}
