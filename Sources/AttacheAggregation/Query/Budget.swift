import AttacheContracts
import Foundation
import GRDB
import GRDBSQLite

/// The limits of the aggregator's query side. Each is advertised in the aggregator's hello
/// (``AttacheContracts/Limits``) and set by the aggregator's configuration.
public struct QueryLimits: Sendable, Equatable {
    /// Bytes of one reply line (default 4 MiB, the line a client accepts by default): a page stops
    /// at this budget and gives its cursor.
    public var maxReplyBytes: Int
    /// Milliseconds of database work one query may take (default 5,000): then it is stopped and answered
    /// `TOO_EXPENSIVE`.
    public var maxQueryMilliseconds: Int
    /// Words in one full-text query (default 32); more is `BAD_REQUEST`.
    public var maxSearchTerms: Int
    /// Indexed words the prefix terms (`word*`) of one full-text query may expand to, together (default
    /// 512); more is `TOO_EXPENSIVE`.
    public var maxSearchExpansions: Int

    public init(
        maxReplyBytes: Int = 4 * 1024 * 1024, maxQueryMilliseconds: Int = 5_000, maxSearchTerms: Int = 32,
        maxSearchExpansions: Int = 512
    ) {
        self.maxReplyBytes = maxReplyBytes
        self.maxQueryMilliseconds = maxQueryMilliseconds
        self.maxSearchTerms = maxSearchTerms
        self.maxSearchExpansions = maxSearchExpansions
    }

    /// Bytes kept free in a reply line for what surrounds the result (`type`, `query`, `page`, the
    /// result's braces, keys and cursor key, the reply's `asOf`) besides the request id, which
    /// ``AggregationStore/answer(_:_:envelopeBytes:)`` is told about.
    static let envelopeReserve = 256
}

/// How many bytes the records of one page may take. A page stops before the record that would pass it
/// (and gives its cursor), but always holds at least one record.
struct PageBudget: Sendable {
    /// Bytes for the records and the page's cursor.
    let bytes: Int

    /// Whether a page that already holds `used` bytes (and at least one record) has room for a record of
    /// `size` bytes followed by a cursor of `cursor` bytes (and a comma).
    func admits(used: Int, size: Int, cursor: Int = Self.smallCursor) -> Bool {
        used + size + 1 + cursor <= self.bytes
    }

    /// How many of `sizes`, from the first, fit with the cursor of the last one kept (`cursors[i]`); at least one.
    func fit(_ sizes: [Int], cursors: [Int]? = nil) -> Int {
        var used = 0
        for (i, size) in sizes.enumerated() {
            if i > 0 && !self.admits(used: used, size: size, cursor: cursors?[i] ?? Self.smallCursor) { return i }
            used += size + 1
        }
        return sizes.count
    }

    /// The bytes of a cursor made of numbers only (`"next":"…"`).
    static let smallCursor = 96

    /// The bytes of `"next":"…"` for a cursor made of `values` (base64 of a short JSON array).
    static func cursor(_ values: [String]) -> Int {
        let json = values.reduce(48) { $0 + ReplySize.string($1) + 1 }
        return 12 + (json + 2) / 3 * 4
    }
}

extension Database {
    /// The rows of `sql` made into `T`s, read until there are `limit` of them or they fill `budget`, so that a
    /// page of long rows is never read whole into memory. `sql` must ask for at least `limit + 1` rows.
    ///
    /// - Returns: the rows of the page, and whether rows remain after it.
    func pageRows<T>(
        _ sql: String, _ arguments: StatementArguments = StatementArguments(), cached: Bool = false, limit: Int,
        budget: PageBudget, size: (T) -> Int, cursor: (T) -> Int = { _ in PageBudget.smallCursor },
        _ transform: (SQLRow) throws -> T
    ) throws -> (rows: [T], more: Bool) {
        var rows: [T] = []
        var used = 0
        var more = false
        try self.scanRows(sql, arguments, cached: cached, while: { row -> Bool in
            if rows.count == limit {
                more = true
                return false
            }
            let value = try transform(row)
            let bytes = size(value)
            if !rows.isEmpty && !budget.admits(used: used, size: bytes, cursor: cursor(value)) {
                more = true
                return false
            }
            used += bytes + 1
            rows.append(value)
            return true
        })
        return (rows, more)
    }
}

/// A query's time budget: SQLite's progress handler stops the statements of a query that has run past
/// its deadline (they fail with `SQLITE_INTERRUPT`, which becomes `TOO_EXPENSIVE`).
///
/// The handler is installed on the reader connection for the duration of one query only, and checked
/// every 1,000 virtual-machine instructions (a clock read each: negligible). Work SQLite does inside a
/// single instruction (an FTS5 prefix merge) is not interrupted, which is why full-text queries also
/// bound their terms and prefix expansions.
enum QueryDeadline {
    static func run<T>(_ db: Database, milliseconds: Int, _ body: () throws -> T) throws -> T {
        let deadline = UnsafeMutablePointer<UInt64>.allocate(capacity: 1)
        defer { deadline.deallocate() }
        deadline.pointee = Self.nowNanoseconds() &+ UInt64(max(1, milliseconds)) &* 1_000_000
        let connection = db.sqliteConnection
        sqlite3_progress_handler(connection, 1000, { context in
            guard let context else { return 0 }
            return QueryDeadline.nowNanoseconds() >= context.load(as: UInt64.self) ? 1 : 0
        }, UnsafeMutableRawPointer(deadline))
        defer { sqlite3_progress_handler(connection, 0, nil, nil) }
        do {
            return try body()
        } catch let error as DatabaseError
            where error.resultCode == .SQLITE_INTERRUPT && Self.nowNanoseconds() >= deadline.pointee
        {
            throw ErrorReply.tooExpensive(
                "the query ran past max_query_ms (\(milliseconds) ms) and was stopped; narrow it (filters, dates, a smaller limit)")
        }
    }

    /// A monotonic clock, in nanoseconds.
    static func nowNanoseconds() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) &* 1_000_000_000 &+ UInt64(now.tv_nsec)
    }
}
