import AttacheAggregation
import AttacheContracts
import Foundation
import Testing

@Suite struct QueryTests {
    private func seeded(_ tmp: TempStore, maxResultRows: Int = 1000) async throws -> SQLiteAggregationStore {
        let store = try tmp.open(maxResultRows: maxResultRows)
        for b in [Corpus.visit(), Corpus.report(), Corpus.other()] { _ = try await store.store(b.digest()) }
        return store
    }

    @Test func storiesMergeReportsFromTwoDocuments() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let store = try await self.seeded(tmp)
        var stories = try #require(try await store.query(.stories, QueryParams(eventType: "CONSULT")).stories)
        #expect(stories.count == 1)
        var s = try #require(stories.first)
        #expect(s.source == "LA" && s.target == "VN")  // symmetric type: states in order
        #expect(s.mentions == 2)
        #expect(s.documents == 2)
        #expect(s.sources == 2)
        #expect(s.docs == ["report-2.txt", "visit-1.txt"])
        #expect(s.firstDate == "2031-03-10" && s.lastDate == "2031-03-10")

        // Re-pushing a document does not add mentions.
        #expect(try await store.store(Corpus.report().digest()) == .duplicate)
        // A third report from an already-counted source, two days later, joins; one a month later does not.
        var late = DocBuilder("late-4.txt", published: "2031-03-12", source: "feed-a", ["Laos and Vietnam met again."])
        late.event("CONSULT", "VN", "LA", trigger: "met")
        late.event("CONSULT", "VN", "LA", trigger: "met again", date: "2031-04-15")
        _ = try await store.store(late.digest())
        stories = try #require(try await store.query(.stories, QueryParams(eventType: "CONSULT", sort: "mentions")).stories)
        #expect(stories.count == 2)
        s = try #require(stories.first)
        #expect(s.mentions == 3)
        #expect(s.documents == 3)
        #expect(s.sources == 2)
        #expect(s.lastDate == "2031-03-12")
        #expect(stories[1].mentions == 1)
        #expect(stories[1].firstDate == "2031-04-15")

