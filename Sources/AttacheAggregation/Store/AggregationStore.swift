import AttacheContracts
import Foundation
import GRDB
import Logging
import Metrics
import Synchronization

/// What the aggregator needs from a store. Narrow on purpose, so that another backend (PostgreSQL) can
/// implement it: an append log that is the source of truth, a knowledge base derived from it in order, and
/// queries over what is derived.
///
/// The contract:
/// - ``append(_:)`` makes a digest durable and gives it a place in the log (`seq`, increasing, never reused).
///   The status is decided against the document's latest entry in the log: same content hash, `duplicate`
///   (nothing is appended, the seq is that entry's); another hash, `replaced`; none, `new`.
/// - The store derives the log in `seq` order, in batches; ``derivedThrough`` is the last seq applied, recorded
///   in the same transaction as what it derived (a crash loses nothing and derives nothing twice).
/// - ``waitDerived(through:timeout:)`` lets a caller wait (bounded) until a seq is visible to queries.
/// - ``answer(_:_:envelopeBytes:)`` answers from the derived state, and says which seq it reflects (`asOf`).
public protocol AggregationStore: Sendable {
    /// Appends one digest to the log and returns once it is durable (see the protocol's contract).
    func append(_ digest: Digest) async throws -> AppendReceipt
    /// The last seq appended and the last derived.
    func positions() async throws -> LogPositions
    /// Returns true once every entry up to `seq` is derived (visible to queries), false after `timeout`.
    func waitDerived(through seq: Int64, timeout: Duration) async -> Bool
    /// Answers a query whose reply line carries `envelopeBytes` besides the result and its fixed fields (the
    /// request's id): a page stops where the line would pass the store's reply budget, and gives its cursor.
    /// The answer reflects the log up to its `asOf`.
    /// Throws ``ErrorReply`` with `NOT_FOUND`, `BAD_REQUEST` or `TOO_EXPENSIVE` for the client.
    func answer(_ kind: QueryKind, _ params: QueryParams, envelopeBytes: Int) async throws -> QueryAnswer
}

/// Where the log and its derivation stand.
public struct LogPositions: Sendable, Equatable {
    /// The last seq appended (durable).
    public var appended: Int64
    /// The last seq derived (visible to queries).
    public var derived: Int64
    /// Seconds since the oldest entry not yet derived was appended (0 when caught up).
    public var lagSeconds: Double
    public init(appended: Int64, derived: Int64, lagSeconds: Double) {
        self.appended = appended
        self.derived = derived
        self.lagSeconds = lagSeconds
    }
}

/// A query's result and the seq of the log it reflects.
public struct QueryAnswer: Sendable, Equatable {
    public var result: QueryResult
    public var asOf: Int64
    public init(result: QueryResult, asOf: Int64) {
        self.result = result
        self.asOf = asOf
    }
}

extension AggregationStore {
    /// Answers a query for a reply whose id takes at most 64 bytes.
    public func query(_ kind: QueryKind, _ params: QueryParams) async throws -> QueryResult {
        try await self.answer(kind, params, envelopeBytes: 64).result
    }

    /// Appends `digest` and waits until it is derived (read your writes), at most `timeout`.
    /// - Throws: ``ErrorReply`` `BUSY` if the derivation has not reached it by then (it is appended all the same).
    @discardableResult
    public func store(_ digest: Digest, timeout: Duration = .seconds(120)) async throws -> StoreStatus {
        let receipt = try await self.append(digest)
        guard await self.waitDerived(through: receipt.seq, timeout: timeout) else {
            throw ErrorReply(id: nil, code: .busy, message: "document '\(digest.doc)' appended (seq \(receipt.seq)) but not derived yet")
        }
        return receipt.status
    }
}

