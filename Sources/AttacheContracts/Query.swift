/// The queries the aggregator answers.
///
/// Paging: list queries take `limit` (default 100) and `cursor`. A `limit` above the server's
/// `maxResultRows` is **refused** with `TOO_EXPENSIVE` (never silently clamped); a `limit` below 1
/// is `BAD_REQUEST`. A page that is not the last carries `next`, an opaque cursor to pass back
/// unchanged with the same filters. Paging is keyset-based (no offsets). For orders on immutable keys
/// (ids, dates, `documents`, `events`, `timeline`, `relations`, stories by id) a walk neither skips nor
/// repeats rows that exist for the whole walk. Orders on values that change as documents arrive (actors'
/// `sort: mentions`, `recent` and `name` — a better display name can replace the one paged on —, stories by
/// `mentions`, search scores, which depend on the whole corpus) are
/// keyset on the value at the time each page is read: a row whose count changes during the walk can move
/// across the cursor and be seen twice or not at all; re-read from the start for an exact snapshot.
public enum QueryKind: String, Codable, Sendable, CaseIterable {
    /// Counts of what is stored.
    case stats
    /// Stored documents, ordered by (published, doc) (filters: `from`, `to`, `state`; paging: `limit`, `cursor`).
    case documents
    /// One document's full digest with provenance (`doc`).
    case document
    /// Persons (filters: `state`, `prefix`; `sort`; `limit`, `cursor`).
    case persons
    /// Organizations (filters: `state`, `prefix`; `sort`; `limit`, `cursor`).
    case organizations
    /// States mentioned, with counts.
    case countries
    /// Events (filters: `eventType`, `mode`, `source`, `target`, `state`, `pair`, `actor`, `doc`, `from`, `to`,
    /// `text`; `limit`, `cursor`). Ordered by event id (storage order).
    case events
    /// Resolved actors across documents (filters: `actorKind`, `state`, `prefix`; `sort`; `limit`, `cursor`).
    case actors
    /// One actor's profile (`actor` id, or `name` resolved like a mention): names with the merge rule that
    /// linked each, ranks and roles over time, documents, the events it took part in (role, counterparts), whom it
    /// met (counterparts in CONSULT, AGREE, COOPERATE, SUPPORT or AID events), whom it is co-mentioned with, and
    /// the events linked to it.
    case actor
    /// Stories: the same event reported by several documents (filters as `events` minus `text`/`actor`/`doc`;
    /// `limit`, `cursor`).
    case stories
    /// For one state (`state`): partners with counts per event type and first/last dates (`limit`, `cursor`).
    case relations
    /// Dated events between the two states of `pair`, in date order (`from`, `to`; `limit`, `cursor`).
    case timeline
    /// Full-text search over sentences (`text`; `doc`, `from`, `to`; `limit`, `cursor`), with highlights.
    case search
    /// Encounters between people or bodies of the two states of `pair` (CONSULT, AGREE, COOPERATE, SUPPORT or AID
    /// events between them, dated), in date order: who from each side, and what was agreed or handed over in the
    /// same document (`from`, `to`; `limit`, `cursor`).
    case meetings
    /// Month by month between the two states of `pair`, each direction apart: events per PLOVER quad class and per
    /// type, and a net cooperation index (`from`, `to`, `eventType`; `limit` months with events, `cursor`).
    case trend
    /// Export (`format`: `jsonl` digests, `plover` event records (`since` for what changed after a watermark),
    /// `csv` events, `graphml` / `dot` graphs (`graph`: `events` between states or `actors`); `limit`, `cursor`
    /// for the paged formats `jsonl`, `plover` and `csv`).
    case export
}

