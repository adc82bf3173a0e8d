import AttacheContracts
import AttacheTestSupport
import AttacheWire
import Foundation
import Testing

// MARK: Helpers for the metrics endpoint

/// The arguments that turn on a service's metrics endpoint on a free port, and the file where the
/// service writes that port (read it with ``metricsPort(_:)``).
func metricsArguments(_ name: String, in workspace: Workspace) -> (arguments: [String], portFile: String) {
    let portFile = workspace.path + "/\(name).metrics-port"
    try? FileManager.default.removeItem(atPath: portFile)
    return (["--metrics-port", "0", "--metrics-port-file", portFile], portFile)
}

/// The port in a `--metrics-port-file`, waiting up to 10 s for the service to write it.
func metricsPort(_ portFile: String) async throws -> Int {
    let port = try await eventually(seconds: 10) { () -> Int? in
        guard let text = try? String(contentsOfFile: portFile, encoding: .utf8) else { return nil }
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
    guard let port else { throw HarnessError("no metrics port in \(portFile)") }
    return port
}

/// `GET /metrics` from the endpoint at `port`, parsed.
func scrape(_ port: Int) async throws -> MetricsPage {
    let (status, body) = try await httpExchange(port: port, "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    guard status == 200 else { throw HarnessError("GET /metrics answered \(status.map(String.init) ?? "nothing"): \(body)") }
    return MetricsPage(body)
}

/// A page in the Prometheus text format: samples by name and labels.
struct MetricsPage: CustomStringConvertible {
    struct Sample {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    let text: String
    let samples: [Sample]

    init(_ text: String) {
        self.text = text
        var samples: [Sample] = []
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            let series = line[..<space]
            var labels: [String: String] = [:]
            var name = String(series)
            if let open = series.firstIndex(of: "{"), series.hasSuffix("}") {
                name = String(series[..<open])
                let inner = series[series.index(after: open)..<series.index(before: series.endIndex)]
                for pair in inner.split(separator: ",") {
                    let parts = pair.split(separator: "=", maxSplits: 1)
                    if parts.count == 2 { labels[String(parts[0])] = String(parts[1].trimmingCharacters(in: ["\""])) }
                }
            }
            samples.append(Sample(name: name, labels: labels, value: value))
        }
        self.samples = samples
    }

    /// The value of the series `name` whose labels include `labels`, if the page has it.
    func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        self.samples.first { sample in
            sample.name == name && labels.allSatisfy { key, value in sample.labels[key] == value }
        }?.value
    }

    var description: String { self.text }
}

/// The metrics endpoint of each service, seen from outside: real binaries, real sockets.
extension SystemTests {
    @Suite(.serialized, .timeLimit(.minutes(2))) struct MetricsTests {
        @Test func countersFollowPushesRefusalsAndErrors() async throws {
            let workspace = try Workspace()
            let aggregatorMetrics = metricsArguments("aggregator", in: workspace)
            let aggregator = try ServiceProcess(
                "attache-aggregator", arguments: ["--database", workspace.path + "/kb.sqlite"] + aggregatorMetrics.arguments,
                in: workspace, name: "aggregator")
            defer { aggregator.stop() }
            let extractorMetrics = metricsArguments("extractor", in: workspace)
            let extractor = try ServiceProcess(
                "attache-extractor",
                arguments: [
                    "--aggregator", "127.0.0.1:\(aggregator.port)", "--outbox", workspace.path + "/outbox.sqlite",
                ] + extractorMetrics.arguments, in: workspace, name: "extractor")
            defer { extractor.stop() }
            let aggregatorPort = try await metricsPort(aggregatorMetrics.portFile)
            let extractorPort = try await metricsPort(extractorMetrics.portFile)
            #expect(aggregatorPort != aggregator.port && extractorPort != extractor.port)

            // Two documents pushed and stored by the aggregator.
            let seeds = try seedDocuments()
            let replies = try await push(seeds, port: extractor.port, workspace: workspace)
            #expect(replies.map(\.status) == [.new, .new])

            // Bad requests: an unknown type and a push with an empty document id.
            try await LineClient.withConnection(loopback(extractor.port), tls: try workspace.tls(.client)) { connection in
                let unknown = try await connection.request(
                    line: Data(#"{"type":"frobnicate","id":901}"#.utf8 + [UInt8(ascii: "\n")]), id: .number(901))
                #expect(String(decoding: unknown, as: UTF8.self).contains("UNKNOWN_TYPE"))
                let empty = try await connection.request(
                    PushRequest(id: .number(902), doc: DocumentInput(id: "", text: "x")), id: .number(902))
                #expect(String(decoding: empty, as: UTF8.self).contains("BAD_REQUEST"))
            }
            // A refused connection: plain bytes where a TLS handshake is expected.
            _ = try? await httpExchange(port: aggregator.port, "GET / HTTP/1.1\r\n\r\n")

            let extractorPage = try await scrape(extractorPort)
            #expect((extractorPage.value("attache_requests_total", ["type": "push", "outcome": "ok"]) ?? 0) >= 2, "\(extractorPage)")
            #expect((extractorPage.value("attache_requests_total", ["type": "push", "outcome": "error"]) ?? 0) >= 1)
            #expect((extractorPage.value("attache_requests_total", ["type": "unknown", "outcome": "error"]) ?? 0) >= 1)
            #expect((extractorPage.value("attache_errors_total", ["code": "UNKNOWN_TYPE"]) ?? 0) >= 1)
            #expect((extractorPage.value("attache_errors_total", ["code": "BAD_REQUEST"]) ?? 0) >= 1)
            #expect((extractorPage.value("attache_extraction_duration_seconds_count") ?? 0) >= 2)
            #expect(extractorPage.value("attache_outbox_depth") != nil)
            #expect(extractorPage.value("attache_outbox_bytes") != nil)
            #expect(extractorPage.value("attache_outbox_dead_letters") == 0)
            #expect(extractorPage.value("attache_forwarder_link_up") == 1)
            #expect(extractorPage.value("attache_connections_open") != nil)

            // The aggregator: the refusal is counted once the handshake has failed.
            let aggregatorPage = try await eventually(seconds: 10) { () -> MetricsPage? in
                let page = try await scrape(aggregatorPort)
                // (and the deriver has derived both digests: it does so after they are acknowledged)
                return (page.value("attache_connections_refused_total", ["reason": "handshake-failed"]) ?? 0) >= 1
                    && (page.value("attache_store_commit_batch_size_sum") ?? 0) >= 2 ? page : nil
            }
            let page = try #require(aggregatorPage, "no handshake-failed refusal counted")
            #expect((page.value("attache_requests_total", ["type": "digest", "outcome": "ok"]) ?? 0) >= 2, "\(page)")
            #expect((page.value("attache_store_commit_duration_seconds_count") ?? 0) >= 1)
            #expect(page.value("attache_store_commit_duration_seconds_bucket", ["le": "+Inf"]) != nil)
            #expect((page.value("attache_store_commit_batch_size_count") ?? 0) >= 1)
            #expect((page.value("attache_store_commit_batch_size_sum") ?? 0) >= 2)
            #expect(page.value("attache_search_index_lag") != nil)
            #expect((page.value("attache_log_append_batch_size_sum") ?? 0) >= 2)
            #expect(page.value("attache_log_append_duration_seconds_bucket", ["le": "+Inf"]) != nil)
            #expect(page.value("attache_store_derive_lag") != nil)

            // Only GET /metrics is served.
            let missing = try await httpExchange(port: extractorPort, "GET /nope HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(missing.status == 404)
            let post = try await httpExchange(port: aggregatorPort, "DELETE /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(post.status == 405)

            #expect(extractor.stop(timeout: 10) == 0)
            #expect(aggregator.stop(timeout: 10) == 0)
        }

        @Test func offUnlessAsked() async throws {
            let workspace = try Workspace()
            let aggregator = try ServiceProcess(
                "attache-aggregator", arguments: ["--database", workspace.path + "/kb.sqlite"], in: workspace,
                name: "aggregator")
            defer { aggregator.stop() }
            #expect(!aggregator.logText().contains("metrics listening"))
            #expect(aggregator.stop(timeout: 10) == 0)
        }
    }
}
