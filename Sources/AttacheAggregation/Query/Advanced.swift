import AttacheContracts
import GRDB

extension QueryEngine {
    // MARK: actor profile

    /// The actor named by `actor` (id) or `name` (the known name with the most documents, any kind).
    func resolveActorId(_ p: QueryParams, _ db: Database) throws -> Int64 {
        if let id = p.actor { return id }
        guard let name = p.name, !NameKey.fold(name).isEmpty else {
            throw ErrorReply.badRequest("actor needs actor (an id) or name")
        }
        let keys = Array(Set([NameKey.person(name), NameKey.organization(name), NameKey.fold(name)]))
        let marks = keys.map { _ in "?" }.joined(separator: ", ")
        if let id = try Int64.fetchOne(
            db,
            sql: """
                SELECT id FROM (
                    SELECT n.actorId AS id, a.documents AS documents FROM nameKey n JOIN actor a ON a.id = n.actorId
                    WHERE n.nameKey IN (\(marks))
                    UNION ALL
                    SELECT a.id, a.documents FROM actor a WHERE a.kind = 'state' AND a.nameKey = ?)
                GROUP BY id ORDER BY MAX(documents) DESC, id LIMIT 1
                """, arguments: StatementArguments(keys + [name.lowercased()]))
        {
            return id
        }
        throw ErrorReply.notFound("no actor named '\(name)'")
    }

    /// Whom a hot actor (`?1`) met most (the top `?2`), from its kept counts, in two parts. First those shared
    /// in two documents or more, from `actorPair_top`, which since v20 holds only those; then, when they are
    /// fewer than the limit, those shared once (``metHotOnceSQL``): all count 1, so they follow in id order.
    static let metHotSQL = """
        SELECT p.otherId, a.kind, a.name, p.docs FROM actorPair p JOIN actor a ON a.id = p.otherId
        WHERE p.actorId = ?1 AND p.docs >= 2 ORDER BY p.docs DESC, p.otherId LIMIT ?2
        """

    /// The partners shared once, from the primary key in id order; it skips those shared more, and there
    /// are fewer of them than the limit when this runs.
    static let metHotOnceSQL = """
        SELECT p.otherId, a.kind, a.name, p.docs FROM actorPair p JOIN actor a ON a.id = p.otherId
        WHERE p.actorId = ?1 AND p.docs = 1 ORDER BY p.otherId LIMIT ?2
        """

    /// Whom an actor below the hot threshold (`?1`) met most (the top `?2`), counted over its documents
    /// (``Schema/coMentionCounts``, as a promotion to hot stores them).
    static let metColdSQL = """
        SELECT t.id, a.kind, a.name, t.docs FROM (\(Schema.coMentionCounts) ORDER BY docs DESC, id LIMIT ?2) t
        JOIN actor a ON a.id = t.id ORDER BY t.docs DESC, t.id
        """

