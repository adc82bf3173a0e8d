import AttacheContracts

/// Who took part in each event: the persons and organizations of its sentence that belong to the acting
/// state (`source`) or the receiving one (`target`), else the state itself.
///
/// Rules, per event (its sentence and trigger words):
/// - a person or organization of the sentence whose state is the source is an actor, one of the target a
///   recipient (when source and target are the same state: before the trigger an actor, after it a recipient);
/// - mentions in the trigger's clause are preferred: when a side has any there, the rest of the sentence is
///   not read for that side;
/// - each person counts once (the mention nearest the trigger), and an organization named inside the
///   role of a person taken ("Chief of the General Staff of the … Army") is that person's, not another
///   participant;
/// - with no source, an international body (no state) named before the trigger in its clause, not after a
///   preposition, is the actor (the grammatical subject: "ASEAN called on …");
/// - a side with a state but nobody of it in the sentence gets a `state` participant: its readable short name,
///   the code as `country`, no sector; its mention is the country word nearest the trigger in the sentence,
///   else the trigger.
///
/// Pure, and light: a few small arrays per event (documents have few persons and organizations).
extension Analysis {
    /// A mention of a person or an organization.
    private struct Mention {
        var kind: Participant.Kind
        var index: Int
        var first: Int
        var end: Int
    }

    /// A candidate in the event's sentence.
    private struct Candidate {
        var kind: Participant.Kind
        /// Index into `persons` or `orgs`.
        var index: Int
        var first: Int
        var end: Int
        var country: String?
        var inClause: Bool
        var distance: Int
    }

    static let clauseBreaks: Set<String> = [";", ":", "but", "while", "whereas", "although", "though", "meanwhile"]
    static let subjectBlockers: Set<String> = [
        "in", "at", "on", "of", "to", "from", "with", "by", "for", "during", "under", "within", "into", "between",
        "among", "including", "via",
    ]

    static let affiliationLinks: Set<String> = ["of", "the", "from", ",", "'s"]

    /// The organization at `oa..<ob` is the affiliation of the person named at `pa..<pb`: "Colonel X of the Y",
    /// "Y's X", "Y Colonel X" — only linking words, ranks and titles between them, four words at most.
    func affiliated(person pa: Int, _ pb: Int, org oa: Int, _ ob: Int) -> Bool {
        let from: Int
        let to: Int
        if ob <= pa {
            (from, to) = (ob, pa)
        } else if pb <= oa {
            (from, to) = (pb, oa)
        } else {
            return false
        }
        if to - from > 4 { return false }
        for k in from..<to where !Analysis.affiliationLinks.contains(keys[k]) && !hasKind(k, .rank) && !hasKind(k, .title) {
            return false
        }
        return true
    }

    /// Token `i` ends a clause: ";", ":", or a word of ``clauseBreaks``. The words are told by their last byte and
    /// length first ("but" 3, "while" 5, "meanwhile" 9, "whereas" 7, "though" 6, "although" 8): the set is looked up
    /// only for a key of one of those shapes. (ASCII words: a key equal to one of them has its bytes.)
    @inline(__always) static func isClauseBreak(_ t: UnsafeBufferPointer<Token>, _ keys: UnsafeBufferPointer<String>, _ i: Int) -> Bool {
        let p = t[i].p
        if p != 0 { return p == UInt8(ascii: ";") || p == UInt8(ascii: ":") }
        let n: Int
        switch t[i].last {
        case UInt8(ascii: "t"): n = 3
        case UInt8(ascii: "e"): n = keys[i].utf8.count == 9 ? 9 : 5
        case UInt8(ascii: "s"): n = 7
        case UInt8(ascii: "h"): n = keys[i].utf8.count == 8 ? 8 : 6
        default: return false
        }
        return keys[i].utf8.count == n && Analysis.clauseBreaks.contains(keys[i])
    }

    /// Token range of the trigger's clause: from the last clause break before `first` to the next one after `end`.
    /// (Tokens and keys read in place: a scan of the sentence per event.)
    func clauseRange(sentence si: Int, first: Int, end: Int) -> Range<Int> {
        let r = sentenceRange(si)
        return tokens.withUnsafeBufferPointer { t in
            keys.withUnsafeBufferPointer { k in
                var a = first
                while a > r.lowerBound && !Analysis.isClauseBreak(t, k, a - 1) { a -= 1 }
                var b = max(end, first)
                while b < r.upperBound && !Analysis.isClauseBreak(t, k, b) { b += 1 }
                return a..<b
            }
        }
    }

