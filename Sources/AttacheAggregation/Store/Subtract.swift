import AttacheContracts
import GRDB

/// Replacing a document whose actors are large: their cached aggregates lose exactly what the old version
/// added, instead of being recounted from all their rows (a state named by 100,000 documents took seconds).
///
/// ``capture(_:documentId:actors:)`` reads the old version's rows of those actors before the delete; ``apply``
/// subtracts them after it. Counts are subtracted; a "first" or "last" value is looked up again through an
/// index only when the deleted rows held it. The new version's rows are then added incrementally as for a new
/// document. An actor's state is not handled here: its counts (`actorCountry`, v26) lose the old version's rows
/// in ``Ingest/removeDocument(id:)`` for every actor, large or small.
struct OldContribution {
    struct DocActorRow { var actorId: Int64; var mentions: Int; var rule: String }
    /// A name row of the old version (``Schema/nameRows(_:)``; `id` is its `nid`).
    struct NameRow {
        var id: Int64; var actorId: Int64; var kind: String; var name: String; var key: String; var words: Int
        var acronym1: String?; var acronym2: String?; var isMain: Bool
    }
    /// A role row of the old version (``Schema/roleRows(_:)``; `id` is its `rid`).
    struct RoleRow { var id: Int64; var actorId: Int64; var kind: String; var value: String; var seen: String? }
    /// An (actor, kind, value) whose first, last or latest role row was deleted: recomputed from its rows after
    /// the new version is stored, unless the new version names it again with the same date (``RolePending``).
    struct RolePending: Hashable { var actorId: Int64; var kind: String; var value: String; var seen: String? }

    var actors: Set<Int64>
    var docActors: [DocActorRow] = []
    var names: [NameRow] = []
    var roles: [RoleRow] = []

    static func capture(_ db: Database, documentId: Int64, actors: Set<Int64>) throws -> OldContribution {
        var c = OldContribution(actors: actors)
        guard !actors.isEmpty else { return c }
        for r in try Row.fetchAll(
            db, sql: "SELECT actorId, mentions, rule FROM docActor WHERE documentId = ?", arguments: [documentId])
        where actors.contains(r["actorId"]) {
            c.docActors.append(DocActorRow(actorId: r["actorId"], mentions: r["mentions"], rule: r["rule"]))
        }
        for r in try Row.fetchAll(
            db,
            sql: """
                SELECT nid, actorId, kind, name, nameKey, words, acronym1, acronym2, isMain
                FROM (\(Schema.nameRows("da.documentId = ?1")))
                """, arguments: [documentId])
        where actors.contains(r["actorId"]) {
            c.names.append(
                NameRow(
                    id: r["nid"], actorId: r["actorId"], kind: r["kind"], name: r["name"], key: r["nameKey"],
                    words: r["words"], acronym1: r["acronym1"], acronym2: r["acronym2"], isMain: r["isMain"]))
        }
        for r in try Row.fetchAll(
            db, sql: "SELECT rid, actorId, kind, value, seen FROM (\(Schema.roleRows("da.documentId = ?1")))",
            arguments: [documentId])
        where actors.contains(r["actorId"]) {
            c.roles.append(RoleRow(id: r["rid"], actorId: r["actorId"], kind: r["kind"], value: r["value"], seen: r["seen"]))
        }
        return c
    }

