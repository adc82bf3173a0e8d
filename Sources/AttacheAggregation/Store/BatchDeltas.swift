import GRDB

/// What the new documents of one derived batch add to the counters and aggregates that nothing reads while the
/// batch is derived (only queries, which see the batch once it commits, and the replacement path, which
/// ``flush(_:)`` runs before). Accumulated in memory by key; ``flush(_:)`` writes one upsert per distinct key, in
/// key order, instead of one per fact.
///
/// The result equals applying each fact's upsert in turn:
/// - sums (`refs`, `rows`, `docs`, `events`, `mentions`) add up;
/// - first and last dates are the minimum and maximum of the dates given (none given: unchanged);
/// - `actorRoleAgg`'s latest row (`topKey`, `topId`) is the highest row id among the rows with the highest date,
///   since role rows are numbered in the order the writer names them (v30, ``Schema/roleRows(_:)``; each fact's
///   upsert took a row whose date was at least the latest);
/// - a story's mode is the most frequent once its counts are added, as after the last document that had one;
/// - a capped copy (``Aggregates/CappedCopy``) keeps the first 20 of its rows and the batch's, which is what adding
///   the batch's 20 best in order gives.
///
/// Names (`nameKey`, `nameWord`, `nameAcronym`) are read by resolution in the batch: the first time a batch
/// names an (entry, actor) its upsert runs at once (``Ingest``), later times only add to its `refs` here.
struct BatchDeltas {
    struct RelationKey: Hashable, Comparable {
        var state: String
        var partner: String
        var type: String
        static func < (a: Self, b: Self) -> Bool { (a.state, a.partner, a.type) < (b.state, b.partner, b.type) }
    }
    struct Relation {
        var events = 0
        var outgoing = 0
        var incoming = 0
        var firstDate: String?
        var lastDate: String?
    }
    struct ActorText: Hashable, Comparable {
        var actorId: Int64
        var text: String
        static func < (a: Self, b: Self) -> Bool { (a.actorId, a.text) < (b.actorId, b.text) }
    }
    struct Form {
        var rows = 0
        var docs = 0
    }
    struct RoleKey: Hashable, Comparable {
        var actorId: Int64
        var kind: String
        var value: String
        static func < (a: Self, b: Self) -> Bool { (a.actorId, a.kind, a.value) < (b.actorId, b.kind, b.value) }
    }
    struct Role {
        var firstSeen: String?
        var lastSeen: String?
        var docs = 0
        var topKey = ""
        var topId: Int64 = 0
    }
    struct Story {
        var mentions = 0
        var documents = 0
        var sources: [String: Int] = [:]
        var modes: [String: Int] = [:]
        var firstDate: String?
        var lastDate: String?
    }
    struct Pair: Hashable, Comparable {
        var actorId: Int64
        var otherId: Int64
        static func < (a: Self, b: Self) -> Bool { (a.actorId, a.otherId) < (b.actorId, b.otherId) }
    }
    /// An entry of a name lookup table (`nameKey`: value is the key; `nameWord`: a word; `nameAcronym`).
    struct NameEntry: Hashable, Comparable {
        var table: String
        var kind: String
        var value: String
        var actorId: Int64
        static func < (a: Self, b: Self) -> Bool { (a.table, a.kind, a.value, a.actorId) < (b.table, b.kind, b.value, b.actorId) }
    }
    /// A row for a capped copy, with its sort key.
    struct CopyRow {
        var key: CopyKey
        var values: [(any DatabaseValueConvertible)?]
    }
    /// `actorRecent`: (effKey, eventId) descending.
    struct CopyKey: Comparable {
        var text: String
        var text2: String
        var number: Int64
        static func < (a: Self, b: Self) -> Bool { (a.text, a.text2, a.number) < (b.text, b.text2, b.number) }
    }

    /// An actor's row as the batch found it (read once per batch), and what the batch's documents add to it so far:
    /// counts and dates, the states its rows give, and the display name and state they leave (``Ingest``
    /// computes them as the per-digest update did; resolution and the hot threshold read them through
    /// ``view(_:)``).
    struct ActorGain {
        var kind: String
        var storedName: String
        var storedDocuments: Int
        var storedCountry: String?
        var mentions = 0
        var documents = 0
        var firstSeen: String?
        var lastSeen: String?
        var countries: [String: Int] = [:]
        var name: String
        var country: String?

