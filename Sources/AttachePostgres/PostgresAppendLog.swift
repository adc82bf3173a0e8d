import AttacheContracts
import Foundation
import Logging
import Metrics
import PostgresNIO

/// The append log on PostgreSQL, shared by every aggregator of one database: the same contract as the SQLite log
/// (`AppendLog`). ``append(_:)`` returns once the digest's entry is committed, with its status decided against the
/// document's latest entry — same content hash: `duplicate` (nothing appended, the seq is that entry's); another
/// hash: `replaced`; none: `new` — and the seq that holds its content. Seqs increase and are never reused.
///
/// **Seqs and holes.** An append transaction takes its seqs from the one-row table `log_head` with a row lock
/// (`SELECT … FOR UPDATE`), held until it commits. Appenders of all aggregators are therefore serialized from their
/// seq allocation to their commit: a transaction cannot take seqs before the one holding lower seqs has committed
/// (or rolled back, handing its seqs back unused: no committed seq is ever reused, and no seq is skipped). What any
/// reader sees is therefore always the whole log up to some seq, never seq N+1 without N: the deriver reads
/// "everything committed after N" with a plain `seq > N` query, and never has to wait out transactions in flight.
/// (A PostgreSQL sequence would not serialize appenders, but its values commit out of order across processes: a
/// reader could see seq 11 before 10 commits and derive past 10, skipping it forever, unless it derived only below
/// the oldest seq in flight, which PostgreSQL does not tell: each appender would have to publish it first.)
///
/// **Per-document serialization** comes with it: the head lock is taken first, so the statuses of a batch are decided
/// after every earlier append (of any aggregator) has committed, and the next one cannot start before this one has
/// committed. Two processes appending the same document at once: one is `new`, the other `duplicate` (same hash) or
/// `replaced`. A per-document advisory lock (`pg_advisory_xact_lock(hashtext(doc))`) or a unique constraint with retry
/// would let appenders of different documents run in parallel, but the seq allocation would still have to be
/// serialized for the no-holes property above, so they would add locks without removing the one that matters.
///
/// **Group commit.** Concurrent ``append(_:)`` calls of one process are queued and written by one drain task, up to
/// `maxBatch` entries (and `maxBatchBytes`) per transaction, as one multi-row insert (`unnest` of arrays): the row
/// lock is taken once per batch, not per digest, and each process's batches grow by themselves while it waits for
/// the lock. Every caller resumes once the transaction holding its entry has committed.
///
/// Bounded: bodies larger than `maxBodyBytes` are refused, at most `maxQueued` appends wait (then `BUSY`), a read
/// returns at most `maxReadBatch` entries and stops once past `maxReadBytes`.
///
/// Each committed batch also sends `NOTIFY` on ``notificationChannel`` with its last seq, so that a deriver of any
/// aggregator can sleep until there is something to derive.
///
/// The client must be running (`PostgresClient.run()`) for anything to happen, and must outlive the appends: stop
/// appending and let the transaction in flight finish before stopping it (a service group lists the client before
/// the store).
///
/// Known gaps, for the next step. With postgres-nio 1.33.2, a query on a leased connection that the server has
/// closed (`pg_terminate_backend`, a server timeout) never returns, and neither does a transaction in flight when the
/// client's `run()` is cancelled (both seen in tests here). So the append transaction does not set PostgreSQL's
/// `idle_in_transaction_session_timeout` yet: it would free the log's head from a process frozen in the middle of an
/// append (until then, PostgreSQL frees it when it sees the connection gone), but would turn a process merely paused
/// for a while into one hung for good. Queries need a guard against closed connections first.
public final class PostgresAppendLog: Sendable {
    /// An entry read back (for the deriver).
    public struct Entry: Sendable, Equatable {
        public var seq: Int64
        public var doc: String
        public var contentHash: String
        /// When it was committed, by PostgreSQL's clock (epoch milliseconds).
        public var appendedAt: Int64
        /// The digest's JSON.
        public var body: String
    }

    /// Where the log and its derivation stand.
    public struct Positions: Sendable, Equatable {
        /// The last seq committed.
        public var appended: Int64
        /// The last seq derived (`derivation.derived_through`).
        public var derived: Int64
        /// Seconds since the oldest entry not yet derived was appended (0 when caught up), by PostgreSQL's clock.
        public var lagSeconds: Double
    }

    /// The log's bounds.
    public struct Limits: Sendable {
        /// Entries per append transaction.
        public var maxBatch = 512
        /// Bytes of bodies per append transaction (a batch holds at least one entry).
        public var maxBatchBytes = 16 * 1024 * 1024
        /// The largest digest JSON accepted (larger: `DOCUMENT_TOO_LARGE`).
        public var maxBodyBytes = AttacheContracts.Limits.defaultMaxLineBytes
        /// Appends waiting for a transaction, beyond which ``append(_:)`` answers `BUSY`.
        public var maxQueued = 8192
        /// Entries per ``read(after:limit:)``.
        public var maxReadBatch = 2048
        /// A read stops after the entry that passes this many bytes of bodies.
        public var maxReadBytes = 32 * 1024 * 1024
        public init() {}
    }

