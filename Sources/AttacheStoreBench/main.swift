import AttacheAggregation
import AttacheContracts
import CSQLiteSetup
import Foundation
import GRDB
import Logging

// attache-store-bench: ingest rate and query latencies of the aggregator's store at scale.
//
//   attache-store-bench gen --docs N                      generation speed alone (to subtract)
//   attache-store-bench ingest --docs N --db PATH [--start S] [--inflight K] [--batch B] [--window W]
//   attache-store-bench query --db PATH [--clients 16] [--seconds S]
//   attache-store-bench derive --log LOG --db PATH         derives a copy of an append log (LOG, e.g. a store kept
//                                                          by `attache-system-bench e2e --keep-store S`: S-log) afresh
//   attache-store-bench ceiling --db PATH [--out DEST] [--per-row 1 [--raw 1]]   the most ingest can reach here
//   attache-store-bench log-append --docs N [--inflight K] (--db PATH | --postgres URL [--logs L])
//                                                          the append log alone: SQLite's, or the shared PostgreSQL
//                                                          log with L pools appending at once (LogAppend.swift)
//
// Digests are synthetic but shaped like the extractor's: Zipf-popular persons (with and without diacritics,
// ranks, one-word short forms), organizations with acronyms, ~190 states, 5-30 sentences, 2-10 events of
// every PLOVER type dated over eleven years. Deterministic for a seed.

struct Options {
    var values: [String: String] = [:]
    init(_ args: ArraySlice<String>) {
        var it = args.makeIterator()
        while let a = it.next() {
            if a.hasPrefix("--") { self.values[String(a.dropFirst(2))] = it.next() ?? "" }
        }
    }
    func int(_ k: String, _ d: Int) -> Int { self.values[k].flatMap { Int($0.replacingOccurrences(of: "_", with: "")) } ?? d }
    func string(_ k: String, _ d: String) -> String { self.values[k] ?? d }
}

/// The number after `key` on its line of a /proc file (`VmRSS:   1234 kB`, `wchar: 5678`), 0 if absent.
func procValue(_ file: String, _ key: String) -> Double {
    guard let s = try? String(contentsOfFile: file, encoding: .utf8) else { return 0 }
    for line in s.split(separator: "\n") where line.hasPrefix(key) {
        return line.split(separator: " ").dropFirst().first.flatMap { Double($0) } ?? 0
    }
    return 0
}

func rssMiB() -> Double { procValue("/proc/self/status", "VmRSS:") / 1024 }

func fileBytes(_ path: String) -> Int64 {
    var total: Int64 = 0
    // The store and its search index (``SearchIndex``: `<path>-search`), with their WAL files.
    // The append log (``AppendLog``: `<path>-log`) too.
    for p in [path, path + "-wal", path + "-shm", path + "-search", path + "-search-wal", path + "-search-shm", path + "-log", path + "-log-wal", path + "-log-shm"] {
        if let a = try? FileManager.default.attributesOfItem(atPath: p), let n = a[.size] as? NSNumber { total += n.int64Value }
    }
    return total
}

/// User + system CPU seconds of this process so far.
func cpuSeconds() -> Double {
    var u = rusage()
    getrusage(RUSAGE_SELF.rawValue, &u)
    return Double(u.ru_utime.tv_sec) + Double(u.ru_utime.tv_usec) / 1e6 + Double(u.ru_stime.tv_sec)
        + Double(u.ru_stime.tv_usec) / 1e6
}

/// Bytes this process has passed to `write` so far (`wchar` in /proc/self/io): the store's WAL appends and
/// checkpoints, and the search index's.
func bytesWritten() -> Int64 { Int64(procValue("/proc/self/io", "wchar:")) }

func loadavg() -> String {
    (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
}

func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }

func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
func lpad(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }
func f1(_ d: Double) -> String { String(format: "%.1f", d) }
func f2(_ d: Double) -> String { String(format: "%.2f", d) }

