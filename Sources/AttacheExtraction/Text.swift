/// Tokens and sentences over an array of Unicode scalars. Offsets are scalar offsets.

enum TokenKind: UInt8 {
    case word, number, punct
}

/// One token. Plain values only, so copying one costs no reference counting; its folded key lives in a
/// parallel array (``Analysis/keys``).
struct Token {
    var start: Int
    var end: Int
    var kind: TokenKind
    /// First scalar is an upper-case letter.
    var cap: Bool
    /// Every letter is upper-case (and there are at least two letters).
    var allCaps: Bool
    /// A newline precedes this token (after the previous token).
    var newlineBefore: Bool
    /// Whitespace precedes this token.
    var spaceBefore: Bool
    var sentence: Int = 0
    /// Gazetteer vocabulary id of `key` (-1 when unknown).
    var vocab: Int32 = -1
    /// Word-class bits (``W``).
    var cls: UInt64 = 0
    /// The key's byte when it is a single ASCII character (",", ".", "("), else 0: cheap punctuation tests.
    var p: UInt8 = 0
    /// The key's last UTF-8 byte: a cheap first test for suffixes (``Analysis/keyEnds(_:_:)``).
    var last: UInt8 = 0
}

enum Fold {
    /// Folding table for the Latin ranges: scalar value → ASCII lower-case letter (0 = none).
    static let table: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 0x2000)
        for v in 0x41...0x5A { t[v] = UInt8(v + 32) }
        for v in 0x61...0x7A { t[v] = UInt8(v) }
        for v in 0x30...0x39 { t[v] = UInt8(v) }
        func set(_ chars: String, _ base: Character) {
            for s in chars.unicodeScalars where Int(s.value) < t.count { t[Int(s.value)] = base.asciiValue! }
        }
        set("ÀÁÂÃÄÅàáâãäåĀāĂăĄąǍǎǺǻȀȁȂȃẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặÆæ", "a")
        set("ḂḃƀɓḄḅ", "b")
        set("ÇçĆćĈĉĊċČčƈ", "c")
        set("ĎďĐđḌḍḎḏƊɗÐð", "d")
        set("ÈÉÊËèéêëĒēĔĕĖėĘęĚěȄȅȆȇẸẹẺẻẼẽẾếỀềỂểỄễỆệƏə", "e")
        set("Ƒƒ", "f")
        set("ĜĝĞğĠġĢģǦǧ", "g")
        set("ĤĥĦħḤḥ", "h")
        set("ÌÍÎÏìíîïĨĩĪīĬĭĮįİıǏǐỈỉỊị", "i")
        set("Ĵĵ", "j")
        set("ĶķǨǩ", "k")
        set("ĹĺĻļĽľĿŀŁł", "l")
        set("ṀṁṂṃ", "m")
        set("ÑñŃńŅņŇňŉṄṅṆṇ", "n")
        set("ÒÓÔÕÖØòóôõöøŌōŎŏŐőƠơǑǒǾǿỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợŒœ", "o")
        set("Ṗṗ", "p")
        set("ŔŕŖŗŘřṚṛ", "r")
        set("ŚśŜŝŞşŠšȘșṢṣß", "s")
        set("ŢţŤťŦŧȚțṬṭÞþ", "t")
        set("ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲųƯưǓǔǕǖǗǘǙǚǛǜỤụỦủỨứỪừỬửỮữỰự", "u")
        set("Ṽṽ", "v")
        set("ŴŵẀẁẂẃẄẅ", "w")
        set("Ẍẍ", "x")
        set("ÝýÿŶŷŸỲỳỴỵỶỷỸỹ", "y")
        set("ŹźŻżŽžẒẓ", "z")
        return t
    }()

    @inline(__always) static func isLetter(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A }
        if v < 0x2000 && table[Int(v)] != 0 { return true }
        return isAlphabeticSlow(s)
    }

    /// The Unicode property lookups, out of line: inlined, they make every caller fetch the type metadata of
    /// `Unicode.Scalar.Properties` and reserve stack for it on entry, even on the ASCII paths.
    @inline(never) static func isAlphabeticSlow(_ s: Unicode.Scalar) -> Bool { s.properties.isAlphabetic }
    @inline(never) static func isUppercaseSlow(_ s: Unicode.Scalar) -> Bool { s.properties.isUppercase }

    @inline(__always) static func isUpper(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return v >= 0x41 && v <= 0x5A }
        return isUppercaseSlow(s)
    }

    @inline(__always) static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 0x30 && s.value <= 0x39 }

    @inline(__always) static func isCombining(_ s: Unicode.Scalar) -> Bool {
        (s.value >= 0x300 && s.value <= 0x36F) || (s.value >= 0x1AB0 && s.value <= 0x1AFF)
    }

    @inline(__always) static func isSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C, 0xA0, 0x2000...0x200B, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000, 0xFEFF: true
        default: false
        }
    }

    @inline(__always) static func isNewline(_ s: Unicode.Scalar) -> Bool {
        s.value == 0x0A || s.value == 0x0D || s.value == 0x2028 || s.value == 0x2029
    }

    @inline(__always) static func isApostrophe(_ s: Unicode.Scalar) -> Bool {
        s.value == 0x27 || s.value == 0x2019 || s.value == 0x2018 || s.value == 0x02BC
    }

    /// The folded key of scalars[a..<b].
    static func key(_ scalars: [Unicode.Scalar], _ a: Int, _ b: Int) -> String {
        scalars.withUnsafeBufferPointer { key($0, a, b) }
    }

    /// The folded key of scalars[a..<b].
    static func key(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, _ a: Int, _ b: Int) -> String {
        // fast path: ASCII only
        var ascii = true
        for i in a..<b where scalars[i].value >= 0x80 {
            ascii = false
            break
        }
        if ascii { return asciiKey(scalars, a, b) }
        var bytes = [UInt8]()
        bytes.reserveCapacity(b - a)
        for i in a..<b {
            let s = scalars[i]
            let v = s.value
            if v < 0x80 {
                if v >= 0x41 && v <= 0x5A { bytes.append(UInt8(v + 32)) } else { bytes.append(UInt8(v)) }
            } else if v < 0x2000, table[Int(v)] != 0 {
                bytes.append(table[Int(v)])
            } else if isApostrophe(s) {
                bytes.append(0x27)
            } else if isCombining(s) {
                continue
            } else if v == 0x201C || v == 0x201D || v == 0x201E {
                bytes.append(0x22)
            } else if v == 0x2013 || v == 0x2014 || v == 0x2012 || v == 0x2212 {
                bytes.append(0x2D)
            } else {
                for u in String(s).lowercased().utf8 { bytes.append(u) }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The key of an ASCII-only run: lower-cased bytes.
    @inline(__always) static func asciiKey(_ scalars: UnsafeBufferPointer<Unicode.Scalar>, _ a: Int, _ b: Int) -> String {
        String(unsafeUninitializedCapacity: b - a) { buf in
            var n = 0
            for i in a..<b {
                let v = scalars[i].value
                buf[n] = UInt8(v >= 0x41 && v <= 0x5A ? v + 32 : v)
                n += 1
            }
            return n
        }
    }

    /// Folded key of an arbitrary phrase (for gazetteer entries and comparisons).
    static func normalize(_ text: String) -> String {
        // ASCII text: lower-case its bytes (or keep it as it is) without decoding scalars
        // (the standard library lower-cases ASCII text byte by byte without validating the result as UTF-8 again)
        var copy = text
        if let upper: Bool = copy.withUTF8({ u in
            var upper = false
            for b in u {
                if b >= 0x80 { return nil }
                if b >= 0x41 && b <= 0x5A { upper = true }
            }
            return upper
        }) {
            return upper ? text.lowercased() : text
        }
        let sc = Array(text.unicodeScalars)
        return key(sc, 0, sc.count)
    }
}

extension String {
    /// `count` (characters), told from the bytes when they are ASCII other than "\r" (each such byte is a character): the
    /// grapheme count walks the string at a few hundred instructions per name.
    var characterCount: Int {
        let n = utf8.count
        let simple = utf8.withContiguousStorageIfAvailable { u in !u.contains { $0 >= 0x80 || $0 == 0x0D } }
        return simple == true ? n : count
    }
}

/// A small set of folded words read per token by the rules. `contains` first tests the word's last byte and length
/// against its members': most words are no member, and those are told without hashing the word. Exact: the members
/// are ASCII without "K", ";" or "`" (the only ASCII characters another character is canonically equivalent to), so a
/// word equal to a member has its bytes; other sets skip the test.
struct WordSet: ExpressibleByArrayLiteral, Sendable {
    let set: Set<String>
    /// Per last byte: bit n set when a member of n bytes ends with it (all bits when the test is off).
    private let shapes: [UInt64]

    init(arrayLiteral words: String...) {
        set = Set(words)
        var shapes = [UInt64](repeating: 0, count: 256)
        let testable = words.allSatisfy { w in
            !w.isEmpty && w.utf8.count < 64
                && w.utf8.allSatisfy { $0 < 0x80 && $0 != UInt8(ascii: "K") && $0 != UInt8(ascii: ";") && $0 != UInt8(ascii: "`") }
        }
        if testable {
            for w in words { shapes[Int(w.utf8.last!)] |= 1 << UInt64(w.utf8.count) }
        } else {
            shapes = [UInt64](repeating: UInt64.max, count: 256)
        }
        self.shapes = shapes
    }

    @inline(__always) func contains(_ word: String) -> Bool {
        // (the last byte read from the contiguous bytes: `utf8.last` is an out-of-line generic call, dearer than the test)
        let miss = word.utf8.withContiguousStorageIfAvailable { u -> Bool in
            let n = u.count
            return n > 0 && n < 64 && shapes[Int(u[n - 1])] & (1 << UInt64(n)) == 0
        }
        if miss == true { return false }
        return set.contains(word)
    }
}

enum Tokenizer {
    /// One token over sc[a..<b]: case counts and the folded key (appended to `keys`: lower-case, diacritics
    /// folded, curly quotes straightened, "Văn" → "van", "’s" → "'s") in a single pass. With a gazetteer, the
    /// key's vocabulary id and word classes too (ASCII keys are looked up from the scalars, and a known
    /// word reuses the vocabulary's string instead of building one).
    @inline(__always) static func make(
        _ sc: UnsafeBufferPointer<Unicode.Scalar>, _ a: Int, _ b: Int, _ kind: TokenKind, newline: Bool, space: Bool,
        _ vocabulary: VocabularyView, lookup: Bool, keys: inout [String]
    ) -> Token {
        var cap = false
        var upper = 0
        var lower = 0
        var ascii = true
        var h = Gazetteer.fnvBasis
        if kind == .word {
            cap = Fold.isUpper(sc[a])
            for j in a..<b {
                let v = sc[j].value
                if v < 0x80 {
                    let byte: UInt8
                    if v >= 0x41 && v <= 0x5A {
                        upper += 1
                        byte = UInt8(v + 32)
                    } else {
                        if v >= 0x61 && v <= 0x7A { lower += 1 }
                        byte = UInt8(v)
                    }
                    h = Gazetteer.fnvStep(h, byte)
                    // (the index wraps past the buffer's end: a word that long is not looked up from `scratch`)
                    vocabulary.scratch[(j - a) & (VocabularyView.scratchSize - 1)] = byte
                } else {
                    ascii = false
                    let s = sc[j]
                    if Fold.isUpper(s) { upper += 1 } else if Fold.isLetter(s) { lower += 1 }
                }
            }
        } else {
            for j in a..<b {
                let v = sc[j].value
                if v >= 0x80 {
                    ascii = false
                    break
                }
                let byte = UInt8(v >= 0x41 && v <= 0x5A ? v + 32 : v)
                h = Gazetteer.fnvStep(h, byte)
                vocabulary.scratch[(j - a) & (VocabularyView.scratchSize - 1)] = byte
            }
        }
        return finish(
            sc, a, b, kind, newline: newline, space: space, vocabulary, lookup: lookup, keys: &keys,
            cap: cap, upper: upper, lower: lower, ascii: ascii, hash: h)
    }

    /// The rest of ``make(_:_:_:_:newline:space:_:lookup:keys:)`` once the scalars are read: from the case counts and
    /// (for ASCII) the hash of the lower-cased bytes, which are in the vocabulary's scratch buffer, the key, its
    /// vocabulary id and word classes, and the token.
    @inline(__always) static func finish(
        _ sc: UnsafeBufferPointer<Unicode.Scalar>, _ a: Int, _ b: Int, _ kind: TokenKind, newline: Bool, space: Bool,
        _ vocabulary: VocabularyView, lookup: Bool, keys: inout [String],
        cap: Bool, upper: Int, lower: Int, ascii: Bool, hash h: UInt64
    ) -> Token {
        let key: String
        var vocab: Int32 = -1
        var p: UInt8 = 0
        var last: UInt8 = 0
        if ascii {
            let v = sc[b - 1].value
            last = UInt8(v >= 0x41 && v <= 0x5A ? v + 32 : v)
            if lookup {
                vocab = vocabulary.lookupASCII(sc, a, b, hash: h)
                key = vocab >= 0 ? vocabulary.keys[Int(vocab)] : Fold.asciiKey(sc, a, b)
            } else {
                key = Fold.asciiKey(sc, a, b)
            }
            if b - a == 1 {
                let v = sc[a].value
                p = UInt8(v >= 0x41 && v <= 0x5A ? v + 32 : v)
            }
        } else {
            key = Fold.key(sc, a, b)
            if lookup { vocab = vocabulary.lookup(key) }
            if key.utf8.count == 1 { p = key.utf8.first! }
            last = key.utf8.last ?? 0
        }
        keys.append(key)
        var tok = Token(
            start: a, end: b, kind: kind, cap: cap,
            allCaps: upper >= 2 && lower == 0, newlineBefore: newline, spaceBefore: space)
        tok.p = p
        tok.last = last
        if vocab >= 0 {
            tok.vocab = vocab
            tok.cls = vocabulary.flags[Int(vocab)]
        }
        return tok
    }

    /// A word of ASCII letters and digits starting at the letter at `i`, read in one pass: its end as ``wordEnd(_:_:)``
    /// finds it, and the token as ``make(_:_:_:_:newline:space:_:lookup:keys:)`` makes it. Nil (nothing appended) when the
    /// word goes on past an ASCII letter or digit in a way only ``wordEnd(_:_:)`` tells: a non-ASCII scalar, an
    /// apostrophe before a letter ("d'Or", "'s"), a dot before a letter ("U.S.", "DAILY.KZ").
    @inline(__always) static func asciiWord(
        _ sc: UnsafeBufferPointer<Unicode.Scalar>, _ i: Int, newline: Bool, space: Bool,
        _ vocabulary: VocabularyView, lookup: Bool, keys: inout [String]
    ) -> (end: Int, token: Token)? {
        let n = sc.count
        var upper = 0
        var lower = 0
        var h = Gazetteer.fnvBasis
        var j = i
        while j < n {
            let v = sc[j].value
            let byte: UInt8
            if v &- 0x41 < 26 {
                upper += 1
                byte = UInt8(v + 32)
            } else if v &- 0x61 < 26 {
                lower += 1
                byte = UInt8(v)
            } else if v &- 0x30 < 10 {
                byte = UInt8(v)
            } else {
                break
            }
            h = Gazetteer.fnvStep(h, byte)
            vocabulary.scratch[(j - i) & (VocabularyView.scratchSize - 1)] = byte
            j += 1
        }
        if j < n {
            let c = sc[j].value
            if c >= 0x80 { return nil }
            // (``wordEnd(_:_:)`` reads on only when a letter follows the apostrophe, or the dot with one more scalar after it)
            if c == 0x27 && j + 1 < n && Fold.isLetter(sc[j + 1]) { return nil }
            if c == 0x2E && j + 2 < n && Fold.isLetter(sc[j + 1]) { return nil }
        }
        let token = finish(
            sc, i, j, .word, newline: newline, space: space, vocabulary, lookup: lookup, keys: &keys,
            cap: Fold.isUpper(sc[i]), upper: upper, lower: lower, ascii: true, hash: h)
        return (j, token)
    }

    /// Tokens of `sc` and their keys; with a gazetteer, each token carries its vocabulary id and word classes.
    static func tokenize(_ sc: [Unicode.Scalar], vocabulary g: borrowing Gazetteer) -> (tokens: [Token], keys: [String]) {
        var keys = [String]()
        let tokens = g.withVocabularyView { v in sc.withUnsafeBufferPointer { tokenize($0, v, lookup: true, keys: &keys) } }
        return (tokens, keys)
    }

    /// Keys of the tokens of `sc`, without vocabulary ids (for the gazetteer's own phrases).
    static func keys(_ sc: [Unicode.Scalar]) -> [String] {
        var keys = [String]()
        _ = Gazetteer.empty.withVocabularyView { v in sc.withUnsafeBufferPointer { tokenize($0, v, lookup: false, keys: &keys) } }
        return keys
    }

    static func tokenize(
        _ sc: UnsafeBufferPointer<Unicode.Scalar>, _ vocabulary: VocabularyView, lookup: Bool, keys: inout [String]
    ) -> [Token] {
        var tokens = [Token]()
        tokens.reserveCapacity(sc.count / 5 + 4)
        keys.reserveCapacity(sc.count / 5 + 4)
        let n = sc.count
        var i = 0
        var sawNewline = true
        var sawSpace = true
        while i < n {
            let s = sc[i]
            if Fold.isSpace(s) {
                if Fold.isNewline(s) { sawNewline = true }
                sawSpace = true
                i += 1
                continue
            }
            let kind: TokenKind
            var j: Int
            if Fold.isDigit(s) {
                kind = .number
                j = i + 1
                while j < n {
                    let c = sc[j]
                    if Fold.isDigit(c) { j += 1; continue }
                    if (c == "," || c == ".") && j + 1 < n && Fold.isDigit(sc[j + 1]) { j += 2; continue }
                    break
                }
                // ordinals and unit suffixes glued to numbers: 3rd, 16th, 10km
                var k = j
                while k < n && Fold.isLetter(sc[k]) { k += 1 }
                if k > j && k - j <= 3 { j = k }
            } else if Fold.isLetter(s) {
                // (most words are ASCII letters and digits: their end and token in one pass)
                if s.value < 0x80,
                    let (end, token) = asciiWord(sc, i, newline: sawNewline, space: sawSpace, vocabulary, lookup: lookup, keys: &keys)
                {
                    tokens.append(token)
                    sawNewline = false
                    sawSpace = false
                    i = end
                    continue
                }
                kind = .word
                j = wordEnd(sc, i)
            } else if Fold.isApostrophe(s) && i + 1 < n && (sc[i + 1] == "s" || sc[i + 1] == "S")
                && (i + 2 == n || !Fold.isLetter(sc[i + 2])) && !tokens.isEmpty && !sawSpace
            {
                kind = .word
                j = i + 2
            } else if s == "-" && i + 1 < n && sc[i + 1] == "-" {
                kind = .punct
                j = i + 2
            } else if s == "." && i + 2 < n && sc[i + 1] == "." && sc[i + 2] == "." {
                kind = .punct
                j = i + 3
            } else {
                kind = .punct
                j = i + 1
            }
            tokens.append(make(sc, i, j, kind, newline: sawNewline, space: sawSpace, vocabulary, lookup: lookup, keys: &keys))
            sawNewline = false
            sawSpace = false
            i = j
        }
        return tokens
    }

    /// End of the word token that starts with the letter at `i`.
    @inline(__always) static func wordEnd(_ sc: UnsafeBufferPointer<Unicode.Scalar>, _ i: Int) -> Int {
        let n = sc.count
        var j = i + 1
        while j < n {
            let c = sc[j]
            // (ASCII letters and digits first: one range test each)
            if c.value < 0x80 {
                if (c.value | 0x20) &- 0x61 < 26 || c.value &- 0x30 < 10 { j += 1; continue }
            } else if Fold.isLetter(c) || Fold.isCombining(c) {
                j += 1
                continue
            }
            if Fold.isApostrophe(c) && j + 1 < n && Fold.isLetter(sc[j + 1]) {
                // possessive 's ends the word; d'Or, N'Djamena, don't stay whole
                let next = sc[j + 1]
                let afterS = j + 2 < n ? sc[j + 2] : " "
                if (next == "s" || next == "S") && !Fold.isLetter(afterS) { break }
                j += 2
                continue
            }
            break
        }
        // U.S., U.N., p.m., e.g.: single letters joined by dots
        if j == i + 1 && j + 2 < n && sc[j] == "." && Fold.isLetter(sc[j + 1]) {
            var k = j
            while k + 2 <= n && sc[k] == "." && k + 1 < n && Fold.isLetter(sc[k + 1])
                && (k + 2 == n || !Fold.isLetter(sc[k + 2]))
            {
                k += 2
            }
            if k > j {
                if k < n && sc[k] == "." { k += 1 }
                return k
            }
        }
        // domains: DAILY.KZ, mod.gov.example
        if j - i >= 2 && j + 2 < n && sc[j] == "." && Fold.isLetter(sc[j + 1]) {
            var k = j + 1
            while k < n && Fold.isLetter(sc[k]) { k += 1 }
            let tld = k - (j + 1)
            let allUpperOrLower = (j + 1..<k).allSatisfy { Fold.isUpper(sc[$0]) }
                || (j + 1..<k).allSatisfy { !Fold.isUpper(sc[$0]) }
            if tld >= 2 && tld <= 3 && allUpperOrLower && (k == n || !Fold.isLetter(sc[k])) {
                return k
            }
        }
        return j
    }
}

struct SentenceSpan {
    var start: Int  // scalar offsets
    var end: Int
    var firstToken: Int
    var endToken: Int  // exclusive
}

enum SentenceSplitter {
    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "ft", "gen", "lt", "col", "maj", "capt", "cpt",
        "cmdr", "cdr", "adm", "brig", "sgt", "cpl", "pvt", "pte", "rt", "hon", "gov", "sen", "rep", "rev", "fr",
        "no", "nos", "vol", "vs", "v", "etc", "inc", "ltd", "co", "corp", "dept", "univ", "jan", "feb", "mar",
        "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "fig", "art", "para", "approx", "est",
        "excellency", "pol", "gp", "wg", "sqn", "flt", "supt", "insp", "lieut", "cdre", "op", "ref", "al", "u.s",
        "smt", "shri", "kum", "dato", "hj", "hjh", "pehin", "engr", "amb",
    ]
    /// Two-letter initials that transliterate one Cyrillic or Mongolian letter ("Ts. Ganbold", "Kh. Batsaikhan").
    static let digraphInitials: Set<String> = ["ts", "kh", "sh", "ch", "zh", "ya", "yu", "ye", "yo", "dz", "gh"]

    static func split(_ tokens: inout [Token], _ keys: [String], _ sc: [Unicode.Scalar]) -> [SentenceSpan] {
        var out = [SentenceSpan]()
        let n = tokens.count
        if n == 0 { return out }
        var first = 0
        // A `date YYYY-MM-DD` header ends its own sentence.
        var headerEnd = -1
        if n >= 6 && keys[0] == "date" && tokens[1].kind == .number && keys[1].utf8.count == 4
            && tokens[2].p == UInt8(ascii: "-") && tokens[3].kind == .number && tokens[4].p == UInt8(ascii: "-") && tokens[5].kind == .number
        {
            headerEnd = 5
        }
        func close(_ last: Int) {
            if last >= first {
                out.append(SentenceSpan(
                    start: tokens[first].start, end: tokens[last].end, firstToken: first, endToken: last + 1))
            }
            first = last + 1
        }
        var i = 0
        while i < n {
            if i == headerEnd {
                close(i)
                i += 1
                continue
            }
            // a run-on "sentence" is cut into pieces of at most ExtractionLimits.maxSentenceTokens: the work per
            // sentence (clauses, pairs of states) stays bounded, so a document costs in proportion to its length
            if i - first + 1 >= ExtractionLimits.maxSentenceTokens {
                close(i)
                i += 1
                continue
            }
            if i + 1 < n && tokens[i + 1].newlineBefore {
                close(i)
                i += 1
                continue
            }
            let pc = tokens[i].p
            if tokens[i].kind == .punct && (pc == UInt8(ascii: ".") || pc == UInt8(ascii: "!") || pc == UInt8(ascii: "?") || keys[i] == "...") {
                let k = keys[i]
                // absorb closing quotes and brackets
                var j = i
                while j + 1 < n && !tokens[j + 1].spaceBefore
                    && (tokens[j + 1].p == UInt8(ascii: "\"") || tokens[j + 1].p == UInt8(ascii: "'") || tokens[j + 1].p == UInt8(ascii: ")"))
                {
                    j += 1
                }
                if j + 1 >= n {
                    close(j)
                    i = j + 1
                    continue
                }
                let next = tokens[j + 1]
                if next.newlineBefore {
                    close(j)
                    i = j + 1
                    continue
                }
                if !next.spaceBefore {
                    // text scraped without the space after a full stop ("after takeoff.The council"): a word of two or
                    // more letters, a stop, then a capitalised word that is not itself followed by a dot (a domain)
                    if k == "." && i > first && SentenceSplitter.isGluedBoundary(tokens, keys, stop: i, next: j + 1) {
                        close(j)
                    }
                    i = j + 1
                    continue
                }
                let startsNew = next.cap || next.kind == .number || next.p == UInt8(ascii: "\"") || next.p == UInt8(ascii: "'")
                    || next.p == UInt8(ascii: "(") || keys[j + 1] == "["
                if !startsNew {
                    i = j + 1
                    continue
                }
                if k == "." && i > first {
                    let prev = tokens[i - 1]
                    if prev.end == tokens[i].start {
                        if prev.kind == .word && prev.cls & W.abbrev != 0 {
                            i = j + 1
                            continue
                        }
                        // an initial: "Mary K. Ortega"
                        if prev.kind == .word && prev.cap && prev.end - prev.start == 1 {
                            i = j + 1
                            continue
                        }
                        // a two-letter initial of a Cyrillic or Mongolian letter: "Ts. Ganbold", "Kh. Batsaikhan"
                        if prev.kind == .word && prev.cap && prev.end - prev.start == 2 && SentenceSplitter.digraphInitials.contains(keys[i - 1]) {
                            i = j + 1
                            continue
                        }
                    }
                }
                close(j)
                i = j + 1
                continue
            }
            // "U.S." and similar dotted tokens already contain their final dot: no break after them.
            i += 1
        }
        if first < n { close(n - 1) }
        for (si, s) in out.enumerated() {
            for t in s.firstToken..<s.endToken { tokens[t].sentence = si }
        }
        _ = sc
        return out
    }

    /// True when the stop at `stop` ends a sentence although no space follows it: it is glued to a word of two or more
    /// letters that is no abbreviation, and the token at `next` is a capitalised word in lower case after its first
    /// letter ("The", not "UN" or "S"), and neither word is part of a domain ("mofa.gov.Example", "example.Com.au").
    static func isGluedBoundary(_ tokens: [Token], _ keys: [String], stop: Int, next: Int) -> Bool {
        let prev = tokens[stop - 1], word = tokens[next]
        guard prev.kind == .word, prev.end == tokens[stop].start, prev.end - prev.start >= 2, prev.cls & W.abbrev == 0,
            word.kind == .word, word.cap, word.end - word.start >= 2, !word.allCaps, !keys[stop - 1].utf8.contains(UInt8(ascii: "."))
        else { return false }
        return next + 1 >= tokens.count || tokens[next + 1].p != UInt8(ascii: ".") || tokens[next + 1].spaceBefore
    }
}
