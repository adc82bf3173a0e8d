import AttacheContracts
import Foundation
import GRDB
import Testing

@testable import AttacheAggregation

/// An event's sentence is stored once per document (v21 `sentence`), not copied into the event and its query
/// copies; every answer still shows it. On a real SQLite file.
@Suite struct SentenceStorageTests {
    /// Thirty states (invented sentence; real codes).
    static let states: [(code: String, name: String)] = [
        ("NO", "Norway"), ("SE", "Sweden"), ("FI", "Finland"), ("DK", "Denmark"), ("IS", "Iceland"), ("EE", "Estonia"),
        ("LV", "Latvia"), ("LT", "Lithuania"), ("PL", "Poland"), ("DE", "Germany"), ("NL", "Netherlands"),
        ("BE", "Belgium"), ("FR", "France"), ("ES", "Spain"), ("PT", "Portugal"), ("IT", "Italy"), ("GR", "Greece"),
        ("CZ", "Czechia"), ("SK", "Slovakia"), ("HU", "Hungary"), ("RO", "Romania"), ("BG", "Bulgaria"),
        ("HR", "Croatia"), ("SI", "Slovenia"), ("AT", "Austria"), ("IE", "Ireland"), ("CA", "Canada"),
        ("JP", "Japan"), ("KR", "Korea"), ("AU", "Australia"),
    ]

    /// One sentence naming `count` states that met: an event for every pair of them (435 for 30).
    static func summit(version: Int, count: Int) -> (digest: Digest, sentence: String) {
        let names = Self.states.prefix(count).map(\.name)
        let sentence =
            "Coastguard chiefs of \(names.dropLast().joined(separator: ", ")) and \(names.last!) met at the harbour of "
            + (version == 0 ? "Tromsoya on Wednesday." : "Lerwick a week later.")
        var b = DocBuilder(
            "summit.txt", published: "2031-05-07", source: "feed-s",
            ["Officials described the talks as routine.", sentence, "A joint statement is expected."])
        for s in Self.states.prefix(count) { b.country(s.code, [s.name]) }
        let codes = Self.states.prefix(count).map(\.code)
        for i in codes.indices {
            for j in codes.indices where j > i { b.event("CONSULT", codes[i], codes[j], trigger: "met", date: "2031-05-06") }
        }
        return (b.digest(), sentence)
    }

    /// Rows of every table of the store that hold `words` in some column, by table (the digest as pushed is in the
    /// append log, another file).
    static func holders(_ store: SQLiteAggregationStore, _ words: String) async throws -> [String: Int] {
        try await store.pool.read { db in
            var out: [String: Int] = [:]
            let tables = try String.fetchAll(
                db,
                sql: """
                    SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                    AND name != 'grdb_migrations'
                    """)
            for table in tables {
                let columns = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?)", arguments: [table])
                let any = columns.map { "instr(CAST(\"\($0)\" AS TEXT), ?1) > 0" }.joined(separator: " OR ")
                let n = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \"\(table)\" WHERE \(any)", arguments: [words]) ?? 0
                if n > 0 { out[table] = n }
            }
            return out
        }
    }

    @Test func aSentenceNamingThirtyStatesThatMetIsStoredOnce() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let store = try tmp.open()
        let (digest, sentence) = Self.summit(version: 0, count: 30)
        #expect(digest.events.count == 435)
        #expect(try await store.store(digest) == .new)

        let (events, rows, bytes) = try await store.pool.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event") ?? 0,
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sentence") ?? 0,
                try Int.fetchOne(db, sql: "SELECT SUM(length(CAST(text AS BLOB))) FROM sentence") ?? 0
            )
        }
        #expect(events == 435)
        #expect(rows == 1, "one row for the one sentence the events cite")
        #expect(bytes == sentence.utf8.count)
        #expect(try await Self.holders(store, "harbour of Tromsoya") == ["sentence": 1], "no event row nor copy holds it")

        // Every answer that shows an event still shows its sentence: events pages, a timeline, a profile.
        let pages = try await allPages(store, .events, QueryParams(doc: "summit.txt"))
        let shown = pages.flatMap { $0.events ?? [] }
        #expect(shown.count == 435 && shown.allSatisfy { $0.sentence == sentence })
        let timeline = try #require(try await store.query(.timeline, QueryParams(pair: ["SE", "NO"])).events)
        #expect(timeline.count == 1 && timeline[0].sentence == sentence)
        let states = try #require(try await store.query(.actors, QueryParams(limit: 100, actorKind: "state")).actors)
        let norway = try #require(states.first { $0.name == "NO" })
        // The profile's latest 20 come from the actor's copies (v17), more from the events themselves.
        for limit in [20, 29] {
            let profile = try #require(try await store.query(.actor, QueryParams(limit: limit, actor: norway.id)).actor)
            #expect(profile.events.count == limit && profile.events.allSatisfy { $0.sentence == sentence })
        }
    }

    /// A replaced document's sentences go with its old version; its new version's are stored once.
    @Test func aReplacedDocumentLeavesNoSentenceOfItsOldVersion() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let store = try tmp.open()
        #expect(try await store.store(Self.summit(version: 0, count: 30).digest) == .new)
        let (digest, sentence) = Self.summit(version: 1, count: 4)
        #expect(try await store.store(digest) == .replaced)

        #expect(try await Self.holders(store, "harbour of Tromsoya") == [:])
        #expect(try await Self.holders(store, "harbour of Lerwick") == ["sentence": 1])
        let texts = try await store.pool.read { try String.fetchAll($0, sql: "SELECT text FROM sentence") }
        #expect(texts == [sentence])
        let shown = try #require(try await store.query(.events, QueryParams(doc: "summit.txt")).events)
        #expect(shown.count == 6 && shown.allSatisfy { $0.sentence == sentence })
    }
}
