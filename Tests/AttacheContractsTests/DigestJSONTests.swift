@testable import AttacheContracts
import Foundation
import Testing

/// SplitMix64: a small seeded generator, so that every failure can be replayed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { self.state = seed }
    mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random digests with hostile content: every control character, quotes and backslashes, slashes,
/// combining marks, astral-plane scalars, U+2028, empty arrays, nil optionals, extreme numbers.
struct DigestGenerator {
    var rng: SeededGenerator
    init(seed: UInt64) { self.rng = SeededGenerator(seed: seed) }

    static let pieces: [String] = [
        "a", "Lao", " ", "Vientiane", "\"", "\\", "/", "</script>", "\n", "\r\n", "\t", "\u{0}", "\u{1}", "\u{8}", "\u{C}",
        "\u{1F}", "\u{7F}", "é", "e\u{301}", "\u{0915}\u{094D}\u{0937}", "😀", "👨‍👩‍👧", "𝔸", "\u{10FFFF}", "\u{2028}",
        "\u{2029}", "\u{FEFF}", "\u{FFFD}", "中文", "עברית", "\\u0041", "\\\"", "—", "'", "{}", "[1,2]", "null", "0",
    ]

    mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self.rng) }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self.rng) < p }

    mutating func string(maxPieces: Int = 8) -> String {
        var text = ""
        for _ in 0..<self.int(0...maxPieces) {
            if self.chance(0.3) {
                // Any scalar but surrogates.
                var v = UInt32.random(in: 0...0x10FFFF, using: &self.rng)
                if (0xD800...0xDFFF).contains(v) { v = 0x41 }
                text.unicodeScalars.append(Unicode.Scalar(v)!)
            } else {
                text += Self.pieces[self.int(0...(Self.pieces.count - 1))]
            }
        }
        return text
    }

    mutating func optionalString() -> String? { self.chance(0.4) ? nil : self.string() }

    mutating func integer() -> Int {
        switch self.int(0...9) {
        case 0: Int.max
        case 1: Int.min
        case 2: 0
        case 3: -1
        case 4: Int.random(in: Int.min...Int.max, using: &self.rng)
        default: self.int(0...100_000)
        }
    }

    mutating func double() -> Double {
        switch self.int(0...12) {
        case 0: return 0
        case 1: return -0.0
        case 2: return .leastNonzeroMagnitude
        case 3: return .greatestFiniteMagnitude
        case 4: return -.leastNormalMagnitude
        case 5: return 1e20
        case 6: return 0.1
        case 7: return 123456.789
        case 8: return Double(self.int(-1000...1000))
        case 9:
            // Any finite bit pattern.
            while true {
                let d = Double(bitPattern: self.rng.next())
                if d.isFinite { return d }
            }
        default: return Double(self.int(0...100)) / 100
        }
    }

    mutating func span() -> Span { Span(sentence: self.integer(), start: self.integer(), end: self.integer()) }
    mutating func list<T>(_ max: Int, _ make: (inout DigestGenerator) -> T) -> [T] {
        (0..<self.int(0...max)).map { _ in make(&self) }
    }

    mutating func digest(scale: Int = 4) -> Digest {
        Digest(
            doc: self.string(), published: self.optionalString(), title: self.optionalString(), source: self.optionalString(),
            contentHash: self.string(), length: self.integer(),
            sentences: self.list(scale * 2) { g in
                Sentence(index: g.integer(), start: g.integer(), end: g.integer(), text: g.string(maxPieces: 30))
            },
            persons: self.list(scale) { g in
                Person(
                    name: g.string(), aliases: g.list(3) { $0.string() }, country: g.optionalString(), rank: g.optionalString(),
                    roles: g.list(2) { $0.string() }, sector: g.optionalString(), mentions: g.list(3) { $0.span() })
            },
            organizations: self.list(scale) { g in
                Organization(
                    name: g.string(), aliases: g.list(3) { $0.string() }, country: g.optionalString(), sector: g.optionalString(),
                    mentions: g.list(3) { $0.span() })
            },
            countries: self.list(scale) { g in Country(code: g.string(), names: g.list(3) { $0.string() }, mentions: g.list(3) { $0.span() }) },
            dates: self.list(scale) { g in DateMention(text: g.string(), value: g.optionalString(), end: g.optionalString(), span: g.span()) },
            quantities: self.list(scale) { g in Quantity(text: g.string(), value: g.double(), unit: g.optionalString(), span: g.span()) },
            events: self.list(scale) { g in
                Event(
                    type: g.string(), mode: g.optionalString(), context: g.list(2) { $0.string() }, source: g.optionalString(),
                    target: g.optionalString(), date: g.optionalString(), actorText: g.optionalString(),
                    recipientText: g.optionalString(), sentence: g.integer(), trigger: g.span(), triggerText: g.string(),
                    confidence: g.double(), actors: g.list(2) { $0.participant() }, recipients: g.list(2) { $0.participant() })
            })
    }

    mutating func participant() -> Participant {
        let kinds: [Participant.Kind] = [.person, .organization, .state]
        return Participant(
            kind: kinds[self.int(0...2)], name: self.string(), country: self.optionalString(), sector: self.optionalString(),
            mention: self.span())
    }

    mutating func message(scale: Int = 4) -> DigestMessage {
        let id: RequestID =
            switch self.int(0...4) {
            case 0: .number(Int64.min)
            case 1: .number(Int64.max)
            case 2: .number(Int64(self.int(0...1000)))
            default: .string(self.string())
            }
        var message = DigestMessage(id: id, digest: self.digest(scale: scale))
        if self.chance(0.3) { message.v = self.integer() }
        if self.chance(0.1) { message.type = self.string() }
        return message
    }
}

