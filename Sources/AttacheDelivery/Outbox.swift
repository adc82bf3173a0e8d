import AttacheContracts
import Foundation
import GRDB
import Logging
import Metrics
import ServiceLifecycle
import Synchronization

/// The extractor's durable outbox: digests waiting to be committed by the aggregator.
///
/// A digest is acknowledged to the client only after `enqueue` returns, which is after the
/// transaction holding it has committed (WAL, `synchronous=FULL`: it survives a crash of the
/// process and of the machine). Concurrent enqueues are grouped into one transaction (group
/// commit). Entries leave only through `complete`: delivered ones are deleted once the aggregator
/// has acknowledged them, refused ones move to `deadLetter`, where they stay for an operator.
public final class Outbox: Service {
    /// One digest waiting for delivery.
    public struct Entry: Sendable {
        public var id: Int64
        public var doc: String
        public var contentHash: String
        /// The digest's JSON, exactly as it goes on the wire.
        public var digestJSON: Data
    }

    private struct Pending {
        var doc: String
        var contentHash: String
        var digestJSON: Data
        var continuation: CheckedContinuation<Int64, any Error>
    }

    private struct Deliveries {
        var waiters: [Int64: CheckedContinuation<StoreStatus?, Never>] = [:]
        /// Outcomes nobody waited for yet (bounded: oldest dropped).
        var recent: [Int64: StoreStatus] = [:]
        var recentOrder: [Int64] = []
    }

    /// An entry the aggregator refused for good, kept for an operator.
    public struct DeadLetter: Sendable, Equatable {
        /// The entry's id in the outbox (ids grow with the time of the push).
        public var id: Int64
        /// The document id.
        public var doc: String
        public var contentHash: String
        /// The aggregator's error code (`BAD_REQUEST`, `LINE_TOO_LONG`, …) and message.
        public var code: String
        public var message: String
        /// When it was refused, epoch milliseconds.
        public var failedAt: Int64
    }

    /// What the outbox holds now: entries and the bytes of their digests' JSON.
    private struct Held {
        var count = 0
        var bytes = 0
    }

    private let pool: DatabasePool
    private let logger: Logger
    /// Entries beyond this many are refused with `BUSY`.
    public let capacity: Int
    /// Bytes of digest JSON beyond which entries are refused with `BUSY` (an entry is always taken by an empty
    /// outbox, so a cap below one digest cannot stop delivery for good).
    public let capacityBytes: Int
    /// The default of ``capacityBytes``: 1 GiB, about 2,000 digests of the largest documents (512 KB of
    /// text and their provenance), 100,000 of typical ones.
    public static let defaultCapacityBytes = 1 << 30
    private let pending = Mutex<[Pending]>([])
    private let stored = Mutex(Held())
    private let deliveries = Mutex(Deliveries())
    private let writerWake: AsyncStream<Void>.Continuation
    private let writerWakeups: AsyncStream<Void>
    /// Rung when entries arrive (and closed at shutdown) for the forwarder.
    private let work = Doorbell()
    private let maxBatch = 512
    /// `attache_outbox_depth`: entries admitted and not yet delivered or refused (``count``).
    private let depthGauge = Meter(label: "attache_outbox_depth")
    /// `attache_outbox_bytes`: bytes of digest JSON committed and waiting for delivery.
    private let bytesGauge = Meter(label: "attache_outbox_bytes")
    /// `attache_outbox_dead_letters`: entries in the dead letters.
    private let deadLetterGauge = Meter(label: "attache_outbox_dead_letters")

