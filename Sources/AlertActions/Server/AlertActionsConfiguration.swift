import MalamuteClient
import FtyProto

/// Settings of an ``AlertActionsServer`` (engine.md §12, decisions.md D5).
public struct AlertActionsConfiguration: Sendable {
    /// Malamute broker endpoint, e.g. `ipc://@/malamute`.
    public var endpoint: String
    /// ZMQ PLAIN user and password the clients present to the broker; nil (the default) = NULL
    /// security (issue 14 item 6).
    public var plainCredentials: PlainCredentials? = nil
    /// The stream of asset announcements consumed (pattern `.*`).
    public var assetsStream: String
    /// The stream of alerts consumed (pattern `.*`): fty-alert-list's `ALERTS`, not `_ALERTS_SYS`.
    public var alertsStream: String
    /// The longest the actor sleeps between two looks at its timers (the original's 10 s,
    /// `TESTTIMEOUT` in its tests). The loop also wakes every 100 ms to notice ``AlertActionsServer/stop()``.
    public var wakePeriod: Duration
    /// Periodic work runs at most once per this interval (§12.6, 60 s), read on ``clock``.
    public var checkInterval: Duration
    /// `TESTCHECKINTERVAL` (§12.6): when set, every alert is reminded this often whatever its
    /// severity and priority; nil follows the table.
    public var notificationInterval: Duration?
    /// How long a request waits for its reply on `fty-alert-actions#mb` (§12.1: 1000 ms).
    public var replyTimeout: Duration
    /// How long connecting and subscribing wait for the broker before start-up fails.
    public var clientTimeout: Duration
    /// The clock of the caches and timers.
    public var clock: any AlertActionsClock

    /// Creates a configuration; everything but the endpoint has the original's value by default.
    public init(
        endpoint: String, assetsStream: String = FtyStreams.assets, alertsStream: String = FtyStreams.alerts,
        wakePeriod: Duration = .seconds(10), checkInterval: Duration = .seconds(60),
        notificationInterval: Duration? = nil, replyTimeout: Duration = .milliseconds(1000),
        clientTimeout: Duration = .seconds(5), clock: any AlertActionsClock = MonotonicClock()
    ) {
        self.endpoint = endpoint
        self.assetsStream = assetsStream
        self.alertsStream = alertsStream
        self.wakePeriod = wakePeriod
        self.checkInterval = checkInterval
        self.notificationInterval = notificationInterval
        self.replyTimeout = replyTimeout
        self.clientTimeout = clientTimeout
        self.clock = clock
    }

    /// The original's integration-test mode (§12.1, D5): a consumed stream is named
    /// `ASSETS-TEST` or `ALERTS-TEST`.
    ///
    /// The original looks at the last stream it subscribed to; either name counts here, so a
    /// harness that renames only one of the streams gets the mode as well.
    public var integrationTestMode: Bool {
        AlertActionsNames.testStreams.contains(assetsStream) || AlertActionsNames.testStreams.contains(alertsStream)
    }

    /// Where e-mail and SMS requests go.
    public var emailAgent: String {
        integrationTestMode ? AlertActionsNames.emailTestAgent : AlertActionsNames.emailAgent
    }

    /// Where GPO requests go.
    public var gpioAgent: String {
        integrationTestMode ? AlertActionsNames.gpioTestAgent : AlertActionsNames.gpioAgent
    }
}

extension Duration {
    /// Whole milliseconds, clamped at zero.
    var wholeMilliseconds: UInt64 {
        let (seconds, attoseconds) = components
        guard seconds >= 0, attoseconds >= 0 else { return 0 }
        return UInt64(seconds) * 1000 + UInt64(attoseconds / 1_000_000_000_000_000)
    }
}