/// Digests shaped like the extractor's output on a short news item (invented names).
enum SampleDigests {
    static func one() -> Digest {
        let texts = [
            "date 2024-08-29",
            "Senior Colonel Tran Van Minh, Deputy Chief of the General Staff of the Ruritanian People's Army, visited Laos from 26 to 28 August.",
            "During the visit, he met with Lieutenant General Somsak Phommachan, Chief of the General Staff of the Lao People's Army (LPA).",
            "The two sides agreed to strengthen cooperation in training, border security and search-and-rescue, and Ruritania handed over five vehicles worth 1.2 million USD.",
            "Minh said the \"special relationship\" between the two armies was a valuable asset / heritage.",
        ]
        var sentences: [Sentence] = []
        var offset = 0
        for (i, text) in texts.enumerated() {
            sentences.append(Sentence(index: i, start: offset, end: offset + text.unicodeScalars.count, text: text))
            offset += text.unicodeScalars.count + 1
        }
        return Digest(
            doc: "sample_0001.txt", published: "2024-08-29", title: "Ruritanian army delegation visits Laos", source: nil,
            contentHash: ContentHash.sha256Hex(texts.joined(separator: "\n")), length: offset - 1, sentences: sentences,
            persons: [
                Person(
                    name: "Tran Van Minh", aliases: ["Minh"], country: "RU", rank: "Senior Colonel",
                    roles: ["Deputy Chief of the General Staff of the Ruritanian People's Army"], sector: "MIL",
                    mentions: [Span(sentence: 1, start: 31, end: 44), Span(sentence: 4, start: 520, end: 524)]),
                Person(
                    name: "Somsak Phommachan", aliases: [], country: "LA", rank: "Lieutenant General",
                    roles: ["Chief of the General Staff of the Lao People's Army"], mentions: [Span(sentence: 2, start: 200, end: 217)]),
            ],
            organizations: [
                Organization(
                    name: "Lao People's Army", aliases: ["LPA"], country: "LA", sector: "MIL", mentions: [Span(sentence: 2, start: 250, end: 267)])
            ],
            countries: [
                Country(code: "LA", names: ["Laos", "Lao"], mentions: [Span(sentence: 1, start: 140, end: 144)]),
                Country(code: "RU", names: ["Ruritania", "Ruritanian"], mentions: []),
            ],
            dates: [
                DateMention(text: "from 26 to 28 August", value: "2024-08-26", end: "2024-08-28", span: Span(sentence: 1, start: 145, end: 165)),
                DateMention(text: "Monday", value: nil, span: Span(sentence: 3, start: 300, end: 306)),
            ],
            quantities: [
                Quantity(text: "five vehicles", value: 5, unit: "vehicles", span: Span(sentence: 3, start: 400, end: 413)),
                Quantity(text: "1.2 million USD", value: 1_200_000, unit: "USD", span: Span(sentence: 3, start: 420, end: 435)),
            ],
            events: [
                Event(
                    type: "CONSULT", mode: "visit", context: ["military"], source: "RU", target: "LA", date: "2024-08-26",
                    actorText: "Senior Colonel Tran Van Minh", recipientText: "Laos", sentence: 1,
                    trigger: Span(sentence: 1, start: 130, end: 137), triggerText: "visited", confidence: 0.9,
                    actors: [
                        Participant(kind: .person, name: "Tran Van Minh", country: "RU", sector: "MIL", mention: Span(sentence: 1, start: 31, end: 44))
                    ],
                    recipients: [Participant(kind: .state, name: "Laos", country: "LA", mention: Span(sentence: 1, start: 140, end: 144))]),
                Event(
                    type: "AGREE", context: [], source: "RU", target: "LA", sentence: 3,
                    trigger: Span(sentence: 3, start: 320, end: 326), triggerText: "agreed", confidence: 0.75),
                Event(
                    type: "AID", mode: "material", context: ["military", "border"], source: "RU", target: "LA", date: nil,
                    sentence: 3, trigger: Span(sentence: 3, start: 380, end: 391), triggerText: "handed over", confidence: 0.8),
            ])
    }
}