/// The SQLite store: an append log (``AppendLog``, `<store>-log`) and the knowledge base derived from it (a GRDB
/// `DatabasePool`, WAL, versioned migrations), with its full-text index (``SearchIndex``, `<store>-search`).
///
/// ``append(_:)`` is acknowledged once the digest's log entry is on disk (group commit, `synchronous = FULL`:
/// acknowledged digests survive a process crash and a power loss). A deriver task reads the log in `seq`
/// order, up to `maxBatch` entries at a time, and ingests them into the knowledge base in ONE transaction per
/// batch (each digest in its own savepoint, so one bad digest fails alone), recording the last seq applied
/// (`derivation.derivedThrough`) in that same transaction. It wakes when something is appended and sleeps when
/// caught up; on open it resumes after `derivedThrough`.
public final class SQLiteAggregationStore: AggregationStore {
    let pool: DatabasePool
    /// The source of truth: every accepted digest, in order.
    let log: AppendLog
    /// The last seq derived; queries with `after` wait on it.
    private let derived: SeqWatch
    /// Rung after every append; the deriver sleeps on it while caught up.
    private let deriverBell = Doorbell()
    private let deriverTask: Mutex<Task<Void, Never>?> = Mutex(nil)
    /// Caches that live across transactions; only the writer touches them, inside `pool.write`.
    private let writerCache: Mutex<WriterCache>
    /// Actors with at least this many documents keep their "met most" counts up to date (`actorPair`); for the
    /// others a profile counts them on the spot, which costs about 1 ms per 100 documents (measured at 108k
    /// documents: 7-21 ms for an actor with 492), hence 100.
    let hotThreshold: Int
    /// Largest number of log entries derived in one transaction (and appended in one).
    let maxBatch: Int
    /// Largest page a query may ask for; larger `limit`s are refused with `TOO_EXPENSIVE`.
    let maxResultRows: Int
    /// Events of the same type between the same states within this many days of a story's dates join it.
    let storyWindowDays: Int
    /// Budget for the text of one export page (a reply must fit in one wire line).
    let maxExportBytes: Int
    /// Full-text searches matching more sentences than this are refused (ranking them would cost too much).
    let maxSearchMatches: Int
    let logger: Logger
    /// The full-text index, written in parallel from the stored digests (``SearchIndex``).
    let search: SearchIndex
    /// How long a search waits for the index to reach the documents stored before it.
    let searchWait: Duration
    /// Reply bytes, query time, full-text terms and expansions (``QueryLimits``).
    public let queryLimits: QueryLimits
    /// `attache_store_commit_duration_seconds`: one derived batch's write transaction, from asking for the
    /// writer to its commit.
    private let commitTimer = Metrics.Timer(label: "attache_store_commit_duration_seconds")
    /// `attache_store_commit_batch_size`: log entries derived in one transaction.
    private let batchSize = Recorder(label: "attache_store_commit_batch_size", aggregate: true)
    /// `attache_store_derive_lag`: log entries appended but not yet derived, measured at each derived batch.
    private let lagGauge = Meter(label: "attache_store_derive_lag")

    /// Opens (creating if needed) the store at `path` and migrates it.
    public convenience init(path: String, maxResultRows: Int, queryLimits: QueryLimits = QueryLimits(), logger: Logger) throws {
        try self.init(path: path, maxResultRows: maxResultRows, storyWindowDays: 3, queryLimits: queryLimits, logger: logger)
    }

