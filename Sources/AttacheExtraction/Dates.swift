import AttacheContracts

/// Calendar arithmetic without Foundation (proleptic Gregorian, days since 1970-01-01).
struct Day: Equatable, Comparable {
    var y: Int
    var m: Int
    var d: Int

    static func < (a: Day, b: Day) -> Bool { (a.y, a.m, a.d) < (b.y, b.m, b.d) }

    var serial: Int {
        let yy = m <= 2 ? y - 1 : y
        let era = (yy >= 0 ? yy : yy - 399) / 400
        let yoe = yy - era * 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    init(y: Int, m: Int, d: Int) {
        self.y = y
        self.m = m
        self.d = d
    }

    /// The day `serial` days after 1970-01-01 (``serial`` counts from there too).
    init(serial: Int) {
        (self.y, self.m, self.d) = CivilDate.from(days: serial)
    }

    /// 0 = Monday … 6 = Sunday.
    var weekday: Int { ((serial % 7) + 7 + 3) % 7 }

    static func daysIn(_ y: Int, _ m: Int) -> Int {
        switch m {
        case 2: return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    var iso: String {
        guard (0...9999).contains(y), (0...99).contains(m), (0...99).contains(d) else {
            return Day.pad(y, 4) + "-" + Day.pad(m, 2) + "-" + Day.pad(d, 2)
        }
        // YYYY-MM-DD written directly (ten bytes: a small string, no allocation)
        return String(unsafeUninitializedCapacity: 10) { out in
            out[0] = UInt8(48 + y / 1000)
            out[1] = UInt8(48 + y / 100 % 10)
            out[2] = UInt8(48 + y / 10 % 10)
            out[3] = UInt8(48 + y % 10)
            out[4] = UInt8(ascii: "-")
            out[5] = UInt8(48 + m / 10)
            out[6] = UInt8(48 + m % 10)
            out[7] = UInt8(ascii: "-")
            out[8] = UInt8(48 + d / 10)
            out[9] = UInt8(48 + d % 10)
            return 10
        }
    }

    static func pad(_ v: Int, _ w: Int) -> String {
        var s = String(v)
        while s.count < w { s = "0" + s }
        return s
    }

    static func parseISO(_ s: String) -> Day? {
        let parts = s.split(separator: "-")
        guard parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            (1...12).contains(m), d >= 1, d <= daysIn(y, m)
        else { return nil }
        return Day(y: y, m: m, d: d)
    }
}

enum DateLexicon {
    static let months: [String: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
        "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
        "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    ]
    static let weekdays: [String: Int] = [
        "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
    ]
    static let allWords: [String] = Array(months.keys) + Array(weekdays.keys)
}

struct FoundDate {
    var firstToken: Int
    var endToken: Int
    var value: String?
    var end: String?
    var day: Day?
    /// Year only or month only (not a day).
    var partial: Bool
    var year: Int?
    var relative: Bool
}

enum DateFinder {
    static func intValue(_ t: Token, _ key: String) -> Int? {
        guard t.kind == .number else { return nil }
        var v = 0
        var digits = 0
        for u in key.utf8 {
            if u >= 48 && u <= 57 {
                // No day, month or year has more than four digits; longer runs (hostile input) are no date.
                if digits >= 9 { return nil }
                v = v * 10 + Int(u - 48)
                digits += 1
            } else {
                // ordinal suffixes (6th) are allowed; anything else is not a plain integer
                if u >= 97 && u <= 122 { continue }
                return nil
            }
        }
        return digits > 0 && digits <= 4 ? v : nil
    }

    static func isYear(_ t: Token, _ key: String) -> Int? {
        guard t.kind == .number, key.utf8.count == 4, let v = intValue(t, key), v >= 1800, v <= 2200 else { return nil }
        return v
    }

    /// Finds dates in tokens[a..<b]. `pub` anchors weekdays and years.
    static func find(_ tokens: [Token], _ keys: [String], _ a: Int, _ b: Int, pub: Day?) -> [FoundDate] {
        var out = [FoundDate]()
        var i = a
        func month(_ j: Int) -> Int? {
            guard j < b, tokens[j].cls & W.month != 0, tokens[j].kind == .word, tokens[j].cap || keys[j].utf8.count > 3 else { return nil }
            guard let m = DateLexicon.months[keys[j]] else { return nil }
            // "May" and "March" as words: require a neighbouring number
            return m
        }
        func skipDot(_ j: Int) -> Int { j < b && tokens[j].p == UInt8(ascii: ".") && !tokens[j].spaceBefore ? j + 1 : j }
        func resolve(_ y: Int?, _ m: Int, _ d: Int) -> (Day?, String?) {
            guard d >= 1, d <= 31 else { return (nil, nil) }
            if let y {
                guard d <= Day.daysIn(y, m) else { return (nil, nil) }
                let day = Day(y: y, m: m, d: d)
                return (day, day.iso)
            }
            if let pub, d <= Day.daysIn(pub.y, m) {
                var day = Day(y: pub.y, m: m, d: d)
                // a day well after publication belongs to the previous year
                if day.serial - pub.serial > 60 { day = Day(y: pub.y - 1, m: m, d: d) }
                return (day, day.iso)
            }
            return (nil, nil)
        }
        /// A full date (or a day range) from token `first` up to `end`.
        func appendDay(from first: Int, to end: Int, year: Int?, month m: Int, day d: Int, endDay: Int?) {
            let (day, iso) = resolve(year, m, d)
            var endISO: String? = nil
            if let e = endDay, let day { endISO = Day(y: day.y, m: day.m, d: e).iso }
            out.append(FoundDate(
                firstToken: first, endToken: end, value: iso, end: endISO, day: day, partial: false,
                year: year ?? day?.y, relative: false))
        }
        while i < b {
            // every pattern starts with a number, a month, a weekday or a relative day
            if tokens[i].kind != .number && tokens[i].cls & (W.month | W.weekday | W.relDay) == 0 {
                i += 1
                continue
            }
            let t = tokens[i]
            // Month d[, yyyy]   /  Month d-d
            if let m = month(i) {
                var j = skipDot(i + 1)
                if j < b, let d = intValue(tokens[j], keys[j]), d >= 1, d <= 31, keys[j].utf8.count <= 4 {
                    var endDay: Int? = nil
                    var k = j + 1
                    if k + 1 < b && (tokens[k].p == UInt8(ascii: "-") && !tokens[k].spaceBefore || keys[k] == "to" || keys[k] == "until"),
                        let d2 = intValue(tokens[k + 1], keys[k + 1]), d2 > d, d2 <= 31  // "May 19-22", "from May 19 to 22"
                    {
                        endDay = d2
                        k += 2
                    }
                    var year: Int? = nil
                    if k < b && tokens[k].p == UInt8(ascii: ",") && k + 1 < b, let y = isYear(tokens[k + 1], keys[k + 1]) {
                        year = y
                        k += 2
                    } else if k < b, let y = isYear(tokens[k], keys[k]) {
                        year = y
                        k += 1
                    }
                    appendDay(from: i, to: k, year: year, month: m, day: d, endDay: endDay)
                    i = k
                    continue
                }
                // Month yyyy
                if j < b, let y = isYear(tokens[j], keys[j]) {
                    out.append(FoundDate(
                        firstToken: i, endToken: j + 1, value: String(y) + "-" + Day.pad(m, 2), end: nil, day: nil,
                        partial: true, year: y, relative: false))
                    i = j + 1
                    continue
                }
                j = i + 1
                if t.cap && keys[i].utf8.count > 3 && keys[i] != "march" && keys[i] != "may" {
                    // bare month: "in September" — resolves to the publication year's month when near
                    var value: String? = nil
                    if let pub { value = String(pub.y) + "-" + Day.pad(m, 2) }
                    out.append(FoundDate(
                        firstToken: i, endToken: j, value: value, end: nil, day: nil, partial: true, year: pub?.y,
                        relative: false))
                }
                i = j
                continue
            }
            // d[-d] Month [yyyy]
            if t.kind == .number, let d = intValue(t, keys[i]), d >= 1, d <= 31, keys[i].utf8.count <= 4 {
                var j = i + 1
                var endDay: Int? = nil
                if j + 1 < b && (tokens[j].p == UInt8(ascii: "-") && !tokens[j].spaceBefore || keys[j] == "to" || keys[j] == "until"),
                    let d2 = intValue(tokens[j + 1], keys[j + 1]), d2 > d, d2 <= 31, month(j + 2) != nil  // "16-18 November", "from 16 to 18 November"
                {
                    endDay = d2
                    j += 2
                }
                if let m = month(j) {
                    var k = skipDot(j + 1)
                    var year: Int? = nil
                    if k < b, let y = isYear(tokens[k], keys[k]) {
                        year = y
                        k += 1
                    }
                    appendDay(from: i, to: k, year: year, month: m, day: d, endDay: endDay)
                    i = k
                    continue
                }
            }
            // yyyy-mm-dd
            if let y = isYear(t, keys[i]), i + 4 < b, tokens[i + 1].p == UInt8(ascii: "-"), let m = intValue(tokens[i + 2], keys[i + 2]), tokens[i + 3].p == UInt8(ascii: "-"),
                let d = intValue(tokens[i + 4], keys[i + 4]), (1...12).contains(m), d >= 1, d <= Day.daysIn(y, m), !tokens[i + 1].spaceBefore
            {
                let day = Day(y: y, m: m, d: d)
                out.append(FoundDate(
                    firstToken: i, endToken: i + 5, value: day.iso, end: nil, day: day, partial: false, year: y, relative: false))
                i += 5
                continue
            }
            // weekdays
            if t.cls & W.weekday != 0, let wd = DateLexicon.weekdays[keys[i]], t.cap {
                var day: Day? = nil
                if let pub {
                    let back = (pub.weekday - wd + 7) % 7
                    day = Day(serial: pub.serial - back)
                }
                out.append(FoundDate(
                    firstToken: i, endToken: i + 1, value: day?.iso, end: nil, day: day, partial: false, year: day?.y,
                    relative: true))
                i += 1
                continue
            }
            if t.cls & W.relDay != 0 {
                var day: Day? = nil
                if let pub { day = Day(serial: pub.serial - (keys[i] == "yesterday" ? 1 : 0)) }
                // "yesterday (Monday)": the weekday in brackets wins
                var k = i + 1
                if k + 2 < b && tokens[k].p == UInt8(ascii: "("), let wd = DateLexicon.weekdays[keys[k + 1]], tokens[k + 2].p == UInt8(ascii: ")") {
                    if let pub {
                        let back = (pub.weekday - wd + 7) % 7
                        day = Day(serial: pub.serial - back)
                    }
                    k += 3
                }
                out.append(FoundDate(
                    firstToken: i, endToken: k, value: day?.iso, end: nil, day: day, partial: false, year: day?.y, relative: true))
                i = k
                continue
            }
            // a bare year: "in 2016", "since 2020"
            if let y = isYear(t, keys[i]), i > a {
                let p = keys[i - 1]
                if p == "in" || p == "since" || p == "of" || p == "until" || p == "by" || p == "from" || p == "year" || p == "," {
                    out.append(FoundDate(
                        firstToken: i, endToken: i + 1, value: String(y), end: nil, day: nil, partial: true, year: y,
                        relative: false))
                }
            }
            i += 1
        }
        return out
    }
}
