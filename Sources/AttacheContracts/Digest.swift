/// The digest of one document: everything the extractor knows about it, each fact with its provenance.
///
/// Offsets are **Unicode scalar offsets** into the document text as pushed (what Python's `str`
/// indexing counts), half-open: `text[start..<end]`. `sentence` is the index into `sentences`.
public struct Digest: Codable, Sendable, Equatable {
    /// The document id as pushed (for files: the file name).
    public var doc: String
    /// Publication date, ISO `YYYY-MM-DD`, when the text or the push states it.
    public var published: String?
    public var title: String?
    public var source: String?
    /// The address the document was read from, as pushed (absent when the push gave none).
    public var url: String?
    /// Hex SHA-256 of the document text (UTF-8). Same id + same hash = the same document.
    public var contentHash: String
    /// Length of the text in Unicode scalars.
    public var length: Int
    public var sentences: [Sentence]
    public var persons: [Person]
    public var organizations: [Organization]
    public var countries: [Country]
    public var dates: [DateMention]
    public var quantities: [Quantity]
    public var events: [Event]
    /// What the extractor left out of this digest because a work limit was reached (see `ExtractionLimits`):
    /// absent when nothing was. Not part of the scoring shape.
    public var warnings: [String]?

    public init(
        doc: String, published: String? = nil, title: String? = nil, source: String? = nil, url: String? = nil,
        contentHash: String, length: Int, sentences: [Sentence] = [], persons: [Person] = [],
        organizations: [Organization] = [], countries: [Country] = [], dates: [DateMention] = [],
        quantities: [Quantity] = [], events: [Event] = []
    ) {
        self.doc = doc
        self.published = published
        self.title = title
        self.source = source
        self.url = url
        self.contentHash = contentHash
        self.length = length
        self.sentences = sentences
        self.persons = persons
        self.organizations = organizations
        self.countries = countries
        self.dates = dates
        self.quantities = quantities
        self.events = events
    }

    /// Counts of each kind of fact, as reported in acknowledgements.
    public var counts: DigestCounts {
        DigestCounts(
            sentences: self.sentences.count, persons: self.persons.count,
            organizations: self.organizations.count, countries: self.countries.count,
            dates: self.dates.count, quantities: self.quantities.count, events: self.events.count
        )
    }
}

/// Where a fact was read: a sentence and a half-open range of Unicode scalar offsets in the document.
public struct Span: Codable, Sendable, Equatable, Hashable {
    public var sentence: Int
    public var start: Int
    public var end: Int
    public init(sentence: Int, start: Int, end: Int) {
        self.sentence = sentence
        self.start = start
        self.end = end
    }
}

public struct Sentence: Codable, Sendable, Equatable {
    public var index: Int
    public var start: Int
    public var end: Int
    public var text: String
    public init(index: Int, start: Int, end: Int, text: String) {
        self.index = index
        self.start = start
        self.end = end
        self.text = text
    }
}

public struct Person: Codable, Sendable, Equatable {
    /// Fullest form of the name in the text, without rank or title.
    public var name: String
    /// Other forms used in the text for the same person.
    public var aliases: [String]
    /// ISO 3166-1 alpha-2 code of the state the person serves, when the text makes it clear.
    public var country: String?
    /// Military or police rank, spelled out in full.
    public var rank: String?
    /// Offices held, as stated.
    public var roles: [String]
    /// PLOVER sector code ("MIL", "GOV", …) read from the rank and roles; nil when they tell none.
    public var sector: String?
    public var mentions: [Span]
    public init(
        name: String, aliases: [String] = [], country: String? = nil, rank: String? = nil,
        roles: [String] = [], sector: String? = nil, mentions: [Span] = []
    ) {
        self.name = name
        self.aliases = aliases
        self.country = country
        self.rank = rank
        self.roles = roles
        self.sector = sector
        self.mentions = mentions
    }
}

public struct Organization: Codable, Sendable, Equatable {
    public var name: String
    /// Acronyms and short forms used in the text.
    public var aliases: [String]
    /// ISO code of the state it belongs to; nil for international bodies.
    public var country: String?
    /// PLOVER sector code read from the kind of body ("MIL" for an army, "IGO" for an international body);
    /// nil when the name tells none.
    public var sector: String?
    public var mentions: [Span]
    public init(name: String, aliases: [String] = [], country: String? = nil, sector: String? = nil, mentions: [Span] = []) {
        self.name = name
        self.aliases = aliases
        self.country = country
        self.sector = sector
        self.mentions = mentions
    }
}

public struct Country: Codable, Sendable, Equatable {
    /// ISO 3166-1 alpha-2.
    public var code: String
    /// The surface forms seen ("Lao", "Laos", "Lao PDR").
    public var names: [String]
    public var mentions: [Span]
    public init(code: String, names: [String] = [], mentions: [Span] = []) {
        self.code = code
        self.names = names
        self.mentions = mentions
    }
}

public struct DateMention: Codable, Sendable, Equatable {
    /// The words in the text ("26-28 August", "on Monday").
    public var text: String
    /// ISO date, possibly partial ("2024-08-26", "2024-08", "2024"); nil when it cannot be resolved.
    public var value: String?
    /// Last day of a range ("26-28 August" → "2024-08-28").
    public var end: String?
    public var span: Span
    public init(text: String, value: String?, end: String? = nil, span: Span) {
        self.text = text
        self.value = value
        self.end = end
        self.span = span
    }
}

