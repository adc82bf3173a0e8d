@testable import AttacheContracts
import Foundation
import Testing

@Suite struct LineCodecTests {
    let codec = LineCodec()

    @Test func encodesOneCompactLine() throws {
        let doc = DocumentInput(id: "a/b.txt", text: "line one\nline two \"quoted\"", published: "2024-01-02")
        let line = try self.codec.encodeLine(PushRequest(id: "r1", doc: doc))
        #expect(line.last == 0x0A)
        #expect(line.dropLast().contains(0x0A) == false, "a newline inside the message would break framing")
        let header = try #require(try self.codec.header(of: line.dropLast()))
        #expect(header.type == "push")
        #expect(header.id == "r1")
        let back = try self.codec.decode(PushRequest.self, from: line.dropLast(), id: header.id)
        #expect(back.doc == doc)
    }

    @Test func requestIDsKeepTheirJSONType() throws {
        let numeric = try self.codec.encode(Pong(id: 42))
        #expect(String(decoding: numeric, as: UTF8.self).contains("\"id\":42"))
        let text = try self.codec.encode(Pong(id: "42"))
        #expect(String(decoding: text, as: UTF8.self).contains("\"id\":\"42\""))
    }

    @Test(arguments: [
        ("{not json", ErrorCode.badJSON),
        ("[1,2,3]", ErrorCode.badRequest),
        ("\"just a string\"", ErrorCode.badRequest),
        ("{\"id\":1}", ErrorCode.badRequest),
        ("{\"type\":\"ping\",\"v\":99}", ErrorCode.unsupportedVersion),
    ])
    func badLinesGetStableCodes(line: String, code: ErrorCode) throws {
        do {
            _ = try self.codec.header(of: Data(line.utf8))
            Issue.record("expected \(code) for \(line)")
        } catch {
            #expect(error.code == code)
        }
    }

    @Test func invalidUTF8IsBadJSON() {
        let bytes = Data([0x7B, 0x22, 0x74, 0x79, 0x70, 0x65, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0x22, 0x7D])
        #expect(throws: ErrorReply.self) { try self.codec.header(of: bytes) }
    }

    @Test func blankLinesAreIgnored() throws {
        #expect(try self.codec.header(of: Data()) == nil)
        #expect(try self.codec.header(of: Data("  \r".utf8)) == nil)
    }

    @Test func unknownFieldsAreIgnoredAndMissingOnesNamed() throws {
        let line = Data(#"{"type":"push","id":"x","extra":{"deep":[1,2]},"doc":{"id":"d"}}"#.utf8)
        let header = try #require(try self.codec.header(of: line))
        do {
            _ = try self.codec.decode(PushRequest.self, from: line, id: header.id)
            Issue.record("a push without text must not decode")
        } catch {
            #expect(error.code == .badRequest)
            #expect(error.message.contains("doc.text"))
            #expect(error.id == "x")
        }
    }

    @Test func scoringShapeWritesNulls() throws {
        let digest = Digest(
            doc: "d.txt", contentHash: ContentHash.sha256Hex("x"), length: 1,
            persons: [Person(name: "Ana Lima")], countries: [Country(code: "PT"), Country(code: "BR"), Country(code: "PT")])
        let json = String(decoding: try self.codec.encode(ScoringDigest(digest)), as: UTF8.self)
        #expect(json.contains("\"published\":null"))
        #expect(json.contains("\"country\":null"))
        #expect(json.contains("\"rank\":null"))
        #expect(json.contains("\"countries\":[\"BR\",\"PT\"]"))
    }
}

@Suite struct ContentHashTests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func knownVectors(input: String, expected: String) {
        #expect(ContentHash.sha256Hex(input) == expected)
    }

    @Test func longInputCrossesBlocks() {
        let million = String(repeating: "a", count: 1_000_000)
        #expect(ContentHash.sha256Hex(million) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}

@Suite struct NestingTests {
    @Test func nestingBombIsRefusedBeforeDecoding() {
        let bomb = "{\"type\":\"ping\",\"x\":" + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
        do {
            _ = try LineCodec().header(of: Data(bomb.utf8))
            Issue.record("a nesting bomb must be refused")
        } catch {
            #expect(error.code == .badRequest)
            #expect(error.message.contains("nested"))
        }
    }

    @Test func bracketsInsideStringsDoNotCount() throws {
        let line = "{\"type\":\"ping\",\"id\":\"" + String(repeating: "[{", count: 500) + "\\\"\"}"
        let header = try #require(try LineCodec().header(of: Data(line.utf8)))
        #expect(header.type == "ping")
    }
}

@Suite struct HeaderScannerTests {
    /// The fast path must agree with the full decoder wherever it answers.
    @Test(arguments: [
        #"{"type":"push","id":"r1","doc":{"id":"a","text":"x \"quoted\" {not} [structure]"}}"#,
        #"{ "id" : 42 , "type" : "query" , "v" : 1 , "params" : { "pair" : [ "VN" , "LA" ] } }"#,
        #"{"type":"ping","id":-7}"#,
        #"{"type":"ping","id":null,"v":null}"#,
        #"{"x":[1,2,{"y":"}"}],"type":"extract","id":"e"}"#,
        #"{"type":"ping"}"#,
    ])
    func agreesWithTheDecoder(line: String) throws {
        let data = Data(line.utf8)
        let fast = try #require(data.withUnsafeBytes { HeaderScanner.scan($0) })
        let slow = try JSONDecoder().decode(LineHeader.self, from: data)
        #expect(fast.type == slow.type)
        #expect(fast.id == slow.id)
        #expect(fast.v == slow.v)
    }

    /// Unusual input goes to the full decoder, which gives the precise answer.
    @Test(arguments: [
        #"{"type":"pi\u006eg","id":1}"#,
        #"{"type":"ping","id":1e3}"#,
        #"{"type":"ping","id":99999999999999999999}"#,
        #"{"type":"ping","type":"push"}"#,
        #"{"type":"ping",}"#,
        #"{"type":"ping"} trailing"#,
        #"[{"type":"ping"}]"#,
    ])
    func declinesTheUnusual(line: String) {
        #expect(Data(line.utf8).withUnsafeBytes { HeaderScanner.scan($0) } == nil)
    }

    @Test func syntaxErrorBehindAGoodHeaderIsBadJSON() throws {
        let line = Data(#"{"type":"push","id":"r","doc":{"id":"a","text":oops}}"#.utf8)
        let header = try #require(try LineCodec().header(of: line))
        do {
            _ = try LineCodec().decode(PushRequest.self, from: line, id: header.id)
            Issue.record("must not decode")
        } catch {
            #expect(error.code == .badJSON)
            #expect(error.id == "r")
        }
    }
}

@Suite struct UTF8CheckTests {
    @Test(arguments: [
        "plain ascii, long enough to use the eight-byte path",
        "Phan Văn Giang, Đà Nẵng — “quoted” ‘single’ … €5 𝄞 emoji 🇻🇳",
        "",
    ])
    func acceptsValidText(text: String) {
        #expect(Data(text.utf8).withUnsafeBytes { UTF8Check.isValid($0) })
    }

    @Test(arguments: [
        [0xFF], [0xC3], [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80],
        Array("12345678".utf8) + [0x80],
    ] as [[UInt8]])
    func refusesInvalidSequences(bytes: [UInt8]) {
        #expect(!Data(bytes).withUnsafeBytes { UTF8Check.isValid($0) })
        #expect(String(validating: bytes, as: UTF8.self) == nil, "the reference agrees")
    }
}
