import AttacheContracts

struct PersonBuild {
    var key: String
    var name: String
    var words: [String]
    var aliases: [String] = []
    var strongCountry: String?
    var weakCountries: [String] = []
    var rank: String?
    var roles: [String] = []
    var mentions: [(Int, Int)] = []
    /// Token ranges of the role chunks (to find organizations named in them).
    var roleRanges: [(Int, Int)] = []
    /// Named in a photo or translation credit: no state unless the text gives one.
    var credit = false
    /// Told to be a national of one state serving another ("a Danish national who serves as adviser to …"): the name,
    /// which tells a nationality, is no evidence of the state served.
    var servesAnotherState = false
}

/// A capitalized name sequence with what surrounds it.
struct NameSeq {
    var start: Int
    var end: Int
    var words: Int
    var rank: String?
    var honorific = false
    var title = false
    var appositive = false
    var credit = false
    var roles: [String] = []
    var roleRanges: [(Int, Int)] = []
    var country: String?
    var servesAnotherState = false
}

extension Analysis {
    static let roleConnectors: Set<String> = ["of", "the", "to", "and", "for", "in", "at", "'s", "on", "(", ")", "-", "'"]
    static let roleModifiers: Set<String> = [
        "deputy", "assistant", "senior", "junior", "former", "vice", "acting", "chief", "then", "recently", "appointed",
        "newly", "elected", "his", "her", "their", "its", "a", "an", "also", "retired", "top", "first", "permanent",
        "special", "interim", "caretaker", "outgoing", "incoming", "new", "defense", "defence", "foreign", "interior",
        "home", "national", "public", "security", "armed", "forces", "military", "political", "state", "border",
        "affairs", "team", "football", "star", "veteran", "opposition", "ruling", "party", "army", "navy", "police",
        "executive", "general", "regional", "provincial", "district", "presidential", "prime", "ministry", "foreign",
        "religious", "prominent", "influential", "powerful", "longtime", "former", "current",
        "infantry", "land", "air", "naval", "staff", "joint", "combined", "coast", "guard", "intelligence",
        "economy", "finance", "trade", "justice", "health", "education", "energy", "agriculture", "transport", "government",
        "statistics", "office", "embassy", "mission", "counterpart", "high", "commissioner", "secretary",
        "striker", "midfielder", "goalkeeper", "coach", "captain", "defender", "head", "national", "this", "that", "country",
    ]
    static let locatives: Set<String> = [
        "in", "at", "near", "from", "into", "across", "outside", "inside", "toward", "towards", "around", "through",
    ]
    static let appositionSkips: Set<String> = ["a", "an", "the", "who", "is", "was", "also", "now", "currently", "has", "been", "being"]
    /// Nouns before a vessel's or a weapon's name: "the tanker X", "aboard the frigate X".
    static let vehicleNouns: Set<String> = [
        "ship", "vessel", "tanker", "freighter", "carrier", "frigate", "destroyer", "submarine", "corvette", "warship",
        "boat", "cruiser", "ferry", "trawler", "yacht", "aircraft", "jet", "helicopter", "drone", "missile", "satellite",
        "rocket", "system", "tank", "tanks", "howitzer", "howitzers", "rifle", "rifles",
    ]
    /// "built by X", "made by X": X is a maker.
    static let demonymFollowers: WordSet = ["national", "citizen", "who", "and"]
    static let servingWords: WordSet = ["serves", "served", "serving", "adviser", "advisor", "works", "working", "employed"]
    static let envoyPersonNouns: WordSet = ["man", "woman", "envoy", "representative"]
    static let loneWordBlockers: WordSet = ["in", "at", "for", "of", "the", "on", "into", "near", "outside", "inside"]
    static let madeVerbs: Set<String> = ["built", "made", "manufactured", "produced", "developed", "designed", "operated", "owned", "supplied"]
    static let placeFirstWords: Set<String> = ["operation", "exercise", "villa", "mount", "lake", "port", "fort", "cape", "camp", "gulf", "bay", "river", "sea", "cup", "battle", "treaty"]
    static let regnalNumbers: Set<String> = ["ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii", "xiii", "xiv", "xv", "xvi"]
    static let groupNouns: Set<String> = ["group", "organization", "organisation", "movement", "militia", "outfit", "faction", "network", "cell"]

    @inline(__always) func isNameToken(_ i: Int) -> Bool {
        guard tokens[i].kind == .word, tokens[i].cap, !tokens[i].allCaps else { return false }
        // every gazetteer entry kind (country, rank, title, body, …) rules out a name word, but for a city's name
        // inside a person's ("Maria Lvova-Belova")
        if matchAt[i] >= 0 { return cityWordInName(i) }
        if tokens[i].cls & W.month != 0 && monthWordIsAName(i) { return true }
        return tokens[i].cls & (W.nonName | W.orgHead | W.roleMod) == 0
    }

    /// A one-word city of the public list with a capitalized word that no table knows right beside it (joined by a
    /// hyphen or a space, not after a preposition): part of a person's name.
    func cityWordInName(_ i: Int) -> Bool {
        let m = matches[Int(matchAt[i])]
        guard m.end - m.start == 1, m.entries.allSatisfy(\.city) else { return false }
        if i > 0 && tokens[i - 1].cls & W.locative != 0 { return false }
        func plainName(_ k: Int) -> Bool {
            k >= 0 && k < tokens.count && tokens[k].kind == .word && tokens[k].cap && !tokens[k].allCaps && matchAt[k] < 0
                && tokens[k].cls & (W.nonName | W.orgHead | W.roleMod) == 0 && tokens[k].sentence == tokens[i].sentence
        }
        if i + 2 < tokens.count && keys[i + 1] == "-" && !tokens[i + 1].spaceBefore && !tokens[i + 2].spaceBefore && plainName(i + 2) { return true }
        return plainName(i - 1) || plainName(i + 1)
    }

