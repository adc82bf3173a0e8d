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

    /// The migration path: a store whose last migration was v16 (before the actors' copies of v17 and v18,
    /// the index changes of v19 and v20 and the documents' `url` of v21: made here by undoing them on a store of the current code) opens with
    /// the current release, which migrates it to the same schema as a new store, with the same answers, and
    /// goes on storing.
    @Test func aStoreFromV16IsMigratedToTheSameSchemaAndAnswers() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let before = try await Self.build(tmp)
        let current = try Self.schema(tmp.path)
        do {
            let queue = try DatabaseQueue(path: tmp.path)
            try await queue.write { db in
                try db.execute(
                    sql: """
                        DROP TRIGGER actorMerge_dad; DROP TABLE actorMerge;
                        DROP TRIGGER actorRecent_ead; DROP TABLE actorRecent; DROP TABLE actorRecentDirty;
                        DROP INDEX docActor_document; CREATE INDEX docActor_document ON docActor(documentId, kind);
                        DROP INDEX actorPair_top; CREATE INDEX actorPair_top ON actorPair(actorId, docs DESC, otherId);
                        ALTER TABLE document DROP COLUMN url;
                        DROP TABLE exportCarry; DROP TABLE exportRemoved;
                        DELETE FROM grdb_migrations WHERE identifier IN ('v17', 'v18', 'v19', 'v20', 'v21', 'v22-export-changes');
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
        let before = try await Self.build(tmp)
        let current = try Self.schema(tmp.path)
        do {
            let queue = try DatabaseQueue(path: tmp.path)
            try await queue.write { db in
                try db.execute(
                    sql: """
                        ALTER TABLE document DROP COLUMN url; DROP TABLE exportCarry; DROP TABLE exportRemoved;
                        DELETE FROM grdb_migrations WHERE identifier IN ('v21', 'v22-export-changes')
                        """)
            }
            try queue.close()
        }
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
}