        let events = try #require(try await store.query(.events, QueryParams(eventType: "CONSULT")).events)
        #expect(events.filter { $0.story == s.id }.count == 3)
        let reports = try await allPages(store, .events, QueryParams(limit: 2, story: s.id)).flatMap { $0.events ?? [] }
        #expect(reports.map(\.id) == events.filter { $0.story == s.id }.map(\.id))
        let byPair = try #require(try await store.query(.stories, QueryParams(from: "2031-04-01", pair: ["VN", "LA"])).stories)
        #expect(byPair.map(\.firstDate) == ["2031-04-15"])
        let stats = try #require(try await store.query(.stats, QueryParams()).stats)
        #expect(stats.stories == 5)  // consult x2, agree, protest, accuse
        let paged = try await allPages(store, .stories, QueryParams(limit: 2))
        #expect(paged.flatMap { $0.stories ?? [] }.map(\.id).count == 5)
        #expect(Set(paged.flatMap { $0.stories ?? [] }.map(\.id)).count == 5)
    }

    /// A story lists its first 20 documents and events; its counts and `events` with `story` have them all.
    @Test func aStoryListsTwentyAndCountsAll() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let store = try tmp.open()
        for i in 0..<25 {
            var doc = DocBuilder(String(format: "wire-%02d.txt", i), published: "2031-05-02", source: "feed-\(i)", ["Kenya and Peru met."])
            doc.event("CONSULT", "KE", "PE", trigger: "met")
            _ = try await store.store(doc.digest())
        }
        let story = try #require(try await store.query(.stories, QueryParams(sort: "mentions")).stories?.first)
        #expect(story.mentions == 25 && story.documents == 25 && story.sources == 25)
        #expect(story.docs == (0..<20).map { String(format: "wire-%02d.txt", $0) })
        #expect(story.events.count == 20)
        let all = try await allPages(store, .events, QueryParams(limit: 10, story: story.id)).flatMap { $0.events ?? [] }
        #expect(all.count == 25)
        #expect(Array(all.map(\.id).prefix(20)) == story.events)
        #expect(Set(all.map(\.doc)).count == 25)
    }

    @Test func actorProfile() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let store = try await self.seeded(tmp)
        let p = try #require(try await store.query(.actor, QueryParams(name: "Khoa")).actor)
        #expect(p.actor.name == "Tran Minh Khoa")
        #expect(p.documents == ["report-2.txt", "visit-1.txt"])
        #expect(p.roles.map(\.value) == ["Deputy Minister"])
        #expect(p.roles.first?.firstSeen == "2031-03-10")
        #expect(p.ranks.map(\.value) == ["Senior Lieutenant General"])
        let met = Dictionary(uniqueKeysWithValues: p.coMentioned.map { ($0.name, $0.documents) })
        #expect(met["Vongsa Keola"] == 2)
        #expect(met["Northern Coastal Guard"] == 2)
        #expect(met["VN"] == 2)
        #expect(p.events.map(\.type) == ["CONSULT", "CONSULT"])
        #expect(p.merges.map(\.doc) == ["visit-1.txt", "report-2.txt"])
        do {
            _ = try await store.query(.actor, QueryParams(name: "Nobody Known"))
            Issue.record("unknown actor should be NOT_FOUND")
        } catch let e as ErrorReply {
            #expect(e.code == .notFound)
        }
    }

    /// Relations read from the per-(state, partner, type) counts, page by page, equal relations counted
    /// from the events themselves (the path a date range takes).
    @Test func relationsPagesEqualCountsFromTheEvents() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let store = try tmp.open()
        let partners = ["BR", "CL", "DE", "FR", "JP", "KE", "MX", "NO", "PE"]
        let types = ["CONSULT", "AGREE", "AID", "ACCUSE"]
        for i in 0..<40 {
            var doc = DocBuilder("rel-\(i).txt", published: "2031-0\(1 + i % 9)-1\(i % 10)", ["Talks were held."])
            let partner = partners[(i * 7) % partners.count]
            doc.event(types[i % types.count], i % 3 == 0 ? partner : "VN", i % 3 == 0 ? "VN" : partner, trigger: "held")
            if i % 5 == 0 { doc.event("CONSULT", "VN", partners[i % partners.count], trigger: "Talks") }
            _ = try await store.store(doc.digest())
        }
        let paged = try await allPages(store, .relations, QueryParams(state: "VN", limit: 2)).flatMap { $0.relations ?? [] }
        let counted = try #require(
            try await store.query(.relations, QueryParams(state: "VN", from: "0001-01-01", to: "9999-12-31", limit: 100)).relations)
        #expect(paged.map(\.partner) == partners)
        #expect(paged == counted)
        #expect(paged.reduce(0) { $0 + $1.events } == 48)
        for type in types {
            let byType = try await allPages(store, .relations, QueryParams(state: "VN", eventType: type, limit: 2))
                .flatMap { $0.relations ?? [] }
            let countedByType = try #require(
                try await store.query(
                    .relations, QueryParams(state: "VN", eventType: type, from: "0001-01-01", to: "9999-12-31", limit: 100)
                ).relations)
            #expect(!byType.isEmpty && byType == countedByType, "relations of type \(type)")
        }
    }

    @Test func relationsAndTimeline() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let store = try await self.seeded(tmp)
        let rel = try #require(try await store.query(.relations, QueryParams(state: "VN")).relations)
        #expect(rel.count == 1)
        let la = try #require(rel.first)
        #expect(la.partner == "LA")
        #expect(la.events == 3)
        #expect(la.types == [
            RelationTypeCount(type: "AGREE", outgoing: 1, incoming: 0, firstDate: "2031-03-10", lastDate: "2031-03-10"),
            RelationTypeCount(type: "CONSULT", outgoing: 1, incoming: 1, firstDate: "2031-03-10", lastDate: "2031-03-10"),
        ])
        let th = try #require(try await store.query(.relations, QueryParams(state: "KH")).relations)
        #expect(th.map(\.partner) == ["TH"])
        #expect(th[0].types.map(\.incoming) == [1, 1])

        var later = DocBuilder("later.txt", published: "2031-02-01", ["Vietnam had accused Laos earlier."])
        later.event("ACCUSE", "VN", "LA", trigger: "accused", date: "2031-01-20")
        _ = try await store.store(later.digest())
        let tl = try await allPages(store, .timeline, QueryParams(limit: 1, pair: ["LA", "VN"]))
        let evs = tl.flatMap { $0.events ?? [] }
        #expect(evs.map(\.type) == ["ACCUSE", "CONSULT", "AGREE", "CONSULT"])
        #expect(evs.first?.date == "2031-01-20")
        do {
            _ = try await store.query(.timeline, QueryParams(pair: ["VN"]))
            Issue.record("pair of one should fail")
        } catch let e as ErrorReply {
            #expect(e.code == .badRequest)
        }
    }

    /// A story grows by chained events (each within the 3-day window of the last); an event near its end
    /// still joins it, although the story began long before the window (the search is bounded by the longest
    /// story, v16), and reopening the store keeps that bound.
    @Test func aLongStoryIsStillFound() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let days = ["2031-05-01", "2031-05-04", "2031-05-07", "2031-05-10", "2031-05-13", "2031-05-15"]
        for (i, day) in days.enumerated() {
            let store = try tmp.open()  // a new writer each time: the bound is read from the store
            var doc = DocBuilder("chain-\(i).txt", published: day, ["Kenya and Peru met."])
            doc.event("CONSULT", "KE", "PE", trigger: "met", date: day)
            _ = try await store.store(doc.digest())
        }
        let store = try tmp.open()
        let stories = try #require(try await store.query(.stories, QueryParams(sort: "mentions")).stories)
        #expect(stories.count == 1)
        #expect(stories.first?.mentions == days.count && stories.first?.documents == days.count)
    }

    /// The timeline reads its own copy of the events (v14 `pairEvent`): page by page, with type and date
    /// bounds (a month as upper bound included), it returns exactly the events that the `events` query finds
    /// between the two states, with the same fields and actors, also after a document is replaced.
    @Test func timelineEqualsTheEventsOfThePair() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let store = try tmp.open()
        func push(_ version: Int) async throws {
            for i in 0..<30 {
                var doc = DocBuilder(
                    "tl-\(i).txt", published: i % 7 == 0 ? nil : "2031-0\(1 + i % 9)-1\(i % 10)",
                    ["General Vongsa Keola met Tran Minh Khoa.", "Version \(version)."])
                doc.person("Vongsa Keola", country: "LA")
                doc.person("Tran Minh Khoa", country: "VN")
                let (s, t) = i % 4 == 0 ? ("LA", "VN") : i % 4 == 1 ? ("VN", "LA") : ("VN", "KH")
                doc.event(["CONSULT", "AGREE", "AID"][(i + version) % 3], s, t, trigger: "met",
                          date: i % 3 == 0 ? nil : "2031-0\(1 + (i * 5) % 9)-2\(i % 8)",
                          actor: "Vongsa Keola", recipient: "Tran Minh Khoa")
                _ = try await store.store(doc.digest())
            }
        }
        try await push(0)
        try await push(1)  // every document replaced: the old versions' copies must be gone
        let undated = Set((0..<30).filter { $0 % 7 == 0 && $0 % 3 == 0 }.map { "tl-\($0).txt" })
        let filters: [(String?, String?, String?)] = [
            (nil, nil, nil), ("AGREE", nil, nil), (nil, "2031-03-01", "2031-06"), ("CONSULT", "2031-02", "2031-08-25"),
        ]
        for (type, from, to) in filters {
            let params = QueryParams(eventType: type, from: from, to: to, limit: 2, pair: ["VN", "LA"])
            let timeline = try await allPages(store, .timeline, params).flatMap { $0.events ?? [] }
            var q = params
            q.limit = 100
            let events = try #require(try await store.query(.events, q).events)
            #expect(!events.isEmpty && events.allSatisfy { !($0.actors ?? []).isEmpty })
            // Undated events (no date, no publication date) have no place on a timeline.
            let dated = events.filter { !undated.contains($0.doc) }
            #expect(timeline.count < events.count || from != nil)
            #expect(timeline.sorted { $0.id < $1.id } == dated, "\(params)")
        }
    }

    @Test func fullTextSearch() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let store = try await self.seeded(tmp)
        var viet = DocBuilder("vi.txt", published: "2031-05-01", ["Đại tướng Trần Minh Khoa phát biểu."])
        viet.person("Trần Minh Khoa", country: "VN")
        _ = try await store.store(viet.digest())

        let hits = try #require(try await store.query(.search, QueryParams(text: "memorandum")).hits)
        #expect(hits.count == 1)
        #expect(hits[0].doc == "visit-1.txt")
        #expect(hits[0].sentence == 2)
        #expect(hits[0].highlight == "The two sides signed a [memorandum] on border patrols.")
        // Diacritics-insensitive.
        let tran = try #require(try await store.query(.search, QueryParams(text: "tran khoa")).hits)
        #expect(Set(tran.map(\.doc)) == ["visit-1.txt", "report-2.txt", "vi.txt"])
        #expect(tran.first { $0.doc == "vi.txt" }?.highlight.contains("[Trần]") == true)
        let filtered = try #require(try await store.query(.search, QueryParams(doc: "vi.txt", text: "tran")).hits)
        #expect(filtered.map(\.doc) == ["vi.txt"])
        // Prefix and paging.
        let pages = try await allPages(store, .search, QueryParams(limit: 1, text: "Lao*"))
        let all = pages.flatMap { $0.hits ?? [] }
        #expect(all.count == 3)
        #expect(Set(all.map { "\($0.doc)#\($0.sentence)" }).count == 3)
        // FTS syntax in user text is quoted, not interpreted.
        let odd = try #require(try await store.query(.search, QueryParams(text: "NEAR( \"met")).hits)
        #expect(odd.isEmpty)
    }

    @Test func searchRefusesTooBroadQueries() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let store = try tmp.open(maxResultRows: 100, maxSearchMatches: 2)
        for b in [Corpus.visit(), Corpus.report(), Corpus.other()] { _ = try await store.store(b.digest()) }
        do {
            _ = try await store.query(.search, QueryParams(text: "the"))
            Issue.record("broad search should be refused")
        } catch let e as ErrorReply {
            #expect(e.code == .tooExpensive)
        }
    }

    @Test func exports() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let store = try await self.seeded(tmp, maxResultRows: 12)

        let pages = try await allPages(store, .export, QueryParams(limit: 2, format: "jsonl"))
        #expect(pages.count == 2)
        let lines = pages.map { $0.export?.data ?? "" }.joined().split(separator: "\n")
        let digests = try lines.map { try JSONDecoder().decode(Digest.self, from: Data($0.utf8)) }
        #expect(digests.map(\.doc) == ["other-3.txt", "report-2.txt", "visit-1.txt"])
        #expect(digests[2] == Corpus.visit().digest())

        let csvPages = try await allPages(store, .export, QueryParams(limit: 3, format: "csv"))
        let csv = csvPages.map { $0.export?.data ?? "" }.joined()
        let rows = csv.split(separator: "\r\n")
        #expect(rows.count == 6)
        #expect(rows[0].hasPrefix("GLOBALEVENTID,SQLDATE,Actor1Name"))
        #expect(rows[1].contains(",20310310,Senior Lieutenant General Tran Minh Khoa,VN,VNM,816,Vongsa Keola,LA,LAO,812,CONSULT,"))
        #expect(rows[1].contains(",2,2,2,"))  // NumMentions, NumSources, NumArticles of its story
        let onlyKH = try #require(try await store.query(.export, QueryParams(state: "KH", format: "csv")).export)
        #expect(onlyKH.count == 2)

        let graphml = try #require(try await store.query(.export, QueryParams(actorKind: "person", format: "graphml")).export)
        #expect(graphml.data.contains("<data key=\"name\">Tran Minh Khoa</data>"))
        #expect(graphml.data.contains("<edge "))
        let dot = try #require(try await store.query(.export, QueryParams(actorKind: "person", format: "dot")).export)
        #expect(dot.data.hasPrefix("graph actors {"))
        #expect(dot.data.contains("[weight=2]"))  // Khoa and Keola share two documents
        do {
            _ = try await store.query(.export, QueryParams(format: "graphml", graph: "actors"))  // all actors: more than 12 nodes+edges
            Issue.record("big graph should be refused")
        } catch let e as ErrorReply {
            #expect(e.code == .tooExpensive)
        }
        do {
            _ = try await store.query(.export, QueryParams(format: "pdf"))
            Issue.record("unknown format should fail")
        } catch let e as ErrorReply {
            #expect(e.code == .badRequest)
        }
    }
}