    func actorProfile(_ p: QueryParams, _ db: Database) throws -> ActorProfile {
        // Each list of a profile is the top `limit` (20 unless asked): a profile is a summary; the full lists are
        // pages of `events`, `documents` and `actors` queries.
        let cap = p.limit == nil ? min(20, self.maxResultRows) : try self.limit(p)
        let id = try self.resolveActorId(p, db)
        guard
            var summary = try db.mapRows(
                "SELECT \(Columns.actor) FROM actor a WHERE a.id = ?", [id], cached: true,
                { try self.actorSummary($0, db, coldRoles: false) }
            ).first
        else {
            throw ErrorReply.notFound("no actor #\(id)")
        }
        let names = try db.mapRows(
            "SELECT name, docs FROM actorForm WHERE actorId = ? ORDER BY docs DESC, name LIMIT ?", [id, cap], cached: true
        ) { ActorName(name: $0.string(0), documents: $0.int(1)) }
        // The mentions in order of publication date, document and ordinal (the copy of the first 20 that v18 kept went
        // in v28: reading them costs a few µs more).
        // Each note's sentence is composed from the row and the values it does not imply (v32, ``Evidence``).
        let merges = try db.mapRows(
            """
            SELECT x.doc, da.name, da.rule, da.evidenceArgs, da.kind, da.country, da.formKey, da.aliases
            FROM (SELECT pubKey, doc, documentId FROM actorDoc WHERE actorId = ?1 ORDER BY pubKey, doc LIMIT ?2) x
            JOIN docActor da ON da.actorId = ?1 AND da.documentId = x.documentId
            ORDER BY x.pubKey, x.doc, da.ordinal LIMIT ?2
            """, [id, cap], cached: true
        ) { r in
            let row = Evidence.Row(
                kind: r.string(4), rule: r.string(2), name: r.string(1), country: r.optionalString(5), actorId: id,
                formKey: r.optionalString(6), aliases: r.optionalString(7))
            return MergeNote(doc: r.string(0), name: row.name, rule: row.rule, evidence: Evidence.sentence(stored: r.string(3), row))
        }
        let hot = try Aggregates.hasRoleAggregates(db, id)
        // A hot actor's ranks and roles from its aggregates, another person's grouped from its rows in one pass, its
        // summary's latest rank and roles too (v33); only persons have them.
        let (ranks, roles): ([DatedValue], [DatedValue])
        if hot {
            (ranks, roles) = (try dated("rank"), try dated("role"))
        } else if summary.kind == "person" {
            let cold = try Self.coldDatedRoles(db, id, cap: cap)
            (summary.rank, summary.roles, ranks, roles) = (cold.rank, cold.roles, cold.ranks, cold.dated)
        } else {
            (ranks, roles) = ([], [])
        }
        func dated(_ kind: String) throws -> [DatedValue] {
            try db.mapRows(
                """
                SELECT value, firstSeen, lastSeen, docs FROM actorRoleAgg
                WHERE actorId = ? AND kind = ? ORDER BY COALESCE(firstSeen, ''), value LIMIT ?
                """, [id, kind, cap], cached: true
            ) { DatedValue(value: $0.string(0), firstSeen: $0.optionalString(1), lastSeen: $0.optionalString(2), documents: $0.int(3)) }
        }
        // Most recent first, then by doc: the PK is (actorId, pubKey, doc), so find the cap-th date first and
        // sort only the documents from that date on.
        let boundary = try String.fetchOne(
            db.cachedStatement(sql: "SELECT pubKey FROM actorDoc WHERE actorId = ? ORDER BY pubKey DESC LIMIT 1 OFFSET ?"),
            arguments: [id, cap - 1]) ?? ""
        let documents = try String.fetchAll(
            db.cachedStatement(sql: "SELECT doc FROM actorDoc WHERE actorId = ? AND pubKey >= ? ORDER BY pubKey DESC, doc LIMIT ?"),
            arguments: [id, boundary, cap])
        func link(_ r: SQLRow) -> ActorLink { ActorLink(id: r.int64(0), kind: r.string(1), name: r.string(2), documents: r.int(3)) }
        let metCap = min(cap, 50)
        // Co-mention (documents naming both), kept apart from whom it met (``met(_:cap:_:)``).
        var met = try db.mapRows(hot ? Self.metHotSQL : Self.metColdSQL, [id, metCap], cached: true, link)
        if hot && met.count < metCap {
            met += try db.mapRows(Self.metHotOnceSQL, [id, metCap - met.count], cached: true, link)
        }
        // The latest 20 are kept together per actor (v17); a longer list reads the events themselves.
        let events =
            cap <= Schema.actorRecentCap
            ? try db.mapRows(
                "SELECT \(Columns.copiedEvent("r")) FROM actorRecent r WHERE r.actorId = ? ORDER BY r.effKey DESC, r.eventId DESC LIMIT ?",
                [id, cap], cached: true, Self.copiedEvent
            ).map(\.event)
            : try Self.fetchEvents(
                """
                SELECT \(Columns.event) FROM (SELECT DISTINCT effKey, eventId FROM eventActor WHERE actorId = ?1
                                        ORDER BY effKey DESC, eventId DESC LIMIT ?2) x
                JOIN event e ON e.id = x.eventId JOIN document d ON d.id = e.documentId
                ORDER BY x.effKey DESC, x.eventId DESC
                """, [id, cap], db, cached: true
            ).map(\.event)
        let profile = ActorProfile(
            actor: summary, names: names, merges: merges, ranks: ranks, roles: roles,
            documents: documents, coMentioned: met, participation: try self.participation(id, cap: cap, db),
            met: try self.met(id, cap: metCap, db), events: events)
        // One answer, not paged: refused rather than cut.
        guard profile.replySizeBound <= self.budget.bytes else {
            throw ErrorReply.tooExpensive(
                "this profile exceeds max_reply_bytes (\(self.budget.bytes) bytes); ask a smaller limit, and page `events` with `actor`")
        }
        return profile
    }

