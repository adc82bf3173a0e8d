import AttacheContracts
import Foundation
import GRDB

/// The store's schema, as versioned migrations. A shipped migration is never edited: add a new one.
///
/// Tables (v1):
/// - `document`: one row per document id; the digest as pushed (JSON, the provenance-exact copy), its hash,
///   counts, and when it was stored.
/// - `sentence` (+ `sentenceFts`, an external-content FTS5 index kept in sync by triggers).
/// - `actor`: resolved persons, organizations and states across documents, with cached counts.
/// - `docActor`: one row per person/organization/country of a digest, linked to its actor with the
///   resolution rule and evidence.
/// - `actorName`: every name form of a `docActor` (name and aliases) with its key and acronyms.
/// - `actorRole`: ranks and roles with the publication date of the document that gave them.
/// - `mention`: the spans of a `docActor`.
/// - `event`: one row per event of a digest, with provenance, its effective date and its story.
/// - `eventActor`: actors linked to an event (states by source/target, persons and organizations by text).
/// - `story`: events grouped across documents, with cached counts.
///
/// v2 adds `actorNameWord`: the words of every multi-word name, to resolve one-word mentions by index.
/// Since v30 a person's ranks and roles, and since v31 a `docActor` row's name forms, are kept in the row itself
/// (``roleRows(_:)``, ``nameRows(_:)``): `actorRole` and `actorName` are gone. Since v32 the row keeps its resolution's
/// explanation as the values the row does not imply (`evidenceArgs`, ``Evidence``), not as a sentence. Since v33 only hot
/// actors keep their ranks and roles aggregated (`actorRoleAgg`); another's are grouped from its rows when asked.
enum Schema {
    /// What the copies of an event (v14 `pairEvent`, v17 `actorRecent`) hold of it (`event e`, `document d`):
    /// its fields, and its actor ids comma-separated (any order). Since v22 the copies, like the event,
    /// refer to its sentence (`documentId`, `sentence`: a row of `sentence`) instead of holding its text.
    private static let copiedFields = """
        d.doc, e.type, e.mode, e.source, e.target, e.date, e.confidence, e.documentId, e.sentence, e.triggerText, \
        e.storyId, e.triggerSentence, e.triggerStart, e.triggerEnd, e.actorText, e.recipientText
        """
    /// ``copiedFields`` as v14 and v17 shipped them (the copies held the sentence's text): what those two
    /// migrations fill their tables with, so that they run as they did on a store that is still before them.
    private static let copiedFieldsV14 = """
        d.doc, e.type, e.mode, e.source, e.target, e.date, e.confidence, e.sentenceText, e.triggerText, e.storyId, \
        e.triggerSentence, e.triggerStart, e.triggerEnd, e.actorText, e.recipientText
        """
    private static let copiedActors =
        "COALESCE((SELECT group_concat(actorId, ',') FROM (SELECT DISTINCT actorId FROM eventActor WHERE eventId = e.id)), '')"

    /// How many documents an actor (`?1`) shares with each other actor (`id`, `docs`), counted over its
    /// documents' mentions: what a promotion to hot stores in `actorPair`, and what the profile of an actor
    /// below the hot threshold ranks (``QueryEngine/metColdSQL``). The mentions' actors come from
    /// `docActor_document` alone (v19).
    static let coMentionCounts = """
        SELECT b.actorId AS id, COUNT(DISTINCT b.documentId) AS docs
        FROM actorDoc x JOIN docActor b ON b.documentId = x.documentId AND b.actorId != x.actorId
        WHERE x.actorId = ?1 GROUP BY b.actorId
        """

    /// The `pairEvent` rows (v14) of the stored events: the migration fills the table with it, and tests check
    /// that what the writer keeps equals it.
    static let pairEventFill = """
        SELECT min(e.source, e.target), max(e.source, e.target), e.effDate, e.id, \(copiedFields), \(copiedActors)
        FROM event e JOIN document d ON d.id = e.documentId
        WHERE e.source IS NOT NULL AND e.target IS NOT NULL AND e.effDate IS NOT NULL
        """
    /// ``pairEventFill`` as v14 shipped it (the layout of `pairEvent` until v22).
    static let pairEventFillV14 = """
        SELECT min(e.source, e.target), max(e.source, e.target), e.effDate, e.id, \(copiedFieldsV14), \(copiedActors)
        FROM event e JOIN document d ON d.id = e.documentId
        WHERE e.source IS NOT NULL AND e.target IS NOT NULL AND e.effDate IS NOT NULL
        """

    /// The `actorRecent` rows (v17) of one actor (`?1`): its latest ``actorRecentCap`` events (by effective date,
    /// then id, as the profile lists them) with what the profile shows of each. The migration and the writer's
    /// refill use it; tests check that what the writer keeps equals it.
    static let actorRecentCap = 20
    static let actorRecentFill = """
        SELECT ?1, x.effKey, x.eventId, \(copiedFields), e.effDate, \(copiedActors)
        FROM (SELECT DISTINCT effKey, eventId FROM eventActor WHERE actorId = ?1
              ORDER BY effKey DESC, eventId DESC LIMIT \(actorRecentCap)) x
        JOIN event e ON e.id = x.eventId JOIN document d ON d.id = e.documentId
        """
    /// ``actorRecentFill`` as v17 shipped it (the layout of `actorRecent` until v22).
    static let actorRecentFillV17 = """
        SELECT ?1, x.effKey, x.eventId, \(copiedFieldsV14), e.effDate, \(copiedActors)
        FROM (SELECT DISTINCT effKey, eventId FROM eventActor WHERE actorId = ?1
              ORDER BY effKey DESC, eventId DESC LIMIT \(actorRecentCap)) x
        JOIN event e ON e.id = x.eventId JOIN document d ON d.id = e.documentId
        """

    /// The `actorMerge` rows (v18) of one actor (`?1`): the first ``actorRecentCap`` of its document mentions in
    /// the order a profile lists its merge notes (publication date, document, ordinal), with their name, rule and
    /// evidence. What v18 fills the copy with; v28 drops it (a profile reads the mentions themselves).
    static let actorMergeFillV18 = """
        SELECT ?1, x.pubKey, x.doc, da.ordinal, x.documentId, da.name, da.rule, da.evidence
        FROM (SELECT pubKey, doc, documentId FROM actorDoc WHERE actorId = ?1 ORDER BY pubKey, doc LIMIT \(actorRecentCap)) x
        JOIN docActor da ON da.actorId = ?1 AND da.documentId = x.documentId
        ORDER BY x.pubKey, x.doc, da.ordinal LIMIT \(actorRecentCap)
        """

    /// The role rows of the `docActor da` rows that `filter` selects (v30): a person's rank (kind `rank`, from its
    /// `rank` column) and each of its roles (kind `role`, from the JSON array in `roles`, ``rolesText(_:)``), each with
    /// its document's publication date (`seen`) and an id that orders them as the writer named them (`rid`:
    /// ``partRowId(_:index:)``, the rank the row's own part). Columns: actorId, documentId, kind, value, seen, rid.
    /// `filter` names its parameters by number (it appears twice).
    static func roleRows(_ filter: String) -> String {
        """
        SELECT da.actorId AS actorId, da.documentId AS documentId, 'rank' AS kind, da.rank AS value, d.published AS seen,
               \(partRowIdSQL(nil)) AS rid
        FROM docActor da JOIN document d ON d.id = da.documentId WHERE \(filter) AND da.rank != ''
        UNION ALL
        SELECT da.actorId, da.documentId, 'role', j.value, d.published, \(partRowIdSQL("j.key"))
        FROM docActor da JOIN document d ON d.id = da.documentId, json_each(da.roles) j
        WHERE \(filter) AND da.roles IS NOT NULL
        """
    }

    /// The id of a part of `docActor` row `docActorId` that ``roleRows(_:)`` and ``nameRows(_:)`` read back (their
    /// `rid` and `nid`): the row's own (`index` nil: its rank, its name) or the one at `index` of its JSON array (a
    /// role, an alias). The row id times 65,536, plus 0 for its own and 1 + the index for the others (past the
    /// 65,534th they share the last), which orders them as the writer named them.
    static func partRowId(_ docActorId: Int64, index: Int?) -> Int64 {
        (docActorId << 16) + Int64(index.map { min(1 + $0, 65535) } ?? 0)
    }

    /// ``partRowId(_:index:)`` in SQL, of `docActor da` and the index expression `index` (nil: the row's own part).
    private static func partRowIdSQL(_ index: String?) -> String {
        index.map { "(da.id << 16) + min(1 + \($0), 65535)" } ?? "da.id << 16"
    }

    /// The role rows of actor `?1` as v4 to v29 kept them (``roleRows(_:)``'s columns, `rid` the `actorRole` row id):
    /// what v4's rebuild of the aggregates reads.
    static let roleRowsV4 = """
        SELECT da.actorId AS actorId, da.documentId AS documentId, r.kind AS kind, r.value AS value, r.seen AS seen, r.id AS rid
        FROM docActor da JOIN actorRole r ON r.docActorId = da.id WHERE da.actorId = ?1
        """