    /// "Jan Kowalski", "May Chen": a month word that starts a name — followed by a capitalized word that is no
    /// month, number or gazetteer entry, and not after a number ("5 May").
    func monthWordIsAName(_ i: Int) -> Bool {
        guard i + 1 < tokens.count, tokens[i + 1].sentence == tokens[i].sentence else { return false }
        let next = tokens[i + 1]
        guard next.kind == .word, next.cap, !next.allCaps, next.cls & (W.month | W.nonName) == 0, matchAt[i + 1] < 0 else { return false }
        if i > 0 && (tokens[i - 1].kind == .number || keys[i - 1] == "in" || keys[i - 1] == "since" || keys[i - 1] == "until" || keys[i - 1] == "of") { return false }
        return true
    }

    /// "Foreign Minister Israel Katz", "striker Santiago Gimenez": a state's or a capital's name opens a person's name
    /// when an office, rank or role word stands before it and a name word follows.
    func placeWordOpensName(_ i: Int, _ r: Range<Int>) -> Bool {
        guard i > r.lowerBound, i + 1 < r.upperBound, tokens[i].kind == .word, tokens[i].cap, !tokens[i].allCaps,
            let m = match(i), m.start == i, m.end == i + 1, m.has(.countryName) || m.has(.capital), !m.has(.countryAdj),
            isNameToken(i + 1), tokens[i + 1].spaceBefore
        else { return false }
        let before = i - 1
        return hasKind(before, .title) || hasKind(before, .rank) || hasKind(before, .honorific)
            || (tokens[before].cls & W.roleMod != 0 && !tokens[before].cap)
    }

    /// Photo credits in capitals: "AFP/FADEL SENNA", "DARIO LOPEZ-MILLS / AP": two or three words in capitals
    /// next to a slash and a news agency name a person (a credit: no state unless the text gives one).
    func findCreditNames(_ index: inout [String: Int]) {
        var i = 0
        while i < tokens.count {
            i = firstToken(from: i, to: tokens.count) { t, k in t[k].kind == .word && t[k].allCaps && matchAt[k] < 0 }
            if i >= tokens.count { break }
            guard tokens[i].kind == .word, tokens[i].allCaps, matchAt[i] < 0 else {
                i += 1
                continue
            }
            var end = i
            var words = 0
            while end < tokens.count && words < 3 && tokens[end].sentence == tokens[i].sentence {
                if tokens[end].kind == .word && tokens[end].allCaps && matchAt[end] < 0 && keys[end].utf8.count >= 2 && (end == i || tokens[end].spaceBefore) {
                    words += 1
                    end += 1
                } else if tokens[end].p == UInt8(ascii: "-") && !tokens[end].spaceBefore && end + 1 < tokens.count
                    && tokens[end + 1].allCaps && !tokens[end + 1].spaceBefore
                {
                    end += 2
                } else {
                    break
                }
            }
            func agency(_ k: Int) -> Bool { k >= 0 && k < tokens.count && hasKind(k, .knownOrg) }
            let slashBefore = i >= 2 && tokens[i - 1].p == UInt8(ascii: "/") && agency(i - 2)
            let slashAfter = end + 1 < tokens.count && tokens[end].p == UInt8(ascii: "/") && agency(end + 1)
            if words >= 2 && (slashBefore || slashAfter) {
                let raw = tokenText(i, end)
                let key = Fold.normalize(raw)
                if index[key] == nil {
                    var seq = NameSeq(start: i, end: end, words: words)
                    seq.credit = true
                    seq.honorific = true
                    var pb = PersonBuild(key: key, name: raw, words: nameKeyWords(i, end))
                    merge(&pb, seq, raw)
                    index[key] = persons.count
                    persons.append(pb)
                }
            }
            i = max(end, i + 1)
        }
    }

    /// Extends a name sequence that starts at `i`.
    func nameSequence(_ i: Int, limit: Int) -> (end: Int, words: Int) {
        var end = i + 1
        var words = 1
        // a name opened by an initial of one or two letters: "U. Batbayar", "Ts. Ganbold"
        if tokens[i].end - tokens[i].start <= 2 && i + 2 < limit && tokens[i + 1].p == UInt8(ascii: ".") && !tokens[i + 1].spaceBefore
            && isNameToken(i + 2) && tokens[i + 2].spaceBefore && !Analysis.abbreviationsBeforeNames.contains(keys[i])
            && !(i > 0 && Analysis.placePrepositionsBeforeInitial.contains(keys[i - 1]))  // "wrote on X. Castro added"
        {
            end = i + 3
            words = 2
        }
        while end < limit && words < 6 {
            let k = end
            let t = tokens[k]
            if t.newlineBefore { break }
            // an initial: "Mary K. Ortega"
            if t.kind == .word && t.cap && t.end - t.start == 1 && k + 2 < limit && tokens[k + 1].p == UInt8(ascii: ".")
                && isNameToken(k + 2)
            {
                end = k + 3
                words += 2
                continue
            }
            if isNameToken(k) && t.spaceBefore {
                end = k + 1
                words += 1
                continue
            }
            if t.p == UInt8(ascii: "-") && !t.spaceBefore && k + 1 < limit && !tokens[k + 1].spaceBefore && tokens[k + 1].kind == .word
                && !tokens[k + 1].allCaps
            {
                end = k + 2
                continue
            }
            // one or two particles, then a name word: "Khalid bin Nordin", "Pieter van der Linden"
            if t.cls & W.particle != 0 {
                var n = k + 1
                if n < limit && tokens[n].cls & W.particle != 0 && !tokens[n].cap { n += 1 }
                if n < limit && isNameToken(n) && tokens[n].spaceBefore {
                    end = n + 1
                    words += 2
                    continue
                }
            }
            // "Hassan Sheikh Mohamud": the title inside a name, between two name words, is part of it
            if t.spaceBefore && (keys[k] == "sheikh" || keys[k] == "shaikh" || keys[k] == "sheik") && t.cap && k + 1 < limit
                && isNameToken(k + 1) && tokens[k + 1].spaceBefore
            {
                end = k + 2
                words += 2
                continue
            }
            // a regnal number ends the name: "Mohammed VI", "Charles III"
            if t.spaceBefore && t.allCaps && Analysis.regnalNumbers.contains(keys[k]) {
                end = k + 1
                words += 1
            }
            break
        }
        return (end, words)
    }

