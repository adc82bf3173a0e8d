/// PLOVER sector codes of persons and organizations, read from general words: a person's rank and the
/// offices in their roles, an organization's head words. The codes used: GOV (government), MIL (armed
/// forces), COP (police), JUD (judiciary), LEG (legislature), PTY (political party), BUS (business),
/// MED (media), EDU (education and research), REL (religion), NGO (non-governmental), IGO (international
/// body), SPY (intelligence), HLH (health), REB (rebels), OPP (opposition).
///
/// The word table is hand-written, general and small, and is the only place words map to sectors
/// (``Sector/lookup(_:)``): a fuller noun → sector table generated from a public agents dictionary can
/// later be consulted there as a fallback. It names no person, body or fact from any news text.
enum Sector {
    /// What a word or phrase says about the sector.
    struct Cue: Sendable {
        var sector: String?
        /// A word that defers to a more specific word in the same role or name ("President of the
        /// University" → EDU, "Department of Police" → COP); its own sector counts only when none is found.
        var weak: Bool
    }

    /// Strong cues: the word settles the sector.
    static let strong: [String: String] = [
        // armed forces
        "army": "MIL", "navy": "MIL", "air force": "MIL", "military": "MIL", "armed forces": "MIL", "defence forces": "MIL",
        "defense forces": "MIL", "self-defense forces": "MIL", "self defense forces": "MIL", "coast guard": "MIL",
        "border guard": "MIL", "border guards": "MIL", "marines": "MIL", "marine corps": "MIL", "general staff": "MIL",
        "brigade": "MIL", "battalion": "MIL", "regiment": "MIL", "division": "MIL", "fleet": "MIL", "squadron": "MIL",
        "garrison": "MIL", "militia": "MIL", "troops": "MIL", "defence staff": "MIL", "defense staff": "MIL",
        "military region": "MIL", "military zone": "MIL", "naval": "MIL", "defence attache": "MIL",
        "defense attache": "MIL", "military attache": "MIL",
        // police
        "police": "COP", "gendarmerie": "COP", "constabulary": "COP", "public security": "COP", "police officer": "COP",
        // government
        "ministry": "GOV", "government": "GOV", "embassy": "GOV", "consulate": "GOV", "council of ministers": "GOV",
        "cabinet": "GOV", "presidency": "GOV", "central bank": "GOV", "minister": "GOV", "ambassador": "GOV",
        "envoy": "GOV", "prime minister": "GOV", "premier": "GOV", "chancellor": "GOV", "governor": "GOV",
        "mayor": "GOV", "attache": "GOV", "charge d'affaires": "GOV", "high commissioner": "GOV", "consul": "GOV",
        "king": "GOV", "queen": "GOV", "crown prince": "GOV", "prince": "GOV", "sultan": "GOV", "emir": "GOV",
        "monarch": "GOV", "national security adviser": "GOV", "national security advisor": "GOV",
        "secretary of state": "GOV", "foreign secretary": "GOV", "home secretary": "GOV", "high commission": "GOV",
        // judiciary
        "court": "JUD", "tribunal": "JUD", "judge": "JUD", "chief justice": "JUD", "justice": "JUD", "prosecutor": "JUD",
        "procuracy": "JUD", "attorney general": "JUD", "attorney-general": "JUD", "solicitor general": "JUD",
        // legislature
        "parliament": "LEG", "senate": "LEG", "congress": "LEG", "national assembly": "LEG", "assembly": "LEG",
        "legislature": "LEG", "senator": "LEG", "lawmaker": "LEG", "legislator": "LEG", "mp": "LEG",
        "member of parliament": "LEG", "congressman": "LEG", "congresswoman": "LEG", "speaker": "LEG",
        "parliamentarian": "LEG",
        // parties
        "party": "PTY", "politburo": "PTY", "central committee": "PTY", "party leader": "PTY",
        "general secretary": "PTY",
        // business
        "company": "BUS", "corporation": "BUS", "corp": "BUS", "ltd": "BUS", "inc": "BUS", "llc": "BUS", "plc": "BUS",
        "holdings": "BUS", "industries": "BUS", "enterprise": "BUS", "airlines": "BUS", "airways": "BUS", "bank": "BUS",
        "ceo": "BUS", "chief executive": "BUS", "chief executive officer": "BUS", "businessman": "BUS",
        "businesswoman": "BUS", "entrepreneur": "BUS", "managing director": "BUS",
        // media
        "news agency": "MED", "news": "MED", "television": "MED", "radio": "MED", "broadcasting": "MED",
        "broadcaster": "MED", "newspaper": "MED", "gazette": "MED", "herald": "MED", "journalist": "MED",
        "reporter": "MED", "correspondent": "MED", "editor": "MED", "photographer": "MED",
        // education and research
        "university": "EDU", "academy": "EDU", "college": "EDU", "institute": "EDU", "school": "EDU",
        "professor": "EDU", "researcher": "EDU", "scientist": "EDU", "scholar": "EDU", "lecturer": "EDU",
        // religion
        "church": "REL", "mosque": "REL", "temple": "REL", "diocese": "REL", "cleric": "REL", "imam": "REL",
        "bishop": "REL", "archbishop": "REL", "pope": "REL", "patriarch": "REL", "monk": "REL", "priest": "REL",
        // others
        "red cross": "NGO", "red crescent": "NGO", "foundation": "NGO", "ngo": "NGO", "charity": "NGO",
        "intelligence": "SPY", "intelligence agency": "SPY", "intelligence service": "SPY",
        "hospital": "HLH", "rebels": "REB", "rebel": "REB", "insurgents": "REB", "opposition": "OPP",
    ]

