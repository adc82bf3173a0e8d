#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Hand-written JSON for the largest message, `digest` (``DigestMessage`` and ``Digest`` with all
/// their nested types), byte-compatible with the Codable implementation and ~10× faster.
/// ``LineCodec`` uses it for these types; every other message goes through Foundation.
///
/// **Encoding** writes the JSON `JSONEncoder` with `.withoutEscapingSlashes` writes: nil optionals
/// omitted, the same string escapes (never a raw newline), the same number text; a non-finite
/// double throws `EncodingError` as Foundation does. Keys come in declaration order (Foundation's
/// order on Linux follows its dictionaries' hashing and changes from run to run).
///
/// **Decoding** accepts what `JSONDecoder` accepts for these types, and decodes it to the same value:
/// - unknown keys are ignored; a duplicate key keeps its first value (as Foundation);
/// - an optional field may be absent or null; a required one missing, null or of the wrong type
///   is an error naming the field;
/// - `Int` fields take integers in range, and numbers with a fraction or exponent by Foundation's
///   rules (`1.0`, `1e2`; from 2^53 through its `Decimal`, see ``JSONReader/integer(_:_:)``);
///   `Double` fields refuse overflow, and underflow as Foundation's zero test judges it (which
///   refuses `0e1` but not `0e10`, see ``JSONReader/isTrueZero(_:_:)``);
/// - strings: every JSON escape, `\uXXXX` surrogates in pairs only, UTF-8 validated;
/// - a trailing comma before `}` or `]` and a leading UTF-8 byte order mark are accepted, as
///   Foundation accepts them.
///
/// Deliberate differences, all on input that is not valid JSON or not UTF-8 (both refuse, with
/// ``ErrorCode/badJSON``, everything else):
/// - values of unknown keys are checked as strictly as decoded ones (Foundation does not look at
///   the strings and numbers it skips: `"x":01` or `"x":"\q"` pass there);
/// - only UTF-8 is read (Foundation also guesses UTF-16 and UTF-32 from zero bytes);
/// - number tokens longer than 100 characters are refused everywhere (``LineCodec`` refuses them
///   before Foundation too: its integer decoding traps on some);
/// - an integer that does not fit its field is ``ErrorCode/badRequest`` (what the protocol
///   promises); Foundation's error for it maps to ``ErrorCode/badJSON``.
public enum DigestJSON {
    // MARK: encoding

    /// The JSON of `message`, as `JSONEncoder` writes it; with `newline`, followed by `\n`.
    public static func encode(_ message: DigestMessage, newline: Bool = false) throws(EncodingError) -> Data {
        var w = JSONWriter(capacity: Self.estimate(message.digest) + 64)
        do {
            w.raw("{\"type\":")
            w.string(message.type)
            w.raw(",\"id\":")
            switch message.id {
            case .number(let n): w.int(Int(n))
            case .string(let s): w.string(s)
            }
            if let v = message.v {
                w.raw(",\"v\":")
                w.int(v)
            }
            w.raw(",\"digest\":")
            try Self.write(message.digest, &w)
            w.byte(UInt8(ascii: "}"))
            if newline { w.byte(0x0A) }
        } catch {
            w.discard()
            throw error
        }
        return w.finish()
    }

    /// The JSON of `digest`, as `JSONEncoder` writes it; with `newline`, followed by `\n`.
    public static func encode(_ digest: Digest, newline: Bool = false) throws(EncodingError) -> Data {
        var w = JSONWriter(capacity: Self.estimate(digest))
        do {
            try Self.write(digest, &w)
            if newline { w.byte(0x0A) }
        } catch {
            w.discard()
            throw error
        }
        return w.finish()
    }

    /// A rough size: sentences dominate.
    static func estimate(_ d: Digest) -> Int {
        var n = 512 + d.persons.count * 160 + d.organizations.count * 140 + d.countries.count * 120 + d.dates.count * 120
            + d.quantities.count * 120 + d.events.count * 300
        for s in d.sentences { n += s.text.utf8.count + 48 }
        for e in d.events { n += (e.actors.count + e.recipients.count) * 110 }
        return n
    }

