import AttacheContracts
import GRDB

/// Replacing a document whose actors are large: their cached aggregates lose exactly what the old version
/// added, instead of being recounted from all their rows (a state named by 100,000 documents took seconds).
///
/// ``capture(_:documentId:actors:)`` reads the old version's rows of those actors before the delete; ``apply``
/// subtracts them after it. Counts are subtracted; a "first" or "last" value is looked up again through an
/// index only when the deleted rows held it. The new version's rows are then added incrementally as for a new
/// document. What is not recomputed: an actor's state (the most frequent one when the actor was last recounted;
/// one document cannot change it in practice) — small actors, recounted in full, get it exactly.
struct OldContribution {
    struct DocActorRow { var actorId: Int64; var mentions: Int; var rule: String }
    struct NameRow {
        var id: Int64; var actorId: Int64; var kind: String; var name: String; var key: String; var words: Int
        var acronym1: String?; var acronym2: String?; var isMain: Bool
    }
    struct RoleRow { var actorId: Int64; var kind: String; var value: String }

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
                SELECT n.id, n.actorId, n.kind, n.name, n.nameKey, n.words, n.acronym1, n.acronym2, n.isMain
                FROM actorName n JOIN docActor da ON da.id = n.docActorId WHERE da.documentId = ?
                """, arguments: [documentId])
        where actors.contains(r["actorId"]) {
            c.names.append(
                NameRow(
                    id: r["id"], actorId: r["actorId"], kind: r["kind"], name: r["name"], key: r["nameKey"],
                    words: r["words"], acronym1: r["acronym1"], acronym2: r["acronym2"], isMain: r["isMain"]))
        }
        for r in try Row.fetchAll(
            db,
            sql: """
                SELECT r.actorId, r.kind, r.value FROM actorRole r JOIN docActor da ON da.id = r.docActorId
                WHERE da.documentId = ?
                """, arguments: [documentId])
        where actors.contains(r["actorId"]) {
            c.roles.append(RoleRow(actorId: r["actorId"], kind: r["kind"], value: r["value"]))
        }
        return c
    }

    /// After the old version's rows are deleted (and its `actorDoc` rows).
    func apply(_ db: Database) throws {
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
        try db.execute(sql: "DELETE FROM actorRule WHERE refs <= 0")
        // Forms: rows per name row, docs once per (actor, form) of the document.
        var formDocs = Set<String>()
        for n in self.names {
            let first = formDocs.insert("\(n.actorId)\u{1}\(n.name)").inserted
            try db.execute(
                sql: "UPDATE actorForm SET rows = rows - 1, docs = docs - ? WHERE actorId = ? AND name = ?",
                arguments: [first ? 1 : 0, n.actorId, n.name])
        }
        try db.execute(sql: "DELETE FROM actorForm WHERE rows <= 0")
        // Keys: refs, then the first name again where it was one of the deleted rows.
        for n in self.names {
            try db.execute(
                sql: "UPDATE nameKey SET refs = refs - 1 WHERE kind = ? AND nameKey = ? AND actorId = ?",
                arguments: [n.kind, n.key, n.actorId])
        }
        try db.execute(sql: "DELETE FROM nameKey WHERE refs <= 0")
        for n in self.names {
            guard
                let first = try Int64.fetchOne(
                    db, sql: "SELECT firstNameId FROM nameKey WHERE kind = ? AND nameKey = ? AND actorId = ?",
                    arguments: [n.kind, n.key, n.actorId]), deletedNames.contains(first),
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT n.id, n.name FROM docActor da JOIN actorName n ON n.docActorId = da.id
                        WHERE da.actorId = ? AND n.kind = ? AND n.nameKey = ? ORDER BY n.id LIMIT 1
                        """, arguments: [n.actorId, n.kind, n.key])
            else { continue }
            try db.execute(
                sql: "UPDATE nameKey SET firstNameId = ?, matched = ? WHERE kind = ? AND nameKey = ? AND actorId = ?",
                arguments: [row[0] as Int64, row[1] as String, n.kind, n.key, n.actorId])
        }
        // Words of multi-word keys: one ref per distinct word of each name row; the first name is the smallest
        // first name of the actor's keys that contain the word.
        var words: [(kind: String, word: String, actorId: Int64)] = []
        for n in self.names where n.words > 1 {
            for w in Set(n.key.split(separator: " ").map(String.init)) {
                try db.execute(
                    sql: "UPDATE nameWord SET refs = refs - 1 WHERE kind = ? AND word = ? AND actorId = ?",
                    arguments: [n.kind, w, n.actorId])
                words.append((n.kind, w, n.actorId))
            }
        }
        try db.execute(sql: "DELETE FROM nameWord WHERE refs <= 0")
        for w in words {
            guard
                try Int64.fetchOne(
                    db, sql: "SELECT firstNameId FROM nameWord WHERE kind = ? AND word = ? AND actorId = ?",
                    arguments: [w.kind, w.word, w.actorId]
                ).map({ deletedNames.contains($0) }) == true
            else { continue }
            var best: (Int64, String)?
            for r in try Row.fetchAll(
                db, sql: "SELECT nameKey, firstNameId, matched FROM nameKey WHERE actorId = ? AND kind = ? AND words > 1",
                arguments: [w.actorId, w.kind])
            {
                let key: String = r[0]
                let first: Int64 = r[1]
                guard key.split(separator: " ").contains(Substring(w.word)) else { continue }
                if best.map({ first < $0.0 }) ?? true { best = (first, r[2]) }
            }
            if let best {
                try db.execute(
                    sql: "UPDATE nameWord SET firstNameId = ?, matched = ? WHERE kind = ? AND word = ? AND actorId = ?",
                    arguments: [best.0, best.1, w.kind, w.word, w.actorId])
            }
        }
        // Acronyms: one ref per distinct acronym of each name row.
        var acronyms: [(kind: String, acronym: String, actorId: Int64)] = []
        for n in self.names {
            for a in Set([n.acronym1, n.acronym2].compactMap { $0 }) {
                try db.execute(
                    sql: "UPDATE nameAcronym SET refs = refs - 1 WHERE kind = ? AND acronym = ? AND actorId = ?",
                    arguments: [n.kind, a, n.actorId])
                acronyms.append((n.kind, a, n.actorId))
            }
        }
        try db.execute(sql: "DELETE FROM nameAcronym WHERE refs <= 0")
        for a in acronyms {
            guard
                try Int64.fetchOne(
                    db, sql: "SELECT firstNameId FROM nameAcronym WHERE kind = ? AND acronym = ? AND actorId = ?",
                    arguments: [a.kind, a.acronym, a.actorId]
                ).map({ deletedNames.contains($0) }) == true,
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT n.id, n.name FROM docActor da JOIN actorName n ON n.docActorId = da.id
                        WHERE da.actorId = ?1 AND n.kind = ?2 AND (n.acronym1 = ?3 OR n.acronym2 = ?3) ORDER BY n.id LIMIT 1
                        """, arguments: [a.actorId, a.kind, a.acronym])
            else { continue }
            try db.execute(
                sql: "UPDATE nameAcronym SET firstNameId = ?, matched = ? WHERE kind = ? AND acronym = ? AND actorId = ?",
                arguments: [row[0] as Int64, row[1] as String, a.kind, a.acronym, a.actorId])
        }
        // Roles: each (actor, kind, value) the old version named is recomputed from its remaining rows.
        var seenRoles = Set<String>()
        for r in self.roles where seenRoles.insert("\(r.actorId)\u{1}\(r.kind)\u{1}\(r.value)").inserted {
            try db.execute(
                sql: "DELETE FROM actorRoleAgg WHERE actorId = ? AND kind = ? AND value = ?",
                arguments: [r.actorId, r.kind, r.value])
            let roles = "docActor da JOIN actorRole r ON r.docActorId = da.id WHERE da.actorId = ?1 AND r.kind = ?2 AND r.value = ?3"
            try db.execute(
                sql: """
                    INSERT INTO actorRoleAgg (actorId, kind, value, firstSeen, lastSeen, docs, topKey, topId)
                    SELECT ?1, ?2, ?3, MIN(r.seen), MAX(r.seen), COUNT(DISTINCT da.documentId), MAX(COALESCE(r.seen, '')), 0
                    FROM \(roles) HAVING COUNT(*) > 0
                    """, arguments: [r.actorId, r.kind, r.value])
            try db.execute(
                sql: """
                    UPDATE actorRoleAgg SET topId = (SELECT MAX(r.id) FROM \(roles) AND COALESCE(r.seen, '') = actorRoleAgg.topKey)
                    WHERE actorId = ?1 AND kind = ?2 AND value = ?3
                    """, arguments: [r.actorId, r.kind, r.value])
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
    }
}
