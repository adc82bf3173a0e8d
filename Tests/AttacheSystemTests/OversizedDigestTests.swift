import AttacheContracts
import AttacheExtraction
import AttacheWire
import Foundation
import Testing

/// A digest longer than the aggregator's line limit: the aggregator itself decides (it is sent
/// alone, and its LINE_TOO_LONG dead-letters it), the entries behind it are not held up, and the
/// limit is that connection's only.
extension SystemTests {
    @Suite(.serialized, .timeLimit(.minutes(3))) struct OversizedDigestTests {
        @Test func anOversizedDigestIsJudgedByTheAggregatorAndBlocksNothing() async throws {
            let workspace = try Workspace()
            let small = (0..<4).map { DocumentInput(id: "small-\($0).txt", text: "Peru and Chile signed a fisheries accord, note \($0).") }
            let big = DocumentInput(id: String(repeating: "b", count: 480) + ".txt", text: "Peru and Chile signed a fisheries accord, note 9.")
            // A limit between the lines of the small digests and the big one's.
            let codec = LineCodec()
            let extractor = Extractor()
            let smallest = try small.map { try codec.encode(extractor.digest($0)).count }.max() ?? 0
            let biggest = try codec.encode(extractor.digest(big)).count
            #expect(biggest > smallest + 300)
            let limit = smallest + 200
            let db = workspace.path + "/kb.sqlite"
            var aggregator = try ServiceProcess(
                "attache-aggregator", arguments: ["--database", db, "--max-line-bytes", "\(limit)"], in: workspace, name: "aggregator")
            let port = aggregator.port
            let extractorProcess = try ServiceProcess(
                "attache-extractor", arguments: ["--aggregator", "127.0.0.1:\(port)", "--outbox", workspace.path + "/outbox.sqlite"],
                in: workspace, name: "extractor")
            defer { extractorProcess.stop() }

            // The big one first: it must not hold up the ones behind it.
            _ = try await push([big] + small.prefix(3), port: extractorProcess.port, workspace: workspace)
            let expected = Set(small.prefix(3).map(\.id))
            let stored = try await eventually(seconds: 30) { () -> Set<String>? in
                let docs = Set(try await SystemTests.FaultTests.stored(aggregatorPort: port, workspace: workspace).keys)
                return expected.isSubset(of: docs) ? docs : nil
            }
            #expect(stored == expected, "stored: \(stored.map { $0.sorted() } ?? [])")
            let log = extractorProcess.logText()
            #expect(log.contains("sending each alone"), "the big digest must go to the aggregator, not be refused on the hello's word")
            let deadLettered = try await eventually(seconds: 10) { () -> Bool? in
                extractorProcess.logText().contains("kept in deadLetter") ? true : nil
            }
            #expect(deadLettered == true, "the aggregator's own LINE_TOO_LONG dead-letters the big digest")
            #expect(aggregator.stop() == 0)

            // The next aggregator has the default limit: that connection's limit is its own.
            aggregator = try ServiceProcess("attache-aggregator", arguments: ["--database", db], in: workspace, name: "aggregator", port: port)
            defer { aggregator.stop() }
            _ = try await push([small[3]], port: extractorProcess.port, workspace: workspace)
            let all = Set(small.map(\.id))
            let later = try await eventually(seconds: 30) { () -> Set<String>? in
                let docs = Set(try await SystemTests.FaultTests.stored(aggregatorPort: port, workspace: workspace).keys)
                return all.isSubset(of: docs) ? docs : nil
            }
            #expect(later == all)
        }
    }
}