    // MARK: stories

    func stories(_ p: QueryParams, _ db: Database) throws -> QueryResult {
        let limit = try self.limit(p)
        var f = SQLFilter()
        var noDates = p
        noDates.from = nil
        noDates.to = nil
        try self.eventFilter(noDates, &f, alias: "st", dateColumn: "st.firstDate")
        if let from = try Validate.date(p.from, "from") { f.add("st.lastDate >= ?", from) }
        if let to = try Validate.date(p.to, "to") { f.add("substr(st.firstDate, 1, length(?)) <= ?", to, to) }
        if let doc = p.doc {
            f.add("EXISTS (SELECT 1 FROM event e JOIN document d ON d.id = e.documentId WHERE e.storyId = st.id AND d.doc = ?)", doc)
        }
        if let actor = p.actor {
            f.add("EXISTS (SELECT 1 FROM event e JOIN eventActor ea ON ea.eventId = e.id WHERE e.storyId = st.id AND ea.actorId = ?)", actor)
        }
        let order: String
        switch p.sort ?? "id" {
        case "id":
            order = "st.id"
            if let c = p.cursor { f.add("st.id > ?", try Cursor.int64(try Cursor.decode(c, "stories.id", count: 1)[0])) }
        case "mentions":
            order = "st.mentions DESC, st.id"
            if let c = p.cursor {
                let v = try Cursor.decode(c, "stories.mentions", count: 2)
                let m = try Cursor.int64(v[0])
                f.add("(st.mentions < ? OR (st.mentions = ? AND st.id > ?))", m, m, try Cursor.int64(v[1]))
            }
        default: throw ErrorReply.badRequest("sort for stories must be id or mentions")
        }
        let rows = try Row.fetchAll(
            db, sql: "SELECT st.* FROM story st \(f.sql) ORDER BY \(order) LIMIT \(limit + 1)", arguments: f.arguments)
        // Each story lists its first 20 documents and events (in the order they were stored; the documents
        // then sorted by id): a page of popular stories would otherwise read ~80 documents and events for
        // each. `documents` and `mentions` count them all; `events` with `story` pages through all of them.
        let cap = min(20, self.maxResultRows)
        var page: [StoryRow] = []
        var used = 0
        var more = rows.count > limit
        for row in rows.prefix(limit) {
            let id: Int64 = row["id"]
            let docs = try db.mapRows(
                """
                SELECT d.doc FROM (SELECT DISTINCT documentId FROM event WHERE storyId = ? ORDER BY documentId LIMIT ?) x
                JOIN document d ON d.id = x.documentId
                """, [id, cap], cached: true
            ) { $0.string(0) }.sorted()
            let events = try db.mapRows(
                "SELECT id FROM event WHERE storyId = ? ORDER BY id LIMIT ?", [id, cap], cached: true) { $0.int64(0) }
            let story = StoryRow(
                id: id, type: row["type"], mode: row["mode"], source: row["source"], target: row["target"],
                firstDate: row["firstDate"], lastDate: row["lastDate"], mentions: row["mentions"],
                documents: row["documents"], sources: row["sources"], docs: docs, events: events)
            if !page.isEmpty && !self.budget.admits(used: used, size: story.replySizeBound) {
                more = true
                break
            }
            used += story.replySizeBound + 1
            page.append(story)
        }
        var next: String?
        if more, let last = page.last {
            next =
                p.sort == "mentions"
                ? Cursor.encode("stories.mentions", [String(last.mentions), String(last.id)])
                : Cursor.encode("stories.id", [String(last.id)])
        }
        return QueryResult(next: next, stories: page)
    }

    // MARK: relations and timeline

