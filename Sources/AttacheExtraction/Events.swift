import AttacheContracts

/// A state-bearing mention in a sentence: a country word, or a person or organization with a state.
struct StateRef {
    var code: String?  // nil for international bodies
    var start: Int
    var end: Int
    var isCapital = false
    var isPerson = false
    var isOrg = false
    /// Introduced by a locative preposition ("in Almaty"): a venue, not a participant.
    var isLocation = false
}

struct TriggerHit {
    var pattern: Int
    var start: Int
    var end: Int
    /// Token indices of the trigger words (without gaps).
    var words: [Int]
}

struct RawEvent {
    var type: String
    var mode: String?
    var source: String?
    var target: String?
    var date: String?
    var sentence: Int
    var trigger: TriggerHit
    var actorText: String?
    var recipientText: String?
    var confidence: Double
}

extension Analysis {
    static let negations: Set<String> = ["not", "never", "no", "neither", "nor", "without", "n't", "cannot", "didn't", "hasn't", "haven't", "won't", "wouldn't", "isn't", "wasn't", "weren't", "don't", "doesn't"]
    static let hedges: Set<String> = [
        "consider", "considering", "could", "might", "may", "possibly", "whether", "attempted", "tried", "trying", "likely",
        "expected", "plans", "planned", "planning", "scheduled", "due", "aimed", "aims", "aiming", "seeks", "seeking", "hope",
        "hopes", "hoping", "wants", "wishes", "wish", "would", "should", "studying", "mulling", "intend", "intends",
        "intention", "rule", "if", "unless", "considers", "to", "focused", "focus", "importance", "emphasized", "emphasised",
    ]
    /// Words that make a drill or patrol a joint one (COOPERATE, not MOBILIZE).
    static let jointWords: Set<String> = ["joint", "jointly", "together", "bilateral", "combined", "trilateral", "multinational"]
    static let geographicFeatures: Set<String> = ["sea", "seas", "strait", "straits", "gulf", "ocean", "peninsula", "canal", "bay", "channel", "river", "lake", "island", "islands", "border", "coast", "valley", "desert", "mountains", "basin", "archipelago", "corridor"]
    static let compassWords: Set<String> = ["east", "west", "north", "south", "northern", "southern", "eastern", "western", "central"]
    static let creditNouns: Set<String> = ["photo", "photograph", "picture", "image", "images", "video", "handout", "file", "footage"]
    static let documentNouns: Set<String> = ["statement", "statements", "report", "video", "data", "figures", "details", "photos", "footage", "images", "list", "results", "document", "documents", "album", "song", "film", "book", "communique"]
    static let weaponNouns: Set<String> = ["jets", "jet", "helicopter", "helicopters", "aircraft", "submarine", "submarines", "drones", "drone", "craft", "boats", "vessels", "dogs", "capability", "capabilities"]
    static let preventionWords: Set<String> = ["ward", "prevent", "preventing", "counter", "countering", "deter", "deterring", "repel", "against", "thwart", "avert", "protect", "defend", "help"]
    static let topicStarts: Set<String> = ["over", "into", "during", "for", "about", "of", "after", "amid", "against"]
    static let irregularParticiples: Set<String> = ["hit", "struck", "shot", "beaten", "taken", "held", "caught", "sunk", "stolen", "thrown", "given", "sent", "brought", "built", "made", "told", "seen", "bought", "fought", "won", "led", "kept", "left", "met", "paid", "sold", "burnt", "burned", "shut", "cut", "set", "put", "spent"]
    static let longTimeUnits: Set<String> = ["month", "months", "year", "years", "decade", "decades", "week", "weeks"]
    static let beVerbs: Set<String> = ["was", "were", "been", "being", "is", "are", "be", "got"]
    static let backgroundMarkers: Set<String> = ["previously", "ago", "formerly", "historically", "already"]
    static let groupSubjects: Set<String> = ["sides", "countries", "nations", "ministers", "neighbours", "neighbors", "delegations", "leaders", "parties", "governments", "militaries", "states"]
    static let pronounSubjects: Set<String> = ["he", "she", "they", "it", "we", "his", "her", "their", "its"]
    static let verbalTypes: Set<String> = ["AGREE", "SUPPORT", "ACCUSE", "THREATEN", "REQUEST", "REJECT", "CONCEDE", "CONSULT"]

    // MARK: triggers

    func findTriggers(_ si: Int) -> [TriggerHit] {
        let r = sentenceRange(si)
        var hits = [TriggerHit]()
        var scratch = [Int]()
        var i = r.lowerBound
        while i < r.upperBound {
            guard tokens[i].cls & W.trigStart != 0 else {
                i += 1
                continue
            }
            let cands = g.patternsAt[Int(tokens[i].vocab)]
            var best: TriggerHit? = nil
            for pi in cands {
                // a drill held with another state is cooperation: the solo-drill pattern gives way
                if EventLexicon.parsed[pi].soloDrill && jointSentence(r) { continue }
                // the words are collected in one scratch array; a hit copies them out
                scratch.removeAll(keepingCapacity: true)
                if matchPattern(pi, at: i, limit: r.upperBound, words: &scratch), let last = scratch.last,
                    best == nil || last + 1 > best!.end
                {
                    best = TriggerHit(pattern: pi, start: i, end: last + 1, words: scratch)
                }
            }
            if let b = best {
                hits.append(b)
                i = b.words.last! + 1
            } else {
                i += 1
            }
        }
        return hits
    }

    /// Does the sentence call an exercise joint ("joint", "bilateral", "trilateral", …)?
    func jointSentence(_ r: Range<Int>) -> Bool {
        for q in r where tokens[q].cls & W.jointWord != 0 { return true }
        return false
    }

    /// Is `id` in the ascending list `s`?
    @inline(__always) static func sortedContains(_ s: [Int32], _ id: Int32) -> Bool {
        for x in s {
            if x == id { return true }
            if x > id { return false }
        }
        return false
    }

    /// Does pattern `pi` match at token `i`? On a match, `words` (empty on entry) holds the trigger words.
    func matchPattern(_ pi: Int, at i: Int, limit: Int, words: inout [Int]) -> Bool {
        let slots = g.patternSlotIDs[pi]
        func rec(_ slot: Int, _ pos: Int) -> Bool {
            if slot == slots.count { return true }
            let s = slots[slot]
            if s.isEmpty || s.contains(-2) {
                // gap of 0...4 (or 0...8 for "**") tokens inside the clause
                let maxGap = s.isEmpty ? 4 : 14
                var k = pos
                var n = 0
                while n <= maxGap && k <= limit {
                    let saved = words.count
                    if rec(slot + 1, k) { return true }
                    words.removeSubrange(saved...)
                    if k >= limit { break }
                    let pk = tokens[k].p
                    if pk == UInt8(ascii: ",") || pk == UInt8(ascii: ".") || pk == UInt8(ascii: ";") || pk == UInt8(ascii: ":")
                        || (pk == 0 && tokens[k].kind == .punct && keys[k] == "--")
                    {
                        break
                    }
                    k += 1
                    n += 1
                }
                return false
            }
            guard pos < limit, tokens[pos].vocab >= 0, Analysis.sortedContains(s, tokens[pos].vocab) else { return false }
            words.append(pos)
            return rec(slot + 1, pos + 1)
        }
        return rec(0, i)
    }

    // MARK: state references

    /// The state-reference candidates of the document grouped by sentence: `cands[order[first[si]..<first[si + 1]]]`
    /// are sentence `si`'s, in the order the rules take them.
    struct StateRefCandidates {
        var cands: [StateRef]
        var first: [Int]
        var order: [Int]
    }

