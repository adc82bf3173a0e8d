import AttacheAggregation
import AttacheContracts
import AttacheWire

/// Answers `digest` (extractors only: store, then acknowledge after commit) and `query`.
struct AggregatorHandler: LineRequestHandler {
    let serverName = "aggregator"
    let store: any AggregationStore

    static let known = [DigestMessage.type, QueryRequest.type, Ping.type, Hello.type, Bye.type]

    func handle(_ request: InboundRequest, on connection: ServerConnection) async throws {
        switch request.type {
        case DigestMessage.type:
            guard connection.peer.role == .extractor else {
                throw ErrorReply.forbidden(request, peer: connection.peer)
            }
            let message = try connection.decode(DigestMessage.self, request)
            let status = try await self.store.store(message.digest)
            try await connection.send(StoredReply(id: message.id, doc: message.digest.doc, status: status))
        case QueryRequest.type:
            let query = try connection.decode(QueryRequest.self, request)
            guard let kind = QueryKind(rawValue: query.query) else {
                throw ErrorReply(
                    id: query.id, code: .badRequest,
                    message: "unknown query '\(query.query)'; known: \(QueryKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            do {
                let result = try await self.store.query(kind, query.params ?? QueryParams())
                try await connection.send(QueryReply(id: query.id, query: query.query, result: result))
            } catch var error as ErrorReply {
                error.id = query.id
                throw error
            }
        default:
            throw ErrorReply.unknownType(request, known: Self.known)
        }
    }
}
