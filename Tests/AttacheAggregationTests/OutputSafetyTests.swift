import AttacheAggregation
import AttacheContracts
import Foundation
import Testing

/// What the store hands out stays inert where it lands: CSV that a spreadsheet opens, GraphML that an
/// XML parser reads, and full-text queries built from whatever a client sends.
@Suite struct OutputSafetyTests {
    /// A document whose actor and recipient words, and a person's name, are spreadsheet formulas or hold
    /// characters XML 1.0 forbids.
    static func hostile() -> DocBuilder {
        var b = DocBuilder(
            "formula.txt", published: "2031-05-01",
            ["Laos and Vietnam met in Vientiane.", "Cambodia and Vietnam signed a pact.", "Laos thanked Cambodia.",
             "Vietnam met Thailand.", "Laos met Thailand."])
        b.country("LA", ["Laos"])
        b.country("VN", ["Vietnam"])
        b.event("CONSULT", "LA", "VN", trigger: "met", actor: "=1+2", recipient: "@SUM(1)")
        b.event("AGREE", "KH", "VN", trigger: "signed", actor: "+cmd|' /C calc'!A0", recipient: "-2+3")
        b.event("PRAISE", "LA", "KH", trigger: "thanked", actor: "\tTab", recipient: "\rReturn")
        b.event("CONSULT", "VN", "TH", trigger: "met Thailand", actor: "Plain, with comma", recipient: "Say \"hi\"")
        b.person("Bad\u{1}Name\u{FFFE}", country: "LA")
        b.person("Vientiane", country: "LA")
        return b
    }

    @Test func csvNeverStartsACellWithAFormula() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let store = try tmp.open()
        _ = try await store.store(Self.hostile().digest())
        let csv = try #require(try await store.query(.export, QueryParams(format: "csv")).export).data
        for formula in ["=1+2", "@SUM(1)", "+cmd|' /C calc'!A0", "-2+3", "\tTab", "\rReturn"] {
            let quoted = "\"'" + formula.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            #expect(csv.contains(quoted), "\(formula.debugDescription) must be written as \(quoted.debugDescription): \(csv)")
        }
        // Every cell of every row: none starts with a character a spreadsheet would execute.
        for line in csv.components(separatedBy: "\r\n").dropFirst() where !line.isEmpty {
            for cell in Self.csvCells(line) {
                #expect(cell.first.map { !"=+-@\t\r".contains($0) } ?? true, "cell \(cell.debugDescription) in \(line.debugDescription)")
            }
        }
        #expect(csv.contains("\"Plain, with comma\""))
        #expect(csv.contains("\"Say \"\"hi\"\"\""))
    }

    /// The cells of one CSV line (RFC 4180 quoting), unquoted.
    static func csvCells(_ line: String) -> [String] {
        var cells: [String] = []
        var cell = ""
        var quoted = false
        var chars = Array(line)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" {
                        cell.append("\"")
                        chars.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    cell.append(c)
                }
            } else if c == "\"" {
                quoted = true
            } else if c == "," {
                cells.append(cell)
                cell = ""
            } else {
                cell.append(c)
            }
        }
        cells.append(cell)
        return cells
    }

    @Test func graphmlHoldsOnlyCharactersXMLAllows() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let store = try tmp.open()
        _ = try await store.store(Self.hostile().digest())
        let graphml = try #require(try await store.query(.export, QueryParams(format: "graphml", graph: "actors")).export).data
        let forbidden = graphml.unicodeScalars.filter { s in
            let v = s.value
            let allowed = v == 0x9 || v == 0xA || v == 0xD || (0x20...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v)
                || (0x10000...0x10FFFF).contains(v)
            return !allowed
        }
        #expect(forbidden.isEmpty, "GraphML holds characters XML 1.0 forbids: \(forbidden.map { String($0.value, radix: 16) })")
        #expect(graphml.contains("BadName"), "the name is kept, less the forbidden characters")
        let dot = try #require(try await store.query(.export, QueryParams(format: "dot", graph: "actors")).export).data
        #expect(!dot.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, "\(dot.debugDescription)")
    }

    @Test func controlCharactersInFullTextQueriesAreBadRequests() async throws {
        let tmp = try TempStore()
        defer { tmp.cleanup() }
        let store = try tmp.open()
        _ = try await store.store(Self.hostile().digest())
        for text in ["met\u{0}", "\u{0}", "me\u{1}t", "met \u{7F}", "\u{1B}[31m", "met\u{85}"] {
            for kind in [QueryKind.search, .events] {
                do {
                    _ = try await store.query(kind, QueryParams(text: text))
                    Issue.record("\(kind) \(text.debugDescription) was answered")
                } catch let error as ErrorReply {
                    #expect(error.code == .badRequest, "\(kind) \(text.debugDescription): \(error)")
                }
            }
        }
        // FTS5 syntax characters are words' edges, never query syntax.
        for text in ["met\"", "NEAR(met", "met OR", "^met", "met:*", "(", "-met", "{met}"] {
            do {
                _ = try await store.query(.search, QueryParams(text: text))
            } catch let error as ErrorReply {
                #expect(error.code == .badRequest, "\(text.debugDescription): \(error)")
            }
        }
    }
}
