import AttacheContracts
import AttacheWire
import Foundation
import Testing

/// Client certificates have roles: a reader queries and subscribes, a writer (and the full `client`
/// of earlier releases) pushes too. Each refusal is a `FORBIDDEN` line and the connection goes on.
extension SystemTests {
    @Suite(.serialized, .timeLimit(.minutes(2))) struct ClientRoleTests {
        static func services() throws -> (Workspace, ServiceProcess, ServiceProcess) {
            let workspace = try Workspace()
            let (aggregator, extractor) = try ServicePair.start(in: workspace)
            return (workspace, aggregator, extractor)
        }

        static let text = """
            date 2025-02-11

            HANOI, Feb. 11 - Vietnamese Defence Minister Phan Tuan Long met Lao Deputy Defence Minister Khamsing Vongphet \
            in Hanoi on Tuesday to discuss border patrols.
            """

        /// The error a request got, or nil when it got another answer.
        static func error(_ line: Data, on connection: LineConnection) -> ErrorReply? {
            do {
                _ = try connection.decodeReply(PushReply.self, from: line)
                return nil
            } catch let error as ErrorReply {
                return error
            } catch {
                return nil
            }
        }

        @Test func aReaderCannotPushAndItsConnectionGoesOn() async throws {
            let (workspace, aggregator, extractor) = try Self.services()
            defer {
                extractor.stop()
                aggregator.stop()
            }
            // a writer stores the document
            let stored = try await LineClient.withConnection(loopback(extractor.port), tls: try workspace.tls(.writer)) { connection in
                let hello = try await connection.hello()
                #expect(hello.peer == "attache-writer")
                #expect(hello.permissions == ["push", "extract"])
                let id = connection.makeID()
                return try await connection.call(
                    PushRequest(id: id, doc: DocumentInput(id: "border.txt", text: Self.text)), id: id, as: PushReply.self)
            }
            #expect(stored.status == .new || stored.status == .queued)
            #expect(stored.counts.events > 0)

            // a reader may not replace it, nor extract; each refusal leaves the connection open
            try await LineClient.withConnection(loopback(extractor.port), tls: try workspace.tls(.reader)) { connection in
                let hello = try await connection.hello()
                #expect(hello.peer == "attache-reader")
                #expect(hello.permissions == [])
                let id = connection.makeID()
                let forged = DocumentInput(id: "border.txt", text: "date 2025-02-11\n\nNothing happened.\n")
                let refused = Self.error(try await connection.request(PushRequest(id: id, doc: forged), id: id), on: connection)
                #expect(refused?.code == .forbidden)
                #expect(refused?.id == id)
                #expect(refused?.fatal == false)
                #expect(refused?.message.contains("writer") == true, "\(refused?.message ?? "")")
                let ping = connection.makeID()
                #expect(try await connection.call(Ping(id: ping), id: ping, as: Pong.self).id == ping)
                let extract = connection.makeID()
                let line = try await connection.request(ExtractRequest(id: extract, doc: forged), id: extract)
                #expect(Self.error(line, on: connection)?.code == .forbidden)
                let again = connection.makeID()
                #expect(try await connection.call(Ping(id: again), id: again, as: Pong.self).id == again)
            }

            // the reader reads: the document is the writer's, and a subscription is taken
            let expected = ContentHash.sha256Hex(Self.text)
            let hash = try await eventually(seconds: 20) { () -> String? in
                try await LineClient.withConnection(loopback(aggregator.port), tls: try workspace.tls(.reader)) { connection in
                    let id = connection.makeID()
                    let reply = try await connection.call(
                        QueryRequest(id: id, query: .document, params: QueryParams(doc: "border.txt")), id: id, as: QueryReply.self)
                    return reply.result.document?.contentHash
                }
            }
            #expect(hash == expected, "the reader's push replaced nothing")
        }

        @Test func aReaderQueriesAndSubscribesButStoresNoDigest() async throws {
            let (workspace, aggregator, extractor) = try Self.services()
            defer {
                extractor.stop()
                aggregator.stop()
            }
            try await LineClient.withConnection(loopback(aggregator.port), tls: try workspace.tls(.reader)) { connection in
                #expect(try await connection.hello().permissions == ["query", "subscribe"])
                let query = connection.makeID()
                let stats = try await connection.call(QueryRequest(id: query, query: .stats), id: query, as: QueryReply.self)
                #expect(stats.result.stats != nil)
                let subscribe = connection.makeID()
                let subscribed = try await connection.call(SubscribeRequest(id: subscribe), id: subscribe, as: SubscribedReply.self)
                let unsubscribe = connection.makeID()
                let unsubscribed = try await connection.call(
                    UnsubscribeRequest(id: unsubscribe, sub: subscribed.sub), id: unsubscribe, as: UnsubscribedReply.self)
                #expect(unsubscribed.sub == subscribed.sub)
                let digest = Digest(doc: "forged.txt", contentHash: ContentHash.sha256Hex("x"), length: 1)
                let id = connection.makeID()
                let line = try await connection.request(DigestMessage(id: id, digest: digest), id: id)
                let refused = Self.error(line, on: connection)
                #expect(refused?.code == .forbidden)
                #expect(refused?.message.contains("extractor") == true, "\(refused?.message ?? "")")
                let ping = connection.makeID()
                #expect(try await connection.call(Ping(id: ping), id: ping, as: Pong.self).id == ping)
            }
            // a writer reads too; the full client of earlier releases still pushes
            try await LineClient.withConnection(loopback(aggregator.port), tls: try workspace.tls(.writer)) { connection in
                let hello = try await connection.hello()
                #expect(hello.permissions == ["query", "subscribe"])
                let query = connection.makeID()
                let stats = try await connection.call(QueryRequest(id: query, query: .stats), id: query, as: QueryReply.self)
                #expect(stats.result.stats != nil)
            }
            let replies = try await push([DocumentInput(id: "client.txt", text: Self.text)], port: extractor.port, workspace: workspace)
            #expect(replies.first?.status == .new || replies.first?.status == .queued)
        }

        /// `attache certs --issue reader` makes one more reader certificate from the existing CA; the
        /// services know it by its common name and give it a reader's permissions.
        @Test func certsIssuesAReaderCertificateFromTheExistingCA() async throws {
            let (workspace, aggregator, extractor) = try Self.services()
            defer {
                extractor.stop()
                aggregator.stop()
            }
            let (status, output) = try runTool(
                "attache", ["certs", "--out", workspace.certs, "--issue", "reader", "--common-name", "analyst-7"])
            #expect(status == 0, "\(output)")
            #expect(output.contains("analyst-7.pem"))
            let files = TLSFiles(
                caCertificate: workspace.certs + "/ca.pem", certificate: workspace.certs + "/analyst-7.pem",
                privateKey: workspace.certs + "/analyst-7-key.pem")
            try await LineClient.withConnection(loopback(extractor.port), tls: try files.makeClientContext()) { connection in
                let hello = try await connection.hello()
                #expect(hello.peer == "analyst-7")
                #expect(hello.permissions == [])
                let id = connection.makeID()
                let line = try await connection.request(PushRequest(id: id, doc: DocumentInput(id: "a.txt", text: Self.text)), id: id)
                #expect(Self.error(line, on: connection)?.code == .forbidden)
            }
            let bad = try runTool("attache", ["certs", "--out", workspace.certs, "--issue", "aggregator"])
            #expect(bad.status != 0, "only client roles are issued this way")
        }
    }
}
