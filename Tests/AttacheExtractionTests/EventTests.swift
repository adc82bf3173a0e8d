import AttacheContracts
import AttacheExtraction
import Testing

@Suite struct EventTests {
    let pub = "2024-03-15"  // a Friday

    @Test func visitWithDateFromARange() {
        let d = digest("A Brazilian delegation visited Angola from 11-13 March to discuss defence cooperation. The visit was led by General Paulo Ribeiro.", published: pub)
        let v = d.events.first { $0.type == "CONSULT" && $0.mode == "visit" }
        #expect(v?.source == "BR")
        #expect(v?.target == "AO")
        #expect(v?.date == "2024-03-11")
        #expect(person(d, "Paulo Ribeiro")?.country == "BR")
    }

    @Test func visitNamedByTheVisitorsRole() {
        let d = digest("General Ahmed Saleh of Yemen, who is on a four-day visit to Oman, met the Omani defence minister.", published: pub)
        #expect(d.events.contains { $0.type == "CONSULT" && $0.mode == "visit" && $0.source == "YE" && $0.target == "OM" })
        #expect(person(d, "Ahmed Saleh")?.country == "YE")
    }

    @Test func signingIsSupportBothWays() {
        let d = digest("Egypt and Jordan signed a defence cooperation agreement in Cairo on Wednesday.", published: pub)
        #expect(hasEvent(d, "SUPPORT", "EG", "JO"))
        #expect(hasEvent(d, "SUPPORT", "JO", "EG"))
        #expect(events(d, "SUPPORT").first?.date == "2024-03-13")
    }

    @Test func summoningIsAccusation() {
        let d = digest("The Polish foreign ministry summoned the Belarusian ambassador on Thursday over the border incident.", published: pub)
        let e = events(d, "ACCUSE").first
        #expect(e?.mode == "disapprove")
        #expect(e?.source == "PL")
        #expect(e?.target == "BY")
    }

    @Test func recallIsSanctionWithdraw() {
        let d = digest("Ghana recalled its ambassador to Togo on Thursday, the foreign ministry said.", published: pub)
        #expect(d.events.count == 1)
        #expect(d.events.first?.type == "SANCTION")
        #expect(d.events.first?.mode == "withdraw")
        #expect(d.events.first?.source == "GH")
        #expect(d.events.first?.target == "TG")
    }

    @Test func requestAndNotTheParticiple() {
        let d = digest("Indonesia urged Australia on Wednesday to release three detained Indonesian fishermen.", published: pub)
        #expect(d.events.map(\.type) == ["REQUEST"])
        #expect(d.events.first?.mode == "yield")
    }

    @Test func aidWithMoneyAndVehicles() {
        let d = digest("The Norwegian government donated $10 million and five vehicles to Mozambique on Friday, officials said.", published: pub)
        #expect(hasEvent(d, "AID", "NO", "MZ"))
    }

    @Test func reportedAssaultKeepsTheAttacker() {
        let d = digest("Somali officials said that Ethiopian warplanes bombed a village near the border on Tuesday.", published: pub)
        let e = events(d, "ASSAULT").first
        #expect(e?.source == "ET")
        #expect(e?.target == "SO")
        #expect(e?.mode == "aerial")
    }

    @Test func passiveWithAgent() {
        let d = digest("A smuggling suspect was extradited to Spain by Moroccan authorities on Tuesday.", published: pub)
        #expect(hasEvent(d, "COOPERATE", "MA", "ES"))
    }

    @Test func mobilizationMode() {
        let d = digest("Serbia deployed tanks and artillery near its border with Kosovo on Monday.", published: pub)
        #expect(events(d, "MOBILIZE").first?.mode == "weapons")
    }

    @Test func negationHedgeHistoryAndSchedulesAreNoEvents() {
        let texts = [
            "Chile has not deployed troops to the border with Peru, a ministry spokesman said on Monday.",
            "The Thai government said it would consider a proposal from Malaysia to hold joint patrols.",
            "Peru and Ecuador fought a border war in 1995.",
            "A joint Vietnam-Laos border patrol is scheduled for October.",
            "If a truce is reached, Sudan would allow convoys into Darfur.",
        ]
        for t in texts {
            #expect(digest(t, published: pub).events.isEmpty, "\(t)")
        }
    }

    @Test func protocolIsNoEvent() {
        let d = digest("General Tran Quoc Minh welcomes Lieutenant General Somsak Inthavong of Laos at the guard of honour.", published: pub)
        #expect(d.events.isEmpty)
    }

    @Test func multilateralMeetingMakesOneEventPerPair() {
        let d = digest("Foreign ministers of Chile, Peru and Bolivia convened their annual meeting in Lima on Monday.", published: pub)
        let c = events(d, "CONSULT")
        #expect(c.count == 3)
        #expect(c.allSatisfy { $0.mode == "multilateral" })
    }

    @Test func triggerProvenance() {
        let text = "Ghana recalled its ambassador to Togo on Thursday."
        let d = digest(text, published: pub)
        let e = d.events[0]
        #expect(slice(text, e.trigger.start, e.trigger.end).hasPrefix("recalled"))
        #expect(e.triggerText.hasPrefix("recalled"))
        #expect(e.sentence == 0)
        #expect(e.confidence > 0 && e.confidence <= 1)
    }

    /// The 16 PLOVER event types: every event is one of them.
    static let ploverTypes: Set<String> = [
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT", "THREATEN",
        "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    ]

    /// No trigger, no event: two states and their people doing something that is no PLOVER event get no
    /// event of a default type. (It used to be a text naming one place only, where no event was possible at
    /// all, so the test could not fail.) The control beside it, the same sentence with a trigger verb, shows
    /// that an event is made when there is one.
    @Test func neverADefaultCode() {
        let quiet = digest("Ghana's foreign minister and Togo's foreign minister watched a football match in Accra on Sunday.", published: pub)
        #expect(Set(quiet.countries.map(\.code)).isSuperset(of: ["GH", "TG"]), "both states are read: an event was possible")
        #expect(quiet.events.isEmpty, "\(quiet.events.map { "\($0.type) \($0.source ?? "-")>\($0.target ?? "-") \($0.triggerText)" })")
        let control = digest("Ghana's foreign minister visited Togo on Sunday.", published: pub)
        #expect(hasEvent(control, "CONSULT", "GH", "TG"), "the same states with a trigger make an event")
        // And whatever the text, an event's type is a PLOVER type, never an empty or made-up default.
        for text in [
            "Ghana's foreign minister visited Togo on Sunday.", "Egypt and Jordan signed a defence cooperation agreement in Cairo on Wednesday.",
            "Ghana recalled its ambassador to Togo on Thursday.", "Peru accused Chile of violating its airspace.",
        ] {
            for e in digest(text, published: pub).events {
                #expect(Self.ploverTypes.contains(e.type), "\(e.type) in: \(text)")
            }
        }
    }
}
