import AttacheContracts
import AttacheExtraction
import Testing

@Suite struct CountryTests {
    @Test func namesOfficialFormsAndAdjectives() {
        let d = digest("The Hellenic Republic and the Lao PDR signed a memorandum. Laotian and Vietnamese officers attended, and Viet Nam sent a note.")
        let codes = d.countries.map(\.code)
        #expect(codes == ["GR", "LA", "VN"])
        let la = d.countries.first { $0.code == "LA" }!
        #expect(la.names.contains("Lao PDR"))
        #expect(la.names.contains("Laotian"))
    }

    @Test func diacriticsAreFolded() {
        let d = digest("Việt Nam and Türkiye agreed.")
        #expect(d.countries.map(\.code) == ["TR", "VN"])
    }

    @Test func currencySignIsNotAState() {
        let d = digest("Oil traded at US$ 40 a barrel in Oslo while Norway watched.")
        #expect(d.countries.map(\.code) == ["NO"])
        #expect(d.organizations.isEmpty)
    }

    @Test func seasAndRegionsAreNotStates() {
        let d = digest("Ships sailed in the South China Sea and the Persian Gulf toward the Middle East.")
        #expect(d.countries.isEmpty)
    }

    @Test func capitalsAloneDoNotMentionAState() {
        let d = digest("MOSCOW (AP) — Talks ended without result.")
        #expect(d.countries.isEmpty)
    }

    @Test func abbreviatedStates() {
        let d = digest("U.S. and UK diplomats met UAE envoys. They told us nothing.")
        #expect(d.countries.map(\.code) == ["AE", "GB", "US"])
    }
}
