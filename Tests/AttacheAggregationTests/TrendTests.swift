import AttacheContracts
import Foundation
import Testing

@testable import AttacheAggregation

/// `trend`: month by month between two states, each direction apart, per PLOVER quad class.
@Suite struct TrendTests {
    /// A coast-guard stand-off in March (three events one way, two the other), talks in May, a year-dated pledge.
    static func documents() -> [DocBuilder] {
        var march = DocBuilder(
            "standoff.txt", published: "2031-03-10", source: "feed-a",
            [
                "Chinese coast guard ships blocked a Philippine supply boat and fired water cannon at it.",
                "Beijing warned Manila against further missions.",
                "Manila accused Beijing of bullying and summoned its envoy for talks.",
            ])
        march.country("CN", ["Chinese", "Beijing"])
        march.country("PH", ["Philippine", "Manila"])
        march.event("COERCE", "CN", "PH", trigger: "blocked")
        march.event("ASSAULT", "CN", "PH", trigger: "fired water cannon")
        march.event("THREATEN", "CN", "PH", trigger: "warned")
        march.event("ACCUSE", "PH", "CN", trigger: "accused")
        march.event("CONSULT", "PH", "CN", trigger: "summoned")
        var lateMarch = DocBuilder(
            "standoff-2.txt", published: "2031-03-28", source: "feed-b", ["Manila protested to Beijing again."])
        lateMarch.country("CN", ["Beijing"])
        lateMarch.country("PH", ["Manila"])
        lateMarch.event("PROTEST", "PH", "CN", trigger: "protested", date: "2031-03-27")
        var may = DocBuilder(
            "talks.txt", published: "2031-05-02", source: "feed-a",
            ["Philippine and Chinese diplomats held talks and agreed to set up a hotline."])
        may.country("CN", ["Chinese"])
        may.country("PH", ["Philippine"])
        may.event("CONSULT", "PH", "CN", trigger: "held talks")
        may.event("AGREE", "PH", "CN", trigger: "agreed")
        var pledge = DocBuilder(
            "pledge.txt", published: "2031-06-15", source: "feed-c", ["China pledged aid to the Philippines in 2030."])
        pledge.country("CN", ["China"])
        pledge.country("PH", ["Philippines"])
        pledge.event("AID", "CN", "PH", trigger: "pledged aid", date: "2030")
        // Another pair in the same months: never counted.
        var other = DocBuilder("other.txt", published: "2031-03-12", source: "feed-a", ["Vietnam and Laos signed a treaty."])
        other.country("VN", ["Vietnam"])
        other.country("LA", ["Laos"])
        other.event("AGREE", "VN", "LA", trigger: "signed")
        return [march, lateMarch, may, pledge, other]
    }

    private func seeded(_ tmp: TempStore) async throws -> SQLiteAggregationStore {
        let store = try tmp.open()
        for b in Self.documents() { #expect(try await store.store(b.digest()) == .new) }
        return store
    }

    @Test func countsEachMonthAndDirectionPerQuadClass() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let store = try await self.seeded(tmp)
        let result = try await store.query(.trend, QueryParams(pair: ["PH", "CN"]))
        let rows = try #require(result.trend)
        #expect(result.next == nil)
        #expect(rows.map { "\($0.month) \($0.source)>\($0.target)" } == [
            "2030 CN>PH", "2031-03 CN>PH", "2031-03 PH>CN", "2031-05 PH>CN",
        ])
        let year = rows[0], chinaMarch = rows[1], philippinesMarch = rows[2], talks = rows[3]
        #expect(year.quads == [0, 1, 0, 0] && year.netCooperation == 1)
        #expect(chinaMarch.events == 3 && chinaMarch.quads == [0, 0, 1, 2] && chinaMarch.netCooperation == -1)
        #expect(chinaMarch.types.map(\.type) == ["ASSAULT", "COERCE", "THREATEN"])
        // The protest dated 27 March by its sentence counts in March with the same direction's accusation and talks.
        #expect(philippinesMarch.events == 3 && philippinesMarch.quads == [1, 0, 1, 1])
        #expect(abs(philippinesMarch.netCooperation - (-1.0 / 3.0)) < 1e-9)
        #expect(talks.quads == [2, 0, 0, 0] && talks.types.map { "\($0.type) \($0.events)" } == ["AGREE 1", "CONSULT 1"])
        // The order of the pair does not matter; a type filter keeps that type only.
        #expect(try await store.query(.trend, QueryParams(pair: ["CN", "PH"])).trend == rows)
        let conflict = try #require(try await store.query(.trend, QueryParams(eventType: "COERCE", pair: ["CN", "PH"])).trend)
        #expect(conflict.map(\.month) == ["2031-03"] && conflict[0].events == 1)
    }

    @Test func pagesHoldWholeMonthsAndDateBoundsApply() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let store = try await self.seeded(tmp)
        var months: [String] = []
        var cursor: String?
        var pages = 0
        repeat {
            let result = try await store.query(.trend, QueryParams(limit: 1, cursor: cursor, pair: ["CN", "PH"]))
            let rows = try #require(result.trend)
            #expect(Set(rows.map(\.month)).count == 1, "one month a page, both directions together")
            months += rows.map(\.month)
            cursor = result.next
            pages += 1
        } while cursor != nil && pages < 10
        #expect(months == ["2030", "2031-03", "2031-03", "2031-05"])
        #expect(pages == 3)
        let spring = try #require(try await store.query(.trend, QueryParams(from: "2031-04", to: "2031-12", pair: ["CN", "PH"])).trend)
        #expect(spring.map(\.month) == ["2031-05"])
        let march = try #require(try await store.query(.trend, QueryParams(from: "2031-03", to: "2031-03", pair: ["CN", "PH"])).trend)
        #expect(march.map(\.month) == ["2031-03", "2031-03"])
    }

    @Test func refusesWhatItCannotAnswer() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let store = try await self.seeded(tmp)
        for params in [QueryParams(), QueryParams(pair: ["CN", "CN"]), QueryParams(cursor: "nonsense", pair: ["CN", "PH"])] {
            await #expect(throws: ErrorReply.self) { _ = try await store.query(.trend, params) }
        }
    }
}
