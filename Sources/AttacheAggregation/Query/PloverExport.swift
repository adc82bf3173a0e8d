import AttacheContracts
import Foundation
import GRDB

extension QueryEngine {
    /// `export --format plover`: one PLOVER record a line (``Plover``), by document (store order) then event,
    /// filtered like `events` (``EventFilter``: type, mode, states, pair, doc, dates, text). Paged like the
    /// other exports; a page also stops after reading ``ploverDocumentsPerPage`` documents (it may then hold
    /// no record, with a cursor to go on).
    ///
    /// The export covers the documents stored when its first page was read: the store's sequence then (the
    /// highest document id given out) is the watermark, on the last page's `watermark`.
    ///
    /// With `since` (a watermark from an earlier export): only what changed after it, as lines of three
    /// kinds (`docs/plover-changes.schema.json`): first `{"removed": id, "doc": …, "seq": …}` for each event
    /// that a replacement took away, then the records of events that are new or changed (an unchanged event of
    /// a replaced document is not sent again), and last `{"watermark": W}`, the `since` of the next sync. A
    /// consumer that deletes the removed ids and upserts the records by id holds, after each sync, exactly the
    /// store's events as of the watermark: a document replaced while an export runs is in the next one.
    func exportPlover(_ p: QueryParams, _ db: Database) throws -> QueryResult {
        let limit = try self.limit(p)
        let filter = try EventFilter(p)
        let current = try Int64.fetchOne(db, sql: "SELECT n FROM counter WHERE name = 'documentSeq'") ?? 0
        var state: PloverCursor
        if let c = p.cursor {
            state = try PloverCursor(c)
        } else {
            var since: Int64?
            if let s = p.since {
                guard let w = Int64(s.trimmingCharacters(in: .whitespaces)), w >= 0 else {
                    throw ErrorReply.badRequest("since must be a watermark from an earlier export (a number), got '\(s)'")
                }
                guard w <= current else {
                    throw ErrorReply.badRequest(
                        "watermark \(w) is ahead of this store (its sequence is at \(current)): is it from another store?")
                }
                since = w
            }
            // Removals from sequence W + 1 (every id is above ""), documents from id W + 1.
            state = PloverCursor(
                since: since, upper: current, removals: since != nil, seq: (since ?? 0) + 1, id: "",
                documentFrom: (since ?? 0) + 1, ordinal: 0)
        }
        var data = ""
        var escaped = 0
        var count = 0
        var full = false
        func fits(_ line: String) -> Bool {
            let size = ReplySize.string(line) - 2 + 2  // less the quotes, plus the escaped newline
            if count >= limit
                || (count > 0
                    && (data.utf8.count + line.utf8.count + 1 > self.maxExportBytes
                        || escaped + size + Self.ploverCursorReserve > self.exportBudget))
            {
                return false
            }
            data += line + "\n"
            escaped += size
            count += 1
            return true
        }

        // Removals, in sequence order.
        if state.removals {
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT seq, id, doc FROM exportRemoved WHERE (seq, id) > (?, ?) AND seq <= ?
                    ORDER BY seq, id LIMIT \(limit + 1)
                    """, arguments: [state.seq, state.id, state.upper])
            for r in rows {
                let seq: Int64 = r[0]
                let id: String = r[1]
                let doc: String = r[2]
                if p.doc != nil && doc != p.doc { (state.seq, state.id) = (seq, id); continue }
                let line = "{\"removed\":" + Plover.json(id) + ",\"doc\":" + Plover.json(doc) + ",\"seq\":\(seq)}"
                guard fits(line) else {
                    full = true
                    break
                }
                (state.seq, state.id) = (seq, id)
            }
            if !full && rows.count <= limit { state.removals = false }
            if full || state.removals {
                return QueryResult(
                    next: state.encode(), export: ExportResult(format: "plover", contentType: "application/x-ndjson", data: data, count: count))
            }
        }

        // Records of the documents after the watermark (all documents without one), up to the upper bound.
        var f = SQLFilter()
        f.add("d.id >= ?", state.documentFrom)
        f.add("d.id <= ?", state.upper)
        if let doc = p.doc { f.add("d.doc = ?", doc) }
        let documents = try Row.fetchCursor(
            db,
            sql: """
                SELECT d.id, d.storedAt, b.body FROM document d LEFT JOIN applog.entry b ON b.seq = d.logSeq
                \(f.sql) ORDER BY d.id LIMIT \(Self.ploverDocumentsPerPage + 1)
                """, arguments: f.arguments)
        var scanned = 0
        var more = false
        scan: while let row = try documents.next() {
            if scanned == Self.ploverDocumentsPerPage {
                more = true
                break
            }
            scanned += 1
            let documentId: Int64 = row[0]
            let storedAt: Int64 = row[1]
            guard let json: String = row[2] else {
                throw ErrorReply(id: nil, code: .internal, message: "stored digest of document \(documentId) is not in the append log")
            }
            let digest: Digest
            do {
                digest = try LineCodec().decode(Digest.self, from: Data(json.utf8), id: nil)
            } catch {
                throw ErrorReply(id: nil, code: .internal, message: "stored digest of document \(documentId) cannot be decoded")
            }
            var carried: [Int: (seq: Int64, codedAt: Int64)] = [:]
            for r in try Row.fetchAll(
                db, sql: "SELECT ordinal, seq, codedAt FROM exportCarry WHERE documentId = ?", arguments: [documentId])
            {
                carried[r[0]] = (r[1], r[2])
            }
            let first = documentId == state.documentFrom ? state.ordinal : 0
            for record in Plover.records(digest) where record.ordinal >= first {
                let carry = carried[record.ordinal]
                if let since = state.since, let carry, carry.seq <= since { continue }
                guard filter.matches(digest.events[record.ordinal], in: digest) else { continue }
                let line = record.line(codedDate: Plover.day(carry?.codedAt ?? storedAt))
                guard fits(line) else {
                    (state.documentFrom, state.ordinal) = (documentId, record.ordinal)
                    more = true
                    break scan
                }
            }
            (state.documentFrom, state.ordinal) = (documentId + 1, 0)
        }
        let watermark = more ? nil : String(state.upper)
        if !more, state.since != nil {
            // The last line: where the next sync starts (within the cursor's reserve, which this page does not use).
            data += "{\"watermark\":\(Plover.json(String(state.upper)))}\n"
        }
        return QueryResult(
            next: more ? state.encode() : nil,
            export: ExportResult(
                format: "plover", contentType: "application/x-ndjson", data: data, count: count, watermark: watermark))
    }

    /// Documents a PLOVER export page reads at most (a filter that few events pass still answers in time).
    static let ploverDocumentsPerPage = 500
    /// Bytes a page keeps for its cursor (or its watermark line): seven short fields, base64.
    static let ploverCursorReserve = 256
}

/// Where a PLOVER export goes on: the watermark it started from (nil: a full export), its upper bound, and
/// the position in the removals (sequence, id) or in the documents (document id, event ordinal).
struct PloverCursor {
    var since: Int64?
    var upper: Int64
    var removals: Bool
    var seq: Int64
    var id: String
    var documentFrom: Int64
    var ordinal: Int

    init(since: Int64?, upper: Int64, removals: Bool, seq: Int64, id: String, documentFrom: Int64, ordinal: Int) {
        self.since = since
        self.upper = upper
        self.removals = removals
        self.seq = seq
        self.id = id
        self.documentFrom = documentFrom
        self.ordinal = ordinal
    }

    init(_ cursor: String) throws {
        let v = try Cursor.decode(cursor, "export.plover", count: 7)
        self.since = v[0].isEmpty ? nil : try Cursor.int64(v[0])
        self.upper = try Cursor.int64(v[1])
        self.removals = v[2] == "r"
        self.seq = try Cursor.int64(v[3])
        self.id = v[4]
        self.documentFrom = try Cursor.int64(v[5])
        guard let ordinal = Int(v[6]), ordinal >= 0 else { throw ErrorReply.badRequest("invalid cursor") }
        self.ordinal = ordinal
    }

    func encode() -> String {
        Cursor.encode(
            "export.plover",
            [
                self.since.map(String.init) ?? "", String(self.upper), self.removals ? "r" : "e", String(self.seq), self.id,
                String(self.documentFrom), String(self.ordinal),
            ])
    }
}
