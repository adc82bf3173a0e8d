/// Protocol constants and the limits a server advertises in its hello.
public enum Protocol {
    /// The protocol version this build speaks. A request with a higher `v` gets `UNSUPPORTED_VERSION`.
    public static let version = 1
    /// Version of the software, reported in hello.
    public static let softwareVersion = "0.1.0"
}

/// Limits a server enforces and advertises in its `hello`.
public struct Limits: Codable, Sendable, Equatable {
    /// Maximum bytes in one line, excluding the `\n`. A longer line gets `LINE_TOO_LONG` and the connection is closed.
    public var maxLineBytes: Int
    /// Maximum bytes of a document's text (UTF-8).
    public var maxDocumentBytes: Int
    /// Maximum requests a client may have outstanding on one connection; reading pauses beyond it.
    public var maxInflight: Int
    /// Seconds of silence after which the server closes a connection.
    public var idleTimeoutSeconds: Int
    /// Maximum rows in one query answer.
    public var maxResultRows: Int
    /// Authenticated connections (TLS handshake done) the server holds at once; one more gets `BUSY` and is closed.
    public var maxConnections: Int
    /// Seconds a TLS handshake may take (connections still in their handshake are counted apart, see PROTOCOL.md).
    public var handshakeTimeoutSeconds: Int
    /// Subscriptions one connection may hold (aggregator).
    public var maxSubscriptions: Int

    // The aggregator's query limits. Absent (nil) in the hello of a server that does not enforce them.

    /// Bytes of one reply line to a `query` (aggregator): a page stops at this budget and gives its
    /// cursor (a page holds at least one record, and a `document` answer one digest, whatever their size).
    public var maxReplyBytes: Int?
    /// Milliseconds of database work one query may take before it is stopped with `TOO_EXPENSIVE`.
    public var maxQueryMilliseconds: Int?
    /// Words in one full-text query (`search`, or `text` of `events`); more is `BAD_REQUEST`.
    public var maxSearchTerms: Int?
    /// Indexed words that the prefix terms (`word*`) of one full-text query may expand to; more is
    /// `TOO_EXPENSIVE`.
    public var maxSearchExpansions: Int?
    /// Subscriptions the whole server holds at once; beyond, `subscribe` gets `BUSY`.
    public var maxSubscriptionsTotal: Int?
    /// Bytes of events one subscription may have waiting for its client; beyond, events are dropped and counted.
    public var maxSubscriptionBufferBytes: Int?
    /// Bytes of events all subscriptions together may have waiting; beyond, events are dropped and counted.
    public var maxSubscriptionBufferBytesTotal: Int?
    /// Milliseconds a query with `after` may wait for the knowledge base to reach that log sequence number;
    /// past it, `BUSY` (the connection stays open).
    public var maxAfterWaitMilliseconds: Int?

    // The extractor's limits. Absent (nil) in the aggregator's hello.

    /// Milliseconds of extraction one document may take (extractor). Past it, the document is still
    /// answered with what the stages before found, and the reply's `warnings` say so.
    public var maxExtractMilliseconds: Int?

    public init(
        maxLineBytes: Int = Limits.defaultMaxLineBytes, maxDocumentBytes: Int = 512 * 1024, maxInflight: Int = 64,
        idleTimeoutSeconds: Int = 300, maxResultRows: Int = 10_000, maxConnections: Int = 512,
        handshakeTimeoutSeconds: Int = 5, maxSubscriptions: Int = 64, maxReplyBytes: Int? = nil,
        maxQueryMilliseconds: Int? = nil, maxSearchTerms: Int? = nil, maxSearchExpansions: Int? = nil,
        maxSubscriptionsTotal: Int? = nil, maxSubscriptionBufferBytes: Int? = nil, maxSubscriptionBufferBytesTotal: Int? = nil,
        maxExtractMilliseconds: Int? = nil, maxAfterWaitMilliseconds: Int? = nil
    ) {
        self.maxLineBytes = maxLineBytes
        self.maxDocumentBytes = maxDocumentBytes
        self.maxInflight = maxInflight
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.maxResultRows = maxResultRows
        self.maxConnections = maxConnections
        self.handshakeTimeoutSeconds = handshakeTimeoutSeconds
        self.maxSubscriptions = maxSubscriptions
        self.maxReplyBytes = maxReplyBytes
        self.maxQueryMilliseconds = maxQueryMilliseconds
        self.maxSearchTerms = maxSearchTerms
        self.maxSearchExpansions = maxSearchExpansions
        self.maxSubscriptionsTotal = maxSubscriptionsTotal
        self.maxSubscriptionBufferBytes = maxSubscriptionBufferBytes
        self.maxSubscriptionBufferBytesTotal = maxSubscriptionBufferBytesTotal
        self.maxExtractMilliseconds = maxExtractMilliseconds
        self.maxAfterWaitMilliseconds = maxAfterWaitMilliseconds
    }

