import AttacheContracts
import Foundation
import GRDB
import Logging
import Metrics
import Synchronization

/// The append log: every digest the aggregator accepted, in the order it accepted them, in a SQLite file of its
/// own beside the store (`<store>-log`, WAL, `synchronous = FULL`). It is the source of truth; the knowledge
/// base (the store's tables) and the full-text index are derived from it.
///
/// One table, `entry (seq, doc, contentHash, appendedAt, body)`: `seq` is the log sequence number (the
/// `INTEGER PRIMARY KEY`, so entries are in append order on disk and an append is one sequential write),
/// `body` the digest as JSON, `appendedAt` epoch milliseconds (the document's `storedAt` once derived).
/// `entry_doc (doc, seq)` finds a document's latest entry. Entries are never deleted, so sequence numbers never
/// repeat.
///
/// It is also where the store keeps its digests (since v27): a stored document's row holds the seq of the entry it
/// was derived from (`document.logSeq`), and the store's readers, which attach this file as ``schema``, read its
/// digest from `applog.entry` by that seq (one primary-key lookup).
///
/// Appends are group-committed: concurrent ``append(_:)`` calls are queued and written by one writer, up to
/// `maxBatch` per transaction; every caller resumes once the transaction holding its entry is on disk.
/// The status of a digest is decided here, against the document's latest entry: same hash, `duplicate`
/// (nothing is appended; the answer carries the latest entry's seq); another hash, `replaced`; none, `new`.
package final class AppendLog: Sendable {
    static func path(forStore path: String) -> String { path + "-log" }

    /// Schema name the store's readers (and its migrations) attach the log under.
    static let schema = "applog"

    /// An entry read back for the deriver.
    struct Entry: Sendable {
        var seq: Int64
        var appendedAt: Int64
        var body: String
    }

    let pool: DatabasePool
    private let commits: GroupCommit<Item, AppendReceipt>
    /// The highest seq on disk.
    private let last: Atomic<Int64>
    /// Called after each commit with the new last seq (the store rings its deriver).
    private let committed: @Sendable (Int64) -> Void
    /// `attache_log_append_batch_size`: entries committed in one transaction.
    private let batchSize = Recorder(label: "attache_log_append_batch_size", aggregate: true)
    /// `attache_log_append_duration_seconds`: one append transaction, from asking for the writer to its commit.
    private let appendTimer = Metrics.Timer(label: "attache_log_append_duration_seconds")

    /// A digest to append: its id, hash and JSON (encoded by the caller, in parallel), and the digest itself when
    /// the deriver may take it from memory (``Handoff``).
    package struct Item: Sendable {
        var doc: String
        var contentHash: String
        var body: String
        var fresh: Digest? = nil

        package init(doc: String, contentHash: String, body: String, fresh: Digest? = nil) {
            self.doc = doc
            self.contentHash = contentHash
            self.body = body
            self.fresh = fresh
        }
    }

    /// Digests just appended, by seq, handed to the deriver in memory so that it need not decode their JSON again
    /// (0.2–0.3 ms a digest). Bounded: past `limit` entries (a deriver far behind), the deriver decodes from the
    /// log. An entry is put here before the deriver is rung for its seq, and taken (or dropped) when its seq
    /// is derived.
    final class Handoff: Sendable {
        private let entries = Mutex([Int64: Digest]())
        let limit: Int

        init(limit: Int) { self.limit = limit }

        func put(_ items: [(Int64, Digest)]) {
            self.entries.withLock { e in
                for (seq, f) in items where e.count < self.limit { e[seq] = f }
            }
        }

        /// The digests of `seqs` held here; every entry up to the last of them is dropped.
        func take(_ seqs: [Int64]) -> [Int64: Digest] {
            guard let last = seqs.last else { return [:] }
            return self.entries.withLock { e in
                var out: [Int64: Digest] = [:]
                for seq in seqs { if let f = e.removeValue(forKey: seq) { out[seq] = f } }
                if !e.isEmpty { e = e.filter { $0.key > last } }
                return out
            }
        }
    }

    let handoff: Handoff

    package init(path: String, maxBatch: Int, busyTimeoutSeconds: Double, committed: @escaping @Sendable (Int64) -> Void) throws {
        var config = Configuration()
        config.busyMode = .timeout(busyTimeoutSeconds)
        config.maximumReaderCount = 2
        config.prepareDatabase { db in
            // FULL: an entry is on disk (the WAL fsynced) before its digest is acknowledged.
            try db.execute(sql: "PRAGMA synchronous = FULL; PRAGMA cache_size = -16384")
        }
        self.pool = try DatabasePool(path: path, configuration: config)
        try self.pool.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS entry (
                        seq INTEGER PRIMARY KEY, doc TEXT NOT NULL, contentHash TEXT NOT NULL,
                        appendedAt INTEGER NOT NULL, body TEXT NOT NULL);
                    CREATE INDEX IF NOT EXISTS entry_doc ON entry(doc, seq);
                    """)
        }
        let last = try self.pool.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM entry") } ?? 0
        self.last = Atomic(last)
        self.commits = GroupCommit(GroupCommit.Limits(maxBatch: maxBatch))
        self.handoff = Handoff(limit: 2 * max(1, maxBatch))
        self.committed = committed
    }

    /// The highest seq on disk (every entry up to it is durable).
    var appendedThrough: Int64 { self.last.load(ordering: .acquiring) }

    /// Appends `item` unless it duplicates the document's latest entry; returns once it is on disk.
    package func append(_ item: Item) async throws -> AppendReceipt {
        try await self.commits.submit(item) { [self] items in try await self.writeBatch(items) }
    }

    /// One batch in one transaction; then the fresh digests to the deriver and the new last seq.
    private func writeBatch(_ items: [Item]) async throws -> [AppendReceipt] {
        let t0 = ContinuousClock.now
        let results = try await self.pool.write { db in try Self.write(db, items) }
        self.appendTimer.record(duration: ContinuousClock.now - t0)
        self.batchSize.record(items.count)
        var fresh: [(Int64, Digest)] = []
        for (i, r) in results.enumerated() where r.status != .duplicate {
            if let f = items[i].fresh { fresh.append((r.seq, f)) }
        }
        self.handoff.put(fresh)
        let top = results.map(\.seq).max() ?? 0
        self.raise(to: top)
        return results
    }

    private func raise(to seq: Int64) {
        var current = self.last.load(ordering: .acquiring)
        while seq > current {
            let (exchanged, original) = self.last.compareExchange(
                expected: current, desired: seq, successOrdering: .acquiringAndReleasing, failureOrdering: .acquiring)
            if exchanged { break }
            current = original
        }
        self.committed(self.appendedThrough)
    }

    /// One transaction: each item's status against its document's latest entry (earlier items of the same
    /// batch included), and the entries of those that are not duplicates.
    private static func write(_ db: Database, _ items: [Item]) throws -> [AppendReceipt] {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let latest = try db.cachedStatement(sql: "SELECT seq, contentHash FROM entry WHERE doc = ? ORDER BY seq DESC LIMIT 1")
        let insert = try db.cachedStatement(sql: "INSERT INTO entry (doc, contentHash, appendedAt, body) VALUES (?, ?, ?, ?)")
        var out: [AppendReceipt] = []
        out.reserveCapacity(items.count)
        for item in items {
            var status = StoreStatus.new
            if let row = try Row.fetchOne(latest, arguments: [item.doc]) {
                if (row[1] as String) == item.contentHash {
                    out.append(AppendReceipt(status: .duplicate, seq: row[0]))
                    continue
                }
                status = .replaced
            }
            try insert.execute(arguments: [item.doc, item.contentHash, now, item.body])
            out.append(AppendReceipt(status: status, seq: db.lastInsertedRowID))
        }
        return out
    }

    /// Up to `limit` entries after `seq`, in order.
    func entries(after seq: Int64, limit: Int) async throws -> [Entry] {
        try await self.pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT seq, appendedAt, body FROM entry WHERE seq > ? ORDER BY seq LIMIT ?", arguments: [seq, limit]
            ).map { Entry(seq: $0[0], appendedAt: $0[1], body: $0[2]) }
        }
    }

    /// The digest (JSON) of the entry `seq`, nil if there is none. Synchronous: for the store's writer, which reads
    /// the stored version of a document it replaces (one primary-key lookup on a reader of the log).
    func body(seq: Int64) throws -> String? {
        try self.pool.read { db in try String.fetchOne(db, sql: "SELECT body FROM entry WHERE seq = ?", arguments: [seq]) }
    }

    /// When the entry `seq` was appended (epoch milliseconds), nil if there is none.
    func appendedAt(_ seq: Int64) async throws -> Int64? {
        try await self.pool.read { db in try Int64.fetchOne(db, sql: "SELECT appendedAt FROM entry WHERE seq = ?", arguments: [seq]) }
    }

    /// Migration of a store made before the log existed (documents derived, no log): appends every stored
    /// digest (`documentBody`, in document id order, each with its `storedAt`) to the log, a chunk of documents
    /// per transaction. Resumable: a seeding cut short goes on after the document of the log's last entry.
    /// Runs before v27, which drops `documentBody` once it has found every document's digest in the log.
    /// - Returns: the last seq seeded (the store's `derivedThrough`).
    func seed(from store: some DatabaseReader, chunk: Int = 500, logger: Logger) throws -> Int64 {
        var after: Int64 = try {
            guard let doc = try self.pool.read({ db in
                try String.fetchOne(db, sql: "SELECT doc FROM entry ORDER BY seq DESC LIMIT 1")
            }) else { return 0 }
            return try store.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM document WHERE doc = ?", arguments: [doc]) } ?? 0
        }()
        var seeded = 0
        logger.notice("seeding the append log from the stored digests (once, for a store made before the log)")
        while true {
            let rows = try store.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT d.id, d.doc, d.contentHash, d.storedAt, b.digest FROM document d JOIN documentBody b ON b.id = d.id
                        WHERE d.id > ? ORDER BY d.id LIMIT ?
                        """, arguments: [after, chunk])
            }
            guard let lastRow = rows.last else { break }
            try self.pool.write { db in
                let insert = try db.cachedStatement(sql: "INSERT INTO entry (doc, contentHash, appendedAt, body) VALUES (?, ?, ?, ?)")
                for r in rows {
                    try insert.execute(arguments: [r[1] as String, r[2] as String, r[3] as Int64, r[4] as String])
                }
            }
            after = lastRow[0]
            seeded += rows.count
        }
        let last = try self.pool.read { db in try Int64.fetchOne(db, sql: "SELECT MAX(seq) FROM entry") } ?? 0
        self.last.store(last, ordering: .releasing)
        if seeded > 0 { logger.notice("append log seeded from the store", metadata: ["log.entries": "\(seeded)", "log.seq": "\(last)"]) }
        return last
    }
}

