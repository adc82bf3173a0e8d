import AttacheContracts
import AttacheWire
import Foundation
import Logging
import NIOCore
import Synchronization
import Testing

/// Answers every `digest` with `stored`, as an aggregator would, and counts them.
struct FakeAggregatorHandler: LineRequestHandler {
    final class Counter: Sendable {
        let digests = Mutex(0)
        var value: Int { self.digests.withLock { $0 } }
    }

    let serverName = "aggregator"
    let counter = Counter()

    func handle(_ request: InboundRequest, on connection: ServerConnection) async throws {
        guard request.type == "digest", let id = request.header.id else {
            throw ErrorReply.unknownType(request, known: ["digest"])
        }
        self.counter.digests.withLock { $0 += 1 }
        try await connection.send(StoredReply(id: id, doc: "fake", status: .new))
    }
}

/// Runs a server that poses as the aggregator, holding the certificate of `role` from the
/// workspace's CA (same CA as the real services), on `port` (0 picks one) for `body`.
func withFakeAggregator<R: Sendable>(
    certificateOf role: PeerRole, workspace: Workspace, port: Int = 0, limits: Limits = Limits(),
    _ body: @Sendable (_ port: Int, _ handler: FakeAggregatorHandler) async throws -> R
) async throws -> R {
    let tls = try TLSFiles(directory: workspace.certs, role: role).makeServerContext()
    let handler = FakeAggregatorHandler()
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    var logger = Logger(label: "fake-aggregator")
    logger.logLevel = .critical
    let server = LineServer(
        configuration: LineServerConfiguration(port: port, limits: limits), tls: tls, handler: handler, logger: logger,
        onBound: { address in
            continuation.yield(address.port ?? 0)
            continuation.finish()
        })
    return try await withThrowingTaskGroup(of: Void.self, returning: R.self) { group in
        group.addTask { try await server.run() }
        var iterator = ports.makeAsyncIterator()
        guard let bound = await iterator.next() else { throw ConnectionClosedError() }
        do {
            let result = try await body(bound, handler)
            group.cancelAll()
            return result
        } catch {
            group.cancelAll()
            throw error
        }
    }
}

