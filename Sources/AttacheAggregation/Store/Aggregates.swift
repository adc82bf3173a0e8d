import GRDB

/// The v4 derived tables: kept up to date row by row on insert (`add…`), rebuilt from the base rows for what a
/// replaced document touched (`rebuild…`, also the migration's backfill). Rebuilding costs the size of one
/// actor, one state pair or one story, and only happens on replacement.
enum Aggregates {
    // MARK: - Incremental (new facts)

    /// One name row (``Schema/nameRows(_:)``, `nameId` its `nid`): its key, words and acronyms in the lookup tables. `now` says, per entry (table, value),
    /// whether its upsert runs here; the others are counted by the caller (``BatchDeltas``).
    /// - Returns: whether a `nameKey` row was inserted (a new key of the actor), which name lookups see.
    @discardableResult
    static func addName(
        _ db: Database, nameId: Int64, actorId: Int64, kind: String, name: String, key: String, words: [String],
        acronyms: [String], now: (_ table: String, _ value: String) -> Bool = { _, _ in true }
    ) throws -> Bool {
        var newKey = false
        if now("nameKey", key) {
            let refs = try db.firstRow(
                """
                INSERT INTO nameKey (kind, nameKey, actorId, words, firstNameId, matched, refs) VALUES (?, ?, ?, ?, ?, ?, 1)
                ON CONFLICT DO UPDATE SET refs = refs + 1 RETURNING refs
                """, [kind, key, actorId, words.count, nameId, name], { $0.int(0) })
            newKey = refs == 1
        }
        if words.count > 1 {
            let add = try db.cachedStatement(
                sql: """
                    INSERT INTO nameWord (kind, word, actorId, firstNameId, matched, refs) VALUES (?, ?, ?, ?, ?, 1)
                    ON CONFLICT DO UPDATE SET refs = refs + 1
                    """)
            var seen = Set<String>()
            for w in words where seen.insert(w).inserted && now("nameWord", w) { try add.run([kind, w, actorId, nameId, name]) }
        }
        if !acronyms.isEmpty {
            let add = try db.cachedStatement(
                sql: """
                    INSERT INTO nameAcronym (kind, acronym, actorId, firstNameId, matched, refs) VALUES (?, ?, ?, ?, ?, 1)
                    ON CONFLICT DO UPDATE SET refs = refs + 1
                    """)
            for a in Set(acronyms).sorted() where now("nameAcronym", a) { try add.run([kind, a, actorId, nameId, name]) }
        }
        return newKey
    }

