import AttacheContracts
import Foundation
import Testing

/// The size bounds a server pages with are never below what the line codec writes.
@Suite struct ReplySizeTests {
    /// Strings with what JSON escapes (quotes, backslashes, slashes, every control character), DEL, C1
    /// controls, and multi-byte characters.
    static func nasty(_ seed: Int) -> String {
        var generator = Generator(state: UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 | 1)
        let pieces: [String] = ["\"", "\\", "/", "\u{0}", "\u{1B}", "\n", "\r", "\t", "\u{7F}", "\u{9B}", "é", "日本", "🇻🇳", "a", " ", "\u{2028}"]
        return (0..<Int(generator.next() % 40)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined()
    }

    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            self.state ^= self.state << 13
            self.state ^= self.state >> 7
            self.state ^= self.state << 17
            return self.state
        }
    }

    func encodedSize(_ value: some Encodable) throws -> Int { try LineCodec().encode(value).count }

    @Test(arguments: 0..<50) func everyRowKindIsBoundedAbove(seed: Int) throws {
        let s = { (i: Int) in Self.nasty(seed * 31 + i) }
        let event = EventRow(
            id: Int64.min, doc: s(1), type: s(2), mode: s(3), source: s(4), target: s(5), date: s(6), confidence: -1.7976931348623157e308,
            sentence: s(7), trigger: s(8), story: Int64.max, span: Span(sentence: Int.min, start: Int.max, end: -1),
            actorText: s(9), recipientText: s(10), actors: [Int64.min, Int64.max, 0])
        #expect(try self.encodedSize(event) <= event.replySizeBound)
        let actor = ActorSummary(
            id: Int64.min, kind: s(11), name: s(12), aliases: [s(13), s(14)], country: s(15), rank: s(16), roles: [s(17)],
            documents: Int.min, mentions: Int.max, firstSeen: s(18), lastSeen: s(19), mergedBy: [s(20), ""])
        #expect(try self.encodedSize(actor) <= actor.replySizeBound)
        let document = DocumentSummary(
            doc: s(21), published: s(22), title: s(23), source: s(24), contentHash: s(25), storedAt: Int64.min,
            counts: DigestCounts(sentences: Int.min, persons: 1, organizations: 2, countries: 3, dates: 4, quantities: 5, events: Int.max))
        #expect(try self.encodedSize(document) <= document.replySizeBound)
        let story = StoryRow(
            id: 1, type: s(26), mode: s(27), source: s(28), target: s(29), firstDate: s(30), lastDate: s(31), mentions: Int.min,
            documents: Int.max, sources: 0, docs: [s(32), s(33)], events: [1, Int64.min])
        #expect(try self.encodedSize(story) <= story.replySizeBound)
        let relation = RelationRow(
            partner: s(34), events: Int.min,
            types: [RelationTypeCount(type: s(35), outgoing: Int.max, incoming: Int.min, firstDate: s(36), lastDate: nil)],
            firstDate: nil, lastDate: s(37))
        #expect(try self.encodedSize(relation) <= relation.replySizeBound)
        let hit = SearchHit(doc: s(38), sentence: Int.min, text: s(39), highlight: s(40), published: s(41))
        #expect(try self.encodedSize(hit) <= hit.replySizeBound)
        let country = CountrySummary(code: s(42), documents: Int.min, events: Int.max, names: [s(43)])
        #expect(try self.encodedSize(country) <= country.replySizeBound)
        let profile = ActorProfile(
            actor: actor, names: [ActorName(name: s(44), documents: Int.min)],
            merges: [MergeNote(doc: s(45), name: s(46), rule: s(47), evidence: s(48))],
            ranks: [DatedValue(value: s(49), firstSeen: s(50), lastSeen: nil, documents: Int.max)], roles: [],
            documents: [s(51)], coMentioned: [ActorLink(id: Int64.min, kind: s(52), name: s(53), documents: Int.min)],
            participation: [
                Participation(
                    event: Int64.min, role: s(62), type: s(63), mode: s(64), date: nil, doc: s(65), sentence: Int.min, name: s(66),
                    counterparts: [ParticipantRow(kind: s(67), name: s(68), country: s(69), sector: nil, actor: Int64.min)])
            ],
            met: [MetLink(id: Int64.min, kind: s(70), name: s(71), country: nil, events: Int.min, lastDate: s(72))], events: [event])
        #expect(try self.encodedSize(profile) <= profile.replySizeBound)
        let push = EventPush(
            sub: s(54), seq: Int.max, dropped: Int.min,
            event: EventNotice(
                doc: s(55), type: s(56), mode: s(57), source: nil, target: s(58), date: s(59), confidence: 0.1 + 0.2,
                sentence: s(60), trigger: s(61)))
        #expect(try self.encodedSize(push) <= push.replySizeBound)
        // Close to the real size for plain text: within the numbers' and absent optionals' allowance.
        let plain = SearchHit(doc: "a.txt", sentence: 3, text: String(repeating: "word ", count: 1000), highlight: "x", published: nil)
        #expect(hit.replySizeBound - (try self.encodedSize(hit)) < 200)
        #expect(plain.replySizeBound - (try self.encodedSize(plain)) < 60)
    }

    @Test func theAggregatorsLimitsAreOptionalInTheHello() throws {
        let extractor = try LineCodec().encode(Limits())
        #expect(!String(decoding: extractor, as: UTF8.self).contains("maxReplyBytes"))
        var limits = Limits()
        limits.maxReplyBytes = 4_194_304
        limits.maxSubscriptionsTotal = 1024
        let decoded = try JSONDecoder().decode(Limits.self, from: try LineCodec().encode(limits))
        #expect(decoded == limits)
        let old = try JSONDecoder().decode(Limits.self, from: Data(#"{"maxLineBytes":10}"#.utf8))
        #expect(old.maxLineBytes == 10 && old.maxReplyBytes == nil)
    }
}
