import Foundation
import Logging
import PostgresNIO
import Synchronization

/// At most one deriver at a time on the shared log, across every aggregator of the database: a lease in the
/// one-row table `derivation` (holder, epoch, expiry by PostgreSQL's clock), taken when free or expired, renewed by a
/// heartbeat, and checked in the transaction that commits each derived batch.
///
/// - ``tryAcquire()`` takes the lease when nobody holds it or the holder's has expired, with a new `epoch` (a fencing
///   token); a crashed holder's lease is therefore taken over at most `duration` after its last renewal.
/// - ``renew()`` extends it, only while it is still ours with our epoch and not expired.
/// - ``commit(after:through:_:)`` runs a batch's derived writes and advances `derived_through` in ONE transaction
///   that first locks the lease row and checks that the lease is ours (holder, epoch), unexpired, and that
///   `derived_through` is where the batch starts. A holder that lost its lease (expired, taken over) finds out
///   there and its writes roll back: two derivers never both commit a batch. While that transaction runs, the row
///   lock makes a takeover wait, and the commit extends the lease.
/// - ``hold(pollInterval:_:)`` waits for the lease, runs the deriver with a heartbeat beside it, cancels the
///   deriver if the lease is lost, and releases the lease at the end.
///
/// Why a lease row rather than a session advisory lock: a session lock lives as long as the connection that took
/// it, and PostgreSQL notices a dead client only when TCP does (a vanished host: up to the kernel's keepalive time,
/// two hours by default), so takeover would not be bounded; it ties the deriver to one connection for its life,
/// which a connection pool (or a transaction-mode pooler in front of PostgreSQL) does not give; and it leaves no
/// trace to look at. The lease row bounds takeover by `duration`, works on any pooled connection, and shows who
/// derives (`SELECT * FROM derivation`).
///
/// All times are PostgreSQL's (`clock_timestamp()`), so aggregators' clocks need not agree.
///
/// Takeover is bounded by `duration` unless the holder dies in the middle of ``commit(after:through:_:)``: its
/// transaction holds the row until PostgreSQL sees the connection gone (see ``PostgresAppendLog`` on
/// `idle_in_transaction_session_timeout`, not set yet for the same reason).
public final class DerivationLease: Sendable {
    /// Who this lease belongs to: unique per instance (`host:pid:random`).
    public let holder: String
    /// How long a lease lasts without renewal: the bound on a takeover after a crash.
    public let duration: Duration
    private let client: PostgresClient
    private let logger: Logger
    /// Our epoch while we believe we hold the lease.
    private let held = Mutex<Int64?>(nil)

    /// The lease was lost (expired, taken over, or the batch does not start where the derivation stands).
    public struct LostError: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// - Parameters:
    ///   - client: a running client on the migrated schema (its connections' `search_path`).
    ///   - duration: lease time, at least 1 second; renew at a third of it (``hold(pollInterval:_:)`` does).
    ///   - holder: the holder's name (default: host name, process id and a random suffix).
    public init(client: PostgresClient, duration: Duration = .seconds(10), holder: String? = nil, logger: Logger) {
        self.client = client
        self.duration = max(duration, .seconds(1))
        self.holder =
            holder ?? "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier):\(UUID().uuidString.prefix(8))"
        self.logger = logger
    }

    /// Our epoch if we believe we hold the lease (it may have expired since: ``commit(after:through:_:)`` checks).
    public var epoch: Int64? { self.held.withLock { $0 } }

    private var durationMilliseconds: Int64 {
        let (s, atto) = self.duration.components
        return s * 1000 + atto / 1_000_000_000_000_000
    }

    /// Takes the lease if nobody holds it, its holder's has expired, or it is ours (then it is renewed, same epoch).
    /// - Returns: whether the lease is ours now. False also when the row stays locked (a batch committing) for
    ///   more than a second.
    public func tryAcquire() async throws -> Bool {
        let me = self.holder
        let millis = self.durationMilliseconds
        let mine = self.epoch
        let logger = self.logger
        let epoch: Int64? = try await self.lockBounded { conn in
            let rows = try await conn.query(
                """
                UPDATE derivation SET
                    epoch = CASE WHEN holder = \(me) AND epoch = \(mine ?? -1) AND lease_until > clock_timestamp()
                                 THEN epoch ELSE epoch + 1 END,
                    holder = \(me),
                    lease_until = clock_timestamp() + make_interval(secs => \(Double(millis) / 1000))
                WHERE id = 1 AND (holder IS NULL OR lease_until <= clock_timestamp()
                                  OR (holder = \(me) AND epoch = \(mine ?? -1)))
                RETURNING epoch
                """, logger: logger)
            var epoch: Int64?
            for try await (e) in rows.decode(Int64.self) { epoch = e }
            return epoch
        } ?? nil
        self.held.withLock { $0 = epoch }
        if let epoch, epoch != mine {
            self.logger.info("derivation lease taken", metadata: ["lease.holder": "\(me)", "lease.epoch": "\(epoch)"])
        }
        return epoch != nil
    }

    /// Extends the lease by `duration` from now if it is still ours and unexpired.
    /// - Returns: false when it is not (then we no longer hold it).
    public func renew() async throws -> Bool {
        guard let mine = self.epoch else { return false }
        let me = self.holder
        let millis = self.durationMilliseconds
        let logger = self.logger
        let ok: Bool? = try await self.lockBounded { conn in
            let rows = try await conn.query(
                """
                UPDATE derivation SET lease_until = clock_timestamp() + make_interval(secs => \(Double(millis) / 1000))
                WHERE id = 1 AND holder = \(me) AND epoch = \(mine) AND lease_until > clock_timestamp()
                RETURNING epoch
                """, logger: logger)
            var ok = false
            for try await _ in rows { ok = true }
            return ok
        }
        guard let ok else { return true }  // the row is locked by our own batch's commit, which extends the lease
        if !ok {
            self.held.withLock { if $0 == mine { $0 = nil } }
            self.logger.warning("derivation lease lost", metadata: ["lease.holder": "\(me)", "lease.epoch": "\(mine)"])
        }
        return ok
    }