    func stateRefCandidates() -> StateRefCandidates {
        // candidates in the order the rules take them: per sentence, organizations, then persons, then countries
        var cands = [StateRef]()
        var n = countries.count
        for oi in orgs.indices { n += orgs[oi].mentions.count }
        for pi in persons.indices { n += persons[pi].mentions.count }
        cands.reserveCapacity(n)
        for oi in orgs.indices {
            if let home = g.knownOrgCountry[orgs[oi].key], !home.isEmpty { continue }
            let code = orgs[oi].country
            for (a, b) in orgs[oi].mentions { cands.append(StateRef(code: code, start: a, end: b, isOrg: true)) }
        }
        for pi in persons.indices {
            guard let c = persons[pi].strongCountry else { continue }
            for (a, b) in persons[pi].mentions { cands.append(StateRef(code: c, start: a, end: b, isPerson: true)) }
        }
        for c in countries { cands.append(StateRef(code: c.code, start: c.first, end: c.end, isCapital: c.isCapital)) }
        // a stable counting sort by sentence: one flat list instead of three arrays per sentence
        let ns = sentences.count
        var first = [Int](repeating: 0, count: ns + 1)
        for c in cands { first[tokens[c.start].sentence + 1] += 1 }
        for si in 0..<ns { first[si + 1] += first[si] }
        var next = first
        var order = [Int](repeating: 0, count: cands.count)
        for (ci, c) in cands.enumerated() {
            let si = tokens[c.start].sentence
            order[next[si]] = ci
            next[si] += 1
        }
        return StateRefCandidates(cands: cands, first: first, order: order)
    }

    /// State references of sentence `si` (`covered` as in ``stateRefs(_:_:_:_:)``).
    func stateRefs(_ si: Int, _ c: StateRefCandidates, _ covered: inout [Bool]) -> [StateRef] {
        guard c.first[si] < c.first[si + 1] else { return [] }
        return stateRefs(si, c.cands, c.order[c.first[si]..<c.first[si + 1]], &covered)
    }

    /// The state references of sentence `si` among `cands[order]`; `covered` marks the sentence's tokens taken
    /// (sentences do not overlap, so one array serves the whole document).
    func stateRefs(_ si: Int, _ cands: [StateRef], _ order: ArraySlice<Int>, _ covered: inout [Bool]) -> [StateRef] {
        let r = sentenceRange(si)
        var refs = [StateRef]()
        let dl = datelineEnd(si)
        for k in r.lowerBound..<dl { covered[k] = true }
        // agencies, companies and clubs report or trade; they do not act for a state (filtered by the caller)
        for ci in order {
            let a = cands[ci].start
            let b = cands[ci].end
            var free = true
            for k in a..<b where k >= r.lowerBound && k < r.upperBound && covered[k] {
                free = false
                break
            }
            guard free else { continue }
            refs.append(cands[ci])
            for k in a..<b where k >= r.lowerBound && k < r.upperBound { covered[k] = true }
        }
        refs.sort { $0.start < $1.start }
        for k in refs.indices {
            var j = refs[k].start - 1
            while j >= r.lowerBound && (tokens[j].cls & W.regionSkip != 0) { j -= 1 }
            if j >= r.lowerBound && (tokens[j].cls & W.locative != 0) && keys[j] != "toward" && keys[j] != "towards" {
                refs[k].isLocation = true
            }
            // "the South China Sea", "the Taiwan Strait", "the Korean Peninsula": a place named after a state
            if refs[k].end < r.upperBound && Analysis.geographicFeatures.contains(keys[refs[k].end]) && tokens[refs[k].end].cap {
                refs[k].isLocation = true
            }
            if refs[k].start > r.lowerBound && Analysis.compassWords.contains(keys[refs[k].start - 1]) && tokens[refs[k].start - 1].cap {
                refs[k].isLocation = true
            }
            // "at Davos, Switzerland", "in Kampong Chhnang Province, Cambodia"
            if j >= r.lowerBound + 2 && tokens[j].p == UInt8(ascii: ",") && tokens[j - 1].cap {
                var q = j - 1
                while q > r.lowerBound && tokens[q].cap { q -= 1 }
                if (tokens[q].cls & W.locative != 0) { refs[k].isLocation = true }
            }
        }
        return refs
    }

    /// The reporting tail ", the ministry said." → its start token, or the sentence end.
    func reportingTail(_ si: Int) -> Int {
        let r = sentenceRange(si)
        var k = r.lowerBound + 3
        while k < r.upperBound {
            // ",", "--" or a quote after a comma (one-byte keys are tested by their byte)
            let pk = tokens[k].p
            if tokens[k].kind == .punct
                && (pk == UInt8(ascii: ",") || (pk == 0 && keys[k] == "--")
                    || (pk == UInt8(ascii: "\"") && k > r.lowerBound && tokens[k - 1].p == UInt8(ascii: ",")))
            {
                var q = k + 1
                while q < r.upperBound && q - k <= 8 {
                    if tokens[q].cls & W.tailVerb != 0 {
                        // a tail ends the sentence: "…, the ministry said in a statement on Monday."
                        // "…, the Coast Guard said Chinese vessels fired …" opens a report instead
                        var rest = q + 1
                        var triggerAfter = false
                        while rest < r.upperBound {
                            if tokens[rest].cls & W.trigStart != 0 { triggerAfter = true }
                            rest += 1
                        }
                        if triggerAfter && r.upperBound - q > 6 && keys[q] != "according" { break }
                        return pk == UInt8(ascii: "\"") ? k - 1 : k
                    }
                    if tokens[q].p == UInt8(ascii: ",") && q - k > 1 && !(tokens[q - 1].cap) { break }
                    if tokens[q].cls & W.trigStart != 0 && tokens[q].cls & W.tailVerb == 0 { break }
                    q += 1
                }
            }
            k += 1
        }
        return r.upperBound
    }

    // MARK: events

    /// "MOSCOW (AP) —", "BEIJING, Sept. 23 --": the dateline's end (the sentence start when there is none).
    func datelineEnd(_ si: Int) -> Int {
        if datelineCache.isEmpty { datelineCache = sentences.indices.map(computeDatelineEnd) }
        return datelineCache[si]
    }

    func computeDatelineEnd(_ si: Int) -> Int {
        let r = sentenceRange(si)
        var k = r.lowerBound
        while k < r.upperBound && k - r.lowerBound < 12 {
            let t = tokens[k]
            if (t.p == UInt8(ascii: "-") || keys[k] == "--") && t.spaceBefore && k > r.lowerBound { return k + 1 }
            if t.kind == .punct && (sc[t.start] == "\u{2014}" || sc[t.start] == "\u{2013}") && k > r.lowerBound { return k + 1 }
            let ok = t.allCaps || t.kind == .number || t.p == UInt8(ascii: ",") || t.p == UInt8(ascii: ".") || t.p == UInt8(ascii: "(") || t.p == UInt8(ascii: ")") || t.p == UInt8(ascii: "/")
                || t.cls & W.month != 0 || hasKind(k, .capital) || hasKind(k, .knownOrg)
            if !ok { return r.lowerBound }
            k += 1
        }
        return r.lowerBound
    }