    /// Token range of `span` (scalar offsets) within sentence `si`; nil when no token lies in it.
    func tokenRange(of span: Span, sentence si: Int) -> Range<Int>? {
        guard si >= 0 && si < sentences.count else { return nil }
        var first = -1
        var end = -1
        for t in sentenceRange(si) {
            if tokens[t].start >= span.start && tokens[t].end <= span.end {
                if first < 0 { first = t }
                end = t + 1
            } else if tokens[t].start >= span.end {
                break
            }
        }
        return first < 0 ? nil : first..<end
    }

    /// Sets `actors` and `recipients` of each event. `persons` and `organizations` are the digest's lists, in the
    /// order of ``persons`` and ``orgs`` (``personDigest()``, ``orgDigest()``).
    func attachParticipants(_ events: inout [Event], persons dp: [Person], organizations dorg: [Organization]) {
        guard !events.isEmpty, dp.count == persons.count, dorg.count == orgs.count else { return }
        // the mentions of each sentence, persons' first (read in place: no copies of the builds), in one flat list
        // grouped by sentence with a stable counting sort: `flat[first[si]..<first[si + 1]]` are sentence si's
        var all = [Mention]()
        var n = 0
        for pi in persons.indices { n += persons[pi].mentions.count }
        for oi in orgs.indices { n += orgs[oi].mentions.count }
        all.reserveCapacity(n)
        for pi in persons.indices {
            for (a, b) in persons[pi].mentions { all.append(Mention(kind: .person, index: pi, first: a, end: b)) }
        }
        for oi in orgs.indices {
            for (a, b) in orgs[oi].mentions { all.append(Mention(kind: .organization, index: oi, first: a, end: b)) }
        }
        var first = [Int](repeating: 0, count: sentences.count + 1)
        for m in all { first[tokens[m.first].sentence + 1] += 1 }
        for si in 0..<sentences.count { first[si + 1] += first[si] }
        var next = first
        let flat = [Mention](unsafeUninitializedCapacity: all.count) { buf, count in
            for m in all {
                let si = tokens[m.first].sentence
                (buf.baseAddress! + next[si]).initialize(to: m)
                next[si] += 1
            }
            count = all.count
        }
        for i in events.indices {
            let si = events[i].sentence
            guard si >= 0 && si < sentences.count, let trigger = tokenRange(of: events[i].trigger, sentence: si) else { continue }
            let (actors, recipients) = participants(
                sentence: si, trigger: trigger, triggerSpan: events[i].trigger, source: events[i].source,
                target: events[i].target, mentions: flat[first[si]..<first[si + 1]], persons: dp, organizations: dorg)
            events[i].actors = actors
            events[i].recipients = recipients
            if events[i].type == "CONSULT" && events[i].mode == "visit", let v = events[i].source,
                !actors.contains(where: { $0.kind == .person })
            {
                events[i].actors.insert(contentsOf: delegationLeaders(after: si, state: v, persons: dp), at: 0)
            }
            let cap = ExtractionLimits.maxParticipantsPerSide
            if events[i].actors.count > cap || events[i].recipients.count > cap {
                reached("an event lists its first \(cap) actors and recipients")
                if events[i].actors.count > cap { events[i].actors.removeLast(events[i].actors.count - cap) }
                if events[i].recipients.count > cap { events[i].recipients.removeLast(events[i].recipients.count - cap) }
            }
        }
    }

    /// "A delegation of A visited B. The visit was led by X, …": the persons of the visiting state named after "led by"
    /// or "headed by" in the two sentences that follow the visit's. They are the visit's actors.
    func delegationLeaders(after si: Int, state: String, persons dp: [Person]) -> [Participant] {
        var out = [Participant]()
        for s in (si + 1)..<min(sentences.count, si + 3) {
            let r = sentenceRange(s)
            var k = r.lowerBound + 1
            while k + 1 < r.upperBound {
                if keys[k + 1] == "by" && (keys[k] == "led" || keys[k] == "headed") {
                    // the first person named after "by", past ranks and titles
                    for pi in persons.indices where dp[pi].country == state && !out.contains(where: { $0.name == dp[pi].name }) {
                        if let m = persons[pi].mentions.first(where: { $0.0 > k + 1 && $0.0 <= k + 8 && tokens[$0.0].sentence == s }) {
                            out.append(Participant(kind: .person, name: dp[pi].name, country: state, sector: dp[pi].sector, mention: span(m.0, m.1)))
                        }
                    }
                }
                k += 1
            }
        }
        return out
    }

