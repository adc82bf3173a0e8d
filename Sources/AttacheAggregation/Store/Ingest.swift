import AttacheContracts
import GRDB

/// Writes one digest inside a write transaction: the document, its sentences, its persons, organizations
/// and states resolved to actors across documents, its events grouped into stories. Then refreshes the
/// cached counts of every actor and story it touched (including those of a replaced version).
struct Ingest {
    let db: Database
    let digest: Digest
    let storyWindowDays: Int
    private(set) var documentId: Int64 = 0
    /// Actors whose facts were removed (a replaced version): their cached counts are recomputed in full.
    private var recountActors: Set<Int64> = []
    /// Actors this document adds facts to: their cached counts are updated incrementally.
    private var gains: [Int64: Gain] = [:]
    private var touchedStories: Set<Int64> = []

    /// What this document adds to one actor.
    private struct Gain {
        var mentions = 0
        var inDocument = false
        var mainNames: [String] = []
        var country: String?
    }
    /// Name keys of this document's persons and organizations, to link events to them by their text.
    private var textActors: [(actorId: Int64, keys: [String])] = []

    init(db: Database, digest: Digest, storyWindowDays: Int) {
        self.db = db
        self.digest = digest
        self.storyWindowDays = storyWindowDays
    }

    /// Deletes a stored version of the document with all its facts (cascading), remembering what it touched.
    mutating func removeDocument(id: Int64) throws {
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
        self.recountActors.formUnion(actors)
        self.recountActors.formUnion(eventActors)
        self.touchedStories.formUnion(stories)
        try self.db.execute(sql: "DELETE FROM document WHERE id = ?", arguments: [id])
    }

