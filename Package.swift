// swift-tools-version:6.0
// Swift 6 language mode (the default for tools 6.0) with strict concurrency checking.
import PackageDescription

/// Every target builds in Swift 6 mode; warnings are not tolerated (CI builds with -warnings-as-errors).
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "fty-alert-engine",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "fty-alert-engine", targets: ["fty-alert-engine"]),
        .executable(name: "fty-alert-bench", targets: ["fty-alert-bench"]),
        .executable(name: "fty-alert-fuzz", targets: ["fty-alert-fuzz"]),
        .library(name: "MalamuteClient", targets: ["MalamuteClient"]),
        .library(name: "MalamuteBroker", targets: ["MalamuteBroker"]),
        .library(name: "FtyProto", targets: ["FtyProto"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", exact: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", exact: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics", exact: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", exact: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", exact: "2.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        // Already in the graph through hummingbird-auth; named for SHA-256 of the probe tokens.
        .package(url: "https://github.com/apple/swift-crypto", exact: "4.5.2"),
    ],
    targets: [
        // C shims: touched only by the ZeroMQ adapter module and the Lua adapter in AlertEngine.
        .target(name: "CZMQShim", linkerSettings: [.linkedLibrary("zmq")]),
        .target(name: "CLua", linkerSettings: [.linkedLibrary("lua5.4")]),

        // Byte-level zproto field encodings shared by the two codecs.
        .target(name: "Zproto", swiftSettings: swiftSettings),
        // Swift ZeroMQ layer: contexts, sockets, multipart messages, polling.
        .target(name: "ZeroMQ", dependencies: ["CZMQShim"], swiftSettings: swiftSettings),
        // Malamute (MLM) codec and SLRE subject matching: pure, no sockets.
        .target(name: "MalamuteProtocol", dependencies: ["Zproto"], swiftSettings: swiftSettings),
        // fty_proto METRIC / ALERT / ASSET codec: pure.
        .target(name: "FtyProto", dependencies: ["Zproto"], swiftSettings: swiftSettings),
        // Malamute-compatible broker.
        .target(
            name: "MalamuteBroker",
            dependencies: ["Locking", "ZeroMQ", "MalamuteProtocol", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings),
        // The one Malamute client the three actors share.
        .target(
            name: "MalamuteClient",
            dependencies: ["Locking",
                "ZeroMQ", "MalamuteProtocol", .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings),

        // The three actors.
        .target(
            name: "AlertEngine",
            dependencies: ["Locking",
                "MalamuteClient", "MalamuteProtocol", "FtyProto", "CLua", "AbsenceWatch",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings),
        .target(
            name: "Autoconfig",
            dependencies: ["Locking", "MalamuteClient", "FtyProto", "AlertEngine", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings),
        .target(
            name: "AlertActions",
            dependencies: ["MalamuteClient", "FtyProto", .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings),

        // Absence of signal (issue 12): expected signals and DeepSentinel's escalation ladder, a
        // pure state machine on an injected clock; the engine and the probes build on it.
        .target(name: "Locking", swiftSettings: swiftSettings),
        .target(name: "AbsenceWatch", swiftSettings: swiftSettings),
        .testTarget(name: "AbsenceWatchTests", dependencies: ["AbsenceWatch"], swiftSettings: swiftSettings),

        // Alive probes for external agents (issue 12 item 3): the registry of probes with hashed
        // tokens, persisted atomically, their ladders, and the publisher of their absence alerts.
        .target(
            name: "AliveProbes",
            dependencies: [
                "Locking", "AbsenceWatch", "AlertEngine", "FtyProto", "MalamuteClient", .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "AliveProbesTests",
            dependencies: ["AliveProbes", "AbsenceWatch", "FtyProto", "MalamuteBroker", "MalamuteClient", "TestSupport"],
            swiftSettings: swiftSettings),

        // Self-metrics over HTTP: a Prometheus registry behind a minimal GET /metrics server.
        .target(
            name: "SelfMetrics",
            dependencies: [
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),

        // The alert history: an SQLite database (GRDB) and the recorder that fills it.
        .target(
            name: "AlertHistory",
            dependencies: [
                "AlertEngine", "MalamuteClient", "FtyProto", "Locking", .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, for the store's hot statements (GRDB's own product for it).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"), .product(name: "CoreMetrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "AlertHistoryTests",
            // GRDB: tests open the database as another connection would (a second writer, an
            // operator's sqlite3, a file left at an old schema version).
            dependencies: ["AlertHistory", "AlertEngine", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings),

        // The agent's one HTTP listener (Hummingbird): self-metrics, health, the history API, the
        // Alertmanager webhook receiver and the status page.
        .target(
            name: "AgentHTTP",
            dependencies: ["Locking",
                "SelfMetrics", "FtyProto", "MalamuteClient", "AlertHistory", "AlertEngine", "AliveProbes",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),

        // ZPL (czmq zconfig) parsing for the agent's config file: pure, its own module so the
        // fuzzer reaches it without the executable.
        .target(name: "ZPL", swiftSettings: swiftSettings),

        // The executable only wires services together.
        .executableTarget(
            name: "fty-alert-engine",
            dependencies: ["Locking",
                "MalamuteBroker", "MalamuteClient", "AlertEngine", "Autoconfig", "AlertActions", "FtyProto", "SelfMetrics",
                "AgentHTTP", "AlertHistory", "ZPL", "AbsenceWatch", "AliveProbes",
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings),
        // Benchmark program: prints figures, run with `swift run -c release fty-alert-bench`.
        .executableTarget(
            name: "fty-alert-bench",
            dependencies: ["Locking",
                "MalamuteBroker", "MalamuteClient", "FtyProto", "AlertEngine", "AlertActions", "Autoconfig",
                "AgentHTTP", "AlertHistory", "SelfMetrics", "AbsenceWatch", "AliveProbes",
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),

        // libFuzzer targets for every decoder that reads untrusted bytes (scripts/fuzz). Without
        // -DFUZZING it is a plain program that replays inputs (regression mode, FuzzTests).
        .executableTarget(
            name: "fty-alert-fuzz",
            dependencies: ["MalamuteProtocol", "FtyProto", "AlertEngine", "Autoconfig", "AgentHTTP", "ZPL"],
            swiftSettings: swiftSettings),
        .testTarget(name: "FuzzTests", dependencies: ["fty-alert-fuzz", "TestSupport"], swiftSettings: swiftSettings),

        .testTarget(name: "MalamuteProtocolTests", dependencies: ["MalamuteProtocol", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "FtyProtoTests", dependencies: ["FtyProto", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(name: "ZeroMQTests", dependencies: ["ZeroMQ"], swiftSettings: swiftSettings),
        .testTarget(
            name: "MalamuteBrokerTests",
            dependencies: [
                "MalamuteBroker", "MalamuteClient", "ZeroMQ", "MalamuteProtocol", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "MalamuteClientTests",
            dependencies: ["Locking", "MalamuteClient", "MalamuteBroker", "MalamuteProtocol", "TestSupport"],
            swiftSettings: swiftSettings),
        .testTarget(name: "AlertEngineTests", dependencies: ["AlertEngine", "TestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "EngineServerTests",
            dependencies: [
                "AlertEngine", "MalamuteBroker", "MalamuteClient", "FtyProto", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "AutoconfigTests",
            dependencies: ["Locking",
                "Autoconfig", "AlertEngine", "MalamuteBroker", "MalamuteClient", "FtyProto", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "AlertActionsTests",
            dependencies: ["Locking",
                "AlertActions", "MalamuteBroker", "MalamuteClient", "FtyProto", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(name: "ExecutableTests", dependencies: ["Locking", "MalamuteClient", "FtyProto", "AlertEngine", "AlertHistory", "TestSupport"], swiftSettings: swiftSettings),
        // The executable's own logic (config file, settings precedence, logging, lifecycle).
        .testTarget(
            name: "AgentTests",
            dependencies: ["Locking",
                "fty-alert-engine", "AgentHTTP", "TestSupport", "ZPL",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings),
        // The pure parts of the command-line subcommands (check, output formats), without processes.
        .testTarget(name: "CLITests", dependencies: ["fty-alert-engine", "AlertEngine", "Autoconfig", "FtyProto"], swiftSettings: swiftSettings),
        .testTarget(
            name: "SelfMetricsTests",
            dependencies: [
                "SelfMetrics", "AlertEngine", "MalamuteClient", "MalamuteBroker", "FtyProto", "TestSupport",
                .product(name: "MetricsTestKit", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),
        .testTarget(
            name: "AgentHTTPTests",
            dependencies: ["Locking",
                "AgentHTTP", "AlertHistory", "SelfMetrics", "FtyProto", "MalamuteBroker", "MalamuteClient", "TestSupport",
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings),
        // Shared test helpers: fixture paths, hex, waiting for events, captured logs.
        .target(
            name: "TestSupport", dependencies: ["Locking", .product(name: "Logging", package: "swift-log")], path: "Tests/TestSupport",
            swiftSettings: swiftSettings),
    ]
)
