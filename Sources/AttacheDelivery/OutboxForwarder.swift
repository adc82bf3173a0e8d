import AttacheContracts
import AttacheWire
import Foundation
import Logging
import Metrics
import NIOSSL
import ServiceLifecycle
import Synchronization

/// Drains the outbox into the aggregator over one persistent mutual-TLS connection.
///
/// It delivers only to a server whose certificate (from the CA it trusts) names the aggregator
/// (`OU=aggregator`): the connection's ``LineClientConfiguration/serverRole`` is always
/// `.aggregator`, so a server holding a client's or an extractor's certificate is refused during
/// the handshake and can neither acknowledge (and so delete) entries nor set limits.
///
/// Oldest entries first, up to `window` in flight (pipelined). An entry is deleted only after the
/// aggregator answered `stored` (which it sends after its commit). Entries the aggregator itself
/// refuses for good (`BAD_REQUEST`, `FORBIDDEN`, `DOCUMENT_TOO_LARGE`, `LINE_TOO_LONG`) go to the
/// dead letters; anything else is retried with back-off. Limits from the hello apply to that
/// connection only: an entry longer than its `maxLineBytes` is sent alone after the others (so
/// it never holds up the queue) and the aggregator's own answer decides; it is never refused on
/// the hello's word. When the connection drops it reconnects (100 ms to 5 s back-off) and sends
/// again what was not acknowledged: the aggregator's idempotency (document id + content hash)
/// makes a second delivery harmless. When the aggregator lets the link go for being idle
/// (`IDLE_TIMEOUT`) while the outbox is empty, it reconnects only when there is something to send,
/// so that a service at rest stays asleep.
public final class OutboxForwarder: Service {
    private let outbox: Outbox
    private let configuration: LineClientConfiguration
    private let tls: NIOSSLContext
    private let logger: Logger
    private let window: Int
    private let batchDeadline: Duration
    private let connected = Atomic<Bool>(false)
    /// The aggregator closed the link for being idle while the outbox was empty (`IDLE_TIMEOUT`).
    private let parked = Atomic<Bool>(false)
    /// `attache_forwarder_link_up`: 1 while the connection to the aggregator is open, else 0.
    private let linkGauge = Meter(label: "attache_forwarder_link_up")

    /// - Parameters:
    ///   - aggregator: where the aggregator is; its `serverRole` is set to `.aggregator` whatever it says.
    ///   - batchDeadline: a batch not fully answered by then counts as a lost connection.
    public init(
        outbox: Outbox, aggregator: LineClientConfiguration, tls: NIOSSLContext, logger: Logger, window: Int = 256,
        batchDeadline: Duration = .seconds(120)
    ) {
        self.outbox = outbox
        var configuration = aggregator
        configuration.serverRole = .aggregator
        self.configuration = configuration
        self.tls = tls
        self.logger = logger
        self.window = window
        self.batchDeadline = batchDeadline
        self.linkGauge.set(0)
    }

    /// Whether the connection to the aggregator is open now, or was let go by the aggregator only
    /// for being idle (it is opened again as soon as there is something to send).
    public var isConnected: Bool { self.connected.load(ordering: .relaxed) || self.parked.load(ordering: .relaxed) }

