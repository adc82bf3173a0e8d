import AttacheWire
import Logging
import Metrics
import NIOCore
import Prometheus

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
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets["attache_extraction_duration_seconds"] = Self.extractionBuckets
        MetricsSystem.bootstrap(factory)
        return MetricsServer(
            configuration: configuration, render: { registry.emitToBuffer() }, logger: logger,
            onBound: { address in
                if let portFile, let port = address.port { try? writeFileAtomically("\(port)\n", to: portFile) }
            })
    }
}