    func relations(_ p: QueryParams, _ db: Database) throws -> QueryResult {
        let limit = try self.limit(p)
        guard let state = try Validate.state(p.state, "state") else { throw ErrorReply.badRequest("relations needs state") }
        var inner = SQLFilter()
        inner.add("(e.source = ? OR e.target = ?)", state, state)
        if let t = try Validate.eventType(p.eventType) { inner.add("e.type = ?", t) }
        addDateBounds(&inner, column: "e.effDate", from: try Validate.date(p.from, "from"), to: try Validate.date(p.to, "to"))
        var outer = SQLFilter()
        outer.add("partner IS NOT NULL")
        if let c = p.cursor { outer.add("partner > ?", try Cursor.decode(c, "relations", count: 1)[0]) }
        let from = try Validate.date(p.from, "from")
        let to = try Validate.date(p.to, "to")
        if from == nil && to == nil {
            return try self.relationsFromAggregate(state, p, limit: limit, db)
        }
        let partners = try Row.fetchAll(
            db,
            sql: """
                SELECT partner, COUNT(*) AS n, MIN(effDate) AS first, MAX(effDate) AS last FROM (
                    SELECT CASE WHEN e.source = ? THEN e.target ELSE e.source END AS partner, e.effDate AS effDate
                    FROM event e \(inner.sql)
                ) \(outer.sql) GROUP BY partner ORDER BY partner LIMIT \(limit + 1)
                """, arguments: StatementArguments([state]) + inner.arguments + outer.arguments)
        let page = try partners.prefix(limit).map { row -> RelationRow in
            let partner: String = row["partner"]
            var f = SQLFilter()
            f.add("((e.source = ? AND e.target = ?) OR (e.source = ? AND e.target = ?))", state, partner, partner, state)
            if let t = try Validate.eventType(p.eventType) { f.add("e.type = ?", t) }
            addDateBounds(&f, column: "e.effDate", from: p.from, to: p.to)
            let types = try Row.fetchAll(
                db,
                sql: """
                    SELECT e.type AS type, SUM(e.source = ?) AS outgoing, SUM(e.target = ? AND e.source != ?) AS incoming,
                           MIN(e.effDate) AS first, MAX(e.effDate) AS last
                    FROM event e \(f.sql) GROUP BY e.type ORDER BY e.type
                    """, arguments: StatementArguments([state, state, state]) + f.arguments
            ).map {
                RelationTypeCount(
                    type: $0["type"], outgoing: $0["outgoing"], incoming: $0["incoming"], firstDate: $0["first"],
                    lastDate: $0["last"])
            }
            return RelationRow(
                partner: partner, events: row["n"], types: types, firstDate: row["first"], lastDate: row["last"])
        }
        let fit = self.budget.fit(page.map(\.replySizeBound), cursors: page.map { PageBudget.cursor([$0.partner]) })
        let more = partners.count > limit || fit < page.count
        let next = more ? page.prefix(fit).last.map { Cursor.encode("relations", [$0.partner]) } : nil
        return QueryResult(next: next, relations: Array(page.prefix(fit)))
    }

    /// Relations without date bounds, from the per-(state, partner, type) counts (v4), packed per partner (v12).
    func relationsFromAggregate(_ state: String, _ p: QueryParams, limit: Int, _ db: Database) throws -> QueryResult {
        var f = SQLFilter()
        f.add("state = ?", state)
        let type = try Validate.eventType(p.eventType)
        if let type { f.add("type = ?", type) }
        if let c = p.cursor { f.add("partner > ?", try Cursor.decode(c, "relations", count: 1)[0]) }
        var page: [RelationRow]
        if let type {
            // One `relationAgg` row per partner: its counts of that type.
            page = try db.mapRows(
                """
                SELECT partner, events, outgoing, incoming, firstDate, lastDate FROM relationAgg \(f.sql)
                ORDER BY partner LIMIT \(limit + 1)
                """, f.arguments
            ) { row in
                RelationRow(
                    partner: row.string(0), events: row.int(1),
                    types: [
                        RelationTypeCount(
                            type: type, outgoing: row.int(2), incoming: row.int(3), firstDate: row.optionalString(4),
                            lastDate: row.optionalString(5))
                    ], firstDate: row.optionalString(4), lastDate: row.optionalString(5))
            }
        } else {
            // One `relationPack` row per partner (schema v12), its per-type counts packed in `types`.
            page = try db.mapRows(
                "SELECT partner, events, firstDate, lastDate, types FROM relationPack \(f.sql) ORDER BY partner LIMIT \(limit + 1)",
                f.arguments
            ) { row in
                RelationRow(
                    partner: row.string(0), events: row.int(1), types: row.withBytes(4, Self.unpackRelationTypes),
                    firstDate: row.optionalString(2), lastDate: row.optionalString(3))
            }
        }
        var more = page.count > limit
        if more { page.removeLast() }
        let fit = self.budget.fit(page.map(\.replySizeBound), cursors: page.map { PageBudget.cursor([$0.partner]) })
        if fit < page.count {
            page.removeLast(page.count - fit)
            more = true
        }
        let next = more ? page.last.map { Cursor.encode("relations", [$0.partner]) } : nil
        return QueryResult(next: next, relations: page)
    }

