import AttacheContracts
import Foundation
import GRDB
import Logging
import Testing

@testable import AttacheAggregation

/// Who took part in events, whom they met and the encounters between two states' people (v24 participants).
@Suite struct PeopleTests {
    /// Talks between a Lao minister and a Vietnamese general, with an agreement and a handover in the same story.
    static func talks(_ id: String = "talks-1.txt", published: String = "2031-05-04", signed: Bool = true) -> DocBuilder {
        var b = DocBuilder(
            id, published: published, source: "feed-c",
            [
                "Lao defence minister Somsack Phanthavong held talks with Vietnamese general Do Van Hieu in Hanoi.",
                signed ? "The two sides signed an accord on joint river patrols." : "No accord was reached.",
                "Vietnam handed over ten patrol boats to the Lao People's Army.",
            ])
        b.person("Somsack Phanthavong", country: "LA", roles: ["Minister of Defence"])
        b.person("Do Van Hieu", country: "VN", rank: "General")
        b.org("Lao People's Army", country: "LA")
        b.country("LA", ["Lao"])
        b.country("VN", ["Vietnamese", "Vietnam"])
        // No actor or recipient words: the participants alone link the two men to the talks.
        b.event("CONSULT", "LA", "VN", trigger: "held talks", mode: "visit")
        b.takePart(
            actors: [b.who(.person, "Somsack Phanthavong", "LA", sector: "GOV")],
            recipients: [b.who(.person, "Do Van Hieu", "VN", sector: "MIL")])
        if signed {
            b.event("AGREE", "LA", "VN", trigger: "signed")
            b.takePart(
                actors: [b.who(.person, "Somsack Phanthavong", "LA", sector: "GOV")],
                recipients: [b.who(.person, "Do Van Hieu", "VN", sector: "MIL")])
        }
        b.event("AID", "VN", "LA", trigger: "handed over", mode: "military")
        b.takePart(actors: [b.who(.state, "Vietnam", "VN")], recipients: [b.who(.organization, "Lao People's Army", "LA", sector: "MIL")])
        return b
    }

    /// The general and a Thai envoy in one story: named together, and a protest between them (not a meeting).
    static func ceremony() -> DocBuilder {
        var b = DocBuilder(
            "ceremony-2.txt", published: "2031-05-20", source: "feed-d",
            [
                "Do Van Hieu and Thai envoy Anan Srisuk attended a ceremony in Da Nang.",
                "Anan Srisuk later protested to Do Van Hieu over a fishing dispute.",
            ])
        b.person("Do Van Hieu", country: "VN")
        b.person("Anan Srisuk", country: "TH", roles: ["envoy"])
        b.country("TH", ["Thai"])
        b.event("PROTEST", "TH", "VN", trigger: "protested")
        b.takePart(actors: [b.who(.person, "Anan Srisuk", "TH", sector: "GOV")], recipients: [b.who(.person, "Do Van Hieu", "VN")])
        return b
    }

    /// A later signing with no talks reported: the agreement itself is the encounter.
    static func signing() -> DocBuilder {
        var b = DocBuilder(
            "signing-3.txt", published: "2031-07-01", source: "feed-c",
            ["Laos and Vietnam signed a protocol on demining, said Do Van Hieu."])
        b.person("Do Van Hieu", country: "VN")
        b.country("LA", ["Laos"])
        b.country("VN", ["Vietnam"])
        b.event("AGREE", "VN", "LA", trigger: "signed")
        b.takePart(actors: [b.who(.person, "Do Van Hieu", "VN")], recipients: [b.who(.state, "Laos", "LA")])
        return b
    }

