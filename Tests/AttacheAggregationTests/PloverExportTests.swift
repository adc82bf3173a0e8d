import AttacheContracts
import Foundation
import Testing

@testable import AttacheAggregation

/// The PLOVER export on a real store file: paging, filters, hostile text, and what a replacement sends.
@Suite struct PloverExportTests {
    static func lines(_ pages: [QueryResult]) -> [String] {
        pages.map { $0.export?.data ?? "" }.joined().split(separator: "\n").map(String.init)
    }

    static func object(_ line: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
    }

    @Test func pagesFiltersAndHostileText() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let store = try tmp.open()
        _ = try await store.store(OutputSafetyTests.hostile().digest())
        let whole = try await allPages(store, .export, QueryParams(format: "plover"))
        #expect(whole.count == 1 && whole[0].export?.watermark == "1")
        let lines = Self.lines(whole)
        #expect(lines.count == 4)
        // Paged one record at a time: the same lines; the watermark only on the last page.
        let paged = try await allPages(store, .export, QueryParams(limit: 1, format: "plover"))
        #expect(paged.count == 4 && Self.lines(paged) == lines)
        #expect(paged.dropLast().allSatisfy { $0.export?.watermark == nil } && paged.last?.export?.watermark == "1")
        // Every line is one JSON object, control characters escaped.
        let records = try lines.map(Self.object)
        #expect(records.map { $0["event"] as? String } == ["CONSULT", "AGREE", "PRAISE", "CONSULT"].map { $0 as String? })
        #expect(records.map { $0["quad_code"] as? Int } == [1, 1, nil, 1])
        let actors = records[2]["actor"] as? [[String: Any]]
        #expect(actors?.first?["entity_text"] as? String == "\tTab" && actors?.first?["code"] as? String == "LAO")
        #expect(Set(records.compactMap { $0["id"] as? String }).count == 4)
        // Filtered like events.
        let agree = Self.lines(try await allPages(store, .export, QueryParams(eventType: "AGREE", format: "plover")))
        #expect(agree == [lines[1]])
        let withThailand = Self.lines(try await allPages(store, .export, QueryParams(state: "TH", format: "plover")))
        #expect(withThailand == [lines[3]])
    }

    @Test func aReplacementSendsOnlyWhatChanged() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let store = try tmp.open()
        let a = handDigest("a.txt", ["Laos met Vietnam.", "Laos thanked Cambodia.", "Vietnam met Thailand."])
        let b = handDigest("b.txt", ["Cambodia met Thailand."])
        _ = try await store.store(a)
        _ = try await store.store(b)
        let before = Self.lines(try await allPages(store, .export, QueryParams(format: "plover")))
        let mark = try #require(try await store.query(.export, QueryParams(format: "plover")).export?.watermark)
        #expect(mark == "2")

        // a.txt again: its first sentence as it was, the second gone, the third changed, a fourth added.
        var a2 = handDigest("a.txt", ["Laos met Vietnam.", "Vietnam met Thailand.", "Laos met China."])
        a2.events[1].date = "2024-09-01"  // the same event (same sentence and trigger), a corrected date
        #expect(try await store.store(a2) == .replaced)
        let after = Self.lines(try await allPages(store, .export, QueryParams(format: "plover")))
        // Documents in store order: b.txt (2), then the new version of a.txt (3).
        let id = { (line: String) in try Self.object(line)["id"] as! String }
        #expect(after[0] == before[3], "b.txt, untouched")
        let (old, new) = (try before.prefix(3).map(id), try after.suffix(3).map(id))
        #expect(new[0] == old[0], "the unchanged event keeps its id")
        #expect(new[1] == old[2], "the event whose sentence moved keeps its id")
        #expect(!old.contains(new[2]))

        let delta = Self.lines(try await allPages(store, .export, QueryParams(limit: 1, format: "plover", since: mark)))
        let objects = try delta.map(Self.object)
        #expect(objects.compactMap { $0["removed"] as? String } == [old[1]], "\(delta)")
        #expect(objects.compactMap { $0["id"] as? String } == [new[1], new[2]], "\(delta)")
        #expect(objects.last?["watermark"] as? String == "3")
        #expect(delta.contains(after[2]) && delta.contains(after[3]))
        // The unchanged event is not sent, and keeps its coding day; nothing of b.txt is sent.
        #expect(!delta.contains(after[1]) && !delta.contains(after[0]))
        #expect(after[1] == before[0])
        // Since the new watermark: nothing.
        let none = Self.lines(try await allPages(store, .export, QueryParams(format: "plover", since: "3")))
        #expect(none == ["{\"watermark\":\"3\"}"])
        // A document filter keeps to that document, removals included.
        let onlyB = Self.lines(try await allPages(store, .export, QueryParams(doc: "b.txt", format: "plover", since: "0")))
        #expect(onlyB.count == 2 && onlyB[0] == before[3])
        for bad in ["x", "-1", "4"] {
            await #expect(throws: ErrorReply.self) {
                _ = try await store.query(.export, QueryParams(format: "plover", since: bad))
            }
        }
    }

    @Test func stateGraphSumsEachDirectedPairOnce() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let store = try tmp.open()
        _ = try await store.store(handDigest("a.txt", ["Laos met Vietnam.", "Laos met Vietnam again.", "Vietnam met Laos."]))
        let graph = try #require(try await store.query(.export, QueryParams(format: "graphml")).export)
        #expect(graph.data.contains("edgedefault=\"directed\""))
        #expect(graph.data.components(separatedBy: "<edge ").count - 1 == 2)
        #expect(graph.data.contains("source=\"sLA\" target=\"sVN\"><data key=\"weight\">2</data>"))
        #expect(graph.data.contains("source=\"sVN\" target=\"sLA\"><data key=\"weight\">1</data>"))
        #expect(graph.count == 4)
        let dot = try #require(try await store.query(.export, QueryParams(format: "dot")).export).data
        #expect(dot.hasPrefix("digraph states {") && dot.contains("sLA -> sVN [weight=2"))
    }
}

/// One event a sentence: the first word's state acts, the second state (the sentence's third word) receives,
/// trigger "met" or "thanked".
private func handDigest(_ doc: String, _ sentences: [String]) -> Digest {
    let states = ["Laos": "LA", "Vietnam": "VN", "Cambodia": "KH", "Thailand": "TH", "China": "CN"]
    var offset = 0
    var made: [Sentence] = []
    var events: [Event] = []
    for (i, text) in sentences.enumerated() {
        let words = text.split(separator: " ").map { String($0).trimmingCharacters(in: .punctuationCharacters) }
        made.append(Sentence(index: i, start: offset, end: offset + text.unicodeScalars.count, text: text))
        let triggerStart = offset + words[0].unicodeScalars.count + 1
        events.append(
            Event(
                type: "CONSULT", source: states[words[0]], target: states[words[2]], sentence: i,
                trigger: Span(sentence: i, start: triggerStart, end: triggerStart + words[1].count), triggerText: words[1],
                confidence: 0.9))
        offset += text.unicodeScalars.count + 1
    }
    let text = sentences.joined(separator: " ")
    return Digest(
        doc: doc, published: "2024-08-26", title: doc, contentHash: ContentHash.sha256Hex(text), length: text.unicodeScalars.count,
        sentences: made, persons: [], events: events)
}
