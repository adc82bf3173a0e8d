import AttacheContracts
import Foundation
import GRDB
import Logging
import Testing

@testable import AttacheAggregation

/// Deriving a batch as a batch (counters and aggregates summed by key, written once per key) leaves the same
/// knowledge base as deriving one digest at a time, on real SQLite files.
@Suite struct BatchDerivationTests {
    static func open(_ path: String, maxBatch: Int) throws -> SQLiteAggregationStore {
        // A low hot threshold and recount limit, so that promotions to hot and the subtraction of a large actor's
        // old contribution happen inside batches.
        try SQLiteAggregationStore(
            path: path, maxResultRows: 1000, storyWindowDays: 3, maxBatch: maxBatch, hotThreshold: 3, recountLimit: 2,
            logger: Logger(label: "test.batch"))
    }

    /// Document `i` of a small world: persons, organizations and states shared across documents, roles with dates,
    /// acronyms, events of several types, modes and sources; `version` changes a replaced document's facts.
    static func document(_ i: Int, version: Int = 0) -> DocBuilder {
        let states = [("IN", "India"), ("NP", "Nepal"), ("TH", "Thailand"), ("VN", "Vietnam")]
        let people = [("Arun Veda", "IN"), ("Sita Karki", "NP"), ("Niran Chai", "TH"), ("Lan Pham", "VN"), ("Ravi Sen", "IN")]
        let (s1, n1) = states[i % 4]
        let (s2, n2) = states[(i + 1 + (i / 4) % 3) % 4]
        let (p1, c1) = people[i % 5]
        let (p2, c2) = people[(i * 3 + 1 + version) % 5]
        let day = 1 + (i * 7 + version * 3) % 27
        var b = DocBuilder(
            "batch-\(i).txt", published: "2032-03-\(String(format: "%02d", day))", source: "feed-\(i % 3)",
            [
                "Minister \(p1) of \(n1) met envoy \(p2) in the capital on trade talks \(i).",
                "\(n1) and \(n2) agreed to expand cooperation, said the Joint Border Commission.",
                "The JBC and the Royal Thai Navy held drills \(version).",
            ])
        b.person(p1, country: version == 1 && i % 2 == 0 ? nil : c1, rank: i % 3 == 0 ? "Minister" : nil, roles: ["Minister"])
        b.person(p2, aliases: [String(p2.split(separator: " ").last!)], country: c2, roles: [version == 0 ? "envoy" : "ambassador"])
        b.org("Joint Border Commission", aliases: ["JBC"], country: s1)
        if i % 2 == 0 { b.org("Royal Thai Navy", country: "TH") }
        b.country(s1, [n1])
        b.country(s2, [n2])
        b.event("CONSULT", s1, s2, trigger: "met", date: i % 4 == 0 ? nil : b.published, mode: i % 2 == 0 ? "visit" : "meeting",
                actor: p1, recipient: p2)
        b.takePart(actors: [b.who(.person, p1, c1)], recipients: [b.who(.person, p2, c2)])
        b.event("AGREE", s1, s2, trigger: "agreed", mode: version == 0 ? nil : "signed")
        if i % 3 == 0 { b.event("MOBILIZE", "TH", s1 == "TH" ? nil : s1, trigger: "drills") }
        return b
    }

    @Test func aBatchDerivesWhatOneDigestAtATimeDerives() async throws {
        let single = try TempStore()
        defer { single.cleanup() }
        let store = try Self.open(single.path, maxBatch: 1)
        // New documents, the same again (duplicates), then replacements of some (back and forth), appended in
        // order; then a second round of new documents.
        var digests = (0..<30).map { Self.document($0).digest() }
        digests += (0..<6).map { Self.document($0).digest() }
        digests += [(1, 1), (4, 2), (9, 1), (12, 2), (20, 1), (4, 1), (27, 2)].map { Self.document($0, version: $1).digest() }
        digests += (30..<40).map { Self.document($0).digest() }
        digests += [(0, 1), (30, 1), (9, 2)].map { Self.document($0, version: $1).digest() }
        var statuses: [StoreStatus: Int] = [:]
        var last: Int64 = 0
        for d in digests {
            let r = try await store.append(d)
            statuses[r.status, default: 0] += 1
            last = max(last, r.seq)
        }
        #expect(statuses[.new] == 40 && statuses[.duplicate] == 6 && statuses[.replaced] == 10, "\(statuses)")
        #expect(await store.waitDerived(through: last, timeout: .seconds(120)))
        #expect(try await store.waitForSearchIndex())
        let hot = try await store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM hotActor") } ?? 0
        #expect(hot >= 5, "promotions to hot happened")
        let expected = try await AppendLogTests.answers(store)

        // The same log derived in batches of 512 (one batch) and of 7; the query copies checked against their
        // derivation from the base rows (a mistake made alike at every batch size shows there).
        try await Self.expectBatchesDeriveTheSame(store, single, through: last, expected, batches: [512, 7], checkCopies: true)
    }

