import Testing

@testable import AttacheInput

@Suite struct PublishedDateTests {
    @Test(arguments: [
        ("2025-05-14", "2025-05-14"),
        ("2025-05-14 09:30:00", "2025-05-14"),
        ("2025-05-14T23:30:00-05:00", "2025-05-14"),
        ("2025-5-4", "2025-05-04"),
        ("2025/05/14", "2025-05-14"),
        ("20250514", "2025-05-14"),
        ("20250514T093000Z", "2025-05-14"),
        ("Wed, 14 May 2025 09:30:00 GMT", "2025-05-14"),
        ("May 14, 2025", "2025-05-14"),
        ("14 May 2025", "2025-05-14"),
        ("14th of May, 2025 9:30 am", "2025-05-14"),
        ("Sept. 3, 2024", "2024-09-03"),
        ("14.05.2025", "2025-05-14"),
        ("14/05/2025", "2025-05-14"),
        ("05/14/2025", "2025-05-14"),
        ("1747215000", "2025-05-14"),
        ("1747215000000", "2025-05-14"),
        ("  2024-02-29  ", "2024-02-29"),
    ])
    func readsWhatCrawlersWrite(_ raw: String, _ iso: String) {
        #expect(PublishedDate.normalise(raw) == iso, "\(raw)")
    }

    @Test(arguments: [
        "None", "none", "null", "", "   ", "-", "yesterday", "2025-13-01", "2023-02-29", "2025-05-32", "05/06/2025",
        "May 2025", "14 Mai 2025", "123", "2025-05-14123", String(repeating: "2025-05-14 ", count: 20),
    ])
    func nullWhenItCannotBeRead(_ raw: String) {
        #expect(PublishedDate.normalise(raw) == nil, "\(raw)")
    }

    @Test func epochNumbers() {
        #expect(PublishedDate.normalise(epoch: 1_747_215_000) == "2025-05-14")
        #expect(PublishedDate.normalise(epoch: 1_747_215_000_000) == "2025-05-14")
        #expect(PublishedDate.normalise(epoch: 0) == nil)
        #expect(PublishedDate.normalise(epoch: 1) == nil, "a boolean is no date")
        #expect(PublishedDate.normalise(epoch: .infinity) == nil)
        #expect(PublishedDate.civil(days: 0) == "1970-01-01")
        #expect(PublishedDate.civil(days: 11_016) == "2000-02-29")
    }
}
