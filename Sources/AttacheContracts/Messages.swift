/// Every message on the wire is one compact JSON object on one line, with a `type` discriminator.
/// Requests carry an `id` (string or integer) that the reply echoes, and may carry `v`, the
/// protocol version the client speaks (default 1). Unknown fields are ignored.
public protocol WireMessage: Codable, Sendable {
    /// The value of the `type` field.
    static var type: String { get }
}

/// The first fields of any line, decoded before the message itself.
public struct LineHeader: Codable, Sendable {
    public var type: String?
    public var id: RequestID?
    public var v: Int?
    public init(type: String? = nil, id: RequestID? = nil, v: Int? = nil) {
        self.type = type
        self.id = id
        self.v = v
    }
}

/// Sent by a server as the first line of every connection.
public struct Hello: WireMessage, Equatable {
    public static let type = "hello"
    public var type: String = Self.type
    /// Protocol version.
    public var v: Int
    /// `extractor` or `aggregator`.
    public var server: String
    public var version: String
    public var limits: Limits
    /// Common name of the client certificate the server saw.
    public var peer: String?
    /// What that certificate may do (`push`, `query`, `digest`).
    public var permissions: [String]
    public init(server: String, limits: Limits, peer: String?, permissions: [String]) {
        self.v = Protocol.version
        self.server = server
        self.version = Protocol.softwareVersion
        self.limits = limits
        self.peer = peer
        self.permissions = permissions
    }
}

public struct Ping: WireMessage, Equatable {
    public static let type = "ping"
    public var type: String = Self.type
    public var id: RequestID?
    public init(id: RequestID? = nil) { self.id = id }
}

public struct Pong: WireMessage, Equatable {
    public static let type = "pong"
    public var type: String = Self.type
    public var id: RequestID?
    public init(id: RequestID?) { self.id = id }
}

/// An error reply. `fatal` means the server closes the connection after this line.
public struct ErrorReply: WireMessage, Equatable, Error {
    public static let type = "error"
    public var type: String = Self.type
    public var id: RequestID?
    public var code: ErrorCode
    public var message: String
    public var fatal: Bool
    public init(id: RequestID?, code: ErrorCode, message: String, fatal: Bool = false) {
        self.id = id
        self.code = code
        self.message = message
        self.fatal = fatal
    }
}

/// Sent by a server before it closes a connection on its own (shutdown, idle).
public struct Bye: WireMessage, Equatable {
    public static let type = "bye"
    public var type: String = Self.type
    public var reason: String
    public init(reason: String) { self.reason = reason }
}

/// Client → extractor: digest this document and store it in the aggregator.
public struct PushRequest: WireMessage, Equatable {
    public static let type = "push"
    public var type: String = Self.type
    public var id: RequestID
    public var v: Int?
    public var doc: DocumentInput
    public init(id: RequestID, doc: DocumentInput) {
        self.id = id
        self.doc = doc
    }
}

/// What the aggregator did with a digest.
public enum StoreStatus: String, Codable, Sendable, Equatable {
    /// First time this document id was seen.
    case new
    /// Same id and same content hash as what is stored: nothing changed.
    case duplicate
    /// Same id, different content: the old facts were replaced.
    case replaced
    /// (extractor only) The digest is durable in the extractor's outbox and will be delivered to the
    /// aggregator, which had not confirmed it yet when the extractor answered.
    case queued
}

/// What an append log answers for one digest (the SQLite store's and PostgreSQL's, and so
/// `AggregationStore.append(_:)`): its status, decided against the document's latest entry, and the seq of the log
/// entry that holds its content (for a duplicate: the earlier entry).
public struct AppendReceipt: Sendable, Equatable {
    public var status: StoreStatus
    public var seq: Int64
    public init(status: StoreStatus, seq: Int64) {
        self.status = status
        self.seq = seq
    }
}

/// Extractor → client: the document is digested and its digest is durable: committed by the
/// aggregator (`new`, `duplicate`, `replaced`) or in the extractor's outbox (`queued`).
public struct PushReply: WireMessage, Equatable {
    public static let type = "accepted"
    public var type: String = Self.type
    public var id: RequestID
    public var doc: String
    public var contentHash: String
    public var counts: DigestCounts
    public var status: StoreStatus
    /// The digest's `warnings`: what a work limit of the extractor left out (absent when nothing was).
    public var warnings: [String]?
    public init(id: RequestID, doc: String, contentHash: String, counts: DigestCounts, status: StoreStatus, warnings: [String]? = nil) {
        self.id = id
        self.doc = doc
        self.contentHash = contentHash
        self.counts = counts
        self.status = status
        self.warnings = warnings
    }
}

/// Client → extractor: digest this document and return the digest; nothing is stored.
public struct ExtractRequest: WireMessage, Equatable {
    public static let type = "extract"
    public var type: String = Self.type
    public var id: RequestID
    public var v: Int?
    public var doc: DocumentInput
    public init(id: RequestID, doc: DocumentInput) {
        self.id = id
        self.doc = doc
    }
}

/// Extractor → aggregator (`digest`), and extractor → client in reply to `extract`.
public struct DigestMessage: WireMessage, Equatable {
    public static let type = "digest"
    public var type: String = Self.type
    public var id: RequestID
    public var v: Int?
    public var digest: Digest
    public init(id: RequestID, digest: Digest) {
        self.id = id
        self.digest = digest
    }
}

/// Aggregator → extractor: the digest is committed to the store.
public struct StoredReply: WireMessage, Equatable {
    public static let type = "stored"
    public var type: String = Self.type
    public var id: RequestID
    public var doc: String
    public var status: StoreStatus
    /// The aggregator's log sequence number that holds the digest's content (for a `duplicate`, the earlier
    /// entry's): a query with `after` set to it sees the document. Absent from aggregators without a log.
    public var seq: Int64?
    public init(id: RequestID, doc: String, status: StoreStatus, seq: Int64? = nil) {
        self.id = id
        self.doc = doc
        self.status = status
        self.seq = seq
    }
}

/// Client → aggregator: ask the knowledge base.
public struct QueryRequest: WireMessage, Equatable {
    public static let type = "query"
    public var type: String = Self.type
    public var id: RequestID
    public var v: Int?
    /// One of ``QueryKind``.
    public var query: String
    public var params: QueryParams?
    /// When true, the answer comes as ``StreamRows`` pages (all of them, following `next`) and a
    /// final ``StreamEnd``, instead of one `result` page.
    public var stream: Bool?
    /// A log sequence number (from a `stored` reply or `stats`): the answer waits until the knowledge base
    /// includes it, at most the aggregator's `maxAfterWaitMilliseconds` (then `BUSY`).
    public var after: Int64?
    public init(id: RequestID, query: QueryKind, params: QueryParams? = nil, stream: Bool? = nil, after: Int64? = nil) {
        self.id = id
        self.query = query.rawValue
        self.params = params
        self.stream = stream
        self.after = after
    }
}

/// Aggregator → client: the answer to a query.
public struct QueryReply: WireMessage, Equatable {
    public static let type = "result"
    public var type: String = Self.type
    public var id: RequestID
    public var query: String
    public var result: QueryResult
    /// The log sequence number the answer reflects: every document acknowledged with a `seq` up to it is in it.
    public var asOf: Int64?
    public init(id: RequestID, query: String, result: QueryResult, asOf: Int64? = nil) {
        self.id = id
        self.query = query
        self.result = result
        self.asOf = asOf
    }
}
