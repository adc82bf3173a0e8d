import AttacheContracts
import AttacheExtraction
import Foundation
import Testing

/// The two seed documents shipped in `seeds/`: the facts a reader checks first.
@Suite struct SeedTests {
    func seed(_ name: String) throws -> Digest {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("seeds").appendingPathComponent(name)
        let text = try String(contentsOf: url, encoding: .utf8)
        return Extractor().digest(DocumentInput(id: name, text: text))
    }

    @Test func laoDeputyMinisterVisitsVietnam() throws {
        let d = try seed("000_7633c3f53b9a73ab.txt")
        #expect(d.published == nil)
        #expect(d.countries.map(\.code).contains("VN"))
        #expect(d.countries.map(\.code).contains("LA"))
        let guest = person(d, "Thongloi Silivong")
        #expect(guest?.country == "LA")
        #expect(guest?.rank == "Senior Lieutenant General")
        let host = person(d, "Luong Cuong")
        #expect(host?.country == "VN")
        #expect(host?.rank == "General")
        #expect(host?.aliases.contains("Cuong") == true)
        #expect(d.events.contains { $0.type == "CONSULT" && $0.mode == "visit" && $0.source == "LA" && $0.target == "VN" })
        #expect(d.events.contains { $0.type == "AGREE" && Set([$0.source, $0.target]) == Set(["VN", "LA"]) })
        #expect(organization(d, "ASEAN")?.country == nil)
        #expect(organization(d, "Vietnamese Ministry of National Defense")?.country == "VN")
        #expect(organization(d, "Lao Ministry of Defense")?.country == "LA")
        // no event from the background history of the two countries
        #expect(!d.events.contains { $0.type == "SUPPORT" && d.sentences[$0.sentence].text.contains("struggle for independence") })
    }

    @Test func vietnameseDelegationVisitsLaos() throws {
        let d = try seed("004_ab2700ab582e3f15.txt")
        #expect(d.published == "2024-08-29")
        #expect(d.countries.map(\.code) == ["LA", "VN"])
        let quyet = person(d, "Trinh Van Quyet")
        #expect(quyet?.country == "VN")
        #expect(quyet?.aliases.contains("Quyet") == true)
        #expect(person(d, "Chansamone Chanyalath")?.country == "LA")
        #expect(person(d, "Chansamone Chanyalath")?.rank == "General")
        #expect(person(d, "Luong Tam Quang")?.country == "VN")
        #expect(person(d, "Vilay Lakhamphong")?.country == "LA")
        let visit = d.events.first { $0.type == "CONSULT" && $0.mode == "visit" }
        #expect(visit?.source == "VN")
        #expect(visit?.target == "LA")
        #expect(visit?.date == "2024-08-26")
        #expect(d.events.contains { $0.type == "AID" && $0.source == "VN" && $0.target == "LA" })
        #expect(d.quantities.contains { $0.value == 5 && $0.unit == "vehicles" })
        #expect(organization(d, "Vietnam People’s Army")?.country == "VN")
        // the exchange "scheduled for October" is not an event
        #expect(!d.events.contains { d.sentences[$0.sentence].text.contains("scheduled for October") })
    }
}