    /// Opens (or creates) the outbox at `path`.
    /// - Parameters:
    ///   - capacity: entries beyond this many are refused with `BUSY`.
    ///   - capacityBytes: digest bytes beyond this are refused with `BUSY` (default ``defaultCapacityBytes``).
    public init(path: String, capacity: Int, capacityBytes: Int = Outbox.defaultCapacityBytes, logger: Logger) throws {
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        self.pool = try DatabasePool(path: path, configuration: config)
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "outbox") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("doc", .text).notNull()
                t.column("contentHash", .text).notNull()
                t.column("digest", .blob).notNull()
                t.column("enqueuedAt", .integer).notNull()
                t.column("attempts", .integer).notNull().defaults(to: 0)
            }
            try db.create(table: "deadLetter") { t in
                t.primaryKey("id", .integer)
                t.column("doc", .text).notNull()
                t.column("contentHash", .text).notNull()
                t.column("digest", .blob).notNull()
                t.column("code", .text).notNull()
                t.column("message", .text).notNull()
                t.column("failedAt", .integer).notNull()
            }
        }
        try migrator.migrate(self.pool)
        self.capacity = capacity
        self.capacityBytes = max(0, capacityBytes)
        self.logger = logger
        (self.writerWakeups, self.writerWake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        let (held, dead) = try self.pool.read { db in
            let row = try Row.fetchOne(db, sql: "SELECT COUNT(*), COALESCE(SUM(LENGTH(digest)), 0) FROM outbox")
            return (Held(count: row?[0] ?? 0, bytes: row?[1] ?? 0), try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM deadLetter") ?? 0)
        }
        self.stored.withLock { $0 = held }
        self.depthGauge.set(held.count)
        self.bytesGauge.set(held.bytes)
        self.deadLetterGauge.set(dead)
        if held.count > 0 { self.work.ring() }
    }

    /// Entries waiting for delivery now.
    public var count: Int { self.stored.withLock { $0.count } }

    /// Bytes of digest JSON waiting for delivery now.
    public var bytes: Int { self.stored.withLock { $0.bytes } }

    /// The dead letters, oldest first: entries the aggregator refused for good, with its answer.
    /// - Parameters:
    ///   - after: only those with a larger id (to page: the last id of the previous page).
    ///   - limit: at most this many.
    public func deadLetters(after: Int64 = 0, limit: Int = 100) async throws -> [DeadLetter] {
        try await self.pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT id, doc, contentHash, code, message, failedAt FROM deadLetter WHERE id > ? ORDER BY id LIMIT ?",
                arguments: [after, max(0, limit)]
            ).map { row in
                DeadLetter(
                    id: row["id"], doc: row["doc"], contentHash: row["contentHash"], code: row["code"], message: row["message"],
                    failedAt: row["failedAt"])
            }
        }
    }

    /// Entries the aggregator refused for good (kept for an operator).
    public func deadLetterCount() async throws -> Int {
        try await self.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM deadLetter") ?? 0 }
    }

    /// Makes a digest durable. - Returns: its entry id, once committed.
    /// - Throws: `BUSY` when the outbox is full: it holds ``capacity`` entries, or this digest would take it
    ///   past ``capacityBytes``.
    public func enqueue(doc: String, contentHash: String, digestJSON: Data) async throws -> Int64 {
        let size = digestJSON.count
        let refusal = self.stored.withLock { held -> String? in
            if held.count >= self.capacity {
                return "the outbox holds \(self.capacity) digests waiting for the aggregator; retry later"
            }
            if held.count > 0 && held.bytes + size > self.capacityBytes {
                return "the outbox holds \(held.bytes) bytes of digests waiting for the aggregator (capacity \(self.capacityBytes)); retry later"
            }
            held.count += 1
            held.bytes += size
            self.depthGauge.set(held.count)
            self.bytesGauge.set(held.bytes)
            return nil
        }
        if let refusal {
            throw ErrorReply(id: nil, code: .busy, message: refusal)
        }
        do {
            return try await withCheckedThrowingContinuation { continuation in
                self.pending.withLock {
                    $0.append(Pending(doc: doc, contentHash: contentHash, digestJSON: digestJSON, continuation: continuation))
                }
                self.writerWake.yield()
            }
        } catch {
            self.stored.withLock {
                $0.count -= 1
                $0.bytes -= size
                self.depthGauge.set($0.count)
                self.bytesGauge.set($0.bytes)
            }
            throw error
        }
    }

    /// The writer: commits everything enqueued since its last transaction in one transaction.
    public func run() async throws {
        for await _ in self.writerWakeups.cancelOnGracefulShutdown() {
            await self.commitPending()
        }
        // Shutdown: the listener has stopped first, so nothing new arrives; commit what is left.
        await self.commitPending()
        self.work.close()
    }

    private func commitPending() async {
        while true {
            let batch: [Pending] = self.pending.withLock { queue in
                let n = min(queue.count, self.maxBatch)
                defer { queue.removeFirst(n) }
                return Array(queue.prefix(n))
            }
            if batch.isEmpty { return }
            let now = Int64(Date().timeIntervalSince1970 * 1000)
            let items = batch.map { ($0.doc, $0.contentHash, $0.digestJSON) }
            do {
                let ids = try await self.pool.write { db -> [Int64] in
                    var ids: [Int64] = []
                    ids.reserveCapacity(items.count)
                    let statement = try db.cachedStatement(
                        sql: "INSERT INTO outbox (doc, contentHash, digest, enqueuedAt) VALUES (?, ?, ?, ?)")
                    for (doc, hash, json) in items {
                        try statement.execute(arguments: [doc, hash, json, now])
                        ids.append(db.lastInsertedRowID)
                    }
                    return ids
                }
                for (pending, id) in zip(batch, ids) { pending.continuation.resume(returning: id) }
                self.work.ring()
            } catch {
                self.logger.error("outbox commit failed", metadata: ["error": "\(error)", "db.rows": "\(batch.count)"])
                for pending in batch {
                    pending.continuation.resume(
                        throwing: ErrorReply(id: nil, code: .internal, message: "could not store the digest durably: \(error)"))
                }
            }
        }
    }

    /// The oldest entries, up to `limit`.
    public func oldest(limit: Int) async throws -> [Entry] {
        try await self.pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT id, doc, contentHash, digest FROM outbox ORDER BY id LIMIT ?", arguments: [limit]
            ).map { row in
                Entry(id: row["id"], doc: row["doc"], contentHash: row["contentHash"], digestJSON: row["digest"])
            }
        }
    }

    /// Suspends until new entries may be there, `timeout` (if any) passes or the outbox shuts down.
    /// Costs nothing while it waits: a timed-out wait leaves the next one suspending again. Without a
    /// timeout no timer is set at all (a service at rest waits so).
    public func waitForWork(timeout: Duration? = nil) async {
        await self.work.wait(timeout: timeout)
    }

    /// Records the aggregator's answers: delivered entries are deleted, refused ones move to the
    /// dead letters, both in one transaction; then waiting pushers are told.
    public func complete(delivered: [(id: Int64, status: StoreStatus)], refused: [(id: Int64, error: ErrorReply)]) async throws {
        if delivered.isEmpty && refused.isEmpty { return }
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let deliveredIDs = delivered.map(\.id)
        let refusedItems = refused.map { ($0.id, $0.error.code.rawValue, $0.error.message) }
        let left = try await self.pool.write { db -> Held in
            // What leaves the outbox: counted from the rows themselves, so an id completed twice is not
            // subtracted twice.
            var left = Held()
            let sizes = try db.cachedStatement(sql: "SELECT LENGTH(digest) FROM outbox WHERE id = ?")
            for id in deliveredIDs + refusedItems.map(\.0) {
                if let size = try Int.fetchOne(sizes, arguments: [id]) {
                    left.count += 1
                    left.bytes += size
                }
            }
            for (id, code, message) in refusedItems {
                try db.execute(
                    sql: """
                        INSERT OR REPLACE INTO deadLetter (id, doc, contentHash, digest, code, message, failedAt)
                        SELECT id, doc, contentHash, digest, ?, ?, ? FROM outbox WHERE id = ?
                        """, arguments: [code, message, now, id])
                try db.execute(sql: "DELETE FROM outbox WHERE id = ?", arguments: [id])
            }
            for chunk in stride(from: 0, to: deliveredIDs.count, by: 500) {
                let ids = deliveredIDs[chunk..<min(chunk + 500, deliveredIDs.count)]
                let marks = Array(repeating: "?", count: ids.count).joined(separator: ",")
                try db.execute(sql: "DELETE FROM outbox WHERE id IN (\(marks))", arguments: StatementArguments(Array(ids)))
            }
            return left
        }
        self.stored.withLock {
            $0.count -= left.count
            $0.bytes -= left.bytes
            self.depthGauge.set($0.count)
            self.bytesGauge.set($0.bytes)
        }
        if !refused.isEmpty { self.deadLetterGauge.increment(by: Double(refused.count)) }
        if !refused.isEmpty {
            self.logger.error("aggregator refused digests; kept in deadLetter", metadata: ["db.rows": "\(refused.count)"])
        }
        let outcomes = delivered.map { ($0.id, Optional($0.status)) } + refused.map { ($0.id, StoreStatus?.none) }
        let toResume = self.deliveries.withLock { state -> [(CheckedContinuation<StoreStatus?, Never>, StoreStatus?)] in
            var resume: [(CheckedContinuation<StoreStatus?, Never>, StoreStatus?)] = []
            for (id, status) in outcomes {
                if let waiter = state.waiters.removeValue(forKey: id) {
                    resume.append((waiter, status))
                } else if let status {
                    state.recent[id] = status
                    state.recentOrder.append(id)
                }
            }
            if state.recentOrder.count > 20_000 {
                for id in state.recentOrder.prefix(10_000) { state.recent[id] = nil }
                state.recentOrder.removeFirst(10_000)
            }
            return resume
        }
        for (waiter, status) in toResume { waiter.resume(returning: status) }
    }

    /// Waits up to `timeout` for the aggregator's answer on entry `id`.
    /// - Returns: the aggregator's status, or nil if it has not answered in time (the entry stays queued).
    public func awaitDelivery(of id: Int64, timeout: Duration) async -> StoreStatus? {
        await withTaskGroup(of: StoreStatus?.self) { group in
            group.addTask {
                await withTaskCancellationHandler {
                    await withCheckedContinuation { (continuation: CheckedContinuation<StoreStatus?, Never>) in
                        let ready: StoreStatus?? = self.deliveries.withLock { state in
                            if let status = state.recent.removeValue(forKey: id) { return .some(status) }
                            if Task.isCancelled { return .some(nil) }
                            state.waiters[id] = continuation
                            return nil
                        }
                        if let ready { continuation.resume(returning: ready) }
                    }
                } onCancel: {
                    let waiter = self.deliveries.withLock { $0.waiters.removeValue(forKey: id) }
                    waiter?.resume(returning: nil)
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }
}