    /// Weak cues: titles and generic heads that take the sector of a more specific word beside them, with the
    /// sector they have alone (nil: none).
    static let weak: [String: String?] = [
        "president": "GOV", "vice president": "GOV", "secretary": "GOV", "deputy secretary": "GOV",
        "permanent secretary": "GOV", "under secretary": "GOV", "undersecretary": "GOV", "secretary general": nil,
        "secretary-general": nil, "commander": "MIL", "commander-in-chief": "MIL", "commander in chief": "MIL",
        "department": "GOV", "agency": "GOV", "office": "GOV", "bureau": "GOV", "directorate": "GOV",
        "administration": "GOV", "authority": "GOV", "commission": "GOV", "committee": nil, "council": nil,
        "service": nil, "command": "MIL", "force": "MIL", "forces": "MIL", "corps": "MIL", "guard": "MIL",
        "chairman": nil, "chairwoman": nil, "chairperson": nil, "chair": nil, "chief": nil, "head": nil,
        "director": nil, "director general": nil, "director-general": nil, "spokesman": nil, "spokeswoman": nil,
        "spokesperson": nil, "leader": nil, "deputy": nil, "member": nil, "adviser": nil, "advisor": nil,
        "official": nil, "officer": nil, "representative": nil, "delegate": nil, "delegation": nil, "mission": nil,
        "inspector general": nil, "commissioner": nil, "group": nil, "association": nil, "federation": nil,
        "union": nil, "organisation": nil, "organization": nil, "centre": nil, "center": nil, "post": nil,
        "times": nil, "press": nil, "daily": nil,
    ]

    /// One entry per word or phrase of the tables, and per proper prefix of a longer phrase (one hash per word).
    struct Entry: Sendable {
        var cue: Cue?
        /// A longer phrase starts with this one: read on.
        var isPrefix: Bool
    }

    static let table: [String: Entry] = {
        var out = [String: Entry]()
        for (k, v) in strong { out[k] = Entry(cue: Cue(sector: v, weak: false), isPrefix: false) }
        for (k, v) in weak { out[k] = Entry(cue: Cue(sector: v, weak: true), isPrefix: false) }
        for k in Array(strong.keys) + Array(weak.keys) {
            let ws = k.split(separator: " ")
            if ws.count < 2 { continue }
            for n in 1..<ws.count { out[ws[..<n].joined(separator: " "), default: Entry(cue: nil, isPrefix: true)].isPrefix = true }
        }
        return out
    }()

    /// The cue for a folded phrase. (A generated agents table would be consulted here, after the hand-written
    /// words.)
    static func lookup(_ phrase: String) -> Cue? { table[phrase]?.cue }

