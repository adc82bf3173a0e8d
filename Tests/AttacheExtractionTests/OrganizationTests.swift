import AttacheContracts
import AttacheExtraction
import Testing

@Suite struct OrganizationTests {
    @Test func acronymInParentheses() {
        let d = digest("The Kenya Defence Forces (KDF) deployed troops near the border on Monday. A KDF spokesman confirmed the move.")
        let o = organization(d, "KDF")
        #expect(o?.name == "Kenya Defence Forces")
        #expect(o?.country == "KE")
        #expect(d.organizations.count == 1)
    }

    @Test func acronymMatchingInitialsElsewhere() {
        let d = digest("The Malaysian People's Navy held a parade. Later the MPN said the ships were ready.")
        let o = organization(d, "MPN")
        #expect(o?.name == "Malaysian People's Navy")
        #expect(o?.country == "MY")
    }

    @Test func economicAcronymsAreNotBodies() {
        let d = digest("date 2024-03-15\n\nThe economy grew, and gross domestic product (GDP) per capita rose. GDP growth slowed in the third quarter.")
        #expect(d.organizations.isEmpty)
    }

    @Test func countryQualifiedNamesKeepShortFormsAsAliases() {
        let d = digest("The Chilean Ministry of National Defence said the Ministry of National Defence would reply. The Peruvian foreign ministry agreed.")
        let o = organization(d, "Chilean Ministry of National Defence")
        #expect(o?.country == "CL")
        #expect(o?.aliases.contains("Ministry of National Defence") == true)
        #expect(organization(d, "Peruvian foreign ministry")?.country == "PE")
    }

    @Test func internationalBodiesAndAgencies() {
        let d = digest("NATO and ASEAN officials met, AFP and Xinhua reported, citing the IAEA.")
        #expect(organization(d, "NATO")?.country == nil)
        #expect(organization(d, "ASEAN")?.country == nil)
        #expect(organization(d, "IAEA")?.country == nil)
        #expect(organization(d, "AFP")?.country == "FR")
        #expect(organization(d, "Xinhua")?.country == "CN")
    }

    @Test func embassiesAndDomains() {
        let d = digest("KYIV. 3 May. NEWS.UA/ The Swedish Embassy in Kyiv reopened. The Swedish Embassy said staff were safe.")
        #expect(organization(d, "Swedish Embassy in Kyiv")?.country == "SE")
        #expect(organization(d, "NEWS.UA")?.country == "UA")
    }

    @Test func genericPhrasesAreNotBodies() {
        let d = digest("The two militaries and the Party and State of Vietnam praised the Government of Laos.")
        #expect(d.organizations.isEmpty)
    }
}
