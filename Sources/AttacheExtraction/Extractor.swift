import AttacheContracts

/// Turns a document into a ``Digest``. Pure: no I/O, no clock but the one a deadline brings
/// (``digest(_:deadline:)``). The gazetteers are parsed once
/// into a static on first use; later `init()` calls are free.
public struct Extractor: Sendable {
    let gazetteer: GazetteerRef

    public init() {
        gazetteer = GazetteerRef.shared
    }

    public func digest(_ input: DocumentInput) -> Digest {
        digest(input, analysis: Analysis(text: input.text, gazetteer: gazetteer))
    }

    /// The digest, within `deadline`: once it has passed, the stages left are skipped and the
    /// digest's `warnings` say so (``ExtractionDeadline``).
    public func digest(_ input: DocumentInput, deadline: ExtractionDeadline) -> Digest {
        digest(input, analysis: Analysis(text: input.text, gazetteer: gazetteer), deadline: deadline)
    }

    /// The digest and, for each of its events, the clause roles that decided its actor and recipient
    /// ("actor: subject before the trigger; recipient: object of 'to'/'for'"), as `attache digest --explain` shows them.
    public func explainedDigest(_ input: DocumentInput) -> (digest: Digest, roles: [String]) {
        let a = Analysis(text: input.text, gazetteer: gazetteer)
        let d = digest(input, analysis: a)
        return (d, a.eventRoles.map { "actor: \($0.actor); recipient: \($0.recipient)" })
    }

    func digest(_ input: DocumentInput, analysis a: Analysis, deadline: ExtractionDeadline? = nil) -> Digest {
        a.published = Extractor.publicationDate(input, a)
        var stages = Stages(deadline: deadline)
        a.run(&stages)
        var digest = Digest(
            doc: input.id, published: a.published?.iso, title: input.title, source: input.source, url: input.url,
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
        stages.run("quantities") { digest.quantities = a.findQuantities() }
        stages.run("events") { digest.events = a.findEvents() }
        stages.run("participants") {
            a.attachParticipants(&digest.events, persons: digest.persons, organizations: digest.organizations)
        }
        if let skipped = stages.skipped, let deadline { a.reached(deadline.warning(before: skipped)) }
        if a.sentences.contains(where: { $0.endToken - $0.firstToken >= ExtractionLimits.maxSentenceTokens }) {
            a.reached("a sentence longer than \(ExtractionLimits.maxSentenceTokens) tokens was read in pieces")
        }
        if !a.limitsReached.isEmpty { digest.warnings = a.limitsReached }
        return digest
    }

    /// `input.published`, else a leading `date YYYY-MM-DD` line, else a dateline date with a year.
    static func publicationDate(_ input: DocumentInput, _ a: Analysis) -> Day? {
        if let p = input.published, let d = Day.parseISO(String(p.prefix(10))) { return d }
        let t = a.tokens
        let k = a.keys
        if t.count >= 6 && k[0] == "date", let y = DateFinder.isYear(t[1], k[1]), k[2] == "-",
            let m = DateFinder.intValue(t[3], k[3]), k[4] == "-", let d = DateFinder.intValue(t[5], k[5]),
            (1...12).contains(m), d >= 1, d <= Day.daysIn(y, m)
        {
            return Day(y: y, m: m, d: d)
        }
        // a dateline in the first sentence: "WASHINGTON, March 3, 2024 (Reuters) -"
        if let s = a.sentences.first {
            let end = min(s.endToken, s.firstToken + 12)
            for d in DateFinder.find(t, k, s.firstToken, end, pub: nil) where d.day != nil && !d.relative {
                let after = d.endToken < t.count ? k[d.endToken] : ""
                if after == "(" || after == "-" || after == "--" || after == "/" || after == "." { return d.day }
            }
        }
        return nil
    }
}

/// The stages of one extraction, run in order until the deadline (if any) has passed; from then
/// on each is skipped, and the first skipped is remembered for the digest's warning.
struct Stages {
    let deadline: ExtractionDeadline?
    /// The first stage skipped.
    private(set) var skipped: String?

    init(deadline: ExtractionDeadline?) { self.deadline = deadline }

