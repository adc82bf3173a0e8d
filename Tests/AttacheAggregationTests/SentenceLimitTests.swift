import AttacheAggregation
import AttacheContracts
import Foundation
import Testing

/// The store refuses what its full-text index cannot address, whoever writes (not only the aggregator's
/// handler): on a real SQLite file.
@Suite struct SentenceLimitTests {
    static func digest(_ doc: String, indices: [Int]) -> Digest {
        Digest(
            doc: doc, published: "2031-03-10", contentHash: ContentHash.sha256Hex(doc + "\(indices)"), length: 10,
            sentences: indices.map { Sentence(index: $0, start: 0, end: 2, text: "s\($0)") })
    }

    @Test func sentenceIndicesPastSixteenBitsAreRefused() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let store = try tmp.open()
        for (indices, code) in [([0, 1, 65_536], ErrorCode.documentTooLarge), ([0, 70_000], .documentTooLarge), ([-1], .badRequest)] {
            do {
                _ = try await store.store(Self.digest("d-\(indices.last!).txt", indices: indices))
                Issue.record("stored a digest with sentence \(indices.last!)")
            } catch let error as ErrorReply {
                #expect(error.code == code, "\(error)")
            }
        }
        #expect(try await store.query(.stats, QueryParams()).stats?.documents == 0, "nothing of them is stored")
        #expect(try await store.store(Self.digest("edge.txt", indices: [0, 65_535])) == .new)
        _ = try await store.waitForSearchIndex()
        let hits = try #require(try await store.query(.search, QueryParams(text: "s65535")).hits)
        #expect(hits.map { "\($0.doc)#\($0.sentence)" } == ["edge.txt#65535"])
    }
}
