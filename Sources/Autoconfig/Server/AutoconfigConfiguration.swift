import MalamuteClient
import FtyProto

/// Settings of an ``AutoconfigServer`` (engine.md §1, §11, decisions.md D5).
public struct AutoconfigConfiguration: Sendable {
    /// Malamute broker endpoint.
    public var endpoint: String
    /// ZMQ PLAIN user and password the clients present to the broker; nil (the default) = NULL
    /// security (issue 14 item 6).
    public var plainCredentials: PlainCredentials? = nil
    /// The rules directory, where the state file `state` lives (engine.md §11.8).
    public var rulesDirectory: String
    /// The templates directory (engine.md §11.3).
    public var templatesDirectory: String
    /// The consumed assets stream (D5 `--assets-stream`, default `ASSETS`).
    public var assetsStream: String
    /// The subject pattern on it (engine.md §1: `.*`).
    public var assetsPattern: String
    /// The generation timer's periods (engine.md §11.4); tests shorten them.
    public var periods: GenerationPeriods
    /// How long connecting and subscribing wait for the broker before start-up fails.
    public var clientTimeout: Duration
    /// The longest a changed state waits before it is written while messages keep coming.
    ///
    /// The state is written when the bus goes quiet, at the end of a generation pass and at
    /// stop; a burst of 1,000 asset messages thus costs a few writes, not 1,000 fsyncs.
    public var stateSaveDelay: Duration
    /// The shared asset view the engine's Xphase check reads; nil for none.
    public var assetView: AssetInfoView?
    /// Whether the templates of the `expect` subdirectory of the templates directory are
    /// generated too (`--expect-rules`, issue 12): each says which metrics of an asset type are
    /// expected every period. Off by default: the subdirectory is never read, so the rules sent
    /// and the LIST answers are the original's. LIST never lists them.
    public var expectationTemplates = false
    /// The subdirectory of the templates directory that holds the expectation templates.
    public static let expectationSubdirectory = "expect"
    /// Whether a metric topic is known, for the device lists of LIST (rack / datacenter phase
    /// imbalance, engine.md §9.4 step 3); by default nothing is.
    public var metricPresent: @Sendable (String) -> Bool

    /// Creates a configuration; everything but the endpoint and the directories has a default.
    public init(
        endpoint: String, rulesDirectory: String, templatesDirectory: String,
        assetsStream: String = FtyStreams.assets, assetsPattern: String = ".*",
        periods: GenerationPeriods = .standard, clientTimeout: Duration = .seconds(5),
        stateSaveDelay: Duration = .seconds(1), assetView: AssetInfoView? = nil,
        metricPresent: @escaping @Sendable (String) -> Bool = { _ in false }
    ) {
        self.endpoint = endpoint
        self.rulesDirectory = rulesDirectory
        self.templatesDirectory = templatesDirectory
        self.assetsStream = assetsStream
        self.assetsPattern = assetsPattern
        self.periods = periods
        self.clientTimeout = clientTimeout
        self.stateSaveDelay = stateSaveDelay
        self.assetView = assetView
        self.metricPresent = metricPresent
    }
}
