import Foundation

/// The flap-damping parameters of a rule (issue 13 item 4), as BGP route-flap damping
/// (RFC 2439) has them.
///
/// Every confirmed change of an element's state or severity adds `penalty`; the score halves
/// every `halfLife` seconds. When it reaches `suppress`, changes are held back and one
/// "flapping" alert stands for the element; when it has decayed below `reuse` (checked at each
/// evaluation), the element's real state is published again.
public struct FlapDamping: Sendable, Equatable, Codable {
    /// Penalty added per state change; default 1000 (the BGP default).
    public var penalty: Double
    /// Score at which changes are held back; default 2000 (the third change in quick succession).
    public var suppress: Double
    /// Score below which the real state is released; default 750.
    public var reuse: Double
    /// Seconds for the score to halve; default 900 (BGP's 15 minutes).
    public var halfLife: Double

    /// The defaults: penalty 1000, suppress 2000, reuse 750, half-life 900 s.
    public static let defaults = FlapDamping(penalty: 1000, suppress: 2000, reuse: 750, halfLife: 900)

    /// Creates parameters.
    public init(penalty: Double, suppress: Double, reuse: Double, halfLife: Double) {
        self.penalty = penalty
        self.suppress = suppress
        self.reuse = reuse
        self.halfLife = halfLife
    }

    /// `score`, last set at `since`, decayed to `now` (a clock stepping back decays nothing).
    public func decayed(_ score: Double, since: UInt64, now: UInt64) -> Double {
        guard now > since, halfLife > 0 else { return halfLife > 0 ? score : 0 }
        return score * pow(2, -Double(now - since) / halfLife)
    }
}
