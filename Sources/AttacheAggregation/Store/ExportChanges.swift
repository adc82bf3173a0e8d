import AttacheContracts
import Foundation
import GRDB

/// What the incremental PLOVER export (`export --format plover --since WATERMARK`) needs to know of
/// replaced documents, kept by the writer in the replacement's transaction.
///
/// The store's sequence is the document id: ids are never reused and each stored version gets the next one,
/// so "changed after watermark W" is "in a document whose id is above W", with two exceptions kept here:
/// - `exportCarry`: an event of a replaced document that the new version reports unchanged (same id, same
///   record) keeps the sequence and coding day it had, so the export does not send it again;
/// - `exportRemoved`: the ids of the events a replacement took away, with the new version's id as their
///   sequence, so the export sends their removal.
/// Rows of `exportCarry` go with their document (cascade); `exportRemoved` keeps one row per event a
/// replacement removed, ~100 bytes each.
enum ExportChanges {
    /// The records of a stored version, with the sequence and coding time each event has now.
    struct Version {
        var doc: String
        var events: [(id: String, signature: String, seq: Int64, codedAt: Int64)]
    }

    /// Reads the stored version `documentId` (before a replacement deletes it), its digest from `log` (the entry
    /// the version was derived from). Nil when there is no such document or its digest cannot be decoded.
    /// - Throws: when its digest is not in the log (the replacement then fails, rather than leave the incremental
    ///   export without the removals it must send).
    static func capture(_ db: Database, documentId: Int64, log: AppendLog) throws -> Version? {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT storedAt, logSeq FROM document WHERE id = ?", arguments: [documentId])
        else { return nil }
        let storedAt: Int64 = row[0]
        let logSeq: Int64 = row[1]
        guard let json = try log.body(seq: logSeq) else {
            throw DatabaseError(message: "document #\(documentId): its digest (log entry \(logSeq)) is not in the append log")
        }
        guard let digest = try? LineCodec().decode(Digest.self, from: Data(json.utf8), id: nil) else { return nil }
        var carried: [Int: (Int64, Int64)] = [:]
        for r in try Row.fetchAll(
            db, sql: "SELECT ordinal, seq, codedAt FROM exportCarry WHERE documentId = ?", arguments: [documentId])
        {
            carried[r[0]] = (r[1], r[2])
        }
        return Version(
            doc: digest.doc,
            events: Plover.records(digest).map { r in
                let (seq, codedAt) = carried[r.ordinal] ?? (documentId, storedAt)
                return (r.id, r.signature, seq, codedAt)
            })
    }

    /// After the new version `documentId` of `old.doc` is stored: its events that the old version held
    /// unchanged keep their sequence; the old version's events it no longer holds are recorded as removed.
    static func replaced(_ db: Database, old: Version, documentId: Int64, digest: Digest) throws {
        var before: [String: (signature: String, seq: Int64, codedAt: Int64)] = [:]
        for e in old.events { before[e.id] = (e.signature, e.seq, e.codedAt) }
        var kept = Set<String>()
        for r in Plover.records(digest) {
            guard let b = before[r.id] else { continue }
            kept.insert(r.id)
            guard b.signature == r.signature else { continue }
            try db.execute(
                sql: "INSERT INTO exportCarry (documentId, ordinal, seq, codedAt) VALUES (?, ?, ?, ?)",
                arguments: [documentId, r.ordinal, b.seq, b.codedAt])
        }
        for e in old.events where !kept.contains(e.id) {
            try db.execute(
                sql: "INSERT OR IGNORE INTO exportRemoved (seq, id, doc) VALUES (?, ?, ?)", arguments: [documentId, e.id, old.doc])
        }
    }
}
