import AttacheContracts
import Foundation
import GRDB
import Logging
import Testing

@testable import AttacheAggregation

/// Stores on a real SQLite file, made by the schema code, opened again by the current release.
@Suite struct MigrationTests {
    /// What a client sees of the three-document corpus, every actor's profile included (profiles read the copies
    /// that v17 and v18 keep).
    static func answers(_ store: SQLiteAggregationStore) async throws -> [QueryResult] {
        var out: [QueryResult] = []
        for (kind, params) in [
            (QueryKind.stats, QueryParams()), (.documents, QueryParams()), (.actors, QueryParams()), (.countries, QueryParams()),
            (.events, QueryParams()), (.stories, QueryParams()), (.document, QueryParams(doc: "visit-1.txt")),
            (.relations, QueryParams(state: "VN")),
        ] {
            out.append(try await store.query(kind, params))
        }
        let actors = try #require(out[2].actors)
        for actor in actors { out.append(try await store.query(.actor, QueryParams(actor: actor.id))) }
        return out
    }

    /// Opens the migrated copy `tmp` of the store `current` and checks that it is a new store's: every migration
    /// recorded, the schema, every table, and every answer byte for byte as `before`. Returns the store and its answers.
    static func openMigrated(
        _ tmp: TempStore, like current: TempStore, schema: [String], before: [QueryResult], from version: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> (SQLiteAggregationStore, [QueryResult]) {
        let migrated = try tmp.open()
        #expect(try Self.migrations(tmp.path) == Schema.migrator.migrations, sourceLocation: sourceLocation)
        #expect(try Self.schema(tmp.path) == schema, "migrated, the schema is a new store's", sourceLocation: sourceLocation)
        try AppendLogTests.expectSameTables(current.path, tmp.path, " (migrated from \(version))")
        #expect(try await migrated.waitForSearchIndex(), sourceLocation: sourceLocation)
        let after = try await Self.answers(migrated) + Self.digestAnswers(migrated)
        #expect(after == before, "migrated, the store answers byte for byte as before", sourceLocation: sourceLocation)
        return (migrated, after)
    }

    /// The writer goes on alike on the store that was never migrated (`current`, opened again) and on the migrated one:
    /// `writes` on each, then the same answers (all but the document list, which gives the time of each write) and the
    /// same tables (all but `document`, whose `storedAt` is the time of each write).
    static func expectWritesAlike(
        _ current: TempStore, _ tmp: TempStore, _ migrated: SQLiteAggregationStore,
        sourceLocation: SourceLocation = #_sourceLocation, _ writes: (SQLiteAggregationStore) async throws -> Void
    ) async throws {
        let reopened = try current.open()
        var written: [[QueryResult]] = []
        for store in [reopened, migrated] {
            try await writes(store)
            written.append(try await Self.answers(store))
        }
        written = written.map { answers in answers.enumerated().filter { $0.offset != 1 }.map(\.element) }
        #expect(written[0] == written[1], "the same answers after the same writes", sourceLocation: sourceLocation)
        let (a, b) = (try AppendLogTests.tables(current.path), try AppendLogTests.tables(tmp.path))
        for name in a.keys.sorted() where name != "document" {
            #expect(a[name] == b[name], "table \(name), written after the migration", sourceLocation: sourceLocation)
        }
    }

    /// The schema as SQLite keeps it (tables, indexes, triggers), by name.
    static func schema(_ path: String) throws -> [String] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            try String.fetchAll(
                db, sql: "SELECT type || ' ' || name || ': ' || COALESCE(sql, '') FROM sqlite_master ORDER BY type, name")
        }
    }

    static func migrations(_ path: String) throws -> [String] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid") }
    }

    /// Builds the corpus store at `tmp` and returns its answers (the store is closed on return).
    static func build(_ tmp: TempStore) async throws -> [QueryResult] {
        let store = try tmp.open()
        for b in [Corpus.visit(), Corpus.report(), Corpus.other()] { _ = try await store.store(b.digest()) }
        let answers = try await Self.answers(store)
        // The answers compared later hold data.
        #expect(answers[0].stats?.documents == 3)
        #expect((answers[0].stats?.events ?? 0) > 0)
        #expect(answers.count > 8, "profiles of the actors are compared too")
        return answers
    }

    /// Makes `tmp` a store of an earlier release, schema `last` (v20 by default; v21 added only the documents'
    /// `url`), where events and their copies held their sentence's text and there was no `sentence` table: an empty
    /// file taken to `last` by the real migrations, then filled with the rows of
    /// the corpus store made by the current code (a side file), each event's and copy's sentence text put back
    /// from the `sentence` row it cites. Triggers are off while the rows are copied (they are copies of what
    /// the triggers made). Returns the current store's answers and schema.
    static func buildV20(_ tmp: TempStore, upTo last: String = "v20") async throws -> (answers: [QueryResult], schema: [String]) {
        let current = try TempStore()
        defer { current.cleanup() }
        let answers = try await Self.build(current)
        let schema = try Self.schema(current.path)
        let queue = try DatabaseQueue(path: tmp.path)
        try Schema.migrator.migrate(queue, upTo: last)
        try await queue.writeWithoutTransaction { db in
            db.add(function: Self.evidenceSentence)
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.execute(sql: "ATTACH DATABASE ? AS cur", arguments: [current.path])
            try db.execute(sql: "ATTACH DATABASE ? AS curlog", arguments: [AppendLog.path(forStore: current.path)])
            try db.inTransaction {
                let triggers = try Row.fetchAll(db, sql: "SELECT name, sql FROM main.sqlite_master WHERE type = 'trigger'")
                for t in triggers { try db.execute(sql: "DROP TRIGGER main.\(t["name"] as String)") }
                let tables = try String.fetchAll(
                    db,
                    sql: "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations'")
                for table in tables {
                    let columns = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?, 'main')", arguments: [table])
                    let now = Set(try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?, 'cur')", arguments: [table]))
                    let values = columns.map { c in
                        now.contains(c)
                            ? "x.\"\(c)\""
                            : c == "sentenceText"
                                ? "COALESCE((SELECT s.text FROM cur.sentence s WHERE s.id = (x.documentId << 16) + x.sentence), '')"
                                : c == "evidence" ? "\(Self.evidenceSentenceSQL("x"))" : "NULL"
                    }
                    try db.execute(sql: "DELETE FROM main.\(table)")  // rows the migrations made (counters)
                    // Filled below: v28, v30 and v31 dropped them.
                    if table == "actorMerge" || table == "actorRole" || table == "actorName" { continue }
                    if table == "documentBody" {
                        // Before v27 the store kept each digest; now the log does.
                        try db.execute(
                            sql: "INSERT INTO main.documentBody (id, digest) SELECT d.id, e.body FROM cur.document d JOIN curlog.entry e ON e.seq = d.logSeq")
                        continue
                    }
                    try db.execute(
                        sql: """
                            INSERT INTO main.\(table) (\(columns.map { "\"\($0)\"" }.joined(separator: ", ")))
                            SELECT \(values.joined(separator: ", ")) FROM cur.\(table) x
                            """)
                }
                // The role rows (v30 keeps them in `docActor`), and the aggregates' latest rows pointed at them.
                try db.execute(sql: Self.roleIds("cur") + Self.fillActorRole)
                // The aggregates of the actors that are not hot (v33 keeps none: they are read from the rows), from the
                // role rows just filled.
                for id in try Int64.fetchAll(db, sql: "SELECT id FROM main.actor WHERE id NOT IN (SELECT actorId FROM main.hotActor)") {
                    try Aggregates.insertRoleAggregates(db, roleRows: Schema.roleRowsV4, arguments: [id])
                }
                // The name rows (v31 keeps them in `docActor`), and the lookup entries' first names pointed at them.
                try db.execute(sql: Self.nameIds("cur") + Self.fillActorName)
                for t in triggers { try db.execute(sql: t["sql"] as String) }
                if try db.tableExists("actorMerge", in: "main") {
                    // The merge notes' copy (v18 to v27), from the rows copied.
                    try db.execute(sql: "INSERT OR IGNORE INTO main.actorRecentDirty SELECT id FROM main.actor")
                    try Aggregates.flushActorRecent(db, [.mergeV18])
                }
                return .commit
            }
            try db.execute(sql: "DETACH DATABASE cur")
            try db.execute(sql: "DETACH DATABASE curlog")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        try queue.close()
        return (answers, schema)
    }

    /// A store made by the current schema code reopens with the current release as it is: every migration is
    /// recorded as done, none runs again, and the data answers the same.
    @Test func aStoreOfTheCurrentSchemaOpensAsItIs() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let before = try await Self.build(tmp)
        let applied = try Self.migrations(tmp.path)
        #expect(applied == Schema.migrator.migrations, "every migration of this release is recorded")
        let schema = try Self.schema(tmp.path)
        let reopened = try tmp.open()
        #expect(try Self.migrations(tmp.path) == applied)
        #expect(try Self.schema(tmp.path) == schema)
        let after = try await Self.answers(reopened)
        #expect(after == before)
        #expect(try await reopened.store(Corpus.visit().digest()) == .duplicate)
    }

    /// The migration path: a store whose last migration was v16 (before the actors' copies of v17 and v18, the index
    /// changes of v19 and v20, the documents' `url` of v21, the sentences of v22 and the export tables of v23: made here by undoing them on a store
    /// of v20, ``buildV20(_:upTo:)``) opens with
    /// the current release, which migrates it to the same schema as a new store, with the same answers, and
    /// goes on storing.
    @Test func aStoreFromV16IsMigratedToTheSameSchemaAndAnswers() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let (before, current) = try await Self.buildV20(tmp)
        do {
            let queue = try DatabaseQueue(path: tmp.path)
            try await queue.write { db in
                try db.execute(
                    sql: """
                        DROP TRIGGER actorMerge_dad; DROP TABLE actorMerge;
                        DROP TRIGGER actorRecent_ead; DROP TABLE actorRecent; DROP TABLE actorRecentDirty;
                        DROP INDEX docActor_document; CREATE INDEX docActor_document ON docActor(documentId, kind);
                        DROP INDEX actorPair_top; CREATE INDEX actorPair_top ON actorPair(actorId, docs DESC, otherId);
                        DELETE FROM grdb_migrations WHERE identifier IN ('v17', 'v18', 'v19', 'v20');
                        """)
            }
            try queue.close()
        }
        #expect(try Self.migrations(tmp.path).last == "v16")
        #expect(try Self.schema(tmp.path) != current)

        let migrated = try tmp.open()
        #expect(try Self.migrations(tmp.path) == Schema.migrator.migrations)
        #expect(try Self.schema(tmp.path) == current, "migrated, the schema is a new store's")
        #expect(try await Self.answers(migrated) == before, "migrated, the store answers as before")
        // And the writer works on it: a new document, then a replacement.
        var more = DocBuilder("visit-2.txt", published: "2031-03-14", ["Tran Minh Khoa met Lao officials in Vientiane."])
        more.person("Tran Minh Khoa", country: "VN")
        #expect(try await migrated.store(more.digest()) == .new)
        #expect(try await migrated.query(.stats, QueryParams()).stats?.documents == 4)
    }

    /// v21: a store of v20 (documents without a `url` column) migrates to the current schema; the documents it
    /// had keep their answers (no url), and a document pushed with a url after the migration lists it.
    @Test func aStoreFromV20GainsDocumentURLs() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let (before, current) = try await Self.buildV20(tmp)
        #expect(try Self.migrations(tmp.path).last == "v20")
        #expect(try Self.schema(tmp.path) != current)

        let migrated = try tmp.open()
        #expect(try Self.migrations(tmp.path) == Schema.migrator.migrations)
        #expect(try Self.schema(tmp.path) == current, "migrated, the schema is a new store's")
        #expect(try await Self.answers(migrated) == before)
        var more = DocBuilder("visit-2.txt", published: "2031-03-14", ["Tran Minh Khoa met Lao officials in Vientiane."])
        more.person("Tran Minh Khoa", country: "VN")
        var digest = more.digest()
        digest.url = "https://news.example.org/visit-2"
        #expect(try await migrated.store(digest) == .new)
        let documents = try #require(try await migrated.query(.documents, QueryParams()).documents)
        #expect(documents.first(where: { $0.doc == "visit-2.txt" })?.url == "https://news.example.org/visit-2")
        #expect(documents.filter { $0.doc != "visit-2.txt" }.allSatisfy { $0.url == nil })
        #expect(try await migrated.query(.document, QueryParams(doc: "visit-2.txt")).document?.url == "https://news.example.org/visit-2")
    }

    /// v22 on a store of the previous release (v21): each cited sentence moves to `sentence` once, the events
    /// and their copies refer to it, the schema is a new store's and every answer is the same, timelines too.
    @Test func aStoreFromV21MovesItsSentencesAndAnswersTheSame() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let (before, current) = try await Self.buildV20(tmp, upTo: "v21")
        #expect(try Self.migrations(tmp.path).last == "v21")
        let (copies, texts) = try await {
            let queue = try DatabaseQueue(path: tmp.path)
            defer { try? queue.close() }
            return try await queue.read { db in
                (
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event WHERE sentenceText != ''") ?? 0,
                    try Set(String.fetchAll(db, sql: "SELECT sentenceText FROM event"))
                )
            }
        }()
        #expect(copies >= 4 && texts.count >= 3, "the v21 store holds the events' sentences")

        let migrated = try tmp.open()
        #expect(try Self.migrations(tmp.path) == Schema.migrator.migrations)
        #expect(try Self.schema(tmp.path) == current, "migrated, the schema is a new store's")
        #expect(try await Self.answers(migrated) == before, "migrated, the store answers as before")
        let moved = try await migrated.pool.read { db in
            (
                try Set(String.fetchAll(db, sql: "SELECT text FROM sentence")),
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sentence") ?? 0,
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (SELECT DISTINCT documentId, sentence FROM event)") ?? 0,
                try AggregateTests.valueRows(db, "SELECT * FROM pairEvent"), try AggregateTests.valueRows(db, Schema.pairEventFill)
            )
        }
        #expect(moved.0 == texts, "every cited sentence, once")
        #expect(moved.1 == moved.2)
        #expect(!moved.3.isEmpty && moved.3 == moved.4, "the timeline's copies refer to the events' sentences")
        let recent = try await migrated.pool.read { db in
            var derived: [String] = []
            for id in try Int64.fetchAll(db, sql: "SELECT id FROM actor") {
                derived += try AggregateTests.valueRows(db, Schema.actorRecentFill.replacingOccurrences(of: "?1", with: String(id)))
            }
            return (try AggregateTests.valueRows(db, "SELECT * FROM actorRecent"), derived.sorted())
        }
        #expect(!recent.0.isEmpty && recent.0 == recent.1, "the profiles' copies too")
        // Timelines read `pairEvent`: each of their events as the events page showed it before.
        let shown = Dictionary(uniqueKeysWithValues: (before[4].events ?? []).map { ($0.id, $0) })
        for pair in [["VN", "LA"], ["TH", "KH"]] {
            let events = try #require(try await migrated.query(.timeline, QueryParams(pair: pair)).events)
            #expect(!events.isEmpty && events.allSatisfy { shown[$0.id] == $0 })
        }
        // The writer goes on: a replacement takes its old version's sentences away.
        var visit = Corpus.visit()
        visit.sentences[0] = "Tran Minh Khoa met Lao officials again in Luang Prabang."
        visit.events.removeLast()
        #expect(try await migrated.store(visit.digest()) == .replaced)
        let after = try await migrated.pool.read { try Set(String.fetchAll($0, sql: "SELECT text FROM sentence")) }
        #expect(after.contains(visit.sentences[0]))
        #expect(!after.contains(Corpus.visit().sentences[0]) && !after.contains(Corpus.visit().sentences[2]))
    }

    /// v24 on a store of the previous release (v23): the events' participants are read from the stored digests and
    /// linked to their actors; persons and organizations that only took part (named in no actor or recipient words)
    /// are linked to the event, and the copies of those events list them. The schema and every answer are a new
    /// store's.
    @Test func aStoreFromV23GainsItsEventsParticipants() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let (before, current) = try await Self.buildV20(tmp, upTo: "v23")
        #expect(try Self.migrations(tmp.path).last == "v23")
        // A store of v23 linked no participant: take away the links that only participants give (the current writer
        // made them), with their copies, as v23 had them.
        do {
            let queue = try DatabaseQueue(path: tmp.path)
            try await queue.write { db in
                let khoa = try #require(try Int64.fetchOne(db, sql: "SELECT id FROM actor WHERE name = 'Tran Minh Khoa'"))
                let keola = try #require(try Int64.fetchOne(db, sql: "SELECT id FROM actor WHERE name = 'Vongsa Keola'"))
                let report = try #require(
                    try Int64.fetchOne(
                        db, sql: "SELECT e.id FROM event e JOIN document d ON d.id = e.documentId WHERE d.doc = 'report-2.txt'"))
                let visit = try #require(
                    try Int64.fetchOne(
                        db,
                        sql: "SELECT e.id FROM event e JOIN document d ON d.id = e.documentId WHERE d.doc = 'visit-1.txt' AND e.type = 'CONSULT'"))
                try db.execute(sql: "DELETE FROM eventActor WHERE eventId = ? AND actorId = ? AND role = 'recipient'", arguments: [report, khoa])
                // (Named in the recipient words too: taken away here to see the participant bring it back.)
                try db.execute(sql: "DELETE FROM eventActor WHERE eventId = ? AND actorId = ? AND role = 'recipient'", arguments: [visit, keola])
                #expect(db.changesCount == 1)
                try db.execute(
                    sql: """
                        UPDATE pairEvent SET actors = COALESCE((SELECT group_concat(actorId, ',') FROM
                            (SELECT DISTINCT actorId FROM eventActor WHERE eventId = pairEvent.eventId)), '');
                        """)
                try Aggregates.flushActorRecent(db, [.recent])
                #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM actorRecent WHERE actorId = ?", arguments: [keola]) == 0)
            }
            try queue.close()
        }
        #expect(try Self.schema(tmp.path) != current)

        let migrated = try tmp.open()
        #expect(try Self.migrations(tmp.path) == Schema.migrator.migrations)
        #expect(try Self.schema(tmp.path) == current, "migrated, the schema is a new store's")
        let after = try await Self.answers(migrated)
        #expect(after == before, "migrated, the store answers as a new one: participation, met, linked events")
        let khoa = try #require(try await migrated.query(.actor, QueryParams(name: "Tran Minh Khoa")).actor)
        #expect(khoa.participation.map(\.role).sorted() == ["actor", "recipient"])
        #expect(khoa.met.map(\.name).contains("Vongsa Keola"))
        let rows = try await migrated.pool.read { db in
            try AggregateTests.valueRows(db, "SELECT * FROM eventParticipant ORDER BY eventId, role, ordinal")
        }
        #expect(rows.count == 4)
        #expect(try await migrated.store(PeopleTests.talks().digest()) == .new)
        #expect(try await migrated.query(.meetings, QueryParams(pair: ["LA", "VN"])).meetings?.count == 3)
    }

    /// v26 on a store of the previous release (v25): `actorCountry` is counted from the `docActor` rows, and a person's
    /// or organization's state becomes the one its rows give most often (none when none gives one), as the deriver
    /// now keeps it. The previous release kept the first state seen, and a state that a replaced version alone gave;
    /// such states are put back here to see the migration decide them again. Log, schema and answers are then a
    /// new store's.
    @Test func aStoreFromV25DecidesEachActorsStateByItsRows() async throws {
        let current = try TempStore()
        defer { current.cleanup() }
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let before = try await Self.build(current)
        let schema = try Self.schema(current.path)
        let currentTables = try AppendLogTests.tables(current.path)
        try Self.copyStore(current.path, to: tmp.path)
        // What v25 left: the digests in the store (v27 undone), no counts, and states decided by the order documents
        // came in.
        try Self.undoV27(tmp.path)
        let (person, organization) = try await DatabaseQueue(path: tmp.path).write { db in
            try db.execute(sql: "DROP TABLE actorCountry; DELETE FROM grdb_migrations WHERE identifier = 'v26'")
            let person = try #require(try Int64.fetchOne(db, sql: "SELECT id FROM actor WHERE kind = 'person' AND country IS NOT NULL ORDER BY id LIMIT 1"))
            let organization = try #require(try Int64.fetchOne(db, sql: "SELECT id FROM actor WHERE kind = 'organization' ORDER BY id LIMIT 1"))
            try db.execute(sql: "UPDATE actor SET country = 'ZZ' WHERE id = ?", arguments: [person])
            try db.execute(sql: "UPDATE docActor SET country = NULL WHERE actorId = ?", arguments: [organization])
            try db.execute(sql: "UPDATE actor SET country = 'ZZ' WHERE id = ?", arguments: [organization])
            return (person, organization)
        }
        #expect(try Self.migrations(tmp.path).last == "v25")
        #expect(try Self.schema(tmp.path) != schema)

        let migrated = try tmp.open()
        #expect(try Self.migrations(tmp.path) == Schema.migrator.migrations)
        #expect(try Self.schema(tmp.path) == schema, "migrated, the schema is a new store's")
        let (personCountry, organizationCountry, counts) = try await migrated.pool.read { db in
            (
                try String.fetchOne(db, sql: "SELECT country FROM actor WHERE id = ?", arguments: [person]),
                try String.fetchOne(db, sql: "SELECT country FROM actor WHERE id = ?", arguments: [organization]),
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM actorCountry WHERE actorId = ?", arguments: [organization])
            )
        }
        #expect(personCountry != nil && personCountry != "ZZ", "the state its rows give")
        #expect(organizationCountry == nil && counts == 0, "no row gives one: none")
        // Every other table is as the current writer left it.
        let after = try AppendLogTests.tables(tmp.path)
        for (name, rows) in currentTables where !["actor", "docActor", "actorCountry"].contains(name) {
            #expect(after[name] == rows, "table \(name)")
        }
        #expect(after["actorCountry"] == currentTables["actorCountry"]?.filter { !$0.hasPrefix("[actorId:\(organization) ") })
        #expect(after["actor"]?.count == currentTables["actor"]?.count)
        let answers = try await Self.answers(migrated)
        #expect(answers.count == before.count)
        #expect(answers.first == before.first, "the same counts")
        // It goes on deriving from its log.
        #expect(try await migrated.store(PeopleTests.talks().digest()) == .new)
    }

    /// Copies a store, its append log and their WAL files (a store mid-use) to `target`.
    static func copyStore(_ source: String, to target: String) throws {
        for suffix in ["", "-log"] {
            try FileManager.default.copyItem(atPath: source + suffix, toPath: target + suffix)
            for extra in ["-wal", "-shm"] { try? FileManager.default.copyItem(atPath: source + suffix + extra, toPath: target + suffix + extra) }
        }
    }

    /// SQL that makes the temporary table `roleIds` of v29's `actorRole` rows from the role rows of the `docActor` and
    /// `document` tables of schema `s` (`main` or an attached store of this release, ``Schema/roleRows(_:)``): ids in
    /// the order of their `rid`, as the writer inserted them.
    static func roleIds(_ s: String) -> String {
        """
        CREATE TEMP TABLE roleIds AS
        SELECT ROW_NUMBER() OVER (ORDER BY rid) AS id, rid, docActorId, actorId, kind, value, seen FROM (
            SELECT da.id << 16 AS rid, da.id AS docActorId, da.actorId AS actorId, 'rank' AS kind, da.rank AS value,
                   d.published AS seen
            FROM \(s).docActor da JOIN \(s).document d ON d.id = da.documentId WHERE da.rank != ''
            UNION ALL
            SELECT (da.id << 16) + min(1 + j.key, 65535), da.id, da.actorId, 'role', j.value, d.published
            FROM \(s).docActor da JOIN \(s).document d ON d.id = da.documentId, json_each(da.roles) j
            WHERE da.roles IS NOT NULL);
        """
    }

    /// Fills `main.actorRole` (v1 to v29) from `roleIds` (``roleIds(_:)``) and points `main.actorRoleAgg`'s latest rows
    /// at its ids.
    static let fillActorRole = """
        INSERT INTO main.actorRole (id, docActorId, actorId, kind, value, seen)
        SELECT id, docActorId, actorId, kind, value, seen FROM roleIds ORDER BY id;
        UPDATE main.actorRoleAgg SET topId = (SELECT id FROM roleIds WHERE rid = actorRoleAgg.topId);
        DROP TABLE roleIds;
        """

    /// SQL that makes the temporary table `nameIds` of v30's `actorName` rows from the name rows of the `docActor` table
    /// of schema `s` (`main` or an attached store of this release, ``Schema/nameRows(_:)``): ids in the order of their
    /// `nid`, as the writer inserted them.
    static func nameIds(_ s: String) -> String {
        """
        CREATE TEMP TABLE nameIds AS
        SELECT ROW_NUMBER() OVER (ORDER BY nid) AS id, * FROM (
            \(Schema.nameRows("1").replacingOccurrences(of: "FROM docActor da", with: "FROM \(s).docActor da")));
        """
    }

    /// Fills `main.actorName` (v1 to v30) from `nameIds` (``nameIds(_:)``) and points the first names of `main`'s name
    /// lookup entries at its ids.
    static let fillActorName = """
        INSERT INTO main.actorName (id, docActorId, actorId, kind, isMain, name, nameKey, words, acronym1, acronym2)
        SELECT id, docActorId, actorId, kind, isMain, name, nameKey, words, acronym1, acronym2 FROM nameIds ORDER BY id;
        UPDATE main.nameKey SET firstNameId = (SELECT id FROM nameIds WHERE nid = nameKey.firstNameId);
        UPDATE main.nameWord SET firstNameId = (SELECT id FROM nameIds WHERE nid = nameWord.firstNameId);
        UPDATE main.nameAcronym SET firstNameId = (SELECT id FROM nameIds WHERE nid = nameAcronym.firstNameId);
        DROP TABLE nameIds;
        """

    /// The sentence a `docActor` row's evidence stands for (v32 keeps its values, ``Evidence``), as v1 to v31 stored it:
    /// SQL `evidenceSentence(kind, rule, name, country, actorId, formKey, aliases, evidenceArgs)`.
    static let evidenceSentence = DatabaseFunction("evidenceSentence", argumentCount: 8, pure: true) { v in
        let row = Evidence.Row(
            kind: String.fromDatabaseValue(v[0]) ?? "", rule: String.fromDatabaseValue(v[1]) ?? "",
            name: String.fromDatabaseValue(v[2]) ?? "", country: String.fromDatabaseValue(v[3]),
            actorId: Int64.fromDatabaseValue(v[4]) ?? 0, formKey: String.fromDatabaseValue(v[5]),
            aliases: String.fromDatabaseValue(v[6]))
        return Evidence.sentence(stored: String.fromDatabaseValue(v[7]) ?? "", row)
    }

    /// ``evidenceSentence`` of the `docActor` row `t`.
    static func evidenceSentenceSQL(_ t: String) -> String {
        "evidenceSentence(\(t).kind, \(t).rule, \(t).name, \(t).country, \(t).actorId, \(t).formKey, \(t).aliases, \(t).evidenceArgs)"
    }

    /// Takes a store of this release back to v32, which kept the ranks and roles of every actor aggregated in
    /// `actorRoleAgg`, hot or not (``Aggregates/insertRoleAggregates(_:roleRows:arguments:)`` over its rows).
    static func undoV33(_ path: String) throws {
        var config = Configuration()
        config.busyMode = .timeout(10)  // the store's last connection may still be closing
        let queue = try DatabaseQueue(path: path, configuration: config)
        defer { try? queue.close() }
        try queue.write { db in
            for id in try Int64.fetchAll(db, sql: "SELECT id FROM actor WHERE id NOT IN (SELECT actorId FROM hotActor)") {
                try Aggregates.insertRoleAggregates(db, roleRows: Schema.roleRows("da.actorId = ?1"), arguments: [id])
            }
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v33'")
        }
    }

    /// Takes a store of this release back to v31, which kept each `docActor` row's evidence as its sentence (`evidence`).
    static func undoV32(_ path: String) throws {
        try Self.undoV33(path)
        var config = Configuration()
        config.busyMode = .timeout(10)  // the store's last connection may still be closing
        let queue = try DatabaseQueue(path: path, configuration: config)
        defer { try? queue.close() }
        try queue.write { db in
            db.add(function: Self.evidenceSentence)
            try db.execute(
                sql: """
                    UPDATE docActor SET evidenceArgs = \(Self.evidenceSentenceSQL("docActor"));
                    ALTER TABLE docActor RENAME COLUMN evidenceArgs TO evidence;
                    DELETE FROM grdb_migrations WHERE identifier = 'v32';
                    """)
        }
    }

    /// Takes a store of this release back to v30, which kept a row per name form of a `docActor` row in `actorName`
    /// (ids in the order the writer inserted them, the lookup entries' first names pointing at them) and no `formKey`,
    /// `acronyms` and `aliases` in `docActor`.
    static func undoV31(_ path: String) throws {
        try Self.undoV32(path)
        try Self.execute(
            path,
            """
            CREATE TABLE actorName (
                id INTEGER PRIMARY KEY,
                docActorId INTEGER NOT NULL REFERENCES docActor(id) ON DELETE CASCADE,
                actorId INTEGER NOT NULL,
                kind TEXT NOT NULL,
                isMain INTEGER NOT NULL,
                name TEXT NOT NULL,
                nameKey TEXT NOT NULL,
                words INTEGER NOT NULL,
                acronym1 TEXT,
                acronym2 TEXT);
            CREATE INDEX actorName_docActor ON actorName(docActorId);
            \(Self.nameIds("main"))
            \(Self.fillActorName)
            ALTER TABLE docActor DROP COLUMN formKey;
            ALTER TABLE docActor DROP COLUMN acronyms;
            ALTER TABLE docActor DROP COLUMN aliases;
            DELETE FROM grdb_migrations WHERE identifier = 'v31';
            """)
    }

    /// Takes a store of this release back to v29, which kept a row per rank and role of a person in `actorRole` (ids in
    /// the order the writer inserted them) and no `roles` in `docActor`.
    static func undoV30(_ path: String) throws {
        try Self.undoV31(path)
        try Self.execute(
            path,
            """
            CREATE TABLE actorRole (
                id INTEGER PRIMARY KEY,
                docActorId INTEGER NOT NULL REFERENCES docActor(id) ON DELETE CASCADE,
                actorId INTEGER NOT NULL,
                kind TEXT NOT NULL,
                value TEXT NOT NULL,
                seen TEXT);
            CREATE INDEX actorRole_docActor ON actorRole(docActorId);
            \(Self.roleIds("main"))
            \(Self.fillActorRole)
            ALTER TABLE docActor DROP COLUMN roles;
            DELETE FROM grdb_migrations WHERE identifier = 'v30';
            """)
    }

    /// Takes a store of this release back to v28, which kept an index of the events by date (`event_date`).
    static func undoV29(_ path: String) throws {
        try Self.undoV30(path)
        try Self.execute(
            path,
            """
            CREATE INDEX event_date ON event(effDate);
            DELETE FROM grdb_migrations WHERE identifier = 'v29';
            """)
    }

    /// Runs `sql` on the store file at `path` outside the store (to take it back to an earlier version).
    static func execute(_ path: String, _ sql: String) throws {
        var config = Configuration()
        config.busyMode = .timeout(10)  // the store's last connection may still be closing
        let queue = try DatabaseQueue(path: path, configuration: config)
        defer { try? queue.close() }
        try queue.write { db in try db.execute(sql: sql) }
    }

    /// Takes a store of this release back to v27, which kept a copy of each actor's first 20 merge notes (`actorMerge`,
    /// v18: name, rule and evidence), filled from the base rows as v18 fills it.
    static func undoV28(_ path: String) throws {
        try Self.undoV29(path)
        var config = Configuration()
        config.busyMode = .timeout(10)  // the store's last connection may still be closing
        let queue = try DatabaseQueue(path: path, configuration: config)
        defer { try? queue.close() }
        try queue.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE actorMerge (
                        actorId INTEGER NOT NULL, pubKey TEXT NOT NULL, doc TEXT NOT NULL, ordinal INTEGER NOT NULL,
                        documentId INTEGER NOT NULL, name TEXT NOT NULL, rule TEXT NOT NULL, evidence TEXT NOT NULL,
                        PRIMARY KEY (actorId, pubKey, doc, ordinal)) WITHOUT ROWID;
                    CREATE TRIGGER actorMerge_dad AFTER DELETE ON docActor BEGIN
                        INSERT INTO actorRecentDirty SELECT old.actorId
                        WHERE EXISTS (SELECT 1 FROM actorMerge WHERE actorId = old.actorId AND documentId = old.documentId)
                          AND NOT EXISTS (SELECT 1 FROM actorRecentDirty WHERE actorId = old.actorId);
                        DELETE FROM actorMerge WHERE actorId = old.actorId AND documentId = old.documentId;
                    END;
                    INSERT INTO actorRecentDirty SELECT id FROM actor ORDER BY id;
                    DELETE FROM grdb_migrations WHERE identifier = 'v28';
                    """)
            try Aggregates.flushActorRecent(db, [.mergeV18])
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM actorMerge WHERE evidence != ''") ?? 0 > 5, "the v27 copy holds the notes")
        }
    }

    /// Takes a store of this release back to v26, where each document's digest was stored in `documentBody` (the text
    /// of the log entry it was derived from) and `document` had no `logSeq` (v28 undone first).
    /// - Returns: the digests moved back, by id.
    @discardableResult
    static func undoV27(_ path: String) throws -> [Int64: String] {
        try Self.undoV28(path)
        var config = Configuration()
        config.busyMode = .timeout(10)  // the store's last connection may still be closing
        let queue = try DatabaseQueue(path: path, configuration: config)
        defer { try? queue.close() }
        return try queue.writeWithoutTransaction { db in
            try db.execute(sql: "ATTACH DATABASE ? AS applog", arguments: [AppendLog.path(forStore: path)])
            try db.inTransaction {
                try db.execute(
                    sql: """
                        CREATE TABLE documentBody (
                            id INTEGER PRIMARY KEY REFERENCES document(id) ON DELETE CASCADE, digest TEXT NOT NULL);
                        INSERT INTO documentBody (id, digest)
                        SELECT d.id, e.body FROM document d JOIN applog.entry e ON e.seq = d.logSeq ORDER BY d.id;
                        ALTER TABLE document DROP COLUMN logSeq;
                        DELETE FROM grdb_migrations WHERE identifier = 'v27';
                        """)
                return .commit
            }
            try db.execute(sql: "DETACH DATABASE applog")
            let bodies = try Row.fetchAll(db, sql: "SELECT id, digest FROM documentBody")
            #expect(bodies.count == (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM document")), "every digest moved back")
            return Dictionary(uniqueKeysWithValues: bodies.map { ($0[0] as Int64, $0[1] as String) })
        }
    }

    /// The corpus with a document replaced and then pushed again as it first was (the log then holds three entries
    /// for `visit-1.txt`, the first and last of the same content) and a duplicate, and its answers, exports included.
    /// A store built by this release with several versions of its documents (`current`, with its answers `before` and
    /// its schema) and a copy of it taken back to the release before by `undo` (`previous`, whose last migration is
    /// `version`). The caller cleans both up.
    static func currentAndPrevious(
        version: String, undo: (String) throws -> Void
    ) async throws -> (current: TempStore, previous: TempStore, before: [QueryResult], schema: [String]) {
        let current = try TempStore()
        let before = try await Self.buildWithVersions(current)
        let schema = try Self.schema(current.path)
        let previous = try TempStore()
        try Self.copyStore(current.path, to: previous.path)
        try undo(previous.path)
        #expect(try Self.migrations(previous.path).last == version)
        return (current, previous, before, schema)
    }

    /// After a migration, the writes both stores go on with (``expectWritesAlike(_:_:_:_:)``): a version that gives the
    /// visit's first person another rank on a later date, the version before it again, then a new document.
    static func laterRankAgainAndNew(_ store: SQLiteAggregationStore) async throws {
        var later = AppendLogTests.revised(Corpus.visit(), 7)
        later.published = "2031-04-01"
        later.persons[0].rank = "General"
        #expect(try await store.store(later.digest()) == .replaced)
        #expect(try await store.store(AppendLogTests.revised(Corpus.visit(), 8).digest()) == .replaced)
        #expect(try await store.store(PeopleTests.talks().digest()) == .new)
    }

    static func buildWithVersions(_ tmp: TempStore) async throws -> [QueryResult] {
        let store = try tmp.open()
        for b in [Corpus.visit(), Corpus.report(), Corpus.other(), AppendLogTests.revised(Corpus.visit(), 1), Corpus.visit(), Corpus.report()] {
            _ = try await store.store(b.digest())
        }
        #expect(try await store.waitForSearchIndex())
        return try await Self.answers(store) + Self.digestAnswers(store)
    }

    /// Answers that read the stored digests: every document, the JSONL and PLOVER exports, a full-text search.
    static func digestAnswers(_ store: SQLiteAggregationStore) async throws -> [QueryResult] {
        var out: [QueryResult] = []
        for doc in ["visit-1.txt", "report-2.txt", "other-3.txt"] { out.append(try await store.query(.document, QueryParams(doc: doc))) }
        var jsonl = QueryParams()
        jsonl.format = "jsonl"
        var plover = QueryParams()
        plover.format = "plover"
        out.append(try await store.query(.export, jsonl))
        out.append(try await store.query(.export, plover))
        out.append(try await store.query(.search, QueryParams(text: "border")))
        #expect(out.prefix(3).allSatisfy { $0.document != nil }, "each document's digest is read")
        #expect((out[3].export?.count ?? 0) == 3 && (out[4].export?.count ?? 0) > 0, "the exports hold the digests' records")
        #expect((out[5].hits?.count ?? 0) > 0, "the full-text index was built from the digests")
        return out
    }

    /// v27 on a store of the previous release (v26, digests stored in `documentBody`): each document is given the log
    /// entry it was derived from, `documentBody` goes, and the store answers byte for byte as before, its digests,
    /// exports and full-text index included. An entry appended but not derived when it stopped is derived after.
    @Test func aStoreFromV26ReadsItsDigestsFromTheLog() async throws {
        let current = try TempStore()
        defer { current.cleanup() }
        let before = try await Self.buildWithVersions(current)
        let schema = try Self.schema(current.path)
        let wasLogSeq = try await DatabaseQueue(path: current.path).read { db in
            Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: "SELECT doc, logSeq FROM document").map { ($0[0] as String, $0[1] as Int64) })
        }
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        try Self.copyStore(current.path, to: tmp.path)
        let bodies = try Self.undoV27(tmp.path)
        #expect(bodies.count == 3)
        #expect(try Self.migrations(tmp.path).last == "v26")
        #expect(try Self.schema(tmp.path) != schema)
        // Appended while the v26 release was down, not derived yet: a new version of `other-3.txt`.
        let pending = AppendLogTests.revised(Corpus.other(), 2).digest()
        let pendingSeq = try await DatabaseQueue(path: AppendLog.path(forStore: tmp.path)).write { db in
            try db.execute(
                sql: "INSERT INTO entry (doc, contentHash, appendedAt, body) VALUES (?, ?, ?, ?)",
                arguments: [pending.doc, pending.contentHash, 1, String(decoding: try LineCodec().encode(pending), as: UTF8.self)])
            return db.lastInsertedRowID
        }

        let migrated = try tmp.open()
        #expect(try Self.migrations(tmp.path) == Schema.migrator.migrations)
        #expect(try Self.schema(tmp.path) == schema, "migrated, the schema is a new store's")
        #expect(await migrated.waitDerived(through: pendingSeq, timeout: .seconds(60)))
        #expect(try await migrated.waitForSearchIndex())
        // Each document points at the entry it was derived from: as in the store that was never migrated, and the
        // pending entry for the version derived after the migration.
        let logSeqs = try migrated.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT d.doc, d.logSeq, e.body FROM document d JOIN applog.entry e ON e.seq = d.logSeq")
        }
        #expect(logSeqs.count == 3 && wasLogSeq.count == 3)
        for r in logSeqs {
            let doc: String = r[0]
            let seq: Int64 = r[1]
            #expect(doc == "other-3.txt" ? seq == pendingSeq : wasLogSeq[doc] == seq, "\(doc)")
            #expect(doc == "other-3.txt" || bodies.values.contains(r[2] as String), "\(doc): the digest it had")
        }
        #expect(wasLogSeq["visit-1.txt"] == 5, "visit-1.txt: the last of its three entries, of the same content as the first")
        // The pending version was derived: `other-3.txt` is now it; the others answer as before.
        #expect(try await migrated.query(.document, QueryParams(doc: "other-3.txt")).document == pending)
        let answers = try await Self.digestAnswers(migrated)
        #expect(answers[0] == before[before.count - 6], "visit-1.txt, as pushed last")
        #expect(answers[1] == before[before.count - 5], "report-2.txt")
        #expect(try await migrated.store(PeopleTests.talks().digest()) == .new)
    }

    /// The same store migrated without the pending entry answers exactly as the store that was never migrated.
    @Test func aStoreFromV26AnswersAsBefore() async throws {
        let current = try TempStore()
        defer { current.cleanup() }
        let before = try await Self.buildWithVersions(current)
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        try Self.copyStore(current.path, to: tmp.path)
        try Self.undoV27(tmp.path)
        let migrated = try tmp.open()
        #expect(try Self.migrations(tmp.path) == Schema.migrator.migrations)
        // Every table as the current writer left it, `document.logSeq` included.
        try AppendLogTests.expectSameTables(current.path, tmp.path, " (migrated from v26)")
        #expect(try await migrated.waitForSearchIndex())
        let after = try await Self.answers(migrated) + Self.digestAnswers(migrated)
        #expect(after == before, "migrated, the store answers byte for byte as before")
    }

    /// v27 finds each stored digest in the log; a store whose log lacks one (here its text was changed) does not open,
    /// and stays at v26 with its digests.
    @Test func aStoreFromV26WhoseLogLacksADigestStaysAtV26() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        _ = try await Self.build(tmp)
        let bodies = try Self.undoV27(tmp.path)
        try await DatabaseQueue(path: AppendLog.path(forStore: tmp.path)).write { db in
            try db.execute(sql: "UPDATE entry SET body = body || ' ' WHERE doc = 'report-2.txt'")
        }
        #expect(throws: DatabaseError.self) { _ = try tmp.open() }
        #expect(try Self.migrations(tmp.path).last == "v26")
        let kept = try await DatabaseQueue(path: tmp.path).read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM documentBody") }
        #expect(kept == bodies.count && kept == 3)
    }

    /// v28 on a store of the previous release (v27): the merge notes' copy (`actorMerge`) goes; the store is then a new
    /// store's, table for table, and answers byte for byte as before (every actor's profile shows its merge notes,
    /// now read from the mentions).
    @Test func aStoreFromV27DropsItsMergeNotesCopy() async throws {
        let (current, tmp, before, schema) = try await Self.currentAndPrevious(version: "v27") { try Self.undoV28($0) }
        defer {
            current.cleanup()
            tmp.cleanup()
        }
        #expect(try Self.schema(tmp.path) != schema)
        // What a profile of v27 listed: the copy's notes, by actor.
        let copied = try await DatabaseQueue(path: tmp.path).read { db in
            var out: [Int64: [MergeNote]] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT actorId, doc, name, rule, evidence FROM actorMerge ORDER BY actorId, pubKey, doc, ordinal") {
                out[r[0], default: []].append(MergeNote(doc: r[1], name: r[2], rule: r[3], evidence: r[4]))
            }
            return out
        }
        let (_, after) = try await Self.openMigrated(tmp, like: current, schema: schema, before: before, from: "v27")
        #expect(after.contains { !($0.actor?.merges ?? []).isEmpty }, "profiles show merge notes")
        // Each profile lists the notes the copy held.
        var profiles = 0
        for r in after {
            guard let profile = r.actor else { continue }
            #expect(profile.merges == copied[profile.actor.id] ?? [], "actor #\(profile.actor.id)")
            profiles += 1
        }
        #expect(profiles == copied.count && profiles > 5)
    }

    /// The queries the events, relations and countries answers run, as the store prepares them: what v29's drop of
    /// `event_date` must leave as it was.
    static let eventPlans = [
        "SELECT e.id FROM event e JOIN document d ON d.id = e.documentId WHERE e.effDate >= '2031-01-01' ORDER BY e.id LIMIT 51",
        "SELECT e.id FROM event e JOIN document d ON d.id = e.documentId WHERE e.type = 'MEET' AND e.effDate >= '2031-01-01' ORDER BY e.id LIMIT 51",
        "SELECT e.id FROM event e JOIN document d ON d.id = e.documentId WHERE e.source = 'VN' ORDER BY e.id LIMIT 51",
        "SELECT e.id FROM event e JOIN document d ON d.id = e.documentId WHERE e.target = 'VN' AND e.source IS NOT 'VN' ORDER BY e.id LIMIT 51",
        "SELECT e.id FROM event e JOIN document d ON d.id = e.documentId WHERE e.source = 'VN' AND e.target = 'US' ORDER BY e.id LIMIT 51",
        "SELECT effDate FROM event WHERE min(source, target) = 'US' AND max(source, target) = 'VN' AND type = 'MEET' AND effDate IS NOT NULL ORDER BY effDate LIMIT 1",
    ]

    static func plans(_ path: String) throws -> [String] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            try Self.eventPlans.map { sql in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }.joined(separator: "; ")
            }
        }
    }

    /// v29 on a store of the previous release (v28): the index of events by date (`event_date`) goes; the store is
    /// then a new store's, table for table, answers byte for byte as before, and plans the events' queries as v28 did
    /// (none of them used the index, none scans where it did not).
    @Test func aStoreFromV28DropsTheEventsDateIndex() async throws {
        let (current, tmp, before, schema) = try await Self.currentAndPrevious(version: "v28") { try Self.undoV29($0) }
        defer {
            current.cleanup()
            tmp.cleanup()
        }
        #expect(!schema.contains { $0.hasPrefix("index event_date:") })
        #expect(try Self.schema(tmp.path).contains { $0.hasPrefix("index event_date:") })
        let plansV28 = try Self.plans(tmp.path)
        #expect(!plansV28.contains { $0.contains("event_date") }, "v28 plans none of them with the index")
        let migrated = try tmp.open()
        #expect(try Self.migrations(tmp.path) == Schema.migrator.migrations)
        #expect(try Self.schema(tmp.path) == schema, "migrated, the schema is a new store's")
        #expect(try Self.plans(tmp.path) == plansV28, "the same plans")
        try AppendLogTests.expectSameTables(current.path, tmp.path, " (migrated from v28)")
        #expect(try await migrated.waitForSearchIndex())
        let after = try await Self.answers(migrated) + Self.digestAnswers(migrated)
        #expect(after == before, "migrated, the store answers byte for byte as before")
        #expect(try await migrated.store(PeopleTests.talks().digest()) == .new)
    }
    /// v30 on a store of the previous release (v29): each person's roles move from `actorRole` into its `docActor` row,
    /// `actorRole` goes, and the aggregates' latest rows are numbered as the writer now numbers them. The store is then
    /// a new store's, table for table (the replaced and repeated versions included), and answers byte for byte as
    /// before; replacing a document whose person held a role's latest date goes on as in a new store.
    @Test func aStoreFromV29KeepsRolesInDocActor() async throws {
        let (current, tmp, before, schema) = try await Self.currentAndPrevious(version: "v29") { try Self.undoV30($0) }
        defer {
            current.cleanup()
            tmp.cleanup()
        }
        #expect(!schema.contains { $0.hasPrefix("table actorRole:") })
        let (roles, ranks) = try await DatabaseQueue(path: tmp.path).read { db in
            (
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM actorRole WHERE kind = 'role'") ?? 0,
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM actorRole WHERE kind = 'rank'") ?? 0
            )
        }
        #expect(roles > 2 && ranks > 0, "the v29 store holds role rows of both kinds")
        let (migrated, _) = try await Self.openMigrated(tmp, like: current, schema: schema, before: before, from: "v29")
        // The writer goes on, on both: a version that gives Tran Minh Khoa another rank on a later date, then a version
        // that takes it back (its role rows taken away and given again), then a new document.
        try await Self.expectWritesAlike(current, tmp, migrated) { store async throws in
            try await Self.laterRankAgainAndNew(store)
        }
    }

    /// v31 on a store of the previous release (v30): each `docActor` row's name forms move from `actorName` into the row
    /// (`formKey`, `acronyms`, `aliases`), `actorName` goes, and the name lookup entries' first names are numbered as the
    /// writer now numbers them. The store is then a new store's, table for table (the replaced and repeated versions
    /// included), and answers byte for byte as before; replacing a document that held an entry's first name, then new
    /// documents, go on as in a new store.
    @Test func aStoreFromV30KeepsNamesInDocActor() async throws {
        let (current, tmp, before, schema) = try await Self.currentAndPrevious(version: "v30") { try Self.undoV31($0) }
        defer {
            current.cleanup()
            tmp.cleanup()
        }
        #expect(!schema.contains { $0.hasPrefix("table actorName:") })
        let (aliases, mains, acronyms, states) = try await DatabaseQueue(path: tmp.path).read { db in
            (
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM actorName WHERE isMain = 0 AND kind != 'state'") ?? 0,
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM actorName WHERE isMain = 1") ?? 0,
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM actorName WHERE acronym1 IS NOT NULL") ?? 0,
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM actorName WHERE kind = 'state'") ?? 0
            )
        }
        #expect(aliases > 0 && mains > 2 && acronyms > 0 && states > 0, "the v30 store holds name rows of every sort")
        let (migrated, _) = try await Self.openMigrated(tmp, like: current, schema: schema, before: before, from: "v30")
        // The writer goes on, on both: a version of the visit without its aliases and with another organization, a version
        // as before, then a new document.
        try await Self.expectWritesAlike(current, tmp, migrated) { store async throws in
            var fewer = AppendLogTests.revised(Corpus.visit(), 7)
            for i in fewer.persons.indices { fewer.persons[i].aliases = [] }
            for i in fewer.organizations.indices { fewer.organizations[i].aliases = [] }
            fewer.org("Ministry of National Defence", aliases: ["the Defence Ministry of Vietnam"], country: "VN")  // two acronyms each
            #expect(try await store.store(fewer.digest()) == .replaced)
            #expect(try await store.store(AppendLogTests.revised(Corpus.visit(), 8).digest()) == .replaced)
            #expect(try await store.store(PeopleTests.talks().digest()) == .new)
        }
    }

    /// v32 on a store of the previous release (v31): each `docActor` row's evidence sentence becomes the values its row
    /// does not imply (``Evidence``), read back from the sentence. The store is then a new store's, table for table (the
    /// replaced and repeated versions included), and answers byte for byte as before, the merge notes' sentences
    /// included; the writer goes on as in a new store.
    @Test func aStoreFromV31KeepsEvidenceAsValues() async throws {
        let (current, tmp, before, schema) = try await Self.currentAndPrevious(version: "v31") { try Self.undoV32($0) }
        defer {
            current.cleanup()
            tmp.cleanup()
        }
        let (sentences, rules) = try await DatabaseQueue(path: tmp.path).read { db in
            (
                try String.fetchAll(db, sql: "SELECT evidence FROM docActor ORDER BY id"),
                try String.fetchAll(db, sql: "SELECT DISTINCT rule FROM docActor ORDER BY rule")
            )
        }
        #expect(sentences.allSatisfy { !$0.isEmpty && !$0.hasPrefix("[") }, "the v31 store holds sentences")
        #expect(Set(rules).isSuperset(of: ["iso-code", "name-key", "new"]), "of several rules: \(rules)")
        let (migrated, after) = try await Self.openMigrated(tmp, like: current, schema: schema, before: before, from: "v31")
        let notes = after.compactMap { $0.actor?.merges }.flatMap { $0 }.map(\.evidence)
        #expect(notes.count > 5 && notes.allSatisfy { !$0.isEmpty }, "the profiles print their merge notes")
        // The writer goes on, on both: a replacement, the version again, a new document.
        try await Self.expectWritesAlike(current, tmp, migrated) { store async throws in
            #expect(try await store.store(AppendLogTests.revised(Corpus.visit(), 7).digest()) == .replaced)
            #expect(try await store.store(AppendLogTests.revised(Corpus.visit(), 8).digest()) == .replaced)
            #expect(try await store.store(PeopleTests.talks().digest()) == .new)
        }
    }

    /// v33 on a store of the previous release (v32): the ranks and roles of the actors that are not hot leave
    /// `actorRoleAgg` (they are grouped from their `docActor` rows when asked). The store is then a new store's, table
    /// for table (the replaced and repeated versions included), and answers byte for byte as before, every profile's
    /// ranks and roles included; a replacement that gives a person another rank on a later date, the version again and a
    /// new document go on as in a new store.
    @Test func aStoreFromV32KeepsRolesOfHotActorsOnly() async throws {
        let (current, tmp, before, schema) = try await Self.currentAndPrevious(version: "v32") { try Self.undoV33($0) }
        defer {
            current.cleanup()
            tmp.cleanup()
        }
        let (ranks, roles) = try await DatabaseQueue(path: tmp.path).read { db in
            (
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM actorRoleAgg WHERE kind = 'rank'") ?? 0,
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM actorRoleAgg WHERE kind = 'role'") ?? 0
            )
        }
        #expect(ranks > 0 && roles > 2, "the v32 store holds aggregates of ranks and roles")
        let (migrated, after) = try await Self.openMigrated(tmp, like: current, schema: schema, before: before, from: "v32")
        let profiles = after.compactMap(\.actor)
        #expect(profiles.contains { !$0.ranks.isEmpty && $0.actor.rank != nil } && profiles.contains { !$0.roles.isEmpty })
        try await Self.expectWritesAlike(current, tmp, migrated) { store async throws in
            try await Self.laterRankAgainAndNew(store)
        }
    }
}