    /// - Parameters:
    ///   - path: SQLite file (its `-wal` and `-shm` files live beside it).
    ///   - maxResultRows: the largest page (and profile list) a query may return.
    ///   - storyWindowDays: how far apart (in days) reports of one story may be dated.
    ///   - maxExportBytes: budget for the text of one export page.
    ///   - maxSearchMatches: full-text searches matching more sentences are refused with `TOO_EXPENSIVE`.
    ///   - busyTimeoutSeconds: how long a writer waits for another connection's lock.
    ///   - queryLimits: the reply budget, the time budget and the full-text limits of queries.
    ///   - diagnostics: measurement aids printed to standard error (off by default; ``StoreDiagnostics``).
    public init(
        path: String, maxResultRows: Int, storyWindowDays: Int, maxExportBytes: Int = 3 * 1024 * 1024,
        maxSearchMatches: Int = 200_000, busyTimeoutSeconds: Double = 10, maxBatch: Int = 512,
        maxReaders: Int = 8, writerCacheMiB: Int = 256, readerCacheMiB: Int = 32, hotThreshold: Int = 100,
        checkpointPages: Int = 1000, searchWaitMilliseconds: Int = 2000, mmapMiB: Int = 0, recountLimit: Int = 50,
        queryLimits: QueryLimits = QueryLimits(), diagnostics: StoreDiagnostics = .off, logger: Logger
    ) throws {
        // The log first: migrations read it (v27 finds every stored document's digest in it), and so do the
        // store's readers, which attach it.
        let bell = self.deriverBell
        let logPath = AppendLog.path(forStore: path)
        self.log = try AppendLog(path: logPath, maxBatch: max(1, maxBatch), busyTimeoutSeconds: busyTimeoutSeconds) { _ in
            bell.ring()
        }
        // Migrations, on a connection of their own whose temporary storage (statement journals of the
        // table rewrites) is on disk: with the pool's `temp_store = MEMORY`, v13 on a 1M-document store peaked
        // at 7 GB of RSS (1.25 GB at 108k documents; 0.28 GB with this connection).
        do {
            var migrationConfig = Configuration()
            migrationConfig.busyMode = .timeout(busyTimeoutSeconds)
            migrationConfig.foreignKeysEnabled = true
            migrationConfig.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = FULL; PRAGMA temp_store = FILE; PRAGMA cache_size = -\(writerCacheMiB * 1024)")
                try db.execute(sql: "ATTACH DATABASE ? AS \(AppendLog.schema)", arguments: [logPath])
            }
            let migrationQueue = try DatabaseQueue(path: path, configuration: migrationConfig)
            try Self.migrate(migrationQueue, log: self.log, logger: logger)
            try migrationQueue.close()
        }
        let searchPath = SearchIndex.path(forStore: path)
        let searchWriter = try SearchIndex.open(path: searchPath)
        var config = Configuration()
        config.busyMode = .timeout(busyTimeoutSeconds)
        config.foreignKeysEnabled = true
        config.maximumReaderCount = max(1, maxReaders)
        IngestTimer.enable(diagnostics.traceBatches)
        config.prepareDatabase { db in
            // FULL, always: see the type's documentation. (No switch weakens it.)
            // Page caches are per connection and bounded, so memory does not grow with the store: the writer's
            // is larger (every digest updates indexes at random places), readers' smaller.
            let kib = (db.configuration.readonly ? readerCacheMiB : writerCacheMiB) * 1024
            try db.execute(sql: "PRAGMA synchronous = FULL; PRAGMA cache_size = -\(kib); PRAGMA temp_store = MEMORY")
            // Off by default: mapped pages count in the process's RSS, which then grows with the store.
            if mmapMiB > 0 { try db.execute(sql: "PRAGMA mmap_size = \(mmapMiB * 1024 * 1024)") }
            if !db.configuration.readonly {
                // Measurement aid: prints the writer's statements that take `slowStatementMicroseconds` or more.
                if let micros = diagnostics.slowStatementMicroseconds {
                    let threshold = Double(micros) / 1e6
                    db.trace(options: .profile) { e in
                        if case let .profile(statement, duration) = e, duration >= threshold {
                            let sql = statement.sql.prefix(160).replacingOccurrences(of: "\n", with: " ")
                            FileHandle.standardError.write(Data("SLOW \(Int(duration * 1e6))us \(sql)\n".utf8))
                        }
                    }
                }
                // Checkpoint every `checkpointPages` WAL pages instead of SQLite's 1000: pages rewritten by
                // many batches (counters, aggregates, index interiors) are copied back once, not every batch.
                try db.execute(sql: "PRAGMA wal_autocheckpoint = \(checkpointPages)")
            } else {
                // Readers see the search index as `search.sentenceFts`.
                try db.execute(sql: "ATTACH DATABASE ? AS \(SearchIndex.schema)", arguments: [searchPath])
                try SearchIndex.createVocabulary(db)
                // Readers read stored digests from the log (`applog.entry`, by `document.logSeq`). Only readers:
                // attached to the writer, the log would be locked by each of its write transactions.
                try db.execute(sql: "ATTACH DATABASE ? AS \(AppendLog.schema)", arguments: [logPath])
            }
        }
        self.pool = try DatabasePool(path: path, configuration: config)
        self.derived = SeqWatch(try Self.openDerivation(pool: self.pool, log: self.log, logger: logger))
        self.maxBatch = max(1, maxBatch)
        self.hotThreshold = max(1, hotThreshold)
        self.writerCache = Mutex(WriterCache(hotThreshold: max(1, hotThreshold), recountLimit: max(0, recountLimit)))
        self.maxResultRows = max(1, maxResultRows)
        self.storyWindowDays = max(0, storyWindowDays)
        self.maxExportBytes = max(64 * 1024, maxExportBytes)
        self.maxSearchMatches = maxSearchMatches
        self.logger = logger
        self.search = try SearchIndex(writer: searchWriter, store: self.pool, logger: logger)
        self.searchWait = .milliseconds(max(0, searchWaitMilliseconds))
        self.queryLimits = queryLimits
        self.search.start()
        self.startDeriver()
    }

    deinit { self.deriverTask.withLock { $0?.cancel() } }

    /// Runs the migrations on `queue` (which has attached the log as ``AppendLog/schema``). A store made before the
    /// log existed (documents derived, no log) is seeded into it first (``AppendLog/seed(from:chunk:logger:)``),
    /// before v27 drops the stored digests (`documentBody`) once it has found each of them in the log.
    private static func migrate(_ queue: DatabaseQueue, log: AppendLog, logger: Logger) throws {
        let applied = try queue.read { db in try Schema.migrator.appliedIdentifiers(db) }
        if !applied.contains("v27") {
            try Schema.migrator.migrate(queue, upTo: "v26")
            let (through, documents) = try queue.read { db in
                (
                    try Int64.fetchOne(db, sql: "SELECT derivedThrough FROM derivation") ?? 0,
                    try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM document)") ?? false
                )
            }
            if through == 0 && documents {
                // Derived before the log existed: every stored digest becomes an entry, already derived.
                let seeded = try log.seed(from: queue, logger: logger)
                try queue.write { db in try db.execute(sql: "UPDATE derivation SET derivedThrough = ?", arguments: [seeded]) }
            }
        }
        try Schema.migrator.migrate(queue)
    }

    /// Where the derivation stands on open. - Returns: `derivedThrough`.
    /// - Throws: when the store has derived more than the log holds (the log was lost or replaced).
    private static func openDerivation(pool: DatabasePool, log: AppendLog, logger: Logger) throws -> Int64 {
        let through = try pool.read { db in try Int64.fetchOne(db, sql: "SELECT derivedThrough FROM derivation") ?? 0 }
        let appended = log.appendedThrough
        if through > appended {
            throw DatabaseError(
                message: "the append log (\(AppendLog.path(forStore: pool.path))) ends at seq \(appended) but the store has derived "
                    + "through seq \(through): the log was lost or replaced; restore it, or move the store aside to rebuild")
        }
        return through
    }

    /// Starts the deriver (once). It holds the store weakly and ends when the store is released.
    private func startDeriver() {
        self.deriverTask.withLock { task in
            guard task == nil else { return }
            let bell = self.deriverBell
            task = Task.detached(priority: .userInitiated) { [weak self] in
                while !Task.isCancelled {
                    var failed = false
                    do {
                        while !Task.isCancelled, let me = self, try await me.deriveBatch() {}
                    } catch {
                        failed = true
                        self?.logger.error("deriver: \(error); retrying")
                    }
                    if self == nil { return }
                    // Asleep until something is appended: no CPU and no timer at rest (a ring is never lost,
                    // the bell remembers it; the deinit cancels this task). After an error, retried in a second.
                    await bell.wait(timeout: failed ? .seconds(1) : nil)
                }
            }
        }
    }

    /// The last seq derived (visible to queries).
    public var derivedThrough: Int64 { self.derived.value }

    public func positions() async throws -> LogPositions {
        try await self.positions(derived: self.derived.value)
    }

    /// The positions with `derived` as the derived seq (a query's snapshot's).
    private func positions(derived: Int64) async throws -> LogPositions {
        let appended = max(self.log.appendedThrough, derived)
        var lag = 0.0
        if appended > derived, let at = try await self.log.appendedAt(derived + 1) {
            lag = max(0, Date().timeIntervalSince1970 - Double(at) / 1000)
        }
        return LogPositions(appended: appended, derived: derived, lagSeconds: lag)
    }

    public func waitDerived(through seq: Int64, timeout: Duration) async -> Bool {
        await self.derived.wait(through: seq, timeout: timeout)
    }

    /// Waits until the search index holds every document stored so far (tests, benchmarks), or `timeout`.
    public func waitForSearchIndex(timeout: Duration = .seconds(30)) async throws -> Bool {
        let last = try await self.pool.read { try Int64.fetchOne($0, sql: "SELECT MAX(id) FROM document") } ?? 0
        return await self.search.wait(through: last, timeout: timeout)
    }

    /// - Throws: ``ErrorReply`` `DOCUMENT_TOO_LARGE` when a sentence index is past what the search index can
    ///   address (``SearchIndex/maxSentenceIndex``): nothing is appended.
    public func append(_ digest: Digest) async throws -> AppendReceipt {
        try SearchIndex.checkAddressable(digest)
        // Encoded here, in the caller's task (in parallel), not by the log's writer.
        let json = String(decoding: try LineCodec().encode(digest), as: UTF8.self)
        let r = try await self.log.append(AppendLog.Item(doc: digest.doc, contentHash: digest.contentHash, body: json, fresh: digest))
        self.logger.debug(
            "digest appended",
            metadata: ["doc.id": "\(digest.doc)", "store.status": "\(r.status.rawValue)", "log.seq": "\(r.seq)"])
        return r
    }

    /// Derives the next batch of log entries in one transaction. Returns whether there was any.
    private func deriveBatch() async throws -> Bool {
        let from = self.derived.value
        let entries = try await self.log.entries(after: from, limit: self.maxBatch)
        guard let last = entries.last?.seq else { return false }
        // Decoding and name keys are computed here, outside the write transaction, on both cores.
        let decodeStart = ContinuousClock.now
        let fresh = self.log.handoff.take(entries.map(\.seq))
        let half = (entries.count + 1) / 2
        let decoded = try await withThrowingTaskGroup(of: (Int, [Pending]).self) { group in
            for (part, range) in [(0, 0..<half), (1, half..<entries.count)] where !range.isEmpty {
                let slice = Array(entries[range])
                group.addTask { (part, self.pending(slice, fresh: fresh)) }
            }
            var parts: [[Pending]] = [[], []]
            for try await (part, items) in group { parts[part] = items }
            return parts[0] + parts[1]
        }
        let window = self.storyWindowDays
        let t0 = ContinuousClock.now
        let decodeMicros = (t0 - decodeStart) / .microseconds(1) / Double(max(1, entries.count))
        defer {
            if IngestTimer.enabled {
                FileHandle.standardError.write(
                    Data(
                        "batch \(entries.count) \(ContinuousClock.now - t0) per doc: decode \(Int(decodeMicros))us writer CPU \(IngestTimer.writerCPU(docs: entries.count))us \(IngestTimer.report(docs: entries.count))\n"
                            .utf8))
            }
        }
        let results: [(Pending, Result<StoreStatus, any Error>)]
        do {
            results = try await self.derive(decoded, through: last, window: window, isolated: false)
        } catch {
            // A digest that cannot be derived rolled the whole batch back: again, each digest in a savepoint of its
            // own, so that the others are derived and it is reported.
            self.logger.warning("deriver: batch through seq \(last) failed (\(error)); deriving it digest by digest")
            results = try await self.derive(decoded, through: last, window: window, isolated: true)
        }
        self.commitTimer.record(duration: ContinuousClock.now - t0)
        self.batchSize.record(entries.count)
        for (item, result) in results {
            if case .failure(let error) = result {
                self.logger.error(
                    "deriver: document not derived", metadata: ["doc.id": "\(item.digest.doc)", "log.seq": "\(item.seq)", "error": "\(error)"])
            }
        }
        self.derived.advance(to: last)
        self.lagGauge.set(max(0, self.log.appendedThrough - last))
        self.search.ring()
        return true
    }

    /// Derives `decoded` (the log's entries through seq `last`) in one transaction, which also records `last` as
    /// derived. `isolated`: each digest in a savepoint, a digest that fails is reported and the others derived;
    /// otherwise any failure rolls the whole batch back (and throws).
    private func derive(
        _ decoded: [Pending], through last: Int64, window: Int, isolated: Bool
    ) async throws -> [(Pending, Result<StoreStatus, any Error>)] {
        try await self.pool.write { db in
            let cpu0 = IngestTimer.threadCPU()
            defer { IngestTimer.addWriterCPU(since: cpu0) }
            // Read in the transaction: entries another writer derived meanwhile are not derived twice.
            let through = try Int64.fetchOne(db, sql: "SELECT derivedThrough FROM derivation") ?? 0
            let todo = decoded.filter { $0.seq > through }
            let results = try self.writerCache.withLock { c in
                do {
                    return try Self.writeBatch(db, todo, window: window, isolated: isolated, log: self.log, cache: &c)
                } catch {
                    c.reset()  // the transaction rolls back: ids cached in it are void
                    throw error
                }
            }
            try db.execute(sql: "UPDATE derivation SET derivedThrough = ?", arguments: [max(through, last)])
            return Array(zip(todo, results))
        }
    }

    /// Log entries as the deriver takes them: the digest handed over in memory (``AppendLog/Handoff``) or decoded from
    /// its JSON, and its name keys.
    private func pending(_ entries: [AppendLog.Entry], fresh: [Int64: Digest]) -> [Pending] {
        let codec = LineCodec()
        var items: [Pending] = []
        items.reserveCapacity(entries.count)
        for e in entries {
            let digest: Digest
            if let f = fresh[e.seq] {
                digest = f
            } else {
                do {
                    digest = try codec.decode(Digest.self, from: Data(e.body.utf8), id: nil)
                } catch {
                    // The log holds what the aggregator encoded itself; an entry that does not decode is skipped, not
                    // retried forever.
                    self.logger.error("deriver: log entry \(e.seq) is not a readable digest: \(error)")
                    continue
                }
            }
            items.append(Pending(seq: e.seq, storedAt: e.appendedAt, digest: digest, keys: KeyMemo(digest)))
        }
        return items
    }

    /// One transaction. New documents' counters and aggregates are summed by key over the batch and written once per
    /// key at its end (``BatchDeltas``); before a replacement, which reads them, what the batch summed so far is
    /// written. `isolated`: each digest in its own savepoint (a statement journal per digest: only after a failure).
    private static func writeBatch(
        _ db: Database, _ items: [Pending], window: Int, isolated: Bool, log: AppendLog, cache: inout WriterCache
    ) throws -> [Result<StoreStatus, any Error>] {
        var results: [Result<StoreStatus, any Error>] = []
        results.reserveCapacity(items.count)
        var deltas = BatchDeltas()
        // The batch's name lookups by key, while the rows they read stay as they were (``ResolutionMemo``).
        let memo = ResolutionMemo()
        for item in items {
            let stored = try db.firstRow(
                "SELECT id, contentHash FROM document WHERE doc = ?", [item.digest.doc], { ($0.int64(0), $0.string(1)) })
            let replacing = stored.map { $0.1 != item.digest.contentHash } ?? false
            if replacing {
                try deltas.flush(db)
                memo.forgetAll()
            }
            defer { if replacing { memo.forgetAll() } }
            guard isolated else {
                let (status, added) = try self.write(
                    db, item, stored: stored, batch: deltas, memo: memo, window: window, log: log, cache: &cache)
                deltas.merge(added)
                results.append(.success(status))
                continue
            }
            var status = StoreStatus.new
            var ids = cache
            do {
                var added = BatchDeltas()
                try db.inSavepoint {
                    (status, added) = try self.write(
                        db, item, stored: stored, batch: deltas, memo: memo, window: window, log: log, cache: &ids)
                    return .commit
                }
                cache = ids
                deltas.merge(added)
                results.append(.success(status))
            } catch {
                cache.reset()  // rolled back: forget what this digest may have created
                memo.forgetAll()
                results.append(.failure(error))
            }
        }
        var t = IngestTimer.Lap()
        try deltas.flush(db)
        // In the batch's transaction: the packed relations and the actors' latest events change together with
        // what they copy.
        try Aggregates.flushRelationPacks(db)
        try Aggregates.flushActorRecent(db)
        t.lap(0)
        return results
    }

    /// One digest; `stored` is the stored version of its document (id, content hash), if any. Returns its status and,
    /// for a new document, what it adds to the batch's counters (``BatchDeltas``). `log` gives the stored version's
    /// digest when it is replaced.
    private static func write(
        _ db: Database, _ item: Pending, stored: (Int64, String)?, batch: BatchDeltas, memo: ResolutionMemo, window: Int,
        log: AppendLog, cache: inout WriterCache
    ) throws -> (StoreStatus, BatchDeltas) {
        let digest = item.digest
        let now = item.storedAt
        var ingest = Ingest(
            db: db, digest: digest, storyWindowDays: window, keys: item.keys, cache: cache, batch: batch, memo: memo)
        defer { cache = ingest.cache }
        if let (id, hash) = stored {
            if hash == digest.contentHash { return (.duplicate, BatchDeltas()) }
            let old = try ExportChanges.capture(db, documentId: id, log: log)  // the incremental export's view of it
            try ingest.removeDocument(id: id)
            try ingest.insert(logSeq: item.seq, storedAt: now)
            try ingest.finish()
            if let old { try ExportChanges.replaced(db, old: old, documentId: ingest.documentId, digest: digest) }
            return (.replaced, BatchDeltas())
        }
        try ingest.insert(logSeq: item.seq, storedAt: now)
        try ingest.finish()
        return (.new, ingest.deltas)
    }

    public func answer(_ kind: QueryKind, _ params: QueryParams, envelopeBytes: Int) async throws -> QueryAnswer {
        let limits = self.queryLimits
        let engine = QueryEngine(
            maxResultRows: self.maxResultRows, maxExportBytes: self.maxExportBytes,
            maxSearchMatches: self.maxSearchMatches,
            budget: PageBudget(bytes: limits.maxReplyBytes - QueryLimits.envelopeReserve - max(0, envelopeBytes)),
            maxSearchTerms: limits.maxSearchTerms, maxSearchExpansions: limits.maxSearchExpansions)
        if kind == .search || (kind == .events && params.text != nil) {
            // Read your writes: a search sees the documents stored before it, unless the index is more than
            // `searchWait` behind (then it answers from what is indexed).
            _ = try await self.waitForSearchIndex(timeout: self.searchWait)
        }
        var answer = try await self.pool.read { db in
            // In the query's read transaction: the seq its snapshot reflects.
            let asOf = try Int64.fetchOne(db, sql: "SELECT derivedThrough FROM derivation") ?? 0
            let result = try QueryDeadline.run(db, milliseconds: limits.maxQueryMilliseconds) {
                do {
                    return try engine.run(kind, params, db)
                } catch let error as DatabaseError where error.message?.hasPrefix("fts5:") == true {
                    // The query's text is quoted word by word, so this should not happen; if it does, it is
                    // the request's text that FTS5 could not read.
                    throw ErrorReply.badRequest("full-text query not understood: \(error.message ?? "")")
                }
            }
            return QueryAnswer(result: result, asOf: asOf)
        }
        // A reader can see a batch committed before its writer is back (SQLite checkpoints the WAL on the commit
        // path): what a snapshot shows is derived.
        self.derived.advance(to: answer.asOf)
        if kind == .stats, answer.result.stats != nil {
            let p = try await self.positions(derived: answer.asOf)
            let appended = max(p.appended, answer.asOf)
            answer.result.stats?.appended = appended
            answer.result.stats?.derived = answer.asOf
            answer.result.stats?.lagDocuments = Int(appended - answer.asOf)
            answer.result.stats?.lagSeconds = appended > answer.asOf ? p.lagSeconds : 0
        }
        return answer
    }
}