    /// Left context: honorifics, rank and the role chunk before the name.
    func leftContext(_ seq: inout NameSeq, sentenceStart a: Int) {
        var j = seq.start - 1
        while j >= a {
            if let m = match(j) {
                if m.has(.honorific) {
                    seq.honorific = true
                    j = m.start - 1
                    continue
                }
                if let r = m.first(.rank), !(m.first(.title) != nil && m.end - m.start > 1) {
                    if seq.rank == nil { seq.rank = r.value }
                    j = m.start - 1
                    continue
                }
            }
            // "HE Sheikh …", "HH …": the honorifics written as capitals (never the pronoun "He")
            if tokens[j].allCaps && (keys[j] == "he" || keys[j] == "hh" || keys[j] == "hrh") {
                seq.honorific = true
                j -= 1
                continue
            }
            if tokens[j].p == UInt8(ascii: ".") && j > a && (hasKind(j - 1, .honorific) || hasKind(j - 1, .rank)) {
                j -= 1
                continue
            }
            break
        }
        var k = j
        var comma = false
        if k >= a && tokens[k].p == UInt8(ascii: ",") {
            comma = true
            k -= 1
        }
        var steps = 0
        var titleStart = -1
        var titleEnd = -1
        var chunkStart = k + 1
        var crossed = 0
        while k >= a && steps < 16 + 6 * crossed {
            steps += 1
            let t = tokens[k]
            // an office's portfolio listed with commas, before any title word: "the Minister of Agriculture, Maritime
            // Fisheries, Rural Development, Water and Forests, Mr. X", set off by a comma before the name (not "In Nairobi,
            // Minister X": a title on this side)
            if comma && t.p == UInt8(ascii: ",") && titleStart < 0 && crossed < 4 && k > a && tokens[k - 1].kind == .word && tokens[k - 1].cap
                && (chunkStart..<j).contains(where: { keys[$0] == "of" || keys[$0] == "and" })
            {
                crossed += 1
                k -= 1
                continue
            }
            if let m = match(k) {
                if m.has(.title) {
                    titleStart = m.start
                    if titleEnd < 0 { titleEnd = m.end }
                }
                chunkStart = m.start
                k = m.start - 1
                continue
            }
            if k > a && isNameToken(k) && isNameToken(k - 1) && tokens[k].spaceBefore && !(t.cls & W.nonPersonHead != 0) {
                break  // another person's name: "Li Wenhua and Peruvian … General Luis Romero"
            }
            // an epithet of the post's state: "Ambassador of Kuwait to the sisterly Kingdom of …"
            let epithet = t.kind == .word && k >= a + 2 && keys[k - 1] == "the" && (keys[k - 2] == "to" || keys[k - 2] == "of")
            if (t.cls & W.roleConn != 0) || (t.kind == .word && (t.cap || t.allCaps))
                || (t.kind == .word && (t.cls & W.roleMod != 0)) || epithet
            {
                chunkStart = k
                k -= 1
                continue
            }
            break
        }
        guard titleStart >= 0 else { return }
        // trim leading connectors and articles
        var s = chunkStart
        let end = comma ? j : j + 1
        while s < end && ((tokens[s].cls & W.roleConn != 0) || keys[s] == "a" || keys[s] == "an"
            || keys[s] == "his" || keys[s] == "her" || keys[s] == "their" || keys[s] == "its")
        {
            s += 1
        }
        var e = end
        while e > s && ((tokens[e - 1].cls & W.roleConn != 0) || tokens[e - 1].p == UInt8(ascii: ",")) { e -= 1 }
        guard s < e else { return }
        seq.title = true
        if seq.country == nil, (s..<e).contains(where: { keys[$0] == "this" && $0 + 1 < e && keys[$0 + 1] == "country" }) {
            var q = s - 1
            while q >= a {
                if let c = country(q), !c.isCapital {
                    seq.country = c.code
                    break
                }
                q -= 1
            }
        }
        // "attended by the country's Minister of Defence": the state named last before, a place in it included ("at the
        // port of Praia")
        if seq.country == nil, s > a, keys[s] == "country", s + 1 < e, keys[s + 1] == "'s", keys[s - 1] == "the" {
            var q = s - 2
            let floor = sentenceRange(tokens[s].sentence).lowerBound
            while q >= floor {
                if let c = country(q) {
                    seq.country = c.code
                    break
                }
                q -= 1
            }
        }
        seq.roleRanges.append((s, e))
        seq.roles.append(contentsOf: splitRoles(s, e))
        if seq.country == nil { seq.country = roleCountry(s, e, closestToEnd: true) }
        // "Kyiv's man in Vilnius, Ambassador X", "Eritrea's woman at the UN, Ambassador Y": the state that sent the envoy
        if seq.country == nil && s > a + 3 && tokens[s - 1].p == UInt8(ascii: ",") {
            var q = s - 2
            while q > a + 1 && s - q <= 8 && !(Analysis.envoyPersonNouns.contains(keys[q]) && keys[q - 1] == "'s") { q -= 1 }
            if q > a + 1 && Analysis.envoyPersonNouns.contains(keys[q]) && keys[q - 1] == "'s", let c = country(q - 2), c.end == q - 1 {
                seq.country = c.code
            }
        }
    }

