import AttacheContracts

/// Publication dates as crawlers write them, read into ISO `YYYY-MM-DD`.
///
/// Accepted: ISO 8601 and its cousins (`2025-05-14`, `2025-05-14 09:30:00`, `2025-05-14T09:30:00+02:00`,
/// `2025/05/14`, `20250514`), RFC 822 and 1123 (`Wed, 14 May 2025 09:30:00 GMT`), written months
/// (`May 14, 2025`, `14 May 2025`: English month names), day-first dotted dates (`14.05.2025`),
/// slashed dates when the order is unambiguous (`14/05/2025`, `05/14/2025`; `05/06/2025` is not read), and
/// epoch seconds or milliseconds. The calendar date is the one written, whatever the time zone.
/// `None`, `null`, empty and anything else give nil: a date that cannot be read is no date, never a guess.
public enum PublishedDate {
    /// Longer strings are not dates.
    public static let maxBytes = 80

    public static func normalise(_ raw: String) -> String? {
        let b = Array(raw.utf8.prefix(Self.maxBytes + 1))
        guard b.count <= Self.maxBytes else { return nil }
        var lo = 0, hi = b.count
        while lo < hi, Self.isSpace(b[lo]) { lo += 1 }
        while hi > lo, Self.isSpace(b[hi - 1]) { hi -= 1 }
        let s = Array(b[lo..<hi])
        guard !s.isEmpty else { return nil }
        let lower = String(decoding: s, as: UTF8.self).lowercased()
        if ["none", "null", "nil", "nan", "undefined", "n/a", "-"].contains(lower) { return nil }
        if let d = Self.isoLike(s) { return d }
        if s.allSatisfy(Self.isDigit) { return Self.epoch(s) }
        if let d = Self.numericDayMonth(s) { return d }
        return Self.written(Array(lower.utf8))
    }

    /// A JSON number: epoch seconds (or milliseconds when it is that large); before 1973 is no date (a small
    /// number, a boolean).
    public static func normalise(epoch value: Double) -> String? {
        guard value.isFinite, value >= 100_000_000 else { return nil }
        let seconds = value >= 100_000_000_000 ? value / 1000 : value
        guard seconds < 253_402_300_800 else { return nil }  // year 10000
        return Self.civil(days: Int(seconds / 86_400))
    }

    // MARK: forms

    /// `YYYY-MM-DD…`, `YYYY/MM/DD…`, `YYYY.MM.DD…` with one- or two-digit month and day, or `YYYYMMDD`
    /// (alone or before `T`). What follows the day must not be a digit.
    static func isoLike(_ s: [UInt8]) -> String? {
        guard s.count >= 8, s[0..<4].allSatisfy(Self.isDigit) else { return nil }
        let y = Self.number(s[0..<4])
        if s.count >= 8, s[4..<8].allSatisfy(Self.isDigit), s.count == 8 || s[8] == UInt8(ascii: "T") {
            return Self.iso(y, Self.number(s[4..<6]), Self.number(s[6..<8]))
        }
        let sep = s[4]
        guard sep == UInt8(ascii: "-") || sep == UInt8(ascii: "/") || sep == UInt8(ascii: ".") else { return nil }
        var k = 5
        guard let m = Self.digits(s, &k, max: 2), k < s.count, s[k] == sep else { return nil }
        k += 1
        guard let d = Self.digits(s, &k, max: 2) else { return nil }
        if k < s.count, Self.isDigit(s[k]) { return nil }
        return Self.iso(y, m, d)
    }

    /// `DD.MM.YYYY` (day first), and `A/B/YYYY` or `A-B-YYYY` when only one order makes a date.
    static func numericDayMonth(_ s: [UInt8]) -> String? {
        var k = 0
        guard let a = Self.digits(s, &k, max: 2), k < s.count else { return nil }
        let sep = s[k]
        guard sep == UInt8(ascii: ".") || sep == UInt8(ascii: "/") || sep == UInt8(ascii: "-") else { return nil }
        k += 1
        guard let b = Self.digits(s, &k, max: 2), k < s.count, s[k] == sep else { return nil }
        k += 1
        let start = k
        guard let y = Self.digits(s, &k, max: 4), k - start == 4 else { return nil }
        if k < s.count, Self.isDigit(s[k]) { return nil }
        if sep == UInt8(ascii: ".") { return Self.iso(y, b, a) }
        if a > 12 { return Self.iso(y, b, a) }
        if b > 12 { return Self.iso(y, a, b) }
        return a == b ? Self.iso(y, a, b) : nil
    }

