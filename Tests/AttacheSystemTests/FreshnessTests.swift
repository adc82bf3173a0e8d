import AttacheContracts
import AttacheWire
import Foundation
import Testing

/// The aggregator acknowledges a digest once it is in its log, and derives the knowledge base behind it: with the
/// real binaries, answers say which seq they reflect, `after` waits for a seq, `attache push --wait-visible`
/// waits for a push, and a crash while deriving loses nothing and derives nothing twice.
extension SystemTests {
    @Suite(.serialized, .timeLimit(.minutes(5))) struct FreshnessTests {
        /// A distinct digest of `sentences` sentences (one event each), for document `i`.
        static func digest(_ i: Int, sentences: Int = 3) -> Digest {
            handMadeDigest(
                doc: String(format: "fresh-%05d", i),
                sentences: (0..<sentences).map { "Consulted on item \(i)-\($0) of the border agenda." },
                persons: ["Envoy Number\(i % 37)"])
        }

        @Test func aQueryWithAfterSeesTheDocumentStoredJustBeforeIt() async throws {
            let workspace = try Workspace()
            let aggregator = try ServiceProcess(
                "attache-aggregator", arguments: standaloneArguments("attache-aggregator", in: workspace), in: workspace,
                name: "aggregator")
            defer { aggregator.stop() }
            try await LineClient.withConnection(loopback(aggregator.port), tls: try workspace.tls(.client)) { connection in
                let limits = try advertisedLimits(try await connection.hello())
                #expect(limits["maxAfterWaitMilliseconds"] == 10_000, "the hello advertises the longest wait: \(limits)")
                var last: Int64 = 0
                for i in 0..<20 {
                    let digest = Self.digest(i)
                    let stored = try #require(try await storeDigests([digest], port: aggregator.port, workspace: workspace).first)
                    #expect(stored.status == .new)
                    let seq = try #require(stored.seq, "a stored reply carries the log's seq")
                    #expect(seq > last)
                    last = seq
                    // At once, on another connection: the answer waits for the seq, then holds the document.
                    let id = connection.makeID()
                    let reply = try await connection.call(
                        QueryRequest(id: id, query: .document, params: QueryParams(doc: digest.doc), after: seq), id: id,
                        as: QueryReply.self)
                    #expect(reply.result.document?.contentHash == digest.contentHash)
                    #expect((reply.asOf ?? 0) >= seq)
                }
                // Stored again: a duplicate, with the seq that holds it.
                let again = try #require(try await storeDigests([Self.digest(3)], port: aggregator.port, workspace: workspace).first)
                #expect(again.status == .duplicate)
                #expect(again.seq == 4)
                let id = connection.makeID()
                let stats = try #require(
                    try await connection.call(QueryRequest(id: id, query: .stats, after: last), id: id, as: QueryReply.self).result.stats)
                #expect(stats.documents == 20 && stats.appended == 20 && stats.derived == 20 && stats.lagDocuments == 0)
            }
        }

        @Test func anAfterNotReachedInTimeIsBusyAndTheConnectionGoesOn() async throws {
            let workspace = try Workspace()
            let aggregator = try ServiceProcess(
                "attache-aggregator",
                arguments: standaloneArguments("attache-aggregator", in: workspace)
                    + (try aggregatorConfig(["max-after-wait-ms": 200], in: workspace)),
                in: workspace, name: "aggregator")
            defer { aggregator.stop() }
            try await storeDigests([Self.digest(1)], port: aggregator.port, workspace: workspace)
            try await LineClient.withConnection(loopback(aggregator.port), tls: try workspace.tls(.client)) { connection in
                #expect(try advertisedLimits(try await connection.hello())["maxAfterWaitMilliseconds"] == 200)
                let id = connection.makeID()
                do {
                    _ = try await connection.call(QueryRequest(id: id, query: .stats, after: 1000), id: id, as: QueryReply.self)
                    Issue.record("a seq that is never appended cannot be waited for")
                } catch let error as ErrorReply {
                    #expect(error.code == .busy)
                    #expect(error.message.contains("1000"), "\(error.message)")
                }
                let next = connection.makeID()
                let reply = try await connection.call(QueryRequest(id: next, query: .stats, after: 1), id: next, as: QueryReply.self)
                #expect(reply.result.stats?.documents == 1)
                #expect(reply.asOf == 1)
            }
        }