    static let determiners: Set<String> = [
        "the", "a", "an", "all", "its", "their", "his", "her", "these", "those", "this", "that", "such", "any", "some",
        "several", "many", "similar", "further", "more", "new", "recent", "deadly", "two", "three", "various", "our", "your",
        "my", "whose", "no", "every", "each", "other", "earlier", "previous", "latest", "repeated",
    ]
    static let peopleWords: Set<String> = [
        "prisoners", "prisoner", "captives", "detainees", "hostages", "fishermen", "soldiers", "activists", "people",
        "civilians", "journalists", "nationals", "citizens", "sailors", "crew", "servicemen", "personnel", "him", "her",
        "them", "inmates", "migrants", "students", "workers", "opposition", "dissidents", "leaders", "officials", "men",
        "women", "children", "troops", "pows", "lawmakers", "members",
    ]
    static let modeWords0: Set<String> = ["release", "free", "freeing", "withdraw", "lift", "stop", "halt", "end", "return", "pull", "hand"]
    static let modeWords1: Set<String> = ["negotiations", "talks"]
    static let modeWords2: Set<String> = ["negotiations", "talks", "meeting", "dialogue", "visit", "trip", "summit"]
    static let modeWords3: Set<String> = ["aid", "assistance", "help", "support", "extradition", "food", "loan", "back", "list", "apply"]
    static let modeWords4: Set<String> = ["resignation", "resign", "elections", "election", "reform", "reforms", "change"]
    static let modeWords5: Set<String> = ["negotiations", "talks", "meeting", "dialogue"]
    static let modeWords6: Set<String> = ["sanctions", "tariffs", "tariff", "ban", "blockade", "embargo"]
    static let modeWords7: Set<String> = ["arrest", "warrant"]
    static let modeWords8: Set<String> = ["warrant"]
    static let modeWords9: Set<String> = ["relations", "ties", "ambassador", "envoy"]
    static let modeWords10: Set<String> = ["expel"]
    static let modeWords11: Set<String> = ["territory", "control", "annex", "islands"]
    static let modeWords12: Set<String> = ["strike", "attack", "war", "military", "force", "kill", "bomb", "invade"]
    static let modeWords13: Set<String> = ["police", "officers"]
    static let modeWords14: Set<String> = ["fighters", "militia", "militias", "militiamen"]
    static let modeWords15: Set<String> = ["systems", "missiles", "ships", "vessels", "aircraft", "warships", "jets", "tanks", "weapons", "artillery", "missile"]
    static let modeWords16: Set<String> = ["tear", "cannon", "rubber"]
    static let modeWords17: Set<String> = ["bomb", "bombs", "explosive", "explosives", "ied", "roadside", "blast"]
    static let modeWords18: Set<String> = ["mortar", "mortars", "artillery", "tank", "tanks", "rocket", "rockets", "missile", "missiles", "shelling", "shelled", "shell", "heavy"]
    static let modeWords19: Set<String> = ["warplanes", "jets", "aircraft", "airstrike", "airstrikes", "helicopter", "helicopters", "air"]
    static let modeWords20: Set<String> = ["drone", "drones", "uav", "uavs"]
    static let modeWords21: Set<String> = ["gunmen", "gunfire", "shot", "guns", "rifles", "fired", "shooting"]
    static let modeWords22: Set<String> = ["knife", "knives", "machete", "machetes", "stabbed"]
    static var modeWordLists: [Set<String>] { [modeWords0, modeWords1, modeWords2, modeWords3, modeWords4, modeWords5, modeWords6, modeWords7, modeWords8, modeWords9, modeWords10, modeWords11, modeWords12, modeWords13, modeWords14, modeWords15, modeWords16, modeWords17, modeWords18, modeWords19, modeWords20, modeWords21, modeWords22] }
    static let consequenceWords: Set<String> = [
        "would", "will", "could", "consequences", "action", "force", "strike", "response", "respond", "measures",
        "sanctions", "retaliation", "reprisals", "war", "attack", "military",
    ]
    static let naturalCauses: Set<String> = [
        "flood", "floods", "flooding", "earthquake", "earthquakes", "quake", "storm", "storms", "cyclone", "typhoon",
        "hurricane", "landslide", "landslides", "drought", "wildfire", "wildfires", "heatwave", "epidemic", "disease",
        "monsoon", "tsunami", "avalanche", "mudslide", "mudslides", "blizzard", "tornado",
    ]
    static let tailVerbs: Set<String> = ["said", "reported", "told", "says", "added", "announced", "stated", "noted", "wrote", "according", "cited", "tweeted", "quoted", "warned", "assured"]
    static let segmentBreaks: Set<String> = [",", ";", "--", "while", "whereas", "but", "although", "though", "(", ")"]

    func findEvents(visitsOnly: Bool = false) -> [Event] {
        var raw = [RawEvent]()
        let pair = mainPair()
        var prevSubject: String? = nil
        var group: [String] = pair
        if visitsOnly && !tokens.contains(where: { $0.cls & W.visitStart != 0 }) { return [] }
        if isOffTopic() { return [] }
        var hitsBySentence = [[TriggerHit]]()
        hitsBySentence.reserveCapacity(sentences.count)
        if triggerCache.isEmpty { triggerCache = sentences.indices.map(findTriggers) }
        for si in sentences.indices {
            var hits = triggerCache[si]
            if visitsOnly {
                func notVisit(_ h: TriggerHit) -> Bool {
                    let p = EventLexicon.parsed[h.pattern]
                    return !(p.type == "CONSULT" && (p.mode == "visit" || p.host))
                }
                // (removeAll on the shared cached array would copy it even when nothing goes)
                if hits.contains(where: notVisit) { hits.removeAll(where: notVisit) }
            }
            hitsBySentence.append(hits)
        }
        // state references are found sentence by sentence as the loop reaches them (the visits pass stops early)
        let refCandidates = stateRefCandidates()
        var refCovered = [Bool](repeating: false, count: tokens.count)
        // the dates are settled before the first pass: both passes read the same grouping
        if datesBySentence.count != sentences.count {
            datesBySentence = [[FoundDate]](repeating: [], count: sentences.count)
            for d in dates { datesBySentence[tokens[d.firstToken].sentence].append(d) }
        }
        var starts = TokenSet(count: tokens.count)
        for pi in persons.indices { for (a, _) in persons[pi].mentions { starts.insert(a) } }
        personStarts = starts
        for si in sentences.indices {
            let hits = hitsBySentence[si]
            if visitsOnly && hits.isEmpty { continue }
            let refs = stateRefs(si, refCandidates, &refCovered)
            let r = sentenceRange(si)
            let tail = reportingTail(si)
            let dl = datelineEnd(si)
            // the subject of this sentence, for "he"/"they" in the next one
            var subjectHere: String? = nil
            if tail < r.upperBound && r.lowerBound < tokens.count && (tokens[r.lowerBound].p == UInt8(ascii: "\"") || tokens[dl].p == UInt8(ascii: "\"")) {
                subjectHere = refs.first(where: { $0.start >= tail && $0.code != nil })?.code
            }
            if subjectHere == nil {
                subjectHere = refs.first(where: { !$0.isLocation && $0.code != nil && $0.start < min(tail, dl + 8) })?.code
            }
            defer { if let s = subjectHere { prevSubject = s } }
            if hits.isEmpty || shouting[si] || isTitleLine(si) { continue }
            let sentenceDates = datesBySentence[si]
            if isBackground(si, sentenceDates) { continue }
            var anyVerbal = false
            for h in hits where !isNominal(h) && h.start < tail { anyVerbal = true }
            for h in hits {
                let p = EventLexicon.parsed[h.pattern]
                if h.start < dl { continue }
                if h.start >= tail && tail < r.upperBound && p.type != "THREATEN" { continue }
                let nominal = isNominal(h)
                if nominal {
                    if anyVerbal && !(p.type == "CONSULT" && p.mode == "visit") { continue }
                    let prev = h.start > r.lowerBound ? keys[h.start - 1] : ""
                    if prev == "this" || prev == "that" || prev == "these" || prev == "those" || prev == "such" { continue }
                }
                if nominal, hits.contains(where: { $0.end <= h.start && h.start - $0.end <= 3 }) { continue }
                if filtered(h, p, si, r.lowerBound) || isEarlierAct(h, si) { continue }
                var evs = buildEvents(h, p, si, refs, tail: tail, pair: pair, prevSubject: prevSubject, group: &group, dateline: dl)
                // "X lodged a protest with Tokyo and demanded …": a verb coordinated with the one before shares its subject
                if !nominal, h.start > r.lowerBound, keys[h.start - 1] == "and",
                    let prev = raw.last(where: { $0.sentence == si && $0.trigger.end <= h.start && $0.source != nil })
                {
                    for k in evs.indices where evs[k].source != prev.source {
                        let oldSource = evs[k].source
                        evs[k].source = prev.source
                        if evs[k].target == prev.source { evs[k].target = prev.target ?? oldSource }
                    }
                }
                // "protesters gathered …, demanding the withdrawal of …": the demand is the protest's, not a second event
                if p.type == "REQUEST" && raw.contains(where: { $0.sentence == si && $0.type == "PROTEST" }) { continue }
                raw.append(contentsOf: evs)
            }
            // the visits pass only looks for the first visit (each of its events is one, with a host)
            if visitsOnly && !raw.isEmpty { break }
        }
        // the host of the story: the target of its first visit
        if hostCountry == nil, let v = raw.first(where: { $0.type == "CONSULT" && $0.mode == "visit" && $0.target != nil }) {
            hostCountry = v.target
            visitorCountry = v.source
        }
        // the visits pass is run for the host alone: its events are not wanted
        return visitsOnly ? [] : finalize(raw)
    }