    private func seeded(_ tmp: TempStore) async throws -> SQLiteAggregationStore {
        let store = try tmp.open()
        for b in [Self.talks(), Self.ceremony(), Self.signing()] { #expect(try await store.store(b.digest()) == .new) }
        return store
    }

    @Test func aPersonsProfileListsTheEventsTheyTookPartInWithCounterparts() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let store = try await self.seeded(tmp)
        let minister = try #require(try await store.query(.actor, QueryParams(name: "Somsack Phanthavong")).actor)
        #expect(minister.participation.map(\.type).sorted() == ["AGREE", "CONSULT"])
        #expect(minister.participation.allSatisfy { $0.role == "actor" && $0.date == "2031-05-04" && $0.doc == "talks-1.txt" })
        #expect(minister.participation.allSatisfy { $0.counterparts.map(\.name) == ["Do Van Hieu"] })
        let general = try #require(minister.participation.first?.counterparts.first)
        #expect(general.kind == "person" && general.country == "VN" && general.sector == "MIL" && general.actor != nil)
        // The linked events now hold the talks too (no actor words named him).
        #expect(Set(minister.events.map(\.type)) == ["AGREE", "CONSULT"])
        #expect(minister.met.map(\.name) == ["Do Van Hieu"])
        #expect(minister.met.first?.events == 2 && minister.met.first?.lastDate == "2031-05-04")

        let hieu = try #require(try await store.query(.actor, QueryParams(name: "Do Van Hieu")).actor)
        #expect(hieu.participation.map(\.type) == ["AGREE", "PROTEST", "AGREE", "CONSULT"], "most recent first")
        #expect(hieu.participation.map(\.role) == ["actor", "recipient", "recipient", "recipient"])
        #expect(hieu.participation[1].counterparts.map(\.name) == ["Anan Srisuk"])
        #expect(hieu.participation[0].counterparts.map { "\($0.kind) \($0.name)" } == ["state Laos"])
        // Met: counterparts in cooperative events. The protest and the ceremony are not meetings.
        let met = Dictionary(uniqueKeysWithValues: hieu.met.map { ($0.name, $0.events) })
        #expect(met["Somsack Phanthavong"] == 2)
        #expect(met["LA"] == 1, "the state of Laos, named as the other side of the signing")
        #expect(met["Anan Srisuk"] == nil)
        // Co-mention stays, as its own list.
        #expect(hieu.coMentioned.contains { $0.name == "Anan Srisuk" })
        // An organization takes part too.
        let army = try #require(try await store.query(.actor, QueryParams(name: "Lao People's Army")).actor)
        #expect(army.participation.map(\.type) == ["AID"])
        #expect(army.participation.first?.counterparts.map(\.name) == ["Vietnam"])
        // The profile's lists keep the limit.
        let one = try #require(try await store.query(.actor, QueryParams(limit: 1, name: "Do Van Hieu")).actor)
        #expect(one.participation.count == 1 && one.met.count == 1)
    }

