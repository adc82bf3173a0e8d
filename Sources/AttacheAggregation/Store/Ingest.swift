import AttacheContracts
import Foundation
import GRDB
import Synchronization

/// Writes one digest inside a write transaction: the document, its sentences, its persons, organizations
/// and states resolved to actors across documents, its events grouped into stories. A new document's additions
/// to cached counts and aggregates (actors, stories, relations, names, the capped copies) go to ``deltas``, which the
/// batch sums and writes once per key (``BatchDeltas``); a replacement refreshes every actor and story it touched
/// at once (the old version's and the new one's), after the batch's deltas were written.
struct Ingest {
    let db: Database
    let digest: Digest
    let storyWindowDays: Int
    let keys: KeyMemo
    /// What the writer keeps across digests (state ids, hot actors).
    var cache: WriterCache
    /// What the batch's earlier digests add to the counters and aggregates (read-only here: which name entries
    /// it already upserted), and what this digest adds (``BatchDeltas``; a new document only: a replacement
    /// writes its own at once, after the batch's were flushed).
    let batch: BatchDeltas
    private(set) var deltas = BatchDeltas()
    /// The batch's name lookups by key (``ResolutionMemo``); a replacement resolves without it.
    let memo: ResolutionMemo?
    /// Whether this ingest replaces a stored version (aggregates are then rebuilt, not incremented).
    private var replacing = false
    /// (actor, form) and (actor, role kind, value) already counted for this document.
    private var formsInDocument: Set<String> = []
    private var rolesInDocument: Set<String> = []
    /// What this document adds to each story it touches (new documents only).
    private var storyGains: [Int64: StoryGain] = [:]
    private struct StoryGain {
        var mentions = 0
        var modes: [String: Int] = [:]
        var firstDate: String?
        var lastDate: String?
    }
    private(set) var documentId: Int64 = 0
    /// Actors whose facts were removed (a replaced version): their cached counts are recomputed in full.
    private var recountActors: Set<Int64> = []
    /// Actors this document adds facts to: their cached counts are updated incrementally.
    private var gains: [Int64: Gain] = [:]
    private var touchedStories: Set<Int64> = []
    /// Actors' document counts as ``applyGain(_:_:)`` left them (the hot threshold is checked against them).
    private var documentCounts: [Int64: Int] = [:]

    /// What this document adds to one actor.
    private struct Gain {
        var mentions = 0
        var inDocument = false
        var mainNames: [String] = []
        /// The states its persons or organizations rows give, with how many rows give each.
        var countries: [String: Int] = [:]
    }
    /// The effective date of the event being linked ('' when none).
    private var effKey = ""
    /// Name keys of this document's persons and organizations, to link events to them by their text.
    private var textActors: [(actorId: Int64, keys: [String])] = []
    /// This document's persons and organizations by kind and name (the first of a repeated name), to link the
    /// events' participants (v24), which name them as the digest lists them.
    private var namedActors: [String: Int64] = [:]
    /// Roles of large actors whose dates a replaced version held (``OldContribution/apply(_:)``).
    private var pendingRoles: [OldContribution.RolePending] = []
    /// The longest story in days (counter `storySpan`), read once per digest.
    private var storySpan: Int?
    /// The actors linked to the event being inserted.
    private var eventActors: [Int64] = []

    init(
        db: Database, digest: Digest, storyWindowDays: Int, keys: KeyMemo, cache: WriterCache, batch: BatchDeltas = BatchDeltas(),
        memo: ResolutionMemo? = nil
    ) {
        self.db = db
        self.memo = memo
        self.digest = digest
        self.storyWindowDays = storyWindowDays
        self.keys = keys
        self.cache = cache
        self.batch = batch
    }

    /// Deletes a stored version of the document with all its facts (cascading), remembering what it touched.
    mutating func removeDocument(id: Int64) throws {
        try self.removePairs(documentId: id)  // while its docActor rows still exist
        let actors = try Int64.fetchAll(
            self.db, sql: "SELECT DISTINCT actorId FROM docActor WHERE documentId = ?", arguments: [id])
        let eventActors = try Int64.fetchAll(
            self.db,
            sql: """
                SELECT DISTINCT ea.actorId FROM eventActor ea JOIN event e ON e.id = ea.eventId
                WHERE e.documentId = ?
                """, arguments: [id])
        let stories = try Int64.fetchAll(
            self.db, sql: "SELECT DISTINCT storyId FROM event WHERE documentId = ? AND storyId IS NOT NULL",
            arguments: [id])
        // Large actors lose exactly the old version's contribution (``OldContribution``); small ones are
        // recounted from their rows, which costs their size.
        let marks = Set(actors + eventActors).map(String.init).joined(separator: ",")
        let large = Set(
            try Int64.fetchAll(
                self.db, sql: "SELECT id FROM actor WHERE id IN (\(marks)) AND documents > ?",
                arguments: [self.cache.recountLimit]))
        let old = try OldContribution.capture(self.db, documentId: id, actors: large.intersection(actors))
        let stored = try Row.fetchOne(self.db, sql: "SELECT doc, COALESCE(published, '') FROM document WHERE id = ?", arguments: [id])
        self.recountActors.formUnion(Set(actors + eventActors).subtracting(large))
        self.touchedStories.formUnion(stories)
        // The old version's events leave the relations' counters (``subtractRelations``).
        let oldEvents = try Row.fetchAll(
            self.db,
            sql: "SELECT type, source, target, effDate FROM event WHERE documentId = ? AND source IS NOT NULL AND target IS NOT NULL",
            arguments: [id]
        ).map { (type: $0[0] as String, source: $0[1] as String, target: $0[2] as String, date: $0[3] as String?) }
        // By key (actor, date, name): the actors' other documents are not read.
        if let stored {
            let (doc, pubKey): (String, String) = (stored[0], stored[1])
            for actor in Set(actors) {
                try self.db.execute(
                    sql: "DELETE FROM actorDoc WHERE actorId = ? AND pubKey = ? AND doc = ?", arguments: [actor, pubKey, doc])
            }
        }
        // The states its rows gave leave the actors' counts now, so that the new version is resolved against
        // the states the other documents give (as a derivation from the log without the old version would).
        var countries: [Int64: [String: Int]] = [:]
        for r in try Row.fetchAll(
            self.db, sql: "SELECT actorId, country FROM docActor WHERE documentId = ? AND kind != 'state' AND country IS NOT NULL",
            arguments: [id])
        {
            countries[r[0], default: [:]][r[1] as String, default: 0] += 1
        }
        try self.db.execute(sql: "DELETE FROM document WHERE id = ?", arguments: [id])
        for (actor, cs) in countries.sorted(by: { $0.key < $1.key }) {
            try Self.addCountries(self.db, actorId: actor, cs, sign: -1)
            try self.db.execute(
                sql: "UPDATE actor SET country = (\(Self.mostFrequentCountry)) WHERE id = ?1", arguments: [actor])
        }
        self.pendingRoles = try old.apply(self.db)
        try Self.subtractRelations(self.db, oldEvents)
        // The search index (another file) drops this version's sentences when it reaches the tombstone.
        try self.db.run(sql: "INSERT INTO searchTombstone (documentId) VALUES (?)", arguments: [id])
        self.replacing = true
        self.cache.stateIds = [:]  // a state actor may disappear with the old version
    }

