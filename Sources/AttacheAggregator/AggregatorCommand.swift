import AttacheAggregation
import AttacheContracts
import AttacheWire
import ArgumentParser
import CSQLiteSetup
import Logging
import NIOCore
import ServiceLifecycle
import UnixSignals

/// `attache-aggregator`: stores digests from extractors and answers queries, over mutual TLS.
@main
struct AggregatorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attache-aggregator",
        abstract: "Merge digests into a knowledge base and answer queries (NDJSON over mutual TLS).",
        discussion: """
            Every option can also be set by an environment variable (ATTACHE_AGGREGATOR_PORT, …) or in the
            config file (--config or ATTACHE_CONFIG; see deploy/attache.json). Flags win over the
            environment, which wins over the file.
            """,
        version: Protocol.softwareVersion)

    @Option(help: "JSON config file.") var config: String?
    @Option(help: "Address to listen on (aggregator.host, default 127.0.0.1).") var host: String?
    @Option(help: "Port to listen on; 0 picks one (aggregator.port, default 7402).") var port: Int?
    @Option(help: "Write the bound port to this file once listening.") var portFile: String?
    @Option(help: "Serve metrics (Prometheus, plain HTTP GET /metrics) on this port; 0 picks one (ATTACHE_AGGREGATOR_METRICS_PORT, aggregator.metrics.port; default: off).")
    var metricsPort: Int?
    @Option(help: "Address of the metrics endpoint (aggregator.metrics.host, default 127.0.0.1).") var metricsHost: String?
    @Option(help: "Write the metrics endpoint's bound port to this file once listening.") var metricsPortFile: String?
    @Option(help: "SQLite database file (aggregator.database, default .attache/attache.sqlite).") var database: String?
    @Option(help: "Directory with ca.pem, aggregator.pem, aggregator-key.pem (aggregator.tls.dir, default .attache/certs).")
    var tlsDir: String?
    @Option(help: "CA certificate (aggregator.tls.ca).") var tlsCa: String?
    @Option(help: "This service's certificate (aggregator.tls.cert).") var tlsCert: String?
    @Option(help: "This service's private key (aggregator.tls.key).") var tlsKey: String?
    @Option(help: "Maximum bytes of one line (aggregator.max-line-bytes, default 4194304).") var maxLineBytes: Int?
    @Option(help: "Maximum rows in one answer (aggregator.max-result-rows, default 10000).") var maxResultRows: Int?
    @Option(help: "Seconds before an idle connection is closed (aggregator.idle-timeout, default 300).")
    var idleTimeout: Int?
    @Option(help: "Maximum concurrent connections (aggregator.max-connections, default 512).") var maxConnections: Int?
    @Option(help: "Subscriptions one connection may hold (aggregator.max-subscriptions, default 64).") var maxSubscriptions: Int?
    @Option(help: "Subscriptions the server holds at once (aggregator.max-subscriptions-total, default 1024).")
    var maxSubscriptionsTotal: Int?
    @Option(help: "Bytes of events waiting for one subscriber (aggregator.subscription-buffer-bytes, default 1048576).")
    var subscriptionBufferBytes: Int?
    @Option(help: "Bytes of events waiting for all subscribers (aggregator.subscription-buffer-bytes-total, default 67108864).")
    var subscriptionBufferBytesTotal: Int?
    @Option(help: "Bytes of one query reply line; pages stop there (aggregator.max-reply-bytes, default 4194304).")
    var maxReplyBytes: Int?
    @Option(help: "Milliseconds of database work one query may take (aggregator.max-query-ms, default 5000).")
    var maxQueryMs: Int?
    @Option(help: "Words in one full-text query (aggregator.max-search-terms, default 32).") var maxSearchTerms: Int?
    @Option(help: "Indexed words the prefixes of one full-text query may expand to (aggregator.max-search-expansions, default 512).")
    var maxSearchExpansions: Int?
    @Option(help: "Seconds a TLS handshake may take (aggregator.handshake-timeout, default 5).") var handshakeTimeout: Int?
    @Option(help: "Connections in their TLS handshake at once; more close the oldest (aggregator.max-pending-handshakes, default 64).")
    var maxPendingHandshakes: Int?
    @Option(help: "Connections in their TLS handshake at once from one IP address (aggregator.max-pending-handshakes-per-address, default 8).")
    var maxPendingHandshakesPerAddress: Int?
    @Option(help: "Requests of one connection worked on at once (aggregator.max-inflight, default 64).") var maxInflight: Int?
    @Option(help: "Milliseconds a query with `after` may wait for the knowledge base to reach that seq (aggregator.max-after-wait-ms, default 10000).")
    var maxAfterWaitMs: Int?
    @Option(help: "Log entries derived into the knowledge base in one transaction, and appended in one (aggregator.derive-batch, default 512).")
    var deriveBatch: Int?
    @Option(help: "trace, debug, info, notice, warning, error (aggregator.log-level, default info).") var logLevel: String?

    func run() async throws {
        // Before any database opens (CSQLiteSetup.h): no per-call mutexes, no allocation statistics.
        let sqliteSetup = attache_sqlite_configure()
        let settings = try Settings(
            flags: [
                "aggregator.host": self.host, "aggregator.port": self.port.map(String.init),
                "aggregator.metrics.port": self.metricsPort.map(String.init), "aggregator.metrics.host": self.metricsHost,
                "aggregator.database": self.database,
                "aggregator.tls.dir": self.tlsDir, "aggregator.tls.ca": self.tlsCa,
                "aggregator.tls.cert": self.tlsCert, "aggregator.tls.key": self.tlsKey,
                "aggregator.max-line-bytes": self.maxLineBytes.map(String.init),
                "aggregator.max-result-rows": self.maxResultRows.map(String.init),
                "aggregator.idle-timeout": self.idleTimeout.map(String.init),
                "aggregator.max-connections": self.maxConnections.map(String.init),
                "aggregator.max-subscriptions": self.maxSubscriptions.map(String.init),
                "aggregator.max-subscriptions-total": self.maxSubscriptionsTotal.map(String.init),
                "aggregator.subscription-buffer-bytes": self.subscriptionBufferBytes.map(String.init),
                "aggregator.subscription-buffer-bytes-total": self.subscriptionBufferBytesTotal.map(String.init),
                "aggregator.max-reply-bytes": self.maxReplyBytes.map(String.init),
                "aggregator.max-query-ms": self.maxQueryMs.map(String.init),
                "aggregator.max-search-terms": self.maxSearchTerms.map(String.init),
                "aggregator.max-search-expansions": self.maxSearchExpansions.map(String.init),
                "aggregator.handshake-timeout": self.handshakeTimeout.map(String.init),
                "aggregator.max-pending-handshakes": self.maxPendingHandshakes.map(String.init),
                "aggregator.max-pending-handshakes-per-address": self.maxPendingHandshakesPerAddress.map(String.init),
                "aggregator.max-inflight": self.maxInflight.map(String.init),
                "aggregator.max-after-wait-ms": self.maxAfterWaitMs.map(String.init),
                "aggregator.derive-batch": self.deriveBatch.map(String.init),
                "aggregator.log-level": self.logLevel,
            ], configPath: self.config)
        bootstrapServiceLogging(level: settings.string("aggregator.log-level", default: "info"))
        let logger = Logger(label: "attache.aggregator")
        // Before any library object is made: each creates its metrics at init.
        let metricsServer = try settings.metricsServer("aggregator").map {
            AggregatorMetrics.bootstrap($0, logger: logger, portFile: self.metricsPortFile)
        }
        if sqliteSetup != 0 { logger.notice("SQLite was initialized before its settings could apply", metadata: ["code": "\(sqliteSetup)"]) }
        let tls = try settings.tlsFiles("aggregator", role: .aggregator).makeServerContext()
        // A digest line carries a whole document's sentences: allow more than for documents.
        var limits = try settings.limits("aggregator", maxLineBytes: 4 * Limits.defaultMaxLineBytes)
        let (queryLimits, hubConfiguration) = try Self.queryLimits(settings, maxSubscriptions: limits.maxSubscriptions)
        // Advertised in the hello.
        limits.maxReplyBytes = queryLimits.maxReplyBytes
        limits.maxQueryMilliseconds = queryLimits.maxQueryMilliseconds
        limits.maxSearchTerms = queryLimits.maxSearchTerms
        limits.maxSearchExpansions = queryLimits.maxSearchExpansions
        limits.maxSubscriptionsTotal = hubConfiguration.maxTotal
        limits.maxSubscriptionBufferBytes = hubConfiguration.bufferBytes
        limits.maxSubscriptionBufferBytesTotal = hubConfiguration.totalBufferBytes
        let maxAfterWait = try settings.int("aggregator.max-after-wait-ms", default: 10_000)
        let deriveBatch = try settings.int("aggregator.derive-batch", default: 512)
        for (name, value, range) in [("max-after-wait-ms", maxAfterWait, 0...600_000), ("derive-batch", deriveBatch, 1...100_000)]
        where !range.contains(value) {
            throw SettingsError(message: "aggregator.\(name) must be between \(range.lowerBound) and \(range.upperBound) (got \(value))")
        }
        limits.maxAfterWaitMilliseconds = maxAfterWait
        let path = settings.string("aggregator.database", default: Settings.Defaults.workDirectory + "/attache.sqlite")
        let store = try SQLiteAggregationStore(
            path: path, maxResultRows: limits.maxResultRows, storyWindowDays: 3, maxBatch: deriveBatch, queryLimits: queryLimits,
            logger: logger)
        logger.info("store open", metadata: ["db.path": "\(path)"])
        let portFile = self.portFile
        let server = LineServer(
            configuration: LineServerConfiguration(
                host: settings.string("aggregator.host", default: Settings.Defaults.host),
                port: try settings.int("aggregator.port", default: Settings.Defaults.aggregatorPort),
                limits: limits, handshakes: try settings.handshakeLimits("aggregator")),
            tls: tls,
            handler: AggregatorHandler(
                store: store, hub: SubscriptionHub(configuration: hubConfiguration), maxAfterWait: .milliseconds(maxAfterWait)),
            logger: logger,
            onBound: { address in
                if let portFile, let port = address.port { try? writeFileAtomically("\(port)\n", to: portFile) }
            })
        let group = ServiceGroup(
            configuration: .init(
                // The metrics endpoint starts first and stops last.
                services: (metricsServer.map { [.init(service: $0)] } ?? []) + [.init(service: server)],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }

    /// The query side's limits from `settings` (keys in the options' help), each checked.
    static func queryLimits(
        _ settings: Settings, maxSubscriptions: Int
    ) throws -> (QueryLimits, SubscriptionHub.Configuration) {
        let q = QueryLimits()
        let h = SubscriptionHub.Configuration()
        let queryLimits = QueryLimits(
            maxReplyBytes: try settings.int("aggregator.max-reply-bytes", default: q.maxReplyBytes),
            maxQueryMilliseconds: try settings.int("aggregator.max-query-ms", default: q.maxQueryMilliseconds),
            maxSearchTerms: try settings.int("aggregator.max-search-terms", default: q.maxSearchTerms),
            maxSearchExpansions: try settings.int("aggregator.max-search-expansions", default: q.maxSearchExpansions))
        let hub = SubscriptionHub.Configuration(
            maxPerOwner: maxSubscriptions,
            maxTotal: try settings.int("aggregator.max-subscriptions-total", default: h.maxTotal),
            bufferBytes: try settings.int("aggregator.subscription-buffer-bytes", default: h.bufferBytes),
            totalBufferBytes: try settings.int("aggregator.subscription-buffer-bytes-total", default: h.totalBufferBytes))
        for (name, value, least) in [
            ("max-reply-bytes", queryLimits.maxReplyBytes, 16 * 1024), ("max-query-ms", queryLimits.maxQueryMilliseconds, 1),
            ("max-search-terms", queryLimits.maxSearchTerms, 1), ("max-search-expansions", queryLimits.maxSearchExpansions, 0),
            ("max-subscriptions", hub.maxPerOwner, 0), ("max-subscriptions-total", hub.maxTotal, 0),
            ("subscription-buffer-bytes", hub.bufferBytes, 1), ("subscription-buffer-bytes-total", hub.totalBufferBytes, 1),
        ] where value < least {
            throw SettingsError(message: "aggregator.\(name) must be at least \(least) (got \(value))")
        }
        return (queryLimits, hub)
    }
}
