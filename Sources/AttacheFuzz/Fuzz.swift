import AttacheContracts
import AttacheExtraction
import AttacheFraming
import Foundation
import NIOCore
import NIOEmbedded

/// One fuzz input. The first byte picks the target:
/// - even: the bytes are a stream for the line decoder (fed in chunks whose sizes come from the
///   input), and every line goes through the message codec as the servers use it (digest lines
///   through both the byte-level and Foundation's decoders, which must agree);
/// - odd: the rest is a document (UTF-8, invalid sequences repaired) for the extractor, whose
///   digest must satisfy its invariants.
/// Any invariant violation traps, which libFuzzer reports with the input.
func fuzzOne(_ data: [UInt8]) {
    guard let selector = data.first else { return }
    let body = Array(data.dropFirst())
    if selector & 1 == 0 {
        fuzzLines(body, chunk: Int(selector >> 1) + 1)
    } else {
        fuzzExtractor(body)
    }
}

let maxLine = 512
let codec = LineCodec()
let extractor = Extractor()

func fuzzLines(_ bytes: [UInt8], chunk: Int) {
    let channel = EmbeddedChannel()
    do {
        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LineFrameDecoder(maxLineBytes: maxLine)))
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + chunk)
            try channel.writeInbound(ByteBuffer(bytes: bytes[offset..<end]))
            offset = end
            drain(channel)
        }
        _ = try channel.finish(acceptAlreadyClosed: true)
        drain(channel)
    } catch {
        // The decoder itself never throws; the embedded channel may report a closed channel at the end.
    }
}

func drain(_ channel: EmbeddedChannel) {
    while let frame = try? channel.readInbound(as: LineFrame.self) {
        guard case .line(let buffer) = frame else { continue }
        precondition(buffer.readableBytes <= maxLine, "a line longer than the limit escaped the decoder")
        precondition(!buffer.readableBytesView.contains(0x0A), "a line contains a newline")
        let line = Data(buffer.readableBytesView)
        guard let header = try? codec.header(of: line) else { continue }
        switch header.type {
        case PushRequest.type: _ = try? codec.decode(PushRequest.self, from: line, id: header.id)
        case ExtractRequest.type: _ = try? codec.decode(ExtractRequest.self, from: line, id: header.id)
        case DigestMessage.type: compareDigestDecoders(line, id: header.id)
        case QueryRequest.type: _ = try? codec.decode(QueryRequest.self, from: line, id: header.id)
        default: _ = try? codec.decode(Ping.self, from: line, id: header.id)
        }
    }
}

/// The byte-level digest decoder (``DigestJSON``, behind `LineCodec.decode`) against Foundation's:
/// both succeed with equal values, or both fail. The one difference allowed is documented: the
/// fast decoder also checks the values of unknown keys, so it alone may refuse a line, but only
/// one that is not valid JSON. What it decodes must survive its own encoder and Foundation's decoder.
func compareDigestDecoders(_ line: Data, id: RequestID?) {
    // Foundation reads a line starting with zero bytes as UTF-16 or UTF-32; the protocol is UTF-8.
    if line.prefix(4).contains(0) { return }
    let fast = Result { () throws(ErrorReply) in try codec.decode(DigestMessage.self, from: line, id: id) }
    let slow = Result { () throws(ErrorReply) in try codec.foundationDecode(DigestMessage.self, from: line, id: id) }
    switch (fast, slow) {
    case (.success(let a), .success(let b)):
        precondition(a == b, "the fast and Foundation decoders read different digests")
        let again = try! codec.encode(a)
        precondition(!again.contains(0x0A), "encoded digest contains a newline")
        precondition(try! codec.foundationDecode(DigestMessage.self, from: again, id: id) == a, "re-encoded digest changed")
    case (.failure(let e), .failure(let f)):
        precondition(e.id == id && f.id == id, "an error lost the request id")
    case (.success, .failure(let error)):
        preconditionFailure("only Foundation refuses the line: \(error.message)")
    case (.failure(let error), .success):
        precondition(
            (try? JSONSerialization.jsonObject(with: line)) == nil && error.code == .badJSON,
            "only the fast decoder refuses a valid JSON line: \(error.message)")
    }
}

func fuzzExtractor(_ bytes: [UInt8]) {
    let text = String(decoding: bytes, as: UTF8.self)
    let digest = extractor.digest(DocumentInput(id: "fuzz.txt", text: text))
    let length = text.unicodeScalars.count
    precondition(digest.length == length, "length \(digest.length) != \(length)")
    func check(_ span: Span, _ what: String) {
        precondition(span.start >= 0 && span.start <= span.end && span.end <= length, "\(what) span \(span) out of bounds")
        precondition(span.sentence >= 0 && span.sentence < max(1, digest.sentences.count), "\(what) sentence \(span.sentence)")
    }
    var previousEnd = 0
    for (i, sentence) in digest.sentences.enumerated() {
        precondition(sentence.index == i, "sentence indices must be 0, 1, 2…")
        precondition(sentence.start >= previousEnd && sentence.start <= sentence.end && sentence.end <= length, "sentence \(i) bounds")
        previousEnd = sentence.end
    }
    for person in digest.persons {
        precondition(!person.name.isEmpty, "empty person name")
        person.mentions.forEach { check($0, "person") }
    }
    for organization in digest.organizations {
        precondition(!organization.name.isEmpty, "empty organization name")
        organization.mentions.forEach { check($0, "organization") }
    }
    for country in digest.countries {
        precondition(country.code.count == 2 && country.code.allSatisfy(\.isUppercase), "bad country code \(country.code)")
        country.mentions.forEach { check($0, "country") }
    }
    digest.dates.forEach { check($0.span, "date") }
    digest.quantities.forEach { check($0.span, "quantity") }
    for event in digest.events {
        precondition(PloverType(rawValue: event.type) != nil, "unknown event type \(event.type)")
        // Events within one state are allowed (domestic acts; the document scorer skips them).
        for code in [event.source, event.target].compactMap({ $0 }) {
            precondition(code.count == 2 && code.allSatisfy(\.isUppercase), "bad state code \(code) on an event")
        }
        precondition((0...1).contains(event.confidence), "confidence \(event.confidence)")
        check(event.trigger, "event trigger")
    }
    // The digest must survive the wire, through either encoder and either decoder.
    let message = DigestMessage(id: 1, digest: digest)
    let line = try! codec.encode(message)
    precondition(!line.contains(0x0A), "encoded digest contains a newline")
    let back = try! codec.decodeValue(DigestMessage.self, from: line)
    precondition(back.digest == digest, "digest changed through JSON")
    precondition(try! codec.foundationDecode(DigestMessage.self, from: line, id: 1) == message, "Foundation reads our digest differently")
    let foundationLine = try! codec.foundationEncode(message)
    precondition(try! codec.decode(DigestMessage.self, from: foundationLine, id: 1) == message, "we read Foundation's digest differently")
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    fuzzOne(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}
#else
/// Without libFuzzer (a normal build), runs the inputs named on the command line once each:
/// `attache-fuzz FILE...` replays a crash that `scripts/fuzz.sh` found.
@main
struct FuzzReplay {
    static func main() throws {
        let files = CommandLine.arguments.dropFirst()
        if files.isEmpty {
            print("usage: attache-fuzz FILE...   (replays fuzz inputs; scripts/fuzz.sh SECONDS runs libFuzzer)")
        }
        for file in files {
            fuzzOne(Array(try Data(contentsOf: URL(fileURLWithPath: file))))
            print("ok \(file)")
        }
    }
}
#endif
