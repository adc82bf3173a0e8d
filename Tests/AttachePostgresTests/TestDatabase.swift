import AttachePostgres
import Foundation
import Logging
import PostgresNIO
import Testing

/// The PostgreSQL the tests run against: the URL in `ATTACHE_TEST_POSTGRES`. When it is not set, the tests start one
/// themselves with `scripts/test-postgres.sh start` (as CI does before `swift test`; it installs Debian's postgresql
/// when missing and leaves the server running for the next run: `scripts/test-postgres.sh stop` stops it), so the
/// README's `swift test` is all a developer runs. Each test works in a fresh schema of its own, dropped at its end, so
/// tests run in parallel. Without a server the tests FAIL: they never pass silently.
enum TestDatabase {
    static let variable = "ATTACHE_TEST_POSTGRES"
    static let logger = Logger(label: "attache.postgres.tests", factory: { _ in SwiftLogNoOpLogHandler() })

    /// The process's environment, with the test server's variables (`ATTACHE_TEST_POSTGRES`,
    /// `ATTACHE_TEST_POSTGRES_CA`) from `scripts/test-postgres.sh start` when the process was given none. Started once
    /// per test process.
    static let environment: [String: String] = {
        var environment = ProcessInfo.processInfo.environment
        guard environment[variable] == nil else { return environment }
        // Tests/AttachePostgresTests/TestDatabase.swift → the repository's scripts/
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let script = root.appendingPathComponent("scripts/test-postgres.sh").path
        // (libc's system(), not Foundation's Process: waitUntilExit never returned inside the test runner's executor)
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("attache-test-postgres-\(getpid()).env").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        guard system("/bin/bash '\(script)' start > '\(out)'") == 0, let data = FileManager.default.contents(atPath: out) else {
            return environment
        }
        // lines "export NAME='value'"
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            guard line.hasPrefix("export "), let eq = line.firstIndex(of: "=") else { continue }
            let name = String(line[line.index(line.startIndex, offsetBy: 7)..<eq])
            let value = String(line[line.index(after: eq)...]).trimmingCharacters(in: CharacterSet(charactersIn: "'"))
            environment[name] = value
        }
        return environment
    }()

    /// The test server's configuration (schema `public`).
    static func configuration() throws -> PostgresConfiguration {
        let url = try #require(
            environment[Self.variable],
            """
            \(Self.variable) is not set and scripts/test-postgres.sh could not start a server: the PostgreSQL store's \
            tests need one. Start it with eval "$(scripts/test-postgres.sh start)" (CI does), or point \(Self.variable) \
            at a database of yours.
            """)
        return try PostgresConfiguration(url: url, environment: environment)
    }

    /// Runs `body` with the configuration of a new, empty schema (not migrated), dropped afterwards.
    static func withSchema<T: Sendable>(_ body: @Sendable (PostgresConfiguration) async throws -> T) async throws -> T {
        var config = try Self.configuration()
        let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
        try await Self.withClient(config, maxConnections: 1) { admin in
            try await admin.query(PostgresQuery(unsafeSQL: "CREATE SCHEMA \(schema)"))
        }
        config.schema = schema
        let result: Result<T, any Error>
        do { result = .success(try await body(config)) } catch { result = .failure(error) }
        var admin = config
        admin.schema = "public"
        try await Self.withClient(admin, maxConnections: 1) { client in
            try await client.query(PostgresQuery(unsafeSQL: "DROP SCHEMA \(schema) CASCADE"))
        }
        return try result.get()
    }

    /// Runs `body` with a running client of `config` (as one aggregator would have: its own pool), closed afterwards.
    @discardableResult
    static func withClient<T: Sendable>(
        _ config: PostgresConfiguration, maxConnections: Int = 4, _ body: @Sendable (PostgresClient) async throws -> T
    ) async throws -> T {
        let client = PostgresClient(configuration: try config.clientConfiguration(maxConnections: maxConnections), backgroundLogger: Self.logger)
        // The pool runs apart from the caller's cancellation: cancelled with the caller (a failing test cancels its
        // siblings), it would close under transactions still in flight, and the appends waiting on them would never
        // return. It is stopped once `body` has returned or thrown.
        let run = Task { await client.run() }
        let result: Result<T, any Error>
        do { result = .success(try await body(client)) } catch { result = .failure(error) }
        run.cancel()
        await run.value
        return try result.get()
    }

    /// A client of a new schema, migrated.
    static func withMigratedSchema<T: Sendable>(_ body: @Sendable (PostgresConfiguration, PostgresClient) async throws -> T) async throws -> T {
        try await Self.withSchema { config in
            try await Self.withClient(config) { client in
                try await PostgresMigrations.migrate(client, schema: config.schema, logger: Self.logger)
                return try await body(config, client)
            }
        }
    }

    /// The first column of the first row of `sql` (tests' checks).
    static func scalar<T: PostgresDecodable & Sendable>(_ client: PostgresClient, _ sql: String, as: T.Type = T.self) async throws -> T? {
        let rows = try await client.query(PostgresQuery(unsafeSQL: sql))
        for try await (value) in rows.decode(T.self) { return value }
        return nil
    }
}
