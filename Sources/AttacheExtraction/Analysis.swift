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
    /// A city of the public list (a place in the state; `isCapital` is set too): never the state acting.
    var isCity = false
}

/// Everything computed for one document; the rule families read and fill it in turn.
final class Analysis {
    /// The gazetteer, held by reference: a copy of the struct would retain (and release) each of its tables
    /// for every document.
    let gazetteerRef: GazetteerRef
    var g: Gazetteer {
        _read { yield gazetteerRef.g }
    }
    let sc: [Unicode.Scalar]
    let tokens: [Token]
    /// Per token: its folded key (``Tokenizer/make``).
    let keys: [String]
    let sentences: [SentenceSpan]
    let matches: [GMatch]
    /// Per token: index into `matches` or -1.
    let matchAt: [Int32]
    /// Per token: the entry kinds of its gazetteer match, as bits (1 << kind).
    let matchKinds: [UInt16]
    let countries: [CountryMention]
    /// Per token: index into `countries` or -1.
    let countryAt: [Int32]
    var published: Day?
    var persons: [PersonBuild] = []
    var orgs: [OrgBuild] = []
    var dates: [FoundDate] = []
    var datesBySentence: [[FoundDate]] = []
    /// Tokens where a person mention starts.
    var personStarts = TokenSet(count: 0)
    var leadDateCache: String?? = nil
    var mainPairCache: [String]? = nil
    /// No third state is named as often as the second of ``mainPair()`` (set with it).
    var mainPairStandsOut = true
    var offTopicCache: Bool? = nil
    /// Per finished event, the rules that decided its actor and recipient (``Extractor/explainedDigest(_:)``).
    var eventRoles: [(actor: StaticString, recipient: StaticString)] = []
    var triggerCache: [[TriggerHit]] = []
    var datelineCache: [Int] = []
    /// Per sentence: 1 when it says "that year", "the following year" (``Analysis/isBackground(_:_:)``), 0 when not,
    /// -1 before it is asked.
    var yearBackCache: [Int8] = []
    /// Per sentence: 1 when it tells background (``Analysis/isBackground(_:_:)``), 0 when not, -1 before it is asked.
    var backgroundCache: [Int8] = []
    /// The work limits (``ExtractionLimits``) this document reached, in the order first reached.
    var limitsReached: [String] = []
    func reached(_ limit: String) { if !limitsReached.contains(limit) { limitsReached.append(limit) } }
    var dominantCountry: String?
    var firstCountry: String?
    var hostCountry: String?
    var visitorCountry: String?
    /// Per sentence: mostly upper-case (headline, dateline) — acronyms there are not trusted.
    let shouting: [Bool]

    /// UTF-8 bytes of the text and, per scalar, its byte offset (for cheap substrings).
    let utf8: [UInt8]
    let byteOffset: [Int32]