    /// The PLOVER type names with their bytes: an entry's type is one of these `String`s, not a new one.
    private static let typeNames: [(bytes: [UInt8], name: String)] = PloverType.allCases.map {
        (Array($0.rawValue.utf8), $0.rawValue)
    }

    /// The entries of a `relationPack.types` value (``Aggregates/flushRelationPacks``), sorted by type.
    ///
    /// A relations page unpacks ~1,500 entries; this was half of the query's CPU at 1M documents (perf, 16
    /// clients) while it decoded every type name and checked the order with `String` comparisons, through a
    /// nested function that captured the result. Type names are now looked up among the 16 by their bytes,
    /// and the order is checked on the bytes.
    static func unpackRelationTypes(_ bytes: UnsafeBufferPointer<UInt8>) -> [RelationTypeCount] {
        let comma = UInt8(ascii: ","), semicolon = UInt8(ascii: ";")
        var result: [RelationTypeCount] = []
        result.reserveCapacity(bytes.reduce(into: 1) { if $1 == semicolon { $0 += 1 } })
        var fields = [Range<Int>](repeating: 0..<0, count: 5)
        var field = 0
        var start = 0
        var sorted = true
        var previousType: Range<Int>?
        for i in 0...bytes.count {
            let b = i < bytes.count ? bytes[i] : semicolon
            guard b == comma || b == semicolon else { continue }
            if field < 5 { fields[field] = start..<i }
            field += 1
            start = i + 1
            guard b == semicolon else { continue }
            if field == 5 {
                let type = UnsafeBufferPointer(rebasing: bytes[fields[0]])
                // (byte order is `String`'s `<` for these ASCII names)
                if let p = previousType, !UnsafeBufferPointer(rebasing: bytes[p]).lexicographicallyPrecedes(type) { sorted = false }
                previousType = fields[0]
                result.append(
                    RelationTypeCount(
                        type: Self.typeName(type), outgoing: Self.integer(bytes, fields[1]),
                        incoming: Self.integer(bytes, fields[2]),
                        firstDate: fields[3].isEmpty ? nil : String(decoding: UnsafeBufferPointer(rebasing: bytes[fields[3]]), as: UTF8.self),
                        lastDate: fields[4].isEmpty ? nil : String(decoding: UnsafeBufferPointer(rebasing: bytes[fields[4]]), as: UTF8.self)))
            }
            field = 0
        }
        if !sorted { result.sort { $0.type < $1.type } }
        return result
    }

    private static func typeName(_ b: UnsafeBufferPointer<UInt8>) -> String {
        for t in Self.typeNames where t.bytes.count == b.count && t.bytes.withUnsafeBufferPointer({ $0.elementsEqual(b) }) {
            return t.name
        }
        return String(decoding: b, as: UTF8.self)
    }

