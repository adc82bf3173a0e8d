import AttacheContracts

/// Who acts and who receives, for each trigger: the clause is read once (``Analysis/clauseView(_:_:_:_:tail:dateline:)``),
/// then joint exercises, visits and talks follow their own rules, and every other type takes its actor from
/// ``Analysis/actorChoice(_:_:_:_:_:pair:prevSubject:)`` and its recipients from
/// ``Analysis/recipients(_:_:_:_:source:choice:pair:group:)``. The prepositions that govern a state
/// (``ClauseRole``) rank the candidates. Triggers, filters and the document pass live in `Events.swift`.
extension Analysis {
    /// People who speak for a state at talks: "negotiators from Armenia" are Armenia's party.
    static let delegateNouns: Set<String> = [
        "officials", "negotiators", "delegates", "delegation", "delegations", "representatives", "envoys", "diplomats",
        "ministers", "leaders", "officers", "experts", "teams", "team", "counterparts", "commanders", "lawmakers",
    ]
    // MARK: actors

    /// The events of one trigger. The clause is read once (``clauseView``); joint exercises, visits and talks have their
    /// own rules and an evaluation is the speaker's; otherwise the actor (``actorChoice``) and then the recipients
    /// (``recipients``) are decided.
    func buildEvents(
        _ h: TriggerHit, _ p: EventLexicon.Pattern, _ si: Int, _ refs: [StateRef], tail: Int, pair: [String], recentPair: [String]? = nil,
        prevSubject: String?, group: inout [String], dateline: Int
    ) -> [RawEvent] {
        let c = clauseView(h, p, si, refs, tail: tail, dateline: dateline)
        if p.type == "COOPERATE" && p.exercise, let out = exerciseEvents(h, p, si, refs, c, tail: tail) {
            return Analysis.ruled(out, "a party to the joint exercise", "a party to the joint exercise")
        }
        // "South Korea and the United States began a drill": states coordinated as a drill's subject hold it together
        if p.soloDrill, let joint = EventLexicon.jointExercise {
            let parts = coordinatedSubject(h, c)
            if parts.count >= 2 {
                return Analysis.ruled(pairEvents(joint, h, si, parts, mode: nil, conf: 0.7), "a party to the joint exercise", "a party to the joint exercise")
            }
        }
        let before = c.before, after = c.after, clauseStart = c.clauseStart
        if p.type == "CONSULT" && (p.mode == "visit" || p.host) {
            let out = visitEvents(
                h, p, si, refs, before: before, after: after, pair: pair, prevSubject: prevSubject, clauseStart: clauseStart,
                speaker: c.afterSaid ? c.speaker : nil)
            return Analysis.ruled(out, "the visitor (who travels)", "the host")
        }
        if p.mediation {
            return Analysis.ruled(mediationEvents(h, p, si, refs, c, pair: pair), "the mediator", "a party it mediated between")
        }
        if p.type == "CONSULT" {
            return Analysis.ruled(consultEvents(h, p, si, refs, c, tail: tail, pair: pair, prevSubject: prevSubject, group: &group), "a party to the talks", "a party to the talks")
        }
        let speaker = c.speaker
        // "X's actions are unacceptable," the minister of Y said: the speaker evaluates the other state
        if p.speakerActs, let sp = speaker {
            let other = (before + after).first { !$0.isLocation && $0.code != nil && $0.code != sp }
            let e = make(p, h, si, mode: p.mode, source: sp, target: other?.code ?? pair.first { $0 != sp }, conf: 0.7)
            return Analysis.ruled([e], "the speaker of the evaluation", "the other state of the clause")
        }
        // A request whose phrase names the asker, the state right after it: "… came at the request of the Fijian
        // government" (the one the sentence is about is asked), "a request from Tunis for a radar system" (the speaker
        // is asked, else the sentence's other state)
        let atRequestOf = keys[h.start] == "at" && keys[h.words.last!] == "of"
        let requestFrom = c.nominal && h.end < c.clauseEnd && keys[h.end] == "from"
        if p.type == "REQUEST" && (atRequestOf || requestFrom),
            let asker = after.first(where: { $0.code != nil && $0.start - h.end <= 3 })?.code
        {
            let subject = before.last(where: { !$0.isLocation && $0.code != asker })?.code
            let speaker = c.speaker.flatMap { $0 == asker ? nil : $0 }
            let asked = (atRequestOf ? subject ?? speaker : speaker ?? subject) ?? pair.first { $0 != asker }
            let e = make(p, h, si, mode: p.mode, source: asker, target: asked, conf: 0.7)
            let rule: StaticString = atRequestOf ? "the state that asked ('at the request of X')" : "the state that asked ('a request from X')"
            return Analysis.ruled([e], rule, "the state asked")
        }
        // (with no state after "of", the general rules would take the subject — the one asked — for the asker)
        if p.type == "REQUEST" && atRequestOf { return [] }
        // "summoned the Chadian ambassador to Khartoum": the state where the envoy serves summons the envoy's state
        if p.type == "ACCUSE" && keys[h.start].hasPrefix("summon"), let (host, envoy) = summonedEnvoy(h, refs, c) {
            let e = make(p, h, si, mode: p.mode, source: host, target: envoy, conf: 0.8)
            return Analysis.ruled([e], Analysis.summonsRule, "the summoned envoy's state")
        }
        // "the two sides agreed a ceasefire", "a truce took effect": with no state named in the clause, a ceasefire is
        // the story's two main states', each to the other
        if p.twoSided && p.mode == "ceasefire" && pair.count == 2 && c.segBefore.isEmpty && !after.contains(where: { $0.code != nil && !$0.isLocation })
            && (c.groupSubject || p.subjectNoun)
        {
            let events = [make(p, h, si, mode: p.mode, source: pair[0], target: pair[1], conf: 0.6),
                          make(p, h, si, mode: p.mode, source: pair[1], target: pair[0], conf: 0.6)]
            return Analysis.ruled(events, "the story's two main states (the two sides)", "the other main state")
        }
        var choice = actorChoice(h, p, si, refs, c, pair: pair, recentPair: recentPair, prevSubject: prevSubject)
        if choice.igoActor { return choice.events }
        guard let src = choice.source else { return [] }
        let targets = recipients(h, p, refs, c, source: src, choice: &choice, pair: pair, group: group)
        let conf = choice.confidence, actorRef = choice.actorRef, groupSubject = c.groupSubject
        var mode = p.mode
        if p.autoMode { mode = inferMode(p.type, h, si) }
        var out = [RawEvent]()
        var pairs = [(String, String?)]()
        // "the leaders agreed …" after a meeting of three or more: every pair of them (states in an opening phrase
        // of their own, "With X in mind, the leaders agreed", are not the subject)
        if groupSubject && c.segBefore.isEmpty && group.count >= 3 && (p.type == "AGREE" || p.type == "COOPERATE")
            && (actorRef == nil || actorRef!.start < c.segStart)
        {
            for a in 0..<group.count { for b in (a + 1)..<group.count { pairs.append((group[a], group[b])) } }
        } else if p.twoSided, case let subjects = coordinatedSubjects(c), subjects.count == 2 {
            // "Russia and Ukraine swapped prisoners": each side to the other
            pairs = [(subjects[0], subjects[1]), (subjects[1], subjects[0])]
        } else if p.type == "AGREE" || p.type == "COOPERATE", case let subjects = coordinatedSubjects(c), subjects.count >= 2 {
            // "Japan and Australia agreed …, as their ministers shared concerns over China": the two agree with each other
            for a in 0..<subjects.count { for b in (a + 1)..<subjects.count { pairs.append((subjects[a], subjects[b])) } }
        } else if !p.twoSided && p.type != "CONSULT", case let subjects = coordinatedSubjects(c), subjects.contains(src),
            targets.contains(where: { !$0.isEmpty && !subjects.contains($0) })
        {
            // "Egypt and Jordan condemned Israel", "Argentina, Paraguay and Uruguay condemned Venezuela": each subject acts
            // on the recipient
            for s in subjects { for t in targets where !t.isEmpty && !subjects.contains(t) { pairs.append((s, t)) } }
        } else {
            for t in targets { pairs.append((src, t.isEmpty ? nil : t)) }
            if p.twoSided, let t = targets.first, !t.isEmpty { pairs.append((t, src)) }
        }
        for (s, t) in pairs {
            var e = make(p, h, si, mode: mode, source: s, target: t, conf: conf)
            e.actorRule = choice.rule
            e.recipientRule = choice.recipientRule
            if let a = actorRef { e.actorText = tokenText(a.start, a.end) }
            out.append(e)
        }
        return out
    }