    @Test func meetingsListWhoOfEachStateMetAndWhatTheyAgreed() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let store = try await self.seeded(tmp)
        let meetings = try #require(try await store.query(.meetings, QueryParams(pair: ["LA", "VN"])).meetings)
        // The talks (their agreement and handover are outcomes, not meetings of their own), then the signing.
        #expect(meetings.map(\.type) == ["CONSULT", "AGREE"])
        let talks = try #require(meetings.first)
        #expect(talks.date == "2031-05-04" && talks.mode == "visit" && talks.doc == "talks-1.txt" && talks.sentenceIndex == 0)
        #expect(talks.sentence.hasPrefix("Lao defence minister Somsack Phanthavong held talks"))
        #expect(talks.stateA == "LA" && talks.fromA.map(\.name) == ["Somsack Phanthavong"])
        #expect(talks.stateB == "VN" && talks.fromB.map(\.name) == ["Do Van Hieu"])
        #expect(talks.outcomes.map(\.type) == ["AGREE", "AID"])
        #expect(talks.outcomes[0].sentence == "The two sides signed an accord on joint river patrols.")
        #expect(talks.outcomes[1].trigger == "handed over")
        let signing = meetings[1]
        #expect(signing.fromA.map(\.name) == ["Laos"] && signing.fromB.map(\.name) == ["Do Van Hieu"])
        #expect(signing.outcomes.isEmpty)
        // The other order names the sides the other way round.
        let swapped = try #require(try await store.query(.meetings, QueryParams(pair: ["VN", "LA"])).meetings)
        #expect(swapped.first?.fromA.map(\.name) == ["Do Van Hieu"] && swapped.first?.stateA == "VN")
        // Dates and pages.
        let june = try #require(try await store.query(.meetings, QueryParams(from: "2031-06-01", pair: ["LA", "VN"])).meetings)
        #expect(june.map(\.doc) == ["signing-3.txt"])
        let may = try #require(try await store.query(.meetings, QueryParams(to: "2031-05", pair: ["LA", "VN"])).meetings)
        #expect(may.map(\.doc) == ["talks-1.txt"])
        let pages = try await allPages(store, .meetings, QueryParams(limit: 1, pair: ["LA", "VN"]))
        #expect(pages.count == 2 && pages.flatMap { $0.meetings ?? [] } == meetings)
        #expect(try await store.query(.meetings, QueryParams(pair: ["TH", "KH"])).meetings == [])
        for bad in [QueryParams(), QueryParams(pair: ["LA"]), QueryParams(pair: ["LA", "LA"])] {
            await #expect(throws: ErrorReply.self) { _ = try await store.query(.meetings, bad) }
        }
    }

    /// A page of meetings stops at the reply budget and gives its cursor; following it reads them all.
    @Test func meetingsPageAtTheByteBudget() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let store = try tmp.open()
        for day in 10..<16 { _ = try await store.store(Self.talks("talks-\(day).txt", published: "2031-05-\(day)").digest()) }
        let all = try #require(try await store.query(.meetings, QueryParams(pair: ["LA", "VN"])).meetings)
        #expect(all.count == 6)
        let size = try #require(all.first?.replySizeBound)
        let small = try SQLiteAggregationStore(
            path: tmp.path, maxResultRows: 1000, queryLimits: QueryLimits(maxReplyBytes: size + 256 + 400),
            logger: Logger(label: "test.people"))
        let pages = try await allPages(small, .meetings, QueryParams(pair: ["LA", "VN"]))
        #expect(pages.count == 6, "one meeting a page")
        #expect(pages.flatMap { $0.meetings ?? [] } == all)
    }

    /// A replaced document takes its participants with it; the new version's are linked as a new document's.
    @Test func aReplacedDocumentTakesItsParticipantsAlong() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let store = try await self.seeded(tmp)
        func rows() async throws -> Int {
            try await store.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM eventParticipant") ?? 0 }
        }
        #expect(try await rows() == 10)
        var talks = Self.talks(signed: false)
        talks.events.removeFirst()  // the talks are gone from the new version
        #expect(try await store.store(talks.digest()) == .replaced)
        #expect(try await rows() == 2 + 2 + 2)
        let minister = try #require(try await store.query(.actor, QueryParams(name: "Somsack Phanthavong")).actor)
        #expect(minister.participation.isEmpty && minister.met.isEmpty && minister.events.isEmpty)
        let meetings = try #require(try await store.query(.meetings, QueryParams(pair: ["LA", "VN"])).meetings)
        #expect(meetings.map(\.doc) == ["talks-1.txt", "signing-3.txt"])
        #expect(meetings.first?.type == "AID" && meetings.first?.fromA.map(\.name) == ["Lao People's Army"])
        let orphans = try await store.pool.read {
            try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM eventParticipant p WHERE NOT EXISTS (SELECT 1 FROM event e WHERE e.id = p.eventId)")
        }
        #expect(orphans == 0)
    }
    /// A gathering where the general is on both sides of one event (twice among the recipients), another, and an event that names him in its actor words only (linked, not a participant).
    static func gathering() -> DocBuilder {
        var b = DocBuilder(
            "gathering-4.txt", published: "2031-06-02", source: "feed-d",
            [
                "Do Van Hieu of Vietnam met Somsack Phanthavong and Anan Srisuk, and Do Van Hieu received an award.",
                "Do Van Hieu criticized the delay.",
            ])
        b.person("Do Van Hieu", country: "VN")
        b.person("Somsack Phanthavong", country: "LA")
        b.person("Anan Srisuk", country: "TH")
        b.event("CONSULT", "VN", "LA", trigger: "met")
        b.takePart(
            actors: [b.who(.person, "Do Van Hieu", "VN"), b.who(.state, "Vietnam", "VN")],
            recipients: [
                b.who(.person, "Somsack Phanthavong", "LA"), b.who(.person, "Do Van Hieu", "VN"),
                b.who(.person, "Anan Srisuk", "TH"), b.who(.person, "Do Van Hieu", "VN"),
            ])
        b.event("COOPERATE", "VN", nil, trigger: "received")
        b.takePart(actors: [b.who(.person, "Anan Srisuk", "TH")], recipients: [b.who(.person, "Do Van Hieu", "VN")])
        b.event("DISAPPROVE", "VN", nil, trigger: "criticized", actor: "Do Van Hieu")
        return b
    }

    /// v34: a person's or organization's participations and "met" are read through its `eventActor` links, a state's
    /// through the index of states' participations; each equals what v33's reading of every participant row by actor
    /// gives (the SQL of v33, here over the table itself), for every actor and every cap.
    @Test func participationsThroughEventLinksEqualTheRowsByActor() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let store = try await self.seeded(tmp)
        #expect(try await store.store(Self.gathering().digest()) == .new)
        var later = Self.talks("talks-9.txt", published: "2031-08-09")
        later.events.removeLast()
        #expect(try await store.store(later.digest()) == .new)
        let engine = QueryEngine(
            maxResultRows: 1000, maxExportBytes: 1 << 20, maxSearchMatches: 100, budget: PageBudget(bytes: 1 << 20),
            maxSearchTerms: 8, maxSearchExpansions: 8)
        let compared = try await store.pool.read { db in
            var compared = (persons: 0, states: 0, rows: 0)
            for (id, kind) in try Row.fetchAll(db, sql: "SELECT id, kind FROM actor ORDER BY id").map({ ($0[0] as Int64, $0[1] as String) }) {
                for cap in 0...8 {
                    let old = try db.mapRows(
                        """
                        SELECT x.eventId, x.role, x.name, e.type, e.effDate, d.doc
                        FROM (SELECT eventId, role, effKey, MIN(name) AS name FROM eventParticipant NOT INDEXED WHERE actorId = ?1
                              GROUP BY effKey, eventId, role ORDER BY effKey DESC, eventId DESC, role LIMIT ?2) x
                        JOIN event e ON e.id = x.eventId JOIN document d ON d.id = e.documentId
                        ORDER BY x.effKey DESC, x.eventId DESC, x.role
                        """, [id, cap]
                    ) { "\($0.int64(0)) \($0.string(1)) \($0.string(2)) \($0.string(3)) \($0.optionalString(4) ?? "-") \($0.string(5))" }
                    let new = try engine.participation(id, cap: cap, db).map {
                        "\($0.event) \($0.role) \($0.name) \($0.type) \($0.date ?? "-") \($0.doc)"
                    }
                    #expect(new == old, "participation of \(kind) \(id), cap \(cap)")
                    let oldMet = try db.mapRows(
                        """
                        SELECT c.actorId, COUNT(DISTINCT c.eventId) AS n, MAX(x.effKey) AS last
                        FROM (SELECT eventId, role, effKey FROM eventParticipant NOT INDEXED WHERE actorId = ?1
                              ORDER BY effKey DESC, eventId DESC LIMIT \(ActorProfile.metScanLimit)) x
                        JOIN event e ON e.id = x.eventId AND e.type IN (\(QueryEngine.meetingTypes.map { "'\($0)'" }.joined(separator: ", ")))
                        JOIN eventParticipant c ON c.eventId = x.eventId AND c.role != x.role
                        JOIN actor a ON a.id = c.actorId
                        WHERE c.actorId IS NOT NULL AND c.actorId != ?1
                        GROUP BY c.actorId ORDER BY n DESC, c.actorId LIMIT ?2
                        """, [id, cap]
                    ) { "\($0.int64(0)) \($0.int(1)) \($0.string(2))" }
                    let newMet = try engine.met(id, cap: cap, db).map { "\($0.id) \($0.events) \($0.lastDate ?? "")" }
                    #expect(newMet == oldMet, "met of \(kind) \(id), cap \(cap)")
                    if cap == 8 && !old.isEmpty {
                        if kind == "state" { compared.states += 1 } else { compared.persons += 1 }
                        compared.rows += old.count
                    }
                }
            }
            return compared
        }
        #expect(compared.persons >= 4 && compared.states >= 2, "persons, the organization and states take part")
        let hieu = try #require(try await store.query(.actor, QueryParams(name: "Do Van Hieu")).actor)
        #expect(hieu.participation.filter { $0.type == "CONSULT" && $0.date == "2031-06-02" }.map(\.role) == ["actor", "recipient"])
        #expect(!hieu.participation.contains { $0.type == "DISAPPROVE" }, "named in the actor words only: linked, no participant")
        #expect(hieu.events.contains { $0.type == "DISAPPROVE" })
    }
}