// As the services do, before any database opens (CSQLiteSetup.h).
_ = attache_sqlite_configure()
let args = CommandLine.arguments
guard args.count >= 2 else {
    print("usage: attache-store-bench gen|ingest|query|derive|ceiling|log-append [--options]")
    exit(2)
}
let opts = Options(args.dropFirst(2))
let seed = UInt64(opts.int("seed", 42))
let nPersons = opts.int("persons", 100_000)
let nOrgs = opts.int("orgs", 5_000)
var logger = Logger(label: "store-bench")
logger.logLevel = .warning

func makeWorld() -> World {
    let clock = ContinuousClock()
    let t0 = clock.now
    let w = World(persons: nPersons, orgs: nOrgs, seed: seed)
    print("world: \(nPersons) persons, \(w.orgs.count) organizations, \(World.states.count) states (\(f2(seconds(clock.now - t0))) s)")
    return w
}

switch args[1] {
case "gen":
    let world = makeWorld()
    let n = opts.int("docs", 10_000)
    let clock = ContinuousClock()
    let t0 = clock.now
    var sentences = 0
    var events = 0
    var persons = 0
    var bytes = 0
    let enc = JSONEncoder()
    for i in 0..<n {
        let d = world.digest(i, seed: seed)
        sentences += d.sentences.count
        events += d.events.count
        persons += d.persons.count
        if i < 1000 { bytes += (try? enc.encode(d).count) ?? 0 }
    }
    let dt = seconds(clock.now - t0)
    print("generated \(n) digests in \(f2(dt)) s: \(Int(Double(n) / dt)) digests/s (one core)")
    print("per digest: \(f1(Double(sentences) / Double(n))) sentences, \(f1(Double(persons) / Double(n))) persons, \(f1(Double(events) / Double(n))) events, \(bytes / min(n, 1000)) JSON bytes")
    if opts.values["show"] != nil, let d = Optional(world.digest(opts.int("show", 0), seed: seed)) {
        enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        print(String(decoding: try enc.encode(d), as: UTF8.self))
    }

case "ingest":
    let world = makeWorld()
    let n = opts.int("docs", 10_000)
    let start = opts.int("start", 0)
    let inflight = max(1, opts.int("inflight", 256))
    let window = max(1, opts.int("window", 10_000))
    let path = opts.string("db", "/tmp/attache-store-bench.sqlite")
    let store = try SQLiteAggregationStore(
        path: path, maxResultRows: 1000, storyWindowDays: 3, maxBatch: opts.int("batch", 512),
        writerCacheMiB: opts.int("cache-mib", 256), checkpointPages: opts.int("checkpoint", 1000),
        mmapMiB: opts.int("mmap-mib", 0),
        // the benchmark's own switches (scripts/sql-profile.py sets ATTACHE_SQL_PROFILE); the services have none
        diagnostics: StoreDiagnostics(
            slowStatementMicroseconds: ProcessInfo.processInfo.environment["ATTACHE_SQL_PROFILE"].map { Int($0) ?? 2000 },
            traceBatches: ProcessInfo.processInfo.environment["ATTACHE_STORE_TRACE"] != nil),
        logger: logger)
    // Bytes per document divide by the documents stored, not by the synthetic numbers pushed (`--start`).
    let storedBefore = try await store.query(.stats, QueryParams()).stats!.documents
    print("ingest \(n) digests (#\(start)..<\(start + n)) into \(path) holding \(storedBefore) documents, \(inflight) in flight; load \(loadavg())")
    // The rates are of appends (acknowledgements); `lag` is how many appended digests were not yet derived then.
    print("\(pad("appended", 10)) \(lpad("window/s", 9)) \(lpad("total/s", 9)) \(lpad("lag", 7)) \(lpad("CPU ms/doc", 10)) \(lpad("RSS MiB", 8)) \(lpad("MB", 8)) \(lpad("B/doc", 7))  load")
    var cw = cpuSeconds()
    let written0 = bytesWritten()
    let clock = ContinuousClock()
    let t0 = clock.now
    var tw = t0
    var done = 0
    var statuses: [StoreStatus: Int] = [:]
    var lastSeq: Int64 = 0
    func stored() -> Int { storedBefore + (statuses[.new] ?? 0) }
    try await withThrowingTaskGroup(of: AppendReceipt.self) { group in
        var next = start
        func add() {
            let i = next
            next += 1
            group.addTask { try await store.append(world.digest(i, seed: seed)) }
        }
        while next < start + min(n, inflight) { add() }
        while let receipt = try await group.next() {
            statuses[receipt.status, default: 0] += 1
            lastSeq = max(lastSeq, receipt.seq)
            done += 1
            if next < start + n { add() }
            if done % window == 0 || done == n {
                let now = clock.now
                let wDocs = Double(done % window == 0 ? window : done % window)
                let wRate = wDocs / seconds(now - tw)
                tw = now
                let cpu = cpuSeconds()
                let cpuPerDoc = (cpu - cw) * 1000 / wDocs
                cw = cpu
                let bytes = fileBytes(path)
                let total = start + done
                let lag = lastSeq - store.derivedThrough
                print(
                    "\(pad(String(total), 10)) \(lpad(String(Int(wRate)), 9)) \(lpad(String(Int(Double(done) / seconds(now - t0))), 9)) \(lpad(String(lag), 7)) \(lpad(f2(cpuPerDoc), 10)) \(lpad(f1(rssMiB()), 8)) \(lpad(String(bytes / 1_000_000), 8)) \(lpad(String(bytes / Int64(max(stored(), 1))), 7))  \(loadavg())"
                )
            }
        }
    }
    let dt = seconds(clock.now - t0)
    print("appended \(done) in \(f2(dt)) s: \(Int(Double(done) / dt)) digests/s acknowledged; \(statuses.map { "\($0.key.rawValue) \($0.value)" }.sorted().joined(separator: ", "))")
    let lagAtEnd = lastSeq - store.derivedThrough
    _ = await store.waitDerived(through: lastSeq, timeout: .seconds(86_400))
    let dd = seconds(clock.now - t0)
    print("derived \(done) in \(f2(dd)) s: \(Int(Double(done) / dd)) digests/s into the knowledge base (\(lagAtEnd) not yet derived when the last was appended)")
    // Write amplification: every page a batch dirties goes to the WAL, then back to the database file.
    print("written: \((bytesWritten() - written0) / Int64(max(done, 1)) / 1024) KiB per digest (WAL, checkpoints, search index)")
    // Re-pushes: the same digests (duplicate) and new versions (replaced), interleaved.
    let repush = opts.int("repush", min(2000, n / 10))
    if repush > 0 {
        let r0 = clock.now
        var rs: [StoreStatus: Int] = [:]
        // Each waits until it is derived (`store`): the rate is of visible re-pushes.
        try await withThrowingTaskGroup(of: StoreStatus.self) { group in
            for k in 0..<repush {
                let i = start + (k * 7919) % n
                group.addTask { try await store.store(world.digest(i, version: k % 2, seed: seed)) }
                if k >= inflight, let st = try await group.next() { rs[st, default: 0] += 1 }
            }
            for try await st in group { rs[st, default: 0] += 1 }
        }
        let rt = seconds(clock.now - r0)
        print("re-pushed \(repush) in \(f2(rt)) s: \(Int(Double(repush) / rt))/s; \(rs.map { "\($0.key.rawValue) \($0.value)" }.sorted().joined(separator: ", "))")
    }
    print("RSS \(f1(rssMiB())) MiB; store \(fileBytes(path) / 1_000_000) MB, \(fileBytes(path) / Int64(max(stored(), 1))) bytes/doc; load \(loadavg())")

case "query":
    try await runQueries()

case "log-append":
    try await runLogAppend(world: makeWorld(), seed: seed, logger: logger)

case "derive":
    // The knowledge base derived afresh from a copy of an append log: the deriver's rate on those digests alone.
    let source = opts.string("log", "")
    let path = opts.string("db", "/tmp/attache-store-bench-derive.sqlite")
    for suffix in ["", "-wal", "-shm", "-search", "-search-wal", "-search-shm", "-log", "-log-wal", "-log-shm"] {
        try? FileManager.default.removeItem(atPath: path + suffix)
    }
    let copy = try DatabaseQueue(path: path + "-log")
    try DatabaseQueue(path: source).backup(to: copy)
    try copy.close()
    print("derive \(source) into \(path); load \(loadavg())")
    let cpu0 = cpuSeconds()
    let clock = ContinuousClock()
    let t0 = clock.now
    let store = try SQLiteAggregationStore(
        path: path, maxResultRows: 1000, storyWindowDays: 3, maxBatch: opts.int("batch", 512),
        diagnostics: StoreDiagnostics(
            slowStatementMicroseconds: ProcessInfo.processInfo.environment["ATTACHE_SQL_PROFILE"].map { Int($0) ?? 2000 },
            traceBatches: ProcessInfo.processInfo.environment["ATTACHE_STORE_TRACE"] != nil),
        logger: logger)
    let last = try await store.positions().appended
    _ = await store.waitDerived(through: last, timeout: .seconds(86_400))
    let dt = seconds(clock.now - t0)
    let documents = try await store.query(.stats, QueryParams()).stats!.documents
    print("derived \(last) log entries (\(documents) documents) in \(f2(dt)) s: \(Int(Double(last) / dt)) entries/s, process CPU \(f2((cpuSeconds() - cpu0) * 1000 / Double(max(last, 1)))) ms per entry (the search index included); load \(loadavg())")

case "ceiling":
    try runCeiling()

default:
    print("unknown command \(args[1])")
    exit(2)
}