    /// After "summoned": an envoy noun with its state ("the Chadian ambassador", "the envoy of Chad") and its post
    /// ("to Khartoum", "in Khartoum"). - Returns: (the post's state, the envoy's state) when both are named and differ.
    func summonedEnvoy(_ h: TriggerHit, _ refs: [StateRef], _ c: ClauseView) -> (String, String)? {
        var k = h.end
        while k < c.clauseEnd && k - h.end <= 6 && !Analysis.envoyNouns.contains(keys[k]) { k += 1 }
        guard k < c.clauseEnd, k - h.end <= 6 else { return nil }
        // its state: right before the noun ("the Chadian ambassador", "Chad's envoy") or "of X" after it
        var envoy = refs.last(where: { $0.start >= h.end && $0.end <= k && k - $0.end <= 2 && $0.code != nil })?.code
        var q = k + 1
        if envoy == nil && q + 1 < c.clauseEnd && keys[q] == "of" {
            envoy = refs.first(where: { $0.start > q && $0.start - q <= 2 && $0.code != nil })?.code
            if envoy != nil { q += 2 }
        }
        guard let envoyState = envoy else { return nil }
        // its post: "to Khartoum", "in Khartoum" within a few words
        while q < c.clauseEnd && q - k <= 5 {
            if keys[q] == "to" || keys[q] == "in" {
                if let post = refs.first(where: { $0.start == q + 1 || ($0.start == q + 2 && keys[q + 1] == "the") })?.code,
                    post != envoyState
                {
                    return (post, envoyState)
                }
            }
            q += 1
        }
        return nil
    }

    static let summonsRule: StaticString = "the state where the summoned envoy serves"

    static let envoyNouns: Set<String> = [
        "ambassador", "envoy", "diplomat", "charge", "chargé", "consul", "commissioner", "attache", "attaché", "representative",
    ]

    /// The subject of the trigger's verb when it is "he"/"she" right before it (adverbs and auxiliaries aside), or "the
    /// <office>" opening the segment: its token, and the office word.
    func personAnaphor(_ h: TriggerHit, _ segStart: Int) -> (Int, String?)? {
        var k = h.start - 1
        var n = 0
        while k >= segStart && n < 3 && (Analysis.auxiliaries.contains(keys[k]) || Analysis.passiveAdverbials.contains(keys[k])) {
            k -= 1
            n += 1
        }
        if k >= segStart && (keys[k] == "he" || keys[k] == "she") { return (k, nil) }
        var q = segStart
        while q < h.start && tokens[q].kind == .punct { q += 1 }
        if q + 2 <= h.start && keys[q] == "the" && hasKind(q + 1, .title) && q + 2 < tokens.count && !tokens[q + 2].cap {
            // "The minister praised", "the general said": not "the minister of X" nor "the Defence Minister X"
            if q + 2 == h.start || Analysis.auxiliaries.contains(keys[q + 2]) || Analysis.passiveAdverbials.contains(keys[q + 2]) {
                return (q, keys[q + 1])
            }
        }
        return nil
    }

    /// The state of the person an anaphor at `k` refers to: the first person named (the subject, as a rule) in the last
    /// sentence that names one before it (its own or the two before), whose office contains `title` when one is given.
    func anaphorState(_ k: Int, title: String?) -> String? {
        let si = tokens[k].sentence
        for s in stride(from: si, through: max(0, si - 2), by: -1) {
            let r = sentenceRange(s)
            var best: (Int, String)? = nil
            for pi in persons.indices {
                guard let c = persons[pi].strongCountry else { continue }
                if let t = title, !persons[pi].roles.contains(where: { $0.lowercased().split(separator: " ").contains(Substring(t)) }) {
                    continue
                }
                for (a, _) in persons[pi].mentions where a < k && r.contains(a) && (best == nil || a < best!.0) { best = (a, c) }
            }
            if let b = best { return b.1 }
        }
        return nil
    }

    /// "A and B", "A, B and C" right before the verb (the last of them in the verb's segment), two or more different
    /// states: the subjects of the act, in order. Empty when the subject is not such a list.
    func coordinatedSubjects(_ c: ClauseView) -> [String] {
        let named = c.before.filter { !$0.isLocation && $0.code != nil }
        guard let last = named.last, c.segBefore.contains(where: { $0.start == last.start }) else { return [] }
        var list = [last]
        var end = last.start
        for ref in named.dropLast().reversed() {
            guard ref.end < end, (ref.end..<end).allSatisfy({ keys[$0] == "and" || tokens[$0].p == UInt8(ascii: ",") }) else { break }
            list.append(ref)
            end = ref.start
        }
        // (a list needs its "and": "Argentina, Paraguay" alone is an apposition or two clauses)
        guard list.count >= 2, (list[0].start..<last.start).contains(where: { keys[$0] == "and" }) || keys[list[1].end] == "and" else { return [] }
        var codes = [String]()
        for ref in list.reversed() where !codes.contains(ref.code!) { codes.append(ref.code!) }
        return codes.count >= 2 ? codes : []
    }

    /// Where a clause joined by ", and" or ", but" with a state as its own subject begins after the trigger ("Japan
    /// offered help, and the United States said …"), else `limit`. Not a list's last item ("to A, B, and C").
    func nextClauseWithItsOwnSubject(after start: Int, before limit: Int, _ refs: [StateRef]) -> Int {
        var k = start
        while k + 2 < limit {
            if tokens[k].p == UInt8(ascii: ","), ["and", "but", "while", "whereas"].contains(keys[k + 1]) {
                let s = keys[k + 2] == "the" ? k + 3 : k + 2
                if let ref = refs.first(where: { $0.start == s && $0.code != nil }), ref.end < limit {
                    var v = ref.end
                    // "the United States' envoy said", "Japan's navy has": the subject's head noun
                    if keys[v] == "'s" || keys[v] == "'" { v += 2 }
                    if v < limit && tokens[v].kind == .word && !tokens[v].cap
                        && (tokens[v].cls & W.saidVerb != 0 || keyEnds(v, "ed") || Analysis.finiteAuxiliaries.contains(keys[v]))
                    {
                        return k
                    }
                }
            }
            k += 1
        }
        return limit
    }

