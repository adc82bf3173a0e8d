import AttacheContracts
import Foundation
import GRDB
import Logging
import Metrics
import Synchronization

/// The full-text index of every stored sentence (SQLite FTS5), in a database file of its own beside the store
/// (`<store>-search`), written by its own connection on its own thread.
///
/// Why apart: FTS5 tokenizes at about 12 MB/s of text on this machine, ~0.3 ms for a typical digest's
/// sentences, as much as the whole knowledge-base write. In its own file it is written in parallel with the
/// store (SQLite allows one writer per file), so the store's writer never waits for it.
///
/// It is derived data: it *pulls* from the store. The store's `document` rows (each with its digest, read from
/// the append log by `document.logSeq`) are what it indexes; the index remembers the highest document id it has indexed (`meta.indexedThrough`) and the
/// last tombstone it has applied (`meta.tombstonesThrough`), in the same transaction as the rows it wrote. A
/// crash loses nothing: on restart it goes on from its watermarks. A replaced or deleted document leaves a
/// tombstone (`searchTombstone`, written by the store in the transaction that deletes it); the index deletes its
/// sentences when it reaches it. Rows whose document is gone are also never returned, since searches join the
/// live `document` table.
///
/// Row ids: `documentId << 16 | sentence index` (``rowid(document:sentence:)``).
final class SearchIndex: Sendable {
    /// Schema name the store's readers attach the index under.
    static let schema = "search"
    /// The index's vocabulary (an `fts5vocab` table over `sentenceFts`, one row per indexed word), which each
    /// reader creates in its temporary schema: full-text queries count the words their prefixes expand to.
    static let vocabulary = "temp.sentenceVocab"

    /// Makes ``vocabulary`` on a reader connection that has attached the index as ``schema``.
    static func createVocabulary(_ db: Database) throws {
        try db.execute(sql: "CREATE VIRTUAL TABLE IF NOT EXISTS \(Self.vocabulary) USING fts5vocab(\(Self.schema), sentenceFts, row)")
    }
    static func path(forStore path: String) -> String { path + "-search" }

    static func rowid(document: Int64, sentence: Int) -> Int64 { document << 16 | Int64(sentence & 0xFFFF) }

    /// The highest sentence index a row id can hold (16 bits: ``rowid(document:sentence:)``). A digest with a
    /// sentence past it is refused by ``checkAddressable(_:)`` before it is stored: indexed, it would collide
    /// with another sentence of the same document (or, skipped, be silently unsearchable).
    static let maxSentenceIndex = Limits.maxSentencesPerDocument - 1

    /// Refuses a digest whose sentences the index cannot address.
    /// - Throws: ``ErrorReply`` `DOCUMENT_TOO_LARGE` for a sentence index above ``maxSentenceIndex``,
    ///   `BAD_REQUEST` for a negative one.
    static func checkAddressable(_ digest: Digest) throws(ErrorReply) {
        for s in digest.sentences where s.index < 0 || s.index > Self.maxSentenceIndex {
            if s.index < 0 {
                throw ErrorReply(
                    id: nil, code: .badRequest, message: "document '\(digest.doc)' has a negative sentence index (\(s.index))")
            }
            throw ErrorReply(
                id: nil, code: .documentTooLarge,
                message: "document '\(digest.doc)' has a sentence numbered \(s.index); the aggregator takes sentences "
                    + "0 to \(Self.maxSentenceIndex) (at most \(Self.maxSentenceIndex + 1) per document)")
        }
    }

    private let writer: DatabaseQueue
    private let store: DatabasePool
    private let logger: Logger
    private let batch: Int
    /// Rung after every store commit; the indexer sleeps on it while there is nothing to index.
    private let bell = Doorbell()
    private let task: Mutex<Task<Void, Never>?> = Mutex(nil)
    /// The highest document id indexed so far.
    private let through = Atomic<Int64>(0)
    /// `attache_search_index_lag`: documents stored but not yet indexed, counted as document ids
    /// (the highest stored id less the highest indexed one; ids of documents replaced in between
    /// count too, so it is an upper bound). Measured by the indexer at each round.
    private let lagGauge = Meter(label: "attache_search_index_lag")

