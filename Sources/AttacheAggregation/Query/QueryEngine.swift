import AttacheContracts
import Foundation
import GRDB

/// Answers queries inside one read transaction (a consistent snapshot).
struct QueryEngine {
    let maxResultRows: Int
    let maxExportBytes: Int
    let maxSearchMatches: Int
    /// Bytes the records of one page (and its cursor) may take.
    let budget: PageBudget
    /// Words in one full-text query, and indexed words its prefix terms may expand to.
    let maxSearchTerms: Int
    let maxSearchExpansions: Int

    func run(_ kind: QueryKind, _ p: QueryParams, _ db: Database) throws -> QueryResult {
        switch kind {
        case .stats: return QueryResult(stats: try self.stats(db))
        case .documents: return try self.documents(p, db)
        case .document: return QueryResult(document: try self.document(p, db))
        case .persons: return try self.actors(p, kind: "person", db)
        case .organizations: return try self.actors(p, kind: "organization", db)
        case .actors: return try self.actors(p, kind: try self.actorKind(p.actorKind), db)
        case .countries: return QueryResult(countries: try self.countries(db))
        case .events: return try self.events(p, db)
        case .actor: return QueryResult(actor: try self.actorProfile(p, db))
        case .stories: return try self.stories(p, db)
        case .relations: return try self.relations(p, db)
        case .timeline: return try self.timeline(p, db)
        case .meetings: return try self.meetings(p, db)
        case .trend: return try self.trend(p, db)
        case .search: return try self.search(p, db)
        case .export: return try self.export(p, db)
        }
    }

    /// The page size: default 100 (or `maxResultRows` if smaller); above `maxResultRows` refused.
    func limit(_ p: QueryParams) throws -> Int {
        guard let l = p.limit else { return min(100, self.maxResultRows) }
        guard l >= 1 else { throw ErrorReply.badRequest("limit must be at least 1") }
        guard l <= self.maxResultRows else {
            throw ErrorReply.tooExpensive("limit \(l) exceeds max_result_rows \(self.maxResultRows); page with cursor")
        }
        return l
    }

    private func actorKind(_ s: String?) throws -> String? {
        guard let s else { return nil }
        guard ["person", "organization", "state"].contains(s) else {
            throw ErrorReply.badRequest("actorKind must be person, organization or state")
        }
        return s
    }

    // MARK: stats

    func stats(_ db: Database) throws -> StoreStats {
        // Counts kept by triggers (v5).
        var c: [String: Int] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT name, n FROM counter") { c[r["name"]] = r["n"] }
        let row: [String: Int] = [
            "documents": c["documents"] ?? 0, "sentences": c["sentences"] ?? 0, "persons": c["persons"] ?? 0,
            "organizations": c["organizations"] ?? 0, "countries": c["states"] ?? 0, "events": c["events"] ?? 0,
            "stories": c["stories"] ?? 0,
        ]
        return StoreStats(
            documents: row["documents"]!, sentences: row["sentences"]!, persons: row["persons"]!,
            organizations: row["organizations"]!, countries: row["countries"]!, events: row["events"]!,
            stories: row["stories"])
    }

    // MARK: documents

