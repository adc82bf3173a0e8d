import AttacheContracts

/// The `events` query filters applied to one digest's events without the store, e.g. for subscriptions:
/// a subscriber's filter is checked against each digest as it is stored.
///
/// Supported: `eventType`, `mode`, `source`, `target`, `state` (either side), `pair` (either order), `doc`,
/// `from`/`to` (inclusive, on the event's date, or its document's publication date when it has none; partial
/// bounds like `2031-03` work as in queries), `text` (every word, case- and diacritic-insensitive, in the
/// event's sentence; a trailing `*` matches a prefix). `actor` needs the store's resolution and is refused
/// with `BAD_REQUEST`; paging fields are ignored.
public struct EventFilter: Sendable, Equatable {
    public let eventType: String?
    public let mode: String?
    public let source: String?
    public let target: String?
    public let state: String?
    public let pair: [String]?
    public let doc: String?
    public let from: String?
    public let to: String?
    /// Folded words; a trailing `*` marks a prefix.
    public let words: [String]

    public init(_ p: QueryParams) throws {
        if p.actor != nil { throw ErrorReply.badRequest("actor cannot be used in an event filter") }
        self.eventType = try Validate.eventType(p.eventType)
        self.mode = p.mode
        self.source = try Validate.state(p.source, "source")
        self.target = try Validate.state(p.target, "target")
        self.state = try Validate.state(p.state, "state")
        self.pair = try Validate.pair(p.pair).map { [$0.0, $0.1] }
        self.doc = p.doc
        self.from = try Validate.date(p.from, "from")
        self.to = try Validate.date(p.to, "to")
        self.words = (p.text ?? "").split(whereSeparator: { $0.isWhitespace }).compactMap { raw in
            let prefix = raw.hasSuffix("*")
            let folded = NameKey.fold(String(raw))
            return folded.isEmpty ? nil : folded + (prefix ? "*" : "")
        }
    }

    /// Whether `event` (one of `digest.events`) passes the filter.
    public func matches(_ event: Event, in digest: Digest) -> Bool {
        let src = event.source?.uppercased()
        let tgt = event.target?.uppercased()
        if let t = self.eventType, event.type.uppercased() != t { return false }
        if let m = self.mode, event.mode != m { return false }
        if let s = self.source, src != s { return false }
        if let t = self.target, tgt != t { return false }
        if let s = self.state, src != s, tgt != s { return false }
        if let p = self.pair, !((src == p[0] && tgt == p[1]) || (src == p[1] && tgt == p[0])) { return false }
        if let d = self.doc, digest.doc != d { return false }
        if self.from != nil || self.to != nil {
            guard let date = event.date ?? digest.published else { return false }
            if let from = self.from, date < from { return false }
            if let to = self.to, String(date.prefix(to.count)) > to { return false }
        }
        if !self.words.isEmpty {
            let text = digest.sentences.first { $0.index == event.sentence }?.text ?? ""
            let have = NameKey.fold(text).split(separator: " ")
            for w in self.words {
                if w.hasSuffix("*") {
                    let stem = w.dropLast()
                    if !have.contains(where: { $0.hasPrefix(stem) }) { return false }
                } else if !have.contains(where: { $0 == w }) {
                    return false
                }
            }
        }
        return true
    }

    /// The digest's events that pass the filter, in order.
    public func matchingEvents(in digest: Digest) -> [Event] {
        digest.events.filter { self.matches($0, in: digest) }
    }
}
