import AttacheContracts
import AttacheExtraction
import Testing

/// Token soup from a deterministic generator: the extractor must never trap, and every span must
/// stay inside the text.
@Suite struct RobustnessTests {
    struct SplitMix {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(n))
        }
    }

    static let pool = [
        "Lt.", "Gen.", "U.S.", "US$", "No.", "(", ")", "“", "”", "’s", "'", "-", "--", "—", ",", ".", ";", ":", "?", "\n",
        "date", "2024-08-29", "26-28", "August", "Monday", "visited", "Laos", "Lao", "General", "Senior", "Colonel",
        "Nguyen", "Van", "Ministry", "of", "Defense", "the", "and", "signed", "agreement", "between", "by", "was",
        "summoned", "ambassador", "recalled", "(VPA)", "VPA", "GDPs", "$", "10", "million", "five", "Đại", "Việt", "🇻🇳",
        "\u{0301}", "\u{200B}", "A", "REPORT.AZ/", "p.m.", "bin", "Ministers'", "3rd", "(Eagle)", "if", "not", "killed",
        "who", "is", "on", "a", "visit", "to", "India", "Chief", "said", "ABC", "(", "Kyiv", "Chinese",
    ]

    @Test func tokenSoupNeverTraps() {
        var rng = SplitMix(state: 42)
        let extractor = Extractor()
        for n in 0..<400 {
            var text = n % 10 == 0 ? "date 2024-01-05 " : ""
            for _ in 0..<rng.next(150) {
                text += Self.pool[rng.next(Self.pool.count)]
                if rng.next(4) != 0 { text += " " }
            }
            let d = extractor.digest(DocumentInput(id: "soup\(n)", text: text))
            let length = text.unicodeScalars.count
            #expect(d.length == length)
            for s in d.sentences { #expect(s.start >= 0 && s.start <= s.end && s.end <= length) }
            for p in d.persons { for m in p.mentions { #expect(m.start < m.end && m.end <= length) } }
            for o in d.organizations { for m in o.mentions { #expect(m.start < m.end && m.end <= length) } }
            for e in d.events { #expect(e.trigger.end <= length && e.sentence < d.sentences.count) }
        }
    }
}

/// Inputs the fuzzer (scripts/fuzz.sh) found, kept as regressions.
@Suite struct FuzzRegressionTests {
    @Test func longDigitRunsWhereADayCouldBeAreNoDate() {
        let text = "date 2024-08-29\nA delegation visited Laos from 26-" + String(repeating: "9", count: 40)
            + " August and signed an agreement on 123456789012345678901234567890 September."
        let digest = Extractor().digest(DocumentInput(id: "digits.txt", text: text))
        #expect(digest.length == text.unicodeScalars.count)
        #expect(digest.dates.allSatisfy { $0.value?.count ?? 0 <= 10 })
    }
}

/// The work one document costs is bounded (ExtractionLimits): a run-on sentence of triggers after thirty
/// state names ends in a digest within the limits and says what it left out.
@Suite(.timeLimit(.minutes(1))) struct ExtractionWorkLimitTests {
    @Test func aRunOnSentenceOfTriggersStaysWithinTheLimits() {
        let states = ["Kenya", "Ghana", "Peru", "Chile", "Japan", "Brazil", "Mexico", "Egypt", "Greece", "Norway",
                      "Sweden", "Finland", "Denmark", "Austria", "Hungary", "Romania", "Nigeria", "Senegal", "Vietnam", "Laos",
                      "Poland", "Spain", "Italy", "France", "Germany", "India", "China", "Iran", "Iraq", "Turkey"]
        let text = "date 2025-03-14\n\n" + states.joined(separator: ", ") + " " + Array(repeating: "met", count: 20_000).joined(separator: " ") + ".\n"
        let d = digest(text)
        #expect(!d.events.isEmpty)
        #expect(d.events.count <= ExtractionLimits.maxEventsPerTrigger)
        #expect(d.events.allSatisfy { $0.actors.count <= ExtractionLimits.maxParticipantsPerSide })
        #expect(d.warnings?.contains { $0.contains("triggers of a sentence") } == true)
        #expect(d.sentences.allSatisfy { s in s.text.split(separator: " ").count <= ExtractionLimits.maxSentenceTokens })
    }

    @Test func anOrdinaryStoryHasNoWarnings() {
        let d = digest("Kenya and Ghana held talks in Nairobi on Monday and agreed to expand trade.", published: "2025-03-14")
        #expect(d.warnings == nil)
    }
}