    static func write(_ d: Digest, _ w: inout JSONWriter) throws(EncodingError) {
        w.raw("{\"doc\":")
        w.string(d.doc)
        w.optional(",\"published\":", d.published)
        w.optional(",\"title\":", d.title)
        w.optional(",\"source\":", d.source)
        w.optional(",\"url\":", d.url)
        w.raw(",\"contentHash\":")
        w.string(d.contentHash)
        w.raw(",\"length\":")
        w.int(d.length)
        w.raw(",\"sentences\":[")
        for (k, s) in d.sentences.enumerated() {
            if k > 0 { w.byte(UInt8(ascii: ",")) }
            w.raw("{\"index\":")
            w.int(s.index)
            w.raw(",\"start\":")
            w.int(s.start)
            w.raw(",\"end\":")
            w.int(s.end)
            w.raw(",\"text\":")
            w.string(s.text)
            w.byte(UInt8(ascii: "}"))
        }
        w.raw("],\"persons\":[")
        for (k, p) in d.persons.enumerated() {
            if k > 0 { w.byte(UInt8(ascii: ",")) }
            w.raw("{\"name\":")
            w.string(p.name)
            w.raw(",\"aliases\":")
            Self.write(p.aliases, &w)
            w.optional(",\"country\":", p.country)
            w.optional(",\"rank\":", p.rank)
            w.raw(",\"roles\":")
            Self.write(p.roles, &w)
            w.optional(",\"sector\":", p.sector)
            w.raw(",\"mentions\":")
            Self.write(p.mentions, &w)
            w.byte(UInt8(ascii: "}"))
        }
        w.raw("],\"organizations\":[")
        for (k, o) in d.organizations.enumerated() {
            if k > 0 { w.byte(UInt8(ascii: ",")) }
            w.raw("{\"name\":")
            w.string(o.name)
            w.raw(",\"aliases\":")
            Self.write(o.aliases, &w)
            w.optional(",\"country\":", o.country)
            w.optional(",\"sector\":", o.sector)
            w.raw(",\"mentions\":")
            Self.write(o.mentions, &w)
            w.byte(UInt8(ascii: "}"))
        }
        w.raw("],\"countries\":[")
        for (k, c) in d.countries.enumerated() {
            if k > 0 { w.byte(UInt8(ascii: ",")) }
            w.raw("{\"code\":")
            w.string(c.code)
            w.raw(",\"names\":")
            Self.write(c.names, &w)
            w.raw(",\"mentions\":")
            Self.write(c.mentions, &w)
            w.byte(UInt8(ascii: "}"))
        }
        w.raw("],\"dates\":[")
        for (k, m) in d.dates.enumerated() {
            if k > 0 { w.byte(UInt8(ascii: ",")) }
            w.raw("{\"text\":")
            w.string(m.text)
            w.optional(",\"value\":", m.value)
            w.optional(",\"end\":", m.end)
            w.raw(",\"span\":")
            Self.write(m.span, &w)
            w.byte(UInt8(ascii: "}"))
        }
        w.raw("],\"quantities\":[")
        for (k, q) in d.quantities.enumerated() {
            if k > 0 { w.byte(UInt8(ascii: ",")) }
            w.raw("{\"text\":")
            w.string(q.text)
            w.raw(",\"value\":")
            try w.double(q.value, path: ["quantities", String(k), "value"])
            w.optional(",\"unit\":", q.unit)
            w.raw(",\"span\":")
            Self.write(q.span, &w)
            w.byte(UInt8(ascii: "}"))
        }
        w.raw("],\"events\":[")
        for (k, e) in d.events.enumerated() {
            if k > 0 { w.byte(UInt8(ascii: ",")) }
            w.raw("{\"type\":")
            w.string(e.type)
            w.optional(",\"mode\":", e.mode)
            w.raw(",\"context\":")
            Self.write(e.context, &w)
            w.optional(",\"source\":", e.source)
            w.optional(",\"target\":", e.target)
            w.optional(",\"date\":", e.date)
            w.optional(",\"actorText\":", e.actorText)
            w.optional(",\"recipientText\":", e.recipientText)
            w.raw(",\"sentence\":")
            w.int(e.sentence)
            w.raw(",\"trigger\":")
            Self.write(e.trigger, &w)
            w.raw(",\"triggerText\":")
            w.string(e.triggerText)
            w.raw(",\"confidence\":")
            try w.double(e.confidence, path: ["events", String(k), "confidence"])
            w.raw(",\"actors\":")
            Self.write(e.actors, &w)
            w.raw(",\"recipients\":")
            Self.write(e.recipients, &w)
            w.byte(UInt8(ascii: "}"))
        }
        w.raw("]")
        if let warnings = d.warnings {
            w.raw(",\"warnings\":")
            Self.write(warnings, &w)
        }
        w.byte(UInt8(ascii: "}"))
    }

