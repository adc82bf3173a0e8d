import AttacheAggregation
import AttacheContracts
import Foundation
import Testing

/// A small corpus: two defence meetings between VN and LA reported by two documents, and a third about
/// another pair.
enum Corpus {
    static func visit(_ id: String = "visit-1.txt") -> DocBuilder {
        var b = DocBuilder(
            id, published: "2031-03-10", source: "feed-a",
            [
                "Senior Lieutenant General Tran Minh Khoa met Lao defence minister Vongsa Keola in Vientiane.",
                "Khoa said the Northern Coastal Guard (NCG) would train with Laos.",
                "The two sides signed a memorandum on border patrols.",
            ])
        b.person("Tran Minh Khoa", aliases: ["Khoa"], country: "VN", rank: "Senior Lieutenant General", roles: ["Deputy Minister"])
        b.person("Vongsa Keola", country: "LA", roles: ["Minister of Defence"])
        b.org("Northern Coastal Guard", aliases: ["NCG"], country: "VN")
        b.country("VN", [])
        b.country("LA", ["Lao", "Laos"])
        b.event("CONSULT", "VN", "LA", trigger: "met", actor: "Senior Lieutenant General Tran Minh Khoa", recipient: "Vongsa Keola")
        b.takePart(actors: [b.who(.person, "Tran Minh Khoa", "VN", sector: "MIL")], recipients: [b.who(.person, "Vongsa Keola", "LA", sector: "GOV")])
        b.event("AGREE", "VN", "LA", trigger: "signed", mode: "formal")
        return b
    }

    static func report() -> DocBuilder {
        var b = DocBuilder(
            "report-2.txt", published: "2031-03-11", source: "feed-b",
            [
                "Vietnam's Tran Minh Khoa held talks with Laos on Monday.",
                "Keola welcomed the NCG delegation.",
            ])
        b.person("Tran Minh Khoa", country: "VN")
        b.person("Keola", country: "LA")
        b.org("NCG", country: "VN")
        b.country("VN", ["Vietnam"])
        b.country("LA", ["Laos"])
        b.event("CONSULT", "LA", "VN", trigger: "held talks", date: "2031-03-10", actor: "Tran Minh Khoa")
        b.takePart(actors: [b.who(.state, "Laos", "LA")], recipients: [b.who(.person, "Tran Minh Khoa", "VN")])
        return b
    }

    static func other() -> DocBuilder {
        var b = DocBuilder(
            "other-3.txt", published: "2031-04-02", source: "feed-a",
            [
                "Thailand protested to Cambodia over the shelling.",
                "Thai army chief Somchai Rattana accused Cambodian forces.",
            ])
        b.person("Somchai Rattana", country: "TH", roles: ["army chief"])
        b.country("TH", ["Thailand", "Thai"])
        b.country("KH", ["Cambodia", "Cambodian"])
        b.event("PROTEST", "TH", "KH", trigger: "protested")
        b.event("ACCUSE", "TH", "KH", trigger: "accused")
        return b
    }
}

@Suite struct StoreTests {
    @Test func newDuplicateReplaced() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let store = try tmp.open()
        let v1 = Corpus.visit()
        #expect(try await store.store(v1.digest()) == .new)
        #expect(try await store.store(v1.digest()) == .duplicate)
        let s1 = try #require(try await store.query(.stats, QueryParams()).stats)
        #expect(s1.documents == 1)
        #expect(s1.events == 2)
        #expect(s1.sentences == 3)

