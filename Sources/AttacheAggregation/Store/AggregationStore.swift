import AttacheContracts
import Foundation
import GRDB
import Logging
import Metrics
import Synchronization

/// What the aggregator needs from a store. Narrow on purpose, so that another backend (PostgreSQL) can
/// implement it.
public protocol AggregationStore: Sendable {
    /// Stores one digest in one transaction and returns after it has committed.
    /// `.new`: first time this document id is seen. `.duplicate`: same id and same `contentHash`: nothing
    /// changes. `.replaced`: same id, new hash: all its facts are replaced.
    func store(_ digest: Digest) async throws -> StoreStatus
    /// Answers a query whose reply line carries `envelopeBytes` besides the result and its fixed fields (the
    /// request's id): a page stops where the line would pass the store's reply budget, and gives its cursor.
    /// Throws ``ErrorReply`` with `NOT_FOUND`, `BAD_REQUEST` or `TOO_EXPENSIVE` for the client.
    func query(_ kind: QueryKind, _ params: QueryParams, envelopeBytes: Int) async throws -> QueryResult
}

extension AggregationStore {
    /// Answers a query for a reply whose id takes at most 64 bytes.
    public func query(_ kind: QueryKind, _ params: QueryParams) async throws -> QueryResult {
        try await self.query(kind, params, envelopeBytes: 64)
    }
}