/// A sequence number that only grows, and tasks waiting for it to reach a value (``wait(through:timeout:)``).
/// No polling: a waiter sleeps until ``advance(to:)`` passes its target, its timeout ends, or it is cancelled.
final class SeqWatch: Sendable {
    private struct State {
        var value: Int64
        var next: UInt64 = 0
        var waiters: [UInt64: (target: Int64, continuation: CheckedContinuation<Bool, Never>)] = [:]
    }

    private let state: Mutex<State>

    init(_ value: Int64) { self.state = Mutex(State(value: value)) }

    var value: Int64 { self.state.withLock { $0.value } }

    /// Raises the value (never lowers it) and wakes the waiters it satisfies.
    func advance(to value: Int64) {
        let woken = self.state.withLock { s -> [CheckedContinuation<Bool, Never>] in
            guard value > s.value else { return [] }
            s.value = value
            var out: [CheckedContinuation<Bool, Never>] = []
            for (id, w) in s.waiters where w.target <= value {
                out.append(w.continuation)
                s.waiters.removeValue(forKey: id)
            }
            return out
        }
        for c in woken { c.resume(returning: true) }
    }

    /// Returns true once the value is at least `target`, false after `timeout` or on cancellation.
    func wait(through target: Int64, timeout: Duration) async -> Bool {
        if self.value >= target { return true }
        let id = self.state.withLock { s -> UInt64 in
            s.next &+= 1
            return s.next
        }
        return await withTaskGroup(of: Bool?.self) { group in
            group.addTask {
                await withTaskCancellationHandler {
                    await withCheckedContinuation { (c: CheckedContinuation<Bool, Never>) in
                        let now: Bool? = self.state.withLock { s in
                            if s.value >= target { return true }
                            if Task.isCancelled { return false }
                            s.waiters[id] = (target, c)
                            return nil
                        }
                        if let now { c.resume(returning: now) }
                    }
                } onCancel: {
                    self.state.withLock { $0.waiters.removeValue(forKey: id) }?.continuation.resume(returning: false)
                }
            }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            if let first { return first }
            // Timed out: the waiter is cancelled by cancelAll (it answers false unless it was just woken).
            let waiter = await group.next() ?? nil
            return waiter ?? (self.value >= target)
        }
    }
}