    /// Right apposition: ", a senior figure of the …," / ", who is also Deputy Defence Minister of Cambodia,".
    func rightContext(_ seq: inout NameSeq, sentenceEnd b: Int) {
        var k = seq.end
        guard k < b else { return }
        // "X of Thailand"
        if keys[k] == "of" && k + 1 < b, let c = country(k + 1), !c.isCapital {
            let after = c.end
            if after >= b || tokens[after].kind == .punct || !tokens[after].cap {
                if seq.country == nil { seq.country = c.code }
            }
        }
        guard tokens[k].p == UInt8(ascii: ",") else { return }
        k += 1
        while k < b && (tokens[k].cls & W.apposSkip != 0) { k += 1 }
        guard k < b else { return }
        // "X, a Spaniard who leads …", "X, a Burundian national,": a demonym in apposition gives the state (not of one
        // who serves another's: "a Swedish national who serves as adviser to …")
        if seq.country == nil, let c = country(k), c.first == k, !c.isCapital, !c.isCity {
            let n = c.end
            let serves = (n..<min(b, n + 8)).contains { Analysis.servingWords.contains(keys[$0]) }
            let closes = n >= b || tokens[n].p == UInt8(ascii: ",") || tokens[n].p == UInt8(ascii: ".") || tokens[n].p == UInt8(ascii: ";")
            if (closes || Analysis.demonymFollowers.contains(keys[n])) && !serves { seq.country = c.code }  // (not "a Polish-born …")
            if serves { seq.servesAnotherState = true }
        }
        let first = tokens[k]
        let okStart = matchAt[k] >= 0 || first.cap || Analysis.roleModifiers.contains(keys[k])
        guard okStart else { return }
        var e = k
        var hasTitle = false
        var rank: String? = nil
        while e < b && e - k < 30 {
            let t = tokens[e]
            if t.p == UInt8(ascii: ",") || t.p == UInt8(ascii: ".") || t.p == UInt8(ascii: ";") || t.p == UInt8(ascii: ":") || t.p == UInt8(ascii: "\"") || keys[e] == "--" { break }
            if let m = match(e) {
                // "Mwakyusa, Kenyan President Daniel Langat and …": an office with a name after it is another
                // person's, in a list, not this one's apposition
                if (m.has(.title) || m.first(.rank) != nil) && m.end < b && isNameToken(m.end) { return }
                if m.has(.title) { hasTitle = true }
                if let r = m.first(.rank), rank == nil, m.first(.title) == nil { rank = r.value }
                e = m.end
                continue
            }
            // an epithet of a state: "Chief of the General Staff of the friendly Hellenic Republic"
            let epithet = t.kind == .word && e >= k + 2 && keys[e - 1] == "the" && (keys[e - 2] == "to" || keys[e - 2] == "of")
                && e + 1 < b && tokens[e + 1].cap
            if t.kind == .word && !t.cap && !(t.cls & W.roleMod != 0) && !(t.cls & W.roleConn != 0)
                && !(t.cls & W.orgHead != 0) && !(t.cls & W.titleWord != 0) && !epithet
            {
                break
            }
            e += 1
        }
        guard hasTitle || rank != nil, e > k else { return }
        let office = e
        // "…, the U.S. ambassador here, said": a place adverb closes the apposition
        if e < b && (keys[e] == "here" || keys[e] == "there") { e += 1 }
        // the apposition must end at a clause boundary
        if e < b && !(tokens[e].p == UInt8(ascii: ",") || tokens[e].p == UInt8(ascii: ".") || tokens[e].p == UInt8(ascii: ";") || keys[e] == "--" || tokens[e].p == UInt8(ascii: ":")) {
            return
        }
        // "…, the country's Minister of Defence, Aurelio Menezes, the Portuguese ambassador, Helena Gouveia, and …": in a
        // list of offices each before its name, an office followed by a name is the next person's
        if seq.title && e + 2 < b && tokens[e].p == UInt8(ascii: ",") {
            var q = e + 1
            while q < b && (hasKind(q, .rank) || hasKind(q, .honorific)) { q = matchEnd(q) }
            if q + 1 < b && isNameToken(q) && isNameToken(q + 1) { return }
        }
        seq.appositive = true
        if seq.rank == nil, let rank { seq.rank = rank }
        if hasTitle {
            seq.roleRanges.append((k, office))
            seq.roles.append(contentsOf: splitRoles(k, office))
            if seq.country == nil { seq.country = roleCountry(k, office) }
        }
    }