    func documents(_ p: QueryParams, _ db: Database) throws -> QueryResult {
        let limit = try self.limit(p)
        var f = SQLFilter()
        addDateBounds(&f, column: "d.published", from: try Validate.date(p.from, "from"), to: try Validate.date(p.to, "to"))
        if let state = try Validate.state(p.state, "state") {
            f.add(
                "EXISTS (SELECT 1 FROM docActor da WHERE da.documentId = d.id AND da.kind = 'state' AND da.country = ?)",
                state)
        }
        // (published, doc) with NULL dates first — the order of the `document_published` index, which
        // ORDER BY COALESCE(published, '') could not use. Cursor "" stands for a NULL date.
        if let cursor = p.cursor {
            let v = try Cursor.decode(cursor, "documents", count: 2)
            if v[0].isEmpty {
                f.add("((d.published IS NULL AND d.doc > ?) OR d.published IS NOT NULL)", v[1])
            } else {
                f.add("(d.published, d.doc) > (?, ?)", v[0], v[1])
            }
        }
        // The summary's columns only: `d.*` would also read each stored digest (kilobytes of overflow pages).
        let (page, more) = try db.pageRows(
            """
            SELECT d.doc, d.published, d.title, d.source, d.contentHash, d.storedAt, d.nSentences, d.nPersons,
                   d.nOrganizations, d.nCountries, d.nDates, d.nQuantities, d.nEvents, d.url
            FROM document d \(f.sql) ORDER BY d.published, d.doc LIMIT \(limit + 1)
            """, f.arguments, limit: limit, budget: self.budget, size: \.replySizeBound,
            cursor: { PageBudget.cursor([$0.published ?? "", $0.doc]) }
        ) { r in
            DocumentSummary(
                doc: r.string(0), published: r.optionalString(1), title: r.optionalString(2), source: r.optionalString(3),
                contentHash: r.string(4), storedAt: r.int64(5),
                counts: DigestCounts(
                    sentences: r.int(6), persons: r.int(7), organizations: r.int(8), countries: r.int(9), dates: r.int(10),
                    quantities: r.int(11), events: r.int(12)), url: r.optionalString(13))
        }
        let next = more ? page.last.map { Cursor.encode("documents", [$0.published ?? "", $0.doc]) } : nil
        return QueryResult(documents: page, next: next)
    }

    func document(_ p: QueryParams, _ db: Database) throws -> Digest {
        guard let doc = p.doc else { throw ErrorReply.badRequest("document needs doc") }
        // The digest is the log entry the document was derived from (`applog`, attached to every reader).
        guard let row = try Row.fetchOne(
            db, sql: "SELECT d.logSeq, b.body FROM document d LEFT JOIN applog.entry b ON b.seq = d.logSeq WHERE d.doc = ?",
            arguments: [doc])
        else { throw ErrorReply.notFound("no document '\(doc)'") }
        guard let json = row[1] as String? else {
            throw ErrorReply(id: nil, code: .internal, message: "stored digest of '\(doc)' (log entry \(row[0] as Int64)) is not in the append log")
        }
        do {
            return try LineCodec().decode(Digest.self, from: Data(json.utf8), id: nil)
        } catch {
            throw ErrorReply(id: nil, code: .internal, message: "stored digest of '\(doc)' cannot be decoded")
        }
    }

    // MARK: actors

    func actors(_ p: QueryParams, kind: String?, _ db: Database) throws -> QueryResult {
        let limit = try self.limit(p)
        var f = SQLFilter()
        if let kind { f.add("a.kind = ?", kind) }
        if let state = try Validate.state(p.state, "state") { f.add("a.country = ?", state) }
        if let prefix = p.prefix {
            let key = NameKey.fold(prefix)
            if !key.isEmpty {
                // Every known name's key (v4 `nameKey`, one row per key and actor), as an index range.
                f.add(
                    "a.id IN (SELECT n.actorId FROM nameKey n WHERE n.nameKey >= ? AND n.nameKey < ?)",
                    key, key + "\u{10FFFF}")
            }
        }
        let sort = p.sort ?? "name"
        let order: String
        switch sort {
        case "name":
            order = "a.nameKey, a.id"
            if let c = p.cursor {
                let v = try Cursor.decode(c, "actors.name", count: 2)
                f.add("(a.nameKey, a.id) > (?, ?)", v[0], try Cursor.int64(v[1]))
            }
        case "mentions":
            order = "a.mentions DESC, a.id"
            if let c = p.cursor {
                let v = try Cursor.decode(c, "actors.mentions", count: 2)
                let m = try Cursor.int64(v[0])
                f.add("(a.mentions < ? OR (a.mentions = ? AND a.id > ?))", m, m, try Cursor.int64(v[1]))
            }
        case "recent":
            order = "COALESCE(a.lastSeen, '') DESC, a.id"
            if let c = p.cursor {
                let v = try Cursor.decode(c, "actors.recent", count: 2)
                f.add(
                    "(COALESCE(a.lastSeen, '') < ? OR (COALESCE(a.lastSeen, '') = ? AND a.id > ?))", v[0], v[0],
                    try Cursor.int64(v[1]))
            }
        default:
            throw ErrorReply.badRequest("sort must be name, mentions or recent")
        }
        // Each row's summary, its mentions and its name key (for the cursor).
        let (rows, more) = try db.pageRows(
            "SELECT \(Columns.actor) FROM actor a \(f.sql) ORDER BY \(order) LIMIT \(limit + 1)", f.arguments,
            limit: limit, budget: self.budget, size: { $0.summary.replySizeBound },
            cursor: { PageBudget.cursor([$0.nameKey, $0.summary.lastSeen ?? ""]) }
        ) { (summary: try self.actorSummary($0, db), mentions: $0.int64(5), nameKey: $0.string(Columns.actorNameKey)) }
        let page = rows.map(\.summary)
        var next: String?
        if more, let last = rows.last {
            let id = String(last.summary.id)
            switch sort {
            case "mentions": next = Cursor.encode("actors.mentions", [String(last.mentions), id])
            case "recent": next = Cursor.encode("actors.recent", [last.summary.lastSeen ?? "", id])
            default: next = Cursor.encode("actors.name", [last.nameKey, id])
            }
        }
        return QueryResult(actors: page, next: next)
    }

