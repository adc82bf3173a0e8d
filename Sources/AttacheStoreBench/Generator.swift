import AttacheContracts
import Foundation

/// SplitMix64: small, fast, deterministic.
struct PRNG {
    var state: UInt64
    init(seed: UInt64) { self.state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ n: Int) -> Int { Int(self.next() % UInt64(n)) }
    mutating func range(_ r: ClosedRange<Int>) -> Int { r.lowerBound + self.int(r.count) }
    mutating func unit() -> Double { Double(self.next() >> 11) / Double(1 << 53) }
    mutating func chance(_ p: Double) -> Bool { self.unit() < p }
    mutating func pick<T>(_ a: [T]) -> T { a[self.int(a.count)] }
}

/// Zipf-like sampling over `n` ranks (s ≈ 1): rank 0 is the most popular.
struct Zipf {
    let cdf: [Double]
    init(n: Int, s: Double = 1.0) {
        var acc = 0.0
        var c = [Double](repeating: 0, count: n)
        for i in 0..<n {
            acc += 1.0 / pow(Double(i + 1), s)
            c[i] = acc
        }
        self.cdf = c.map { $0 / acc }
    }
    func sample(_ rng: inout PRNG) -> Int {
        let u = rng.unit()
        var lo = 0
        var hi = self.cdf.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if self.cdf[mid] < u { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}

struct PersonSpec {
    var given: String  // e.g. "Minh Khoa"
    var family: String  // e.g. "Trần"
    var folded: Bool  // the main spelling has no diacritics (some documents write it one way, others another)
    var country: String
    var rank: String?
    var role: String
}

struct OrgSpec {
    var name: String
    var acronym: String?
    var country: String?
}

/// A world of persons, organizations and states; digests are drawn from it.
struct World {
    static let states: [(code: String, name: String, adjective: String)] = {
        let raw =
            "AF Afghanistan Afghan;AL Albania Albanian;DZ Algeria Algerian;AO Angola Angolan;AR Argentina Argentine;AM Armenia Armenian;AU Australia Australian;AT Austria Austrian;AZ Azerbaijan Azerbaijani;BH Bahrain Bahraini;BD Bangladesh Bangladeshi;BY Belarus Belarusian;BE Belgium Belgian;BJ Benin Beninese;BT Bhutan Bhutanese;BO Bolivia Bolivian;BA Bosnia Bosnian;BW Botswana Botswanan;BR Brazil Brazilian;BN Brunei Bruneian;BG Bulgaria Bulgarian;BF Burkina Burkinabe;BI Burundi Burundian;KH Cambodia Cambodian;CM Cameroon Cameroonian;CA Canada Canadian;CF CAR Centrafrican;TD Chad Chadian;CL Chile Chilean;CN China Chinese;CO Colombia Colombian;CG Congo Congolese;CR Costa-Rica Costa-Rican;HR Croatia Croatian;CU Cuba Cuban;CY Cyprus Cypriot;CZ Czechia Czech;DK Denmark Danish;DJ Djibouti Djiboutian;DO Dominican-Republic Dominican;EC Ecuador Ecuadorian;EG Egypt Egyptian;SV El-Salvador Salvadoran;ER Eritrea Eritrean;EE Estonia Estonian;ET Ethiopia Ethiopian;FJ Fiji Fijian;FI Finland Finnish;FR France French;GA Gabon Gabonese;GM Gambia Gambian;GE Georgia Georgian;DE Germany German;GH Ghana Ghanaian;GR Greece Greek;GT Guatemala Guatemalan;GN Guinea Guinean;GY Guyana Guyanese;HT Haiti Haitian;HN Honduras Honduran;HU Hungary Hungarian;IS Iceland Icelandic;IN India Indian;ID Indonesia Indonesian;IR Iran Iranian;IQ Iraq Iraqi;IE Ireland Irish;IL Israel Israeli;IT Italy Italian;CI Ivory-Coast Ivorian;JM Jamaica Jamaican;JP Japan Japanese;JO Jordan Jordanian;KZ Kazakhstan Kazakh;KE Kenya Kenyan;KW Kuwait Kuwaiti;KG Kyrgyzstan Kyrgyz;LA Laos Lao;LV Latvia Latvian;LB Lebanon Lebanese;LS Lesotho Basotho;LR Liberia Liberian;LY Libya Libyan;LT Lithuania Lithuanian;LU Luxembourg Luxembourgish;MG Madagascar Malagasy;MW Malawi Malawian;MY Malaysia Malaysian;MV Maldives Maldivian;ML Mali Malian;MT Malta Maltese;MR Mauritania Mauritanian;MU Mauritius Mauritian;MX Mexico Mexican;MD Moldova Moldovan;MN Mongolia Mongolian;ME Montenegro Montenegrin;MA Morocco Moroccan;MZ Mozambique Mozambican;MM Myanmar Burmese;NA Namibia Namibian;NP Nepal Nepali;NL Netherlands Dutch;NZ New-Zealand Kiwi;NI Nicaragua Nicaraguan;NE Niger Nigerien;NG Nigeria Nigerian;KP North-Korea North-Korean;MK North-Macedonia Macedonian;NO Norway Norwegian;OM Oman Omani;PK Pakistan Pakistani;PA Panama Panamanian;PG Papua Papuan;PY Paraguay Paraguayan;PE Peru Peruvian;PH Philippines Filipino;PL Poland Polish;PT Portugal Portuguese;QA Qatar Qatari;RO Romania Romanian;RU Russia Russian;RW Rwanda Rwandan;SA Saudi-Arabia Saudi;SN Senegal Senegalese;RS Serbia Serbian;SL Sierra-Leone Sierra-Leonean;SG Singapore Singaporean;SK Slovakia Slovak;SI Slovenia Slovenian;SO Somalia Somali;ZA South-Africa South-African;KR South-Korea South-Korean;SS South-Sudan South-Sudanese;ES Spain Spanish;LK Sri-Lanka Sri-Lankan;SD Sudan Sudanese;SR Suriname Surinamese;SE Sweden Swedish;CH Switzerland Swiss;SY Syria Syrian;TW Taiwan Taiwanese;TJ Tajikistan Tajik;TZ Tanzania Tanzanian;TH Thailand Thai;TL Timor-Leste Timorese;TG Togo Togolese;TT Trinidad Trinidadian;TN Tunisia Tunisian;TR Turkey Turkish;TM Turkmenistan Turkmen;UG Uganda Ugandan;UA Ukraine Ukrainian;AE UAE Emirati;GB Britain British;US United-States American;UY Uruguay Uruguayan;UZ Uzbekistan Uzbek;VE Venezuela Venezuelan;VN Vietnam Vietnamese;YE Yemen Yemeni;ZM Zambia Zambian;ZW Zimbabwe Zimbabwean;AD Andorra Andorran;AG Antigua Antiguan;BS Bahamas Bahamian;BB Barbados Barbadian;BZ Belize Belizean;CV Cape-Verde Cape-Verdean;KM Comoros Comorian;CD DR-Congo Congolese;DM Dominica Dominican;GQ Equatorial-Guinea Equatoguinean;SZ Eswatini Swazi;GD Grenada Grenadian;GW Guinea-Bissau Bissau-Guinean;KI Kiribati I-Kiribati;LI Liechtenstein Liechtensteiner;MH Marshall-Islands Marshallese;FM Micronesia Micronesian;MC Monaco Monegasque;NR Nauru Nauruan;PW Palau Palauan;PS Palestine Palestinian;KN Saint-Kitts Kittitian;LC Saint-Lucia Saint-Lucian;VC Saint-Vincent Vincentian;WS Samoa Samoan;SM San-Marino Sammarinese;ST Sao-Tome Santomean;SC Seychelles Seychellois;SB Solomon-Islands Solomon-Islander;TO Tonga Tongan;TV Tuvalu Tuvaluan;VU Vanuatu Ni-Vanuatu;VA Vatican Vatican;XK Kosovo Kosovar"
        return raw.split(separator: ";").map { entry in
            let p = entry.split(separator: " ")
            return (String(p[0]), p[1].replacingOccurrences(of: "-", with: " "), p[2].replacingOccurrences(of: "-", with: " "))
        }
    }()

    static let familyNames = [
        "Trần", "Nguyễn", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lý", "Müller", "Schäfer",
        "Kowalski", "Nowak", "Dvořák", "Novák", "García", "Fernández", "López", "Martínez", "Sánchez", "Pérez",
        "González", "Gómez", "Díaz", "Álvarez", "Silva", "Santos", "Oliveira", "Souza", "Costa", "Pereira", "Smith",
        "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Thomas",
        "Moore", "Martin", "Jackson", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young",
        "Allen", "King", "Wright", "Scott", "Green", "Baker", "Adams", "Nelson", "Hill", "Campbell", "Mitchell",
        "Roberts", "Carter", "Phillips", "Evans", "Turner", "Torres", "Parker", "Collins", "Edwards", "Stewart",
        "Morris", "Murphy", "Cook", "Rogers", "Morgan", "Peterson", "Cooper", "Reed", "Bailey", "Bell", "Kelly",
        "Howard", "Ward", "Cox", "Richardson", "Wood", "Watson", "Brooks", "Bennett", "Gray", "James", "Hughes",
        "Price", "Sanders", "Myers", "Long", "Ross", "Foster", "Ivanov", "Petrov", "Sidorov", "Smirnov", "Kuznetsov",
        "Popov", "Sokolov", "Lebedev", "Kozlov", "Novikov", "Morozov", "Volkov", "Solovyov", "Vasiliev", "Zaitsev",
        "Pavlov", "Semenov", "Golubev", "Vinogradov", "Bogdanov", "Wang", "Li", "Zhang", "Liu", "Chen", "Yang",
        "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu", "Hu", "Guo", "He", "Gao", "Lin", "Luo", "Kim", "Park",
        "Choi", "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Han", "Sato", "Suzuki", "Takahashi", "Tanaka",
        "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi", "Kato", "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik",
        "Yıldız", "Öztürk", "Aydın", "Özdemir", "Arslan", "Khan", "Ahmed", "Hussain", "Ali", "Rahman", "Hossain",
        "Singh", "Kumar", "Sharma", "Patel", "Gupta", "Reddy", "Rao", "Iyer", "Nair", "Menon", "Haddad", "Khoury",
        "Mansour", "Nasser", "Saleh", "Hassan", "Ibrahim", "Mahmoud", "Youssef", "Abdullah", "Okafor", "Adeyemi",
        "Mensah", "Boateng", "Diallo", "Traoré", "Keïta", "Coulibaly", "Ndiaye", "Mbeki", "Sithole", "Dlamini",
        "Rattana", "Srisuk", "Chaiyaporn", "Somsak", "Keola", "Vongsa", "Phommachanh", "Sok", "Chan", "Hun", "Sen",
    ]
    static let givenNames = [
        "Minh", "Khoa", "Văn", "Giang", "Cường", "Thị", "Lan", "Hùng", "Dũng", "Quốc", "Anh", "Tuấn", "Hải", "Long",
        "Jürgen", "Stefan", "Łukasz", "Piotr", "José", "María", "Andrés", "Sofía", "João", "Luís", "John", "Michael",
        "David", "James", "Robert", "William", "Richard", "Joseph", "Charles", "Thomas", "Daniel", "Matthew",
        "Anthony", "Mark", "Paul", "Steven", "Andrew", "Kenneth", "Joshua", "Kevin", "Brian", "George", "Edward",
        "Ronald", "Timothy", "Jason", "Jeffrey", "Ryan", "Jacob", "Gary", "Nicholas", "Eric", "Jonathan", "Stephen",
        "Larry", "Justin", "Scott", "Brandon", "Benjamin", "Samuel", "Gregory", "Frank", "Alexander", "Raymond",
        "Patrick", "Jack", "Dennis", "Jerry", "Tyler", "Aaron", "Mary", "Patricia", "Jennifer", "Linda", "Elizabeth",
        "Barbara", "Susan", "Jessica", "Sarah", "Karen", "Nancy", "Lisa", "Margaret", "Sandra", "Ashley", "Emily",
        "Donna", "Michelle", "Carol", "Amanda", "Melissa", "Deborah", "Stephanie", "Rebecca", "Laura", "Sharon",
        "Sergei", "Dmitri", "Alexei", "Vladimir", "Nikolai", "Andrei", "Mikhail", "Ivan", "Olga", "Tatiana", "Wei",
        "Jian", "Hao", "Yong", "Jun", "Ming", "Lei", "Xiaoping", "Jae-in", "Min-ho", "Ji-hoon", "Hiroshi", "Takeshi",
        "Kenji", "Yuki", "Mehmet", "Mustafa", "Ahmet", "Ayşe", "Fatma", "Emine", "Muhammad", "Abdul", "Imran",
        "Raj", "Arjun", "Vikram", "Priya", "Ananya", "Omar", "Khalid", "Tariq", "Yusuf", "Chinedu", "Kwame",
        "Amadou", "Moussa", "Thabo", "Somchai", "Prayut", "Anutin", "Sok", "Bounmy", "Thongloun", "Sonexay",
    ]
    static let ranks = [
        "General", "Lieutenant General", "Senior Lieutenant General", "Major General", "Colonel", "Admiral",
        "Vice Admiral", "Rear Admiral", "Air Marshal", "Brigadier", "Captain",
    ]
    static let roles = [
        "Minister of Defence", "Foreign Minister", "Deputy Minister", "Chief of General Staff", "Army Chief",
        "Navy Commander", "Ambassador", "National Security Adviser", "President", "Prime Minister",
        "Spokesperson", "Director of Military Intelligence", "Deputy Foreign Minister", "Interior Minister",
    ]
    static let orgWords1 = [
        "Northern", "Southern", "Eastern", "Western", "Central", "National", "Joint", "Coastal", "Border",
        "Strategic", "Federal", "Royal", "People's", "Revolutionary", "Maritime", "Special", "Republican",
        "Territorial", "Frontier", "Air",
    ]
    static let orgWords2 = [
        "Defence", "Security", "Intelligence", "Naval", "Guard", "Police", "Missile", "Logistics", "Cyber",
        "Peacekeeping", "Armoured", "Signals", "Marine", "Engineering", "Rescue", "Counterterrorism",
    ]
    static let orgWords3 = [
        "Army", "Command", "Force", "Agency", "Service", "Corps", "Council", "Directorate", "Brigade", "Division",
        "Ministry", "Bureau", "Fleet", "Academy", "Committee",
    ]
    static let igos = [
        ("North Atlantic Treaty Organization", "NATO"), ("Association of Southeast Asian Nations", "ASEAN"),
        ("African Union", "AU"), ("European Union", "EU"), ("United Nations Security Council", "UNSC"),
        ("International Atomic Energy Agency", "IAEA"), ("Shanghai Cooperation Organisation", "SCO"),
        ("Organization for Security and Co-operation in Europe", "OSCE"), ("Gulf Cooperation Council", "GCC"),
        ("Economic Community of West African States", "ECOWAS"),
    ]

    let persons: [PersonSpec]
    let orgs: [OrgSpec]
    let personZipf: Zipf
    let orgZipf: Zipf
    let stateZipf: Zipf

    init(persons nPersons: Int, orgs nOrgs: Int, seed: UInt64) {
        var rng = PRNG(seed: seed)
        var seen = Set<String>()
        var ps: [PersonSpec] = []
        ps.reserveCapacity(nPersons)
        while ps.count < nPersons {
            let family = rng.pick(Self.familyNames)
            let given =
                rng.chance(0.5)
                ? rng.pick(Self.givenNames) + " " + rng.pick(Self.givenNames) : rng.pick(Self.givenNames)
            let key = given + " " + family
            guard seen.insert(key).inserted else { continue }
            let country = Self.states[rng.int(Self.states.count)].code
            ps.append(
                PersonSpec(
                    given: given, family: family, folded: rng.chance(0.2), country: country,
                    rank: rng.chance(0.35) ? rng.pick(Self.ranks) : nil, role: rng.pick(Self.roles)))
        }
        var os: [OrgSpec] = Self.igos.map { OrgSpec(name: $0.0, acronym: $0.1, country: nil) }
        var orgNames = Set(os.map(\.name))
        while os.count < nOrgs {
            let st = Self.states[rng.int(Self.states.count)]
            let name: String
            if rng.chance(0.15) {
                name = "\(st.adjective) \(rng.pick(["Ministry of Defence", "Ministry of Foreign Affairs", "Armed Forces", "Navy", "Air Force", "Coast Guard"]))"
            } else {
                name = "\(rng.pick(Self.orgWords1)) \(rng.pick(Self.orgWords2)) \(rng.pick(Self.orgWords3))"
            }
            let full = orgNames.contains(name) ? "\(st.adjective) \(name)" : name
            guard orgNames.insert(full).inserted else { continue }
            let initials = String(
                full.split(separator: " ").filter { !["of", "the", "and"].contains($0) }.compactMap(\.first)
            ).uppercased()
            os.append(OrgSpec(name: full, acronym: rng.chance(0.6) ? initials : nil, country: st.code))
        }
        self.persons = ps
        self.orgs = os
        self.personZipf = Zipf(n: nPersons)
        self.orgZipf = Zipf(n: nOrgs)
        self.stateZipf = Zipf(n: Self.states.count)
    }

    static let verbs: [(PloverType, String)] = [
        (.AGREE, "signed an agreement with"), (.CONSULT, "met"), (.SUPPORT, "voiced support for"),
        (.CONCEDE, "conceded to"), (.COOPERATE, "held joint exercises with"), (.AID, "delivered aid to"),
        (.RETREAT, "withdrew troops from"), (.REQUEST, "asked"), (.ACCUSE, "accused"), (.REJECT, "rejected a proposal by"),
        (.THREATEN, "threatened"), (.PROTEST, "protested to"), (.SANCTION, "imposed sanctions on"),
        (.MOBILIZE, "mobilized forces near"), (.COERCE, "seized vessels from"), (.ASSAULT, "shelled positions in"),
    ]
    static let fillers = [
        "The talks focused on border security, maritime cooperation and the training of officers.",
        "Officials said the two delegations reviewed progress on earlier agreements.",
        "The ministry did not give further details about the schedule of the exercises.",
        "Analysts said the move reflected growing tension in the region.",
        "Both sides pledged to continue dialogue through existing defence channels.",
        "A spokesperson described the meeting as frank and constructive.",
        "The statement was released after a closed session of the security council.",
        "Diplomats expect a follow-up meeting before the end of the year.",
        "Observers noted that several warships had been deployed to the area in recent weeks.",
        "The agreement covers intelligence sharing, logistics and joint search-and-rescue operations.",
    ]
}

/// Builds sentences with exact scalar spans.
struct TextBuilder {
    var sentences: [Sentence] = []
    var offset = 0
    var current = ""
    var currentScalars = 0
    var startOfCurrent = 0

    mutating func append(_ s: String) -> Span {
        if !self.current.isEmpty {
            self.current += " "
            self.currentScalars += 1
        }
        let start = self.startOfCurrent + self.currentScalars
        let n = s.unicodeScalars.count
        self.current += s
        self.currentScalars += n
        return Span(sentence: self.sentences.count, start: start, end: start + n)
    }

    mutating func end() {
        self.sentences.append(
            Sentence(index: self.sentences.count, start: self.startOfCurrent, end: self.startOfCurrent + self.currentScalars, text: self.current))
        self.startOfCurrent += self.currentScalars + 1
        self.current = ""
        self.currentScalars = 0
    }
}

func hex64(_ a: UInt64, _ b: UInt64) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out = [UInt8]()
    out.reserveCapacity(64)
    for var v in [a, b, a ^ 0xA5A5_5A5A_A5A5_5A5A, b &* 31] {
        for _ in 0..<16 {
            out.append(digits[Int(v & 15)])
            v >>= 4
        }
    }
    return String(decoding: out, as: UTF8.self)
}

extension String {
    /// Without diacritics (as some feeds write names).
    var strippedDiacritics: String { self.folding(options: .diacriticInsensitive, locale: nil) }
}

extension World {
    /// Document `n` (version `version`: a re-push with another version replaces it).
    func digest(_ n: Int, version: Int = 0, seed: UInt64) -> Digest {
        var rng = PRNG(seed: seed ^ (UInt64(n) &* 0x2545_F491_4F6C_DD1D) ^ UInt64(version) << 48)
        // Dates: 2015-01-01 plus up to ~11 years.
        let day = rng.int(11 * 365)
        let published = isoDate(day)
        var tb = TextBuilder()
        // Cast.
        let nStates = rng.range(1...4)
        var stateIdx: [Int] = []
        while stateIdx.count < nStates {
            let s = self.stateZipf.sample(&rng)
            if !stateIdx.contains(s) { stateIdx.append(s) }
        }
        let states = stateIdx.map { Self.states[$0] }
        let nPersons = rng.range(1...7)
        var personIdx: [Int] = []
        while personIdx.count < nPersons {
            let p = self.personZipf.sample(&rng)
            if !personIdx.contains(p) { personIdx.append(p) }
        }
        let nOrgs = rng.range(0...4)
        var orgIdx: [Int] = []
        while orgIdx.count < nOrgs {
            let o = self.orgZipf.sample(&rng)
            if !orgIdx.contains(o) { orgIdx.append(o) }
        }
        var persons: [Person] = []
        var personShort: [String] = []
        var stateMentions: [[Span]] = Array(repeating: [], count: states.count)
        var stateNames: [[String]] = Array(repeating: [], count: states.count)
        for (k, pi) in personIdx.enumerated() {
            let spec = self.persons[pi]
            let diacritics = !spec.folded && !rng.chance(0.15)  // some documents drop diacritics
            var full = "\(spec.given) \(spec.family)"
            var family = spec.family
            if !diacritics {
                full = full.strippedDiacritics
                family = family.strippedDiacritics
            }
            // 4%: the document only knows the family name (a one-word mention: short-form resolution).
            let onlyShort = rng.chance(0.04)
            let shown = onlyShort ? family : full
            let titled = spec.rank.map { "\($0) \(shown)" } ?? shown
            let st = states[k % states.count]
            var spans: [Span] = []
            spans.append(tb.append("\(titled), the \(st.adjective) \(spec.role.lowercased()), arrived in \(st.name) on a visit."))
            let first = spans[0]
            spans[0] = Span(sentence: first.sentence, start: first.start, end: first.start + titled.unicodeScalars.count)
            stateMentions[k % states.count].append(Span(sentence: first.sentence, start: first.end - 10 - st.name.unicodeScalars.count, end: first.end - 10))
            if !stateNames[k % states.count].contains(st.name) { stateNames[k % states.count].append(st.name) }
            tb.end()
            var aliases: [String] = []
            if !onlyShort, rng.chance(0.6) {
                let s = tb.append(family)
                _ = tb.append("told reporters that cooperation would continue.")
                spans.append(s)
                tb.end()
                aliases.append(family)
            }
            persons.append(
                Person(
                    name: shown, aliases: aliases, country: rng.chance(0.85) ? spec.country : nil, rank: spec.rank,
                    roles: rng.chance(0.7) ? [spec.role] : [], mentions: spans))
            personShort.append(shown)
        }
        var orgs: [Organization] = []
        for oi in orgIdx {
            let spec = self.orgs[oi]
            var spans = [tb.append("The \(spec.name)")]
            spans[0] = Span(sentence: spans[0].sentence, start: spans[0].start + 4, end: spans[0].end)
            _ = tb.append("said it was monitoring the situation closely.")
            tb.end()
            var aliases: [String] = []
            if let a = spec.acronym, rng.chance(0.7) {
                spans.append(tb.append(a))
                _ = tb.append("officers joined the operation.")
                tb.end()
                aliases.append(a)
            }
            orgs.append(Organization(name: spec.name, aliases: aliases, country: spec.country, mentions: spans))
        }
        // Events.
        var events: [Event] = []
        let nEvents = rng.range(2...10)
        for _ in 0..<nEvents {
            let (type, verb) = Self.verbs[rng.int(Self.verbs.count)]
            let si = rng.int(states.count)
            let ti = states.count > 1 ? (si + 1 + rng.int(states.count - 1)) % states.count : si
            let (s, t) = (states[si], states[ti])
            let actor = personShort.isEmpty || rng.chance(0.3) ? s.name : rng.pick(personShort)
            let sSpan = tb.append(actor)
            let trig = tb.append(verb)
            let tSpan = tb.append(t.name)
            let dated = rng.chance(0.7)
            let eday = max(0, day - rng.int(5))
            _ = tb.append(dated ? "on \(isoDate(eday))." : "this week.")
            tb.end()
            if actor == s.name { stateMentions[si].append(sSpan) }
            stateMentions[ti].append(tSpan)
            if !stateNames[ti].contains(t.name) { stateNames[ti].append(t.name) }
            events.append(
                Event(
                    type: type.rawValue, mode: rng.chance(0.3) ? "formal" : nil, context: rng.chance(0.2) ? ["military"] : [],
                    source: s.code, target: si == ti ? nil : t.code, date: dated ? isoDate(eday) : nil,
                    actorText: actor, recipientText: t.name, sentence: trig.sentence, trigger: trig, triggerText: verb,
                    confidence: 0.5 + Double(rng.int(50)) / 100))
        }
        // Filler up to 5...30 sentences.
        let target = rng.range(5...30)
        while tb.sentences.count < target {
            _ = tb.append(rng.pick(Self.fillers))
            tb.end()
        }
        var countries: [Country] = []
        for (i, st) in states.enumerated() {
            countries.append(Country(code: st.code, names: stateNames[i].isEmpty ? [st.name] : stateNames[i], mentions: stateMentions[i]))
        }
        let dates = events.compactMap { e in e.date.map { DateMention(text: "on \($0)", value: $0, span: e.trigger) } }
        return Digest(
            doc: "doc-\(n).txt", published: published, title: "Report \(n)", source: "feed-\(n % 37)",
            contentHash: hex64(UInt64(n), UInt64(version) &+ seed), length: tb.startOfCurrent, sentences: tb.sentences,
            persons: persons, organizations: orgs, countries: countries, dates: dates,
            quantities: rng.chance(0.3)
                ? [Quantity(text: "200 troops", value: 200, unit: "troops", span: Span(sentence: 0, start: 0, end: 1))] : [],
            events: events)
    }
}

/// `2015-01-01` plus `day` days.
func isoDate(_ day: Int) -> String {
    // civil_from_days (Howard Hinnant), epoch 1970; 2015-01-01 is day 16436.
    let z = 16436 + day + 719_468
    let era = z / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let y = yoe + era * 400
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    let yy = m <= 2 ? y + 1 : y
    func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    return "\(yy)-\(two(m))-\(two(d))"
}
