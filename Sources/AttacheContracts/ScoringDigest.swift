/// The digest in exactly the JSON shape of `eval/GUIDELINES.md` (what `attache digest` prints).
public struct ScoringDigest: Codable, Sendable, Equatable {
    public struct Person: Codable, Sendable, Equatable {
        public var name: String
        public var aliases: [String]
        public var country: String?
        public var rank: String?
        public var roles: [String]
    }
    public struct Organization: Codable, Sendable, Equatable {
        public var name: String
        public var aliases: [String]
        public var country: String?
    }
    public struct Event: Codable, Sendable, Equatable {
        public var type: String
        public var mode: String?
        public var context: [String]
        public var source: String?
        public var target: String?
        public var date: String?
    }
    public var doc: String
    public var published: String?
    public var persons: [Person]
    public var organizations: [Organization]
    public var countries: [String]
    public var events: [Event]

    public init(_ digest: Digest) {
        self.doc = digest.doc
        self.published = digest.published
        self.persons = digest.persons.map {
            Person(name: $0.name, aliases: $0.aliases, country: $0.country, rank: $0.rank, roles: $0.roles)
        }
        self.organizations = digest.organizations.map {
            Organization(name: $0.name, aliases: $0.aliases, country: $0.country)
        }
        self.countries = Array(Set(digest.countries.map(\.code))).sorted()
        self.events = digest.events.map {
            Event(type: $0.type, mode: $0.mode, context: $0.context, source: $0.source, target: $0.target, date: $0.date)
        }
    }

    enum CodingKeys: String, CodingKey {
        case doc, published, persons, organizations, countries, events
    }

    /// Nulls are written out (the scorer's shape has explicit `null`s).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(self.doc, forKey: .doc)
        try c.encode(self.published, forKey: .published)
        try c.encode(self.persons, forKey: .persons)
        try c.encode(self.organizations, forKey: .organizations)
        try c.encode(self.countries, forKey: .countries)
        try c.encode(self.events, forKey: .events)
    }
}

extension ScoringDigest.Person {
    enum CodingKeys: String, CodingKey { case name, aliases, country, rank, roles }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(self.name, forKey: .name)
        try c.encode(self.aliases, forKey: .aliases)
        try c.encode(self.country, forKey: .country)
        try c.encode(self.rank, forKey: .rank)
        try c.encode(self.roles, forKey: .roles)
    }
}

extension ScoringDigest.Organization {
    enum CodingKeys: String, CodingKey { case name, aliases, country }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(self.name, forKey: .name)
        try c.encode(self.aliases, forKey: .aliases)
        try c.encode(self.country, forKey: .country)
    }
}

extension ScoringDigest.Event {
    enum CodingKeys: String, CodingKey { case type, mode, context, source, target, date }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(self.type, forKey: .type)
        try c.encode(self.mode, forKey: .mode)
        try c.encode(self.context, forKey: .context)
        try c.encode(self.source, forKey: .source)
        try c.encode(self.target, forKey: .target)
        try c.encode(self.date, forKey: .date)
    }
}
