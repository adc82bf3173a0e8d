import AttacheAggregation
import AttacheContracts
import AttacheWire

/// Answers `digest` (extractors only: append to the store's log, acknowledge with its seq once durable),
/// `query` (one page, or every page streamed; with `after`, once the knowledge base has derived that seq),
/// `subscribe` and `unsubscribe` (reader, writer and client certificates). The ``LineServer`` refuses a request the peer's role may not make before it
/// gets here (``PeerRole/permissions(on:)``).
struct AggregatorHandler: LineRequestHandler {
    let serverName = "aggregator"
    let store: any AggregationStore
    let hub: SubscriptionHub
    /// How long a query with `after` may wait for the derivation (advertised as `maxAfterWaitMilliseconds`).
    var maxAfterWait: Duration = .seconds(10)

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
            let receipt = try await self.store.append(message.digest)
            if receipt.status != .duplicate { self.hub.publish(message.digest) }
            try await connection.send(
                StoredReply(id: message.id, doc: message.digest.doc, status: receipt.status, seq: receipt.seq))
        case QueryRequest.type:
            let query = try connection.decode(QueryRequest.self, request)
            guard let kind = QueryKind(rawValue: query.query) else {
                throw ErrorReply(
                    id: query.id, code: .badRequest,
                    message: "unknown query '\(query.query)'; known: \(QueryKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            do {
                if let after = query.after, !(await self.store.waitDerived(through: after, timeout: self.maxAfterWait)) {
                    let p = try await self.store.positions()
                    throw ErrorReply(
                        id: query.id, code: .busy,
                        message: "not visible yet: the knowledge base has derived through seq \(p.derived) of \(p.appended) "
                            + "appended, not \(after), after waiting \(self.maxAfterWait) (max_after_wait_ms); retry")
                }
                if query.stream == true {
                    try await self.stream(kind, query, on: connection)
                } else {
                    let answer = try await self.store.answer(
                        kind, query.params ?? QueryParams(), envelopeBytes: Self.envelopeBytes(query.id))
                    try await connection.send(QueryReply(id: query.id, query: query.query, result: answer.result, asOf: answer.asOf))
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
            let answer = try await self.store.answer(kind, params, envelopeBytes: envelope)
            pages += 1
            rows += Self.rowCount(answer.result)
            try await connection.send(
                StreamRows(id: query.id, query: query.query, page: pages, result: answer.result, asOf: answer.asOf))
            guard let next = answer.result.next else { break }
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