    /// The clause around a trigger (``ClauseView``): its bounds, its speaker, the states before and after the
    /// trigger, the subject words, the voice and the "by" agent.
    func clauseView(_ h: TriggerHit, _ p: EventLexicon.Pattern, _ si: Int, _ refs: [StateRef], tail: Int, dateline: Int) -> ClauseView {
        let r = sentenceRange(si)
        let nominal = isNominal(h)
        // The clause: after the last reporting verb before the trigger ("X said that …"), up to the tail.
        var clauseStart = max(r.lowerBound, dateline)
        var k = h.start - 1
        var speaker: String? = nil
        var speakerBody: StateRef? = nil
        var afterSaid = false
        while k > clauseStart {
            if tokens[k].cls & W.saidVerb != 0 && k + 1 < h.start {
                // "Romania, which shares a language with most Moldovans, said …": the relative clause is not the speaker
                var relative: [Range<Int>] = []
                var q = clauseStart
                while q + 1 < k {
                    if tokens[q].p == UInt8(ascii: ",") && ["which", "who", "whose", "where"].contains(keys[q + 1]) {
                        var e = q + 2
                        while e < k && tokens[e].p != UInt8(ascii: ",") { e += 1 }
                        relative.append(q..<e)
                        q = e
                    }
                    q += 1
                }
                let said = refs.last(where: { ref in
                    ref.end <= k && !ref.isLocation && (ref.code != nil || ref.isOrg) && ref.start >= clauseStart
                        && !relative.contains(where: { $0.contains(ref.start) })
                })
                if let said, said.code == nil { speakerBody = said }
                speaker = said?.code ?? refs.last(where: { ref in
                    ref.end <= k && !ref.isLocation && ref.code != nil && ref.start >= clauseStart
                        && !relative.contains(where: { $0.contains(ref.start) })
                })?.code
                clauseStart = k + 1
                afterSaid = true
                break
            }
            k -= 1
        }
        if speaker == nil && tail < r.upperBound {
            speaker = refs.first(where: { $0.start >= tail && $0.code != nil && !$0.isLocation })?.code
        }
        let clauseEnd = nextClauseWithItsOwnSubject(after: h.end, before: h.start < tail ? tail : r.upperBound, refs)
        // an opening phrase closed by a comma is no subject: "Defying calls from Brussels, Serbia refused …",
        // "Despite protests from Moscow, Finland joined …"
        if !afterSaid,
            let c = openingPhraseComma(from: clauseStart, before: h.start, opens: { q in
                tokens[q].cap && (keyEnds(q, "ing") || Analysis.openingPrepositions.contains(keys[q]))
            }), c + 1 < h.start
        {
            clauseStart = c + 1
        }
        // the segment: after the last clause break before the trigger
        var segStart = clauseStart
        k = h.start - 1
        while k >= clauseStart {
            let key = keys[k]
            // a short gloss in brackets belongs to the name before it: "after the Argentine Naval Prefecture (PNA)
            // intercepted …"
            if key == ")", let open = (max(clauseStart, k - 5)..<k).last(where: { keys[$0] == "(" }) {
                k = open - 1
                continue
            }
            // (also a subordinate clause: "France vowed to retaliate after Algeria refused …": Algeria refused; "… after
            // Prime Minister X linked …": X did; "… after a Chinese ship fired …": the ship did)
            if tokens[k].cls & W.segBreak != 0 || (key == "and" && k + 1 < h.start && (tokens[k + 1].cls & W.pronoun != 0))
                || (tokens[k].cls & W.subordinator != 0 && key != "following" && key != "amid" && k + 1 < h.start
                    && ((key != "as" && (country(k + 1) != nil || personStarts.contains(k + 1) || hasKind(k + 1, .title)))
                        || (k + 2 < h.start && (keys[k + 1] == "the" || keys[k + 1] == "a" || keys[k + 1] == "an") && country(k + 2) != nil)))
            {
                segStart = k + 1
                break
            }
            k -= 1
        }
        let before = refs.filter { $0.start >= clauseStart && $0.end <= h.start && $0.code != nil }
        let segBefore = before.filter { $0.start >= segStart }
        // (a state inside a trigger's long gap is the verb's object: "declared a Danish clerk persona non grata"; in a
        // short gap it modifies the thing: "transfer Chinese-aided supplies")
        let objectGap = p.longGap
        // (and a state right after a trigger word that is a preposition is its object: "leaned on Minsk to hand back …")
        func prepositionObject(_ ref: StateRef) -> Bool {
            guard ref.start > h.words[0] && ref.end <= h.end && !h.words.contains(ref.start) else { return false }
            return h.words.contains { w in
                Analysis.objectPrepositions.contains(keys[w]) && (ref.start == w + 1 || (ref.start == w + 2 && keys[w + 1] == "the"))
            }
        }
        let after = refs.filter {
            ($0.start >= h.end || (objectGap && $0.start > h.words[0] && !h.words.contains($0.start)) || prepositionObject($0)) && $0.end <= clauseEnd
        }
        let symmetric = p.type == "CONSULT" || p.type == "AGREE" || p.type == "COOPERATE"

        // who: subject words between the segment start and the trigger
        var groupSubject = false
        var pronoun = false
        var we = false
        var j = segStart
        while j < h.start {
            if tokens[j].cls & W.groupSubj != 0 { groupSubject = true }
            if tokens[j].cls & W.pronoun != 0 { pronoun = true }
            guard tokens[j].cls & W.subjectWord != 0 else {
                j += 1
                continue
            }
            let key = keys[j]
            if key == "both" || (key == "they" && before.isEmpty) || key == "each" { groupSubject = true }
            if key == "we" || key == "our" { we = true }
            // "the general", "the minister": an anaphor
            if key == "the" && j + 1 < h.start && (hasKind(j + 1, .title) || hasKind(j + 1, .rank)) { pronoun = true }
            j += 1
        }
        // "The ministry demanded …", "The foreign ministry said …": a state body named with no state right before the
        // trigger is an anaphor of the state told before
        if !pronoun && segStart + 1 < h.start && keys[segStart] == "the" && tokens[segStart].cls & W.determiner != 0 {
            var q = segStart + 1
            if q + 1 < h.start && (keys[q] == "foreign" || keys[q] == "defence" || keys[q] == "defense") { q += 1 }
            if q + 1 == h.start && Analysis.stateBodyNouns.contains(keys[q]) && !refs.contains(where: { $0.start >= segStart && $0.end <= h.start }) {
                pronoun = true
            }
        }

        // "Her family … asked", "his lawyers said": private people are the subject, no anaphor of a state
        for q in [clauseStart, segStart]
        where q + 1 < h.start && tokens[q].cls & W.pronoun != 0 && Analysis.privateNouns.contains(keys[q + 1]) {
            pronoun = false
        }

        // passive: "was extradited to Italy by Uruguayan authorities", "provided by China's ministry"
        var passive = false
        let verbAt = keyEnds(h.words.last!, "ed") ? h.words.last! : h.start
        if verbAt > r.lowerBound {
            let be1 = tokens[verbAt - 1].cls & W.beVerb != 0
            var be2 = verbAt - 2 >= r.lowerBound && tokens[verbAt - 2].cls & W.beVerb != 0
            // "was on Tuesday detained", "were later released": a short adverbial between
            var q = verbAt - 1
            while !be1 && !be2 && q > r.lowerBound && verbAt - q <= 4
                && (tokens[q].cls & (W.weekday | W.month) != 0 || tokens[q].kind == .number || Analysis.passiveAdverbials.contains(keys[q]))
            {
                q -= 1
                if tokens[q].cls & W.beVerb != 0 { be2 = true }
            }
            // "were seized", "was hit by": a past participle after a form of "be"
            let participle = keyEnds(verbAt, "ed") || tokens[verbAt].cls & W.irregularParticiple != 0
            passive = (be1 || be2) && participle
        }
        if keys[h.words.last!] == "by" { passive = true }
        // a reduced passive: "ordered arrested in absentia by a court in Pskov", "a tanker seized by Iran"
        // (not "has suspended all flights by X's carrier": an active verb, and a "by" after its object, are no passive)
        let perfectActive = verbAt > r.lowerBound && Analysis.perfectAuxiliaries.contains(keys[verbAt - 1])
        if !passive && !perfectActive && h.end < clauseEnd && keys[h.end] == "by" && h.words.last! - h.words[0] + 1 == h.words.count
            && (keyEnds(verbAt, "ed") || tokens[verbAt].cls & W.irregularParticiple != 0)
        {
            passive = true
        }
        var byRef: StateRef? = nil
        if passive || nominal {
            var q = h.end
            // (up to a phrase about another act: "… in response to the seizure of a tanker by Britain")
            while q < clauseEnd && q - h.end < 22 && !Analysis.otherActPhrases.contains(keys[q]) {
                // "freed in a prisoner exchange mediated by Oman": a "by" after another participle is that one's agent
                // ("a pledge … was announced by X": the clause's own passive verb names the agent)
                if keys[q] == "by" && isAnotherParticiplesBy(q, after: h.end) { break }
                // "in protest at incursions by Indian trawlers": "by" names the agent of what is protested, not of the protest
                // (but "the confiscation of boats by the navy", "the attack on X by Y": the act's own agent)
                if keys[q] == "by" && q > h.end && nominal && keys[h.start] == "protest" { break }
                if keys[q] == "by" {
                    // the agent is the phrase after "by", not a state named after a place or time in it ("summoned home
                    // by his government on Monday in protest at Belgium's …")
                    byRef = refs.first { ref in
                        ref.start > q && ref.start <= q + 7 && (ref.code != nil || ref.isOrg)
                            && !(q + 1..<ref.start).contains { Analysis.agentPhraseBreaks.contains(keys[$0]) }
                    }
                    if byRef == nil {
                        // "by gunmen in Pakistan's Balochistan": the place of the act
                        byRef = refs.first { $0.start > q && $0.start <= q + 8 && $0.code != nil && $0.isLocation }
                    }
                    break
                }
                q += 1
            }
            if keys[h.words.last!] == "by" {
                byRef = refs.first { $0.start >= h.end && $0.start <= h.end + 4 && $0.code != nil }
            }
        }
        return ClauseView(
            r: r, nominal: nominal, clauseStart: clauseStart, clauseEnd: clauseEnd, segStart: segStart, speaker: speaker,
            speakerBody: speakerBody, afterSaid: afterSaid, before: before, segBefore: segBefore, after: after, symmetric: symmetric,
            groupSubject: groupSubject, pronoun: pronoun, we: we, passive: passive, verbAt: verbAt, byRef: byRef)
    }

    /// The distinct states coordinated as the subject right before the trigger (``coordinatedSubjects(_:)``, the last of
    /// them at most four words before it with no comma or clause between): "South Korea and the United States (on
    /// Monday) began …", "Thai and Malaysian troops held …". Empty when the subject is one state.
    func coordinatedSubject(_ h: TriggerHit, _ c: ClauseView) -> [String] {
        guard let last = c.segBefore.last(where: { !$0.isLocation && $0.code != nil }), h.start - last.end <= 4,
            !(last.end..<h.start).contains(where: { tokens[$0].p == UInt8(ascii: ",") || Analysis.clauseOpeners.contains(keys[$0]) })
        else { return [] }
        return coordinatedSubjects(c)
    }

    /// Nouns after a body's name that make it a member state's epithet: "the NATO member", "a fellow EU state".
    static let memberNouns: Set<String> = ["member", "members", "ally", "allies", "partner", "partners", "state", "states", "country", "countries", "nation", "nations"]

    /// Finite verbs that follow a clause's subject: "…, and Japan has", "…, but China will".
    static let finiteAuxiliaries: Set<String> = ["has", "have", "had", "is", "was", "were", "are", "will", "would", "said", "says", "also", "did", "does", "could", "can"]

    /// Words that open a clause of their own between a subject and a verb.
    static let clauseOpeners: Set<String> = ["which", "that", "who", "whose", "but", "while", "as", "said", "says", "after", "when"]

    /// A joint exercise names its parties: every pair of the states of the clause that are not a topic, an origin,
    /// an opponent or a place. Nil when fewer than two are named (the general rules decide then).
    func exerciseEvents(_ h: TriggerHit, _ p: EventLexicon.Pattern, _ si: Int, _ refs: [StateRef], _ c: ClauseView, tail: Int) -> [RawEvent]? {
        let r = c.r
        let clauseStart = c.clauseStart
        let clauseEnd = c.clauseEnd
        // "a trilateral exercise involving A, B and C", "the joint A-B exercise": every pair of the states named
        var parts = [String]()
        // (the states inside the trigger's gap count too: "the joint Moroccan-French exercise")
        for ref in refs where ref.start >= clauseStart && ref.end <= clauseEnd && !ref.isLocation && ref.code != nil && !parts.contains(ref.code!) {
            if ref.start >= tail && tail < r.upperBound { continue }
            if ref.start >= h.end {
                let role = clauseRole(ref.start, floor: h.end)
                if role == .topic || role == .origin || role == .opponent || role == .place { continue }
            }
            parts.append(ref.code!)
        }
        // "Next year, A will take part in the exercise between B and C": a drill still to come is no cooperation yet
        if parts.count >= 2 && (clauseStart..<h.start).contains(where: { keys[$0] == "will" || keys[$0] == "shall" || keys[$0] == "'ll" }) {
            return []
        }
        if parts.count >= 2 {
            return pairEvents(p, h, si, parts, mode: nil, conf: 0.75)
        }
        return nil
    }