    public func run() async throws {
        var backoff: Duration = .milliseconds(100)
        let target = "\(self.configuration.host):\(self.configuration.port)"
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                try await LineClient.withConnection(self.configuration, tls: self.tls) { connection in
                    self.connected.store(true, ordering: .relaxed)
                    self.parked.store(false, ordering: .relaxed)
                    self.linkGauge.set(1)
                    defer {
                        self.connected.store(false, ordering: .relaxed)
                        self.linkGauge.set(0)
                    }
                    self.logger.info("aggregator link up", metadata: ["link.target": "\(target)"])
                    backoff = .milliseconds(100)
                    try await self.drain(connection)
                }
            } catch is IdleLinkClosed {
                // Nothing to send and the aggregator let the idle link go: reconnect when there is work
                // again, not now (a reconnect now would only idle until the next timeout).
                self.parked.store(true, ordering: .relaxed)
                self.logger.info("aggregator closed the idle link; reconnecting when there is work", metadata: ["link.target": "\(target)"])
                await self.untilShutdown {
                    while self.outbox.count == 0 && !Task.isCancelled {
                        await self.outbox.waitForWork()
                    }
                }
                continue
            } catch {
                self.parked.store(false, ordering: .relaxed)
                self.logger.warning(
                    "aggregator link down", metadata: ["link.target": "\(target)", "error": "\(error)", "outbox.count": "\(self.outbox.count)"])
            }
            if Task.isCancelled || Task.isShuttingDownGracefully { break }
            await self.pause(backoff)
            backoff = min(backoff * 2, .seconds(5))
        }
    }

    private func pause(_ duration: Duration) async {
        await self.untilShutdown { try? await Task.sleep(for: duration) }
    }

    /// Runs `wait` until it returns or graceful shutdown begins, whichever comes first.
    private func untilShutdown(_ wait: @escaping @Sendable () async -> Void) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await wait() }
            group.addTask { try? await gracefulShutdown() }
            await group.next()
            group.cancelAll()
        }
    }

    /// The aggregator closed the link for being idle while there was nothing to send.
    private struct IdleLinkClosed: Error {}

    private typealias Answer = (id: Int64, result: Result<StoreStatus, ErrorReply>)

    /// Sends entries until shutdown or until the connection fails (then throws).
    private func drain(_ connection: LineConnection) async throws {
        // This connection's limit, from the hello of a peer whose certificate names the aggregator.
        let maxLine = try await connection.hello().limits.maxLineBytes
        var retryDelay: Duration = .milliseconds(50)
        while !Task.isShuttingDownGracefully {
            let batch = try await self.outbox.oldest(limit: self.window)
            if batch.isEmpty {
                // Asleep until an entry is committed or the connection closes: no CPU and no timer at
                // rest (the outbox rings its bell on every commit, and a ring is never lost).
                // Noticing a close at once keeps `isConnected` true only while the link is up
                // (pushes wait for the aggregator only then).
                await self.untilShutdown {
                    await withTaskGroup(of: Void.self) { group in
                        group.addTask { await self.outbox.waitForWork() }
                        group.addTask { await connection.waitForClose() }
                        await group.next()
                        group.cancelAll()
                    }
                }
                if connection.isClosed {
                    if connection.goodbye?.code == .idleTimeout && self.outbox.count == 0 { throw IdleLinkClosed() }
                    throw ConnectionClosedError()
                }
                continue
            }
            let lines = batch.map { (entry: $0, line: Self.digestLine($0)) }
            // `maxLineBytes` excludes the newline.
            let fitting = lines.filter { $0.line.count - 1 <= maxLine }
            let oversized = lines.filter { $0.line.count - 1 > maxLine }
            var answers = try await self.send(fitting, on: connection)
            if !oversized.isEmpty {
                self.logger.notice(
                    "digests longer than the aggregator's advertised line limit; sending each alone",
                    metadata: ["db.rows": "\(oversized.count)", "link.max-line-bytes": "\(maxLine)"])
            }
            // One at a time, with nothing else in flight: an error the aggregator cannot tie to a
            // request (its line decoder's LINE_TOO_LONG) can then only be about this entry.
            for item in oversized {
                answers.append(try await self.send(alone: item.entry, line: item.line, on: connection))
            }
            var delivered: [(id: Int64, status: StoreStatus)] = []
            var refused: [(id: Int64, error: ErrorReply)] = []
            var transient = 0
            for (id, result) in answers {
                switch result {
                case .success(let status): delivered.append((id, status))
                case .failure(let error) where Self.isPermanent(error.code): refused.append((id, error))
                case .failure(let error):
                    transient += 1
                    if transient == 1 {
                        self.logger.warning("aggregator could not store a digest; will retry", metadata: ["error": "\(error.message)"])
                    }
                }
            }
            try await self.outbox.complete(delivered: delivered, refused: refused)
            if transient > 0 {
                try await Task.sleep(for: retryDelay)
                retryDelay = min(retryDelay * 2, .seconds(5))
            } else {
                retryDelay = .milliseconds(50)
            }
        }
    }

    /// The `digest` request line of `entry`, newline included.
    static func digestLine(_ entry: Outbox.Entry) -> Data {
        var line = Data(#"{"type":"digest","id":\#(entry.id),"digest":"#.utf8)
        line.append(entry.digestJSON)
        line.append(contentsOf: Array("}\n".utf8))
        return line
    }

    /// Sends `items` pipelined and collects every answer.
    /// - Throws: when the connection fails or the batch is not fully answered within `batchDeadline`.
    private func send(_ items: [(entry: Outbox.Entry, line: Data)], on connection: LineConnection) async throws -> [Answer] {
        if items.isEmpty { return [] }
        return try await withThrowingTaskGroup(of: Answer.self) { group in
            for item in items {
                group.addTask {
                    let reply = try await connection.request(line: item.line, id: .number(item.entry.id))
                    return (item.entry.id, try Self.status(of: reply, on: connection))
                }
            }
            // A batch that gets no complete answer in time means a stuck peer: drop the
            // connection (the caller reconnects and resends; redelivery is harmless).
            group.addTask {
                try await Task.sleep(for: self.batchDeadline)
                throw ErrorReply(id: nil, code: .unavailable, message: "no answer from the aggregator within \(self.batchDeadline)")
            }
            var answers: [Answer] = []
            while answers.count < items.count, let answer = try await group.next() { answers.append(answer) }
            group.cancelAll()
            return answers
        }
    }

    /// Sends one entry with nothing else in flight, taking an error line without an id as its
    /// answer (what the aggregator sends for a line longer than its limit).
    /// - Throws: when the connection fails or no answer comes within `batchDeadline`.
    private func send(alone entry: Outbox.Entry, line: Data, on connection: LineConnection) async throws -> Answer {
        try await withThrowingTaskGroup(of: Answer.self) { group in
            group.addTask {
                let reply = try await connection.request(line: line, id: .number(entry.id), claimingErrorsWithoutID: true)
                return (entry.id, try Self.status(of: reply, on: connection))
            }
            group.addTask {
                try await Task.sleep(for: self.batchDeadline)
                throw ErrorReply(id: nil, code: .unavailable, message: "no answer from the aggregator within \(self.batchDeadline)")
            }
            defer { group.cancelAll() }
            guard let answer = try await group.next() else { throw ConnectionClosedError() }
            return answer
        }
    }

    /// The aggregator's status in a reply line, or the error it holds.
    /// - Throws: when the reply is neither (the connection is then dropped, nothing is refused).
    private static func status(of reply: Data, on connection: LineConnection) throws -> Result<StoreStatus, ErrorReply> {
        do {
            return .success(try connection.decodeReply(StoredReply.self, from: reply).status)
        } catch let error as ErrorReply {
            return .failure(error)
        }
    }

    static func isPermanent(_ code: ErrorCode) -> Bool {
        switch code {
        case .badRequest, .badJSON, .forbidden, .documentTooLarge, .lineTooLong, .unknownType, .unsupportedVersion: true
        default: false
        }
    }
}
