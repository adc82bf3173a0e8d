import AttacheAggregation
import AttacheContracts
import Foundation
import Logging

/// A temporary directory holding one SQLite file; removed by `cleanup()`.
struct TempStore {
    let dir: URL
    var path: String { self.dir.appendingPathComponent("store.sqlite").path }

    init() throws {
        self.dir = FileManager.default.temporaryDirectory.appendingPathComponent("attache-agg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: self.dir, withIntermediateDirectories: true)
    }

    func open(maxResultRows: Int = 1000, storyWindowDays: Int = 3, maxSearchMatches: Int = 200_000) throws
        -> SQLiteAggregationStore
    {
        try SQLiteAggregationStore(
            path: self.path, maxResultRows: maxResultRows, storyWindowDays: storyWindowDays,
            maxSearchMatches: maxSearchMatches, logger: Logger(label: "test.aggregation"))
    }

    func cleanup() { try? FileManager.default.removeItem(at: self.dir) }
}

/// Builds a digest from sentences; spans are found by searching the text.
struct DocBuilder {
    var doc: String
    var published: String?
    var source: String?
    var sentences: [String]
    var persons: [Person] = []
    var organizations: [Organization] = []
    var countries: [Country] = []
    var events: [Event] = []

    init(_ doc: String, published: String?, source: String? = nil, _ sentences: [String]) {
        self.doc = doc
        self.published = published
        self.source = source
        self.sentences = sentences
    }

    var text: String { self.sentences.joined(separator: " ") }

    /// Span of the first occurrence of `words`, in scalar offsets.
    func span(_ words: String) -> Span {
        var offset = 0
        for (i, s) in self.sentences.enumerated() {
            if let r = s.range(of: words) {
                let start = offset + s.unicodeScalars[s.startIndex..<r.lowerBound].count
                return Span(sentence: i, start: start, end: start + words.unicodeScalars.count)
            }
            offset += s.unicodeScalars.count + 1
        }
        return Span(sentence: 0, start: 0, end: 0)
    }

    func sentenceIndex(_ words: String) -> Int { self.span(words).sentence }

    mutating func person(
        _ name: String, aliases: [String] = [], country: String? = nil, rank: String? = nil, roles: [String] = []
    ) {
        let spans = ([name] + aliases).map { self.span($0) }.filter { $0.end > 0 }
        self.persons.append(
            Person(name: name, aliases: aliases, country: country, rank: rank, roles: roles, mentions: spans))
    }

    mutating func org(_ name: String, aliases: [String] = [], country: String? = nil) {
        let spans = ([name] + aliases).map { self.span($0) }.filter { $0.end > 0 }
        self.organizations.append(Organization(name: name, aliases: aliases, country: country, mentions: spans))
    }

    mutating func country(_ code: String, _ names: [String]) {
        self.countries.append(Country(code: code, names: names, mentions: names.map { self.span($0) }))
    }

    mutating func event(
        _ type: String, _ source: String?, _ target: String?, trigger: String, date: String? = nil,
        mode: String? = nil, actor: String? = nil, recipient: String? = nil
    ) {
        let sp = self.span(trigger)
        self.events.append(
            Event(
                type: type, mode: mode, source: source, target: target, date: date, actorText: actor,
                recipientText: recipient, sentence: sp.sentence, trigger: sp, triggerText: trigger, confidence: 0.8))
    }

    /// A participant named by `name` where the text first writes it.
    func who(_ kind: Participant.Kind, _ name: String, _ country: String?, sector: String? = nil) -> Participant {
        Participant(kind: kind, name: name, country: country, sector: sector, mention: self.span(name))
    }

    /// Sets the participants of the last event added.
    mutating func takePart(actors: [Participant], recipients: [Participant]) {
        self.events[self.events.count - 1].actors = actors
        self.events[self.events.count - 1].recipients = recipients
    }

    func digest() -> Digest {
        var offset = 0
        var ss: [Sentence] = []
        for (i, s) in self.sentences.enumerated() {
            let n = s.unicodeScalars.count
            ss.append(Sentence(index: i, start: offset, end: offset + n, text: s))
            offset += n + 1
        }
        return Digest(
            doc: self.doc, published: self.published, title: "Title of \(self.doc)", source: self.source,
            contentHash: ContentHash.sha256Hex(self.text), length: self.text.unicodeScalars.count, sentences: ss,
            persons: self.persons, organizations: self.organizations, countries: self.countries,
            dates: [], quantities: [], events: self.events)
    }
}

/// Walks every page of a query and returns the pages' results.
func allPages(
    _ store: SQLiteAggregationStore, _ kind: QueryKind, _ params: QueryParams
) async throws -> [QueryResult] {
    var pages: [QueryResult] = []
    var p = params
    while true {
        let r = try await store.query(kind, p)
        pages.append(r)
        guard let next = r.next, pages.count < 1000 else { break }
        p.cursor = next
    }
    return pages
}