        init(kind: String, name: String, documents: Int, country: String?) {
            (self.kind, self.storedName, self.storedDocuments, self.storedCountry) = (kind, name, documents, country)
            (self.name, self.country) = (name, country)
        }
    }
    /// What resolution sees of an actor the batch changed.
    struct ActorView {
        var name: String
        var documents: Int
        var country: String?
    }

    var actors: [Int64: ActorGain] = [:]
    var relations: [RelationKey: Relation] = [:]
    var forms: [ActorText: Form] = [:]
    var rules: [ActorText: Int] = [:]
    var roles: [RoleKey: Role] = [:]
    var stories: [Int64: Story] = [:]
    var pairs: [Pair: Int] = [:]
    /// Name entries upserted in this batch (the first time), and the refs added to them since.
    var namesSeen: Set<NameEntry> = []
    var nameRefs: [NameEntry: Int] = [:]
    var recent: [Int64: [CopyRow]] = [:]

    func view(_ id: Int64) -> ActorView? {
        guard let g = self.actors[id] else { return nil }
        return ActorView(name: g.name, documents: g.storedDocuments + g.documents, country: g.country)
    }

    var isEmpty: Bool {
        self.actors.isEmpty && self.relations.isEmpty && self.forms.isEmpty && self.rules.isEmpty && self.roles.isEmpty && self.stories.isEmpty
            && self.pairs.isEmpty && self.namesSeen.isEmpty && self.recent.isEmpty
    }

    // MARK: - Adding facts

    fileprivate static func earlier(_ a: String?, _ b: String?) -> String? {
        guard let a else { return b }
        guard let b else { return a }
        return min(a, b)
    }

    fileprivate static func later(_ a: String?, _ b: String?) -> String? {
        guard let a else { return b }
        guard let b else { return a }
        return max(a, b)
    }

    /// One event between two states (``Aggregates/addRelation``).
    mutating func addRelation(type: String, source: String?, target: String?, effDate: String?) {
        guard let s = source, let t = target else { return }
        func add(_ key: RelationKey, out: Int, in inc: Int) {
            var r = self.relations[key] ?? Relation()
            r.events += 1
            r.outgoing += out
            r.incoming += inc
            r.firstDate = Self.earlier(r.firstDate, effDate)
            r.lastDate = Self.later(r.lastDate, effDate)
            self.relations[key] = r
        }
        add(RelationKey(state: s, partner: t, type: type), out: 1, in: 0)
        if t != s { add(RelationKey(state: t, partner: s, type: type), out: 0, in: 1) }
    }

    mutating func addForm(actorId: Int64, name: String, newInDocument: Bool) {
        let key = ActorText(actorId: actorId, text: name)
        var f = self.forms[key] ?? Form()
        f.rows += 1
        f.docs += newInDocument ? 1 : 0
        self.forms[key] = f
    }

    mutating func addRule(actorId: Int64, rule: String) {
        self.rules[ActorText(actorId: actorId, text: rule), default: 0] += 1
    }

    mutating func addRole(roleId: Int64, actorId: Int64, kind: String, value: String, seen: String?, newInDocument: Bool) {
        let key = RoleKey(actorId: actorId, kind: kind, value: value)
        let k = seen ?? ""
        if var r = self.roles[key] {
            r.firstSeen = Self.earlier(r.firstSeen, seen)
            r.lastSeen = Self.later(r.lastSeen, seen)
            r.docs += newInDocument ? 1 : 0
            if k >= r.topKey { (r.topKey, r.topId) = (k, roleId) }
            self.roles[key] = r
        } else {
            self.roles[key] = Role(firstSeen: seen, lastSeen: seen, docs: newInDocument ? 1 : 0, topKey: k, topId: roleId)
        }
    }

