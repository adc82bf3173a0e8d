import AttacheContracts
import Foundation
import GRDB

/// How one digest entity was linked to an actor: an existing actor (with the rule and evidence), or a
/// new one (`actorId == nil`).
struct Resolution {
    var actorId: Int64?
    var rule: String
    /// The explanation's template and values (``Evidence``): the writer stores what the row does not imply.
    var evidence: Evidence
}

/// Cross-document resolution of persons and organizations. Rules, in order (the first that yields exactly one
/// compatible actor wins; states are resolved by ISO code in ``Ingest``):
///
/// Persons (keys: case/diacritics/punctuation-insensitive, leading ranks and titles dropped):
/// 1. `name-key` / `alias-key`: a multi-word name or alias of the mention has the key of a known name.
/// 2. `long-form`: a multi-word name contains, as a word, the name of the only known person known by one
///    word only ("Kwame Asante" joins a person so far only called "Asante").
/// 3. `short-form`: a one-word name is a word of exactly one known person's names ("Asante" joins
///    "Kwame Asante"). When several persons qualify, the mention is ambiguous: it goes to an actor of its own
///    marked `ambiguous`, which later one-word mentions with the same key join, and no full name ever joins.
///    Two people who share a surname therefore stay two.
///
/// Organizations:
/// 1. `name-key` / `alias-key`: any name or alias has the key of a known name or alias.
/// 2. `initials`: an acronym-like name ("RTN") is the initials of a known name, or a known acronym-like name
///    is the initials of this one ("Royal Thai Navy"), and both belong to the same state.
///
/// Countries are compatible when either is unknown or both are equal; a known different state never merges.
struct Resolver {
    let db: Database
    let keys: KeyMemo
    /// What the batch being derived changed in actors it has not written yet (their display name, documents and
    /// state), which candidates are read through.
    var batch = BatchDeltas()

    /// Name lookups by key (rule 1) the batch already made, as the store answered them (``ResolutionMemo``); nil:
    /// none kept (a replacement, which rewrites what they read).
    var memo: ResolutionMemo?

    struct Candidate {
        var actorId: Int64
        var actorName: String
        var matched: String
        var country: String?
        var documents: Int
        var ambiguous: Bool
    }

    /// Rows of ``candidateColumns``, read by position, as the batch left them (``BatchDeltas/view(_:)``).
    private func candidates(_ sql: String, _ values: SQLValues) throws -> [Candidate] {
        try self.stored(sql, values).map(self.asBatchLeftIt)
    }

    /// Rows of ``candidateColumns`` as the store holds them.
    private func stored(_ sql: String, _ values: SQLValues) throws -> [Candidate] {
        try self.db.rows(sql, values) { row in
            Candidate(
                actorId: row.int64(0), actorName: row.string(1), matched: row.string(2), country: row.optionalString(3),
                documents: row.int(4), ambiguous: row.int64(5) != 0)
        }
    }

    /// A candidate as the batch left its actor (``BatchDeltas/view(_:)``).
    private func asBatchLeftIt(_ stored: Candidate) -> Candidate {
        var c = stored
        if let v = self.batch.view(c.actorId) { (c.actorName, c.documents, c.country) = (v.name, v.documents, v.country) }
        return c
    }

    /// The actors of `kind` with a name of key `key`, of a state compatible with `country` (rule 1 of persons and
    /// organizations). The store's answer for the key, of every state, is kept for the batch (``ResolutionMemo``: a
    /// key has up to one actor per state, and a batch asks for it with many states); the stored state is filtered here
    /// as ``compatibleSQL(_:parameter:)`` filters it in SQL, and the batch's own changes to those actors are read
    /// through ``asBatchLeftIt(_:)`` each time, as for any lookup.
    private func sameKey(kind: String, key: String, country: String?) throws -> [Candidate] {
        let all: [Candidate]
        if let hit = self.memo?.lookup(kind: kind, key: key) {
            all = hit
        } else {
            all = try self.stored(
                """
                SELECT \(Self.candidateColumns) FROM nameKey n JOIN actor a ON a.id = n.actorId
                WHERE n.kind = '\(kind)' AND n.nameKey = ? GROUP BY n.actorId
                """, [key])
            self.memo?.keep(all, kind: kind, key: key)
        }
        // `a.country IS NULL OR a.country = ?`, compared as SQLite compares text (bytes).
        let state = country?.uppercased()
        return all.filter { c in
            guard let state, let stored = c.country else { return true }
            return stored.utf8.elementsEqual(state.utf8)
        }.map(self.asBatchLeftIt)
    }