    /// Runs `work` unless the deadline has passed (checked before every stage).
    mutating func run(_ stage: String, _ work: () -> Void) {
        if self.skipped == nil, let deadline = self.deadline, deadline.hasPassed { self.skipped = stage }
        if self.skipped == nil { work() }
    }
}

extension Analysis {
    static let institutionHeads: Set<String> = ["centre", "center", "academy", "university", "college", "school", "institute", "hospital", "base", "prison"]

    func run(_ stages: inout Stages) {
        stages.run("persons") { findPersons() }
        stages.run("organizations") {
            var personTokens = TokenSet(count: tokens.count)
            // (fields read in place: copying a PersonBuild or OrgBuild retains and releases all of its members)
            for pi in persons.indices where persons[pi].words.count >= 1 {
                for (a, b) in persons[pi].mentions { for k in a..<b { personTokens.insert(k) } }
            }
            findOrganizations(personTokens: personTokens)
            // a "person" that the text also names as an organization is the organization
            var orgKeys = Set<String>(minimumCapacity: orgs.count * 2)
            for oi in orgs.indices {
                orgKeys.insert(orgs[oi].key)
                for a in orgs[oi].aliases { orgKeys.insert(Fold.normalize(a)) }
            }
            persons.removeAll { orgKeys.contains(Fold.normalize($0.name)) }
        }
        stages.run("dates") {
            dates = []
            for s in sentences { dates.append(contentsOf: DateFinder.find(tokens, keys, s.firstToken, s.endToken, pub: published)) }
            // header line date is the publication date, not a mention
            dates.removeAll { d in d.firstToken == 1 && keys[0] == "date" }
            computeDominant()
        }
        // a first pass over the events finds the host of a visit, which unqualified officials serve
        stages.run("visits") { _ = findEvents(visitsOnly: true) }
        stages.run("states") { resolveCountries() }
    }

    func computeDominant() {
        // the most named state, the first named on a tie: the head of the story's main pair
        dominantCountry = mainPair().first
        // the first state named as a party, not as a place ("commanded forces in Iraq"), else the first named
        firstCountry = countries.first { c in
            guard !c.isCapital else { return false }
            var q = c.first - 1
            while q > 0 && keys[q] == "the" { q -= 1 }
            return q < 0 || tokens[q].cls & W.locative == 0
        }?.code ?? countries.first { !$0.isCapital }?.code
    }

    /// Weak evidence for the state of an unqualified mention: a country word in the same clause before
    /// it, or right after it — not a destination ("to India"), a place ("in Thailand") or a counterpart's.
    func nearbyCountry(_ a: Int, _ b: Int) -> String? {
        let si = tokens[a].sentence
        let r = sentenceRange(si)
        func usable(_ c: CountryMention) -> Bool {
            if c.isCapital { return false }
            let prev = c.first > r.lowerBound ? keys[c.first - 1] : ""
            let prev2 = c.first > r.lowerBound + 1 ? keys[c.first - 2] : ""
            if Analysis.locatives.contains(prev) || prev == "to" || (prev == "the" && (Analysis.locatives.contains(prev2) || prev2 == "to")) { return false }
            if c.end < r.upperBound && keys[c.end] == "counterpart" { return false }
            if c.end + 1 < r.upperBound && keys[c.end] != "'s" && keys[c.end + 1] == "counterpart" { return false }
            return true
        }
        var j = a - 1
        while j >= r.lowerBound {
            let k = keys[j]
            if k == ";" || k == ":" || k == "\"" || k == "," { break }
            // "X of A visited … and met President Y": the object of a verb is not qualified by its subject's state
            if tokens[j].cls & W.trigStart != 0 && !tokens[j].cap && country(j) == nil { break }
            if let c = country(j) {
                if usable(c) { return c.code }
                j = c.first - 1
                continue
            }
            j -= 1
        }
        j = b
        while j < r.upperBound && j - b <= 6 {
            let k = keys[j]
            if k == "," || k == ";" || k == "." || k == "and" || g.reportingVerbs.contains(k) { break }
            // "the foreign ministry summoned the Chadian envoy": a verb's object does not qualify its subject
            if tokens[j].cls & W.trigStart != 0 && !tokens[j].cap && country(j) == nil { break }
            if let c = country(j) {
                if usable(c) { return c.code }
                j = c.end
                continue
            }
            j += 1
        }
        return nil
    }

