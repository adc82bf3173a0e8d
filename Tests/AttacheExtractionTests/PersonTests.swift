import AttacheContracts
import AttacheExtraction
import Testing

@Suite struct PersonTests {
    @Test func rankAbbreviationsAreSpelledOut() {
        let d = digest("Lt. Gen. Nguyen Van Hoa, Deputy Defence Minister of Viet Nam, met U.S. officials on Tuesday.")
        let p = person(d, "Nguyen Van Hoa")
        #expect(p?.rank == "Lieutenant General")
        #expect(p?.country == "VN")
        #expect(p?.roles == ["Deputy Defence Minister of Viet Nam"])
    }

    @Test func ranksAcrossTraditions() {
        let d = digest("Police Major General Arun Suksawat spoke after Air Chief Marshal Prasert Wongchai and Senior Colonel Li Wei. Rear Admiral Hiroshi Tanabe of Japan and Maj. Gen. Omar Haddad listened.")
        #expect(person(d, "Arun Suksawat")?.rank == "Police Major General")
        #expect(person(d, "Prasert Wongchai")?.rank == "Air Chief Marshal")
        #expect(person(d, "Li Wei")?.rank == "Senior Colonel")
        #expect(person(d, "Hiroshi Tanabe")?.rank == "Rear Admiral")
        #expect(person(d, "Hiroshi Tanabe")?.country == "JP")
        #expect(person(d, "Omar Haddad")?.rank == "Major General")
        #expect(d.organizations.isEmpty)
    }

    @Test func shortFormsLinkToTheFullName() {
        let d = digest("Senior Colonel Somchai Keomany, military attaché of the Lao Embassy in Bangkok, arrived. Colonel Keomany said Keomany would stay.")
        #expect(d.persons.count == 1)
        let p = d.persons[0]
        #expect(p.name == "Somchai Keomany")
        #expect(p.aliases.contains("Keomany"))
        #expect(p.country == "LA")
        #expect(p.rank == "Senior Colonel")
        #expect(p.mentions.count >= 3)
    }

    @Test func diacriticFormsAreOnePerson() {
        let d = digest("General Phan Văn Giang arrived. General Phan Van Giang then left for Hanoi.")
        #expect(d.persons.count == 1)
    }

    @Test func titleAppositionAndAdjectiveGiveTheState() {
        let text = "Kenya's Minister of Defence, Amina Otieno, met her Ugandan counterpart, Peter Okello, and Tanzanian President Samia Mwinyi."
        let d = digest(text)
        #expect(person(d, "Amina Otieno")?.country == "KE")
        #expect(person(d, "Peter Okello")?.country == "UG")
        #expect(person(d, "Samia Mwinyi")?.country == "TZ")
        #expect(person(d, "Samia Mwinyi")?.roles.contains("Tanzanian President") == true)
    }

    @Test func appositionAfterTheName() {
        let d = digest("The delegation was led by Karim Benali, a senior official of the Algerian Ministry of Foreign Affairs.")
        #expect(person(d, "Karim Benali")?.country == "DZ")
    }

    @Test func creditsAreNamedPersons() {
        let d = digest("Ships sailed home.\nTranslated by Lan Anh\nPhoto by Ricardo Gomez/EPA")
        #expect(person(d, "Lan Anh") != nil)
        #expect(person(d, "Ricardo Gomez") != nil)
    }

    @Test func placesAndBodiesAreNotPersons() {
        let d = digest("Fans gathered at Hard Rock Stadium near Kampong Cham Province while the Binh Duong Club trained.")
        #expect(d.persons.isEmpty)
    }

    @Test func mentionsCarryProvenance() {
        let text = "Ambassador Maria Lopez of Chile met reporters. Lopez smiled."
        let d = digest(text)
        let p = person(d, "Maria Lopez")!
        for m in p.mentions {
            let s = slice(text, m.start, m.end)
            #expect(s == "Maria Lopez" || s == "Lopez")
            #expect(d.sentences[m.sentence].start <= m.start && m.end <= d.sentences[m.sentence].end)
        }
        #expect(p.country == "CL")
        #expect(p.rank == nil)  // an ambassador is not a rank
    }
}