    /// Candidates of the same state as `country` (none: of none), as the batch left them: the SQL keeps those of that
    /// state or of none (to which the batch may have given one, ``compatibleSQL(_:parameter:)``), this the rest.
    private func sameState(_ sql: String, _ values: SQLValues, _ country: String?) throws -> [Candidate] {
        try self.candidates(sql, values).filter { $0.country == country?.uppercased() }
    }

    /// Read by position in this order (``candidates(_:_:)``).
    private static let candidateColumns = """
        n.actorId AS actorId, a.name AS actorName, n.matched AS matched, a.country AS country,
        a.documents AS documents,
        EXISTS (SELECT 1 FROM docActor x WHERE x.actorId = n.actorId AND x.rule = 'ambiguous') AS ambiguous,
        MIN(n.firstNameId) AS firstName
        """

    /// The SQL condition (on the actor `a`) and its value that keep the candidates whose state is compatible with
    /// `country` (``compatible(_:_:)``), so that an actor of another state is not read in full. Exact with the batch's
    /// entries (``BatchDeltas/view(_:)``): a batch gives a state to an actor of none, never another one to an actor of
    /// one (a mention of another state does not resolve to it). `parameter`: "?" or a numbered "?N".
    private static func compatibleSQL(_ country: String?, parameter: String = "?") -> (sql: String, values: SQLValues) {
        guard let country else { return ("", []) }
        return (" AND (a.country IS NULL OR a.country = \(parameter))", [country.uppercased()])
    }

    private static func compatible(_ a: String?, _ b: String?) -> Bool {
        guard let a, let b else { return true }
        return a.uppercased() == b.uppercased()
    }

    /// Distinct actors among candidates, compatible with `country`.
    private static func distinct(_ cs: [Candidate], country: String?) -> [Candidate] {
        var seen = Set<Int64>()
        return cs.filter { self.compatible($0.country, country) && seen.insert($0.actorId).inserted }
    }

    /// The best of several: same state first, then most documents, then oldest.
    private static func best(_ cs: [Candidate], country: String?) -> Candidate? {
        cs.min { l, r in
            let lSame = country != nil && l.country?.uppercased() == country?.uppercased()
            let rSame = country != nil && r.country?.uppercased() == country?.uppercased()
            if lSame != rSame { return lSame }
            if l.documents != r.documents { return l.documents > r.documents }
            return l.actorId < r.actorId
        }
    }