        var v2 = DocBuilder("visit-1.txt", published: "2031-03-12", ["Tran Minh Khoa threatened nobody."])
        v2.person("Tran Minh Khoa", country: "VN")
        v2.event("THREATEN", "VN", nil, trigger: "threatened")
        #expect(try await store.store(v2.digest()) == .replaced)
        let s2 = try #require(try await store.query(.stats, QueryParams()).stats)
        #expect(s2.documents == 1)
        #expect(s2.events == 1)
        #expect(s2.sentences == 1)
        #expect(s2.persons == 1)  // Vongsa Keola went with the old version
        #expect(s2.organizations == 0)
        let events = try #require(try await store.query(.events, QueryParams()).events)
        #expect(events.map(\.type) == ["THREATEN"])
        let doc = try #require(try await store.query(.document, QueryParams(doc: "visit-1.txt")).document)
        #expect(doc == v2.digest())
        // The old text is gone from the full-text index too.
        let hits = try #require(try await store.query(.search, QueryParams(text: "memorandum")).hits)
        #expect(hits.isEmpty)
    }

    @Test func documentQueries() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let store = try tmp.open()
        for b in [Corpus.visit(), Corpus.report(), Corpus.other()] { _ = try await store.store(b.digest()) }

        let d = try #require(try await store.query(.document, QueryParams(doc: "report-2.txt")).document)
        #expect(d == Corpus.report().digest())
        #expect(d.persons[0].mentions.count == 1)
        await #expect(throws: ErrorReply.self) { try await store.query(.document, QueryParams(doc: "nope")) }
        do {
            _ = try await store.query(.document, QueryParams(doc: "nope"))
        } catch let e as ErrorReply {
            #expect(e.code == .notFound)
        }

        let all = try #require(try await store.query(.documents, QueryParams()).documents)
        #expect(all.map(\.doc) == ["visit-1.txt", "report-2.txt", "other-3.txt"])
        #expect(all[0].counts.events == 2)
        let march = try #require(try await store.query(.documents, QueryParams(from: "2031-03-11", to: "2031-03")).documents)
        #expect(march.map(\.doc) == ["report-2.txt"])
        let khmer = try #require(try await store.query(.documents, QueryParams(state: "KH")).documents)
        #expect(khmer.map(\.doc) == ["other-3.txt"])
        let laos = try #require(try await store.query(.documents, QueryParams(state: "la")).documents)
        #expect(laos.map(\.doc) == ["visit-1.txt", "report-2.txt"])
    }

    @Test func limitsAndBadParams() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let store = try tmp.open(maxResultRows: 5)
        _ = try await store.store(Corpus.visit().digest())
        for (kind, params, code) in [
            (QueryKind.events, QueryParams(limit: 6), ErrorCode.tooExpensive),
            (.documents, QueryParams(limit: 0), .badRequest),
            (.events, QueryParams(eventType: "HUG"), .badRequest),
            (.events, QueryParams(cursor: "garbage"), .badRequest),
            (.documents, QueryParams(from: "March"), .badRequest),
            (.actors, QueryParams(sort: "size"), .badRequest),
        ] {
            do {
                _ = try await store.query(kind, params)
                Issue.record("\(kind) \(params) should fail")
            } catch let e as ErrorReply {
                #expect(e.code == code)
            }
        }
        // A cursor from one query is refused by another.
        var p = QueryParams(limit: 1)
        let firstPage = try await store.query(.events, p)
        let next: String = try #require(firstPage.next)
        p.cursor = next
        do {
            _ = try await store.query(.documents, p)
            Issue.record("cursor replay should fail")
        } catch let e as ErrorReply {
            #expect(e.code == .badRequest)
        }
    }

    @Test func pagingNeitherSkipsNorRepeats() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let store = try tmp.open()
        // 23 documents, 2 events each, some with equal dates, one without.
        for i in 0..<23 {
            var b = DocBuilder(
                "doc-\(String(format: "%02d", 22 - i))", published: i == 7 ? nil : "2031-05-\(String(format: "%02d", 1 + i % 4))",
                ["Country \(i) met another.", "They agreed on item \(i)."])
            b.person("Person Number\(i) Family\(i % 5)", country: "VN")
            b.event("CONSULT", "VN", "LA", trigger: "met")
            b.event("AGREE", "LA", "VN", trigger: "agreed")
            _ = try await store.store(b.digest())
        }
        for limit in [1, 4, 7, 46, 100] {
            let docPages = try await allPages(store, .documents, QueryParams(limit: limit))
            let docs = docPages.flatMap { $0.documents ?? [] }.map(\.doc)
            #expect(docs.count == 23)
            #expect(Set(docs).count == 23)
            let evPages = try await allPages(store, .events, QueryParams(limit: limit))
            let evs = evPages.flatMap { $0.events ?? [] }.map(\.id)
            #expect(evs.count == 46)
            #expect(Set(evs).count == 46)
            #expect(evPages.last?.next == nil)
            for sort in ["name", "mentions", "recent"] {
                let pages = try await allPages(store, .persons, QueryParams(limit: limit, sort: sort))
                let ids = pages.flatMap { $0.actors ?? [] }.map(\.id)
                #expect(ids.count == 23, "sort \(sort) limit \(limit)")
                #expect(Set(ids).count == 23)
            }
        }
        let filtered = try await allPages(store, .events, QueryParams(eventType: "AGREE", limit: 5))
        #expect(filtered.flatMap { $0.events ?? [] }.count == 23)
        #expect(filtered.flatMap { $0.events ?? [] }.allSatisfy { $0.type == "AGREE" && $0.source == "LA" })
    }

    @Test func actorAndCountryQueries() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let store = try tmp.open()
        for b in [Corpus.visit(), Corpus.report(), Corpus.other()] { _ = try await store.store(b.digest()) }

        let persons = try #require(try await store.query(.persons, QueryParams()).actors)
        #expect(persons.map(\.name) == ["Somchai Rattana", "Tran Minh Khoa", "Vongsa Keola"])
        let khoa = try #require(persons.first { $0.name == "Tran Minh Khoa" })
        #expect(khoa.documents == 2)
        #expect(khoa.country == "VN")
        #expect(khoa.rank == "Senior Lieutenant General")
        #expect(khoa.roles == ["Deputy Minister"])
        #expect(khoa.aliases.contains("Khoa"))
        let keola = try #require(persons.first { $0.name == "Vongsa Keola" })
        #expect(keola.documents == 2)  // "Keola" in the second document
        #expect(keola.mergedBy?.contains("short-form") == true)

        let lao = try #require(try await store.query(.persons, QueryParams(state: "LA")).actors)
        #expect(lao.map(\.name) == ["Vongsa Keola"])
        let prefixed = try #require(try await store.query(.persons, QueryParams(prefix: "tran m")).actors)
        #expect(prefixed.map(\.name) == ["Tran Minh Khoa"])
        let byAlias = try #require(try await store.query(.persons, QueryParams(prefix: "KHO")).actors)
        #expect(byAlias.map(\.name) == ["Tran Minh Khoa"])

        let orgs = try #require(try await store.query(.organizations, QueryParams()).actors)
        #expect(orgs.count == 1)
        #expect(orgs.first?.name == "Northern Coastal Guard")
        #expect(orgs.first?.documents == 2)
        #expect(try await store.query(.organizations, QueryParams(state: "LA")).actors == [])

        let byMentions = try #require(try await store.query(.actors, QueryParams(sort: "mentions")).actors)
        let counts = byMentions.map { $0.mentions ?? 0 }
        #expect(counts == counts.sorted(by: >))
        let states = try #require(try await store.query(.actors, QueryParams(actorKind: "state")).actors)
        #expect(states.map(\.name) == ["KH", "LA", "TH", "VN"])

        let countries = try #require(try await store.query(.countries, QueryParams()).countries)
        #expect(countries.map(\.code) == ["KH", "LA", "TH", "VN"])
        let la = try #require(countries.first { $0.code == "LA" })
        #expect(la.documents == 2)
        #expect(la.events == 3)
        #expect(la.names == ["Lao", "Laos"])
    }

    @Test func eventFilters() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let store = try tmp.open()
        for b in [Corpus.visit(), Corpus.report(), Corpus.other()] { _ = try await store.store(b.digest()) }
        func types(_ p: QueryParams) async throws -> [String] {
            try #require(try await store.query(.events, p).events).map(\.type)
        }
        #expect(try await types(QueryParams()) == ["CONSULT", "AGREE", "CONSULT", "PROTEST", "ACCUSE"])
        #expect(try await types(QueryParams(eventType: "consult")) == ["CONSULT", "CONSULT"])
        #expect(try await types(QueryParams(source: "VN")) == ["CONSULT", "AGREE"])
        #expect(try await types(QueryParams(target: "VN")) == ["CONSULT"])
        #expect(try await types(QueryParams(state: "KH")) == ["PROTEST", "ACCUSE"])
        #expect(try await types(QueryParams(doc: "report-2.txt")) == ["CONSULT"])
        #expect(try await types(QueryParams(from: "2031-04-01")) == ["PROTEST", "ACCUSE"])
        #expect(try await types(QueryParams(to: "2031-03-10")) == ["CONSULT", "AGREE", "CONSULT"])
        #expect(try await types(QueryParams(mode: "formal")) == ["AGREE"])
        #expect(try await types(QueryParams(pair: ["LA", "VN"])) == ["CONSULT", "AGREE", "CONSULT"])
        #expect(try await types(QueryParams(text: "memorandum")) == ["AGREE"])

        let persons = try #require(try await store.query(.persons, QueryParams(prefix: "Tran")).actors)
        let khoa = try #require(persons.first)
        #expect(try await types(QueryParams(actor: khoa.id)) == ["CONSULT", "CONSULT"])

        let first = try #require(try await store.query(.events, QueryParams(limit: 1)).events?.first)
        #expect(first.doc == "visit-1.txt")
        #expect(first.sentence.hasPrefix("Senior Lieutenant General"))
        #expect(first.trigger == "met")
        #expect(first.span == Corpus.visit().span("met"))
        #expect(first.date == nil)
    }

    @Test func restartLosesNothing() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        var before: [QueryResult] = []
        let queries: [(QueryKind, QueryParams)] = [
            (.stats, QueryParams()), (.documents, QueryParams()), (.persons, QueryParams()),
            (.organizations, QueryParams()), (.countries, QueryParams()), (.events, QueryParams()),
            (.document, QueryParams(doc: "visit-1.txt")),
        ]
        do {
            let store = try tmp.open()
            for b in [Corpus.visit(), Corpus.report(), Corpus.other()] { _ = try await store.store(b.digest()) }
            for (k, p) in queries { before.append(try await store.query(k, p)) }
        }
        // The answers compared below had data before the restart (equal empty answers would prove nothing).
        let stats = try #require(before[0].stats)
        #expect(stats.documents == 3)
        #expect(stats.events > 0 && stats.persons > 0 && stats.countries > 0)
        #expect(before[1].documents?.count == 3)
        #expect(!(before[2].actors ?? []).isEmpty)
        #expect(!(before[3].actors ?? []).isEmpty)
        #expect(!(before[4].countries ?? []).isEmpty)
        #expect((before[5].events?.count ?? 0) == stats.events)
        #expect(before[6].document?.doc == "visit-1.txt")
        let reopened = try tmp.open()
        for (i, (k, p)) in queries.enumerated() {
            #expect(try await reopened.query(k, p) == before[i], "\(k)")
        }
        #expect(try await reopened.store(Corpus.visit().digest()) == .duplicate)
    }

    /// The search index is derived from the stored digests: replaced text leaves it, a deleted index file is
    /// rebuilt on the next start, and a reopened store goes on from its watermark.
    @Test func searchIndexIsRebuiltFromTheStore() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        func hits(_ store: SQLiteAggregationStore, _ text: String) async throws -> [String] {
            try #require(try await store.query(.search, QueryParams(text: text)).hits).map { "\($0.doc)#\($0.sentence)" }
        }
        do {
            let store = try tmp.open()
            for b in [Corpus.visit(), Corpus.report(), Corpus.other()] { _ = try await store.store(b.digest()) }
            #expect(try await hits(store, "memorandum") == ["visit-1.txt#2"])
            var v2 = DocBuilder("visit-1.txt", published: "2031-03-12", ["Tran Minh Khoa signed a treaty."])
            v2.person("Tran Minh Khoa", country: "VN")
            #expect(try await store.store(v2.digest()) == .replaced)
            #expect(try await hits(store, "memorandum").isEmpty)
            #expect(try await hits(store, "treaty") == ["visit-1.txt#0"])
        }
        try FileManager.default.removeItem(atPath: tmp.path + "-search")
        for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: tmp.path + "-search" + suffix) }
        let reopened = try tmp.open()
        #expect(try await reopened.waitForSearchIndex())
        #expect(try await hits(reopened, "memorandum").isEmpty)
        #expect(try await hits(reopened, "treaty") == ["visit-1.txt#0"])
        var v3 = DocBuilder("visit-9.txt", published: "2031-03-14", ["A second treaty followed."])
        v3.event("AGREE", "VN", "LA", trigger: "treaty")
        #expect(try await reopened.store(v3.digest()) == .new)
        #expect(try await hits(reopened, "treaty").sorted() == ["visit-1.txt#0", "visit-9.txt#0"])
        let events = try #require(try await reopened.query(.events, QueryParams(text: "second treaty")).events)
        #expect(events.map(\.type) == ["AGREE"])
    }
}
