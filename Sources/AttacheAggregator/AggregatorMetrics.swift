import AttacheWire
import Logging

/// The aggregator's metrics system: a Prometheus registry, bootstrapped once, served by a
/// ``MetricsServer`` (only when `aggregator.metrics.port` is set).
enum AggregatorMetrics {
    /// A batch commit takes a few milliseconds (one fsync) up to seconds for 512 large digests (derived; an
    /// append batch is one fsync and sequential writes).
    static let commitBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5),
        .seconds(10),
    ]
    /// Digests per transaction: 1 up to the batch limit (512 by default), for the log's appends and the derivation.
    static let batchBuckets: [Double] = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512]

    /// Bootstraps the process's metrics system (call once, before any library object is made)
    /// and returns the service that serves it.
    static func bootstrap(
        _ configuration: MetricsServerConfiguration, logger: Logger, portFile: String?
    ) -> MetricsServer {
        MetricsServer.bootstrapPrometheus(
            configuration,
            durationBuckets: [
                "attache_store_commit_duration_seconds": Self.commitBuckets, "attache_log_append_duration_seconds": Self.commitBuckets,
            ],
            valueBuckets: ["attache_store_commit_batch_size": Self.batchBuckets, "attache_log_append_batch_size": Self.batchBuckets],
            logger: logger, portFile: portFile)
    }
}
