/// Upper bounds of the bytes a value takes in a reply line, as ``LineCodec`` writes it, so that a server
/// can stop a page at a byte budget before encoding it.
///
/// Strings are counted as written (UTF-8, with their escapes; `/` and every control character at their
/// longest escape), numbers at their longest form, and an optional field as if present. The bound is
/// therefore never below the real size, and close to it for the text that dominates real rows.
public protocol ReplySized {
    /// At least the bytes of this value's JSON.
    var replySizeBound: Int { get }
}

public enum ReplySize {
    /// The bytes of `s` as a JSON string, quotes included (an upper bound of Foundation's output).
    public static func string(_ s: String) -> Int {
        var n = 2
        for byte in s.utf8 {
            switch byte {
            case 0x22, 0x5C, 0x2F, 0x08, 0x09, 0x0A, 0x0C, 0x0D: n += 2
            case 0x00..<0x20, 0x7F: n += 6
            default: n += 1
            }
        }
        return n
    }

    /// A JSON string or `null`.
    public static func string(_ s: String?) -> Int { s.map(Self.string) ?? 4 }

    /// The longest JSON number of an `Int64` or a `Double` (`-1.7976931348623157e+308`).
    public static let number = 24

    /// An array of strings.
    public static func strings(_ values: [String]?) -> Int {
        guard let values else { return 4 }
        return values.reduce(2) { $0 + Self.string($1) + 1 }
    }

    /// An array of `count` numbers.
    public static func numbers(_ count: Int) -> Int { 2 + count * (Self.number + 1) }

    /// An array of sized values.
    public static func array<T: ReplySized>(_ values: [T]?) -> Int {
        guard let values else { return 4 }
        return values.reduce(2) { $0 + $1.replySizeBound + 1 }
    }

    /// The bytes the keys of an object take: each `"key":` and its comma.
    public static func keyBytes(_ keys: [String]) -> Int { keys.reduce(0) { $0 + $1.utf8.count + 4 } }

    /// An object whose keys take `keyBytes` (``keyBytes(_:)``) and whose values take `values`.
    public static func object(keyBytes: Int, values: Int) -> Int { 2 + keyBytes + values }
}

extension Span: ReplySized {
    private static let replyKeyBytes = ReplySize.keyBytes(["sentence", "start", "end"])
    public var replySizeBound: Int { ReplySize.object(keyBytes: Self.replyKeyBytes, values: 3 * ReplySize.number) }
}

extension EventRow: ReplySized {
    private static let replyKeyBytes = ReplySize.keyBytes([
        "id", "doc", "type", "mode", "source", "target", "date", "confidence", "sentence", "trigger", "story", "span",
        "actorText", "recipientText", "actors",
    ])
    public var replySizeBound: Int {
        ReplySize.object(
            keyBytes: Self.replyKeyBytes,
            values: 3 * ReplySize.number + ReplySize.string(self.doc) + ReplySize.string(self.type)
                + ReplySize.string(self.mode)
                + ReplySize.string(self.source) + ReplySize.string(self.target) + ReplySize.string(self.date)
                + ReplySize.string(self.sentence) + ReplySize.string(self.trigger)
                + (self.span?.replySizeBound ?? 4) + ReplySize.string(self.actorText) + ReplySize.string(self.recipientText)
                + ReplySize.numbers(self.actors?.count ?? 0))
    }
}

extension DigestCounts: ReplySized {
    private static let replyKeyBytes = ReplySize.keyBytes([
        "sentences", "persons", "organizations", "countries", "dates", "quantities", "events",
    ])
    public var replySizeBound: Int {
        ReplySize.object(keyBytes: Self.replyKeyBytes, values: 7 * ReplySize.number)
    }
}

extension DocumentSummary: ReplySized {
    private static let replyKeyBytes = ReplySize.keyBytes([
        "doc", "published", "title", "source", "contentHash", "storedAt", "counts", "url",
    ])
    public var replySizeBound: Int {
        ReplySize.object(
            keyBytes: Self.replyKeyBytes,
            values: ReplySize.string(self.doc) + ReplySize.string(self.published) + ReplySize.string(self.title)
                + ReplySize.string(self.source) + ReplySize.string(self.url) + ReplySize.string(self.contentHash)
                + ReplySize.number
                + self.counts.replySizeBound)
    }
}

extension ActorSummary: ReplySized {
    private static let replyKeyBytes = ReplySize.keyBytes([
        "id", "kind", "name", "aliases", "country", "rank", "roles", "documents", "mentions", "firstSeen", "lastSeen",
        "mergedBy",
    ])
    public var replySizeBound: Int {
        ReplySize.object(
            keyBytes: Self.replyKeyBytes,
            values: 3 * ReplySize.number + ReplySize.string(self.kind) + ReplySize.string(self.name)
                + ReplySize.strings(self.aliases) + ReplySize.string(self.country) + ReplySize.string(self.rank)
                + ReplySize.strings(self.roles) + ReplySize.string(self.firstSeen) + ReplySize.string(self.lastSeen)
                + ReplySize.strings(self.mergedBy))
    }
}

