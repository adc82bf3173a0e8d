import AttacheContracts
import Foundation
import GRDB
import Logging
import Testing

@testable import AttacheAggregation

/// The v4/v5 derived tables, kept incrementally, must equal what a rebuild from the base rows gives —
/// after new documents, duplicates and replacements, pushed concurrently (group commit).
@Suite struct AggregateTests {
    static let tables = [
        "nameKey", "nameWord", "nameAcronym", "actorForm", "actorRule", "actorRoleAgg", "actorDoc", "relationAgg",
        "relationPack", "storySource", "storyMode", "counter", "actorPair",
    ]

    static func snapshot(_ db: Database) throws -> [String: [String]] {
        var out: [String: [String]] = [:]
        for t in self.tables {
            out[t] = try Row.fetchAll(db, sql: "SELECT * FROM \(t)").map { $0.description }.sorted()
        }
        out["story"] = try Row.fetchAll(
            db, sql: "SELECT id, mentions, documents, sources, firstDay, lastDay, firstDate, lastDate, mode FROM story"
        ).map { $0.description }.sorted()
        out["actor"] = try Row.fetchAll(db, sql: "SELECT id, mentions, documents, firstSeen, lastSeen FROM actor")
            .map { $0.description }.sorted()
        return out
    }

    /// The query copies (v14 `pairEvent`, v17 `actorRecent`) and the cited sentences (v21) equal
    /// their derivation from the base rows, and no refill is left pending.
    static func checkCopies(_ pool: DatabasePool) async throws {
        // The timeline's copies (v14) are the stored events between two dated states, no more, no less (the
        // actor lists too, in id order).
        let (kept, derived) = try await pool.read { db in
            (try Self.valueRows(db, "SELECT * FROM pairEvent"), try Self.valueRows(db, Schema.pairEventFill))
        }
        #expect(kept.count > 20 && kept == derived)
        // The profiles' copy (v17): each actor's latest 20 events, refilled where a replacement took some away.
        for copy in [Aggregates.CappedCopy.recent] {
            let (table, fill) = (copy.table, copy.fill)
            let (copied, derived, largest) = try await pool.read { db in
                var derived: [String] = []
                for id in try Int64.fetchAll(db, sql: "SELECT id FROM actor") {
                    derived += try Self.valueRows(db, fill.replacingOccurrences(of: "?1", with: String(id)))
                }
                let largest = try Int.fetchOne(db, sql: "SELECT MAX(n) FROM (SELECT COUNT(*) AS n FROM \(table) GROUP BY actorId)")
                return (try Self.valueRows(db, "SELECT * FROM \(table)"), derived.sorted(), largest)
            }
            #expect(largest == Schema.actorRecentCap, "\(table): some actor has more rows than the copy keeps")
            #expect(copied.count > 40 && copied == derived, "\(table)")
        }
        #expect(try await pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM actorRecentDirty") } == 0)
        // The sentences (v21): one row for each sentence an event of a stored document cites, with the text of the
        // stored digest; none of a replaced version.
        let (sentences, cited) = try await pool.read { db in
            (
                try Self.valueRows(db, "SELECT id, text FROM sentence"),
                try Self.valueRows(
                    db,
                    """
                        SELECT DISTINCT (e.documentId << 16) + e.sentence, json_extract(s.value, '$.text')
                        FROM event e JOIN document d ON d.id = e.documentId JOIN applog.entry b ON b.seq = d.logSeq,
                            json_each(b.body, '$.sentences') s
                        WHERE json_extract(s.value, '$.index') = e.sentence
                        """)
            )
        }
        #expect(sentences.count > 20 && sentences == cited)
    }

    /// A pool on the store at `path` whose connections attach its append log as `applog` (as the store's readers do).
    static func poolWithLog(_ path: String) throws -> DatabasePool {
        var config = Configuration()
        config.prepareDatabase { db in try db.execute(sql: "ATTACH DATABASE ? AS applog", arguments: [path + "-log"]) }
        return try DatabasePool(path: path, configuration: config)
    }

    /// Rows as their values only (not their column names), sorted.
    static func valueRows(_ db: Database, _ sql: String) throws -> [String] {
        try Row.fetchAll(db, sql: sql).map { Array($0.databaseValues).map(\.description).joined(separator: "|") }.sorted()
    }

