import AbsenceWatch
import MalamuteClient
/// Settings of an ``EngineServer``: where the broker, the rules and the metric store are, and
/// how often the timers run (engine.md §1, §5.1, decisions.md D1, D4, D5).
public struct EngineConfiguration: Sendable {
    /// Malamute broker endpoint, e.g. `ipc://@/malamute`.
    public var endpoint: String
    /// ZMQ PLAIN user and password the clients present to the broker; nil (the default) = NULL
    /// security (issue 14 item 6).
    public var plainCredentials: PlainCredentials? = nil
    /// The rules directory; created with its parents at start-up if missing (engine.md §10.1).
    public var rulesDirectory: String
    /// The fty-shm store root (metric files in `<root>/0`); nil turns the shm input off (D1).
    public var shmDirectory: String?
    /// How often all valid fty-shm metrics are read and evaluated; the first read happens one
    /// interval after start, as the original (engine.md §5.1, default 30 s).
    public var shmPollInterval: Duration
    /// How often expired entries leave the metric cache (engine.md §5.1 step 2, D1).
    ///
    /// A Lua rule may combine a value up to `ttl + metricPurgeInterval` old (§5.4); the default of
    /// 5 s keeps that close to the ttl at the cost of one cache scan per period.
    public var metricPurgeInterval: Duration
    /// How long connecting and subscribing wait for the broker before start-up fails.
    public var clientTimeout: Duration
    /// Budgets of every Lua rule (decisions.md D4).
    public var luaLimits: LuaLimits
    /// Whether reading fty-shm deletes expired files (the original's `FTY_SHM_AUTOCLEAN`).
    public var autoclean: Bool
    /// The autoconfig cache entry (ext attributes) of an asset, nil if unknown: what the Xphase
    /// check of ADD consults first (engine.md §1, §9.4 step 3). Called on the engine thread;
    /// by default no asset is known.
    public var assetInfo: @Sendable (String) -> [String: String]?
    /// Where the engine records the phase metrics autoconfig's LIST asks about (engine.md §11.7);
    /// nil: not recorded.
    public var metricPresence: MetricPresenceView?
    /// The alert state journal file (issue 13 item 1); nil, the default, turns it off: then
    /// nothing is restored and every byte on the bus is as without the journal.
    public var stateJournal: String?
    /// Told of every alert published and every crossing that starts pending, with its evidence
    /// (the alert history, issue 10); nil, the default: no evidence is ever built and nothing
    /// changes on the metric path.
    public var alertObserver: (any AlertObserver)?
    /// Where other threads ask for ``WhyReport``s (the HTTP route); answered once per loop turn.
    /// nil, the default: nobody asks.
    public var whyDesk: WhyDesk?
    /// The heartbeat METRIC published on `METRICS` (issue 12 item 4); nil, the default: no
    /// heartbeat client connects and nothing more is published.
    public var heartbeat: HeartbeatSettings?
    /// Bumped once per loop turn, for the systemd watchdog (issue 12 item 4); nil: not counted.
    public var loopTurns: LoopTurns?
    /// The absence ladder counts where a rule's `expect` does not set them (`--absence-ladder`,
    /// issue 12); DeepSentinel's 10 / 20 / 30 by default.
    public var absenceLadder: LadderThresholds = .deepSentinel
    /// Which rule kinds the engine accepts: `.original` (the default, every answer on the bus as
    /// the original's) or `.withExpect` for the `expect` kind (`--expect-rules`, issue 12).
    public var dialect: RuleDialect = .original
    /// The settle period after start before a never-seen expected topic counts as missing;
    /// nil, the default: one period of that topic.
    public var absenceSettle: Duration?
    /// Called on the engine thread at the top of every loop turn; TEST ONLY: the executable sets
    /// it from `FTY_ALERT_ENGINE_TEST_BLOCK_LOOP` to block the loop while a file exists, so a
    /// test can show the watchdog stops. Nil, the default, in every real deployment.
    public var loopHook: (@Sendable () -> Void)?

    /// Creates a configuration; everything but the endpoint and the rules directory has a default.
    public init(
        endpoint: String, rulesDirectory: String, shmDirectory: String? = nil,
        shmPollInterval: Duration = .seconds(30), metricPurgeInterval: Duration = .seconds(5),
        clientTimeout: Duration = .seconds(5), luaLimits: LuaLimits = .default, autoclean: Bool = true,
        assetInfo: @escaping @Sendable (String) -> [String: String]? = { _ in nil },
        metricPresence: MetricPresenceView? = nil, stateJournal: String? = nil,
        alertObserver: (any AlertObserver)? = nil, heartbeat: HeartbeatSettings? = nil
    ) {
        self.endpoint = endpoint
        self.rulesDirectory = rulesDirectory
        self.shmDirectory = shmDirectory
        self.shmPollInterval = shmPollInterval
        self.metricPurgeInterval = metricPurgeInterval
        self.clientTimeout = clientTimeout
        self.luaLimits = luaLimits
        self.autoclean = autoclean
        self.assetInfo = assetInfo
        self.metricPresence = metricPresence
        self.stateJournal = stateJournal
        self.alertObserver = alertObserver
        self.heartbeat = heartbeat
    }
}