    func resolveCountries() {
        // organizations: name → acronym initial → nearby words → host of the story → first state named
        for oi in orgs.indices where orgs[oi].country == nil && !orgs[oi].countryFixed {
            var c: String? = nil
            // (not an acronym spelt out just before it: "Chief of the Army Staff (COAS)" is no Canadian body)
            let spelledOut = orgs[oi].mentions.first.map { $0.0 > 0 && tokens[$0.0 - 1].p == UInt8(ascii: "(") } ?? false
            if orgs[oi].isAcronym, !spelledOut, let f = orgs[oi].key.first {
                let candidates = Set(countries.filter { !$0.isCapital }.map(\.code)).filter { code in
                    (g.countryForms[code] ?? []).contains { $0.first == f }
                }
                if candidates.count == 1 { c = candidates.first }
            }
            // a city in the name: "University of Nairobi", "Port of Mombasa" (international bodies named after a city, as
            // the Shanghai Cooperation Organisation, are settled by the gazetteer before this)
            if c == nil, let (a, b) = orgs[oi].mentions.first,
                let city = countries.first(where: { $0.first >= a && $0.end <= b && $0.isCapital })
            {
                c = city.code
            }
            // institutions belong where they are: "… Training Centre in Kampong Chhnang Province, Cambodia"
            if c == nil, let last = orgs[oi].name.split(separator: " ").last.map({ Fold.normalize(String($0)) }),
                Analysis.institutionHeads.contains(last)
            {
                for (_, b) in orgs[oi].mentions where b < tokens.count && keys[b] == "in" {
                    var q = b + 1
                    while q < tokens.count && q - b <= 8 && tokens[q].sentence == tokens[b].sentence {
                        if let cm = country(q), !cm.isCapital {
                            c = cm.code
                            break
                        }
                        q += 1
                    }
                    if c != nil { break }
                }
            }
            if c == nil {
                for (a, b) in orgs[oi].mentions {
                    if let x = nearbyCountry(a, b) {
                        c = x
                        break
                    }
                }
            }
            if c == nil {
                // a capital acting in the same sentence: "Manila summoned …, according to the Department of Foreign Affairs"
                for (a, _) in orgs[oi].mentions {
                    let si = tokens[a].sentence
                    if let cap = countries.first(where: { $0.sentence == si && $0.isCapital && !$0.isCity && $0.first < a }) {
                        c = cap.code
                        break
                    }
                }
            }
            orgs[oi].country = c ?? hostCountry ?? firstCountry
        }
        // per body: is it an agency, company or club from the gazetteer (looked up once, not per person)
        // (a state's own forces, police or government in the gazetteer count as national bodies: "spokesperson
        // for the People's Liberation Army Navy" serves China)
        let orgKnown = orgs.indices.map { oi -> Bool in
            guard let home = g.knownOrgCountry[orgs[oi].key], !g.stateBodyKeys.contains(orgs[oi].key) else { return false }
            if !home.isEmpty, let sector = Sector.organization(name: orgs[oi].name, international: false),
                sector == "MIL" || sector == "GOV" || sector == "COP"
            {
                return false
            }
            return true
        }
        // the states the text names: a state official of the public 2014 list keeps the state only if named here
        // (a document names few states, and most have no such official: a scan of the mentions when one is found,
        // instead of a set of the codes built for every document)
        func named(_ code: String) -> Bool { countries.contains { $0.code == code } }
        // the story's states, for reading a person's state from the name (``NameOrigin``)
        var storyStates = [String]()
        for c in countries where !storyStates.contains(c.code) { storyStates.append(c.code) }
        for pi in persons.indices where persons[pi].strongCountry == nil && !persons[pi].credit {
            // "EU foreign policy chief X", "the UN Secretary-General X": an international official serves no state
            if servesInternationalBody(pi) { continue }
            var c: String? = nil
            // the state the name reads as and its lead, scored once (asked with two margins below); not for one told to
            // serve another state than their nationality's
            var origin: (state: String, lead: Double)?? = nil
            func fromName(margin: Double) -> String? {
                if persons[pi].servesAnotherState { return nil }
                if origin == nil { origin = .some(NameOrigin.shared.leader(of: persons[pi].name, among: storyStates)) }
                return origin!.flatMap { $0.lead >= margin ? $0.state : nil }
            }
            // a state official of the public leader lists (PublicLexicons.officials), by name or a
            // two-word alias, when the text names the official's state
            if !countries.isEmpty {
                var o = g.officialState(named: persons[pi].name)
                if o == nil {
                    for al in persons[pi].aliases where al.split(separator: " ").count >= 2 {
                        o = g.officialState(named: al)
                        if o != nil { break }
                    }
                }
                // "Trump" alone: the surname of one leader of the recent list
                if o == nil && persons[pi].words.count == 1, let w = persons[pi].words.first { o = g.recentLeaderSurnames[w] }
                if let o, named(o) { c = o }
            }
            // "a military delegation, which included the Head of the … Department, Colonel X": a member of the delegation
            // (before the bodies of the roles, which often name no state: "the Ministry of Defense")
            if c == nil { c = delegationMemberCountry(pi) }
            // "the visiting chief was received by Chief of Defence Staff General X": the one who receives is the host
            if c == nil, let h = hostCountry, persons[pi].mentions.contains(where: { receivesAGuest($0.0) }) { c = h }
            // national bodies named in the roles (not agencies, companies or clubs from the gazetteer)
            for (a, b) in persons[pi].roleRanges where c == nil {
                for oi in orgs.indices where orgs[oi].mentions.contains(where: { $0.0 >= a && $0.1 <= b }) && !orgKnown[oi] {
                    if let oc = orgs[oi].country, orgs[oi].countryFixed || c == nil { c = oc }
                }
                if c != nil { break }
            }
            if c == nil {
                for (a, b) in persons[pi].mentions {
                    if let x = counterpartCountry(a, b) {
                        c = x
                        break
                    }
                }
            }
            if c == nil { c = announcedState(pi) }
            if c == nil { c = openingPlaceCountry(pi) }
            if c == nil { c = roleTitleCountry(pi) }
            // "ministry spokeswoman X told a briefing in Moscow": where a spokesperson speaks is the government's seat (not
            // where a visiting minister talks to reporters)
            let spokesperson = persons[pi].roles.contains(where: { $0.lowercased().contains("spokes") })
            if c == nil && spokesperson { c = speakingCapitalCountry(of: pi) }
            // the name, where it clearly reads as one of the story's states ("Kavindu Wickramaratne" in a story of Sri
            // Lanka and Bangladesh): before the weaker hints of the words around the person
            if c == nil { c = fromName(margin: 1.5) }
            if c == nil {
                for (a, b) in persons[pi].mentions {
                    if let x = nearbyCountry(a, b) {
                        c = x
                        break
                    }
                }
            }
            if c == nil { c = localOfficialCountry(pi) }
            if c == nil {
                for (_, b) in persons[pi].mentions {
                    if let x = objectStateOtherSide(after: b) {
                        c = x
                        break
                    }
                }
            }
            if c == nil {
                // a national body named in the same sentence
                outer: for (a, _) in persons[pi].mentions {
                    let si = tokens[a].sentence
                    for oi in orgs.indices where !orgKnown[oi] && orgs[oi].country != nil {
                        if orgs[oi].mentions.contains(where: { tokens[$0.0].sentence == si }) {
                            c = orgs[oi].country
                            break outer
                        }
                    }
                }
            }
            if c == nil, let v = visitorCountry {
                // "The visit was led by General X", "a delegation headed by X": the visiting side
                for (a, _) in persons[pi].mentions {
                    var q = a - 1
                    while q > 0 && (hasKind(q, .rank) || hasKind(q, .honorific) || tokens[q].p == UInt8(ascii: ".")) { q -= 1 }
                    if q >= 1 && keys[q] == "by" && (keys[q - 1] == "led" || keys[q - 1] == "headed") {
                        c = v
                        break
                    }
                }
                // "Commander X called on the minister", "X paid a courtesy call on …": the one who calls is the visitor
                for (_, b0) in persons[pi].mentions where c == nil && b0 + 2 < tokens.count {
                    let b = keys[b0] == "," ? b0 + 1 : b0  // ("the ship's captain, Commander X, called on …")
                    if (keys[b] == "called" && keys[b + 1] == "on") || (keys[b] == "paid" && b + 2 < tokens.count && keys[b + 2] == "courtesy") {
                        c = v
                    }
                }
            }
            // (a spokesperson's was asked above)
            if c == nil && !spokesperson { c = speakingCapitalCountry(of: pi) }
            // the story's host; else the name again, with a smaller lead, before the dateline's or the first state
            persons[pi].strongCountry = c ?? hostCountry ?? fromName(margin: 0.5) ?? datelineCountry() ?? firstCountry
        }
    }