    @inline(__always)
    static func write(_ strings: [String], _ w: inout JSONWriter) {
        w.byte(UInt8(ascii: "["))
        for (k, s) in strings.enumerated() {
            if k > 0 { w.byte(UInt8(ascii: ",")) }
            w.string(s)
        }
        w.byte(UInt8(ascii: "]"))
    }

    @inline(__always)
    static func write(_ span: Span, _ w: inout JSONWriter) {
        w.raw("{\"sentence\":")
        w.int(span.sentence)
        w.raw(",\"start\":")
        w.int(span.start)
        w.raw(",\"end\":")
        w.int(span.end)
        w.byte(UInt8(ascii: "}"))
    }

    static func write(_ participants: [Participant], _ w: inout JSONWriter) {
        w.byte(UInt8(ascii: "["))
        for (k, p) in participants.enumerated() {
            if k > 0 { w.byte(UInt8(ascii: ",")) }
            w.raw("{\"kind\":")
            w.string(p.kind.rawValue)
            w.raw(",\"name\":")
            w.string(p.name)
            w.optional(",\"country\":", p.country)
            w.optional(",\"sector\":", p.sector)
            w.raw(",\"mention\":")
            Self.write(p.mention, &w)
            w.byte(UInt8(ascii: "}"))
        }
        w.byte(UInt8(ascii: "]"))
    }

    @inline(__always)
    static func write(_ spans: [Span], _ w: inout JSONWriter) {
        w.byte(UInt8(ascii: "["))
        for (k, s) in spans.enumerated() {
            if k > 0 { w.byte(UInt8(ascii: ",")) }
            Self.write(s, &w)
        }
        w.byte(UInt8(ascii: "]"))
    }

    // MARK: decoding

    /// Decodes a `digest` line.
    static func decodeMessage(_ line: Data) throws(FastJSONError) -> DigestMessage {
        try Self.withReader(line) { (r: inout JSONReader) throws(FastJSONError) -> DigestMessage in
            try Self.readMessage(&r)
        }
    }

    /// Decodes a digest on its own (as the extractor's outbox stores it).
    static func decodeDigest(_ json: Data) throws(FastJSONError) -> Digest {
        try Self.withReader(json) { (r: inout JSONReader) throws(FastJSONError) -> Digest in
            try Self.readDigest(&r, depth: 1)
        }
    }

