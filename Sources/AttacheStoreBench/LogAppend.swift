import AttacheAggregation
import AttacheContracts
import AttachePostgres
import Foundation
import Logging
import PostgresNIO

/// `attache-store-bench log-append --docs N [--inflight K] (--db PATH | --postgres URL [--logs L])`: the append log
/// alone, acknowledged appends per second (no derivation): the SQLite log (`PATH-log`, deleted first) or the shared
/// PostgreSQL log, with L logs of their own pools (as L aggregators would have) appending K/L at a time each.
/// The digests are generated and encoded before the clock starts. The PostgreSQL URL must name a schema of its own
/// (`schema=NAME`, not public): the benchmark drops and recreates it. The password: as the aggregator will read it
/// (`passwordFile=` in the URL, `ATTACHE_POSTGRES_PASSWORD` or `PGPASSWORD`).
func runLogAppend(world: World, seed: UInt64, logger: Logger) async throws {
    let opts = Options(CommandLine.arguments.dropFirst(2))
    let n = opts.int("docs", 20_000)
    let inflight = max(1, opts.int("inflight", 256))
    let codec = LineCodec()
    let clock = ContinuousClock()
    let g0 = clock.now
    let items: [(doc: String, hash: String, body: String)] = try (0..<n).map { i in
        let d = world.digest(i, seed: seed)
        return (d.doc, d.contentHash, String(decoding: try codec.encode(d), as: UTF8.self))
    }
    let bytes = items.reduce(0) { $0 + $1.body.utf8.count }
    print("\(n) digests generated and encoded (\(bytes / n) JSON bytes each) in \(f2(seconds(clock.now - g0))) s; load \(loadavg())")

    /// Appends every item of `slice` through `append`, `inflight` at a time.
    func drive(_ slice: ArraySlice<(doc: String, hash: String, body: String)>, inflight: Int,
               _ append: @escaping @Sendable (String, String, String) async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            var it = slice.makeIterator()
            for _ in 0..<inflight {
                guard let x = it.next() else { break }
                group.addTask { try await append(x.doc, x.hash, x.body) }
            }
            while try await group.next() != nil {
                if let x = it.next() { group.addTask { try await append(x.doc, x.hash, x.body) } }
            }
        }
    }

    if let url = opts.values["postgres"] {
        let config = try PostgresConfiguration(url: url, environment: ProcessInfo.processInfo.environment)
        guard config.schema != "public" else {
            print("give the benchmark a schema of its own (schema=NAME in the URL): it drops and recreates it")
            exit(2)
        }
        let logs = max(1, opts.int("logs", 1))
        let clients = try (0..<logs).map { _ in PostgresClient(configuration: try config.clientConfiguration(maxConnections: 4)) }
        try await withThrowingTaskGroup(of: Void.self) { running in
            for c in clients { running.addTask { await c.run() } }
            let admin = clients[0]
            try await admin.query(PostgresQuery(unsafeSQL: "DROP SCHEMA IF EXISTS \(config.schema) CASCADE"))
            try await PostgresMigrations.migrate(admin, schema: config.schema, logger: logger)
            let appendLogs = clients.map { PostgresAppendLog(client: $0, schema: config.schema, logger: logger) }
            print("PostgreSQL log \(config), \(logs) log(s) of their own pools, \(inflight) in flight in all")
            let t0 = clock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                let per = (n + logs - 1) / logs
                for (k, log) in appendLogs.enumerated() {
                    let slice = items[min(n, k * per)..<min(n, (k + 1) * per)]
                    group.addTask {
                        try await drive(slice, inflight: max(1, inflight / logs)) { doc, hash, body in
                            _ = try await log.append(doc: doc, contentHash: hash, body: body)
                        }
                    }
                }
                try await group.waitForAll()
            }
            let dt = seconds(clock.now - t0)
            let rows = try await admin.query("SELECT count(*)::int8, count(DISTINCT xmin::text)::int8 FROM log_entry")
            var entries: Int64 = 0, transactions: Int64 = 0
            for try await (e, t) in rows.decode((Int64, Int64).self) { (entries, transactions) = (e, t) }
            print(
                "appended \(n) in \(f2(dt)) s: \(Int(Double(n) / dt)) digests/s acknowledged; \(entries) entries in \(transactions) transactions (\(f1(Double(entries) / Double(max(transactions, 1)))) per transaction); load \(loadavg())"
            )
            running.cancelAll()
        }
    } else {
        let path = opts.string("db", "/tmp/attache-log-bench.sqlite") + "-log"
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let log = try AppendLog(path: path, maxBatch: opts.int("batch", 512), busyTimeoutSeconds: 10) { _ in }
        print("SQLite log \(path), \(inflight) in flight")
        let t0 = clock.now
        try await drive(items[...], inflight: inflight) { doc, hash, body in
            _ = try await log.append(AppendLog.Item(doc: doc, contentHash: hash, body: body))
        }
        let dt = seconds(clock.now - t0)
        print("appended \(n) in \(f2(dt)) s: \(Int(Double(n) / dt)) digests/s acknowledged; load \(loadavg())")
    }
}
