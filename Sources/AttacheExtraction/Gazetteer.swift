/// The parsed gazetteers: a vocabulary of folded words and a phrase trie over it.

enum EntryKind: UInt8 {
    case countryName, countryAdj, capital, rank, title, orgHead, knownOrg, nonEntity, honorific
}

struct Entry {
    var kind: EntryKind
    /// ISO code (countries, capitals, known organizations' home state; "" = international).
    var code: String = ""
    /// Canonical form (rank spelled out, organization name).
    var value: String = ""
    /// The phrase must be written in capitals in the text (US, UAE; not "us").
    var needsAllCaps = false
    /// The phrase must start with a capital letter in the text.
    var needsCap = true
    /// A non-state armed group of the public list (``Gazetteer/armedGroupKeys``), which counts only where it fits the story.
    var armedGroup = false
    /// A city of the public list (``PublicCities``), kind `.capital`: a place in its state, never the state acting.
    var city = false
}

/// Word classes as bits, computed once per vocabulary word (one hash per token instead of one per test).
enum W {
    static let nonName: UInt64 = 1 << 0
    static let particle: UInt64 = 1 << 1
    static let reporting: UInt64 = 1 << 2
    static let orgHead: UInt64 = 1 << 3
    static let roleMod: UInt64 = 1 << 4
    static let roleConn: UInt64 = 1 << 5
    static let locative: UInt64 = 1 << 6
    static let bgMarker: UInt64 = 1 << 7
    static let negation: UInt64 = 1 << 8
    static let hedge: UInt64 = 1 << 9
    static let people: UInt64 = 1 << 10
    static let segBreak: UInt64 = 1 << 11
    static let pronoun: UInt64 = 1 << 12
    static let groupSubj: UInt64 = 1 << 13
    static let leadingFn: UInt64 = 1 << 14
    static let lowerOrgHead: UInt64 = 1 << 15
    static let clauseWord: UInt64 = 1 << 16
    static let groupNoun: UInt64 = 1 << 17
    static let titleWord: UInt64 = 1 << 18
    static let nonPersonHead: UInt64 = 1 << 19
    static let placeFirst: UInt64 = 1 << 20
    static let apposSkip: UInt64 = 1 << 21
    static let qtyModifier: UInt64 = 1 << 22
    static let stopUnit: UInt64 = 1 << 23
    static let determiner: UInt64 = 1 << 24
    static let beVerb: UInt64 = 1 << 25
    static let month: UInt64 = 1 << 26
    static let weekday: UInt64 = 1 << 27
    static let numberWord: UInt64 = 1 << 28
    static let currency: UInt64 = 1 << 29
    static let multiplier: UInt64 = 1 << 30
    static let gazStart: UInt64 = 1 << 31
    static let trigStart: UInt64 = 1 << 32
    static let visitStart: UInt64 = 1 << 33
    static let relDay: UInt64 = 1 << 34
    static let bgHint: UInt64 = 1 << 35
    static let tailVerb: UInt64 = 1 << 36
    static let abbrev: UInt64 = 1 << 37
    static let conditional: UInt64 = 1 << 38
    static let callWord: UInt64 = 1 << 39
    static let summitWord: UInt64 = 1 << 40
    /// Words skipped before a state reference when looking for its preposition: "in the western …".
    static let regionSkip: UInt64 = 1 << 41
    /// Reporting verbs that open a clause: "X said (that) …".
    static let saidVerb: UInt64 = 1 << 42
    /// Words that make a nominal trigger prospective: "the upcoming talks".
    static let prospective: UInt64 = 1 << 43
    /// Words the subject scan before a trigger looks at.
    static let subjectWord: UInt64 = 1 << 44
    /// ``Analysis/naturalCauses`` and ``Analysis/consequenceWords``.
    static let naturalCause: UInt64 = 1 << 45
    static let consequence: UInt64 = 1 << 46
    /// ``Analysis/offTopicWords`` and ``Analysis/onTopicWords`` (the topic gate).
    static let offTopic: UInt64 = 1 << 47
    static let onTopic: UInt64 = 1 << 48
    /// First words of the story-level discard phrases (``Analysis/storyDiscards``).
    static let discardStart: UInt64 = 1 << 49
    /// ``Analysis/jointWords``, ``Analysis/longTimeUnits``, ``Analysis/topicStarts``: read per token by the event stage.
    static let jointWord: UInt64 = 1 << 50
    static let longTimeUnit: UInt64 = 1 << 51
    static let topicStart: UInt64 = 1 << 52
    /// A preposition with a clause role (``Analysis/prepositionRoles``).
    static let rolePreposition: UInt64 = 1 << 53
    /// ``Analysis/companyNouns``: "firm", "carrier", … before a company's name.
    static let companyNoun: UInt64 = 1 << 54
    /// Words that open a subordinate clause after a trigger ("after", "because", "when", …).
    static let subordinator: UInt64 = 1 << 55
    /// Small word sets read per token by the rules (a bit test instead of hashing the key): ``Analysis/creditNouns``,
    /// ``Analysis/delegateNouns``, ``Analysis/forceHeads``, the first words of ``Analysis/forceHeadPairs``,
    /// ``Analysis/geographicFeatures``, ``Analysis/vehicleNouns``, ``Analysis/irregularParticiples``, ``Analysis/compassWords``.
    static let creditNoun: UInt64 = 1 << 56
    static let delegateNoun: UInt64 = 1 << 57
    static let forceHead: UInt64 = 1 << 58
    static let forceHeadPairFirst: UInt64 = 1 << 59
    static let geographicFeature: UInt64 = 1 << 60
    static let vehicleNoun: UInt64 = 1 << 61
    static let irregularParticiple: UInt64 = 1 << 62
    static let compassWord: UInt64 = 1 << 63
}