@Suite struct DigestJSONTests {
    let codec = LineCodec()
    let foundationDecoder = JSONDecoder()
    var foundationEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }

    /// The same JSON value (Foundation's encoder does not keep key order on Linux).
    func sameJSON(_ a: Data, _ b: Data) throws -> Bool {
        let x = try JSONSerialization.jsonObject(with: a) as? NSDictionary
        let y = try JSONSerialization.jsonObject(with: b) as? NSDictionary
        return x != nil && x == y
    }

    // MARK: round trips

    @Test func randomDigestsRoundTripBothWaysAgainstFoundation() throws {
        var g = DigestGenerator(seed: 20_240_829)
        for round in 0..<400 {
            let message = g.message()
            let fast = try DigestJSON.encode(message)
            #expect(!fast.contains(0x0A), "round \(round): a raw newline would break the framing")
            // Ours → Foundation, Foundation → ours, ours → ours.
            #expect(try self.foundationDecoder.decode(DigestMessage.self, from: fast) == message, "round \(round)")
            let slow = try self.foundationEncoder.encode(message)
            #expect(try self.codec.decode(DigestMessage.self, from: slow, id: nil) == message, "round \(round)")
            #expect(try self.codec.decode(DigestMessage.self, from: fast, id: nil) == message, "round \(round)")
            if round % 4 == 0 { #expect(try self.sameJSON(fast, slow), "round \(round)") }
            // A digest on its own, as the extractor's outbox stores it.
            let digestJSON = try DigestJSON.encode(message.digest)
            #expect(try self.foundationDecoder.decode(Digest.self, from: digestJSON) == message.digest)
            #expect(try self.codec.decode(Digest.self, from: self.foundationEncoder.encode(message.digest), id: nil) == message.digest)
        }
    }

    @Test func warningsRoundTripAndAreOmittedWhenAbsent() throws {
        var digest = SampleDigests.one()
        #expect(!String(decoding: try DigestJSON.encode(digest), as: UTF8.self).contains("warnings"))
        digest.warnings = ["only the first 32 event triggers of a sentence were read"]
        let fast = try DigestJSON.encode(digest)
        #expect(String(decoding: fast, as: UTF8.self).hasSuffix(#","warnings":["only the first 32 event triggers of a sentence were read"]}"#))
        #expect(try self.foundationDecoder.decode(Digest.self, from: fast) == digest)
        #expect(try self.codec.decode(Digest.self, from: self.foundationEncoder.encode(digest), id: nil) == digest)
        #expect(try self.codec.decode(Digest.self, from: fast, id: nil) == digest)
    }

    @Test func sampleDigestRoundTrips() throws {
        let message = DigestMessage(id: 17, digest: SampleDigests.one())
        let fast = try self.codec.encode(message)
        let slow = try self.codec.foundationEncode(message)
        #expect(fast.count == slow.count)
        #expect(try self.sameJSON(fast, slow))
        #expect(try self.codec.decode(DigestMessage.self, from: slow, id: nil) == message)
        #expect(try self.foundationDecoder.decode(DigestMessage.self, from: fast) == message)
        // Declaration order, nil optionals omitted, no escaped slashes.
        let text = String(decoding: fast, as: UTF8.self)
        #expect(text.hasPrefix(#"{"type":"digest","id":17,"digest":{"doc":"sample_0001.txt","published":"2024-08-29","title":"#))
        #expect(text.contains(#""title":"Ruritanian army delegation visits Laos","contentHash":"#), "nil source omitted")
        #expect(text.contains(#"{"text":"Monday","span":{"sentence":3,"start":300,"end":306}}"#))
        #expect(text.contains(#""value":1200000,"unit":"USD""#))
        #expect(text.contains(#"asset / heritage"#))
        #expect(text.contains(#""roles":["Deputy Chief of the General Staff of the Ruritanian People's Army"],"sector":"MIL","mentions":"#))
        #expect(text.contains(#""confidence":0.9,"actors":[{"kind":"person","name":"Tran Van Minh","country":"RU","sector":"MIL","mention":{"sentence":1,"start":31,"end":44}}],"recipients":[{"kind":"state","name":"Laos","country":"LA","mention":{"sentence":1,"start":140,"end":144}}]}"#))
        #expect(text.contains(#""confidence":0.75,"actors":[],"recipients":[]}"#), "empty lists written, as Foundation does")
        #expect(text.contains(#"\"special relationship\""#))
    }

    @Test func digestsWithoutParticipantsOrSectorsStillDecode() throws {
        // as stored digests and outboxes written before events carried participants hold them
        let message = try #require(try? self.agree(Data(Self.small.utf8)).get())
        #expect(message.digest.persons[0].sector == nil)
        #expect(message.digest.events[0].actors.isEmpty && message.digest.events[0].recipients.isEmpty)
        let digestOnly = try #require(Self.small.firstRange(of: #""digest":"#)).upperBound
        let old = Data(Self.small[digestOnly...].dropLast().utf8)
        let d = try self.codec.decode(Digest.self, from: old, id: nil)
        #expect(d == (try self.foundationDecoder.decode(Digest.self, from: old)))
        #expect(d.events[0].actors == [] && d.organizations.isEmpty)
        // null lists read as empty, like absent ones
        let nulls = try #require(try? self.agree(self.variant(#""confidence":0.5"#, #""confidence":0.5,"actors":null,"recipients":null"#)).get())
        #expect(nulls.digest.events[0].actors.isEmpty)
    }

    @Test func participantsDecodeLikeFoundation() throws {
        let person = #"{"kind":"person","name":"A","country":"VN","sector":"MIL","mention":{"sentence":0,"start":0,"end":1}}"#
        let state = #"{"kind":"state","name":"Laos","country":"LA","mention":{"sentence":0,"start":0,"end":1}}"#
        let ok = try #require(try? self.agree(self.variant(#""confidence":0.5"#, #""confidence":0.5,"actors":[\#(person)],"recipients":[\#(state)]"#)).get())
        #expect(ok.digest.events[0].actors == [Participant(kind: .person, name: "A", country: "VN", sector: "MIL", mention: Span(sentence: 0, start: 0, end: 1))])
        #expect(ok.digest.events[0].recipients == [Participant(kind: .state, name: "Laos", country: "LA", mention: Span(sentence: 0, start: 0, end: 1))])
        let igo = #"{"kind":"organization","name":"U","country":null,"sector":"IGO","mention":{"sentence":0,"start":0,"end":1}}"#
        #expect((try? self.agree(self.variant(#""confidence":0.5"#, #""confidence":0.5,"actors":[\#(igo)]"#)).get()) != nil)
        let sectors = try #require(try? self.agree(self.variant(#""roles":["r"],"#, #""roles":["r"],"sector":"GOV","#)).get())
        #expect(sectors.digest.persons[0].sector == "GOV")
        // refused by both: an unknown kind, a missing name or mention, a list of the wrong type
        for bad in [
            #""actors":[{"kind":"city","name":"A","mention":{"sentence":0,"start":0,"end":1}}]"#,
            #""actors":[{"kind":"person","mention":{"sentence":0,"start":0,"end":1}}]"#,
            #""actors":[{"kind":"person","name":"A"}]"#, #""actors":{}"#, #""recipients":"x""#, #""actors":[{"kind":1,"name":"A"}]"#,
        ] {
            let result = self.agree(self.variant(#""confidence":0.5"#, #""confidence":0.5,\#(bad)"#), bad)
            #expect(throws: ErrorReply.self, "\(bad)") { try result.get() }
        }
    }

    @Test func lineCodecUsesTheFastPathForDigests() throws {
        let digest = SampleDigests.one()
        let message = DigestMessage(id: "r1", digest: digest)
        #expect(try self.codec.encode(message) == DigestJSON.encode(message))
        #expect(try self.codec.encode(digest) == DigestJSON.encode(digest))
        let line = try self.codec.encodeLine(message)
        #expect(line.last == 0x0A)
        #expect(line.dropLast() == (try DigestJSON.encode(message)))
        #expect(try self.codec.encodeLine(digest).dropLast() == (try DigestJSON.encode(digest)))
        #expect(try self.codec.decodeValue(DigestMessage.self, from: line) == message)
        #expect(try self.codec.decodeValue(Digest.self, from: DigestJSON.encode(digest)) == digest)
        // The header scanner and the body decoder agree on the line.
        let header = try #require(try self.codec.header(of: line.dropLast()))
        #expect(header.type == "digest")
        #expect(header.id == "r1")
    }

    @Test func stringsAreEscapedExactlyAsFoundationDoes() throws {
        var g = DigestGenerator(seed: 7)
        var samples = DigestGenerator.pieces + (0..<0x80).map { String(UnicodeScalar(UInt8($0))) }
        for _ in 0..<500 { samples.append(g.string(maxPieces: 40)) }
        samples.append(String(repeating: "a\"b\\c/d\u{1}", count: 100))
        samples.append("")
        for text in samples {
            var w = JSONWriter(capacity: 4)
            w.byte(UInt8(ascii: "["))
            w.string(text)
            w.byte(UInt8(ascii: "]"))
            let ours = w.finish()
            let theirs = try self.foundationEncoder.encode([text])
            #expect(ours == theirs, "\(text.debugDescription)")
        }
    }

    @Test func numbersAreWrittenExactlyAsFoundationDoes() throws {
        var g = DigestGenerator(seed: 11)
        var doubles: [Double] = [
            0, -0.0, 5, 0.1, 0.9, 1e15, 1e16, 1e20, 1e-7, 123456.789, .leastNonzeroMagnitude, .greatestFiniteMagnitude,
            .leastNormalMagnitude, -.pi, 1_200_000,
        ]
        for _ in 0..<2000 { doubles.append(g.double()) }
        for d in doubles {
            var w = JSONWriter(capacity: 4)
            w.byte(UInt8(ascii: "["))
            try w.double(d)
            w.byte(UInt8(ascii: "]"))
            #expect(w.finish() == (try self.foundationEncoder.encode([d])), "\(d)")
        }
        var ints = [Int.min, Int.max, 0, -1, 9, 10, -10, 99, 100]
        for _ in 0..<2000 { ints.append(g.integer()) }
        for n in ints {
            var w = JSONWriter(capacity: 4)
            w.byte(UInt8(ascii: "["))
            w.int(n)
            w.byte(UInt8(ascii: "]"))
            #expect(w.finish() == (try self.foundationEncoder.encode([n])), "\(n)")
        }
    }

    @Test func nonFiniteDoublesThrowLikeFoundation() {
        for value in [Double.nan, .infinity, -.infinity] {
            var digest = SampleDigests.one()
            digest.quantities[0].value = value
            #expect(throws: EncodingError.self) { try DigestJSON.encode(DigestMessage(id: 1, digest: digest)) }
            #expect(throws: EncodingError.self) { try self.foundationEncoder.encode(DigestMessage(id: 1, digest: digest)) }
            digest = SampleDigests.one()
            digest.events[1].confidence = value
            #expect(throws: EncodingError.self) { try DigestJSON.encode(digest) }
        }
    }

    /// The codec never lets an encoding error out for a digest (a server would answer `INTERNAL`, forever, for
    /// the same document): it refuses with `BAD_REQUEST` naming the field.
    @Test func theCodecRefusesANonFiniteDigestClearly() throws {
        for value in [Double.nan, .infinity, -.infinity] {
            var digest = SampleDigests.one()
            digest.quantities[0].value = value
            for attempt in [{ try self.codec.encodeLine(DigestMessage(id: 1, digest: digest)) }, { try self.codec.encode(digest) }] {
                do {
                    _ = try attempt()
                    Issue.record("a non-finite value was encoded")
                } catch let error as ErrorReply {
                    #expect(error.code == .badRequest)
                    #expect(error.message.contains("quantities.0.value"), "\(error.message)")
                    #expect(error.message.contains(digest.doc), "\(error.message)")
                } catch {
                    Issue.record("not an ErrorReply: \(error)")
                }
            }
            digest = SampleDigests.one()
            digest.events[1].confidence = value
            #expect(throws: ErrorReply.self) { try self.codec.encodeLine(digest) }
        }
    }

    @Test func growsFromATinyBuffer() throws {
        var g = DigestGenerator(seed: 3)
        var digest = g.digest(scale: 20)
        digest.sentences.append(Sentence(index: 0, start: 0, end: 0, text: String(repeating: "\u{1}\"", count: 50_000)))
        var w = JSONWriter(capacity: 1)
        try DigestJSON.write(digest, &w)
        let data = w.finish()
        #expect(try self.foundationDecoder.decode(Digest.self, from: data) == digest)
    }

    // MARK: decoding like Foundation

    /// Both decoders succeed with equal values, or both fail; where they differ on purpose (see
    /// ``DigestJSON``), the line is not valid JSON for `JSONSerialization` either.
    @discardableResult
    func agree(_ line: Data, _ note: String = "") -> Result<DigestMessage, ErrorReply> {
        let fast = Result { () throws(ErrorReply) in try self.codec.decode(DigestMessage.self, from: line, id: 5) }
        let slow = Result { () throws(ErrorReply) in try self.codec.foundationDecode(DigestMessage.self, from: line, id: 5) }
        let text = String(decoding: line.prefix(300), as: UTF8.self)
        switch (fast, slow) {
        case (.success(let a), .success(let b)):
            #expect(a == b, "\(note) \(text)")
        case (.failure(let error), .success):
            let strictlyInvalid = (try? JSONSerialization.jsonObject(with: line)) == nil
            #expect(strictlyInvalid && error.code == .badJSON, "only we refuse: \(error.message) \(note) \(text)")
        case (.success, .failure(let error)):
            Issue.record("only Foundation refuses (\(error.message)): \(note) \(text)")
        case (.failure(let a), .failure(let b)):
            #expect(a.id == 5)
            if a.code == .badRequest && b.code == .badJSON {
                // Foundation calls numbers that do not fit BAD_JSON; we say BAD_REQUEST, as the protocol does.
                #expect(a.message.contains("is invalid"), "\(a) vs \(b): \(note) \(text)")
            } else if a.code == .badJSON && b.code == .badRequest {
                // We check skipped values strictly; Foundation reads past them and reports the shape error.
                let strictlyInvalid = (try? JSONSerialization.jsonObject(with: line)) == nil
                #expect(strictlyInvalid, "\(a) vs \(b): \(note) \(text)")
            } else {
                #expect(a.code == b.code, "\(a) vs \(b): \(note) \(text)")
            }
        }
        return fast
    }

    static let small = #"{"type":"digest","id":4,"digest":{"doc":"d","contentHash":"x","length":1,"sentences":[{"index":0,"start":0,"end":3,"text":"Hi."}],"persons":[{"name":"A","aliases":[],"roles":["r"],"mentions":[{"sentence":0,"start":0,"end":1}]}],"organizations":[],"countries":[{"code":"LA","names":["Laos"],"mentions":[]}],"dates":[{"text":"Monday","value":null,"span":{"sentence":0,"start":0,"end":1}}],"quantities":[{"text":"five","value":5,"span":{"sentence":0,"start":0,"end":1}}],"events":[{"type":"AID","context":[],"source":"VN","target":null,"sentence":0,"trigger":{"sentence":0,"start":0,"end":1},"triggerText":"t","confidence":0.5}]}}"#

    func variant(_ from: String, _ to: String) -> Data {
        precondition(Self.small.contains(from), from)
        return Data(Self.small.replacing(from, with: to, maxReplacements: 1).utf8)
    }

    @Test func acceptsWhatFoundationAccepts() throws {
        #expect(try self.agree(Data(Self.small.utf8)).get().digest.persons[0].name == "A")
        let cases: [(String, String)] = [
            // Whitespace everywhere, a byte order mark, trailing commas.
            (#"{"type""#, " \t\r\n{ \"type\" "), (#","id":4,"#, " ,\n\"id\" :\t4 , "), (#"[],"countries""#, "[ ] ,\"countries\""),
            (#"{"type""#, "\u{FEFF}{\"type\""), (#""confidence":0.5}]}}"#, #""confidence":0.5,},]}}"#),
            (#""aliases":[]"#, #""aliases":["x",]"#),
            // Unknown keys with any value, nested; escaped and non-ASCII keys.
            (#""doc":"d""#, #""extra":{"a":[1,{"b":null,"c":[true,false,-1.5e-3,"\u00e9\ud83d\ude00"]}]},"doc":"d""#),
            (#""doc":"d""#, #""\u0064oc":"d""#), (#""doc":"d""#, #""doc":"d","dóc":1"#), (#""doc":"d""#, #""doc":"d","":1"#),
            // Duplicate keys keep the first value.
            (#""doc":"d""#, #""doc":"d","doc":"e""#), (#""doc":"d""#, #""doc":"d","doc":7"#),
            (#""target":null"#, #""target":null,"target":"LA""#), (#""text":"Hi.""#, #""text":"Hi.","text":"no""#),
            // Optionals null or absent.
            (#""value":null,"#, ""), (#""doc":"d""#, #""doc":"d","published":null,"title":null,"source":"s""#),
            (#""id":4"#, #""id":4,"v":null"#), (#""id":4"#, #""id":4,"v":1"#), (#""id":4"#, #""id":"4""#),
            (#""type":"digest""#, #""type":"other""#),
            // Integers in the forms Foundation reads.
            (#""length":1"#, #""length":1.0"#), (#""length":1"#, #""length":1e2"#), (#""length":1"#, #""length":100e-2"#),
            (#""length":1"#, #""length":-0"#), (#""length":1"#, #""length":1E+2"#), (#""length":1"#, #""length":0.5e1"#),
            (#""length":1"#, #""length":-9223372036854775808"#), (#""length":1"#, #""length":9223372036854775807"#),
            (#""length":1"#, #""length":4503599627370497.5"#), (#""length":1"#, #""length":9007199254740993.0"#),
            (#""length":1"#, #""length":12345678901234567.8"#), (#""length":1"#, #""length":-922337203685477580e1"#),
            (#""length":1"#, #""length":1.00000000000000001"#), (#""length":1"#, #""length":1e-400"#),
            (#""length":1"#, #""length":9007199254740991.5"#), (#""length":1"#, #""length":12345678901234567890e-1"#),
            (#""id":4"#, #""id":4.0"#), (#""id":4"#, #""id":4e3"#), (#""id":4"#, #""id":-9223372036854775808"#),
            // Doubles.
            (#""value":5"#, #""value":-0"#), (#""value":5"#, #""value":5e-324"#), (#""value":5"#, #""value":1.7976931348623157e308"#),
            (#""value":5"#, #""value":0.30000000000000004"#), (#""value":5"#, #""value":123456789012345678901234567890"#),
            (#""value":5"#, #""value":0e-999"#), (#""value":5"#, #""value":2.4703282292062328e-324"#),
            (#""value":5"#, #""value":9007199254740993"#), (#""value":5"#, #""value":1E22"#), (#""value":5"#, #""value":1e23"#),
            // Every escape, surrogate pairs.
            (#""text":"Hi.""#, #""text":"\"\\\/\b\f\n\r\t\u0000\u001F\u00e9\uD83D\uDE00\uDBFF\uDFFF\u2028""#),
            (#""text":"Hi.""#, "\"text\":\"\u{7F}é😀\""),
        ]
        for (from, to) in cases {
            let result = self.agree(self.variant(from, to), "\(from) → \(to)")
            #expect((try? result.get()) != nil, "\(from) → \(to) must decode")
        }
        // Values as Foundation reads them.
        #expect(try self.agree(self.variant(#""length":1"#, #""length":4503599627370497.5"#)).get().digest.length == 4_503_599_627_370_498)
        #expect(try self.agree(self.variant(#""length":1"#, #""length":9007199254740993.0"#)).get().digest.length == 9_007_199_254_740_993)
        #expect(try self.agree(self.variant(#""id":4"#, #""id":4.0"#)).get().id == .number(4))
        #expect(try self.agree(self.variant(#""doc":"d""#, #""doc":"d","doc":7"#)).get().digest.doc == "d")
        #expect(try self.agree(self.variant(#""target":null"#, #""target":null,"target":"LA""#)).get().digest.events[0].target == nil)
    }

    @Test func refusesWhatFoundationRefuses() throws {
        let syntax: [(String, String)] = [
            (#""length":1"#, #""length":01"#), (#""length":1"#, #""length":1."#), (#""length":1"#, #""length":.5"#),
            (#""length":1"#, #""length":+1"#), (#""length":1"#, #""length":-"#), (#""length":1"#, #""length":1e"#),
            (#""length":1"#, #""length":1x"#), (#""length":1"#, #""length":1,,"#), (#""aliases":[]"#, #""aliases":[,]"#),
            (#""aliases":[]"#, #""aliases":["a",,]"#), (#""aliases":[]"#, #""aliases":["a" "b"]"#),
            (#""text":"Hi.""#, #""text":"\x""#), (#""text":"Hi.""#, #""text":"\ud800""#), (#""text":"Hi.""#, #""text":"\udc00""#),
            (#""text":"Hi.""#, #""text":"\ud800\u0041""#), (#""text":"Hi.""#, #""text":"\ud800\ud800""#),
            (#""text":"Hi.""#, #""text":"\u00G0""#), (#""text":"Hi.""#, #""text":"\U00e9""#), (#""text":"Hi.""#, "\"text\":\"\t\""),
            (#""text":"Hi.""#, #""text":"\ud83d\ude0""#), (#"{"type""#, #"{,"type""#), (#""doc":"d""#, #""doc":"d",,"#),
            (#""doc":"d""#, #""doc" "d""#), (#""doc":"d""#, #""doc":'d'"#), (#""doc":"d""#, #"doc:"d""#),
            (#""sentences":["#, #""sentences":[tru,"#),
        ]
        for (from, to) in syntax {
            guard Self.small.contains(from) else { continue }
            let result = self.agree(self.variant(from, to), "\(from) → \(to)")
            #expect(throws: ErrorReply.self, "\(from) → \(to)") { try result.get() }
            if case .failure(let error) = result { #expect(error.code == .badJSON, "\(from) → \(to): \(error.message)") }
        }
        let shape: [(String, String, String)] = [
            (#""length":1"#, #""length":"1""#, "field 'digest.length' has the wrong type (expected Int)"),
            (#""length":1"#, #""length":null"#, "field 'digest.length' is null (expected Int)"),
            (#""length":1,"#, "", "missing field 'digest.length'"),
            (#""name":"A","#, "", "missing field 'digest.persons[0].name'"),
            (#""aliases":[]"#, #""aliases":null"#, "field 'digest.persons[0].aliases' is null (expected Array<Any>)"),
            (#""aliases":[]"#, #""aliases":{}"#, "field 'digest.persons[0].aliases' has the wrong type (expected Array<Any>)"),
            (#""roles":["r"]"#, #""roles":[1]"#, "field 'digest.persons[0].roles[0]' has the wrong type (expected String)"),
            (#""text":"Monday","value":null,"#, #""text":"Monday","value":5,"#, "field 'digest.dates[0].value' has the wrong type (expected String)"),
            (#""span":{"sentence":0,"start":0,"end":1}}],"q"#, #""span":[]}],"q"#, "field 'digest.dates[0].span' has the wrong type (expected Dictionary<String, Any>)"),
            (#""start":0,"end":1}}],"e"#, #""start":0}}],"e"#, "missing field 'digest.quantities[0].span.end'"),
            (#""value":5"#, #""value":"5""#, "field 'digest.quantities[0].value' has the wrong type (expected Double)"),
            (#""confidence":0.5"#, #""confidence":true"#, "field 'digest.events[0].confidence' has the wrong type (expected Double)"),
            (#""id":4"#, #""id":true"#, "field 'id' has the wrong type (expected String)"),
            (#""id":4"#, #""id":1.5"#, "field 'id' has the wrong type (expected String)"),
            (#""id":4"#, #""id":1e30"#, "field 'id' has the wrong type (expected String)"),
            (#""id":4"#, #""id":null"#, "field 'id' is null (expected String)"),
            (#""id":4,"#, "", "missing field 'id'"),
            (#""type":"digest","#, "", "missing field 'type'"),
            (#""id":4"#, #""id":4,"v":"1""#, "field 'v' has the wrong type (expected Int)"),
            (#""events":[{"#, #""events":[7,{"#, "field 'digest.events[0]' has the wrong type (expected Dictionary<String, Any>)"),
            (#""doc":"d""#, #""doc":"x","doc":"d","doc":5,"contentHash":5"#, "field 'digest.contentHash' has the wrong type (expected String)"),
        ]
        for (from, to, message) in shape {
            let result = self.agree(self.variant(from, to), "\(from) → \(to)")
            guard case .failure(let error) = result else {
                Issue.record("\(from) → \(to) must fail")
                continue
            }
            #expect(error.code == .badRequest, "\(from) → \(to)")
            #expect(error.message == message, "\(from) → \(to)")
            #expect(error.id == 5)
        }
        // Numbers that do not fit: BAD_REQUEST naming the field (Foundation: BAD_JSON).
        for number in [
            "9223372036854775808", "-9223372036854775809", "1e400", "1.5", "9223372036854775807.0", "1e19", "12345678901234567890123",
            String(repeating: "9", count: 400), "0." + String(repeating: "0", count: 130) + "1e147",
        ] {
            let result = self.agree(self.variant(#""length":1"#, #""length":\#(number)"#), number)
            #expect(throws: ErrorReply.self) { try result.get() }
            if case .failure(let error) = result {
                #expect(error.code == .badRequest, "\(number)")
                #expect(error.message.contains("digest.length") || error.message.contains("longer than"), "\(number): \(error.message)")
            }
        }
        for number in ["1e400", "-1e400", "1e-400", "2e-324", "1.8e308", "1" + String(repeating: "0", count: 309)] {
            let result = self.agree(self.variant(#""value":5"#, #""value":\#(number)"#), number)
            #expect(throws: ErrorReply.self) { try result.get() }
        }
        // A shape error before a syntax error is still BAD_JSON, as with Foundation.
        let both = self.variant(#""length":1"#, #""length":"x""#) + Data("x".utf8)
        #expect(throws: ErrorReply.self) { try self.codec.decode(DigestMessage.self, from: both, id: nil) }
        #expect((try? self.codec.decode(DigestMessage.self, from: both, id: nil)) == nil)
        do {
            _ = try self.codec.decode(DigestMessage.self, from: both, id: 9)
        } catch {
            #expect(error.code == .badJSON)
            #expect(error.id == 9)
        }
    }

    /// Foundation's number rules, quirks included: from 2^53 an Int field given with a fraction or
    /// exponent goes through `Decimal` (mantissa within 64 bits, truncated); a Double field read
    /// as zero is refused when Foundation's zero test sees a nonzero digit first (`0e1`).
    @Test(arguments: [
        ("length", "1844674407370955161.5", true), ("length", "1844674407370955161.6", false),
        ("length", "-7326529839532560688.1916", false), ("length", "123456789012345678.9", true),
        ("length", "0.0000000000000000000000000000000000000000008e61", true), ("length", "-9223372036854775808e0", false),
        ("length", "34028236692093846.0000000000000000000001", false), ("length", "34028236692093847.0000000000000000000001", true),
        ("length", "9007199254740993.0000000000000000000001", false), ("length", "9007199254740993.00000000000000000000001", true),
        ("length", "0e1", true), ("length", "1e-400", true), ("length", "4.9e-324", false),
        ("value", "0e1", false), ("value", "0e10", true), ("value", "0E9", false), ("value", "-0e1", true), ("value", "0e+1", true),
        ("value", "0.00e-5", false), ("value", "0.00e-10", true), ("value", "0.0e1", true), ("value", "0e-1", true),
        ("value", "0.00e100", true), ("value", "0e0", true),
    ])
    func numbersFollowFoundation(field: String, number: String, decodes: Bool) throws {
        let line = field == "length" ? self.variant(#""length":1"#, #""length":\#(number)"#) : self.variant(#""value":5"#, #""value":\#(number)"#)
        let result = self.agree(line, number)
        #expect(((try? result.get()) != nil) == decodes, "\(field): \(number)")
    }

    @Test func randomNumbersDecodeLikeFoundation() throws {
        var rng = SeededGenerator(seed: 1_234)
        func digits(_ count: Int, nonzeroFirst: Bool) -> String {
            var text = ""
            for k in 0..<count { text += String(Int.random(in: (k == 0 && nonzeroFirst ? 1 : 0)...9, using: &rng)) }
            return text
        }
        for round in 0..<3000 {
            var number = Bool.random(using: &rng) ? "-" : ""
            switch round % 4 {
            case 0: number += ["0", "0.0", "0.00", "0.000"].randomElement(using: &rng)!
            case 1: number += "0." + String(repeating: "0", count: Int.random(in: 0...40, using: &rng)) + digits(Int.random(in: 1...20, using: &rng), nonzeroFirst: true)
            default:
                let count = Int.random(in: 1...22, using: &rng)
                number += count == 1 ? digits(1, nonzeroFirst: false) : digits(count, nonzeroFirst: true)
                if Bool.random(using: &rng) { number += "." + digits(Int.random(in: 1...30, using: &rng), nonzeroFirst: false) }
            }
            if Bool.random(using: &rng) {
                number += ["e", "E", "e+", "e-"].randomElement(using: &rng)! + String(Int.random(in: 0...(round % 3 == 0 ? 400 : 25), using: &rng))
            }
            guard number.count <= 100 else { continue }
            self.agree(self.variant(#""length":1"#, #""length":\#(number)"#), "length \(number)")
            self.agree(self.variant(#""value":5"#, #""value":\#(number)"#), "value \(number)")
        }
    }

    @Test func truncatedAtEveryByteAlwaysFails() throws {
        let line = try self.codec.encode(DigestMessage(id: 3, digest: SampleDigests.one()))
        for n in 0..<line.count {
            let prefix = line.prefix(n)
            do {
                _ = try self.codec.decode(DigestMessage.self, from: prefix, id: 3)
                Issue.record("a prefix of \(n) bytes decoded")
            } catch {
                #expect(error.code == .badJSON, "prefix \(n)")
            }
        }
        // The small line against Foundation, at every cut.
        let small = Data(Self.small.utf8)
        for n in 0..<small.count { self.agree(small.prefix(n), "prefix \(n)") }
    }

    @Test func invalidUTF8AndLoneSurrogatesFail() throws {
        let bad: [[UInt8]] = [[0xFF], [0xC3], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x80], [0xF8, 0x88, 0x80, 0x80, 0x80]]
        let line = Array(Self.small.utf8)
        let textAt = try #require(Self.small.range(of: #""Hi."#)).upperBound.utf16Offset(in: Self.small) - 1
        let unknownAt = try #require(Self.small.range(of: #"{"doc""#)).lowerBound.utf16Offset(in: Self.small) + 1
        for bytes in bad {
            // In a decoded string: both refuse. In the value of an unknown key: only we look (documented).
            var inText = line
            inText.insert(contentsOf: bytes, at: textAt)
            self.agree(Data(inText), "\(bytes) in text")
            #expect(throws: ErrorReply.self) { try self.codec.decode(DigestMessage.self, from: Data(inText), id: nil) }
            var inUnknown = line
            inUnknown.insert(contentsOf: Array(#""x":""#.utf8) + bytes + Array(#"","#.utf8), at: unknownAt)
            #expect(throws: ErrorReply.self) { try self.codec.decode(DigestMessage.self, from: Data(inUnknown), id: nil) }
            var inKey = line
            inKey.insert(contentsOf: Array(#"""#.utf8) + bytes + Array(#"":1,"#.utf8), at: unknownAt)
            self.agree(Data(inKey), "\(bytes) in key")
        }
        for escape in [#"\ud800"#, #"\udfff"#, #"\ud800\u0041"#, #"\ud800x"#, #"\udc00\ud800"#] {
            var unknown = line
            unknown.insert(contentsOf: Array(#""x":"\#(escape)","#.utf8), at: unknownAt)
            #expect(throws: ErrorReply.self, "\(escape)") { try self.codec.decode(DigestMessage.self, from: Data(unknown), id: nil) }
        }
    }

    @Test func deepNestingIsBoundedWithoutRecursion() throws {
        for depth in [10, 500, 509, 510, 511, 512, 600, 100_000] {
            let open = String(repeating: "[", count: depth)
            let close = String(repeating: "]", count: depth)
            let line = self.variant(#""doc":"d""#, #""doc":"d","deep":\#(open)\#(close)"#)
            // Foundation: the digest object is level 2, so its member can open 510 more levels.
            if depth <= 600 {
                let result = self.agree(line, "depth \(depth)")
                #expect(((try? result.get()) != nil) == (depth <= 510), "depth \(depth)")
            } else {
                #expect(throws: ErrorReply.self) { try self.codec.decode(DigestMessage.self, from: line, id: nil) }
            }
            let objects = String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth)
            let nested = self.variant(#""doc":"d""#, #""doc":"d","deep":\#(objects)"#)
            if depth <= 600 {
                self.agree(nested, "objects \(depth)")
            } else {
                #expect(throws: ErrorReply.self) { try self.codec.decode(DigestMessage.self, from: nested, id: nil) }
            }
        }
        // The header path refuses nesting beyond 64 before any decoder sees it.
        let deep = self.variant(#""doc":"d""#, #""doc":"d","deep":\#(String(repeating: "[", count: 100))\#(String(repeating: "]", count: 100))"#)
        #expect(throws: ErrorReply.self) { try self.codec.header(of: deep) }
    }

    @Test func mutatedLinesDecodeLikeFoundation() throws {
        var rng = SeededGenerator(seed: 99)
        var g = DigestGenerator(seed: 5)
        let alphabet = Array(#"{}[],:"\/ 0123456789-+.eEtrufalsn"#.utf8) + [0x00, 0x1F, 0x7F, 0xC3, 0xA9, 0xFF]
        var decoded = 0
        for round in 0..<1500 {
            var bytes = round % 3 == 0 ? Array(Self.small.utf8) : Array(try DigestJSON.encode(g.message(scale: 1)))
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let at = Int.random(in: 0..<bytes.count, using: &rng)
                let byte = alphabet.randomElement(using: &rng)!
                switch Int.random(in: 0...2, using: &rng) {
                case 0: bytes[at] = byte
                case 1: bytes.insert(byte, at: at)
                default: bytes.remove(at: at)
                }
                if bytes.isEmpty { bytes = [0x20] }
            }
            // Foundation reads lines starting with zero bytes as UTF-16 or UTF-32 (documented).
            if bytes.prefix(4).contains(0) { continue }
            if case .success = self.agree(Data(bytes), "round \(round)") { decoded += 1 }
        }
        #expect(decoded > 100, "the mutations should leave some lines valid")
    }

    @Test func overlongNumbersNeverReachFoundation() throws {
        // Foundation's integer decoding traps on this (a crash of any server that decodes an Int from it).
        let trap = "0." + String(repeating: "0", count: 130) + "1e147"
        for line in [#"{"type":"ping","v":\#(trap)}"#, #"{"type":"ping","id":\#(trap)}"#, #"{"v":\#(trap),"type":"ping"}"#] {
            do {
                _ = try self.codec.header(of: Data(line.utf8))
                Issue.record("must refuse \(line.prefix(40))")
            } catch {
                #expect(error.code == .badRequest)
            }
        }
        let push = #"{"type":"push","id":"p","doc":{"id":"a","text":"t"},"v":1,"extra":\#(trap)}"#
        #expect(throws: ErrorReply.self) { try self.codec.decode(PushRequest.self, from: Data(push.utf8), id: "p") }
        #expect(throws: (any Error).self) { try self.codec.decodeValue(Ping.self, from: Data(#"{"type":"ping","id":\#(trap)}"#.utf8)) }
        // Long digit runs inside strings are text, not numbers.
        let text = #"{"type":"push","id":"p","doc":{"id":"a","text":"\#(String(repeating: "1234567890", count: 30))"}}"#
        #expect(try self.codec.decode(PushRequest.self, from: Data(text.utf8), id: "p").doc.text.count == 300)
    }
}