    /// Whether the person named at token `a` is the agent of a reception: "was received by [Chief of Defence Staff]
    /// [General] X", "welcomed by", "greeted by", "hosted by".
    func receivesAGuest(_ a: Int) -> Bool {
        let r = sentenceRange(tokens[a].sentence)
        var k = a - 1
        while k > r.lowerBound && a - k <= 10 && keys[k] != "by" {
            guard tokens[k].kind == .word && (tokens[k].cap || keys[k] == "of" || keys[k] == "the") || tokens[k].p == UInt8(ascii: ".") else { return false }
            k -= 1
        }
        return k > r.lowerBound && keys[k] == "by" && Analysis.receptionVerbs.contains(keys[k - 1])
    }

    /// The state of a delegation that lists the person ("the delegation included …, Colonel X", "a Kuwaiti delegation
    /// comprising X"): the state named with "delegation", else the story's visitor.
    func delegationMemberCountry(_ pi: Int) -> String? {
        for (a, _) in persons[pi].mentions {
            let r = sentenceRange(tokens[a].sentence)
            var k = a - 1
            var inclusion = false
            while k >= r.lowerBound && a - k <= 30 && tokens[k].p != UInt8(ascii: ";") && tokens[k].p != UInt8(ascii: "(") {
                if Analysis.inclusionVerbs.contains(keys[k]) { inclusion = true }
                if keys[k] == "delegation" || keys[k] == "delegations" { break }
                k -= 1
            }
            guard k >= r.lowerBound, keys[k] == "delegation", inclusion else { continue }
            var q = k - 1
            while q >= r.lowerBound && k - q <= 3 {
                if let c = country(q), !c.isCapital { return c.code }
                q -= 1
            }
            if let v = visitorCountry { return v }
        }
        return nil
    }

