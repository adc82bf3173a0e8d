import AttacheContracts

/// A gazetteer hit in the text.
struct GMatch {
    var start: Int  // token index
    var end: Int  // exclusive
    var entries: [Entry]

    func first(_ k: EntryKind) -> Entry? { entries.first { $0.kind == k } }
    func has(_ k: EntryKind) -> Bool { entries.contains { $0.kind == k } }
}

/// A state named in the text (by name, official name, adjective, capital or possessive).
struct CountryMention {
    var code: String
    var first: Int
    var end: Int
    var sentence: Int
    var isCapital: Bool
    var surface: String
}

/// Everything computed for one document; the rule families read and fill it in turn.
final class Analysis {
    let g: Gazetteer
    let sc: [Unicode.Scalar]
    var tokens: [Token]
    var sentences: [SentenceSpan] = []
    var matches: [GMatch] = []
    /// Per token: index into `matches` or -1.
    var matchAt: [Int32]
    var countries: [CountryMention] = []
    /// Per token: index into `countries` or -1.
    var countryAt: [Int32]
    var published: Day?
    var persons: [PersonBuild] = []
    var orgs: [OrgBuild] = []
    var dates: [FoundDate] = []
    var datesBySentence: [[FoundDate]] = []
    var personStarts = Set<Int>()
    var leadDateCache: String?? = nil
    var dominantCountry: String?
    var firstCountry: String?
    var hostCountry: String?
    /// Per sentence: mostly upper-case (headline, dateline) — acronyms there are not trusted.
    var shouting: [Bool] = []

    /// UTF-8 bytes of the text and, per scalar, its byte offset (for cheap substrings).
    let utf8: [UInt8]
    let byteOffset: [Int32]

    init(text: String, gazetteer: Gazetteer) {
        g = gazetteer
        sc = Array(text.unicodeScalars)
        utf8 = Array(text.utf8)
        var offsets = [Int32]()
        offsets.reserveCapacity(sc.count + 1)
        var o: Int32 = 0
        for s in sc {
            offsets.append(o)
            o += Int32(UTF8.width(s))
        }
        offsets.append(o)
        byteOffset = offsets
        tokens = Tokenizer.tokenize(sc)
        matchAt = [Int32](repeating: -1, count: tokens.count)
        countryAt = [Int32](repeating: -1, count: tokens.count)
        for i in tokens.indices {
            if let id = g.vocab[tokens[i].key] {
                tokens[i].vocab = id
                tokens[i].cls = g.wordFlags[Int(id)]
            }
        }
        sentences = SentenceSplitter.split(&tokens, sc)
        matchGazetteer()
        computeShouting()
    }

    func text(_ a: Int, _ b: Int) -> String {
        guard a < b else { return "" }
        return String(decoding: utf8[Int(byteOffset[a])..<Int(byteOffset[b])], as: UTF8.self)
    }

    /// Text of tokens[a..<b] (as written, with the spacing of the original).
    func tokenText(_ a: Int, _ b: Int) -> String {
        guard a < b else { return "" }
        return text(tokens[a].start, tokens[b - 1].end)
    }

    func span(_ a: Int, _ b: Int) -> Span {
        Span(sentence: tokens[a].sentence, start: tokens[a].start, end: tokens[b - 1].end)
    }

    func sentenceRange(_ si: Int) -> Range<Int> { sentences[si].firstToken..<sentences[si].endToken }

    private func matchGazetteer() {
        for s in sentences {
            var i = s.firstToken
            while i < s.endToken {
                if tokens[i].vocab >= 0, let (end, entries) = g.longestMatch(tokens, i, s.endToken) {
                    var es = entries
                    // "US$" is a currency sign, not a mention of the state
                    if end < s.endToken && tokens[end].key == "$" && !tokens[end].spaceBefore {
                        es.removeAll { $0.kind == .countryName || $0.kind == .countryAdj }
                    }
                    if !es.isEmpty {
                        let idx = Int32(matches.count)
                        matches.append(GMatch(start: i, end: end, entries: es))
                        for k in i..<end { matchAt[k] = idx }
                        if let c = es.first(where: { $0.kind == .countryName || $0.kind == .countryAdj || $0.kind == .capital }) {
                            let cidx = Int32(countries.count)
                            countries.append(CountryMention(
                                code: c.code, first: i, end: end, sentence: tokens[i].sentence, isCapital: c.kind == .capital,
                                surface: tokenText(i, end)))
                            for k in i..<end { countryAt[k] = cidx }
                        }
                        i = end
                        continue
                    }
                }
                i += 1
            }
        }
        // Ambiguous adjectives ("Dominican", "Congolese"): prefer a code named elsewhere in the text.
        let named = Set(countries.map(\.code))
        for mi in matches.indices {
            let cs = matches[mi].entries.filter { $0.kind == .countryAdj || $0.kind == .countryName }
            if cs.count > 1, let pick = cs.first(where: { named.contains($0.code) && $0.code != cs[0].code }) {
                let ci = Int(countryAt[matches[mi].start])
                if ci >= 0 { countries[ci].code = pick.code }
            }
        }
    }

    private func computeShouting() {
        shouting = sentences.map { s in
            var caps = 0
            var words = 0
            for t in s.firstToken..<s.endToken where tokens[t].kind == .word {
                words += 1
                if tokens[t].allCaps || (tokens[t].cap && tokens[t].end - tokens[t].start == 1) { caps += 1 }
            }
            return words >= 2 && caps * 10 >= words * 6
        }
    }

    @inline(__always) func match(_ i: Int) -> GMatch? {
        let m = matchAt[i]
        return m >= 0 ? matches[Int(m)] : nil
    }

    @inline(__always) func country(_ i: Int) -> CountryMention? {
        let c = countryAt[i]
        return c >= 0 ? countries[Int(c)] : nil
    }

    /// Country mentioned at token i as a state (names and adjectives; capitals only when `capitals`).
    func stateAt(_ i: Int, capitals: Bool) -> String? {
        guard let c = country(i) else { return nil }
        if c.isCapital && !capitals { return nil }
        return c.code
    }

    func isWord(_ i: Int) -> Bool { tokens[i].kind == .word }

    /// Nearest country mention before token `i` in the same sentence (names/adjectives).
    func countryBefore(_ i: Int, sentence si: Int, within: Int = 1000) -> String? {
        let r = sentenceRange(si)
        var j = i - 1
        while j >= r.lowerBound && i - j <= within {
            if let c = country(j), !c.isCapital { return c.code }
            j -= 1
        }
        return nil
    }

    func countryAfter(_ i: Int, sentence si: Int, within: Int = 1000) -> String? {
        let r = sentenceRange(si)
        var j = i
        while j < r.upperBound && j - i <= within {
            if let c = country(j), !c.isCapital { return c.code }
            j += 1
        }
        return nil
    }
}