    /// A verbal pattern used as a noun ("all attacks", "the various cooperation offers") counts as nominal.
    func isNominal(_ h: TriggerHit) -> Bool {
        let p = EventLexicon.parsed[h.pattern]
        if p.nominal { return true }
        let si = tokens[h.start].sentence
        let r = sentenceRange(si)
        // "Attacks on embassies …": a plural noun opening the sentence
        var first = r.lowerBound
        while first < h.start && tokens[first].kind == .punct { first += 1 }
        if h.start == first && tokens[h.start].cap && keyEnds(h.start, "s") && !keyEnds(h.start, "ss") {
            return true
        }
        if h.start > r.lowerBound {
            // word classes: W.determiner is `determiners`, W.orgHead is `g.orgHeadWords`
            let prev = tokens[h.start - 1]
            if prev.cls & W.determiner != 0 && !keyEnds(h.start, "ed") { return true }
            if prev.kind == .word && !prev.cap && prev.cls & W.orgHead == 0 && h.start - 2 >= r.lowerBound
                && (tokens[h.start - 2].cls & W.determiner != 0) && keyEnds(h.start, "s")
                && !keyEnds(h.start, "ss")
            {
                return true  // "the various cooperation offers"
            }
        }
        return false
    }

    func mainPair() -> [String] {
        if let p = mainPairCache { return p }
        let p = computeMainPair()
        mainPairCache = p
        return p
    }

    /// The two most named states (by mentions as names or adjectives; the first named first on a tie).
    func computeMainPair() -> [String] {
        // a document names few states: parallel arrays in first-seen order instead of dictionaries
        var codes = [String]()
        var counts = [Int]()
        for c in countries where !c.isCapital {
            if let k = codes.firstIndex(of: c.code) {
                counts[k] += 1
            } else {
                codes.append(c.code)
                counts.append(1)
            }
        }
        let order = codes.indices.sorted { x, y in counts[x] != counts[y] ? counts[x] > counts[y] : x < y }
        return order.prefix(2).map { codes[$0] }
    }

    func isBackground(_ si: Int, _ ds: [FoundDate]) -> Bool {
        let r = sentenceRange(si)
        var old = false
        var current = false
        /// "fishermen detained in the Red Sea last month": a participle after a noun dates that noun only.
        func modifiesNoun(_ k: Int) -> Bool {
            var q = k - 1
            while q >= r.lowerBound && k - q <= 6 {
                if keyEnds(q, "ed") && q > r.lowerBound {
                    let prev = tokens[q - 1]
                    let prevKey = keys[q - 1]
                    if prev.cls & W.beVerb != 0 || ["has", "have", "had"].contains(prevKey) { return false }
                    return prev.kind == .word && prev.cls & W.pronoun == 0
                }
                if tokens[q].p == UInt8(ascii: ",") || tokens[q].p == UInt8(ascii: ";") { return false }
                q -= 1
            }
            return false
        }
        for k in r where tokens[k].cls & (W.bgMarker | W.bgHint | W.weekday) != 0 {
            let key = keys[k]
            var marker = false
            if tokens[k].cls & W.bgMarker != 0 { marker = true }
            if key == "last" && k + 1 < r.upperBound && ["week", "month", "year", "decade"].contains(keys[k + 1]) {
                marker = !(k + 2 < r.upperBound && keys[k + 2] == "'s")
            }
            if key == "in" && k + 2 < r.upperBound && keys[k + 1] == "the" && keys[k + 2] == "past" { marker = true }
            if key == "then" && k + 1 < r.upperBound && tokens[k + 1].p == UInt8(ascii: "-") { marker = true }
            if key == "earlier" && k + 1 < r.upperBound && ["this", "that"].contains(keys[k + 1]) { marker = true }
            if marker && !modifiesNoun(k) { old = true }
            if tokens[k].cls & W.weekday != 0 && tokens[k].cap { current = true }
            if key == "today" || key == "overnight" || key == "yesterday" { current = true }
        }
        if let pub = published {
            for d in ds {
                let prev = d.firstToken > 0 ? keys[d.firstToken - 1] : ""
                if prev == "since" || modifiesNoun(d.firstToken) { continue }
                if let day = d.day {
                    if pub.serial - day.serial > 7 { old = true } else { current = true }
                } else if let y = d.year {
                    if y < pub.y { old = true }
                    else if d.partial, let v = d.value, v.count == 7, let m = Int(v.suffix(2)), y == pub.y, m < pub.m { old = true }
                }
            }
        } else {
            for d in ds where d.partial && d.value?.count == 4 {
                let prev = d.firstToken > 0 ? keys[d.firstToken - 1] : ""
                if prev == "in" && !modifiesNoun(d.firstToken) { old = true }
            }
        }
        return old && !current
    }

