import AttacheContracts

/// A set of token indices as a bit array.
struct TokenSet {
    var bits: [Bool]
    init(count: Int) { bits = [Bool](repeating: false, count: count) }
    @inline(__always) func contains(_ i: Int) -> Bool { i >= 0 && i < bits.count && bits[i] }
    @inline(__always) mutating func insert(_ i: Int) { bits[i] = true }
}

struct OrgBuild {
    var key: String
    var name: String
    var aliases: [String] = []
    var country: String?
    /// The country is settled (gazetteer or name); nil then means an international body.
    var countryFixed = false
    var base: String
    var mentions: [(Int, Int)] = []
    var isAcronym = false
}

extension Analysis {
    static let unitHeads: WordSet = ["division", "brigade", "battalion", "regiment", "squadron", "fleet", "corps", "wing", "flotilla", "group"]
    static let leadingFunctionWords: Set<String> = [
        "the", "a", "an", "in", "on", "at", "for", "of", "and", "by", "with", "from", "to", "after", "during", "as", "while",
        "when", "this", "that", "these", "those", "his", "her", "its", "their", "our", "also", "both", "all", "some", "new",
        "meanwhile", "however", "according", "but", "or", "if", "since", "following", "before", "under", "within",
    ]
    static let clauseWords: Set<String> = ["also", "has", "have", "had", "is", "was", "were", "are", "said", "says", "will", "would", "on", "in", "at", "and", "but", "which", "that", "who", "to", "the", "a"]
    static let genericSingleHeads: Set<String> = [
        "aerospace", "aviation", "systems", "dynamics", "technologies", "electronics", "shipbuilding", "shipyard", "shipyards",
        "motors", "party", "state", "government", "army", "military", "police", "navy", "ministry", "embassy", "office", "council",
        "committee", "commission", "parliament", "court", "agency", "service", "group", "forces", "force", "command",
        "department", "union", "club", "bank", "company", "media", "news", "press", "cabinet", "congress", "senate",
        "assembly", "secretariat", "mission", "delegation", "board", "fund", "center", "centre", "university", "school",
    ]
    static let lowerOrgHeads: Set<String> = [
        "ministry", "parliament", "embassy", "consulate", "commission", "committee", "council", "agency", "service",
        "office", "court", "senate", "congress", "assembly", "cabinet", "secretariat", "directorate", "inspectorate",
    ]

    /// Lower-case heads that name a state's forces after the state: "the Chinese navy", "Pakistani forces".
    static let forceHeads: Set<String> = ["army", "navy", "military", "police", "forces", "gendarmerie", "coastguard"]
    static let forceHeadPairs: Set<String> = [
        "air force", "coast guard", "armed forces", "security forces", "security force", "border guard", "border police",
        "military intelligence", "special forces", "naval forces", "ground forces", "marine corps",
    ]
    /// The first words of ``forceHeadPairs`` (one lookup before building a pair).
    static let forceHeadPairFirsts: Set<String> = Set(forceHeadPairs.map { String($0.prefix { $0 != " " }) })
    /// Nouns that a force word modifies ("military drills", "army chief"): then it names no body.
    static let forceModifiedNouns: Set<String> = [
        "drills", "drill", "exercises", "exercise", "ships", "ship", "vessels", "vessel", "aircraft", "jets", "jet", "officials",
        "official", "officers", "officer", "personnel", "chief", "chiefs", "commander", "commanders", "spokesman", "spokesperson",
        "spokeswoman", "base", "bases", "leaders", "leader", "leadership", "government", "operations", "operation", "activity",
        "activities", "presence", "equipment", "hardware", "capabilities", "capability", "spending", "budget", "cooperation",
        "ties", "relations", "units", "unit", "troops", "helicopter", "helicopters", "boats", "boat", "sources", "source",
        "station", "stations", "posts", "post", "action", "actions", "aid", "assistance", "chopper", "plane", "planes",
        "delegation", "team", "academy", "band", "attache", "hospital", "court", "rule", "regime", "takeover", "coup",
    ]
    /// Nouns that name what a company is, before its name: "defence firm X", "the carmaker X".
    static let companyNouns: Set<String> = [
        "firm", "company", "companies", "maker", "manufacturer", "giant", "conglomerate", "carrier", "lender", "insurer",
        "retailer", "marketplace", "startup", "contractor", "shipbuilder", "operator", "producer", "exporter", "developer",
        "automaker", "carmaker", "chipmaker", "airline", "brand", "miner", "shipyard", "broadcaster", "publisher",
    ]
    /// "analysts at X", "economists at X": X employs them (a company or a bank).
    static let analystNouns: Set<String> = ["analysts", "analyst", "economists", "economist", "strategists", "strategist", "researchers", "executives"]
    static let portfolios: Set<String> = ["foreign", "defence", "defense", "interior", "home", "finance", "justice", "trade", "economy", "information", "health", "education"]

    /// Is any token of `a..<b` already inside an organization's mention?
    func orgCovered(_ a: Int, _ b: Int) -> Bool {
        for oi in orgs.indices {
            for (x, y) in orgs[oi].mentions where x < b && a < y { return true }
        }
        return false
    }

    /// An organization's words without a rank or title swallowed at either end ("Kenya Army Lieutenant General",
    /// "General of the Royal … Forces", "… Brigade Chief of Staff Lt Col"), a trailing day or month ("… Army Thursday") or
    /// a stray letter ("… Air Force C-17"). Nil when no organization head is left ("Cabinet Secretary").
    func trimmedOrgSpan(_ a0: Int, _ b0: Int) -> (Int, Int)? {
        var a = a0
        var b = b0
        func strippable(_ k: Int) -> Bool {
            if hasKind(k, .rank) || (hasKind(k, .title) && !isOrgHead(k)) { return true }
            if hasKind(k, .honorific) && !isOrgHead(k) { return true }  // "… Forces Major General Dato Seri"
            if tokens[k].cls & (W.weekday | W.month) != 0 { return true }
            return tokens[k].kind == .word && tokens[k].end - tokens[k].start == 1 && tokens[k].allCaps
        }
        // "the 25th Summit of Heads of State … of the Bolivarian Alliance": a meeting, not a body
        var h = a
        while h < b && (keys[h] == "the" || isOrdinal(h) || Analysis.ordinalWords[keys[h]] != nil || keys[h] == "extraordinary" || keys[h] == "annual") { h += 1 }
        if h < b && Analysis.meetingHeads.contains(keys[h]) && h + 1 < b && keys[h + 1] == "of" { return nil }
        var trimmed = false
        while b - a >= 2 && strippable(b - 1) {
            b -= 1
            trimmed = true
        }
        // "Foreign and Diaspora Affairs Cabinet Secretary": the title of a cabinet office, not a body
        if trimmed && (keys[b - 1] == "cabinet" || keys[b - 1] == "press") { return nil }  // ("Kremlin Press Secretary" too)
        while b - a >= 2 && (keys[b - 1] == "of" || keys[b - 1] == "the" || keys[b - 1] == "and" || tokens[b - 1].kind == .punct) { b -= 1 }
        var lead = a
        while lead < b && strippable(lead) { lead += 1 }
        if lead > a && lead + 1 < b && keys[lead] == "of" {
            lead += 1
            if keys[lead] == "the" { lead += 1 }
            a = lead
            trimmed = true
        }
        guard trimmed else { return (a0, b0) }
        // "Chief Cabinet Secretary", "Army Lieutenant General": a bare head word left inside an office is no body
        if b - a == 1 && Analysis.genericSingleHeads.contains(keys[a]) { return nil }
        guard b > a, (a..<b).contains(where: { isOrgHead($0) }) else { return nil }
        return (a, b)
    }

