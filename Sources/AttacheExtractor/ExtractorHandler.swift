import AttacheContracts
import AttacheDelivery
import AttacheExtraction
import AttacheWire
import Metrics

/// Answers `push` (digest, make the digest durable in the outbox, acknowledge with counts) and
/// `extract` (digest and return it, store nothing).
/// Both need a writer (or client) certificate: the ``LineServer`` refuses them to a reader
/// before they get here (``PeerRole/permissions(on:)``).
struct ExtractorHandler: LineRequestHandler {
    let serverName = "extractor"
    let extractor: Extractor
    /// One encoder for every digest (it is Sendable and stateless between calls).
    let codec = LineCodec()
    let outbox: Outbox
    let forwarder: OutboxForwarder
    /// How long a push waits for the aggregator's own answer before it is acknowledged as `queued`.
    let deliveryWait: Duration
    /// Above this many digests waiting in the outbox, pushes do not wait for the aggregator.
    let waitBacklog: Int
    /// `attache_extraction_duration_seconds`: time to digest one document (push or extract).
    let extractionTimer = Metrics.Timer(label: "attache_extraction_duration_seconds")

    static let known = [PushRequest.type, ExtractRequest.type, Ping.type, Hello.type, Bye.type]

    var requestTypes: [String] { Self.known }

    /// Digests `doc` within the advertised `maxExtractMilliseconds` (if set), timing it.
    func digest(_ doc: DocumentInput, limits: Limits) -> Digest {
        let start = ContinuousClock.now
        defer { self.extractionTimer.record(duration: ContinuousClock.now - start) }
        guard let ms = limits.maxExtractMilliseconds else { return self.extractor.digest(doc) }
        return self.extractor.digest(doc, deadline: ExtractionDeadline(milliseconds: ms))
    }

    func handle(_ request: InboundRequest, on connection: ServerConnection) async throws {
        switch request.type {
        case PushRequest.type:
            let push = try connection.decode(PushRequest.self, request)
            try Self.validate(push.doc, id: push.id, limits: connection.limits)
            let digest = self.digest(push.doc, limits: connection.limits)
            // the knowledge base would refuse it for good: say so now instead of acknowledging it
            if digest.sentences.count > Limits.maxSentencesPerDocument {
                throw ErrorReply(
                    id: push.id, code: .documentTooLarge,
                    message: "document '\(push.doc.id)' has \(digest.sentences.count) sentences; the limit is \(Limits.maxSentencesPerDocument)")
            }
            // Acknowledge only once the digest is durable; the forwarder delivers it to the aggregator.
            let json = try self.codec.encode(digest)
            let entry = try await self.outbox.enqueue(doc: digest.doc, contentHash: digest.contentHash, digestJSON: json)
            // Report the aggregator's own status when it is keeping up; when a backlog builds, answer
            // at once (the digest is durable either way) so that producers are not slowed to its pace.
            var status = StoreStatus.queued
            if self.deliveryWait > .zero, self.forwarder.isConnected, self.outbox.count <= self.waitBacklog,
                let delivered = await self.outbox.awaitDelivery(of: entry, timeout: self.deliveryWait)
            {
                status = delivered
            }
            try await connection.send(
                PushReply(
                    id: push.id, doc: digest.doc, contentHash: digest.contentHash, counts: digest.counts, status: status,
                    warnings: digest.warnings))
        case ExtractRequest.type:
            let extract = try connection.decode(ExtractRequest.self, request)
            try Self.validate(extract.doc, id: extract.id, limits: connection.limits)
            try await connection.send(DigestMessage(id: extract.id, digest: self.digest(extract.doc, limits: connection.limits)))
        default:
            throw ErrorReply.unknownType(request, known: Self.known)
        }
    }

    static func validate(_ doc: DocumentInput, id: RequestID, limits: Limits) throws(ErrorReply) {
        if doc.id.isEmpty || doc.id.utf8.count > 512 {
            throw ErrorReply(id: id, code: .badRequest, message: "doc.id must be 1 to 512 bytes")
        }
        if doc.text.utf8.count > limits.maxDocumentBytes {
            throw ErrorReply(
                id: id, code: .documentTooLarge,
                message: "document '\(doc.id)' has \(doc.text.utf8.count) bytes; the limit is \(limits.maxDocumentBytes)")
        }
        if let published = doc.published, !isISODate(published) {
            throw ErrorReply(id: id, code: .badRequest, message: "doc.published must be YYYY-MM-DD")
        }
    }

    static func isISODate(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard b.count == 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return false }
        return b.enumerated().allSatisfy { i, c in i == 4 || i == 7 || (c >= 48 && c <= 57) }
    }
}