struct Gazetteer: Sendable {
    /// Words that make a dictionary entry an office, not a body.
    static let officeWords: Set<String> = ["representative", "secretary", "commissioner", "president", "director", "envoy", "chairman", "general"]

    var vocab: [String: Int32] = [:]
    /// Word-class bits per vocabulary id.
    var wordFlags: [UInt64] = []
    /// Per vocabulary id: which mode word lists (``Analysis/modeWordLists``) contain the word.
    var modeFlags: [UInt32] = []
    /// Event patterns over vocabulary ids: an empty slot is a short gap, [-2] a long one.
    /// Each slot's ids sorted ascending: a short scan beats hashing.
    var patternSlotIDs: [[[Int32]]] = []
    var patternsByFirst: [Int32: [Int]] = [:]
    /// The same, indexed by vocabulary id.
    var patternsAt: [[Int]] = []
    /// ``patternSlotIDs`` and ``patternsAt`` laid flat, read in place by the trigger matcher (``Analysis/findTriggers(_:)``):
    /// an array per slot or per word cost a retain and a release at each read. Pattern `pi`'s slots are
    /// `patternSlots[pi] ..< patternSlots[pi + 1]`; slot `s`'s ids are `slotIDs[slotStarts[s] ..< slotStarts[s + 1]]`
    /// (none for a gap), `slotGaps[s]` is 0 for words, the longest gap otherwise (4, or 14 for `**`); the patterns that
    /// start with word `w` are `firstPatterns[firstPatternStarts[w] ..< firstPatternStarts[w + 1]]`.
    var patternSlots: [Int32] = []
    var slotStarts: [Int32] = []
    var slotIDs: [Int32] = []
    var slotGaps: [Int8] = []
    var firstPatternStarts: [Int32] = []
    var firstPatterns: [Int32] = []
    /// The most slots of a pattern (the most trigger words a match collects).
    var maxPatternSlots = 0
    /// Open-addressing table over the vocabulary (FNV-1a), faster than the Dictionary's SipHash per token.
    var vocabKeys: [String] = []
    var vocabSlots: [Int32] = []
    var vocabMask = 0
    /// The vocabulary's UTF-8 bytes end to end; word `id` is vocabBytes[vocabStarts[id]..<vocabStarts[id + 1]].
    var vocabBytes: [UInt8] = []
    var vocabStarts: [Int32] = []
    /// The slots of `vocabSlots` with their words inline, four words per slot: (length << 32 | id) (all ones when
    /// empty), then the word's first 24 bytes packed little-endian, zero-padded. A token is looked up with one
    /// memory access per probe instead of three dependent ones (slot, start, bytes).
    var vocabInline: [UInt64] = []
    /// Trie edges in an open-addressing table (key, child): Int keys hash cheaply.
    var edgeKeys: [UInt64] = []
    var edgeVals: [Int32] = []
    var edgeMask = 0
    /// Trie transitions: (node << 32 | word) → child node.
    var edges: [UInt64: Int32] = [:]
    var payload: [[Entry]] = [[]]
    /// Per trie node, the case constraints its entries carry, one bit per kind (bit 1 << (needsAllCaps ? 2 : 0 +
    /// needsCap ? 1 : 0)): whether a node has an allowed entry is one test, without reading its entries.
    var payloadCases: [UInt8] = []
    /// Per vocabulary id, the trie node its word leads to from the root, or -1 (the first step without a hash probe).
    var rootChild: [Int32] = []
    /// Per vocabulary id: the word is a phrase's second word or later (a longer match can go on with it); the
    /// others end a match without probing the edge table.
    var continuesPhrase: [Bool] = []
    var nonNameWords: Set<String> = []
    var particles: Set<String> = []
    var reportingVerbs: Set<String> = []
    var nonOrgAcronyms: Set<String> = []
    var nonPersonHeads: Set<String> = []
    var orgHeadWords: Set<String> = []
    var titleWords: Set<String> = []
    /// Country code → preferred short name.
    var countryName: [String: String] = [:]
    /// Country code → all folded forms (names, adjectives, capitals).
    var countryForms: [String: [String]] = [:]
    var knownOrgCountry: [String: String] = [:]
    /// Recent leaders (``GazetteerData/recentLeaders``) by ``PublicLexicons/officialKey(_:)`` → ISO state.
    var recentLeaders: [String: String] = [:]
    /// Their surnames ("trump") when only one leader of the list bears it.
    var recentLeaderSurnames: [String: String] = [:]