    static func addForm(_ db: Database, actorId: Int64, name: String, newInDocument: Bool) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO actorForm (actorId, name, rows, docs) VALUES (?1, ?2, 1, ?3)
                ON CONFLICT DO UPDATE SET rows = rows + 1, docs = docs + ?3
                """
        ).run([actorId, name, newInDocument ? 1 : 0])
    }

    static func addRule(_ db: Database, actorId: Int64, rule: String) throws {
        try db.cachedStatement(
            sql: "INSERT INTO actorRule (actorId, rule, refs) VALUES (?, ?, 1) ON CONFLICT DO UPDATE SET refs = refs + 1"
        ).run([actorId, rule])
    }

    static func addRole(
        _ db: Database, roleId: Int64, actorId: Int64, kind: String, value: String, seen: String?, newInDocument: Bool
    ) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO actorRoleAgg (actorId, kind, value, firstSeen, lastSeen, docs, topKey, topId)
                VALUES (?1, ?2, ?3, ?4, ?4, ?5, COALESCE(?4, ''), ?6)
                ON CONFLICT DO UPDATE SET
                    firstSeen = CASE WHEN ?4 IS NOT NULL AND (firstSeen IS NULL OR ?4 < firstSeen) THEN ?4 ELSE firstSeen END,
                    lastSeen = CASE WHEN ?4 IS NOT NULL AND (lastSeen IS NULL OR ?4 > lastSeen) THEN ?4 ELSE lastSeen END,
                    docs = docs + ?5,
                    topId = CASE WHEN COALESCE(?4, '') >= topKey THEN ?6 ELSE topId END,
                    topKey = CASE WHEN COALESCE(?4, '') >= topKey THEN COALESCE(?4, '') ELSE topKey END
                """
        ).run([actorId, kind, value, seen, newInDocument ? 1 : 0, roleId])
    }

    static func addActorDoc(_ db: Database, actorId: Int64, published: String?, doc: String, documentId: Int64) throws {
        try db.cachedStatement(
            sql: "INSERT OR IGNORE INTO actorDoc (actorId, pubKey, doc, documentId) VALUES (?, ?, ?, ?)"
        ).run([actorId, published ?? "", doc, documentId])
    }

    /// One event in the relations of its states (see ``QueryEngine/relations``: partner, outgoing, incoming).
    static func addRelation(_ db: Database, type: String, source: String?, target: String?, effDate: String?) throws {
        let up = try db.cachedStatement(
            sql: """
                INSERT INTO relationAgg (state, partner, type, events, outgoing, incoming, firstDate, lastDate)
                VALUES (?1, ?2, ?3, 1, ?4, ?5, ?6, ?6)
                ON CONFLICT DO UPDATE SET events = events + 1, outgoing = outgoing + ?4, incoming = incoming + ?5,
                    firstDate = CASE WHEN ?6 IS NOT NULL AND (firstDate IS NULL OR ?6 < firstDate) THEN ?6 ELSE firstDate END,
                    lastDate = CASE WHEN ?6 IS NOT NULL AND (lastDate IS NULL OR ?6 > lastDate) THEN ?6 ELSE lastDate END
                """)
        if let s = source, let t = target {
            try up.run([s, t, type, 1, 0, effDate])
            if t != s { try up.run([t, s, type, 0, 1, effDate]) }
        }
    }

    /// Repacks the `relationPack` rows of the pairs marked in `relationDirty` from their `relationAgg` rows
    /// (see schema v12): each entry of `types` is `TYPE,outgoing,incoming,firstDate,lastDate` (dates empty
    /// when unknown), entries separated by `;`.
    /// `CROSS JOIN` keeps the dirty pairs as the outer loop: with a plain join SQLite scanned all of
    /// `relationAgg` (500k rows at 1M documents, ~170 ms per batch) to produce the groups in key order.
    static func flushRelationPacks(_ db: Database) throws {
        try db.execute(
            sql: """
                DELETE FROM relationPack WHERE (state, partner) IN (SELECT state, partner FROM relationDirty);
                INSERT INTO relationPack (state, partner, events, firstDate, lastDate, types)
                SELECT r.state, r.partner, SUM(r.events), MIN(r.firstDate), MAX(r.lastDate),
                       group_concat(r.type || ',' || r.outgoing || ',' || r.incoming || ','
                                    || COALESCE(r.firstDate, '') || ',' || COALESCE(r.lastDate, ''), ';')
                FROM relationDirty d CROSS JOIN relationAgg r ON r.state = d.state AND r.partner = d.partner
                GROUP BY d.state, d.partner;
                DELETE FROM relationDirty;
                """)
    }

    /// A per-actor copy that keeps the first ``Schema/actorRecentCap`` rows of each actor in key order (v17
    /// `actorRecent`: latest events first; v18 `actorMerge`, until v28: earliest mentions first). ``add(_:_:)`` inserts a
    /// row (the key, then the rest) of an actor when it falls among them and drops the one it pushes out.
    struct CappedCopy: Sendable {
        let table: String
        let insert: String
        let trim: String
        /// An insert with no condition (``BatchDeltas`` decides which rows go in), and the keys of an actor's rows in
        /// copy order (at most the cap).
        let plainInsert: String
        let keys: String
        let descending: Bool
        /// The rows of one actor (`?1`) from the base rows (``Schema/actorRecentFill``).
        let fill: String

        init(table: String, columns: [String], keyCount: Int, descending: Bool, fill: String) {
            self.table = table
            self.fill = fill
            let cap = Schema.actorRecentCap
            let key = columns[1...keyCount].joined(separator: ", ")
            let keyParams = (2...keyCount + 1).map { "?\($0)" }.joined(separator: ", ")
            let order = columns[1...keyCount].map { $0 + (descending ? " DESC" : "") }.joined(separator: ", ")
            let nth = "SELECT \(key) FROM \(table) WHERE actorId = ?1 ORDER BY \(order) LIMIT 1 OFFSET \(cap - 1)"
            self.insert = """
                INSERT OR IGNORE INTO \(table) (\(columns.joined(separator: ", ")))
                SELECT \((1...columns.count).map { "?\($0)" }.joined(separator: ", "))
                WHERE (SELECT COUNT(*) FROM (SELECT 1 FROM \(table) WHERE actorId = ?1 LIMIT \(cap))) < \(cap)
                   OR (\(keyParams)) \(descending ? ">" : "<") (\(nth))
                """
            self.trim = "DELETE FROM \(table) WHERE actorId = ?1 AND (\(key)) \(descending ? "<" : ">") (\(nth))"
            self.plainInsert = """
                INSERT OR IGNORE INTO \(table) (\(columns.joined(separator: ", ")))
                VALUES (\((1...columns.count).map { "?\($0)" }.joined(separator: ", ")))
                """
            self.keys = "SELECT \(key) FROM \(table) WHERE actorId = ?1 ORDER BY \(order) LIMIT \(cap)"
            self.descending = descending
        }

        static let recent = CappedCopy(
            table: "actorRecent",
            columns: [
                "actorId", "effKey", "eventId", "doc", "type", "mode", "source", "target", "date", "confidence",
                "documentId", "sentence", "triggerText", "storyId", "triggerSentence", "triggerStart", "triggerEnd",
                "actorText", "recipientText", "effDate", "actors",
            ], keyCount: 2, descending: true, fill: Schema.actorRecentFill)
        /// ``recent`` as v17 shipped it (with the sentence's text), for that migration alone.
        static let recentV17 = CappedCopy(
            table: "actorRecent",
            columns: [
                "actorId", "effKey", "eventId", "doc", "type", "mode", "source", "target", "date", "confidence",
                "sentenceText", "triggerText", "storyId", "triggerSentence", "triggerStart", "triggerEnd", "actorText",
                "recipientText", "effDate", "actors",
            ], keyCount: 2, descending: true, fill: Schema.actorRecentFillV17)
        /// The merge notes' copy as v18 made it, for that migration alone (v28 drops it).
        static let mergeV18 = CappedCopy(
            table: "actorMerge",
            columns: ["actorId", "pubKey", "doc", "ordinal", "documentId", "name", "rule", "evidence"],
            keyCount: 3, descending: false, fill: Schema.actorMergeFillV18)

        func add(_ db: Database, actorId: Int64, _ values: [(any DatabaseValueConvertible)?]) throws {
            try db.cachedStatement(sql: self.insert).run([actorId] + values)
            if db.changesCount > 0 { try db.cachedStatement(sql: self.trim).run([actorId]) }
        }
    }

    /// Refills the copies (`actorRecent`, v17; `actorMerge` in v18 to v27) of the actors marked in `actorRecentDirty`
    /// from their events and document mentions. The migrations name the one they create.
    static func flushActorRecent(_ db: Database, _ copies: [CappedCopy] = [.recent]) throws {
        let actors = try Int64.fetchAll(db, sql: "SELECT actorId FROM actorRecentDirty")
        guard !actors.isEmpty else { return }
        for copy in copies {
            let clear = try db.cachedStatement(sql: "DELETE FROM \(copy.table) WHERE actorId = ?")
            let fill = try db.cachedStatement(sql: "INSERT INTO \(copy.table) \(copy.fill)")
            for actor in actors {
                try clear.run([actor])
                try fill.run([actor])
            }
        }
        try db.execute(sql: "DELETE FROM actorRecentDirty")
    }

    // MARK: - Rebuilds (replacement, migration)

    /// Every aggregate from the base rows, the role rows read by `roleRows` (``Schema/roleRows(_:)``) and the name rows
    /// by `nameRows` (``Schema/nameRows(_:)``; v4 runs it with ``Schema/roleRowsV4`` and ``Schema/nameRowsV4``).
    static func rebuildAll(
        _ db: Database, roleRows: String = Schema.roleRows("da.actorId = ?1"), nameRows: String = Schema.nameRows("da.actorId = ?1"),
        rolesOfHotOnly: Bool = true
    ) throws {
        for id in try Int64.fetchAll(db, sql: "SELECT id FROM actor") {
            try self.rebuildActor(db, id, roleRows: roleRows, nameRows: nameRows, rolesOfHotOnly: rolesOfHotOnly)
        }
        try db.execute(sql: "INSERT OR IGNORE INTO actorDoc SELECT da.actorId, COALESCE(d.published, ''), d.doc, d.id FROM docActor da JOIN document d ON d.id = da.documentId")
        let pairs = try Row.fetchAll(
            db, sql: "SELECT DISTINCT source, target FROM event WHERE source IS NOT NULL AND target IS NOT NULL")
        var done = Set<String>()
        for r in pairs {
            let (s, t): (String, String) = (r[0], r[1])
            let (a, b) = s < t ? (s, t) : (t, s)
            if done.insert(a + "|" + b).inserted { try self.rebuildRelation(db, a, b) }
        }
        for id in try Int64.fetchAll(db, sql: "SELECT id FROM story") { try self.rebuildStoryParts(db, id) }
    }

    /// Recomputes every per-actor aggregate of `id` from its base rows (`docActor`, its name rows and its role rows:
    /// ``Schema/nameRows(_:)`` and ``Schema/roleRows(_:)`` unless `nameRows` and `roleRows` name others), grouped in SQL
    /// (an actor named by many documents has many rows but few distinct names and roles). Its roles' aggregates only
    /// when it is hot (v33, ``hasRoleAggregates(_:_:)``) unless `rolesOfHotOnly` is false (v4, before `hotActor`).
    static func rebuildActor(
        _ db: Database, _ id: Int64, roleRows: String = Schema.roleRows("da.actorId = ?1"),
        nameRows: String = Schema.nameRows("da.actorId = ?1"), rolesOfHotOnly: Bool = true
    ) throws {
        for t in ["nameKey", "nameWord", "nameAcronym", "actorForm", "actorRule", "actorRoleAgg"] {
            try db.execute(sql: "DELETE FROM \(t) WHERE actorId = ?", arguments: [id])
        }
        try db.execute(
            sql: """
                WITH n AS (\(nameRows))
                INSERT INTO nameKey (kind, nameKey, actorId, words, firstNameId, matched, refs)
                SELECT n.kind, n.nameKey, ?1, n.words, MIN(n.nid), n.name, COUNT(*) FROM n GROUP BY n.kind, n.nameKey
                """, arguments: [id])
        try db.execute(
            sql: """
                WITH n AS (\(nameRows))
                INSERT INTO nameAcronym (kind, acronym, actorId, firstNameId, matched, refs)
                SELECT kind, acronym, ?1, MIN(nid), name, COUNT(*) FROM (
                    SELECT n.kind AS kind, n.acronym1 AS acronym, n.nid AS nid, n.name AS name FROM n
                    WHERE n.acronym1 IS NOT NULL
                    UNION ALL
                    SELECT n.kind, n.acronym2, n.nid, n.name FROM n
                    WHERE n.acronym2 IS NOT NULL AND n.acronym2 IS NOT n.acronym1)
                GROUP BY kind, acronym
                """, arguments: [id])
        // Words: split each distinct key once.
        struct Word { var first: Int64; var matched: String; var refs: Int }
        var words: [String: Word] = [:]
        for r in try Row.fetchAll(
            db,
            sql: "SELECT kind, nameKey, firstNameId, matched, refs FROM nameKey WHERE actorId = ? AND words > 1",
            arguments: [id])
        {
            let kind: String = r["kind"]
            let key: String = r["nameKey"]
            let first: Int64 = r["firstNameId"]
            let refs: Int = r["refs"]
            for w in Set(key.split(separator: " ").map(String.init)) {
                let k = kind + "\u{1}" + w
                if var x = words[k] {
                    if first < x.first { (x.first, x.matched) = (first, r["matched"]) }
                    x.refs += refs
                    words[k] = x
                } else {
                    words[k] = Word(first: first, matched: r["matched"], refs: refs)
                }
            }
        }
        for (k, w) in words {
            let parts = k.split(separator: "\u{1}", maxSplits: 1).map(String.init)
            try db.execute(
                sql: "INSERT INTO nameWord (kind, word, actorId, firstNameId, matched, refs) VALUES (?, ?, ?, ?, ?, ?)",
                arguments: [parts[0], parts[1], id, w.first, w.matched, w.refs])
        }
        try db.execute(
            sql: """
                WITH n AS (\(nameRows))
                INSERT INTO actorForm (actorId, name, rows, docs)
                SELECT ?1, n.name, COUNT(*), COUNT(DISTINCT n.documentId) FROM n GROUP BY n.name
                """, arguments: [id])
        try db.execute(
            sql: "INSERT INTO actorRule SELECT actorId, rule, COUNT(*) FROM docActor WHERE actorId = ? GROUP BY rule",
            arguments: [id])
        if try !rolesOfHotOnly || self.hasRoleAggregates(db, id) {
            try self.insertRoleAggregates(db, roleRows: roleRows, arguments: [id])
        }
    }

    /// Whether actor `id` keeps its ranks and roles aggregated in `actorRoleAgg`: only a hot one does (v33; at least
    /// the hot threshold's documents, as for `actorPair`). Another's are grouped from its `docActor` rows when a query
    /// asks (``QueryEngine/coldRankAndRoles(_:_:)``, ``QueryEngine/coldDatedRoles(_:_:cap:)``): a few
    /// documents' rows, the same answers.
    static func hasRoleAggregates(_ db: Database, _ id: Int64) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM hotActor WHERE actorId = ?)"), arguments: [id]) ?? false
    }

    /// Inserts the `actorRoleAgg` entries of the role rows `roleRows` selects (``Schema/roleRows(_:)``'s columns, all of
    /// one actor `?1`): per (kind, value) the first and last date, the documents, and the latest row (the highest
    /// `rid` among those of the latest date).
    static func insertRoleAggregates(_ db: Database, roleRows: String, arguments: StatementArguments) throws {
        try db.execute(
            sql: """
                WITH r AS (\(roleRows)),
                     g AS (SELECT kind, value, MIN(seen) AS firstSeen, MAX(seen) AS lastSeen, COUNT(DISTINCT documentId) AS docs,
                                  MAX(COALESCE(seen, '')) AS topKey
                           FROM r GROUP BY kind, value)
                INSERT INTO actorRoleAgg (actorId, kind, value, firstSeen, lastSeen, docs, topKey, topId)
                SELECT ?1, g.kind, g.value, g.firstSeen, g.lastSeen, g.docs, g.topKey,
                       (SELECT MAX(r.rid) FROM r WHERE r.kind = g.kind AND r.value = g.value AND COALESCE(r.seen, '') = g.topKey)
                FROM g
                """, arguments: arguments)
    }

    /// Recomputes the relation rows of the unordered state pair `a`, `b` from the events.
    static func rebuildRelation(_ db: Database, _ a: String, _ b: String) throws {
        try db.execute(
            sql: "DELETE FROM relationAgg WHERE (state = ?1 AND partner = ?2) OR (state = ?2 AND partner = ?1)",
            arguments: [a, b])
        let (lo, hi) = a < b ? (a, b) : (b, a)
        let pair = "min(source, target) = ?1 AND max(source, target) = ?2"
        try db.execute(
            sql: """
                INSERT INTO relationAgg (state, partner, type, events, outgoing, incoming, firstDate, lastDate)
                SELECT state, partner, type, SUM(ev), SUM(og), SUM(ic), MIN(fd), MAX(ld) FROM (
                    SELECT source AS state, target AS partner, type, COUNT(*) AS ev, COUNT(*) AS og, 0 AS ic,
                           MIN(effDate) AS fd, MAX(effDate) AS ld
                    FROM event WHERE \(pair) GROUP BY source, target, type
                    UNION ALL
                    SELECT target, source, type, COUNT(*), 0, COUNT(*), MIN(effDate), MAX(effDate)
                    FROM event WHERE \(pair) AND target != source GROUP BY source, target, type)
                GROUP BY state, partner, type
                """, arguments: [lo, hi])
    }

    /// Recomputes a story's sources and modes (its counts are recomputed by ``Ingest``).
    static func rebuildStoryParts(_ db: Database, _ id: Int64) throws {
        try db.execute(sql: "DELETE FROM storySource WHERE storyId = ?", arguments: [id])
        try db.execute(sql: "DELETE FROM storyMode WHERE storyId = ?", arguments: [id])
        try db.execute(
            sql: """
                INSERT INTO storySource (storyId, source, refs)
                SELECT ?1, src, COUNT(*) FROM (SELECT DISTINCT d.id, COALESCE(d.source, d.doc) AS src FROM event e
                    JOIN document d ON d.id = e.documentId WHERE e.storyId = ?1) GROUP BY src
                """, arguments: [id])
        try db.execute(
            sql: """
                INSERT INTO storyMode (storyId, mode, n)
                SELECT ?1, mode, COUNT(*) FROM event WHERE storyId = ?1 AND mode IS NOT NULL GROUP BY mode
                """, arguments: [id])
    }
}
