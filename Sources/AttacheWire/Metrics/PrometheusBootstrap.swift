import Logging
import Metrics
import NIOCore
import Prometheus

extension MetricsServer {
    /// Bootstraps the process's metrics system with a Prometheus registry and returns the
    /// endpoint that serves it (both services, when `scope.metrics.port` is set). Call it once,
    /// before any library object is made: each creates its metrics at init.
    /// - Parameters:
    ///   - durationBuckets: histogram buckets of timers, by metric name (others get the exporter's defaults).
    ///   - valueBuckets: histogram buckets of recorders, by metric name.
    ///   - portFile: a file that gets the bound port once the endpoint listens.
    public static func bootstrapPrometheus(
        _ configuration: MetricsServerConfiguration, durationBuckets: [String: [Duration]] = [:],
        valueBuckets: [String: [Double]] = [:], logger: Logger, portFile: String?
    ) -> MetricsServer {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        for (name, buckets) in durationBuckets { factory.durationHistogramBuckets[name] = buckets }
        for (name, buckets) in valueBuckets { factory.valueHistogramBuckets[name] = buckets }
        MetricsSystem.bootstrap(factory)
        return MetricsServer(
            configuration: configuration, render: { registry.emitToBuffer() }, logger: logger,
            onBound: { address in
                if let portFile, let port = address.port { try? writeFileAtomically("\(port)\n", to: portFile) }
            })
    }
}