    /// Talks: the parties are the states of the clause (not its topics); the mode comes from the setting (a call, three
    /// parties or more, a third state's venue, a summit's sidelines); talks in one party's state are a visit by the other.
    func consultEvents(
        _ h: TriggerHit, _ p: EventLexicon.Pattern, _ si: Int, _ refs: [StateRef], _ c: ClauseView, tail: Int, pair: [String],
        prevSubject: String?, group: inout [String]
    ) -> [RawEvent] {
        let r = c.r
        let before = c.before
        let after = c.after
        let groupSubject = c.groupSubject
        let pronoun = c.pronoun
        var conf = 0.8
        var parts = [String]()
        // "negotiators from Armenia", "counterparts from Chile, Kenya and Peru": people from a state are its party, not a
        // place (nor is the rest of the list)
        var fromList = Set<Int>()
        let ordered = refs.sorted { $0.start < $1.start }
        for ref in ordered {
            if ref.start >= r.lowerBound + 2 && keys[ref.start - 1] == "from" && Analysis.delegateNouns.contains(keys[ref.start - 2]) {
                fromList = [ref.start]
                var end = ref.end
                for next in ordered where next.start >= end {
                    var k = end
                    while k < next.start && (tokens[k].p == UInt8(ascii: ",") || keys[k] == "and") { k += 1 }
                    guard k == next.start && k > end else { break }
                    fromList.insert(next.start)
                    end = next.end
                }
                break
            }
        }
        func peopleFrom(_ ref: StateRef) -> Bool { fromList.contains(ref.start) }
        // "met …, as Tokyo seeks ties with partners wary of China": a clause of reason after the talks names no party
        var reasonStart = c.clauseEnd
        for k in h.end..<c.clauseEnd where tokens[k].cls & W.subordinator != 0 && k > h.end
            && (tokens[k - 1].p == UInt8(ascii: ",") || (k > h.end + 1 && keys[k - 1] == "even" && tokens[k - 2].p == UInt8(ascii: ",")))
        {
            reasonStart = k
            break
        }
        var subjects = 0
        for ref in before + after where (!ref.isLocation || peopleFrom(ref)) && ref.code != nil && !parts.contains(ref.code!) {
            if ref.start >= tail && tail < r.upperBound { continue }
            if ref.start >= reasonStart { continue }
            // "discussed concerns over X's claims": the subject of the talks, not a party to them
            if ref.start >= h.end && clauseRole(ref.start, floor: h.end) == .topic { continue }
            parts.append(ref.code!)
            if ref.end <= h.start { subjects += 1 }
        }
        // (not a mission abroad nor its seat: "the family, inside Mexico's embassy in Lima")
        func mission(_ k: Int) -> Bool { keys[k] == "embassy" || keys[k] == "consulate" }
        // (or the place that opens the sentence: "In Amman on Sunday, X met Y")
        // ("In the Ivorian commercial capital, he held talks …")
        let opening = refs.first(where: { ref in
            ref.isLocation && ref.code != nil && ref.start < h.start && ref.start <= c.clauseStart + 3 && ref.start > r.lowerBound
                && (keys[ref.start - 1] == "in" || (ref.start > r.lowerBound + 1 && keys[ref.start - 1] == "the" && keys[ref.start - 2] == "in"))
        })
        // (not in a clause after the talks: "…, after which India committed to training officers at Indian institutions",
        // "met on the sidelines and agreed to hold a meeting in Maputo next month")
        var nextVerbAt = reasonStart
        for k in h.end..<reasonStart where keys[k] == "and" && k + 1 < reasonStart && tokens[k + 1].kind == .word && !tokens[k + 1].cap
            && tokens[k + 1].cls & W.determiner == 0 && (keyEnds(k + 1, "ed") || tokens[k + 1].cls & W.trigStart != 0)
        {
            nextVerbAt = k
            break
        }
        let venue = refs.first(where: { ref in
            ref.isLocation && ref.code != nil && ref.start > h.start && ref.start < nextVerbAt && !peopleFrom(ref)
                && !(ref.start >= r.lowerBound + 2 && mission(ref.start - 2)) && !(ref.isOrg && (ref.start..<ref.end).contains(where: mission))
        })?.code ?? opening?.code
        if parts.count < 2 {
            // (the story's main pair only where it stands out; in a story of many states, when the one named is the
            // object, the previous sentence's subject: "In Amman, [the Egyptian minister] met his Jordanian counterpart")
            let otherSide = mainPairStandsOut ? pair.first(where: { $0 != parts.first })
                : before.isEmpty ? prevSubject.flatMap { $0 == parts.first ? nil : $0 } : nil
            if parts.count == 1, let other = otherSide,
                groupSubject || before.isEmpty || after.allSatisfy(\.isLocation)
            {
                parts.append(other)
                conf = 0.6
            } else if parts.isEmpty && (groupSubject || pronoun) && (group.count >= 2 || mainPairStandsOut) {
                parts = group.count >= 2 ? group : pair
                conf = 0.55
            }
        }
        guard parts.count >= 2 else { return [] }
        // "the meeting was attended by the ambassador and senior officers": those who sat in on a meeting told before;
        // a meeting of three states or more attended by their leaders is one (multilateral)
        if keys[h.start] == "attended" && parts.count < 3 { return [] }
        var mode: String? = nil
        var classes: UInt64 = 0
        for k in r { classes |= tokens[k].cls }
        if classes & W.callWord != 0 || p.mode == "phone" { mode = "phone" }  // phone, telephone, video; "called his counterpart"
        else if parts.count >= 3 { mode = "multilateral" }
        else if let v = venue, !parts.contains(v) { mode = "third-party" }
        else if classes & W.summitWord != 0 && venue == nil { mode = "third-party" }  // two met on a summit's sidelines
        else if parts.count == 2, let v = venue ?? (refs.contains { $0.isLocation && $0.code != nil && $0.start < reasonStart } ? nil : scenePlace(si) ?? (namesOwnVenue(h, r) ? nil : datelineCountry())),
            parts.contains(v)
        {
            // talks held in one party's state ("in the Australian town of …"; when the sentence names no place, not even
            // one that places something else: the place the sentence before set the scene in, else a "PARIS —"
            // dateline): the other party is visiting
            let visitor = parts[0] == v ? parts[1] : parts[0]
            var e = make(p, h, si, mode: "visit", source: visitor, target: v, conf: venue == nil ? 0.6 : 0.75)
            e.type = "CONSULT"
            return [e]
        }
        // "X met his counterparts from A, B and C on the sidelines": one subject meets each of the others, apart
        // (not "the meeting, chaired by A, was attended by B, C and D": all of them took part)
        if subjects == 1 && parts.count >= 3 && !groupSubject && keys[h.start] != "attended" {
            let hub = parts[0]
            var out = [RawEvent]()
            for other in parts.dropFirst() {
                var m: String? = nil
                var source = hub, target = other
                if classes & W.callWord != 0 || p.mode == "phone" { m = "phone" }
                else if let v = venue, v == other || v == hub {
                    m = "visit"
                    source = v == other ? hub : other
                    target = v
                } else if venue != nil || classes & W.summitWord != 0 { m = "third-party" }
                var e = make(p, h, si, mode: m, source: source, target: target, conf: conf)
                e.type = "CONSULT"
                out.append(e)
            }
            return out
        }
        if parts.count >= 3 { group = parts }
        return pairEvents(p, h, si, parts, mode: mode, conf: conf)
    }

    /// Whether the subject before trigger `h` is "A and B" (persons or bodies, no place) all of state `src`.
    func jointSubjectOfOneState(_ c: ClauseView, _ h: TriggerHit, _ src: String) -> Bool {
        let subj = c.before.filter { !$0.isLocation }
        guard subj.count >= 2, subj.allSatisfy({ $0.code == src && ($0.isOrg || $0.isPerson) }) else { return false }
        return (subj[0].end..<subj[subj.count - 1].start).contains { keys[$0] == "and" }
    }

    /// One event for each pair of `parts` (talks, joint exercises: symmetric types).
    func pairEvents(_ p: EventLexicon.Pattern, _ h: TriggerHit, _ si: Int, _ parts: [String], mode: String?, conf: Double) -> [RawEvent] {
        var out = [RawEvent]()
        for a in 0..<parts.count {
            for b in (a + 1)..<parts.count { out.append(make(p, h, si, mode: mode, source: parts[a], target: parts[b], conf: conf)) }
        }
        return out
    }

