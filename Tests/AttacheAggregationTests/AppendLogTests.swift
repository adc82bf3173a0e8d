import AttacheContracts
import Foundation
import GRDB
import Logging
import Testing

@testable import AttacheAggregation

/// The append log and the knowledge base derived from it, on real SQLite files.
@Suite struct AppendLogTests {
    static func open(_ path: String, maxBatch: Int = 512) throws -> SQLiteAggregationStore {
        try SQLiteAggregationStore(
            path: path, maxResultRows: 1000, storyWindowDays: 3, maxBatch: maxBatch, logger: Logger(label: "test.log"))
    }

    /// Every table of the knowledge base, each row as text, sorted (the derivation's own position left out).
    /// Every table of the two stores holds the same rows (`note` says which comparison failed).
    static func expectSameTables(_ pathA: String, _ pathB: String, _ note: String = "") throws {
        let a = try tables(pathA), b = try tables(pathB)
        #expect(a.keys.sorted() == b.keys.sorted())
        for name in a.keys.sorted() { #expect(a[name] == b[name], "table \(name)\(note)") }
    }

    static func tables(_ path: String) throws -> [String: [String]] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            var out: [String: [String]] = [:]
            let names = try String.fetchAll(
                db,
                sql: """
                    SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                    AND name NOT IN ('derivation', 'grdb_migrations') AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name
                    """)
            for name in names {
                out[name] = try Row.fetchAll(db, sql: "SELECT * FROM \"\(name)\"").map { $0.description }.sorted()
            }
            return out
        }
    }

    /// What a client sees: stats, lists, every document and every actor's profile, relations of each state.
    static func answers(_ store: SQLiteAggregationStore) async throws -> [QueryResult] {
        var out: [QueryResult] = []
        for (kind, params) in [
            (QueryKind.stats, QueryParams()), (.documents, QueryParams()), (.actors, QueryParams()), (.countries, QueryParams()),
            (.events, QueryParams()), (.stories, QueryParams()), (.relations, QueryParams(state: "VN")),
            (.relations, QueryParams(state: "TH")), (.search, QueryParams(text: "border")),
        ] {
            var r = try await store.query(kind, params)
            // The derivation's bookkeeping is compared apart.
            r.stats?.appended = nil
            r.stats?.derived = nil
            r.stats?.lagDocuments = nil
            r.stats?.lagSeconds = nil
            out.append(r)
        }
        for doc in out[1].documents ?? [] { out.append(try await store.query(.document, QueryParams(doc: doc.doc))) }
        for actor in out[2].actors ?? [] { out.append(try await store.query(.actor, QueryParams(actor: actor.id))) }
        return out
    }

    /// A version of `b` with one more sentence (a new content hash).
    static func revised(_ b: DocBuilder, _ n: Int) -> DocBuilder {
        var r = b
        r.sentences.append("Revision \(n) added this sentence about the border talks.")
        return r
    }

    @Test func aQueryAfterTheSeqOfAnAppendSeesTheDocument() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let store = try Self.open(tmp.path)
        let receipt = try await store.append(Corpus.visit().digest())
        #expect(receipt.status == .new)
        #expect(receipt.seq == 1)
        #expect(await store.waitDerived(through: receipt.seq, timeout: .seconds(60)))
        let answer = try await store.answer(.documents, QueryParams(), envelopeBytes: 64)
        #expect(answer.asOf >= receipt.seq)
        #expect(answer.result.documents?.map(\.doc) == ["visit-1.txt"])
        // The same digest again: nothing appended, the seq of the entry that holds it.
        #expect(try await store.append(Corpus.visit().digest()) == AppendReceipt(status: .duplicate, seq: 1))
        let second = try await store.append(Self.revised(Corpus.visit(), 1).digest())
        #expect(second == AppendReceipt(status: .replaced, seq: 2))
        #expect(await store.waitDerived(through: 2, timeout: .seconds(60)))
        let stats = try #require(try await store.query(.stats, QueryParams()).stats)
        #expect(stats.documents == 1)
        #expect(stats.appended == 2 && stats.derived == 2 && stats.lagDocuments == 0 && stats.lagSeconds == 0)
        // A seq not appended yet is not reached: the wait ends at its timeout.
        #expect(await store.waitDerived(through: 3, timeout: .milliseconds(50)) == false)
    }

    /// The knowledge base derived entry by entry, in many small batches interleaved with appends, equals one
    /// derived afresh from a copy of the log (in batches of 512): same answers, same rows in every table.
    @Test func theIncrementallyDerivedStateEqualsARebuildFromTheLog() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let store = try Self.open(tmp.path, maxBatch: 3)
        var extra: [DocBuilder] = []
        for i in 0..<8 {
            var b = DocBuilder(
                "extra-\(i).txt", published: "2031-05-\(10 + i)", source: "feed-c",
                [
                    "Minister Arun Veda of India met Nepal's envoy Sita Karki in Delhi on the border dispute \(i).",
                    "India and Nepal agreed to resume border talks.",
                ])
            b.person("Arun Veda", country: "IN", roles: ["Minister"])
            b.person("Sita Karki", country: "NP", roles: ["envoy"])
            b.country("IN", ["India"])
            b.country("NP", ["Nepal"])
            b.event("CONSULT", "IN", "NP", trigger: "met", actor: "Arun Veda", recipient: "Sita Karki")
            b.event("AGREE", "IN", "NP", trigger: "agreed")
            extra.append(b)
        }
        // Waves of concurrent appends (new, duplicate, replaced, replaced back, the same document twice in a
        // wave), each derived in batches of at most 3.
        let waves: [[DocBuilder]] = [
            [Corpus.visit(), Corpus.report(), extra[0], extra[1], extra[2]],
            [Corpus.visit(), Self.revised(Corpus.report(), 1), Corpus.other(), extra[3], Self.revised(extra[0], 1)],
            [Self.revised(Corpus.visit(), 2), Corpus.report(), extra[4], extra[5], Self.revised(extra[0], 1), extra[6]],
            [Self.revised(Corpus.visit(), 3), Self.revised(Corpus.visit(), 4), extra[7], Corpus.other(), Self.revised(extra[1], 5)],
        ]
        var statuses: [StoreStatus: Int] = [:]
        var last: Int64 = 0
        for wave in waves {
            try await withThrowingTaskGroup(of: AppendReceipt.self) { group in
                for b in wave { group.addTask { try await store.append(b.digest()) } }
                for try await r in group {
                    statuses[r.status, default: 0] += 1
                    last = max(last, r.seq)
                }
            }
            // Sometimes the deriver is still behind when the next wave comes.
            if wave.count == 6 { #expect(await store.waitDerived(through: last, timeout: .seconds(60))) }
        }
        #expect(await store.waitDerived(through: last, timeout: .seconds(60)))
        #expect(statuses[.new] == 11 && (statuses[.duplicate] ?? 0) >= 3 && (statuses[.replaced] ?? 0) >= 5, "\(statuses)")
        let commits = try await DatabaseQueue(path: tmp.path).read { db in try Int64.fetchOne(db, sql: "SELECT derivedThrough FROM derivation") }
        #expect(commits == last)
        #expect(try await store.waitForSearchIndex())
        let incremental = try await Self.answers(store)
        #expect(incremental[0].stats?.documents == 11)

        // A fresh store fed the same log.
        let rebuilt = try TempStore()
        defer { rebuilt.cleanup() }
        try store.log.pool.backup(to: try DatabaseQueue(path: AppendLog.path(forStore: rebuilt.path)))
        let fresh = try Self.open(rebuilt.path)
        #expect(fresh.derivedThrough == 0)
        #expect(await fresh.waitDerived(through: last, timeout: .seconds(60)))
        #expect(try await fresh.waitForSearchIndex())
        #expect(try await Self.answers(fresh) == incremental)
        try Self.expectSameTables(tmp.path, rebuilt.path)
    }

    /// A store made by the release before the log (documents derived, no log, schema v24) opens: its log is
    /// seeded from the stored digests in document order, already derived; it answers as before, goes on
    /// taking documents after the seeded seqs, and a rebuild from the seeded log gives the same answers.
    @Test func aStoreWithoutALogIsSeededIntoOne() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        var hashes: [String: String] = [:]
        do {
            let store = try Self.open(tmp.path)
            for b in [Corpus.visit(), Corpus.report(), Corpus.other(), Self.revised(Corpus.visit(), 1)] {
                try await store.store(b.digest())
                hashes[b.doc] = b.digest().contentHash
            }
        }
        // What the release before the log leaves: the same tables (its writer is the deriver's), its digests in the
        // store (v27 undone), no log, no v25 (nor v26's state counts, which it fills from the rows).
        try MigrationTests.undoV27(tmp.path)
        for suffix in ["-log", "-log-wal", "-log-shm"] { try? FileManager.default.removeItem(atPath: tmp.path + suffix) }
        do {
            // The store's last connection may still be closing (its checkpoint holds the file a moment): wait for it.
            var config = Configuration()
            config.busyMode = .timeout(10)
            let queue = try DatabaseQueue(path: tmp.path, configuration: config)
            try await queue.write { db in
                try db.execute(
                    sql: "DROP TABLE derivation; DROP TABLE actorCountry; DELETE FROM grdb_migrations WHERE identifier IN ('v25', 'v26')")
                #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM documentBody") == 3, "the release before the log kept the digests")
            }
            try queue.close()
        }
        #expect(try MigrationTests.migrations(tmp.path).last == "v24")
        let before: [QueryResult]
        do {
            let store = try Self.open(tmp.path)
            #expect(store.derivedThrough == 3, "one entry per stored document")
            let stats = try #require(try await store.query(.stats, QueryParams()).stats)
            #expect(stats.appended == 3 && stats.derived == 3 && stats.lagDocuments == 0)
            before = try await Self.answers(store)
            #expect(before[0].stats?.documents == 3)
            // The log holds every document once, in document id order, with its hash and stored time.
            let entries = try store.log.pool.read { db in
                try Row.fetchAll(db, sql: "SELECT seq, doc, contentHash, appendedAt FROM entry ORDER BY seq")
            }
            #expect(entries.map { $0["doc"] as String } == ["report-2.txt", "other-3.txt", "visit-1.txt"])
            for e in entries { #expect(hashes[e["doc"] as String] == e["contentHash"] as String) }
            let storedAt = Dictionary(uniqueKeysWithValues: (before[1].documents ?? []).map { ($0.doc, $0.storedAt) })
            for e in entries { #expect(storedAt[e["doc"] as String] == e["appendedAt"] as Int64) }
            // Status is decided against the seeded log; new seqs follow it.
            #expect(try await store.append(Corpus.report().digest()) == AppendReceipt(status: .duplicate, seq: 1))
            #expect(try await store.append(Self.revised(Corpus.other(), 7).digest()) == AppendReceipt(status: .replaced, seq: 4))
            #expect(await store.waitDerived(through: 4, timeout: .seconds(60)))
        }
        #expect(try MigrationTests.migrations(tmp.path) == Schema.migrator.migrations)
        // Reopened: nothing seeded twice.
        let again = try Self.open(tmp.path)
        #expect(again.derivedThrough == 4)
        #expect(try await again.positions().appended == 4)
        let after = try await Self.answers(again)
        #expect(after[0].stats?.documents == 3)
        // A rebuild from the seeded log answers as the migrated store.
        let rebuilt = try TempStore()
        defer { rebuilt.cleanup() }
        try again.log.pool.backup(to: try DatabaseQueue(path: AppendLog.path(forStore: rebuilt.path)))
        let fresh = try Self.open(rebuilt.path)
        #expect(await fresh.waitDerived(through: 4, timeout: .seconds(60)))
        #expect(try await fresh.waitForSearchIndex())
        #expect(try await again.waitForSearchIndex())
        // The seeded log holds each document's last version in document order, not the order they came in:
        // the rebuild holds the same knowledge, with other ids and other merge notes (which document named an
        // actor first).
        #expect(try await Self.content(fresh) == Self.content(again))
    }

    /// What the store knows, apart from ids and the order things came in: counts, documents and their digests,
    /// states, relations, actors by kind and name, events by document and trigger.
    static func content(_ store: SQLiteAggregationStore) async throws -> [String] {
        var out: [String] = []
        var stats = try #require(try await store.query(.stats, QueryParams()).stats)
        stats.lagSeconds = nil
        out.append("\(stats)")
        let documents = try await store.query(.documents, QueryParams()).documents ?? []
        out.append("\(documents)")
        for d in documents { out.append("\(String(describing: try await store.query(.document, QueryParams(doc: d.doc)).document))") }
        out.append("\(String(describing: try await store.query(.countries, QueryParams()).countries))")
        for state in ["VN", "LA", "TH", "KH"] {
            out.append("\(String(describing: try await store.query(.relations, QueryParams(state: state)).relations))")
        }
        return out + (try await RetainedContent.actorsAndEvents(store))
    }

    /// A store whose log is gone (or another store's) does not open: its derived state would not match what
    /// the log says, and new seqs would collide with derived ones.
    @Test func aStoreWhoseLogIsLostDoesNotOpen() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        do {
            let store = try Self.open(tmp.path)
            try await store.store(Corpus.visit().digest())
        }
        for suffix in ["-log", "-log-wal", "-log-shm"] { try? FileManager.default.removeItem(atPath: tmp.path + suffix) }
        #expect(throws: DatabaseError.self) { _ = try Self.open(tmp.path) }
    }
}