    mutating func insert(json: String, storedAt: Int64) throws {
        let d = self.digest
        let c = d.counts
        try self.db.execute(
            sql: """
                INSERT INTO document (doc, published, title, source, contentHash, length, storedAt, nSentences,
                    nPersons, nOrganizations, nCountries, nDates, nQuantities, nEvents, digest)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                d.doc, d.published, d.title, d.source, d.contentHash, d.length, storedAt, c.sentences, c.persons,
                c.organizations, c.countries, c.dates, c.quantities, c.events, json,
            ])
        self.documentId = self.db.lastInsertedRowID
        for s in d.sentences {
            try self.db.execute(
                sql: "INSERT OR IGNORE INTO sentence (documentId, idx, start, \"end\", text) VALUES (?, ?, ?, ?, ?)",
                arguments: [self.documentId, s.index, s.start, s.end, s.text])
        }
        for (i, p) in d.persons.enumerated() { try self.insertPerson(p, ordinal: i) }
        for (i, o) in d.organizations.enumerated() { try self.insertOrganization(o, ordinal: i) }
        for (i, c) in d.countries.enumerated() { try self.insertCountry(c, ordinal: i) }
        var sentenceText: [Int: String] = [:]
        for s in d.sentences { sentenceText[s.index] = s.text }
        for (i, e) in d.events.enumerated() { try self.insertEvent(e, ordinal: i, sentence: sentenceText[e.sentence] ?? "") }
    }

    /// Refreshes cached counts; deletes actors and stories nothing refers to any more.
    mutating func finish() throws {
        for id in self.touchedStories.sorted() { try self.refreshStory(id) }
        for id in self.recountActors.sorted() { try self.refreshActor(id) }
        for (id, gain) in self.gains.sorted(by: { $0.key < $1.key }) where !self.recountActors.contains(id) {
            try self.applyGain(id, gain)
        }
    }

    // MARK: - Actors

    private mutating func insertPerson(_ p: Person, ordinal: Int) throws {
        let r = try Resolver(db: self.db).person(p)
        let actorId = try r.actorId ?? self.createActor(kind: "person", name: p.name, key: NameKey.person(p.name), country: p.country)
        let daId = try self.insertDocActor(
            actorId: actorId, kind: "person", ordinal: ordinal, name: p.name, country: p.country, rank: p.rank,
            rule: r.rule, evidence: r.evidence)
        let keys = try self.insertNames(
            docActorId: daId, actorId: actorId, kind: "person", forms: [p.name] + p.aliases, key: NameKey.person)
        if let rank = p.rank, !rank.isEmpty { try self.insertRole(daId, actorId, "rank", rank) }
        for role in p.roles where !role.isEmpty { try self.insertRole(daId, actorId, "role", role) }
        try self.insertMentions(daId, actorId, p.mentions)
        self.textActors.append((actorId, keys))
    }

    private mutating func insertOrganization(_ o: Organization, ordinal: Int) throws {
        let r = try Resolver(db: self.db).organization(o)
        let actorId = try r.actorId
            ?? self.createActor(kind: "organization", name: o.name, key: NameKey.organization(o.name), country: o.country)
        let daId = try self.insertDocActor(
            actorId: actorId, kind: "organization", ordinal: ordinal, name: o.name, country: o.country, rank: nil,
            rule: r.rule, evidence: r.evidence)
        let keys = try self.insertNames(
            docActorId: daId, actorId: actorId, kind: "organization", forms: [o.name] + o.aliases,
            key: NameKey.organization)
        try self.insertMentions(daId, actorId, o.mentions)
        self.textActors.append((actorId, keys))
    }

    private mutating func insertCountry(_ c: Country, ordinal: Int) throws {
        let code = c.code.uppercased()
        let existing = try self.stateActor(code)
        let actorId = try existing ?? self.createActor(kind: "state", name: code, key: code.lowercased(), country: code)
        let names = c.names.isEmpty ? code : c.names.joined(separator: ", ")
        let daId = try self.insertDocActor(
            actorId: actorId, kind: "state", ordinal: ordinal, name: c.names.first ?? code, country: code, rank: nil,
            rule: existing == nil ? "new" : "iso-code",
            evidence: existing == nil
                ? "first document naming state \(code) (\(names))"
                : "same ISO code \(code) as actor #\(actorId) (written here: \(names))")
        _ = try self.insertNames(
            docActorId: daId, actorId: actorId, kind: "state", forms: c.names.isEmpty ? [code] : c.names,
            key: NameKey.fold, main: false)
        try self.insertMentions(daId, actorId, c.mentions)
    }

    private func stateActor(_ code: String) throws -> Int64? {
        try Int64.fetchOne(
            self.db, sql: "SELECT id FROM actor WHERE kind = 'state' AND nameKey = ? ORDER BY id LIMIT 1",
            arguments: [code.lowercased()])
    }

    private mutating func createActor(kind: String, name: String, key: String, country: String?) throws -> Int64 {
        try self.db.execute(
            sql: "INSERT INTO actor (kind, name, nameKey, country) VALUES (?, ?, ?, ?)",
            arguments: [kind, name, key, country?.uppercased()])
        let id = self.db.lastInsertedRowID
        self.gains[id, default: Gain()].mainNames.append(name)
        return id
    }

    private mutating func insertDocActor(
        actorId: Int64, kind: String, ordinal: Int, name: String, country: String?, rank: String?, rule: String,
        evidence: String
    ) throws -> Int64 {
        try self.db.execute(
            sql: """
                INSERT INTO docActor (documentId, actorId, kind, ordinal, name, country, rank, rule, evidence)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [self.documentId, actorId, kind, ordinal, name, country?.uppercased(), rank, rule, evidence])
        self.gains[actorId, default: Gain()].inDocument = true
        if kind != "state" { self.gains[actorId, default: Gain()].mainNames.append(name) }
        if let country, self.gains[actorId]?.country == nil { self.gains[actorId]?.country = country.uppercased() }
        return self.db.lastInsertedRowID
    }