    @inline(__always) static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || b >= 0x80
    }

    /// Folded words: lower-case, diacritics removed (``Fold/normalize(_:)``), split at anything but letters,
    /// digits, and hyphens and apostrophes inside a word; a possessive "'s" is dropped ("People's" → "people").
    static func words(_ text: String) -> [String] {
        var folded = Fold.normalize(text)
        var out: [String] = []
        out.reserveCapacity(8)
        folded.withUTF8 { u in
            forEachWord(u) { i, e in out.append(String(decoding: UnsafeBufferPointer(rebasing: u[i..<e]), as: UTF8.self)) }
        }
        return out
    }

    /// Calls `body` with the byte range of each word of `u` as ``words(_:)`` splits them.
    @inline(__always) static func forEachWord(_ u: UnsafeBufferPointer<UInt8>, _ body: (Int, Int) -> Void) {
        let n = u.count
        var i = 0
        while i < n {
            while i < n && !isWordByte(u[i]) { i += 1 }
            var j = i
            while j < n && (isWordByte(u[j]) || u[j] == UInt8(ascii: "-") || u[j] == UInt8(ascii: "'")) { j += 1 }
            var e = j
            if e - i > 2 && u[e - 2] == UInt8(ascii: "'") && u[e - 1] == UInt8(ascii: "s") { e -= 2 }
            while e > i && (u[e - 1] == UInt8(ascii: "-") || u[e - 1] == UInt8(ascii: "'")) { e -= 1 }
            if e > i { body(i, e) }
            i = j
        }
    }

    /// Cues in `words`, the longest phrase at each position: (position, cue).
    static func cues(_ words: [String]) -> [(Int, Cue)] {
        var out: [(Int, Cue)] = []
        var i = 0
        while i < words.count {
            guard let first = table[words[i]] else {
                i += 1
                continue
            }
            var best = first.cue
            var length = 1
            if first.isPrefix {
                var phrase = words[i]
                var k = i + 1
                while k < words.count {
                    phrase += " "
                    phrase += words[k]
                    k += 1
                    guard let e = table[phrase] else { break }
                    if let c = e.cue {
                        best = c
                        length = k - i
                    }
                    if !e.isPrefix { break }
                }
            }
            if let best { out.append((i, best)) }
            i += best == nil ? 1 : length
        }
        return out
    }

    static let policeRanks: Set<String> = [
        "Inspector General of Police", "Commissioner of Police", "Superintendent", "Chief Superintendent", "Inspector",
    ]

    /// A person's sector: police ranks → COP, any other rank → MIL; else the first role that tells one
    /// (``head(_:)``: "Justice Minister" → GOV, "Chief of the General Staff" → MIL).
    static func person(rank: String?, roles: [String]) -> String? {
        if let rank {
            return rank.hasPrefix("Police") || policeRanks.contains(rank) ? "COP" : "MIL"
        }
        for role in roles {
            if let s = head(of: role) { return s }
        }
        return nil
    }

    /// An organization's sector: international bodies → IGO; else ``head(_:)`` of its name.
    static func organization(name: String, international: Bool) -> String? {
        if international { return "IGO" }
        return head(of: name)
    }

    /// `head(words(text))`, without a `String` per word or a hash of one per lookup: the folded words are copied
    /// end to end, one space apart, into a buffer on the stack, where a phrase of words i..<k is one run of bytes,
    /// looked up in ``phrases``. Text with a non-ASCII byte after folding takes ``words(_:)`` and ``head(_:)``.
    static func head(of text: String) -> String? {
        var folded = Fold.normalize(text)
        let verdict: String?? = folded.withUTF8 { u -> String?? in
            let n = u.count
            if n == 0 { return .some(nil) }
            for b in u where b >= 0x80 { return nil }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: n) { jb -> String?? in
                withUnsafeTemporaryAllocation(of: Int.self, capacity: n + 2) { bounds -> String?? in
                    // words as in ``words(_:)``: word w is jb[bounds[w] ..< bounds[w + 1] - 1] (a space after each)
                    var count = 0
                    var len = 0
                    bounds[0] = 0
                    forEachWord(u) { i, e in
                        // (words are separated by at least one byte of the text: the buffer never overflows)
                        for q in i..<e {
                            jb[len] = u[q]
                            len += 1
                        }
                        if len < n { jb[len] = UInt8(ascii: " ") }
                        len += 1
                        count += 1
                        bounds[count] = len
                    }
                    return .some(head(jb.baseAddress!, bounds.baseAddress!, count))
                }
            }
        }
        if let verdict { return verdict }
        return head(words(text))
    }

    /// ``head(_:)`` over `count` words laid out as in ``head(of:)``.
    private static func head(_ jb: UnsafePointer<UInt8>, _ bounds: UnsafePointer<Int>, _ count: Int) -> String? {
        let table = phrases
        @inline(__always) func word(_ w: Int, is s: StaticString) -> Bool {
            let a = bounds[w]
            let l = bounds[w + 1] - 1 - a
            guard l == s.utf8CodeUnitCount else { return false }
            for q in 0..<l where jb[a + q] != s.utf8Start[q] { return false }
            return true
        }
        // cues, as ``cues(_:)``: the longest phrase at each position
        var last: Cue? = nil  // the last strong cue before the split
        var firstAfter: Cue? = nil  // the first strong cue from the split on
        var firstSector: String? = nil  // the first cue with a sector
        var any = false
        var split = count
        for w in 0..<count where word(w, is: "of") || word(w, is: "for") || word(w, is: "to") || word(w, is: "at") {
            split = w
            break
        }
        var i = 0
        while i < count {
            guard let first = table.find(jb + bounds[i], bounds[i + 1] - 1 - bounds[i]) else {
                i += 1
                continue
            }
            var best = first.cue
            var length = 1
            if first.isPrefix {
                var k = i + 1
                while k < count {
                    k += 1
                    guard let e = table.find(jb + bounds[i], bounds[k] - 1 - bounds[i]) else { break }
                    if let c = e.cue {
                        best = c
                        length = k - i
                    }
                    if !e.isPrefix { break }
                }
            }
            if let best {
                any = true
                if !best.weak {
                    if i < split { last = best } else if firstAfter == nil { firstAfter = best }
                }
                if firstSector == nil, let s = best.sector { firstSector = s }
            }
            i += best == nil ? 1 : length
        }
        if !any { return nil }
        if let last { return last.sector }
        if let firstAfter { return firstAfter.sector }
        return firstSector
    }

    /// ``table`` in an open-addressing table over the keys' bytes (FNV-1a): a lookup hashes a run of bytes in place.
    struct Phrases: Sendable {
        var bytes: [UInt8] = []
        /// Entry e's key is bytes[starts[e] ..< starts[e + 1]].
        var starts: [Int] = [0]
        var entries: [Entry] = []
        var slots: [Int32] = []
        var mask = 0

        init(_ table: [String: Entry]) {
            var size = 16
            while size < table.count * 4 { size *= 2 }
            mask = size - 1
            slots = [Int32](repeating: -1, count: size)
            // (in key order: the layout does not depend on the dictionary's)
            for key in table.keys.sorted() {
                let e = Int32(entries.count)
                entries.append(table[key]!)
                bytes.append(contentsOf: key.utf8)
                starts.append(bytes.count)
                var h = Gazetteer.fnvBasis
                for b in key.utf8 { h = Gazetteer.fnvStep(h, b) }
                var slot = Int(truncatingIfNeeded: h) & mask
                while slots[slot] >= 0 { slot = (slot + 1) & mask }
                slots[slot] = e
            }
        }

        @inline(__always) func find(_ p: UnsafePointer<UInt8>, _ n: Int) -> Entry? {
            var h = Gazetteer.fnvBasis
            for q in 0..<n { h = Gazetteer.fnvStep(h, p[q]) }
            var slot = Int(truncatingIfNeeded: h) & mask
            while true {
                let e = Int(slots[slot])
                if e < 0 { return nil }
                let a = starts[e]
                if starts[e + 1] - a == n {
                    var same = true
                    for q in 0..<n where bytes[a + q] != p[q] {
                        same = false
                        break
                    }
                    if same { return entries[e] }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    static let phrases = Phrases(table)

    /// The sector of a role or a name by its head: the last strong word before "of", "for", "to" or "at"
    /// ("Lao People's Army", "Ministry of Defence", "Ambassador to …"), else the first strong word after it
    /// ("Department of Police", "President of the University"), else a weak head's own sector ("Immigration
    /// Department", "President").
    static func head(_ ws: [String]) -> String? {
        let cs = cues(ws)
        if cs.isEmpty { return nil }
        let split = ws.firstIndex { $0 == "of" || $0 == "for" || $0 == "to" || $0 == "at" } ?? ws.count
        if let h = cs.last(where: { $0.0 < split && !$0.1.weak }) { return h.1.sector }
        if let after = cs.first(where: { $0.0 >= split && !$0.1.weak }) { return after.1.sector }
        return cs.lazy.compactMap(\.1.sector).first
    }
}