    /// Runs `body` over the bytes of `data` and checks that nothing but whitespace follows.
    private static func withReader<T>(
        _ data: Data, _ body: (inout JSONReader) throws(FastJSONError) -> T
    ) throws(FastJSONError) -> T {
        let result: Result<T, FastJSONError> = data.withUnsafeBytes { raw in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else {
                return .failure(.syntax("empty input"))
            }
            var reader = JSONReader(base, count: raw.count)
            reader.skipByteOrderMark()
            do throws(FastJSONError) {
                let value = try body(&reader)
                try reader.expectEnd()
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Reads an object at nesting level `depth`: `member(&r, k)` for each key of `keys` the first time it comes
    /// (its index `k`); unknown keys and repeats are skipped (Foundation keeps a repeated key's first value).
    /// An error inside a member is reported at its key.
    @inline(__always)
    static func readObject(
        _ r: inout JSONReader, depth: Int, _ keys: KeyTable,
        _ member: (inout JSONReader, Int) throws(FastJSONError) -> Void
    ) throws(FastJSONError) {
        guard try r.beginObject(depth: depth - 1) else { return }
        var seen: UInt32 = 0
        var hint = 0
        repeat {
            let k = try r.key(keys, hint: hint)
            hint = k + 1
            if k < 0 || seen & (1 << UInt32(k)) != 0 {
                try r.skipValue(depth: depth)
                continue
            }
            seen |= 1 << UInt32(k)
            do {
                try member(&r, k)
            } catch {
                throw error.at(keys.names[k])
            }
        } while try r.nextMember()
    }

    static let messageKeys = KeyTable(["type", "id", "v", "digest"])

    static func readMessage(_ r: inout JSONReader) throws(FastJSONError) -> DigestMessage {
        var type: String?
        var id: RequestID?
        var v: Int?
        var digest: Digest?
        try Self.readObject(&r, depth: 1, Self.messageKeys) { (r: inout JSONReader, k: Int) throws(FastJSONError) in
            switch k {
            case 0: type = try r.readString(depth: 1)
            case 1: id = try Self.readRequestID(&r)
            case 2: v = try r.consumeNull() ? nil : try r.readInt(depth: 1)
            default: digest = try Self.readDigest(&r, depth: 2)
            }
        }
        guard let type else { throw FastJSONError(kind: .missing, detail: "").at("type") }
        guard let id else { throw FastJSONError(kind: .missing, detail: "").at("id") }
        guard let digest else { throw FastJSONError(kind: .missing, detail: "").at("digest") }
        var message = DigestMessage(id: id, digest: digest)
        message.type = type
        message.v = v
        return message
    }

    /// An integer that `Int64` holds (by the rules of ``JSONReader/readInt(depth:)``), else a string,
    /// as ``RequestID``'s `init(from:)` decodes it.
    static func readRequestID(_ r: inout JSONReader) throws(FastJSONError) -> RequestID {
        let b = r.peek()
        if b == UInt8(ascii: "\"") { return .string(try r.makeString(try r.scanString())) }
        if b == UInt8(ascii: "-") || JSONReader.isDigit(b) {
            let token = try r.scanNumber()
            guard let n = JSONReader.integer(token, r.base) else {
                throw FastJSONError(kind: .wrongType("String"), detail: "")
            }
            return .number(Int64(n))
        }
        try r.refuse(b, expected: "String", depth: 1)
    }

    static let digestKeys = KeyTable([
        "doc", "published", "title", "source", "contentHash", "length", "sentences", "persons", "organizations",
        "countries", "dates", "quantities", "events", "warnings", "url",
    ])

    /// A digest object at nesting level `depth`.
    static func readDigest(_ r: inout JSONReader, depth: Int) throws(FastJSONError) -> Digest {
        var doc: String?
        var published: String?
        var title: String?
        var source: String?
        var url: String?
        var contentHash: String?
        var length: Int?
        var sentences: [Sentence]?
        var persons: [Person]?
        var organizations: [Organization]?
        var countries: [Country]?
        var dates: [DateMention]?
        var quantities: [Quantity]?
        var events: [Event]?
        var warnings: [String]?
        let inner = depth + 1
        try Self.readObject(&r, depth: depth, Self.digestKeys) { (r: inout JSONReader, k: Int) throws(FastJSONError) in
            switch k {
            case 0: doc = try r.readString(depth: depth)
            case 1: published = try r.readOptionalString(depth: depth)
            case 2: title = try r.readOptionalString(depth: depth)
            case 3: source = try r.readOptionalString(depth: depth)
            case 4: contentHash = try r.readString(depth: depth)
            case 5: length = try r.readInt(depth: depth)
            case 6: sentences = try Self.readArray(&r, depth: inner, Self.readSentence)
            case 7: persons = try Self.readArray(&r, depth: inner, Self.readPerson)
            case 8: organizations = try Self.readArray(&r, depth: inner, Self.readOrganization)
            case 9: countries = try Self.readArray(&r, depth: inner, Self.readCountry)
            case 10: dates = try Self.readArray(&r, depth: inner, Self.readDate)
            case 11: quantities = try Self.readArray(&r, depth: inner, Self.readQuantity)
            case 12: events = try Self.readArray(&r, depth: inner, Self.readEvent)
            case 13: warnings = try Self.readStrings(&r, depth: inner)
            default: url = try r.readOptionalString(depth: depth)
            }
        }
        func missing(_ k: Int) -> FastJSONError { FastJSONError(kind: .missing, detail: "").at(Self.digestKeys.names[k]) }
        guard let doc else { throw missing(0) }
        guard let contentHash else { throw missing(4) }
        guard let length else { throw missing(5) }
        guard let sentences else { throw missing(6) }
        guard let persons else { throw missing(7) }
        guard let organizations else { throw missing(8) }
        guard let countries else { throw missing(9) }
        guard let dates else { throw missing(10) }
        guard let quantities else { throw missing(11) }
        guard let events else { throw missing(12) }
        var digest = Digest(
            doc: doc, published: published, title: title, source: source, url: url, contentHash: contentHash, length: length,
            sentences: sentences, persons: persons, organizations: organizations, countries: countries, dates: dates,
            quantities: quantities, events: events)
        digest.warnings = warnings
        return digest
    }

    /// An array at nesting level `depth` whose elements (at `depth + 1`) `element` reads.
    @inline(__always)
    static func readArray<T>(
        _ r: inout JSONReader, depth: Int, _ element: (inout JSONReader, Int) throws(FastJSONError) -> T
    ) throws(FastJSONError) -> [T] {
        var out: [T] = []
        guard try r.beginArray(depth: depth - 1) else { return out }
        repeat {
            do {
                out.append(try element(&r, depth + 1))
            } catch {
                throw error.at(index: out.count)
            }
        } while try r.nextElement()
        return out
    }

    @inline(__always)
    static func readStrings(_ r: inout JSONReader, depth: Int) throws(FastJSONError) -> [String] {
        try Self.readArray(&r, depth: depth) { (r: inout JSONReader, d: Int) throws(FastJSONError) -> String in
            try r.readString(depth: d - 1)
        }
    }

    static let spanKeys = KeyTable(["sentence", "start", "end"])

    static func readSpan(_ r: inout JSONReader, depth: Int) throws(FastJSONError) -> Span {
        var sentence: Int?
        var start: Int?
        var end: Int?
        try Self.readObject(&r, depth: depth, Self.spanKeys) { (r: inout JSONReader, k: Int) throws(FastJSONError) in
            switch k {
            case 0: sentence = try r.readInt(depth: depth)
            case 1: start = try r.readInt(depth: depth)
            default: end = try r.readInt(depth: depth)
            }
        }
        func missing(_ k: Int) -> FastJSONError { FastJSONError(kind: .missing, detail: "").at(Self.spanKeys.names[k]) }
        guard let sentence else { throw missing(0) }
        guard let start else { throw missing(1) }
        guard let end else { throw missing(2) }
        return Span(sentence: sentence, start: start, end: end)
    }

    static func readSpans(_ r: inout JSONReader, depth: Int) throws(FastJSONError) -> [Span] {
        try Self.readArray(&r, depth: depth, Self.readSpan)
    }

    static let sentenceKeys = KeyTable(["index", "start", "end", "text"])

    static func readSentence(_ r: inout JSONReader, depth: Int) throws(FastJSONError) -> Sentence {
        var index: Int?
        var start: Int?
        var end: Int?
        var text: String?
        try Self.readObject(&r, depth: depth, Self.sentenceKeys) { (r: inout JSONReader, k: Int) throws(FastJSONError) in
            switch k {
            case 0: index = try r.readInt(depth: depth)
            case 1: start = try r.readInt(depth: depth)
            case 2: end = try r.readInt(depth: depth)
            default: text = try r.readString(depth: depth)
            }
        }
        func missing(_ k: Int) -> FastJSONError { FastJSONError(kind: .missing, detail: "").at(Self.sentenceKeys.names[k]) }
        guard let index else { throw missing(0) }
        guard let start else { throw missing(1) }
        guard let end else { throw missing(2) }
        guard let text else { throw missing(3) }
        return Sentence(index: index, start: start, end: end, text: text)
    }

    static let personKeys = KeyTable(["name", "aliases", "country", "rank", "roles", "sector", "mentions"])

    static func readPerson(_ r: inout JSONReader, depth: Int) throws(FastJSONError) -> Person {
        var name: String?
        var aliases: [String]?
        var country: String?
        var rank: String?
        var roles: [String]?
        var sector: String?
        var mentions: [Span]?
        try Self.readObject(&r, depth: depth, Self.personKeys) { (r: inout JSONReader, k: Int) throws(FastJSONError) in
            switch k {
            case 0: name = try r.readString(depth: depth)
            case 1: aliases = try Self.readStrings(&r, depth: depth + 1)
            case 2: country = try r.readOptionalString(depth: depth)
            case 3: rank = try r.readOptionalString(depth: depth)
            case 4: roles = try Self.readStrings(&r, depth: depth + 1)
            case 5: sector = try r.readOptionalString(depth: depth)
            default: mentions = try Self.readSpans(&r, depth: depth + 1)
            }
        }
        func missing(_ k: Int) -> FastJSONError { FastJSONError(kind: .missing, detail: "").at(Self.personKeys.names[k]) }
        guard let name else { throw missing(0) }
        guard let aliases else { throw missing(1) }
        guard let roles else { throw missing(4) }
        guard let mentions else { throw missing(6) }
        return Person(
            name: name, aliases: aliases, country: country, rank: rank, roles: roles, sector: sector, mentions: mentions)
    }

    static let organizationKeys = KeyTable(["name", "aliases", "country", "sector", "mentions"])

    static func readOrganization(_ r: inout JSONReader, depth: Int) throws(FastJSONError) -> Organization {
        var name: String?
        var aliases: [String]?
        var country: String?
        var sector: String?
        var mentions: [Span]?
        try Self.readObject(&r, depth: depth, Self.organizationKeys) { (r: inout JSONReader, k: Int) throws(FastJSONError) in
            switch k {
            case 0: name = try r.readString(depth: depth)
            case 1: aliases = try Self.readStrings(&r, depth: depth + 1)
            case 2: country = try r.readOptionalString(depth: depth)
            case 3: sector = try r.readOptionalString(depth: depth)
            default: mentions = try Self.readSpans(&r, depth: depth + 1)
            }
        }
        func missing(_ k: Int) -> FastJSONError {
            FastJSONError(kind: .missing, detail: "").at(Self.organizationKeys.names[k])
        }
        guard let name else { throw missing(0) }
        guard let aliases else { throw missing(1) }
        guard let mentions else { throw missing(4) }
        return Organization(name: name, aliases: aliases, country: country, sector: sector, mentions: mentions)
    }

    static let countryKeys = KeyTable(["code", "names", "mentions"])

    static func readCountry(_ r: inout JSONReader, depth: Int) throws(FastJSONError) -> Country {
        var code: String?
        var names: [String]?
        var mentions: [Span]?
        try Self.readObject(&r, depth: depth, Self.countryKeys) { (r: inout JSONReader, k: Int) throws(FastJSONError) in
            switch k {
            case 0: code = try r.readString(depth: depth)
            case 1: names = try Self.readStrings(&r, depth: depth + 1)
            default: mentions = try Self.readSpans(&r, depth: depth + 1)
            }
        }
        func missing(_ k: Int) -> FastJSONError { FastJSONError(kind: .missing, detail: "").at(Self.countryKeys.names[k]) }
        guard let code else { throw missing(0) }
        guard let names else { throw missing(1) }
        guard let mentions else { throw missing(2) }
        return Country(code: code, names: names, mentions: mentions)
    }

    static let dateKeys = KeyTable(["text", "value", "end", "span"])

    static func readDate(_ r: inout JSONReader, depth: Int) throws(FastJSONError) -> DateMention {
        var text: String?
        var value: String?
        var end: String?
        var span: Span?
        try Self.readObject(&r, depth: depth, Self.dateKeys) { (r: inout JSONReader, k: Int) throws(FastJSONError) in
            switch k {
            case 0: text = try r.readString(depth: depth)
            case 1: value = try r.readOptionalString(depth: depth)
            case 2: end = try r.readOptionalString(depth: depth)
            default: span = try Self.readSpan(&r, depth: depth + 1)
            }
        }
        func missing(_ k: Int) -> FastJSONError { FastJSONError(kind: .missing, detail: "").at(Self.dateKeys.names[k]) }
        guard let text else { throw missing(0) }
        guard let span else { throw missing(3) }
        return DateMention(text: text, value: value, end: end, span: span)
    }

    static let quantityKeys = KeyTable(["text", "value", "unit", "span"])

    static func readQuantity(_ r: inout JSONReader, depth: Int) throws(FastJSONError) -> Quantity {
        var text: String?
        var value: Double?
        var unit: String?
        var span: Span?
        try Self.readObject(&r, depth: depth, Self.quantityKeys) { (r: inout JSONReader, k: Int) throws(FastJSONError) in
            switch k {
            case 0: text = try r.readString(depth: depth)
            case 1: value = try r.readDouble(depth: depth)
            case 2: unit = try r.readOptionalString(depth: depth)
            default: span = try Self.readSpan(&r, depth: depth + 1)
            }
        }
        func missing(_ k: Int) -> FastJSONError { FastJSONError(kind: .missing, detail: "").at(Self.quantityKeys.names[k]) }
        guard let text else { throw missing(0) }
        guard let value else { throw missing(1) }
        guard let span else { throw missing(3) }
        return Quantity(text: text, value: value, unit: unit, span: span)
    }

    static let eventKeys = KeyTable([
        "type", "mode", "context", "source", "target", "date", "actorText", "recipientText", "sentence", "trigger",
        "triggerText", "confidence", "actors", "recipients",
    ])

    static func readEvent(_ r: inout JSONReader, depth: Int) throws(FastJSONError) -> Event {
        var type: String?
        var mode: String?
        var context: [String]?
        var source: String?
        var target: String?
        var date: String?
        var actorText: String?
        var recipientText: String?
        var sentence: Int?
        var trigger: Span?
        var triggerText: String?
        var confidence: Double?
        var actors: [Participant]?
        var recipients: [Participant]?
        try Self.readObject(&r, depth: depth, Self.eventKeys) { (r: inout JSONReader, k: Int) throws(FastJSONError) in
            switch k {
            case 0: type = try r.readString(depth: depth)
            case 1: mode = try r.readOptionalString(depth: depth)
            case 2: context = try Self.readStrings(&r, depth: depth + 1)
            case 3: source = try r.readOptionalString(depth: depth)
            case 4: target = try r.readOptionalString(depth: depth)
            case 5: date = try r.readOptionalString(depth: depth)
            case 6: actorText = try r.readOptionalString(depth: depth)
            case 7: recipientText = try r.readOptionalString(depth: depth)
            case 8: sentence = try r.readInt(depth: depth)
            case 9: trigger = try Self.readSpan(&r, depth: depth + 1)
            case 10: triggerText = try r.readString(depth: depth)
            case 11: confidence = try r.readDouble(depth: depth)
            // absent or null in digests written before events carried participants
            case 12: actors = try r.consumeNull() ? nil : try Self.readArray(&r, depth: depth + 1, Self.readParticipant)
            default: recipients = try r.consumeNull() ? nil : try Self.readArray(&r, depth: depth + 1, Self.readParticipant)
            }
        }
        func missing(_ k: Int) -> FastJSONError { FastJSONError(kind: .missing, detail: "").at(Self.eventKeys.names[k]) }
        guard let type else { throw missing(0) }
        guard let context else { throw missing(2) }
        guard let sentence else { throw missing(8) }
        guard let trigger else { throw missing(9) }
        guard let triggerText else { throw missing(10) }
        guard let confidence else { throw missing(11) }
        return Event(
            type: type, mode: mode, context: context, source: source, target: target, date: date, actorText: actorText,
            recipientText: recipientText, sentence: sentence, trigger: trigger, triggerText: triggerText,
            confidence: confidence, actors: actors ?? [], recipients: recipients ?? [])
    }

    static let participantKeys = KeyTable(["kind", "name", "country", "sector", "mention"])

    static func readParticipant(_ r: inout JSONReader, depth: Int) throws(FastJSONError) -> Participant {
        var kind: Participant.Kind?
        var name: String?
        var country: String?
        var sector: String?
        var mention: Span?
        try Self.readObject(&r, depth: depth, Self.participantKeys) { (r: inout JSONReader, k: Int) throws(FastJSONError) in
            switch k {
            case 0:
                let raw = try r.readString(depth: depth)
                guard let value = Participant.Kind(rawValue: raw) else {
                    // Foundation: a data-corrupted error (BAD_REQUEST), as here
                    throw FastJSONError(kind: .wrongType("Participant.Kind"), detail: "")
                }
                kind = value
            case 1: name = try r.readString(depth: depth)
            case 2: country = try r.readOptionalString(depth: depth)
            case 3: sector = try r.readOptionalString(depth: depth)
            default: mention = try Self.readSpan(&r, depth: depth + 1)
            }
        }
        func missing(_ k: Int) -> FastJSONError { FastJSONError(kind: .missing, detail: "").at(Self.participantKeys.names[k]) }
        guard let kind else { throw missing(0) }
        guard let name else { throw missing(1) }
        guard let mention else { throw missing(4) }
        return Participant(kind: kind, name: name, country: country, sector: sector, mention: mention)
    }
}
