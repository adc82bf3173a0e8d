import AttacheContracts
@testable import AttacheExtraction
import Testing

/// Events' actors and recipients, persons' and organizations' sectors (invented texts and names).
@Suite struct ParticipantTests {
    let pub = "2025-05-20"

    func visit(_ d: Digest) -> Event? { d.events.first { $0.type == "CONSULT" && $0.mode == "visit" } }

    @Test func visitingGeneralActsAndTheHostMinisterReceives() throws {
        let text =
            "Senior Lieutenant General Hoang Duc Vinh, Deputy Chief of the General Staff of the Vietnam People's Army, visited Laos on Monday and met Lao Defence Minister Bounmy Keosavanh."
        let d = digest(text, published: pub)
        let general = try #require(person(d, "Hoang Duc Vinh"))
        #expect(general.country == "VN")
        #expect(general.sector == "MIL")
        let minister = try #require(person(d, "Bounmy Keosavanh"))
        #expect(minister.country == "LA")
        #expect(minister.sector == "GOV")
        let v = try #require(self.visit(d))
        #expect(v.source == "VN" && v.target == "LA")
        let actor = try #require(v.actors.first { $0.kind == .person })
        #expect(actor.name == "Hoang Duc Vinh")
        #expect(actor.country == "VN")
        #expect(actor.sector == "MIL")
        #expect(slice(text, actor.mention.start, actor.mention.end) == "Hoang Duc Vinh")
        #expect(actor.mention.sentence == v.sentence)
        // the army named in the general's role is his office, not another participant
        #expect(!v.actors.contains { $0.kind == .organization })
        #expect(v.actors.filter { $0.name == "Hoang Duc Vinh" }.count == 1, "a person counts once")
        let recipient = try #require(v.recipients.first { $0.kind == .person })
        #expect(recipient.name == "Bounmy Keosavanh")
        #expect(recipient.country == "LA")
        #expect(recipient.sector == "GOV")
        #expect(!v.recipients.contains { $0.kind == .state }, "the state is there through its minister")
    }

    @Test func theLeaderOfAVisitingDelegationActs() throws {
        let text =
            "A Cambodian military delegation visited Thailand from 12 to 14 May. The visit was led by General Sok Chenda, deputy commander of the Royal Cambodian Armed Forces."
        let d = digest(text, published: pub)
        let v = try #require(self.visit(d))
        #expect(v.source == "KH" && v.target == "TH")
        let leader = try #require(v.actors.first { $0.kind == .person })
        #expect(leader.name == "Sok Chenda")
        #expect(leader.country == "KH")
        #expect(slice(text, leader.mention.start, leader.mention.end) == "Sok Chenda")
        #expect(leader.mention.sentence == v.sentence + 1)
    }

    @Test func aStateWhenNobodyOfItIsNamed() throws {
        let text = "Thailand donated five patrol boats to Cambodia on Tuesday."
        let d = digest(text, published: pub)
        let e = try #require(d.events.first { $0.type == "AID" })
        #expect(e.source == "TH" && e.target == "KH")
        #expect(e.actors.count == 1)
        let a = try #require(e.actors.first)
        #expect(a.kind == .state)
        #expect(a.country == "TH")
        #expect(a.name == "Thailand")
        #expect(a.sector == nil)
        #expect(slice(text, a.mention.start, a.mention.end) == "Thailand")
        let r = try #require(e.recipients.first)
        #expect(r.kind == .state && r.country == "KH" && r.name == "Cambodia")
        #expect(slice(text, r.mention.start, r.mention.end) == "Cambodia")
    }

    @Test func anOrganizationWithItsSector() throws {
        let text = "Malaysia's Defence Ministry donated two patrol boats to the Philippines on Friday."
        let d = digest(text, published: pub)
        let ministry = try #require(d.organizations.first { $0.name.hasSuffix("Defence Ministry") })
        #expect(ministry.country == "MY")
        #expect(ministry.sector == "GOV")
        let e = try #require(d.events.first { $0.type == "AID" && $0.source == "MY" && $0.target == "PH" })
        let a = try #require(e.actors.first)
        #expect(e.actors.count == 1)
        #expect(a.kind == .organization)
        #expect(a.name == ministry.name)
        #expect(a.sector == "GOV")
        #expect(a.country == "MY")
        #expect(e.recipients.map(\.kind) == [.state])
        #expect(e.recipients.first?.name == "Philippines")
    }

    @Test func anAffiliationIsThePersonsOffice() throws {
        let text =
            "Police Colonel Anan Srisuk of the Royal Thai Police said the two forces agreed to share intelligence with Indonesia's National Police."
        let d = digest(text, published: pub)
        #expect(person(d, "Anan Srisuk")?.sector == "COP")
        let e = try #require(d.events.first { $0.type == "AGREE" && $0.source == "TH" })
        #expect(e.actors.map(\.kind) == [.person], "the police named beside the colonel are his office")
        #expect(e.actors.first?.sector == "COP")
        #expect(e.recipients.contains { $0.kind == .organization && $0.country == "ID" && $0.sector == "COP" })
    }