/// Filters and paging for a query. Every field is optional; unknown fields are ignored.
public struct QueryParams: Codable, Sendable, Equatable {
    /// Document id (`document`, `events`, `search`).
    public var doc: String?
    /// ISO alpha-2 state: persons/organizations/actors of that state; events with that state on either side;
    /// documents mentioning that state; the state whose `relations` are asked.
    public var state: String?
    /// Name prefix, case- and diacritic-insensitive, matched against every known name and alias.
    public var prefix: String?
    /// PLOVER type for `events`, `stories`.
    public var eventType: String?
    /// ISO alpha-2 of the acting state (`events`, `stories`).
    public var source: String?
    /// ISO alpha-2 of the receiving state (`events`, `stories`).
    public var target: String?
    /// Inclusive ISO date bounds.
    public var from: String?
    public var to: String?
    /// Page size (default 100; above the server's `maxResultRows` the query is refused with `TOO_EXPENSIVE`).
    public var limit: Int?
    /// Opaque cursor from a previous page's `next`.
    public var cursor: String?
    /// PLOVER mode (`events`, `stories`).
    public var mode: String?
    /// Two ISO alpha-2 states, in either order: events between them (`events`, `stories`, `timeline`).
    public var pair: [String]?
    /// Actor id (from `actors`): events involving that actor (`events`), or the actor whose profile is asked (`actor`).
    public var actor: Int64?
    /// A name to resolve (`actor`), as an alternative to `actor`.
    public var name: String?
    /// `person`, `organization` or `state` (`actors`).
    public var actorKind: String?
    /// Sort order for actor lists: `name` (default), `mentions` (most first) or `recent` (last seen first).
    public var sort: String?
    /// Full-text query (`search`), or words the event's sentence must contain (`events`).
    public var text: String?
    /// Export format: `jsonl`, `plover`, `csv`, `graphml` or `dot` (`export`).
    public var format: String?
    /// Story id (`events`: the events that report one story, all of them, page by page).
    public var story: Int64?
    /// A watermark from an earlier `plover` export: only what changed after it (`export`).
    public var since: String?
    /// The graph of a `graphml` or `dot` export: `events` (states, one weighted edge per directed pair; the
    /// default) or `actors` (persons, organizations and states named together in documents; the default when
    /// `actorKind` is given).
    public var graph: String?

    public init(
        doc: String? = nil, state: String? = nil, prefix: String? = nil, eventType: String? = nil,
        source: String? = nil, target: String? = nil, from: String? = nil, to: String? = nil,
        limit: Int? = nil, cursor: String? = nil, mode: String? = nil, pair: [String]? = nil, actor: Int64? = nil,
        name: String? = nil, actorKind: String? = nil, sort: String? = nil, text: String? = nil,
        format: String? = nil, story: Int64? = nil, since: String? = nil, graph: String? = nil
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
        self.mode = mode
        self.pair = pair
        self.actor = actor
        self.name = name
        self.actorKind = actorKind
        self.sort = sort
        self.text = text
        self.format = format
        self.story = story
        self.since = since
        self.graph = graph
    }
}

/// The answer to a query: exactly the field for the query's kind is set; `next` is set when more pages remain.
public struct QueryResult: Codable, Sendable, Equatable {
    /// `stats`.
    public var stats: StoreStats?
    /// `documents`.
    public var documents: [DocumentSummary]?
    /// `document`.
    public var document: Digest?
    /// `persons`, `organizations`, `actors`.
    public var actors: [ActorSummary]?
    /// `countries`.
    public var countries: [CountrySummary]?
    /// `events`, `timeline`.
    public var events: [EventRow]?
    /// Cursor for the next page, absent on the last page.
    public var next: String?
    /// `actor`.
    public var actor: ActorProfile?
    /// `stories`.
    public var stories: [StoryRow]?
    /// `relations`.
    public var relations: [RelationRow]?
    /// `search`.
    public var hits: [SearchHit]?
    /// `export`.
    public var export: ExportResult?
    /// `meetings`.
    public var meetings: [Meeting]?
    /// `trend`.
    public var trend: [TrendRow]?

    public init(
        stats: StoreStats? = nil, documents: [DocumentSummary]? = nil, document: Digest? = nil,
        actors: [ActorSummary]? = nil, countries: [CountrySummary]? = nil, events: [EventRow]? = nil,
        next: String? = nil, actor: ActorProfile? = nil, stories: [StoryRow]? = nil,
        relations: [RelationRow]? = nil, hits: [SearchHit]? = nil, export: ExportResult? = nil, meetings: [Meeting]? = nil,
        trend: [TrendRow]? = nil
    ) {
        self.meetings = meetings
        self.trend = trend
        self.stats = stats
        self.documents = documents
        self.document = document
        self.actors = actors
        self.countries = countries
        self.events = events
        self.next = next
        self.actor = actor
        self.stories = stories
        self.relations = relations
        self.hits = hits
        self.export = export
    }
}