@Suite struct EventFilterTests {
    @Test func filterAgreesWithTheEventsQuery() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let store = try tmp.open()
        let docs = [Corpus.visit(), Corpus.report(), Corpus.other()].map { $0.digest() }
        for d in docs { _ = try await store.store(d) }
        let cases: [QueryParams] = [
            QueryParams(), QueryParams(eventType: "CONSULT"), QueryParams(source: "VN"), QueryParams(target: "KH"),
            QueryParams(state: "LA"), QueryParams(pair: ["LA", "VN"]), QueryParams(doc: "report-2.txt"),
            QueryParams(from: "2031-04"), QueryParams(to: "2031-03-10"), QueryParams(mode: "formal"),
            QueryParams(text: "MEMORANDUM"), QueryParams(text: "talk*"),
        ]
        for p in cases {
            let filter = try EventFilter(p)
            let local = docs.flatMap { d in filter.matchingEvents(in: d).map { "\(d.doc)/\($0.type)/\($0.triggerText)" } }
            let stored = try #require(try await store.query(.events, p).events).map { "\($0.doc)/\($0.type)/\($0.trigger)" }
            #expect(local == stored, "\(p)")
        }
        #expect(throws: ErrorReply.self) { try EventFilter(QueryParams(actor: 1)) }
    }
}