    func isOrgHead(_ i: Int) -> Bool {
        if hasKind(i, .rank) { return false }  // "Police Major General"
        if tokens[i].cls & W.orgHead != 0 { return true }
        if hasKind(i, .orgHead) { return true }
        return false
    }

    /// An ordinal written in figures: "3rd", "121st".
    @inline(__always) func isOrdinal(_ k: Int) -> Bool {
        tokens[k].kind == .number && keys[k].utf8.count <= 4 && keys[k].unicodeScalars.contains(where: { Fold.isLetter($0) })
    }

    @inline(__always) func isAcronymToken(_ i: Int) -> Bool {
        guard tokens[i].kind == .word && tokens[i].cap else { return false }
        return isAcronymShape(tokens[i])
    }

    /// The shape test of ``isAcronymToken(_:)`` for a capitalized word: all capitals, or mostly ("MoD", "GDPs").
    func isAcronymShape(_ t: Token) -> Bool {
        let n = t.end - t.start
        if t.allCaps && n >= 2 && n <= 9 { return true }
        // MoD, GDPs
        if n >= 3 && n <= 6 {
            var upper = 0
            for k in t.start..<t.end where Fold.isUpper(sc[k]) { upper += 1 }
            if upper >= 2 && Fold.isUpper(sc[t.start]) && (upper * 2 >= n || (sc[t.end - 1] == "s" && upper == n - 1)) { return true }
        }
        return false
    }

    /// "Armed Forces of the Philippines (AFP)": an acronym in parentheses whose letters start the capitalized words
    /// right before it.
    func expandedAcronym(_ i: Int) -> Bool {
        guard i >= 3, i + 1 < tokens.count, tokens[i - 1].p == UInt8(ascii: "("), tokens[i + 1].p == UInt8(ascii: ")"),
            tokens[i].allCaps
        else { return false }
        var s = i - 2
        while s > 0 && i - 1 - s < 12 && tokens[s - 1].sentence == tokens[i].sentence
            && (tokens[s - 1].cap || keys[s - 1] == "of" || keys[s - 1] == "the" || keys[s - 1] == "and")
        {
            s -= 1
        }
        while s < i - 1 && !tokens[s].cap { s += 1 }
        return i - 1 - s >= 2 && initialsMatch(keys[i], s, i - 1)
    }

    /// The first token in `from..<to` that may open a capitalized run (a capitalized word, a state) or opens a non-entity
    /// phrase: pass B of ``findOrganizations(personTokens:)``. (Out of that long function, where the test was an
    /// out-of-line closure call, with two out-of-line array counts, per token.)
    @inline(never) func firstRunCandidate(from: Int, to: Int) -> Int {
        let nonEntityBit = UInt16(1) << EntryKind.nonEntity.rawValue
        return tokens.withUnsafeBufferPointer { t in
            countryAt.withUnsafeBufferPointer { c in
                matchKinds.withUnsafeBufferPointer { m in
                    var k = from
                    while k < to && !((t[k].kind == .word && t[k].cap) || c[k] >= 0 || m[k] & nonEntityBit != 0) { k += 1 }
                    return k
                }
            }
        }
    }

    /// The first token in `from..<to` that is part of a state's mention (else `to`), for pass C of
    /// ``findOrganizations(personTokens:)`` (out of the long function as ``firstRunCandidate(from:to:)``).
    @inline(never) func firstCountryToken(from: Int, to: Int) -> Int {
        countryAt.withUnsafeBufferPointer { c in
            var k = from
            while k < to && c[k] < 0 { k += 1 }
            return k
        }
    }

    /// The first token in `from..<to` (`to` at least two tokens before the sentence's end) that may open "X news agency":
    /// a capitalized word outside the gazetteer's matches, before words ending in "s" and "y" (pass D, out of the long
    /// function as ``firstRunCandidate(from:to:)``).
    @inline(never) func firstAgencyCandidate(from: Int, to: Int) -> Int {
        tokens.withUnsafeBufferPointer { t in
            matchAt.withUnsafeBufferPointer { m in
                var k = from
                while k < to
                    && !(t[k].cap && t[k].kind == .word && t[k + 1].last == UInt8(ascii: "s") && t[k + 2].last == UInt8(ascii: "y") && m[k] < 0)
                {
                    k += 1
                }
                return k
            }
        }
    }

    /// Whether token `i` is joined by a hyphen, with no space either side, to token `i + 2` ("TNI-AD", "FA-50").
    func hyphenJoined(_ i: Int) -> Bool {
        i + 2 < tokens.count && tokens[i + 1].p == UInt8(ascii: "-") && !tokens[i + 1].spaceBefore && !tokens[i + 2].spaceBefore
    }