public struct StoreStats: Codable, Sendable, Equatable {
    /// Stored documents.
    public var documents: Int
    /// Stored sentences.
    public var sentences: Int
    /// Resolved persons (one per real person, across documents).
    public var persons: Int
    /// Resolved organizations.
    public var organizations: Int
    /// Distinct states mentioned.
    public var countries: Int
    /// Stored events (one per event mention).
    public var events: Int
    /// Stories (events grouped across documents); nil from servers that do not group.
    public var stories: Int?
    /// The last log sequence number appended (acknowledged durable); nil from servers without a log.
    public var appended: Int64?
    /// The last log sequence number derived into the knowledge base (what queries see).
    public var derived: Int64?
    /// Log entries appended but not yet derived (`appended - derived`).
    public var lagDocuments: Int?
    /// Seconds since the oldest entry not yet derived was appended; 0 when caught up.
    public var lagSeconds: Double?
    public init(
        documents: Int, sentences: Int, persons: Int, organizations: Int, countries: Int, events: Int,
        stories: Int? = nil
    ) {
        self.documents = documents
        self.sentences = sentences
        self.persons = persons
        self.organizations = organizations
        self.countries = countries
        self.events = events
        self.stories = stories
    }
}

public struct DocumentSummary: Codable, Sendable, Equatable {
    /// The document id as pushed.
    public var doc: String
    /// Publication date (ISO) when known.
    public var published: String?
    public var title: String?
    public var source: String?
    /// Hex SHA-256 of the text.
    public var contentHash: String
    /// Epoch milliseconds when it was (last) stored.
    public var storedAt: Int64
    /// Counts of each kind of fact in its digest.
    public var counts: DigestCounts
    /// The address it was read from, when the push gave one.
    public var url: String?
    public init(
        doc: String, published: String?, title: String?, source: String?, contentHash: String, storedAt: Int64,
        counts: DigestCounts, url: String? = nil
    ) {
        self.url = url
        self.doc = doc
        self.published = published
        self.title = title
        self.source = source
        self.contentHash = contentHash
        self.storedAt = storedAt
        self.counts = counts
    }
}

/// A person, organization or state as the knowledge base knows it, across documents.
public struct ActorSummary: Codable, Sendable, Equatable {
    /// Stable id within one store (pass it back as `actor`).
    public var id: Int64
    /// `person`, `organization` or `state`.
    public var kind: String
    /// The fullest name seen: most words once ranks and titles are dropped, then the form without them,
    /// preferring the one with diacritics (for states: the ISO code).
    public var name: String
    /// Every other form seen, across documents.
    public var aliases: [String]
    /// ISO alpha-2 of the state the actor serves or belongs to.
    public var country: String?
    /// The most recently seen rank.
    public var rank: String?
    /// Roles seen, most recent first.
    public var roles: [String]
    /// Number of documents that mention the actor.
    public var documents: Int
    /// Number of mention spans across documents.
    public var mentions: Int?
    /// First and last publication dates of documents mentioning the actor.
    public var firstSeen: String?
    public var lastSeen: String?
    /// The resolution rules that merged the actor's mentions (e.g. `name-key`, `short-form`, `initials`).
    public var mergedBy: [String]?
    public init(
        id: Int64, kind: String, name: String, aliases: [String], country: String?, rank: String?, roles: [String],
        documents: Int, mentions: Int? = nil, firstSeen: String? = nil, lastSeen: String? = nil,
        mergedBy: [String]? = nil
    ) {
        self.id = id
        self.kind = kind
        self.name = name
        self.aliases = aliases
        self.country = country
        self.rank = rank
        self.roles = roles
        self.documents = documents
        self.mentions = mentions
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.mergedBy = mergedBy
    }
}