    func person(_ p: Person) throws -> Resolution {
        let country = p.country
        let mainKey = self.keys.person(p.name)
        guard !mainKey.isEmpty else { return Resolution(actorId: nil, rule: "new", evidence: Evidence(.emptyName)) }
        var forms: [(key: String, form: String, isMain: Bool)] = [(mainKey, p.name, true)]
        for alias in p.aliases {
            let k = self.keys.person(alias)
            if !k.isEmpty, !forms.contains(where: { $0.key == k }) { forms.append((k, alias, false)) }
        }
        let state = Self.compatibleSQL(country)
        // 1. Same multi-word key.
        for f in forms where NameKey.wordCount(f.key) >= 2 {
            let cs = Self.distinct(try self.sameKey(kind: "person", key: f.key, country: country), country: country)
            if let c = Self.best(cs, country: country) {
                let values = [f.form, f.key, c.matched, String(c.actorId), c.actorName]
                return Resolution(
                    actorId: c.actorId, rule: f.isMain ? "name-key" : "alias-key",
                    evidence: cs.count > 1 ? Evidence(.sameKeyAmong, values + [String(cs.count)]) : Evidence(.sameKey, values))
            }
        }
        let words = mainKey.split(separator: " ").map(String.init)
        if words.count >= 2 {
            // 2. A full name for a person known so far by one word only.
            let placeholders = words.map { _ in "?" }.joined(separator: ", ")
            let cs = Self.distinct(
                try self.candidates(
                    """
                    SELECT \(Self.candidateColumns) FROM nameKey n JOIN actor a ON a.id = n.actorId
                    WHERE n.kind = 'person' AND n.words = 1 AND n.nameKey IN (\(placeholders))
                      AND NOT EXISTS (SELECT 1 FROM nameWord m WHERE m.actorId = n.actorId)\(state.sql)
                    GROUP BY n.actorId
                    """, words + state.values), country: country
            ).filter { !$0.ambiguous }
            if cs.count == 1, let c = cs.first {
                return Resolution(
                    actorId: c.actorId, rule: "long-form",
                    evidence: Evidence(.longForm, [p.name, c.matched, String(c.actorId)]))
            }
            return Resolution(actorId: nil, rule: "new", evidence: Evidence(.noPerson, [p.name]))
        }
        // 3. One word.
        let exact = Self.distinct(
            try self.candidates(
                """
                SELECT \(Self.candidateColumns) FROM nameKey n JOIN actor a ON a.id = n.actorId
                WHERE n.kind = 'person' AND n.nameKey = ?
                  AND NOT EXISTS (SELECT 1 FROM nameWord m WHERE m.actorId = n.actorId)\(state.sql)
                GROUP BY n.actorId
                """, [mainKey] + state.values), country: country)
        if let c = Self.best(exact, country: country) {
            return Resolution(
                actorId: c.actorId, rule: "name-key",
                evidence: Evidence(c.ambiguous ? .sameNameGrouped : .sameName, [p.name, c.matched, String(c.actorId), c.actorName]))
        }
        let containing = Self.distinct(
            try self.candidates(
                """
                SELECT \(Self.candidateColumns) FROM (SELECT actorId, matched, firstNameId FROM nameKey WHERE kind = 'person' AND nameKey = ?1
                      UNION ALL
                      SELECT actorId, matched, firstNameId FROM nameWord WHERE kind = 'person' AND word = ?1) n
                JOIN actor a ON a.id = n.actorId
                WHERE 1\(Self.compatibleSQL(country, parameter: "?2").sql)
                GROUP BY n.actorId
                """, [mainKey] + state.values), country: country)
        if containing.count == 1, let c = containing.first {
            return Resolution(
                actorId: c.actorId, rule: "short-form",
                evidence: Evidence(.shortForm, [p.name, c.matched, String(c.actorId), c.actorName]))
        }
        if containing.count > 1 {
            let list = containing.prefix(5).map { "#\($0.actorId) \($0.actorName)" }.joined(separator: ", ")
            return Resolution(
                actorId: nil, rule: "ambiguous",
                evidence: Evidence(.ambiguous, [p.name, String(containing.count), list]))
        }
        return Resolution(actorId: nil, rule: "new", evidence: Evidence(.noPerson, [p.name]))
    }

    func organization(_ o: Organization) throws -> Resolution {
        let country = o.country
        var forms: [(key: String, form: String, isMain: Bool)] = []
        for (i, form) in ([o.name] + o.aliases).enumerated() {
            let k = self.keys.organization(form)
            if !k.isEmpty, !forms.contains(where: { $0.key == k }) { forms.append((k, form, i == 0)) }
        }
        guard !forms.isEmpty else { return Resolution(actorId: nil, rule: "new", evidence: Evidence(.emptyName)) }
        // 1. Same key.
        for f in forms {
            let acronymLike = NameKey.looksLikeAcronym(f.form)
            var cs = Self.distinct(try self.sameKey(kind: "organization", key: f.key, country: country), country: country)
            // A bare acronym is too short to trust across states.
            if acronymLike { cs = cs.filter { $0.country?.uppercased() == country?.uppercased() } }
            if let c = Self.best(cs, country: country) {
                return Resolution(
                    actorId: c.actorId, rule: f.isMain ? "name-key" : "alias-key",
                    evidence: Evidence(.sameKey, [f.form, f.key, c.matched, String(c.actorId), c.actorName]))
            }
        }
        // 2. Initials, within the same state.
        for f in forms where NameKey.looksLikeAcronym(f.form) {
            let cs = Self.distinct(
                try self.sameState(
                    """
                    SELECT \(Self.candidateColumns) FROM nameAcronym n JOIN actor a ON a.id = n.actorId
                    WHERE n.kind = 'organization' AND n.acronym = ?1 AND (a.country IS NULL OR a.country IS ?2)
                    GROUP BY n.actorId
                    """, [f.key.replacingOccurrences(of: " ", with: ""), country?.uppercased()], country), country: country)
            if cs.count == 1, let c = cs.first {
                return Resolution(
                    actorId: c.actorId, rule: "initials",
                    evidence: Evidence(.initials, [f.form, c.matched, String(c.actorId), country ?? "none"]))
            }
        }
        for f in forms {
            for acronym in self.keys.acronyms(f.form) {
                let cs = Self.distinct(
                    try self.sameState(
                        """
                        SELECT \(Self.candidateColumns) FROM nameKey n JOIN actor a ON a.id = n.actorId
                        WHERE n.kind = 'organization' AND n.words = 1 AND n.nameKey = ?1 AND (a.country IS NULL OR a.country IS ?2)
                        GROUP BY n.actorId
                        """, [acronym, country?.uppercased()], country), country: country)
                if cs.count == 1, let c = cs.first {
                    return Resolution(
                        actorId: c.actorId, rule: "initials",
                        evidence: Evidence(.initialsOf, [c.matched, String(c.actorId), f.form, country ?? "none"]))
                }
            }
        }
        return Resolution(actorId: nil, rule: "new", evidence: Evidence(.noOrganization, [o.name]))
    }