    /// Version 1 of every fourth document moves to another month (its roles' dates change with it).
    static func corpus(_ version: Int) -> [Digest] {
        var docs: [Digest] = []
        let people = [
            ("Trần Minh Khoa", "Khoa", "VN"), ("Tran Minh Khoa", "Khoa", "VN"), ("Vongsa Keola", "Keola", "LA"),
            ("Somchai Rattana", "Rattana", "TH"), ("Nguyễn Văn Hùng", "Hùng", "VN"), ("Nguyen Van Long", "Long", "VN"),
        ]
        for i in 0..<24 {
            let (name, short, state) = people[(i + version) % people.count]
            let other = people[(i * 5 + 1) % people.count]
            var b = DocBuilder(
                "agg-\(i).txt", published: i % 5 == 0 ? nil : "2031-0\(1 + (i + (i % 4 == 2 ? version : 0)) % 9)-1\(i % 10)",
                source: "feed-\(i % 3)",
                [
                    "General \(name) met \(other.0) in Hanoi on Monday.",
                    "\(short) said the Northern Coastal Guard (NCG) would train with \(other.1)'s forces.",
                    "Version \(version) of report \(i).",
                ])
            b.person(name, aliases: [short], country: state, rank: i % 2 == 0 ? "General" : nil, roles: ["Minister \(i % 3)"])
            b.person(i % 4 == 0 ? other.1 : other.0, country: i % 3 == 0 ? nil : other.2)
            b.org("Northern Coastal Guard", aliases: ["NCG"], country: "VN")
            b.country(state, [])
            b.country(other.2, [])
            b.event("CONSULT", state, other.2, trigger: "met", date: i % 3 == 0 ? nil : "2031-03-1\(i % 7)",
                    mode: i % 2 == 0 ? "formal" : nil, actor: name, recipient: other.0)
            b.event(["AGREE", "ACCUSE", "AID"][i % 3], other.2, state, trigger: "said")
            docs.append(b.digest())
        }
        return docs
    }

