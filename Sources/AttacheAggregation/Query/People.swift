import AttacheContracts
import GRDB

/// The people side of the knowledge base (v24 `eventParticipant`): the events an actor took part in, whom it met,
/// and the encounters between two states' people.
extension QueryEngine {
    /// The PLOVER types in which counterparts "met": cooperation face to face or by agreement.
    static let meetingTypes = ["CONSULT", "AGREE", "COOPERATE", "SUPPORT", "AID"]
    /// What a meeting can bring: the types listed as its outcomes.
    static let outcomeTypes = ["AGREE", "COOPERATE", "SUPPORT", "AID"]
    /// Participants listed per event side, and outcomes per meeting.
    static let participantCap = 20
    static let outcomeCap = 20

    private static var meetingTypeList: String { Self.meetingTypes.map { "'\($0)'" }.joined(separator: ", ") }
    private static var outcomeTypeList: String { Self.outcomeTypes.map { "'\($0)'" }.joined(separator: ", ") }

    /// A participant from `kind, name, country, sector, actorId` columns starting at `i`.
    private static func participant(_ r: SQLRow, _ i: Int32) -> ParticipantRow {
        ParticipantRow(
            kind: r.string(i), name: r.string(i + 1), country: r.optionalString(i + 2), sector: r.optionalString(i + 3),
            actor: r.optionalInt64(i + 4))
    }

    /// The latest `cap` events the actor took part in, each with the participants of the other side.
    func participation(_ id: Int64, cap: Int, _ db: Database) throws -> [Participation] {
        var rows = try db.mapRows(
            """
            SELECT x.eventId, x.role, e.type, e.mode, e.effDate, d.doc, e.sentence, x.name
            FROM (SELECT eventId, role, effKey, MIN(name) AS name FROM eventParticipant WHERE actorId = ?1
                  GROUP BY effKey, eventId, role ORDER BY effKey DESC, eventId DESC, role LIMIT ?2) x
            JOIN event e ON e.id = x.eventId JOIN document d ON d.id = e.documentId
            ORDER BY x.effKey DESC, x.eventId DESC, x.role
            """, [id, cap], cached: true
        ) {
            Participation(
                event: $0.int64(0), role: $0.string(1), type: $0.string(2), mode: $0.optionalString(3),
                date: $0.optionalString(4), doc: $0.string(5), sentence: $0.int(6), name: $0.string(7), counterparts: [])
        }
        for i in rows.indices {
            rows[i].counterparts = try db.mapRows(
                """
                SELECT kind, name, country, sector, actorId FROM eventParticipant
                WHERE eventId = ? AND role != ? ORDER BY ordinal LIMIT ?
                """, [rows[i].event, rows[i].role, Self.participantCap], cached: true
            ) { Self.participant($0, 0) }
        }
        return rows
    }

    /// Whom the actor met: counterparts in ``meetingTypes`` events, over its latest
    /// ``ActorProfile/metScanLimit`` participations, most shared events first.
    func met(_ id: Int64, cap: Int, _ db: Database) throws -> [MetLink] {
        try db.mapRows(
            """
            SELECT c.actorId, a.kind, a.name, a.country, COUNT(DISTINCT c.eventId) AS n, MAX(x.effKey) AS last
            FROM (SELECT eventId, role, effKey FROM eventParticipant WHERE actorId = ?1
                  ORDER BY effKey DESC, eventId DESC LIMIT \(ActorProfile.metScanLimit)) x
            JOIN event e ON e.id = x.eventId AND e.type IN (\(Self.meetingTypeList))
            JOIN eventParticipant c ON c.eventId = x.eventId AND c.role != x.role
            JOIN actor a ON a.id = c.actorId
            WHERE c.actorId IS NOT NULL AND c.actorId != ?1
            GROUP BY c.actorId ORDER BY n DESC, c.actorId LIMIT ?2
            """, [id, cap], cached: true
        ) {
            MetLink(
                id: $0.int64(0), kind: $0.string(1), name: $0.string(2), country: $0.optionalString(3), events: $0.int(4),
                lastDate: $0.optionalString(5).flatMap { $0.isEmpty ? nil : $0 })
        }
    }

    // MARK: meetings

