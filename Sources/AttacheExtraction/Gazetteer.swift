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
}

struct Gazetteer: Sendable {
    var vocab: [String: Int32] = [:]
    /// Trie transitions: (node << 32 | word) → child node.
    var edges: [UInt64: Int32] = [:]
    var payload: [[Entry]] = [[]]
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

    static let shared = Gazetteer()

    mutating func wordID(_ w: String) -> Int32 {
        if let id = vocab[w] { return id }
        let id = Int32(vocab.count)
        vocab[w] = id
        return id
    }

    /// Tokenize a gazetteer phrase exactly like text.
    static func phraseKeys(_ phrase: String) -> [String] {
        let sc = Array(phrase.unicodeScalars)
        return Tokenizer.tokenize(sc).map(\.key)
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
        for line in GazetteerData.knownOrganizations.split(separator: "\n") {
            let parts = line.split(separator: "|", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
            guard parts.count == 3 else { continue }
            let name = parts[0]
            let code = parts[2]
            add(name, Entry(kind: .knownOrg, code: code, value: name))
            knownOrgCountry[Fold.normalize(name)] = code
            for a in Gazetteer.items(parts[1]) {
                add(a, Entry(kind: .knownOrg, code: code, value: name))
                knownOrgCountry[Fold.normalize(a)] = code
            }
        }
        for p in Gazetteer.items(GazetteerData.nonEntityPhrases) {
            add(p, Entry(kind: .nonEntity, value: p))
        }
        for h in Gazetteer.items(GazetteerData.honorifics) {
            add(h, Entry(kind: .honorific, value: h, needsCap: false))
        }
        nonNameWords = Set(Gazetteer.items(GazetteerData.nonNameWords))
        particles = Set(Gazetteer.items(GazetteerData.nameParticles))
        reportingVerbs = Set(Gazetteer.items(GazetteerData.reportingVerbs))
        nonOrgAcronyms = Set(Gazetteer.items(GazetteerData.nonOrgAcronyms).map { Fold.normalize($0) })
        nonPersonHeads = Set(Gazetteer.items(GazetteerData.nonPersonHeads))
        for w in EventLexicon.allWords { _ = wordID(w) }
        for w in DateLexicon.allWords { _ = wordID(w) }
    }

    /// Longest gazetteer match starting at token `i` whose entries satisfy the case constraints.
    /// Returns (end token exclusive, entries) or nil.
    func longestMatch(_ tokens: [Token], _ i: Int, _ limit: Int) -> (end: Int, entries: [Entry])? {
        var node: Int32 = 0
        var best: (Int, [Entry])? = nil
        var j = i
        while j < limit {
            let w = tokens[j].vocab
            if w < 0 { break }
            if j > i && tokens[j].newlineBefore { break }
            let edge = UInt64(UInt32(bitPattern: node)) << 32 | UInt64(UInt32(bitPattern: w))
            guard let next = edges[edge] else { break }
            node = next
            j += 1
            let p = payload[Int(node)]
            if !p.isEmpty {
                let first = tokens[i]
                let ok = p.filter { e in
                    if e.needsAllCaps && !first.allCaps && !(first.cap && first.end - first.start == 1) { return false }
                    if e.needsCap && !first.cap { return false }
                    return true
                }
                if !ok.isEmpty { best = (j, ok) }
            }
        }
        return best
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\r" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
        return String(s)
    }
}
