import AttacheContracts
import AttacheWire
import Foundation
import Testing

/// The whole system: the real aggregator and extractor binaries, real mutual TLS on loopback,
/// a real SQLite file.
extension SystemTests {
    @Suite(.serialized, .timeLimit(.minutes(3))) struct EndToEndTests {
        @Test func seedsFlowFromPushToQueries() async throws {
            let workspace = try Workspace()
            let aggregator = try ServiceProcess(
                "attache-aggregator", arguments: ["--database", workspace.path + "/kb.sqlite"], in: workspace, name: "aggregator")
            defer { aggregator.stop() }
            let extractor = try ServiceProcess(
                "attache-extractor", arguments: ["--aggregator", "127.0.0.1:\(aggregator.port)"], in: workspace,
                name: "extractor")
            defer { extractor.stop() }
            let client = try workspace.tls(.client)
            let seeds = try seedDocuments()
            #expect(seeds.count == 2)

            // Push both seeds; each is acknowledged with the digest's counts once stored.
            let replies = try await LineClient.withConnection(loopback(extractor.port), tls: client) { connection in
                let hello = try await connection.hello()
                #expect(hello.server == "extractor")
                var replies: [PushReply] = []
                for doc in seeds {
                    let id = connection.makeID()
                    replies.append(try await connection.call(PushRequest(id: id, doc: doc), id: id, as: PushReply.self))
                }
                return replies
            }
            #expect(replies.map(\.status) == [.new, .new])
            #expect(replies.allSatisfy { $0.counts.persons > 0 && $0.counts.events > 0 })

            // Pushing the same text again changes nothing.
            let again = try await LineClient.withConnection(loopback(extractor.port), tls: client) { connection in
                let id = connection.makeID()
                return try await connection.call(PushRequest(id: id, doc: seeds[0]), id: id, as: PushReply.self)
            }
            #expect(again.status == .duplicate)

            try await LineClient.withConnection(loopback(aggregator.port), tls: client) { connection in
                func query(_ kind: QueryKind, _ params: QueryParams = QueryParams()) async throws -> QueryResult {
                    let id = connection.makeID()
                    return try await connection.call(QueryRequest(id: id, query: kind, params: params), id: id, as: QueryReply.self).result
                }
                let stats = try #require(try await query(.stats).stats)
                #expect(stats.documents == 2)
                #expect(stats.events >= 2)

                let persons = try #require(try await query(.persons, QueryParams(limit: 500)).actors)
                let byName = Dictionary(persons.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
                #expect(byName["Luong Cuong"]?.country == "VN")
                #expect(byName["Thongloi Silivong"]?.country == "LA")
                #expect(byName["Thongloi Silivong"]?.rank == "Senior Lieutenant General")
                #expect(byName["Trinh Van Quyet"]?.country == "VN")

                let laotians = try #require(try await query(.persons, QueryParams(state: "LA", limit: 500)).actors)
                #expect(laotians.allSatisfy { $0.country == "LA" })
                #expect(laotians.contains { $0.name == "Thongloi Silivong" })

                let countries = try #require(try await query(.countries).countries).map(\.code)
                #expect(countries.contains("VN") && countries.contains("LA"))

                let events = try #require(try await query(.events, QueryParams(state: "LA", eventType: "CONSULT", limit: 100)).events)
                #expect(events.contains { Set([$0.source, $0.target]) == Set(["VN", "LA"]) && $0.mode == "visit" })
                #expect(events.allSatisfy { !$0.sentence.isEmpty }, "every event is traced to its sentence")

                let document = try #require(try await query(.document, QueryParams(doc: "004_ab2700ab582e3f15.txt")).document)
                #expect(document.published == "2024-08-29")
                #expect(!document.sentences.isEmpty)

                // A query for a document that does not exist is an error, and the connection goes on.
                let id = connection.makeID()
                let missing = try await connection.request(QueryRequest(id: id, query: .document, params: QueryParams(doc: "nope")), id: id)
                #expect(throws: ErrorReply.self) { try connection.decodeReply(QueryReply.self, from: missing) }
                #expect(try await query(.stats).stats?.documents == 2)
            }

            #expect(extractor.stop() == 0, "graceful shutdown exits 0: \(extractor.logText())")
            #expect(aggregator.stop() == 0, "graceful shutdown exits 0: \(aggregator.logText())")
        }

        @Test func onlyExtractorCertificatesMayStoreDigests() async throws {
            let workspace = try Workspace()
            let aggregator = try ServiceProcess(
                "attache-aggregator", arguments: ["--database", workspace.path + "/kb.sqlite"], in: workspace, name: "aggregator")
            defer { aggregator.stop() }
            let digest = Digest(doc: "forged.txt", contentHash: ContentHash.sha256Hex("x"), length: 1)

            let refused = try await LineClient.withConnection(loopback(aggregator.port), tls: try workspace.tls(.client)) { connection in
                #expect(try await connection.hello().permissions == ["query", "subscribe"])
                let id = connection.makeID()
                let line = try await connection.request(DigestMessage(id: id, digest: digest), id: id)
                do {
                    _ = try connection.decodeReply(StoredReply.self, from: line)
                    return nil as ErrorReply?
                } catch let error as ErrorReply {
                    return error
                }
            }
            #expect(refused?.code == .forbidden)

            let stored = try await LineClient.withConnection(loopback(aggregator.port), tls: try workspace.tls(.extractor)) { connection in
                let id = connection.makeID()
                return try await connection.call(DigestMessage(id: id, digest: digest), id: id, as: StoredReply.self)
            }
            #expect(stored.status == .new)
        }

        @Test func documentsPushedWhileTheAggregatorIsDownArriveWhenItStarts() async throws {
            let workspace = try Workspace()
            // Reserve a port for the aggregator, then leave it closed.
            let probe = try ServiceProcess(
                "attache-aggregator", arguments: ["--database", workspace.path + "/kb.sqlite"], in: workspace, name: "probe")
            let aggregatorPort = probe.port
            #expect(probe.stop() == 0)

            let extractor = try ServiceProcess(
                "attache-extractor", arguments: ["--aggregator", "127.0.0.1:\(aggregatorPort)", "--outbox", workspace.path + "/outbox.sqlite"],
                in: workspace, name: "extractor")
            defer { extractor.stop() }
            let docs = (0..<20).map { i in
                DocumentInput(id: "down-\(i).txt", text: "Kenyan Foreign Minister Amina Odhiambo visited Ethiopia on day \(i) and signed a trade accord.")
            }
            let replies = try await push(docs, port: extractor.port, workspace: workspace)
            #expect(replies.allSatisfy { $0.status == .queued }, "acknowledged as durable in the outbox, not as stored")

            let aggregator = try ServiceProcess(
                "attache-aggregator", arguments: ["--database", workspace.path + "/kb.sqlite"],
                in: workspace, name: "aggregator", port: aggregatorPort)
            defer { aggregator.stop() }
            let stored = try await eventually(seconds: 30) {
                try await LineClient.withConnection(loopback(aggregator.port), tls: try workspace.tls(.client)) { connection in
                    let id = connection.makeID()
                    let reply = try await connection.call(QueryRequest(id: id, query: .stats), id: id, as: QueryReply.self)
                    return reply.result.stats?.documents == docs.count ? reply.result.stats?.documents : nil
                }
            }
            #expect(stored == docs.count)
        }
    }
}

extension SystemTests {
    @Suite(.serialized, .timeLimit(.minutes(3))) struct CertificateRotationTests {
        /// Documents waiting in the outbox survive replacing every certificate (and the CA) with a restart.
        @Test func rotatingCertificatesKeepsQueuedDocuments() async throws {
            let workspace = try Workspace()
            let db = workspace.path + "/kb.sqlite"
            let outbox = workspace.path + "/outbox.sqlite"
            let probe = try ServiceProcess("attache-aggregator", arguments: ["--database", db], in: workspace, name: "aggregator")
            let aggregatorPort = probe.port
            #expect(probe.stop() == 0)

            var extractor = try ServiceProcess(
                "attache-extractor", arguments: ["--aggregator", "127.0.0.1:\(aggregatorPort)", "--outbox", outbox],
                in: workspace, name: "extractor")
            let docs = (0..<25).map { DocumentInput(id: "rot-\($0).txt", text: "Peru and Chile signed a fisheries accord, note \($0).") }
            let replies = try await push(docs, port: extractor.port, workspace: workspace)
            #expect(replies.allSatisfy { $0.status == .queued })
            let extractorPort = extractor.port
            #expect(extractor.stop() == 0)

            // A whole new CA and certificates, written over the old files.
            try FileManager.default.removeItem(atPath: workspace.certs)
            try DevCertificateAuthority.writeDevelopmentSet(to: workspace.certs)
            extractor = try ServiceProcess(
                "attache-extractor", arguments: ["--aggregator", "127.0.0.1:\(aggregatorPort)", "--outbox", outbox],
                in: workspace, name: "extractor", port: extractorPort)
            defer { extractor.stop() }
            let aggregator = try ServiceProcess(
                "attache-aggregator", arguments: ["--database", db], in: workspace, name: "aggregator", port: aggregatorPort)
            defer { aggregator.stop() }
            let count = try await eventually(seconds: 30) {
                try await LineClient.withConnection(loopback(aggregatorPort), tls: try workspace.tls(.client)) { connection in
                    let id = connection.makeID()
                    let stats = try await connection.call(QueryRequest(id: id, query: .stats), id: id, as: QueryReply.self).result.stats
                    return stats?.documents == docs.count ? stats?.documents : nil
                }
            }
            #expect(count == docs.count)
        }
    }
}