public struct CountrySummary: Codable, Sendable, Equatable {
    /// ISO alpha-2.
    public var code: String
    /// Documents mentioning the state.
    public var documents: Int
    /// Events with the state as source or target.
    public var events: Int
    /// Surface forms seen ("Lao", "Laos").
    public var names: [String]?
    public init(code: String, documents: Int, events: Int, names: [String]? = nil) {
        self.code = code
        self.documents = documents
        self.events = events
        self.names = names
    }
}

/// One stored event with its provenance.
public struct EventRow: Codable, Sendable, Equatable {
    /// Stable id within one store (changes when its document is replaced).
    public var id: Int64
    /// Document id.
    public var doc: String
    /// PLOVER type.
    public var type: String
    public var mode: String?
    /// ISO alpha-2 of the acting and receiving states.
    public var source: String?
    public var target: String?
    /// ISO date of the event when known.
    public var date: String?
    /// 0...1.
    public var confidence: Double
    /// The sentence that justifies it, and the trigger words.
    public var sentence: String
    public var trigger: String
    /// The story the event belongs to.
    public var story: Int64?
    /// Index of the sentence in the document and the trigger's span (Unicode scalar offsets).
    public var span: Span?
    /// Actor and recipient words as written.
    public var actorText: String?
    public var recipientText: String?
    /// Resolved actors linked to the event (ids from `actors`).
    public var actors: [Int64]?
    public init(
        id: Int64, doc: String, type: String, mode: String?, source: String?, target: String?, date: String?,
        confidence: Double, sentence: String, trigger: String, story: Int64? = nil, span: Span? = nil,
        actorText: String? = nil, recipientText: String? = nil, actors: [Int64]? = nil
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
        self.story = story
        self.span = span
        self.actorText = actorText
        self.recipientText = recipientText
        self.actors = actors
    }
}

/// The same event reported by one or more documents (same type, same states, dates within the window).
public struct StoryRow: Codable, Sendable, Equatable {
    /// Stable id within one store.
    public var id: Int64
    /// PLOVER type.
    public var type: String
    /// Most frequent mode among its mentions.
    public var mode: String?
    /// ISO alpha-2 states (for symmetric types, in alphabetical order).
    public var source: String?
    public var target: String?
    /// First and last dates reported.
    public var firstDate: String?
    public var lastDate: String?
    /// Event mentions (GDELT NumMentions): one per event in a stored document; re-pushing a document
    /// does not add mentions.
    public var mentions: Int
    /// Distinct documents reporting it (GDELT NumArticles).
    public var documents: Int
    /// Distinct document sources (GDELT NumSources; documents without a source count by their id).
    public var sources: Int
    /// The ids of the first 20 reporting documents to be stored, sorted (`documents` counts them all).
    public var docs: [String]
    /// The story's first 20 events, in storage order (`mentions` counts them all; `events` with
    /// `story` lists every one).
    public var events: [Int64]
    public init(
        id: Int64, type: String, mode: String?, source: String?, target: String?, firstDate: String?,
        lastDate: String?, mentions: Int, documents: Int, sources: Int, docs: [String], events: [Int64]
    ) {
        self.id = id
        self.type = type
        self.mode = mode
        self.source = source
        self.target = target
        self.firstDate = firstDate
        self.lastDate = lastDate
        self.mentions = mentions
        self.documents = documents
        self.sources = sources
        self.docs = docs
        self.events = events
    }
}

/// One partner of a state and the events between them.
public struct RelationRow: Codable, Sendable, Equatable {
    /// ISO alpha-2 of the partner.
    public var partner: String
    /// Events between the two states (either direction).
    public var events: Int
    /// Per PLOVER type, sorted by type.
    public var types: [RelationTypeCount]
    /// First and last dated events.
    public var firstDate: String?
    public var lastDate: String?
    public init(partner: String, events: Int, types: [RelationTypeCount], firstDate: String?, lastDate: String?) {
        self.partner = partner
        self.events = events
        self.types = types
        self.firstDate = firstDate
        self.lastDate = lastDate
    }
}

