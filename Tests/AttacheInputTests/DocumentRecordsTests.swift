import AttacheContracts
import Foundation
import Testing

@testable import AttacheInput

@Suite struct DocumentRecordsTests {
    static func read(_ json: String, label: String = "crawl.jsonl:1") -> RecordResult {
        DocumentRecords.jsonRecord(Array(json.utf8), label: label)
    }

    static func document(_ json: String, label: String = "crawl.jsonl:1") throws -> DocumentInput {
        guard case .document(let d) = Self.read(json, label: label) else {
            Issue.record("refused: \(Self.read(json, label: label))")
            throw CancellationError()
        }
        return d
    }

    static func reason(_ json: String) -> String? {
        if case .refused(let r) = Self.read(json) { return r.reason }
        return nil
    }

    @Test func newsPleaseRecord() throws {
        let d = try Self.document("""
            {"authors": ["A. Writer"], "date_download": "2025-05-15 01:00:00", "date_modify": "None",
             "date_publish": "2025-05-14 08:15:00", "description": "Lead.", "filename": "x.json", "image_url": null,
             "language": "en", "localpath": null, "maintext": "The minister arrived on Tuesday.",
             "source_domain": "news.example.org", "title": "Harbour talks", "title_page": null, "title_rss": "None",
             "url": "https://news.example.org/world/harbour-talks"}
            """)
        #expect(d == DocumentInput(
            id: "https://news.example.org/world/harbour-talks", text: "The minister arrived on Tuesday.", published: "2025-05-14",
            source: "news.example.org", title: "Harbour talks", url: "https://news.example.org/world/harbour-talks"))
    }

    @Test func aliases() throws {
        let d = try Self.document("""
            {"id": 42, "content": "Body text.", "pub_date": "Wed, 14 May 2025 09:30:00 GMT", "source": {"id": null, "name": "Wire"},
             "headline": "Head", "link": "https://a.example/x"}
            """)
        #expect(d.id == "42" && d.text == "Body text." && d.published == "2025-05-14" && d.source == "Wire")
        #expect(d.title == "Head" && d.url == "https://a.example/x")
        // the first alias with text wins; blank ones do not count
        let t = try Self.document(#"{"maintext": null, "text": "  ", "body": "From body.", "date": 1747215000}"#)
        #expect(t.text == "From body." && t.published == "2025-05-14")
        #expect(t.id == "crawl.jsonl:1", "no id and no url: file and line")
    }

    @Test(arguments: ["None", "", "not a date", "2025-02-30"])
    func unreadableDatesAreNull(_ raw: String) throws {
        let d = try Self.document(#"{"text": "T.", "date_publish": "\#(raw)", "title": "None"}"#)
        #expect(d.published == nil)
        #expect(d.title == nil)
    }

    @Test func aLaterDateAliasIsReadWhenTheFirstIsNot() throws {
        #expect(try Self.document(#"{"text": "T.", "date_publish": "None", "published": "2025-05-14"}"#).published == "2025-05-14")
    }

    @Test func refusalsSayWhy() {
        #expect(Self.reason(#"{"title": "Only a title", "maintext": null}"#) == "no text: none of maintext, text, content, body holds any")
        #expect(Self.reason(#"{"text": 12}"#)?.hasPrefix("no text") == true)
        #expect(Self.reason("[1, 2]") == "not a JSON object")
        #expect(Self.reason("{\"text\": \"unterminated") == "not valid JSON")
        #expect(Self.reason(#"{"text": "T.", "id": {"a": 1}}"#) == "id is neither a string nor an integer")
        #expect(Self.reason(#"{"text": "T.", "id": "\#(String(repeating: "x", count: 600))"}"#) == "id is 600 bytes, more than 512")
        #expect(Self.reason(#"{"text": "T.", "title": "\#(String(repeating: "t", count: 3000))"}"#) == "title is 3000 bytes, more than 2048")
        let big = String(repeating: "a", count: DocumentRecords.maxTextBytes + 1)
        #expect(Self.reason(#"{"text": "\#(big)"}"#) == "text is \(DocumentRecords.maxTextBytes + 1) bytes, more than the \(DocumentRecords.maxTextBytes) a document may have")
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        #expect(Self.reason(#"{"text": "T.", "x": \#(deep)}"#) == "nested deeper than 64 levels")
        #expect(Self.reason(#"{"text": "[[[[ in a string is no nesting \" {{{{", "x": [[1]]}"#) == nil)
    }

    @Test func aLongURLIsNoID() throws {
        let url = "https://a.example/" + String(repeating: "p", count: 600)
        let d = try Self.document(#"{"text": "T.", "url": "\#(url)"}"#, label: "f.jsonl:7")
        #expect(d.id == "f.jsonl:7" && d.url == url)
    }

    @Test func jsonFiles() {
        let one = DocumentRecords.jsonFile(Array(#"{"maintext": "One."}"#.utf8), name: "a.json")
        #expect(one == [.document(DocumentInput(id: "a.json", text: "One."))])
        let many = DocumentRecords.jsonFile(Array(#"[{"maintext": "One."}, {"maintext": ""}, 3]"#.utf8), name: "b.json")
        #expect(many.count == 3)
        #expect(many[0] == .document(DocumentInput(id: "b.json:1", text: "One.")))
        #expect(many[1] == .refused(RecordRefusal(record: "b.json:2", reason: "no text: none of maintext, text, content, body holds any")))
        #expect(many[2] == .refused(RecordRefusal(record: "b.json:3", reason: "not a JSON object")))
        #expect(DocumentRecords.jsonFile(Array("7".utf8), name: "c.json")
            == [.refused(RecordRefusal(record: "c.json", reason: "neither a JSON object nor an array of objects"))])
    }

    @Test func htmlPages() {
        let html = """
            <html><head><title>Talks</title><link rel="canonical" href="https://News.Example.org/a?b=1"></head>
            <body><article><p>Text of the page.</p></article></body></html>
            """
        #expect(DocumentRecords.htmlPage(Array(html.utf8), name: "p.html") == .document(DocumentInput(
            id: "https://News.Example.org/a?b=1", text: "Text of the page.", source: "news.example.org", title: "Talks",
            url: "https://News.Example.org/a?b=1")))
        #expect(DocumentRecords.htmlPage(Array("<nav>only a menu</nav>".utf8), name: "q.html")
            == .refused(RecordRefusal(record: "q.html", reason: "no text: the page has no article text")))
    }

    @Test func linesAreSplitWithABound() {
        var splitter = LineSplitter(maxLineBytes: 8)
        var lines = splitter.feed(Array("\u{FEFF}sh\r\nexactly8\nmuch too long\n".utf8))
        lines += splitter.feed(Array("\nlast".utf8))
        if let last = splitter.finish() { lines.append(last) }
        #expect(lines.map(\.number) == [1, 2, 3, 4, 5])
        #expect(lines.map(\.line) == [
            .bytes(Array("sh".utf8)), .bytes(Array("exactly8".utf8)), .tooLong(13), .bytes([]), .bytes(Array("last".utf8)),
        ])
        #expect(splitter.finish() == nil)
        #expect(DocumentRecords.jsonLine(.bytes([]), number: 4, name: "f") == nil, "a blank line is no record")
        #expect(DocumentRecords.jsonLine(.tooLong(13), number: 3, name: "f")
            == .refused(RecordRefusal(record: "f:3", reason: "line is 13 bytes, more than \(DocumentRecords.maxRecordBytes)")))
    }

    @Test func hosts() {
        #expect(DocumentRecords.host("https://user@www.Example.com:8443/path") == "www.example.com")
        #expect(DocumentRecords.host("not a url") == nil)
    }
}