    /// Inserts the distinct name forms (by key); the first is the main name. Returns their keys.
    private func insertNames(
        docActorId: Int64, actorId: Int64, kind: String, forms: [String], key: (String) -> String, main: Bool = true
    ) throws -> [String] {
        var seen: [String] = []
        for (i, form) in forms.enumerated() {
            let k = key(form)
            guard !k.isEmpty, !seen.contains(k) else { continue }
            seen.append(k)
            let acronyms = kind == "organization" ? NameKey.acronyms(form) : []
            try self.db.execute(
                sql: """
                    INSERT INTO actorName (docActorId, actorId, kind, isMain, name, nameKey, words, acronym1, acronym2)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    docActorId, actorId, kind, main && i == 0, form, k, NameKey.wordCount(k), acronyms.first,
                    acronyms.count > 1 ? acronyms[1] : nil,
                ])
            let nameId = self.db.lastInsertedRowID
            if NameKey.wordCount(k) > 1 {
                for word in Set(k.split(separator: " ").map(String.init)).sorted() {
                    try self.db.execute(
                        sql: "INSERT INTO actorNameWord (actorNameId, actorId, kind, word) VALUES (?, ?, ?, ?)",
                        arguments: [nameId, actorId, kind, word])
                }
            }
        }
        return seen
    }

    private func insertRole(_ docActorId: Int64, _ actorId: Int64, _ kind: String, _ value: String) throws {
        try self.db.execute(
            sql: "INSERT INTO actorRole (docActorId, actorId, kind, value, seen) VALUES (?, ?, ?, ?, ?)",
            arguments: [docActorId, actorId, kind, value, self.digest.published])
    }

    private mutating func insertMentions(_ docActorId: Int64, _ actorId: Int64, _ spans: [Span]) throws {
        self.gains[actorId, default: Gain()].mentions += spans.count
        for s in spans {
            try self.db.execute(
                sql: "INSERT INTO mention (docActorId, actorId, sentence, start, \"end\") VALUES (?, ?, ?, ?, ?)",
                arguments: [docActorId, actorId, s.sentence, s.start, s.end])
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
            return
        }
        try self.db.execute(
            sql: """
                UPDATE actor SET
                    name = COALESCE((SELECT name FROM actorName WHERE actorId = ?1 AND isMain = 1
                                     ORDER BY words DESC, length(name), length(CAST(name AS BLOB)) DESC, id
                                     LIMIT 1), name),
                    country = COALESCE((SELECT country FROM docActor WHERE actorId = ?1 AND country IS NOT NULL
                                        GROUP BY country ORDER BY COUNT(*) DESC, country LIMIT 1), country),
                    mentions = (SELECT COUNT(*) FROM mention WHERE actorId = ?1),
                    documents = (SELECT COUNT(DISTINCT documentId) FROM docActor WHERE actorId = ?1),
                    firstSeen = (SELECT MIN(d.published) FROM docActor da JOIN document d ON d.id = da.documentId
                                 WHERE da.actorId = ?1),
                    lastSeen = (SELECT MAX(d.published) FROM docActor da JOIN document d ON d.id = da.documentId
                                WHERE da.actorId = ?1)
                WHERE id = ?1
                """, arguments: [id])
        if let row = try Row.fetchOne(self.db, sql: "SELECT kind, name FROM actor WHERE id = ?", arguments: [id]) {
            let kind: String = row["kind"]
            let name: String = row["name"]
            let key =
                switch kind {
                case "person": NameKey.person(name)
                case "organization": NameKey.organization(name)
                default: name.lowercased()
                }
            try self.db.execute(sql: "UPDATE actor SET nameKey = ? WHERE id = ?", arguments: [key, id])
        }
    }

    /// Display-name order: most words once titles are dropped, then fewest characters (no title), then
    /// most bytes (diacritics). The same order as ``refreshActor(_:)``.
    static func betterName(_ a: String, than b: String, kind: String) -> Bool {
        func words(_ s: String) -> Int {
            NameKey.wordCount(kind == "person" ? NameKey.person(s) : NameKey.organization(s))
        }
        let (wa, wb) = (words(a), words(b))
        if wa != wb { return wa > wb }
        let (ca, cb) = (a.count, b.count)
        if ca != cb { return ca < cb }
        return a.utf8.count > b.utf8.count
    }

    /// Adds this document's contribution to an actor's cached counts, without reading its other documents.
    private func applyGain(_ id: Int64, _ gain: Gain) throws {
        let published = self.digest.published
        try self.db.execute(
            sql: """
                UPDATE actor SET
                    mentions = mentions + ?,
                    documents = documents + ?,
                    firstSeen = CASE WHEN ?3 IS NOT NULL AND (firstSeen IS NULL OR ?3 < firstSeen) THEN ?3 ELSE firstSeen END,
                    lastSeen = CASE WHEN ?3 IS NOT NULL AND (lastSeen IS NULL OR ?3 > lastSeen) THEN ?3 ELSE lastSeen END,
                    country = COALESCE(country, ?4)
                WHERE id = ?5
                """,
            arguments: [gain.mentions, gain.inDocument ? 1 : 0, gain.inDocument ? published : nil, gain.country, id])
        guard !gain.mainNames.isEmpty,
            let row = try Row.fetchOne(self.db, sql: "SELECT kind, name FROM actor WHERE id = ?", arguments: [id])
        else { return }
        let kind: String = row["kind"]
        guard kind != "state" else { return }
        var best: String = row["name"]
        for name in gain.mainNames where Self.betterName(name, than: best, kind: kind) { best = name }
        if best != row["name"] {
            let key = kind == "person" ? NameKey.person(best) : NameKey.organization(best)
            try self.db.execute(sql: "UPDATE actor SET name = ?, nameKey = ? WHERE id = ?", arguments: [best, key, id])
        }
    }

    // MARK: - Events and stories

    private mutating func insertEvent(_ e: Event, ordinal: Int, sentence: String) throws {
        let source = e.source?.uppercased()
        let target = e.target?.uppercased()
        let effDate = e.date ?? self.digest.published
        let day = ISODay.number(effDate)
        let storyId = try self.assignStory(type: e.type, source: source, target: target, day: day)
        let contextJSON = "[" + e.context.map { Self.jsonString($0) }.joined(separator: ",") + "]"
        try self.db.execute(
            sql: """
                INSERT INTO event (documentId, ordinal, type, mode, context, source, target, date, effDate, day,
                    actorText, recipientText, sentence, sentenceText, triggerSentence, triggerStart, triggerEnd,
                    triggerText, confidence, storyId)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                self.documentId, ordinal, e.type, e.mode, contextJSON, source, target, e.date, effDate, day,
                e.actorText, e.recipientText, e.sentence, sentence, e.trigger.sentence, e.trigger.start,
                e.trigger.end, e.triggerText, e.confidence, storyId,
            ])
        let eventId = self.db.lastInsertedRowID
        for (code, role) in [(source, "source"), (target, "target")] {
            guard let code, !code.isEmpty else { continue }
            let stateId = try self.stateActor(code) ?? self.createActor(kind: "state", name: code, key: code.lowercased(), country: code)
            try self.link(eventId, stateId, role)
        }
        for (text, role) in [(e.actorText, "actor"), (e.recipientText, "recipient")] {
            guard let text, !text.isEmpty else { continue }
            let folded = NameKey.fold(text)
            for a in self.textActors where a.keys.contains(where: { $0.count >= 2 && NameKey.containsWords(folded, $0) }) {
                try self.link(eventId, a.actorId, role)
            }
        }
    }