    /// `refs - 1` for each (kind, value, actor) of `rows` in a lookup table of names, entries at 0 deleted; an
    /// entry whose first name was deleted gets `firstAgain`'s (id, name).
    private static func subtractRefs(
        _ db: Database, table: String, column: String, _ rows: [(String, String, Int64)], deleted: Set<Int64>,
        firstAgain: (String, String, Int64) throws -> (Int64, String)?
    ) throws {
        let key = "kind = ? AND \(column) = ? AND actorId = ?"
        for (kind, value, actor) in rows {
            try db.execute(sql: "UPDATE \(table) SET refs = refs - 1 WHERE \(key)", arguments: [kind, value, actor])
        }
        // By key: `WHERE refs <= 0` alone reads the whole table.
        for (kind, value, actor) in rows {
            try db.execute(sql: "DELETE FROM \(table) WHERE \(key) AND refs <= 0", arguments: [kind, value, actor])
        }
        for (kind, value, actor) in rows {
            guard
                let first = try Int64.fetchOne(
                    db, sql: "SELECT firstNameId FROM \(table) WHERE \(key)", arguments: [kind, value, actor]),
                deleted.contains(first), let (id, name) = try firstAgain(kind, value, actor)
            else { continue }
            try db.execute(
                sql: "UPDATE \(table) SET firstNameId = ?, matched = ? WHERE \(key)", arguments: [id, name, kind, value, actor])
        }
    }

