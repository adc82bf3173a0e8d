import AttachePostgres
import Foundation
import PostgresNIO
import Testing

/// The derivation lease against a real PostgreSQL (``TestDatabase``): one deriver at a time, takeover after a holder
/// dies, a holder that lost its lease cannot commit.
@Suite(.timeLimit(.minutes(2))) struct DerivationLeaseTests {
    /// A table standing for a batch's derived writes.
    static func makeDerivedTable(_ client: PostgresClient) async throws {
        try await client.query("CREATE TABLE derived_row (seq bigint PRIMARY KEY, holder text NOT NULL)")
    }

    /// The writes of the batch (after, through]: one row per seq, naming who wrote it.
    static func writes(after: Int64, through: Int64, holder: String) -> @Sendable (PostgresConnection) async throws -> Int {
        { conn in
            for seq in (after + 1)...through {
                try await conn.query("INSERT INTO derived_row (seq, holder) VALUES (\(seq), \(holder))", logger: TestDatabase.logger)
            }
            return Int(through - after)
        }
    }

    @Test func oneHolderAtATimeAndCommitsAdvanceTheDerivation() async throws {
        try await TestDatabase.withMigratedSchema { config, client in
            try await Self.makeDerivedTable(client)
            try await TestDatabase.withClient(config) { otherClient in
                let a = DerivationLease(client: client, duration: .seconds(30), holder: "A", logger: TestDatabase.logger)
                let b = DerivationLease(client: otherClient, duration: .seconds(30), holder: "B", logger: TestDatabase.logger)
                #expect(try await a.tryAcquire())
                let epoch = try #require(a.epoch)
                #expect(try await !b.tryAcquire())
                #expect(try await a.tryAcquire())  // ours: renewed, same epoch
                #expect(a.epoch == epoch)
                #expect(try await a.renew())

                #expect(try await a.commit(after: 0, through: 5, Self.writes(after: 0, through: 5, holder: "A")) == 5)
                #expect(try await a.derivedThrough() == 5)
                // A batch that does not start where the derivation stands is refused, nothing written.
                await #expect(throws: PostgresStoreError.self) {
                    try await a.commit(after: 3, through: 8, Self.writes(after: 3, through: 8, holder: "A"))
                }
                // B does not hold the lease: it cannot commit.
                await #expect(throws: DerivationLease.LostError.self) {
                    try await b.commit(after: 5, through: 6, Self.writes(after: 5, through: 6, holder: "B"))
                }
                #expect(try await a.derivedThrough() == 5)
                #expect(try await TestDatabase.scalar(client, "SELECT count(*) FROM derived_row", as: Int.self) == 5)

                // Released: B takes it at once, with a new epoch.
                try await a.release()
                #expect(a.epoch == nil)
                #expect(try await b.tryAcquire())
                #expect(try #require(b.epoch) > epoch)
                #expect(try await b.commit(after: 5, through: 7, Self.writes(after: 5, through: 7, holder: "B")) == 2)
                #expect(try await b.derivedThrough() == 7)
            }
        }
    }

    /// The holder's pool is closed (its process died): another aggregator takes the lease over once it has expired,
    /// not before, and soon after (the times are PostgreSQL's).
    @Test func takeoverAfterTheHolderDies() async throws {
        try await TestDatabase.withMigratedSchema { config, client in
            let lease = Duration.seconds(3)
            let (aEpoch, until) = try await TestDatabase.withClient(config) { dying in
                let a = DerivationLease(client: dying, duration: lease, holder: "A", logger: TestDatabase.logger)
                #expect(try await a.tryAcquire())
                let until = try #require(
                    try await TestDatabase.scalar(dying, "SELECT (extract(epoch FROM lease_until) * 1000)::int8 FROM derivation", as: Int64.self))
                return (try #require(a.epoch), until)
            }  // A's pool is closed here: its connections are gone, its lease is not renewed.
            let b = DerivationLease(client: client, duration: lease, holder: "B", logger: TestDatabase.logger)
            let now = "SELECT (extract(epoch FROM clock_timestamp()) * 1000)::int8"
            if let t = try await TestDatabase.scalar(client, now, as: Int64.self), t < until - 500 {
                #expect(try await !b.tryAcquire(), "taken \(until - t) ms before A's lease ended")
            }
            let start = ContinuousClock.now
            while !(try await b.tryAcquire()) {
                try await Task.sleep(for: .milliseconds(100))
                try #require(ContinuousClock.now - start < .seconds(15))
            }
            let taken = try #require(try await TestDatabase.scalar(client, now, as: Int64.self))
            #expect(taken >= until)
            #expect(taken - until < 3000, "taken over \(taken - until) ms after the lease ended")
            #expect(try #require(b.epoch) > aEpoch)
        }
    }

    /// A holder whose backend is killed and whose lease is taken over while it is "paused" (a long GC, a stopped VM)
    /// finds out at its next commit: the batch's writes roll back, nothing of it is derived.
    @Test func aHolderThatLostItsLeaseCannotCommit() async throws {
        try await TestDatabase.withMigratedSchema { config, client in
            try await Self.makeDerivedTable(client)
            try await TestDatabase.withClient(config, maxConnections: 1) { aClient in
                let a = DerivationLease(client: aClient, duration: .seconds(2), holder: "A", logger: TestDatabase.logger)
                #expect(try await a.tryAcquire())
                #expect(try await a.commit(after: 0, through: 2, Self.writes(after: 0, through: 2, holder: "A")) == 2)
                // A's connection (its pool has one) is killed and A pauses past its lease; B takes over and derives.
                let pid = try #require(try await TestDatabase.scalar(aClient, "SELECT pg_backend_pid()", as: Int32.self))
                #expect(try await TestDatabase.scalar(client, "SELECT pg_terminate_backend(\(pid))", as: Bool.self) == true)
                try await Task.sleep(for: .milliseconds(2200))
                let b = DerivationLease(client: client, duration: .seconds(30), holder: "B", logger: TestDatabase.logger)
                #expect(try await b.tryAcquire())
                #expect(try await b.commit(after: 2, through: 3, Self.writes(after: 2, through: 3, holder: "B")) == 1)
                // A wakes up and tries to commit its next batch: refused, rolled back.
                await #expect(throws: DerivationLease.LostError.self) {
                    try await a.commit(after: 2, through: 4, Self.writes(after: 2, through: 4, holder: "A"))
                }
                #expect(a.epoch == nil)
                #expect(try await !a.renew())
                #expect(try await b.derivedThrough() == 3)
                let rows = try await client.query("SELECT seq, holder FROM derived_row ORDER BY seq")
                var written: [String] = []
                for try await (seq, holder) in rows.decode((Int64, String).self) { written.append("\(seq)\(holder)") }
                #expect(written == ["1A", "2A", "3B"])
            }
        }
    }

    /// ``DerivationLease/hold(pollInterval:_:)``: a second holder waits while the first derives; when the lease is
    /// taken from under the first (here by force), its heartbeat notices and its body is cancelled.
    @Test func holdWaitsRenewsAndCancelsOnLoss() async throws {
        try await TestDatabase.withMigratedSchema { config, client in
            let a = DerivationLease(client: client, duration: .seconds(2), holder: "A", logger: TestDatabase.logger)
            // Held for 2 lease durations: renewed meanwhile, so nobody else gets it.
            async let first: Int = a.hold {
                try await Task.sleep(for: .seconds(4))
                return 1
            }
            try await Task.sleep(for: .milliseconds(300))
            try await TestDatabase.withClient(config) { other in
                let b = DerivationLease(client: other, duration: .seconds(2), holder: "B", logger: TestDatabase.logger)
                let start = ContinuousClock.now
                let second = try await b.hold(pollInterval: .milliseconds(100)) { 2 }
                #expect(second == 2)
                #expect(ContinuousClock.now - start > .seconds(3), "B held the lease while A was renewing it")
            }
            #expect(try await first == 1)

            // Lost: the lease row is taken over by force while A holds it.
            async let lost: Int = a.hold {
                try await Task.sleep(for: .seconds(30))
                return 1
            }
            try await Task.sleep(for: .milliseconds(300))
            try await client.query("UPDATE derivation SET holder = 'thief', epoch = epoch + 1, lease_until = clock_timestamp() + interval '1 minute'")
            let start = ContinuousClock.now
            let outcome: Result<Int, any Error>
            do { outcome = .success(try await lost) } catch { outcome = .failure(error) }
            #expect(throws: DerivationLease.LostError.self) { try outcome.get() }
            #expect(ContinuousClock.now - start < .seconds(5))
            #expect(try await TestDatabase.scalar(client, "SELECT holder FROM derivation", as: String.self) == "thief")
        }
    }
}