public struct Quantity: Codable, Sendable, Equatable {
    public var text: String
    public var value: Double
    /// What is counted ("vehicles", "big activities") or the currency ("USD").
    public var unit: String?
    public var span: Span
    public init(text: String, value: Double, unit: String?, span: Span) {
        self.text = text
        self.value = value
        self.unit = unit
        self.span = span
    }
}

/// A PLOVER-coded event.
public struct Event: Codable, Sendable, Equatable {
    /// One of the 16 PLOVER types (``PloverType``), as its upper-case name.
    public var type: String
    /// A PLOVER mode where the manual defines one for the type.
    public var mode: String?
    public var context: [String]
    /// ISO alpha-2 of the acting state.
    public var source: String?
    /// ISO alpha-2 of the receiving state.
    public var target: String?
    /// ISO date of the event when the text gives or implies it.
    public var date: String?
    /// The words naming the actor(s) and recipient(s), as written.
    public var actorText: String?
    public var recipientText: String?
    /// The sentence that justifies the event and the trigger words' span.
    public var sentence: Int
    public var trigger: Span
    public var triggerText: String
    /// 0...1.
    public var confidence: Double
    /// Who acted (of the `source` state, or an international body acting on its own), as named in the sentence.
    public var actors: [Participant]
    /// Who received (of the `target` state), as named in the sentence.
    public var recipients: [Participant]
    public init(
        type: String, mode: String? = nil, context: [String] = [], source: String?, target: String?,
        date: String? = nil, actorText: String? = nil, recipientText: String? = nil, sentence: Int,
        trigger: Span, triggerText: String, confidence: Double, actors: [Participant] = [], recipients: [Participant] = []
    ) {
        self.type = type
        self.mode = mode
        self.context = context
        self.source = source
        self.target = target
        self.date = date
        self.actorText = actorText
        self.recipientText = recipientText
        self.sentence = sentence
        self.trigger = trigger
        self.triggerText = triggerText
        self.confidence = confidence
        self.actors = actors
        self.recipients = recipients
    }

    enum CodingKeys: String, CodingKey {
        case type, mode, context, source, target, date, actorText, recipientText, sentence, trigger, triggerText, confidence
        case actors, recipients
    }

    /// Digests written before events carried participants have no `actors` or `recipients`: they decode as empty.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.type = try c.decode(String.self, forKey: .type)
        self.mode = try c.decodeIfPresent(String.self, forKey: .mode)
        self.context = try c.decode([String].self, forKey: .context)
        self.source = try c.decodeIfPresent(String.self, forKey: .source)
        self.target = try c.decodeIfPresent(String.self, forKey: .target)
        self.date = try c.decodeIfPresent(String.self, forKey: .date)
        self.actorText = try c.decodeIfPresent(String.self, forKey: .actorText)
        self.recipientText = try c.decodeIfPresent(String.self, forKey: .recipientText)
        self.sentence = try c.decode(Int.self, forKey: .sentence)
        self.trigger = try c.decode(Span.self, forKey: .trigger)
        self.triggerText = try c.decode(String.self, forKey: .triggerText)
        self.confidence = try c.decode(Double.self, forKey: .confidence)
        self.actors = try c.decodeIfPresent([Participant].self, forKey: .actors) ?? []
        self.recipients = try c.decodeIfPresent([Participant].self, forKey: .recipients) ?? []
    }
}

/// A participant of an event: a person or organization from the digest's lists, or a state when the sentence
/// names no one of it.
///
/// `name` is the person's or organization's `name` as listed in the digest; for a state, its readable short
/// name ("Laos"), with the ISO alpha-2 code in `country`. `sector` is a PLOVER sector code (``Person/sector``,
/// ``Organization/sector``); nil for states. `mention` is where the sentence names the participant: the
/// mention of the person or organization, the country word for a state, else the event's trigger.
public struct Participant: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, Equatable {
        case person, organization, state
    }

    public var kind: Kind
    public var name: String
    /// ISO 3166-1 alpha-2; nil for an international body.
    public var country: String?
    public var sector: String?
    public var mention: Span
    public init(kind: Kind, name: String, country: String?, sector: String? = nil, mention: Span) {
        self.kind = kind
        self.name = name
        self.country = country
        self.sector = sector
        self.mention = mention
    }

    /// One line for people: `person "Name" VN MIL` (`-` for a missing country or sector).
    public static func describe(_ p: Participant) -> String {
        "\(p.kind.rawValue) \"\(p.name)\" \(p.country ?? "-") \(p.sector ?? "-")"
    }
}

/// The 16 PLOVER event types.
public enum PloverType: String, Codable, Sendable, CaseIterable {
    case AGREE, CONSULT, SUPPORT, CONCEDE, COOPERATE, AID, RETREAT, REQUEST
    case ACCUSE, REJECT, THREATEN, PROTEST, SANCTION, MOBILIZE, COERCE, ASSAULT

    /// Types whose source and target order does not matter.
    public var isSymmetric: Bool { self == .CONSULT || self == .AGREE || self == .COOPERATE }
}

public struct DigestCounts: Codable, Sendable, Equatable {
    public var sentences: Int
    public var persons: Int
    public var organizations: Int
    public var countries: Int
    public var dates: Int
    public var quantities: Int
    public var events: Int
    public init(sentences: Int, persons: Int, organizations: Int, countries: Int, dates: Int, quantities: Int, events: Int) {
        self.sentences = sentences
        self.persons = persons
        self.organizations = organizations
        self.countries = countries
        self.dates = dates
        self.quantities = quantities
        self.events = events
    }
}
