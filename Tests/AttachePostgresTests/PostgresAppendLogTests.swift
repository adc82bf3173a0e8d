import AttacheContracts
import AttachePostgres
import Foundation
import PostgresNIO
import Synchronization
import Testing

/// The shared append log against a real PostgreSQL (``TestDatabase``).
@Suite(.timeLimit(.minutes(3))) struct PostgresAppendLogTests {
    static func digest(_ doc: String, _ hash: String) -> Digest {
        Digest(doc: doc, title: "title of \(doc)", contentHash: hash, length: 10)
    }

    @Test func statusesAgainstTheLatestEntry() async throws {
        try await TestDatabase.withMigratedSchema { _, client in
            let log = PostgresAppendLog(client: client, logger: TestDatabase.logger)
            let a = try await log.append(Self.digest("a.txt", "h1"))
            #expect(a == .init(status: .new, seq: 1))
            #expect(try await log.append(Self.digest("a.txt", "h1")) == .init(status: .duplicate, seq: 1))
            #expect(try await log.append(Self.digest("b.txt", "h1")) == .init(status: .new, seq: 2))
            #expect(try await log.append(Self.digest("a.txt", "h2")) == .init(status: .replaced, seq: 3))
            #expect(try await log.append(Self.digest("a.txt", "h2")) == .init(status: .duplicate, seq: 3))
            // Against the latest entry, not any earlier one: back to the first text is a replacement.
            #expect(try await log.append(Self.digest("a.txt", "h1")) == .init(status: .replaced, seq: 4))

            let entries = try await log.read(after: 0, limit: 100)
            #expect(entries.map(\.seq) == [1, 2, 3, 4])
            #expect(entries.map(\.doc) == ["a.txt", "b.txt", "a.txt", "a.txt"])
            #expect(entries.map(\.contentHash) == ["h1", "h1", "h2", "h1"])
            // The body is the digest's JSON, as the SQLite log keeps it.
            let decoded = try LineCodec().decode(Digest.self, from: Data(entries[1].body.utf8), id: nil)
            #expect(decoded == Self.digest("b.txt", "h1"))
            #expect(try await log.read(after: 2, limit: 1).map(\.seq) == [3])
            #expect(try await log.read(after: 4, limit: 10).isEmpty)

            let p = try await log.positions()
            #expect(p.appended == 4)
            #expect(p.derived == 0)
            #expect(p.lagSeconds >= 0 && p.lagSeconds < 60)
        }
    }

    /// Concurrent appends of one process share transactions (group commit): rows inserted by one transaction share
    /// its `xmin`.
    @Test func concurrentAppendsAreGroupCommitted() async throws {
        try await TestDatabase.withMigratedSchema { _, client in
            let log = PostgresAppendLog(client: client, logger: TestDatabase.logger)
            let n = 300
            let results = try await withThrowingTaskGroup(of: AppendReceipt.self) { group in
                for i in 0..<n { group.addTask { try await log.append(Self.digest("doc-\(i)", "h")) } }
                var all: [AppendReceipt] = []
                for try await r in group { all.append(r) }
                return all
            }
            #expect(results.allSatisfy { $0.status == .new })
            #expect(results.map(\.seq).sorted() == Array(1...Int64(n)))
            let transactions = try #require(try await TestDatabase.scalar(client, "SELECT count(DISTINCT xmin::text) FROM log_entry", as: Int.self))
            #expect(transactions < n / 2, "\(transactions) transactions for \(n) appends")
        }
    }

    /// Two aggregators (two pools, two logs) append the same documents, conflicting versions of others and documents of
    /// their own, all at once, while a third connection watches the log: every document is stored exactly once per
    /// distinct content, statuses are right, seqs run 1...N without a hole at any moment.
    @Test func twoLogsAppendingAtOnce() async throws {
        try await TestDatabase.withMigratedSchema { config, watcher in
            let shared = 150, conflicting = 100, own = 150
            let stop = Flag()
            // Holes visible to a reader: in any snapshot, count(*) must equal max(seq).
            @Sendable func watchForHoles() async throws -> (checks: Int, holes: Int) {
                var checks = 0, holes = 0
                while !stop.value.load(ordering: .acquiring) {
                    let rows = try await watcher.query("SELECT count(*)::int8, COALESCE(max(seq), 0) FROM log_entry")
                    for try await (count, max) in rows.decode((Int64, Int64).self) where count != max { holes += 1 }
                    checks += 1
                }
                return (checks, holes)
            }
            async let watch = watchForHoles()
            func run(_ side: String) async throws -> [String: AppendReceipt] {
                try await TestDatabase.withClient(config, maxConnections: 4) { client in
                    let log = PostgresAppendLog(client: client, logger: TestDatabase.logger)
                    return try await withThrowingTaskGroup(of: (String, AppendReceipt).self) { group in
                        for i in 0..<shared { group.addTask { ("shared-\(i)", try await log.append(Self.digest("shared-\(i)", "same"))) } }
                        for i in 0..<conflicting {
                            group.addTask { ("conflict-\(i)", try await log.append(Self.digest("conflict-\(i)", "text-\(side)"))) }
                        }
                        for i in 0..<own { group.addTask { ("\(side)-\(i)", try await log.append(Self.digest("\(side)-\(i)", "h"))) } }
                        var out: [String: AppendReceipt] = [:]
                        for try await (doc, r) in group { out[doc] = r }
                        return out
                    }
                }
            }
            async let a = run("A")
            async let b = run("B")
            let (ra, rb) = try await (a, b)
            stop.value.store(true, ordering: .releasing)
            let (checks, holes) = try await watch
            #expect(checks > 0)
            #expect(holes == 0, "a reader saw a hole in \(holes) of \(checks) snapshots")

            for i in 0..<shared {
                let x = try #require(ra["shared-\(i)"]), y = try #require(rb["shared-\(i)"])
                #expect(Set([x.status, y.status]) == [.new, .duplicate], "shared-\(i)")
                #expect(x.seq == y.seq)
            }
            for i in 0..<conflicting {
                let x = try #require(ra["conflict-\(i)"]), y = try #require(rb["conflict-\(i)"])
                #expect(Set([x.status, y.status]) == [.new, .replaced], "conflict-\(i)")
                #expect(x.seq != y.seq)
            }
            for i in 0..<own {
                #expect(ra["A-\(i)"]?.status == .new)
                #expect(rb["B-\(i)"]?.status == .new)
            }
            let total = shared + 2 * conflicting + 2 * own
            let entries = try await TestDatabase.withClient(config) { client in
                let log = PostgresAppendLog(client: client, logger: TestDatabase.logger)
                var all: [PostgresAppendLog.Entry] = []
                while true {
                    let page = try await log.read(after: all.last?.seq ?? 0, limit: 128)
                    if page.isEmpty { break }
                    all += page
                }
                return all
            }
            #expect(entries.map(\.seq) == Array(1...Int64(total)))
            // Each (document, content) once: the shared documents once, each conflicting document once per text.
            #expect(Set(entries.map { "\($0.doc)|\($0.contentHash)" }).count == total)
            #expect(entries.filter { $0.doc.hasPrefix("shared-") }.count == shared)
            // Every acknowledged seq holds what was acknowledged.
            let bySeq = Dictionary(uniqueKeysWithValues: entries.map { ($0.seq, $0) })
            for (doc, r) in ra.merging(rb, uniquingKeysWith: { x, _ in x }) { #expect(bySeq[r.seq]?.doc == doc) }
        }
    }

    @Test func boundsAndRefusals() async throws {
        try await TestDatabase.withMigratedSchema { _, client in
            var limits = PostgresAppendLog.Limits()
            limits.maxBodyBytes = 1000
            limits.maxReadBytes = 1500
            let log = PostgresAppendLog(client: client, limits: limits, logger: TestDatabase.logger)
            let big = String(repeating: "x", count: 1001)
            let tooLarge = await #expect(throws: ErrorReply.self) { try await log.append(doc: "big", contentHash: "h", body: big) }
            #expect(tooLarge?.code == .documentTooLarge)
            let nul = await #expect(throws: ErrorReply.self) { try await log.append(doc: "a\u{0}b", contentHash: "h", body: "{}") }
            #expect(nul?.code == .badRequest)
            for i in 0..<4 { _ = try await log.append(doc: "d\(i)", contentHash: "h", body: String(repeating: "y", count: 600)) }
            // A read stops after the entry that passes maxReadBytes.
            #expect(try await log.read(after: 0, limit: 100).map(\.seq) == [1, 2, 3])
            #expect(try await log.positions().appended == 4)
        }
    }
}

/// A flag shared by tasks.
final class Flag: Sendable {
    let value = Atomic<Bool>(false)
}
