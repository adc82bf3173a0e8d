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
}