    /// The state of an official named `name`: the recent leaders first, then the public 2014 list (one key for both).
    func officialState(named name: String) -> String? {
        let key = PublicLexicons.officialKey(name)
        return recentLeaders[key] ?? PublicLexicons.officialStates[key]
    }
    /// Folded names and aliases of non-state armed groups (sector REB).
    var armedGroupKeys: Set<String> = []
    /// A state's own bodies of ``GazetteerData/nationalBodies``: they act for their state.
    var stateBodyKeys: Set<String> = []

    static let shared = Gazetteer()
    /// No words at all (tokenizing the gazetteer's own phrases needs no lookups).
    static let empty = Gazetteer(empty: ())

    private init(empty: Void) {}

    mutating func wordID(_ w: String) -> Int32 {
        if let id = vocab[w] { return id }
        let id = Int32(vocab.count)
        vocab[w] = id
        return id
    }

    /// Tokenize a gazetteer phrase exactly like text.
    static func phraseKeys(_ phrase: String) -> [String] {
        let sc = Array(phrase.unicodeScalars)
        return Tokenizer.keys(sc)
    }

    mutating func add(_ phrase: String, _ entry: Entry) {
        let keys = Gazetteer.phraseKeys(phrase)
        if keys.isEmpty { return }
        var node: Int32 = 0
        for k in keys {
            let w = wordID(k)
            let edge = UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: w))
            if let next = edges[edge] {
                node = next
            } else {
                let next = Int32(payload.count)
                payload.append([])
                edges[edge] = next
                node = next
            }
        }
        var e = entry
        let letters = phrase.unicodeScalars.filter { Fold.isLetter($0) }
        if letters.count >= 2 && letters.allSatisfy({ Fold.isUpper($0) }) && entry.kind != .rank { e.needsAllCaps = true }
        payload[Int(node)].append(e)
    }

    /// Does some table already hold exactly this phrase?
    func hasPhrase(_ keys: [String]) -> Bool {
        var node: Int32 = 0
        for k in keys {
            guard let w = vocab[k] else { return false }
            guard let next = edges[UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: w))] else { return false }
            node = next
        }
        return !payload[Int(node)].isEmpty
    }

    private static func items(_ s: String) -> [String] {
        s.split(whereSeparator: { $0 == ";" || $0 == "\n" }).map { $0.trimmingSpaces }.filter { !$0.isEmpty }
    }

    init() {
        // countries
        for line in GazetteerData.countries.split(separator: "\n") {
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard cols.count >= 2 else { continue }
            let code = cols[0]
            let names = Gazetteer.items(cols[1])
            let adjs = cols.count > 2 ? Gazetteer.items(cols[2]) : []
            let caps = cols.count > 3 ? Gazetteer.items(cols[3]) : []
            if let first = names.first { countryName[code] = first }
            var forms = [String]()
            for n in names {
                add(n, Entry(kind: .countryName, code: code, value: n))
                forms.append(Fold.normalize(n))
            }
            for a in adjs {
                add(a, Entry(kind: .countryAdj, code: code, value: a))
                forms.append(Fold.normalize(a))
            }
            for c in caps {
                add(c, Entry(kind: .capital, code: code, value: c))
                forms.append(Fold.normalize(c))
            }
            countryForms[code] = forms
        }
        for line in GazetteerData.ranks.split(separator: "\n") {
            let parts = line.split(separator: "|").map(String.init)
            guard parts.count == 2 else { continue }
            let canonical = parts[0].trimmingSpaces
            for v in Gazetteer.items(parts[1]) {
                add(v, Entry(kind: .rank, value: canonical, needsCap: v.split(separator: " ").count == 1))
            }
        }
        for t in Gazetteer.items(GazetteerData.titles) {
            add(t, Entry(kind: .title, value: t, needsCap: false))
            for k in Gazetteer.phraseKeys(t) { titleWords.insert(k) }
        }
        for h in Gazetteer.items(GazetteerData.orgHeads) {
            add(h, Entry(kind: .orgHead, value: h, needsCap: false))
            let keys = Gazetteer.phraseKeys(h)
            if keys.count == 1 { orgHeadWords.insert(keys[0]) }
        }
        for (table, national) in [(GazetteerData.knownOrganizations, false), (GazetteerData.nationalBodies, true)] {
            for line in table.split(separator: "\n") {
                let parts = line.split(separator: "|", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
                guard parts.count == 3 else { continue }
                let name = parts[0]
                let code = parts[2]
                add(name, Entry(kind: .knownOrg, code: code, value: name))
                knownOrgCountry[Fold.normalize(name)] = code
                if national { stateBodyKeys.insert(Fold.normalize(name)) }
                for a in Gazetteer.items(parts[1]) {
                    // an alias written in lower case is written so in the text: "dpa"
                    add(a, Entry(kind: .knownOrg, code: code, value: name, needsCap: a.first?.isUppercase ?? true))
                    knownOrgCountry[Fold.normalize(a)] = code
                    if national { stateBodyKeys.insert(Fold.normalize(a)) }
                }
            }
        }
        // international bodies of the Phoenix dictionary (PublicLexicons, generated): names of two words or more and
        // acronyms of three letters or more that the hand list above does not have; offices ("… High Representative") are not bodies
        for body in PublicLexicons.internationalBodyList where body.kind == "IGO" {
            for form in [body.name] + body.aliases {
                let words = form.split(separator: " ")
                let acronym = words.count == 1 && form.count >= 3 && form.allSatisfy { $0.isUppercase || $0.isNumber }
                guard words.count >= 2 || acronym else { continue }
                if words.contains(where: { Gazetteer.officeWords.contains($0.lowercased()) }) { continue }
                let key = Fold.normalize(form)
                if knownOrgCountry[key] != nil { continue }
                add(form, Entry(kind: .knownOrg, code: "", value: body.name))
                knownOrgCountry[key] = ""
            }
        }
        // companies of the Phoenix dictionary with their home state: names of two words or more, none a figure
        // ("Morgan Stanley", "Abbott Laboratories"); one-word names are too often common words
        for body in PublicLexicons.internationalBodyList where body.kind == "MNC" {
            let form = body.name
            let words = form.split(separator: " ")
            guard words.count >= 2, let code = body.country, countryName[code] != nil,
                !form.contains(where: { $0.isNumber || $0 == "$" || $0 == "/" })
            else { continue }
            let key = Fold.normalize(form)
            if knownOrgCountry[key] != nil { continue }
            add(form, Entry(kind: .knownOrg, code: code, value: form))
            knownOrgCountry[key] = code
        }
        // non-state armed groups of the Phoenix dictionary (TOPS): "Hezbollah", "al-Shabaab", "Taliban"; the Arabic
        // article is often written in lower case
        for body in PublicLexicons.internationalBodyList where body.kind == "REB" {
            for form in [body.name] + body.aliases {
                let key = Fold.normalize(form)
                if knownOrgCountry[key] != nil { continue }
                let article = form.hasPrefix("Al ") || form.hasPrefix("Al-")
                add(form, Entry(kind: .knownOrg, code: body.country ?? "", value: body.name, needsCap: !article, armedGroup: true))
                knownOrgCountry[key] = body.country ?? ""
                armedGroupKeys.insert(key)
            }
        }
        for line in GazetteerData.recentLeaders.split(separator: "\n") {
            let parts = line.split(separator: "|").map { String($0).trimmingSpaces }
            if parts.count == 2 { recentLeaders[PublicLexicons.officialKey(parts[0])] = parts[1] }
        }
        var surnames: [String: Set<String>] = [:]
        for (key, code) in recentLeaders { if let last = key.split(separator: " ").last { surnames[String(last), default: []].insert(code) } }
        for (last, codes) in surnames where codes.count == 1 && last.count >= 4 { recentLeaderSurnames[last] = codes.first! }
        for p in Gazetteer.items(GazetteerData.nonEntityPhrases) {
            add(p, Entry(kind: .nonEntity, value: p))
        }
        for h in Gazetteer.items(GazetteerData.honorifics) {
            add(h, Entry(kind: .honorific, value: h, needsCap: false))
        }
        // the larger cities of the public list: places in their states ("arrived in Odesa", "talks in Geneva"); a form
        // that another table already knows (a state, a capital) or a persons' name word ("Kennedy") is left out
        for line in PublicCities.cities.split(separator: "\n") {
            let parts = line.split(separator: "|", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
            guard parts.count == 3, countryName[parts[2]] != nil else { continue }
            for form in [parts[0]] + Gazetteer.items(parts[1]) {
                let keys = Gazetteer.phraseKeys(form)
                if keys.count == 1 && PublicLexicons.nameWords.contains(keys[0]) { continue }
                if hasPhrase(keys) { continue }
                add(form, Entry(kind: .capital, code: parts[2], value: parts[0], city: true))
            }
        }
        nonNameWords = Set(Gazetteer.items(GazetteerData.nonNameWords))
        particles = Set(Gazetteer.items(GazetteerData.nameParticles))
        reportingVerbs = Set(Gazetteer.items(GazetteerData.reportingVerbs))
        nonOrgAcronyms = Set(Gazetteer.items(GazetteerData.nonOrgAcronyms).map { Fold.normalize($0) })
        nonPersonHeads = Set(Gazetteer.items(GazetteerData.nonPersonHeads))
        for w in DateLexicon.allWords { _ = wordID(w) }
        for (pi, p) in EventLexicon.parsed.enumerated() {
            var slots = [[Int32]]()
            for slot in p.slots {
                if slot.isEmpty {
                    slots.append([])
                } else if slot.contains("**") {
                    slots.append([-2])
                } else {
                    slots.append(Set(slot.map { wordID($0) }).sorted())
                }
            }
            patternSlotIDs.append(slots)
            for w in p.slots[0] { patternsByFirst[wordID(w), default: []].append(pi) }
        }
        let classSets: [(UInt64, Set<String>)] = [
            (W.nonName, nonNameWords),
            (W.particle, particles),
            (W.reporting, reportingVerbs),
            (W.orgHead, orgHeadWords),
            (W.roleMod, Analysis.roleModifiers),
            (W.roleConn, Analysis.roleConnectors),
            (W.locative, Analysis.locatives),
            (W.bgMarker, Analysis.backgroundMarkers),
            (W.negation, Analysis.negations),
            (W.hedge, Analysis.hedges),
            (W.people, Analysis.peopleWords),
            (W.segBreak, Analysis.segmentBreaks),
            (W.pronoun, Analysis.pronounSubjects),
            (W.groupSubj, Analysis.groupSubjects),
            (W.leadingFn, Analysis.leadingFunctionWords),
            (W.lowerOrgHead, Analysis.lowerOrgHeads),
            (W.clauseWord, Analysis.clauseWords),
            (W.groupNoun, Analysis.groupNouns),
            (W.titleWord, titleWords),
            (W.nonPersonHead, nonPersonHeads),
            (W.placeFirst, Analysis.placeFirstWords),
            (W.apposSkip, Analysis.appositionSkips),
            (W.qtyModifier, QuantityLexicon.modifiers),
            (W.stopUnit, QuantityLexicon.stopUnits),
            (W.determiner, Analysis.determiners),
            (W.beVerb, Analysis.beVerbs),
        ]
        for list in Analysis.modeWordLists { for w in list { _ = wordID(w) } }
        let extraSets: [(UInt64, Set<String>)] = [
            (W.month, Set(DateLexicon.months.keys)), (W.weekday, Set(DateLexicon.weekdays.keys)),
            (W.numberWord, Set(QuantityLexicon.numberWords.keys)), (W.currency, Set(QuantityLexicon.currencies.keys)),
            (W.multiplier, Set(QuantityLexicon.multipliers.keys)),
            (W.relDay, ["yesterday", "today", "tonight"]),
            (W.bgHint, ["last", "in", "then", "earlier", "today", "overnight", "yesterday", "at", "long"]),
            (W.tailVerb, Analysis.tailVerbs), (W.abbrev, SentenceSplitter.abbreviations),
            (W.conditional, ["if"]), (W.callWord, ["phone", "telephone", "video"]), (W.summitWord, ["sidelines", "summit"]),
            (W.regionSkip, ["the", "western", "eastern", "northern", "southern", "central"]),
            (W.saidVerb, ["said", "says", "told", "added", "announced", "adding"]),
            (W.prospective, ["upcoming", "next", "planned", "scheduled", "future", "proposed"]),
            (W.subjectWord, ["both", "they", "each", "we", "our", "the"]),
            (W.naturalCause, Analysis.naturalCauses), (W.consequence, Analysis.consequenceWords),
            (W.offTopic, Analysis.offTopicWords), (W.onTopic, Analysis.onTopicWords),
            (W.discardStart, Set(Analysis.storyDiscards.keys)),
            (W.jointWord, Analysis.jointWords), (W.longTimeUnit, Analysis.longTimeUnits), (W.topicStart, Analysis.topicStarts),
            (W.rolePreposition, Set(Analysis.prepositionRoles.keys)), (W.companyNoun, Analysis.companyNouns),
            (W.subordinator, ["after", "because", "when", "while", "since", "before", "although", "though", "whereas", "as", "amid", "following"]),
            (W.creditNoun, Analysis.creditNouns), (W.delegateNoun, Analysis.delegateNouns), (W.forceHead, Analysis.forceHeads),
            (W.forceHeadPairFirst, Analysis.forceHeadPairFirsts), (W.geographicFeature, Analysis.geographicFeatures),
            (W.vehicleNoun, Analysis.vehicleNouns), (W.irregularParticiple, Analysis.irregularParticiples),
            (W.compassWord, Analysis.compassWords),
        ]
        for (bit, set) in classSets + extraSets {
            for word in set {
                let id = Int(wordID(word))
                if wordFlags.count <= id { wordFlags.append(contentsOf: [UInt64](repeating: 0, count: id + 1 - wordFlags.count)) }
                wordFlags[id] |= bit
            }
        }
        if wordFlags.count < vocab.count { wordFlags.append(contentsOf: [UInt64](repeating: 0, count: vocab.count - wordFlags.count)) }
        // words that start a gazetteer phrase or an event pattern
        for edge in edges.keys where edge >> 32 == 0 { wordFlags[Int(UInt32(truncatingIfNeeded: edge))] |= W.gazStart }
        var esize = 1
        while esize < edges.count * 3 { esize <<= 1 }
        edgeMask = esize - 1
        edgeKeys = [UInt64](repeating: UInt64.max, count: esize)
        edgeVals = [Int32](repeating: -1, count: esize)
        for (k, v) in edges {
            var h = Gazetteer.mix(k) & edgeMask
            while edgeKeys[h] != UInt64.max { h = (h + 1) & edgeMask }
            edgeKeys[h] = k
            edgeVals[h] = v
        }
        patternsAt = [[Int]](repeating: [], count: vocab.count)
        modeFlags = [UInt32](repeating: 0, count: vocab.count)
        for (li, list) in Analysis.modeWordLists.enumerated() {
            for w in list {
                if let id = vocab[w] { modeFlags[Int(id)] |= 1 << UInt32(li) }
            }
        }
        for (id, pis) in patternsByFirst { patternsAt[Int(id)] = pis }
        patternSlots = [0]
        slotStarts = [0]
        for slots in patternSlotIDs {
            for slot in slots {
                if slot.isEmpty {
                    slotGaps.append(4)
                } else if slot.contains(-2) {
                    slotGaps.append(14)
                } else {
                    slotGaps.append(0)
                    slotIDs.append(contentsOf: slot)
                }
                slotStarts.append(Int32(slotIDs.count))
            }
            patternSlots.append(Int32(slotGaps.count))
            maxPatternSlots = max(maxPatternSlots, slots.count)
        }
        firstPatternStarts = [0]
        for pis in patternsAt {
            firstPatterns.append(contentsOf: pis.map { Int32($0) })
            firstPatternStarts.append(Int32(firstPatterns.count))
        }
        vocabKeys = [String](repeating: "", count: vocab.count)
        for (k, id) in vocab { vocabKeys[Int(id)] = k }
        for k in vocabKeys {
            vocabStarts.append(Int32(vocabBytes.count))
            vocabBytes.append(contentsOf: k.utf8)
        }
        vocabStarts.append(Int32(vocabBytes.count))
        var size = 1
        while size < vocab.count * 3 { size <<= 1 }
        vocabMask = size - 1
        vocabSlots = [Int32](repeating: -1, count: size)
        for (k, id) in vocab {
            var h = Int(truncatingIfNeeded: Gazetteer.fnv(k)) & vocabMask
            while vocabSlots[h] >= 0 { h = (h + 1) & vocabMask }
            vocabSlots[h] = id
        }
        vocabInline = [UInt64](repeating: 0, count: 4 * size)
        for h in 0..<size {
            let id = vocabSlots[h]
            guard id >= 0 else {
                vocabInline[4 * h] = UInt64.max
                continue
            }
            let bytes = Array(vocabKeys[Int(id)].utf8)
            vocabInline[4 * h] = UInt64(bytes.count) << 32 | UInt64(UInt32(bitPattern: id))
            for (k, byte) in bytes.prefix(24).enumerated() { vocabInline[4 * h + 1 + k / 8] |= UInt64(byte) << UInt64((k % 8) * 8) }
        }
        payloadCases = payload.map { es in es.reduce(0) { $0 | UInt8(1) << (($1.needsAllCaps ? 2 : 0) + ($1.needsCap ? 1 : 0)) } }
        rootChild = [Int32](repeating: -1, count: vocab.count)
        for (k, v) in edges where k >> 32 == 0 { rootChild[Int(UInt32(truncatingIfNeeded: k))] = v }
        continuesPhrase = [Bool](repeating: false, count: vocab.count)
        for k in edges.keys where k >> 32 != 0 { continuesPhrase[Int(UInt32(truncatingIfNeeded: k))] = true }
        for (id, pis) in patternsByFirst {
            wordFlags[Int(id)] |= W.trigStart
            // (the visits pass also reads summons: a summoned envoy tells where the story takes place)
            if pis.contains(where: {
                let p = EventLexicon.parsed[$0]
                return (p.type == "CONSULT" && (p.mode == "visit" || p.host)) || (p.type == "ACCUSE" && p.text.hasPrefix("summon"))
            }) {
                wordFlags[Int(id)] |= W.visitStart
            }
        }

    }

    @inline(__always) static func mix(_ k: UInt64) -> Int {
        var x = k &* 0x9E37_79B9_7F4A_7C15
        x ^= x >> 29
        return Int(truncatingIfNeeded: x)
    }

    @inline(__always) func edge(_ k: UInt64) -> Int32? {
        var h = Gazetteer.mix(k) & edgeMask
        while true {
            let key = edgeKeys[h]
            if key == k { return edgeVals[h] }
            if key == UInt64.max { return nil }
            h = (h + 1) & edgeMask
        }
    }

    static let fnvBasis: UInt64 = 0xcbf2_9ce4_8422_2325

    @inline(__always) static func fnvStep(_ h: UInt64, _ b: UInt8) -> UInt64 { (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }

    @inline(__always) static func fnv(_ s: String) -> UInt64 {
        var h = fnvBasis
        for b in s.utf8 { h = fnvStep(h, b) }
        return h
    }

    /// The vocabulary's lookup tables in place, for one tokenization (``VocabularyView``).
    func withVocabularyView<R>(_ body: (VocabularyView) -> R) -> R {
        vocabSlots.withUnsafeBufferPointer { slots in
            vocabStarts.withUnsafeBufferPointer { starts in
                vocabBytes.withUnsafeBufferPointer { bytes in
                    vocabKeys.withUnsafeBufferPointer { keys in
                        wordFlags.withUnsafeBufferPointer { flags in
                            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: VocabularyView.scratchSize) { scratch in
                                body(VocabularyView(
                                    slots: slots, starts: starts, bytes: bytes, keys: keys, flags: flags, mask: vocabMask,
                                    scratch: scratch.baseAddress!))
                            }
                        }
                    }
                }
            }
        }
    }

    /// Vocabulary id of a folded word, or -1.
    @inline(__always) func lookup(_ s: String) -> Int32 {
        var h = Int(truncatingIfNeeded: Gazetteer.fnv(s)) & vocabMask
        while true {
            let id = vocabSlots[h]
            if id < 0 { return -1 }
            if vocabKeys[Int(id)] == s { return id }
            h = (h + 1) & vocabMask
        }
    }

    /// Longest gazetteer match starting at token `i` whose entries satisfy the case constraints.
    /// Returns (end token exclusive, entries) or nil.
    @inline(__always) func longestMatch(_ tokens: [Token], _ i: Int, _ limit: Int) -> (end: Int, entries: [Entry])? {
        let first = tokens[i]
        @inline(__always) func allowed(_ e: Entry) -> Bool {
            if e.needsAllCaps && !first.allCaps && !(first.cap && first.end - first.start == 1) { return false }
            if e.needsCap && !first.cap { return false }
            return true
        }
        // the longest node with an allowed entry; its entries are filtered once, at the end (and not copied at all
        // when every one is allowed)
        let capsOK = first.allCaps || (first.cap && first.end - first.start == 1)
        // the constraint kinds (``payloadCases``) an entry may carry here: none; needsCap; needsAllCaps; both
        let allowedCases: UInt8 = 1 | (first.cap ? 2 : 0) | (capsOK ? 4 : 0) | (capsOK && first.cap ? 8 : 0)
        var bestNode: Int32 = -1
        var bestEnd = 0
        var node: Int32 = 0
        var j = i
        while j < limit {
            let w = tokens[j].vocab
            if w < 0 { break }
            let next: Int32
            if j == i {
                next = rootChild[Int(w)]
                if next < 0 { break }
            } else {
                if tokens[j].newlineBefore || !continuesPhrase[Int(w)] { break }
                let edge = UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: w))
                guard let n = self.edge(edge) else { break }
                next = n
            }
            node = next
            j += 1
            if payloadCases[Int(node)] & allowedCases != 0 {
                bestNode = node
                bestEnd = j
            }
        }
        guard bestNode >= 0 else { return nil }
        let p = payload[Int(bestNode)]
        return (bestEnd, p.allSatisfy(allowed) ? p : p.filter(allowed))
    }
}

