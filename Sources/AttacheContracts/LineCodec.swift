#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Encodes messages as compact single-line JSON and decodes lines into messages, mapping every
/// failure to an ``ErrorReply`` with a stable code. Not thread-safe: make one per connection.
public struct LineCodec: Sendable {
    private let encoder: JSONEncoder
    private let decoder: JSONDecoder

    public init() {
        let encoder = JSONEncoder()
        // Never pretty-print: a newline inside a message would break the framing.
        encoder.outputFormatting = [.withoutEscapingSlashes]
        self.encoder = encoder
        self.decoder = JSONDecoder()
    }

    /// The JSON of `message`, without the terminating newline. Digests (``DigestMessage``,
    /// ``Digest``) go through ``DigestJSON``, which writes the same JSON as Foundation, faster.
    /// - Throws: ``ErrorReply`` `BAD_REQUEST` for a digest that JSON cannot carry (a non-finite number: see
    ///   ``unwritable(_:doc:)``), never an opaque encoding error; Foundation's errors for other messages.
    public func encode(_ message: some Encodable) throws -> Data {
        do throws(EncodingError) {
            if let digest = message as? DigestMessage { return try DigestJSON.encode(digest) }
            if let digest = message as? Digest { return try DigestJSON.encode(digest) }
        } catch {
            throw Self.unwritable(error, doc: Self.documentID(message))
        }
        return try self.encoder.encode(message)
    }

    /// The JSON of `message` followed by `\n`.
    /// - Throws: as ``encode(_:)``.
    public func encodeLine(_ message: some Encodable) throws -> Data {
        do throws(EncodingError) {
            if let digest = message as? DigestMessage { return try DigestJSON.encode(digest, newline: true) }
            if let digest = message as? Digest { return try DigestJSON.encode(digest, newline: true) }
        } catch {
            throw Self.unwritable(error, doc: Self.documentID(message))
        }
        var data = try self.encoder.encode(message)
        data.append(0x0A)
        return data
    }

    /// The document id of a digest message (for error messages).
    private static func documentID(_ message: some Encodable) -> String {
        (message as? DigestMessage)?.digest.doc ?? (message as? Digest)?.doc ?? "?"
    }

    /// The refusal of a digest that cannot be written as JSON: its only cause is a non-finite number (JSON has
    /// no infinity or NaN), which the document's text gave; the same document would fail again, so it is
    /// `BAD_REQUEST` (not `INTERNAL`, which invites a retry), naming the field.
    static func unwritable(_ error: EncodingError, doc: String) -> ErrorReply {
        var detail = "\(error)"
        if case .invalidValue(let value, let context) = error {
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            detail = "\(path.isEmpty ? "a number" : path) is \(value), which JSON cannot carry"
        }
        return ErrorReply(id: nil, code: .badRequest, message: "the digest of document '\(doc)' cannot be written: \(detail)")
    }

    /// The JSON of `message` through Foundation only (for comparisons and benchmarks).
    public func foundationEncode(_ message: some Encodable) throws -> Data {
        try self.encoder.encode(message)
    }