    /// "Lao Deputy Prime Minister and Defense Minister" → two roles.
    func splitRoles(_ s: Int, _ e: Int) -> [String] {
        var out = [String]()
        var a = s
        var k = s
        while k < e {
            if keys[k] == "and" && k > a {
                // split only when both sides hold a title
                let leftHas = (a..<k).contains { hasKind($0, .title) }
                let rightHas = (k + 1..<e).contains { hasKind($0, .title) }
                if leftHas && rightHas {
                    out.append(tokenText(a, k))
                    a = k + 1
                }
            }
            k += 1
        }
        if a < e { out.append(tokenText(a, e)) }
        return out.filter { !$0.isEmpty }
    }

    /// The state a role belongs to: its first country word not introduced by "to", "in" or "on".
    func roleCountry(_ s: Int, _ e: Int, closestToEnd: Bool = false) -> String? {
        var found: String? = nil
        var k = s
        while k < e {
            if let c = country(k) {
                // "ambassador to the sisterly Lebanese Republic": the post, not the person's state
                var q = c.first - 1
                while q > s && q >= c.first - 3 && (tokens[q].cls & W.determiner != 0 || (tokens[q].kind == .word && !tokens[q].cap)) && keys[q] != "to" && keys[q] != "in" && keys[q] != "on" {
                    q -= 1
                }
                // ("special rapporteur on Myanmar", "envoy on Syria": the role's subject, not its state)
                let introduced = q >= 0 && (keys[q] == "to" || keys[q] == "in" || keys[q] == "on")
                // a capital qualifies an office held there: "Seoul Mayor", "Beijing's ambassador"
                let capitalOffice = c.isCapital && c.end < e && (hasKind(c.end, .title) || (keys[c.end] == "'s" && hasKind(c.end + 1, .title)))
                if !introduced && (!c.isCapital || capitalOffice) {
                    if !closestToEnd { return c.code }
                    found = c.code
                }
                k = c.end
                continue
            }
            k += 1
        }
        return found
    }

    func isHeadline(_ si: Int) -> Bool {
        if sentenceRange(si).count < 5 { return false }
        let r = sentenceRange(si)
        var words = 0
        var caps = 0
        var hasStop = false
        // (tokens read in place: the array's subscript here copied each token)
        tokens.withUnsafeBufferPointer { t in
            for k in r where t[k].kind == .word {
                words += 1
                if t[k].cap { caps += 1 }
            }
            if let last = r.last, t[last].p == UInt8(ascii: ".") { hasStop = true }
        }
        return words >= 3 && !hasStop && caps * 10 >= words * 7
    }

    /// Storms are named like persons: "Typhoon Krathon", "Hurricane Milton", "tropical storm Alberto".
    static let stormWords: Set<String> = ["typhoon", "cyclone", "hurricane", "storm", "supertyphoon", "super-typhoon"]

    /// "the Institute for Strategic Studies", "the Council on Foreign Relations", "the Institute for Peace and Conflict
    /// Studies": capitalized words after a body's head word and its "for", "of" or "on" (and what they coordinate)
    /// finish the body's name.
    func continuesBodyName(_ i: Int, _ r: Range<Int>) -> Bool {
        guard i > r.lowerBound, ["for", "of", "on", "and"].contains(keys[i - 1]) else { return false }
        var k = i - 1
        while k > r.lowerBound && i - k <= 8 {
            let key = keys[k]
            if key == "for" || key == "of" || key == "on" {
                if tokens[k - 1].cap && isOrgHead(k - 1) { return true }
            } else if key != "and" && key != "the" && !(tokens[k].kind == .word && tokens[k].cap) {
                return false
            }
            k -= 1
        }
        return false
    }

    /// A capitalized phrase inside an office's portfolio, which agencies list before the holder's name: "the Minister of
    /// Agriculture, Maritime Fisheries, Rural Development, Water and Forests, Mr. X", "Minister of Interior, Local
    /// Authorities and Territorial Planning X", "the Director General of Civil Protection, Colonel X".
    func inPortfolio(_ i: Int, _ end: Int, _ r: Range<Int>) -> Bool {
        func listPart(_ k: Int) -> Bool {
            tokens[k].kind == .word && tokens[k].cap || tokens[k].p == UInt8(ascii: ",") || keys[k] == "and" || tokens[k].p == UInt8(ascii: "&")
        }
        var k = i - 1
        while k > r.lowerBound && i - k <= 14 && listPart(k) && keys[k] != "of" { k -= 1 }
        guard k > r.lowerBound && keys[k] == "of" && (hasKind(k - 1, .title) || tokens[k - 1].cls & W.titleWord != 0) else { return false }
        var q = end
        var continues = false
        while q + 1 < r.upperBound && q - end < 14 {
            if tokens[q].p == UInt8(ascii: ",") && (hasKind(q + 1, .honorific) || hasKind(q + 1, .rank)) { return true }
            if keys[q] == "and" || tokens[q].p == UInt8(ascii: "&") {
                guard tokens[q + 1].kind == .word && tokens[q + 1].cap else { break }
                continues = true
            } else if !listPart(q) && !(keys[q] == "of" || keys[q] == "the") {  // ("… Abroad of the Islamic Republic of …, Mr. X")
                break
            }
            q += 1
        }
        return continues
    }

