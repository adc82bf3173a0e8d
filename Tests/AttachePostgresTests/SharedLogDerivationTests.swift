import AttacheContracts
import AttachePostgres
import Foundation
import PostgresNIO
import Synchronization
import Testing

/// The log and the lease together, as two aggregators will use them: both append, both run a deriver that reads
/// the log after `derived_through` and commits batches under the lease; the first deriver dies mid-way and the other
/// takes over. Every entry must be derived exactly once, in order (a second derivation of a seq would violate the
/// derived table's primary key and fail the test).
@Suite(.timeLimit(.minutes(3))) struct SharedLogDerivationTests {
    /// A deriver: holds the lease, derives batches of up to 40 entries into `derived_row`, until `total` is derived.
    static func derive(_ client: PostgresClient, holder: String, total: Int64, batches: Counter) async throws {
        let log = PostgresAppendLog(client: client, logger: TestDatabase.logger)
        let lease = DerivationLease(client: client, duration: .seconds(2), holder: holder, logger: TestDatabase.logger)
        try await lease.hold(pollInterval: .milliseconds(50)) {
            while true {
                let from = try await lease.derivedThrough()
                if from >= total { return }
                let entries = try await log.read(after: from, limit: 40)
                guard let last = entries.last?.seq else {
                    try await Task.sleep(for: .milliseconds(20))
                    continue
                }
                let seqs = entries.map(\.seq)
                let docs = entries.map(\.doc)
                _ = try await lease.commit(after: from, through: last) { conn in
                    try await conn.query(
                        "INSERT INTO derived_row (seq, doc, holder) SELECT s, d, \(holder) FROM unnest(\(seqs)::int8[], \(docs)::text[]) AS t(s, d)",
                        logger: TestDatabase.logger)
                }
                batches.add(1)
            }
        }
    }

    @Test func twoAggregatorsAppendAndDeriveEachEntryOnce() async throws {
        try await TestDatabase.withMigratedSchema { config, client in
            try await client.query("CREATE TABLE derived_row (seq bigint PRIMARY KEY, doc text NOT NULL, holder text NOT NULL)")
            let perSide = 600
            let total = Int64(2 * perSide)
            let batchesA = Counter(), batchesB = Counter()
            try await withThrowingTaskGroup(of: Void.self) { group in
                // Two aggregators append their own documents, 32 at a time each.
                for side in ["A", "B"] {
                    group.addTask {
                        try await TestDatabase.withClient(config) { c in
                            let log = PostgresAppendLog(client: c, logger: TestDatabase.logger)
                            try await withThrowingTaskGroup(of: Void.self) { appends in
                                for i in 0..<perSide {
                                    if i >= 32 { try await appends.next() }
                                    appends.addTask {
                                        let r = try await log.append(Digest(doc: "\(side)-\(i)", contentHash: "h", length: 1))
                                        #expect(r.status == .new)
                                    }
                                }
                                try await appends.waitForAll()
                            }
                        }
                    }
                }
                // A's deriver starts first and dies (its task and pool end) once it has derived a few batches.
                group.addTask {
                    try await TestDatabase.withClient(config) { c in
                        try await withThrowingTaskGroup(of: Void.self) { deriver in
                            deriver.addTask { try await Self.derive(c, holder: "A", total: total, batches: batchesA) }
                            deriver.addTask { while batchesA.value < 3 { try await Task.sleep(for: .milliseconds(5)) } }
                            try await deriver.next()
                            deriver.cancelAll()
                            while !deriver.isEmpty { _ = try? await deriver.next() }
                        }
                    }
                }
                // B's deriver starts once A's derives, waits for the lease and derives the rest.
                group.addTask {
                    while batchesA.value < 1 { try await Task.sleep(for: .milliseconds(5)) }
                    try await TestDatabase.withClient(config) { c in
                        try await Self.derive(c, holder: "B", total: total, batches: batchesB)
                    }
                }
                try await group.waitForAll()
            }
            let rows = try await client.query("SELECT seq, holder FROM derived_row ORDER BY seq")
            var seqs: [Int64] = []
            var holders: [String: Int] = [:]
            for try await (seq, holder) in rows.decode((Int64, String).self) {
                seqs.append(seq)
                holders[holder, default: 0] += 1
            }
            #expect(seqs == Array(1...total))
            #expect((holders["A"] ?? 0) > 0 && (holders["B"] ?? 0) > 0, "\(holders)")
            #expect(try await TestDatabase.scalar(client, "SELECT derived_through FROM derivation", as: Int64.self) == total)
            // Each derived row is the log's entry of that seq.
            let mismatched = try await TestDatabase.scalar(
                client, "SELECT count(*)::int8 FROM derived_row d JOIN log_entry e USING (seq) WHERE d.doc <> e.doc", as: Int64.self)
            #expect(mismatched == 0)
        }
    }
}

/// A count shared by tasks.
final class Counter: Sendable {
    private let count = Atomic<Int>(0)
    func add(_ n: Int) { self.count.add(n, ordering: .relaxed) }
    var value: Int { self.count.load(ordering: .relaxed) }
}