/// The SQLite store: a GRDB `DatabasePool` (WAL), versioned migrations, group commit.
///
/// Concurrent `store` calls are queued and written by one writer, many digests per transaction (each in its
/// own savepoint, so one bad digest fails alone); every caller resumes only after the transaction holding its
/// digest has committed. `synchronous = FULL`: a commit is on disk (fsync of the WAL) before anyone is told,
/// so acknowledged digests survive a process crash and a power loss; group commit pays one fsync per batch.
public final class SQLiteAggregationStore: AggregationStore {
    let pool: DatabasePool
    /// Digests waiting for the writer, and whether a writer task is draining them.
    private let queue = Mutex(WriteQueue())
    /// Caches that live across transactions; only the writer touches them, inside `pool.write`.
    private let writerCache: Mutex<WriterCache>
    /// Actors with at least this many documents keep their "met most" counts up to date (`actorPair`); for the
    /// others a profile counts them on the spot, which costs about 1 ms per 100 documents (measured at 108k
    /// documents: 7-21 ms for an actor with 492), hence 100.
    let hotThreshold: Int
    /// Largest number of digests committed in one transaction.
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
    /// `attache_store_commit_duration_seconds`: one batch's write transaction, from asking for the
    /// writer to its commit.
    private let commitTimer = Metrics.Timer(label: "attache_store_commit_duration_seconds")
    /// `attache_store_commit_batch_size`: digests committed in one transaction.
    private let batchSize = Recorder(label: "attache_store_commit_batch_size", aggregate: true)

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
        // Migrations first, on a connection of their own whose temporary storage (statement journals of the
        // table rewrites) is on disk: with the pool's `temp_store = MEMORY`, v13 on a 1M-document store peaked
        // at 7 GB of RSS (1.25 GB at 108k documents; 0.28 GB with this connection).
        do {
            var migrationConfig = Configuration()
            migrationConfig.busyMode = .timeout(busyTimeoutSeconds)
            migrationConfig.foreignKeysEnabled = true
            migrationConfig.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = FULL; PRAGMA temp_store = FILE; PRAGMA cache_size = -\(writerCacheMiB * 1024)")
            }
            let migrationQueue = try DatabaseQueue(path: path, configuration: migrationConfig)
            try Schema.migrator.migrate(migrationQueue)
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
            }
        }
        self.pool = try DatabasePool(path: path, configuration: config)
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
    }

    /// Waits until the search index holds every document stored so far (tests, benchmarks), or `timeout`.
    public func waitForSearchIndex(timeout: Duration = .seconds(30)) async throws -> Bool {
        let last = try await self.pool.read { try Int64.fetchOne($0, sql: "SELECT MAX(id) FROM document") } ?? 0
        return await self.search.wait(through: last, timeout: timeout)
    }

    /// - Throws: ``ErrorReply`` `DOCUMENT_TOO_LARGE` when a sentence index is past what the search index can
    ///   address (``SearchIndex/maxSentenceIndex``): nothing is stored.
    public func store(_ digest: Digest) async throws -> StoreStatus {
        try SearchIndex.checkAddressable(digest)
        // Encoding and name keys are computed here, in the caller's task (in parallel), not by the writer.
        let json = String(decoding: try LineCodec().encode(digest), as: UTF8.self)
        let item = Pending(digest: digest, json: json, keys: KeyMemo(digest))
        let status = try await withCheckedThrowingContinuation { (c: CheckedContinuation<StoreStatus, any Error>) in
            let start = self.queue.withLock { q -> Bool in
                q.items.append((item, c))
                if q.draining { return false }
                q.draining = true
                return true
            }
            if start { Task { await self.drain() } }
        }
        self.logger.debug(
            "digest stored",
            metadata: ["doc.id": "\(digest.doc)", "store.status": "\(status.rawValue)", "doc.events": "\(digest.events.count)"]
        )
        return status
    }

    /// Writes queued digests, a batch per transaction, until the queue is empty.
    private func drain() async {
        while true {
            let batch = self.queue.withLock { q -> [(Pending, CheckedContinuation<StoreStatus, any Error>)] in
                let n = min(q.items.count, self.maxBatch)
                if n == 0 {
                    q.draining = false
                    return []
                }
                let b = Array(q.items.prefix(n))
                q.items.removeFirst(n)
                return b
            }
            if batch.isEmpty { return }
            let items = batch.map(\.0)
            let window = self.storyWindowDays
            let t0 = ContinuousClock.now
            defer {
                if IngestTimer.enabled {
                    FileHandle.standardError.write(
                        Data("batch \(batch.count) \(ContinuousClock.now - t0) per doc: \(IngestTimer.report(docs: batch.count))\n".utf8))
                }
            }
            do {
                let results = try await self.pool.write { db in
                    try self.writerCache.withLock { c in
                        do {
                            return try Self.writeBatch(db, items, window: window, cache: &c)
                        } catch {
                            c.reset()  // the transaction rolls back: ids cached in it are void
                            throw error
                        }
                    }
                }
                self.commitTimer.record(duration: ContinuousClock.now - t0)
                self.batchSize.record(batch.count)
                self.search.ring()
                for (i, r) in results.enumerated() { batch[i].1.resume(with: r) }
            } catch {
                self.writerCache.withLock { $0.reset() }
                for (_, c) in batch { c.resume(throwing: error) }
            }
        }
    }

    /// One transaction: each digest in its own savepoint.
    private static func writeBatch(
        _ db: Database, _ items: [Pending], window: Int, cache: inout WriterCache
    ) throws -> [Result<StoreStatus, any Error>] {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        var results: [Result<StoreStatus, any Error>] = []
        results.reserveCapacity(items.count)
        for item in items {
            var status = StoreStatus.new
            var ids = cache
            do {
                try db.inSavepoint {
                    status = try self.write(db, item, now: now, window: window, cache: &ids)
                    return .commit
                }
                cache = ids
                results.append(.success(status))
            } catch {
                cache.reset()  // rolled back: forget what this digest may have created
                results.append(.failure(error))
            }
        }
        // In the batch's transaction: the packed relations and the actors' latest events change together with
        // what they copy.
        try Aggregates.flushRelationPacks(db)
        try Aggregates.flushActorRecent(db)
        return results
    }

    private static func write(
        _ db: Database, _ item: Pending, now: Int64, window: Int, cache: inout WriterCache
    ) throws -> StoreStatus {
        let digest = item.digest
        var ingest = Ingest(db: db, digest: digest, storyWindowDays: window, keys: item.keys, cache: cache)
        defer { cache = ingest.cache }
        if let (id, hash) = try db.firstRow(
            "SELECT id, contentHash FROM document WHERE doc = ?", [digest.doc], { ($0.int64(0), $0.string(1)) })
        {
            if hash == digest.contentHash { return .duplicate }
            let old = try ExportChanges.capture(db, documentId: id)  // the incremental export's view of it
            try ingest.removeDocument(id: id)
            try ingest.insert(json: item.json, storedAt: now)
            try ingest.finish()
            if let old { try ExportChanges.replaced(db, old: old, documentId: ingest.documentId, digest: digest) }
            return .replaced
        }
        try ingest.insert(json: item.json, storedAt: now)
        try ingest.finish()
        return .new
    }

    public func query(_ kind: QueryKind, _ params: QueryParams, envelopeBytes: Int) async throws -> QueryResult {
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
        return try await self.pool.read { db in
            try QueryDeadline.run(db, milliseconds: limits.maxQueryMilliseconds) {
                do {
                    return try engine.run(kind, params, db)
                } catch let error as DatabaseError where error.message?.hasPrefix("fts5:") == true {
                    // The query's text is quoted word by word, so this should not happen; if it does, it is
                    // the request's text that FTS5 could not read.
                    throw ErrorReply.badRequest("full-text query not understood: \(error.message ?? "")")
                }
            }
        }
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

/// A digest waiting for the writer, with what the caller computed for it.
struct Pending: Sendable {
    let digest: Digest
    let json: String
    let keys: KeyMemo
}

struct WriteQueue {
    var items: [(Pending, CheckedContinuation<StoreStatus, any Error>)] = []
    var draining = false
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
