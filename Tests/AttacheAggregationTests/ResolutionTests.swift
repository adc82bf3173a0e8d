import AttacheAggregation
import AttacheContracts
import Logging
import Testing

@Suite struct ResolutionTests {
    private func persons(_ store: SQLiteAggregationStore) async throws -> [ActorSummary] {
        try #require(try await store.query(.persons, QueryParams()).actors)
    }

    @Test func nameVariantsAcrossDocuments() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let store = try tmp.open()
        var a = DocBuilder("a", published: "2031-01-05", ["Colonel General Trần Minh Khoa visited the port."])
        a.person("Trần Minh Khoa", country: "VN", rank: "Colonel General")
        var b = DocBuilder("b", published: "2031-02-05", ["Senior Lieutenant General Tran Minh Khoa spoke."])
        b.person("Senior Lieutenant General Tran Minh Khoa", country: "VN", rank: "Senior Lieutenant General")
        var c = DocBuilder("c", published: "2031-03-05", ["Khoa arrived late."])
        c.person("Khoa", country: nil)
        for d in [a, b, c] { _ = try await store.store(d.digest()) }

        let all = try await self.persons(store)
        #expect(all.count == 1)
        let khoa = try #require(all.first)
        #expect(khoa.name == "Trần Minh Khoa")  // the fullest form, diacritics kept
        #expect(khoa.documents == 3)
        #expect(khoa.rank == "Senior Lieutenant General")  // most recent
        #expect(Set(khoa.mergedBy ?? []) == ["new", "name-key", "short-form"])

