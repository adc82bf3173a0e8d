import AttacheContracts
import AttacheWire
import Foundation
import Testing

/// `extractor.max-extract-ms`: past its time budget a document is still accepted, with what fits and a
/// warning in the reply, never a stall; the budget is advertised in the hello.
extension SystemTests {
    @Suite(.serialized, .timeLimit(.minutes(2))) struct ExtractionBudgetTests {
        /// An invented story, repeated into a long document (some 250 KB).
        static let longText: String = {
            let story = """
                HANOI, Feb. 11 - Vietnamese Defence Minister Phan Tuan Long met Lao Deputy Defence Minister Khamsing \
                Vongphet in Hanoi on Tuesday. The two sides signed a memorandum on border patrols and agreed to hold \
                joint exercises next year, the ministry said.
                """
            return "date 2025-02-11\n\n" + Array(repeating: story, count: 900).joined(separator: "\n\n") + "\n"
        }()

        @Test func aSpentBudgetGivesAnAcceptedReplyWithAWarning() async throws {
            let workspace = try Workspace()
            let extractor = try ServiceProcess(
                "attache-extractor", arguments: standaloneArguments("attache-extractor", in: workspace) + ["--max-extract-ms", "1"],
                in: workspace, name: "extractor")
            defer { extractor.stop() }
            #expect(Self.longText.utf8.count > 200_000 && Self.longText.utf8.count < 524_288)
            try await LineClient.withConnection(loopback(extractor.port), tls: try workspace.tls(.writer)) { connection in
                #expect(try await connection.hello().limits.maxExtractMilliseconds == 1)
                let start = ContinuousClock.now
                let id = connection.makeID()
                let reply = try await connection.call(
                    PushRequest(id: id, doc: DocumentInput(id: "long.txt", text: Self.longText)), id: id, as: PushReply.self)
                #expect(ContinuousClock.now - start < .seconds(20), "answered, not stalled")
                #expect(reply.status == .queued || reply.status == .new)
                #expect(reply.counts.sentences > 1_000)
                let warning = reply.warnings?.first { $0.contains("max_extract_ms") }
                #expect(warning?.contains("1 ms") == true, "\(reply.warnings ?? [])")
                // extract answers the same way
                let extract = connection.makeID()
                let digest = try await connection.call(
                    ExtractRequest(id: extract, doc: DocumentInput(id: "long.txt", text: Self.longText)), id: extract,
                    as: DigestMessage.self)
                #expect(digest.digest.warnings?.contains { $0.contains("max_extract_ms") } == true)
                let ping = connection.makeID()
                #expect(try await connection.call(Ping(id: ping), id: ping, as: Pong.self).id == ping)
            }
        }

        @Test func theDefaultBudgetIsAdvertisedAndAStoryFitsIt() async throws {
            let workspace = try Workspace()
            let extractor = try ServiceProcess(
                "attache-extractor", arguments: standaloneArguments("attache-extractor", in: workspace), in: workspace,
                name: "extractor")
            defer { extractor.stop() }
            try await LineClient.withConnection(loopback(extractor.port), tls: try workspace.tls(.writer)) { connection in
                #expect(try await connection.hello().limits.maxExtractMilliseconds == 5_000)
                let id = connection.makeID()
                let story = String(Self.longText.prefix(600))
                let reply = try await connection.call(
                    PushRequest(id: id, doc: DocumentInput(id: "story.txt", text: story)), id: id, as: PushReply.self)
                #expect(reply.warnings == nil)
                #expect(reply.counts.events > 0)
            }
            let refused = try runTool(
                "attache-extractor",
                standaloneArguments("attache-extractor", in: workspace) + ["--max-extract-ms", "0", "--port", "0", "--tls-dir", workspace.certs])
            #expect(refused.status != 0)
            #expect(refused.output.contains("max-extract-ms"), "\(refused.output)")
        }
    }
}
