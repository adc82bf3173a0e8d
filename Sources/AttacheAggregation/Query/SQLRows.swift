import Foundation
import GRDB
import GRDBSQLite

/// One result row, read straight from the SQLite statement by column position.
///
/// The hot queries (profile, relations, timeline, events pages) read their rows this way instead of
/// through GRDB's `Row`: `Row.fetchAll` copies every row with its column names, a lookup by name
/// lower-cases the name on every access, and a typed read goes through generic code that looks up
/// type metadata at run time. Together that was over half of a relations query's CPU at 1,000,000
/// documents (perf, `attache-store-bench query --kind relations --clients 1`).
///
/// Valid only inside the closure it is passed to.
struct SQLRow {
    fileprivate let statement: OpaquePointer

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(self.statement, column) == SQLITE_NULL }
    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(self.statement, column) }
    func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(self.statement, column)) }
    func double(_ column: Int32) -> Double { sqlite3_column_double(self.statement, column) }

    /// The column's text (empty for NULL).
    func string(_ column: Int32) -> String { self.withBytes(column) { String(decoding: $0, as: UTF8.self) } }

    /// Calls `body` with the column's text as bytes (empty for NULL).
    func withBytes<T>(_ column: Int32, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        // sqlite3_column_text first, then sqlite3_column_bytes: the order SQLite documents for text.
        guard let text = sqlite3_column_text(self.statement, column) else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        let count = Int(sqlite3_column_bytes(self.statement, column))
        return try body(UnsafeBufferPointer(start: text, count: count))
    }

    func optionalString(_ column: Int32) -> String? { self.isNull(column) ? nil : self.string(column) }
    func optionalInt64(_ column: Int32) -> Int64? { self.isNull(column) ? nil : self.int64(column) }
}

extension Database {
    /// Runs the query `sql` and calls `body` with each row.
    ///
    /// - Parameter cached: reuse a prepared statement (only for SQL whose text does not vary with the
    ///   request, or the statement cache would grow with every distinct text).
    func forEachRow(
        _ sql: String, _ arguments: StatementArguments = StatementArguments(), cached: Bool = false,
        _ body: (SQLRow) throws -> Void
    ) throws {
        let statement = cached ? try self.cachedStatement(sql: sql) : try self.makeStatement(sql: sql)
        try statement.setArguments(arguments)
        try statement.stepRows(body)
    }

    /// Runs the query `sql` and calls `body` with each row while `body` returns true.
    func scanRows(
        _ sql: String, _ arguments: StatementArguments = StatementArguments(), cached: Bool = false,
        while body: (SQLRow) throws -> Bool
    ) throws {
        let statement = cached ? try self.cachedStatement(sql: sql) : try self.makeStatement(sql: sql)
        try statement.setArguments(arguments)
        try statement.stepRows(while: body)
    }

    /// The rows of the query `sql`, each made into a `T` by `transform`.
    func mapRows<T>(
        _ sql: String, _ arguments: StatementArguments = StatementArguments(), cached: Bool = false,
        _ transform: (SQLRow) throws -> T
    ) throws -> [T] {
        var result: [T] = []
        try self.forEachRow(sql, arguments, cached: cached) { result.append(try transform($0)) }
        return result
    }
}

/// Values for a statement's `?` parameters, in order.
typealias SQLValues = [(any DatabaseValueConvertible)?]

extension Statement {
    /// Binds `values` to the parameters and steps the statement to its end, through SQLite's C API.
    ///
    /// GRDB's `execute(arguments:)` does the same plus argument validation, temporary bindings nested one
    /// closure per argument, and its transaction-observer hooks: 2–3 µs more per statement, measured by
    /// `attache-store-bench ceiling --per-row 1` with and without `--raw 1` (the same rows, one statement
    /// each). The writer runs ~245 statements a digest. The store registers no transaction observer, so
    /// nothing misses these statements; the count of values is checked, so no stale binding is reused.
    func run(_ values: SQLValues) throws {
        try self.eachRow(values) { _ in }
    }

    /// Binds `values`, steps the statement to its end and calls `body` with each row (C API, as ``run(_:)``).
    func eachRow(_ values: SQLValues, _ body: (SQLRow) throws -> Void) throws {
        sqlite3_reset(self.sqliteStatement)
        try self.bind(values)
        try self.stepRows(body)
    }

    /// Steps the bound statement to its end, calling `body` with each row, and resets it.
    fileprivate func stepRows(_ body: (SQLRow) throws -> Void) throws {
        try self.stepRows(while: { row in
            try body(row)
            return true
        })
    }

    /// Steps the bound statement, calling `body` with each row, until its end or until `body` returns
    /// false, and resets it.
    fileprivate func stepRows(while body: (SQLRow) throws -> Bool) throws {
        let handle = self.sqliteStatement
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw DatabaseError(
                    resultCode: ResultCode(rawValue: code),
                    message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))), sql: self.sql)
            }
            guard try body(SQLRow(statement: handle)) else { return }
        }
    }

    /// Binds `values` (the statement must be reset).
    fileprivate func bind(_ values: SQLValues) throws {
        let handle = self.sqliteStatement
        let expected = Int(sqlite3_bind_parameter_count(handle))
        guard values.count == expected else {
            throw DatabaseError(
                resultCode: .SQLITE_MISUSE, message: "\(values.count) values for \(expected) parameters", sql: self.sql)
        }
        // SQLITE_TRANSIENT: SQLite copies text and blobs before this returns.
        let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
        for (i, value) in values.enumerated() {
            let index = Int32(i + 1)
            let code: Int32
            switch value?.databaseValue.storage ?? .null {
            case .null: code = sqlite3_bind_null(handle, index)
            case .int64(let x): code = sqlite3_bind_int64(handle, index, x)
            case .double(let x): code = sqlite3_bind_double(handle, index, x)
            case .string(let s): code = sqlite3_bind_text(handle, index, s, Int32(s.utf8.count), transient)
            case .blob(let d):
                code = d.withUnsafeBytes { sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), transient) }
            }
            guard code == SQLITE_OK else {
                throw DatabaseError(
                    resultCode: ResultCode(rawValue: code),
                    message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))), sql: self.sql)
            }
        }
    }
}

extension Database {
    /// Executes `sql` through the connection's statement cache (parsed once per connection), binding and
    /// stepping with SQLite's C API (``GRDB/Statement/run(_:)``).
    func run(sql: String, arguments: SQLValues = []) throws {
        try self.cachedStatement(sql: sql).run(arguments)
    }

    /// The writer's lookups: runs `sql` through the statement cache with ``GRDB/Statement/eachRow(_:_:)`` and
    /// makes each row into a `T`.
    func rows<T>(_ sql: String, _ values: SQLValues, _ transform: (SQLRow) throws -> T) throws -> [T] {
        var result: [T] = []
        try self.cachedStatement(sql: sql).eachRow(values) { result.append(try transform($0)) }
        return result
    }

    /// The first row of `sql` made into a `T`, or nil. The statement still runs to its end (an
    /// `… RETURNING` statement makes all its changes).
    func firstRow<T>(_ sql: String, _ values: SQLValues, _ transform: (SQLRow) throws -> T) throws -> T? {
        var first: T?
        try self.cachedStatement(sql: sql).eachRow(values) { row in
            if first == nil { first = try transform(row) }
        }
        return first
    }
}