    func findPersons() {
        // capitalized words standing alone (no capitalized neighbour): surnames used on their own (gathered the first
        // time a candidate needs them)
        var loneNameWords: Set<String>? = nil
        func usedAlone(_ key: String) -> Bool {
            if loneNameWords == nil {
                var words = Set<String>()
                for si in sentences.indices {
                    let r = sentenceRange(si)
                    for k in r where tokens[k].kind == .word && tokens[k].cap && !tokens[k].allCaps
                        && (k == r.lowerBound || !tokens[k - 1].cap) && (k + 1 >= r.upperBound || !tokens[k + 1].cap)
                    {
                        words.insert(keys[k])
                    }
                }
                loneNameWords = words
            }
            return loneNameWords!.contains(key)
        }
        var index = [String: Int](minimumCapacity: 16)
        var singles = [NameSeq]()
        var covered = [Bool](repeating: false, count: tokens.count)
        for si in sentences.indices {
            let r = sentenceRange(si)
            let headline = isHeadline(si) || shouting[si]
            var i = r.lowerBound
            while i < r.upperBound {
                // (both tests want a capitalized word not all in capitals: the others are passed over in place)
                i = firstToken(from: i, to: r.upperBound) { t, k in t[k].kind == .word && t[k].cap && !t[k].allCaps }
                if i >= r.upperBound { break }
                guard isNameToken(i) || placeWordOpensName(i, r), i == r.lowerBound || !isNameToken(i - 1) || tokens[i].newlineBefore else {
                    i += 1
                    continue
                }
                let (end, words) = nameSequence(i, limit: r.upperBound)
                var seq = NameSeq(start: i, end: end, words: words)
                // What follows the name: an organization or place head means it is not a person.
                var run = end
                var rejected = false
                while run < r.upperBound && tokens[run].kind == .word && tokens[run].cap {
                    if (tokens[run].cls & W.nonPersonHead != 0) || (tokens[run].cls & W.orgHead != 0) {
                        rejected = true
                        break
                    }
                    if hasKind(run, .orgHead) {
                        rejected = true
                        break
                    }
                    run += 1
                }
                if end < r.upperBound && tokens[end].p == UInt8(ascii: "(") && end + 2 < r.upperBound && tokens[end + 1].allCaps {
                    rejected = true  // "Strategic Region … (REDIMAIN)" names a body
                }
                if (tokens[i].cls & W.placeFirst != 0) { rejected = true }
                if continuesBodyName(i, r) || inPortfolio(i, end, r) { rejected = true }
                // "Typhoon Krathon", "tropical storm Alberto": a storm's name
                if Analysis.stormWords.contains(keys[i]) || (i > r.lowerBound && Analysis.stormWords.contains(keys[i - 1])) {
                    rejected = true
                }
                // "the Lebombo-Ressano Garcia crossing", "the Mchinji-Mwami border post": a place named before its
                // lower-case head
                if i > r.lowerBound && keys[i - 1] == "the" && end < r.upperBound && tokens[end].kind == .word && !tokens[end].cap
                    && Analysis.facilityNouns.contains(keys[end])
                {
                    rejected = true
                }
                for k in (i + 1)..<max(i + 1, end) where tokens[k].kind == .word && (tokens[k].cls & W.nonPersonHead != 0) {
                    rejected = true
                }
                // inside the expansion of an acronym: "REDIMAIN (Strategic Region of …)"
                var q = i - 1
                while q >= r.lowerBound && i - q < 12 && tokens[q].p != UInt8(ascii: ")") {
                    if tokens[q].p == UInt8(ascii: "(") {
                        if q > r.lowerBound && isAcronymToken(q - 1) { rejected = true }
                        break
                    }
                    q -= 1
                }
                if rejected {
                    i = max(end, run)
                    continue
                }
                if i >= r.lowerBound + 2 && keys[i - 1] == "by" && Analysis.creditVerbs.contains(keys[i - 2]) {
                    seq.honorific = true
                    seq.credit = true
                } else if i == r.lowerBound + 1 && keys[i - 1] == "by" && tokens[i - 1].cap && tokens[i - 1].newlineBefore
                    && (end == r.upperBound || tokens[end].newlineBefore || tokens[end].p == UInt8(ascii: ","))
                {
                    // a byline: "By Jane Doe" on a line of its own
                    seq.honorific = true
                    seq.credit = true
                } else if i >= r.lowerBound + 2 && (tokens[i - 1].p == UInt8(ascii: "/") || tokens[i - 1].p == UInt8(ascii: ":"))
                    && (["photo", "photos", "video", "credit", "photograph", "foto"].contains(keys[i - 2])
                        || (tokens[i - 1].p == UInt8(ascii: "/") && hasKind(i - 2, .knownOrg)))
                {
                    // "Photo: X", "(Xinhua/X)", "Antara Foto/X"
                    seq.honorific = true
                    seq.credit = true
                } else if i >= r.lowerBound + 3 && keys[i - 1] == "and" {
                    // "Reporting by A in Baghdad and B in Amman": the rest of a credit's names
                    var q = i - 2
                    while q > r.lowerBound && i - q < 10 && tokens[q].p != UInt8(ascii: ";") {
                        if keys[q] == "by" && Analysis.creditVerbs.contains(keys[q - 1]) {
                            seq.honorific = true
                            seq.credit = true
                            break
                        }
                        q -= 1
                    }
                }
                // (a dateline is not part of a role: "WASHINGTON (AP) — President X")
                leftContext(&seq, sentenceStart: max(r.lowerBound, datelineEnd(si)))
                rightContext(&seq, sentenceEnd: r.upperBound)
                let strong = seq.rank != nil || seq.honorific || seq.title || seq.appositive
                let headline = headline && !seq.honorific
                let prev = i > r.lowerBound ? keys[i - 1] : ""

                var accept = strong
                if !accept && words >= 2 && !headline {
                    accept = !Analysis.locatives.contains(prev) && !Analysis.groupNouns.contains(prev)
                        && !(i > r.lowerBound && tokens[i - 1].kind == .number)
                    // "the city of El Obeid", "the province of …"
                    if prev == "of" && i >= r.lowerBound + 2 && tokens[i - 2].cls & W.nonPersonHead != 0 { accept = false }
                }
                if words == 1 && !strong { accept = false }
                // nothing around it says "person": one of its words must be a known given or family name
                // (PublicLexicons.nameWords), or "Advantage Sweet", "Super Eagles" and "Ukrainska Pravda" pass
                if accept && !strong && !(i..<end).contains(where: { tokens[$0].kind == .word && PublicLexicons.nameWords.contains(keys[$0]) }) {
                    // …unless the text treats it as a person: a person noun before it ("filmmaker X"), a reporting verb
                    // after it ("X said"), or its last word standing alone elsewhere ("… Kubota did not")
                    let personNoun = i > r.lowerBound && !tokens[i - 1].cap
                        && (tokens[i - 1].cls & W.people != 0 || PublicLexicons.agentSectors[keys[i - 1]] != nil)
                    let reports = end < r.upperBound && tokens[end].cls & W.reporting != 0
                    accept = personNoun || reports || usedAlone(keys[end - 1])
                }
                // "the cargo ship Glovis Sirius", "BRP Miguel Malvar", "built by Hyundai Rotem": a vessel or a maker, not a person
                if (i > r.lowerBound && tokens[i - 1].cls & W.vehicleNoun != 0)
                    || (i > r.lowerBound && tokens[i - 1].allCaps && Analysis.shipPrefixes.contains(keys[i - 1]))
                    || (prev == "by" && i >= r.lowerBound + 2 && Analysis.madeVerbs.contains(keys[i - 2]))
                {
                    accept = false
                }
                // "… Air Base", "Joint Chiefs": a lone word that heads a place, a body or an office is no name
                if words == 1 && tokens[i].cls & (W.nonPersonHead | W.orgHead | W.titleWord) != 0 { accept = false }
                if words == 1 && keyEnds(i, "s") && g.titleWords.contains(String(keys[i].dropLast())) { accept = false }
                // "defence firm Hanwha Aerospace", "analysts at Goldman Sachs": a company, not a person
                if (i > r.lowerBound && tokens[i - 1].cls & W.companyNoun != 0)
                    || (prev == "at" && i >= r.lowerBound + 2 && Analysis.analystNouns.contains(keys[i - 2]))
                {
                    accept = false
                }
                if headline && words == 1 { accept = false }
                // "… and East African Cooperation", "Entrepreneurship": a lone word with the ending of an abstract noun
                if accept && words == 1 && Analysis.abstractEndings.contains(where: { keys[i].hasSuffix($0) }) { accept = false }
                if words == 1 && (tokens[i].cls & W.reporting != 0) { accept = false }
                // "an analyst at the institute in Lagos", "for Strategic Analysis", "Yaroslav the Wise", "at Villa Somalia":
                // a lone word after a preposition or "the" is a place's or a name's part, not a person
                if words == 1 && i > r.lowerBound && Analysis.loneWordBlockers.contains(keys[i - 1]) { accept = false }
                // "Separately, the ambassador …": an adverb that opens a sentence
                if words == 1 && keyEnds(i, "ly") && end < r.upperBound && tokens[end].p == UInt8(ascii: ",") { accept = false }
                if accept {
                    if words == 1 {
                        singles.append(seq)
                    } else {
                        let keyWords = nameKeyWords(i, end)
                        // "Raymond T. Odierno" and "Raymond Odierno" are one person: initials do not count in the key
                        let full = keyWords.filter { $0.utf8.count > 1 }
                        let key = (full.count >= 2 ? full : keyWords).joined(separator: " ")
                        let raw = tokenText(i, end)
                        if let p = index[key] {
                            merge(&persons[p], seq, raw)
                        } else {
                            var pb = PersonBuild(key: key, name: raw, words: keyWords)
                            merge(&pb, seq, raw)
                            index[key] = persons.count
                            persons.append(pb)
                        }
                        for k in i..<end { covered[k] = true }
                    }
                }
                i = end
            }
        }
        findCreditNames(&index)
        mergeTrailingForms(&index)
        // Short forms: a single name word that is the last (or first) word of a full name.
        var byLast = [String: [Int]](minimumCapacity: persons.count)
        var byFirst = [String: [Int]](minimumCapacity: persons.count)
        // "Mohd Khalid bin Nordin" is "Khalid": the name before "bin", "ould" or "ben" is the one used alone
        var beforeParticle = [String: [Int]]()
        // "Ignacio Valdebenito Rojas" is "Valdebenito": in Spanish and Latin American names the father's surname, the
        // second-to-last word, is the one used alone
        var paternal = [String: [Int]]()
        for pi in persons.indices {
            if let l = persons[pi].words.last { byLast[l, default: []].append(pi) }
            if let f = persons[pi].words.first { byFirst[f, default: []].append(pi) }
            let w = persons[pi].words
            for k in w.indices.dropFirst(2) where Analysis.patronymParticles.contains(w[k]) { beforeParticle[w[k - 1], default: []].append(pi) }
            if w.count >= 3 && !Analysis.patronymParticles.contains(w[w.count - 2]) { paternal[w[w.count - 2], default: []].append(pi) }
        }
        func link(_ key: String) -> Int? {
            // one distinct person behind the word (the lists are never empty)
            if let c = byLast[key], c.allSatisfy({ $0 == c[0] }) { return c[0] }
            if let c = byFirst[key], c.allSatisfy({ $0 == c[0] }), byLast[key] == nil { return c[0] }
            if let c = beforeParticle[key], c.allSatisfy({ $0 == c[0] }), byLast[key] == nil, byFirst[key] == nil { return c[0] }
            if let c = paternal[key], c.allSatisfy({ $0 == c[0] }), byLast[key] == nil, byFirst[key] == nil, beforeParticle[key] == nil {
                return c[0]
            }
            return nil
        }
        var singleAt = Set<Int>()
        for s in singles {
            singleAt.insert(s.start)
            let key = keys[s.start]
            let raw = tokenText(s.start, s.end)
            if let p = link(key) {
                merge(&persons[p], s, raw)
            } else if let p = index[key] {
                merge(&persons[p], s, raw)
            } else {
                var pb = PersonBuild(key: key, name: raw, words: [key])
                merge(&pb, s, raw)
                index[key] = persons.count
                persons.append(pb)
            }
            covered[s.start] = true
        }
        let nameShaped = tokenIndices { t, i in t[i].kind == .word && t[i].cap && !t[i].allCaps }
        for i in nameShaped where !covered[i] && isNameToken(i) {
            if i > 0 && isNameToken(i - 1) && tokens[i].spaceBefore { continue }
            if i + 1 < tokens.count && isNameToken(i + 1) && tokens[i + 1].spaceBefore && tokens[i + 1].sentence == tokens[i].sentence { continue }
            let key = keys[i]
            guard let p = link(key) else { continue }
            var end = i + 1
            if end + 1 < tokens.count && tokens[end].p == UInt8(ascii: "-") && !tokens[end].spaceBefore && !tokens[end + 1].spaceBefore { end += 2 }
            let seq = NameSeq(start: i, end: end, words: 1)
            merge(&persons[p], seq, tokenText(i, end))
        }
        // The name is the fullest form; short forms are aliases.
        for pi in persons.indices where !persons[pi].aliases.isEmpty {
            let name = Fold.normalize(persons[pi].name)
            // few aliases per person: a linear search beats hashing
            var seen = [String]()
            persons[pi].aliases = persons[pi].aliases.filter { a in
                if Fold.normalize(a) == name || seen.contains(a) { return false }
                seen.append(a)
                return true
            }
        }
    }

