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
    @Option(help: "Seconds a TLS handshake may take (aggregator.handshake-timeout, default 10).") var handshakeTimeout: Int?
    @Option(help: "Requests of one connection worked on at once (aggregator.max-inflight, default 64).") var maxInflight: Int?
    @Option(help: "trace, debug, info, notice, warning, error (aggregator.log-level, default info).") var logLevel: String?

    func run() async throws {
        // Before any database opens (CSQLiteSetup.h): no per-call mutexes, no allocation statistics.
        let sqliteSetup = attache_sqlite_configure()
        let settings = try Settings(
            flags: [
                "aggregator.host": self.host, "aggregator.port": self.port.map(String.init),
                "aggregator.database": self.database,
                "aggregator.tls.dir": self.tlsDir, "aggregator.tls.ca": self.tlsCa,
                "aggregator.tls.cert": self.tlsCert, "aggregator.tls.key": self.tlsKey,
                "aggregator.max-line-bytes": self.maxLineBytes.map(String.init),
                "aggregator.max-result-rows": self.maxResultRows.map(String.init),
                "aggregator.idle-timeout": self.idleTimeout.map(String.init),
                "aggregator.max-connections": self.maxConnections.map(String.init),
                "aggregator.max-subscriptions": self.maxSubscriptions.map(String.init),
                "aggregator.handshake-timeout": self.handshakeTimeout.map(String.init),
                "aggregator.max-inflight": self.maxInflight.map(String.init),
                "aggregator.log-level": self.logLevel,
            ], configPath: self.config)
        bootstrapServiceLogging(level: settings.string("aggregator.log-level", default: "info"))
        let logger = Logger(label: "attache.aggregator")
        if sqliteSetup != 0 { logger.notice("SQLite was initialized before its settings could apply", metadata: ["code": "\(sqliteSetup)"]) }
        let tls = try settings.tlsFiles("aggregator", role: .aggregator).makeServerContext()
        // A digest line carries a whole document's sentences: allow more than for documents.
        let limits = try settings.limits("aggregator", maxLineBytes: 4 * Limits.defaultMaxLineBytes)
        let path = settings.string("aggregator.database", default: Settings.Defaults.workDirectory + "/attache.sqlite")
        let store = try SQLiteAggregationStore(path: path, maxResultRows: limits.maxResultRows, logger: logger)
        logger.info("store open", metadata: ["db.path": "\(path)"])
        let portFile = self.portFile
        let server = LineServer(
            configuration: LineServerConfiguration(
                host: settings.string("aggregator.host", default: Settings.Defaults.host),
                port: try settings.int("aggregator.port", default: Settings.Defaults.aggregatorPort),
                limits: limits),
            tls: tls, handler: AggregatorHandler(store: store, hub: SubscriptionHub()), logger: logger,
            onBound: { address in
                if let portFile, let port = address.port { try? writeFileAtomically("\(port)\n", to: portFile) }
            })
        let group = ServiceGroup(
            configuration: .init(
                services: [.init(service: server)], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