    /// Opens (creating) the index file, before the store's readers attach it.
    static func open(path: String) throws -> DatabaseQueue {
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            // NORMAL: the index is derived; a transaction lost in a power cut is redone from the watermarks.
            try db.execute(sql: "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536")
        }
        let writer = try DatabaseQueue(path: path, configuration: config)
        try writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(
                sql: """
                    CREATE VIRTUAL TABLE IF NOT EXISTS sentenceFts USING fts5(
                        text, tokenize='unicode61 remove_diacritics 2');
                    CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
                    INSERT OR IGNORE INTO meta VALUES ('indexedThrough', 0), ('tombstonesThrough', 0);
                    """)
        }
        return writer
    }

    /// Indexes `store` into `writer` (from ``open(path:)``). Call ``start()`` once the store's schema is migrated.
    init(writer: DatabaseQueue, store: DatabasePool, batch: Int = 512, logger: Logger) throws {
        self.writer = writer
        self.store = store
        self.batch = max(1, batch)
        self.logger = logger
        let through = try self.writer.read { db in
            try Int64.fetchOne(db, sql: "SELECT n FROM meta WHERE name = 'indexedThrough'") ?? 0
        }
        self.through.store(through, ordering: .relaxed)
    }

    deinit { self.task.withLock { $0?.cancel() } }

    /// Starts the background indexer (idempotent). It holds the index weakly and ends when the index is released.
    func start() {
        self.task.withLock { task in
            guard task == nil else { return }
            let bell = self.bell
            task = Task.detached(priority: .utility) { [weak self] in
                while !Task.isCancelled {
                    var failed = false
                    do {
                        guard let me = self else { return }
                        while try await me.step() {}
                    } catch {
                        failed = true
                        self?.logger.error("search index: \(error)")
                    }
                    // Asleep until the store commits: no CPU and no timer at rest (a ring is never lost, the bell
                    // remembers it; the deinit cancels this task). After an error, retried in a minute. (It woke
                    // every 60 s for one round of two reads, rest or not: the aggregator's clock tick in one of
                    // six 10-s windows at rest.)
                    await bell.wait(timeout: failed ? .seconds(60) : nil)
                }
            }
        }
    }

    /// Tells the indexer that the store committed something.
    func ring() { self.bell.ring() }

    var indexedThrough: Int64 { self.through.load(ordering: .acquiring) }

    /// Returns once every document with an id up to `documentId` is indexed, or after `timeout`.
    /// - Returns: whether the index caught up.
    func wait(through documentId: Int64, timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        self.ring()
        while self.indexedThrough < documentId {
            if ContinuousClock.now >= deadline { return false }
            try? await Task.sleep(for: .milliseconds(2))
        }
        return true
    }

    /// One round: tombstones first, then up to `batch` new documents. Returns whether it did anything.
    private func step() async throws -> Bool {
        let (through, tombs) = try await self.writer.read { db in
            (
                try Int64.fetchOne(db, sql: "SELECT n FROM meta WHERE name = 'indexedThrough'") ?? 0,
                try Int64.fetchOne(db, sql: "SELECT n FROM meta WHERE name = 'tombstonesThrough'") ?? 0
            )
        }
        let limit = self.batch
        let (dead, docs, stored) = try await self.store.read { db in
            (
                try Row.fetchAll(
                    db, sql: "SELECT seq, documentId FROM searchTombstone WHERE seq > ? ORDER BY seq LIMIT 10000",
                    arguments: [tombs]
                ).map { ($0[0] as Int64, $0[1] as Int64) },
                // Each document's digest is its log entry (`applog`, attached to the store's readers).
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT d.id, b.body FROM document d LEFT JOIN applog.entry b ON b.seq = d.logSeq
                        WHERE d.id > ? ORDER BY d.id LIMIT ?
                        """, arguments: [through, limit]
                ).map { ($0[0] as Int64, $0[1] as String?) },
                // The primary key's last entry: no scan.
                try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM document") ?? 0
            )
        }
        self.lagGauge.set(max(0, stored - through))
        if dead.isEmpty && docs.isEmpty { return false }
        // Decoding the sentences happens here, outside the write transaction.
        var rows: [(Int64, [SentenceText])] = []
        rows.reserveCapacity(docs.count)
        let codec = LineCodec()
        for (id, json) in docs {
            guard let json else {
                // The deriver stored the document from a log entry, which is never deleted; if it is not there, the
                // log was replaced: said, not retried forever.
                self.logger.error("search index: the digest of document #\(id) is not in the append log")
                rows.append((id, []))
                continue
            }
            do {
                let s = try codec.decode(Digest.self, from: Data(json.utf8), id: nil).sentences
                rows.append((id, s.map { SentenceText(index: $0.index, text: $0.text) }))
            } catch {
                // A stored digest is always valid JSON of the right shape (the store wrote it); if one is not,
                // it is skipped here, not retried forever.
                self.logger.error("search index: document #\(id) has no readable sentences: \(error)")
                rows.append((id, []))
            }
        }
        let decoded = rows
        let newThrough = docs.last?.0 ?? through
        let newTombs = dead.last?.0 ?? tombs
        try await self.writer.write { db in
            let del = try db.makeStatement(sql: "DELETE FROM sentenceFts WHERE rowid BETWEEN ? AND ?")
            for (_, doc) in dead {
                try del.execute(arguments: [SearchIndex.rowid(document: doc, sentence: 0), SearchIndex.rowid(document: doc, sentence: 0xFFFF)])
            }
            let ins = try db.makeStatement(sql: "INSERT OR REPLACE INTO sentenceFts (rowid, text) VALUES (?, ?)")
            for (id, sentences) in decoded {
                for s in sentences where s.index >= 0 && s.index <= 0xFFFF {
                    try ins.execute(arguments: [SearchIndex.rowid(document: id, sentence: s.index), s.text])
                }
            }
            try db.execute(
                sql: "UPDATE meta SET n = ? WHERE name = 'indexedThrough'; UPDATE meta SET n = ? WHERE name = 'tombstonesThrough'",
                arguments: [newThrough, newTombs])
        }
        self.through.store(newThrough, ordering: .releasing)
        self.lagGauge.set(max(0, stored - newThrough))
        return true
    }

    private struct SentenceText {
        var index: Int
        var text: String
    }
}
