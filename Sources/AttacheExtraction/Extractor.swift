import AttacheContracts

/// Turns a document into a ``Digest``. Pure: no I/O, no clock. The gazetteers are parsed once
/// into a static on first use; later `init()` calls are free.
public struct Extractor: Sendable {
    let gazetteer: Gazetteer

    public init() {
        gazetteer = Gazetteer.shared
    }

    public func digest(_ input: DocumentInput) -> Digest {
        let a = Analysis(text: input.text, gazetteer: gazetteer)
        a.published = Extractor.publicationDate(input, a)
        a.run()
        var digest = Digest(
            doc: input.id, published: a.published?.iso, title: input.title, source: input.source,
            contentHash: ContentHash.sha256Hex(input.text), length: a.sc.count)
        digest.sentences = a.sentences.enumerated().map { i, s in
            Sentence(index: i, start: s.start, end: s.end, text: a.text(s.start, s.end))
        }
        digest.countries = a.countryDigest()
        digest.persons = a.personDigest()
        digest.organizations = a.orgDigest()
        digest.dates = a.dates.map { d in
            DateMention(text: a.tokenText(d.firstToken, d.endToken), value: d.value, end: d.end, span: a.span(d.firstToken, d.endToken))
        }
        digest.quantities = a.findQuantities()
        digest.events = a.findEvents()
        return digest
    }

    /// `input.published`, else a leading `date YYYY-MM-DD` line, else a dateline date with a year.
    static func publicationDate(_ input: DocumentInput, _ a: Analysis) -> Day? {
        if let p = input.published, let d = Day.parseISO(String(p.prefix(10))) { return d }
        let t = a.tokens
        if t.count >= 6 && t[0].key == "date", let y = DateFinder.isYear(t[1]), t[2].key == "-",
            let m = DateFinder.intValue(t[3]), t[4].key == "-", let d = DateFinder.intValue(t[5]),
            (1...12).contains(m), d >= 1, d <= Day.daysIn(y, m)
        {
            return Day(y: y, m: m, d: d)
        }
        // a dateline in the first sentence: "WASHINGTON, March 3, 2024 (Reuters) -"
        if let s = a.sentences.first {
            let end = min(s.endToken, s.firstToken + 12)
            for d in DateFinder.find(t, s.firstToken, end, pub: nil) where d.day != nil && !d.relative {
                let after = d.endToken < t.count ? t[d.endToken].key : ""
                if after == "(" || after == "-" || after == "--" || after == "/" || after == "." { return d.day }
            }
        }
        return nil
    }
}

extension Analysis {
    func run() {
        findPersons()
        var personTokens = Set<Int>()
        for p in persons where p.words.count >= 1 {
            for (a, b) in p.mentions { for k in a..<b { personTokens.insert(k) } }
        }
        findOrganizations(personTokens: personTokens)
        dates = []
        for s in sentences { dates.append(contentsOf: DateFinder.find(tokens, s.firstToken, s.endToken, pub: published)) }
        // header line date is the publication date, not a mention
        dates.removeAll { d in d.firstToken > 0 && tokens[d.firstToken - 1].key == "date" && d.firstToken == 1 }
        computeDominant()
        resolveCountries()
    }

    func computeDominant() {
        var counts = [String: Int]()
        var firstSeen = [String: Int]()
        for (i, c) in countries.enumerated() where !c.isCapital {
            counts[c.code, default: 0] += 1
            if firstSeen[c.code] == nil { firstSeen[c.code] = i }
        }
        dominantCountry = counts.max { x, y in
            x.value != y.value ? x.value < y.value : firstSeen[x.key]! > firstSeen[y.key]!
        }?.key
    }

    func resolveCountries() {
        // organizations: name → acronym initial → sentence → host → dominant
        for oi in orgs.indices where orgs[oi].country == nil && !orgs[oi].countryFixed {
            var c: String? = nil
            if orgs[oi].isAcronym, let f = orgs[oi].key.first {
                let candidates = Set(countries.filter { !$0.isCapital }.map(\.code)).filter { code in
                    (g.countryForms[code] ?? []).contains { $0.first == f }
                }
                if candidates.count == 1 { c = candidates.first }
            }
            if c == nil {
                for (a, _) in orgs[oi].mentions {
                    if let x = countryBefore(a, sentence: tokens[a].sentence) ?? countryAfter(a, sentence: tokens[a].sentence) {
                        c = x
                        break
                    }
                }
            }
            orgs[oi].country = c ?? hostCountry ?? dominantCountry
        }
        for pi in persons.indices where persons[pi].strongCountry == nil {
            var c: String? = nil
            // organizations named in the roles
            for (a, b) in persons[pi].roleRanges {
                for o in orgs where o.mentions.contains(where: { $0.0 >= a && $0.1 <= b }) {
                    if let oc = o.country, o.countryFixed || c == nil { c = oc }
                }
                if c != nil { break }
            }
            if c == nil {
                for (a, _) in persons[pi].mentions {
                    if let x = countryBefore(a, sentence: tokens[a].sentence) {
                        c = x
                        break
                    }
                }
            }
            if c == nil {
                for (a, _) in persons[pi].mentions {
                    if let x = countryAfter(a, sentence: tokens[a].sentence) {
                        c = x
                        break
                    }
                }
            }
            persons[pi].strongCountry = c ?? hostCountry ?? dominantCountry
        }
    }

    func countryDigest() -> [Country] {
        var order = [String]()
        var byCode = [String: Country]()
        for c in countries where !c.isCapital {
            if byCode[c.code] == nil {
                order.append(c.code)
                byCode[c.code] = Country(code: c.code)
            }
            if !byCode[c.code]!.names.contains(c.surface) { byCode[c.code]!.names.append(c.surface) }
            byCode[c.code]!.mentions.append(span(c.first, c.end))
        }
        return order.sorted().map { byCode[$0]! }
    }

    func personDigest() -> [Person] {
        persons.map { p in
            Person(
                name: p.name, aliases: p.aliases, country: p.strongCountry, rank: p.rank, roles: p.roles,
                mentions: p.mentions.map { span($0.0, $0.1) })
        }
    }

    func orgDigest() -> [Organization] {
        orgs.map { o in
            Organization(name: o.name, aliases: o.aliases, country: o.country, mentions: o.mentions.map { span($0.0, $0.1) })
        }
    }
}