    /// Derives `store`'s log again in batches of each size of `batches` into new stores and expects the same answers
    /// and tables as `store` (derived one digest at a time into `single`).
    static func expectBatchesDeriveTheSame(
        _ store: SQLiteAggregationStore, _ single: TempStore, through last: Int64, _ expected: [QueryResult], batches: [Int],
        checkCopies: Bool = false
    ) async throws {
        for batch in batches {
            let other = try TempStore()
            defer { other.cleanup() }
            try store.log.pool.backup(to: try DatabaseQueue(path: AppendLog.path(forStore: other.path)))
            let batched = try Self.open(other.path, maxBatch: batch)
            #expect(await batched.waitDerived(through: last, timeout: .seconds(120)))
            #expect(try await batched.waitForSearchIndex())
            #expect(try await AppendLogTests.answers(batched) == expected, "batches of \(batch)")
            if checkCopies { try await AggregateTests.checkCopies(batched.pool) }
            try AppendLogTests.expectSameTables(single.path, other.path, ", batches of \(batch)")
        }
    }

    /// Name lookups by key are kept for the batch (``ResolutionMemo``): a batch that meets the same names again and
    /// again, creates actors of those names (one per state, one of none, ambiguous one-word ones) and new aliases of
    /// known ones between the lookups, changes their states and display names, and replaces documents among them,
    /// derives what one digest at a time derives.
    @Test func aBatchThatMeetsTheSameNamesResolvesAsOneDigestAtATime() async throws {
        let states = ["VN", "LA", "KH", nil]
        func doc(_ i: Int, version: Int = 0) -> Digest {
            let (c1, c2) = (states[i % 4], states[(i / 4 + version) % 4])
            let alias = i % 5 == 3 ? ["Tran M. Minh"] : []
            var b = DocBuilder(
                "memo-\(i).txt", published: "2031-05-\(String(format: "%02d", 1 + i % 28))", source: "wire-\(i % 2)",
                [
                    "Tran Minh and General Tran Minh Duc met Minh in Vientiane \(i).",
                    "The National Border Council and the NBC signed with Tran M. Minh \(version).",
                ])
            b.person("Tran Minh", aliases: alias, country: c1, roles: [i % 2 == 0 ? "minister" : "envoy"])
            if i % 3 != 1 { b.person("General Tran Minh Duc", country: c2, rank: "General") }
            if i % 4 == 2 { b.person("Minh", country: c1) }
            b.org("National Border Council", aliases: i % 3 == 0 ? ["NBC"] : [], country: c2)
            if i % 6 == 5 { b.org("NBC", country: c2) }
            b.country("VN", ["Vietnam"])
            b.event("CONSULT", "VN", c1 ?? "LA", trigger: "met", actor: "Tran Minh", recipient: "Minh")
            return b.digest()
        }
        var digests = (0..<40).map { doc($0) }
        digests += [3, 17, 22, 3].enumerated().map { doc($0.element, version: 1 + $0.offset % 2) }
        digests += (40..<52).map { doc($0) }
        let single = try TempStore()
        defer { single.cleanup() }
        let store = try Self.open(single.path, maxBatch: 1)
        var last: Int64 = 0
        for d in digests { last = max(last, try await store.append(d).seq) }
        #expect(await store.waitDerived(through: last, timeout: .seconds(120)))
        #expect(try await store.waitForSearchIndex())
        let persons = try await store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM actor WHERE kind = 'person'") } ?? 0
        #expect(persons >= 6, "one person of each name per state at least: \(persons)")
        let expected = try await AppendLogTests.answers(store)
        try await Self.expectBatchesDeriveTheSame(store, single, through: last, expected, batches: [512, 5])
    }

