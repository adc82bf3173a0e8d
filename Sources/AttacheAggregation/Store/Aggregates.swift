import GRDB

/// The v4 derived tables: kept up to date row by row on insert (`add…`), rebuilt from the base rows for what a
/// replaced document touched (`rebuild…`, also the migration's backfill). Rebuilding costs the size of one
/// actor, one state pair or one story, and only happens on replacement.
enum Aggregates {
    // MARK: - Incremental (new facts)

    /// One `actorName` row: its key, words and acronyms in the lookup tables.
    static func addName(
        _ db: Database, nameId: Int64, actorId: Int64, kind: String, name: String, key: String, words: [String],
        acronyms: [String]
    ) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO nameKey (kind, nameKey, actorId, words, firstNameId, matched, refs) VALUES (?, ?, ?, ?, ?, ?, 1)
                ON CONFLICT DO UPDATE SET refs = refs + 1
                """
        ).execute(arguments: [kind, key, actorId, words.count, nameId, name])
        if words.count > 1 {
            let add = try db.cachedStatement(
                sql: """
                    INSERT INTO nameWord (kind, word, actorId, firstNameId, matched, refs) VALUES (?, ?, ?, ?, ?, 1)
                    ON CONFLICT DO UPDATE SET refs = refs + 1
                    """)
            var seen = Set<String>()
            for w in words where seen.insert(w).inserted { try add.execute(arguments: [kind, w, actorId, nameId, name]) }
        }
        if !acronyms.isEmpty {
            let add = try db.cachedStatement(
                sql: """
                    INSERT INTO nameAcronym (kind, acronym, actorId, firstNameId, matched, refs) VALUES (?, ?, ?, ?, ?, 1)
                    ON CONFLICT DO UPDATE SET refs = refs + 1
                    """)
            for a in Set(acronyms) { try add.execute(arguments: [kind, a, actorId, nameId, name]) }
        }
    }

    static func addForm(_ db: Database, actorId: Int64, name: String, newInDocument: Bool) throws {
        try db.cachedStatement(
            sql: """
                INSERT INTO actorForm (actorId, name, rows, docs) VALUES (?1, ?2, 1, ?3)
                ON CONFLICT DO UPDATE SET rows = rows + 1, docs = docs + ?3
                """
        ).execute(arguments: [actorId, name, newInDocument ? 1 : 0])
    }

    static func addRule(_ db: Database, actorId: Int64, rule: String) throws {
        try db.cachedStatement(
            sql: "INSERT INTO actorRule (actorId, rule, refs) VALUES (?, ?, 1) ON CONFLICT DO UPDATE SET refs = refs + 1"
        ).execute(arguments: [actorId, rule])
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
        ).execute(arguments: [actorId, kind, value, seen, newInDocument ? 1 : 0, roleId])
    }

    static func addActorDoc(_ db: Database, actorId: Int64, published: String?, doc: String, documentId: Int64) throws {
        try db.cachedStatement(
            sql: "INSERT OR IGNORE INTO actorDoc (actorId, pubKey, doc, documentId) VALUES (?, ?, ?, ?)"
        ).execute(arguments: [actorId, published ?? "", doc, documentId])
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
            try up.execute(arguments: [s, t, type, 1, 0, effDate])
            if t != s { try up.execute(arguments: [t, s, type, 0, 1, effDate]) }
        }
    }

    // MARK: - Rebuilds (replacement, migration)

    static func rebuildAll(_ db: Database) throws {
        for id in try Int64.fetchAll(db, sql: "SELECT id FROM actor") { try self.rebuildActor(db, id) }
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

    /// Recomputes every per-actor aggregate of `id` from its base rows (`actorName`, `docActor`, `actorRole`).
    static func rebuildActor(_ db: Database, _ id: Int64) throws {
        for t in ["nameKey", "nameWord", "nameAcronym", "actorForm", "actorRule", "actorRoleAgg"] {
            try db.execute(sql: "DELETE FROM \(t) WHERE actorId = ?", arguments: [id])
        }
        var formRows: [String: Int] = [:]
        var formDocs: [String: Set<Int64>] = [:]
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT n.id, n.kind, n.name, n.nameKey, n.acronym1, n.acronym2, da.documentId FROM actorName n
                JOIN docActor da ON da.id = n.docActorId WHERE da.actorId = ? ORDER BY n.id
                """, arguments: [id])
        for r in rows {
            let name: String = r["name"]
            let key: String = r["nameKey"]
            var acronyms: [String] = []
            if let a: String = r["acronym1"] { acronyms.append(a) }
            if let a: String = r["acronym2"] { acronyms.append(a) }
            try self.addName(
                db, nameId: r["id"], actorId: id, kind: r["kind"], name: name, key: key,
                words: key.split(separator: " ").map(String.init), acronyms: acronyms)
            formRows[name, default: 0] += 1
            formDocs[name, default: []].insert(r["documentId"])
        }
        for (name, n) in formRows {
            try db.execute(
                sql: "INSERT INTO actorForm (actorId, name, rows, docs) VALUES (?, ?, ?, ?)",
                arguments: [id, name, n, formDocs[name]?.count ?? 0])
        }
        try db.execute(
            sql: "INSERT INTO actorRule SELECT actorId, rule, COUNT(*) FROM docActor WHERE actorId = ? GROUP BY rule",
            arguments: [id])
        var seenDocs: [String: Set<Int64>] = [:]
        for r in try Row.fetchAll(
            db,
            sql: """
                SELECT r.id, r.kind, r.value, r.seen, da.documentId FROM actorRole r JOIN docActor da ON da.id = r.docActorId
                WHERE da.actorId = ? ORDER BY r.id
                """, arguments: [id])
        {
            let kind: String = r["kind"]
            let value: String = r["value"]
            let isNew = seenDocs[kind + "\u{1}" + value, default: []].insert(r["documentId"]).inserted
            try self.addRole(db, roleId: r["id"], actorId: id, kind: kind, value: value, seen: r["seen"], newInDocument: isNew)
        }
    }

    /// Recomputes the relation rows of the unordered state pair `a`, `b` from the events.
    static func rebuildRelation(_ db: Database, _ a: String, _ b: String) throws {
        try db.execute(
            sql: "DELETE FROM relationAgg WHERE (state = ?1 AND partner = ?2) OR (state = ?2 AND partner = ?1)",
            arguments: [a, b])
        let (lo, hi) = a < b ? (a, b) : (b, a)
        for r in try Row.fetchAll(
            db,
            sql: """
                SELECT type, source, target, effDate FROM event
                WHERE min(source, target) = ? AND max(source, target) = ?
                """, arguments: [lo, hi])
        {
            try self.addRelation(db, type: r["type"], source: r["source"], target: r["target"], effDate: r["effDate"])
        }
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