    /// "Saleh Al Amiri … Al Amiri praised": a name of two words or more that ends one fuller name (and one only) is
    /// that person's short form.
    func mergeTrailingForms(_ index: inout [String: Int]) {
        guard persons.count >= 2 else { return }
        var gone = [Bool](repeating: false, count: persons.count)
        for si in persons.indices where persons[si].words.count >= 2 {
            let short = persons[si].words
            var owner = -1
            var owners = 0
            for li in persons.indices where li != si && !gone[li] && persons[li].words.count >= short.count {
                let long = persons[li].words
                // (also an initial for the first name: "D. Oyuntsetseg" is "Dashdorjiin Oyuntsetseg")
                let initialForm = short.count == 2 && short[0].utf8.count <= 2 && long[0].utf8.count > 2 && long.last == short[1]
                    && long[0].hasPrefix(short[0])
                if (long.count > short.count && long.suffix(short.count).elementsEqual(short)) || initialForm {
                    owner = li
                    owners += 1
                }
            }
            guard owners == 1 else { continue }
            let sp = persons[si]
            for (n, (a, b)) in sp.mentions.enumerated() {
                var seq = NameSeq(start: a, end: b, words: short.count)
                if n == 0 {
                    seq.roles = sp.roles
                    seq.roleRanges = sp.roleRanges
                    seq.rank = sp.rank
                    seq.country = sp.strongCountry
                    seq.credit = sp.credit
                }
                merge(&persons[owner], seq, sp.name)
            }
            gone[si] = true
        }
        guard gone.contains(true) else { return }
        persons = persons.indices.filter { !gone[$0] }.map { persons[$0] }
        index.removeAll(keepingCapacity: true)
        for pi in persons.indices { index[persons[pi].key] = pi }
    }