    /// Actors and recipients of an event of sentence `si` whose trigger words are the tokens `trigger`; `mentions`
    /// are the sentence's persons' and organizations' mentions, persons' first.
    private func participants(
        sentence si: Int, trigger: Range<Int>, triggerSpan: Span, source: String?, target: String?, mentions: ArraySlice<Mention>,
        persons dp: [Person], organizations dorg: [Organization]
    ) -> (actors: [Participant], recipients: [Participant]) {
        let clause = clauseRange(sentence: si, first: trigger.lowerBound, end: trigger.upperBound)
        @inline(__always) func distance(_ a: Int, _ b: Int) -> Int {
            b <= trigger.lowerBound ? trigger.lowerBound - b : a >= trigger.upperBound ? a - trigger.upperBound : 0
        }
        /// `c` is a better mention than `x` of the same participant: in the clause, else nearer the trigger.
        @inline(__always) func better(_ c: Candidate, _ x: Candidate) -> Bool {
            (c.inClause && !x.inClause) || (c.inClause == x.inClause && c.distance < x.distance)
        }
        var cands: [Candidate] = []
        cands.reserveCapacity(mentions.count)
        var personCount = 0
        for m in mentions where !(m.first < trigger.upperBound && m.end > trigger.lowerBound) {
            if m.kind == .organization {
                // named in the role of a person of the sentence, or as their affiliation right beside the name:
                // that person's office
                var inRole = false
                for k in 0..<personCount where !inRole {
                    let pk = cands[k]
                    for (ra, rb) in persons[pk.index].roleRanges where m.first >= ra && m.end <= rb { inRole = true }
                    if affiliated(person: pk.first, pk.end, org: m.first, m.end) { inRole = true }
                }
                if inRole { continue }
            }
            let c = Candidate(
                kind: m.kind, index: m.index, first: m.first, end: m.end,
                country: m.kind == .person ? dp[m.index].country : dorg[m.index].country,
                inClause: m.first >= clause.lowerBound && m.end <= clause.upperBound, distance: distance(m.first, m.end))
            // each person or organization once: its best mention
            if let k = cands.firstIndex(where: { $0.kind == m.kind && $0.index == m.index }) {
                if better(c, cands[k]) { cands[k] = c }
                continue
            }
            cands.append(c)
            if m.kind == .person { personCount = cands.count }
        }
        cands.sort { $0.first < $1.first }

        // (fields read in place: a copy of a Person or Organization retains and releases all of its members)
        func participant(_ c: Candidate) -> Participant {
            if c.kind == .person {
                return Participant(
                    kind: .person, name: dp[c.index].name, country: dp[c.index].country, sector: dp[c.index].sector,
                    mention: span(c.first, c.end))
            }
            return Participant(
                kind: .organization, name: dorg[c.index].name, country: dorg[c.index].country, sector: dorg[c.index].sector,
                mention: span(c.first, c.end))
        }
        /// Candidates of `state` (on one side of the trigger when `side` is set), the clause's when it has any.
        func side(_ state: String, before: Bool?) -> [Participant] {
            func fits(_ c: Candidate) -> Bool {
                guard c.country == state else { return false }
                guard let before else { return true }
                return before ? c.end <= trigger.lowerBound : c.first >= trigger.upperBound
            }
            let inClause = cands.contains { fits($0) && $0.inClause }
            var out: [Participant] = []
            for c in cands where fits(c) && (c.inClause || !inClause) { out.append(participant(c)) }
            return out
        }
        /// A state with nobody of it in the sentence: the country word nearest the trigger, else the trigger.
        func state(_ code: String) -> Participant {
            var mention = triggerSpan
            var best = Int.max
            var bestCapital = true
            for ci in countries.indices where countries[ci].sentence == si && countries[ci].code == code {
                let d = distance(countries[ci].first, countries[ci].end)
                // a name or adjective before a capital; the nearest
                if (bestCapital && !countries[ci].isCapital) || (bestCapital == countries[ci].isCapital && d < best) {
                    best = d
                    bestCapital = countries[ci].isCapital
                    mention = span(countries[ci].first, countries[ci].end)
                }
            }
            return Participant(kind: .state, name: g.countryName[code] ?? code, country: code, sector: nil, mention: mention)
        }

        var actors: [Participant] = []
        var recipients: [Participant] = []
        let same = source != nil && source == target
        if let source {
            actors = side(source, before: same ? true : nil)
            if actors.isEmpty { actors.append(state(source)) }
        } else {
            // an international body as the subject: before the trigger in its clause, not after a preposition
            if let c = cands.last(where: { c in
                c.kind == .organization && c.country == nil && c.inClause && c.end <= trigger.lowerBound
                    && !(c.first > 0 && Analysis.subjectBlockers.contains(keys[c.first - 1] == "the" && c.first > 1 ? keys[c.first - 2] : keys[c.first - 1]))
            }) {
                actors.append(participant(c))
            }
        }
        if let target {
            recipients = side(target, before: same ? false : nil)
            if recipients.isEmpty && !same { recipients.append(state(target)) }
        }
        return (actors, recipients)
    }
}