/// Clients check the role in the server's certificate: only the aggregator's certificate can
/// take (and so make the extractor delete) digests; the CLI talks only to the service it meant.
extension SystemTests {
    @Suite(.serialized, .timeLimit(.minutes(3))) struct ServerRoleTests {
        static func documents(_ tag: String) -> [DocumentInput] {
            (0..<5).map { DocumentInput(id: "\(tag)-\($0).txt", text: "Peru and Chile signed a fisheries accord, note \(tag) \($0).") }
        }

        /// Waits until the extractor's log has grown by a line that contains `needle`.
        static func awaitLog(_ service: ServiceProcess, after offset: Int, containing needles: [String]) async throws -> Bool {
            try await eventually(seconds: 20) { () -> Bool? in
                let text = service.logText().utf8.dropFirst(offset)
                let tail = String(decoding: text, as: UTF8.self)
                return needles.contains { tail.contains($0) } ? true : nil
            } ?? false
        }

        /// A server with the client's certificate (advertising a 1-byte line limit), then one with the
        /// extractor's certificate (answering `stored` to everything), pose as the aggregator on its
        /// port; then the real aggregator comes up there. Neither fake gets a digest, nothing is
        /// deleted or dead-lettered on their word, and every document arrives at the real one.
        /// (Before: the first fake's hello made the extractor dead-letter every digest, and the
        /// second one's `stored` made it delete them.)
        @Test func onlyTheAggregatorsCertificateCanTakeDigests() async throws {
            let workspace = try Workspace()
            let outbox = workspace.path + "/outbox.sqlite"
            let (port, extractor) = try await withFakeAggregator(
                certificateOf: .client, workspace: workspace, limits: Limits(maxLineBytes: 1)
            ) { port, fake in
                let extractor = try ServiceProcess(
                    "attache-extractor", arguments: ["--aggregator", "127.0.0.1:\(port)", "--outbox", outbox],
                    in: workspace, name: "extractor")
                _ = try await push(Self.documents("a"), port: extractor.port, workspace: workspace)
                // The forwarder has dealt with the fake: refused it (link down) or dead-lettered.
                let dealt = try await Self.awaitLog(extractor, after: 0, containing: ["aggregator link down", "deadLetter"])
                #expect(dealt)
                #expect(fake.counter.value == 0)
                return (port, extractor)
            }
            defer { extractor.stop() }

            let offset = extractor.logText().utf8.count
            try await withFakeAggregator(certificateOf: .extractor, workspace: workspace, port: port) { _, fake in
                let replies = try await push(Self.documents("b"), port: extractor.port, workspace: workspace)
                let refused = try await Self.awaitLog(
                    extractor, after: offset, containing: ["not the aggregator expected here"])
                #expect(refused, "the forwarder must refuse a server whose certificate says extractor")
                #expect(fake.counter.value == 0, "a server with the extractor's certificate took digests")
                #expect(replies.allSatisfy { $0.status == .queued }, "\(replies.map(\.status))")
            }

            let aggregator = try ServiceProcess(
                "attache-aggregator", arguments: ["--database", workspace.path + "/kb.sqlite"], in: workspace,
                name: "aggregator", port: port)
            defer { aggregator.stop() }
            _ = try await push(Self.documents("c"), port: extractor.port, workspace: workspace)
            let expected = Set((Self.documents("a") + Self.documents("b") + Self.documents("c")).map(\.id))
            let stored = try await eventually(seconds: 30) { () -> Set<String>? in
                let docs = try await SystemTests.FaultTests.stored(aggregatorPort: port, workspace: workspace)
                return expected.isSubset(of: Set(docs.keys)) ? Set(docs.keys) : nil
            }
            let missing = expected.subtracting(stored ?? [])
            #expect(missing.isEmpty, "never arrived: \(missing.sorted())")
        }

        /// `attache query` refuses to talk to the extractor as if it were the aggregator, and
        /// `attache push` refuses the aggregator as the extractor: each names the role it found.
        @Test func theCommandLineChecksTheRoleOfTheServer() async throws {
            let workspace = try Workspace()
            let aggregator = try ServiceProcess(
                "attache-aggregator", arguments: ["--database", workspace.path + "/kb.sqlite"], in: workspace, name: "aggregator")
            defer { aggregator.stop() }
            let extractor = try ServiceProcess(
                "attache-extractor", arguments: ["--aggregator", "127.0.0.1:\(aggregator.port)", "--outbox", workspace.path + "/outbox.sqlite"],
                in: workspace, name: "extractor")
            defer { extractor.stop() }

            let query = try runTool(
                "attache", ["query", "stats", "--aggregator", "127.0.0.1:\(extractor.port)", "--tls-dir", workspace.certs])
            #expect(query.status != 0)
            #expect(query.output.contains("role extractor, not the aggregator expected here"), "\(query.output)")

            let documents = workspace.path + "/docs"
            try FileManager.default.createDirectory(atPath: documents, withIntermediateDirectories: true)
            try "Peru and Chile signed a fisheries accord.".write(toFile: documents + "/one.txt", atomically: true, encoding: .utf8)
            let pushed = try runTool(
                "attache", ["push", "--extractor", "127.0.0.1:\(aggregator.port)", "--tls-dir", workspace.certs, documents])
            #expect(pushed.status != 0)
            #expect(pushed.output.contains("role aggregator, not the extractor expected here"), "\(pushed.output)")

            // The right services still answer.
            let stats = try runTool(
                "attache", ["query", "stats", "--aggregator", "127.0.0.1:\(aggregator.port)", "--tls-dir", workspace.certs])
            #expect(stats.status == 0, "\(stats.output)")
        }
    }
}
