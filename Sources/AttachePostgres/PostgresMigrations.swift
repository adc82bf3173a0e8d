import Logging
import PostgresNIO

/// The PostgreSQL store's schema, in versions: each migration is frozen SQL (never edited once released; a change is
/// a new version), applied in a transaction of its own together with its row in `schema_version`.
///
/// Several aggregators may start at once on one database: ``migrate(_:schema:logger:timeout:)`` holds a session
/// advisory lock (one per schema) on one connection while it reads `schema_version` and applies what is missing, so a
/// second migrator waits, then finds everything applied. A migrator that dies mid-way loses its connection, hence its
/// lock; the migration it was applying rolls back.
public enum PostgresMigrations {
    /// One version of the schema: its statements, run in order in one transaction.
    public struct Migration: Sendable {
        public let version: Int
        public let description: String
        public let statements: [String]
    }

    /// First key of the migrations' advisory lock (`pg_try_advisory_lock(key, hashtext(schema))`): "Atta".
    static let lockKey: Int32 = 0x4174_7461

    /// Every migration, in version order. Frozen: append, never edit.
    public static let all: [Migration] = [
        Migration(
            version: 1,
            description: "append log (log_head, log_entry) and derivation lease",
            statements: [
                // The log's head: the last seq committed. An append takes its seqs by updating this one row, which
                // serializes the appenders of every aggregator (see PostgresAppendLog: no holes, ever).
                """
                CREATE TABLE log_head (
                    id smallint PRIMARY KEY CHECK (id = 1),
                    seq bigint NOT NULL CHECK (seq >= 0))
                """,
                "INSERT INTO log_head (id, seq) VALUES (1, 0)",
                // The log: every accepted digest, its document id and content hash, when it was appended (epoch ms)
                // and its JSON.
                """
                CREATE TABLE log_entry (
                    seq bigint PRIMARY KEY CHECK (seq > 0),
                    doc text NOT NULL,
                    content_hash text NOT NULL,
                    appended_at bigint NOT NULL,
                    body text NOT NULL)
                """,
                // The latest entry of a document (the status of an append is decided against it).
                "CREATE INDEX log_entry_doc ON log_entry (doc, seq)",
                // Where the derivation stands and who may derive: the lease (holder, epoch, until) and the last seq
                // derived, advanced in the transaction that writes a batch's derived rows after checking the lease.
                """
                CREATE TABLE derivation (
                    id smallint PRIMARY KEY CHECK (id = 1),
                    derived_through bigint NOT NULL CHECK (derived_through >= 0),
                    holder text,
                    epoch bigint NOT NULL,
                    lease_until timestamptz)
                """,
                "INSERT INTO derivation (id, derived_through, holder, epoch, lease_until) VALUES (1, 0, NULL, 0, NULL)",
            ]),
    ]

    /// The version the schema reaches with every migration applied.
    public static var latestVersion: Int { Self.all.last?.version ?? 0 }

    /// Applies the migrations missing from `schema` (created if needed), each in its own transaction, under the
    /// schema's advisory lock.
    /// - Parameters:
    ///   - schema: a plain identifier (``PostgresConfiguration/schema``).
    ///   - timeout: how long to wait for another migrator's lock.
    /// - Returns: the versions applied now (empty when the schema was up to date).
    /// - Throws: ``PostgresStoreError`` when the lock is not had in time, or the schema is newer than this release
    ///   knows; PostgreSQL's errors otherwise (the failed migration rolled back).
    @discardableResult
    public static func migrate(
        _ client: PostgresClient, schema: String, logger: Logger, timeout: Duration = .seconds(60)
    ) async throws -> [Int] {
        guard PostgresConfiguration.isPlainIdentifier(schema) else { throw PostgresStoreError("schema '\(schema)' is not a plain identifier") }
        return try await client.withConnection { connection in
            try await Self.lock(connection, schema: schema, logger: logger, timeout: timeout)
            do {
                let applied = try await Self.apply(connection, schema: schema, logger: logger)
                try await connection.query("SELECT pg_advisory_unlock(\(Self.lockKey), hashtext(\(schema)))", logger: logger)
                return applied
            } catch {
                // Also released when the connection closes; a failed unlock (connection gone) changes nothing.
                _ = try? await connection.query("SELECT pg_advisory_unlock(\(Self.lockKey), hashtext(\(schema)))", logger: logger)
                throw error
            }
        }
    }

    /// Waits (polling, bounded) for the schema's migration lock. Polled rather than waited for in PostgreSQL, so that
    /// the wait is bounded without changing the pooled connection's `lock_timeout`.
    private static func lock(_ connection: PostgresConnection, schema: String, logger: Logger, timeout: Duration) async throws {
        let deadline = ContinuousClock.now + timeout
        var logged = false
        while true {
            let rows = try await connection.query(
                "SELECT pg_try_advisory_lock(\(Self.lockKey), hashtext(\(schema)))", logger: logger)
            var got = false
            for try await (ok) in rows.decode(Bool.self) { got = ok }
            if got { return }
            if ContinuousClock.now >= deadline {
                throw PostgresStoreError("another process held the migration lock of schema '\(schema)' for more than \(timeout)")
            }
            if !logged {
                logger.info("waiting for another process's migration", metadata: ["db.schema": "\(schema)"])
                logged = true
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    private static func apply(_ connection: PostgresConnection, schema: String, logger: Logger) async throws -> [Int] {
        // `schema` is a plain identifier (checked by the caller): safe to write into the SQL.
        if schema != "public" {
            try await connection.query(PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \(schema)"), logger: logger)
        }
        try await connection.query(
            PostgresQuery(
                unsafeSQL: """
                    CREATE TABLE IF NOT EXISTS \(schema).schema_version (
                        version integer PRIMARY KEY, description text NOT NULL,
                        applied_at timestamptz NOT NULL DEFAULT clock_timestamp())
                    """), logger: logger)
        var known = Set<Int>()
        let rows = try await connection.query(PostgresQuery(unsafeSQL: "SELECT version FROM \(schema).schema_version"), logger: logger)
        for try await (version) in rows.decode(Int.self) { known.insert(version) }
        if let newest = known.max(), newest > Self.latestVersion {
            throw PostgresStoreError(
                "schema '\(schema)' is at version \(newest), newer than this release knows (\(Self.latestVersion)): run a newer release")
        }
        var applied: [Int] = []
        for migration in Self.all where !known.contains(migration.version) {
            let start = ContinuousClock.now
            try await connection.withTransaction(logger: logger) { tx in
                try await tx.query(PostgresQuery(unsafeSQL: "SET LOCAL search_path TO \(schema)"), logger: logger)
                for statement in migration.statements {
                    try await tx.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await tx.query(
                    "INSERT INTO schema_version (version, description) VALUES (\(migration.version), \(migration.description))",
                    logger: logger)
            }
            applied.append(migration.version)
            logger.notice(
                "PostgreSQL migration applied",
                metadata: [
                    "db.schema": "\(schema)", "db.version": "\(migration.version)", "db.duration": "\(ContinuousClock.now - start)",
                ])
        }
        return applied
    }
}

/// The PostgreSQL store refused something, or could not do it; the message says which and why.
public struct PostgresStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    init(_ message: String) { self.message = message }
    public var description: String { self.message }

    /// The error a transaction's closure threw, when the transaction rolled back cleanly (postgres-nio wraps it in a
    /// `PostgresTransactionError`); `error` itself otherwise.
    static func unwrapped(_ error: any Error) -> any Error {
        if let tx = error as? PostgresTransactionError, let inner = tx.closureError, tx.rollbackError == nil { return inner }
        return error
    }
}