    /// Who acts, in order: a donor named by "from", the "by" agent of a passive or a noun, "between A and B", the agent
    /// before a noun, a possessor inside the trigger, the other side of a passive's sufferer, the speaker of "we", an
    /// international body or the subject before the trigger, the place of a protest, then the fallbacks (the speaker, the
    /// previous sentence's subject, the story's main pair, the only state named). When an international body acts, the
    /// choice carries its event.
    func actorChoice(
        _ h: TriggerHit, _ p: EventLexicon.Pattern, _ si: Int, _ refs: [StateRef], _ c: ClauseView, pair: [String], recentPair: [String]? = nil,
        prevSubject: String?
    ) -> ActorChoice {
        let r = c.r
        let nominal = c.nominal
        let clauseStart = c.clauseStart
        let clauseEnd = c.clauseEnd
        let segStart = c.segStart
        let speaker = c.speaker
        let afterSaid = c.afterSaid
        let before = c.before
        let segBefore = c.segBefore
        let after = c.after
        let symmetric = c.symmetric
        let groupSubject = c.groupSubject
        let pronoun = c.pronoun
        let we = c.we
        let passive = c.passive
        let verbAt = c.verbAt
        let byRef = c.byRef
        var source: String? = nil
        var target: String? = nil
        var actorRef: StateRef? = nil
        var conf = 0.8
        var rule: StaticString = "none"
        // material help "from X" to the subject: X gives ("received weapons from X", "a donation from X")
        // ("received supplies from X": the trigger ends on the preposition)
        let triggerEndsFrom = keys[h.words.last!] == "from"
        // (a state after "from" is marked as a place by ``stateRefs``; for material help it is the giver)
        // (also a request "from X": "made at the urgent request of the Kenyan government")
        if p.type == "AID" || (p.type == "REQUEST" && nominal), let origin = after.first(where: { !$0.isCapital && (clauseRole($0.start, floor: h.end) == .origin || (triggerEndsFrom && $0.start - h.end <= 2)) }) {
            let receiver = after.first { !$0.isLocation && $0.code != origin.code && clauseRole($0.start, floor: h.end) == .recipient }
                ?? segBefore.last { !$0.isLocation && $0.code != origin.code } ?? before.last { !$0.isLocation && $0.code != origin.code }
            if let rcv = receiver {
                source = origin.code
                rule = "donor named after 'from'"
                actorRef = origin
                target = rcv.code
            } else if let sp = speaker, sp != origin.code {
                // "Uganda said the release followed a request from Kenya": the speaker received it
                source = origin.code
                rule = "donor named after 'from'"
                actorRef = origin
                target = sp
            }
        }
        // source
        var igoBetween: StateRef? = nil
        if source == nil, let b = byRef, passive || nominal {
            source = b.code
            rule = "agent after 'by'"
            actorRef = b
            // "an arrest warrant issued by the court": an international body is the agent
            if b.code == nil && b.isOrg { igoBetween = b }
        }
        if source == nil && (nominal || before.isEmpty) {
            var q = h.words[0] + 1
            while q < clauseEnd && q - h.end < 8 {
                if keys[q] == "between" {
                    // (the parties may stand inside a trigger that spans them: "the ceasefire between A and B took effect")
                    var parts = [StateRef]()
                    for ref in refs where ref.start > q && ref.code != nil && ref.start - q <= 12 && !parts.contains(where: { $0.code == ref.code }) {
                        parts.append(ref)
                    }
                    // "borders between ECOWAS countries and Niger": an international body's side acts
                    if let body = refs.first(where: { $0.start > q && $0.start - q <= 3 && $0.code == nil && $0.isOrg }),
                        parts.contains(where: { $0.start > body.start })
                    {
                        igoBetween = body
                        break
                    }
                    if let a = parts.first {
                        source = a.code
                        rule = "first of 'between A and B'"
                        actorRef = a
                        if let b = parts.dropFirst().first { target = b.code } else { target = a.code }
                    }
                    break
                }
                q += 1
            }
        }
        // "Athens protests to Turkish envoy over water cannon attack": the act a protest is over was done by the one
        // protested to, to the one who protests
        if source == nil, let grievance = grievanceOver(h, before: before) {
            source = grievance.by.code
            target = grievance.to.code
            rule = "the one protested to, over the act"
            actorRef = grievance.by
        }
        // "an Algerian rejection", "Iran's seizure": the agent right before a noun
        if source == nil && nominal, let ref = before.last, ref.end >= h.start - 2,
            ref.end == h.start || keys[ref.end] == "'s" || (ref.end + 1 == h.start && !tokens[ref.end].cap)
        {
            source = ref.code
            rule = "agent before a noun"
            actorRef = ref
        }
        // "Expressing Việt Nam's gratitude": the possessor inside the trigger
        if source == nil, before.isEmpty, h.words.count >= 2, let ref = refs.first(where: { $0.start > h.words[0] && $0.end < h.end && $0.code != nil }),
            keys[ref.end] == "'s"
        {
            source = ref.code
            rule = "possessor inside the trigger"
            actorRef = ref
        }
        // "X's envoy was summoned to the ministry in Seoul", "two Thai crews were detained in Malaysian waters": with no
        // agent, the state where it was done did it to the subject
        if passive && source == nil && Analysis.placeActsTypes.contains(p.type),
            let place = after.first(where: { $0.isLocation && $0.code != nil && $0.start - h.end <= 8 }),
            let subj = segBefore.last(where: { !$0.isLocation && $0.code != nil && $0.end >= verbAt - 6 }), subj.code != place.code
        {
            source = place.code
            target = subj.code
            rule = "place of a passive act"
            actorRef = place
            conf -= 0.1
        }
        // "Two Kenyan fishermen held by Uganda since March were released": the one who held them frees them (also "held
        // in Uganda", "jailed in Uganda")
        if passive && source == nil && p.type == "RETREAT" && p.mode == "release",
            let holder = segBefore.last(where: { ref in
                ref.code != nil && ref.start >= 2 && (keys[ref.start - 1] == "by" || keys[ref.start - 1] == "in")
                    && Analysis.holdingParticiples.contains(keys[ref.start - 2])
            }),
            let held = segBefore.first(where: { !$0.isLocation && $0.code != nil && $0.code != holder.code && $0.end <= holder.start })
        {
            source = holder.code
            target = held.code
            rule = "holder of the ones released"
            actorRef = holder
        }
        // ("troops were deployed", "forces were withdrawn": the passive's subject moves; one released is freed by the other side)
        if passive && source == nil && p.type != "MOBILIZE" && !(p.type == "RETREAT" && p.mode != "release") {
            // "Two Kenyan fishing boats were seized": the subject, close to the verb, suffered it
            if let subj = segBefore.last(where: { !$0.isLocation && $0.end >= verbAt - 6 }) {
                target = subj.code
                source = pair.first { $0 != subj.code }
                rule = "other side of a passive's sufferer"
                conf -= 0.2
            }
        }
        if source == nil && we && Analysis.verbalTypes.contains(p.type), let s = speaker {
            source = s
            rule = "speaker of 'we'"
            conf -= 0.1
        }
        var igoActor = igoBetween != nil
        if let body = igoBetween, actorRef == nil {
            rule = "international body of 'between A and B'"
            actorRef = body
        }
        // "… he praised", "The minister thanked …": a person named earlier is the subject, whatever states stand further
        // left ("After watching a demonstration by Romanian crews he praised …")
        if source == nil && !igoActor && !passive, let (at, title) = personAnaphor(h, segStart), let c = anaphorState(at, title: title) {
            source = c
            rule = "the person 'he', 'she' or 'the minister' refers to"
            conf -= 0.1
        }
        if source == nil && !igoActor {
            let allBefore = refs.filter { $0.start >= clauseStart && $0.end <= h.start }
            let firstAny = allBefore.first { !$0.isLocation && $0.start >= segStart } ?? allBefore.first { !$0.isLocation }
            // (not "the NATO member", "an EU ally": a member state named by its body)
            if let f = firstAny, f.code == nil, f.isOrg, !(f.end < c.r.upperBound && Analysis.memberNouns.contains(keys[f.end])) {
                igoActor = true  // "The European Union welcomed …"
                rule = "international body as subject"
                actorRef = f
            } else {
                // a place names the actor only when it qualifies the subject ("lawmakers in Bolivia called …")
                let subj = segBefore.first { !$0.isLocation } ?? before.first { !$0.isLocation } ?? (afterSaid ? nil : before.first)
                if let s = subj {
                    source = s.code
                    rule = "subject before the trigger"
                    actorRef = s
                }
            }
        }
        if p.type == "PROTEST" {
            // protesters act for the state where they protest; the recipient is what they protest against
            // "in Tbilisi", "in the Senegalese capital": where the protest happens, even inside a body's name
            var inPlace: String? = nil
            for c in countries where c.sentence == si && c.first > r.lowerBound {
                // an adjective names a place only as "the Senegalese capital"
                let adjective = hasKind(c.first, .countryAdj) && !hasKind(c.first, .countryName) && !c.isCapital
                if adjective && !(c.end < r.upperBound && keys[c.end] == "capital") { continue }
                var q = c.first - 1
                while q > r.lowerBound && keys[q] == "the" { q -= 1 }
                if tokens[q].cls & W.locative != 0 {
                    inPlace = c.code
                    break
                }
            }
            let place = inPlace.map { StateRef(code: $0, start: h.start, end: h.start, isLocation: true) }
                ?? refs.first { $0.isLocation && $0.code != nil && !$0.isOrg } ?? refs.first { $0.isCapital && $0.code != nil }
                ?? refs.first { $0.isLocation && $0.code != nil }
            if let place, actorRef == nil || actorRef!.isLocation || actorRef!.isOrg {
                source = place.code
                rule = "place of the protest"
                actorRef = place
            }
        }
        if source == nil && !igoActor && pronoun && afterSaid, let body = c.speakerBody {
            igoActor = true  // "The court announced that it had issued …"
            rule = "speaker of 'it' (an international body)"
            actorRef = body
        }
        if source == nil && !igoActor && pronoun && afterSaid, let s = speaker {
            source = s  // "X said it hit …"
            rule = "speaker of 'it'"
            conf -= 0.1
        }
        // (not when the two sides themselves are the subject: "the two sides agreed to …, the Kuwaiti statement said")
        if source == nil && !igoActor && Analysis.verbalTypes.contains(p.type) && !(groupSubject && (symmetric || p.twoSided) && pair.count == 2), let s = speaker {
            source = s
            rule = "speaker of a verbal act"
            conf -= 0.1
        }
        if source == nil && !igoActor && pronoun, let ps = prevSubject {
            source = ps
            rule = "previous sentence's subject"
            conf -= 0.15
        }
        // "X met Y. The two leaders agreed …": the two who just met (in this sentence or the one before), else the story's
        // main pair
        if source == nil && !igoActor && groupSubject && (symmetric || p.twoSided), let two = recentPair {
            source = two[0]
            rule = "the two sides of the latest talks (group subject)"
            target = two[1]
            conf -= 0.2
        }
        if source == nil && !igoActor && groupSubject && (symmetric || p.twoSided) && pair.count == 2 {
            source = pair[0]
            rule = "story's main pair (group subject)"
            target = pair[1]
            conf -= 0.2
        }
        if source == nil && !igoActor, p.type == "ASSAULT" || p.type == "COERCE" || p.type == "MOBILIZE",
            refs.allSatisfy({ $0.isLocation || $0.code == nil }), let loc = refs.first(where: { $0.isLocation && $0.code != nil })
        {
            // a domestic act named only by its place
            source = loc.code
            rule = "place of a domestic act"
            target = loc.code
            conf -= 0.2
        }
        // (a bare pronoun or "both sides" with no state to resolve it to names no actor: guessing the story's main
        // state was right in none of the tuning documents)
        if source == nil && !igoActor {
            // one state in the whole sentence: a domestic act (a capital only as the place: not "Vienna Convention")
            let codes = Set(refs.filter { ref in
                if !ref.isCapital || ref.isLocation { return true }
                let prev = ref.start > r.lowerBound ? keys[ref.start - 1] : ""
                return prev == "toward" || prev == "towards" || prev == "to" || prev == "into"
            }.compactMap(\.code))
            if codes.count == 1 {
                source = codes.first
                rule = "only state in the sentence"
                target = codes.first
                conf -= 0.3
            }
        }
        if igoActor {
            // an international body acts; the recipient is the state named after the trigger, or a place its object
            // is in ("condemned the coup in X"). Where a body's ministers meet or talk ("met in Brussels", right after
            // a verbal trigger) is the venue, and a place before the trigger is never its recipient ("met in Brussels
            // and agreed …")
            let venueOnly = Analysis.verbalTypes.contains(p.type) || symmetric
            let t = after.first { $0.code != nil && !$0.isLocation }?.code
                ?? after.first { $0.code != nil && !(venueOnly && $0.start - h.end <= 2) }?.code
                ?? before.first { $0.code != nil && !$0.isLocation }?.code
            var e = make(p, h, si, mode: p.autoMode ? inferMode(p.type, h, si) : p.mode, source: nil, target: t, conf: conf - 0.1)
            if let a = actorRef { e.actorText = tokenText(a.start, a.end) }
            e.actorRule = rule
            return ActorChoice(source: nil, target: t, actorRef: actorRef, confidence: conf, igoActor: true, events: [e], rule: rule)
        }
        return ActorChoice(source: source, target: target, actorRef: actorRef, confidence: conf, igoActor: false, events: [], rule: rule)
    }

