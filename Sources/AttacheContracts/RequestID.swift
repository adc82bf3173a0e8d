/// A client-chosen request id: a JSON string or integer, echoed verbatim in the reply.
public enum RequestID: Codable, Sendable, Hashable, CustomStringConvertible {
    case string(String)
    case number(Int64)

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let n = try? c.decode(Int64.self) {
            self = .number(n)
        } else {
            self = .string(try c.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .number(let n): try c.encode(n)
        }
    }

    public var description: String {
        switch self {
        case .string(let s): s
        case .number(let n): String(n)
        }
    }
}

extension RequestID: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .number(value) }
}