    /// The rank and roles of each mention of a person `?1` that keeps no aggregates of them (v33), one pass over its
    /// documents in `actorDoc` (whose `pubKey` is the document's date as `actorRoleAgg`'s `topKey` orders it) and their
    /// `docActor` rows by `docActor_actor`: the date key, the row id, the rank, one role a row (NULL: none).
    static let roleRowsCold = """
        SELECT x.pubKey, da.id, da.rank, j.value FROM actorDoc x
        CROSS JOIN docActor da ON da.actorId = x.actorId AND da.documentId = x.documentId
        LEFT JOIN json_each(da.roles) j
        WHERE x.actorId = ?1 AND (da.rank != '' OR da.roles IS NOT NULL)
        """

    /// The latest rank and the first 50 roles, latest first, of a person that keeps no aggregates of them (v33), from
    /// ``roleRowsCold``, as `actorRoleAgg` gives them: the rank of the latest date, the last named (highest row id) among
    /// those of that date; each role once, by its latest date, newest first, then by value. Values are grouped and
    /// ordered as UTF-8 bytes, as SQLite does (Swift's `==` on strings would merge canonically equivalent spellings).
    static func coldRankAndRoles(_ db: Database, _ id: Int64) throws -> (rank: String?, roles: [String]) {
        var rank: (key: [UInt8], id: Int64, value: String)?
        var latest: [[UInt8]: (key: [UInt8], value: String)] = [:]
        try db.forEachRow(Self.roleRowsCold, [id], cached: true) { r in
            let key = Array(r.string(0).utf8)
            let rowId = r.int64(1)
            if let value = r.optionalString(2), !value.isEmpty,
                rank.map({ $0.key.lexicographicallyPrecedes(key) || ($0.key == key && $0.id < rowId) }) ?? true
            {
                rank = (key, rowId, value)
            }
            if let role = r.optionalString(3) {
                let bytes = Array(role.utf8)
                if latest[bytes].map({ $0.key.lexicographicallyPrecedes(key) }) ?? true { latest[bytes] = (key, role) }
            }
        }
        let roles = latest.sorted { a, b in
            a.value.key != b.value.key ? b.value.key.lexicographicallyPrecedes(a.value.key) : a.key.lexicographicallyPrecedes(b.key)
        }
        return (rank?.value, roles.prefix(50).map(\.value.value))
    }

    /// The rank and roles of each mention of a person `?1` that keeps no aggregates of them (v33), one pass over its
    /// `docActor` rows with their documents' dates (NULL: undated): the date, the document, the rank, one role a row
    /// (NULL: none), the row id. The rows ``Schema/roleRows(_:)`` gives, a row's rank repeated beside each of its roles.
    static let datedRoleRowsCold = """
        SELECT d.published, da.documentId, da.rank, j.value, da.id FROM docActor da JOIN document d ON d.id = da.documentId
        LEFT JOIN json_each(da.roles) j
        WHERE da.actorId = ?1 AND (da.rank != '' OR da.roles IS NOT NULL)
        """