    /// One new document's events in a story: `mentions` events, `modes` counted, dates, its source.
    mutating func addStory(_ id: Int64, source: String, mentions: Int, modes: [String: Int], firstDate: String?, lastDate: String?) {
        var s = self.stories[id] ?? Story()
        s.mentions += mentions
        s.documents += 1
        s.sources[source, default: 0] += 1
        for (m, n) in modes { s.modes[m, default: 0] += n }
        s.firstDate = Self.earlier(s.firstDate, firstDate)
        s.lastDate = Self.later(s.lastDate, lastDate)
        self.stories[id] = s
    }

    mutating func addPair(_ actorId: Int64, _ otherId: Int64) {
        self.pairs[Pair(actorId: actorId, otherId: otherId), default: 0] += 1
    }

    mutating func addRecent(actorId: Int64, effKey: String, eventId: Int64, _ values: [(any DatabaseValueConvertible)?]) {
        self.recent[actorId, default: []].append(CopyRow(key: CopyKey(text: effKey, text2: "", number: eventId), values: values))
    }

    // MARK: - Writing

    /// Writes everything accumulated, one statement per distinct key in key order, and empties it.
    mutating func flush(_ db: Database) throws {
        guard !self.isEmpty else { return }
        try self.flushActors(db)
        try self.flushNames(db)
        try self.flushActorTables(db)
        try self.flushRelations(db)
        try self.flushStories(db)
        try self.flushPairs(db)
        try self.flushCopies(db)
        self = BatchDeltas()
    }

    /// One update per actor: its counts, dates, state (its counts first) and display name.
    private func flushActors(_ db: Database) throws {
        let up = try db.cachedStatement(
            sql: """
                UPDATE actor SET
                    mentions = mentions + ?1,
                    documents = documents + ?2,
                    firstSeen = CASE WHEN ?3 IS NOT NULL AND (firstSeen IS NULL OR ?3 < firstSeen) THEN ?3 ELSE firstSeen END,
                    lastSeen = CASE WHEN ?4 IS NOT NULL AND (lastSeen IS NULL OR ?4 > lastSeen) THEN ?4 ELSE lastSeen END,
                    country = CASE WHEN ?5 THEN ?6 ELSE country END,
                    name = COALESCE(?7, name),
                    nameKey = COALESCE(?8, nameKey)
                WHERE id = ?9
                """)
        for (id, g) in self.actors.sorted(by: { $0.key < $1.key }) {
            try Ingest.addCountries(db, actorId: id, g.countries, sign: 1)
            let renamed = g.name != g.storedName
            let key = renamed ? (g.kind == "person" ? NameKey.person(g.name) : NameKey.organization(g.name)) : nil
            try up.run([
                g.mentions, g.documents, g.firstSeen, g.lastSeen, !g.countries.isEmpty && g.kind != "state", g.country,
                renamed ? g.name : nil, key, id,
            ])
        }
    }

    private func flushNames(_ db: Database) throws {
        let columns = ["nameKey": "nameKey", "nameWord": "word", "nameAcronym": "acronym"]
        for (e, n) in self.nameRefs.sorted(by: { $0.key < $1.key }) {
            guard let column = columns[e.table] else { continue }
            try db.cachedStatement(
                sql: "UPDATE \(e.table) SET refs = refs + ? WHERE kind = ? AND \(column) = ? AND actorId = ?"
            ).run([n, e.kind, e.value, e.actorId])
        }
    }

    private func flushActorTables(_ db: Database) throws {
        let form = try db.cachedStatement(
            sql: """
                INSERT INTO actorForm (actorId, name, rows, docs) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT DO UPDATE SET rows = rows + ?3, docs = docs + ?4
                """)
        for (k, f) in self.forms.sorted(by: { $0.key < $1.key }) { try form.run([k.actorId, k.text, f.rows, f.docs]) }
        let rule = try db.cachedStatement(
            sql: "INSERT INTO actorRule (actorId, rule, refs) VALUES (?1, ?2, ?3) ON CONFLICT DO UPDATE SET refs = refs + ?3")
        for (k, n) in self.rules.sorted(by: { $0.key < $1.key }) { try rule.run([k.actorId, k.text, n]) }
        let role = try db.cachedStatement(
            sql: """
                INSERT INTO actorRoleAgg (actorId, kind, value, firstSeen, lastSeen, docs, topKey, topId)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                ON CONFLICT DO UPDATE SET
                    firstSeen = CASE WHEN ?4 IS NOT NULL AND (firstSeen IS NULL OR ?4 < firstSeen) THEN ?4 ELSE firstSeen END,
                    lastSeen = CASE WHEN ?5 IS NOT NULL AND (lastSeen IS NULL OR ?5 > lastSeen) THEN ?5 ELSE lastSeen END,
                    docs = docs + ?6,
                    topId = CASE WHEN ?7 >= topKey THEN ?8 ELSE topId END,
                    topKey = CASE WHEN ?7 >= topKey THEN ?7 ELSE topKey END
                """)
        for (k, r) in self.roles.sorted(by: { $0.key < $1.key }) {
            try role.run([k.actorId, k.kind, k.value, r.firstSeen, r.lastSeen, r.docs, r.topKey, r.topId])
        }
    }