    /// "Prime Minister X thanked Vietnam", "X praised Japan's support": a person whose act (a trigger right after the
    /// name) has one of the story's two main states for its object serves the other one (used only when nothing
    /// closer says the person's state).
    func objectStateOtherSide(after b: Int) -> String? {
        let r = sentenceRange(tokens[min(b, tokens.count - 1)].sentence)
        var k = b
        while k < r.upperBound && k - b < 3 && tokens[k].cls & W.trigStart == 0 {
            if tokens[k].kind != .word || tokens[k].cap { return nil }  // only adverbs between: "X also thanked"
            k += 1
        }
        guard k < r.upperBound && tokens[k].cls & W.trigStart != 0 else { return nil }
        var q = k + 1
        while q < r.upperBound && q - k <= 4 {
            if tokens[q].kind == .punct { return nil }
            if let c = country(q) {
                guard !c.isCapital, q == c.first, !(q > r.lowerBound && Analysis.locatives.contains(keys[q - 1])) else { return nil }
                let pair = mainPair()
                return pair.count == 2 && pair.contains(c.code) ? pair.first { $0 != c.code } : nil
            }
            q += 1
        }
        return nil
    }

    /// ``speakingCapitalCountry(after:)`` at the first of person `pi`'s mentions that gives one.
    func speakingCapitalCountry(of pi: Int) -> String? {
        for (_, b) in persons[pi].mentions {
            if let x = speakingCapitalCountry(after: b) { return x }
        }
        return nil
    }

