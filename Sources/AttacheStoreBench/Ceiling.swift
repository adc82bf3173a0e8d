import AttacheAggregation
import Foundation
import GRDB
import GRDBSQLite
import Logging

/// `attache-store-bench ceiling --db SRC [--out DEST] [--per-row 1 [--raw 1]]`: the most any ingest design could
/// reach on this schema and engine. Every row of a stored knowledge base (SRC) is written once into an empty store of the same
/// schema (DEST, migrated by ``SQLiteAggregationStore``), table by table in key order, in ONE transaction with
/// one fsync, with the store's indexes, triggers, foreign keys and `synchronous = FULL`: no lookups, no
/// upserts, no row written twice, no per-digest commit. An ingest path that must also resolve actors, find
/// stories and commit in groups cannot be faster than this, so the rate it prints bounds any redesign that
/// keeps this schema on one SQLite writer.
func runCeiling() throws {
    let opts = Options(CommandLine.arguments.dropFirst(2))
    let source = opts.string("db", "/tmp/attache-store-bench.sqlite")
    let dest = opts.string("out", "/tmp/attache-ceiling.sqlite")
    // `--per-row 1`: one statement execution per row instead of one `INSERT … SELECT` per table.
    let perRow = opts.int("per-row", 0) != 0
    // `--raw 1` (with `--per-row 1`): bind and step each row through SQLite's C API instead of GRDB's
    // `execute(arguments:)`, as the writer does (``Statement.run``): the difference is GRDB's cost per statement.
    let raw = opts.int("raw", 0) != 0
    guard FileManager.default.fileExists(atPath: source) else {
        print("no store at \(source)")
        exit(2)
    }
    for suffix in ["", "-wal", "-shm", "-search", "-search-wal", "-search-shm"] {
        try? FileManager.default.removeItem(atPath: dest + suffix)
    }
    // The empty store: the same migrations as production.
    do {
        var quiet = Logger(label: "ceiling")
        quiet.logLevel = .error
        _ = try SQLiteAggregationStore(path: dest, maxResultRows: 1000, logger: quiet)
    }
    var config = Configuration()
    config.foreignKeysEnabled = true
    config.prepareDatabase { db in
        // The aggregator writer's settings (``SQLiteAggregationStore``).
        try db.execute(sql: "PRAGMA synchronous = FULL; PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY")
    }
    let queue = try DatabaseQueue(path: dest, configuration: config)
    try queue.writeWithoutTransaction { db in
        try db.execute(sql: "ATTACH DATABASE ? AS src", arguments: [source])
        let docs = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM src.document") ?? 0
        guard docs > 0 else {
            print("the store at \(source) holds no document")
            exit(2)
        }
        // Bookkeeping tables are not knowledge: the migrations' log and the counters (kept by triggers here).
        let skip: Set<String> = ["grdb_migrations", "counter"]
        let tables = try String.fetchAll(
            db, sql: "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        ).filter { !skip.contains($0) }
        // Parents before children, so that every foreign key finds its row.
        var parents: [String: Set<String>] = [:]
        for t in tables {
            parents[t] = Set(try Row.fetchAll(db, sql: "PRAGMA main.foreign_key_list(\(t))").map { $0["table"] as String })
                .subtracting([t])
        }
        var ordered: [String] = []
        var left = tables
        while !left.isEmpty {
            let ready = left.filter { parents[$0, default: []].isSubset(of: Set(ordered)) }
            guard !ready.isEmpty else { throw DatabaseError(message: "foreign keys form a cycle among \(left)") }
            ordered += ready
            left.removeAll { ready.contains($0) }
        }
        print(
            "ceiling: the knowledge base of \(docs) documents in \(source), rewritten into \(dest) in one transaction"
                + (perRow ? ", one INSERT execution per row (reading them back out of the source not counted)" : ""))
        print("\(pad("table", 18)) \(lpad("rows", 10)) \(lpad("rows/doc", 9)) \(lpad("µs/doc", 8)) \(lpad("share", 6))")
        let clock = ContinuousClock()
        var costs: [(table: String, rows: Int, time: Duration)] = []
        let cpu0 = cpuSeconds()
        try db.execute(sql: "BEGIN IMMEDIATE")
        for t in ordered {
            let columns = try Row.fetchAll(db, sql: "PRAGMA main.table_info(\(t))").map { "\"\($0["name"] as String)\"" }
                .joined(separator: ", ")
            let rows = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM src.\(t)") ?? 0
            if perRow {
                // Each row through its own execution of a prepared INSERT, as code deriving the rows would
                // write them; the time to read them back out of the source is measured and taken off.
                let n = try Row.fetchAll(db, sql: "PRAGMA main.table_info(\(t))").count
                let insert = try db.makeStatement(
                    sql: "INSERT INTO main.\(t) (\(columns)) VALUES (\(Array(repeating: "?", count: n).joined(separator: ", ")))")
                let r0 = clock.now
                let scan = try Row.fetchCursor(db, sql: "SELECT \(columns) FROM src.\(t)")
                while try scan.next() != nil {}
                let readTime = clock.now - r0
                let s = clock.now
                let cursor = try Row.fetchCursor(db, sql: "SELECT \(columns) FROM src.\(t)")
                if raw {
                    let h = insert.sqliteStatement
                    let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
                    while let row = try cursor.next() {
                        sqlite3_reset(h)
                        for (i, v) in row.databaseValues.enumerated() {
                            let c = Int32(i + 1)
                            switch v.storage {
                            case .null: sqlite3_bind_null(h, c)
                            case .int64(let x): sqlite3_bind_int64(h, c, x)
                            case .double(let x): sqlite3_bind_double(h, c, x)
                            case .string(let x): sqlite3_bind_text(h, c, x, -1, transient)
                            case .blob(let d): _ = d.withUnsafeBytes { sqlite3_bind_blob(h, c, $0.baseAddress, Int32($0.count), transient) }
                            }
                        }
                        let rc = sqlite3_step(h)
                        guard rc == SQLITE_DONE else { throw DatabaseError(resultCode: ResultCode(rawValue: rc), message: String(cString: sqlite3_errmsg(db.sqliteConnection))) }
                    }
                    sqlite3_reset(h)
                } else {
                    while let row = try cursor.next() {
                        try insert.execute(arguments: StatementArguments(row.databaseValues))
                    }
                }
                costs.append((t, rows, clock.now - s - readTime))
            } else {
                let s = clock.now
                try db.execute(sql: "INSERT INTO main.\(t) (\(columns)) SELECT \(columns) FROM src.\(t)")
                costs.append((t, rows, clock.now - s))
            }
        }
        let c = clock.now
        try db.execute(sql: "COMMIT")
        costs.append(("(commit)", 0, clock.now - c))
        let total = costs.reduce(Duration.zero) { $0 + $1.time }
        // CPU time includes the source reads in `--per-row` mode, so it is shown for the set-based copy only.
        let cpu = perRow ? "" : " (CPU \(f1((cpuSeconds() - cpu0) * 1e6 / Double(docs))))"
        for x in costs.sorted(by: { $0.time > $1.time }) where x.rows > 0 || x.table == "(commit)" {
            let us = seconds(x.time) * 1e6 / Double(docs)
            print(
                "\(pad(x.table, 18)) \(lpad(String(x.rows), 10)) \(lpad(f1(Double(x.rows) / Double(docs)), 9)) \(lpad(f1(us), 8)) \(lpad(String(Int((seconds(x.time) / seconds(total) * 100).rounded())) + "%", 6))"
            )
        }
        let perDoc = seconds(total) / Double(docs)
        print(
            "total \(f1(perDoc * 1e6)) µs/doc\(cpu): at most \(Int(1 / perDoc)) digests/s on this schema and one writer; load \(loadavg())"
        )
    }
}