    /// `recountLimit` 0: replacement subtracts the old version from every actor; 1000: recounts every actor.
    /// `relationPack.types` (v12): entries come out in type order whatever the stored order, dates are
    /// optional, a malformed entry is skipped, and a name that is not a PLOVER type is kept as written.
    @Test func packedRelationTypesUnpack() {
        func unpack(_ s: String) -> [RelationTypeCount] {
            Array(s.utf8).withUnsafeBufferPointer { QueryEngine.unpackRelationTypes($0) }
        }
        #expect(
            unpack("REJECT,1,0,2031-01-02,2031-02-03;AGREE,0,12,,;BROKEN,1;CONSULT,3,4,2031-05-06,") == [
                RelationTypeCount(type: "AGREE", outgoing: 0, incoming: 12, firstDate: nil, lastDate: nil),
                RelationTypeCount(type: "CONSULT", outgoing: 3, incoming: 4, firstDate: "2031-05-06", lastDate: nil),
                RelationTypeCount(type: "REJECT", outgoing: 1, incoming: 0, firstDate: "2031-01-02", lastDate: "2031-02-03"),
            ])
        #expect(
            unpack("AID,7,0,,2031-01-01;XTYPE,1,1,,") == [
                RelationTypeCount(type: "AID", outgoing: 7, incoming: 0, firstDate: nil, lastDate: "2031-01-01"),
                RelationTypeCount(type: "XTYPE", outgoing: 1, incoming: 1, firstDate: nil, lastDate: nil),
            ])
        #expect(unpack("").isEmpty)
    }

    /// A hot actor's "met most" (kept counts, `actorPair`) lists what a cold actor's (counted over its
    /// documents) does, limit by limit: partners shared in several documents first, then those shared once
    /// in id order (v20 keeps only the first in `actorPair_top`). A hub meets a state in every document,
    /// three recurring persons in a third each, and a new person in each.
    @Test(arguments: [1, 2, 6, 50]) func hotAndColdActorsMetTheSame(limit: Int) async throws {
        let firsts = ["Amani", "Baraka", "Chege", "Daudi", "Eshe", "Faraji", "Gathoni", "Hamisi"]
        let lasts = ["Otieno", "Kamau", "Mwangi", "Njoroge", "Wanjiru"]
        let recurring = ["Joseph Kariuki", "Mary Achieng", "Peter Onyango"]
        var docs: [Digest] = []
        for i in 0..<40 {
            let unique = "\(firsts[i % 8]) \(lasts[i / 8])"
            var b = DocBuilder(
                "hub-\(i).txt", published: "2031-04-\(10 + i % 9)",
                ["Wairimu Ndegwa of Kenya met \(unique) and \(recurring[i % 3]) in Nairobi."])
            b.person("Wairimu Ndegwa", country: "KE")
            b.person(unique, country: "KE")
            b.person(recurring[i % 3], country: "KE")
            b.country("KE", ["Kenya"])
            docs.append(b.digest())
        }
        func profiles(hotThreshold: Int) async throws -> [[String]] {
            let tmp = try TempStore()
            defer { tmp.cleanup() }
            let store = try SQLiteAggregationStore(
                path: tmp.path, maxResultRows: 1000, storyWindowDays: 3, hotThreshold: hotThreshold,
                logger: Logger(label: "test"))
            for d in docs { _ = try await store.store(d) }
            let hot = try await Self.waitingPool(tmp.path).read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM hotActor")! }
            #expect(hotThreshold == 1 ? hot == 45 : hot == 0)
            var lists: [[String]] = []
            for id in Int64(1)...45 {
                let p = try #require(try await store.query(.actor, QueryParams(limit: limit, actor: id)).actor)
                lists.append([p.actor.name] + p.coMentioned.map { "\($0.name) \($0.documents)" })
            }
            return lists
        }
        let cold = try await profiles(hotThreshold: 1_000_000)
        #expect(try await profiles(hotThreshold: 1) == cold)
        // The hub's list, to see that both parts are there (a limit of 6: the state and the three recurring
        // persons, then the first two met once, in id order).
        let hub = try #require(cold.first { $0[0] == "Wairimu Ndegwa" })
        #expect(hub.count == 1 + min(limit, 44))
        if limit == 6 {
            #expect(
                hub == [
                    "Wairimu Ndegwa", "KE 40", "Joseph Kariuki 14", "Mary Achieng 13", "Peter Onyango 13", "Amani Otieno 1",
                    "Baraka Otieno 1",
                ])
        }
    }

    /// v33: a hot person's ranks and roles (aggregated in `actorRoleAgg`) read as a cold one's (grouped from its
    /// `docActor` rows when asked), in its profile and in the list of actors: the latest rank (the last named among
    /// those of the latest date), the roles latest first, each rank and role with its first and last date and its
    /// documents. With undated documents, dates given twice, a role named twice in one document, persons promoted to hot
    /// midway, and replacements that take a latest rank or role away.
    @Test(arguments: [1, 5]) func hotAndColdPersonsHaveTheSameRoles(hotThreshold: Int) async throws {
        let ranks = ["Colonel", "General", "Major General", "Minister"]
        let roles = ["Defence Minister", "Army Chief", "Envoy", "Chairman of the Committee"]
        func digest(_ i: Int, version: Int = 0) -> Digest {
            let published: String? = i % 5 == 4 ? nil : "2031-05-\(10 + (i * 3 + version) % 7)"
            var b = DocBuilder(
                "roles-\(i).txt", published: published,
                ["Amina Yusuf met Kofi Mensah and Ama Owusu in Accra, Ghana\(version == 0 ? "" : ", again")."])
            b.person(
                "Amina Yusuf", country: "GH", rank: ranks[(i + version) % 4],
                roles: [roles[i % 4], roles[(i + 1 + version) % 4], roles[i % 4]])
            b.person(
                "Kofi Mensah", country: "GH", rank: i % 2 == 0 ? ranks[(i + version) % 3] : nil,
                roles: i % 3 == 0 ? [] : [roles[(i + version) % 4]])
            b.person("Ama Owusu", country: "GH", roles: [roles[3 - i % 4]])
            b.country("GH", ["Ghana"])
            return b.digest()
        }
        func answers(hotThreshold: Int) async throws -> (answers: [String], aggregated: Int) {
            let tmp = try TempStore()
            defer { tmp.cleanup() }
            let store = try SQLiteAggregationStore(
                path: tmp.path, maxResultRows: 1000, storyWindowDays: 3, hotThreshold: hotThreshold,
                logger: Logger(label: "test"))
            for i in 0..<12 { _ = try await store.store(digest(i)) }
            for i in [0, 5, 11, 6] { #expect(try await store.store(digest(i, version: 1)) == .replaced) }
            _ = try await store.store(digest(12))
            let actors = try #require(try await store.query(.actors, QueryParams()).actors)
            var out = [String(describing: actors)]
            for a in actors {
                let p = try #require(try await store.query(.actor, QueryParams(actor: a.id)).actor)
                out.append(String(describing: [p.actor.rank, p.actor.roles, p.ranks, p.roles] as [Any?]))
            }
            let aggregated = try await Self.waitingPool(tmp.path).read {
                try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM actorRoleAgg")!
            }
            return (out, aggregated)
        }
        let cold = try await answers(hotThreshold: 1_000_000)
        #expect(cold.aggregated == 0, "no actor is hot: no aggregates of roles")
        let hot = try await answers(hotThreshold: hotThreshold)
        #expect(hot.aggregated > 10, "hot persons keep their roles aggregated")
        #expect(hot.answers == cold.answers)
        #expect(cold.answers.count == 5 && cold.answers.contains { $0.contains("Major General") && $0.contains("Envoy") })
    }

    /// A pool on a store's file that waits while the store just released (or its background work) still holds the
    /// file a moment (its last checkpoint), instead of failing with "database is locked".
    static func waitingPool(_ path: String) throws -> DatabasePool {
        var config = Configuration()
        config.busyMode = .timeout(10)
        return try DatabasePool(path: path, configuration: config)
    }

    /// v20: a hot actor's partners shared in several documents come from `actorPair_top` alone (which holds
    /// only those), those shared once from the primary key; both in the order shown, so a page stops early.
    @Test func hotMetReadsThePartialIndex() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        _ = try tmp.open()
        let (kept, once, partial) = try await Self.waitingPool(tmp.path).read { db in
            func plan(_ sql: String) throws -> [String] {
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: [1, 20]).map { $0["detail"] as String }
            }
            return (
                try plan(QueryEngine.metHotSQL), try plan(QueryEngine.metHotOnceSQL),
                try Bool.fetchOne(db, sql: "SELECT partial FROM pragma_index_list('actorPair') WHERE name = 'actorPair_top'")
            )
        }
        #expect(partial == true)
        #expect(kept.first?.hasPrefix("SEARCH p USING COVERING INDEX actorPair_top (actorId=? AND docs>?") == true, "\(kept)")
        #expect(once.first?.hasPrefix("SEARCH p USING PRIMARY KEY (actorId=?") == true, "\(once)")
        #expect(!(kept + once).contains { $0.contains("TEMP B-TREE") }, "\(kept) \(once)")
    }

    /// v19: a profile of an actor below the hot threshold counts whom it met from `docActor_document` alone,
    /// without reading each mention's row from the table.
    @Test func coldMetReadsTheDocumentIndexAlone() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        _ = try tmp.open()
        let plan = try await Self.waitingPool(tmp.path).read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + QueryEngine.metColdSQL, arguments: [1, 20])
                .map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.hasPrefix("SEARCH b USING COVERING INDEX docActor_document (documentId=?") }, "\(plan)")
    }

    @Test(arguments: [0, 1000]) func incrementalEqualsRebuild(recountLimit: Int) async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let store = try SQLiteAggregationStore(
            path: tmp.path, maxResultRows: 1000, storyWindowDays: 3, hotThreshold: 3, recountLimit: recountLimit,
            logger: Logger(label: "test"))
        // New, then (concurrently) duplicates and replacements of half of them.
        try await withThrowingTaskGroup(of: StoreStatus.self) { g in
            for d in Self.corpus(0) { g.addTask { try await store.store(d) } }
            for try await _ in g {}
        }
        // The copies are kept right by inserts and trims alone (before any replacement refills them).
        try await Self.checkCopies(try Self.poolWithLog(tmp.path))
        let second = Self.corpus(1)
        try await withThrowingTaskGroup(of: StoreStatus.self) { g in
            for (i, d) in Self.corpus(0).enumerated() {
                let digest = i % 2 == 0 ? second[i] : d
                g.addTask { try await store.store(digest) }
            }
            var statuses: [StoreStatus: Int] = [:]
            for try await s in g { statuses[s, default: 0] += 1 }
            #expect(statuses[.replaced] == 12 && statuses[.duplicate] == 12)
        }
        let pool = try Self.poolWithLog(tmp.path)
        let incremental = try await pool.read { try Self.snapshot($0) }
        // Every batch repacks the relations it changed before it commits.
        #expect(try await pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM relationDirty") } == 0)
        // Each document's digest is the latest log entry of its id (replacements and duplicates included), with its hash.
        let (documents, latest) = try await pool.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM document") ?? 0,
                try Int.fetchOne(
                    db,
                    sql: """
                        SELECT COUNT(*) FROM document d JOIN applog.entry e ON e.seq = d.logSeq AND e.doc = d.doc
                            AND e.contentHash = d.contentHash
                        WHERE e.seq = (SELECT MAX(seq) FROM applog.entry WHERE doc = d.doc)
                        """) ?? 0
            )
        }
        #expect(documents == Self.corpus(0).count && latest == documents)
        try await Self.checkCopies(pool)
        try await pool.write { db in
            for t in ["storySource", "storyMode"] { try db.execute(sql: "DELETE FROM \(t)") }
            try db.execute(sql: "DELETE FROM relationAgg; DELETE FROM actorDoc")
            try Aggregates.rebuildAll(db)
            try db.execute(sql: "DELETE FROM relationPack")
            try Aggregates.flushRelationPacks(db)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM hotActor")! > 3)
            try db.execute(
                sql: """
                    DELETE FROM actorPair;
                    INSERT INTO actorPair (actorId, otherId, docs)
                    SELECT x.actorId, b.actorId, COUNT(DISTINCT b.documentId) FROM docActor x
                    JOIN docActor b ON b.documentId = x.documentId AND b.actorId != x.actorId
                    WHERE x.actorId IN (SELECT actorId FROM hotActor) GROUP BY x.actorId, b.actorId;
                    """)
            // Story counts and actor counts as the full recount computes them.
            try db.execute(
                sql: """
                    UPDATE story SET
                        mentions = (SELECT COUNT(*) FROM event WHERE storyId = story.id),
                        documents = (SELECT COUNT(DISTINCT documentId) FROM event WHERE storyId = story.id),
                        sources = (SELECT COUNT(DISTINCT COALESCE(d.source, d.doc)) FROM event e
                                   JOIN document d ON d.id = e.documentId WHERE e.storyId = story.id),
                        firstDate = (SELECT MIN(effDate) FROM event WHERE storyId = story.id),
                        lastDate = (SELECT MAX(effDate) FROM event WHERE storyId = story.id),
                        mode = (SELECT mode FROM event WHERE storyId = story.id AND mode IS NOT NULL
                                GROUP BY mode ORDER BY COUNT(*) DESC, mode LIMIT 1);
                    UPDATE actor SET
                        mentions = (SELECT COALESCE(SUM(mentions), 0) FROM docActor WHERE actorId = actor.id),
                        documents = (SELECT COUNT(DISTINCT documentId) FROM docActor WHERE actorId = actor.id),
                        firstSeen = (SELECT MIN(d.published) FROM docActor da JOIN document d ON d.id = da.documentId
                                     WHERE da.actorId = actor.id),
                        lastSeen = (SELECT MAX(d.published) FROM docActor da JOIN document d ON d.id = da.documentId
                                    WHERE da.actorId = actor.id);
                    """)
            for (name, sql) in [
                ("documents", "SELECT COUNT(*) FROM document"), ("sentences", "SELECT COALESCE(SUM(nSentences), 0) FROM document"),
                ("events", "SELECT COUNT(*) FROM event"), ("stories", "SELECT COUNT(*) FROM story"),
                ("persons", "SELECT COUNT(*) FROM actor WHERE kind = 'person'"),
                ("organizations", "SELECT COUNT(*) FROM actor WHERE kind = 'organization'"),
                ("states", "SELECT COUNT(*) FROM actor WHERE kind = 'state'"),
            ] {
                try db.execute(sql: "UPDATE counter SET n = (\(sql)) WHERE name = ?", arguments: [name])
            }
        }
        let rebuilt = try await pool.read { try Self.snapshot($0) }
        for t in Self.tables + ["story", "actor"] {
            #expect(incremental[t] == rebuilt[t], "table \(t) differs")
            #expect(!(incremental[t] ?? []).isEmpty || t == "nameAcronym", "table \(t) is empty")
        }
    }
}