    /// What a profile shows of the ranks and roles of a person that keeps no aggregates of them (v33), from one pass
    /// over ``datedRoleRowsCold``: the latest rank and the first 50 roles latest first, as ``coldRankAndRoles(_:_:)``
    /// gives them; and each rank and role with its first and last date (undated documents give none) and its
    /// documents, by first date (none first), then value, the first `cap` of each, as
    /// ``Aggregates/insertRoleAggregates(_:roleRows:arguments:)`` groups them. Values and dates are grouped and ordered
    /// as UTF-8 bytes, as SQLite does.
    static func coldDatedRoles(
        _ db: Database, _ id: Int64, cap: Int
    ) throws -> (rank: String?, roles: [String], ranks: [DatedValue], dated: [DatedValue]) {
        struct Group {
            var value: String
            var first: String?
            var last: String?
            var documents: Set<Int64> = []
        }
        func precedes(_ a: String, _ b: String) -> Bool { a.utf8.lexicographicallyPrecedes(b.utf8) }
        var groups: [[[UInt8]: Group]] = [[:], [:]]  // ranks, roles
        var rank: (key: String, id: Int64, value: String)?
        try db.forEachRow(Self.datedRoleRowsCold, [id], cached: true) { r in
            let seen = r.optionalString(0)
            let documentId = r.int64(1)
            let rowId = r.int64(4)
            for (i, value) in [r.optionalString(2), r.optionalString(3)].enumerated() {
                guard let value, i == 1 || !value.isEmpty else { continue }
                let bytes = Array(value.utf8)
                var g = groups[i][bytes] ?? Group(value: value)
                if let seen {
                    if g.first.map({ precedes(seen, $0) }) ?? true { g.first = seen }
                    if g.last.map({ precedes($0, seen) }) ?? true { g.last = seen }
                }
                g.documents.insert(documentId)
                groups[i][bytes] = g
                if i == 0, rank.map({ precedes($0.key, seen ?? "") || ($0.key == seen ?? "" && $0.id < rowId) }) ?? true {
                    rank = (seen ?? "", rowId, value)
                }
            }
        }
        let lists = groups.map { kind in
            kind.sorted { a, b in
                let (fa, fb) = (a.value.first ?? "", b.value.first ?? "")
                return fa != fb ? precedes(fa, fb) : a.key.lexicographicallyPrecedes(b.key)
            }.prefix(cap).map {
                DatedValue(value: $0.value.value, firstSeen: $0.value.first, lastSeen: $0.value.last, documents: $0.value.documents.count)
            }
        }
        // A role's latest date is its last one (`COALESCE(lastSeen, '')`, as `topKey`).
        let latest = groups[1].sorted { a, b in
            let (la, lb) = (a.value.last ?? "", b.value.last ?? "")
            return la != lb ? precedes(lb, la) : a.key.lexicographicallyPrecedes(b.key)
        }
        return (rank?.value, latest.prefix(50).map(\.value.value), lists[0], lists[1])
    }

    /// An actor from a row of ``Columns/actor``. Without `coldRoles`, a person that keeps no aggregates of its roles
    /// (v33) is given none: the caller reads them (a profile, in the same pass as its dated ranks and roles).
    func actorSummary(_ row: SQLRow, _ db: Database, coldRoles: Bool = true) throws -> ActorSummary {
        let id = row.int64(0)
        let name = row.string(2)
        // From the v4 per-actor aggregates: a handful of rows per actor, however many documents name it.
        let aliases = try String.fetchAll(
            db.cachedStatement(
                sql: "SELECT name FROM actorForm WHERE actorId = ? AND name != ? ORDER BY rows DESC, name LIMIT 50"),
            arguments: [id, name])
        // The latest rank and the roles latest first: a hot actor's from its aggregates, another person's grouped from
        // its rows (v33, ``Aggregates/hasRoleAggregates(_:_:)``); only persons have them.
        let kind = row.string(1)
        let rank: String?
        let roles: [String]
        if try Aggregates.hasRoleAggregates(db, id) {
            rank = try String.fetchOne(
                db.cachedStatement(
                    sql: "SELECT value FROM actorRoleAgg WHERE actorId = ? AND kind = 'rank' ORDER BY topKey DESC, topId DESC LIMIT 1"),
                arguments: [id])
            roles = try String.fetchAll(
                db.cachedStatement(
                    sql: "SELECT value FROM actorRoleAgg WHERE actorId = ? AND kind = 'role' ORDER BY topKey DESC, value LIMIT 50"),
                arguments: [id])
        } else if kind == "person" && coldRoles {
            let cold = try Self.coldRankAndRoles(db, id)
            rank = cold.rank
            roles = cold.roles
        } else {
            rank = nil
            roles = []
        }
        let rules = try String.fetchAll(
            db.cachedStatement(sql: "SELECT rule FROM actorRule WHERE actorId = ? ORDER BY rule"), arguments: [id])
        return ActorSummary(
            id: id, kind: kind, name: name, aliases: aliases, country: row.optionalString(3), rank: rank,
            roles: roles, documents: row.int(4), mentions: row.int(5), firstSeen: row.optionalString(6),
            lastSeen: row.optionalString(7), mergedBy: rules)
    }

