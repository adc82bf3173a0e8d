import AttacheContracts
import Foundation
import GRDB

extension QueryEngine {
    /// `jsonl` (digests as pushed, one per line, by document id) and `csv` (events, GDELT-like columns,
    /// by event id) are paged: `limit` records per page, and a page stops early at the reply budget (its
    /// `data` as the reply line carries it, escaped) or `maxExportBytes` of text; at least one record is always
    /// returned. `graphml` and `dot` export the actor graph (actors as nodes, co-mention in a document as
    /// weighted edges, optionally restricted by `actorKind` and `state`) in one answer, refused with
    /// `TOO_EXPENSIVE` beyond `maxResultRows` nodes + edges, the reply budget or `maxExportBytes`.
    func export(_ p: QueryParams, _ db: Database) throws -> QueryResult {
        let format = p.format ?? ""
        if p.since != nil && format != "plover" {
            throw ErrorReply.badRequest("since is for the plover export (the changes after a watermark)")
        }
        switch format {
        case "jsonl": return try self.exportDigests(p, db)
        case "plover": return try self.exportPlover(p, db)
        case "csv": return try self.exportEvents(p, db)
        case "graphml", "dot":
            switch p.graph ?? (p.actorKind == nil ? "events" : "actors") {
            case "events": return try self.exportStateGraph(p, db)
            case "actors": return try self.exportGraph(p, db)
            default: throw ErrorReply.badRequest("graph must be events or actors")
            }
        default: throw ErrorReply.badRequest("export needs format: jsonl, plover, csv, graphml or dot")
        }
    }

    /// Bytes an export page's `data` may take in the reply line (escaped), less its other fields.
    var exportBudget: Int { self.budget.bytes - PageBudget.smallCursor - 256 }

    private func exportDigests(_ p: QueryParams, _ db: Database) throws -> QueryResult {
        let limit = try self.limit(p)
        var f = SQLFilter()
        if let c = p.cursor { f.add("d.doc > ?", try Cursor.decode(c, "export.jsonl", count: 1)[0]) }
        let cursor = try Row.fetchCursor(
            db, sql: "SELECT d.doc, d.logSeq, b.body AS digest FROM document d LEFT JOIN applog.entry b ON b.seq = d.logSeq \(f.sql) ORDER BY d.doc LIMIT \(limit + 1)", arguments: f.arguments)
        var data = ""
        var escaped = 0
        var count = 0
        var lastDoc: String?
        var more = false
        while let row = try cursor.next() {
            let doc: String = row["doc"]
            guard let json: String = row["digest"] else {
                throw ErrorReply(
                    id: nil, code: .internal, message: "stored digest of '\(doc)' (log entry \(row["logSeq"] as Int64)) is not in the append log")
            }
            let size = ReplySize.string(json) - 2 + 2  // less the quotes, plus the escaped newline
            let cursorSize = PageBudget.cursor([doc])
            if count >= limit
                || (count > 0
                    && (data.utf8.count + json.utf8.count + 1 > self.maxExportBytes
                        || escaped + size + cursorSize > self.exportBudget))
            {
                more = true
                break
            }
            data += json + "\n"
            escaped += size
            count += 1
            lastDoc = doc
        }
        return QueryResult(
            next: more ? lastDoc.map { Cursor.encode("export.jsonl", [$0]) } : nil,
            export: ExportResult(format: "jsonl", contentType: "application/x-ndjson", data: data, count: count))
    }

    /// The state columns carry the crosswalk's codes (``CountryCodes``) beside the store's alpha-2: ISO alpha-3
    /// and Correlates of War number (empty where the state has none).
    static let csvHeader = [
        "GLOBALEVENTID", "SQLDATE", "Actor1Name", "Actor1CountryCode", "Actor1ISO3", "Actor1COW", "Actor2Name",
        "Actor2CountryCode", "Actor2ISO3", "Actor2COW", "EventCode",
        "EventMode", "Confidence", "NumMentions", "NumSources", "NumArticles", "StoryID", "DocID", "SentenceIndex",
        "TriggerText", "SOURCEURL", "DATEADDED",
    ]