    func filtered(_ h: TriggerHit, _ p: EventLexicon.Pattern, _ si: Int, _ clauseStart: Int) -> Bool {
        let r = sentenceRange(si)
        let first = tokens[h.start]
        // "state-backed", "US-made": a compound, not a verb
        if h.start > r.lowerBound && !first.spaceBefore && tokens[h.start - 1].p == UInt8(ascii: "-") { return true }
        // "three detained fishermen", "the seized tankers": a participle used as an adjective
        if keyEnds(h.start, "ed") && h.words.count == 1 && h.start > r.lowerBound
            && (tokens[h.start - 1].kind == .number || tokens[h.start - 1].cls & W.determiner != 0)
        {
            return true
        }
        // "in delivering national security": a gerund after a preposition
        if keyEnds(h.start, "ing") && h.start > r.lowerBound && !p.nominal
            && ["in", "of", "for", "by", "to", "at", "on", "about", "from", "without"].contains(keys[h.start - 1])
        {
            return true
        }
        var k = h.start - 1
        var n = 0
        while k >= r.lowerBound && n < 6 {
            let key = keys[k]
            let pk = tokens[k].p
            if pk == UInt8(ascii: ",") || pk == UInt8(ascii: ";") || pk == UInt8(ascii: "\"") { break }
            if tokens[k].cls & W.negation != 0 || keyEnds(k, "n't") { return true }
            if !p.future && p.type != "THREATEN" && tokens[k].cls & W.hedge != 0 {
                if key != "to" && key != "importance" && key != "focused" && key != "focus" && key != "emphasized" && key != "emphasised" { return true }
            }
            if p.future && (key == "consider" || key == "whether" || key == "might" || key == "may" || key == "if" || key == "wishes" || key == "hope" || key == "expected") {
                return true
            }
            if tokens[k].cls & W.prospective != 0 && (p.nominal || isNominal(h)) { return true }
            k -= 1
            n += 1
        }
        // a noun trigger under a negated verb: "has not confirmed … the location of the strikes"
        if p.nominal || isNominal(h) {
            var q = h.start - 1
            while q >= r.lowerBound && tokens[q].p != UInt8(ascii: ";") {
                if tokens[q].cls & W.negation != 0 || keyEnds(q, "n't") { return true }
                q -= 1
            }
        }
        // "if …" before the trigger: hypothetical
        if p.type != "THREATEN" {
            var j = r.lowerBound
            while j < h.start {
                if tokens[j].cls & W.conditional != 0 { return true }  // "if"
                j += 1
            }
        }
        if h.end < r.upperBound {
            let next = keys[h.end]
            if next == "scheduled" || next == "planned" { return true }
        }
        if p.needsObject {
            var j = h.end
            while j < r.upperBound && j - h.end < 3 {
                if hasKind(j, .rank) || hasKind(j, .title) || hasKind(j, .honorific) { return true }
                if personStarts.contains(j) { return true }
                if keys[j] == "the" || keys[j] == "his" || keys[j] == "her" { j += 1; continue }
                break
            }
        }
        // releasing people, not statistics
        if p.type == "RETREAT" && p.mode == "release" && !p.twoSided {
            var ok = false
            var j = h.end
            while j < r.upperBound && j - h.end < 7 {
                if (tokens[j].cls & W.people != 0) || tokens[j].kind == .number || country(j) != nil { ok = true }
                j += 1
            }
            if !ok { return true }
        }
        if p.type == "THREATEN" && keys[h.start].hasPrefix("warn") {
            var q = h.end
            var consequence = false
            while q < r.upperBound && q - h.end < 10 {
                let key = keys[q]
                if tokens[q].cls & W.consequence != 0 || key.hasPrefix("retaliat") { consequence = true }
                q += 1
            }
            if !consequence { return true }
        }
        // "thanks to the mediation": because of, not gratitude
        if p.type == "SUPPORT" && keys[h.start] == "thanks" && h.end < r.upperBound && keys[h.end] == "to" { return true }
        // "honoured the memory of": protocol
        if p.type == "SUPPORT" && h.end + 1 < r.upperBound && keys[h.end + 1] == "memory" { return true }
        // "in this photo provided by": a credit
        if h.start > r.lowerBound && Analysis.creditNouns.contains(keys[h.start - 1]) { return true }
        // "released a statement": a document, not people
        if p.type == "RETREAT" {
            var j = h.end
            while j < r.upperBound && j - h.end < 3 && (tokens[j].cls & W.determiner != 0 || tokens[j].kind == .number) { j += 1 }
            if j < r.upperBound && Analysis.documentNouns.contains(keys[j]) { return true }
        }
        if p.type == "ASSAULT" {
            // "attack jets", "strike aircraft": a kind of weapon; "struck back": a retort
            if h.end < r.upperBound && (Analysis.weaponNouns.contains(keys[h.end]) || keys[h.end] == "back") { return true }
            // "to help ward off drone attacks": a purpose, not an act
            var q = h.start - 1
            while q >= r.lowerBound && h.start - q <= 4 {
                if Analysis.preventionWords.contains(keys[q]) { return true }
                q -= 1
            }
        }
        // a drill held with another state ("… exercises with …") is COOPERATE
        if p.soloDrill {
            for q in h.end..<r.upperBound where keys[q] == "with" { return true }
        }
        if p.type == "ASSAULT" {
            var q = r.lowerBound
            while q < h.start {
                if tokens[q].cls & W.naturalCause != 0 { return true }
                q += 1
            }
        }
        if p.type == "CONSULT" && keys[h.start].hasPrefix("discuss") {
            var j = h.end
            while j < r.upperBound && j - h.end < 3 {
                let key = keys[j]
                if keyEnds(j, "ing") && key != "during" { return true }
                j += 1
            }
        }
        return false
    }

    /// The state of the dateline's place ("PANAMA CITY —", "PARIS, June 18 (TASS) -"), when it names a capital or a state.
    func datelineCountry() -> String? {
        for si in sentences.indices.prefix(2) {
            let r = sentenceRange(si)
            let end = datelineEnd(si)
            guard end > r.lowerBound else { continue }
            if let c = countries.first(where: { $0.first >= r.lowerBound && $0.end <= end }) { return c.code }
        }
        return nil
    }

    /// The document's title: one of its first two lines, ended by a line break and no closing punctuation.
    /// It repeats the story in headline grammar ("X releases detained Y"); the body says who did what.
    func isTitleLine(_ si: Int) -> Bool {
        guard si <= 1 else { return false }
        let r = sentenceRange(si)
        guard let last = r.last, r.count >= 3 else { return false }
        if si == 1 && !(keys[sentenceRange(0).lowerBound] == "date") { return false }
        let p = tokens[last].p
        if p == UInt8(ascii: ".") || p == UInt8(ascii: "!") || p == UInt8(ascii: "?") || p == UInt8(ascii: "\"") { return false }
        if tokens[last].kind == .punct && (sc[tokens[last].start] == "\u{201D}" || sc[tokens[last].start] == "\u{2019}") { return false }
        return r.upperBound >= tokens.count || tokens[r.upperBound].newlineBefore
    }

    /// "a month after the two countries agreed", "after X visited Y last year": an act placed before the
    /// story by a subordinate clause of time, or dated "last month" in its own segment.
    func isEarlierAct(_ h: TriggerHit, _ si: Int) -> Bool {
        let r = sentenceRange(si)
        var k = h.start - 1
        var n = 0
        while k > r.lowerBound && n < 12 {
            let key = keys[k]
            if tokens[k].p == UInt8(ascii: ",") || tokens[k].p == UInt8(ascii: ";") { break }
            if key == "after" || key == "since" {
                if tokens[k - 1].cls & W.longTimeUnit != 0 { return true }
                break
            }
            k -= 1
            n += 1
        }
        var q = h.end
        while q + 1 < r.upperBound && q - h.end < 10 {
            if tokens[q].p == UInt8(ascii: ",") || tokens[q].p == UInt8(ascii: ";") { break }
            // a participle or a topic starts a phrase of its own ("activists jailed over last year's protests")
            if q > h.end && (keyEnds(q, "ed") || keyEnds(q, "ing") || tokens[q].cls & W.topicStart != 0) { break }
            if tokens[q + 1].cls & W.longTimeUnit != 0 && keys[q] == "last" {
                return !(q + 2 < r.upperBound && keys[q + 2] == "'s")
            }
            q += 1
        }
        return false
    }

    // MARK: actors