    /// A person's roles as `docActor.roles` holds them (v30): its non-empty roles in the digest's order, as a JSON array
    /// (``JSONText/quoted(_:)``); nil when it has none. The writer and v30 write them with this.
    static func rolesText(_ roles: [String]) -> String? {
        let kept = roles.filter { !$0.isEmpty }
        return kept.isEmpty ? nil : "[" + kept.map { JSONText.quoted($0) }.joined(separator: ",") + "]"
    }

    /// The words of a name key (SQL expression `k`, never empty): its words joined by one space, counted as the writer
    /// counts them.
    private static func keyWords(_ k: String) -> String { "(length(\(k)) - length(replace(\(k), ' ', '')) + 1)" }
    /// The first and second of a name's acronyms as a `docActor` row keeps them (SQL expression `a`: one acronym, or
    /// two joined by a space; ``acronymsText(_:)``).
    private static func acronym1(_ a: String) -> String {
        "CASE WHEN instr(\(a), ' ') > 0 THEN substr(\(a), 1, instr(\(a), ' ') - 1) ELSE \(a) END"
    }
    private static func acronym2(_ a: String) -> String { "CASE WHEN instr(\(a), ' ') > 0 THEN substr(\(a), instr(\(a), ' ') + 1) END" }

    /// The name rows of the `docActor da` rows that `filter` selects (v31), as `actorName` (v1 to v30) held them: the row's
    /// name when it is a form (`formKey`, its key, not NULL; a person's or organization's main name, `isMain`) and each
    /// of its other forms (the JSON array `aliases`, ``aliasesText(_:)``), with their keys, words and acronyms, and an id
    /// that orders them as the writer named them (`nid`: ``partRowId(_:index:)``). Columns: docActorId, actorId,
    /// documentId, kind, isMain, name, nameKey, words, acronym1, acronym2, nid. `filter` names its parameters by number
    /// (it appears twice).
    static func nameRows(_ filter: String) -> String {
        let alias = "json_extract(j.value, '$[1]')"
        let acronyms = "json_extract(j.value, '$[2]')"
        return """
            SELECT da.id AS docActorId, da.actorId AS actorId, da.documentId AS documentId, da.kind AS kind,
                   da.kind != 'state' AS isMain, da.name AS name, da.formKey AS nameKey, \(keyWords("da.formKey")) AS words,
                   \(acronym1("da.acronyms")) AS acronym1, \(acronym2("da.acronyms")) AS acronym2, \(partRowIdSQL(nil)) AS nid
            FROM docActor da WHERE \(filter) AND da.formKey IS NOT NULL
            UNION ALL
            SELECT da.id, da.actorId, da.documentId, da.kind, 0, json_extract(j.value, '$[0]'), \(alias), \(keyWords(alias)),
                   \(acronym1(acronyms)), \(acronym2(acronyms)), \(partRowIdSQL("j.key"))
            FROM docActor da, json_each(da.aliases) j WHERE \(filter) AND da.aliases IS NOT NULL
            """
    }

    /// The name rows of actor `?1` as v1 to v30 kept them in `actorName` (``nameRows(_:)``'s columns, `nid` the row
    /// id): what v4's rebuild of the aggregates reads.
    static let nameRowsV4 = """
        SELECT n.docActorId AS docActorId, n.actorId AS actorId, da.documentId AS documentId, n.kind AS kind,
               n.isMain AS isMain, n.name AS name, n.nameKey AS nameKey, n.words AS words, n.acronym1 AS acronym1,
               n.acronym2 AS acronym2, n.id AS nid
        FROM docActor da JOIN actorName n ON n.docActorId = da.id WHERE da.actorId = ?1
        """

    /// A name's acronyms as `docActor.acronyms` and `aliases` hold them (v31): one, or two joined by a space (an
    /// acronym is the initials of words, never a space); nil for none. At most the first two are kept.
    static func acronymsText(_ acronyms: [String]) -> String? {
        acronyms.isEmpty ? nil : acronyms.prefix(2).joined(separator: " ")
    }

