import AttacheContracts
import Foundation

/// Keys used to recognise the same name however it is written.
///
/// A key is lower-case, without diacritics ("Trần Đức Minh" and "Tran Duc Minh" give `tran duc minh`),
/// without apostrophes ("People's" → `peoples`), with every other non-alphanumeric character turned into
/// one space. Person keys also drop leading ranks and titles ("General", "Prime Minister").
enum NameKey {
    /// Letters that do not decompose into a base letter and a combining mark.
    private static let special: [Unicode.Scalar: String] = [
        "đ": "d", "Đ": "d", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "ß": "ss", "æ": "ae", "Æ": "ae",
        "œ": "oe", "Œ": "oe", "ı": "i", "þ": "th", "ð": "d",
    ]
    private static let apostrophes: Set<Unicode.Scalar> = ["'", "\u{2019}", "\u{2018}", "\u{02BC}", "`", "\u{00B4}"]

    /// Case-, diacritic- and punctuation-insensitive form of `text`.
    static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark:
                continue
            default:
                break
            }
            if self.apostrophes.contains(scalar) { continue }
            if let replacement = self.special[scalar] {
                if pendingSpace, !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(contentsOf: replacement.unicodeScalars)
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if pendingSpace, !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            } else {
                pendingSpace = true
            }
        }
        return String(out)
    }

    /// Leading words dropped from person names.
    static let titles: Set<String> = [
        "general", "gen", "lieutenant", "lt", "colonel", "col", "major", "maj", "senior", "sr", "admiral", "adm",
        "vice", "rear", "captain", "capt", "commander", "cmdr", "sergeant", "sgt", "corporal", "cpl", "brigadier",
        "brig", "marshal", "field", "air", "chief", "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir",
        "dame", "minister", "president", "prime", "deputy", "defence", "defense", "foreign", "secretary",
        "ambassador", "his", "her", "excellency", "madam", "madame", "senator", "premier", "chairman",
        "chairwoman", "comrade", "gens", "lieut", "generals", "lt-gen", "ltgen", "majgen", "rep",
    ]

    /// Key of a person's name: folded, leading ranks and titles dropped (at least one word is kept).
    static func person(_ name: String) -> String {
        var words = self.fold(name).split(separator: " ").map(String.init)
        while words.count > 1, self.titles.contains(words[0]) { words.removeFirst() }
        return words.joined(separator: " ")
    }

    /// Key of an organization's name: folded, a leading "the" dropped.
    static func organization(_ name: String) -> String {
        var words = self.fold(name).split(separator: " ").map(String.init)
        if words.count > 1, words[0] == "the" { words.removeFirst() }
        return words.joined(separator: " ")
    }

    static let stopwords: Set<String> = ["of", "the", "and", "for", "in", "on", "at", "to", "de", "du", "des", "la", "le"]

    /// Acronyms of a multi-word name: initials of its significant words, and of all its words
    /// ("Royal Thai Navy" → `rtn`; "Ministry of Defence" → `md`, `mod`). Empty for one-word names.
    static func acronyms(_ name: String) -> [String] {
        let words = self.fold(name).split(separator: " ").map(String.init)
        guard words.count > 1 else { return [] }
        let significant = words.filter { !self.stopwords.contains($0) }
        var out: [String] = []
        for list in [significant, words] where list.count > 1 {
            let initials = String(list.compactMap(\.first))
            if !out.contains(initials) { out.append(initials) }
        }
        return out
    }

    /// Whether `name` is written like an acronym: one word, 2 to 10 letters, mostly capitals ("RTN", "MoD").
    static func looksLikeAcronym(_ name: String) -> Bool {
        let trimmed = name.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ".", with: "")
        guard !trimmed.contains(" "), (2...10).contains(trimmed.count) else { return false }
        let letters = trimmed.unicodeScalars.filter { $0.properties.isAlphabetic }
        let upper = letters.filter { $0.properties.isUppercase }.count
        return upper >= 2 && upper * 2 >= letters.count
    }

    /// Number of words in a key.
    static func wordCount(_ key: String) -> Int { key.split(separator: " ").count }

    /// Whether the folded `haystack` contains `needle` as whole words.
    static func containsWords(_ haystack: String, _ needle: String) -> Bool {
        guard !needle.isEmpty else { return false }
        return " \(haystack) ".contains(" \(needle) ")
    }
}

/// Calendar arithmetic on ISO dates, without Foundation's calendars.
enum ISODay {
    /// Days since 1970-01-01 of a full `YYYY-MM-DD` date; nil for partial or malformed dates.
    static func number(_ iso: String?) -> Int? {
        guard let iso, iso.utf8.count == 10 else { return nil }
        let parts = iso.split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            (1...12).contains(m), (1...31).contains(d)
        else { return nil }
        // Howard Hinnant's days_from_civil.
        let yy = m <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}

/// Name keys computed ahead (in the pushing task, off the single writer), with a fallback for forms not seen.
struct KeyMemo: Sendable {
    private var persons: [String: String] = [:]
    private var organizations: [String: String] = [:]
    private var folds: [String: String] = [:]
    private var acronymLists: [String: [String]] = [:]

    init() {}

    /// Memoizes every name form of `digest`.
    init(_ digest: Digest) {
        for p in digest.persons {
            for f in [p.name] + p.aliases { self.persons[f] = NameKey.person(f) }
            if let t = p.rank { self.persons[t] = NameKey.person(t) }
        }
        for o in digest.organizations {
            for f in [o.name] + o.aliases {
                self.organizations[f] = NameKey.organization(f)
                self.acronymLists[f] = NameKey.acronyms(f)
            }
        }
        for c in digest.countries { for f in c.names { self.folds[f] = NameKey.fold(f) } }
        for e in digest.events {
            if let t = e.actorText { self.folds[t] = NameKey.fold(t) }
            if let t = e.recipientText { self.folds[t] = NameKey.fold(t) }
        }
    }

    func person(_ s: String) -> String { self.persons[s] ?? NameKey.person(s) }
    func organization(_ s: String) -> String { self.organizations[s] ?? NameKey.organization(s) }
    func fold(_ s: String) -> String { self.folds[s] ?? NameKey.fold(s) }
    func acronyms(_ s: String) -> [String] { self.acronymLists[s] ?? NameKey.acronyms(s) }
}