    /// One CSV field (RFC 4180 quoting). A value that a spreadsheet would read as a formula (it starts with
    /// `=`, `+`, `-`, `@`, a tab or a carriage return) is written as text: prefixed with `'` inside quotes,
    /// as OWASP's "CSV injection" advice does.
    static func csvField(_ value: String?) -> String {
        guard let value else { return "" }
        if let first = value.unicodeScalars.first, Self.formulaStarts.contains(first) {
            return "\"'" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }

    /// First characters that make a spreadsheet evaluate a cell.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// `YYYYMMDDHHMMSS` (UTC) of epoch milliseconds.
    static func gdeltTimestamp(_ ms: Int64) -> String {
        let secs = ms / 1000
        let days = Int(secs / 86_400)
        let rem = Int(secs % 86_400)
        let (y, m, d) = CivilDate.from(days: days)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(y)\(two(m))\(two(d))\(two(rem / 3600))\(two(rem % 3600 / 60))\(two(rem % 60))"
    }

    private func exportEvents(_ p: QueryParams, _ db: Database) throws -> QueryResult {
        let limit = try self.limit(p)
        var f = SQLFilter()
        try self.eventFilter(p, &f, alias: "e", dateColumn: "e.effDate")
        if let doc = p.doc { f.add("d.doc = ?", doc) }
        if let c = p.cursor { f.add("e.id > ?", try Cursor.int64(try Cursor.decode(c, "export.csv", count: 1)[0])) }
        let cursor = try Row.fetchCursor(
            db,
            sql: """
                SELECT e.id, e.effDate, e.actorText, e.source, e.recipientText, e.target, e.type, e.mode, e.confidence,
                       e.storyId, e.sentence, e.triggerText, d.doc, COALESCE(d.url, d.source) AS url, d.storedAt,
                       st.mentions, st.sources, st.documents
                FROM event e JOIN document d ON d.id = e.documentId LEFT JOIN story st ON st.id = e.storyId
                \(f.sql) ORDER BY e.id LIMIT \(limit + 1)
                """, arguments: f.arguments)
        var data = p.cursor == nil ? Self.csvHeader.joined(separator: ",") + "\r\n" : ""
        var escaped = ReplySize.string(data) - 2
        var count = 0
        var lastId: Int64?
        var more = false
        while let row = try cursor.next() {
            let source: String? = row["source"]
            let target: String? = row["target"]
            let sourceCodes = CountryCodes.of(source)
            let targetCodes = CountryCodes.of(target)
            let fields: [String?] = [
                String(row["id"] as Int64), (row["effDate"] as String?)?.replacingOccurrences(of: "-", with: ""),
                row["actorText"], source, sourceCodes?.alpha3, (sourceCodes?.cow).map(String.init),
                row["recipientText"], target, targetCodes?.alpha3, (targetCodes?.cow).map(String.init), row["type"], row["mode"],
                String(row["confidence"] as Double), (row["mentions"] as Int?).map(String.init),
                (row["sources"] as Int?).map(String.init), (row["documents"] as Int?).map(String.init),
                (row["storyId"] as Int64?).map(String.init), row["doc"], String(row["sentence"] as Int),
                row["triggerText"], row["url"], Self.gdeltTimestamp(row["storedAt"]),
            ]
            let line = fields.map(Self.csvField).joined(separator: ",") + "\r\n"
            let size = ReplySize.string(line) - 2
            if count >= limit
                || (count > 0
                    && (data.utf8.count + line.utf8.count > self.maxExportBytes
                        || escaped + size + PageBudget.smallCursor > self.exportBudget))
            {
                more = true
                break
            }
            data += line
            escaped += size
            count += 1
            lastId = row["id"]
        }
        return QueryResult(
            next: more ? lastId.map { Cursor.encode("export.csv", [String($0)]) } : nil,
            export: ExportResult(format: "csv", contentType: "text/csv", data: data, count: count))
    }

    private func exportGraph(_ p: QueryParams, _ db: Database) throws -> QueryResult {
        var f = SQLFilter()
        if let kind = p.actorKind {
            guard ["person", "organization", "state"].contains(kind) else {
                throw ErrorReply.badRequest("actorKind must be person, organization or state")
            }
            f.add("a.kind = ?", kind)
        }
        if let state = try Validate.state(p.state, "state") { f.add("a.country = ?", state) }
        let budget = self.maxResultRows
        let nodes = try Row.fetchAll(
            db, sql: "SELECT a.id, a.kind, a.name, a.country, a.documents FROM actor a \(f.sql) ORDER BY a.id LIMIT \(budget + 1)",
            arguments: f.arguments)
        guard nodes.count <= budget else {
            throw ErrorReply.tooExpensive("actor graph has more than \(budget) nodes; filter by actorKind or state")
        }
        let edges = try Row.fetchAll(
            db,
            sql: """
                SELECT x.actorId AS a, y.actorId AS b, COUNT(DISTINCT x.documentId) AS w
                FROM docActor x JOIN docActor y ON y.documentId = x.documentId AND y.actorId > x.actorId
                WHERE x.actorId IN (SELECT a.id FROM actor a \(f.sql)) AND y.actorId IN (SELECT a.id FROM actor a \(f.sql))
                GROUP BY x.actorId, y.actorId ORDER BY x.actorId, y.actorId LIMIT \(budget - nodes.count + 1)
                """, arguments: f.arguments + f.arguments)
        guard nodes.count + edges.count <= budget else {
            throw ErrorReply.tooExpensive(
                "actor graph has more than \(budget) nodes and edges; filter by actorKind or state")
        }
        let format = p.format ?? "graphml"
        var out = ""
        if format == "dot" {
            func q(_ s: String) -> String { Self.dotQuoted(s) }
            out += "graph actors {\n"
            for n in nodes {
                let id: Int64 = n["id"]
                let country = (n["country"] as String?) ?? ""
                out += "  a\(id) [label=\(q(n["name"])), kind=\(q(n["kind"])), country=\(q(country)), documents=\(n["documents"] as Int)];\n"
            }
            for e in edges { out += "  a\(e["a"] as Int64) -- a\(e["b"] as Int64) [weight=\(e["w"] as Int)];\n" }
            out += "}\n"
        } else {
            func x(_ s: String) -> String { Self.xmlEscaped(s) }
            out += Self.graphMLHead(
                [("name", "node", "string"), ("kind", "node", "string"), ("country", "node", "string"), ("documents", "node", "int"),
                 ("weight", "edge", "int")], graph: "actors", directed: false)
            for n in nodes {
                let id: Int64 = n["id"]
                out += "    <node id=\"a\(id)\"><data key=\"name\">\(x(n["name"]))</data><data key=\"kind\">\(x(n["kind"]))</data>"
                if let c = n["country"] as String? { out += "<data key=\"country\">\(x(c))</data>" }
                out += "<data key=\"documents\">\(n["documents"] as Int)</data></node>\n"
            }
            for e in edges {
                out += "    <edge source=\"a\(e["a"] as Int64)\" target=\"a\(e["b"] as Int64)\"><data key=\"weight\">\(e["w"] as Int)</data></edge>\n"
            }
            out += "  </graph>\n</graphml>\n"
        }
        return try self.graphExport(out, format: format, count: nodes.count + edges.count, what: "actor graph", narrow: "actorKind or state")
    }

    /// The opening of a GraphML document: its declaration, one typed attribute key a line (its name is its id), and
    /// the graph.
    static func graphMLHead(_ keys: [(id: String, on: String, type: String)], graph: String, directed: Bool) -> String {
        var head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n"
        for k in keys { head += "  <key id=\"\(k.id)\" for=\"\(k.on)\" attr.name=\"\(k.id)\" attr.type=\"\(k.type)\"/>\n" }
        return head + "  <graph id=\"\(graph)\" edgedefault=\"\(directed ? "directed" : "undirected")\">\n"
    }

    /// A graph export (`dot` or `graphml` text) as a result, refused with `TOO_EXPENSIVE` past the export budget.
    func graphExport(_ text: String, format: String, count: Int, what: String, narrow: String) throws -> QueryResult {
        guard text.utf8.count <= self.maxExportBytes, ReplySize.string(text) <= self.exportBudget else {
            throw ErrorReply.tooExpensive(
                "\(what) export exceeds \(min(self.maxExportBytes, self.exportBudget)) bytes (max_reply_bytes); filter by \(narrow)")
        }
        return QueryResult(
            export: ExportResult(
                format: format, contentType: format == "dot" ? "text/vnd.graphviz" : "application/graphml+xml", data: text,
                count: count))
    }

    /// A DOT string literal: control characters (line breaks included) become spaces, as DOT strings hold none.
    static func dotQuoted(_ s: String) -> String {
        let flat = String(String.UnicodeScalarView(s.unicodeScalars.map { Self.isControl($0) ? " " : $0 }))
        return "\"" + flat.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// `s` as XML character data or an attribute value: forbidden characters dropped, markup escaped.
    static func xmlEscaped(_ s: String) -> String {
        Self.xmlText(s).replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// `s` without the characters XML 1.0 forbids (C0 controls other than tab, line feed and carriage
    /// return, U+FFFE and U+FFFF; Swift strings hold no lone surrogates).
    static func xmlText(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { !Self.isXMLChar($0) }) else { return s }
        return String(String.UnicodeScalarView(s.unicodeScalars.filter(Self.isXMLChar)))
    }

    static func isXMLChar(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
        default: false
        }
    }

    /// C0 controls, DEL and C1 controls.
    static func isControl(_ c: Unicode.Scalar) -> Bool { c.value < 0x20 || (0x7F...0x9F).contains(c.value) }
}
