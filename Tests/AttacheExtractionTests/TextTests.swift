import AttacheContracts
import AttacheExtraction
import Testing

@Suite struct TextTests {
    @Test func abbreviationsDoNotEndSentences() {
        let text = "Lt. Gen. Nguyen Van Hoa met U.S. officials on Tuesday. He said the No. 5 brigade was ready. John F. Kelly agreed."
        let d = digest(text)
        #expect(d.sentences.count == 3)
        #expect(d.sentences[0].text == "Lt. Gen. Nguyen Van Hoa met U.S. officials on Tuesday.")
        #expect(d.sentences[1].text == "He said the No. 5 brigade was ready.")
    }

    @Test func dateHeaderIsItsOwnSentenceAndThePublicationDate() {
        let d = digest("date 2024-05-02\n\nThe ministry said on Monday that talks would resume.")
        #expect(d.published == "2024-05-02")
        #expect(d.sentences.first?.text == "date 2024-05-02")
        #expect(d.sentences.count == 2)
    }

    @Test func inlineDateHeader() {
        let d = digest(" date 2023-11-30 A Thai delegation arrived in Vientiane.")
        #expect(d.published == "2023-11-30")
    }

    @Test func pushedDateWins() {
        let d = digest("date 2024-05-02\n\nNothing happened.", published: "2020-01-01")
        #expect(d.published == "2020-01-01")
    }

    @Test func datelineWithYear() {
        let d = digest("WASHINGTON, March 3, 2021 (Reuters) - The Pentagon said nothing new.")
        #expect(d.published == "2021-03-03")
    }

    @Test func offsetsAreUnicodeScalarOffsets() {
        let text = "Đại tướng Phan Văn Giang đã gặp “Bộ trưởng” — General Phan Văn Giang met Laos’s minister."
        let d = digest(text)
        #expect(d.length == text.unicodeScalars.count)
        for s in d.sentences {
            #expect(slice(text, s.start, s.end) == s.text)
        }
        for c in d.countries {
            for m in c.mentions {
                let surface = slice(text, m.start, m.end)
                #expect(c.names.contains(surface))
            }
        }
        #expect(d.countries.map(\.code).contains("LA"))
    }

    @Test func digestIdentity() {
        let text = "Kenya and Uganda held talks."
        let d = Extractor().digest(DocumentInput(id: "x.txt", text: text))
        #expect(d.doc == "x.txt")
        #expect(d.contentHash == ContentHash.sha256Hex(text))
        #expect(d.length == text.unicodeScalars.count)
    }

    @Test func emptyAndOddInputs() {
        #expect(digest("").sentences.isEmpty)
        #expect(digest("   \n\n  ").persons.isEmpty)
        let d = digest("((((( $$$ --- ... “” ’’ 1,2,3 ")
        #expect(d.events.isEmpty)
    }
}
