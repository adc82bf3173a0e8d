import AttacheAggregation
import AttacheContracts
import AttacheWire

/// Answers `digest` (extractors only: store, then acknowledge after commit), `query` (one page,
/// or every page streamed), `subscribe` and `unsubscribe` (reader, writer and client
/// certificates). The ``LineServer`` refuses a request the peer's role may not make before it
/// gets here (``PeerRole/permissions(on:)``).
struct AggregatorHandler: LineRequestHandler {
    let serverName = "aggregator"
    let store: any AggregationStore
    let hub: SubscriptionHub

    static let known = [
        DigestMessage.type, QueryRequest.type, SubscribeRequest.type, UnsubscribeRequest.type, Ping.type, Hello.type,
        Bye.type,
    ]

    var requestTypes: [String] { Self.known }

    func handle(_ request: InboundRequest, on connection: ServerConnection) async throws {
        switch request.type {
        case DigestMessage.type:
            // (the LineServer has checked the role: only an extractor's certificate may send a digest)
            let message = try connection.decode(DigestMessage.self, request)
            let status = try await self.store.store(message.digest)
            if status != .duplicate { self.hub.publish(message.digest) }
            try await connection.send(StoredReply(id: message.id, doc: message.digest.doc, status: status))
        case QueryRequest.type:
            let query = try connection.decode(QueryRequest.self, request)
            guard let kind = QueryKind(rawValue: query.query) else {
                throw ErrorReply(
                    id: query.id, code: .badRequest,
                    message: "unknown query '\(query.query)'; known: \(QueryKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            do {
                if query.stream == true {
                    try await self.stream(kind, query, on: connection)
                } else {
                    let result = try await self.store.query(
                        kind, query.params ?? QueryParams(), envelopeBytes: Self.envelopeBytes(query.id))
                    try await connection.send(QueryReply(id: query.id, query: query.query, result: result))
                }
            } catch var error as ErrorReply {
                error.id = query.id
                throw error
            }
        case SubscribeRequest.type:
            let request = try connection.decode(SubscribeRequest.self, request)
            // The caps are checked and the subscription taken in one step.
            let subscription: SubscriptionHub.Subscription
            do {
                subscription = try self.hub.subscribe(request.filter ?? SubscriptionFilter(), owner: connection.id)
            } catch .connectionFull(let cap) {
                throw ErrorReply(
                    id: request.id, code: .tooExpensive,
                    message: "this connection already holds \(cap) subscriptions (max_subscriptions)")
            } catch .serverFull(let cap) {
                throw ErrorReply(
                    id: request.id, code: .busy,
                    message: "the server holds \(cap) subscriptions (max_subscriptions_total); retry later")
            }
            // If this send fails, or the connection is closing and the job never runs, the subscription is
            // released (and so ended) with the last reference to it.
            try await connection.send(SubscribedReply(id: request.id, sub: subscription.id))
            connection.spawn {
                // Ends when the subscription is ended (its stream finishes), the connection closes (the job is
                // cancelled) or a write fails; the subscription ends with this job.
                for await queued in subscription.events {
                    guard let push = subscription.outgoing(queued) else { break }
                    do { try await connection.send(push) } catch { break }
                    subscription.delivered(push)
                }
            }
        case UnsubscribeRequest.type:
            let request = try connection.decode(UnsubscribeRequest.self, request)
            guard let dropped = self.hub.unsubscribe(request.sub, owner: connection.id) else {
                throw ErrorReply(id: request.id, code: .notFound, message: "no subscription '\(request.sub)' on this connection")
            }
            try await connection.send(UnsubscribedReply(id: request.id, sub: request.sub, dropped: dropped))
        default:
            throw ErrorReply.unknownType(request, known: Self.known)
        }
    }
}

extension AggregatorHandler {
    /// Sends every page of the answer, one `rows` line each, then `end`. Each write waits while the
    /// client is not reading (back-pressure), so memory stays at one page.
    func stream(_ kind: QueryKind, _ query: QueryRequest, on connection: ServerConnection) async throws {
        var params = query.params ?? QueryParams()
        var pages = 0
        var rows = 0
        let envelope = Self.envelopeBytes(query.id)
        while true {
            let result = try await self.store.query(kind, params, envelopeBytes: envelope)
            pages += 1
            rows += Self.rowCount(result)
            try await connection.send(StreamRows(id: query.id, query: query.query, page: pages, result: result))
            guard let next = result.next else { break }
            params.cursor = next
        }
        try await connection.send(StreamEnd(id: query.id, query: query.query, pages: pages, rows: rows))
    }

    /// The bytes of a reply's id (the rest of its envelope is the store's reserve).
    static func envelopeBytes(_ id: RequestID) -> Int {
        switch id {
        case .number: ReplySize.number
        case .string(let s): ReplySize.string(s)
        }
    }

    static func rowCount(_ r: QueryResult) -> Int {
        var n = 0
        n += r.documents?.count ?? 0
        n += r.actors?.count ?? 0
        n += r.countries?.count ?? 0
        n += r.events?.count ?? 0
        n += r.stories?.count ?? 0
        n += r.relations?.count ?? 0
        n += r.hits?.count ?? 0
        n += r.export?.count ?? 0
        if r.stats != nil || r.document != nil || r.actor != nil { n += 1 }
        return n
    }
}