    func findOrganizations(personTokens: TokenSet) {
        var index = [String: Int](minimumCapacity: 16)
        var nonOrgAcr = Set<String>()
        func add(_ a0: Int, _ b0: Int, name: String? = nil, alias: String? = nil, country state: String?, fixed: Bool, acronym: Bool = false) {
            var a = a0
            var b = b0
            if name == nil {
                guard let (ta, tb) = trimmedOrgSpan(a, b) else { return }
                a = ta
                b = tb
            }
            let raw = name ?? tokenText(a, b)
            let key = Fold.normalize(raw)
            if key.isEmpty { return }
            if let oi = index[key] {
                orgs[oi].mentions.append((a, b))
                if let alias, !orgs[oi].aliases.contains(alias) { orgs[oi].aliases.append(alias) }
                if orgs[oi].country == nil, let state {
                    orgs[oi].country = state
                    orgs[oi].countryFixed = fixed
                }
                return
            }
            var base = raw
            var k = a
            // strip a leading country qualifier ("Lao", "China's") for the base form
            if name == nil, let c = country(a), c.first == a {
                let adjective = matches[Int(matchAt[a])].has(.countryAdj)
                let possessive = c.end < b && keys[c.end] == "'s"
                let lowerNext = c.end < b && !tokens[c.end].cap
                if adjective || possessive || lowerNext {
                    k = possessive ? c.end + 1 : c.end
                    if k < b { base = tokenText(k, b) }
                }
            }
            var ob = OrgBuild(key: key, name: raw, country: state, countryFixed: fixed, base: base, isAcronym: acronym)
            if let alias { ob.aliases.append(alias) }
            if base != raw && k < b && (b - k >= 2 || isAcronymToken(k)) { ob.aliases.append(base) }
            // "the Chinese Embassy in Makati" is also "the Chinese Embassy" (outlets and coders name it either way)
            if name == nil, let p = (a..<b).first(where: { $0 > a && keys[$0] == "in" && Analysis.postNouns.contains(keys[$0 - 1]) }) {
                let short = tokenText(a, p)
                if !ob.aliases.contains(short) { ob.aliases.append(short) }
            }
            // a body of another body: "the Philippine Army's 1st Field Artillery Battalion" is also the battalion
            if name == nil, let p = (a..<b).last(where: { keys[$0] == "'s" }), b - (p + 1) >= 2 {
                let own = tokenText(p + 1, b)
                if own != base && !ob.aliases.contains(own) { ob.aliases.append(own) }
            }
            ob.mentions.append((a, b))
            index[key] = orgs.count
            orgs.append(ob)
        }
        func countryInside(_ a: Int, _ b: Int) -> String? {
            var k = a
            while k < b {
                if let c = country(k) {
                    let prev = c.first > a ? keys[c.first - 1] : ""
                    if !c.isCapital && prev != "in" { return c.code }
                    k = c.end
                    continue
                }
                k += 1
            }
            return nil
        }

        // A non-state armed group of the public list counts only where it fits the story: its state (if the list
        // gives one) is named, and it does not continue a longer capitalized name ("Lao People's Revolutionary
        // Party" is not the Turkish "People's … Party" of the list).
        func knownBody(_ j: Int) -> Bool {
            guard hasKind(j, .knownOrg), let m = match(j), let e = m.first(.knownOrg) else { return false }
            guard e.armedGroup else { return true }
            // (a one-word name of the list — Hamas, Hezbollah, Taliban — is its own: no state needed; a capital names one)
            let oneWord = !(m.start + 1..<m.end).contains { tokens[$0].spaceBefore }
            if !e.code.isEmpty && !oneWord && !countries.contains(where: { $0.code == e.code }) { return false }
            let r = sentenceRange(tokens[m.start].sentence)
            if m.end - m.start > 1 && m.start > r.lowerBound && tokens[m.start - 1].kind == .word && tokens[m.start - 1].cap { return false }
            return true
        }

        // lower-case expansions mark acronyms that are not bodies: "gross domestic product (GDP)"
        let parens = tokenIndices { t, i in t[i].p == UInt8(ascii: "(") && i + 2 < t.count && t[i + 2].p == UInt8(ascii: ")") }
        for i in parens where isAcronymToken(i + 1) {
            if i > 0 && tokens[i - 1].kind == .word && !tokens[i - 1].cap { nonOrgAcr.insert(keys[i + 1]) }
        }

        // The passes over each sentence read the tokens in place (in this long function the array's subscript is an
        // out-of-line call that copies the whole token). The body keeps its indentation to keep this change small.
        tokens.withUnsafeBufferPointer { tokens in
        for si in sentences.indices {
            let r = sentenceRange(si)
            var i = r.lowerBound
            // "UN World Food Programme": "UN" before another body of the list is part of its name
            var unPrefix: Int? = nil
            let knownOrgBit = UInt16(1) << EntryKind.knownOrg.rawValue
            while i < r.upperBound {
                // (only a token of a known body's match can open one: the others are passed over in place)
                i = firstToken(from: i, to: r.upperBound) { _, k in matchKinds[k] & knownOrgBit != 0 }
                if i >= r.upperBound { break }
                // A. gazetteer bodies (not an acronym in parentheses after its own expansion: "Armed Forces of the
                //    Philippines (AFP)" is no news agency)
                if knownBody(i), let m = match(i), let e = m.first(.knownOrg), m.start == i, !expandedAcronym(i) {
                    if (keys[m.end - 1] == "un" || keys[m.end - 1] == "u.n.") && m.end - m.start <= 2 && m.end < r.upperBound && knownBody(m.end)
                        && matchStart(m.end) == m.end
                    {
                        unPrefix = i
                        i = m.end
                        continue
                    }
                    var a = unPrefix ?? i
                    unPrefix = nil
                    if keys[a] == "the" && a + 1 < m.end { a += 1 }  // "The UN" in the list
                    var end = m.end
                    // "Anadolu news agency"
                    if end + 1 < r.upperBound && keys[end] == "news" && keys[end + 1] == "agency" { end += 2 }
                    // "… Liberation Army of China": the state it belongs to is part of the name
                    if end + 1 < r.upperBound && keys[end] == "of", let c = country(end + 1), c.first == end + 1, !c.isCapital,
                        matchStart(end + 1) == end + 1, matches[Int(matchAt[end + 1])].has(.countryName)
                    {
                        end = c.end
                    }
                    let code = e.code.isEmpty ? nil : e.code
                    let canonical = Fold.normalize(e.value)
                    let surface = tokenText(a, end)
                    // (the surface's key folded once: it was folded up to four times)
                    let surfaceKey = Fold.normalize(surface)
                    if let oi = index[canonical] ?? index[surfaceKey] {
                        orgs[oi].mentions.append((a, end))
                        // the fullest form is the name; shorter forms are aliases
                        if surface.characterCount > orgs[oi].name.characterCount && surfaceKey != orgs[oi].key {
                            orgs[oi].aliases.append(orgs[oi].name)
                            orgs[oi].name = surface
                        } else if surfaceKey != orgs[oi].key && !orgs[oi].aliases.contains(surface) {
                            orgs[oi].aliases.append(surface)
                        }
                        index[surfaceKey] = oi
                    } else {
                        add(a, end, country: code, fixed: true)
                        index[canonical] = index[surfaceKey]
                    }
                    i = end
                    continue
                }
                i += 1
            }
            // B. capitalized runs that contain an organization head word
            i = r.lowerBound
            while i < r.upperBound {
                // (tokens that open no run and start no non-entity phrase are passed over in place)
                i = firstRunCandidate(from: i, to: r.upperBound)
                if i >= r.upperBound { break }
                let startsRun = (tokens[i].kind == .word && tokens[i].cap) || country(i) != nil
                if hasKind(i, .nonEntity) {
                    i = matchEnd(i)
                    continue
                }
                // ("Troops of Thailand's 4th Infantry Division": a sentence's first word that names people opens no body)
                if !startsRun || personTokens.contains(i) || knownBody(i)
                    || (i == r.lowerBound && tokens[i].cls & (W.people | W.delegateNoun) != 0)
                {
                    i += 1
                    continue
                }
                var j = i
                var last = i  // last cap token index (inclusive)
                while j < r.upperBound {
                    if personTokens.contains(j) || hasKind(j, .nonEntity) { break }
                    if j > i && tokens[j].newlineBefore { break }
                    if tokens[j].kind == .word && (tokens[j].cap || tokens[j].allCaps) {
                        if j > i && knownBody(j) && !(matchStart(j) == j && keys[j - 1] == "of") { break }
                        // "… Air Force C-130": a model designation ends the name
                        if j > i && keys[j].utf8.count <= 2 && j + 2 < r.upperBound && tokens[j + 1].p == UInt8(ascii: "-")
                            && !tokens[j + 1].spaceBefore && tokens[j + 2].kind == .number
                        {
                            break
                        }
                        last = j
                        j += 1
                        continue
                    }
                    if isOrdinal(j) {
                        j += 1
                        continue  // ordinals: "3rd"
                    }
                    // "Ministry of Investment, Industry and Trade": the portfolios listed after a head's "of"
                    if tokens[j].p == UInt8(ascii: ",") && j + 1 < r.upperBound && tokens[j + 1].cap && !tokens[j + 1].allCaps
                        && country(j + 1) == nil && !personTokens.contains(j + 1)
                        && (i + 1..<j).contains(where: { keys[$0] == "of" && isOrgHead($0 - 1) })
                    {
                        var q = j + 1
                        while q < r.upperBound && q - j <= 6 && tokens[q].kind == .word && tokens[q].cap && country(q) == nil { q += 1 }
                        if q + 1 < r.upperBound && keys[q] == "and" && tokens[q + 1].cap && country(q + 1) == nil && !personTokens.contains(q + 1) {
                            j += 1
                            continue
                        }
                    }
                    // "Malaysia's 3rd Infantry Brigade": a possessive, then a name or a numbered unit
                    let ordinalNext = j + 2 < r.upperBound && isOrdinal(j + 1) && tokens[j + 2].cap
                    if keys[j] == "'s" && j > i && j + 1 < r.upperBound && (tokens[j + 1].cap || ordinalNext) {
                        j += 1
                        continue
                    }
                    if tokens[j].p == UInt8(ascii: "'") && j > i && !tokens[j].spaceBefore && j + 1 < r.upperBound && tokens[j + 1].cap {
                        j += 1
                        continue
                    }
                    if tokens[j].p == UInt8(ascii: "-") && !tokens[j].spaceBefore && j + 1 < r.upperBound && !tokens[j + 1].spaceBefore && tokens[j + 1].cap {
                        j += 1
                        continue
                    }
                    if tokens[j].p == UInt8(ascii: "(") && j + 2 < r.upperBound && tokens[j + 1].cap && !tokens[j + 1].allCaps && tokens[j + 2].p == UInt8(ascii: ")")
                        && j + 3 < r.upperBound && tokens[j + 3].cap
                    {
                        j += 3
                        continue
                    }
                    // "People's Liberation Army (PLA) Navy": an acronym inside a name that goes on with a head
                    if tokens[j].p == UInt8(ascii: "(") && j + 3 < r.upperBound && tokens[j + 1].allCaps && tokens[j + 2].p == UInt8(ascii: ")")
                        && tokens[j + 3].cap && isOrgHead(j + 3) && j > i && isOrgHead(j - 1)
                    {
                        j += 3
                        continue
                    }
                    // "Commission on Defence and Security", "Committee on Foreign Relations": a head's topic
                    let onTopic = keys[j] == "on" && j > i && isOrgHead(j - 1) && j + 1 < r.upperBound && tokens[j + 1].cap
                        && tokens[j + 1].cls & (W.weekday | W.month) == 0 && country(j + 1) == nil
                    if keys[j] == "of" || keys[j] == "for" || keys[j] == "and" || onTopic {
                        var k = j + 1
                        if k < r.upperBound && keys[k] == "the" { k += 1 }
                        if k < r.upperBound && tokens[k].cap && !personTokens.contains(k) {
                            if keys[j] == "and" {
                                // "Command and Staff College"
                                let staffCollege = keys[j - 1] == "command" && keys[k] == "staff"
                                if !staffCollege && (tokens[k].allCaps || k > j + 1 || matchAt[k] >= 0) { break }
                                // only inside an "of" (or "on", "for") chain after a head: "Ministry of Defence and Veteran Affairs"
                                let ofAfterHead = (i..<j).contains {
                                    (keys[$0] == "of" || keys[$0] == "on" || keys[$0] == "for") && (i..<$0).contains(where: { isOrgHead($0) })
                                }
                                // or inside a name with no head before "and": "Humanitarian Aid and Relief Center"
                                let headless = !(i..<j).contains(where: { isOrgHead($0) }) && j - i >= 2
                                    && !(i..<j).contains(where: { $0 > i && country($0) != nil })
                                if !ofAfterHead && !staffCollege && !headless { break }
                            }
                            j = k
                            continue
                        }
                    }
                    break
                }
                let runEnd = last + 1
                // organization span inside the run
                var heads = [Int]()
                // (a head word inside a state's formal name is no head: "the Hashemite Kingdom of Jordan")
                for k in i..<runEnd where tokens[k].cap && isOrgHead(k) && !(country(k).map { $0.first < k } ?? false) { heads.append(k) }
                if heads.isEmpty {
                    i = max(runEnd, i + 1)
                    continue
                }
                var a = i
                // start after the last title before the first head ("Commander of the U.S. Pacific Fleet")
                var k = i
                while k < heads[0] {
                    if hasKind(k, .title) && !hasKind(k, .orgHead) {
                        let e = matchEnd(k)
                        // a body named after a ruler keeps the title: "King Salman Humanitarian Aid and Relief Center"
                        if Analysis.royalTitles.contains(keys[k]) && e == k + 1 && e < heads[0] && tokens[e].cap && !hasKind(e, .title) {
                            k = e
                            continue
                        }
                        a = e
                        // "Chief of the General Staff of the Azerbaijani Army": the General Staff is the body
                        if e - 2 >= k && keys[e - 1] == "staff" && keys[e - 2] == "general" { a = e - 2 }
                        k = e
                        continue
                    }
                    k += 1
                }
                // "Commandant of the National Coast Guard", "Aircraft of US Southern Command": words before an "of" that
                // name no body (no head among them) are not part of the body's name
                if a < heads[0], let o = (a..<heads[0]).last(where: { keys[$0] == "of" }), o > a,
                    !(a..<o).contains(where: { tokens[$0].cap && isOrgHead($0) }), country(a) == nil,
                    !(a > r.lowerBound && isOrdinal(a - 1)), !(a..<o).contains(where: isOrdinal)  // "1st Maritime District of …"
                {
                    a = o + 1
                }
                while a < runEnd && ((tokens[a].cls & W.leadingFn != 0) || keys[a] == "'s") { a += 1 }
                // a numbered unit: "the 1st Maritime District …"
                if a == i && i > r.lowerBound && isOrdinal(i - 1) { a = i - 1 }
                // "81 Division of the Nigerian Army": a unit numbered with a plain number
                if a == i && i > r.lowerBound && tokens[i - 1].kind == .number && Analysis.unitHeads.contains(keys[i]) { a = i - 1 }
                // "EAC Council of Ministers", "AU Commission": an organ of an international body named by its acronym
                var organOfBody = false
                if a == i && i > r.lowerBound && tokens[i - 1].allCaps && knownBody(i - 1) && matchEnd(i - 1) == i,
                    let e = match(i - 1)?.first(.knownOrg), e.code.isEmpty
                {
                    a = i - 1
                    organOfBody = true
                }
                var b = runEnd
                // "Embassy in Baghdad", "Kenya High Commission in Kampala"
                if b + 1 < r.upperBound, keys[b] == "in",
                    keys[b - 1] == "embassy" || keys[b - 1] == "consulate" || (keys[b - 1] == "commission" && b - 2 >= a && keys[b - 2] == "high"),
                    tokens[b + 1].cap
                {
                    var e = b + 1
                    while e < r.upperBound && tokens[e].cap && !tokens[e].newlineBefore { e += 1 }
                    b = e
                }
                guard a < b else {
                    i = runEnd
                    continue
                }
                // generic: a bare head word, alone or with a country qualifier
                var core = a
                if let c = country(a), c.first == a {
                    core = c.end
                    if core < b && keys[core] == "'s" { core += 1 }
                }
                let coreWords = (core..<b).filter { tokens[$0].kind == .word }
                let generic = coreWords.count == 1 && Analysis.genericSingleHeads.contains(keys[coreWords[0]])
                    && (core > a || i == r.lowerBound || keys[a - 1] == "the" || true)
                let lastWord = keys[b - 1]
                // (not a body's topic after its head: "the Institute for the Study of War", "Museum of the Great War")
                let headBeforePreposition = heads.contains { h in
                    h < b - 1 && (h + 1..<b - 1).contains { ["of", "for", "on"].contains(keys[$0]) }
                }
                let placeLike = g.nonPersonHeads.contains(lastWord) && !isOrgHead(b - 1) && !headBeforePreposition
                let isGov = coreWords.allSatisfy { keys[$0] == "government" || keys[$0] == "state" || keys[$0] == "party" }
                let forceHead = coreWords.count == 1 && ["gendarmerie", "police", "army", "navy", "military"].contains(keys[coreWords[0]])
                // "the police" alone, or a state's forces written in capitals: "the Nepal Army", "US Navy"
                let standaloneOK = forceHead && ((core == a && a > r.lowerBound && keys[a - 1] == "the") || core > a)
                if organOfBody && !placeLike {
                    add(a, b, country: nil, fixed: true)
                } else if (!generic || standaloneOK) && !placeLike && !isGov && !(coreWords.count == 1 && keys[coreWords[0]] == "party") {
                    let c = countryInside(a, b)
                    add(a, b, country: c, fixed: c != nil)
                }
                i = max(runEnd, b)
            }
            // C. lower-case bodies after a state: "the Peruvian foreign ministry", "Peru's embassy in Quito"
            i = r.lowerBound
            while i < r.upperBound {
                // (tokens that name no state are passed over in place)
                i = firstCountryToken(from: i, to: r.upperBound)
                if i >= r.upperBound { break }
                guard let c = country(i), !c.isCapital, c.first == i else {
                    i += 1
                    continue
                }
                var k = c.end
                if k < r.upperBound && keys[k] == "'s" { k += 1 }
                var e = k
                var headAt = -1
                while e < r.upperBound && e - k < 4 && tokens[e].kind == .word && !tokens[e].cap {
                    if (tokens[e].cls & W.lowerOrgHead != 0) && !(keys[e] == "agency" && e > k && keys[e - 1] == "news") {
                        headAt = e
                    }
                    // (modifiers only between the state and the head: not "Spaniards arrived at the embassy")
                    if headAt < 0 && (keyEnds(e, "ed") || tokens[e].cls & (W.determiner | W.locative | W.clauseWord) != 0) { break }
                    e += 1
                    if headAt >= 0 { break }
                }
                if headAt >= 0 && headAt > k - 1 {
                    var b = headAt + 1
                    if b + 1 < r.upperBound && (keys[headAt] == "embassy" || keys[headAt] == "consulate") && keys[b] == "in"
                        && tokens[b + 1].cap
                    {
                        // the whole place name: "embassy in Buenos Aires"
                        b += 2
                        while b < r.upperBound && b - headAt <= 5 && tokens[b].kind == .word && tokens[b].cap && !tokens[b].newlineBefore { b += 1 }
                    } else if b + 1 < r.upperBound && (keys[headAt] == "commission" || keys[headAt] == "committee")
                        && keys[b] == "for"
                    {
                        var f = b + 1
                        while f < r.upperBound && f - b <= 4 && tokens[f].kind == .word && !tokens[f].cap
                            && !(tokens[f].cls & W.clauseWord != 0) && !keyEnds(f, "ly") && !keyEnds(f, "ed")
                        {
                            f += 1
                        }
                        b = f
                    }
                    add(i, b, country: c.code, fixed: true)
                    i = b
                    continue
                }
                // C2. a state's forces named by a lower-case head: "the Chinese navy", "Myanmar's military", "Pakistani
                //     forces" (not a modifier: "Chinese military drills", "the Indian army chief")
                var fb = -1
                if k < r.upperBound && !tokens[k].cap && tokens[k].cls & W.forceHead != 0 { fb = k + 1 }
                if k + 1 < r.upperBound && !tokens[k].cap && tokens[k].cls & W.forceHeadPairFirst != 0
                    && Analysis.forceHeadPairs.contains(keys[k] + " " + keys[k + 1])
                {
                    fb = k + 2
                }
                // "the Indonesian and Malaysian armed forces" names two forces jointly: no single body
                let joint = i >= r.lowerBound + 2 && (keys[i - 1] == "and" || keys[i - 1] == ",") && country(i - 2) != nil
                // "military-industrial", "military-controlled": a modifier
                let hyphened = fb > 0 && fb < r.upperBound && tokens[fb].p == UInt8(ascii: "-") && !tokens[fb].spaceBefore
                let modifier = fb > 0 && fb < r.upperBound && tokens[fb].kind == .word && !tokens[fb].cap && Analysis.forceModifiedNouns.contains(keys[fb])
                if fb > 0 && !joint && !hyphened && !modifier && !orgCovered(i, fb) {
                    add(i, fb, country: c.code, fixed: true)
                    i = fb
                    continue
                }
                i = c.end
            }
            // C3. a ministry named by its portfolio alone: "the foreign ministry said" (its state is resolved later)
            i = r.lowerBound + 1
            while i + 1 < r.upperBound {
                while i < r.upperBound - 1 && tokens[i + 1].cls & W.lowerOrgHead == 0 { i += 1 }
                if i + 1 >= r.upperBound { break }
                if tokens[i + 1].cls & W.lowerOrgHead != 0 && keys[i + 1] == "ministry" && !tokens[i].cap && !tokens[i + 1].cap
                    && Analysis.portfolios.contains(keys[i])
                    && country(i - 1) == nil && !(keys[i - 1] == "'s") && !orgCovered(i, i + 2)
                {
                    add(i, i + 2, country: nil, fixed: false)
                    i += 2
                    continue
                }
                i += 1
            }
            // C4. a company named after what it is: "South Korean defence firm Hanwha Aerospace", "the carrier Air Y"
            i = r.lowerBound + 1
            while i < r.upperBound {
                while i < r.upperBound && tokens[i - 1].cls & W.companyNoun == 0 { i += 1 }
                if i >= r.upperBound { break }
                guard tokens[i - 1].cls & W.companyNoun != 0, tokens[i].cap, tokens[i].kind == .word, matchAt[i] < 0, !tokens[i - 1].cap else {
                    i += 1
                    continue
                }
                var e = i
                while e < r.upperBound && e - i < 5 && tokens[e].kind == .word && tokens[e].cap && !tokens[e].newlineBefore { e += 1 }
                if !orgCovered(i, e) {
                    // the state of the descriptor: "South Korean defence firm"
                    var home: String? = nil
                    var q = i - 2
                    while q >= r.lowerBound && i - q <= 5 && tokens[q].kind == .word {
                        if let c = country(q), !c.isCapital {
                            home = c.code
                            break
                        }
                        q -= 1
                    }
                    add(i, e, country: home, fixed: home != nil)
                }
                i = e
            }
            // D. news agencies named with a lower-case head: "the semi-official Sahar News outlet" is covered by B;
            //    "X news agency" with a capitalized X
            i = r.lowerBound
            while i + 2 < r.upperBound {
                // ("news" and "agency" end in "s" and "y": their last bytes are tested first)
                i = firstAgencyCandidate(from: i, to: r.upperBound - 2)
                if i + 2 >= r.upperBound { break }
                if tokens[i].cap && tokens[i].kind == .word && keys[i + 1] == "news" && keys[i + 2] == "agency"
                    && matchAt[i] < 0
                {
                    add(i, i + 3, country: nil, fixed: false)
                }
                i += 1
            }
            // D1. the agency in a dateline's parentheses, known or not: "Havana, Nov 30 (Prensa Latina) The …",
            //     "LISBON, July 9 (Lusa) -" (its state is settled later, by the dateline's city when no list knows it)
            let dl = si <= 2 ? datelineEnd(si) : r.lowerBound
            if dl > r.lowerBound, let open = (r.lowerBound..<dl).first(where: { tokens[$0].p == UInt8(ascii: "(") }),
                let close = (open + 1..<dl).first(where: { tokens[$0].p == UInt8(ascii: ")") }), close - open >= 2, close - open <= 4,
                (open + 1..<close).allSatisfy({ tokens[$0].kind == .word && tokens[$0].cap && country($0) == nil }),
                !orgCovered(open + 1, close), !(open + 1..<close).contains(where: { personTokens.contains($0) })
            {
                add(open + 1, close, country: nil, fixed: false)
            }
            // D2. prisons named with a lower-case head: "Iran's Evin prison", "held in Insein prison" (a capitalized name
            //     that is no state, city or person right before "prison" or "jail")
            // (the last byte first: one compare per token)
            for k in (r.lowerBound + 2)..<max(r.lowerBound + 2, r.upperBound)
            where (tokens[k].last == UInt8(ascii: "n") && keys[k] == "prison" || tokens[k].last == UInt8(ascii: "l") && keys[k] == "jail") && !tokens[k].cap {
                let n = k - 1
                // (a city's name is the prison's too: "Insein prison")
                let city = country(n).map { $0.isCity && $0.first == n } ?? false
                guard tokens[n].cap && tokens[n].kind == .word && !tokens[n].allCaps && (matchAt[n] < 0 || city) && (country(n) == nil || city)
                    && !personTokens.contains(n) && !orgCovered(n, k + 1)
                else { continue }
                // "Iran's Evin prison": the possessive state is part of the name and gives its state
                if n >= r.lowerBound + 2 && keys[n - 1] == "'s", let c = country(n - 2), !c.isCapital {
                    add(c.first, k + 1, country: c.code, fixed: true)
                } else {
                    add(n, k + 1, country: city ? country(n)!.code : nil, fixed: city)
                }
            }
            // E. armed groups: "the militant group Al Fajr Brigade"
            i = r.lowerBound + 1
            while i < r.upperBound {
                while i < r.upperBound && tokens[i - 1].cls & W.groupNoun == 0 { i += 1 }
                if i >= r.upperBound { break }
                if (tokens[i - 1].cls & W.groupNoun != 0) && isNameToken(i) {
                    let (end, _) = nameSequence(i, limit: r.upperBound)
                    if end - i >= 2 { add(i, end, country: nil, fixed: false) }
                    i = end
                    continue
                }
                i += 1
            }
        }
        }
        // E2. web sites named by their address: "tass.ru", "MarineTraffic.com" (a country-code domain gives the state)
        // (a domain's dot sits 3 or 4 scalars before the token's end: a constant-time test per token)
        // (the loop written out: through ``tokenIndices(where:)`` the test was an out-of-line call per token)
        let addresses = tokens.withUnsafeBufferPointer { t in
            sc.withUnsafeBufferPointer { sc in
                var out = [Int]()
                for i in t.indices
                where t[i].kind == .word && !t[i].allCaps && t[i].end - t[i].start >= 5 && (sc[t[i].end - 3] == "." || sc[t[i].end - 4] == ".") {
                    out.append(i)
                }
                return out
            }
        }
        for i in addresses {
            let parts = keys[i].split(separator: ".")
            guard parts.count >= 2, parts[0].count >= 2, let tld = parts.last, tld.count >= 2, tld.count <= 3,
                !orgCovered(i, i + 1)
            else { continue }
            let cc = tld == "uk" ? "GB" : tld.uppercased()
            let generic = ["com", "org", "net", "int", "gov", "edu", "info"].contains(String(tld))
            guard generic || g.countryName[cc] != nil else { continue }
            // a generic domain of a body in the list takes its state: "Shutterstock.com"
            let home = generic ? g.knownOrgCountry[String(parts[0])].flatMap { $0.isEmpty ? nil : $0 } : cc
            add(i, i + 1, name: tokenText(i, i + 1), country: home, fixed: home != nil)
        }
        // F. acronyms: "(RCAF)" after a name, "ACR (Expansion)", standalone uses.
        // (the plural forms are gathered on first use: few documents ask)
        var pluralKeys: Set<String>? = nil
        func docHasPlural(_ acr: String) -> Bool {
            if pluralKeys == nil {
                var found = Set<String>()
                for (ti, t) in tokens.enumerated() where t.cap && t.kind == .word && !t.allCaps && t.end - t.start >= 3 && t.end - t.start <= 8 && keyEnds(ti, "s") {
                    found.insert(keys[ti])
                }
                pluralKeys = found
            }
            return pluralKeys!.contains(acr + "s")
        }
        // (the acronym shapes told once for both passes below)
        let acronymWords = tokenIndices { t, i in t[i].kind == .word && t[i].cap }.filter { isAcronymToken($0) }
        // "TNI-AD", "PLA-N": an acronym with a hyphened service suffix is one body
        var suffixed = Set<Int>()
        for i in acronymWords where !personTokens.contains(i) && hyphenJoined(i)
            && tokens[i + 2].kind == .word && tokens[i + 2].allCaps && (2...3).contains(tokens[i + 2].end - tokens[i + 2].start)
            && tokens[i].allCaps && !hasKind(i, .countryName) && !hasKind(i, .countryAdj) && !orgCovered(i, i + 3)
        {
            let raw = tokenText(i, i + 3)
            add(i, i + 3, name: raw, country: nil, fixed: false, acronym: true)
            suffixed.insert(i)
            suffixed.insert(i + 2)
        }
        for i in acronymWords where !personTokens.contains(i) && !suffixed.contains(i) {
            let si = tokens[i].sentence
            if shouting[si] { continue }
            if (hasKind(i, .knownOrg) && !expandedAcronym(i)) || hasKind(i, .countryName) || hasKind(i, .countryAdj) || hasKind(i, .capital) || hasKind(i, .rank) || hasKind(i, .nonEntity) {
                continue
            }
            // "BRP Miguel Malvar", "JS Suzutsuki": a ship's prefix
            if Analysis.shipPrefixes.contains(keys[i]) && i + 1 < tokens.count && tokens[i + 1].cap && tokens[i + 1].spaceBefore { continue }
            // "US$": a currency sign
            if i + 1 < tokens.count && tokens[i + 1].p == UInt8(ascii: "$") && !tokens[i + 1].spaceBefore { continue }
            // "CZK 3 million", "2.5 billion XAF": a three-letter currency code beside an amount
            if tokens[i].allCaps && tokens[i].end - tokens[i].start == 3
                && ((i + 1 < tokens.count && tokens[i + 1].kind == .number) || (i > 0 && tokens[i - 1].kind == .number)
                    || (i > 1 && tokens[i - 2].kind == .number && QuantityLexicon.multipliers[keys[i - 1]] != nil))
            {
                continue
            }
            // "JPY600", "PHP228": an amount in a currency code
            // (ASCII digits read from the bytes; other numerals as characters, only in keys with non-ASCII bytes)
            if keys[i].utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 })
                || (keys[i].utf8.contains(where: { $0 >= 0x80 }) && keys[i].contains(where: { $0.isNumber }))
            {
                continue
            }
            // "ALMATY, March 2 (Reuters) -", "ISTANBUL/ALMATY (Reuters) -", "SINTANG, West Kalimantan:": a dateline's city
            if si <= 2 && i == sentenceRange(si).lowerBound && i + 1 < tokens.count
                && (tokens[i + 1].p == UInt8(ascii: ",") || tokens[i + 1].p == UInt8(ascii: ":") || keys[i + 1] == "--" || tokens[i + 1].p == UInt8(ascii: "-"))
            {
                continue
            }
            // (not the agency's place: "…, Nov. 10, GNA -", "(APS)")
            if si <= 2 && i < datelineEnd(si) && tokens[i].allCaps && i + 2 != datelineEnd(si) && !(i > 0 && tokens[i - 1].p == UInt8(ascii: "(")) {
                continue
            }
            // "H.R. McMaster": initials
            if tokenText(i, i + 1).split(separator: ".").allSatisfy({ $0.count == 1 }) && keys[i].contains(".") { continue }
            if g.countryForms[keys[i].uppercased()] != nil { continue }
            var key = keys[i]
            var plural = false
            if keyEnds(i, "s") && tokens[i].end - tokens[i].start >= 3 && !tokens[i].allCaps {
                key.removeLast()
                plural = true
            }
            if key.count < 2 || nonOrgAcr.contains(key) { continue }
            // "SUVs", "UAVs": the plural of a thing's acronym names things
            if plural && g.nonOrgAcronyms.contains(key + "s") { continue }
            // "IRIS-T", "S-400": an acronym joined to a letter or a number is a weapon's or a product's name
            if hyphenJoined(i) && (tokens[i + 2].kind == .number || (tokens[i + 2].allCaps && keys[i + 2].count == 1)) {
                continue
            }
            let raw = plural ? text(tokens[i].start, tokens[i].end - 1) : tokenText(i, i + 1)
            // domains: DAILY.KZ
            if raw.contains(".") {
                let parts = raw.split(separator: ".")
                let tld = Fold.normalize(String(parts.last ?? "")).uppercased()
                let code = tld == "UK" ? "GB" : tld
                add(i, i + 1, country: g.countryName[code] != nil ? code : nil, fixed: g.countryName[code] != nil)
                continue
            }
            if g.nonOrgAcronyms.contains(key) {
                // "HE Sheikh …", "HH Tamim": an honorific before a name
                if i + 1 < tokens.count && (personTokens.contains(i + 1) || hasKind(i + 1, .honorific)) { continue }
                // GDP as a named department: only with a plural use or a leader "Chief of (Vietnamese) GDP"
                let prev = i > 0 ? keys[i - 1] : ""
                let prev2 = i > 1 ? keys[i - 2] : ""
                let ledBy = prev == "of" || (country(i - 1) != nil && prev2 == "of")
                if !(docHasPlural(key) || plural || ledBy) { continue }
                let hasChief = i > 2 && ((tokens[max(0, i - 3)].cls & W.titleWord != 0) || (tokens[max(0, i - 2)].cls & W.titleWord != 0))
                if !(plural || docHasPlural(key) || hasChief) { continue }
            }
            if key.count > 7 && tokens[i].allCaps && !(i > 0 && tokens[i - 1].p == UInt8(ascii: "(")) && !(i + 1 < tokens.count && tokens[i + 1].p == UInt8(ascii: "(")) {
                // long all-caps words are usually shouted words, not acronyms
                continue
            }
            // ACR (Expansion)
            if i + 3 < tokens.count && tokens[i + 1].p == UInt8(ascii: "(") && tokens[i + 2].cap && !isAcronymToken(i + 2) {
                var e = i + 2
                while e < tokens.count && tokens[e].p != UInt8(ascii: ")") && e - i < 16 && tokens[e].sentence == si { e += 1 }
                if e < tokens.count && tokens[e].p == UInt8(ascii: ")") && e - (i + 2) >= 2 {
                    let c = countryInside(i + 2, e)
                    add(i + 2, e, alias: raw, country: c, fixed: c != nil)
                    if let oi = index[Fold.normalize(tokenText(i + 2, e))] {
                        orgs[oi].mentions.append((i, i + 1))
                        index[key] = oi
                    }
                    continue
                }
            }
            // (ACR) after a name
            if i >= 2 && tokens[i - 1].p == UInt8(ascii: "(") && i + 1 < tokens.count && tokens[i + 1].p == UInt8(ascii: ")") {
                let endTok = i - 1
                if let oi = orgs.lastIndex(where: { $0.mentions.contains { $0.1 == endTok } }) {
                    if !orgs[oi].aliases.contains(raw) { orgs[oi].aliases.append(raw) }
                    orgs[oi].mentions.append((i, i + 1))
                    index[key] = oi
                    continue
                }
                // a capitalized phrase right before: "Grand Ethiopian Renaissance Dam (GERD)" is a place
                var s = endTok - 1
                while s >= 0 && tokens[s].sentence == si && (tokens[s].cap || keys[s] == "of" || keys[s] == "and" || keys[s] == "'s") { s -= 1 }
                s += 1
                while s < endTok && !tokens[s].cap { s += 1 }
                if endTok - s >= 2 && !personTokens.contains(endTok - 1) {
                    if (tokens[endTok - 1].cls & W.nonPersonHead != 0) { continue }
                    if keys[endTok - 1] == "forces" || isOrgHead(endTok - 1) || initialsMatch(key, s, endTok) {
                        let c = countryInside(s, endTok)
                        add(s, endTok, alias: raw, country: c, fixed: c != nil)
                        if let oi = index[Fold.normalize(tokenText(s, endTok))] {
                            orgs[oi].mentions.append((i, i + 1))
                            index[key] = oi
                        }
                        continue
                    }
                }
            }
            if let oi = index[key] {
                orgs[oi].mentions.append((i, i + 1))
                continue
            }
            // initials of a known name in the document: VPA ↔ Vietnam People's Army
            if let oi = orgs.firstIndex(where: { o in o.mentions.contains { initialsMatch(key, $0.0, $0.1) } }) {
                if !orgs[oi].aliases.contains(raw) { orgs[oi].aliases.append(raw) }
                orgs[oi].mentions.append((i, i + 1))
                index[key] = oi
                continue
            }
            // "SOAS University of London", "RAND Corporation": an acronym that opens a body's name is part of it
            if orgCovered(i, i + 1) { continue }
            // "Peruvian DGI": a country qualifier makes it the full name
            if i > 0, let c = country(i - 1), !c.isCapital, c.end == i {
                add(c.first, i + 1, name: tokenText(c.first, i) + " " + raw, alias: raw, country: c.code, fixed: true, acronym: true)
                index[key] = index[Fold.normalize(tokenText(c.first, i) + " " + raw)]
                continue
            }
            add(i, i + 1, name: raw, country: nil, fixed: false, acronym: true)
        }
        mergeOrganizations()
    }

    /// Does `acr` spell the initials of the capitalized words in tokens[a..<b] (or a suffix of them)?
    func initialsMatch(_ acr: String, _ a: Int, _ b: Int) -> Bool {
        var withOf = [Character]()
        var without = [Character]()
        for k in a..<b {
            let t = tokens[k]
            guard t.kind == .word, let f = keys[k].first else { continue }
            if keys[k] == "'s" { continue }
            if t.cap {
                withOf.append(f)
                without.append(f)
            } else if keys[k] == "of" || keys[k] == "and" {
                withOf.append(f)
            }
        }
        let target = Array(acr)
        guard target.count >= 2 else { return false }
        for cand in [without, withOf] where cand.count >= target.count {
            if Array(cand.suffix(target.count)) == target { return true }
        }
        return false
    }

    func mergeOrganizations() {
        // a short form of a longer name with the same state ("Chilean Embassy" ⊂ "Chilean Embassy in Lima")
        var removed = [Bool](repeating: false, count: orgs.count)
        // (one pass reading the fields in place: mapping over `orgs` copies each body)
        var bases = [String]()
        var keys = [String]()
        var lengths = [Int]()
        var known = [Bool]()
        var acronym = [Bool]()
        bases.reserveCapacity(orgs.count)
        keys.reserveCapacity(orgs.count)
        lengths.reserveCapacity(orgs.count)
        known.reserveCapacity(orgs.count)
        acronym.reserveCapacity(orgs.count)
        for oi in orgs.indices {
            bases.append(Fold.normalize(orgs[oi].base))
            keys.append(orgs[oi].key)
            lengths.append(orgs[oi].key.utf8.count)
            known.append(g.knownOrgCountry[orgs[oi].key] != nil)
            acronym.append(orgs[oi].isAcronym)
        }
        // read fields in place: copying an OrgBuild per pair retains and releases all of its members
        for i in orgs.indices {
            for j in orgs.indices where i != j && !removed[j] && !removed[i] && lengths[i] < lengths[j] {
                let ca = orgs[i].country
                let cb = orgs[j].country
                let sameState = ca == nil || cb == nil || ca == cb
                guard sameState else { continue }
                var prefix = false
                if !known[i] && !acronym[i] && keys[j].hasPrefix(keys[i]) {
                    // "swedish embassy" + " in baghdad"
                    let rest = keys[j].utf8.dropFirst(lengths[i])
                    if rest.first == 0x20 {
                        let restWord = String(decoding: rest.dropFirst().prefix { $0 != 0x20 }, as: UTF8.self)
                        prefix = restWord == "in" || restWord == "of" || restWord == "for"
                    }
                }
                let sameBase = bases[i] == bases[j] && ca != nil && ca == cb
                let isBase = bases[j] == keys[i] && !acronym[i]
                if prefix || sameBase || isBase {
                    let a = orgs[i]
                    if !orgs[j].aliases.contains(a.name) { orgs[j].aliases.append(a.name) }
                    for al in a.aliases where !orgs[j].aliases.contains(al) { orgs[j].aliases.append(al) }
                    orgs[j].mentions.append(contentsOf: a.mentions)
                    if orgs[j].country == nil { orgs[j].country = a.country }
                    removed[i] = true
                }
            }
        }
        // remove in place (moves, no copies); few bodies per document
        for i in orgs.indices.reversed() where removed[i] { orgs.remove(at: i) }
        for oi in orgs.indices {
            if orgs[oi].aliases.isEmpty { continue }
            // few aliases per body: a linear search beats hashing
            var seen = [Fold.normalize(orgs[oi].name)]
            orgs[oi].aliases = orgs[oi].aliases.filter { a in
                let n = Fold.normalize(a)
                if seen.contains(n) { return false }
                seen.append(n)
                return true
            }
        }
    }
}