    static func escapeLike(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_")
    }
}

/// What name lookups by key (``Resolver``, rule 1) returned in one derived batch, as the store answered them, so that a
/// name the batch meets again is not looked up again: in the extractor's digests a batch of 512 names the same persons
/// many times, and a person's name key has up to one actor per state, each read in full (about a third of the
/// deriver's SQLite time, issue 14).
///
/// Exact while what those lookups read stays as it was, which the writer keeps so:
/// - a `nameKey` row the batch inserts (``inserted(kind:key:actorId:matched:)``, from ``Ingest``) joins the kept
///   answers of its key when its actor was created by the batch (its row is then as ``created(_:name:country:ambiguous:)``
///   recorded it: no document counted yet), and forgets them otherwise; the batch's later upserts of a row only
///   count (`refs`, not read);
/// - the actors' rows change only when the batch's deltas are written (``BatchDeltas/flush(_:)``: before a replacement
///   and at the batch's end) and in a replacement: the writer forgets everything then, and a replacement resolves
///   without the memo; until then the batch's changes (name, documents, state) are read through its entries, as for
///   any lookup;
/// - a new actor is found by a key only once its `nameKey` row is inserted, and an actor is marked ambiguous only
///   when it is created;
/// - a digest rolled back (in its savepoint) forgets everything.
/// One per batch transaction; it holds at most the keys of one batch.
final class ResolutionMemo {
    /// By kind and key: the store's rows of every state.
    private var kept: [String: [Resolver.Candidate]] = [:]
    /// Actors the batch created, as their rows hold them until the batch's deltas are written.
    private var created: [Int64: (name: String, country: String?, ambiguous: Bool)] = [:]

    init() {}

    private static func key(_ kind: String, _ key: String) -> String { kind + "\u{1}" + key }

    func lookup(kind: String, key: String) -> [Resolver.Candidate]? { self.kept[Self.key(kind, key)] }

    func keep(_ rows: [Resolver.Candidate], kind: String, key: String) { self.kept[Self.key(kind, key)] = rows }

    /// A person or organization created by the batch: its row's name and state, and whether its mention was
    /// ambiguous (its `docActor` rule, the only one that marks it so).
    func created(_ actorId: Int64, name: String, country: String?, ambiguous: Bool) {
        self.created[actorId] = (name, country?.uppercased(), ambiguous)
    }

    /// A `nameKey` row (`kind`, `key`, `actorId`) was inserted, with `matched` as its name: what the lookup by that key
    /// returns now (``Resolver/candidateColumns``, one row per actor; their order is not read).
    func inserted(kind: String, key: String, actorId: Int64, matched: String) {
        let k = Self.key(kind, key)
        guard let rows = self.kept[k] else { return }
        guard let a = self.created[actorId] else {
            self.kept[k] = nil
            return
        }
        self.kept[k] = rows + [
            Resolver.Candidate(
                actorId: actorId, actorName: a.name, matched: matched, country: a.country, documents: 0, ambiguous: a.ambiguous)
        ]
    }

    func forgetAll() {
        self.kept = [:]
        self.created = [:]
    }
}