    /// "X said in Tokyo", "X told reporters in Ankara", "X spoke to reporters in Oslo", "X told a briefing in Moscow": an official with no other state
    /// speaks in the capital of the state served (used only after the office, the counterparts and the story's nearby
    /// states say nothing; a spokesperson's is read before those).
    func speakingCapitalCountry(after b: Int) -> String? {
        let r = sentenceRange(tokens[min(b, tokens.count - 1)].sentence)
        var k = b
        if k < r.upperBound && tokens[k].p == UInt8(ascii: ",") { return nil }
        // ("spoke to reporters in Oslo", "talked to journalists in Accra")
        let spokeTo = k + 1 < r.upperBound && (keys[k] == "spoke" || keys[k] == "talked") && keys[k + 1] == "to"
        guard k < r.upperBound && (g.reportingVerbs.contains(keys[k]) || spokeTo) else { return nil }
        k += spokeTo ? 2 : 1
        if k < r.upperBound && (keys[k] == "reporters" || keys[k] == "journalists" || keys[k] == "lawmakers") { k += 1 }
        // "told a briefing in Moscow", "told a news conference in Addis Ababa"
        if k + 1 < r.upperBound && (keys[k] == "a" || keys[k] == "the") {
            if keys[k + 1] == "briefing" {
                k += 2
            } else if k + 2 < r.upperBound && (keys[k + 1] == "news" || keys[k + 1] == "press") && (keys[k + 2] == "conference" || keys[k + 2] == "briefing") {
                k += 3
            }
        }
        guard k + 1 < r.upperBound && keys[k] == "in", let c = country(k + 1), c.isCapital, !c.isCity else { return nil }
        return c.code
    }

    /// "X said Japan would …", "She announced that New Zealand would fund …" ("she" opening the sentence after one in
    /// which this person is named first): one who announces what a state will do speaks for it.
    func announcedState(_ pi: Int) -> String? {
        var starts = persons[pi].mentions.map(\.1)
        for (a, _) in persons[pi].mentions {
            let si = tokens[a].sentence
            guard si + 1 < sentences.count, !persons.indices.contains(where: { pj in
                persons[pj].mentions.contains { tokens[$0.0].sentence == si && $0.0 < a }
            }) else { continue }
            var k = sentenceRange(si + 1).lowerBound
            while k < tokens.count && tokens[k].kind == .punct { k += 1 }
            if k + 1 < tokens.count && (keys[k] == "she" || keys[k] == "he") { starts.append(k + 1) }
        }
        for k0 in starts where k0 < tokens.count {
            let r = sentenceRange(tokens[k0].sentence)
            var k = k0
            guard tokens[k].cls & W.saidVerb != 0, keys[k] != "told" else { continue }
            k += 1
            if k < r.upperBound && keys[k] == "that" { k += 1 }
            guard k < r.upperBound, let c = country(k), c.first == k, c.end < r.upperBound else { continue }
            if ["would", "will", "is", "was", "has", "had", "plans", "intends", "could", "planned"].contains(keys[c.end]) { return c.code }
        }
        return nil
    }

    /// An office named with no state is the local one (after ``openingPlaceCountry(_:)``, "In Tokyo, Chief Cabinet
    /// Secretary X said"): an office opening a sentence after one whose subject is a state serves it; otherwise an
    /// unqualified government office in a story with a dateline serves the dateline's state ("MANILA — … signed by
    /// Defense Secretary X").
    func localOfficialCountry(_ pi: Int) -> String? {
        guard let starts = titledMentionStarts(pi) else { return nil }
        for (a, k) in starts {
            // "Nairobi reacted angrily. Foreign Affairs Cabinet Secretary X condemned …": an office opening the sentence
            // after one whose subject is a state or its capital serves that state (unless it says where it speaks:
            // "… said in Tokyo")
            let si = tokens[a].sentence
            if si > 0, persons[pi].roleRanges.contains(where: { $0.0 == k }) || a == k, sameParagraph(si - 1, si),
                speakingCapitalCountry(of: pi) == nil
            {
                let prev = sentenceRange(si - 1)
                if let c = country(prev.lowerBound), c.first == prev.lowerBound, c.end < prev.upperBound, tokens[c.end].kind == .word,
                    !tokens[c.end].cap
                {
                    return c.code
                }
            }
        }
        guard persons[pi].rank == nil, Sector.person(rank: nil, roles: persons[pi].roles) == "GOV" else { return nil }
        return datelineCountry()
    }