    /// "A protests to B's envoy over the attack", "A summoned the B ambassador over the seizure": for a noun trigger after
    /// "over" (and up to three lower-case modifiers), the state right before "over" did the act, to the subject before the
    /// verb of grievance between them. Nil when the clause is not of that shape.
    func grievanceOver(_ h: TriggerHit, before: [StateRef]) -> (by: StateRef, to: StateRef)? {
        var q = h.start - 1
        var skipped = 0
        while q >= 0 && skipped < 3 && keys[q] != "over" && tokens[q].kind == .word && !tokens[q].cap {
            q -= 1
            skipped += 1
        }
        guard q > 0, keys[q] == "over" else { return nil }
        guard let by = before.last(where: { !$0.isLocation && $0.end <= q && q - $0.end <= 2 }),
            let to = before.first(where: { !$0.isLocation && $0.end <= by.start && $0.code != by.code }),
            (to.end..<by.start).contains(where: { Analysis.grievanceVerbs.contains(keys[$0]) })
        else { return nil }
        return (by, to)
    }

    /// Who receives: the subject of a passive with a "by" agent, the state named as the object after the trigger (ranked by
    /// its clause role, with the states coordinated with it), the state whose act a summoned envoy is protested for, the
    /// state before a passive or a noun, the group of a multilateral story, a state earlier in the segment, the actor's own
    /// state, the story's other main state. "" stands for none.
    func recipients(
        _ h: TriggerHit, _ p: EventLexicon.Pattern, _ refs: [StateRef], _ c: ClauseView, source src: String, choice: inout ActorChoice,
        pair: [String], group: [String]
    ) -> [String] {
        let nominal = c.nominal
        let clauseEnd = c.clauseEnd
        let segStart = c.segStart
        let before = c.before
        let after = c.after
        let symmetric = c.symmetric
        let passive = c.passive
        let byRef = c.byRef
        var target = choice.target
        let actorRef = choice.actorRef
        var conf = choice.confidence
        var targets = [String]()
        var fixedRule: StaticString = "fixed with the actor"
        // targets: what follows the trigger, coordinated ("Iraq and Syria")
        // "gathered outside the embassy": the mission named before in the story (a state's embassy)
        if p.type == "PROTEST" && (target == nil || target == src),
            let e = (h.end..<min(clauseEnd, h.end + 3)).first(where: { Analysis.postNouns.contains(keys[$0]) }), keys[e - 1] == "the",
            let code = earlierMissionCountry(before: h.start, other: src)
        {
            target = code
            fixedRule = "the mission named before"
        }
        if target == nil && passive, let b = byRef, let subj = before.first(where: { $0.code != nil && $0.code != b.code && $0.start < h.start }) {
            target = subj.code  // "Israel's plans … were criticised by Britain, France and Germany"
            fixedRule = "subject of a passive with a 'by' agent"
        }
        if target == nil {
            var q = 0
            var sawSameState = false
            var afterOrdered = after.filter { !$0.isLocation } + after.filter { $0.isLocation }
            if let b = byRef {
                // the agent and the states coordinated with it ("by Britain, France and Germany")
                var agents = Set([b.start])
                var last = b.end
                for ref in refs where ref.start > b.start {
                    let between = (last..<ref.start).allSatisfy { tokens[$0].p == UInt8(ascii: ",") || keys[$0] == "and" }
                    if !between { break }
                    agents.insert(ref.start)
                    last = ref.end
                }
                afterOrdered.removeAll { agents.contains($0.start) }
            }
            // a subordinate clause after the trigger ("… after Iran's media said it hit an Israeli centre") is another act's
            let subordinateAt = (h.end..<c.clauseEnd).first { $0 > h.end && tokens[$0].cls & W.subordinator != 0 } ?? c.clauseEnd
            // protesters target a body ("outside the Russian embassy"); other acts a state named as an object
            let after = p.type == "PROTEST"
                ? afterOrdered.sorted { ($0.isOrg ? 0 : 1, $0.start) < ($1.isOrg ? 0 : 1, $1.start) }
                : afterOrdered.map { (recipientRank(h, p, $0, subordinateAt: subordinateAt), $0) }
                    .sorted { ($0.0, $0.1.isLocation ? 1 : 0, $0.1.start) < ($1.0, $1.1.isLocation ? 1 : 0, $1.1.start) }
                    .map(\.1)
            while q < after.count {
                let ref = after[q]
                // (not the subject of a clause the act announces: "warned that Colombia would stop looking north")
                if ref.code == src && !(h.end < c.clauseEnd && keys[h.end] == "that") { sawSameState = true }
                // a verbal act is addressed to a state, not to a place ("protested via its embassy in Beijing"); a state
                // right after a trigger that ends on its preposition is its object ("pointed the finger at Banjul")
                let triggerObject = ref.start == h.end && ["at", "on", "to", "with", "against", "from"].contains(keys[h.words.last!])
                if ref.isLocation && Analysis.verbalTypes.contains(p.type) && !triggerObject {
                    q += 1
                    continue
                }
                // nor is a place in a clause that tells another act ("flour donated by X, loaded when the ship called at
                // the Turkish port of Mersin")
                if ref.isLocation && ref.start >= subordinateAt {
                    q += 1
                    continue
                }
                // "called on the United Nations to …": an international body is the object; no state receives
                if ref.code == nil && ref.isOrg && !ref.isLocation && q == 0 && ref.start - h.end <= 3 {
                    let role = clauseRole(ref.start, floor: h.end)
                    if role == .direct || role == .recipient || role == .opponent {
                        targets = [""]
                        choice.recipientRule = "an international body (no state)"
                        break
                    }
                }
                if let c = ref.code, c != src, !(p.type == "PROTEST" && ref.isLocation && ref.code == src) {
                    // (a capital as a place gives way to a state named later; not the post an envoy is recalled from)
                    if p.type != "ASSAULT" && p.type != "COERCE" && p.type != "MOBILIZE" && ref.isLocation && ref.isCapital && after.count > q + 1
                        && !(p.type == "SANCTION" && clauseRole(ref.start, floor: h.end) == .origin)
                    {
                        q += 1
                        continue
                    }
                    targets.append(c)
                    choice.recipientRule = Analysis.recipientRuleName(clauseRole(ref.start, floor: h.end), place: ref.isLocation)
                    // coordination
                    var last = ref
                    var q2 = q + 1
                    while q2 < after.count && last.end <= after[q2].start {
                        let between = (last.end..<after[q2].start).map { keys[$0] }
                        let coordinated = !between.isEmpty && between.allSatisfy { $0 == "and" || $0 == "," || $0 == "the" || $0 == "as" || $0 == "well" || $0 == "or" }
                        if coordinated, let c2 = after[q2].code, c2 != src, !targets.contains(c2) {
                            targets.append(c2)
                            last = after[q2]
                            q2 += 1
                        } else {
                            break
                        }
                    }
                    break
                }
                q += 1
            }
            // "Iran summoned the envoy of Switzerland … to protest the US seizure"
            if p.type == "ACCUSE" && keys[h.start].hasPrefix("summon") {
                var q3 = h.end
                while q3 + 1 < clauseEnd {
                    if keys[q3] == "to" && keys[q3 + 1] == "protest" {
                        if let ref = after.first(where: { $0.start > q3 + 1 && $0.code != nil && $0.code != src }) {
                            targets = [ref.code!]
                            choice.recipientRule = "state whose act the summons protests"
                        }
                        break
                    }
                    q3 += 1
                }
            }
            if targets.isEmpty && (passive || nominal) {
                if let ref = before.first(where: { $0.code != src && $0.code != nil && !$0.isLocation }) {
                    targets = [ref.code!]
                    choice.recipientRule = "state before a passive or a noun"
                }
            }

            if targets.isEmpty && group.count >= 3 && group.contains(src) && (p.type == "SUPPORT" || p.type == "AGREE") {
                targets = group.filter { $0 != src }
                choice.recipientRule = "the other states of the story's group"
                conf -= 0.2
            }
            // "Egypt and Saudi Arabia called on …": a co-actor is not the recipient
            var coActor = false
            if !symmetric && !p.twoSided, let a = actorRef, let nextRef = before.first(where: { $0.start > a.start }) {
                let between = (a.end..<nextRef.start).map { keys[$0] }
                coActor = !between.isEmpty && between.allSatisfy { $0 == "and" || $0 == "," || $0 == "'s" }
            }
            if targets.isEmpty && !coActor, let ref = before.first(where: { $0.code != src && $0.code != nil && !$0.isLocation && $0.start >= segStart }) {
                targets = [ref.code!]
                choice.recipientRule = "state earlier in the segment"
            }
            if targets.isEmpty && coActor { targets = [""] }
            // no state named as an object, but the act's object is in another state ("demanded the release of a
            // citizen held in Beijing"): that state receives it
            if targets.isEmpty && !coActor && !symmetric,
                let ref = after.first(where: { ref in
                    // (not the channel: "protested via its embassy in Beijing")
                    let channel = ref.start >= 2 && ["embassy", "embassies", "mission", "consulate", "channels"].contains(keys[ref.start - 2])
                    return ref.isLocation && ref.code != nil && ref.code != src && ref.start < subordinateAt && !channel
                })
            {
                targets = [ref.code!]
                choice.recipientRule = "state where the act's object is"
            }
            // "offered to host talks between the two governments": the story's two sides receive the offer
            if targets.isEmpty && pair.count == 2 && !pair.contains(src) {
                var q6 = h.end
                while q6 + 2 < clauseEnd && q6 - h.end < 10 {
                    if keys[q6] == "between" && keys[q6 + 1] == "the" && (keys[q6 + 2] == "two" || keys[q6 + 2] == "both") {
                        targets = pair
                        choice.recipientRule = "the story's two sides ('between the two')"
                        break
                    }
                    q6 += 1
                }
            }
            // only the actor's own state after the trigger: a domestic act ("hailed Saudi participants")
            // (not a threat: "Uganda reserves the right to … protect its citizens" warns the other side)
            if targets.isEmpty && sawSameState && p.type != "THREATEN" {
                targets = [src]
                choice.recipientRule = "the actor's own state (domestic)"
            }
            // "shared the information with regional partners": a recipient that is not a state
            var explicitNonState = false
            if targets.isEmpty {
                var q4 = h.end
                while q4 < clauseEnd && q4 - h.end < 6 {
                    if keys[q4] == "with" || keys[q4] == "to" { explicitNonState = true }
                    q4 += 1
                }
                if p.type != "COOPERATE" { explicitNonState = false }
                // "fighting jihadist insurgents", "attacked rebel positions": the act's object is a non-state group
                if nounAfter(h, h.start..<clauseEnd, within: 4, Analysis.nonStateGroupNouns) { explicitNonState = true }
                // "appealed for international assistance", "called on the international community": no one state
                var q5 = h.end
                if q5 < clauseEnd && keys[q5] == "the" { q5 += 1 }
                if q5 < clauseEnd && keys[q5] == "international" { explicitNonState = true }
            }
            // "opposition MPs have accused the government of …": a state's own government named with no state is domestic
            if targets.isEmpty && !explicitNonState && nounAfter(h, h.start..<clauseEnd, within: 2, Analysis.ownGovernmentNouns) {
                targets = [src]
                choice.recipientRule = "the actor's own state (domestic)"
            }
            // "pardoned some 3,000 inmates", "granted amnesty to 900 prisoners": a mass amnesty of prisoners named by number, no state, is domestic
            if targets.isEmpty && !explicitNonState && (p.type == "CONCEDE" || p.type == "RETREAT")
                && nounAfter(h, h.start..<clauseEnd, within: 7, numbers: true, Analysis.visitedPeople)
                && (h.end..<clauseEnd).prefix(7).contains(where: { tokens[$0].kind == .number })
            {
                targets = [src]
                choice.recipientRule = "the actor's own state (prisoners counted, none of another state)"
            }
            // "The Ugandan army and the Ugandan police agreed to a truce": two parties of one state joined as the subject
            // act between themselves
            if targets.isEmpty && !explicitNonState && jointSubjectOfOneState(c, h, src) {
                targets = [src]
                choice.recipientRule = "the actor's own state (its parties joined as the subject)"
            }
            // "closed its airspace": a closure of the sky is a precaution unless it names whom it shuts out
            if targets.isEmpty && p.type == "COERCE" && keys[h.words.last!] == "airspace" { return [] }
            // (a story of many states named about as often has no other side to fall back on: no event then)
            if targets.isEmpty && !explicitNonState && !mainPairStandsOut && pair.contains(where: { $0 != src }) { return [] }
            if targets.isEmpty && !explicitNonState, let other = pair.first(where: { $0 != src }) {
                targets = [other]
                choice.recipientRule = "the story's other main state"
                conf -= 0.25
            }
        } else {
            targets = [target!]
            choice.recipientRule = fixedRule
        }
        if targets.isEmpty { targets = [""] }
        choice.confidence = conf
        return targets
    }