public struct RelationTypeCount: Codable, Sendable, Equatable {
    /// PLOVER type.
    public var type: String
    /// Events of that type with the asked state as source (`outgoing`) or target (`incoming`).
    public var outgoing: Int
    public var incoming: Int
    /// First and last dates of events of that type.
    public var firstDate: String?
    public var lastDate: String?
    public init(type: String, outgoing: Int, incoming: Int, firstDate: String?, lastDate: String?) {
        self.type = type
        self.outgoing = outgoing
        self.incoming = incoming
        self.firstDate = firstDate
        self.lastDate = lastDate
    }
}

/// One month of events from one state to another (`trend`).
public struct TrendRow: Codable, Sendable, Equatable {
    /// `YYYY-MM` (the events' effective dates: the event's own, else its document's); `YYYY` for events dated by
    /// their year only.
    public var month: String
    /// The acting state and the state acted on.
    public var source: String
    public var target: String
    /// Events that month in that direction (each event mention counts once).
    public var events: Int
    /// Events per PLOVER quad class: `[verbal cooperation, material cooperation, verbal conflict, material conflict]`
    /// (SANCTION in verbal conflict and PROTEST in material conflict, as the manual's table has them).
    public var quads: [Int]
    /// Events per PLOVER type, sorted by type.
    public var types: [TrendTypeCount]
    /// (cooperation − conflict) / events, from −1 (all conflict) to 1 (all cooperation): a count of quad
    /// classes, not the manual's per-type intensity scores.
    public var netCooperation: Double
    public init(
        month: String, source: String, target: String, events: Int, quads: [Int], types: [TrendTypeCount],
        netCooperation: Double
    ) {
        self.month = month
        self.source = source
        self.target = target
        self.events = events
        self.quads = quads
        self.types = types
        self.netCooperation = netCooperation
    }
}

public struct TrendTypeCount: Codable, Sendable, Equatable {
    public var type: String
    public var events: Int
    public init(type: String, events: Int) {
        self.type = type
        self.events = events
    }
}

/// A name form of an actor and how it was linked to the actor.
public struct ActorName: Codable, Sendable, Equatable {
    /// As written.
    public var name: String
    /// Documents using that form.
    public var documents: Int
    public init(name: String, documents: Int) {
        self.name = name
        self.documents = documents
    }
}

/// Why one document's mention was linked to an actor.
public struct MergeNote: Codable, Sendable, Equatable {
    /// Document id.
    public var doc: String
    /// The name as the document gives it.
    public var name: String
    /// The rule: `new` (first seen), `name-key` (same name, case/diacritics/punctuation-insensitive),
    /// `alias-key` (one of the document's aliases is a known name), `short-form` (a one-word name that is part
    /// of exactly one known name), `long-form` (a full name containing a known one-word name), `initials`
    /// (acronym of a known name, same state), `iso-code` (states: same ISO code).
    public var rule: String
    /// The evidence: which known name matched, and with which actor.
    public var evidence: String
    public init(doc: String, name: String, rule: String, evidence: String) {
        self.doc = doc
        self.name = name
        self.rule = rule
        self.evidence = evidence
    }
}

/// A value (rank, role) with the dates it was seen.
public struct DatedValue: Codable, Sendable, Equatable {
    public var value: String
    /// First and last publication dates of documents giving it.
    public var firstSeen: String?
    public var lastSeen: String?
    /// Documents giving it.
    public var documents: Int
    public init(value: String, firstSeen: String?, lastSeen: String?, documents: Int) {
        self.value = value
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.documents = documents
    }
}

/// Another actor and how often it appears with the profiled one.
public struct ActorLink: Codable, Sendable, Equatable {
    public var id: Int64
    public var kind: String
    public var name: String
    /// Documents mentioning both.
    public var documents: Int
    public init(id: Int64, kind: String, name: String, documents: Int) {
        self.id = id
        self.kind = kind
        self.name = name
        self.documents = documents
    }
}

