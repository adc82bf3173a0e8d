import AttacheContracts
import AttacheExtraction
import Testing

@Suite struct DateQuantityTests {
    @Test func rangesAndPartialDates() {
        let d = digest("date 2024-03-15\n\nThe delegation visited Angola from 11-13 March and returned in April 2023.")
        let range = d.dates.first { $0.text == "11-13 March" }
        #expect(range?.value == "2024-03-11")
        #expect(range?.end == "2024-03-13")
        #expect(d.dates.contains { $0.text == "April 2023" && $0.value == "2023-04" })
    }

    @Test func fullDatesAndWeekdays() {
        let d = digest("date 2024-03-15\n\nThe summit of September 6, 2023 was recalled on Monday and on Friday.")
        #expect(d.dates.contains { $0.value == "2023-09-06" })
        // 2024-03-15 is a Friday: "Monday" is the 11th, "Friday" the 15th
        #expect(d.dates.contains { $0.text == "Monday" && $0.value == "2024-03-11" })
        #expect(d.dates.contains { $0.text == "Friday" && $0.value == "2024-03-15" })
    }

    @Test func weekdaysWithoutAPublicationDateStayOpen() {
        let d = digest("Talks resumed on Monday.")
        #expect(d.dates.first?.value == nil)
    }

    @Test func quantitiesWithTheirObject() {
        let d = digest("date 2024-03-15\n\nNorway donated $10 million and five vehicles, and the ministries organized around 30 big activities.")
        #expect(d.quantities.contains { $0.value == 10_000_000 && $0.unit == "USD" })
        #expect(d.quantities.contains { $0.value == 5 && $0.unit == "vehicles" })
        #expect(d.quantities.contains { $0.value == 30 && $0.unit == "big activities" && $0.text == "around 30 big activities" })
        // dates are not quantities
        #expect(!d.quantities.contains { $0.value == 2024 })
    }
}
