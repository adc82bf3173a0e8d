import AttacheContracts
import AttacheWire
import Foundation
import NIOSSL
import Synchronization

/// The whole pipeline with the real services on loopback.
struct EndToEndBench {
    let documents: Int
    let connections: Int
    let window: Int
    let latencySeconds: Int
    /// The extractor's `--delivery-wait-ms` (-1: its default). 0 acknowledges each push once its digest is
    /// durable in the outbox, without waiting for the aggregator's status.
    let deliveryWaitMilliseconds: Int
    /// Documents per second for the latency run (0: half of the lower of the two measured rates).
    let rate: Int
    /// Runs the aggregator under `nice -n` this (0: not).
    let aggregatorNice: Int
    /// Where to copy the store once the aggregator has stopped (nil: not kept).
    let keepStore: String?

    func run() async throws {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("attache-bench-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: work) }
        // Runs after the services stop (defers run in reverse order), before the directory goes.
        defer {
            if let keep = self.keepStore {
                for suffix in ["", "-wal", "-search", "-search-wal", "-log", "-log-wal"] {
                    try? FileManager.default.removeItem(atPath: keep + suffix)
                    try? FileManager.default.copyItem(atPath: work + "/kb.sqlite" + suffix, toPath: keep + suffix)
                }
            }
        }
        try DevCertificateAuthority.writeDevelopmentSet(to: work + "/certs")
        let bin = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().path
        let aggregatorArguments = ["--database", work + "/kb.sqlite", "--log-level", "warning"]
        let aggregator =
            self.aggregatorNice == 0
            ? try Child(bin + "/attache-aggregator", aggregatorArguments, work: work, name: "aggregator")
            : try Child(
                "/usr/bin/nice", ["-n", String(self.aggregatorNice), bin + "/attache-aggregator"] + aggregatorArguments, work: work,
                name: "aggregator")
        defer { aggregator.stop() }
        let extractor = try Child(
            bin + "/attache-extractor",
            ["--aggregator", "127.0.0.1:\(aggregator.port)", "--outbox", work + "/outbox.sqlite", "--log-level", "warning"]
                + (self.deliveryWaitMilliseconds >= 0 ? ["--delivery-wait-ms", String(self.deliveryWaitMilliseconds)] : []),
            work: work, name: "extractor")
        defer { extractor.stop() }
        let tls = try TLSFiles(directory: work + "/certs", role: .client).makeClientContext()

        var news = SyntheticNews(seed: 7)
        let docs = (0..<self.documents).map { news.document($0) }
        let bytes = docs.reduce(0) { $0 + $1.text.utf8.count }
        print("e2e: \(self.documents) documents, \(bytes / self.documents) bytes each on average; \(self.connections) connections × \(self.window) in flight; aggregator nice \(self.aggregatorNice)")

        // 1. Throughput: everything as fast as the pipeline takes it.
        let clock = ContinuousClock()
        let start = clock.now
        let statuses = try await self.pushAll(docs, tls: tls, port: extractor.port)
        let acknowledged = clock.now - start
        let progress = try await self.waitUntilStored(self.documents, tls: tls, port: aggregator.port)
        let throughput = Double(self.documents) / seconds(acknowledged)
        let stored = Double(self.documents) / seconds(progress.derived - start)
        print(String(format: "acknowledged (durable): %.0f docs/s (%.1f MB/s); committed by the aggregator: %.0f docs/s", throughput, throughput * Double(bytes / self.documents) / 1e6, stored))
        if let appended = progress.appended {
            print(String(format: "  aggregator: appended to its log %.0f docs/s, derived into the knowledge base %.0f docs/s; largest lag seen %d documents, %.1f s", Double(self.documents) / seconds(appended - start), stored, progress.maxLagDocuments, progress.maxLagSeconds))
        }
        print("  statuses: \(statuses.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))")
        print(String(format: "  RSS after the burst: extractor %.0f MB (peak %.0f), aggregator %.0f MB (peak %.0f)", memory(of: extractor.pid).currentMB, memory(of: extractor.pid).peakMB, memory(of: aggregator.pid).currentMB, memory(of: aggregator.pid).peakMB))

        // 2. Latency of one document at half the lower measured rate, or at the rate asked for.
        let rate = self.rate > 0 ? Double(self.rate) : max(1, min(throughput, stored) / 2)
        // Meanwhile, every 50 ms, the aggregator's `stats`: its freshness lag (`lagSeconds`, the age of the oldest
        // appended entry not yet derived) and the documents derived. Sampled until the paced documents are all
        // derived (at most `drainSeconds` after the last acknowledgement), so a backlog left at the end counts.
        let paced = Int(rate * Double(self.latencySeconds))
        let visibleTarget = self.documents + paced
        let drainSeconds = 300
        let sampling = Atomic<Bool>(true)
        let sampler = Task { () -> [FreshnessSample] in
            (try? await LineClient.withConnection(LineClientConfiguration(host: "127.0.0.1", port: aggregator.port), tls: tls) { connection in
                var samples: [FreshnessSample] = []
                var stopAt: ContinuousClock.Instant?
                while true {
                    let id = connection.makeID()
                    let stats = try await connection.call(QueryRequest(id: id, query: .stats), id: id, as: QueryReply.self).result.stats
                    let now = ContinuousClock.now
                    let documents = stats?.documents ?? 0
                    samples.append(FreshnessSample(at: now, documents: documents, lagSeconds: stats?.lagSeconds))
                    if !sampling.load(ordering: .relaxed) {
                        if stopAt == nil { stopAt = now + .seconds(drainSeconds) }
                        if documents >= visibleTarget || now >= stopAt! { break }
                    }
                    try await Task.sleep(for: .milliseconds(50))
                }
                return samples
            }) ?? []
        }
        let acks = try await self.paced(rate: rate, seconds: self.latencySeconds, tls: tls, port: extractor.port, seed: 99)
        sampling.store(false, ordering: .relaxed)
        let samples = await sampler.value
        let sorted = acks.map(\.latency).sorted()
        func pct(_ p: Double) -> Double { sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))] * 1000 }
        print(String(format: "latency at %.0f docs/s (%d documents): p50 %.1f ms, p99 %.1f ms, max %.1f ms", rate, sorted.count, pct(0.5), pct(0.99), (sorted.last ?? 0) * 1000))
        let lags = samples.compactMap(\.lagSeconds).sorted()
        if !lags.isEmpty {
            print(String(format: "  freshness lag of the aggregator (%d samples of stats until derived): p50 %.2f s, p99 %.2f s, max %.2f s", lags.count, lags[lags.count / 2], lags[min(lags.count - 1, lags.count * 99 / 100)], lags.last ?? 0))
        }
        let visible = Self.freshness(acknowledged: acks.map(\.acknowledged), samples: samples, before: self.documents)
        if !visible.lags.isEmpty {
            let v = visible.lags
            print(String(format: "  freshness lag, acknowledgement to derived (%d documents, by the count derived; ±50 ms): p50 %.2f s, p99 %.2f s, max %.2f s", v.count, v[v.count / 2], v[min(v.count - 1, v.count * 99 / 100)], v.last ?? 0))
        }
        if visible.missing > 0 {
            print("  \(visible.missing) documents not derived \(drainSeconds) s after the last acknowledgement")
        }
        print(String(format: "  RSS: extractor %.0f MB (peak %.0f), aggregator %.0f MB (peak %.0f)", memory(of: extractor.pid).currentMB, memory(of: extractor.pid).peakMB, memory(of: aggregator.pid).currentMB, memory(of: aggregator.pid).peakMB))
        func size(_ suffix: String) -> Int { (try? FileManager.default.attributesOfItem(atPath: work + "/kb.sqlite" + suffix)[.size] as? Int) ?? 0 }
        let held = max(1, self.documents + sorted.count)
        print("  store: \((size("") + size("-wal")) / held) bytes per document (database + WAL); append log \((size("-log") + size("-log-wal")) / held) bytes per document")
    }

    func pushAll(_ docs: [DocumentInput], tls: NIOSSLContext, port: Int) async throws -> [String: Int] {
        let slices = (0..<self.connections).map { c in stride(from: c, to: docs.count, by: self.connections).map { docs[$0] } }
        return try await withThrowingTaskGroup(of: [String: Int].self) { group in
            for slice in slices {
                group.addTask {
                    try await LineClient.withConnection(LineClientConfiguration(host: "127.0.0.1", port: port), tls: tls) { connection in
                        try await withThrowingTaskGroup(of: String.self) { inner in
                            var counts: [String: Int] = [:]
                            var iterator = slice.makeIterator()
                            var inFlight = 0
                            while true {
                                while inFlight < self.window, let doc = iterator.next() {
                                    inFlight += 1
                                    inner.addTask {
                                        let id = connection.makeID()
                                        return try await connection.call(PushRequest(id: id, doc: doc), id: id, as: PushReply.self).status.rawValue
                                    }
                                }
                                guard let status = try await inner.next() else { break }
                                inFlight -= 1
                                counts[status, default: 0] += 1
                            }
                            return counts
                        }
                    }
                }
            }
            var total: [String: Int] = [:]
            for try await counts in group { total.merge(counts, uniquingKeysWith: +) }
            return total
        }
    }

    /// When the aggregator had appended `n` documents to its log (nil: an aggregator without a log), when it had
    /// derived them (its `stats` count them), and the largest lag its `stats` showed meanwhile.
    struct Progress {
        var appended: ContinuousClock.Instant?
        var derived: ContinuousClock.Instant
        var maxLagDocuments = 0
        var maxLagSeconds = 0.0
    }

    func waitUntilStored(_ n: Int, tls: NIOSSLContext, port: Int) async throws -> Progress {
        try await LineClient.withConnection(LineClientConfiguration(host: "127.0.0.1", port: port), tls: tls) { connection in
            var appended: ContinuousClock.Instant?
            var lagDocuments = 0
            var lagSeconds = 0.0
            while true {
                let id = connection.makeID()
                let stats = try await connection.call(QueryRequest(id: id, query: .stats), id: id, as: QueryReply.self).result.stats
                let now = ContinuousClock.now
                if appended == nil, let a = stats?.appended, a >= Int64(n) { appended = now }
                lagDocuments = max(lagDocuments, stats?.lagDocuments ?? 0)
                lagSeconds = max(lagSeconds, stats?.lagSeconds ?? 0)
                if (stats?.documents ?? 0) >= n {
                    return Progress(appended: appended ?? (stats?.appended != nil ? now : nil), derived: now, maxLagDocuments: lagDocuments, maxLagSeconds: lagSeconds)
                }
                try await Task.sleep(for: .milliseconds(20))
            }
        }
    }

    /// One paced push: its acknowledgement's latency and when it came.
    struct Ack {
        var latency: Double
        var acknowledged: ContinuousClock.Instant
    }

    /// One `stats` answer of the aggregator during the paced run.
    struct FreshnessSample {
        var at: ContinuousClock.Instant
        var documents: Int
        var lagSeconds: Double?
    }

    /// Each acknowledged document's freshness lag: from its acknowledgement to the first sample whose count of
    /// derived documents includes it, the k-th acknowledged being taken as the k-th derived after `before` (the
    /// pipeline keeps the order, up to the extractor's forwarding batches). Sorted; `missing` were never derived.
    static func freshness(acknowledged: [ContinuousClock.Instant], samples: [FreshnessSample], before: Int) -> (lags: [Double], missing: Int) {
        var lags: [Double] = []
        var missing = 0
        var s = 0
        for (k, ack) in acknowledged.sorted().enumerated() {
            while s < samples.count, samples[s].documents < before + k + 1 { s += 1 }
            guard s < samples.count else {
                missing += 1
                continue
            }
            lags.append(max(0, seconds(samples[s].at - ack)))
        }
        return (lags.sorted(), missing)
    }

    /// Pushes new documents at `rate` per second for `seconds`; returns each one's acknowledgement.
    func paced(rate: Double, seconds duration: Int, tls: NIOSSLContext, port: Int, seed: UInt64) async throws -> [Ack] {
        var news = SyntheticNews(seed: seed)
        let total = Int(rate * Double(duration))
        let docs = (0..<total).map { news.document(1_000_000 + $0) }
        let interval = Duration.nanoseconds(Int64(1e9 / rate))
        return try await LineClient.withConnection(LineClientConfiguration(host: "127.0.0.1", port: port), tls: tls) { connection in
            try await withThrowingTaskGroup(of: Ack.self) { group in
                let clock = ContinuousClock()
                let start = clock.now
                for (i, doc) in docs.enumerated() {
                    try await clock.sleep(until: start + interval * i)
                    group.addTask {
                        let sent = clock.now
                        let id = connection.makeID()
                        _ = try await connection.call(PushRequest(id: id, doc: doc), id: id, as: PushReply.self)
                        let acknowledged = clock.now
                        return Ack(latency: seconds(acknowledged - sent), acknowledged: acknowledged)
                    }
                }
                var acks: [Ack] = []
                for try await ack in group { acks.append(ack) }
                return acks
            }
        }
    }
}

func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }

/// A service process for the benchmark.
final class Child: Sendable {
    let process: Process
    let port: Int
    var pid: Int32 { self.process.processIdentifier }

    init(_ binary: String, _ arguments: [String], work: String, name: String) throws {
        let portFile = work + "/\(name).port"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments + ["--port", "0", "--port-file", portFile, "--tls-dir", work + "/certs"]
        process.standardInput = FileHandle.nullDevice
        try process.run()
        self.process = process
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: portFile, encoding: .utf8), let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                self.port = port
                return
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        process.terminate()
        throw SettingsError(message: "\(name) did not start")
    }

    func stop() {
        guard self.process.isRunning else { return }
        self.process.terminate()
        self.process.waitUntilExit()
    }
}