/// Everything known about one actor. Lists are bounded by the server's `maxResultRows` (most relevant first).
public struct ActorProfile: Codable, Sendable, Equatable {
    public var actor: ActorSummary
    /// Every name form, with the documents using it.
    public var names: [ActorName]
    /// How each document's mention was linked to this actor.
    public var merges: [MergeNote]
    /// Ranks and roles over time, by first seen.
    public var ranks: [DatedValue]
    public var roles: [DatedValue]
    /// Document ids mentioning the actor, most recent first.
    public var documents: [String]
    /// Actors mentioned in the same documents, most shared documents first (co-mention: not a meeting).
    public var coMentioned: [ActorLink]
    /// The events the actor took part in as a participant (actor or recipient), most recent first, each with its
    /// counterparts. Empty from servers before participants were stored.
    public var participation: [Participation]
    /// Whom the actor met: its counterparts in CONSULT, AGREE, COOPERATE, SUPPORT or AID events, most shared
    /// events first (counted over its latest ``ActorProfile/metScanLimit`` participations).
    public var met: [MetLink]
    /// Events linked to the actor (as a participant, by its state, or named in the actor or recipient words),
    /// most recent first.
    public var events: [EventRow]

    /// How many of an actor's latest participations `met` counts over.
    public static let metScanLimit = 5_000

    public init(
        actor: ActorSummary, names: [ActorName], merges: [MergeNote], ranks: [DatedValue], roles: [DatedValue],
        documents: [String], coMentioned: [ActorLink], participation: [Participation] = [], met: [MetLink] = [],
        events: [EventRow]
    ) {
        self.actor = actor
        self.names = names
        self.merges = merges
        self.ranks = ranks
        self.roles = roles
        self.documents = documents
        self.coMentioned = coMentioned
        self.participation = participation
        self.met = met
        self.events = events
    }

    enum CodingKeys: String, CodingKey {
        case actor, names, merges, ranks, roles, documents, coMentioned, participation, met, events
    }

    /// Profiles from servers before participants were stored have no `participation` or `met`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.actor = try c.decode(ActorSummary.self, forKey: .actor)
        self.names = try c.decode([ActorName].self, forKey: .names)
        self.merges = try c.decode([MergeNote].self, forKey: .merges)
        self.ranks = try c.decode([DatedValue].self, forKey: .ranks)
        self.roles = try c.decode([DatedValue].self, forKey: .roles)
        self.documents = try c.decode([String].self, forKey: .documents)
        self.coMentioned = try c.decodeIfPresent([ActorLink].self, forKey: .coMentioned) ?? []
        self.participation = try c.decodeIfPresent([Participation].self, forKey: .participation) ?? []
        self.met = try c.decodeIfPresent([MetLink].self, forKey: .met) ?? []
        self.events = try c.decode([EventRow].self, forKey: .events)
    }
}

/// One participant of a stored event, as the document named it, with the actor it was resolved to.
public struct ParticipantRow: Codable, Sendable, Equatable {
    /// `person`, `organization` or `state`.
    public var kind: String
    /// The name as the document gives it (for a state: its short name).
    public var name: String
    /// ISO alpha-2 of its state; nil for an international body.
    public var country: String?
    /// PLOVER sector code ("GOV", "MIL", …) when known.
    public var sector: String?
    /// The resolved actor (an id of `actors`), when linked.
    public var actor: Int64?
    public init(kind: String, name: String, country: String?, sector: String? = nil, actor: Int64? = nil) {
        self.kind = kind
        self.name = name
        self.country = country
        self.sector = sector
        self.actor = actor
    }
}

/// One event an actor took part in, from the actor's side.
public struct Participation: Codable, Sendable, Equatable {
    /// The event (an id of `events`).
    public var event: Int64
    /// `actor` (it acted) or `recipient` (it received).
    public var role: String
    /// PLOVER type and mode.
    public var type: String
    public var mode: String?
    /// The event's effective date (its own, else the document's).
    public var date: String?
    /// Document id and sentence index.
    public var doc: String
    public var sentence: Int
    /// The name the document gave the actor there.
    public var name: String
    /// The participants on the other side.
    public var counterparts: [ParticipantRow]
    public init(
        event: Int64, role: String, type: String, mode: String?, date: String?, doc: String, sentence: Int, name: String,
        counterparts: [ParticipantRow]
    ) {
        self.event = event
        self.role = role
        self.type = type
        self.mode = mode
        self.date = date
        self.doc = doc
        self.sentence = sentence
        self.name = name
        self.counterparts = counterparts
    }
}