    /// Reads the header of one line (without its `\n`; a trailing `\r` is ignored).
    /// - Returns: nil for an empty or all-whitespace line, which the protocol ignores.
    /// - Throws: ``ErrorReply`` `BAD_JSON`, `BAD_REQUEST` or `UNSUPPORTED_VERSION`.
    public func header(of line: Data) throws(ErrorReply) -> LineHeader? {
        enum Check { case blank, invalidUTF8, tooDeep, overlongNumber, scanned(LineHeader), unusual }
        // One pass over the raw bytes for the common case; the full decoder only for unusual lines.
        let check: Check = line.withUnsafeBytes { bytes in
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return .blank }
            if !UTF8Check.isValid(bytes) { return .invalidUTF8 }
            if let header = HeaderScanner.scan(bytes, maxDepth: Self.maxNesting) { return .scanned(header) }
            if Self.nestingDepth(bytes, limit: Self.maxNesting) > Self.maxNesting { return .tooDeep }
            if JSONReader.hasOverlongNumber(bytes) { return .overlongNumber }
            return .unusual
        }
        let header: LineHeader
        switch check {
        case .blank: return nil
        case .invalidUTF8: throw ErrorReply(id: nil, code: .badJSON, message: "line is not valid UTF-8")
        case .tooDeep:
            throw ErrorReply(id: nil, code: .badRequest, message: "JSON nested deeper than \(Self.maxNesting) levels")
        case .overlongNumber: throw Self.overlongNumber(id: nil)
        case .scanned(let scanned): header = scanned
        case .unusual: header = try self.fullHeader(line)
        }
        guard let type = header.type, !type.isEmpty else {
            throw ErrorReply(id: header.id, code: .badRequest, message: "missing field 'type'")
        }
        if let v = header.v, v > Protocol.version {
            throw ErrorReply(
                id: header.id, code: .unsupportedVersion,
                message: "protocol version \(v) is not supported; this server speaks \(Protocol.version)")
        }
        return header
    }

    /// The header through the full decoder, with precise errors.
    private func fullHeader(_ line: Data) throws(ErrorReply) -> LineHeader {
        let header: LineHeader
        do {
            header = try self.decoder.decode(LineHeader.self, from: line)
        } catch let error as DecodingError {
            // Valid JSON whose header fields are wrong (including numbers too large to represent)
            // gets BAD_REQUEST with the request's id when that can be read; anything else is BAD_JSON.
            guard let probe = try? self.decoder.decode(IDProbe.self, from: line) else {
                if (try? self.decoder.decode(AnyJSON.self, from: line)) != nil {
                    throw ErrorReply(id: nil, code: .badRequest, message: "a line must be a JSON object")
                }
                throw ErrorReply(id: nil, code: .badJSON, message: "line is not valid JSON (UTF-8, one object per line)")
            }
            throw ErrorReply(id: probe.id, code: .badRequest, message: "invalid message: \(Self.describe(error))")
        } catch {
            throw ErrorReply(id: nil, code: .badJSON, message: "line is not valid JSON")
        }
        return header
    }

    /// Decodes a whole line as `M`. A ``DigestMessage`` goes through ``DigestJSON``.
    /// - Throws: ``ErrorReply`` `BAD_JSON` for a line that is not JSON, `BAD_REQUEST` naming the
    ///   missing or mistyped field.
    public func decode<M: Decodable>(_ type: M.Type, from line: Data, id: RequestID?) throws(ErrorReply) -> M {
        if M.self == DigestMessage.self {
            do throws(FastJSONError) {
                return try DigestJSON.decodeMessage(line) as! M
            } catch {
                throw Self.reply(error, line: line, id: id)
            }
        }
        if M.self == Digest.self {
            do throws(FastJSONError) {
                return try DigestJSON.decodeDigest(line) as! M
            } catch {
                throw Self.reply(error, line: line, id: id)
            }
        }
        return try self.foundationDecode(M.self, from: line, id: id)
    }

    /// Decodes a whole line as `M` through Foundation only (for comparisons and benchmarks), with
    /// the errors of ``decode(_:from:id:)``.
    public func foundationDecode<M: Decodable>(_ type: M.Type, from line: Data, id: RequestID?) throws(ErrorReply) -> M {
        if line.withUnsafeBytes({ JSONReader.hasOverlongNumber($0) }) { throw Self.overlongNumber(id: id) }
        do {
            return try self.decoder.decode(M.self, from: line)
        } catch let error as DecodingError {
            // The header was read without a full parse; a syntax error elsewhere in the line shows up here.
            // Foundation reports a number that does not fit its field (`"limit": 1e300`) the same way, without
            // a path: valid JSON with such a value is a bad request, not bad JSON.
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty {
                if line.withUnsafeBytes({ JSONReader.isValidJSON($0) }) {
                    throw ErrorReply(
                        id: id, code: .badRequest,
                        message: "a value does not fit its field (\(context.debugDescription))")
                }
                throw ErrorReply(id: id, code: .badJSON, message: "line is not valid JSON (UTF-8, one object per line)")
            }
            throw ErrorReply(id: id, code: .badRequest, message: Self.describe(error))
        } catch {
            throw ErrorReply(id: id, code: .badRequest, message: "\(error)")
        }
    }

    /// Decodes a value that is not a request (replies read by clients). Digests go through
    /// ``DigestJSON`` and fail with an ``ErrorReply``; other types fail with Foundation's errors.
    public func decodeValue<M: Decodable>(_ type: M.Type, from line: Data) throws -> M {
        if M.self == DigestMessage.self || M.self == Digest.self {
            return try self.decode(M.self, from: line, id: nil)
        }
        if line.withUnsafeBytes({ JSONReader.hasOverlongNumber($0) }) { throw Self.overlongNumber(id: nil) }
        return try self.decoder.decode(M.self, from: line)
    }

    /// The reply for a line ``DigestJSON`` could not decode. As with Foundation, which parses the
    /// whole line before decoding, a syntax error anywhere in the line makes it `BAD_JSON`.
    static func reply(_ error: FastJSONError, line: Data, id: RequestID?) -> ErrorReply {
        if error.kind == .syntax {
            return ErrorReply(id: id, code: .badJSON, message: "line is not valid JSON (UTF-8, one object per line): \(error.detail)")
        }
        if !line.withUnsafeBytes({ JSONReader.isValidJSON($0) }) {
            return ErrorReply(id: id, code: .badJSON, message: "line is not valid JSON (UTF-8, one object per line)")
        }
        return ErrorReply(id: id, code: .badRequest, message: error.message)
    }

    /// Foundation's integer decoding traps on some number tokens of 130+ characters: such lines
    /// are refused before it sees them (no message of ours needs more than 25).
    static func overlongNumber(id: RequestID?) -> ErrorReply {
        ErrorReply(id: id, code: .badRequest, message: "a number is longer than \(JSONReader.maxNumberLength) characters")
    }

    /// The deepest nesting any message of ours needs is below 10; refuse far deeper input before
    /// a recursive decoder sees it (a nesting bomb).
    public static let maxNesting = 64

    /// The maximum depth of `{`/`[` nesting outside strings, counting stops just above `limit`.
    static func nestingDepth(_ bytes: UnsafeRawBufferPointer, limit: Int) -> Int {
        var depth = 0
        var deepest = 0
        var inString = false
        var escaped = false
        for byte in bytes {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                if depth > deepest {
                    deepest = depth
                    if deepest > limit { return deepest }
                }
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
        }
        return deepest
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
                .replacing(".[", with: "[")
        }
        switch error {
        case .keyNotFound(let key, let ctx):
            let p = path(ctx.codingPath + [key])
            return "missing field '\(p)'"
        case .typeMismatch(let type, let ctx):
            return "field '\(path(ctx.codingPath))' has the wrong type (expected \(type))"
        case .valueNotFound(let type, let ctx):
            return "field '\(path(ctx.codingPath))' is null (expected \(type))"
        case .dataCorrupted(let ctx):
            return ctx.codingPath.isEmpty ? "invalid JSON" : "field '\(path(ctx.codingPath))' is invalid"
        @unknown default:
            return "invalid message"
        }
    }
}

/// Reads just the `id` of a line whose other header fields are invalid.
private struct IDProbe: Decodable {
    var id: RequestID?
    enum CodingKeys: String, CodingKey { case id }
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.id = try? container.decodeIfPresent(RequestID.self, forKey: .id)
    }
}

/// Decodes any syntactically valid JSON value without looking at it.
private struct AnyJSON: Decodable {
    init(from decoder: any Decoder) throws { _ = try decoder.singleValueContainer() }
}