    private mutating func link(_ eventId: Int64, _ actorId: Int64, _ role: String) throws {
        try self.db.execute(
            sql: "INSERT OR IGNORE INTO eventActor (eventId, actorId, role) VALUES (?, ?, ?)",
            arguments: [eventId, actorId, role])
        _ = self.gains[actorId, default: Gain()]
    }

    /// The story an event joins: same type, same states (unordered for symmetric types), a date within the
    /// window of the story's dates. Undated events, and events with no state, get a story of their own.
    private mutating func assignStory(type: String, source: String?, target: String?, day: Int?) throws -> Int64 {
        var (a, b) = (source, target)
        if PloverType(rawValue: type)?.isSymmetric == true, let s = a, let t = b, t < s { (a, b) = (t, s) }
        if let day, a != nil || b != nil {
            let w = self.storyWindowDays
            if let id = try Int64.fetchOne(
                self.db,
                sql: """
                    SELECT id FROM story
                    WHERE type = ? AND source IS ? AND target IS ? AND firstDay IS NOT NULL
                      AND firstDay <= ? AND lastDay >= ?
                    ORDER BY MIN(ABS(firstDay - ?), ABS(lastDay - ?)), id LIMIT 1
                    """, arguments: [type, a, b, day + w, day - w, day, day])
            {
                try self.db.execute(
                    sql: "UPDATE story SET firstDay = MIN(firstDay, ?1), lastDay = MAX(lastDay, ?1) WHERE id = ?2",
                    arguments: [day, id])
                self.touchedStories.insert(id)
                return id
            }
        }
        try self.db.execute(
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

    static func jsonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                        + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