    func nameKeyWords(_ a: Int, _ b: Int) -> [String] {
        var out = [String]()
        out.reserveCapacity(b - a)
        var k = a
        while k < b {
            let t = tokens[k]
            if t.p == UInt8(ascii: "-") || t.p == UInt8(ascii: ".") {
                k += 1
                continue
            }
            if k > a && !t.spaceBefore && (tokens[k - 1].p == UInt8(ascii: "-")), var last = out.popLast() {
                last += "-" + keys[k]
                out.append(last)
            } else {
                out.append(keys[k])
            }
            k += 1
        }
        return out
    }

    func merge(_ p: inout PersonBuild, _ seq: NameSeq, _ raw: String) {
        if seq.words > p.words.count || (seq.words == p.words.count && raw.characterCount > p.name.characterCount && seq.words > 1) {
            if Fold.normalize(raw) != Fold.normalize(p.name) { p.aliases.append(p.name) }
            p.name = raw
            p.words = nameKeyWords(seq.start, seq.end)
        } else if raw != p.name {
            p.aliases.append(raw)
        }
        if p.rank == nil, let r = seq.rank { p.rank = r }
        for role in seq.roles where !p.roles.contains(role) { p.roles.append(role) }
        p.roleRanges.append(contentsOf: seq.roleRanges)
        if p.strongCountry == nil, let c = seq.country { p.strongCountry = c }
        if seq.credit { p.credit = true }
        if seq.servesAnotherState { p.servesAnotherState = true }
        p.mentions.append((seq.start, seq.end))
    }
}
