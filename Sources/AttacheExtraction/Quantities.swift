import AttacheContracts

enum QuantityLexicon {
    static let numberWords: [String: Double] = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
        "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12, "dozens": 24, "hundreds": 200, "thousands": 2000,
        "thirty-one": 31,
    ]
    static let multipliers: [String: Double] = [
        "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "mn": 1e6, "bn": 1e9, "m": 1e6, "b": 1e9,
    ]
    static let currencies: [String: String] = [
        "$": "USD", "us$": "USD", "usd": "USD", "dollars": "USD", "dollar": "USD", "€": "EUR", "euros": "EUR", "euro": "EUR",
        "eur": "EUR", "£": "GBP", "pounds": "GBP", "yen": "JPY", "¥": "JPY", "yuan": "CNY", "rupees": "INR", "roubles": "RUB",
        "rubles": "RUB", "dong": "VND", "crowns": "NOK", "riyals": "SAR", "dirhams": "AED", "won": "KRW",
    ]
    static let modifiers: Set<String> = [
        "around", "about", "some", "nearly", "almost", "approximately", "roughly", "over", "under", "more", "less", "least",
        "than", "at", "up", "to", "only", "just",
    ]
    /// The largest magnitude read as a quantity (a thousand trillion). Past it a number is a serial, a digit
    /// string or noise, not an amount; a Double no longer holds every integer past 2^53 (about 9e15); and a
    /// number of 310 digits or more reads as infinity, which JSON cannot carry.
    static let maxValue: Double = 1e15
    static let stopUnits: Set<String> = [
        "the", "a", "an", "of", "in", "on", "at", "to", "for", "and", "or", "by", "with", "from", "as", "was", "were", "is",
        "are", "has", "have", "had", "be", "been", "that", "which", "who", "said", "percent", "per",
    ]
}

extension Analysis {
    func findQuantities() -> [Quantity] {
        var out = [Quantity]()
        var dateTokens = [Bool](repeating: false, count: tokens.count)
        for d in dates { for k in d.firstToken..<d.endToken { dateTokens[k] = true } }
        for s in sentences {
            var i = s.firstToken
            while i < s.endToken {
                // only numbers, number words and currency signs start a quantity (the others are passed over in place)
                i = firstToken(from: i, to: s.endToken) { t, k in
                    !((t[k].kind == .word && t[k].cls & W.numberWord == 0) || (t[k].kind == .punct && t[k].p != 0 && t[k].p != UInt8(ascii: "$")))
                }
                if i >= s.endToken { break }
                let kind = tokens[i].kind
                if (kind == .word && tokens[i].cls & W.numberWord == 0)
                    || (kind == .punct && tokens[i].p != 0 && tokens[i].p != UInt8(ascii: "$"))
                {
                    i += 1
                    continue
                }
                let t = tokens[i]
                var value: Double? = nil
                var start = i
                var unit: String? = nil
                // currency sign before the number: $10 million, US$ 5
                if (t.p == UInt8(ascii: "$") || (t.cls & W.currency != 0 && (keys[i] == "€" || keys[i] == "£"))) && i + 1 < s.endToken && tokens[i + 1].kind == .number {
                    unit = QuantityLexicon.currencies[keys[i]]
                    if i > s.firstToken && keys[i - 1] == "us" && !t.spaceBefore { start = i - 1 }
                    i += 1
                }
                let n = tokens[i]
                // "No. 5" is a number sign; the header line is the publication date
                let numberSign = i >= 2 && tokens[i - 1].p == UInt8(ascii: ".") && keys[i - 2] == "no"
                if dateTokens[i] || numberSign || (DateFinder.isYear(n, keys[i]) != nil && unit == nil) || (i <= 5 && keys[0] == "date" && s.firstToken == 0) {
                    i += 1
                    continue
                }
                if n.kind == .number {
                    let digits = keys[i].filter { $0 != "," }
                    var numeric = ""
                    for ch in digits { if ch.isNumber || ch == "." { numeric.append(ch) } else { break } }
                    value = Double(numeric)
                    if numeric.count != digits.count { value = nil }  // ordinals, 3rd
                } else if n.kind == .word, n.cls & W.numberWord != 0, let v = QuantityLexicon.numberWords[keys[i]], !(keys[i] == "one" && unit == nil) {
                    value = v
                }
                guard var v = value else {
                    i += 1
                    continue
                }
                if unit == nil {
                    // "around 30", "more than 300"
                    var k = i - 1
                    while k >= s.firstToken && (tokens[k].cls & W.qtyModifier != 0) && i - k <= 3 { k -= 1 }
                    start = k + 1
                }
                var j = i + 1
                if j < s.endToken, tokens[j].cls & W.multiplier != 0, let mult = QuantityLexicon.multipliers[keys[j]] {
                    v *= mult
                    j += 1
                }
                // Non-finite or absurd values are not quantities.
                guard v.isFinite, abs(v) <= QuantityLexicon.maxValue else {
                    i = j
                    continue
                }
                if j < s.endToken && (tokens[j].p == UInt8(ascii: "%") || (tokens[j].cls & W.stopUnit != 0 && keys[j] == "percent")) {
                    unit = "percent"
                    j += 1
                } else if unit == nil, j < s.endToken, tokens[j].cls & W.currency != 0, let cur = QuantityLexicon.currencies[keys[j]] {
                    unit = cur
                    j += 1
                } else if unit == nil {
                    // the counted object: up to three lower-case words ("big activities", "new military armored vehicles")
                    var e = j
                    while e < s.endToken && e - j < 4 && tokens[e].kind == .word && !tokens[e].cap
                        && !(tokens[e].cls & W.stopUnit != 0) && !(tokens[e].cls & W.reporting != 0)
                    {
                        e += 1
                    }
                    if e < s.endToken && e - j < 4 && tokens[e].kind == .word && tokens[e].cap && e == j {
                        // "10 Tata Buses": a capitalized make before the noun
                        var f = e
                        while f < s.endToken && tokens[f].kind == .word && f - e < 3 { f += 1 }
                        e = f
                    }
                    if e > j {
                        unit = tokenText(j, e)
                        j = e
                    }
                }
                if unit == nil && n.kind == .word {
                    i = j
                    continue
                }
                out.append(Quantity(text: tokenText(start, j), value: v, unit: unit, span: span(start, j)))
                i = j
            }
        }
        return out
    }
}