    /// Encounters between people or bodies of the two states of `pair`: their dated CONSULT events, and the other
    /// ``meetingTypes`` events of documents that report no CONSULT between them; in date order, from `pairEvent`
    /// (v14, clustered by pair and date). Each with who of each side took part and what the same document reports
    /// agreed or handed over between them.
    func meetings(_ p: QueryParams, _ db: Database) throws -> QueryResult {
        let limit = try self.limit(p)
        let (a, b) = try Validate.distinctPair(p.pair, for: "meetings")
        var f = SQLFilter()
        addPairEventRange(&f, a, b, from: try Validate.date(p.from, "from"), to: try Validate.date(p.to, "to"))
        f.add("p.type IN (\(Self.meetingTypeList))")
        f.add(
            """
            (p.type = 'CONSULT' OR NOT EXISTS (SELECT 1 FROM event c WHERE c.documentId = p.documentId AND c.type = 'CONSULT'
                                              AND ((c.source = ? AND c.target = ?) OR (c.source = ? AND c.target = ?))))
            """, a, b, b, a)
        if let c = p.cursor {
            let v = try Cursor.decode(c, "meetings", count: 2)
            f.add("(p.effDate, p.eventId) > (?, ?)", v[0], try Cursor.int64(v[1]))
        }
        let rows = try db.mapRows(
            """
            SELECT p.eventId, p.effDate, p.type, p.mode, p.source, p.target, p.doc, p.documentId, p.sentence,
                   \(Columns.sentenceText("p")), p.triggerText
            FROM pairEvent p \(f.sql) ORDER BY p.effDate, p.eventId LIMIT \(limit + 1)
            """, f.arguments
        ) { r in
            (
                id: r.int64(0), date: r.string(1), type: r.string(2), mode: r.optionalString(3), source: r.string(4),
                target: r.string(5), doc: r.string(6), documentId: r.int64(7), sentence: r.int(8), text: r.string(9),
                trigger: r.string(10)
            )
        }
        var states: [String: Int64?] = [:]
        func stateRow(_ code: String) throws -> ParticipantRow {
            if states[code] == nil {
                states[code] = try Int64.fetchOne(
                    db.cachedStatement(sql: "SELECT id FROM actor WHERE kind = 'state' AND nameKey = ? ORDER BY id LIMIT 1"),
                    arguments: [code.lowercased()])
            }
            return ParticipantRow(kind: "state", name: code, country: code, actor: states[code] ?? nil)
        }
        var page: [Meeting] = []
        var cursors: [Int] = []
        for r in rows.prefix(limit) {
            var sides: [String: [ParticipantRow]] = ["actor": [], "recipient": []]
            try db.forEachRow(
                """
                SELECT role, kind, name, country, sector, actorId FROM eventParticipant WHERE eventId = ?
                ORDER BY role, ordinal
                """, [r.id], cached: true
            ) { row in
                let role = row.string(0)
                if (sides[role]?.count ?? Self.participantCap) < Self.participantCap {
                    sides[role]?.append(Self.participant(row, 1))
                }
            }
            // Actors are of the event's source, recipients of its target.
            let (ofA, ofB) = r.source == a ? ("actor", "recipient") : ("recipient", "actor")
            var fromA = sides[ofA] ?? []
            var fromB = sides[ofB] ?? []
            if fromA.isEmpty { fromA = [try stateRow(a)] }
            if fromB.isEmpty { fromB = [try stateRow(b)] }
            let outcomes = try db.mapRows(
                """
                SELECT c.id, c.type, c.mode, c.triggerText, c.sentence, \(Columns.sentenceText("c")) FROM event c
                WHERE c.documentId = ?1 AND c.id != ?2 AND c.type IN (\(Self.outcomeTypeList))
                  AND ((c.source = ?3 AND c.target = ?4) OR (c.source = ?4 AND c.target = ?3))
                ORDER BY c.id LIMIT ?5
                """, [r.documentId, r.id, a, b, Self.outcomeCap], cached: true
            ) {
                MeetingOutcome(
                    event: $0.int64(0), type: $0.string(1), mode: $0.optionalString(2), trigger: $0.string(3),
                    sentenceIndex: $0.int(4), sentence: $0.string(5))
            }
            page.append(
                Meeting(
                    event: r.id, date: r.date, type: r.type, mode: r.mode, stateA: a, fromA: fromA, stateB: b, fromB: fromB,
                    outcomes: outcomes, doc: r.doc, sentenceIndex: r.sentence, sentence: r.text, trigger: r.trigger))
            cursors.append(PageBudget.cursor([r.date, String(r.id)]))
        }
        let fit = self.budget.fit(page.map(\.replySizeBound), cursors: cursors)
        let more = rows.count > limit || fit < page.count
        page = Array(page.prefix(fit))
        let next = more ? page.last.map { Cursor.encode("meetings", [$0.date, String($0.event)]) } : nil
        return QueryResult(next: next, meetings: page)
    }
}
