import AttacheContracts
import AttacheWire
import Foundation
import Logging
import NIOSSL
import ServiceLifecycle
import Synchronization

/// Drains the outbox into the aggregator over one persistent mutual-TLS connection.
///
/// Oldest entries first, up to `window` in flight (pipelined). An entry is deleted only after the
/// aggregator answered `stored` (which it sends after its commit). Entries it refuses for good
/// (`BAD_REQUEST`, `FORBIDDEN`, `DOCUMENT_TOO_LARGE`, `LINE_TOO_LONG`) go to the dead letters;
/// anything else is retried with back-off. When the connection drops it reconnects (100 ms to 5 s
/// back-off) and sends again what was not acknowledged: the aggregator's idempotency (document id
/// + content hash) makes a second delivery harmless.
public final class OutboxForwarder: Service {
    private let outbox: Outbox
    private let configuration: LineClientConfiguration
    private let tls: NIOSSLContext
    private let logger: Logger
    private let window: Int
    private let batchDeadline: Duration
    private let connected = Atomic<Bool>(false)

    /// - Parameter batchDeadline: a batch not fully answered by then counts as a lost connection.
    public init(
        outbox: Outbox, aggregator: LineClientConfiguration, tls: NIOSSLContext, logger: Logger, window: Int = 256,
        batchDeadline: Duration = .seconds(120)
    ) {
        self.outbox = outbox
        self.configuration = aggregator
        self.tls = tls
        self.logger = logger
        self.window = window
        self.batchDeadline = batchDeadline
    }

    /// Whether the connection to the aggregator is open now.
    public var isConnected: Bool { self.connected.load(ordering: .relaxed) }

    public func run() async throws {
        var backoff: Duration = .milliseconds(100)
        let target = "\(self.configuration.host):\(self.configuration.port)"
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                try await LineClient.withConnection(self.configuration, tls: self.tls) { connection in
                    self.connected.store(true, ordering: .relaxed)
                    defer { self.connected.store(false, ordering: .relaxed) }
                    self.logger.info("aggregator link up", metadata: ["link.target": "\(target)"])
                    backoff = .milliseconds(100)
                    try await self.drain(connection)
                }
            } catch {
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

    /// Sends entries until shutdown or until the connection fails (then throws).
    private func drain(_ connection: LineConnection) async throws {
        let maxLine = try await connection.hello().limits.maxLineBytes
        var retryDelay: Duration = .milliseconds(50)
        while !Task.isShuttingDownGracefully {
            let batch = try await self.outbox.oldest(limit: self.window)
            if batch.isEmpty {
                // Asleep until an entry is committed: no CPU at rest. The timeout is only a safety net.
                await self.untilShutdown { await self.outbox.waitForWork(timeout: .seconds(30)) }
                continue
            }
            let answers = try await withThrowingTaskGroup(of: (Int64, Result<StoreStatus, ErrorReply>).self) { group in
                for entry in batch {
                    // The aggregator would refuse the line without being able to say which request it was.
                    if entry.digestJSON.count + 64 > maxLine {
                        group.addTask {
                            (entry.id, .failure(ErrorReply(id: nil, code: .lineTooLong, message: "digest of \(entry.digestJSON.count) bytes exceeds the aggregator's line limit of \(maxLine)")))
                        }
                        continue
                    }
                    group.addTask {
                        var line = Data(#"{"type":"digest","id":\#(entry.id),"digest":"#.utf8)
                        line.append(entry.digestJSON)
                        line.append(contentsOf: Array("}\n".utf8))
                        let reply = try await connection.request(line: line, id: .number(entry.id))
                        do {
                            return (entry.id, .success(try connection.decodeReply(StoredReply.self, from: reply).status))
                        } catch let error as ErrorReply {
                            return (entry.id, .failure(error))
                        }
                    }
                }
                // A batch that gets no complete answer in time means a stuck peer: drop the
                // connection (the caller reconnects and resends; redelivery is harmless).
                group.addTask {
                    try await Task.sleep(for: self.batchDeadline)
                    throw ErrorReply(id: nil, code: .unavailable, message: "no answer from the aggregator within \(self.batchDeadline)")
                }
                var answers: [(Int64, Result<StoreStatus, ErrorReply>)] = []
                while answers.count < batch.count, let answer = try await group.next() { answers.append(answer) }
                group.cancelAll()
                return answers
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

    static func isPermanent(_ code: ErrorCode) -> Bool {
        switch code {
        case .badRequest, .badJSON, .forbidden, .documentTooLarge, .lineTooLong, .unknownType, .unsupportedVersion: true
        default: false
        }
    }
}
