/// Streaming answers and subscriptions on the aggregator's query port.

/// Aggregator → client, for a `query` with `"stream": true`: one page of the answer. Pages follow
/// in order; the server writes the next page only when the client has read enough of the previous
/// ones (back-pressure). The stream ends with ``StreamEnd``.
public struct StreamRows: WireMessage, Equatable {
    public static let type = "rows"
    public var type: String = Self.type
    public var id: RequestID
    public var query: String
    /// 1, 2, 3…
    public var page: Int
    public var result: QueryResult
    /// The log sequence number this page reflects (see ``QueryReply/asOf``).
    public var asOf: Int64?
    public init(id: RequestID, query: String, page: Int, result: QueryResult, asOf: Int64? = nil) {
        self.id = id
        self.query = query
        self.page = page
        self.result = result
        self.asOf = asOf
    }
}

/// Aggregator → client: the last line of a streamed answer.
public struct StreamEnd: WireMessage, Equatable {
    public static let type = "end"
    public var type: String = Self.type
    public var id: RequestID
    public var query: String
    public var pages: Int
    /// Records across all pages.
    public var rows: Int
    public init(id: RequestID, query: String, pages: Int, rows: Int) {
        self.id = id
        self.query = query
        self.pages = pages
        self.rows = rows
    }
}

/// Which new events a subscription wants. Every set field must match; none set = every event.
public struct SubscriptionFilter: Codable, Sendable, Equatable {
    /// PLOVER type.
    public var eventType: String?
    public var source: String?
    public var target: String?
    /// The state on either side.
    public var state: String?
    /// Two states, in either order.
    public var pair: [String]?
    public init(eventType: String? = nil, source: String? = nil, target: String? = nil, state: String? = nil, pair: [String]? = nil) {
        self.eventType = eventType
        self.source = source
        self.target = target
        self.state = state
        self.pair = pair
    }

    public func matches(type: String, source: String?, target: String?) -> Bool {
        if let t = self.eventType, t.uppercased() != type { return false }
        if let s = self.source, s.uppercased() != source { return false }
        if let t = self.target, t.uppercased() != target { return false }
        if let s = self.state?.uppercased(), s != source && s != target { return false }
        if let pair = self.pair?.map({ $0.uppercased() }), pair.count == 2 {
            if Set(pair) != Set([source, target].compactMap { $0 }) { return false }
        }
        return true
    }
}

/// Client → aggregator: push every new event that matches `filter`, as it is stored, until
/// `unsubscribe` or disconnect.
public struct SubscribeRequest: WireMessage, Equatable {
    public static let type = "subscribe"
    public var type: String = Self.type
    public var id: RequestID
    public var v: Int?
    public var filter: SubscriptionFilter?
    public init(id: RequestID, filter: SubscriptionFilter? = nil) {
        self.id = id
        self.filter = filter
    }
}

/// Aggregator → client: the subscription is active; pushed events carry `sub`.
public struct SubscribedReply: WireMessage, Equatable {
    public static let type = "subscribed"
    public var type: String = Self.type
    public var id: RequestID
    public var sub: String
    public init(id: RequestID, sub: String) {
        self.id = id
        self.sub = sub
    }
}

public struct UnsubscribeRequest: WireMessage, Equatable {
    public static let type = "unsubscribe"
    public var type: String = Self.type
    public var id: RequestID
    public var sub: String
    public init(id: RequestID, sub: String) {
        self.id = id
        self.sub = sub
    }
}

public struct UnsubscribedReply: WireMessage, Equatable {
    public static let type = "unsubscribed"
    public var type: String = Self.type
    public var id: RequestID
    public var sub: String
    /// Events that matched but could not be delivered because the client read too slowly.
    public var dropped: Int
    public init(id: RequestID, sub: String, dropped: Int) {
        self.id = id
        self.sub = sub
        self.dropped = dropped
    }
}

/// A newly stored event, as pushed to subscribers.
public struct EventNotice: Codable, Sendable, Equatable {
    public var doc: String
    public var type: String
    public var mode: String?
    public var source: String?
    public var target: String?
    public var date: String?
    public var confidence: Double
    /// The sentence that justifies it, and the trigger words.
    public var sentence: String
    public var trigger: String
    public init(
        doc: String, type: String, mode: String?, source: String?, target: String?, date: String?, confidence: Double,
        sentence: String, trigger: String
    ) {
        self.doc = doc
        self.type = type
        self.mode = mode
        self.source = source
        self.target = target
        self.date = date
        self.confidence = confidence
        self.sentence = sentence
        self.trigger = trigger
    }
}

/// Aggregator → subscriber: one matching event. `seq` counts 1, 2, 3… per subscription; a gap
/// means events were dropped because the client read too slowly (`dropped` says how many so far).
public struct EventPush: WireMessage, Equatable {
    public static let type = "event"
    public var type: String = Self.type
    public var sub: String
    public var seq: Int
    public var dropped: Int
    public var event: EventNotice
    public init(sub: String, seq: Int, dropped: Int, event: EventNotice) {
        self.sub = sub
        self.seq = seq
        self.dropped = dropped
        self.event = event
    }
}