    /// Gives the lease up (if still ours), so that another aggregator takes it at once.
    public func release() async throws {
        guard let mine = self.held.withLock({ e -> Int64? in
            defer { e = nil }
            return e
        }) else { return }
        try await self.client.query(
            "UPDATE derivation SET holder = NULL, lease_until = NULL WHERE id = 1 AND holder = \(self.holder) AND epoch = \(mine)",
            logger: self.logger)
    }

    /// The last seq derived.
    public func derivedThrough() async throws -> Int64 {
        let rows = try await self.client.query("SELECT derived_through FROM derivation WHERE id = 1", logger: self.logger)
        for try await (through) in rows.decode(Int64.self) { return through }
        throw PostgresStoreError("the derivation row is missing: is the schema migrated?")
    }

    /// Derives one batch: the log's entries after `after` through `through`. In one transaction: locks the lease row
    /// and checks the lease is ours and unexpired and that `derived_through` is `after`; runs `writes` (the batch's
    /// derived rows, on the transaction's connection); sets `derived_through` to `through` and extends the lease.
    /// - Throws: ``LostError`` when the lease is not ours or has expired, ``PostgresStoreError`` when the derivation
    ///   is not at `after` (nothing is written in either case); the errors of `writes` (rolled back); PostgreSQL's.
    public func commit<Result: Sendable>(
        after: Int64, through: Int64, _ writes: @Sendable (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        precondition(through >= after, "a batch ends at or after where it starts")
        guard let mine = self.epoch else { throw LostError(description: "the derivation lease is not held") }
        let me = self.holder
        let millis = self.durationMilliseconds
        let logger = self.logger
        do {
            return try await self.client.withTransaction(logger: logger) { conn in
                let rows = try await conn.query(
                    """
                    SELECT COALESCE(holder = \(me) AND epoch = \(mine) AND lease_until > clock_timestamp(), false), derived_through
                    FROM derivation WHERE id = 1 FOR UPDATE
                    """, logger: logger)
                var state: (Bool, Int64)?
                for try await (ok, derived) in rows.decode((Bool, Int64).self) { state = (ok, derived) }
                guard let (ours, derived) = state else { throw PostgresStoreError("the derivation row is missing") }
                guard ours else { throw LostError(description: "the derivation lease (epoch \(mine)) is no longer ours") }
                guard derived == after else {
                    throw PostgresStoreError("the derivation is at seq \(derived), not \(after) where this batch starts: read it again")
                }
                let result = try await writes(conn)
                try await conn.query(
                    """
                    UPDATE derivation SET derived_through = \(through),
                        lease_until = clock_timestamp() + make_interval(secs => \(Double(millis) / 1000))
                    WHERE id = 1
                    """, logger: logger)
                return result
            }
        } catch {
            let error = PostgresStoreError.unwrapped(error)
            if error is LostError { self.held.withLock { if $0 == mine { $0 = nil } } }
            throw error
        }
    }

    /// Waits until the lease is ours (trying every `pollInterval`), then runs `body` while a heartbeat renews the lease
    /// every third of `duration`. If the lease is lost (or cannot be renewed before it expires), `body` is cancelled
    /// and ``LostError`` thrown. The lease is released when `body` ends.
    public func hold<Result: Sendable>(
        pollInterval: Duration = .seconds(1), _ body: @escaping @Sendable () async throws -> Result
    ) async throws -> Result {
        while !(try await self.tryAcquire()) { try await Task.sleep(for: pollInterval) }
        let beat = self.duration / 3
        let outcome: Swift.Result<Result, any Error> = await withTaskGroup(of: Swift.Result<Result, any Error>?.self) { group in
            group.addTask {
                do { return .success(try await body()) } catch { return .failure(error) }
            }
            group.addTask {
                var renewed = ContinuousClock.now
                while !Task.isCancelled {
                    do { try await Task.sleep(for: beat) } catch { return nil }
                    do {
                        if try await self.renew() {
                            renewed = ContinuousClock.now
                        } else {
                            return .failure(LostError(description: "the derivation lease was lost"))
                        }
                    } catch {
                        // PostgreSQL unreachable: keep trying until the lease has surely expired.
                        self.logger.warning("derivation lease: renewal failed", metadata: ["error": "\(error)"])
                        if ContinuousClock.now - renewed >= self.duration {
                            self.held.withLock { $0 = nil }
                            return .failure(LostError(description: "the derivation lease could not be renewed before it expired"))
                        }
                    }
                }
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first ?? .failure(CancellationError())
        }
        try? await self.release()
        return try outcome.get()
    }

    /// Runs `body` in a transaction whose lock waits end after a second. Returns nil when the lease row stayed locked.
    private func lockBounded<T: Sendable>(_ body: @Sendable (PostgresConnection) async throws -> T) async throws -> T? {
        do {
            return try await self.client.withTransaction(logger: self.logger) { conn in
                try await conn.query("SET LOCAL lock_timeout = '1s'", logger: self.logger)
                return try await body(conn)
            }
        } catch {
            let error = PostgresStoreError.unwrapped(error)
            if let psql = error as? PSQLError, psql.serverInfo?[.sqlState] == "55P03" { return nil }  // lock_not_available
            throw error
        }
    }
}