    private struct Item: Sendable {
        var doc: String
        var contentHash: String
        var body: String
    }

    private let client: PostgresClient
    private let limits: Limits
    private let logger: Logger
    private let commits: GroupCommit<Item, AppendReceipt>
    /// The channel of the NOTIFY each committed batch sends (its payload: the batch's last seq): `attache_log` plus the
    /// schema's name when it is not `public`.
    public let notificationChannel: String
    /// `attache_pg_log_append_batch_size`: entries committed in one transaction.
    private let batchSize = Recorder(label: "attache_pg_log_append_batch_size", aggregate: true)
    /// `attache_pg_log_append_duration_seconds`: one append transaction, from asking for a connection to its commit.
    private let appendTimer = Metrics.Timer(label: "attache_pg_log_append_duration_seconds")

    /// - Parameters:
    ///   - client: a running client whose connections' `search_path` starts with the store's schema
    ///     (``PostgresConfiguration/clientConfiguration(maxConnections:)``), migrated (``PostgresMigrations``).
    ///   - schema: the store's schema (names the NOTIFY channel).
    public init(client: PostgresClient, schema: String = "public", limits: Limits = Limits(), logger: Logger) {
        self.client = client
        var limits = limits
        limits.maxBatch = max(1, limits.maxBatch)
        limits.maxQueued = max(1, limits.maxQueued)
        limits.maxReadBatch = max(1, limits.maxReadBatch)
        self.limits = limits
        self.logger = logger
        let maxQueued = limits.maxQueued
        self.commits = GroupCommit(
            GroupCommit.Limits(maxBatch: limits.maxBatch, maxBatchBytes: limits.maxBatchBytes, maxQueued: limits.maxQueued),
            size: { $0.body.utf8.count },
            full: { ErrorReply(id: nil, code: .busy, message: "the append log has \(maxQueued) appends waiting; retry later") })
        self.notificationChannel = schema == "public" ? "attache_log" : "attache_log_\(schema)"
    }

    /// Appends `digest` (its JSON as the SQLite store writes it) unless it duplicates the document's latest entry;
    /// returns once committed.
    /// - Throws: ``ErrorReply`` `DOCUMENT_TOO_LARGE` (body over `maxBodyBytes`), `BAD_REQUEST` (an id or hash
    ///   PostgreSQL cannot store: a NUL character), `BUSY` (`maxQueued` appends waiting); PostgreSQL's errors when the
    ///   transaction failed (nothing of it is committed; appending again is safe).
    public func append(_ digest: Digest) async throws -> AppendReceipt {
        let json = String(decoding: try LineCodec().encode(digest), as: UTF8.self)
        return try await self.append(doc: digest.doc, contentHash: digest.contentHash, body: json)
    }

    /// Appends an entry whose JSON the caller encoded (see ``append(_:)``).
    public func append(doc: String, contentHash: String, body: String) async throws -> AppendReceipt {
        if body.utf8.count > self.limits.maxBodyBytes {
            throw ErrorReply(
                id: nil, code: .documentTooLarge,
                message: "digest of '\(doc.prefix(200))' is \(body.utf8.count) bytes, more than the log takes (\(self.limits.maxBodyBytes))")
        }
        // PostgreSQL's text cannot hold NUL; the body is JSON, where NUL is escaped.
        if doc.utf8.contains(0) || contentHash.utf8.contains(0) || body.utf8.contains(0) {
            throw ErrorReply(id: nil, code: .badRequest, message: "a document id or content hash with a NUL character cannot be stored")
        }
        let item = Item(doc: doc, contentHash: contentHash, body: body)
        return try await self.commits.submit(item) { [self] items in try await self.writeBatch(items) }
    }

    /// One batch in one transaction, timed; a failure is logged and unwrapped for the callers.
    private func writeBatch(_ items: [Item]) async throws -> [AppendReceipt] {
        let t0 = ContinuousClock.now
        do {
            let results = try await self.write(items)
            self.appendTimer.record(duration: ContinuousClock.now - t0)
            self.batchSize.record(items.count)
            return results
        } catch {
            let error = PostgresStoreError.unwrapped(error)
            self.logger.warning("append transaction failed", metadata: ["log.batch": "\(items.count)", "error": "\(String(reflecting: error))"])
            throw error
        }
    }

