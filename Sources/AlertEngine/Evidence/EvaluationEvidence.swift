/// What the engine saw when it published an alert: the inputs, the thresholds in force and the
/// result (issue 10 item 2), kept in the history beside the transition.
public struct EvaluationEvidence: Sendable, Hashable, Codable {
    /// One metric value a rule read.
    public struct Input: Sendable, Hashable, Codable {
        public var topic: String
        public var value: Double
        public var unit: String
        /// UNIX seconds of the value.
        public var time: UInt64

        /// Creates an input.
        public init(topic: String, value: Double, unit: String, time: UInt64) {
            self.topic = topic
            self.value = value
            self.unit = unit
            self.time = time
        }
    }

    /// One named value of the rule (`high_critical` = 40).
    public struct Threshold: Sendable, Hashable, Codable {
        public var name: String
        public var value: String

        /// Creates a threshold.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    public var inputs: [Input]
    public var thresholds: [Threshold]
    /// The outcome crossed (`high_critical`), the Lua rule's outcome, or `ok` when resolved.
    public var result: String
    /// For a simple threshold, the threshold the value crossed (nil when resolved and for the
    /// Lua kinds).
    public var crossed: Threshold?

    /// Creates evidence.
    public init(inputs: [Input], thresholds: [Threshold], result: String, crossed: Threshold? = nil) {
        self.inputs = inputs
        self.thresholds = thresholds
        self.result = result
        self.crossed = crossed
    }
}