    /// A `docActor` row's other name forms as `aliases` holds them (v31): a JSON array of `[form, key]`, or
    /// `[form, key, acronyms]` (``acronymsText(_:)``), in the writer's order; nil when it has none.
    static func aliasesText(_ forms: [(name: String, key: String, acronyms: [String])]) -> String? {
        guard !forms.isEmpty else { return nil }
        return "["
            + forms.map { f in
                "[" + JSONText.quoted(f.name) + "," + JSONText.quoted(f.key)
                    + (acronymsText(f.acronyms).map { "," + JSONText.quoted($0) } ?? "") + "]"
            }.joined(separator: ",") + "]"
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE document (
                        id INTEGER PRIMARY KEY,
                        doc TEXT NOT NULL UNIQUE,
                        published TEXT,
                        title TEXT,
                        source TEXT,
                        contentHash TEXT NOT NULL,
                        length INTEGER NOT NULL,
                        storedAt INTEGER NOT NULL,
                        nSentences INTEGER NOT NULL,
                        nPersons INTEGER NOT NULL,
                        nOrganizations INTEGER NOT NULL,
                        nCountries INTEGER NOT NULL,
                        nDates INTEGER NOT NULL,
                        nQuantities INTEGER NOT NULL,
                        nEvents INTEGER NOT NULL,
                        digest TEXT NOT NULL
                    );
                    CREATE INDEX document_published ON document(published, doc);

                    CREATE TABLE sentence (
                        id INTEGER PRIMARY KEY,
                        documentId INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                        idx INTEGER NOT NULL,
                        start INTEGER NOT NULL,
                        "end" INTEGER NOT NULL,
                        text TEXT NOT NULL,
                        UNIQUE(documentId, idx)
                    );
                    CREATE VIRTUAL TABLE sentenceFts USING fts5(
                        text, content='sentence', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
                    );
                    CREATE TRIGGER sentence_ai AFTER INSERT ON sentence BEGIN
                        INSERT INTO sentenceFts(rowid, text) VALUES (new.id, new.text);
                    END;
                    CREATE TRIGGER sentence_ad AFTER DELETE ON sentence BEGIN
                        INSERT INTO sentenceFts(sentenceFts, rowid, text) VALUES ('delete', old.id, old.text);
                    END;

                    CREATE TABLE actor (
                        id INTEGER PRIMARY KEY,
                        kind TEXT NOT NULL,
                        name TEXT NOT NULL,
                        nameKey TEXT NOT NULL,
                        country TEXT,
                        mentions INTEGER NOT NULL DEFAULT 0,
                        documents INTEGER NOT NULL DEFAULT 0,
                        firstSeen TEXT,
                        lastSeen TEXT
                    );
                    CREATE INDEX actor_name ON actor(kind, nameKey, id);
                    CREATE INDEX actor_mentions ON actor(kind, mentions, id);
                    CREATE INDEX actor_recent ON actor(kind, lastSeen, id);
                    CREATE INDEX actor_country ON actor(country);

                    CREATE TABLE docActor (
                        id INTEGER PRIMARY KEY,
                        documentId INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                        actorId INTEGER NOT NULL REFERENCES actor(id),
                        kind TEXT NOT NULL,
                        ordinal INTEGER NOT NULL,
                        name TEXT NOT NULL,
                        country TEXT,
                        rank TEXT,
                        rule TEXT NOT NULL,
                        evidence TEXT NOT NULL
                    );
                    CREATE INDEX docActor_actor ON docActor(actorId, documentId);
                    CREATE INDEX docActor_document ON docActor(documentId, kind);
                    CREATE INDEX docActor_state ON docActor(kind, country);

                    CREATE TABLE actorName (
                        id INTEGER PRIMARY KEY,
                        docActorId INTEGER NOT NULL REFERENCES docActor(id) ON DELETE CASCADE,
                        actorId INTEGER NOT NULL REFERENCES actor(id),
                        kind TEXT NOT NULL,
                        isMain INTEGER NOT NULL,
                        name TEXT NOT NULL,
                        nameKey TEXT NOT NULL,
                        words INTEGER NOT NULL,
                        acronym1 TEXT,
                        acronym2 TEXT
                    );
                    CREATE INDEX actorName_key ON actorName(kind, nameKey);
                    CREATE INDEX actorName_acronym1 ON actorName(kind, acronym1);
                    CREATE INDEX actorName_acronym2 ON actorName(kind, acronym2);
                    CREATE INDEX actorName_actor ON actorName(actorId);
                    CREATE INDEX actorName_docActor ON actorName(docActorId);

                    CREATE TABLE actorRole (
                        id INTEGER PRIMARY KEY,
                        docActorId INTEGER NOT NULL REFERENCES docActor(id) ON DELETE CASCADE,
                        actorId INTEGER NOT NULL REFERENCES actor(id),
                        kind TEXT NOT NULL,
                        value TEXT NOT NULL,
                        seen TEXT
                    );
                    CREATE INDEX actorRole_actor ON actorRole(actorId, kind);
                    CREATE INDEX actorRole_docActor ON actorRole(docActorId);

                    CREATE TABLE mention (
                        id INTEGER PRIMARY KEY,
                        docActorId INTEGER NOT NULL REFERENCES docActor(id) ON DELETE CASCADE,
                        actorId INTEGER NOT NULL REFERENCES actor(id),
                        sentence INTEGER NOT NULL,
                        start INTEGER NOT NULL,
                        "end" INTEGER NOT NULL
                    );
                    CREATE INDEX mention_actor ON mention(actorId);
                    CREATE INDEX mention_docActor ON mention(docActorId);

                    CREATE TABLE story (
                        id INTEGER PRIMARY KEY,
                        type TEXT NOT NULL,
                        source TEXT,
                        target TEXT,
                        mode TEXT,
                        firstDay INTEGER,
                        lastDay INTEGER,
                        firstDate TEXT,
                        lastDate TEXT,
                        mentions INTEGER NOT NULL DEFAULT 0,
                        documents INTEGER NOT NULL DEFAULT 0,
                        sources INTEGER NOT NULL DEFAULT 0
                    );
                    CREATE INDEX story_key ON story(type, source, target, firstDay);

                    CREATE TABLE event (
                        id INTEGER PRIMARY KEY,
                        documentId INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                        ordinal INTEGER NOT NULL,
                        type TEXT NOT NULL,
                        mode TEXT,
                        context TEXT NOT NULL,
                        source TEXT,
                        target TEXT,
                        date TEXT,
                        effDate TEXT,
                        day INTEGER,
                        actorText TEXT,
                        recipientText TEXT,
                        sentence INTEGER NOT NULL,
                        sentenceText TEXT NOT NULL,
                        triggerSentence INTEGER NOT NULL,
                        triggerStart INTEGER NOT NULL,
                        triggerEnd INTEGER NOT NULL,
                        triggerText TEXT NOT NULL,
                        confidence REAL NOT NULL,
                        storyId INTEGER REFERENCES story(id)
                    );
                    CREATE INDEX event_document ON event(documentId);
                    CREATE INDEX event_type ON event(type);
                    CREATE INDEX event_source ON event(source, effDate);
                    CREATE INDEX event_target ON event(target, effDate);
                    CREATE INDEX event_story ON event(storyId);
                    CREATE INDEX event_date ON event(effDate);

                    CREATE TABLE eventActor (
                        eventId INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
                        actorId INTEGER NOT NULL REFERENCES actor(id),
                        role TEXT NOT NULL,
                        PRIMARY KEY (eventId, actorId, role)
                    ) WITHOUT ROWID;
                    CREATE INDEX eventActor_actor ON eventActor(actorId, eventId);
                    """
            )
        }
        // v2: a word index of names (one-word mentions find the full names containing them without a scan),
        // and a partial index to find the "ambiguous" one-word actors directly.
        migrator.registerMigration("v2") { db in
            try db.execute(
                sql: """
                    CREATE TABLE actorNameWord (
                        actorNameId INTEGER NOT NULL REFERENCES actorName(id) ON DELETE CASCADE,
                        actorId INTEGER NOT NULL REFERENCES actor(id),
                        kind TEXT NOT NULL,
                        word TEXT NOT NULL
                    );
                    CREATE INDEX actorNameWord_word ON actorNameWord(kind, word, actorId);
                    CREATE INDEX actorNameWord_name ON actorNameWord(actorNameId);
                    CREATE INDEX docActor_ambiguous ON docActor(actorId) WHERE rule = 'ambiguous';
                    """)
            let rows = try Row.fetchAll(db, sql: "SELECT id, actorId, kind, nameKey FROM actorName WHERE words > 1")
            for row in rows {
                let key: String = row["nameKey"]
                for word in Set(key.split(separator: " ").map(String.init)) {
                    try db.execute(
                        sql: "INSERT INTO actorNameWord (actorNameId, actorId, kind, word) VALUES (?, ?, ?, ?)",
                        arguments: [row["id"] as Int64, row["actorId"] as Int64, row["kind"] as String, word])
                }
            }
        }
        // v3: find an actor's multi-word names by actor (the "known by one word only" checks).
        migrator.registerMigration("v3") { db in
            try db.execute(sql: "CREATE INDEX actorNameWord_actor ON actorNameWord(actorId)")
        }
        // v4: distinct lookup tables for resolution (one row per key and actor, not per document: resolution
        // no longer reads every document that used a popular name), per-actor aggregates for profiles, the
        // actor's documents in date order, events by actor in date order, relations per state pair and type,
        // stories' documents/sources/modes for incremental counts, and a pair index for timelines.
        // Aggregates are maintained incrementally on insert and rebuilt from the base rows for the actors,
        // state pairs and stories a replaced document touched (``Aggregates``).
        migrator.registerMigration("v4") { db in
            try db.execute(
                sql: """
                    CREATE TABLE nameKey (
                        kind TEXT NOT NULL, nameKey TEXT NOT NULL, actorId INTEGER NOT NULL, words INTEGER NOT NULL,
                        firstNameId INTEGER NOT NULL, matched TEXT NOT NULL, refs INTEGER NOT NULL,
                        PRIMARY KEY (kind, nameKey, actorId)) WITHOUT ROWID;
                    CREATE INDEX nameKey_key ON nameKey(nameKey, actorId);
                    CREATE INDEX nameKey_actor ON nameKey(actorId);
                    CREATE TABLE nameWord (
                        kind TEXT NOT NULL, word TEXT NOT NULL, actorId INTEGER NOT NULL,
                        firstNameId INTEGER NOT NULL, matched TEXT NOT NULL, refs INTEGER NOT NULL,
                        PRIMARY KEY (kind, word, actorId)) WITHOUT ROWID;
                    CREATE INDEX nameWord_actor ON nameWord(actorId);
                    CREATE TABLE nameAcronym (
                        kind TEXT NOT NULL, acronym TEXT NOT NULL, actorId INTEGER NOT NULL,
                        firstNameId INTEGER NOT NULL, matched TEXT NOT NULL, refs INTEGER NOT NULL,
                        PRIMARY KEY (kind, acronym, actorId)) WITHOUT ROWID;
                    CREATE INDEX nameAcronym_actor ON nameAcronym(actorId);
                    DROP TABLE actorNameWord;

                    CREATE TABLE actorDoc (
                        actorId INTEGER NOT NULL, pubKey TEXT NOT NULL, doc TEXT NOT NULL, documentId INTEGER NOT NULL,
                        PRIMARY KEY (actorId, pubKey, doc)) WITHOUT ROWID;
                    CREATE TABLE actorForm (
                        actorId INTEGER NOT NULL, name TEXT NOT NULL, rows INTEGER NOT NULL, docs INTEGER NOT NULL,
                        PRIMARY KEY (actorId, name)) WITHOUT ROWID;
                    CREATE TABLE actorRule (
                        actorId INTEGER NOT NULL, rule TEXT NOT NULL, refs INTEGER NOT NULL,
                        PRIMARY KEY (actorId, rule)) WITHOUT ROWID;
                    CREATE TABLE actorRoleAgg (
                        actorId INTEGER NOT NULL, kind TEXT NOT NULL, value TEXT NOT NULL, firstSeen TEXT, lastSeen TEXT,
                        docs INTEGER NOT NULL, topKey TEXT NOT NULL, topId INTEGER NOT NULL,
                        PRIMARY KEY (actorId, kind, value)) WITHOUT ROWID;

                    ALTER TABLE eventActor ADD COLUMN effKey TEXT NOT NULL DEFAULT '';
                    UPDATE eventActor SET effKey = COALESCE((SELECT effDate FROM event WHERE id = eventId), '');
                    CREATE INDEX eventActor_recent ON eventActor(actorId, effKey, eventId);
                    DROP INDEX eventActor_actor;

                    CREATE INDEX event_pair ON event(min(source, target), max(source, target), effDate);
                    CREATE INDEX event_story_doc ON event(storyId, documentId);
                    DROP INDEX event_story;

                    CREATE TABLE relationAgg (
                        state TEXT NOT NULL, partner TEXT NOT NULL, type TEXT NOT NULL, events INTEGER NOT NULL,
                        outgoing INTEGER NOT NULL, incoming INTEGER NOT NULL, firstDate TEXT, lastDate TEXT,
                        PRIMARY KEY (state, partner, type)) WITHOUT ROWID;

                    CREATE TABLE storySource (
                        storyId INTEGER NOT NULL, source TEXT NOT NULL, refs INTEGER NOT NULL,
                        PRIMARY KEY (storyId, source)) WITHOUT ROWID;
                    CREATE TABLE storyMode (
                        storyId INTEGER NOT NULL, mode TEXT NOT NULL, n INTEGER NOT NULL,
                        PRIMARY KEY (storyId, mode)) WITHOUT ROWID;
                    CREATE INDEX story_mentions ON story(mentions, id);
                    """)
            try Aggregates.rebuildAll(db, roleRows: Self.roleRowsV4, nameRows: Self.nameRowsV4, rolesOfHotOnly: false)
        }
        // v5: row counts kept by triggers (stats without counting millions of rows), and indexes in the exact
        // order of the "most mentioned first, then id" and "last seen first, then id" pages.
        migrator.registerMigration("v5") { db in
            var sql = "CREATE TABLE counter (name TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;\n"
            for (name, table, cond) in [
                ("documents", "document", ""), ("sentences", "sentence", ""), ("events", "event", ""),
                ("stories", "story", ""), ("persons", "actor", "kind = 'person'"),
                ("organizations", "actor", "kind = 'organization'"), ("states", "actor", "kind = 'state'"),
            ] {
                let newCond = cond.isEmpty ? "" : " WHEN new.\(cond)"
                let oldCond = cond.isEmpty ? "" : " WHEN old.\(cond)"
                sql += """
                    INSERT INTO counter VALUES ('\(name)', (SELECT COUNT(*) FROM \(table)\(cond.isEmpty ? "" : " WHERE \(cond)")));
                    CREATE TRIGGER count_\(name)_ai AFTER INSERT ON \(table)\(newCond) BEGIN
                        UPDATE counter SET n = n + 1 WHERE name = '\(name)'; END;
                    CREATE TRIGGER count_\(name)_ad AFTER DELETE ON \(table)\(oldCond) BEGIN
                        UPDATE counter SET n = n - 1 WHERE name = '\(name)'; END;

                    """
            }
            sql += """
                DROP INDEX story_mentions;
                CREATE INDEX story_mentions_desc ON story(mentions DESC, id);
                DROP INDEX actor_mentions;
                CREATE INDEX actor_mentions_desc ON actor(kind, mentions DESC, id);
                CREATE INDEX actor_recent_desc ON actor(kind, COALESCE(lastSeen, '') DESC, id);
                DROP INDEX actor_recent;
                """
            try db.execute(sql: sql)
        }
        // v6: indexes nothing reads any more since v4 (resolution reads `nameKey`/`nameAcronym`; documents by
        // state use `docActor_document`): fewer b-trees to update per digest.
        migrator.registerMigration("v6") { db in
            try db.execute(
                sql: """
                    DROP INDEX actorName_key;
                    DROP INDEX actorName_acronym1;
                    DROP INDEX actorName_acronym2;
                    DROP INDEX docActor_state;
                    CREATE INDEX story_type_mentions ON story(type, mentions DESC, id);
                    """)
        }
        // v7: "met most" of actors named by many documents, kept as counts (see ``Ingest``'s `addPairs`);
        // actors become hot when they pass the store's `hotThreshold`, and stay hot.
        migrator.registerMigration("v7") { db in
            try db.execute(
                sql: """
                    CREATE TABLE hotActor (actorId INTEGER PRIMARY KEY);
                    CREATE TABLE actorPair (
                        actorId INTEGER NOT NULL, otherId INTEGER NOT NULL, docs INTEGER NOT NULL,
                        PRIMARY KEY (actorId, otherId)) WITHOUT ROWID;
                    CREATE INDEX actorPair_top ON actorPair(actorId, docs DESC, otherId);
                    """)
        }
        // v8: events by state in id order (the events pages' order): (source) and (target, source) instead of
        // (source, effDate) and (target, effDate), which made every state-filtered page sort all its events.
        migrator.registerMigration("v8") { db in
            try db.execute(
                sql: """
                    DROP INDEX event_source;
                    DROP INDEX event_target;
                    CREATE INDEX event_src ON event(source);
                    CREATE INDEX event_tgt ON event(target);
                    """)
        }
        // v9: names, roles and mentions are reached through their docActor row (docActor_actor) on the rare
        // paths that need them by actor (replacement): three indexes fewer to update at random places, ~40
        // entries per digest.
        migrator.registerMigration("v9") { db in
            try db.execute(
                sql: """
                    DROP INDEX mention_actor;
                    DROP INDEX actorName_actor;
                    DROP INDEX actorRole_actor;
                    """)
        }
        // v10: document ids are never reused (`counter.documentSeq`: the index keys sentences by document id).
        // Full-text search moves to its own file (``SearchIndex``), written in parallel from the stored digests:
        // the `sentence` table and its FTS index go (the digest keeps the sentences); the store only leaves
        // tombstones for the index when a document is deleted. Mention spans are read from the stored digest
        // too: `docActor.mentions` keeps their count, the `mention` table goes. Two of the busiest writes per
        // digest (~20 sentences, ~25 spans) are gone from the store's writer.
        migrator.registerMigration("v10") { db in
            try db.execute(
                sql: """
                    DROP TRIGGER sentence_ai;
                    DROP TRIGGER sentence_ad;
                    DROP TRIGGER count_sentences_ai;
                    DROP TRIGGER count_sentences_ad;
                    DROP TABLE sentenceFts;
                    DROP TABLE sentence;
                    UPDATE counter SET n = (SELECT COALESCE(SUM(nSentences), 0) FROM document) WHERE name = 'sentences';
                    CREATE TRIGGER count_sentences_ai AFTER INSERT ON document BEGIN
                        UPDATE counter SET n = n + new.nSentences WHERE name = 'sentences'; END;
                    CREATE TRIGGER count_sentences_ad AFTER DELETE ON document BEGIN
                        UPDATE counter SET n = n - old.nSentences WHERE name = 'sentences'; END;
                    ALTER TABLE docActor ADD COLUMN mentions INTEGER NOT NULL DEFAULT 0;
                    UPDATE docActor SET mentions = (SELECT COUNT(*) FROM mention WHERE docActorId = docActor.id);
                    DROP TABLE mention;
                    CREATE TABLE searchTombstone (seq INTEGER PRIMARY KEY, documentId INTEGER NOT NULL);
                    INSERT INTO counter VALUES ('documentSeq', (SELECT COALESCE(MAX(id), 0) FROM document));
                    """)
        }
        // v11: events between two given states (`pair`, or `source` and `target`) in id order, straight from an
        // index: with only `event_src` and `event_tgt`, a rare pair of popular states read every event of one
        // of them (seconds at 1M documents when the pages are cold).
        migrator.registerMigration("v11") { db in
            try db.execute(sql: "CREATE INDEX event_src_tgt ON event(source, target)")
        }
        // v12: one row per (state, partner) with all its per-type counts packed in `types`, so that a relations
        // page reads 100 rows instead of ~1,600 (`relationAgg` has one row per event type). Triggers on
        // `relationAgg` mark the pairs it changes in `relationDirty`; the writer repacks them at the end of
        // each batch, in the same transaction (``Aggregates/flushRelationPacks``). (Not `INSERT OR IGNORE`:
        // the upsert that fires the trigger imposes its own conflict handling on the trigger's statements.)
        // The key never changes in an UPDATE (only counts and dates do), so `new` names the pair.
        migrator.registerMigration("v12") { db in
            try db.execute(
                sql: """
                    CREATE TABLE relationPack (
                        state TEXT NOT NULL, partner TEXT NOT NULL, events INTEGER NOT NULL, firstDate TEXT, lastDate TEXT,
                        types TEXT NOT NULL, PRIMARY KEY (state, partner)) WITHOUT ROWID;
                    CREATE TABLE relationDirty (
                        state TEXT NOT NULL, partner TEXT NOT NULL, PRIMARY KEY (state, partner)) WITHOUT ROWID;
                    CREATE TRIGGER relationAgg_ai AFTER INSERT ON relationAgg BEGIN
                        INSERT INTO relationDirty SELECT new.state, new.partner WHERE NOT EXISTS (
                            SELECT 1 FROM relationDirty WHERE state = new.state AND partner = new.partner); END;
                    CREATE TRIGGER relationAgg_au AFTER UPDATE ON relationAgg BEGIN
                        INSERT INTO relationDirty SELECT new.state, new.partner WHERE NOT EXISTS (
                            SELECT 1 FROM relationDirty WHERE state = new.state AND partner = new.partner); END;
                    CREATE TRIGGER relationAgg_ad AFTER DELETE ON relationAgg BEGIN
                        INSERT INTO relationDirty SELECT old.state, old.partner WHERE NOT EXISTS (
                            SELECT 1 FROM relationDirty WHERE state = old.state AND partner = old.partner); END;
                    INSERT INTO relationDirty SELECT DISTINCT state, partner FROM relationAgg;
                    """)
            try Aggregates.flushRelationPacks(db)
        }
        // v13: the stored digest moves to its own table. Inline, it made `document` 6.5 GB at 1M documents (a
        // digest is ~13 KB), so every query that names an event's or a story's document read a cold page of
        // it; without it `document` is ~100 bytes a row and stays in memory.
        // The table is rebuilt (SQLite's "12 steps"; the migrator turns foreign keys off meanwhile and checks them
        // after): `ALTER TABLE … DROP COLUMN` shrinks rows in place and left the table as large as before, its
        // pages nearly empty (2.5 of 2.66 GB unused at 1M documents).
        migrator.registerMigration("v13") { db in
            let columns = """
                id, doc, published, title, source, contentHash, length, storedAt, nSentences, nPersons, nOrganizations,
                nCountries, nDates, nQuantities, nEvents
                """
            // Its indexes and triggers go with the old table: their SQL, to create them again.
            let extras = try String.fetchAll(
                db, sql: "SELECT sql FROM sqlite_master WHERE tbl_name = 'document' AND type IN ('index', 'trigger') AND sql IS NOT NULL")
            try db.execute(
                sql: """
                    CREATE TABLE documentBody (
                        id INTEGER PRIMARY KEY REFERENCES document(id) ON DELETE CASCADE, digest TEXT NOT NULL);
                    INSERT INTO documentBody (id, digest) SELECT id, digest FROM document ORDER BY id;
                    CREATE TABLE documentNew (
                        id INTEGER PRIMARY KEY,
                        doc TEXT NOT NULL UNIQUE,
                        published TEXT,
                        title TEXT,
                        source TEXT,
                        contentHash TEXT NOT NULL,
                        length INTEGER NOT NULL,
                        storedAt INTEGER NOT NULL,
                        nSentences INTEGER NOT NULL,
                        nPersons INTEGER NOT NULL,
                        nOrganizations INTEGER NOT NULL,
                        nCountries INTEGER NOT NULL,
                        nDates INTEGER NOT NULL,
                        nQuantities INTEGER NOT NULL,
                        nEvents INTEGER NOT NULL);
                    INSERT INTO documentNew (\(columns)) SELECT \(columns) FROM document ORDER BY id;
                    DROP TABLE document;
                    ALTER TABLE documentNew RENAME TO document;
                    """)
            for sql in extras { try db.execute(sql: sql) }
        }
        // v14: the events between two states, clustered by pair and date with everything a timeline shows
        // (``Schema/pairEventFill``). A timeline page read ~100 `event` rows scattered over the table (one per
        // document that reported the pair), each with its document and its actors: ~300 cold pages at 1M
        // documents. Here a page is a few neighbouring leaves. The writer inserts a row with each event that
        // has both states and a date; a trigger deletes it with its event.
        migrator.registerMigration("v14") { db in
            try db.execute(
                sql: """
                    CREATE TABLE pairEvent (
                        lo TEXT NOT NULL, hi TEXT NOT NULL, effDate TEXT NOT NULL, eventId INTEGER NOT NULL,
                        doc TEXT NOT NULL, type TEXT NOT NULL, mode TEXT, source TEXT NOT NULL, target TEXT NOT NULL,
                        date TEXT, confidence REAL NOT NULL, sentenceText TEXT NOT NULL, triggerText TEXT NOT NULL,
                        storyId INTEGER, triggerSentence INTEGER NOT NULL, triggerStart INTEGER NOT NULL,
                        triggerEnd INTEGER NOT NULL, actorText TEXT, recipientText TEXT, actors TEXT NOT NULL,
                        PRIMARY KEY (lo, hi, effDate, eventId)) WITHOUT ROWID;
                    CREATE TRIGGER pairEvent_ad AFTER DELETE ON event
                    WHEN old.source IS NOT NULL AND old.target IS NOT NULL AND old.effDate IS NOT NULL BEGIN
                        DELETE FROM pairEvent WHERE lo = min(old.source, old.target) AND hi = max(old.source, old.target)
                            AND effDate = old.effDate AND eventId = old.id; END;
                    INSERT INTO pairEvent \(Schema.pairEventFillV14) ORDER BY 1, 2, 3, 4;
                    """)
        }
        // v15: `actorName` and `actorRole` lose their foreign key to `actor`. Their `actorId` has no index (v10
        // dropped it: only the writer's deletes used it), so deleting an actor, which a replaced document does
        // for the persons only it named, checked the key by reading both tables: 5 ms at 10k documents, most of
        // the 0.7 s a replacement took at 1M. The key was redundant: each row belongs to a `docActor` row (that
        // key stays, with its cascade), which names the same actor and holds it while it exists.
        // Rebuilt like `document` in v13 (SQLite cannot drop a constraint in place).
        migrator.registerMigration("v15") { db in
            for table in ["actorName", "actorRole"] {
                let extras = try String.fetchAll(
                    db, sql: "SELECT sql FROM sqlite_master WHERE tbl_name = ? AND type IN ('index', 'trigger') AND sql IS NOT NULL",
                    arguments: [table])
                let columns =
                    table == "actorName"
                    ? """
                    id INTEGER PRIMARY KEY,
                    docActorId INTEGER NOT NULL REFERENCES docActor(id) ON DELETE CASCADE,
                    actorId INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    isMain INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    nameKey TEXT NOT NULL,
                    words INTEGER NOT NULL,
                    acronym1 TEXT,
                    acronym2 TEXT
                    """
                    : """
                    id INTEGER PRIMARY KEY,
                    docActorId INTEGER NOT NULL REFERENCES docActor(id) ON DELETE CASCADE,
                    actorId INTEGER NOT NULL,
                    kind TEXT NOT NULL,
                    value TEXT NOT NULL,
                    seen TEXT
                    """
                try db.execute(
                    sql: """
                        CREATE TABLE \(table)New (\(columns));
                        INSERT INTO \(table)New SELECT * FROM \(table) ORDER BY id;
                        DROP TABLE \(table);
                        ALTER TABLE \(table)New RENAME TO \(table);
                        """)
                for sql in extras { try db.execute(sql: sql) }
            }
        }
        // v16: the longest story in days, which bounds the search for the story an event joins from below. A
        // story only grows when an event joins it (the writer raises the counter then); a replaced document
        // can only shrink stories, so the counter stays an upper bound. (At 1M synthetic documents: 26 days,
        // against 11 years of stories of a popular pair that the search read before.)
        migrator.registerMigration("v16", foreignKeyChecks: .immediate) { db in
            try db.execute(
                sql: "INSERT INTO counter (name, n) VALUES ('storySpan', (SELECT COALESCE(MAX(lastDay - firstDay), 0) FROM story))")
        }
        // v17: each actor's latest 20 events, clustered by actor, with what a profile shows of them (document,
        // actor ids, sentence…): a profile read them as 20 events scattered over the event table, their
        // documents and their actor lists (~60 cold rows at 1M documents). The writer adds an event to the
        // copies of its actors when it is among their latest 20 and trims the 21st; when a replaced document
        // takes one of those events away, a trigger marks the actor and the writer refills its 20 from the
        // events before the batch commits (``Aggregates/flushActorRecent``).
        migrator.registerMigration("v17", foreignKeyChecks: .immediate) { db in
            try db.execute(
                sql: """
                    CREATE TABLE actorRecent (
                        actorId INTEGER NOT NULL, effKey TEXT NOT NULL, eventId INTEGER NOT NULL,
                        doc TEXT NOT NULL, type TEXT NOT NULL, mode TEXT, source TEXT, target TEXT, date TEXT,
                        confidence REAL NOT NULL, sentenceText TEXT NOT NULL, triggerText TEXT NOT NULL, storyId INTEGER,
                        triggerSentence INTEGER NOT NULL, triggerStart INTEGER NOT NULL, triggerEnd INTEGER NOT NULL,
                        actorText TEXT, recipientText TEXT, effDate TEXT, actors TEXT NOT NULL,
                        PRIMARY KEY (actorId, effKey, eventId)) WITHOUT ROWID;
                    CREATE TABLE actorRecentDirty (actorId INTEGER PRIMARY KEY);
                    CREATE TRIGGER actorRecent_ead AFTER DELETE ON eventActor BEGIN
                        INSERT INTO actorRecentDirty SELECT old.actorId
                        WHERE EXISTS (SELECT 1 FROM actorRecent
                                      WHERE actorId = old.actorId AND effKey = old.effKey AND eventId = old.eventId)
                          AND NOT EXISTS (SELECT 1 FROM actorRecentDirty WHERE actorId = old.actorId);
                        DELETE FROM actorRecent WHERE actorId = old.actorId AND effKey = old.effKey AND eventId = old.eventId;
                    END;
                    INSERT INTO actorRecentDirty SELECT id FROM actor ORDER BY id;
                    """)
            try Aggregates.flushActorRecent(db, [.recentV17])
        }
        // v18: likewise the merge notes a profile shows (its first 20 document mentions: name, rule, evidence),
        // which it read as 20 `docActor` rows scattered over the table. Kept like `actorRecent` (same dirty
        // marks, refilled by ``Aggregates/flushActorRecent``); `documentId` lets the trigger find a deleted
        // mention among the actor's 20.
        migrator.registerMigration("v18", foreignKeyChecks: .immediate) { db in
            try db.execute(
                sql: """
                    CREATE TABLE actorMerge (
                        actorId INTEGER NOT NULL, pubKey TEXT NOT NULL, doc TEXT NOT NULL, ordinal INTEGER NOT NULL,
                        documentId INTEGER NOT NULL, name TEXT NOT NULL, rule TEXT NOT NULL, evidence TEXT NOT NULL,
                        PRIMARY KEY (actorId, pubKey, doc, ordinal)) WITHOUT ROWID;
                    CREATE TRIGGER actorMerge_dad AFTER DELETE ON docActor BEGIN
                        INSERT INTO actorRecentDirty SELECT old.actorId
                        WHERE EXISTS (SELECT 1 FROM actorMerge WHERE actorId = old.actorId AND documentId = old.documentId)
                          AND NOT EXISTS (SELECT 1 FROM actorRecentDirty WHERE actorId = old.actorId);
                        DELETE FROM actorMerge WHERE actorId = old.actorId AND documentId = old.documentId;
                    END;
                    INSERT INTO actorRecentDirty SELECT id FROM actor ORDER BY id;
                    """)
            try Aggregates.flushActorRecent(db, [.mergeV18])
        }
        // (v19 and v20 only rebuild an index: `.immediate` spares them GRDB's default check of every foreign key of
        // the store after the migration, `PRAGMA foreign_key_check`, 2 min 52 s at 1M documents.)
        //
        // v19: the document index of `docActor` also holds the actor, so the actors a document names are read
        // from the index alone. A profile of an actor below the hot threshold counts whom it met over its
        // documents' mentions (``Schema/coMentionCounts``, as does a promotion to hot); it read each mention's
        // row from the table (~100 scattered rows, with their evidence text, for an average actor at 1M
        // documents). The CPU is the same when every page is cached; what it saves is holding (or reading) those
        // table pages: at 1M, 16 profile clients, four interleaved pairs: p99 7.5–8.6 → 5.1–6.0 ms. Documents are
        // stored in id order, so the index still grows at its right edge.
        migrator.registerMigration("v19", foreignKeyChecks: .immediate) { db in
            try db.execute(
                sql: """
                    DROP INDEX docActor_document;
                    CREATE INDEX docActor_document ON docActor(documentId, kind, actorId);
                    """)
        }
        // v20: `actorPair_top` keeps only the pairs shared in two documents or more. 71% of the pairs at 1M
        // documents are shared once; each new one was an insert at a random place of its actor's range of the
        // index, and its second document moved it: this index was 17% of the pages a batch wrote to the WAL
        // at 1M, the largest share of any B-tree. Adding to the 1M store, two interleaved pairs: 70–73 → 82–88
        // digests/s, 1,278–1,293 → 1,114–1,150 KiB written per digest. (A profile reads the partners shared
        // once from the primary key, ``QueryEngine/metHotOnceSQL``, when the others are fewer than its limit.)
        migrator.registerMigration("v20", foreignKeyChecks: .immediate) { db in
            try db.execute(
                sql: """
                    DROP INDEX actorPair_top;
                    CREATE INDEX actorPair_top ON actorPair(actorId, docs DESC, otherId) WHERE docs >= 2;
                    """)
        }
        // v21: the address a document was read from (`url` of the push, optional), beside its title and source,
        // for the document list and the exports. Adding a nullable column rewrites no row; documents stored
        // before have none.
        migrator.registerMigration("v21", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: "ALTER TABLE document ADD COLUMN url TEXT")
        }
        // v22: an event's sentence is stored once, in `sentence`, and referenced by the event and its copies
        // (`pairEvent`, `actorRecent`: `documentId`, `sentence`) instead of copied into each of them. One sentence
        // naming 30 states and a meeting gives 435 events: its text was stored 435 times in `event`, 435 in
        // `pairEvent` and up to 20 per state in `actorRecent`. Only the sentences some event cites are kept (the
        // search index and the stored digest have all of them).
        // The row id is the search index's, `documentId << 16 | index` (``SearchIndex/rowid(document:sentence:)``;
        // indices past 16 bits are refused before they are stored): measured against a table without rowid keyed
        // by (documentId, idx), 11% fewer bytes, no overflow page below ~4 KB of text (~1 KB there), and a lookup
        // by row id. A document's sentences go with it (trigger: a range of row ids).
        // `event`, `pairEvent` and `actorRecent` are rebuilt without their text column, like `document` in v13.
        migrator.registerMigration("v22") { db in
            // Indexes and triggers of `event` go with it (`pairEvent_ad` among them); v17's trigger on
            // `eventActor` names `actorRecent`, and goes before its table does (a trigger naming a missing table
            // stops a rename). All are made again at the end.
            let extras = try String.fetchAll(
                db,
                sql: """
                    SELECT sql FROM sqlite_master WHERE tbl_name = 'event' AND type IN ('index', 'trigger') AND sql IS NOT NULL
                    UNION ALL SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'actorRecent_ead'
                    """)
            try db.execute(sql: "DROP TRIGGER actorRecent_ead")
            let eventColumns = """
                id, documentId, ordinal, type, mode, context, source, target, date, effDate, day, actorText,
                recipientText, sentence, triggerSentence, triggerStart, triggerEnd, triggerText, confidence, storyId
                """
            try db.execute(
                sql: """
                    CREATE TABLE sentence (id INTEGER PRIMARY KEY, text TEXT NOT NULL);
                    CREATE TRIGGER sentence_dad AFTER DELETE ON document BEGIN
                        DELETE FROM sentence WHERE id BETWEEN (old.id << 16) AND (old.id << 16) + 65535; END;
                    INSERT INTO sentence (id, text)
                    SELECT (documentId << 16) + sentence, MAX(sentenceText) FROM event
                    WHERE sentenceText != '' AND sentence BETWEEN 0 AND 65535
                    GROUP BY documentId, sentence ORDER BY documentId, sentence;

                    CREATE TABLE pairEventNew (
                        lo TEXT NOT NULL, hi TEXT NOT NULL, effDate TEXT NOT NULL, eventId INTEGER NOT NULL,
                        doc TEXT NOT NULL, type TEXT NOT NULL, mode TEXT, source TEXT NOT NULL, target TEXT NOT NULL,
                        date TEXT, confidence REAL NOT NULL, documentId INTEGER NOT NULL, sentence INTEGER NOT NULL,
                        triggerText TEXT NOT NULL, storyId INTEGER, triggerSentence INTEGER NOT NULL,
                        triggerStart INTEGER NOT NULL, triggerEnd INTEGER NOT NULL, actorText TEXT, recipientText TEXT,
                        actors TEXT NOT NULL,
                        PRIMARY KEY (lo, hi, effDate, eventId)) WITHOUT ROWID;
                    INSERT INTO pairEventNew
                    SELECT p.lo, p.hi, p.effDate, p.eventId, p.doc, p.type, p.mode, p.source, p.target, p.date,
                           p.confidence, e.documentId, e.sentence, p.triggerText, p.storyId, p.triggerSentence,
                           p.triggerStart, p.triggerEnd, p.actorText, p.recipientText, p.actors
                    FROM pairEvent p JOIN event e ON e.id = p.eventId ORDER BY p.lo, p.hi, p.effDate, p.eventId;
                    DROP TABLE pairEvent;

                    CREATE TABLE actorRecentNew (
                        actorId INTEGER NOT NULL, effKey TEXT NOT NULL, eventId INTEGER NOT NULL,
                        doc TEXT NOT NULL, type TEXT NOT NULL, mode TEXT, source TEXT, target TEXT, date TEXT,
                        confidence REAL NOT NULL, documentId INTEGER NOT NULL, sentence INTEGER NOT NULL,
                        triggerText TEXT NOT NULL, storyId INTEGER, triggerSentence INTEGER NOT NULL,
                        triggerStart INTEGER NOT NULL, triggerEnd INTEGER NOT NULL, actorText TEXT, recipientText TEXT,
                        effDate TEXT, actors TEXT NOT NULL,
                        PRIMARY KEY (actorId, effKey, eventId)) WITHOUT ROWID;
                    INSERT INTO actorRecentNew
                    SELECT r.actorId, r.effKey, r.eventId, r.doc, r.type, r.mode, r.source, r.target, r.date,
                           r.confidence, e.documentId, e.sentence, r.triggerText, r.storyId, r.triggerSentence,
                           r.triggerStart, r.triggerEnd, r.actorText, r.recipientText, r.effDate, r.actors
                    FROM actorRecent r JOIN event e ON e.id = r.eventId ORDER BY r.actorId, r.effKey, r.eventId;
                    DROP TABLE actorRecent;

                    CREATE TABLE eventNew (
                        id INTEGER PRIMARY KEY,
                        documentId INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE,
                        ordinal INTEGER NOT NULL,
                        type TEXT NOT NULL,
                        mode TEXT,
                        context TEXT NOT NULL,
                        source TEXT,
                        target TEXT,
                        date TEXT,
                        effDate TEXT,
                        day INTEGER,
                        actorText TEXT,
                        recipientText TEXT,
                        sentence INTEGER NOT NULL,
                        triggerSentence INTEGER NOT NULL,
                        triggerStart INTEGER NOT NULL,
                        triggerEnd INTEGER NOT NULL,
                        triggerText TEXT NOT NULL,
                        confidence REAL NOT NULL,
                        storyId INTEGER REFERENCES story(id));
                    INSERT INTO eventNew (\(eventColumns)) SELECT \(eventColumns) FROM event ORDER BY id;
                    DROP TABLE event;
                    ALTER TABLE eventNew RENAME TO event;
                    ALTER TABLE pairEventNew RENAME TO pairEvent;
                    ALTER TABLE actorRecentNew RENAME TO actorRecent;
                    """)
            for sql in extras { try db.execute(sql: sql) }
        }
        // v23:  what the incremental PLOVER export needs of replaced documents
        // (``ExportChanges``): the events a new version kept unchanged, with the sequence (document id) and
        // coding time they had, and the ids of the events a replacement removed. Documents replaced before
        // this migration have no rows: their unchanged events count as changed at the new version.
        migrator.registerMigration("v23", foreignKeyChecks: .immediate) { db in
            try db.execute(
                sql: """
                    CREATE TABLE exportCarry (
                        documentId INTEGER NOT NULL REFERENCES document(id) ON DELETE CASCADE, ordinal INTEGER NOT NULL,
                        seq INTEGER NOT NULL, codedAt INTEGER NOT NULL,
                        PRIMARY KEY (documentId, ordinal)) WITHOUT ROWID;
                    CREATE TABLE exportRemoved (
                        seq INTEGER NOT NULL, id TEXT NOT NULL, doc TEXT NOT NULL,
                        PRIMARY KEY (seq, id)) WITHOUT ROWID;
                    """)
        }
        // v24: the participants of each event (the digest's `actors` and `recipients`: persons, organizations,
        // states), each linked to the actor it resolves to in its document: the person or organization of the
        // document with that name, the state by its code. A profile lists the events an actor took part in with
        // its counterparts, and whom it met; `meetings` lists who of each state took part. The rows go with their
        // event (cascade), so a replaced document takes them with it. Persons and organizations that take part
        // are also linked in `eventActor` (role `actor` or `recipient`), like those named in the actor words.
        // Stores of earlier releases are filled from their stored digests (``backfillParticipants``).
        migrator.registerMigration("v24", foreignKeyChecks: .immediate) { db in
            try db.execute(
                sql: """
                    CREATE TABLE eventParticipant (
                        eventId INTEGER NOT NULL REFERENCES event(id) ON DELETE CASCADE,
                        role TEXT NOT NULL, ordinal INTEGER NOT NULL,
                        kind TEXT NOT NULL, name TEXT NOT NULL, country TEXT, sector TEXT, actorId INTEGER,
                        effKey TEXT NOT NULL,
                        PRIMARY KEY (eventId, role, ordinal)) WITHOUT ROWID;
                    CREATE INDEX eventParticipant_actor ON eventParticipant(actorId, effKey, eventId) WHERE actorId IS NOT NULL;
                    """)
            try Self.backfillParticipants(db)
        }
        // v25: the knowledge base is derived from the append log (``AppendLog``, a file of its own); this is
        // how far: the last seq applied, written in the same transaction as what it derived. A store of an
        // earlier release (documents, no log) is seeded into the log when it opens, and this set to the last
        // seq seeded (``SQLiteAggregationStore``).
        migrator.registerMigration("v25") { db in
            try db.execute(
                sql: """
                    CREATE TABLE derivation (one INTEGER PRIMARY KEY CHECK (one = 1), derivedThrough INTEGER NOT NULL);
                    INSERT INTO derivation VALUES (1, 0);
                    """)
        }
        // v26: a person's or organization's state is decided one way: the state its `docActor` rows give most often
        // (ties: the first code), none when no row gives one. Before, ingest kept the first state seen and a recount
        // after a replacement took the most frequent, so the same documents could leave different states depending
        // on the order they came in and what was replaced. `actorCountry` counts the rows giving each state per
        // actor (kept by the deriver: added on ingest, taken away when a version is replaced, before the new one is
        // resolved); states' own rows are not counted (a state actor's state is its code).
        migrator.registerMigration("v26", foreignKeyChecks: .immediate) { db in
            try db.execute(
                sql: """
                    CREATE TABLE actorCountry (
                        actorId INTEGER NOT NULL, country TEXT NOT NULL, refs INTEGER NOT NULL,
                        PRIMARY KEY (actorId, country)) WITHOUT ROWID;
                    INSERT INTO actorCountry (actorId, country, refs)
                    SELECT actorId, country, COUNT(*) FROM docActor WHERE kind != 'state' AND country IS NOT NULL
                    GROUP BY actorId, country ORDER BY actorId, country;
                    UPDATE actor SET country = (\(Ingest.mostFrequentCountry.replacingOccurrences(of: "?1", with: "actor.id")))
                    WHERE kind != 'state';
                    """)
        }
        // v27: a document's digest is no longer stored twice (`documentBody`, 44% of the database, held the very
        // text of the log entry it was derived from): the document row holds that entry's seq (`logSeq`) and readers
        // read the digest from the log, which the store's connections attach as `applog`. Each document's entry is
        // the last one, up to `derivedThrough`, of its id and content hash whose text is the stored digest (a store
        // made before the log was seeded into it before this runs). A document whose digest the log does not hold
        // stops the migration (the store stays at v26, nothing dropped).
        migrator.registerMigration("v27") { db in
            try db.execute(sql: "ALTER TABLE document ADD COLUMN logSeq INTEGER NOT NULL DEFAULT 0")
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM document)") == true {
                guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM pragma_database_list WHERE name = 'applog')") == true
                else { throw DatabaseError(message: "v27 reads the append log: attach it as applog") }
                try db.execute(
                    sql: """
                        UPDATE document SET logSeq = COALESCE((
                            SELECT MAX(e.seq) FROM applog.entry e JOIN documentBody b ON b.id = document.id
                            WHERE e.doc = document.doc AND e.contentHash = document.contentHash AND e.body = b.digest
                                AND e.seq <= (SELECT derivedThrough FROM derivation)), 0)
                        """)
                let missing = try String.fetchAll(db, sql: "SELECT doc FROM document WHERE logSeq = 0 ORDER BY id LIMIT 5")
                if !missing.isEmpty {
                    let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM document WHERE logSeq = 0") ?? 0
                    throw DatabaseError(
                        message: "v27: the append log does not hold the stored digest of \(count) document(s) (\(missing.joined(separator: ", ")))"
                            + ": the log was lost or replaced; restore it, or move the store aside to rebuild")
                }
            }
            try db.execute(sql: "DROP TABLE documentBody")
        }
        // v28: the merge notes' copy (v18) goes. It held each of an actor's first 20 mentions with its name, rule
        // and evidence sentence: as many bytes per document as `docActor` itself (2.7 KB at the e2e corpus), kept
        // up by every batch (reads of the kept keys, inserts, trims, refills). A profile reads the mentions
        // themselves (`actorDoc` in order, then `docActor_actor`), as it always did past 20 notes: at the e2e
        // corpus 21 µs a profile against 13 µs from the copy, the same rows.
        migrator.registerMigration("v28", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: "DROP TRIGGER actorMerge_dad; DROP TABLE actorMerge")
        }
        // v29: `event_date` (v1, `event(effDate)`) goes: no statement the store runs is planned with it. The events
        // pages walk `event` in id order (by row id, or by `event_type`, `event_src`, `event_tgt`, `event_src_tgt`,
        // whose entries of one key are in id order), dates are filtered on the way, and the writer's date ranges
        // use `event_pair`. It was one more B-tree to update at a random place per event (~6 events a document).
        // `event_src` stays although it is a prefix of `event_src_tgt`: a page of one state's events reads it in
        // id order, where the longer index would sort all of that state's events first (0.03 -> 148 ms at 20,000
        // documents).
        migrator.registerMigration("v29") { db in
            try db.execute(sql: "DROP INDEX event_date")
        }
        // v30: a person's ranks and roles are kept in its `docActor` row instead of a row each in `actorRole` (v1): the
        // rank was already there (`rank`), the roles go in `roles` (a JSON array, ``rolesText(_:)``), and the date
        // each role row held is its document's publication date. No query read `actorRole`: profiles and actor lists
        // read `actorRoleAgg`, and only the writer read the role rows, to recount an actor's roles when a replaced
        // document held a first, last or latest date (``roleRows(_:)``). At the e2e corpus it was 29.5 inserts and
        // 1,921 bytes per document (table and index). The latest row of each `actorRoleAgg` entry (`topId`, which only
        // breaks ties between rows of the latest date) is numbered as ``roleRows(_:)`` numbers the rows, in the order
        // of the `actorRole` ids it replaces.
        migrator.registerMigration("v30", foreignKeyChecks: .immediate) { db in
            try db.execute(sql: "ALTER TABLE docActor ADD COLUMN roles TEXT")
            var roles: [Int64: [String]] = [:]
            for r in try Row.fetchAll(db, sql: "SELECT docActorId, value FROM actorRole WHERE kind = 'role' ORDER BY id") {
                roles[r[0], default: []].append(r[1])
            }
            let set = try db.makeStatement(sql: "UPDATE docActor SET roles = ? WHERE id = ?")
            for (id, values) in roles.sorted(by: { $0.key < $1.key }) { try set.execute(arguments: [Self.rolesText(values), id]) }
            try db.execute(
                sql: """
                    UPDATE actorRoleAgg SET topId = COALESCE((
                        SELECT (r.docActorId << 16) + CASE r.kind WHEN 'rank' THEN 0 ELSE min(65535, (
                            SELECT COUNT(*) FROM actorRole q WHERE q.docActorId = r.docActorId AND q.kind = 'role'
                              AND q.value != '' AND q.id <= r.id)) END
                        FROM actorRole r WHERE r.id = actorRoleAgg.topId), 0);
                    DROP TABLE actorRole;
                    """)
        }
        // v31: a name's forms are kept in its `docActor` row instead of a row each in `actorName` (v1), as v30 did with
        // roles: the row's name (always its first form) gets its key (`formKey`, NULL when the name has none and so is
        // no form) and acronyms (`acronyms`), its other forms go in `aliases` (JSON, ``aliasesText(_:)``); a form's words
        // are counted from its key, and the main name is the row's name for a person or organization. No query read
        // `actorName`: resolution reads `nameKey`, `nameWord` and `nameAcronym`, and only the writer read the name rows, to
        // rebuild an actor's names and forms, subtract a replaced document's and pick the display name
        // (``nameRows(_:)``). At the e2e corpus it was 19.6 inserts and ~1,280 bytes per document (table and index).
        // The first name of each entry of the three lookup tables (`firstNameId`, which orders an entry's candidates and
        // keeps its matched text) is numbered as ``nameRows(_:)`` numbers the rows, in the order of the ids it replaces.
        migrator.registerMigration("v31", foreignKeyChecks: .immediate) { db in
            try db.execute(
                sql: """
                    ALTER TABLE docActor ADD COLUMN formKey TEXT;
                    ALTER TABLE docActor ADD COLUMN acronyms TEXT;
                    ALTER TABLE docActor ADD COLUMN aliases TEXT;
                    CREATE TEMP TABLE nameIds (old INTEGER PRIMARY KEY, new INTEGER NOT NULL);
                    """)
            let set = try db.makeStatement(sql: "UPDATE docActor SET formKey = ?, acronyms = ?, aliases = ? WHERE id = ?")
            let map = try db.makeStatement(sql: "INSERT INTO nameIds (old, new) VALUES (?, ?)")
            var current: Int64?
            var main: (key: String, acronyms: [String])?
            var aliases: [(name: String, key: String, acronyms: [String])] = []
            func flush() throws {
                guard let id = current, main != nil || !aliases.isEmpty else { return }
                try set.execute(arguments: [main?.key, main.flatMap { Self.acronymsText($0.acronyms) }, Self.aliasesText(aliases), id])
            }
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT n.id, n.docActorId, n.name, n.nameKey, n.acronym1, n.acronym2, da.name
                    FROM actorName n JOIN docActor da ON da.id = n.docActorId ORDER BY n.docActorId, n.id
                    """)
            while let r = try rows.next() {
                let (old, docActorId, name, key): (Int64, Int64, String, String) = (r[0], r[1], r[2], r[3])
                let acronyms = [r[4], r[5]].compactMap { $0 as String? }
                if docActorId != current {
                    try flush()
                    (current, main, aliases) = (docActorId, nil, [])
                    // The row's name is its first form when it has a key (the writer names it first).
                    if name == (r[6] as String) {
                        main = (key, acronyms)
                        try map.execute(arguments: [old, Self.partRowId(docActorId, index: nil)])
                        continue
                    }
                }
                try map.execute(arguments: [old, Self.partRowId(docActorId, index: aliases.count)])
                aliases.append((name, key, acronyms))
            }
            try flush()
            for table in ["nameKey", "nameWord", "nameAcronym"] {
                try db.execute(
                    sql: "UPDATE \(table) SET firstNameId = COALESCE((SELECT new FROM nameIds WHERE old = firstNameId), firstNameId)")
            }
            try db.execute(sql: "DROP TABLE nameIds; DROP TABLE actorName")
        }
        // v32: a `docActor` row keeps the values of its resolution's explanation instead of the sentence (`evidence`,
        // renamed `evidenceArgs`): "" when the sentence is the row's rule's with every value the row implies (its name,
        // key, actor, state, forms), else a short JSON array of the template and the other values (``Evidence``). The
        // merge notes compose the sentence where they print it, byte for byte the one stored until now. At the e2e
        // corpus the sentences were ~1,460 bytes a document, nearly all of it implied. Each stored sentence is read back
        // into the template that writes it (``Evidence/init(parsing:_:)``), or kept whole (``Evidence/Template/text``).
        migrator.registerMigration("v32") { db in
            try db.execute(sql: "ALTER TABLE docActor RENAME COLUMN evidence TO evidenceArgs")
            let set = try db.makeStatement(sql: "UPDATE docActor SET evidenceArgs = ? WHERE id = ?")
            let read = try db.makeStatement(
                sql: """
                    SELECT id, kind, rule, name, country, actorId, formKey, aliases, evidenceArgs FROM docActor
                    WHERE id > ? ORDER BY id LIMIT 10000
                    """)
            var last: Int64 = 0
            // In slices by id, each read before it is written.
            while case let rows = try Row.fetchAll(read, arguments: [last]), let end = rows.last {
                for r in rows {
                    let row = Evidence.Row(
                        kind: r[1], rule: r[2], name: r[3], country: r[4], actorId: r[5], formKey: r[6], aliases: r[7])
                    let sentence: String = r[8]
                    try set.execute(arguments: [Evidence(parsing: sentence, row).stored(row), r[0] as Int64])
                }
                last = end[0]
            }
        }
        // v33: only hot actors (`hotActor`, v7: at least the hot threshold's documents) keep their ranks and roles
        // aggregated in `actorRoleAgg`; another's are grouped from its `docActor` rows (``roleRows(_:)``) when a profile or
        // an actor list asks, as its "met most" already is (a few documents' rows). Real news names most persons in a
        // document or a few, each with roles of its own wording: at the e2e corpus the table held a row per (person, role)
        // for 1,844 bytes and 28.6 upserts a document, none of them of a hot actor. A promotion to hot aggregates the
        // actor's rows at once (``Aggregates/insertRoleAggregates(_:roleRows:arguments:)``).
        migrator.registerMigration("v33") { db in
            try db.execute(sql: "DELETE FROM actorRoleAgg WHERE actorId NOT IN (SELECT actorId FROM hotActor)")
        }
        return migrator
    }

    /// The participants of one stored digest's events, as the digest holds them (v24's fill).
    private struct StoredEvents: Decodable {
        struct E: Decodable {
            var actors: [Participant]?
            var recipients: [Participant]?
        }
        var events: [E]
    }

    /// v24 on a store of an earlier release: each stored document's participants, from its stored digest, linked as
    /// the writer links them (``Ingest``); the persons and organizations among them also in `eventActor`, and the
    /// copies of the events that gain actors are refreshed (`pairEvent`'s actor lists, the actors' `actorRecent`).
    static func backfillParticipants(_ db: Database) throws {
        let docs = try Int64.fetchAll(db, sql: "SELECT id FROM document ORDER BY id")
        let decoder = JSONDecoder()
        var linked = Set<Int64>()
        var gained = Set<Int64>()
        for documentId in docs {
            guard let json = try String.fetchOne(db, sql: "SELECT digest FROM documentBody WHERE id = ?", arguments: [documentId]),
                let stored = try? decoder.decode(StoredEvents.self, from: Data(json.utf8))
            else { continue }
            var names: [String: Int64] = [:]
            for r in try Row.fetchAll(
                db, sql: "SELECT kind, name, actorId FROM docActor WHERE documentId = ? ORDER BY ordinal", arguments: [documentId])
            {
                let key = (r[0] as String) + "\u{1}" + (r[1] as String)
                if names[key] == nil { names[key] = r[2] }
            }
            let events = try Row.fetchAll(
                db, sql: "SELECT id, ordinal, COALESCE(effDate, '') FROM event WHERE documentId = ?", arguments: [documentId])
            for e in events {
                let (eventId, ordinal, effKey): (Int64, Int, String) = (e[0], e[1], e[2])
                guard ordinal >= 0, ordinal < stored.events.count else { continue }
                let ev = stored.events[ordinal]
                for (role, list) in [("actor", ev.actors ?? []), ("recipient", ev.recipients ?? [])] {
                    for (i, p) in list.enumerated() {
                        let actorId: Int64?
                        if p.kind == .state {
                            actorId = try p.country.flatMap {
                                try Int64.fetchOne(
                                    db, sql: "SELECT id FROM actor WHERE kind = 'state' AND nameKey = ? ORDER BY id LIMIT 1",
                                    arguments: [$0.lowercased()])
                            }
                        } else {
                            actorId = names[p.kind.rawValue + "\u{1}" + p.name]
                        }
                        try db.execute(
                            sql: """
                                INSERT OR IGNORE INTO eventParticipant (eventId, role, ordinal, kind, name, country, sector, actorId, effKey)
                                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                                """,
                            arguments: [eventId, role, i, p.kind.rawValue, p.name, p.country?.uppercased(), p.sector, actorId, effKey])
                        guard let actorId, p.kind != .state else { continue }
                        try db.execute(
                            sql: "INSERT OR IGNORE INTO eventActor (eventId, actorId, role, effKey) VALUES (?, ?, ?, ?)",
                            arguments: [eventId, actorId, role, effKey])
                        if db.changesCount > 0 {
                            linked.insert(actorId)
                            gained.insert(eventId)
                        }
                    }
                }
            }
        }
        for eventId in gained.sorted() {
            try db.execute(
                sql: """
                    UPDATE pairEvent SET actors = (SELECT \(copiedActors.replacingOccurrences(of: "e.id", with: "pairEvent.eventId")))
                    WHERE eventId = ?
                    """, arguments: [eventId])
            try db.execute(
                sql: """
                    INSERT OR IGNORE INTO actorRecentDirty SELECT DISTINCT actorId FROM eventActor WHERE eventId = ?
                    """, arguments: [eventId])
        }
        for actorId in linked.sorted() {
            try db.execute(sql: "INSERT OR IGNORE INTO actorRecentDirty (actorId) VALUES (?)", arguments: [actorId])
        }
        try Aggregates.flushActorRecent(db, [.recent])
    }
}