    /// After the old version's rows are deleted (and its `actorDoc` rows). Returns the roles whose dates must be
    /// looked up again once the new version is stored (``recomputeRole(_:_:)``).
    func apply(_ db: Database) throws -> [RolePending] {
        let deletedNames = Set(self.names.map(\.id))
        // Actor counters; first and last seen from the actor's documents in date order (primary key).
        var mentions: [Int64: Int] = [:]
        for d in self.docActors { mentions[d.actorId, default: 0] += d.mentions }
        for (actor, n) in mentions {
            try db.execute(
                sql: """
                    UPDATE actor SET mentions = mentions - ?2, documents = documents - 1,
                        firstSeen = (SELECT MIN(pubKey) FROM actorDoc WHERE actorId = ?1 AND pubKey != ''),
                        lastSeen = (SELECT MAX(pubKey) FROM actorDoc WHERE actorId = ?1 AND pubKey != '')
                    WHERE id = ?1
                    """, arguments: [actor, n])
        }
        for d in self.docActors {
            try db.execute(
                sql: "UPDATE actorRule SET refs = refs - 1 WHERE actorId = ? AND rule = ?", arguments: [d.actorId, d.rule])
        }
        for d in self.docActors {
            try db.execute(
                sql: "DELETE FROM actorRule WHERE actorId = ? AND rule = ? AND refs <= 0", arguments: [d.actorId, d.rule])
        }
        // Forms: rows per name row, docs once per (actor, form) of the document.
        var formDocs = Set<String>()
        for n in self.names {
            let first = formDocs.insert("\(n.actorId)\u{1}\(n.name)").inserted
            try db.execute(
                sql: "UPDATE actorForm SET rows = rows - 1, docs = docs - ? WHERE actorId = ? AND name = ?",
                arguments: [first ? 1 : 0, n.actorId, n.name])
        }
        for n in self.names {
            try db.execute(
                sql: "DELETE FROM actorForm WHERE actorId = ? AND name = ? AND rows <= 0", arguments: [n.actorId, n.name])
        }
        // The three lookup tables of names lose one ref per name row (words and acronyms: per distinct one of the
        // row); where a deleted row was an entry's first name, the first of the remaining rows takes its place.
        let byName = "SELECT n.nid, n.name FROM (\(Schema.nameRows("da.actorId = ?1 AND da.kind = ?2"))) n"
        try Self.subtractRefs(
            db, table: "nameKey", column: "nameKey", self.names.map { ($0.kind, $0.key, $0.actorId) }, deleted: deletedNames
        ) { kind, key, actor in
            try Row.fetchOne(db, sql: byName + " WHERE n.nameKey = ?3 ORDER BY n.nid LIMIT 1", arguments: [actor, kind, key])
                .map { ($0[0], $0[1]) }
        }
        try Self.subtractRefs(
            db, table: "nameWord", column: "word",
            self.names.filter { $0.words > 1 }.flatMap { n in
                Set(n.key.split(separator: " ").map(String.init)).map { (n.kind, $0, n.actorId) }
            }, deleted: deletedNames
        ) { kind, word, actor in
            // The smallest first name of the actor's multi-word keys that contain the word.
            var best: (Int64, String)?
            for r in try Row.fetchAll(
                db, sql: "SELECT nameKey, firstNameId, matched FROM nameKey WHERE actorId = ? AND kind = ? AND words > 1",
                arguments: [actor, kind])
            {
                let key: String = r[0]
                let first: Int64 = r[1]
                guard key.split(separator: " ").contains(Substring(word)) else { continue }
                if best.map({ first < $0.0 }) ?? true { best = (first, r[2]) }
            }
            return best
        }
        try Self.subtractRefs(
            db, table: "nameAcronym", column: "acronym",
            self.names.flatMap { n in Set([n.acronym1, n.acronym2].compactMap { $0 }).map { (n.kind, $0, n.actorId) } },
            deleted: deletedNames
        ) { kind, acronym, actor in
            try Row.fetchOne(
                db, sql: byName + " WHERE (n.acronym1 = ?3 OR n.acronym2 = ?3) ORDER BY n.nid LIMIT 1",
                arguments: [actor, kind, acronym]
            ).map { ($0[0], $0[1]) }
        }
        // Roles: each (actor, kind, value) the old version named loses its document. Its dates are looked up
        // again only when a deleted row held one of them (first, last, latest): recounting reads every document
        // of the actor (seconds for a popular one at 1M documents).
        var pending: [RolePending] = []
        let key = "actorId = ? AND kind = ? AND value = ?"
        let byRole = Dictionary(grouping: self.roles) { Ingest.roleKey($0.actorId, $0.kind, $0.value) }
        for rows in byRole.keys.sorted().compactMap({ byRole[$0] }) {
            let r = rows[0]
            try db.execute(sql: "UPDATE actorRoleAgg SET docs = docs - 1 WHERE \(key)", arguments: [r.actorId, r.kind, r.value])
            guard
                let agg = try Row.fetchOne(
                    db, sql: "SELECT firstSeen, lastSeen, topKey, topId, docs FROM actorRoleAgg WHERE \(key)",
                    arguments: [r.actorId, r.kind, r.value])
            else { continue }
            let (first, last, topKey, topId, docs): (String?, String?, String, Int64, Int) = (agg[0], agg[1], agg[2], agg[3], agg[4])
            if docs <= 0 {
                try db.execute(sql: "DELETE FROM actorRoleAgg WHERE \(key)", arguments: [r.actorId, r.kind, r.value])
                continue
            }
            let held = rows.contains { row in
                row.id == topId || (row.seen ?? "") == topKey || (row.seen != nil && (row.seen == first || row.seen == last))
            }
            if held { pending.append(RolePending(actorId: r.actorId, kind: r.kind, value: r.value, seen: r.seen)) }
        }
        // The display name, when the old version held it and no other document gives it.
        for actor in Set(self.names.filter(\.isMain).map(\.actorId)) {
            guard let current = try String.fetchOne(db, sql: "SELECT name FROM actor WHERE id = ?", arguments: [actor]),
                self.names.contains(where: { $0.actorId == actor && $0.isMain && $0.name == current }),
                try Int.fetchOne(
                    db, sql: "SELECT rows FROM actorForm WHERE actorId = ? AND name = ?", arguments: [actor, current]) == nil
            else { continue }
            try Ingest.recomputeName(db, actor)
        }
        return pending
    }

    /// One (actor, kind, value)'s dates and latest row, from all its role rows (``Schema/roleRows(_:)``).
    static func recomputeRole(_ db: Database, _ r: RolePending) throws {
        try db.execute(
            sql: "DELETE FROM actorRoleAgg WHERE actorId = ? AND kind = ? AND value = ?", arguments: [r.actorId, r.kind, r.value])
        try Aggregates.insertRoleAggregates(
            db, roleRows: "SELECT * FROM (\(Schema.roleRows("da.actorId = ?1"))) WHERE kind = ?2 AND value = ?3",
            arguments: [r.actorId, r.kind, r.value])
    }
}