    /// Inserts the document's rows; `logSeq` is the log entry it is derived from, where its digest stays (v27).
    mutating func insert(logSeq: Int64, storedAt: Int64) throws {
        let d = self.digest
        let c = d.counts
        // Ids are never reused, not even the highest after its deletion (the search index keys by them).
        guard let id = try self.db.firstRow(
            "UPDATE counter SET n = n + 1 WHERE name = 'documentSeq' RETURNING n", [], { $0.int64(0) })
        else { throw DatabaseError(message: "counter documentSeq is missing") }
        try self.db.run(
            sql: """
                INSERT INTO document (id, doc, published, title, source, url, contentHash, length, storedAt, nSentences,
                    nPersons, nOrganizations, nCountries, nDates, nQuantities, nEvents, logSeq)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                id, d.doc, d.published, d.title, d.source, d.url, d.contentHash, d.length, storedAt, d.sentences.count, c.persons,
                c.organizations, c.countries, c.dates, c.quantities, c.events, logSeq,
            ])
        self.documentId = self.db.lastInsertedRowID
        // The search index reads all the sentences from the digest in the log (``SearchIndex``); the store keeps those
        // its events cite (below).
        var t = IngestTimer.Lap()
        for (i, p) in d.persons.enumerated() { try self.insertPerson(p, ordinal: i) }
        t.lap(1)
        for (i, o) in d.organizations.enumerated() { try self.insertOrganization(o, ordinal: i) }
        t.lap(2)
        for (i, c) in d.countries.enumerated() { try self.insertCountry(c, ordinal: i) }
        t.lap(3)
        for (i, e) in d.events.enumerated() { try self.insertEvent(e, ordinal: i) }
        // The sentences the events cite, once each (v22): events and their copies refer to them. (A sentence index
        // that a digest repeats keeps its last text; one it lacks has no row, and reads as "".)
        var sentenceText: [Int: String] = [:]
        for s in d.sentences { sentenceText[s.index] = s.text }
        for index in Set(d.events.map(\.sentence)).sorted() {
            guard let text = sentenceText[index] else { continue }
            try self.db.run(
                sql: "INSERT INTO sentence (id, text) VALUES (?, ?)",
                arguments: [SearchIndex.rowid(document: self.documentId, sentence: index), text])
        }
        t.lap(4)
    }

    /// Refreshes cached counts; deletes actors and stories nothing refers to any more.
    mutating func finish() throws {
        var t = IngestTimer.Lap()
        defer { t.lap(5) }
        if self.replacing {
            for id in self.touchedStories.union(self.storyGains.keys).sorted() {
                try self.refreshStory(id)
                try Aggregates.rebuildStoryParts(self.db, id)
            }
        } else {
            let src = self.digest.source ?? self.digest.doc
            for (id, g) in self.storyGains.sorted(by: { $0.key < $1.key }) {
                self.deltas.addStory(id, source: src, mentions: g.mentions, modes: g.modes, firstDate: g.firstDate, lastDate: g.lastDate)
            }
        }
        for id in self.recountActors.sorted() {
            try Self.addCountries(self.db, actorId: id, self.gains[id]?.countries ?? [:], sign: 1)
            try self.refreshActor(id)
            try Aggregates.rebuildActor(self.db, id)
        }
        for (id, gain) in self.gains.sorted(by: { $0.key < $1.key }) where !self.recountActors.contains(id) {
            if self.replacing { try self.applyGain(id, gain) } else { try self.addGain(id, gain) }
        }
        // A role the new version names again with the old version's date keeps its dates (the new row, with
        // the highest id, is the latest); otherwise they are recomputed from its rows.
        for r in self.pendingRoles
        where !(self.rolesInDocument.contains(Self.roleKey(r.actorId, r.kind, r.value)) && r.seen == self.digest.published) {
            try OldContribution.recomputeRole(self.db, r)
        }
        try self.addPairs()
    }

    // MARK: - Actors met most (v7)

    /// Hot actors (at least `hotThreshold` documents) keep their co-mention counts in `actorPair`; the others'
    /// are computed when asked (few documents). The set is loaded once per writer and only grows.
    private mutating func hotSet() throws -> Set<Int64> {
        if let h = self.cache.hot { return h }
        let h = Set(try Int64.fetchAll(self.db, sql: "SELECT actorId FROM hotActor"))
        self.cache.hot = h
        return h
    }

    /// This document's actors (persons, organizations, states) for each hot one among them: +1 shared document.
    private mutating func addPairs() throws {
        // The actors of this document's `docActor` rows.
        let actors = self.gains.filter(\.value.inDocument).keys.sorted()
        guard actors.count > 1 else { return }
        var hot = try self.hotSet()
        let up = try self.db.cachedStatement(
            sql: "INSERT INTO actorPair (actorId, otherId, docs) VALUES (?, ?, 1) ON CONFLICT DO UPDATE SET docs = docs + 1")
        for x in actors {
            if hot.contains(x) {
                for y in actors where y != x {
                    if self.replacing { try up.run([x, y]) } else { self.deltas.addPair(x, y) }
                }
            } else if let n = try self.deltas.view(x)?.documents ?? self.documentCounts[x]
                ?? self.db.firstRow("SELECT documents FROM actor WHERE id = ?", [x], { $0.int(0) }),
                n >= self.cache.hotThreshold
            {
                // Promotion: count over every document so far (this one included), once; its ranks and roles too (v33:
                // until now they were read from its rows, and none of its role rows went to the aggregates).
                try self.db.execute(sql: "INSERT INTO hotActor (actorId) VALUES (?)", arguments: [x])
                try self.db.execute(
                    sql: """
                        INSERT INTO actorPair (actorId, otherId, docs) SELECT ?1, id, docs FROM (\(Schema.coMentionCounts))
                        """, arguments: [x])
                try Aggregates.insertRoleAggregates(self.db, roleRows: Schema.roleRows("da.actorId = ?1"), arguments: [x])
                hot.insert(x)
            }
        }
        self.cache.hot = hot
    }

    /// Before a stored version is deleted: its shared documents leave the hot actors' counts.
    private mutating func removePairs(documentId: Int64) throws {
        let actors = try Int64.fetchAll(
            self.db, sql: "SELECT DISTINCT actorId FROM docActor WHERE documentId = ?", arguments: [documentId])
        let hot = try self.hotSet()
        for x in actors where hot.contains(x) {
            for y in actors where y != x {
                try self.db.execute(
                    sql: "UPDATE actorPair SET docs = docs - 1 WHERE actorId = ? AND otherId = ?", arguments: [x, y])
                try self.db.execute(
                    sql: "DELETE FROM actorPair WHERE actorId = ? AND otherId = ? AND docs <= 0", arguments: [x, y])
            }
        }
    }

    // MARK: - Actors

    private mutating func insertPerson(_ p: Person, ordinal: Int) throws {
        let r = try Resolver(db: self.db, keys: self.keys, batch: self.batch, memo: self.replacing ? nil : self.memo).person(p)
        let actorId = try r.actorId ?? self.createActor(kind: "person", name: p.name, key: self.keys.person(p.name), country: p.country)
        if r.actorId == nil { self.memo?.created(actorId, name: p.name, country: p.country, ambiguous: r.rule == "ambiguous") }
        let forms = self.nameForms(kind: "person", forms: [p.name] + p.aliases, key: self.keys.person)
        let daId = try self.insertDocActor(
            actorId: actorId, kind: "person", ordinal: ordinal, name: p.name, country: p.country, rank: p.rank,
            roles: Schema.rolesText(p.roles), forms: forms, rule: r.rule, evidence: r.evidence, mentions: p.mentions.count)
        let keys = try self.addNames(docActorId: daId, actorId: actorId, kind: "person", forms)
        if self.namedActors["person\u{1}" + p.name] == nil { self.namedActors["person\u{1}" + p.name] = actorId }
        // Its role rows are its `docActor` row's rank and roles (v30), numbered as ``Schema/roleRows(_:)`` numbers them.
        if let rank = p.rank, !rank.isEmpty { try self.addRole(Schema.partRowId(daId, index: nil), actorId, "rank", rank) }
        for (i, role) in p.roles.filter({ !$0.isEmpty }).enumerated() {
            try self.addRole(Schema.partRowId(daId, index: i), actorId, "role", role)
        }
        self.textActors.append((actorId, keys))
    }

    private mutating func insertOrganization(_ o: Organization, ordinal: Int) throws {
        let r = try Resolver(db: self.db, keys: self.keys, batch: self.batch, memo: self.replacing ? nil : self.memo).organization(o)
        let actorId = try r.actorId
            ?? self.createActor(kind: "organization", name: o.name, key: self.keys.organization(o.name), country: o.country)
        if r.actorId == nil { self.memo?.created(actorId, name: o.name, country: o.country, ambiguous: r.rule == "ambiguous") }
        let forms = self.nameForms(kind: "organization", forms: [o.name] + o.aliases, key: self.keys.organization)
        let daId = try self.insertDocActor(
            actorId: actorId, kind: "organization", ordinal: ordinal, name: o.name, country: o.country, rank: nil,
            roles: nil, forms: forms, rule: r.rule, evidence: r.evidence, mentions: o.mentions.count)
        let keys = try self.addNames(docActorId: daId, actorId: actorId, kind: "organization", forms)
        if self.namedActors["organization\u{1}" + o.name] == nil { self.namedActors["organization\u{1}" + o.name] = actorId }
        self.textActors.append((actorId, keys))
    }

    private mutating func insertCountry(_ c: Country, ordinal: Int) throws {
        let code = c.code.uppercased()
        let existing = try self.stateActor(code)
        let actorId = try existing ?? self.createState(code)
        let names = c.names.isEmpty ? code : c.names.joined(separator: ", ")
        let forms = self.nameForms(kind: "state", forms: c.names.isEmpty ? [code] : c.names, key: self.keys.fold)
        let daId = try self.insertDocActor(
            actorId: actorId, kind: "state", ordinal: ordinal, name: c.names.first ?? code, country: code, rank: nil, roles: nil,
            forms: forms, rule: existing == nil ? "new" : "iso-code",
            evidence: existing == nil
                ? Evidence(.firstState, [code, names]) : Evidence(.isoCode, [code, String(actorId), names]),
            mentions: c.mentions.count)
        _ = try self.addNames(docActorId: daId, actorId: actorId, kind: "state", forms)
    }

    private mutating func stateActor(_ code: String) throws -> Int64? {
        if let id = self.cache.stateIds[code] { return id }
        let id = try self.db.firstRow(
            "SELECT id FROM actor WHERE kind = 'state' AND nameKey = ? ORDER BY id LIMIT 1", [code.lowercased()],
            { $0.int64(0) })
        if let id { self.cache.stateIds[code] = id }
        return id
    }

    private mutating func createState(_ code: String) throws -> Int64 {
        let id = try self.createActor(kind: "state", name: code, key: code.lowercased(), country: code)
        self.cache.stateIds[code] = id
        return id
    }

    private mutating func createActor(kind: String, name: String, key: String, country: String?) throws -> Int64 {
        try self.db.run(
            sql: "INSERT INTO actor (kind, name, nameKey, country) VALUES (?, ?, ?, ?)",
            arguments: [kind, name, key, country?.uppercased()])
        let id = self.db.lastInsertedRowID
        self.gains[id, default: Gain()].mainNames.append(name)
        return id
    }

    /// One person, organization or state of this document, with its number of mentions (the spans themselves
    /// stay in the stored digest).
    /// Its name forms (`forms`: ``nameForms(kind:forms:key:)``) are kept in the row (v31: ``Schema/nameRows(_:)``).
    private mutating func insertDocActor(
        actorId: Int64, kind: String, ordinal: Int, name: String, country: String?, rank: String?, roles: String?,
        forms: [NameForm], rule: String, evidence: Evidence, mentions: Int
    ) throws -> Int64 {
        self.gains[actorId, default: Gain()].mentions += mentions
        let main = forms.first.flatMap { $0.alias == nil ? $0 : nil }
        let others = forms.filter { $0.alias != nil }
        let aliases = Schema.aliasesText(others.map { (name: $0.name, key: $0.key, acronyms: $0.acronyms) })
        // The evidence's values that the row does not imply (v32).
        let row = Evidence.Row(
            kind: kind, rule: rule, name: name, country: country?.uppercased(), actorId: actorId, formKey: main?.key,
            aliases: aliases, aliasList: others.map { (form: $0.name, key: $0.key) })
        try self.db.run(
            sql: """
                INSERT INTO docActor (documentId, actorId, kind, ordinal, name, country, rank, rule, evidenceArgs, mentions, roles,
                                      formKey, acronyms, aliases)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                self.documentId, actorId, kind, ordinal, name, country?.uppercased(), rank, rule, evidence.stored(row), mentions,
                roles, main?.key, main.flatMap { Schema.acronymsText($0.acronyms) }, aliases,
            ])
        let docActorId = self.db.lastInsertedRowID
        if self.replacing {
            try Aggregates.addRule(self.db, actorId: actorId, rule: rule)
        } else {
            self.deltas.addRule(actorId: actorId, rule: rule)
        }
        try Aggregates.addActorDoc(
            self.db, actorId: actorId, published: self.digest.published, doc: self.digest.doc, documentId: self.documentId)
        self.gains[actorId, default: Gain()].inDocument = true
        if kind != "state" { self.gains[actorId, default: Gain()].mainNames.append(name) }
        if let country, kind != "state" { self.gains[actorId, default: Gain()].countries[country.uppercased(), default: 0] += 1 }
        return docActorId
    }

    /// A distinct name form (by key) of a `docActor` row, as ``Schema/nameRows(_:)`` reads it back: the row's name
    /// (`alias` nil) or its other form at index `alias` of `aliases`.
    struct NameForm {
        var name: String
        var key: String
        var words: [String]
        var acronyms: [String]
        var alias: Int?
    }

    /// The distinct name forms (by key) of `forms`, whose first is the row's name: it is the row's own form when it has
    /// a key (a person's or organization's main name), the others are its aliases.
    private func nameForms(kind: String, forms: [String], key: (String) -> String) -> [NameForm] {
        var out: [NameForm] = []
        var aliases = 0
        for (i, form) in forms.enumerated() {
            let k = key(form)
            guard !k.isEmpty, !out.contains(where: { $0.key == k }) else { continue }
            let acronyms = kind == "organization" ? Array(self.keys.acronyms(form).prefix(2)) : []
            let words = k.split(separator: " ").map(String.init)
            out.append(NameForm(name: form, key: k, words: words, acronyms: acronyms, alias: i == 0 ? nil : aliases))
            if i != 0 { aliases += 1 }
        }
        return out
    }

    /// Adds a `docActor` row's name forms to the actor's names, forms and lookup entries. Returns their keys.
    private mutating func addNames(docActorId: Int64, actorId: Int64, kind: String, _ forms: [NameForm]) throws -> [String] {
        for f in forms {
            let (form, k, words, acronyms) = (f.name, f.key, f.words, f.acronyms)
            let nameId = Schema.partRowId(docActorId, index: f.alias)
            let newInDocument = self.formsInDocument.insert("\(actorId)\u{1}\(form)").inserted
            if self.replacing {
                if try Aggregates.addName(
                    self.db, nameId: nameId, actorId: actorId, kind: kind, name: form, key: k, words: words,
                    acronyms: acronyms)
                {
                    self.memo?.inserted(kind: kind, key: k, actorId: actorId, matched: form)
                }
                try Aggregates.addForm(self.db, actorId: actorId, name: form, newInDocument: newInDocument)
            } else {
                let batch = self.batch
                let newKey = try Aggregates.addName(
                    self.db, nameId: nameId, actorId: actorId, kind: kind, name: form, key: k, words: words,
                    acronyms: acronyms
                ) { table, value in
                    self.deltas.nameEntry(BatchDeltas.NameEntry(table: table, kind: kind, value: value, actorId: actorId), batch: batch)
                }
                if newKey { self.memo?.inserted(kind: kind, key: k, actorId: actorId, matched: form) }
                self.deltas.addForm(actorId: actorId, name: form, newInDocument: newInDocument)
            }
        }
        return forms.map(\.key)
    }

    /// One (actor, kind, value) of a role, as a set key.
    static func roleKey(_ actorId: Int64, _ kind: String, _ value: String) -> String { "\(actorId)\u{1}\(kind)\u{1}\(value)" }

    /// A role row (`roleId`: its `rid`, ``Schema/roleRows(_:)``) in the actor's aggregates, when the actor is hot (v33,
    /// ``Aggregates/hasRoleAggregates(_:_:)``): another's roles are read from its rows, and a promotion to hot
    /// aggregates them all (``addPairs()``).
    private mutating func addRole(_ roleId: Int64, _ actorId: Int64, _ kind: String, _ value: String) throws {
        let newInDocument = self.rolesInDocument.insert(Self.roleKey(actorId, kind, value)).inserted
        guard try self.hotSet().contains(actorId) else { return }
        if self.replacing {
            try Aggregates.addRole(
                self.db, roleId: roleId, actorId: actorId, kind: kind, value: value, seen: self.digest.published,
                newInDocument: newInDocument)
        } else {
            self.deltas.addRole(
                roleId: roleId, actorId: actorId, kind: kind, value: value, seen: self.digest.published, newInDocument: newInDocument)
        }
    }

    /// Removes events from `relationAgg` (the inverse of ``Aggregates/addRelation``). A first or last date that
    /// was one of theirs is looked up again in the pair's events in date order (the v4 pair index).
    static func subtractRelations(
        _ db: Database, _ events: [(type: String, source: String, target: String, date: String?)]
    ) throws {
        let down = try db.cachedStatement(
            sql: """
                UPDATE relationAgg SET events = events - 1, outgoing = outgoing - ?4, incoming = incoming - ?5
                WHERE state = ?1 AND partner = ?2 AND type = ?3
                """)
        for e in events {
            try down.run([e.source, e.target, e.type, 1, 0])
            if e.target != e.source { try down.run([e.target, e.source, e.type, 0, 1]) }
        }
        // By key: `WHERE events <= 0` alone reads the whole table.
        let gone = try db.cachedStatement(
            sql: "DELETE FROM relationAgg WHERE state = ? AND partner = ? AND type = ? AND events <= 0")
        for e in events {
            try gone.run([e.source, e.target, e.type])
            try gone.run([e.target, e.source, e.type])
        }
        var done = Set<String>()
        for e in events {
            let (lo, hi) = e.source < e.target ? (e.source, e.target) : (e.target, e.source)
            guard let date = e.date, done.insert("\(lo)|\(hi)|\(e.type)").inserted,
                let row = try Row.fetchOne(
                    db, sql: "SELECT firstDate, lastDate FROM relationAgg WHERE state = ? AND partner = ? AND type = ?",
                    arguments: [lo, hi, e.type])
            else { continue }
            let (first, last): (String?, String?) = (row[0], row[1])
            guard first.map({ date <= $0 }) ?? true || last.map({ date >= $0 }) ?? true else { continue }
            let pair = "min(source, target) = ?1 AND max(source, target) = ?2 AND type = ?3 AND effDate IS NOT NULL"
            let newFirst = try String.fetchOne(
                db, sql: "SELECT effDate FROM event WHERE \(pair) ORDER BY effDate LIMIT 1",
                arguments: [lo, hi, e.type])
            let newLast = try String.fetchOne(
                db,
                sql: "SELECT effDate FROM event WHERE \(pair) ORDER BY effDate DESC LIMIT 1",
                arguments: [lo, hi, e.type])
            try db.execute(
                sql: """
                    UPDATE relationAgg SET firstDate = ?4, lastDate = ?5
                    WHERE ((state = ?1 AND partner = ?2) OR (state = ?2 AND partner = ?1)) AND type = ?3
                    """, arguments: [lo, hi, e.type, newFirst, newLast])
        }
    }

    /// The display name of actor `?1` from its main names (a person's or organization's `docActor` names that are forms:
    /// ``Schema/nameRows(_:)``), in the order of ``betterName``.
    static let displayName = """
        SELECT x.name FROM docActor x WHERE x.actorId = ?1 AND x.kind != 'state' AND x.formKey IS NOT NULL
        ORDER BY length(x.formKey) - length(replace(x.formKey, ' ', '')) DESC, length(x.name),
                 length(CAST(x.name AS BLOB)) DESC, x.id
        LIMIT 1
        """

    /// The display name and its key from every main name of the actor (the order of ``betterName``).
    static func recomputeName(_ db: Database, _ id: Int64) throws {
        try db.execute(
            sql: """
                UPDATE actor SET
                    name = COALESCE((\(Self.displayName)), name)
                WHERE id = ?1
                """, arguments: [id])
        try self.recomputeNameKey(db, id)
    }

    static func recomputeNameKey(_ db: Database, _ id: Int64) throws {
        if let row = try Row.fetchOne(db, sql: "SELECT kind, name FROM actor WHERE id = ?", arguments: [id]) {
            let kind: String = row["kind"]
            let name: String = row["name"]
            let key =
                switch kind {
                case "person": NameKey.person(name)
                case "organization": NameKey.organization(name)
                default: name.lowercased()
                }
            try db.execute(sql: "UPDATE actor SET nameKey = ? WHERE id = ?", arguments: [key, id])
        }
    }

    private mutating func refreshActor(_ id: Int64) throws {
        let used = try Bool.fetchOne(
            self.db,
            sql: """
                SELECT EXISTS (SELECT 1 FROM docActor WHERE actorId = ?1)
                    OR EXISTS (SELECT 1 FROM eventActor WHERE actorId = ?1)
                """, arguments: [id]) ?? false
        guard used else {
            try self.db.execute(sql: "DELETE FROM actor WHERE id = ?", arguments: [id])
            try self.db.execute(sql: "DELETE FROM hotActor WHERE actorId = ?", arguments: [id])
            self.cache.hot = nil
            return
        }
        try self.db.execute(
            sql: """
                UPDATE actor SET
                    name = COALESCE((\(Self.displayName)), name),
                    country = CASE WHEN kind = 'state' THEN country ELSE (\(Self.mostFrequentCountry)) END,
                    mentions = (SELECT COALESCE(SUM(mentions), 0) FROM docActor WHERE actorId = ?1),
                    documents = (SELECT COUNT(DISTINCT documentId) FROM docActor WHERE actorId = ?1),
                    firstSeen = (SELECT MIN(d.published) FROM docActor da JOIN document d ON d.id = da.documentId
                                 WHERE da.actorId = ?1),
                    lastSeen = (SELECT MAX(d.published) FROM docActor da JOIN document d ON d.id = da.documentId
                                WHERE da.actorId = ?1)
                WHERE id = ?1
                """, arguments: [id])
        try Self.recomputeNameKey(self.db, id)
    }

    /// A person's or organization's state (v26): the one its rows give most often (then the first by code), none
    /// when no row gives one. `?1` is the actor. Decided so on ingest, on replacement and by the migration alike.
    static let mostFrequentCountry = "SELECT country FROM actorCountry WHERE actorId = ?1 ORDER BY refs DESC, country LIMIT 1"

    /// Adds (`sign` 1) or takes away (-1) rows giving each state to an actor's counts (`actorCountry`).
    static func addCountries(_ db: Database, actorId: Int64, _ countries: [String: Int], sign: Int) throws {
        guard !countries.isEmpty else { return }
        let up = try db.cachedStatement(
            sql: "INSERT INTO actorCountry (actorId, country, refs) VALUES (?1, ?2, ?3) ON CONFLICT DO UPDATE SET refs = refs + ?3")
        let gone = try db.cachedStatement(sql: "DELETE FROM actorCountry WHERE actorId = ? AND country = ? AND refs <= 0")
        for (c, n) in countries.sorted(by: { $0.key < $1.key }) {
            try up.run([actorId, c, sign * n])
            if sign < 0 { try gone.run([actorId, c]) }
        }
    }

    /// Display-name order: most words once titles are dropped, then fewest characters (no title), then
    /// most bytes (diacritics). The same order as ``refreshActor(_:)``.
    static func betterName(_ a: String, than b: String, kind: String, keys: KeyMemo = KeyMemo()) -> Bool {
        func words(_ s: String) -> Int {
            NameKey.wordCount(kind == "person" ? keys.person(s) : keys.organization(s))
        }
        let (wa, wb) = (words(a), words(b))
        if wa != wb { return wa > wb }
        let (ca, cb) = (a.count, b.count)
        if ca != cb { return ca < cb }
        return a.utf8.count > b.utf8.count
    }

    /// Adds this document's contribution to an actor's cached counts, without reading its other documents.
    private mutating func applyGain(_ id: Int64, _ gain: Gain) throws {
        let published = self.digest.published
        try Self.addCountries(self.db, actorId: id, gain.countries, sign: 1)
        // What the update leaves is returned: no second read of the row.
        guard
            let (kind, current, documents) = try self.db.firstRow(
                """
                UPDATE actor SET
                    mentions = mentions + ?,
                    documents = documents + ?,
                    firstSeen = CASE WHEN ?3 IS NOT NULL AND (firstSeen IS NULL OR ?3 < firstSeen) THEN ?3 ELSE firstSeen END,
                    lastSeen = CASE WHEN ?3 IS NOT NULL AND (lastSeen IS NULL OR ?3 > lastSeen) THEN ?3 ELSE lastSeen END,
                    country = CASE WHEN ?4 AND kind != 'state' THEN (\(Self.mostFrequentCountry.replacingOccurrences(of: "?1", with: "?5"))) ELSE country END
                WHERE id = ?5 RETURNING kind, name, documents
                """,
                [gain.mentions, gain.inDocument ? 1 : 0, gain.inDocument ? published : nil, !gain.countries.isEmpty, id],
                { ($0.string(0), $0.string(1), $0.int(2)) })
        else { return }
        self.documentCounts[id] = documents
        guard !gain.mainNames.isEmpty, kind != "state" else { return }
        var best = current
        for name in gain.mainNames where Self.betterName(name, than: best, kind: kind, keys: self.keys) { best = name }
        if best != current {
            let key = kind == "person" ? self.keys.person(best) : self.keys.organization(best)
            try self.db.run(sql: "UPDATE actor SET name = ?, nameKey = ? WHERE id = ?", arguments: [best, key, id])
        }
    }

    /// ``applyGain(_:_:)`` for a new document: the batch's entry of the actor (its row read the first time the batch
    /// touches it) gains this document's counts, dates and states; its display name and state are decided as the
    /// per-digest update decided them, and written once per batch (``BatchDeltas``).
    private mutating func addGain(_ id: Int64, _ gain: Gain) throws {
        var g: BatchDeltas.ActorGain
        if let known = self.batch.actors[id] {
            g = known
        } else if let stored = try self.db.firstRow(
            "SELECT kind, name, documents, country FROM actor WHERE id = ?", [id],
            { BatchDeltas.ActorGain(kind: $0.string(0), name: $0.string(1), documents: $0.int(2), country: $0.optionalString(3)) })
        {
            g = stored
        } else {
            return
        }
        g.mentions += gain.mentions
        if gain.inDocument {
            g.documents += 1
            if let published = self.digest.published {
                if g.firstSeen.map({ published < $0 }) ?? true { g.firstSeen = published }
                if g.lastSeen.map({ published > $0 }) ?? true { g.lastSeen = published }
            }
        }
        if !gain.countries.isEmpty && g.kind != "state" {
            for (c, n) in gain.countries { g.countries[c, default: 0] += n }
            g.country = try self.mostFrequentCountry(id, g)
        }
        if !gain.mainNames.isEmpty && g.kind != "state" {
            for name in gain.mainNames where Self.betterName(name, than: g.name, kind: g.kind, keys: self.keys) { g.name = name }
        }
        self.deltas.actors[id] = g
    }

    /// ``mostFrequentCountry`` over the actor's stored counts and the batch's. When the stored state is the only one
    /// the batch adds (or there is none stored, and so no stored count), the stored counts are not read.
    private func mostFrequentCountry(_ id: Int64, _ g: BatchDeltas.ActorGain) throws -> String? {
        let stored = g.storedCountry
        if let stored, g.countries.keys.allSatisfy({ $0 == stored }) { return stored }
        var counts: [String: Int] = [:]
        if stored != nil {
            for (c, n) in try self.db.rows(
                "SELECT country, refs FROM actorCountry WHERE actorId = ?", [id], { ($0.string(0), $0.int(1)) })
            {
                counts[c] = n
            }
        }
        for (c, n) in g.countries { counts[c, default: 0] += n }
        return counts.min { a, b in a.value != b.value ? a.value > b.value : a.key < b.key }?.key
    }

    // MARK: - Events and stories

    private mutating func insertEvent(_ e: Event, ordinal: Int) throws {
        let source = e.source?.uppercased()
        let target = e.target?.uppercased()
        let effDate = e.date ?? self.digest.published
        let day = ISODay.number(effDate)
        let storyId = try self.assignStory(type: e.type, source: source, target: target, day: day)
        let contextJSON = "[" + e.context.map { JSONText.quoted($0) }.joined(separator: ",") + "]"
        if !self.replacing {
            var g = self.storyGains[storyId] ?? StoryGain()
            g.mentions += 1
            if let m = e.mode { g.modes[m, default: 0] += 1 }
            if let d = effDate {
                if g.firstDate.map({ d < $0 }) ?? true { g.firstDate = d }
                if g.lastDate.map({ d > $0 }) ?? true { g.lastDate = d }
            }
            self.storyGains[storyId] = g
        } else {
            self.storyGains[storyId] = self.storyGains[storyId] ?? StoryGain()
        }
        if self.replacing {
            try Aggregates.addRelation(self.db, type: e.type, source: source, target: target, effDate: effDate)
        } else {
            self.deltas.addRelation(type: e.type, source: source, target: target, effDate: effDate)
        }
        self.effKey = effDate ?? ""
        try self.db.run(
            sql: """
                INSERT INTO event (documentId, ordinal, type, mode, context, source, target, date, effDate, day,
                    actorText, recipientText, sentence, triggerSentence, triggerStart, triggerEnd,
                    triggerText, confidence, storyId)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                self.documentId, ordinal, e.type, e.mode, contextJSON, source, target, e.date, effDate, day,
                e.actorText, e.recipientText, e.sentence, e.trigger.sentence, e.trigger.start,
                e.trigger.end, e.triggerText, e.confidence, storyId,
            ])
        let eventId = self.db.lastInsertedRowID
        self.eventActors = []
        for (code, role) in [(source, "source"), (target, "target")] {
            guard let code, !code.isEmpty else { continue }
            let stateId = try self.stateActor(code) ?? self.createState(code)
            try self.link(eventId, stateId, role)
        }
        for (text, role) in [(e.actorText, "actor"), (e.recipientText, "recipient")] {
            guard let text, !text.isEmpty else { continue }
            let folded = self.keys.fold(text)
            for a in self.textActors where a.keys.contains(where: { $0.count >= 2 && NameKey.containsWords(folded, $0) }) {
                try self.link(eventId, a.actorId, role)
            }
        }
        // The participants (v24), each linked to its actor; persons and organizations also as linked actors.
        let participants = try self.db.cachedStatement(
            sql: """
                INSERT OR IGNORE INTO eventParticipant (eventId, role, ordinal, kind, name, country, sector, actorId, effKey)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for (role, list) in [("actor", e.actors), ("recipient", e.recipients)] {
            for (i, p) in list.enumerated() {
                let code = p.country?.uppercased()
                var actorId: Int64?
                if p.kind == .state {
                    if let code, !code.isEmpty { actorId = try self.stateActor(code) ?? self.createState(code) }
                } else {
                    actorId = self.namedActors[p.kind.rawValue + "\u{1}" + p.name]
                }
                try participants.run([eventId, role, i, p.kind.rawValue, p.name, code, p.sector, actorId, self.effKey])
                if let actorId, p.kind != .state { try self.link(eventId, actorId, role) }
            }
        }
        // The profiles' copies (v17): among the latest 20 events of each of its actors, the 21st goes.
        // In id order, as the copies' fill queries list them (a `Set`'s order changes from one process to the next).
        let linked = Set(self.eventActors).sorted()
        let actorList = linked.map(String.init).joined(separator: ",")
        for actor in linked {
            let row: [(any DatabaseValueConvertible)?] = [
                effDate ?? "", eventId, self.digest.doc, e.type, e.mode, source, target, e.date, e.confidence,
                self.documentId, e.sentence, e.triggerText, storyId, e.trigger.sentence, e.trigger.start,
                e.trigger.end, e.actorText, e.recipientText, effDate, actorList,
            ]
            if self.replacing {
                try Aggregates.CappedCopy.recent.add(self.db, actorId: actor, row)
            } else {
                self.deltas.addRecent(actorId: actor, effKey: effDate ?? "", eventId: eventId, row)
            }
        }
        // The timeline's copy of an event between two states (v14, ``Schema/pairEventFill``).
        if let source, let target, let effDate {
            try self.db.run(
                sql: """
                    INSERT INTO pairEvent (lo, hi, effDate, eventId, doc, type, mode, source, target, date, confidence,
                        documentId, sentence, triggerText, storyId, triggerSentence, triggerStart, triggerEnd, actorText,
                        recipientText, actors)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    min(source, target), max(source, target), effDate, eventId, self.digest.doc, e.type, e.mode, source,
                    target, e.date, e.confidence, self.documentId, e.sentence, e.triggerText, storyId,
                    e.trigger.sentence, e.trigger.start, e.trigger.end, e.actorText, e.recipientText, actorList,
                ])
        }
    }

    private mutating func link(_ eventId: Int64, _ actorId: Int64, _ role: String) throws {
        try self.db.run(
            sql: "INSERT OR IGNORE INTO eventActor (eventId, actorId, role, effKey) VALUES (?, ?, ?, ?)",
            arguments: [eventId, actorId, role, self.effKey])
        self.eventActors.append(actorId)
        _ = self.gains[actorId, default: Gain()]
    }

    /// The story an event joins: same type, same states (unordered for symmetric types), a date within the
    /// window of the story's dates. Undated events, and events with no state, get a story of their own.
    private mutating func assignStory(type: String, source: String?, target: String?, day: Int?) throws -> Int64 {
        var (a, b) = (source, target)
        if PloverType(rawValue: type)?.isSymmetric == true, let s = a, let t = b, t < s { (a, b) = (t, s) }
        if let day, a != nil || b != nil {
            let w = self.storyWindowDays
            // No story spans more than `storySpan` days (v16), so the ones within the window start at most that
            // much before it: the index range stops there instead of reading every older story of the key.
            if self.storySpan == nil {
                self.storySpan = try self.db.firstRow("SELECT n FROM counter WHERE name = 'storySpan'", [], { $0.int(0) }) ?? 0
            }
            let span = self.storySpan ?? 0
            if let (id, first, last) = try self.db.firstRow(
                """
                SELECT id, firstDay, lastDay FROM story
                WHERE type = ? AND source IS ? AND target IS ? AND firstDay IS NOT NULL
                  AND firstDay >= ? AND firstDay <= ? AND lastDay >= ?
                ORDER BY MIN(ABS(firstDay - ?), ABS(lastDay - ?)), id LIMIT 1
                """, [type, a, b, day - w - span, day + w, day - w, day, day], { ($0.int64(0), $0.int(1), $0.int(2)) })
            {
                try self.db.run(
                    sql: "UPDATE story SET firstDay = MIN(firstDay, ?1), lastDay = MAX(lastDay, ?1) WHERE id = ?2",
                    arguments: [day, id])
                let grown = max(last, day) - min(first, day)
                if grown > span {
                    try self.db.run(sql: "UPDATE counter SET n = MAX(n, ?) WHERE name = 'storySpan'", arguments: [grown])
                    self.storySpan = grown
                }
                self.touchedStories.insert(id)
                return id
            }
        }
        try self.db.run(
            sql: "INSERT INTO story (type, source, target, firstDay, lastDay) VALUES (?, ?, ?, ?, ?)",
            arguments: [type, a, b, day, day])
        let id = self.db.lastInsertedRowID
        self.touchedStories.insert(id)
        return id
    }

    private func refreshStory(_ id: Int64) throws {
        try self.db.execute(
            sql: """
                UPDATE story SET
                    mentions = (SELECT COUNT(*) FROM event WHERE storyId = ?1),
                    documents = (SELECT COUNT(DISTINCT documentId) FROM event WHERE storyId = ?1),
                    sources = (SELECT COUNT(DISTINCT COALESCE(d.source, d.doc)) FROM event e
                               JOIN document d ON d.id = e.documentId WHERE e.storyId = ?1),
                    firstDay = (SELECT MIN(day) FROM event WHERE storyId = ?1),
                    lastDay = (SELECT MAX(day) FROM event WHERE storyId = ?1),
                    firstDate = (SELECT MIN(effDate) FROM event WHERE storyId = ?1),
                    lastDate = (SELECT MAX(effDate) FROM event WHERE storyId = ?1),
                    mode = (SELECT mode FROM event WHERE storyId = ?1 AND mode IS NOT NULL
                            GROUP BY mode ORDER BY COUNT(*) DESC, mode LIMIT 1)
                WHERE id = ?1
                """, arguments: [id])
        try self.db.execute(sql: "DELETE FROM story WHERE id = ? AND mentions = 0", arguments: [id])
    }
}

/// Where the writer's time goes, by phase (``StoreDiagnostics/traceBatches`` prints it per batch). Measurement
/// aid; process-wide, on once any store of the process asked for it.
enum IngestTimer {
    private static let on = Atomic<Bool>(false)
    static var enabled: Bool { self.on.load(ordering: .relaxed) }
    static func enable(_ yes: Bool) { if yes { self.on.store(true, ordering: .relaxed) } }
    static let names = ["batch-flush", "persons", "orgs", "countries", "events", "finish"]
    static let totals = Mutex([Duration](repeating: .zero, count: 6))

    struct Lap {
        var last = Self.now()
        static func now() -> ContinuousClock.Instant? { IngestTimer.enabled ? ContinuousClock.now : nil }
        mutating func lap(_ i: Int) {
            guard let l = self.last else { return }
            let n = ContinuousClock.now
            IngestTimer.totals.withLock { $0[i] += n - l }
            self.last = n
        }
    }

    /// CPU time of the calling thread (the writer's), in microseconds, when tracing; 0 otherwise. Unlike wall time it
    /// does not grow when other processes hold the cores.
    static func threadCPU() -> Int64 {
        guard self.enabled else { return 0 }
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Int64(t.tv_sec) * 1_000_000 + Int64(t.tv_nsec) / 1000
    }

    private static let writerMicros = Atomic<Int64>(0)

    static func addWriterCPU(since start: Int64) {
        guard self.enabled else { return }
        self.writerMicros.add(self.threadCPU() - start, ordering: .relaxed)
    }

    /// The writer's CPU per digest since the last report (microseconds).
    static func writerCPU(docs: Int) -> Int64 {
        self.writerMicros.exchange(0, ordering: .relaxed) / Int64(max(docs, 1))
    }

    static func report(docs: Int) -> String {
        let t = self.totals.withLock { v -> [Duration] in
            defer { v = [Duration](repeating: .zero, count: 6) }
            return v
        }
        return zip(self.names, t).map { n, d in
            "\(n) \(Int((Double(d.components.attoseconds) / 1e12 + Double(d.components.seconds) * 1e6) / Double(max(docs, 1))))us"
        }.joined(separator: " ")
    }
}