    enum CodingKeys: String, CodingKey {
        case maxLineBytes, maxDocumentBytes, maxInflight, idleTimeoutSeconds, maxResultRows, maxConnections
        case handshakeTimeoutSeconds, maxSubscriptions
        case maxReplyBytes, maxQueryMilliseconds, maxSearchTerms, maxSearchExpansions, maxSubscriptionsTotal
        case maxSubscriptionBufferBytes, maxSubscriptionBufferBytesTotal, maxExtractMilliseconds, maxAfterWaitMilliseconds
    }

    /// Fields a peer of an older version does not send take their defaults.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = Limits()
        self.init(
            maxLineBytes: try c.decodeIfPresent(Int.self, forKey: .maxLineBytes) ?? d.maxLineBytes,
            maxDocumentBytes: try c.decodeIfPresent(Int.self, forKey: .maxDocumentBytes) ?? d.maxDocumentBytes,
            maxInflight: try c.decodeIfPresent(Int.self, forKey: .maxInflight) ?? d.maxInflight,
            idleTimeoutSeconds: try c.decodeIfPresent(Int.self, forKey: .idleTimeoutSeconds) ?? d.idleTimeoutSeconds,
            maxResultRows: try c.decodeIfPresent(Int.self, forKey: .maxResultRows) ?? d.maxResultRows,
            maxConnections: try c.decodeIfPresent(Int.self, forKey: .maxConnections) ?? d.maxConnections,
            handshakeTimeoutSeconds: try c.decodeIfPresent(Int.self, forKey: .handshakeTimeoutSeconds) ?? d.handshakeTimeoutSeconds,
            maxSubscriptions: try c.decodeIfPresent(Int.self, forKey: .maxSubscriptions) ?? d.maxSubscriptions,
            maxReplyBytes: try c.decodeIfPresent(Int.self, forKey: .maxReplyBytes),
            maxQueryMilliseconds: try c.decodeIfPresent(Int.self, forKey: .maxQueryMilliseconds),
            maxSearchTerms: try c.decodeIfPresent(Int.self, forKey: .maxSearchTerms),
            maxSearchExpansions: try c.decodeIfPresent(Int.self, forKey: .maxSearchExpansions),
            maxSubscriptionsTotal: try c.decodeIfPresent(Int.self, forKey: .maxSubscriptionsTotal),
            maxSubscriptionBufferBytes: try c.decodeIfPresent(Int.self, forKey: .maxSubscriptionBufferBytes),
            maxSubscriptionBufferBytesTotal: try c.decodeIfPresent(Int.self, forKey: .maxSubscriptionBufferBytesTotal),
            maxExtractMilliseconds: try c.decodeIfPresent(Int.self, forKey: .maxExtractMilliseconds),
            maxAfterWaitMilliseconds: try c.decodeIfPresent(Int.self, forKey: .maxAfterWaitMilliseconds))
    }

    /// 4 MiB: a maximal document, JSON-escaped, or its digest, fits with room to spare.
    public static let defaultMaxLineBytes = 4 * 1024 * 1024
    /// Sentences one document may have: the knowledge base keys a sentence by 16 bits within its document.
    public static let maxSentencesPerDocument = 65_536
}
