import AttacheWire
import Logging

/// The extractor's metrics system: a Prometheus registry, bootstrapped once, served by a
/// ``MetricsServer`` (only when `extractor.metrics.port` is set).
enum ExtractorMetrics {
    /// Extraction takes about a millisecond for a news story and up to a second for the largest
    /// documents allowed.
    static let extractionBuckets: [Duration] = [
        .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
        .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
        .milliseconds(2500),
    ]

    /// Bootstraps the process's metrics system (call once, before any library object is made)
    /// and returns the service that serves it.
    static func bootstrap(
        _ configuration: MetricsServerConfiguration, logger: Logger, portFile: String?
    ) -> MetricsServer {
        MetricsServer.bootstrapPrometheus(
            configuration, durationBuckets: ["attache_extraction_duration_seconds": Self.extractionBuckets], logger: logger,
            portFile: portFile)
    }
}