        let profile = try #require(try await store.query(.actor, QueryParams(name: "tran minh khoa")).actor)
        #expect(profile.actor.id == khoa.id)
        #expect(profile.merges.map(\.rule) == ["new", "name-key", "short-form"])
        #expect(profile.merges[2].evidence.contains("Khoa"))
        #expect(profile.ranks.map(\.value) == ["Colonel General", "Senior Lieutenant General"])
        #expect(profile.ranks[0].firstSeen == "2031-01-05")
        #expect(profile.documents == ["c", "b", "a"])
        #expect(Set(profile.names.map(\.name)) == ["Trần Minh Khoa", "Senior Lieutenant General Tran Minh Khoa", "Khoa"])
    }

    @Test func sharedSurnameStaysTwo() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let store = try tmp.open()
        var a = DocBuilder("a", published: "2031-01-01", ["Daniel Okafor met the press."])
        a.person("Daniel Okafor", country: "NG")
        var b = DocBuilder("b", published: "2031-01-02", ["Grace Okafor met the press."])
        b.person("Grace Okafor", aliases: ["Okafor"], country: "NG")
        var c = DocBuilder("c", published: "2031-01-03", ["Okafor declined to comment."])
        c.person("Okafor", country: "NG")
        var d = DocBuilder("d", published: "2031-01-04", ["Okafor declined again."])
        d.person("Okafor")
        var e = DocBuilder("e", published: "2031-01-05", ["Peter Okafor arrived."])
        e.person("Peter Okafor", country: "NG")
        for x in [a, b, c, d, e] { _ = try await store.store(x.digest()) }

        let all = try await self.persons(store)
        #expect(all.map(\.name) == ["Daniel Okafor", "Grace Okafor", "Okafor", "Peter Okafor"])
        let bare = try #require(all.first { $0.name == "Okafor" })
        #expect(bare.documents == 2)  // c and d, kept apart from both full names
        #expect(bare.mergedBy == ["ambiguous", "name-key"])
        #expect(all.first { $0.name == "Daniel Okafor" }?.documents == 1)
        #expect(all.first { $0.name == "Grace Okafor" }?.documents == 1)
        let profile = try #require(try await store.query(.actor, QueryParams(actor: bare.id)).actor)
        #expect(profile.merges.first?.evidence.contains("Daniel Okafor") == true)
    }

    @Test func longFormJoinsShortAndStatesDiffer() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let store = try tmp.open()
        var a = DocBuilder("a", published: "2031-01-01", ["Sithong inspected the unit."])
        a.person("Sithong", country: "LA")
        var b = DocBuilder("b", published: "2031-01-02", ["Keo Sithong inspected it again."])
        b.person("Keo Sithong", country: "LA")
        var c = DocBuilder("c", published: "2031-01-03", ["Park Jin Ho spoke in Seoul.", "Park Jin Ho spoke in Pyongyang."])
        c.person("Park Jin Ho", country: "KR")
        c.person("Park Jin Ho", country: "KP")
        for x in [a, b, c] { _ = try await store.store(x.digest()) }
        let all = try await self.persons(store)
        #expect(all.map(\.name) == ["Keo Sithong", "Park Jin Ho", "Park Jin Ho"])
        #expect(all[0].documents == 2)
        #expect(all[0].mergedBy == ["long-form", "new"])
        #expect(Set(all.compactMap(\.country)) == ["LA", "KR", "KP"])
    }

    @Test func organizationsByInitialsWithinState() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let store = try tmp.open()
        var a = DocBuilder("a", published: "2031-01-01", ["The Northern Coastal Guard sailed."])
        a.org("Northern Coastal Guard", country: "VN")
        var b = DocBuilder("b", published: "2031-01-02", ["The NCG sailed again."])
        b.org("NCG", country: "VN")
        var c = DocBuilder("c", published: "2031-01-03", ["Another NCG exists elsewhere."])
        c.org("NCG", country: "TH")
        var d = DocBuilder("d", published: "2031-01-04", ["The Ministry of National Defence said so."])
        d.org("Ministry of National Defence", country: "VN")
        var e = DocBuilder("e", published: "2031-01-05", ["The MND denied it."])
        e.org("MND", country: "VN")
        var f = DocBuilder("f", published: "2031-01-06", ["The Eastern Fleet Command (EFC) moved; later EFC returned."])
        f.org("EFC", country: "PH")
        var g = DocBuilder("g", published: "2031-01-07", ["The Eastern Fleet Command moved."])
        g.org("Eastern Fleet Command", country: "PH")
        for x in [a, b, c, d, e, f, g] { _ = try await store.store(x.digest()) }
        let orgs = try #require(try await store.query(.organizations, QueryParams()).actors)
        #expect(orgs.count == 4)
        let ncg = try #require(orgs.first { $0.name == "Northern Coastal Guard" })
        #expect(ncg.documents == 2)
        #expect(ncg.aliases == ["NCG"])
        #expect(ncg.mergedBy == ["initials", "new"])
        let thai = try #require(orgs.first { $0.country == "TH" })
        #expect(thai.documents == 1)
        #expect(orgs.first { $0.name == "Ministry of National Defence" }?.documents == 2)
        let efc = try #require(orgs.first { $0.country == "PH" })
        #expect(efc.name == "Eastern Fleet Command")  // a fuller name replaces the acronym
        #expect(efc.documents == 2)
    }

    @Test func statesByCode() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let store = try tmp.open()
        var a = DocBuilder("a", published: "2031-01-01", ["The Lao side agreed."])
        a.country("LA", ["Lao"])
        var b = DocBuilder("b", published: "2031-01-02", ["Laos agreed too."])
        b.country("la", ["Laos"])
        for x in [a, b] { _ = try await store.store(x.digest()) }
        let states = try #require(try await store.query(.actors, QueryParams(actorKind: "state")).actors)
        #expect(states.count == 1)
        #expect(states[0].name == "LA")
        #expect(states[0].documents == 2)
        #expect(Set(states[0].aliases) == ["Lao", "Laos"])
        #expect(states[0].mergedBy == ["iso-code", "new"])
        let profile = try #require(try await store.query(.actor, QueryParams(name: "LA")).actor)
        #expect(profile.actor.id == states[0].id)
    }

    @Test func replacingADocumentUndoesItsMerges() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let store = try tmp.open()
        var a = DocBuilder("a", published: "2031-01-01", ["Vongsa Keola met the envoy."])
        a.person("Vongsa Keola", country: "LA", roles: ["Minister of Defence"])
        var b = DocBuilder("b", published: "2031-01-02", ["Keola met nobody."])
        b.person("Keola", country: "LA", roles: ["Deputy Prime Minister"])
        for x in [a, b] { _ = try await store.store(x.digest()) }
        var keola = try #require(try await self.persons(store).first)
        #expect(keola.documents == 2)
        #expect(keola.roles == ["Deputy Prime Minister", "Minister of Defence"])

        var b2 = DocBuilder("b", published: "2031-01-02", ["Nobody met anybody."])
        b2.person("Somebody Else", country: "TH")
        #expect(try await store.store(b2.digest()) == .replaced)
        let all = try await self.persons(store)
        #expect(all.map(\.name) == ["Somebody Else", "Vongsa Keola"])
        keola = try #require(all.last)
        #expect(keola.documents == 1)
        #expect(keola.aliases == [])
        #expect(keola.roles == ["Minister of Defence"])
    }

    /// Replacement on the subtracting path (large actors; `recountLimit` 0 makes every actor large): counts,
    /// aliases, roles and the display name lose exactly the old version.
    @Test func replacingSubtractsFromLargeActors() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let store = try SQLiteAggregationStore(
            path: tmp.path, maxResultRows: 1000, storyWindowDays: 3, recountLimit: 0, logger: Logger(label: "test"))
        var a = DocBuilder("a", published: "2031-01-01", ["Keola met the envoy."])
        a.person("Keola", country: "LA", roles: ["Minister of Defence"])
        var b = DocBuilder("b", published: "2031-01-05", ["Vongsa Keola met nobody."])
        b.person("Vongsa Keola", country: "LA", roles: ["Deputy Prime Minister"])
        for x in [a, b] { _ = try await store.store(x.digest()) }
        var keola = try #require(try await self.persons(store).first)
        #expect(keola.name == "Vongsa Keola")
        #expect(keola.documents == 2)
        #expect(keola.lastSeen == "2031-01-05")

        var b2 = DocBuilder("b", published: "2031-01-06", ["Nobody met anybody."])
        b2.person("Somebody Else", country: "TH")
        #expect(try await store.store(b2.digest()) == .replaced)
        let all = try await self.persons(store)
        #expect(all.map(\.name) == ["Keola", "Somebody Else"])
        keola = try #require(all.first)
        #expect(keola.documents == 1)
        #expect(keola.mentions == 1)
        #expect(keola.aliases == [])
        #expect(keola.roles == ["Minister of Defence"])
        #expect(keola.lastSeen == "2031-01-01")
    }
}