    /// One transaction: the head's row lock, each item's status against its document's latest entry (earlier items
    /// of the same batch included), one insert of the entries that are not duplicates, the new head, the NOTIFY.
    private func write(_ items: [Item]) async throws -> [AppendReceipt] {
        let logger = self.logger
        let channel = self.notificationChannel
        return try await self.client.withTransaction(logger: logger) { conn in
            // 1. The head, locked until commit: every appender of every aggregator waits here (see the type's doc).
            var locked: (head: Int64, now: Int64)?
            let headRows = try await conn.query(
                "SELECT seq, (extract(epoch FROM clock_timestamp()) * 1000)::int8 FROM log_head WHERE id = 1 FOR UPDATE",
                logger: logger)
            for try await (seq, at) in headRows.decode((Int64, Int64).self) { locked = (seq, at) }
            guard let (head, now) = locked else { throw PostgresStoreError("the log's head row is missing: is the schema migrated?") }
            // 2. The latest entry of each document of the batch (one index probe each).
            var docs: [String] = []
            var seen = Set<String>()
            for item in items where seen.insert(item.doc).inserted { docs.append(item.doc) }
            var latest: [String: (seq: Int64, hash: String)] = [:]
            let latestRows = try await conn.query(
                """
                SELECT d.doc, e.seq, e.content_hash FROM unnest(\(docs)::text[]) AS d(doc)
                CROSS JOIN LATERAL (SELECT seq, content_hash FROM log_entry WHERE doc = d.doc ORDER BY seq DESC LIMIT 1) e
                """, logger: logger)
            for try await (doc, seq, hash) in latestRows.decode((String, Int64, String).self) { latest[doc] = (seq, hash) }
            // 3. Statuses in queue order; the entries to insert.
            var out: [AppendReceipt] = []
            out.reserveCapacity(items.count)
            var seqs: [Int64] = []
            var insertDocs: [String] = []
            var hashes: [String] = []
            var bodies: [String] = []
            var next = head
            for item in items {
                var status = StoreStatus.new
                if let l = latest[item.doc] {
                    if l.hash == item.contentHash {
                        out.append(AppendReceipt(status: .duplicate, seq: l.seq))
                        continue
                    }
                    status = .replaced
                }
                next += 1
                latest[item.doc] = (next, item.contentHash)
                seqs.append(next)
                insertDocs.append(item.doc)
                hashes.append(item.contentHash)
                bodies.append(item.body)
                out.append(AppendReceipt(status: status, seq: next))
            }
            // 4. One multi-row insert, the head, and the wake-up for derivers (delivered at commit).
            if next > head {
                try await conn.query(
                    """
                    INSERT INTO log_entry (seq, doc, content_hash, appended_at, body)
                    SELECT s, d, h, \(now), b FROM unnest(\(seqs)::int8[], \(insertDocs)::text[], \(hashes)::text[], \(bodies)::text[]) AS t(s, d, h, b)
                    """, logger: logger)
                try await conn.query("UPDATE log_head SET seq = \(next) WHERE id = 1", logger: logger)
                try await conn.query("SELECT pg_notify(\(channel), \(String(next)))", logger: logger)
            }
            return out
        }
    }

    /// Up to `limit` entries after `seq`, in order, without holes (at most `maxReadBatch`, and stopping after the entry
    /// that passes `maxReadBytes`). Whatever is committed is a whole prefix of the log (see the type's documentation);
    /// should a gap ever show, the read stops before it.
    public func read(after seq: Int64, limit: Int) async throws -> [Entry] {
        let n = max(1, min(limit, self.limits.maxReadBatch))
        let rows = try await self.client.query(
            "SELECT seq, doc, content_hash, appended_at, body FROM log_entry WHERE seq > \(seq) ORDER BY seq LIMIT \(n)",
            logger: self.logger)
        var out: [Entry] = []
        var bytes = 0
        var expected = seq + 1
        for try await (s, doc, hash, at, body) in rows.decode((Int64, String, String, Int64, String).self) {
            if s != expected {
                self.logger.error("append log: gap in the committed seqs", metadata: ["log.seq": "\(s)", "log.expected": "\(expected)"])
                break
            }
            out.append(Entry(seq: s, doc: doc, contentHash: hash, appendedAt: at, body: body))
            expected += 1
            bytes += body.utf8.count
            if bytes >= self.limits.maxReadBytes { break }
        }
        return out
    }

    /// The last seq committed, the last derived, and the lag, in one snapshot.
    public func positions() async throws -> Positions {
        let rows = try await self.client.query(
            """
            SELECT h.seq, d.derived_through,
                   COALESCE((SELECT (extract(epoch FROM clock_timestamp()) * 1000)::int8 - e.appended_at
                             FROM log_entry e WHERE e.seq = d.derived_through + 1), 0)
            FROM log_head h, derivation d WHERE h.id = 1 AND d.id = 1
            """, logger: self.logger)
        for try await (appended, derived, lagMillis) in rows.decode((Int64, Int64, Int64).self) {
            return Positions(appended: appended, derived: derived, lagSeconds: appended > derived ? max(0, Double(lagMillis) / 1000) : 0)
        }
        throw PostgresStoreError("the log's head or derivation row is missing: is the schema migrated?")
    }
}