    /// The state of the last embassy, consulate or mission of a state other than `other` named before token `k`.
    func earlierMissionCountry(before k: Int, other: String) -> String? {
        var best: (start: Int, code: String)? = nil
        for oi in orgs.indices {
            guard let c = orgs[oi].country, c != other, orgs[oi].key.split(separator: " ").contains(where: { Analysis.postNouns.contains(String($0)) }) else { continue }
            for (a, _) in orgs[oi].mentions where a < k && (best == nil || a > best!.start) { best = (a, c) }
        }
        return best?.code
    }

    func visitEvents(
        _ h: TriggerHit, _ p: EventLexicon.Pattern, _ si: Int, _ refs: [StateRef], before: [StateRef], after: [StateRef],
        pair: [String], prevSubject: String?, clauseStart: Int, speaker: String? = nil
    ) -> [RawEvent] {
        let r = sentenceRange(si)
        let key = keys[h.start]
        var visitor: String? = nil
        var host: String? = nil
        let next = h.end < r.upperBound ? h.end : -1
        if p.host && h.start > r.lowerBound && tokens[h.start - 1].cls & W.beVerb != 0 && next >= 0 && keys[next] == "by",
            let agent = after.first(where: { $0.start <= next + 4 && $0.code != nil && !$0.isLocation }),
            let guest = before.last(where: { $0.code != nil && !$0.isLocation && $0.code != agent.code })
        {
            // "Banda, who flew in on Friday, was received by Phiri": the one received is the visitor
            visitor = guest.code
            host = agent.code
        } else if p.host {
            // "Peru's president received visiting Canadian Prime Minister …"
            // (a guest named with a title: "hosted British Armed Forces Minister James Heappey")
            // the guest is the object: no preposition or punctuation between ("the summit I've hosted at Camp David, Biden said")
            guard let guest = after.first(where: { ($0.start <= h.end + 3 && !$0.isOrg || $0.isPerson && $0.start <= h.end + 8) && $0.code != nil }),
                (h.end..<guest.start).allSatisfy({ tokens[$0].kind != .punct && tokens[$0].cls & (W.locative | W.rolePreposition) == 0 })
            else { return [] }
            visitor = guest.code
            host = before.last { $0.code != nil && $0.code != guest.code }?.code
        } else if h.start >= 2 && (keys[h.start - 1] == "who" || keys[h.start - 2] == "who" || keys[h.start - 3 >= 0 ? h.start - 3 : 0] == "who"),
            let antecedent = before.last(where: { $0.end < h.start && keys[$0.end...].prefix(4).contains("who") && !$0.isLocation })
        {
            // "X's ambassador, who was visiting his home country", "… and Sweden's State Secretary Anna Berg, who arrived
            // in Vilnius": the antecedent travels
            visitor = antecedent.code
            var q = h.end
            while q + 1 < r.upperBound && q - h.end < 4 {
                if keys[q] == "home" && keys[q + 1] == "country" { return [] }
                q += 1
            }
            host = after.first { $0.code != nil && $0.code != visitor }?.code
        } else if key == "visiting", let guest = after.first(where: { $0.start <= h.end + 2 && $0.code != nil }) {
            visitor = guest.code
            host = (before + after).first { $0.code != nil && $0.code != guest.code && $0.start != guest.start }?.code
        } else if p.nominal {
            // "<State> visit of X", "X's visit to Y", "visit of X to Y", "on a visit to Y"
            let immediatelyBefore = before.last { $0.end >= h.start - 3 }
            var ofRef: StateRef? = nil
            var toRef: StateRef? = nil
            if next >= 0 && keys[next] == "of" { ofRef = after.first { $0.start <= next + 6 } }
            var q = h.end
            while q < r.upperBound && q - h.end < 14 {
                // (a stay is "in" its place: "a three-day stay in Togo")
                if keys[q] == "to" || (keys[q] == "in" && (q > h.end || keys[h.start] == "stay")) {
                    toRef = after.first { $0.start > q && $0.start <= q + 3 }
                    if toRef != nil { break }
                }
                if tokens[q].p == UInt8(ascii: ",") && ofRef == nil { break }
                q += 1
            }
            if let o = ofRef {
                visitor = o.code
                host = toRef?.code ?? immediatelyBefore?.code
            } else if let t = toRef {
                host = t.code
                // relative clause "X, who is on a visit to Y": the antecedent; "X said during a visit to Y": the speaker
                visitor = before.last(where: { $0.code != t.code })?.code ?? (speaker != t.code ? speaker : nil)
            } else if let b = immediatelyBefore, keys[b.end] == "'s" || b.end == h.start || (b.end < h.start && tokens[b.end..<h.start].allSatisfy { !$0.cap }) {
                visitor = b.code
            } else {
                return []
            }
            if visitor == nil { return [] }
        } else {
            // "The ASEAN delegation visited Myanmar": an international body's mission visits a state (no state on its side)
            if let subject = refs.first(where: { $0.start >= clauseStart && $0.end <= h.start && !$0.isLocation }), subject.code == nil,
                subject.isOrg, let hostRef = after.first(where: { $0.code != nil })
            {
                return [make(p, h, si, mode: "visit", source: nil, target: hostRef.code, conf: 0.7)]
            }
            // "A Vietnamese delegation visited Laos", "arrived in Canberra for talks"
            visitor = before.first(where: { !$0.isLocation })?.code ?? before.first?.code
            host = after.first(where: { $0.code != nil && $0.code != visitor })?.code
            if host == nil && (key.hasPrefix("arriv")) { return [] }
            if visitor == nil {
                var j = clauseStart
                var pron = false
                while j < h.start { if (tokens[j].cls & W.pronoun != 0) { pron = true }; j += 1 }
                if pron { visitor = prevSubject }
            }
            // "The patrol ship arrived in Praia for a port call", "the delegation arrived in …": a ship or a delegation
            // the story has told of comes from the story's other main state
            if visitor == nil, let hh = host, pair.count == 2, pair.contains(hh),
                (clauseStart..<h.start).contains(where: { Analysis.travellerNouns.contains(keys[$0]) })
            {
                visitor = pair.first { $0 != hh }
            }
        }
        guard let v = visitor else { return [] }
        if host == nil { host = pair.first { $0 != v } }
        guard let hh = host, hh != v else { return [] }
        return [make(p, h, si, mode: "visit", source: v, target: hh, conf: 0.8)]
    }