/// The vocabulary table of a ``Gazetteer`` read in place: a token's lookup is a few loads, whether or not the compiler
/// inlines it into the tokenizer (out of line, the lookup through the gazetteer's arrays cost twice as many instructions).
struct VocabularyView {
    let slots: UnsafeBufferPointer<Int32>
    let starts: UnsafeBufferPointer<Int32>
    let bytes: UnsafeBufferPointer<UInt8>
    /// ``Gazetteer/vocabKeys`` and ``Gazetteer/wordFlags``.
    let keys: UnsafeBufferPointer<String>
    let flags: UnsafeBufferPointer<UInt64>
    let mask: Int
    /// The lower-cased bytes of the token being made, written by ``Tokenizer/make`` (at their index modulo ``scratchSize``:
    /// the bytes of a longer token are not read from here).
    let scratch: UnsafeMutablePointer<UInt8>
    /// A power of two.
    static var scratchSize: Int { 64 }

    /// Vocabulary id of a folded word, or -1 (``Gazetteer/lookup(_:)``).
    @inline(__always) func lookup(_ s: String) -> Int32 {
        var h = Int(truncatingIfNeeded: Gazetteer.fnv(s)) & mask
        while true {
            let id = slots[h]
            if id < 0 { return -1 }
            if keys[Int(id)] == s { return id }
            h = (h + 1) & mask
        }
    }