    /// For a person with a title among its roles, each mention's first token and where the text of its sentence starts
    /// (after a dateline and punctuation); nil for a person with no title.
    func titledMentionStarts(_ pi: Int) -> [(mention: Int, start: Int)]? {
        let titled = persons[pi].roleRanges.contains { (a, b) in (a..<min(b, tokens.count)).contains { hasKind($0, .title) } }
        guard titled else { return nil }
        return persons[pi].mentions.map { (a, _) in
            let r = sentenceRange(tokens[a].sentence)
            var k = max(r.lowerBound, datelineEnd(tokens[a].sentence))
            while k < a && tokens[k].kind == .punct { k += 1 }
            return (a, k)
        }
    }

    /// "In Hanoi, Foreign Minister X said …", "In the Ivorian commercial capital, he met Foreign Minister X": the place
    /// that opens the sentence of a titled person's mention is the state the person serves (read before the same office
    /// qualified elsewhere in the story, which may be another person's).
    func openingPlaceCountry(_ pi: Int) -> String? {
        guard let starts = titledMentionStarts(pi) else { return nil }
        for (a, k) in starts {
            if k + 2 < a && keys[k] == "in", let c = country(k + 1), c.first == k + 1, c.end < a, keys[c.end] == "," { return c.code }
            if k + 3 < a && keys[k] == "in" && keys[k + 1] == "the", let c = country(k + 2), c.first == k + 2, c.end < a {
                var q = c.end
                while q < a && q - c.end < 2 && tokens[q].kind == .word && !tokens[q].cap && keys[q] != "capital" { q += 1 }
                if q + 1 < a && keys[q] == "capital" && keys[q + 1] == "," { return c.code }
            }
        }
        return nil
    }

    /// The state of an unqualified office read from the same office qualified elsewhere in the story:
    /// "Prime Minister X" and, in another sentence, "Canada's prime minister" or "the Canadian prime
    /// minister" (with no other name after it). Only when the story qualifies that office with one state.
    func roleTitleCountry(_ pi: Int) -> String? {
        var titles: [String] = []
        for (a, b) in persons[pi].roleRanges {
            for k in a..<min(b, tokens.count) where hasKind(k, .title) && matchStart(k) == k {
                if let t = match(k)?.first(.title) { titles.append(t.value) }
            }
        }
        if titles.isEmpty { return nil }
        let own = Set(persons[pi].mentions.map(\.0))
        var found: String? = nil
        for m in matches {
            guard let t = m.first(.title), titles.contains(t.value) else { continue }
            let r = sentenceRange(tokens[m.start].sentence)
            // another person's office: "the Indian prime minister Y", "Uzbekistan's Defence Minister, Lieutenant General Y"
            if m.end < r.upperBound && tokens[m.end].cap && tokens[m.end].kind == .word && !own.contains(m.end)
                && !hasKind(m.end, .title)
            {
                continue
            }
            if m.end + 1 < r.upperBound && tokens[m.end].p == UInt8(ascii: ",") {
                var q = m.end + 1
                while q < r.upperBound && (hasKind(q, .rank) || hasKind(q, .honorific)) { q += 1 }
                if !own.contains(q) && persons.contains(where: { $0.mentions.contains { $0.0 == q } }) { continue }
            }
            var state: String? = nil
            if m.start > r.lowerBound, let c = country(m.start - 1), !c.isCapital {
                state = c.code
            } else if m.start > r.lowerBound + 1 && keys[m.start - 1] == "'s", let c = country(m.start - 2), !c.isCapital {
                state = c.code
            } else if m.end + 1 < r.upperBound && keys[m.end] == "of", let c = country(m.end + 1), !c.isCapital {
                state = c.code
            }
            guard let state else { continue }
            if let f = found, f != state { return nil }
            found = state
        }
        return found
    }

    /// Does a role of person `pi` name an international body ("EU foreign policy chief", "Secretary-General of the United
    /// Nations")? Such a person has no state.
    func servesInternationalBody(_ pi: Int) -> Bool {
        for (a, b) in persons[pi].roleRanges {
            // (with the words just before the role: "EU foreign policy chief")
            for k in max(sentenceRange(tokens[a].sentence).lowerBound, a - 4)..<b where hasKind(k, .knownOrg) {
                if let m = match(k), let e = m.first(.knownOrg), e.code.isEmpty { return true }
            }
        }
        return false
    }