    init(text: String, gazetteer ref: GazetteerRef) {
        gazetteerRef = ref
        let utf8 = Array(text.utf8)
        self.utf8 = utf8
        // decode into preallocated buffers: at most one scalar per byte, one offset per scalar plus the end
        let n = utf8.count
        var count = 0
        var offsets = [Int32]()
        let sc = [Unicode.Scalar](unsafeUninitializedCapacity: n) { buf, scCount in
            offsets = [Int32](unsafeUninitializedCapacity: n + 1) { off, offCount in
                utf8.withUnsafeBufferPointer { u in
                    var o = 0
                    let raw = UnsafeRawPointer(u.baseAddress)
                    while o < n {
                        // runs of ASCII eight bytes at a time: eight scalars and eight offsets in two vector stores
                        if let raw, let scalars = UnsafeMutableRawPointer(buf.baseAddress), let offs = UnsafeMutableRawPointer(off.baseAddress) {
                            while o + 8 <= n && raw.loadUnaligned(fromByteOffset: o, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                                let bytes = raw.loadUnaligned(fromByteOffset: o, as: SIMD8<UInt8>.self)
                                scalars.storeBytes(of: SIMD8<UInt32>(truncatingIfNeeded: bytes), toByteOffset: count * 4, as: SIMD8<UInt32>.self)
                                offs.storeBytes(of: SIMD8<Int32>(repeating: Int32(o)) &+ SIMD8<Int32>(0, 1, 2, 3, 4, 5, 6, 7), toByteOffset: count * 4, as: SIMD8<Int32>.self)
                                count += 8
                                o += 8
                            }
                            if o >= n { break }
                        }
                        let b0 = UInt32(u[o])
                        off[count] = Int32(o)
                        if b0 < 0x80 {
                            buf[count] = Unicode.Scalar(UInt8(b0))
                            count += 1
                            o += 1
                            continue
                        }
                        // Strings hold valid UTF-8: decode 2-, 3- and 4-byte sequences
                        var v: UInt32
                        var len: Int
                        if b0 >= 0xF0 {
                            v = b0 & 0x07
                            len = 4
                        } else if b0 >= 0xE0 {
                            v = b0 & 0x0F
                            len = 3
                        } else {
                            v = b0 & 0x1F
                            len = 2
                        }
                        var k = 1
                        while k < len && o + k < n {
                            v = (v << 6) | (UInt32(u[o + k]) & 0x3F)
                            k += 1
                        }
                        buf[count] = Unicode.Scalar(v) ?? "\u{FFFD}"
                        count += 1
                        o += len
                    }
                }
                off[count] = Int32(n)
                offCount = count + 1
            }
            scCount = count
        }
        self.sc = sc
        byteOffset = offsets
        // (the vocabulary read through the reference: passed as `vocabulary: ref.g`, the gazetteer was copied, a retain
        // and a release of each of its tables per document)
        var ks = [String]()
        var toks = ref.g.withVocabularyView { v in sc.withUnsafeBufferPointer { Tokenizer.tokenize($0, v, lookup: true, keys: &ks) } }
        let sents = SentenceSplitter.split(&toks, ks, sc)
        tokens = toks
        keys = ks
        sentences = sents
        // gazetteer matches
        var matches = [GMatch]()
        var matchAt = [Int32](repeating: -1, count: toks.count)
        var countries = [CountryMention]()
        var countryAt = [Int32](repeating: -1, count: toks.count)
        func surface(_ a: Int, _ b: Int) -> String {
            String(decoding: utf8[Int(offsets[toks[a].start])..<Int(offsets[toks[b - 1].end])], as: UTF8.self)
        }
        for s in sents {
            var i = s.firstToken
            while i < s.endToken {
                if toks[i].cls & W.gazStart != 0, let (end, entries) = ref.longestMatch(toks, i, s.endToken) {
                    var es = entries
                    // "US$" is a currency sign, not a mention of the state
                    if end < s.endToken && ks[end] == "$" && !toks[end].spaceBefore {
                        es.removeAll { $0.kind == .countryName || $0.kind == .countryAdj }
                    }
                    if !es.isEmpty {
                        let idx = Int32(matches.count)
                        matches.append(GMatch(start: i, end: end, entries: es))
                        for k in i..<end { matchAt[k] = idx }
                        if let c = es.first(where: { $0.kind == .countryName || $0.kind == .countryAdj || $0.kind == .capital }) {
                            let cidx = Int32(countries.count)
                            countries.append(CountryMention(
                                code: c.code, first: i, end: end, sentence: toks[i].sentence, isCapital: c.kind == .capital,
                                surface: surface(i, end), isCity: c.city))
                            for k in i..<end { countryAt[k] = cidx }
                        } else if end - i >= 2 && es.contains(where: { $0.kind == .knownOrg }) {
                            // "Kuwait News Agency", "Associated Press of Pakistan": a body's name that names a state
                            // mentions it (the longest match inside the name, short of the whole name)
                            var j = i
                            while j < end {
                                let limit = j == i ? end - 1 : end
                                if toks[j].cls & W.gazStart != 0, let (e2, inner) = ref.longestMatch(toks, j, limit),
                                    let c = inner.first(where: { $0.kind == .countryName || $0.kind == .countryAdj })
                                {
                                    let cidx = Int32(countries.count)
                                    countries.append(CountryMention(
                                        code: c.code, first: j, end: e2, sentence: toks[j].sentence, isCapital: false, surface: surface(j, e2)))
                                    for k in j..<e2 { countryAt[k] = cidx }
                                    j = e2
                                    continue
                                }
                                j += 1
                            }
                        }
                        i = end
                        continue
                    }
                }
                i += 1
            }
        }
        // Korea coverage names the two states "the North" and "the South" once their names have been given: in a story
        // that names North Korea, "the North" (capitalised, not the start of a longer name) is North Korea, and "the
        // South" South Korea when South Korea is named too.
        if countries.contains(where: { $0.code == "KP" }) {
            let south = countries.contains(where: { $0.code == "KR" })
            var added = [CountryMention]()
            for k in 1..<toks.count where toks[k].cap && countryAt[k] < 0 && matchAt[k] < 0 && ks[k - 1] == "the"
                && (ks[k] == "north" || (south && ks[k] == "south"))
                && !(k + 1 < toks.count && toks[k + 1].cap && toks[k + 1].sentence == toks[k].sentence)
            {
                added.append(CountryMention(
                    code: ks[k] == "north" ? "KP" : "KR", first: k, end: k + 1, sentence: toks[k].sentence, isCapital: false, surface: surface(k, k + 1)))
            }
            if !added.isEmpty {
                countries.append(contentsOf: added)
                countries.sort { $0.first < $1.first }
                for k in countryAt.indices { countryAt[k] = -1 }
                for (ci, c) in countries.enumerated() { for k in c.first..<c.end { countryAt[k] = Int32(ci) } }
            }
        }
        // "Santiago de Cuba", "Santo Domingo de Guzmán" is no capital named "Santiago": a capital or city followed by
        // "de / del / do / da" and a state's name is a place of that state
        for ci in countries.indices where countries[ci].isCapital || countries[ci].isCity {
            let e = countries[ci].end
            guard e + 1 < toks.count, toks[e].sentence == countries[ci].sentence, ["de", "del", "do", "da"].contains(ks[e]) else { continue }
            let cj = Int(countryAt[e + 1])
            if cj >= 0 && countries[cj].first == e + 1 && !countries[cj].isCapital { countries[ci].code = countries[cj].code }
        }
        // Ambiguous adjectives ("Dominican", "Congolese"): prefer a code named elsewhere in the text.
        // (few matches carry two states: the set of named codes is built for the first that does)
        var named: Set<String>? = nil
        for mi in matches.indices {
            let es = matches[mi].entries
            @inline(__always) func isState(_ e: Entry) -> Bool { e.kind == .countryAdj || e.kind == .countryName }
            guard let c0 = es.firstIndex(where: isState), es[(c0 + 1)...].contains(where: isState) else { continue }
            if named == nil { named = Set(countries.map(\.code)) }
            let code0 = es[c0].code
            if let pick = es.first(where: { isState($0) && named!.contains($0.code) && $0.code != code0 }) {
                let ci = Int(countryAt[matches[mi].start])
                if ci >= 0 { countries[ci].code = pick.code }
            }
        }
        var kinds = [UInt16](repeating: 0, count: toks.count)
        for m in matches {
            var bits: UInt16 = 0
            // (the kinds read in place: `for e in m.entries` copies each entry, a retain and a release of its strings)
            for k in m.entries.indices { bits |= 1 << m.entries[k].kind.rawValue }
            for k in m.start..<m.end { kinds[k] = bits }
        }
        self.matchKinds = kinds
        self.matches = matches
        self.matchAt = matchAt
        self.countries = countries
        self.countryAt = countryAt
        // (read from a constant: the closure reading the captured variable checks its access for every token)
        let finalTokens = toks
        shouting = sents.map { s in
            var caps = 0
            var words = 0
            for t in s.firstToken..<s.endToken where finalTokens[t].kind == .word {
                words += 1
                if finalTokens[t].allCaps || (finalTokens[t].cap && finalTokens[t].end - finalTokens[t].start == 1) { caps += 1 }
            }
            return words >= 2 && caps * 10 >= words * 6
        }
    }

