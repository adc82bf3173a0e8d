import AttachePostgres
import Foundation
import PostgresNIO
import Testing

/// Migrations and connections against a real PostgreSQL (``TestDatabase``).
@Suite(.timeLimit(.minutes(2))) struct PostgresMigrationTests {
    @Test func migrationsApplyOnceAndAreIdempotent() async throws {
        try await TestDatabase.withSchema { config in
            try await TestDatabase.withClient(config) { client in
                let first = try await PostgresMigrations.migrate(client, schema: config.schema, logger: TestDatabase.logger)
                #expect(first == PostgresMigrations.all.map(\.version))
                let again = try await PostgresMigrations.migrate(client, schema: config.schema, logger: TestDatabase.logger)
                #expect(again.isEmpty)
                let versions = try await TestDatabase.scalar(client, "SELECT count(*) FROM \(config.schema).schema_version", as: Int.self)
                #expect(versions == PostgresMigrations.all.count)
                #expect(try await TestDatabase.scalar(client, "SELECT seq FROM log_head", as: Int64.self) == 0)
                #expect(try await TestDatabase.scalar(client, "SELECT derived_through FROM derivation", as: Int64.self) == 0)
            }
        }
    }

    /// Two aggregators starting at once (two pools): one applies the migrations, the other waits for its lock and
    /// finds them applied; nothing is applied twice, neither fails.
    @Test func twoMigratorsAtOnceAreSafe() async throws {
        try await TestDatabase.withSchema { config in
            for _ in 0..<3 {
                let results = try await withThrowingTaskGroup(of: [Int].self) { group in
                    for _ in 0..<2 {
                        group.addTask {
                            try await TestDatabase.withClient(config, maxConnections: 1) { client in
                                try await PostgresMigrations.migrate(client, schema: config.schema, logger: TestDatabase.logger)
                            }
                        }
                    }
                    var all: [[Int]] = []
                    for try await r in group { all.append(r) }
                    return all
                }
                #expect(results.flatMap { $0 }.count <= PostgresMigrations.all.count)
            }
            try await TestDatabase.withClient(config) { client in
                let versions = try await TestDatabase.scalar(client, "SELECT count(*) FROM \(config.schema).schema_version", as: Int.self)
                #expect(versions == PostgresMigrations.all.count)
                #expect(try await TestDatabase.scalar(client, "SELECT count(*) FROM log_head", as: Int.self) == 1)
            }
        }
    }

    /// A fresh schema, migrated by two pools at once from nothing (the schema itself created by the migration).
    @Test func twoMigratorsOnAFreshSchema() async throws {
        var config = try TestDatabase.configuration()
        config.schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        let target = config
        let applied = try await withThrowingTaskGroup(of: [Int].self) { group in
            for _ in 0..<2 {
                group.addTask {
                    try await TestDatabase.withClient(target, maxConnections: 1) { client in
                        try await PostgresMigrations.migrate(client, schema: target.schema, logger: TestDatabase.logger)
                    }
                }
            }
            var all: [Int] = []
            for try await r in group { all += r }
            return all
        }
        #expect(applied.sorted() == PostgresMigrations.all.map(\.version))
        var admin = config
        admin.schema = "public"
        try await TestDatabase.withClient(admin, maxConnections: 1) { client in
            try await client.query(PostgresQuery(unsafeSQL: "DROP SCHEMA \(target.schema) CASCADE"))
        }
    }

    @Test func refusesASchemaNewerThanItKnows() async throws {
        try await TestDatabase.withSchema { config in
            try await TestDatabase.withClient(config) { client in
                try await PostgresMigrations.migrate(client, schema: config.schema, logger: TestDatabase.logger)
                try await client.query(
                    PostgresQuery(unsafeSQL: "INSERT INTO \(config.schema).schema_version (version, description) VALUES (999, 'future')"))
                let error = await #expect(throws: PostgresStoreError.self) {
                    try await PostgresMigrations.migrate(client, schema: config.schema, logger: TestDatabase.logger)
                }
                #expect(error?.message.contains("999") == true)
            }
        }
    }

    /// TLS to PostgreSQL: `require` encrypts; `verify-full` with the server's CA verifies its certificate (IP SAN
    /// 127.0.0.1); `verify-full` against the system's roots refuses the test CA's certificate.
    @Test func tlsModesAgainstTheServer() async throws {
        let base = try TestDatabase.configuration()
        let ca = try #require(
            TestDatabase.environment["ATTACHE_TEST_POSTGRES_CA"], "ATTACHE_TEST_POSTGRES_CA is not set (scripts/test-postgres.sh start sets it)")
        let environment = TestDatabase.environment
        let url = try #require(environment[TestDatabase.variable]).replacingOccurrences(of: "sslmode=disable", with: "sslmode=SSLMODE")
        #expect(url.contains("SSLMODE"))
        #expect(base.sslMode == .disable)
        for mode in ["require", "verify-ca&sslrootcert=\(ca)", "verify-full&sslrootcert=\(ca)", "disable"] {
            let config = try PostgresConfiguration(url: url.replacingOccurrences(of: "SSLMODE", with: mode), environment: environment)
            let ssl = try await TestDatabase.withClient(config, maxConnections: 1) { client in
                try await TestDatabase.scalar(client, "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", as: Bool.self)
            }
            #expect(ssl == (mode != "disable"), "sslmode=\(mode)")
        }
        // One connection, not a pool (a pool retries a failing connection until its circuit breaker trips).
        let untrusted = try PostgresConfiguration(url: url.replacingOccurrences(of: "SSLMODE", with: "verify-full"), environment: environment)
        await #expect(throws: (any Error).self) {
            let connection = try await PostgresConnection.connect(
                configuration: try untrusted.connectionConfiguration(), id: 1, logger: TestDatabase.logger)
            try await connection.close()
        }
        let trusted = try PostgresConfiguration(
            url: url.replacingOccurrences(of: "SSLMODE", with: "verify-full&sslrootcert=\(ca)"), environment: environment)
        let connection = try await PostgresConnection.connect(
            configuration: try trusted.connectionConfiguration(), id: 2, logger: TestDatabase.logger)
        let rows = try await connection.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", logger: TestDatabase.logger)
        var ssl = false
        for try await (on) in rows.decode(Bool.self) { ssl = on }
        #expect(ssl)
        try await connection.close()
    }
}
