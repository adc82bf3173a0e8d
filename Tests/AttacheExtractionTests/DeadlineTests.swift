import AttacheContracts
import AttacheExtraction
import Testing

/// The extraction time budget: past its deadline a document is still digested, with what the stages
/// before found and a warning; within it, the digest is the same as without one.
@Suite struct DeadlineTests {
    static let story = """
        date 2025-02-11

        HANOI, Feb. 11 - Vietnamese Defence Minister Phan Tuan Long met Lao Deputy Defence Minister Khamsing \
        Vongphet in Hanoi on Tuesday. The two sides signed a memorandum on border patrols.
        """

    @Test func aGenerousBudgetChangesNothing() {
        let doc = DocumentInput(id: "story.txt", text: Self.story)
        let plain = Extractor().digest(doc)
        let timed = Extractor().digest(doc, deadline: ExtractionDeadline(budget: .seconds(60), clock: ContinuousClock()))
        #expect(timed == plain)
        #expect(timed.warnings == nil)
        #expect(!timed.events.isEmpty)
    }

    @Test func aSpentBudgetGivesTheTextAndAWarningNotAStall() {
        // a long invented document: the same story forty times over, a few hundred sentences
        let text = Array(repeating: Self.story, count: 40).joined(separator: "\n\n")
        let doc = DocumentInput(id: "long.txt", text: text)
        let start = ContinuousClock.now
        let cut = Extractor().digest(doc, deadline: ExtractionDeadline(budget: .zero, clock: ContinuousClock()))
        let plain = Extractor().digest(doc)
        #expect(ContinuousClock.now - start < .seconds(30))
        // the text is read (sentences, states), the stages after the deadline are skipped
        #expect(cut.sentences.count == plain.sentences.count)
        #expect(cut.countries == plain.countries)
        #expect(cut.contentHash == plain.contentHash)
        #expect(cut.events.isEmpty && !plain.events.isEmpty)
        #expect(cut.persons.isEmpty && !plain.persons.isEmpty)
        let warning = cut.warnings?.first { $0.contains("max_extract_ms") }
        #expect(warning?.contains("0 ms") == true, "\(cut.warnings ?? [])")
        #expect(warning?.contains("before persons") == true, "\(cut.warnings ?? [])")
    }
}