    private static func integer(_ bytes: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> Int {
        var n = 0
        for i in r { n = n &* 10 &+ Int(bytes[i] &- 0x30) }
        return n
    }

    func timeline(_ p: QueryParams, _ db: Database) throws -> QueryResult {
        let limit = try self.limit(p)
        guard let (a, b) = try Validate.pair(p.pair) else { throw ErrorReply.badRequest("timeline needs pair") }
        var f = SQLFilter()
        // The events whose (source, target) is (a, b) or (b, a), with a date: `pairEvent` (v14) keeps them
        // clustered by pair and date, with their document and actors, so a page reads neighbouring rows.
        addPairEventRange(&f, a, b, from: try Validate.date(p.from, "from"), to: try Validate.date(p.to, "to"))
        if let t = try Validate.eventType(p.eventType) { f.add("p.type = ?", t) }
        if let c = p.cursor {
            let v = try Cursor.decode(c, "timeline", count: 2)
            f.add("(p.effDate, p.eventId) > (?, ?)", v[0], try Cursor.int64(v[1]))
        }
        let (rows, more) = try db.pageRows(
            "SELECT \(Columns.copiedEvent("p")) FROM pairEvent p \(f.sql) ORDER BY p.effDate, p.eventId LIMIT ?",
            f.arguments + [limit + 1], cached: true,  // 16 shapes of filter
            limit: limit, budget: self.budget, size: { $0.event.replySizeBound }, Self.copiedEvent)
        let page = rows.map(\.event)
        var next: String?
        if more, let last = rows.last {
            next = Cursor.encode("timeline", [last.effDate ?? "", String(last.event.id)])
        }
        return QueryResult(events: page, next: next)
    }

    // MARK: search

    func search(_ p: QueryParams, _ db: Database) throws -> QueryResult {
        let limit = try self.limit(p)
        guard let text = p.text else { throw ErrorReply.badRequest("search needs text") }
        let match = try self.ftsMatch(text, db)
        let matches = try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM search.sentenceFts WHERE sentenceFts MATCH ?", arguments: [match]) ?? 0
        guard matches <= self.maxSearchMatches else {
            throw ErrorReply.tooExpensive(
                "search matches \(matches) sentences (more than \(self.maxSearchMatches)); add words or filters")
        }
        var f = SQLFilter()
        if let doc = p.doc { f.add("d.doc = ?", doc) }
        addDateBounds(&f, column: "d.published", from: try Validate.date(p.from, "from"), to: try Validate.date(p.to, "to"))
        if let c = p.cursor {
            let v = try Cursor.decode(c, "search", count: 2)
            let score = try Cursor.double(v[0])
            f.add("(m.score > ? OR (m.score = ? AND m.id > ?))", score, score, try Cursor.int64(v[1]))
        }
        let rows = try Row.fetchAll(
            db,
            sql: """
                WITH m AS MATERIALIZED (
                    SELECT rowid AS id, bm25(sentenceFts) AS score FROM search.sentenceFts WHERE sentenceFts MATCH ?
                )
                SELECT m.id AS id, m.score AS score, m.id & 65535 AS idx, d.doc AS doc, d.published AS published
                FROM m JOIN document d ON d.id = m.id >> 16
                \(f.sql) ORDER BY m.score, m.id LIMIT \(limit + 1)
                """, arguments: StatementArguments([match]) + f.arguments)
        // Each hit's text is read as the page fills, up to the budget.
        var page: [SearchHit] = []
        var used = 0
        var more = rows.count > limit
        for row in rows.prefix(limit) {
            let id: Int64 = row["id"]
            let found = try Row.fetchOne(
                db,
                sql: """
                    SELECT text, highlight(sentenceFts, 0, '[', ']') AS highlight FROM search.sentenceFts
                    WHERE sentenceFts MATCH ? AND rowid = ?
                    """,
                arguments: [match, id])
            let text: String = found?["text"] ?? ""
            let hit = SearchHit(
                doc: row["doc"], sentence: row["idx"], text: text, highlight: found?["highlight"] ?? text,
                published: row["published"])
            if !page.isEmpty && !self.budget.admits(used: used, size: hit.replySizeBound) {
                more = true
                break
            }
            used += hit.replySizeBound + 1
            page.append(hit)
        }
        var next: String?
        if more, let last = rows.dropFirst(page.count - 1).first {
            next = Cursor.encode("search", [Cursor.double(last["score"]), String(last["id"] as Int64)])
        }
        return QueryResult(next: next, hits: page)
    }
}
