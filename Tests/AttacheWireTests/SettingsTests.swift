import AttacheContracts
import AttacheWire
import Foundation
import Testing

@Suite struct SettingsTests {
    func configFile(_ json: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("attache-\(UUID().uuidString).json").path
        try json.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func flagsBeatEnvironmentWhichBeatsTheFileWhichBeatsDefaults() throws {
        let file = try self.configFile(#"{"extractor": {"port": 1111, "host": "10.0.0.1", "tls": {"dir": "/etc/x"}}, "aggregator": {"port": 3333}}"#)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let environment = ["ATTACHE_EXTRACTOR_PORT": "2222", "ATTACHE_EXTRACTOR_MAX_INFLIGHT": "7"]
        let settings = try Settings(flags: ["extractor.port": nil], configPath: file, environment: environment)
        #expect(try settings.int("extractor.port", default: 7401) == 2222, "environment beats the file")
        #expect(settings.string("extractor.host") == "10.0.0.1", "the file beats the default")
        #expect(try settings.int("aggregator.port", default: 7402) == 3333)
        #expect(try settings.int("extractor.idle-timeout", default: 300) == 300, "default when nothing sets it")
        #expect(try settings.limits("extractor").maxInflight == 7)
        #expect(settings.tlsFiles("extractor", role: .extractor).certificate == "/etc/x/extractor.pem")

        let flagged = try Settings(flags: ["extractor.port": "4444"], configPath: file, environment: environment)
        #expect(try flagged.int("extractor.port", default: 7401) == 4444, "a flag beats everything")
    }

    @Test func metricsEndpointIsOffUnlessAPortIsSet() throws {
        #expect(try Settings(flags: [:], configPath: nil, environment: [:]).metricsServer("extractor") == nil)
        let fromEnvironment = try Settings(
            flags: [:], configPath: nil, environment: ["ATTACHE_EXTRACTOR_METRICS_PORT": "9401"]
        ).metricsServer("extractor")
        #expect(fromEnvironment == MetricsServerConfiguration(host: "127.0.0.1", port: 9401), "loopback by default")
        #expect(try Settings(flags: [:], configPath: nil, environment: ["ATTACHE_EXTRACTOR_METRICS_PORT": "9401"])
            .metricsServer("aggregator") == nil, "each service has its own key")
        let file = try self.configFile(#"{"aggregator": {"metrics": {"port": 9402, "host": "::1", "max-connections": 3}}}"#)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let fromFile = try Settings(flags: [:], configPath: file, environment: [:]).metricsServer("aggregator")
        #expect(fromFile == MetricsServerConfiguration(host: "::1", port: 9402, maxConnections: 3))
        let flagged = try Settings(flags: ["aggregator.metrics.port": "0"], configPath: file, environment: [:])
        #expect(try flagged.metricsServer("aggregator")?.port == 0, "a flag beats the file")
        #expect(throws: SettingsError.self) {
            try Settings(flags: ["extractor.metrics.port": "70000"], configPath: nil, environment: [:]).metricsServer("extractor")
        }
    }

    @Test func configPathCanComeFromTheEnvironment() throws {
        let file = try self.configFile(#"{"client": {"aggregator": "kb.internal:9000"}}"#)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let settings = try Settings(flags: [:], configPath: nil, environment: ["ATTACHE_CONFIG": file])
        #expect(settings.string("client.aggregator") == "kb.internal:9000")
    }

    @Test func badValuesAreClearErrors() throws {
        let settings = try Settings(flags: ["extractor.port": "seventy", "extractor.max-inflight": "0"], configPath: nil, environment: [:])
        #expect(throws: SettingsError.self) { try settings.int("extractor.port", default: 1) }
        #expect(throws: SettingsError.self) { try settings.limits("extractor") }
        let file = try self.configFile("[1, 2]")
        defer { try? FileManager.default.removeItem(atPath: file) }
        #expect(throws: SettingsError.self) { try Settings(flags: [:], configPath: file, environment: [:]) }
    }

    @Test func handshakeLimitsHaveDefaultsAndCanBeSet() throws {
        let defaults = try Settings(flags: [:], configPath: nil, environment: [:])
        #expect(try defaults.handshakeLimits("aggregator") == HandshakeLimits(maxPending: 64, maxPendingPerAddress: 8))
        #expect(try defaults.limits("aggregator").handshakeTimeoutSeconds == 5)
        let settings = try Settings(
            flags: ["extractor.max-pending-handshakes": "10"], configPath: nil,
            environment: ["ATTACHE_EXTRACTOR_MAX_PENDING_HANDSHAKES_PER_ADDRESS": "3"])
        #expect(try settings.handshakeLimits("extractor") == HandshakeLimits(maxPending: 10, maxPendingPerAddress: 3))
        let zero = try Settings(flags: ["extractor.max-pending-handshakes": "0"], configPath: nil, environment: [:])
        #expect(throws: SettingsError.self) { try zero.handshakeLimits("extractor") }
    }

    @Test(arguments: [
        ("127.0.0.1:7402", "127.0.0.1", 7402), ("kb.internal:1", "kb.internal", 1), ("[::1]:7401", "::1", 7401),
    ])
    func endpoints(text: String, host: String, port: Int) throws {
        let parsed = try Settings.endpoint(text)
        #expect(parsed.host == host && parsed.port == port)
    }

    @Test(arguments: ["nohost", ":7402", "host:", "host:99999", "host:x"])
    func badEndpoints(text: String) {
        #expect(throws: SettingsError.self) { try Settings.endpoint(text) }
    }
}