    static let months: [String: Int] = {
        let names = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                     "november", "december"]
        var m: [String: Int] = [:]
        for (i, n) in names.enumerated() {
            m[n] = i + 1
            m[String(n.prefix(3))] = i + 1
        }
        m["sept"] = 9
        return m
    }()

    /// A month written in English with a four-digit year and a day next to the month:
    /// `Wed, 14 May 2025 09:30 GMT`, `May 14, 2025`, `14th May 2025`, `May 14th 2025 9:30 am`.
    static func written(_ s: [UInt8]) -> String? {
        // words and numbers, in order
        enum Token { case word(String), number(Int, digits: Int) }
        var tokens: [Token] = []
        var k = 0
        while k < s.count && tokens.count < 24 {
            if Self.isLetter(s[k]) {
                let start = k
                while k < s.count, Self.isLetter(s[k]) { k += 1 }
                tokens.append(.word(String(decoding: s[start..<k], as: UTF8.self)))
            } else if Self.isDigit(s[k]) {
                let start = k
                while k < s.count, Self.isDigit(s[k]) { k += 1 }
                guard k - start <= 4 else { return nil }
                tokens.append(.number(Self.number(s[start..<k]), digits: k - start))
                // ordinal suffix
                if k + 1 < s.count, ["st", "nd", "rd", "th"].contains(String(decoding: s[k..<k + 2], as: UTF8.self)),
                    k + 2 == s.count || !Self.isLetter(s[k + 2])
                {
                    k += 2
                }
            } else {
                k += 1
            }
        }
        var month: (value: Int, at: Int)?
        var year: Int?
        for (i, t) in tokens.enumerated() {
            switch t {
            case .word(let w): if month == nil, let m = Self.months[w] { month = (m, i) }
            case .number(let n, let digits): if year == nil, digits == 4 { year = n }
            }
        }
        guard let month, let year else { return nil }
        func day(_ i: Int) -> Int? {
            guard i >= 0, i < tokens.count, case .number(let n, let digits) = tokens[i], digits <= 2, (1...31).contains(n)
            else { return nil }
            return n
        }
        // "14th of May"
        let of = month.at >= 2 && { if case .word("of") = tokens[month.at - 1] { return true } else { return false } }()
        guard let d = day(month.at + 1) ?? day(month.at - (of ? 2 : 1)) else { return nil }
        return Self.iso(year, month.value, d)
    }

    /// Epoch seconds (9–10 digits) or milliseconds (12–13 digits).
    static func epoch(_ s: [UInt8]) -> String? {
        switch s.count {
        case 9, 10: return Self.civil(days: Self.number(s[...]) / 86_400)
        case 12, 13: return Self.civil(days: Self.number(s[...]) / 86_400_000)
        default: return nil
        }
    }

    // MARK: pieces

    /// `YYYY-MM-DD` when the day exists (years 1000–9999).
    static func iso(_ y: Int, _ m: Int, _ d: Int) -> String? {
        guard (1000...9999).contains(y), (1...12).contains(m), d >= 1, d <= Self.daysIn(y, m) else { return nil }
        return "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
    }

    static func daysIn(_ y: Int, _ m: Int) -> Int {
        switch m {
        case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// The date `days` after 1970-01-01.
    static func civil(days: Int) -> String? {
        let (y, m, d) = CivilDate.from(days: days)
        return Self.iso(y, m, d)
    }

    /// Up to `max` digits at `k` (at least one), moving `k` past them.
    static func digits(_ s: [UInt8], _ k: inout Int, max: Int) -> Int? {
        let start = k
        while k < s.count, k - start < max, Self.isDigit(s[k]) { k += 1 }
        return k > start ? Self.number(s[start..<k]) : nil
    }

    static func number(_ s: ArraySlice<UInt8>) -> Int { s.reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) } }
    static func isDigit(_ b: UInt8) -> Bool { b &- UInt8(ascii: "0") < 10 }
    static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) &- UInt8(ascii: "a") < 26 }
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
}