    private func flushRelations(_ db: Database) throws {
        let up = try db.cachedStatement(
            sql: """
                INSERT INTO relationAgg (state, partner, type, events, outgoing, incoming, firstDate, lastDate)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                ON CONFLICT DO UPDATE SET events = events + ?4, outgoing = outgoing + ?5, incoming = incoming + ?6,
                    firstDate = CASE WHEN ?7 IS NOT NULL AND (firstDate IS NULL OR ?7 < firstDate) THEN ?7 ELSE firstDate END,
                    lastDate = CASE WHEN ?8 IS NOT NULL AND (lastDate IS NULL OR ?8 > lastDate) THEN ?8 ELSE lastDate END
                """)
        for (k, r) in self.relations.sorted(by: { $0.key < $1.key }) {
            try up.run([k.state, k.partner, k.type, r.events, r.outgoing, r.incoming, r.firstDate, r.lastDate])
        }
    }

    private func flushStories(_ db: Database) throws {
        let source = try db.cachedStatement(
            sql: """
                INSERT INTO storySource (storyId, source, refs) VALUES (?1, ?2, ?3)
                ON CONFLICT DO UPDATE SET refs = refs + ?3 RETURNING refs
                """)
        let mode = try db.cachedStatement(
            sql: "INSERT INTO storyMode (storyId, mode, n) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET n = n + excluded.n")
        let top = try db.cachedStatement(sql: "SELECT mode FROM storyMode WHERE storyId = ? ORDER BY n DESC, mode LIMIT 1")
        let story = try db.cachedStatement(
            sql: """
                UPDATE story SET mentions = mentions + ?1, documents = documents + ?2, sources = sources + ?3,
                    firstDate = CASE WHEN ?4 IS NOT NULL AND (firstDate IS NULL OR ?4 < firstDate) THEN ?4 ELSE firstDate END,
                    lastDate = CASE WHEN ?5 IS NOT NULL AND (lastDate IS NULL OR ?5 > lastDate) THEN ?5 ELSE lastDate END,
                    mode = COALESCE(?6, mode)
                WHERE id = ?7
                """)
        for (id, s) in self.stories.sorted(by: { $0.key < $1.key }) {
            var newSources = 0
            for (src, n) in s.sources.sorted(by: { $0.key < $1.key }) {
                // A source is new to the story when its refs are this batch's alone.
                if try Int.fetchOne(source, arguments: [id, src, n]) == n { newSources += 1 }
            }
            var best: String?
            if !s.modes.isEmpty {
                for (m, n) in s.modes.sorted(by: { $0.key < $1.key }) { try mode.run([id, m, n]) }
                best = try String.fetchOne(top, arguments: [id])
            }
            try story.run([s.mentions, s.documents, newSources, s.firstDate, s.lastDate, best, id])
        }
    }

    private func flushPairs(_ db: Database) throws {
        let up = try db.cachedStatement(
            sql: "INSERT INTO actorPair (actorId, otherId, docs) VALUES (?1, ?2, ?3) ON CONFLICT DO UPDATE SET docs = docs + ?3")
        for (k, n) in self.pairs.sorted(by: { $0.key < $1.key }) { try up.run([k.actorId, k.otherId, n]) }
    }