extension ErrorReply {
    static func notFound(_ message: String) -> ErrorReply { ErrorReply(id: nil, code: .notFound, message: message) }
    static func badRequest(_ message: String) -> ErrorReply { ErrorReply(id: nil, code: .badRequest, message: message) }
    static func tooExpensive(_ message: String) -> ErrorReply {
        ErrorReply(id: nil, code: .tooExpensive, message: message)
    }
}

/// Measurement aids of the store's writer, printed to standard error; both off by default. An executable
/// (a benchmark) that wants them passes them in explicitly: the store reads no environment variable.
public struct StoreDiagnostics: Sendable {
    /// Prints `SLOW <µs>us <sql>` for each writer statement that takes this many microseconds or more
    /// (`scripts/sql-profile.py` reads these lines). nil: off.
    public var slowStatementMicroseconds: Int?
    /// Prints, per committed batch, its size, its time and the writer's time per digest by phase.
    public var traceBatches: Bool

    public init(slowStatementMicroseconds: Int? = nil, traceBatches: Bool = false) {
        self.slowStatementMicroseconds = slowStatementMicroseconds
        self.traceBatches = traceBatches
    }

    /// Nothing printed.
    public static let off = StoreDiagnostics()
}

/// A log entry on its way into the knowledge base, decoded, with its name keys.
struct Pending: Sendable {
    /// Its seq in the log.
    let seq: Int64
    /// When it was appended (the document's `storedAt`).
    let storedAt: Int64
    let digest: Digest
    let keys: KeyMemo
}

/// What the writer remembers between transactions: ~200 state ids and the hot actors (a few thousand ids
/// even for millions of documents: actors with at least `hotThreshold` documents).
struct WriterCache {
    var stateIds: [String: Int64] = [:]
    var hot: Set<Int64>?
    var hotThreshold: Int
    /// Replacing a document recounts its actors with at most this many documents, and subtracts its
    /// contribution from larger ones (``OldContribution``).
    var recountLimit: Int

    init(hotThreshold: Int, recountLimit: Int) {
        self.hotThreshold = hotThreshold
        self.recountLimit = recountLimit
    }

    mutating func reset() {
        self.stateIds = [:]
        self.hot = nil
    }
}
