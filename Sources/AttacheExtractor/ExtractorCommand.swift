import AttacheContracts
import AttacheDelivery
import AttacheExtraction
import AttacheWire
import ArgumentParser
import CSQLiteSetup
import Logging
import NIOCore
import ServiceLifecycle
import UnixSignals

/// `attache-extractor`: takes documents over TLS, digests them and forwards the digests to the aggregator.
@main
struct ExtractorCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attache-extractor",
        abstract: "Digest pushed documents and forward the digests to the aggregator (NDJSON over mutual TLS).",
        discussion: """
            Every option can also be set by an environment variable (ATTACHE_EXTRACTOR_PORT, …) or in the
            config file (--config or ATTACHE_CONFIG; see deploy/attache.json). Flags win over the
            environment, which wins over the file.
            """,
        version: Protocol.softwareVersion)

    @Option(help: "JSON config file.") var config: String?
    @Option(help: "Address to listen on (extractor.host, default 127.0.0.1).") var host: String?
    @Option(help: "Port to listen on; 0 picks one (extractor.port, default 7401).") var port: Int?
    @Option(help: "Write the bound port to this file once listening.") var portFile: String?
    @Option(help: "Serve metrics (Prometheus, plain HTTP GET /metrics) on this port; 0 picks one (ATTACHE_EXTRACTOR_METRICS_PORT, extractor.metrics.port; default: off).")
    var metricsPort: Int?
    @Option(help: "Address of the metrics endpoint (extractor.metrics.host, default 127.0.0.1).") var metricsHost: String?
    @Option(help: "Write the metrics endpoint's bound port to this file once listening.") var metricsPortFile: String?
    @Option(help: "The aggregator, HOST:PORT (extractor.aggregator, default 127.0.0.1:7402).") var aggregator: String?
    @Option(help: "Name to verify on the aggregator's certificate (default: its host).") var aggregatorName: String?
    @Option(help: "Directory with ca.pem, extractor.pem, extractor-key.pem (extractor.tls.dir, default .attache/certs).")
    var tlsDir: String?
    @Option(help: "CA certificate (extractor.tls.ca).") var tlsCa: String?
    @Option(help: "This service's certificate (extractor.tls.cert).") var tlsCert: String?
    @Option(help: "This service's private key (extractor.tls.key).") var tlsKey: String?
    @Option(help: "Maximum bytes of a document's text (extractor.max-document-bytes, default 524288).")
    var maxDocumentBytes: Int?
    @Option(help: "Maximum bytes of one line (extractor.max-line-bytes, default 4194304).") var maxLineBytes: Int?
    @Option(help: "Seconds before an idle connection is closed (extractor.idle-timeout, default 300).")
    var idleTimeout: Int?
    @Option(help: "Maximum concurrent authenticated connections (extractor.max-connections, default 512).")
    var maxConnections: Int?
    @Option(help: "Seconds a TLS handshake may take (extractor.handshake-timeout, default 5).") var handshakeTimeout: Int?
    @Option(help: "Connections in their TLS handshake at once; more close the oldest (extractor.max-pending-handshakes, default 64).")
    var maxPendingHandshakes: Int?
    @Option(help: "Connections in their TLS handshake at once from one IP address (extractor.max-pending-handshakes-per-address, default 8).")
    var maxPendingHandshakesPerAddress: Int?
    @Option(help: "Requests of one connection worked on at once (extractor.max-inflight, default 64).") var maxInflight: Int?
    @Option(help: "Milliseconds of extraction one document may take; past it the document is answered with what was found and a warning (extractor.max-extract-ms, default 5000).")
    var maxExtractMs: Int?
    @Option(help: "trace, debug, info, notice, warning, error (extractor.log-level, default info).") var logLevel: String?
    @Option(help: "The durable outbox, a SQLite file (extractor.outbox, default .attache/outbox.sqlite).") var outbox: String?
    @Option(help: "Digests the outbox may hold before pushes get BUSY (extractor.outbox-capacity, default 100000).")
    var outboxCapacity: Int?
    @Option(help: "Bytes of digests the outbox may hold before pushes get BUSY (extractor.outbox-capacity-bytes, default 1 GiB).")
    var outboxCapacityBytes: Int?
    @Option(help: "Milliseconds a push waits for the aggregator's answer before it is acknowledged as queued (extractor.delivery-wait-ms, default 2000).")
    var deliveryWaitMs: Int?
    @Option(help: "Pushes wait for the aggregator only while at most this many digests are waiting in the outbox (extractor.delivery-wait-backlog, default 512).")
    var deliveryWaitBacklog: Int?

    func run() async throws {
        // Before any database opens (CSQLiteSetup.h): no per-call mutexes, no allocation statistics.
        let sqliteSetup = attache_sqlite_configure()
        let settings = try Settings(
            flags: [
                "extractor.host": self.host, "extractor.port": self.port.map(String.init),
                "extractor.metrics.port": self.metricsPort.map(String.init), "extractor.metrics.host": self.metricsHost,
                "extractor.aggregator": self.aggregator, "extractor.aggregator-name": self.aggregatorName,
                "extractor.tls.dir": self.tlsDir, "extractor.tls.ca": self.tlsCa, "extractor.tls.cert": self.tlsCert,
                "extractor.tls.key": self.tlsKey,
                "extractor.max-document-bytes": self.maxDocumentBytes.map(String.init),
                "extractor.max-line-bytes": self.maxLineBytes.map(String.init),
                "extractor.idle-timeout": self.idleTimeout.map(String.init),
                "extractor.max-connections": self.maxConnections.map(String.init),
                "extractor.handshake-timeout": self.handshakeTimeout.map(String.init),
                "extractor.max-pending-handshakes": self.maxPendingHandshakes.map(String.init),
                "extractor.max-pending-handshakes-per-address": self.maxPendingHandshakesPerAddress.map(String.init),
                "extractor.max-inflight": self.maxInflight.map(String.init),
                "extractor.max-extract-ms": self.maxExtractMs.map(String.init),
                "extractor.log-level": self.logLevel, "extractor.outbox": self.outbox,
                "extractor.outbox-capacity": self.outboxCapacity.map(String.init),
                "extractor.outbox-capacity-bytes": self.outboxCapacityBytes.map(String.init),
                "extractor.delivery-wait-ms": self.deliveryWaitMs.map(String.init),
                "extractor.delivery-wait-backlog": self.deliveryWaitBacklog.map(String.init),
            ], configPath: self.config)
        bootstrapServiceLogging(level: settings.string("extractor.log-level", default: "info"))
        let logger = Logger(label: "attache.extractor")
        // Before any library object is made: each creates its metrics at init.
        let metricsServer = try settings.metricsServer("extractor").map {
            ExtractorMetrics.bootstrap($0, logger: logger, portFile: self.metricsPortFile)
        }
        if sqliteSetup != 0 { logger.notice("SQLite was initialized before its settings could apply", metadata: ["code": "\(sqliteSetup)"]) }
        let tlsFiles = settings.tlsFiles("extractor", role: .extractor)
        let serverTLS = try tlsFiles.makeServerContext()
        let clientTLS = try tlsFiles.makeClientContext()
        let upstream = try Settings.endpoint(
            settings.string(
                "extractor.aggregator", default: "\(Settings.Defaults.host):\(Settings.Defaults.aggregatorPort)"))
        var limits = try settings.limits("extractor")
        // Advertised in the hello, and the budget of each push and extract.
        limits.maxExtractMilliseconds = try settings.int("extractor.max-extract-ms", default: ExtractionDeadline.defaultMilliseconds)
        if let ms = limits.maxExtractMilliseconds, ms < 1 {
            throw SettingsError(message: "extractor.max-extract-ms must be at least 1 (got \(ms))")
        }
        let outboxPath = settings.string("extractor.outbox", default: Settings.Defaults.workDirectory + "/outbox.sqlite")
        let outbox = try Outbox(
            path: outboxPath, capacity: try settings.int("extractor.outbox-capacity", default: 100_000),
            capacityBytes: try settings.int("extractor.outbox-capacity-bytes", default: Outbox.defaultCapacityBytes), logger: logger)
        logger.info("outbox open", metadata: ["db.path": "\(outboxPath)", "outbox.count": "\(outbox.count)"])
        let forwarder = OutboxForwarder(
            outbox: outbox,
            aggregator: LineClientConfiguration(
                host: upstream.host, port: upstream.port, serverHostname: settings.string("extractor.aggregator-name"),
                maxLineBytes: max(limits.maxLineBytes, Limits.defaultMaxLineBytes) * 4),
            tls: clientTLS, logger: logger)
        let deliveryWait = Duration.milliseconds(try settings.int("extractor.delivery-wait-ms", default: 2000))
        let portFile = self.portFile
        let server = LineServer(
            configuration: LineServerConfiguration(
                host: settings.string("extractor.host", default: Settings.Defaults.host),
                port: try settings.int("extractor.port", default: Settings.Defaults.extractorPort),
                limits: limits, handshakes: try settings.handshakeLimits("extractor")),
            tls: serverTLS, handler: ExtractorHandler(
                extractor: Extractor(), outbox: outbox, forwarder: forwarder, deliveryWait: deliveryWait,
                waitBacklog: try settings.int("extractor.delivery-wait-backlog", default: 512)), logger: logger,
            onBound: { address in
                if let portFile, let port = address.port { try? writeFileAtomically("\(port)\n", to: portFile) }
            })
        let group = ServiceGroup(
            configuration: .init(
                // Started in this order, stopped in reverse: the listener first, the outbox writer last.
                // The metrics endpoint starts first and stops last.
                services: (metricsServer.map { [.init(service: $0)] } ?? []) + [
                    .init(service: outbox), .init(service: forwarder), .init(service: server),
                ],
                gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
