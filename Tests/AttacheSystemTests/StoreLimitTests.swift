import AttacheContracts
import AttacheWire
import Foundation
import Testing

/// Limits of the store and of delivery, through the real services over TLS.
extension SystemTests {
    @Suite(.serialized, .timeLimit(.minutes(5))) struct StoreLimitTests {
        /// A digest of `count` one-word sentences (`w0`, `w1`, …) and nothing else.
        static func manySentences(doc: String, count: Int, firstIndex: Int = 0) -> Digest {
            var sentences: [Sentence] = []
            sentences.reserveCapacity(count)
            var offset = 0
            for k in 0..<count {
                let text = "w\(firstIndex + k)."
                sentences.append(Sentence(index: firstIndex + k, start: offset, end: offset + text.count, text: text))
                offset += text.count + 1
            }
            return Digest(
                doc: doc, published: "2024-08-26", contentHash: ContentHash.sha256Hex(doc + "\(count)"), length: offset,
                sentences: sentences)
        }

        /// Item: the full-text row id holds 16 bits of sentence index. A digest past it is refused with
        /// `DOCUMENT_TOO_LARGE` (before: stored, its sentences past 65,535 never searchable); one at the limit is
        /// stored and its last sentence is found.
        @Test func aDigestPastTheSentenceIndexIsRefusedWithDocumentTooLarge() async throws {
            let workspace = try Workspace()
            let aggregator = try ServiceProcess(
                "attache-aggregator", arguments: ["--database", workspace.path + "/kb.sqlite"], in: workspace, name: "aggregator")
            defer { #expect(aggregator.stop() == 0, "\(aggregator.logText())") }
            try await LineClient.withConnection(loopback(aggregator.port), tls: try workspace.tls(.extractor)) { connection in
                // 65,537 sentences: indices 0…65,536.
                let tooMany = Self.manySentences(doc: "too-many.txt", count: 65_537)
                let id = connection.makeID()
                let line = try await connection.request(DigestMessage(id: id, digest: tooMany), id: id)
                let error = try #require(
                    QueryLimitTests.decodeError(line), "refused, not stored: \(String(decoding: line.prefix(300), as: UTF8.self))")
                #expect(error.code == .documentTooLarge)
                #expect(error.id == id)
                #expect(error.message.contains("65536") && error.message.contains("too-many.txt"), "\(error.message)")

                // The limit itself: 65,536 sentences are stored, and the last one is searchable.
                let atLimit = Self.manySentences(doc: "at-limit.txt", count: 65_536)
                let storeID = connection.makeID()
                let stored = try await connection.call(DigestMessage(id: storeID, digest: atLimit), id: storeID, as: StoredReply.self)
                #expect(stored.status == .new)
            }
            try await LineClient.withConnection(loopback(aggregator.port), tls: try workspace.tls(.client)) { connection in
                let missing = try await connection.request(
                    QueryRequest(id: .number(1), query: .document, params: QueryParams(doc: "too-many.txt")), id: .number(1))
                #expect(QueryLimitTests.decodeError(missing)?.code == .notFound, "nothing of the refused digest is stored")
                let hits = try await eventually(seconds: 60) { () -> [SearchHit]? in
                    let id = connection.makeID()
                    let reply = try await connection.call(
                        QueryRequest(id: id, query: .search, params: QueryParams(text: "w65535")), id: id, as: QueryReply.self)
                    guard let hits = reply.result.hits, !hits.isEmpty else { return nil }
                    return hits
                }
                let found = try #require(hits)
                #expect(found.map(\.doc) == ["at-limit.txt"])
                #expect(found.map(\.sentence) == [65_535])
            }
        }

        /// Item: a number of 310+ digits used to read as an infinite quantity, and encoding the digest then
        /// failed: `INTERNAL`, forever, for that document. Now it is no quantity and the push is answered.
        @Test func aNumberOfThousandDigitsIsNoQuantityAndThePushIsAnswered() async throws {
            let workspace = try Workspace()
            let extractor = try ServiceProcess(
                "attache-extractor", arguments: standaloneArguments("attache-extractor", in: workspace), in: workspace, name: "extractor")
            defer { #expect(extractor.stop() == 0, "\(extractor.logText())") }
            let huge = String(repeating: "9", count: 400)
            let doc = DocumentInput(
                id: "huge-number.txt",
                text: "Vietnam sent \(huge) soldiers and 12 trucks to Laos on Monday, \(huge) million dollars and 12345678901234567890 rounds.")
            try await LineClient.withConnection(loopback(extractor.port), tls: try workspace.tls(.client)) { connection in
                let id = connection.makeID()
                let line = try await connection.request(PushRequest(id: id, doc: doc), id: id)
                #expect(QueryLimitTests.decodeError(line) == nil, "\(String(decoding: line, as: UTF8.self))")
                let reply = try connection.decodeReply(PushReply.self, from: line)
                #expect(reply.doc == "huge-number.txt")
                #expect(reply.status == .queued)

                let extractID = connection.makeID()
                let digest = try await connection.call(
                    ExtractRequest(id: extractID, doc: doc), id: extractID, as: DigestMessage.self
                ).digest
                #expect(digest.quantities.allSatisfy { $0.value.isFinite && abs($0.value) <= 1e15 })
                #expect(digest.quantities.map(\.value) == [12], "\(digest.quantities)")
            }
        }

        /// Item: measurement switches are no longer read from the environment by the store: an aggregator
        /// started with them set prints no profile (`SLOW …`) or batch trace (`batch …`) lines.
        @Test func theStoreReadsNoEnvironmentSwitches() async throws {
            let workspace = try Workspace()
            let aggregator = try ServiceProcess(
                "attache-aggregator", arguments: ["--database", workspace.path + "/kb.sqlite"], in: workspace, name: "aggregator",
                environment: ["ATTACHE_SQL_PROFILE": "0", "ATTACHE_STORE_TRACE": "1", "ATTACHE_STORE_SYNC": "NORMAL"])
            let replies = try await storeDigests(
                (0..<5).map { handMadeDigest(doc: "env-\($0).txt", sentences: ["Talks between Vietnam and Laos \($0)."]) },
                port: aggregator.port, workspace: workspace)
            #expect(replies.map(\.status) == Array(repeating: .new, count: 5))
            // Derived too (after they were acknowledged), so that a batch trace would have been printed.
            let last = replies.compactMap(\.seq).max() ?? 0
            let stats = try await LineClient.withConnection(loopback(aggregator.port), tls: try workspace.tls(.client)) { connection in
                let id = connection.makeID()
                return try await connection.call(QueryRequest(id: id, query: .stats, after: last), id: id, as: QueryReply.self).result.stats
            }
            #expect(stats?.documents == 5)
            #expect(aggregator.stop() == 0)
            let log = aggregator.logText()
            #expect(!log.contains("SLOW "), "ATTACHE_SQL_PROFILE was read: \(log.prefix(500))")
            #expect(!log.contains("batch "), "ATTACHE_STORE_TRACE was read: \(log.prefix(500))")
        }

        /// A client connected to a service that gets SIGTERM reads `bye` before the connection closes.
        @Test(arguments: ["attache-extractor", "attache-aggregator"])
        func byeBeforeTheCloseOnGracefulShutdown(binary: String) async throws {
            let workspace = try Workspace()
            let service = try ServiceProcess(binary, arguments: standaloneArguments(binary, in: workspace), in: workspace, name: "service")
            defer { service.stop() }
            let lines = try await LineClient.withConnection(loopback(service.port), tls: try workspace.tls(.client)) {
                connection in
                // The connection works before the signal.
                let pong = try await connection.call(Ping(id: .number(1)), id: .number(1), as: Pong.self)
                #expect(pong.id == .number(1))
                service.process.terminate()  // SIGTERM
                var lines: [Data] = []
                // `unsolicited` ends when the connection closes: every line before that is here, in order.
                for await line in connection.unsolicited { lines.append(line) }
                #expect(connection.isClosed)
                return lines
            }
            let types = lines.compactMap { try? LineCodec().decodeValue(LineHeader.self, from: $0).type }
            #expect(types.last == Bye.type, "lines before the close: \(lines.map { String(decoding: $0, as: UTF8.self) })")
            if let last = lines.last, let bye = try? LineCodec().decodeValue(Bye.self, from: last) {
                #expect(bye.reason == "server shutting down")
            }
            #expect(service.stop() == 0, "\(service.logText())")
        }
    }
}