func runQueries() async throws {
    let opts = Options(CommandLine.arguments.dropFirst(2))
    let logger = Logger(label: "store-bench")
    let path = opts.string("db", "/tmp/attache-store-bench.sqlite")
    let clients = max(1, opts.int("clients", 16))
    let duration = Double(opts.int("seconds", 30))
    let store = try SQLiteAggregationStore(
        path: path, maxResultRows: 1000, storyWindowDays: 3, maxReaders: opts.int("readers", 8),
        readerCacheMiB: opts.int("reader-cache-mib", 32), mmapMiB: opts.int("mmap-mib", 0), logger: logger)
    let stats = try await store.query(.stats, QueryParams()).stats!
    print("store: \(stats.documents) documents, \(stats.persons) persons, \(stats.organizations) organizations, \(stats.countries) states, \(stats.events) events, \(stats.stories ?? 0) stories; \(fileBytes(path) / Int64(max(stats.documents, 1))) bytes/doc")
    // Hot actors (most mentioned) and the id range for cold ones.
    var hotIds: [Int64] = []
    for kind in ["person", "organization", "state"] {
        let r = try await store.query(.actors, QueryParams(limit: 300, actorKind: kind, sort: "mentions"))
        hotIds += (r.actors ?? []).map(\.id)
    }
    let hot = hotIds
    // Cold actors: any stored one. Replaced documents leave holes in the ids, and asking for a missing id
    // would time a cheap NOT_FOUND instead of a profile.
    let allIds = try await DatabaseQueue(path: path, configuration: { var c = Configuration(); c.readonly = true; return c }())
        .read { try Int64.fetchAll($0, sql: "SELECT id FROM actor") }
    guard !allIds.isEmpty, !hot.isEmpty else {
        print("the store at \(path) holds no actor")
        exit(2)
    }
    let states = World.states.map(\.code)
    let stateZipf = Zipf(n: states.count)
    let words = World.familyNames.map { $0.strippedDiacritics } + World.givenNames.map { $0.strippedDiacritics }
    let nDocs = stats.documents

    let allKinds = [
        "stats", "documents", "document", "actors", "actors(prefix)", "actor profile", "events page", "events(filter)",
        "stories", "relations", "timeline", "search",
    ]
    // --kind NAME: every client asks only that kind (each kind's latency under 16 clients of its own);
    // without it, each client cycles through all kinds (a mixed load).
    let only = opts.values["kind"]
    let kinds = only.map { k in allKinds.filter { $0 == k } } ?? allKinds
    if kinds.isEmpty {
        print("unknown --kind; one of: \(allKinds.joined(separator: ", "))")
        exit(2)
    }
    struct Sample: Sendable { var kind: Int; var ms: Double; var error: String? }
    let clock = ContinuousClock()
    let deadline = clock.now + .seconds(duration)
    print("\(clients) clients for \(Int(duration)) s; load \(loadavg())")
    let all: [[Sample]] = try await withThrowingTaskGroup(of: [Sample].self) { group in
        for c in 0..<clients {
            group.addTask {
                var rng = PRNG(seed: UInt64(1000 + c))
                var samples: [Sample] = []
                var k = c % kinds.count
                var eventsCursor: String?
                func actorId() -> Int64 {
                    rng.chance(0.5) ? rng.pick(hot) : rng.pick(allIds)
                }
                func state() -> String { states[stateZipf.sample(&rng)] }
                while clock.now < deadline {
                    var p = QueryParams()
                    let kind: QueryKind
                    switch kinds[k] {
                    case "stats": kind = .stats
                    case "documents":
                        kind = .documents
                        p.from = isoDate(rng.int(11 * 365))
                    case "document":
                        kind = .document
                        p.doc = "doc-\(rng.int(max(nDocs, 1))).txt"
                    case "actors":
                        kind = .actors
                        p.actorKind = rng.pick(["person", "organization"])
                        p.sort = rng.pick(["mentions", "name", "recent"])
                    case "actors(prefix)":
                        kind = .actors
                        p.prefix = String(rng.pick(words).prefix(3))
                    case "actor profile":
                        kind = .actor
                        p.actor = actorId()
                    case "events page":
                        kind = .events
                        p.cursor = eventsCursor
                    case "events(filter)":
                        kind = .events
                        switch rng.int(6) {
                        case 0: p.eventType = rng.pick(PloverType.allCases).rawValue
                        case 1: p.source = state()
                        case 2: p.state = state()
                        case 3: p.pair = [state(), state()]
                        case 4:
                            p.eventType = rng.pick(PloverType.allCases).rawValue
                            let d = rng.int(11 * 365 - 60)
                            (p.from, p.to) = (isoDate(d), isoDate(d + 30))
                        default: p.actor = rng.pick(hot)
                        }
                    case "stories":
                        kind = .stories
                        p.sort = rng.pick(["mentions", "id"])
                        if rng.chance(0.5) { p.eventType = rng.pick(PloverType.allCases).rawValue }
                    case "relations":
                        kind = .relations
                        p.state = state()
                    case "timeline":
                        kind = .timeline
                        p.pair = [state(), state()]
                    default:
                        kind = .search
                        p.text = "\(rng.pick(words)) \(rng.pick(words))"
                    }
                    let t0 = clock.now
                    var err: String?
                    do {
                        let r = try await store.query(kind, p)
                        if kinds[k] == "events page" { eventsCursor = r.next }
                    } catch let e as ErrorReply {
                        err = e.code.rawValue
                    }
                    samples.append(Sample(kind: k, ms: seconds(clock.now - t0) * 1000, error: err))
                    k = (k + 1) % kinds.count
                }
                return samples
            }
        }
        var out: [[Sample]] = []
        for try await s in group { out.append(s) }
        return out
    }
    let flat = all.flatMap { $0 }
    print("\(pad("query", 16)) \(lpad("n", 6)) \(lpad("errors", 16)) \(lpad("p50 ms", 8)) \(lpad("p90 ms", 8)) \(lpad("p99 ms", 8)) \(lpad("max ms", 8))")
    for (i, name) in kinds.enumerated() {
        let s = flat.filter { $0.kind == i }
        guard !s.isEmpty else { continue }
        let ms = s.map(\.ms).sorted()
        func q(_ f: Double) -> Double { ms[min(ms.count - 1, Int(Double(ms.count) * f))] }
        var errs: [String: Int] = [:]
        for e in s.compactMap(\.error) { errs[e, default: 0] += 1 }
        let errText = errs.isEmpty ? "0" : errs.map { "\($0.key) \($0.value)" }.sorted().joined(separator: ",")
        print("\(pad(name, 16)) \(lpad(String(s.count), 6)) \(lpad(errText, 16)) \(lpad(f2(q(0.5)), 8)) \(lpad(f2(q(0.9)), 8)) \(lpad(f2(q(0.99)), 8)) \(lpad(f2(ms.last!), 8))")
    }
    print("total \(flat.count) queries in \(Int(duration)) s (\(Int(Double(flat.count) / duration))/s); RSS \(f1(rssMiB())) MiB; load \(loadavg())")
}