    /// A digest that cannot be derived (here a trigger refuses its document) fails its batch as a whole; the batch is
    /// derived again digest by digest: the others are derived, as in a store that never saw it, and the log position
    /// passes it.
    @Test func aDigestThatCannotBeDerivedLeavesTheOthersOfItsBatch() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let clean = try TempStore()
        defer { clean.cleanup() }
        let refused = Self.document(3)
        do {
            let queue = try DatabaseQueue(path: tmp.path)
            try Schema.migrator.migrate(queue)
            try await queue.write { db in
                try db.execute(
                    sql: """
                        CREATE TRIGGER refuse BEFORE INSERT ON document WHEN new.doc = '\(refused.doc)'
                        BEGIN SELECT RAISE(ABORT, 'refused by the test'); END
                        """)
            }
            try queue.close()
        }
        let store = try Self.open(tmp.path, maxBatch: 512)
        let reference = try Self.open(clean.path, maxBatch: 512)
        // Appended together: one log transaction, then one batch.
        let last = try await withThrowingTaskGroup(of: Int64.self) { group in
            for i in 0..<8 { group.addTask { try await store.append(Self.document(i).digest()).seq } }
            return try await group.reduce(0) { max($0, $1) }
        }
        for i in 0..<8 where i != 3 { _ = try await reference.append(Self.document(i).digest()) }
        #expect(await store.waitDerived(through: last, timeout: .seconds(60)))
        #expect(await reference.waitDerived(through: 7, timeout: .seconds(60)))
        let stats = try #require(try await store.query(.stats, QueryParams()).stats)
        #expect(stats.documents == 7 && stats.derived == last && stats.lagDocuments == 0)
        let documents = try await store.query(.documents, QueryParams()).documents?.map(\.doc).sorted()
        #expect(documents == (0..<8).filter { $0 != 3 }.map { Self.document($0).doc }.sorted())
        // What the others derived is what they derive without it (ids aside: the refused one took none).
        #expect(try await RetainedContent.of(store) == RetainedContent.of(reference))
    }
}

extension BatchDerivationTests {
    /// A person's state is the one its documents give most often, whatever the order: when the only document that gave
    /// one is replaced by a version giving another, the person takes the new one (it is resolved against the states
    /// the other documents give), as in a store that only ever saw the final versions. (Before v26 the replaced
    /// version's state stayed, and the new version's mention became a second person.)
    @Test func aPersonsStateIsTheOneItsDocumentsGiveMostOften() async throws {
        func doc(_ name: String, _ country: String?) -> DocBuilder {
            // The text differs with the state (a new content hash for a new version).
            var b = DocBuilder(name, published: "2032-04-01", ["Envoy Sita Karki arrived for talks \(country ?? "")."])
            b.person("Sita Karki", country: country, roles: ["envoy"])
            return b
        }
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let fresh = try TempStore()
        defer { fresh.cleanup() }
        let store = try tmp.open()
        let reference = try fresh.open()
        for b in [doc("a.txt", nil), doc("b.txt", "NP"), doc("c.txt", nil)] { _ = try await store.store(b.digest()) }
        #expect(try await store.query(.actors, QueryParams()).actors?.map { "\($0.name) \($0.country ?? "-")" } == ["Sita Karki NP"])
        #expect(try await store.store(doc("b.txt", "IN").digest()) == .replaced)
        for b in [doc("a.txt", nil), doc("b.txt", "IN"), doc("c.txt", nil)] { _ = try await reference.store(b.digest()) }
        let actors = try #require(try await store.query(.actors, QueryParams()).actors)
        #expect(actors.map { "\($0.name) \($0.country ?? "-") \($0.documents)" } == ["Sita Karki IN 3"])
        #expect(try await RetainedContent.of(store) == RetainedContent.of(reference))
    }
}

/// What a store knows, apart from ids: counts, states' relations, actors by kind and name, events by document.
enum RetainedContent {
    static func of(_ store: SQLiteAggregationStore) async throws -> [String] {
        var out: [String] = []
        var stats = try #require(try await store.query(.stats, QueryParams()).stats)
        (stats.appended, stats.derived, stats.lagDocuments, stats.lagSeconds) = (nil, nil, nil, nil)
        out.append("\(stats)")
        for state in ["IN", "NP", "TH", "VN"] {
            out.append("\(String(describing: try await store.query(.relations, QueryParams(state: state)).relations))")
        }
        return out + (try await actorsAndEvents(store))
    }

    /// Every actor and every event, one sorted line each, without ids.
    static func actorsAndEvents(_ store: SQLiteAggregationStore) async throws -> [String] {
        let actors = (try await store.query(.actors, QueryParams()).actors ?? []).map { a in
            "\(a.kind) \(a.name) \(a.aliases.sorted()) \(a.country ?? "") \(a.rank ?? "") \(a.roles) \(a.documents) \(a.mentions ?? 0) \(a.firstSeen ?? "") \(a.lastSeen ?? "")"
        }.sorted()
        let events = (try await store.query(.events, QueryParams()).events ?? []).map { e in
            "\(e.doc) \(e.sentence) \(e.trigger) \(e.type) \(e.mode ?? "") \(e.source ?? "") \(e.target ?? "") \(e.date ?? "")"
        }.sorted()
        return actors + events
    }
}