extension CountrySummary: ReplySized {
    private static let replyKeyBytes = ReplySize.keyBytes(["code", "documents", "events", "names"])
    public var replySizeBound: Int {
        ReplySize.object(
            keyBytes: Self.replyKeyBytes,
            values: ReplySize.string(self.code) + 2 * ReplySize.number + ReplySize.strings(self.names))
    }
}

extension StoryRow: ReplySized {
    private static let replyKeyBytes = ReplySize.keyBytes([
        "id", "type", "mode", "source", "target", "firstDate", "lastDate", "mentions", "documents", "sources", "docs",
        "events",
    ])
    public var replySizeBound: Int {
        ReplySize.object(
            keyBytes: Self.replyKeyBytes,
            values: 4 * ReplySize.number + ReplySize.string(self.type) + ReplySize.string(self.mode)
                + ReplySize.string(self.source) + ReplySize.string(self.target) + ReplySize.string(self.firstDate)
                + ReplySize.string(self.lastDate) + ReplySize.strings(self.docs) + ReplySize.numbers(self.events.count))
    }
}

extension RelationTypeCount: ReplySized {
    private static let replyKeyBytes = ReplySize.keyBytes(["type", "outgoing", "incoming", "firstDate", "lastDate"])
    public var replySizeBound: Int {
        ReplySize.object(
            keyBytes: Self.replyKeyBytes,
            values: ReplySize.string(self.type) + 2 * ReplySize.number + ReplySize.string(self.firstDate)
                + ReplySize.string(self.lastDate))
    }
}

extension RelationRow: ReplySized {
    private static let replyKeyBytes = ReplySize.keyBytes(["partner", "events", "types", "firstDate", "lastDate"])
    public var replySizeBound: Int {
        ReplySize.object(
            keyBytes: Self.replyKeyBytes,
            values: ReplySize.string(self.partner) + ReplySize.number + ReplySize.array(self.types)
                + ReplySize.string(self.firstDate) + ReplySize.string(self.lastDate))
    }
}

extension TrendTypeCount: ReplySized {
    private static let replyKeyBytes = ReplySize.keyBytes(["type", "events"])
    public var replySizeBound: Int {
        ReplySize.object(keyBytes: Self.replyKeyBytes, values: ReplySize.string(self.type) + ReplySize.number)
    }
}

extension TrendRow: ReplySized {
    private static let replyKeyBytes = ReplySize.keyBytes([
        "month", "source", "target", "events", "quads", "types", "netCooperation",
    ])
    public var replySizeBound: Int {
        ReplySize.object(
            keyBytes: Self.replyKeyBytes,
            values: ReplySize.string(self.month) + ReplySize.string(self.source) + ReplySize.string(self.target)
                + ReplySize.number + ReplySize.numbers(self.quads.count) + ReplySize.array(self.types) + ReplySize.number)
    }
}

extension SearchHit: ReplySized {
    private static let replyKeyBytes = ReplySize.keyBytes(["doc", "sentence", "text", "highlight", "published"])
    public var replySizeBound: Int {
        ReplySize.object(
            keyBytes: Self.replyKeyBytes,
            values: ReplySize.string(self.doc) + ReplySize.number + ReplySize.string(self.text)
                + ReplySize.string(self.highlight) + ReplySize.string(self.published))
    }
}

extension ActorName: ReplySized {
    private static let replyKeyBytes = ReplySize.keyBytes(["name", "documents"])
    public var replySizeBound: Int {
        ReplySize.object(keyBytes: Self.replyKeyBytes, values: ReplySize.string(self.name) + ReplySize.number)
    }
}

extension MergeNote: ReplySized {
    private static let replyKeyBytes = ReplySize.keyBytes(["doc", "name", "rule", "evidence"])
    public var replySizeBound: Int {
        ReplySize.object(
            keyBytes: Self.replyKeyBytes,
            values: ReplySize.string(self.doc) + ReplySize.string(self.name) + ReplySize.string(self.rule)
                + ReplySize.string(self.evidence))
    }
}

extension DatedValue: ReplySized {
    private static let replyKeyBytes = ReplySize.keyBytes(["value", "firstSeen", "lastSeen", "documents"])
    public var replySizeBound: Int {
        ReplySize.object(
            keyBytes: Self.replyKeyBytes,
            values: ReplySize.string(self.value) + ReplySize.string(self.firstSeen) + ReplySize.string(self.lastSeen)
                + ReplySize.number)
    }
}