    /// Events made by a type's own rule, with that rule named for `--explain`.
    /// Mediation: the mediators are the states named with the trigger — after "mediation of" or "by", or joined to it by a
    /// hyphen ("the U.S.- and France-brokered deal"), or the subject of "X brokered" — and the parties are the sentence's
    /// other states, else the story's main pair. Each mediator consults each party (CONSULT); the parties agree (AGREE)
    /// when the sentence names a deal, ceasefire or agreement, and otherwise meet through the mediator (CONSULT).
    func mediationEvents(
        _ h: TriggerHit, _ p: EventLexicon.Pattern, _ si: Int, _ refs: [StateRef], _ c: ClauseView, pair: [String]
    ) -> [RawEvent] {
        let r = c.r
        var mediators = [String]()
        func addMediator(_ ref: StateRef) {
            if let code = ref.code, !mediators.contains(code) { mediators.append(code) }
        }
        let trigger = keys[h.start]
        if trigger == "mediation" || trigger == "mediations" {
            // "the mediation of the United Arab Emirates (and …)": the first state after it and those coordinated with it
            var q = h.end
            while q < r.upperBound && q - h.end <= 2 && keys[q] == "the" { q += 1 }
            while let ref = refs.first(where: { $0.start == q && !$0.isLocation }) {
                addMediator(ref)
                q = ref.end
                guard q < r.upperBound, keys[q] == "and" || keys[q] == "," else { break }
                q += 1
                while q < r.upperBound && keys[q] == "the" { q += 1 }
            }
        } else {
            // "X-brokered", "X- and Y-brokered"
            var q = h.start - 1
            while q >= r.lowerBound && h.start - q <= 8 {
                if tokens[q].p == UInt8(ascii: "-") || keys[q] == "and" || keys[q] == "," {
                    q -= 1
                    continue
                }
                guard let ref = refs.first(where: { $0.end == q + 1 && !$0.isLocation }) else { break }
                addMediator(ref)
                q = ref.start - 1
            }
            if let b = c.byRef { addMediator(b) }
            if mediators.isEmpty && !c.nominal, let subject = c.segBefore.last(where: { !$0.isLocation }) { addMediator(subject) }
        }
        guard !mediators.isEmpty else { return [] }
        var parties = [String]()
        for ref in refs where !ref.isLocation {
            if let code = ref.code, !mediators.contains(code), !parties.contains(code) { parties.append(code) }
        }
        if parties.count < 2 {
            for code in pair where !mediators.contains(code) && !parties.contains(code) { parties.append(code) }
        }
        guard !parties.isEmpty else { return [] }
        var out = [RawEvent]()
        for m in mediators {
            for q in parties { out.append(make(p, h, si, mode: nil, source: m, target: q, conf: 0.7)) }
        }
        if parties.count >= 2 {
            var deal = false
            for k in r where Analysis.dealWords.contains(keys[k]) { deal = true }
            var e = make(p, h, si, mode: nil, source: parties[0], target: parties[1], conf: 0.6)
            if deal { e.type = "AGREE" }
            out.append(e)
        }
        return out
    }

    static let dealWords: Set<String> = ["deal", "ceasefire", "cease-fire", "truce", "agreement", "accord", "armistice"]

    static func ruled(_ events: [RawEvent], _ actor: StaticString, _ recipient: StaticString) -> [RawEvent] {
        var out = events
        for k in out.indices {
            out[k].actorRule = actor
            out[k].recipientRule = recipient
        }
        return out
    }

    /// How good a candidate recipient after the trigger is (lower is better): its clause role (``recipientRank(_:)``),
    /// the envoy's post for a recall or an expulsion ("recalled its ambassador from Tehran": Tehran receives), and
    /// last the states of a subordinate clause.
    func recipientRank(_ h: TriggerHit, _ p: EventLexicon.Pattern, _ ref: StateRef, subordinateAt: Int) -> Int {
        let role = clauseRole(ref.start, floor: h.end)
        var rank = Analysis.recipientRank(role)
        if p.type == "SANCTION" && role == .origin { rank = 0 }
        if ref.start >= subordinateAt { rank += 4 }
        return rank
    }
}