    func text(_ a: Int, _ b: Int) -> String {
        guard a < b else { return "" }
        let s = Int(byteOffset[a])
        let e = Int(byteOffset[b])
        // from the contiguous bytes (an ArraySlice takes the generic, slower path)
        return utf8.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[s..<e]), as: UTF8.self) }
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

    @inline(__always) func hasKind(_ i: Int, _ k: EntryKind) -> Bool {
        i >= 0 && i < matchKinds.count && matchKinds[i] & (1 << k.rawValue) != 0
    }

    /// Start and end of the gazetteer match covering token i (without copying its entries).
    @inline(__always) func matchStart(_ i: Int) -> Int { matches[Int(matchAt[i])].start }
    @inline(__always) func matchEnd(_ i: Int) -> Int { matches[Int(matchAt[i])].end }

    @inline(__always) func match(_ i: Int) -> GMatch? {
        guard i >= 0 && i < matchAt.count else { return nil }
        let m = matchAt[i]
        return m >= 0 ? matches[Int(m)] : nil
    }

    @inline(__always) func country(_ i: Int) -> CountryMention? {
        guard i >= 0 && i < countryAt.count else { return nil }
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

    /// The first index in `from..<to` whose token passes `test`, else `to`. The scan reads the tokens in place: in a
    /// long rule function the array's subscript is an out-of-line call that copies the whole token for every test.
    @inline(__always) func firstToken(from: Int, to: Int, where test: (UnsafeBufferPointer<Token>, Int) -> Bool) -> Int {
        tokens.withUnsafeBufferPointer { t in
            var i = from
            while i < to && !test(t, i) { i += 1 }
            return i
        }
    }

    /// Indices of the tokens that pass `test`, in order (tested in place, as ``firstToken(from:to:where:)``).
    @inline(__always) func tokenIndices(where test: (UnsafeBufferPointer<Token>, Int) -> Bool) -> [Int] {
        tokens.withUnsafeBufferPointer { t in
            var out = [Int]()
            for i in t.indices where test(t, i) { out.append(i) }
            return out
        }
    }

    /// `keys[i].hasSuffix(suffix)` for a suffix ending in an ASCII character, with the token's last byte tested
    /// first: a key whose last byte is not the suffix's cannot end with it.
    @inline(__always) func keyEnds(_ i: Int, _ suffix: StaticString) -> Bool {
        tokens[i].last == suffix.utf8Start[suffix.utf8CodeUnitCount - 1] && keyEndsBytes(keys[i], suffix)
    }

    /// `key.hasSuffix(suffix)` for a suffix of ASCII letters (or an apostrophe), read from the key's bytes: different bytes
    /// cannot end with it, and equal bytes after an ASCII byte (or at the key's start) begin on a character boundary;
    /// otherwise (a non-ASCII byte before them) the string comparison decides.
    @inline(never) func keyEndsBytes(_ key: String, _ suffix: StaticString) -> Bool {
        let n = suffix.utf8CodeUnitCount
        let verdict: Int? = key.utf8.withContiguousStorageIfAvailable { u -> Int in
            guard u.count >= n else { return 0 }
            let base = u.count - n
            for k in 0..<n where u[base + k] != suffix.utf8Start[k] { return 0 }
            return base == 0 || u[base - 1] < 0x80 ? 1 : 2
        }
        switch verdict {
        case 0: return false
        case 1: return true
        default: return key.hasSuffix(suffix.description)
        }
    }

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