/// An actor met as a counterpart in CONSULT, AGREE, COOPERATE, SUPPORT or AID events.
public struct MetLink: Codable, Sendable, Equatable {
    public var id: Int64
    public var kind: String
    public var name: String
    public var country: String?
    /// Shared events of those types, as counterparts.
    public var events: Int
    /// The latest of them (effective date).
    public var lastDate: String?
    public init(id: Int64, kind: String, name: String, country: String?, events: Int, lastDate: String?) {
        self.id = id
        self.kind = kind
        self.name = name
        self.country = country
        self.events = events
        self.lastDate = lastDate
    }
}

/// Something agreed or handed over in the document of a meeting: another AGREE, COOPERATE, SUPPORT or AID event
/// between the same two states.
public struct MeetingOutcome: Codable, Sendable, Equatable {
    public var event: Int64
    public var type: String
    public var mode: String?
    /// The trigger words and the sentence that justifies it (index and text).
    public var trigger: String
    public var sentenceIndex: Int
    public var sentence: String
    public init(event: Int64, type: String, mode: String?, trigger: String, sentenceIndex: Int, sentence: String) {
        self.event = event
        self.type = type
        self.mode = mode
        self.trigger = trigger
        self.sentenceIndex = sentenceIndex
        self.sentence = sentence
    }
}

/// One encounter between people or bodies of two states (`meetings`).
public struct Meeting: Codable, Sendable, Equatable {
    /// The event (an id of `events`).
    public var event: Int64
    /// Effective date (the event's, else the document's).
    public var date: String
    public var type: String
    public var mode: String?
    /// The two states as asked (`pair`), and who of each took part (persons and bodies; the state itself when the
    /// sentence names no one of it).
    public var stateA: String
    public var fromA: [ParticipantRow]
    public var stateB: String
    public var fromB: [ParticipantRow]
    /// What the same document reports agreed or handed over between the two states (at most 20).
    public var outcomes: [MeetingOutcome]
    /// Document id, sentence index and text, trigger words.
    public var doc: String
    public var sentenceIndex: Int
    public var sentence: String
    public var trigger: String
    public init(
        event: Int64, date: String, type: String, mode: String?, stateA: String, fromA: [ParticipantRow], stateB: String,
        fromB: [ParticipantRow], outcomes: [MeetingOutcome], doc: String, sentenceIndex: Int, sentence: String,
        trigger: String
    ) {
        self.event = event
        self.date = date
        self.type = type
        self.mode = mode
        self.stateA = stateA
        self.fromA = fromA
        self.stateB = stateB
        self.fromB = fromB
        self.outcomes = outcomes
        self.doc = doc
        self.sentenceIndex = sentenceIndex
        self.sentence = sentence
        self.trigger = trigger
    }
}

/// A sentence matching a full-text search.
public struct SearchHit: Codable, Sendable, Equatable {
    /// Document id and sentence index.
    public var doc: String
    public var sentence: Int
    /// The sentence text.
    public var text: String
    /// The sentence with matched terms wrapped in `[` and `]`.
    public var highlight: String
    /// Document publication date.
    public var published: String?
    public init(doc: String, sentence: Int, text: String, highlight: String, published: String?) {
        self.doc = doc
        self.sentence = sentence
        self.text = text
        self.highlight = highlight
        self.published = published
    }
}

/// An export page.
public struct ExportResult: Codable, Sendable, Equatable {
    /// `jsonl`, `plover`, `graphml`, `dot` or `csv`.
    public var format: String
    /// MIME type of `data`.
    public var contentType: String
    /// The exported text. For `jsonl`/`csv` pages, concatenate the pages' `data` in order (the CSV header is
    /// only on the first page).
    public var data: String
    /// Records in this page (digests, CSV rows, PLOVER records and removals, or graph nodes + edges).
    public var count: Int
    /// `plover`, on the last page: the store's sequence the export covers, to pass as `since` to the next
    /// incremental export.
    public var watermark: String?
    public init(format: String, contentType: String, data: String, count: Int, watermark: String? = nil) {
        self.format = format
        self.contentType = contentType
        self.data = data
        self.count = count
        self.watermark = watermark
    }
}