    /// Each actor's copy keeps its first ``Schema/actorRecentCap`` rows of those it has and the batch's: its keys are
    /// read once, the batch's rows that fall among them are inserted, and the rows they push out deleted at once.
    private func flushCopies(_ db: Database) throws {
        try Self.flush(db, .recent, self.recent) { CopyKey(text: $0.string(0), text2: "", number: $0.int64(1)) }
    }

    private static func flush(
        _ db: Database, _ copy: Aggregates.CappedCopy, _ rowsByActor: [Int64: [CopyRow]], key: (SQLRow) -> CopyKey
    ) throws {
        let cap = Schema.actorRecentCap
        let first: (CopyKey, CopyKey) -> Bool = copy.descending ? { $0 > $1 } : { $0 < $1 }
        let insert = try db.cachedStatement(sql: copy.plainInsert)
        let trim = try db.cachedStatement(sql: copy.trim)
        for (actor, rows) in rowsByActor.sorted(by: { $0.key < $1.key }) {
            let kept = try db.rows(copy.keys, [actor], key)
            let best = rows.sorted { first($0.key, $1.key) }.prefix(cap)
            // The cap-th key of the union: a batch row goes in when it comes before it (or the copy has room).
            let all = (kept + best.map(\.key)).sorted(by: first)
            let last = all.count >= cap ? all[cap - 1] : nil
            var added = 0
            for r in best where last.map({ !first($0, r.key) }) ?? true {
                try insert.run([actor as (any DatabaseValueConvertible)?] + r.values)
                added += db.changesCount
            }
            if kept.count + added > cap { try trim.run([actor]) }
        }
    }
}

extension BatchDeltas {
    /// Whether `e`'s upsert must run now: the first time the batch (`batch`, the digests before) and this digest
    /// name it. Otherwise its ref is counted here.
    mutating func nameEntry(_ e: NameEntry, batch: BatchDeltas) -> Bool {
        if !batch.namesSeen.contains(e), self.namesSeen.insert(e).inserted { return true }
        self.nameRefs[e, default: 0] += 1
        return false
    }

    /// Adds one digest's deltas (derived without error) to the batch's.
    mutating func merge(_ d: BatchDeltas) {
        // A digest's actor entries hold the batch's with its own gains added (``Ingest``).
        for (k, g) in d.actors { self.actors[k] = g }
        for (k, r) in d.relations {
            if var x = self.relations[k] {
                x.events += r.events
                x.outgoing += r.outgoing
                x.incoming += r.incoming
                x.firstDate = Self.earlier(x.firstDate, r.firstDate)
                x.lastDate = Self.later(x.lastDate, r.lastDate)
                self.relations[k] = x
            } else {
                self.relations[k] = r
            }
        }
        for (k, f) in d.forms {
            var x = self.forms[k] ?? Form()
            x.rows += f.rows
            x.docs += f.docs
            self.forms[k] = x
        }
        for (k, n) in d.rules { self.rules[k, default: 0] += n }
        for (k, r) in d.roles {
            guard var x = self.roles[k] else {
                self.roles[k] = r
                continue
            }
            x.firstSeen = Self.earlier(x.firstSeen, r.firstSeen)
            x.lastSeen = Self.later(x.lastSeen, r.lastSeen)
            x.docs += r.docs
            // The digest's rows come after the batch's: a date at least as late takes the latest row.
            if r.topKey >= x.topKey { (x.topKey, x.topId) = (r.topKey, r.topId) }
            self.roles[k] = x
        }
        for (id, s) in d.stories {
            guard var x = self.stories[id] else {
                self.stories[id] = s
                continue
            }
            x.mentions += s.mentions
            x.documents += s.documents
            for (src, n) in s.sources { x.sources[src, default: 0] += n }
            for (m, n) in s.modes { x.modes[m, default: 0] += n }
            x.firstDate = Self.earlier(x.firstDate, s.firstDate)
            x.lastDate = Self.later(x.lastDate, s.lastDate)
            self.stories[id] = x
        }
        for (k, n) in d.pairs { self.pairs[k, default: 0] += n }
        self.namesSeen.formUnion(d.namesSeen)
        for (k, n) in d.nameRefs { self.nameRefs[k, default: 0] += n }
        for (a, rows) in d.recent { self.recent[a, default: []].append(contentsOf: rows) }
    }
}
