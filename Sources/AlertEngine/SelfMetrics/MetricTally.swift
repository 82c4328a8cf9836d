/// What one metric did on the hot path, counted in plain integers on the stack and handed to
/// ``EngineMetrics`` once per metric; the swift-metrics counters see the sums only at a flush.
///
/// Touching a counter object per evaluation costs a retain/release pair and an indirect call
/// even with no metrics system; a metric reaches about six rules, at ~200k metrics/s.
struct MetricTally {
    /// Where a metric came from (D1).
    enum Input { case bus, shm }

    var fromBus = 0
    var fromShm = 0
    /// Evaluations by kind, in the order of ``EngineMetrics/evaluatedKinds``.
    var simpleThreshold = 0
    var complexThreshold = 0
    var single = 0
    var pattern = 0

    /// Counts one metric from `input` (nil: counted by the caller, or not at all).
    @inline(__always)
    mutating func received(from input: Input?) {
        switch input {
        case .bus: fromBus &+= 1
        case .shm: fromShm &+= 1
        case nil: break
        }
    }

    /// Counts one evaluation of a rule of `kind` (a device threshold is never evaluated, §6.3).
    @inline(__always)
    mutating func evaluated(_ kind: RuleKind) {
        switch kind {
        case .simpleThreshold: simpleThreshold &+= 1
        case .complexThreshold: complexThreshold &+= 1
        case .single: single &+= 1
        case .pattern: pattern &+= 1
        case .deviceThreshold, .expect: break
        }
    }

    /// Adds `other` in.
    @inline(__always)
    mutating func add(_ other: MetricTally) {
        fromBus &+= other.fromBus
        fromShm &+= other.fromShm
        simpleThreshold &+= other.simpleThreshold
        complexThreshold &+= other.complexThreshold
        single &+= other.single
        pattern &+= other.pattern
    }
}
