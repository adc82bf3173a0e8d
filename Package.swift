// swift-tools-version:6.1
import PackageDescription

let settings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

func nio(_ name: String) -> Target.Dependency { .product(name: name, package: "swift-nio") }
let argumentParser: Target.Dependency = .product(name: "ArgumentParser", package: "swift-argument-parser")
let lifecycle: Target.Dependency = .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")
let logging: Target.Dependency = .product(name: "Logging", package: "swift-log")
let unixSignals: Target.Dependency = .product(name: "UnixSignals", package: "swift-service-lifecycle")
let metrics: Target.Dependency = .product(name: "Metrics", package: "swift-metrics")
let prometheus: Target.Dependency = .product(name: "Prometheus", package: "swift-prometheus")

let package = Package(
    name: "attache",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "attache", targets: ["AttacheCLI"]),
        .executable(name: "attache-extractor", targets: ["AttacheExtractor"]),
        .executable(name: "attache-aggregator", targets: ["AttacheAggregator"]),
        .executable(name: "attache-bench", targets: ["AttacheBench"]),
        .executable(name: "attache-fuzz", targets: ["AttacheFuzz"]),
        .executable(name: "attache-store-bench", targets: ["AttacheStoreBench"]),
        .executable(name: "attache-system-bench", targets: ["AttacheSystemBench"]),
        .library(name: "AttacheContracts", targets: ["AttacheContracts"]),
        .library(name: "AttacheExtraction", targets: ["AttacheExtraction"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-async-algorithms.git", from: "1.1.4"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        // Pure wire and digest types, the NDJSON line codec, limits and error codes. No NIO.
        // Message types and their codecs; swift-crypto only for the content hash.
        .target(
            name: "AttacheContracts", dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            swiftSettings: settings),
        // text -> digest, pure functions; gazetteers are data files in Resources/.
        .target(
            name: "AttacheExtraction",
            dependencies: ["AttacheContracts"],
            resources: [.process("Resources")],
            swiftSettings: settings
        ),
        // What crawlers produce, read into documents: JSON/JSONL records with their field aliases, HTML pages'
        // main text, publication dates. Pure functions over bytes (no I/O), bounded.
        .target(name: "AttacheInput", dependencies: ["AttacheContracts"], swiftSettings: settings),
        // NDJSON framing with a hard line limit (NIOCore only; fuzzed without TLS).
        .target(name: "AttacheFraming", dependencies: [nio("NIOCore")], swiftSettings: settings),
        // SwiftNIO + TLS: servers, clients, certificates.
        .target(
            name: "AttacheWire",
            dependencies: [
                "AttacheContracts", "AttacheFraming",
                nio("NIOCore"), nio("NIOPosix"), nio("NIOTLS"), nio("NIOHTTP1"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
                logging, lifecycle, metrics, prometheus,
            ],
            swiftSettings: settings
        ),
        // The aggregator's store (SQLite through GRDB) and query engine.
        .target(
            name: "AttacheAggregation",
            dependencies: [
                "AttacheContracts", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"), logging, metrics,
            ],
            swiftSettings: settings
        ),
        // The PostgreSQL backend's foundation (postgres-nio): connection settings, versioned migrations, the shared
        // append log and the derivation lease. Not wired into the aggregator yet.
        .target(
            name: "AttachePostgres",
            dependencies: [
                "AttacheContracts", .product(name: "PostgresNIO", package: "postgres-nio"), nio("NIOCore"), nio("NIOPosix"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"), logging, metrics,
            ],
            swiftSettings: settings
        ),
        // The extractor's durable outbox (SQLite through GRDB) and its forwarder to the aggregator.
        .target(
            name: "AttacheDelivery",
            dependencies: [
                "AttacheContracts", "AttacheWire", .product(name: "GRDB", package: "GRDB.swift"), logging, lifecycle, metrics,
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: settings
        ),
        .executableTarget(
            name: "AttacheExtractor",
            dependencies: [
                "AttacheContracts", "AttacheExtraction", "AttacheWire", "AttacheDelivery", "CSQLiteSetup", argumentParser,
                lifecycle, logging, unixSignals, metrics,
            ],
            swiftSettings: settings
        ),
        .executableTarget(
            name: "AttacheAggregator",
            dependencies: [
                "AttacheContracts", "AttacheAggregation", "AttacheWire", "CSQLiteSetup", argumentParser, lifecycle, logging,
                unixSignals, metrics,
            ],
            swiftSettings: settings
        ),
        .executableTarget(
            name: "AttacheCLI",
            dependencies: [
                "AttacheContracts", "AttacheExtraction", "AttacheInput", "AttacheWire", argumentParser, logging, unixSignals,
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
            ],
            swiftSettings: settings
        ),
        // Benchmarks (release builds; not tests). Light on purpose: no NIO for the extraction benchmark.
        .executableTarget(
            name: "AttacheBench",
            dependencies: ["AttacheContracts", "AttacheExtraction"],
            swiftSettings: settings
        ),
        // SQLite's process-wide settings for the executables (C: `sqlite3_config` is variadic).
        .target(
            name: "CSQLiteSetup",
            dependencies: [.product(name: "GRDBSQLite", package: "GRDB.swift")],
            linkerSettings: [.linkedLibrary("sqlite3")]
        ),
        // The aggregator store's benchmark: ingest rate and query latencies at scale (release builds).
        .executableTarget(
            name: "AttacheStoreBench",
            dependencies: [
                "AttacheContracts", "AttacheAggregation", "AttachePostgres", "CSQLiteSetup", logging,
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: settings
        ),
        // End-to-end and codec benchmarks against the real services (release builds).
        .executableTarget(
            name: "AttacheSystemBench",
            dependencies: [
                "AttacheContracts", "AttacheExtraction", "AttacheWire", .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: settings
        ),
        // libFuzzer target for the line decoder, the message codec and the extractor: scripts/fuzz.sh.
        .executableTarget(
            name: "AttacheFuzz",
            dependencies: ["AttacheContracts", "AttacheExtraction", "AttacheFraming", nio("NIOCore"), nio("NIOEmbedded")],
            swiftSettings: settings
        ),
        // Helpers shared by the test targets (not shipped).
        .target(
            name: "AttacheTestSupport", dependencies: [nio("NIOCore"), nio("NIOPosix")], path: "Tests/AttacheTestSupport",
            swiftSettings: settings),
        .testTarget(name: "AttacheContractsTests", dependencies: ["AttacheContracts", "AttacheTestSupport"], swiftSettings: settings),
        .testTarget(name: "AttacheInputTests", dependencies: ["AttacheContracts", "AttacheInput"], swiftSettings: settings),
        .testTarget(
            name: "AttacheExtractionTests",
            dependencies: ["AttacheContracts", "AttacheExtraction", "AttacheTestSupport"],
            swiftSettings: settings
        ),
        .testTarget(
            name: "AttacheWireTests",
            dependencies: ["AttacheContracts", "AttacheWire", "AttacheFraming", "AttacheTestSupport", nio("NIOCore"), nio("NIOPosix"), nio("NIOEmbedded"),
                           .product(name: "NIOSSL", package: "swift-nio-ssl"), logging],
            swiftSettings: settings
        ),
        .testTarget(
            name: "AttacheAggregationTests",
            dependencies: ["AttacheContracts", "AttacheAggregation"],
            swiftSettings: settings
        ),
        // Against a real PostgreSQL: the URL in ATTACHE_TEST_POSTGRES (scripts/test-postgres.sh starts one).
        .testTarget(
            name: "AttachePostgresTests",
            dependencies: ["AttacheContracts", "AttachePostgres", .product(name: "PostgresNIO", package: "postgres-nio"), logging],
            swiftSettings: settings
        ),
        .testTarget(
            name: "AttacheDeliveryTests",
            dependencies: ["AttacheContracts", "AttacheDelivery", logging],
            swiftSettings: settings
        ),
        // End-to-end tests that start the real executables.
        .testTarget(
            name: "AttacheSystemTests",
            dependencies: [
                "AttacheContracts", "AttacheWire", "AttacheExtraction", "AttacheTestSupport", nio("NIOCore"), nio("NIOPosix"), logging,
                .product(name: "AsyncAlgorithms", package: "swift-async-algorithms"),
            ],
            swiftSettings: settings
        ),
    ]
)
