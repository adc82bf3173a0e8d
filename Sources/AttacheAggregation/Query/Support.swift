import AttacheContracts
import Foundation
import GRDB

/// A WHERE clause built from optional filters.
struct SQLFilter {
    private(set) var clauses: [String] = []
    private(set) var values: [(any DatabaseValueConvertible)?] = []

    mutating func add(_ clause: String, _ args: (any DatabaseValueConvertible)?...) {
        self.clauses.append(clause)
        self.values.append(contentsOf: args)
    }

    var sql: String { self.clauses.isEmpty ? "" : "WHERE " + self.clauses.joined(separator: " AND ") }
    var arguments: StatementArguments { StatementArguments(self.values) }
}

/// Column lists of the rows the hot queries decode, read by position: GRDB's lookup of a column by
/// name lower-cases the name on every access, which cost a fifth of a relations query's CPU.
enum Columns {
    /// The text of the sentence that row `t` (an event or a copy of one) cites: its `sentence` row (v22, row id
    /// `documentId << 16 | index`), read for the rows a page returns; "" when the digest had no sentence of that
    /// index (the bounds keep an index past 16 bits from naming another document's sentence).
    static func sentenceText(_ t: String) -> String {
        """
        COALESCE((SELECT s.text FROM sentence s WHERE s.id = (\(t).documentId << 16) + \(t).sentence \
        AND \(t).sentence BETWEEN 0 AND 65535), '')
        """
    }

    /// `event e` joined with `document d`: an ``EventRow`` (see `QueryEngine.eventRows`), then `effDate`.
    static let event = """
        e.id, d.doc, e.type, e.mode, e.source, e.target, e.date, e.confidence, \(sentenceText("e")), e.triggerText, \
        e.storyId, e.triggerSentence, e.triggerStart, e.triggerEnd, e.actorText, e.recipientText, e.effDate
        """

    /// A copy of an event (`pairEvent`, `actorRecent`) named `t` in the query: the ``event`` columns from its own
    /// row (the sentence's text from ``sentenceText(_:)``), then its actor ids comma-separated.
    static func copiedEvent(_ t: String) -> String {
        """
        \(t).eventId, \(t).doc, \(t).type, \(t).mode, \(t).source, \(t).target, \(t).date, \(t).confidence, \
        \(sentenceText(t)), \(t).triggerText, \(t).storyId, \(t).triggerSentence, \(t).triggerStart, \(t).triggerEnd, \
        \(t).actorText, \(t).recipientText, \(t).effDate, \(t).actors
        """
    }

    /// `actor a`: an ``ActorSummary`` (see `QueryEngine.actorSummary`).
    static let actor = "a.id, a.kind, a.name, a.country, a.documents, a.mentions, a.firstSeen, a.lastSeen, a.nameKey"
    static let actorNameKey: Int32 = 8
}

/// Opaque page cursors: base64url of a JSON array whose first element names the query, so that a cursor
/// cannot be replayed on another query.
enum Cursor {
    static func encode(_ kind: String, _ values: [String]) -> String {
        let data = (try? JSONEncoder().encode([kind] + values)) ?? Data()
        return data.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    static func decode(_ cursor: String, _ kind: String, count: Int) throws -> [String] {
        var b64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while b64.count % 4 != 0 { b64 += "=" }
        guard let data = Data(base64Encoded: b64), let values = try? JSONDecoder().decode([String].self, from: data),
            values.count == count + 1, values[0] == kind
        else { throw ErrorReply.badRequest("invalid cursor for \(kind)") }
        return Array(values.dropFirst())
    }

    static func int64(_ s: String) throws -> Int64 {
        guard let v = Int64(s) else { throw ErrorReply.badRequest("invalid cursor") }
        return v
    }

    /// Exact round trip of a Double through a string.
    static func double(_ d: Double) -> String { String(d.bitPattern) }
    static func double(_ s: String) throws -> Double {
        guard let bits = UInt64(s) else { throw ErrorReply.badRequest("invalid cursor") }
        return Double(bitPattern: bits)
    }
}

enum Validate {
    /// An ISO alpha-2 code, upper-cased.
    static func state(_ s: String?, _ field: String) throws -> String? {
        guard let s else { return nil }
        let t = s.trimmingCharacters(in: .whitespaces).uppercased()
        guard (2...3).contains(t.count), t.allSatisfy({ $0.isLetter }) else {
            throw ErrorReply.badRequest("\(field) must be an ISO alpha-2 state code, got '\(s)'")
        }
        return t
    }

    /// An ISO date or partial date (YYYY, YYYY-MM, YYYY-MM-DD).
    static func date(_ s: String?, _ field: String) throws -> String? {
        guard let s else { return nil }
        let ok = s.range(of: #"^\d{4}(-\d{2}(-\d{2})?)?$"#, options: .regularExpression) != nil
        guard ok else { throw ErrorReply.badRequest("\(field) must be an ISO date (YYYY[-MM[-DD]]), got '\(s)'") }
        return s
    }

    static func pair(_ p: [String]?) throws -> (String, String)? {
        guard let p else { return nil }
        guard p.count == 2, let a = try self.state(p[0], "pair"), let b = try self.state(p[1], "pair") else {
            throw ErrorReply.badRequest("pair must be two ISO alpha-2 state codes")
        }
        return (a, b)
    }

    /// The two different states of `pair`, which `query` needs.
    static func distinctPair(_ p: [String]?, for query: String) throws -> (String, String) {
        guard let (a, b) = try self.pair(p) else { throw ErrorReply.badRequest("\(query) needs pair") }
        guard a != b else { throw ErrorReply.badRequest("\(query) needs two different states") }
        return (a, b)
    }

    static func eventType(_ s: String?) throws -> String? {
        guard let s else { return nil }
        let t = s.uppercased()
        guard PloverType(rawValue: t) != nil else {
            throw ErrorReply.badRequest("eventType must be one of \(PloverType.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return t
    }
}

/// Adds inclusive date bounds on a column holding ISO (possibly partial) dates. `to` compares the column's
/// prefix of the bound's length, so `to: "2024-08"` includes every day of August.
/// The rows of `pairEvent p` between the states `a` and `b` dated within `from`…`to` (partial dates as prefixes), as a
/// range of its key (lo, hi, effDate) that a scan starts and stops on.
func addPairEventRange(_ f: inout SQLFilter, _ a: String, _ b: String, from: String?, to: String?) {
    f.add("p.lo = ? AND p.hi = ?", min(a, b), max(a, b))
    addDateBounds(&f, column: "p.effDate", from: from, to: to)
    // The same upper bound as a range the key can stop at ('~' sorts after every digit and '-').
    if let to { f.add("p.effDate < ? || '~'", to) }
}

func addDateBounds(_ f: inout SQLFilter, column: String, from: String?, to: String?) {
    if let from { f.add("\(column) >= ?", from) }
    if let to { f.add("substr(\(column), 1, length(?)) <= ?", to, to) }
}