    @Test func participantsStayInTheirSentence() throws {
        let text = """
            Colonel Arturo Velasco of the Chilean Army arrived in Peru on Sunday. \
            Chile and Peru signed a memorandum on border cooperation on Monday.
            """
        let d = digest(text, published: pub)
        for e in d.events {
            for p in e.actors + e.recipients { #expect(p.mention.sentence == e.sentence, "\(e.type) \(p.name)") }
        }
    }

    @Test func anInternationalBodyAsTheSubject() throws {
        let d = digest("NATO called on Russia to withdraw its troops from the border on Wednesday.", published: pub)
        #expect(organization(d, "NATO")?.sector == "IGO")
        let e = try #require(d.events.first { $0.source == nil && $0.target == "RU" })
        #expect(e.actors.count == 1)
        #expect(e.actors.first?.kind == .organization)
        #expect(e.actors.first?.name == "NATO")
        #expect(e.actors.first?.country == nil)
        #expect(e.actors.first?.sector == "IGO")
        #expect(e.recipients.first?.kind == .state)
        // after a preposition it is a venue, not the subject
        let venue = digest("At the United Nations, Ghana accused Togo of violating the ceasefire.", published: pub)
        for e in venue.events where e.source == nil { #expect(!e.actors.contains { $0.kind == .organization }) }
    }

    @Test func personSectors() {
        #expect(Sector.person(rank: "Major General", roles: []) == "MIL")
        #expect(Sector.person(rank: "Police Colonel", roles: ["Deputy Director of the Department"]) == "COP")
        #expect(Sector.person(rank: "Inspector", roles: []) == "COP")
        #expect(Sector.person(rank: nil, roles: ["Minister of National Defence"]) == "GOV")
        #expect(Sector.person(rank: nil, roles: ["Justice Minister"]) == "GOV")
        #expect(Sector.person(rank: nil, roles: ["Ambassador to the Republic of Korea"]) == "GOV")
        #expect(Sector.person(rank: nil, roles: ["special envoy"]) == "GOV")
        #expect(Sector.person(rank: nil, roles: ["President"]) == "GOV")
        #expect(Sector.person(rank: nil, roles: ["spokesperson of the Ministry of Foreign Affairs"]) == "GOV")
        #expect(Sector.person(rank: nil, roles: ["Chief of the General Staff"]) == "MIL")
        #expect(Sector.person(rank: nil, roles: ["Army Commander"]) == "MIL")
        #expect(Sector.person(rank: nil, roles: ["judge"]) == "JUD")
        #expect(Sector.person(rank: nil, roles: ["President of the Supreme Court"]) == "JUD")
        #expect(Sector.person(rank: nil, roles: ["senator"]) == "LEG")
        #expect(Sector.person(rank: nil, roles: ["Member of Parliament"]) == "LEG")
        #expect(Sector.person(rank: nil, roles: ["opposition lawmaker"]) == "LEG" || Sector.person(rank: nil, roles: ["opposition lawmaker"]) == "OPP")
        #expect(Sector.person(rank: nil, roles: ["party leader"]) == "PTY")
        #expect(Sector.person(rank: nil, roles: ["CEO of the company"]) == "BUS")
        #expect(Sector.person(rank: nil, roles: ["journalist"]) == "MED")
        #expect(Sector.person(rank: nil, roles: ["President of the University"]) == "EDU")
        #expect(Sector.person(rank: nil, roles: ["Defence Attaché"]) == "MIL")
        #expect(Sector.person(rank: nil, roles: ["coach"]) == nil)
        #expect(Sector.person(rank: nil, roles: []) == nil)
    }

    @Test func organizationSectors() {
        func s(_ name: String) -> String? { Sector.organization(name: name, international: false) }
        #expect(s("Ruritanian People's Army") == "MIL")
        #expect(s("Royal Navy") == "MIL")
        #expect(s("Air Force of Freedonia") == "MIL")
        #expect(s("Armed Forces of Freedonia") == "MIL")
        #expect(s("Freedonian Coast Guard") == "MIL")
        #expect(s("Freedonian Defence Forces") == "MIL")
        #expect(s("National Police") == "COP")
        #expect(s("National Gendarmerie") == "COP")
        #expect(s("Ministry of Public Security") == "GOV")
        #expect(s("Ministry of National Defence") == "GOV")
        #expect(s("Embassy of Freedonia") == "GOV")
        #expect(s("Council of Ministers") == "GOV")
        #expect(s("Immigration Department") == "GOV")
        #expect(s("Department of Police") == "COP")
        #expect(s("National Assembly") == "LEG")
        #expect(s("Senate") == "LEG")
        #expect(s("Supreme People's Court") == "JUD")
        #expect(s("Freedonian Workers' Party") == "PTY")
        #expect(s("Freedonia News Agency") == "MED")
        #expect(s("National Defence University") == "EDU")
        #expect(s("Freedonia Shipbuilding Corporation") == "BUS")
        #expect(s("Acme Ltd") == "BUS")
        #expect(s("Freedonian Red Cross") == "NGO")
        #expect(s("Freedonia") == nil)
        #expect(Sector.organization(name: "Union of Freedonian States", international: true) == "IGO")
    }

    @Test func scoringShapeHasNoParticipantsOrSectors() throws {
        let d = digest("Senior Colonel Le Van Tam of the Vietnam People's Army visited Cambodia on Monday.", published: pub)
        let json = String(decoding: try LineCodec().encode(ScoringDigest(d)), as: UTF8.self)
        #expect(!json.contains("actors") && !json.contains("recipients") && !json.contains("sector"))
        let full = String(decoding: try LineCodec().encode(d), as: UTF8.self)
        #expect(full.contains(#""actors":[{"kind":"#))
        #expect(full.contains(#""sector":"MIL""#))
    }
}