    /// A person's state read from a counterpart: "their Australian counterparts, Foreign Minister X and …" (X is
    /// Australian); "X met his Mongolian counterpart" (X is the other side: the visitor when Mongolia hosts, else
    /// the other of the story's two main states).
    func counterpartCountry(_ a: Int, _ b: Int) -> String? {
        let r = sentenceRange(tokens[a].sentence)
        func stateBefore(_ k: Int) -> String? {
            // "his Mongolian counterpart", "Mongolia's counterpart"
            var q = k - 1
            if q >= r.lowerBound && keys[q] == "'s" { q -= 1 }
            guard q >= r.lowerBound, let c = country(q), !c.isCapital else { return nil }
            return c.code
        }
        // before the name, across titles, names and a list: "counterparts, Foreign Minister X and Defence Minister Y"
        var q = a - 1
        while q >= r.lowerBound && a - q <= 16 {
            let key = keys[q]
            if key == "counterpart" || key == "counterparts" { return stateBefore(q) }
            let t = tokens[q]
            let listWord = t.p == UInt8(ascii: ",") || key == "and" || key == "of" || key == "the" || t.cap || hasKind(q, .title) || hasKind(q, .rank)
            if !listWord { break }
            q -= 1
        }
        // after the name: "X met his Mongolian counterpart"
        q = b
        while q < r.upperBound && q - b <= 8 {
            let key = keys[q]
            if tokens[q].p == UInt8(ascii: ",") || tokens[q].p == UInt8(ascii: ";") { break }
            if key == "counterpart" || key == "counterparts", let other = stateBefore(q) {
                if let h = hostCountry, let v = visitorCountry {
                    if other == h { return v }
                    if other == v { return h }
                }
                let pair = mainPair()
                return pair.count == 2 && pair.contains(other) ? pair.first { $0 != other } : nil
            }
            q += 1
        }
        return nil
    }

    func countryDigest() -> [Country] {
        // few states per document: a linear search beats hashing. The mentions are counted first, so that each
        // state's list is allocated once (fields read in place: a copy of a mention retains its strings)
        var codes = [String]()
        var counts = [Int]()
        var which = [Int](repeating: -1, count: countries.count)
        for ci in countries.indices where !countries[ci].isCapital {
            if let x = codes.firstIndex(where: { $0 == countries[ci].code }) {
                counts[x] += 1
                which[ci] = x
            } else {
                which[ci] = codes.count
                codes.append(countries[ci].code)
                counts.append(1)
            }
        }
        var out = [Country]()
        out.reserveCapacity(codes.count)
        for k in codes.indices {
            var c = Country(code: codes[k])
            c.mentions.reserveCapacity(counts[k])
            out.append(c)
        }
        for ci in countries.indices where which[ci] >= 0 {
            let k = which[ci]
            if !out[k].names.contains(countries[ci].surface) { out[k].names.append(countries[ci].surface) }
            out[k].mentions.append(span(countries[ci].first, countries[ci].end))
        }
        return out.sorted { $0.code < $1.code }
    }

    func personDigest() -> [Person] {
        // (fields read in place: a copy of a PersonBuild retains and releases all of its members)
        persons.indices.map { pi in
            Person(
                name: persons[pi].name, aliases: persons[pi].aliases, country: persons[pi].strongCountry, rank: persons[pi].rank,
                roles: persons[pi].roles, sector: Sector.person(rank: persons[pi].rank, roles: persons[pi].roles),
                mentions: persons[pi].mentions.map { span($0.0, $0.1) })
        }
    }

    func orgDigest() -> [Organization] {
        orgs.indices.map { oi in
            Organization(
                name: orgs[oi].name, aliases: orgs[oi].aliases, country: orgs[oi].country,
                sector: g.armedGroupKeys.contains(orgs[oi].key)
                    ? "REB" : Sector.organization(name: orgs[oi].name, international: orgs[oi].country == nil && orgs[oi].countryFixed),
                mentions: orgs[oi].mentions.map { span($0.0, $0.1) })
        }
    }
}
