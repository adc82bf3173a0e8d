import AttacheContracts
import AttacheExtraction
import AttacheWire
import Foundation
import Testing

/// A document built to make the extractor work without end: thirty state names and then one trigger
/// word 100,000 times in one "sentence" (400 KB). The extractor answers it like any document, with
/// what fits its work limits and a warning, and other clients are served meanwhile.
extension SystemTests {
    @Suite(.serialized, .timeLimit(.minutes(2))) struct ExtractionWorkTests {
        /// A workspace with both services running, the extractor forwarding to the aggregator.
        static func services() throws -> (Workspace, ServiceProcess, ServiceProcess) {
            let workspace = try Workspace()
            let aggregator = try ServiceProcess(
                "attache-aggregator", arguments: ["--database", workspace.path + "/kb.sqlite"], in: workspace, name: "aggregator")
            let extractor = try ServiceProcess(
                "attache-extractor", arguments: ["--aggregator", "127.0.0.1:\(aggregator.port)"], in: workspace, name: "extractor")
            return (workspace, aggregator, extractor)
        }

        static func hostileText(repeats: Int) -> String {
            let states = [
                "France", "Germany", "Italy", "Spain", "Poland", "Kenya", "Ghana", "Peru", "Chile", "Japan", "China", "India",
                "Brazil", "Mexico", "Egypt", "Iran", "Iraq", "Turkey", "Greece", "Norway", "Sweden", "Finland", "Denmark",
                "Austria", "Hungary", "Romania", "Nigeria", "Senegal", "Vietnam", "Laos",
            ]
            return "date 2025-03-14\n\n" + states.joined(separator: ", ") + " " + Array(repeating: "met", count: repeats).joined(separator: " ") + ".\n"
        }

        /// A document of more sentences than the knowledge base can key is refused at the push, not acknowledged and
        /// then dead-lettered; the connection goes on.
        @Test func aDocumentOfTooManySentencesIsRefusedAtThePush() async throws {
            let (workspace, aggregator, extractor) = try Self.services()
            defer {
                extractor.stop()
                aggregator.stop()
            }
            let text = "date 2025-03-14\n\n" + String(repeating: "Go. ", count: 70_000) + "\n"
            try await LineClient.withConnection(loopback(extractor.port), tls: try workspace.tls(.client)) { connection in
                let id = connection.makeID()
                let reply = try await connection.request(PushRequest(id: id, doc: DocumentInput(id: "many.txt", text: text)), id: id)
                #expect(throws: ErrorReply.self) { try connection.decodeReply(PushReply.self, from: reply) }
                do {
                    _ = try connection.decodeReply(PushReply.self, from: reply)
                } catch let error as ErrorReply {
                    #expect(error.code == .documentTooLarge)
                    #expect(error.message.contains("sentences"))
                }
                let ping = connection.makeID()
                #expect(try await connection.call(Ping(id: ping), id: ping, as: Pong.self).id == ping)
            }
        }

        @Test func aRunOnDocumentOfTriggersIsAnsweredWithinTheWorkLimits() async throws {
            let (workspace, aggregator, extractor) = try Self.services()
            defer {
                extractor.stop()
                aggregator.stop()
            }
            let text = Self.hostileText(repeats: 100_000)
            #expect(text.utf8.count > 390_000 && text.utf8.count < 524_288)
            let client = try workspace.tls(.client)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    let replies = try await push([DocumentInput(id: "run-on.txt", text: text)], port: extractor.port, workspace: workspace)
                    let reply = try #require(replies.first)
                    #expect(reply.status == .new || reply.status == .queued)
                    #expect(reply.counts.events > 0 && reply.counts.events <= ExtractionLimits.maxDigestEvents)
                    #expect(reply.warnings?.isEmpty == false, "the reply says what the work limits left out")
                }
                group.addTask {
                    // another client is served while the document is worked on
                    try await LineClient.withConnection(loopback(extractor.port), tls: client) { connection in
                        for n in 1...5 {
                            let pong = try await connection.call(Ping(id: .number(Int64(n))), id: .number(Int64(n)), as: Pong.self)
                            #expect(pong.id == .number(Int64(n)))
                        }
                    }
                }
                try await group.waitForAll()
            }
        }
    }
}
