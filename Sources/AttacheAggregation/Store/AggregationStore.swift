import AttacheContracts
import Foundation
import GRDB
import Logging

/// What the aggregator needs from a store. Narrow on purpose, so that another backend (PostgreSQL) can
/// implement it.
public protocol AggregationStore: Sendable {
    /// Stores one digest in one transaction and returns after it has committed.
    /// `.new`: first time this document id is seen. `.duplicate`: same id and same `contentHash`: nothing
    /// changes. `.replaced`: same id, new hash: all its facts are replaced.
    func store(_ digest: Digest) async throws -> StoreStatus
    /// Answers a query. Throws ``ErrorReply`` with `NOT_FOUND`, `BAD_REQUEST` or `TOO_EXPENSIVE` for the client.
    func query(_ kind: QueryKind, _ params: QueryParams) async throws -> QueryResult
}

/// The SQLite store: a GRDB `DatabasePool` (WAL), versioned migrations, one transaction per digest.
public final class SQLiteAggregationStore: AggregationStore {
    let pool: DatabasePool
    /// Largest page a query may ask for; larger `limit`s are refused with `TOO_EXPENSIVE`.
    let maxResultRows: Int
    /// Events of the same type between the same states within this many days of a story's dates join it.
    let storyWindowDays: Int
    /// Budget for the text of one export page (a reply must fit in one wire line).
    let maxExportBytes: Int
    /// Full-text searches matching more sentences than this are refused (ranking them would cost too much).
    let maxSearchMatches: Int
    let logger: Logger

    /// Opens (creating if needed) the store at `path` and migrates it.
    public convenience init(path: String, maxResultRows: Int, logger: Logger) throws {
        try self.init(path: path, maxResultRows: maxResultRows, storyWindowDays: 3, logger: logger)
    }

    /// - Parameters:
    ///   - path: SQLite file (its `-wal` and `-shm` files live beside it).
    ///   - maxResultRows: the largest page (and profile list) a query may return.
    ///   - storyWindowDays: how far apart (in days) reports of one story may be dated.
    ///   - maxExportBytes: budget for the text of one export page.
    ///   - maxSearchMatches: full-text searches matching more sentences are refused with `TOO_EXPENSIVE`.
    ///   - busyTimeoutSeconds: how long a writer waits for another connection's lock.
    public init(
        path: String, maxResultRows: Int, storyWindowDays: Int, maxExportBytes: Int = 3 * 1024 * 1024,
        maxSearchMatches: Int = 200_000, busyTimeoutSeconds: Double = 10, logger: Logger
    ) throws {
        var config = Configuration()
        config.busyMode = .timeout(busyTimeoutSeconds)
        config.foreignKeysEnabled = true
        self.pool = try DatabasePool(path: path, configuration: config)
        self.maxResultRows = max(1, maxResultRows)
        self.storyWindowDays = max(0, storyWindowDays)
        self.maxExportBytes = max(64 * 1024, maxExportBytes)
        self.maxSearchMatches = maxSearchMatches
        self.logger = logger
        try Schema.migrator.migrate(self.pool)
    }

    public func store(_ digest: Digest) async throws -> StoreStatus {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = String(decoding: try encoder.encode(digest), as: UTF8.self)
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let window = self.storyWindowDays
        let status: StoreStatus = try await self.pool.write { db in
            if let row = try Row.fetchOne(
                db, sql: "SELECT id, contentHash FROM document WHERE doc = ?", arguments: [digest.doc])
            {
                let hash: String = row["contentHash"]
                if hash == digest.contentHash { return .duplicate }
                var ingest = Ingest(db: db, digest: digest, storyWindowDays: window)
                try ingest.removeDocument(id: row["id"])
                try ingest.insert(json: json, storedAt: now)
                try ingest.finish()
                return .replaced
            }
            var ingest = Ingest(db: db, digest: digest, storyWindowDays: window)
            try ingest.insert(json: json, storedAt: now)
            try ingest.finish()
            return .new
        }
        self.logger.debug(
            "digest stored",
            metadata: ["doc.id": "\(digest.doc)", "store.status": "\(status.rawValue)", "doc.events": "\(digest.events.count)"]
        )
        return status
    }

    public func query(_ kind: QueryKind, _ params: QueryParams) async throws -> QueryResult {
        let engine = QueryEngine(
            maxResultRows: self.maxResultRows, maxExportBytes: self.maxExportBytes,
            maxSearchMatches: self.maxSearchMatches)
        return try await self.pool.read { db in
            try engine.run(kind, params, db)
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