        @Test func pushWaitVisibleReturnsOnceThePushIsQueryable() async throws {
            let system = try ServicePair()
            defer { system.stop() }
            // One document delivered first, so that the extractor's link is up (a push answered before it is
            // `queued`, and --wait-visible cannot wait for a seq that does not exist yet).
            _ = try await push(
                [DocumentInput(id: "warm-up.txt", text: "Peru and Chile signed a fisheries accord.")], port: system.extractor.port,
                workspace: system.workspace)
            let delivered = try await eventually(seconds: 30) { () -> Bool? in
                try await FaultTests.stored(aggregatorPort: system.aggregator.port, workspace: system.workspace)["warm-up.txt"] != nil
                    ? true : nil
            }
            #expect(delivered == true)
            let (dir, corpus) = try FaultTests.corpus(in: system.workspace, count: 60)
            let (status, output) = try runTool(
                "attache",
                [
                    "push", "--wait-visible", "--extractor", "127.0.0.1:\(system.extractor.port)", "--aggregator",
                    "127.0.0.1:\(system.aggregator.port)", "--tls-dir", system.workspace.certs, dir,
                ])
            #expect(status == 0, "\(output)")
            #expect(output.contains("visible"), "\(output)")
            // Without `after`: what the push waited for is there.
            var stored = try await FaultTests.stored(aggregatorPort: system.aggregator.port, workspace: system.workspace)
            stored["warm-up.txt"] = nil
            #expect(stored == corpus)
        }

        /// A backlog of digests acknowledged (appended) faster than they are derived; the aggregator is killed
        /// while the deriver works through it, then restarted: every acknowledged document is stored once, with
        /// its hash, and each of its events counted once.
        @Test func aggregatorKilledWhileDerivingLosesNothingAndDerivesNothingTwice() async throws {
            let workspace = try Workspace()
            let db = workspace.path + "/kb.sqlite"
            var aggregator = try ServiceProcess(
                "attache-aggregator", arguments: ["--database", db, "--derive-batch", "64"], in: workspace, name: "aggregator")
            let port = aggregator.port
            let count = 1200
            // Eight sentences each: deriving one costs more than appending it, so a backlog builds up.
            let digests = (0..<count).map { Self.digest($0, sentences: 8) }
            // Eight connections at once: the log's group commit takes them in batches.
            let replies = try await withThrowingTaskGroup(of: [StoredReply].self) { group in
                for c in 0..<8 {
                    let slice = stride(from: c, to: count, by: 8).map { digests[$0] }
                    group.addTask { try await storeDigests(slice, port: port, workspace: workspace) }
                }
                var all: [StoredReply] = []
                for try await r in group { all += r }
                return all
            }
            #expect(replies.count == count && replies.allSatisfy { $0.status == .new })
            #expect(Set(replies.compactMap(\.seq)) == Set(1...Int64(count)), "one seq each")
            // Kill it while the deriver is in the middle of the backlog.
            let atKill = try await LineClient.withConnection(loopback(port), tls: try workspace.tls(.client)) { connection in
                while true {
                    let id = connection.makeID()
                    let stats = try #require(try await connection.call(QueryRequest(id: id, query: .stats), id: id, as: QueryReply.self).result.stats)
                    if (stats.derived ?? 0) >= 64 || stats.lagDocuments == 0 { return stats }
                    try await Task.sleep(for: .milliseconds(5))
                }
            }
            aggregator.kill()
            #expect((atKill.lagDocuments ?? 0) > 0, "the crash must come while the deriver is behind: \(atKill)")
            aggregator = try ServiceProcess("attache-aggregator", arguments: ["--database", db], in: workspace, name: "aggregator", port: port)
            defer { aggregator.stop() }
            // Resumed after its last derived batch: wait (repeatedly, each wait is bounded) until it has caught up.
            let stats = try await LineClient.withConnection(loopback(port), tls: try workspace.tls(.client)) { connection in
                let deadline = Date().addingTimeInterval(240)
                while true {
                    let id = connection.makeID()
                    do {
                        return try #require(
                            try await connection.call(QueryRequest(id: id, query: .stats, after: Int64(count)), id: id, as: QueryReply.self)
                                .result.stats)
                    } catch let error as ErrorReply where error.code == .busy && Date() < deadline {
                        continue
                    }
                }
            }
            #expect(stats.appended == Int64(count) && stats.derived == Int64(count) && stats.lagDocuments == 0)
            #expect(stats.documents == count)
            #expect(stats.events == count * 8, "each event derived once")
            #expect(stats.sentences == count * 8)
            let stored = try await FaultTests.stored(aggregatorPort: port, workspace: workspace)
            #expect(stored == Dictionary(uniqueKeysWithValues: digests.map { ($0.doc, $0.contentHash) }))
        }
    }
}