    /// Vocabulary id of the ASCII run sc[a..<b] once lower-cased, or -1; `hash` is the FNV-1a of those bytes.
    @inline(__always) func lookupASCII(_ sc: UnsafeBufferPointer<Unicode.Scalar>, _ a: Int, _ b: Int, hash: UInt64) -> Int32 {
        var h = Int(truncatingIfNeeded: hash) & mask
        let n = b - a
        while true {
            let id = slots[h]
            if id < 0 { return -1 }
            let s = Int(starts[Int(id)])
            if Int(starts[Int(id) + 1]) - s == n {
                if n <= VocabularyView.scratchSize {
                    // the token's bytes are in `scratch` already: compared eight at a time
                    let p = UnsafeRawPointer(bytes.baseAddress! + s)
                    let q = UnsafeRawPointer(scratch)
                    var k = 0
                    while k + 8 <= n && p.loadUnaligned(fromByteOffset: k, as: UInt64.self) == q.loadUnaligned(fromByteOffset: k, as: UInt64.self) {
                        k += 8
                    }
                    while k < n && p.load(fromByteOffset: k, as: UInt8.self) == q.load(fromByteOffset: k, as: UInt8.self) { k += 1 }
                    if k == n { return id }
                    h = (h + 1) & mask
                    continue
                }
                var k = 0
                while k < n {
                    let v = sc[a + k].value
                    if bytes[s + k] != UInt8(v >= 0x41 && v <= 0x5A ? v + 32 : v) { break }
                    k += 1
                }
                if k == n { return id }
            }
            h = (h + 1) & mask
        }
    }
}

/// The shared gazetteer behind one reference (``Analysis/g``).
final class GazetteerRef: Sendable {
    let g: Gazetteer
    init(_ g: Gazetteer) { self.g = g }

    /// ``Gazetteer/longestMatch(_:_:_:)`` on the gazetteer in place: called through `ref.g` from the tokenizing loop, the
    /// gazetteer struct was copied to the stack for every call.
    @inline(never) func longestMatch(_ tokens: [Token], _ i: Int, _ limit: Int) -> (end: Int, entries: [Entry])? {
        g.longestMatch(tokens, i, limit)
    }
    /// The gazetteer and every table the extractor reads on first use (the officials list and its name words, the
    /// discard phrases), loaded together once, so that no document pays for a load.
    static let shared: GazetteerRef = {
        let ref = GazetteerRef(Gazetteer.shared)
        _ = PublicLexicons.officialStates.count
        _ = PublicLexicons.nameWords.count
        _ = Analysis.storyDiscards.count
        return ref
    }()
}

extension StringProtocol {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\r" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
        return String(s)
    }
}