extension ActorLink: ReplySized {
    private static let replyKeyBytes = ReplySize.keyBytes(["id", "kind", "name", "documents"])
    public var replySizeBound: Int {
        ReplySize.object(
            keyBytes: Self.replyKeyBytes,
            values: 2 * ReplySize.number + ReplySize.string(self.kind) + ReplySize.string(self.name))
    }
}

extension ActorProfile: ReplySized {
    private static let replyKeyBytes = ReplySize.keyBytes([
        "actor", "names", "merges", "ranks", "roles", "documents", "coMentioned", "participation", "met", "events",
    ])
    public var replySizeBound: Int {
        ReplySize.object(
            keyBytes: Self.replyKeyBytes,
            values: self.actor.replySizeBound + ReplySize.array(self.names) + ReplySize.array(self.merges)
                + ReplySize.array(self.ranks) + ReplySize.array(self.roles) + ReplySize.strings(self.documents)
                + ReplySize.array(self.coMentioned) + ReplySize.array(self.participation) + ReplySize.array(self.met)
                + ReplySize.array(self.events))
    }
}

extension ParticipantRow: ReplySized {
    private static let replyKeyBytes = ReplySize.keyBytes(["kind", "name", "country", "sector", "actor"])
    public var replySizeBound: Int {
        ReplySize.object(
            keyBytes: Self.replyKeyBytes,
            values: ReplySize.string(self.kind) + ReplySize.string(self.name) + ReplySize.string(self.country)
                + ReplySize.string(self.sector) + ReplySize.number)
    }
}

extension Participation: ReplySized {
    private static let replyKeyBytes = ReplySize.keyBytes([
        "event", "role", "type", "mode", "date", "doc", "sentence", "name", "counterparts",
    ])
    public var replySizeBound: Int {
        ReplySize.object(
            keyBytes: Self.replyKeyBytes,
            values: 2 * ReplySize.number + ReplySize.string(self.role) + ReplySize.string(self.type)
                + ReplySize.string(self.mode) + ReplySize.string(self.date) + ReplySize.string(self.doc)
                + ReplySize.string(self.name) + ReplySize.array(self.counterparts))
    }
}

extension MetLink: ReplySized {
    private static let replyKeyBytes = ReplySize.keyBytes(["id", "kind", "name", "country", "events", "lastDate"])
    public var replySizeBound: Int {
        ReplySize.object(
            keyBytes: Self.replyKeyBytes,
            values: 2 * ReplySize.number + ReplySize.string(self.kind) + ReplySize.string(self.name)
                + ReplySize.string(self.country) + ReplySize.string(self.lastDate))
    }
}

extension MeetingOutcome: ReplySized {
    private static let replyKeyBytes = ReplySize.keyBytes(["event", "type", "mode", "trigger", "sentenceIndex", "sentence"])
    public var replySizeBound: Int {
        ReplySize.object(
            keyBytes: Self.replyKeyBytes,
            values: 2 * ReplySize.number + ReplySize.string(self.type) + ReplySize.string(self.mode)
                + ReplySize.string(self.trigger) + ReplySize.string(self.sentence))
    }
}

extension Meeting: ReplySized {
    private static let replyKeyBytes = ReplySize.keyBytes([
        "event", "date", "type", "mode", "stateA", "fromA", "stateB", "fromB", "outcomes", "doc", "sentenceIndex",
        "sentence", "trigger",
    ])
    public var replySizeBound: Int {
        ReplySize.object(
            keyBytes: Self.replyKeyBytes,
            values: 2 * ReplySize.number + ReplySize.string(self.date) + ReplySize.string(self.type)
                + ReplySize.string(self.mode) + ReplySize.string(self.stateA) + ReplySize.array(self.fromA)
                + ReplySize.string(self.stateB) + ReplySize.array(self.fromB) + ReplySize.array(self.outcomes)
                + ReplySize.string(self.doc) + ReplySize.string(self.sentence) + ReplySize.string(self.trigger))
    }
}

extension EventNotice: ReplySized {
    private static let replyKeyBytes = ReplySize.keyBytes([
        "doc", "type", "mode", "source", "target", "date", "confidence", "sentence", "trigger",
    ])
    public var replySizeBound: Int {
        ReplySize.object(
            keyBytes: Self.replyKeyBytes,
            values: ReplySize.string(self.doc) + ReplySize.string(self.type) + ReplySize.string(self.mode)
                + ReplySize.string(self.source) + ReplySize.string(self.target) + ReplySize.string(self.date)
                + ReplySize.number + ReplySize.string(self.sentence) + ReplySize.string(self.trigger))
    }
}

extension EventPush: ReplySized {
    private static let replyKeyBytes = ReplySize.keyBytes(["type", "sub", "seq", "dropped", "event"])
    public var replySizeBound: Int {
        ReplySize.object(
            keyBytes: Self.replyKeyBytes,
            values: ReplySize.string(self.type) + ReplySize.string(self.sub) + 2 * ReplySize.number
                + self.event.replySizeBound)
    }
}
