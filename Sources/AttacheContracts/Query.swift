/// The queries the aggregator answers.
public enum QueryKind: String, Codable, Sendable, CaseIterable {
    /// Counts of what is stored.
    case stats
    /// Stored documents (filters: `from`, `to`, `state`; paging: `limit`, `cursor`).
    case documents
    /// One document's full digest with provenance (`doc`).
    case document
    /// Persons (filters: `state`, `prefix`; `limit`, `cursor`).
    case persons
    /// Organizations (filters: `state`, `prefix`; `limit`, `cursor`).
    case organizations
    /// States mentioned, with counts.
    case countries
    /// Events (filters: `eventType`, `source`, `target`, `state`, `doc`, `from`, `to`; `limit`, `cursor`).
    case events
}

/// Filters and paging for a query. Every field is optional; unknown fields are ignored.
public struct QueryParams: Codable, Sendable, Equatable {
    /// Document id (`document`, `events`).
    public var doc: String?
    /// ISO alpha-2 state: persons/organizations of that state; events with that state on either side.
    public var state: String?
    /// Name prefix, case- and diacritic-insensitive.
    public var prefix: String?
    /// PLOVER type for `events`.
    public var eventType: String?
    public var source: String?
    public var target: String?
    /// Inclusive ISO date bounds.
    public var from: String?
    public var to: String?
    /// Page size (default 100, at most the server's `maxResultRows`).
    public var limit: Int?
    /// Opaque cursor from a previous page's `next`.
    public var cursor: String?

    public init(
        doc: String? = nil, state: String? = nil, prefix: String? = nil, eventType: String? = nil,
        source: String? = nil, target: String? = nil, from: String? = nil, to: String? = nil,
        limit: Int? = nil, cursor: String? = nil
    ) {
        self.doc = doc
        self.state = state
        self.prefix = prefix
        self.eventType = eventType
        self.source = source
        self.target = target
        self.from = from
        self.to = to
        self.limit = limit
        self.cursor = cursor
    }
}

/// The answer to a query: exactly the field for the query's kind is set; `next` is set when more pages remain.
public struct QueryResult: Codable, Sendable, Equatable {
    public var stats: StoreStats?
    public var documents: [DocumentSummary]?
    public var document: Digest?
    public var actors: [ActorSummary]?
    public var countries: [CountrySummary]?
    public var events: [EventRow]?
    /// Cursor for the next page, absent on the last page.
    public var next: String?

    public init(
        stats: StoreStats? = nil, documents: [DocumentSummary]? = nil, document: Digest? = nil,
        actors: [ActorSummary]? = nil, countries: [CountrySummary]? = nil, events: [EventRow]? = nil,
        next: String? = nil
    ) {
        self.stats = stats
        self.documents = documents
        self.document = document
        self.actors = actors
        self.countries = countries
        self.events = events
        self.next = next
    }
}

public struct StoreStats: Codable, Sendable, Equatable {
    public var documents: Int
    public var sentences: Int
    public var persons: Int
    public var organizations: Int
    public var countries: Int
    public var events: Int
    public init(documents: Int, sentences: Int, persons: Int, organizations: Int, countries: Int, events: Int) {
        self.documents = documents
        self.sentences = sentences
        self.persons = persons
        self.organizations = organizations
        self.countries = countries
        self.events = events
    }
}

public struct DocumentSummary: Codable, Sendable, Equatable {
    public var doc: String
    public var published: String?
    public var title: String?
    public var source: String?
    public var contentHash: String
    /// Epoch milliseconds when it was (last) stored.
    public var storedAt: Int64
    public var counts: DigestCounts
    public init(
        doc: String, published: String?, title: String?, source: String?, contentHash: String, storedAt: Int64,
        counts: DigestCounts
    ) {
        self.doc = doc
        self.published = published
        self.title = title
        self.source = source
        self.contentHash = contentHash
        self.storedAt = storedAt
        self.counts = counts
    }
}

/// A person or organization as the knowledge base knows it, across documents.
public struct ActorSummary: Codable, Sendable, Equatable {
    public var id: Int64
    /// `person` or `organization`.
    public var kind: String
    public var name: String
    public var aliases: [String]
    public var country: String?
    public var rank: String?
    public var roles: [String]
    /// Number of documents that mention the actor.
    public var documents: Int
    public init(
        id: Int64, kind: String, name: String, aliases: [String], country: String?, rank: String?, roles: [String],
        documents: Int
    ) {
        self.id = id
        self.kind = kind
        self.name = name
        self.aliases = aliases
        self.country = country
        self.rank = rank
        self.roles = roles
        self.documents = documents
    }
}

public struct CountrySummary: Codable, Sendable, Equatable {
    public var code: String
    /// Documents mentioning the state.
    public var documents: Int
    /// Events with the state as source or target.
    public var events: Int
    public init(code: String, documents: Int, events: Int) {
        self.code = code
        self.documents = documents
        self.events = events
    }
}

/// One stored event with its provenance.
public struct EventRow: Codable, Sendable, Equatable {
    public var id: Int64
    public var doc: String
    public var type: String
    public var mode: String?
    public var source: String?
    public var target: String?
    public var date: String?
    public var confidence: Double
    /// The sentence that justifies it, and the trigger words.
    public var sentence: String
    public var trigger: String
    public init(
        id: Int64, doc: String, type: String, mode: String?, source: String?, target: String?, date: String?,
        confidence: Double, sentence: String, trigger: String
    ) {
        self.id = id
        self.doc = doc
        self.type = type
        self.mode = mode
        self.source = source
        self.target = target
        self.date = date
        self.confidence = confidence
        self.sentence = sentence
        self.trigger = trigger
    }
}