    /// The events of one trigger. The clause is read once (``clauseView``); joint exercises, visits and talks have their
    /// own rules and an evaluation is the speaker's; otherwise the actor (``actorChoice``) and then the recipients
    /// (``recipients``) are decided.
    func buildEvents(
        _ h: TriggerHit, _ p: EventLexicon.Pattern, _ si: Int, _ refs: [StateRef], tail: Int, pair: [String],
        prevSubject: String?, group: inout [String], dateline: Int
    ) -> [RawEvent] {
        let c = clauseView(h, p, si, refs, tail: tail, dateline: dateline)
        if p.type == "COOPERATE" && p.exercise, let out = exerciseEvents(h, p, si, refs, c, tail: tail) { return out }
        let before = c.before, after = c.after, clauseStart = c.clauseStart
        if p.type == "CONSULT" && (p.mode == "visit" || p.host) {
            return visitEvents(h, p, si, refs, before: before, after: after, pair: pair, prevSubject: prevSubject, clauseStart: clauseStart)
        }
        if p.type == "CONSULT" { return consultEvents(h, p, si, refs, c, tail: tail, pair: pair, group: &group) }
        let speaker = c.speaker
        // "X's actions are unacceptable," the minister of Y said: the speaker evaluates the other state
        if p.speakerActs, let sp = speaker {
            let other = (before + after).first { !$0.isLocation && $0.code != nil && $0.code != sp }
            return [make(p, h, si, mode: p.mode, source: sp, target: other?.code ?? pair.first { $0 != sp }, conf: 0.7)]
        }
        var choice = actorChoice(h, p, si, refs, c, pair: pair, prevSubject: prevSubject)
        if choice.igoActor { return choice.events }
        guard let src = choice.source else { return [] }
        let targets = recipients(h, p, refs, c, source: src, choice: &choice, pair: pair, group: group)
        let conf = choice.confidence, actorRef = choice.actorRef, groupSubject = c.groupSubject
        var mode = p.mode
        if p.autoMode { mode = inferMode(p.type, h, si) }
        var out = [RawEvent]()
        var pairs = [(String, String?)]()
        if groupSubject && before.isEmpty && group.count >= 3 && (p.type == "AGREE" || p.type == "COOPERATE") && actorRef == nil {
            for a in 0..<group.count { for b in (a + 1)..<group.count { pairs.append((group[a], group[b])) } }
        } else {
            for t in targets { pairs.append((src, t.isEmpty ? nil : t)) }
            if p.twoSided, let t = targets.first, !t.isEmpty { pairs.append((t, src)) }
        }
        for (s, t) in pairs {
            var e = make(p, h, si, mode: mode, source: s, target: t, conf: conf)
            if let a = actorRef { e.actorText = tokenText(a.start, a.end) }
            out.append(e)
        }
        return out
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
        var afterSaid = false
        while k > clauseStart {
            if tokens[k].cls & W.saidVerb != 0 && k + 1 < h.start {
                speaker = refs.last(where: { $0.end <= k && !$0.isLocation && $0.code != nil && $0.start >= clauseStart })?.code
                clauseStart = k + 1
                afterSaid = true
                break
            }
            k -= 1
        }
        if speaker == nil && tail < r.upperBound {
            speaker = refs.first(where: { $0.start >= tail && $0.code != nil && !$0.isLocation })?.code
        }
        let clauseEnd = h.start < tail ? tail : r.upperBound
        // the segment: after the last clause break before the trigger
        var segStart = clauseStart
        k = h.start - 1
        while k >= clauseStart {
            let key = keys[k]
            if tokens[k].cls & W.segBreak != 0 || (key == "and" && k + 1 < h.start && (tokens[k + 1].cls & W.pronoun != 0)) {
                segStart = k + 1
                break
            }
            k -= 1
        }
        let before = refs.filter { $0.start >= clauseStart && $0.end <= h.start && $0.code != nil }
        let segBefore = before.filter { $0.start >= segStart }
        let after = refs.filter { $0.start >= h.end && $0.end <= clauseEnd }
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

        // passive: "was extradited to Italy by Uruguayan authorities", "provided by China's ministry"
        var passive = false
        let verbAt = keyEnds(h.words.last!, "ed") ? h.words.last! : h.start
        if verbAt > r.lowerBound {
            let be1 = tokens[verbAt - 1].cls & W.beVerb != 0
            let be2 = verbAt - 2 >= r.lowerBound && tokens[verbAt - 2].cls & W.beVerb != 0
            // "were seized", "was hit by": a past participle after a form of "be"
            let participle = keyEnds(verbAt, "ed") || Analysis.irregularParticiples.contains(keys[verbAt])
            passive = (be1 || be2) && participle
        }
        if keys[h.words.last!] == "by" { passive = true }
        var byRef: StateRef? = nil
        if passive || nominal {
            var q = h.end
            while q < clauseEnd && q - h.end < 22 {
                if keys[q] == "by" {
                    byRef = refs.first { $0.start > q && $0.start <= q + 7 && ($0.code != nil || $0.isOrg) }
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
            afterSaid: afterSaid, before: before, segBefore: segBefore, after: after, symmetric: symmetric,
            groupSubject: groupSubject, pronoun: pronoun, we: we, passive: passive, verbAt: verbAt, byRef: byRef)
    }

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
        if parts.count >= 2 {
            var out = [RawEvent]()
            for a in 0..<parts.count {
                for b in (a + 1)..<parts.count { out.append(make(p, h, si, mode: nil, source: parts[a], target: parts[b], conf: 0.75)) }
            }
            return out
        }
        return nil
    }

    /// Talks: the parties are the states of the clause (not its topics); the mode comes from the setting (a call, three
    /// parties or more, a third state's venue, a summit's sidelines); talks in one party's state are a visit by the other.
    func consultEvents(
        _ h: TriggerHit, _ p: EventLexicon.Pattern, _ si: Int, _ refs: [StateRef], _ c: ClauseView, tail: Int, pair: [String],
        group: inout [String]
    ) -> [RawEvent] {
        let r = c.r
        let before = c.before
        let after = c.after
        let groupSubject = c.groupSubject
        let pronoun = c.pronoun
        var conf = 0.8
        var parts = [String]()
        for ref in before + after where !ref.isLocation && ref.code != nil && !parts.contains(ref.code!) {
            if ref.start >= tail && tail < r.upperBound { continue }
            // "discussed concerns over X's claims": the subject of the talks, not a party to them
            if ref.start >= h.end && clauseRole(ref.start, floor: h.end) == .topic { continue }
            parts.append(ref.code!)
        }
        let venue = refs.first(where: { $0.isLocation && $0.code != nil && $0.start > h.start })?.code
        if parts.count < 2 {
            if parts.count == 1, let other = pair.first(where: { $0 != parts[0] }), groupSubject || before.isEmpty || after.isEmpty {
                parts.append(other)
                conf = 0.6
            } else if parts.isEmpty && (groupSubject || pronoun) {
                parts = group.count >= 2 ? group : pair
                conf = 0.55
            }
        }
        guard parts.count >= 2 else { return [] }
        var mode: String? = nil
        var classes: UInt64 = 0
        for k in r { classes |= tokens[k].cls }
        if classes & W.callWord != 0 { mode = "phone" }  // phone, telephone, video
        else if parts.count >= 3 { mode = "multilateral" }
        else if let v = venue, !parts.contains(v) { mode = "third-party" }
        else if classes & W.summitWord != 0 && venue == nil { mode = "third-party" }  // two met on a summit's sidelines
        else if parts.count == 2, let v = venue ?? datelineCountry(), parts.contains(v) {
            // talks held in one party's state ("in the Australian town of …", or under a "PARIS —" dateline
            // when the sentence names no place): the other party is visiting
            let visitor = parts[0] == v ? parts[1] : parts[0]
            var e = make(p, h, si, mode: "visit", source: visitor, target: v, conf: venue == nil ? 0.6 : 0.75)
            e.type = "CONSULT"
            return [e]
        }
        if parts.count >= 3 { group = parts }
        var out = [RawEvent]()
        for a in 0..<parts.count {
            for b in (a + 1)..<parts.count {
                out.append(make(p, h, si, mode: mode, source: parts[a], target: parts[b], conf: conf))
            }
        }
        return out
    }

    /// Who acts, in order: a donor named by "from", the "by" agent of a passive or a noun, "between A and B", the agent
    /// before a noun, a possessor inside the trigger, the other side of a passive's sufferer, the speaker of "we", an
    /// international body or the subject before the trigger, the place of a protest, then the fallbacks (the speaker, the
    /// previous sentence's subject, the story's main pair, the only state named). When an international body acts, the
    /// choice carries its event.
    func actorChoice(
        _ h: TriggerHit, _ p: EventLexicon.Pattern, _ si: Int, _ refs: [StateRef], _ c: ClauseView, pair: [String], prevSubject: String?
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
        // material help "from X" to the subject: X gives ("received weapons from X", "a donation from X")
        // ("received supplies from X": the trigger ends on the preposition)
        let triggerEndsFrom = keys[h.words.last!] == "from"
        // (a state after "from" is marked as a place by ``stateRefs``; for material help it is the giver)
        if p.type == "AID", let origin = after.first(where: { !$0.isCapital && (clauseRole($0.start, floor: h.end) == .origin || (triggerEndsFrom && $0.start - h.end <= 2)) }) {
            let receiver = after.first { !$0.isLocation && $0.code != origin.code && clauseRole($0.start, floor: h.end) == .recipient }
                ?? segBefore.last { !$0.isLocation && $0.code != origin.code } ?? before.last { !$0.isLocation && $0.code != origin.code }
            if let rcv = receiver {
                source = origin.code
                actorRef = origin
                target = rcv.code
            }
        }
        // source
        if source == nil, let b = byRef, passive || nominal {
            source = b.code
            actorRef = b
        }
        if source == nil && (nominal || before.isEmpty) {
            var q = h.words[0] + 1
            while q < clauseEnd && q - h.end < 8 {
                if keys[q] == "between" {
                    let parts = after.filter { $0.start > q && $0.code != nil && $0.start - q <= 12 }
                    if let a = parts.first {
                        source = a.code
                        actorRef = a
                        if let b = parts.dropFirst().first { target = b.code } else { target = a.code }
                    }
                    break
                }
                q += 1
            }
        }
        // "an Algerian rejection", "Iran's seizure": the agent right before a noun
        if source == nil && nominal, let ref = before.last, ref.end >= h.start - 2,
            ref.end == h.start || keys[ref.end] == "'s" || (ref.end + 1 == h.start && !tokens[ref.end].cap)
        {
            source = ref.code
            actorRef = ref
        }
        // "Expressing Việt Nam's gratitude": the possessor inside the trigger
        if source == nil, before.isEmpty, h.words.count >= 2, let ref = refs.first(where: { $0.start > h.words[0] && $0.end < h.end && $0.code != nil }),
            keys[ref.end] == "'s"
        {
            source = ref.code
            actorRef = ref
        }
        if passive && source == nil {
            // "The two Greek oil tankers were seized": the subject, close to the verb, suffered it
            if let subj = segBefore.last(where: { !$0.isLocation && $0.end >= verbAt - 6 }) {
                target = subj.code
                source = pair.first { $0 != subj.code }
                conf -= 0.2
            }
        }
        if source == nil && we && Analysis.verbalTypes.contains(p.type), let s = speaker {
            source = s
            conf -= 0.1
        }
        var igoActor = false
        if source == nil {
            let allBefore = refs.filter { $0.start >= clauseStart && $0.end <= h.start }
            let firstAny = allBefore.first { !$0.isLocation && $0.start >= segStart } ?? allBefore.first { !$0.isLocation }
            if let f = firstAny, f.code == nil, f.isOrg {
                igoActor = true  // "The European Union welcomed …"
                actorRef = f
            } else {
                // a place names the actor only when it qualifies the subject ("lawmakers in Bolivia called …")
                let subj = segBefore.first { !$0.isLocation } ?? before.first { !$0.isLocation } ?? (afterSaid ? nil : before.first)
                if let s = subj {
                    source = s.code
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
                actorRef = place
            }
        }
        if source == nil && pronoun && afterSaid, let s = speaker {
            source = s  // "X said it hit …"
            conf -= 0.1
        }
        if source == nil && Analysis.verbalTypes.contains(p.type), let s = speaker {
            source = s
            conf -= 0.1
        }
        if source == nil && pronoun, let ps = prevSubject {
            source = ps
            conf -= 0.15
        }
        if source == nil && groupSubject && symmetric && pair.count == 2 {
            source = pair[0]
            target = pair[1]
            conf -= 0.2
        }
        if source == nil, p.type == "ASSAULT" || p.type == "COERCE" || p.type == "MOBILIZE",
            refs.allSatisfy({ $0.isLocation || $0.code == nil }), let loc = refs.first(where: { $0.isLocation && $0.code != nil })
        {
            // a domestic act named only by its place
            source = loc.code
            target = loc.code
            conf -= 0.2
        }
        if source == nil && (groupSubject || pronoun) && !pair.isEmpty && !igoActor {
            source = pair[0]
            conf -= 0.25
        }
        if source == nil && !igoActor {
            // one state in the whole sentence: a domestic act (a capital only as the place: not "Vienna Convention")
            let codes = Set(refs.filter { ref in
                if !ref.isCapital || ref.isLocation { return true }
                let prev = ref.start > r.lowerBound ? keys[ref.start - 1] : ""
                return prev == "toward" || prev == "towards" || prev == "to" || prev == "into"
            }.compactMap(\.code))
            if codes.count == 1 {
                source = codes.first
                target = codes.first
                conf -= 0.3
            }
        }
        if igoActor {
            // an international body acts; the recipient is the state named after the trigger
            let t = after.first { $0.code != nil && !$0.isLocation }?.code ?? after.first { $0.code != nil }?.code
                ?? before.first { $0.code != nil }?.code
            var e = make(p, h, si, mode: p.autoMode ? inferMode(p.type, h, si) : p.mode, source: nil, target: t, conf: conf - 0.1)
            if let a = actorRef { e.actorText = tokenText(a.start, a.end) }
            return ActorChoice(source: nil, target: t, actorRef: actorRef, confidence: conf, igoActor: true, events: [e])
        }
        return ActorChoice(source: source, target: target, actorRef: actorRef, confidence: conf, igoActor: false, events: [])
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
        // targets: what follows the trigger, coordinated ("Iraq and Syria")
        if target == nil && passive, let b = byRef, let subj = before.first(where: { $0.code != nil && $0.code != b.code && $0.start < h.start }) {
            target = subj.code  // "Israel's plans … were criticised by Britain, France and Germany"
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
            // protesters target a body ("outside the Russian embassy"); other acts a state named as an object
            let after = p.type == "PROTEST"
                ? afterOrdered.sorted { ($0.isOrg ? 0 : 1, $0.start) < ($1.isOrg ? 0 : 1, $1.start) }
                : afterOrdered.map { (Analysis.recipientRank(clauseRole($0.start, floor: h.end)), $0) }
                    .sorted { ($0.0, $0.1.isLocation ? 1 : 0, $0.1.start) < ($1.0, $1.1.isLocation ? 1 : 0, $1.1.start) }
                    .map(\.1)
            while q < after.count {
                let ref = after[q]
                if ref.code == src { sawSameState = true }
                // a verbal act is addressed to a state, not to a place ("protested via its embassy in Beijing")
                if ref.isLocation && Analysis.verbalTypes.contains(p.type) {
                    q += 1
                    continue
                }
                if let c = ref.code, c != src, !(p.type == "PROTEST" && ref.isLocation && ref.code == src) {
                    if p.type != "ASSAULT" && p.type != "COERCE" && p.type != "MOBILIZE" && ref.isLocation && ref.isCapital && after.count > q + 1 {
                        q += 1
                        continue
                    }
                    targets.append(c)
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
                        if let ref = after.first(where: { $0.start > q3 + 1 && $0.code != nil && $0.code != src }) { targets = [ref.code!] }
                        break
                    }
                    q3 += 1
                }
            }
            if targets.isEmpty && (passive || nominal) {
                if let ref = before.first(where: { $0.code != src && $0.code != nil && !$0.isLocation }) {
                    targets = [ref.code!]
                }
            }

            if targets.isEmpty && group.count >= 3 && group.contains(src) && (p.type == "SUPPORT" || p.type == "AGREE") {
                targets = group.filter { $0 != src }
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
            }
            if targets.isEmpty && coActor { targets = [""] }
            // only the actor's own state after the trigger: a domestic act ("hailed Saudi participants")
            if targets.isEmpty && sawSameState { targets = [src] }
            // "shared the information with regional partners": a recipient that is not a state
            var explicitNonState = false
            if targets.isEmpty {
                var q4 = h.end
                while q4 < clauseEnd && q4 - h.end < 6 {
                    if keys[q4] == "with" || keys[q4] == "to" { explicitNonState = true }
                    q4 += 1
                }
                if p.type != "COOPERATE" { explicitNonState = false }
            }
            if targets.isEmpty && !explicitNonState, let other = pair.first(where: { $0 != src }) {
                targets = [other]
                conf -= 0.25
            }
        } else {
            targets = [target!]
        }
        if targets.isEmpty { targets = [""] }
        choice.confidence = conf
        return targets
    }

    func visitEvents(
        _ h: TriggerHit, _ p: EventLexicon.Pattern, _ si: Int, _ refs: [StateRef], before: [StateRef], after: [StateRef],
        pair: [String], prevSubject: String?, clauseStart: Int
    ) -> [RawEvent] {
        let r = sentenceRange(si)
        let key = keys[h.start]
        var visitor: String? = nil
        var host: String? = nil
        let next = h.end < r.upperBound ? h.end : -1
        if p.host {
            // "Peru's president received visiting Canadian Prime Minister …"
            guard let guest = after.first(where: { $0.start <= h.end + 3 && ($0.isPerson || !$0.isOrg) && $0.code != nil }) else { return [] }
            visitor = guest.code
            host = before.last { $0.code != nil && $0.code != guest.code }?.code
        } else if h.start >= 2 && (keys[h.start - 2] == "who" || keys[h.start - 3 >= 0 ? h.start - 3 : 0] == "who"),
            let antecedent = before.last(where: { $0.end <= h.start - 2 })
        {
            // "X's ambassador, who was visiting his home country": the antecedent travels
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
                if keys[q] == "to" || (keys[q] == "in" && q > h.end) {
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
                // relative clause "X, who is on a visit to Y": the antecedent
                visitor = before.last(where: { $0.code != t.code })?.code
            } else if let b = immediatelyBefore, keys[b.end] == "'s" || b.end == h.start || (b.end < h.start && tokens[b.end..<h.start].allSatisfy { !$0.cap }) {
                visitor = b.code
            } else {
                return []
            }
            if visitor == nil { return [] }
        } else {
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
        }
        guard let v = visitor else { return [] }
        if host == nil { host = pair.first { $0 != v } }
        guard let hh = host, hh != v else { return [] }
        return [make(p, h, si, mode: "visit", source: v, target: hh, conf: 0.8)]
    }

    func inferMode(_ type: String, _ h: TriggerHit, _ si: Int) -> String? {
        let r = sentenceRange(si)
        // one pass: which mode word lists occur after the trigger and in the whole sentence
        var afterBits: UInt32 = 0
        var allBits: UInt32 = 0
        for k in r where tokens[k].vocab >= 0 {
            let b = g.modeFlags[Int(tokens[k].vocab)]
            allBits |= b
            if k >= h.start { afterBits |= b }
        }
        let afterKeys = afterBits
        let allKeys = allBits
        func has(_ bits: UInt32, _ list: Int) -> Bool { bits & (1 << UInt32(list)) != 0 }
        switch type {
        case "REQUEST", "REJECT":
            if has(afterKeys, 0) && !has(afterKeys, 1) {
                return "yield"
            }
            if has(afterKeys, 2) { return "meet" }
            if has(afterKeys, 3) { return "assist" }
            if has(afterKeys, 4) { return "change" }
            if has(allKeys, 5) { return "meet" }
            return nil
        case "THREATEN":
            if has(afterKeys, 6) { return "restrict" }
            if has(afterKeys, 7) || has(allKeys, 8) { return "arrest" }
            if has(afterKeys, 9) { return "relations" }
            if has(afterKeys, 10) { return "expel" }
            if has(afterKeys, 11) { return "territory" }
            if has(afterKeys, 12) { return "violence" }
            return nil
        case "MOBILIZE":
            if has(allKeys, 13) { return "police" }
            if has(allKeys, 14) { return "militia" }
            if has(allKeys, 15) {
                return "weapons"
            }
            return "troops"
        case "ASSAULT":
            if has(allKeys, 16) { return "crowd-control" }
            if has(allKeys, 17) { return "explosives" }
            if has(allKeys, 18) {
                return "heavy-weapons"
            }
            if has(allKeys, 19) { return "aerial" }
            if has(allKeys, 20) { return "drone" }
            if has(allKeys, 21) { return "firearms" }
            if has(allKeys, 22) { return "primitive" }
            return nil
        default:
            return nil
        }
    }

    func make(_ p: EventLexicon.Pattern, _ h: TriggerHit, _ si: Int, mode: String?, source: String?, target: String?, conf: Double) -> RawEvent {
        RawEvent(
            type: p.type, mode: mode, source: source, target: target, date: eventDate(si, h), sentence: si, trigger: h,
            actorText: nil, recipientText: nil, confidence: max(0.1, min(1.0, conf)))
    }

    /// The day of the event: a date in its sentence, else the story's lead date, else publication.
    func eventDate(_ si: Int, _ h: TriggerHit) -> String? {
        let ds = datesBySentence[si].filter { $0.day != nil && $0.firstToken >= datelineEnd(si) }
        if let d = ds.min(by: { abs($0.firstToken - h.start) < abs($1.firstToken - h.start) }) { return d.day!.iso }
        if let lead = leadDate() { return lead }
        return published?.iso
    }

    func leadDate() -> String? {
        if let cached = leadDateCache { return cached }
        let value = computeLeadDate()
        leadDateCache = .some(value)
        return value
    }

    func computeLeadDate() -> String? {
        for si in sentences.indices.prefix(4) {
            if let d = dates.first(where: { tokens[$0.firstToken].sentence == si && $0.day != nil }) {
                if let pub = published, pub.serial - d.day!.serial > 7 { continue }
                return d.day!.iso
            }
        }
        return nil
    }

    func finalize(_ raw: [RawEvent]) -> [Event] {
        var seen = Set<String>()
        var out = [Event]()
        for e in raw {
            if e.source == nil && e.target == nil { continue }
            let s = e.source ?? "-"
            let symmetric = e.type == "CONSULT" && e.mode != "visit" || e.type == "AGREE" || e.type == "COOPERATE"
            var a = s
            var b = e.target ?? "-"
            if symmetric && b < a { swap(&a, &b) }
            let key = (e.type == "CONSULT" && e.mode == "visit" ? "VISIT" : e.type) + "|" + a + "|" + b
            if !seen.insert(key).inserted {
                if let m = e.mode, let idx = out.firstIndex(where: { x in
                    var xa = x.source ?? ""
                    var xb = x.target ?? "-"
                    let xs = x.type == "CONSULT" && x.mode != "visit" || x.type == "AGREE" || x.type == "COOPERATE"
                    if xs && xb < xa { swap(&xa, &xb) }
                    return (x.type == "CONSULT" && x.mode == "visit" ? "VISIT" : x.type) + "|" + xa + "|" + xb == key
                }), out[idx].mode == nil {
                    out[idx].mode = m
                }
                continue
            }
            let words = e.trigger.words
            let trigSpan = Span(sentence: e.sentence, start: tokens[words.first!].start, end: tokens[words.last!].end)
            let trigText = words.map { keys[$0] == "'s" ? "'s" : text(tokens[$0].start, tokens[$0].end) }.joined(separator: " ")
            out.append(Event(
                type: e.type, mode: e.mode, context: [], source: e.source, target: e.target, date: e.date, actorText: e.actorText,
                recipientText: e.recipientText, sentence: e.sentence, trigger: trigSpan, triggerText: trigText,
                confidence: e.confidence))
        }
        return out
    }
}