    // MARK: countries

    func countries(_ db: Database) throws -> [CountrySummary] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT a.id, a.nameKey, a.documents,
                       (SELECT COUNT(*) FROM event e WHERE e.source = upper(a.nameKey))
                     + (SELECT COUNT(*) FROM event e WHERE e.target = upper(a.nameKey)
                          AND e.source IS NOT e.target) AS events
                FROM actor a WHERE a.kind = 'state' ORDER BY a.nameKey LIMIT ?
                """, arguments: [self.maxResultRows])
        let countries = try rows.map { row in
            let names = try String.fetchAll(
                db, sql: "SELECT name FROM actorForm WHERE actorId = ? ORDER BY name LIMIT 20",
                arguments: [row["id"] as Int64])
            return CountrySummary(
                code: (row["nameKey"] as String).uppercased(), documents: row["documents"], events: row["events"],
                names: names)
        }
        // One answer, not paged: refused rather than cut.
        guard ReplySize.array(countries) <= self.budget.bytes else {
            throw ErrorReply.tooExpensive("the list of states exceeds max_reply_bytes (\(self.budget.bytes) bytes)")
        }
        return countries
    }

    // MARK: events

    /// Event filters shared by `events`, `stories` (with column prefix) and subscriptions.
    /// `branch` (events only): 0 or 1 keeps only the first or second disjunct of the `state` or `pair`
    /// condition, so that each branch can walk an index in id order; the union of both is the full filter.
    func eventFilter(
        _ p: QueryParams, _ f: inout SQLFilter, alias e: String, dateColumn: String, branch: Int? = nil
    ) throws {
        if let t = try Validate.eventType(p.eventType) { f.add("\(e).type = ?", t) }
        if let m = p.mode { f.add("\(e).mode = ?", m) }
        if let s = try Validate.state(p.source, "source") { f.add("\(e).source = ?", s) }
        if let t = try Validate.state(p.target, "target") { f.add("\(e).target = ?", t) }
        if let s = try Validate.state(p.state, "state") {
            switch branch {
            case 0: f.add("\(e).source = ?", s)
            case 1: f.add("\(e).target = ? AND \(e).source IS NOT ?", s, s)
            default: f.add("(\(e).source = ? OR \(e).target = ?)", s, s)
            }
        }
        if let (a, b) = try Validate.pair(p.pair) {
            switch branch {
            case 0: f.add("\(e).source = ? AND \(e).target = ?", a, b)
            case 1: f.add("\(e).source = ? AND \(e).target = ? AND NOT (\(e).source = ? AND \(e).target = ?)", b, a, a, b)
            default:
                f.add("((\(e).source = ? AND \(e).target = ?) OR (\(e).source = ? AND \(e).target = ?))", a, b, b, a)
            }
        }
        addDateBounds(&f, column: dateColumn, from: try Validate.date(p.from, "from"), to: try Validate.date(p.to, "to"))
    }

    func events(_ p: QueryParams, _ db: Database) throws -> QueryResult {
        // `state` or `pair` (an OR): two disjoint branches, each in id order on its own index, merged.
        guard (p.state != nil) != (p.pair != nil) else { return try self.events(p, branch: nil, db) }
        let limit = try self.limit(p)
        let a = try self.events(p, branch: 0, db)
        let b = try self.events(p, branch: 1, db)
        var merged = Array(((a.events ?? []) + (b.events ?? [])).sorted { $0.id < $1.id })
        // A branch that stopped early (at its limit or at the byte budget) has rows beyond its last one: the
        // page ends there, so that none of them is skipped.
        let ends = [a, b].compactMap { $0.next == nil ? nil : $0.events?.last?.id }
        if let end = ends.min() { merged.removeAll { $0.id > end } }
        let count = min(limit, self.budget.fit(merged.map(\.replySizeBound)))
        let page = Array(merged.prefix(count))
        let more = merged.count > count || a.next != nil || b.next != nil
        let next = more ? page.last.map { Cursor.encode("events", [String($0.id)]) } : nil
        return QueryResult(events: page, next: next)
    }

    private func events(_ p: QueryParams, branch: Int?, _ db: Database) throws -> QueryResult {
        let limit = try self.limit(p)
        var f = SQLFilter()
        try self.eventFilter(p, &f, alias: "e", dateColumn: "e.effDate", branch: branch)
        if let doc = p.doc { f.add("d.doc = ?", doc) }
        if let story = p.story { f.add("e.storyId = ?", story) }
        if let actor = p.actor {
            // Few events: start from the actor's links (then sort them); many: walk events in id order and
            // stop at the page's end. Same rows either way.
            let few = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM (SELECT 1 FROM eventActor WHERE actorId = ? LIMIT 20000)", arguments: [actor])
                ?? 0
            if few < 20000 {
                f.add("e.id IN (SELECT eventId FROM eventActor WHERE actorId = ?)", actor)
            } else {
                f.add("EXISTS (SELECT 1 FROM eventActor ea WHERE ea.eventId = e.id AND ea.actorId = ?)", actor)
            }
        }
        if let text = p.text {
            let match = try self.ftsMatch(text, db)
            f.add(
                """
                (e.documentId << 16 | e.sentence) IN (SELECT rowid FROM search.sentenceFts WHERE sentenceFts MATCH ?)
                """, match)
        }
        if let c = p.cursor { f.add("e.id > ?", try Cursor.int64(try Cursor.decode(c, "events", count: 1)[0])) }
        let (rows, more) = try Self.fetchEvents(
            """
            SELECT \(Columns.event) FROM event e JOIN document d ON d.id = e.documentId \(f.sql)
            ORDER BY e.id LIMIT \(limit + 1)
            """, f.arguments, db, limit: limit, budget: self.budget)
        let page = rows.map(\.event)
        let next = more ? page.last.map { Cursor.encode("events", [String($0.id)]) } : nil
        return QueryResult(events: page, next: next)
    }

    /// An event from a row of ``Columns/event`` (or ``Columns/copiedEvent``) columns, with its effective date.
    static func eventRow(_ r: SQLRow, actors: [Int64]) -> (event: EventRow, effDate: String?) {
        (event: EventRow(
            id: r.int64(0), doc: r.string(1), type: r.string(2), mode: r.optionalString(3),
            source: r.optionalString(4), target: r.optionalString(5), date: r.optionalString(6),
            confidence: r.double(7), sentence: r.string(8), trigger: r.string(9), story: r.optionalInt64(10),
            span: Span(sentence: r.int(11), start: r.int(12), end: r.int(13)), actorText: r.optionalString(14),
            recipientText: r.optionalString(15), actors: actors),
         effDate: r.optionalString(16))
    }

    /// An event from a row of ``Columns/copiedEvent`` columns: the actor ids come from its last column.
    static func copiedEvent(_ r: SQLRow) -> (event: EventRow, effDate: String?) {
        Self.eventRow(r, actors: r.string(17).split(separator: ",").compactMap { Int64($0) }.sorted())
    }

    /// The events a query of ``Columns/event`` rows selects, each with its effective date (for cursors)
    /// and its linked actors, which are read for all the rows in one query (not one per event).
    static func fetchEvents(
        _ sql: String, _ arguments: StatementArguments, _ db: Database, cached: Bool = false
    ) throws -> [(event: EventRow, effDate: String?)] {
        try self.fetchEvents(sql, arguments, db, cached: cached, limit: Int.max, budget: PageBudget(bytes: Int.max)).rows
    }

    /// The events of a page: at most `limit` (`sql` asks for `limit + 1`), within `budget` once their actors
    /// are read; and whether more remain.
    static func fetchEvents(
        _ sql: String, _ arguments: StatementArguments, _ db: Database, cached: Bool = false, limit: Int,
        budget: PageBudget
    ) throws -> (rows: [(event: EventRow, effDate: String?)], more: Bool) {
        // Read within the budget less room for the actors' ids (a few per event), then check again with them.
        let reserve = 4 * (ReplySize.number + 1)
        var (rows, more) = try db.pageRows(
            sql, arguments, cached: cached, limit: limit, budget: budget, size: { $0.event.replySizeBound + reserve }
        ) { Self.eventRow($0, actors: []) }
        guard !rows.isEmpty else { return (rows, more) }
        var index: [Int64: Int] = [:]
        for (i, row) in rows.enumerated() { index[row.event.id] = i }
        let marks = rows.map { _ in "?" }.joined(separator: ",")
        try db.forEachRow(
            "SELECT DISTINCT eventId, actorId FROM eventActor WHERE eventId IN (\(marks)) ORDER BY eventId, actorId",
            StatementArguments(rows.map(\.event.id)),
            // One statement per page size up to the default page (101 at most per connection).
            cached: rows.count <= 101
        ) { r in
            if let i = index[r.int64(0)] { rows[i].event.actors?.append(r.int64(1)) }
        }
        let fit = budget.fit(rows.map(\.event.replySizeBound))
        if fit < rows.count {
            rows.removeLast(rows.count - fit)
            more = true
        }
        return (rows, more)
    }

    /// A safe FTS5 query for `text`: each word quoted (implicit AND); a trailing `*` on a word keeps prefix
    /// matching. Refused: control characters and no words (`BAD_REQUEST`), more than `maxSearchTerms` words
    /// (`BAD_REQUEST`), prefix terms that expand to more than `maxSearchExpansions` indexed words together
    /// (`TOO_EXPENSIVE`, counted in the index's vocabulary before the query runs).
    func ftsMatch(_ text: String, _ db: Database) throws -> String {
        let terms = try Self.ftsTerms(text)
        guard !terms.isEmpty else { throw ErrorReply.badRequest("text has no words") }
        guard terms.count <= self.maxSearchTerms else {
            throw ErrorReply.badRequest(
                "text has \(terms.count) terms; a full-text query takes at most \(self.maxSearchTerms) (max_search_terms)")
        }
        var expansions = 0
        for term in terms where term.prefix {
            // The index's words that start with the term's last token, folded as FTS5 folds them (lower
            // case, no diacritics): FTS5 reads `"water-shar"*` as `water` followed by the prefix `shar`.
            let tokens = term.word.split(whereSeparator: { !($0.isLetter || $0.isNumber) })
            let stem = NameKey.fold(tokens.last.map(String.init) ?? term.word)
            if stem.isEmpty { continue }
            let left = self.maxSearchExpansions - expansions
            let n = try Int.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT COUNT(*) FROM (SELECT 1 FROM \(SearchIndex.vocabulary) WHERE term >= ?1 AND term < ?1 || char(1114111)
                                              LIMIT ?2)
                        """), arguments: [stem, left + 1]) ?? 0
            expansions += n
            guard expansions <= self.maxSearchExpansions else {
                throw ErrorReply.tooExpensive(
                    "the prefix '\(term.word)*' matches too many indexed words (the prefixes of one query may match at "
                        + "most \(self.maxSearchExpansions), max_search_expansions); use a longer prefix")
            }
        }
        return terms.map { "\"\($0.word.replacingOccurrences(of: "\"", with: ""))\"" + ($0.prefix ? "*" : "") }
            .joined(separator: " ")
    }

    /// The words of a full-text query, each with whether it ends in `*`.
    /// - Throws: `BAD_REQUEST` for control characters (C0, DEL, C1), which no indexed sentence holds.
    static func ftsTerms(_ text: String) throws -> [(word: String, prefix: Bool)] {
        if let bad = text.unicodeScalars.first(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) {
            throw ErrorReply.badRequest(
                "text holds a control character (U+\(String(format: "%04X", bad.value))); a full-text query is words")
        }
        var terms: [(word: String, prefix: Bool)] = []
        for raw in text.split(whereSeparator: { $0.isWhitespace }) {
            var word = String(raw)
            let prefix = word.hasSuffix("*")
            if prefix { word.removeLast() }
            let cleaned = word.replacingOccurrences(of: "\"", with: "")
            guard !NameKey.fold(cleaned).isEmpty else { continue }
            terms.append((cleaned, prefix))
        }
        return terms
    }
}
