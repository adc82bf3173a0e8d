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

    /// The JSON of `message`, without the terminating newline.
    public func encode(_ message: some Encodable) throws -> Data {
        try self.encoder.encode(message)
    }

    /// The JSON of `message` followed by `\n`.
    public func encodeLine(_ message: some Encodable) throws -> Data {
        var data = try self.encoder.encode(message)
        data.append(0x0A)
        return data
    }

    /// Reads the header of one line (without its `\n`; a trailing `\r` is ignored).
    /// - Returns: nil for an empty or all-whitespace line, which the protocol ignores.
    /// - Throws: ``ErrorReply`` `BAD_JSON`, `BAD_REQUEST` or `UNSUPPORTED_VERSION`.
    public func header(of line: Data) throws(ErrorReply) -> LineHeader? {
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return nil }
        let header: LineHeader
        do {
            header = try self.decoder.decode(LineHeader.self, from: line)
        } catch let error as DecodingError {
            if case .dataCorrupted = error {
                throw ErrorReply(id: nil, code: .badJSON, message: "line is not valid JSON (UTF-8, one object per line)")
            }
            throw ErrorReply(id: nil, code: .badRequest, message: "line must be a JSON object: \(Self.describe(error))")
        } catch {
            throw ErrorReply(id: nil, code: .badJSON, message: "line is not valid JSON")
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

    /// Decodes a whole line as `M`.
    /// - Throws: ``ErrorReply`` `BAD_REQUEST` naming the missing or mistyped field.
    public func decode<M: Decodable>(_ type: M.Type, from line: Data, id: RequestID?) throws(ErrorReply) -> M {
        do {
            return try self.decoder.decode(M.self, from: line)
        } catch let error as DecodingError {
            throw ErrorReply(id: id, code: .badRequest, message: Self.describe(error))
        } catch {
            throw ErrorReply(id: id, code: .badRequest, message: "\(error)")
        }
    }

    /// Decodes a value that is not a request (replies read by clients).
    public func decodeValue<M: Decodable>(_ type: M.Type, from line: Data) throws -> M {
        try self.decoder.decode(M.self, from: line)
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
