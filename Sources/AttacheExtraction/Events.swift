import AttacheContracts

/// A state-bearing mention in a sentence: a country word, or a person or organization with a state.
struct StateRef {
    var code: String?  // nil for international bodies
    var start: Int
    var end: Int
    var isCapital = false
    var isPerson = false
    var isOrg = false
    /// Introduced by a locative preposition ("in Almaty"): a venue, not a participant.
    var isLocation = false
}

struct TriggerHit {
    var pattern: Int
    var start: Int
    var end: Int
    /// Token indices of the trigger words (without gaps).
    var words: [Int]
}

struct RawEvent {
    var type: String
    var mode: String?
    var source: String?
    var target: String?
    var date: String?
    var sentence: Int
    var trigger: TriggerHit
    var actorText: String?
    var recipientText: String?
    var confidence: Double
    /// The rules that decided actor and recipient (``Analysis/actorChoice(_:_:_:_:_:pair:prevSubject:)``), for `--explain`;
    /// the event's own rule (a visit, talks, an exercise) when they did not run.
    /// An AGREE made from a meeting or visit in the future ("will visit"); dropped when the same pair meets in the story
    /// (the programme of a visit under way: "the delegation will visit the memorial during its visit").
    var plannedMeeting = false
    var actorRule: StaticString = "rule of the event type"
    var recipientRule: StaticString = "rule of the event type"
}

extension Analysis {
    /// Function words that never modify a noun between a state's adjective and the noun ("decision to expel").
    static let nonModifiers: WordSet = [
        "to", "not", "also", "and", "or", "of", "in", "on", "at", "for", "with", "who", "that", "which", "would", "could",
        "should", "may", "might", "can", "must", "has", "have", "had", "did", "does", "do", "then", "later", "jointly",
    ]
    /// Irregular past tenses that are never nouns: "Libyan authorities flew … back" is a verb after its subject, not "a
    /// Turkish drone attack".
    static let pastTenseVerbs: WordSet = [
        "flew", "sent", "gave", "took", "held", "met", "sought", "brought", "began", "fought", "shot", "stole", "froze",
        "broke", "drove", "threw", "spoke", "led", "fled", "left", "kept", "told", "won", "lent", "went", "came", "became",
        "ran", "saw", "built", "bought", "caught", "taught", "struck", "withdrew", "overran", "shook", "swore", "forbade",
        "undertook", "oversaw", "laid", "paid", "sold", "sank", "hid",
    ]
    /// What a court or a parliament strikes down ("struck down an election rule").
    static let lawNouns: WordSet = [
        "rule", "rules", "law", "laws", "ban", "bans", "decree", "decrees", "ruling", "order", "orders", "provision",
        "provisions", "amendment", "amendments", "regulation", "regulations", "measure", "act", "statute", "policy",
    ]
    /// Plural nouns that still modify the noun after them ("arms deal", "customs officers").
    static let pluralModifiers: WordSet = [
        "arms", "news", "customs", "affairs", "goods", "sports", "logistics", "communications", "operations", "relations",
        "rights", "means", "series", "headquarters", "systems", "weapons",
    ]
    /// Verbs of response whose "by + gerund" names the act itself: "retaliated by expelling …".
    static let responseVerbs: WordSet = [
        "responded", "respond", "responds", "responding", "retaliated", "retaliate", "retaliates", "retaliating",
        "reacted", "react", "reacts", "reacting", "replied", "reply",
    ]
    static let negations: Set<String> = ["not", "never", "no", "neither", "nor", "without", "n't", "cannot", "didn't", "hasn't", "haven't", "won't", "wouldn't", "isn't", "wasn't", "weren't", "don't", "doesn't"]
    static let hedges: Set<String> = [
        "consider", "considering", "could", "might", "may", "possibly", "whether", "attempted", "tried", "trying", "likely",
        "expected", "plans", "planned", "planning", "scheduled", "due", "aimed", "aims", "aiming", "seeks", "seeking", "hope",
        "hopes", "hoping", "wants", "wishes", "wish", "would", "should", "studying", "mulling", "intend", "intends",
        "intention", "rule", "if", "unless", "considers", "to", "focused", "focus", "importance", "emphasized", "emphasised",
        // a plot is not the act: "convicted of plotting an attack", "conspiring to kill"
        "plotting", "plotted", "plot", "conspiring", "conspired",
    ]
    static let visitedPeople: WordSet = [
        "prisoners", "prisoner", "captives", "detainees", "detainee", "hostages", "fishermen", "crew", "sailors", "inmates",
        "migrants", "victims", "survivors", "wounded", "injured", "patients", "refugees", "families", "relatives",
    ]
    static let territoryNouns: WordSet = ["airspace", "waters", "territory", "territorial", "soil", "border", "coast", "side", "skies"]
    static let denialVerbs: WordSet = ["denied", "denies", "deny", "dismissed", "dismisses", "rejected", "rejects", "refuted", "refutes"]
    static let claimNouns: WordSet = ["report", "reports", "claim", "claims", "allegation", "allegations", "suggestion", "suggestions", "rumours", "rumors"]
    static let possessivePronouns: WordSet = ["his", "her", "their", "its", "our", "my", "your"]
    static let yearBackReferences: WordSet = ["that", "same", "following", "previous", "preceding"]
    static let returnVerbs: WordSet = ["return", "release", "free", "repatriate", "returning", "releasing", "freeing"]
    static let officerNouns: WordSet = ["officers", "policemen", "police", "gendarmes", "guards", "personnel", "servicemen"]
    static let exposureVerbs: WordSet = ["face", "faces", "facing", "faced"]
    static let dayParts: WordSet = ["day", "evening", "night", "morning", "afternoon"]
    static let modalVerbs: WordSet = ["would", "will", "could", "should", "might", "may", "must", "can", "shall", "'ll"]
    /// Words that make a drill or patrol a joint one (COOPERATE, not MOBILIZE).
    static let jointWords: Set<String> = ["joint", "jointly", "together", "bilateral", "combined", "trilateral", "multinational"]
    static let geographicFeatures: Set<String> = ["sea", "seas", "strait", "straits", "gulf", "ocean", "peninsula", "canal", "bay", "channel", "river", "lake", "island", "islands", "border", "coast", "valley", "desert", "mountains", "basin", "archipelago", "corridor"]
    static let compassWords: Set<String> = ["east", "west", "north", "south", "northern", "southern", "eastern", "western", "central"]
    static let creditNouns: Set<String> = ["photo", "photograph", "picture", "image", "images", "video", "handout", "file", "footage"]
    static let documentNouns: Set<String> = ["statement", "statements", "report", "video", "data", "figures", "details", "photos", "footage", "images", "list", "results", "document", "documents", "album", "song", "film", "book", "communique"]
    static let weaponNouns: Set<String> = ["jets", "jet", "helicopter", "helicopters", "aircraft", "submarine", "submarines", "drones", "drone", "craft", "boats", "vessels", "dogs", "capability", "capabilities"]
    static let preventionWords: Set<String> = ["ward", "prevent", "preventing", "counter", "countering", "deter", "deterring", "repel", "against", "thwart", "avert", "protect", "defend", "help"]
    static let topicStarts: Set<String> = ["over", "into", "during", "for", "about", "of", "after", "amid", "against"]
    static let irregularParticiples: Set<String> = ["shown", "thrown", "drawn", "withdrawn", "overthrown", "driven", "frozen", "stolen", "chosen", "hit", "struck", "shot", "beaten", "taken", "held", "caught", "sunk", "stolen", "thrown", "given", "sent", "brought", "built", "made", "told", "seen", "bought", "fought", "won", "led", "kept", "left", "met", "paid", "sold", "burnt", "burned", "shut", "cut", "set", "put", "spent", "let", "rebuilt", "lent"]
    static let passiveAdverbials: WordSet = ["on", "later", "also", "then", "reportedly", "allegedly", "briefly", "subsequently", "eventually", "first", "recently", "last", "night", "early", "late", "finally", "formally", "officially"]
    static let prospectiveWords: Set<String> = ["will", "would", "shall", "plan", "plans", "planned", "planning", "next", "upcoming", "future", "intend", "intends", "aim", "aims", "proposed"]
    static let longTimeUnits: Set<String> = ["month", "months", "year", "years", "decade", "decades", "week", "weeks"]
    static let beVerbs: Set<String> = ["was", "were", "been", "being", "is", "are", "be", "got"]
    static let backgroundMarkers: Set<String> = ["previously", "ago", "formerly", "historically", "already"]
    /// Head nouns of international bodies that "the council", "this court" refer back to (see ``bodyAnaphors()``).
    static let bodyHeadNouns: WordSet = [
        "council", "court", "union", "alliance", "organization", "organisation", "community", "commission", "agency",
        "tribunal", "assembly", "league", "bloc", "forum", "conference", "secretariat", "association", "group", "grouping",
    ]
    /// Before an act's noun or verb: a position held, not an act done ("long-standing commitment").
    static let standingWords: WordSet = ["long-standing", "longstanding", "traditional", "time-honoured", "enduring", "consistent", "unwavering", "steadfast"]
    static let perfectAuxiliaries: WordSet = ["has", "have", "had"]
    /// What a denial rejects: "dismissed the accusations", "denied the charges".
    static let chargeNouns: WordSet = [
        "charge", "charges", "accusation", "accusations", "allegation", "allegations", "claims", "claim", "account", "accounts",
        "version", "reports", "report",
    ]
    /// Who comments on a story rather than acts in it (in a reporting tail: ", said X, an analyst at …").
    static let commentatorNouns: WordSet = ["analyst", "analysts", "expert", "experts", "professor", "researcher", "scholar", "commentator", "academic"]
    static let protestNouns: WordSet = ["protest", "protests", "demarche", "complaint", "complaints", "warning", "ultimatum"]
    /// Verbs after which a participle describes a lasting state ("remained impounded", "is still detained").
    static let stateVerbs: WordSet = ["remained", "remains", "remain", "stayed", "stays", "still"]
    /// Verbs of a grievance whose object did the act named after "over" (see ``grievanceOver(_:before:)``).
    static let grievanceVerbs: WordSet = [
        "protest", "protests", "protested", "summon", "summons", "summoned", "complain", "complains", "complained",
        "lodged", "lodges", "rebuked", "rebukes", "reprimanded", "reprimands",
    ]
    /// Words that place a sentence in the story's own time ("now", "today").
    static let nowWords: WordSet = ["today", "tonight", "yesterday", "overnight", "now", "currently", "latest"]
    /// What a welcome or an honour names when it is protocol ("a welcoming ceremony", "a welcome dinner").
    static let protocolNouns: WordSet = ["ceremony", "ceremonies", "reception", "dinner", "banquet", "luncheon", "lunch", "party", "parade"]
    /// Armed forces moved or sent (not material help).
    static let forceNouns: WordSet = ["troops", "soldiers", "forces", "commandos", "marines", "paratroopers", "battalion", "battalions", "brigade"]
    /// Places where officials meet that name no state ("at the checkpoint", "in a bunker").
    static let venueNouns: WordSet = [
        "bunker", "checkpoint", "crossing", "border", "frontier", "headquarters", "palace", "residence", "hotel", "base", "camp",
        "ship", "carrier", "office", "offices", "compound", "outpost", "post", "bridge",
    ]
    /// Nouns for an agreement as a document: signed or concluded, not held.
    static let agreementNouns: WordSet = [
        "agreement", "agreements", "deal", "deals", "treaty", "treaties", "memorandum", "memoranda", "mou", "mous", "pact",
        "accord", "accords", "contract", "contracts", "protocol", "roadmap", "charter",
    ]
    /// Instruments a noun of cooperation may name the kind of ("extradition treaty").
    static let instrumentNouns: WordSet = ["treaty", "treaties", "agreement", "agreements", "pact", "accord", "law", "laws", "protocol", "framework", "mechanism"]
    /// Endings of abstract nouns and participles that are no given or family name standing alone.
    static let abstractEndings: [String] = ["tion", "sion", "ment", "ship", "ness", "ity", "ism", "ing"]
    static let groupSubjects: Set<String> = ["sides", "countries", "nations", "ministers", "neighbours", "neighbors", "delegations", "leaders", "parties", "governments", "militaries", "states", "armies", "navies", "chiefs", "commanders"]
    /// Acts that the state where they happen does, when a passive names no agent ("were detained in Iran").
    static let placeActsTypes: Set<String> = ["COERCE", "ACCUSE", "SANCTION", "THREATEN"]
    /// Prepositions that open a sentence with a phrase before its subject ("Despite protests from X, Y …").
    static let openingPrepositions: WordSet = [
        "despite", "amid", "after", "following", "ahead", "before", "unlike", "like", "under", "in", "with", "during",
        "since", "against", "faced", "frustrated", "angered", "alarmed", "stung", "unable", "at", "on", "while", "as",
        "although", "though", "when", "whereas",
    ]
    /// Short words with a full stop before a capitalized word that are no initial of a name ("St. Petersburg").
    static let abbreviationsBeforeNames: Set<String> = ["st", "mt", "ft", "no", "jr", "sr", "co", "vs", "gen", "lt", "dr", "mr", "ms"]
    /// Prepositions after which one or two capitals and a full stop are a platform or place, not an initial.
    static let placePrepositionsBeforeInitial: Set<String> = ["on", "via", "at", "in", "from", "into"]
    /// Participles that make a state's adjective say where a thing was made ("Turkish-made").
    static let originParticiples: Set<String> = ["made", "built", "designed", "manufactured", "produced", "licensed", "developed"]
    /// Particles of a patronym, before which a name's given name stands ("Mohd Khalid bin Nordin" is "Khalid").
    static let patronymParticles: Set<String> = ["bin", "binti", "bint", "ibn", "ould", "ben"]
    /// Rulers' titles that stay in the name of a body named after the ruler ("King Salman … Center").
    static let royalTitles: Set<String> = ["king", "queen", "prince", "princess", "sultan", "emir", "amir", "sheikh", "sheikha", "crown"]
    /// Prefixes of warships' and merchant ships' names ("BRP Miguel Malvar", "INS Kolkata"): what follows is a ship.
    static let shipPrefixes: Set<String> = [
        "brp", "ins", "hms", "uss", "usns", "uscgc", "js", "hmas", "hmcs", "hmnzs", "roks", "kri", "tcg", "mv", "rfs", "fs", "sns",
        "its", "esps", "hnlms", "hdms", "kd", "rss", "pns", "bns", "nrp", "ara", "bap", "ccgs", "icgs", "mt", "ss", "rv", "fv", "hnoms",
    ]
    /// A state's posts abroad, named with their city ("embassy in Lima").
    static let postNouns: Set<String> = ["embassy", "embassies", "consulate", "commission", "mission"]
    /// Honours handed over: no aid.
    static let honourNouns: WordSet = ["medal", "medals", "award", "awards", "honour", "honours", "honor", "honors", "decoration", "prize", "trophy", "wreath", "credentials", "order"]
    /// Types of verbal acts whose object may name another act ("condemned … the attack on …").
    static let evaluationTypes: Set<String> = ["ACCUSE", "PROTEST", "REJECT", "SUPPORT", "REQUEST"]
    /// What is handed over without being aid: messages, documents and information.
    static let messageNouns: WordSet = [
        "note", "notes", "letter", "letters", "message", "messages", "intelligence", "information", "data", "evidence",
        "details", "statement", "report", "documents", "proposal", "proposals", "credentials", "list", "invitation",
    ]
    /// Words that open a phrase about another act, past which a trigger's "by" agent is not looked for.
    static let otherActPhrases: WordSet = ["response", "retaliation", "reprisal", "over", "after", "amid", "following", "because", "despite"]
    /// Words that end the phrase after "by" before a state named later is its agent ("by his government on Monday in …").
    static let agentPhraseBreaks: WordSet = ["on", "in", "at", "for", "over", "against", "into", "after", "amid", "during", "since", "when", "while"]
    /// A trigger word after which a state is the verb's object even inside the trigger's gap ("leaned on Minsk to …").
    static let objectPrepositions: WordSet = ["on", "with", "against", "at", "upon"]
    /// Nouns of a stretch of time: "the end of 2019" is a time, not a thing dated.
    static let timeFrameNouns: WordSet = [
        "end", "start", "beginning", "middle", "half", "quarter", "summer", "spring", "autumn", "fall", "winter", "turn",
        "course", "months", "weeks", "days", "years", "rest", "remainder", "close", "part", "early", "late",
    ]
    /// Words between a subject and its verb that are no noun ("both deployed", "jointly built").
    static let preVerbAdverbs: WordSet = [
        "both", "all", "each", "also", "jointly", "together", "later", "then", "first", "already", "never", "once",
        "successfully", "reportedly", "previously", "formally", "officially", "finally", "subsequently",
    ]
    /// Verbs of a credit line before "by" ("Reporting by", "Editing by", "Photo by").
    static let creditVerbs: Set<String> = [
        "translated", "photo", "photos", "reported", "written", "edited", "compiled", "reporting", "video", "photograph",
        "writing", "editing", "photographed", "interpreted", "filmed", "graphics", "produced",
    ]
    /// Bodies of troops a participle may describe ("units deployed along the border").
    static let unitNouns: WordSet = [
        "units", "unit", "force", "forces", "battalions", "battalion", "brigades", "brigade", "contingent", "contingents",
        "divisions", "division", "warships", "ships", "vessels", "jets", "aircraft", "batteries", "missiles", "personnel",
    ]
    /// A border and its kin, whose "with" names the neighbour, not a partner.
    static let borderNouns: WordSet = ["border", "borders", "frontier", "boundary", "tension", "tensions", "dispute", "row", "conflict", "war"]
    /// Verbs of a vow, whose content may be a promise (AGREE) or a threat (THREATEN).
    static let vowVerbs: Set<String> = ["vowed", "vows", "vow", "pledged", "pledges", "promised", "promises", "swore", "swears"]
    /// The content of an appeal for calm ("to show restraint", "to de-escalate").
    static let calmWords: WordSet = ["restraint", "calm", "de-escalate", "de-escalation", "deescalate", "composure"]
    /// Words between "to" and a meeting to come ("to pay a state visit", "to hold the next round of talks").
    static let plannedMeetingFillers: WordSet = [
        "pay", "hold", "make", "convene", "host", "a", "an", "the", "their", "its", "his", "her", "state", "official", "next",
        "first", "second", "working", "return", "reciprocal", "new", "further", "another", "round", "of", "regular",
    ]
    /// Verbs and nouns whose "to" opens an act to come: an agreement, an invitation, a plan.
    static let intentVerbs: WordSet = [
        "agreed", "agree", "agrees", "invited", "invite", "invites", "invitation", "decided", "decide", "plan", "plans",
        "planned", "expected", "due", "hope", "hopes", "hoped", "ready", "willing", "proposed", "offered", "promised",
        "pledged", "vowed", "intends", "intend", "want", "wants", "wanted", "asked", "urged", "scheduled", "set",
    ]
    /// Auxiliaries between a subject and its verb ("he had praised", "she will visit").
    static let auxiliaries: WordSet = ["had", "has", "have", "will", "would", "was", "is", "also", "then", "later", "'d", "could", "did"]
    static let ordinalWords: [String: Int] = [
        "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5,
    ]
    static let smallNumbers: [String: Int] = [
        "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    ]
    /// Armed groups that are no state: the object of an act against them names no recipient state.
    static let nonStateGroupNouns: WordSet = [
        "insurgents", "insurgent", "insurgency", "militants", "militant", "rebels", "rebel", "jihadists", "jihadist",
        "terrorists", "terrorist", "extremists", "bandits", "gangs", "gang", "pirates", "smugglers", "traffickers", "cartels",
        "cartel", "militias", "militia", "separatists", "guerrillas", "guerrilla", "fighters", "poachers",
    ]
    /// Units and troops on the move: their flight or arrival for an exercise or a deployment is no visit.
    static let troopNouns: WordSet = [
        "troops", "soldiers", "forces", "commandos", "marines", "paratroopers", "battalion", "battalions", "brigade",
        "contingent", "contingents", "personnel", "servicemen", "detachment", "platoon", "company", "units", "unit",
    ]
    /// Lower-case heads of places and works that follow their name: "the X crossing", "the X corridor".
    static let facilityNouns: WordSet = [
        "crossing", "border", "corridor", "bridge", "road", "highway", "railway", "line", "pipeline", "port", "dam", "base",
        "camp", "airport", "airbase", "station", "mine", "plant", "refinery", "terminal", "oilfield", "field", "route",
        "canal", "river", "valley", "region", "province", "district", "town", "city", "village", "area", "zone", "island",
        "islands", "strait", "sea", "lake", "checkpoint", "post", "project", "reservoir", "basin", "peninsula", "coast",
    ]
    /// Verbs that order or ask others to act: what follows their "to" is not done yet.
    static let directiveVerbs: WordSet = [
        "directed", "directs", "instructed", "instructs", "ordered", "orders", "tasked", "tasks", "mandated", "mandates",
        "asked", "asks", "urged", "urges", "encouraged", "encourages", "invited", "invites",
    ]
    /// Words of a visit's arrival or reception, which date it by its first day.
    static let arrivalWords: WordSet = [
        "arrived", "arrives", "arriving", "arrival", "touched", "touches", "touching", "received", "welcomed",
    ]
    /// Verbs of a host's reception, whose agent ("received by X") is the host.
    static let receptionVerbs: WordSet = ["received", "welcomed", "greeted", "hosted"]
    /// Verbs that list a delegation's members: "the delegation included …", "comprising", "accompanied by".
    static let inclusionVerbs: WordSet = [
        "included", "includes", "including", "comprising", "comprised", "comprises", "consisting", "composed", "accompanied",
    ]
    /// Heads of a meeting's name ("the 25th Summit of …", "Meeting of the Council of …"): not a body.
    static let meetingHeads: WordSet = ["summit", "meeting", "session", "summits", "meetings", "sessions"]
    /// Words before "demonstration" that make it a display, not a protest.
    static let displayModifiers: WordSet = [
        "live-firing", "live-fire", "firing", "firepower", "capability", "capabilities", "power", "air", "aerial", "flying",
        "weapons", "tactical", "skills", "drill", "equipment", "product", "technology", "practical",
    ]
    /// Nouns of a meeting between officials, whose attendance ("the summit was attended by …") is taking part in it.
    static let meetingNouns: WordSet = ["meeting", "summit", "session", "talks", "conference", "forum", "consultations", "dialogue"]
    /// Prepositions that name talks already told: "after the talks", "at the meeting".
    static let backReferencePrepositions: WordSet = ["after", "at", "during", "following", "since", "before", "throughout"]
    /// Words of an arrival that are no trigger of their own: "shortly after landing, the delegation was briefed on the visit".
    static let landingWords: WordSet = ["landing", "landed", "arrival", "arrived", "arriving"]
    /// Ships and delegations that travel: "the patrol ship arrived in …".
    static let travellerNouns: WordSet = [
        "ship", "ships", "vessel", "vessels", "frigate", "corvette", "destroyer", "warship", "warships", "flotilla",
        "delegation", "delegations", "mission",
    ]
    /// A government, its head or its parliament named with no state: the speaker's own.
    static let ownGovernmentNouns: WordSet = ["government", "cabinet", "administration", "parliament", "ruling", "opposition", "junta", "regime"]
    /// Bodies of a state named without it: "the ministry", "the government", "the presidency".
    static let stateBodyNouns: WordSet = ["ministry", "government", "presidency", "cabinet", "embassy", "army", "navy", "administration"]
    static let relativeWords: WordSet = ["where", "which", "who", "whose", "whom", "when", "that", "while"]
    /// Counts of years beyond ``smallNumbers``: "for fifteen years", "for several years", "for a decade".
    static let countWords: WordSet = [
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
        "thirty", "forty", "fifty", "several", "many", "few", "a",
    ]
    static let pronounSubjects: Set<String> = ["he", "she", "they", "it", "we", "his", "her", "their", "its"]
    /// People of someone's private life: "his family asks for privacy" is not the previous sentence's state acting.
    static let privateNouns: WordSet = [
        "family", "families", "wife", "husband", "widow", "widower", "son", "sons", "daughter", "daughters", "children",
        "child", "parents", "mother", "father", "brother", "brothers", "sister", "sisters", "relatives", "grandchildren",
        "fans", "classmates", "lawyer", "lawyers", "attorney", "attorneys", "doctor", "doctors", "fiancee", "fiance",
        "estate", "funeral", "obituary",
    ]
    static let verbalTypes: Set<String> = ["AGREE", "SUPPORT", "ACCUSE", "THREATEN", "REQUEST", "REJECT", "CONCEDE", "CONSULT"]

    // MARK: triggers

    func findTriggers(_ si: Int) -> [TriggerHit] {
        let r = sentenceRange(si)
        var hits = [TriggerHit]()
        // (asked at most once per sentence)
        var joint: Bool? = nil
        let gz = gazetteerRef
        // the pattern tables, tokens and keys read in place; the trigger words collected in one scratch buffer, which
        // a hit copies out
        withUnsafeTemporaryAllocation(of: Int.self, capacity: max(gz.g.maxPatternSlots, 1)) { scratch in
            gz.g.firstPatternStarts.withUnsafeBufferPointer { firstStarts in
                gz.g.firstPatterns.withUnsafeBufferPointer { firsts in
                    let m = PatternMatcher(gazetteer: gz, scratch: scratch.baseAddress!)
                    tokens.withUnsafeBufferPointer { t in
                        keys.withUnsafeBufferPointer { k in
                            m.withTables(t, k) { match in
                                var i = r.lowerBound
                                while i < r.upperBound {
                                    guard t[i].cls & W.trigStart != 0 else {
                                        i += 1
                                        continue
                                    }
                                    let v = Int(t[i].vocab)
                                    var bestPattern = -1
                                    var bestEnd = 0
                                    var bestCount = 0
                                    var bestWords: [Int] = []
                                    for c in Int(firstStarts[v])..<Int(firstStarts[v + 1]) {
                                        let pi = Int(firsts[c])
                                        // a drill held with another state is cooperation: the solo-drill pattern gives way
                                        if EventLexicon.soloDrill[pi] {
                                            if joint == nil { joint = jointSentence(r) }
                                            if joint! { continue }
                                        }
                                        let n = match(pi, i, r.upperBound)
                                        if n > 0 {
                                            let last = scratch[n - 1]
                                            if bestPattern < 0 || last + 1 > bestEnd {
                                                bestPattern = pi
                                                bestEnd = last + 1
                                                bestCount = n
                                                bestWords = Array(scratch[0..<n])
                                            }
                                        }
                                    }
                                    if bestPattern >= 0 {
                                        if hits.count == ExtractionLimits.maxTriggersPerSentence {
                                            reached("only the first \(ExtractionLimits.maxTriggersPerSentence) event triggers of a sentence were read")
                                            break
                                        }
                                        hits.append(TriggerHit(pattern: bestPattern, start: i, end: bestEnd, words: bestWords))
                                        i = bestWords[bestCount - 1] + 1
                                    } else {
                                        i += 1
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return hits
    }

    /// "will meet", "will also travel to", "is to visit", "are expected to hold": the verb is in the future.
    func isFutureVerb(_ h: TriggerHit, _ r: Range<Int>) -> Bool {
        var k = h.start - 1
        var n = 0
        while k >= r.lowerBound && n < 3 {
            let key = keys[k]
            if key == "will" || key == "shall" || key == "'ll" { return true }
            if key == "to" && k > r.lowerBound && (tokens[k - 1].cls & W.beVerb != 0 || keys[k - 1] == "expected" || keys[k - 1] == "scheduled" || keys[k - 1] == "due") { return true }
            if tokens[k].kind != .word || tokens[k].cap { return false }
            k -= 1
            n += 1
        }
        return false
    }

    /// A cooperation trigger that names what is planned, agreed or discussed rather than done: an infinitive
    /// ("to conduct joint patrols"), a future or a plan earlier in its clause ("will participate in …", "plans to"), or
    /// the object of a discussion or a gerund ("views on increasing the intensity of joint exercises").
    func isPlannedOrDiscussed(_ h: TriggerHit, _ r: Range<Int>) -> Bool {
        if h.start > r.lowerBound && keys[h.start - 1] == "to" { return true }
        // "agreed to resume coordinated patrols": the object of an infinitive
        if h.start > r.lowerBound + 1 && keys[h.start - 2] == "to" && tokens[h.start - 1].kind == .word && !tokens[h.start - 1].cap
            && tokens[h.start - 1].cls & W.determiner == 0
        {
            return true
        }
        var k = h.start - 1
        while k >= r.lowerBound && h.start - k <= 14 {
            let t = tokens[k]
            if t.p == UInt8(ascii: ";") || (t.p == UInt8(ascii: ".") && t.kind == .punct) { break }
            if Analysis.prospectiveWords.contains(keys[k]) { return true }
            if keyEnds(k, "ing") && h.start - k <= 4 && !(tokens[k].cap) && k > r.lowerBound && keys[k - 1] == "on" { return true }
            k -= 1
        }
        return false
    }

    /// Does the sentence call an exercise joint ("joint", "bilateral", "trilateral", …)?
    func jointSentence(_ r: Range<Int>) -> Bool {
        for q in r where tokens[q].cls & W.jointWord != 0 { return true }
        return false
    }

    /// Is `id` in the ascending list `s`?
    @inline(__always) static func sortedContains(_ s: [Int32], _ id: Int32) -> Bool {
        for x in s {
            if x == id { return true }
            if x > id { return false }
        }
        return false
    }

    /// Matches the event patterns (``Gazetteer/patternSlots``) against the tokens, read in place.
    struct PatternMatcher {
        /// (held by reference: a copy of the gazetteer retains each of its tables)
        let gazetteer: GazetteerRef
        /// Where a match writes its trigger words (room for ``Gazetteer/maxPatternSlots``).
        let scratch: UnsafeMutablePointer<Int>

        /// Runs `body` with `match(pi, i, limit)`: does pattern `pi` match at token `i` within `..<limit`? The count of
        /// its trigger words (written to `scratch`) on a match, else 0. Gaps of 0...4 tokens (0...14 for `**`) stay
        /// inside the clause; the first way that matches is taken.
        func withTables<R>(
            _ t: UnsafeBufferPointer<Token>, _ keys: UnsafeBufferPointer<String>, _ body: ((Int, Int, Int) -> Int) -> R
        ) -> R {
            gazetteer.g.patternSlots.withUnsafeBufferPointer { patternSlots in
                gazetteer.g.slotStarts.withUnsafeBufferPointer { slotStarts in
                    gazetteer.g.slotIDs.withUnsafeBufferPointer { ids in
                        gazetteer.g.slotGaps.withUnsafeBufferPointer { gaps in
                            let words = scratch
                            /// Slots `slot..<end` from token `pos` on, `n` words collected: the count on a match, else -1.
                            func rec(_ slot: Int, _ end: Int, _ pos: Int, _ n: Int, _ limit: Int) -> Int {
                                if slot == end { return n }
                                let maxGap = Int(gaps[slot])
                                if maxGap > 0 {
                                    var k = pos
                                    var g = 0
                                    while g <= maxGap && k <= limit {
                                        let found = rec(slot + 1, end, k, n, limit)
                                        if found >= 0 { return found }
                                        if k >= limit { break }
                                        let pk = t[k].p
                                        if pk == UInt8(ascii: ",") || pk == UInt8(ascii: ".") || pk == UInt8(ascii: ";") || pk == UInt8(ascii: ":")
                                            || (pk == 0 && t[k].kind == .punct && keys[k] == "--")
                                        {
                                            break
                                        }
                                        // a hyphenated compound is one word of a gap: "a five-day air exercise"
                                        let hyphen = pk == UInt8(ascii: "-") && !t[k].spaceBefore && k + 1 < limit && !t[k + 1].spaceBefore
                                        let afterHyphen = k > pos && t[k - 1].p == UInt8(ascii: "-") && !t[k - 1].spaceBefore && !t[k].spaceBefore
                                        k += 1
                                        if !hyphen && !afterHyphen { g += 1 }
                                    }
                                    return -1
                                }
                                guard pos < limit else { return -1 }
                                let id = t[pos].vocab
                                guard id >= 0 else { return -1 }
                                // the slot's ids ascending: a short scan
                                var q = Int(slotStarts[slot])
                                let qe = Int(slotStarts[slot + 1])
                                var found = false
                                while q < qe {
                                    let x = ids[q]
                                    if x == id {
                                        found = true
                                        break
                                    }
                                    if x > id { break }
                                    q += 1
                                }
                                guard found else { return -1 }
                                words[n] = pos
                                return rec(slot + 1, end, pos + 1, n + 1, limit)
                            }
                            return body { pi, i, limit in
                                let found = rec(Int(patternSlots[pi]), Int(patternSlots[pi + 1]), i, 0, limit)
                                return max(found, 0)
                            }
                        }
                    }
                }
            }
        }
    }

    // MARK: state references

    /// The state-reference candidates of the document grouped by sentence: `cands[order[first[si]..<first[si + 1]]]`
    /// are sentence `si`'s, in the order the rules take them.
    struct StateRefCandidates {
        var cands: [StateRef]
        var first: [Int]
        var order: [Int]
    }

    func stateRefCandidates() -> StateRefCandidates {
        // candidates in the order the rules take them: per sentence, organizations, then persons, then countries
        var cands = [StateRef]()
        var n = countries.count
        for oi in orgs.indices { n += orgs[oi].mentions.count }
        for pi in persons.indices { n += persons[pi].mentions.count }
        cands.reserveCapacity(n)
        for oi in orgs.indices {
            // (companies and agencies of the gazetteer do not act for their state; its state bodies and, as PLOVER codes
            // rebels and militias, its non-state armed groups do: "Hezbollah" → Lebanon)
            if let home = g.knownOrgCountry[orgs[oi].key], !home.isEmpty, !g.stateBodyKeys.contains(orgs[oi].key),
                !g.armedGroupKeys.contains(orgs[oi].key)
            {
                continue
            }
            // (a prison is where someone is held, not a party)
            if orgs[oi].key.hasSuffix(" prison") || orgs[oi].key.hasSuffix(" jail") || orgs[oi].key.hasSuffix(" penitentiary") { continue }
            let code = orgs[oi].country
            for (a, b) in orgs[oi].mentions { cands.append(StateRef(code: code, start: a, end: b, isOrg: true)) }
        }
        for k in bodyAnaphors() { cands.append(StateRef(code: nil, start: k, end: k + 1, isOrg: true)) }
        for pi in persons.indices {
            guard let c = persons[pi].strongCountry else { continue }
            for (a, b) in persons[pi].mentions { cands.append(StateRef(code: c, start: a, end: b, isPerson: true)) }
        }
        for c in countries {
            // a city counts only as a place: "arrived in Odesa", "a visit to Lviv", "talks in Geneva" (never "Odesa said")
            if c.isCity && !(c.first > 0 && (tokens[c.first - 1].cls & W.locative != 0 || keys[c.first - 1] == "to")) { continue }
            if madeIn(c) { continue }
            cands.append(StateRef(code: c.code, start: c.first, end: c.end, isCapital: c.isCapital, isLocation: c.isCity))
        }
        // a stable counting sort by sentence: one flat list instead of three arrays per sentence
        let ns = sentences.count
        var first = [Int](repeating: 0, count: ns + 1)
        for c in cands { first[tokens[c.start].sentence + 1] += 1 }
        for si in 0..<ns { first[si + 1] += first[si] }
        var next = first
        var order = [Int](repeating: 0, count: cands.count)
        for (ci, c) in cands.enumerated() {
            let si = tokens[c.start].sentence
            order[next[si]] = ci
            next[si] += 1
        }
        return StateRefCandidates(cands: cands, first: first, order: order)
    }

    /// State references of sentence `si` (`covered` as in ``stateRefs(_:_:_:_:)``).
    func stateRefs(_ si: Int, _ c: StateRefCandidates, _ covered: inout [Bool]) -> [StateRef] {
        guard c.first[si] < c.first[si + 1] else { return [] }
        return stateRefs(si, c.cands, c.order[c.first[si]..<c.first[si + 1]], &covered)
    }

    /// The state references of sentence `si` among `cands[order]`; `covered` marks the sentence's tokens taken
    /// (sentences do not overlap, so one array serves the whole document).
    func stateRefs(_ si: Int, _ cands: [StateRef], _ order: ArraySlice<Int>, _ covered: inout [Bool]) -> [StateRef] {
        let r = sentenceRange(si)
        var refs = [StateRef]()
        refs.reserveCapacity(order.count)
        let dl = datelineEnd(si)
        for k in r.lowerBound..<dl { covered[k] = true }
        // agencies, companies and clubs report or trade; they do not act for a state (filtered by the caller)
        for ci in order {
            let a = cands[ci].start
            let b = cands[ci].end
            var free = true
            for k in a..<b where k >= r.lowerBound && k < r.upperBound && covered[k] {
                free = false
                break
            }
            guard free else { continue }
            refs.append(cands[ci])
            for k in a..<b where k >= r.lowerBound && k < r.upperBound { covered[k] = true }
        }
        refs.sort { $0.start < $1.start }
        for k in refs.indices {
            var j = refs[k].start - 1
            while j >= r.lowerBound && (tokens[j].cls & W.regionSkip != 0) { j -= 1 }
            if j >= r.lowerBound && (tokens[j].cls & W.locative != 0) && keys[j] != "toward" && keys[j] != "towards" {
                refs[k].isLocation = true
            }
            // "the South China Sea", "the Taiwan Strait", "the Korean Peninsula": a place named after a state
            if refs[k].end < r.upperBound && tokens[refs[k].end].cap && tokens[refs[k].end].cls & W.geographicFeature != 0 {
                refs[k].isLocation = true
            }
            if refs[k].start > r.lowerBound && tokens[refs[k].start - 1].cap && tokens[refs[k].start - 1].cls & W.compassWord != 0 {
                refs[k].isLocation = true
            }
            // "at Davos, Switzerland", "in Kampong Chhnang Province, Cambodia" (the state right after the comma: not "In
            // Baghdad, the Egyptian minister met …")
            if j == refs[k].start - 1 && j >= r.lowerBound + 2 && tokens[j].p == UInt8(ascii: ",") && tokens[j - 1].cap {
                var q = j - 1
                while q > r.lowerBound && tokens[q].cap { q -= 1 }
                if (tokens[q].cls & W.locative != 0) { refs[k].isLocation = true }
            }
        }
        return refs
    }

    /// The reporting tail ", the ministry said." → its start token, or the sentence end.
    func reportingTail(_ si: Int) -> Int {
        let r = sentenceRange(si)
        var k = r.lowerBound + 3
        while k < r.upperBound {
            // ",", "--" or a quote after a comma (one-byte keys are tested by their byte)
            let pk = tokens[k].p
            if tokens[k].kind == .punct
                && (pk == UInt8(ascii: ",") || (pk == 0 && keys[k] == "--")
                    || (pk == UInt8(ascii: "\"") && k > r.lowerBound && tokens[k - 1].p == UInt8(ascii: ",")))
            {
                var q = k + 1
                while q < r.upperBound && q - k <= 8 {
                    if tokens[q].cls & W.tailVerb != 0 {
                        // a tail ends the sentence: "…, the ministry said in a statement on Monday."
                        // "…, the Coast Guard said Chinese vessels fired …" opens a report instead
                        var rest = q + 1
                        var triggerAfter = false
                        while rest < r.upperBound {
                            if tokens[rest].cls & W.trigStart != 0 { triggerAfter = true }
                            rest += 1
                        }
                        // (not when a person's name follows the verb: ", said Leila Farahani, an analyst at …")
                        // (nor when the speaker's own act follows in a participle: "…," Menezes said, thanking Portugal.")
                        let participleAct = q + 2 < r.upperBound && tokens[q + 1].p == UInt8(ascii: ",") && keyEnds(q + 2, "ing")
                            && tokens[q + 2].cls & W.trigStart != 0
                        if triggerAfter && (r.upperBound - q > 6 || participleAct) && keys[q] != "according" && !personStarts.contains(q + 1) { break }
                        return pk == UInt8(ascii: "\"") ? k - 1 : k
                    }
                    if tokens[q].p == UInt8(ascii: ",") && q - k > 1 && !(tokens[q - 1].cap) { break }
                    if tokens[q].cls & W.trigStart != 0 && tokens[q].cls & W.tailVerb == 0 { break }
                    q += 1
                }
            }
            k += 1
        }
        return r.upperBound
    }

    // MARK: events

    /// "MOSCOW (AP) —", "BEIJING, Sept. 23 --": the dateline's end (the sentence start when there is none).
    func datelineEnd(_ si: Int) -> Int {
        if datelineCache.isEmpty { datelineCache = sentences.indices.map(computeDatelineEnd) }
        return datelineCache[si]
    }

    func computeDatelineEnd(_ si: Int) -> Int {
        let r = sentenceRange(si)
        // "PARIS, June 18." alone (the agency follows: "/TASS/."): the whole sentence is the dateline
        if si <= 2, r.count >= 4, r.count <= 12, tokens[r.lowerBound].allCaps, country(r.lowerBound) != nil {
            var k = country(r.lowerBound)!.end
            if k < r.upperBound && tokens[k].p == UInt8(ascii: ",") {
                k += 1
                while k < r.upperBound && (tokens[k].cls & W.month != 0 || tokens[k].kind == .number || tokens[k].p == UInt8(ascii: ".")
                    || tokens[k].p == UInt8(ascii: "/") || tokens[k].p == UInt8(ascii: "(") || tokens[k].p == UInt8(ascii: ")") || hasKind(k, .knownOrg))
                {
                    k += 1
                }
                if k == r.upperBound && (r.lowerBound..<k).contains(where: { tokens[$0].cls & W.month != 0 }) { return k }
            }
        }
        var k = r.lowerBound
        // ("Ho (V/R), Nov. 10, GNA -": a dateline of up to 16 tokens)
        while k < r.upperBound && k - r.lowerBound < 16 {
            let t = tokens[k]
            if (t.p == UInt8(ascii: "-") || keys[k] == "--") && t.spaceBefore && k > r.lowerBound { return k + 1 }
            if t.kind == .punct && (sc[t.start] == "\u{2014}" || sc[t.start] == "\u{2013}") && k > r.lowerBound { return k + 1 }
            // "BANGKOK:", "Melbourne:", "SINTANG, West Kalimantan:": a place and a colon open the story's first lines
            // (further down, after a photo caption, only in capitals: "BANGKOK: Myanmar's junta released …")
            if t.p == UInt8(ascii: ":") && k > r.lowerBound && k - r.lowerBound <= 5
                && (si <= 2 && (r.lowerBound..<k).allSatisfy({ tokens[$0].cap || tokens[$0].p == UInt8(ascii: ",") })
                    || si <= 6 && (r.lowerBound..<k).allSatisfy({ tokens[$0].allCaps || tokens[$0].p == UInt8(ascii: ",") }))
            {
                return k + 1
            }
            // "Havana, Nov 30 (Prensa Latina) The summit …": an agency's parentheses close the dateline with no dash
            if t.p == UInt8(ascii: ")") && si <= 2 && k + 1 < r.upperBound && tokens[k + 1].cap && tokens[k + 1].kind == .word,
                let open = (r.lowerBound..<k).last(where: { tokens[$0].p == UInt8(ascii: "(") }), k - open <= 4, open > r.lowerBound,
                (r.lowerBound..<open).contains(where: { tokens[$0].cls & W.month != 0 }) && (hasKind(r.lowerBound, .capital) || country(r.lowerBound) != nil)
            {
                return k + 1
            }
            let ok = t.allCaps || t.kind == .number || t.p == UInt8(ascii: ",") || t.p == UInt8(ascii: ".") || t.p == UInt8(ascii: "(") || t.p == UInt8(ascii: ")") || t.p == UInt8(ascii: "/")
                || t.cls & W.month != 0 || hasKind(k, .capital) || hasKind(k, .knownOrg)
                || (si <= 2 && t.cap && k - r.lowerBound < 5)
                // an agency in parentheses, known or not: "LISBON, July 9 (Lusa) -"
                || (t.cap && k > r.lowerBound && tokens[k - 1].p == UInt8(ascii: "(") && k + 1 < r.upperBound && tokens[k + 1].p == UInt8(ascii: ")"))
                // (of two or three words: "(Prensa Latina)")
                || (t.cap && si <= 2 && (max(r.lowerBound, k - 3)..<k).contains(where: { tokens[$0].p == UInt8(ascii: "(") })
                    && (k + 1..<min(r.upperBound, k + 4)).contains(where: { tokens[$0].p == UInt8(ascii: ")") }))
            if !ok { return r.lowerBound }
            k += 1
        }
        return r.lowerBound
    }

    static let determiners: Set<String> = [
        "the", "a", "an", "all", "its", "their", "his", "her", "these", "those", "this", "that", "such", "any", "some",
        "several", "many", "similar", "further", "more", "new", "recent", "deadly", "two", "three", "various", "our", "your",
        "my", "whose", "no", "every", "each", "other", "earlier", "previous", "latest", "repeated",
    ]
    static let peopleWords: Set<String> = [
        "prisoners", "prisoner", "captives", "detainees", "hostages", "fishermen", "soldiers", "activists", "people",
        "civilians", "journalists", "nationals", "citizens", "sailors", "crew", "servicemen", "personnel", "him", "her",
        "them", "inmates", "migrants", "students", "workers", "opposition", "dissidents", "leaders", "officials", "men",
        "women", "children", "troops", "pows", "lawmakers", "members", "foreigners",
    ]
    static let modeWords0: Set<String> = ["release", "free", "freeing", "withdraw", "lift", "stop", "halt", "end", "return", "pull", "hand"]
    static let modeWords1: Set<String> = ["negotiations", "talks"]
    static let modeWords2: Set<String> = ["negotiations", "talks", "meeting", "dialogue", "visit", "trip", "summit"]
    static let modeWords3: Set<String> = ["aid", "assistance", "help", "support", "extradition", "food", "loan", "back", "list", "apply"]
    static let modeWords4: Set<String> = ["resignation", "resign", "elections", "election", "reform", "reforms", "change"]
    static let modeWords5: Set<String> = ["negotiations", "talks", "meeting", "dialogue"]
    static let modeWords6: Set<String> = ["sanctions", "tariffs", "tariff", "ban", "blockade", "embargo"]
    static let modeWords7: Set<String> = ["arrest", "warrant"]
    static let modeWords8: Set<String> = ["warrant"]
    static let modeWords9: Set<String> = ["relations", "ties", "ambassador", "envoy"]
    static let modeWords10: Set<String> = ["expel"]
    static let modeWords11: Set<String> = ["territory", "control", "annex", "islands"]
    static let modeWords12: Set<String> = ["strike", "attack", "war", "military", "force", "kill", "bomb", "invade"]
    static let modeWords13: Set<String> = ["police", "officers"]
    static let modeWords14: Set<String> = ["fighters", "militia", "militias", "militiamen"]
    static let modeWords15: Set<String> = ["systems", "missiles", "ships", "vessels", "aircraft", "warships", "jets", "tanks", "weapons", "artillery", "missile"]
    static let modeWords16: Set<String> = ["tear", "cannon", "rubber"]
    static let modeWords17: Set<String> = ["bomb", "bombs", "explosive", "explosives", "ied", "roadside", "blast"]
    static let modeWords18: Set<String> = ["mortar", "mortars", "artillery", "tank", "tanks", "rocket", "rockets", "missile", "missiles", "shelling", "shelled", "shell", "heavy"]
    static let modeWords19: Set<String> = ["warplanes", "jets", "aircraft", "airstrike", "airstrikes", "helicopter", "helicopters", "air"]
    static let modeWords20: Set<String> = ["drone", "drones", "uav", "uavs"]
    static let modeWords21: Set<String> = ["gunmen", "gunfire", "shot", "guns", "rifles", "fired", "shooting"]
    static let modeWords22: Set<String> = ["knife", "knives", "machete", "machetes", "stabbed"]
    static var modeWordLists: [Set<String>] { [modeWords0, modeWords1, modeWords2, modeWords3, modeWords4, modeWords5, modeWords6, modeWords7, modeWords8, modeWords9, modeWords10, modeWords11, modeWords12, modeWords13, modeWords14, modeWords15, modeWords16, modeWords17, modeWords18, modeWords19, modeWords20, modeWords21, modeWords22] }
    static let consequenceWords: Set<String> = [
        "would", "will", "could", "consequences", "action", "force", "strike", "response", "respond", "measures",
        "sanctions", "retaliation", "reprisals", "war", "attack", "military",
    ]
    static let naturalCauses: Set<String> = [
        "flood", "floods", "flooding", "earthquake", "earthquakes", "quake", "storm", "storms", "cyclone", "typhoon",
        "hurricane", "landslide", "landslides", "drought", "wildfire", "wildfires", "heatwave", "epidemic", "disease",
        "monsoon", "tsunami", "avalanche", "mudslide", "mudslides", "blizzard", "tornado",
    ]
    /// Words that only a game uses: a sentence with one tells of sport, whatever "attacked" or "bombarded" say.
    static let gameWords: WordSet = [
        "header", "goalkeeper", "goalkeepers", "midfielder", "midfielders", "striker", "strikers", "innings", "wicket",
        "wickets", "bowler", "bowlers", "batsman", "batsmen", "batters", "halftime", "half-time", "kickoff", "referee",
        "semifinal", "semi-final", "quarterfinal", "quarter-final", "teammates", "equaliser", "equalizer", "hat-trick",
        "touchdown", "try-line", "scrum", "penalty-kick", "free-kick", "stoppage-time",
    ]
    /// Participles of holding people: "held by Uganda", "jailed in Iran".
    static let holdingParticiples: WordSet = ["held", "detained", "jailed", "imprisoned", "captured", "kidnapped", "abducted", "arrested", "seized"]
    /// Words of relief from a disaster, beside ``naturalCauses`` (not "relief" alone: "sanctions relief", "debt relief").
    static let reliefWords: Set<String> = ["disaster", "disasters", "survivors"]
    static let tailVerbs: Set<String> = ["said", "reported", "told", "says", "added", "announced", "stated", "noted", "wrote", "according", "cited", "tweeted", "quoted", "warned", "assured"]
    static let segmentBreaks: Set<String> = [",", ";", "--", "while", "whereas", "but", "although", "though", "(", ")"]

    func findEvents(visitsOnly: Bool = false) -> [Event] {
        var raw = [RawEvent]()
        let pair = mainPair()
        var prevSubject: String? = nil
        var group: [String] = pair
        if visitsOnly && !tokens.contains(where: { $0.cls & W.visitStart != 0 }) { return [] }
        if isOffTopic() { return [] }
        var hitsBySentence = [[TriggerHit]]()
        hitsBySentence.reserveCapacity(sentences.count)
        if triggerCache.isEmpty { triggerCache = sentences.indices.map(findTriggers) }
        for si in sentences.indices {
            var hits = triggerCache[si]
            if visitsOnly {
                func notVisit(_ h: TriggerHit) -> Bool {
                    let p = EventLexicon.parsed[h.pattern]
                    // (a summoned envoy also tells where the story takes place)
                    return !(p.type == "CONSULT" && (p.mode == "visit" || p.host)) && !(p.type == "ACCUSE" && keys[h.start].hasPrefix("summon"))
                }
                // (removeAll on the shared cached array would copy it even when nothing goes)
                if hits.contains(where: notVisit) { hits.removeAll(where: notVisit) }
            }
            hitsBySentence.append(hits)
        }
        // state references are found sentence by sentence as the loop reaches them (the visits pass stops early)
        let refCandidates = stateRefCandidates()
        var refCovered = [Bool](repeating: false, count: tokens.count)
        // the dates are settled before the first pass: both passes read the same grouping
        if datesBySentence.count != sentences.count {
            datesBySentence = [[FoundDate]](repeating: [], count: sentences.count)
            for d in dates { datesBySentence[tokens[d.firstToken].sentence].append(d) }
        }
        var starts = TokenSet(count: tokens.count)
        for pi in persons.indices { for (a, _) in persons[pi].mentions { starts.insert(a) } }
        personStarts = starts
        for si in sentences.indices {
            let hits = hitsBySentence[si]
            if visitsOnly && hits.isEmpty { continue }
            let refs = stateRefs(si, refCandidates, &refCovered)
            let r = sentenceRange(si)
            let tail = reportingTail(si)
            let dl = datelineEnd(si)
            // the subject of this sentence, for "he"/"they" in the next one
            var subjectHere: String? = nil
            if tail < r.upperBound && r.lowerBound < tokens.count && (tokens[r.lowerBound].p == UInt8(ascii: "\"") || tokens[dl].p == UInt8(ascii: "\"")) {
                subjectHere = refs.first(where: { $0.start >= tail && $0.code != nil })?.code
            }
            if subjectHere == nil {
                subjectHere = refs.first(where: { !$0.isLocation && $0.code != nil && $0.start < min(tail, dl + 8) })?.code
            }
            defer { if let s = subjectHere { prevSubject = s } }
            if hits.isEmpty || shouting[si] || isTitleLine(si) { continue }
            let sentenceDates = datesBySentence[si]
            if isBackground(si, sentenceDates) { continue }
            // "It is a long way from January 2016, when … Washington blamed Iran; Tehran denied involvement.": a sentence
            // with no time of its own goes on with the history the sentence before it told, in the same paragraph (not a
            // quote or a report: "\"… demanded that …,\" the statement said" is the story's own news)
            if sentenceDates.isEmpty && si > 0 && tail == r.upperBound && tokens[r.lowerBound].p != UInt8(ascii: "\"")
                && sameParagraph(si - 1, si) && isBackground(si - 1, datesBySentence[si - 1])
                && !r.contains(where: { Analysis.nowWords.contains(keys[$0]) })
            {
                continue
            }
            // a commentator's words (", said X, an analyst at …") describe; they do no act between states
            if tail < r.upperBound && (tail..<r.upperBound).contains(where: { Analysis.commentatorNouns.contains(keys[$0]) }) { continue }
            var anyVerbal = false
            for h in hits where !isNominal(h) && h.start < tail { anyVerbal = true }
            // (the checks within a sentence look at its own events only: the work stays linear in the document)
            let sentenceFirst = raw.count
            if raw.count >= ExtractionLimits.maxEventsPerDocument {
                reached("the document made more than \(ExtractionLimits.maxEventsPerDocument) events; those of its first sentences were kept")
                break
            }
            for h in hits {
                var p = EventLexicon.parsed[h.pattern]
                // "began exercises near its border with Armenia": a drill on a neighbour's border is aimed at it
                if p.type == "COOPERATE" && keys[h.words.last!] == "with" && h.words.count >= 2
                    && Analysis.borderNouns.contains(keys[h.words.last! - 1])
                {
                    p.type = "MOBILIZE"
                    p.mode = nil
                    p.autoMode = true
                }
                // "engineers deployed to flood-hit Sri Lanka", "troops sent for earthquake relief": a deployment for a
                // disaster is aid (PLOVER)
                if p.type == "MOBILIZE" && mentionsDisaster(r) {
                    p.type = "AID"
                    p.mode = nil
                    p.autoMode = false
                }
                // "called on Uganda's President at State House": a courtesy call is a meeting with the one called on
                if p.type == "REQUEST" && isCourtesyCall(h, r) { p = EventLexicon.courtesyCall }
                if h.start < dl { continue }
                if h.start >= tail && tail < r.upperBound && p.type != "THREATEN" { continue }
                let nominal = isNominal(h)
                if nominal {
                    if anyVerbal && !(p.type == "CONSULT" && p.mode == "visit") && !p.mediation { continue }
                    let prev = h.start > r.lowerBound ? keys[h.start - 1] : ""
                    if prev == "this" || prev == "that" || prev == "these" || prev == "those" || prev == "such" { continue }
                }
                // "vowed that X would pay a heavy price": a vow whose content is a threat is the threat
                if p.type == "AGREE" && Analysis.vowVerbs.contains(keys[h.start]),
                    hits.contains(where: { $0.start > h.end && $0.start - h.end <= 12 && EventLexicon.parsed[$0.pattern].type == "THREATEN" })
                {
                    continue
                }
                // a noun right after another trigger is its object ("pledged support") — not an adverbial ("came at the request of"),
                // nor "visiting", which names the one met as a visitor ("met the visiting Egyptian minister")
                if nominal, keys[h.start] != "at", keys[h.start] != "visiting", !p.mediation,
                    hits.contains(where: { $0.end <= h.start && h.start - $0.end <= 3 })
                {
                    continue
                }
                // "condemned in the strongest terms the drone attack on …": the act condemned is the condemnation's object,
                // not an act of the one who condemns
                let articled = (1...2).contains { d in h.start - d >= r.lowerBound && ["the", "a", "an"].contains(keys[h.start - d]) }
                if nominal || articled, !p.mediation, hits.contains(where: { v in
                    v.end <= h.start && h.start - v.end <= 10 && Analysis.evaluationTypes.contains(EventLexicon.parsed[v.pattern].type)
                        && !(v.end..<h.start).contains { tokens[$0].p == UInt8(ascii: ",") || tokens[$0].p == UInt8(ascii: ";") }
                }) {
                    continue
                }
                if filtered(h, p, si, r.lowerBound) || isEarlierAct(h, si) { continue }
                // "After the talks, the two generals witnessed …", "injuries sustained during the boarding": an act told
                // before, named again (not a second one, whose sides would be guessed from the words around)
                if nominal && h.start >= r.lowerBound + 2 && keys[h.start - 1] == "the"
                    && Analysis.backReferencePrepositions.contains(keys[h.start - 2]) && raw.contains(where: { $0.type == p.type })
                {
                    continue
                }
                // "protesters gathered …, demanding the withdrawal of …": the demand is the protest's, not a second event
                if p.type == "REQUEST" && raw[sentenceFirst...].contains(where: { $0.type == "PROTEST" }) { continue }
                // the two sides of the latest talks or agreement, in this sentence or the one before ("X met Y. The two
                // leaders agreed …")
                let recentPair = raw.last(where: { e in
                    e.sentence >= si - 1 && (e.type == "CONSULT" || e.type == "AGREE" || e.type == "COOPERATE")
                        && e.source != nil && e.target != nil && e.source != e.target
                }).map { [$0.source!, $0.target!] }
                var evs = buildEvents(
                    h, p, si, refs, tail: tail, pair: pair, recentPair: recentPair, prevSubject: prevSubject, group: &group, dateline: dl)
                if evs.count > ExtractionLimits.maxEventsPerTrigger {
                    reached("a trigger made more than \(ExtractionLimits.maxEventsPerTrigger) events; the first were kept")
                    evs.removeLast(evs.count - ExtractionLimits.maxEventsPerTrigger)
                }
                if raw.count - sentenceFirst + evs.count > ExtractionLimits.maxEventsPerSentence {
                    reached("a sentence made more than \(ExtractionLimits.maxEventsPerSentence) events; the first were kept")
                    evs.removeLast(min(evs.count, raw.count - sentenceFirst + evs.count - ExtractionLimits.maxEventsPerSentence))
                }
                // "X lodged a protest with Tokyo and demanded …": a verb coordinated with the one before shares its subject
                // (not an act of both sides, each to the other: "met and agreed a ceasefire")
                let eachToOther = p.twoSided && evs.count == 2 && evs[0].source == evs[1].target && evs[0].target == evs[1].source
                // (", firing warning shots": a participle after a comma shares the subject of the verb before it too)
                if !nominal, !eachToOther, h.start > r.lowerBound,
                    keys[h.start - 1] == "and" || tokens[h.start - 1].p == UInt8(ascii: ",") && keyEnds(h.start, "ing"),
                    let prev = raw[sentenceFirst...].last(where: { $0.trigger.end <= h.start && $0.source != nil })
                {
                    for k in evs.indices where evs[k].source != prev.source {
                        let oldSource = evs[k].source
                        evs[k].source = prev.source
                        evs[k].actorRule = "subject of the verb it is coordinated with"
                        if evs[k].target == prev.source { evs[k].target = prev.target ?? oldSource }
                        // (no recipient of its own: the one the verb before acted on)
                        if evs[k].target == nil && prev.target != nil {
                            evs[k].target = prev.target
                            evs[k].recipientRule = "the recipient of the verb it is coordinated with"
                        }
                    }
                    // "A, B and C condemned X and demanded …": the verb before had several subjects; each does this too
                    var others = [String]()
                    for e in raw[sentenceFirst...] where e.trigger.start == prev.trigger.start && e.source != prev.source && e.source != nil && !others.contains(e.source!) {
                        others.append(e.source!)
                    }
                    if !others.isEmpty {
                        let base = evs
                        for o in others { for var e in base where e.target != o { e.source = o; evs.append(e) } }
                    }
                }
                // "X will visit Y", "is to meet": a future visit or meeting is a promise (AGREE), as PLOVER codes it
                if p.type == "CONSULT" && isFutureVerb(h, r) {
                    for k in evs.indices {
                        evs[k].type = "AGREE"
                        evs[k].mode = nil
                        evs[k].plannedMeeting = true
                    }
                }
                raw.append(contentsOf: evs)
            }
            // the visits pass only looks for the first visit (each of its events is one, with a host)
            if visitsOnly && !raw.isEmpty { break }
        }
        // the host of the story: the target of its first visit
        if hostCountry == nil, let v = raw.first(where: { $0.type == "CONSULT" && $0.mode == "visit" && $0.target != nil }) {
            hostCountry = v.target
            visitorCountry = v.source
        }
        // or the state that summoned a foreign envoy posted there, when no visit says it
        if hostCountry == nil, let s = raw.first(where: { $0.type == "ACCUSE" && $0.actorRule.utf8Start == Analysis.summonsRule.utf8Start }) {
            hostCountry = s.source
            visitorCountry = s.target
        }
        // the visits pass is run for the host alone: its events are not wanted
        return visitsOnly ? [] : finalize(raw)
    }

    /// A verbal pattern used as a noun ("all attacks", "the various cooperation offers") counts as nominal.
    func isNominal(_ h: TriggerHit) -> Bool {
        let p = EventLexicon.parsed[h.pattern]
        if p.nominal { return true }
        if p.subjectNoun { return false }
        let si = tokens[h.start].sentence
        let r = sentenceRange(si)
        // "Attacks on embassies …": a plural noun opening the sentence
        var first = r.lowerBound
        while first < h.start && tokens[first].kind == .punct { first += 1 }
        if h.start == first && tokens[h.start].cap && keyEnds(h.start, "s") && !keyEnds(h.start, "ss") {
            return true
        }
        // "a water cannon attack by Chinese ships on …": a noun with its agent after it
        if h.end < r.upperBound && keys[h.end] == "by" && keys[h.words.last!] != "by" && h.start > r.lowerBound
            && tokens[h.start - 1].cls & W.beVerb == 0 && !keyEnds(h.start, "ed")
        {
            return true
        }
        if h.start > r.lowerBound {
            // word classes: W.determiner is `determiners`, W.orgHead is `g.orgHeadWords`
            let prev = tokens[h.start - 1]
            if prev.cls & W.determiner != 0 && !keyEnds(h.start, "ed") { return true }
            if prev.kind == .word && !prev.cap && prev.cls & W.orgHead == 0 && h.start - 2 >= r.lowerBound
                && (tokens[h.start - 2].cls & W.determiner != 0) && keyEnds(h.start, "s")
                && !keyEnds(h.start, "ss")
            {
                return true  // "the various cooperation offers"
            }
            // "the activist's killing", "Nijjar's arrest": a possessor makes a noun of a gerund or a verb form
            if keys[h.start - 1] == "'s" && !keyEnds(h.start, "ed") { return true }
            // "a Turkish drone attack", "Russia's missile strike": a state's adjective or possessive and up to two
            // lower-case modifiers before a verb form make it a noun
            // (not a past tense, nor after a plural noun, which is the verb's subject: "Libyan authorities flew …",
            // "Indian troops attack …")
            let pluralSubject = tokens[h.start - 1].kind == .word && !tokens[h.start - 1].cap && keyEnds(h.start - 1, "s")
                && !keyEnds(h.start - 1, "ss") && !Analysis.pluralModifiers.contains(keys[h.start - 1])
            if !keyEnds(h.start, "ed") && !keyEnds(h.start, "ing") && !Analysis.pastTenseVerbs.contains(keys[h.start]) && !pluralSubject {
                var k = h.start - 1
                var mods = 0
                while k > r.lowerBound && mods < 2 && tokens[k].kind == .word && !tokens[k].cap && tokens[k].cls & W.determiner == 0
                    && tokens[k].cls & W.beVerb == 0 && tokens[k].cls & W.trigStart == 0 && !Analysis.nonModifiers.contains(keys[k])
                {
                    k -= 1
                    mods += 1
                }
                if mods > 0 && (hasKind(k, .countryAdj) || (keys[k] == "'s" && k > r.lowerBound && country(k - 1) != nil)) { return true }
                // "the drone attack", "a missile strike": a determiner and one singular modifier
                if mods == 1 && (keys[k] == "the" || keys[k] == "a" || keys[k] == "an") && !keyEnds(k + 1, "s")
                    && tokens[k + 1].cls & W.pronoun == 0
                {
                    return true
                }
            }
        }
        return false
    }

    func mainPair() -> [String] {
        if let p = mainPairCache { return p }
        let p = computeMainPair()
        mainPairCache = p
        return p
    }

    /// "a Turkish-made drone", "Russian-built jets": a state's adjective that says where a thing was made names no party.
    func madeIn(_ c: CountryMention) -> Bool {
        c.end + 1 < tokens.count && tokens[c.end].p == UInt8(ascii: "-") && !tokens[c.end].spaceBefore
            && Analysis.originParticiples.contains(keys[c.end + 1])
    }

    /// "The council also warned …", "this court", "the bloc said": the head noun of "the"/"this" + the head of an
    /// international body named earlier in the document ("council" for "UN Security Council", "community" for
    /// "Economic Community of West African States"), or "bloc", "grouping", "this body" when the document names such a body; the
    /// token indices of those heads. A head that a body of a state shares ("the council" with a national security
    /// council in the story) is ambiguous and left out; "the Council of Europe" (a name going on) is not an anaphor.
    func bodyAnaphors() -> [Int] {
        // (most documents name no international body: nothing to build then)
        guard orgs.contains(where: { $0.country == nil && $0.countryFixed }) else { return [] }
        var heads: [String: Int] = [:]  // head → first token of the body's first mention
        var ambiguous = Set<String>()
        for oi in orgs.indices {
            guard let first = orgs[oi].mentions.lazy.map(\.0).min() else { continue }
            let head = Analysis.headNoun(orgs[oi].name.lowercased())
            guard Analysis.bodyHeadNouns.contains(head) else { continue }
            if orgs[oi].country == nil && orgs[oi].countryFixed {
                heads[head] = min(heads[head] ?? first, first)
                for generic in ["bloc", "grouping"] { heads[generic] = min(heads[generic] ?? first, first) }
            } else {
                ambiguous.insert(head)
            }
        }
        guard !heads.isEmpty else { return [] }
        var out = [Int]()
        for k in 1..<tokens.count where tokens[k - 1].cls & W.determiner != 0 && (keys[k - 1] == "the" || keys[k - 1] == "this") {
            // ("this body": "the body" may be a dead person's)
            let head = keys[k] == "body" && keys[k - 1] == "this" ? "bloc" : keys[k]
            guard let first = heads[head], first < k, !ambiguous.contains(head), tokens[k].sentence == tokens[k - 1].sentence else { continue }
            if k + 1 < tokens.count && (tokens[k + 1].cap || (keys[k + 1] == "of" && k + 2 < tokens.count && tokens[k + 2].cap)) { continue }
            out.append(k)
        }
        return out
    }

    /// The head noun of a body's name (in lower case): the word before its first "of" ("council" in "council of
    /// europe"; nothing when "of" comes first), else its last word. Words are split on spaces, read as bytes (splitting
    /// the `String` by characters cost more than the rest of ``bodyAnaphors()``).
    static func headNoun(_ lowered: String) -> String {
        var u = lowered
        return u.withUTF8 { b -> String in
            var previous: Range<Int>? = nil
            var last: Range<Int>? = nil
            var i = 0
            while i < b.count {
                if b[i] == UInt8(ascii: " ") {
                    i += 1
                    continue
                }
                var j = i
                while j < b.count && b[j] != UInt8(ascii: " ") { j += 1 }
                if j - i == 2 && b[i] == UInt8(ascii: "o") && b[i + 1] == UInt8(ascii: "f") {
                    guard let p = last else { return "" }
                    previous = p
                    break
                }
                last = i..<j
                i = j
            }
            guard let w = previous ?? last else { return "" }
            return String(decoding: UnsafeBufferPointer(rebasing: b[w]), as: UTF8.self)
        }
    }

    /// The two most named states (by mentions as names or adjectives; the first named first on a tie).
    func computeMainPair() -> [String] {
        // a document names few states: parallel arrays in first-seen order instead of dictionaries
        var codes = [String]()
        var counts = [Int]()
        for c in countries where !c.isCapital && !madeIn(c) {
            if let k = codes.firstIndex(of: c.code) {
                counts[k] += 1
            } else {
                codes.append(c.code)
                counts.append(1)
            }
        }
        let order = codes.indices.sorted { x, y in counts[x] != counts[y] ? counts[x] > counts[y] : x < y }
        // a pair that stands out: not a story of four states or more with a third named as often as the second (nor a
        // story of a sentence or two: its pair is what it names)
        mainPairStandsOut = order.count <= 3 || counts[order[1]] > counts[order[2]] || sentences.count <= 2
        return order.prefix(2).map { codes[$0] }
    }

    /// "fishermen detained in the Red Sea last month": a participle after a noun dates that noun only (the time word at
    /// `k` of the sentence `r`).
    func modifiesNounAt(_ k: Int, _ r: Range<Int>) -> Bool {
        var q = k - 1
        while q >= r.lowerBound && k - q <= 6 {
            if keyEnds(q, "ed") && q > r.lowerBound {
                let prev = tokens[q - 1]
                let prevKey = keys[q - 1]
                if prev.cls & W.beVerb != 0 || Analysis.perfectAuxiliaries.contains(prevKey) { return false }
                // "Kenya and Tanzania both deployed …": an adverb before a main verb, not a noun
                if Analysis.preVerbAdverbs.contains(prevKey) { return false }
                // after a common noun ("fishermen detained"), not after a name ("Egypt signed … in 2019": a main verb)
                return prev.kind == .word && prev.cls & W.pronoun == 0 && !prev.cap
            }
            if tokens[q].p == UInt8(ascii: ",") || tokens[q].p == UInt8(ascii: ";") { return false }
            q -= 1
        }
        return false
    }

    /// "a reference to the cyclone of March 2020", "the elections of 2019": a date after "of" and a common noun is that
    /// noun's, not the sentence's time ("at the end of 2019", "the summer of 2020" are the sentence's).
    func namesNounsDate(_ k: Int, _ r: Range<Int>) -> Bool {
        guard k - 2 >= r.lowerBound, keys[k - 1] == "of" else { return false }
        let noun = tokens[k - 2]
        return noun.kind == .word && !noun.cap && noun.cls & (W.determiner | W.pronoun) == 0
            && !Analysis.timeFrameNouns.contains(keys[k - 2])
    }

    /// Whether sentence `si` (whose dates are `ds`, its ``datesBySentence``) tells background, asked once per sentence: both
    /// passes over the events, and the sentence after it, ask again.
    func isBackground(_ si: Int, _ ds: [FoundDate]) -> Bool {
        if backgroundCache.count != sentences.count { backgroundCache = [Int8](repeating: -1, count: sentences.count) }
        if backgroundCache[si] >= 0 { return backgroundCache[si] == 1 }
        let found = computeIsBackground(si, ds)
        backgroundCache[si] = found ? 1 : 0
        return found
    }

    func computeIsBackground(_ si: Int, _ ds: [FoundDate]) -> Bool {
        let r = sentenceRange(si)
        var old = false
        var current = false
        func modifiesNoun(_ k: Int) -> Bool { modifiesNounAt(k, r) }
        // "shut its border in August that year", "the following year": a year told before
        if saysYearToldBefore(si) { old = true }
        for k in r where tokens[k].cls & (W.bgMarker | W.bgHint | W.weekday | W.month) != 0 {
            let key = keys[k]
            var marker = false
            if tokens[k].cls & W.bgMarker != 0 { marker = true }
            if key == "last" && k + 1 < r.upperBound && ["week", "month", "year", "decade"].contains(keys[k + 1]) {
                marker = !(k + 2 < r.upperBound && keys[k + 2] == "'s")
            }
            if key == "in" && k + 2 < r.upperBound && keys[k + 1] == "the" && keys[k + 2] == "past" { marker = true }
            if key == "then" && k + 1 < r.upperBound && tokens[k + 1].p == UInt8(ascii: "-") { marker = true }
            // "officials have long complained": a standing grievance
            if key == "long" && k > r.lowerBound && Analysis.perfectAuxiliaries.contains(keys[k - 1]) { marker = true }
            // "was hailed at the time as …": a history
            if key == "at" && k + 2 < r.upperBound && keys[k + 1] == "the" && keys[k + 2] == "time" { marker = true }
            if key == "earlier" && k + 1 < r.upperBound && ["this", "that"].contains(keys[k + 1]) { marker = true }
            // "in earlier years", "in recent years": a history, not the news
            if key == "in" && k + 2 < r.upperBound && ["earlier", "recent", "past", "previous"].contains(keys[k + 1])
                && ["years", "decades"].contains(keys[k + 2])
            {
                marker = true
            }
            if marker && !modifiesNoun(k) { old = true }
            // "In March, the US convicted …" in an August story: a month named alone, before the story's month
            if tokens[k].cls & W.month != 0 && tokens[k].cap && k > r.lowerBound && keys[k - 1] == "in", let pub = published,
                let m = DateLexicon.months[key], !(k + 1 < r.upperBound && tokens[k + 1].kind == .number)
            {
                if m < pub.m { old = true } else if m == pub.m { current = true }
            }
            if tokens[k].cls & W.weekday != 0 && tokens[k].cap { current = true }
            if key == "today" || key == "overnight" || key == "yesterday" { current = true }
        }
        // "has been fighting insurgents for more than fifteen years", "has expanded its outreach over the past five
        // years": a perfect tense over years tells a standing course, not the news
        if !old && spansYearsInPerfect(r) { old = true }
        if let pub = published {
            for d in ds {
                let prev = d.firstToken > 0 ? keys[d.firstToken - 1] : ""
                if prev == "since" || modifiesNoun(d.firstToken) || namesNounsDate(d.firstToken, r) { continue }
                if let day = d.day {
                    if pub.serial - day.serial > 7 { old = true } else { current = true }
                } else if let y = d.year {
                    if y < pub.y { old = true }
                    else if d.partial, let v = d.value, v.count == 7, let m = Int(v.suffix(2)), y == pub.y, m < pub.m { old = true }
                }
            }
        } else {
            for d in ds where d.partial && d.value?.count == 4 {
                let prev = d.firstToken > 0 ? keys[d.firstToken - 1] : ""
                if prev == "in" && !modifiesNoun(d.firstToken) { old = true }
            }
        }
        return old && !current
    }

    /// Whether trigger `h` is a participle right after a common noun ("a ceasefire agreed …", "talks mediated by …") in
    /// a phrase (up to the commas around it) that names an earlier time: "earlier this year", "last year", "in 2019".
    func isPastParticiplePhrase(_ h: TriggerHit, _ r: Range<Int>) -> Bool {
        guard h.start > r.lowerBound, keyEnds(h.start, "ed") || tokens[h.start].cls & W.irregularParticiple != 0 else { return false }
        let prev = tokens[h.start - 1]
        guard prev.kind == .word, !prev.cap, prev.cls & (W.beVerb | W.pronoun | W.determiner) == 0,
            !Analysis.perfectAuxiliaries.contains(keys[h.start - 1]), !Analysis.preVerbAdverbs.contains(keys[h.start - 1]),
            !Analysis.modalVerbs.contains(keys[h.start - 1])
        else { return false }
        var a = h.start - 1
        while a > r.lowerBound && h.start - a < 8 && tokens[a - 1].p != UInt8(ascii: ",") { a -= 1 }
        var b = h.end
        while b < r.upperBound && b - h.end < 10 && tokens[b].p != UInt8(ascii: ",") && tokens[b].p != UInt8(ascii: ";") { b += 1 }
        for k in a..<b where k + 1 < b {
            if keys[k] == "earlier" && (keys[k + 1] == "this" || keys[k + 1] == "that") { return true }
            // (not "over last year's protests": a possessive names a thing, not the time)
            if keys[k] == "last" && ["week", "month", "year", "decade"].contains(keys[k + 1]) && !(k + 2 < b && keys[k + 2] == "'s") { return true }
            if keys[k] == "in", tokens[k + 1].kind == .number, let y = Int(keys[k + 1]), (1900...2100).contains(y), let pub = published, y < pub.y {
                return true
            }
        }
        return false
    }

    /// Whether sentence range `r` has a perfect auxiliary ("has", "have", "had") and, after it, a span of years:
    /// "for (more than) fifteen years", "over the past five years", "for decades".
    func spansYearsInPerfect(_ r: Range<Int>) -> Bool {
        // (most sentences name no span: the word sets answer those without comparing strings one by one)
        let mayHaveSpan = tokens.withUnsafeBufferPointer { t in r.contains { t[$0].cls & W.longTimeUnit != 0 || t[$0].kind == .number } }
        guard mayHaveSpan, let aux = r.first(where: { Analysis.perfectAuxiliaries.contains(keys[$0]) }) else { return false }
        // (in the main clause: not "…, where Indian and Italian contingents have served side by side for years")
        if (r.lowerBound..<aux).contains(where: { Analysis.relativeWords.contains(keys[$0]) }) { return false }
        // (the span before it too: "For more than two years, officials have been negotiating …")
        var k = r.lowerBound
        while k < r.upperBound {
            // "have been deployed in eastern Congo since 2021"
            if keys[k] == "since", k + 1 < r.upperBound, tokens[k + 1].kind == .number, let y = Int(keys[k + 1]), (1900...2100).contains(y),
                let pub = published, y < pub.y
            {
                return true
            }
            if keys[k] == "for" || keys[k] == "over" {
                var q = k + 1
                // "more than", "nearly", "the past", "the last"
                while q < r.upperBound && q - k <= 3 && ["more", "than", "over", "nearly", "almost", "about", "some", "the", "past", "last"].contains(keys[q]) { q += 1 }
                if q < r.upperBound && (tokens[q].kind == .number || Analysis.smallNumbers[keys[q]] != nil || Analysis.countWords.contains(keys[q])) { q += 1 }
                if q < r.upperBound && (keys[q] == "years" || keys[q] == "decades" || keys[q] == "decade") { return true }
            }
            k += 1
        }
        return false
    }

    /// Trigger words the sentence tells without reporting the act as done: the content of a denied report, a clause set
    /// in an earlier year, a source's wish, how something is seen, what someone faces, what may happen, the people a
    /// demand is about.
    func isToldNotDone(_ h: TriggerHit, _ p: EventLexicon.Pattern, _ r: Range<Int>) -> Bool {
        // "denied a report in an Indian newspaper that the talks had touched on …": what a denied report says was not done
        var dn = r.lowerBound
        while dn + 1 < h.start {
            // (the verbs end in "d", "s" or "y": a byte test before the lookup)
            let lb = tokens[dn].last
            if (lb == UInt8(ascii: "d") || lb == UInt8(ascii: "s") || lb == UInt8(ascii: "y")) && Analysis.denialVerbs.contains(keys[dn]) {
                var q = dn + 1
                while q < h.start && q - dn <= 4 && !Analysis.claimNouns.contains(keys[q]) { q += 1 }
                if q < h.start && q - dn <= 4 { return true }
            }
            dn += 1
        }
        if isClauseOfEarlierTime(h, r) { return true }
        // "a diplomat who asked not to be named": a source's wish, no request between states
        if p.type == "REQUEST" && h.end + 1 < r.upperBound && keys[h.end] == "not" && keys[h.end + 1] == "to" { return true }
        if p.type == "REQUEST" && h.end < r.upperBound && keys[h.end] == "anonymity" { return true }
        // "reads such statements as a threat to its port": how something is seen, not a threat made
        if h.start > r.lowerBound + 1 && (keys[h.start - 1] == "a" || keys[h.start - 1] == "an") && keys[h.start - 2] == "as" && isNominal(h) {
            return true
        }
        // "withdrew in 2007", "was expelled in 1999": a year right after the act dates it in the past
        if let pub = published {
            // (the year first, by the token's kind: most triggers have none after them)
            var q = h.end + 1
            while q < r.upperBound && q - h.end <= 5 && tokens[q].kind != .number && tokens[q].p != UInt8(ascii: ",") { q += 1 }
            if q < r.upperBound && tokens[q].kind == .number && keys[q].utf8.count == 4 && keys[q - 1] == "in"
                && !(h.end..<q - 1).contains(where: { keys[$0] == "and" }), let y = Int(keys[q]), y >= 1900, y < pub.y
            {
                return true
            }
        }
        // "called on Moscow to return Ukrainian children deported to Russia": the people a demand is about, described by
        // what was done to them, is no new act
        if keyEnds(h.start, "ed") && h.words.count == 1 && h.start > r.lowerBound && tokens[h.start - 1].cls & W.people != 0
            && (max(r.lowerBound, h.start - 8)..<(h.start - 1)).contains(where: { Analysis.returnVerbs.contains(keys[$0]) })
        {
            return true
        }
        // "convoys face attacks", "faces sanctions": what someone is exposed to, not an act done
        if h.start > r.lowerBound && Analysis.exposureVerbs.contains(keys[h.start - 1]) { return true }
        // "a possible visit by the president", "potential talks": what may happen (not "became possible thanks to …")
        if h.start > r.lowerBound && (keys[h.start - 1] == "possible" || keys[h.start - 1] == "potential") { return true }
        return false
    }

    /// A trigger in a "when" clause (within 12 tokens before it) that tells what happened at an earlier time the sentence
    /// names: "… cooling since May, when a Ugandan figure addressed a rally", "since 2019, when Rwanda closed its border"
    /// (the nearest "when", right after "since" or "in" and a month or year), or "the tensions that followed the 2023
    /// coup in Niamey, when Benin closed its border" (the nearest ", when", with a year before the publication's anywhere
    /// before it in the sentence).
    func isClauseOfEarlierTime(_ h: TriggerHit, _ r: Range<Int>) -> Bool {
        var nearest = true
        var q = h.start - 1
        while q > r.lowerBound && h.start - q <= 12 {
            guard tokens[q].last == UInt8(ascii: "n") && keys[q] == "when" else {
                q -= 1
                continue
            }
            if nearest && q > r.lowerBound + 1 {
                var d = q - 1
                if tokens[d].p == UInt8(ascii: ",") { d -= 1 }
                let yearBefore = tokens[d].kind == .number && keys[d].utf8.count == 4 && (keys[d].hasPrefix("19") || keys[d].hasPrefix("20"))
                if (yearBefore || tokens[d].cls & W.month != 0) && (keys[d - 1] == "since" || keys[d - 1] == "in") { return true }
            }
            nearest = false
            if tokens[q - 1].p == UInt8(ascii: ",") {
                guard let pub = published, h.start > r.lowerBound + 2 else { return false }
                return (r.lowerBound..<q).contains { tokens[$0].kind == .number && keys[$0].utf8.count == 4 && Int(keys[$0]).map { $0 >= 1900 && $0 < pub.y } ?? false }
            }
            q -= 1
        }
        return false
    }

    /// Whether nothing follows trigger `h` that could be its object: the clause's end, a punctuation mark, "and" or "or"
    /// ("with its lights switched on and …", "satellite phones and kits": a noun or a participle, not a verb's act).
    func hasNoObject(_ h: TriggerHit, _ r: Range<Int>) -> Bool {
        h.end >= r.upperBound || tokens[h.end].kind == .punct || keys[h.end] == "and" || keys[h.end] == "or"
    }

    /// A visit or call trigger that names no visit or call between states: flying into airspace or in a relative clause, a
    /// stay that is a verb, visits or phones that are plural nouns in a list, calling on detainees or victims.
    func isNoVisitBetweenStates(_ h: TriggerHit, _ p: EventLexicon.Pattern, _ r: Range<Int>) -> Bool {
        // "flew into Mogadishu" is a visit; "drones flew into Lithuanian airspace", "flew to safety" are none
        // ("left for Ottawa", "departed for Nairobi" likewise: a state's place right after the trigger, not "left for home")
        let leftFor = keys[h.start] == "left" || keys[h.start] == "leaves" || keys[h.start] == "leaving" || keys[h.start].hasPrefix("depart")
        if p.mode == "visit" && (keys[h.start] == "flew" || keys[h.start] == "flies" || keys[h.start] == "flown" || leftFor) {
            // (nor "lawmakers who had flown to Tel Aviv": a relative clause that describes them)
            guard h.end < r.upperBound, tokens[h.end].cap, let c = country(h.end), c.first == h.end,
                !(h.start > r.lowerBound && (keys[h.start - 1] == "had" || keys[h.start - 1] == "who")),
                !(c.end < r.upperBound && Analysis.territoryNouns.contains(keys[c.end]))
            else { return true }
        }
        // "The Egyptian contingent, drawn from …, flew into Kaduna": troops moved for an exercise or a deployment make
        // no visit (their general's arrival does)
        if p.mode == "visit" && !p.nominal && !(h.start > r.lowerBound && keys[h.start - 1] == "who") {
            let dl = datelineEnd(tokens[h.start].sentence)
            var q = max(r.lowerBound, dl)
            while q < h.start && q - dl < 4 && tokens[q].kind == .word && !Analysis.troopNouns.contains(keys[q]) && !personStarts.contains(q) { q += 1 }
            if q < h.start && q - dl < 4 && Analysis.troopNouns.contains(keys[q]) { return true }
        }
        // "at the end of a three-day stay", "during his stay": a stay is a visit; "warned that they stay away" is none
        if keys[h.start] == "stay" {
            let q = h.start - 1
            guard q >= r.lowerBound, tokens[q].cls & W.determiner != 0 || keyEnds(q, "day") || Analysis.possessivePronouns.contains(keys[q]) else { return true }
        }
        // "cooperation in training, naval ship visits and …", "high-level visits": visits in the plural with no determiner or
        // possessor are a kind of exchange, not a visit told ("his visits", "two visits" are)
        // "tactical radios, satellite phones and solar kits": the noun, not the verb (which has an object)
        if p.mode == "phone" && keys[h.start] == "phones" && h.start > r.lowerBound && hasNoObject(h, r) { return true }
        // (the verb has an object: "the minister visits Beijing")
        if p.mode == "visit" && keys[h.start] == "visits" && h.start > r.lowerBound
            && (p.nominal || hasNoObject(h, r) || keys[h.end] == "between" || keys[h.end] == "by")
            && tokens[h.start - 1].cls & W.determiner == 0 && !Analysis.possessivePronouns.contains(keys[h.start - 1])
            && tokens[h.start - 1].kind != .number && keys[h.start - 1] != "'s" && country(h.start - 1) == nil
        {
            return true
        }
        // "visited the detained crew members", "a visit to wounded fishermen": calling on people held or hurt is no
        // visit between states
        if p.mode == "visit" && nounAfter(h, r, within: 5, Analysis.visitedPeople) { return true }
        return false
    }

    /// Trigger words that name no act of their own here: talks to come inside an invitation or agreement, an appeal for
    /// calm, a suspect "accused of" a crime, a missile that "slammed into" something.
    func isContentOfAnotherAct(_ h: TriggerHit, _ p: EventLexicon.Pattern, _ r: Range<Int>) -> Bool {
        // "invited his counterpart to pay a state visit", "agreed to hold the next meeting in Ankara": talks to come are
        // the content of the invitation or the agreement (coded by its own trigger), not talks held
        if p.type == "CONSULT" {
            var k = h.start - 1
            var n = 0
            while k > r.lowerBound && n < 6 && (Analysis.plannedMeetingFillers.contains(keys[k]) || keys[k] == "to") {
                if keys[k] == "to" {
                    var q = k - 1
                    var m = 0
                    while q >= r.lowerBound && m < 5 {
                        if Analysis.intentVerbs.contains(keys[q]) { return true }
                        if tokens[q].p == UInt8(ascii: ",") { break }
                        q -= 1
                        m += 1
                    }
                    break
                }
                k -= 1
                n += 1
            }
        }
        // "called on both sides to show restraint": an appeal for calm, which PLOVER does not code
        if p.type == "REQUEST" {
            var k = h.end
            while k < r.upperBound && k - h.end < 12 {
                if Analysis.calmWords.contains(keys[k]) { return true }
                // "to avoid escalation", "to prevent any escalation"
                if keys[k] == "escalation" && k >= 2 && ["avoid", "prevent", "any", "further"].contains(keys[k - 1]) { return true }
                k += 1
            }
            // "called on both sides to …", "urged all parties to …": an appeal to everyone involved, no state asked
            if h.end + 1 < r.upperBound && ["both", "all"].contains(keys[h.end]) && ["sides", "parties", "countries", "nations", "governments", "neighbours", "neighbors"].contains(keys[h.end + 1]) { return true }
        }
        // "a businessman accused of fraud", "commanders accused of atrocities": the participle describes a suspect (an
        // accuser acts with an object first: "X accused Y of …"; a passive names it with "by")
        if p.type == "ACCUSE" && h.words.count == 1 && h.end < r.upperBound && keys[h.end] == "of" && keyEnds(h.start, "ed")
            && h.start > r.lowerBound && !tokens[h.start - 1].cap && tokens[h.start - 1].kind == .word
            && tokens[h.start - 1].cls & W.beVerb == 0 && !Analysis.beVerbs.contains(keys[h.start - 1])
        {
            return true
        }
        // "a drone slammed into a building": a blow, not a criticism
        if p.type == "ACCUSE" && h.end < r.upperBound && keys[h.end] == "into" { return true }
        return false
    }

    /// A sentence about a natural disaster or relief from one: "flood-hit", "earthquake survivors", "disaster relief".
    func mentionsDisaster(_ r: Range<Int>) -> Bool {
        // ("flood-hit" is read as "flood", "-", "hit")
        r.contains { Analysis.naturalCauses.contains(keys[$0]) || Analysis.reliefWords.contains(keys[$0]) }
    }

    /// "called on Uganda's President", "will call on the Malaysian prime minister": a courtesy call on a person (an
    /// office, a rank or a name right after "on"), not a request, which asks someone "to" act or "for" something.
    func isCourtesyCall(_ h: TriggerHit, _ r: Range<Int>) -> Bool {
        guard keys[h.words.last!] == "on" else { return false }
        var office = h.end
        if office < r.upperBound && keys[office] == "the" { office += 1 }
        if office < r.upperBound, let c = country(office) {
            office = c.end
            if office < r.upperBound && keys[office] == "'s" { office += 1 }
        }
        guard office < r.upperBound, hasKind(office, .title) || hasKind(office, .rank) || personStarts.contains(office) else { return false }
        var k = h.end
        while k < r.upperBound && k - h.end < 16 && tokens[k].p != UInt8(ascii: ";") {
            if keys[k] == "to" || keys[k] == "for" { return false }
            k += 1
        }
        return true
    }

    func filtered(_ h: TriggerHit, _ p: EventLexicon.Pattern, _ si: Int, _ clauseStart: Int) -> Bool {
        let r = sentenceRange(si)
        let first = tokens[h.start]
        // "Spain launched wave after wave of attacks, but a late header …", "Pakistan's bowlers attacked": a game's
        // attacks, in a sentence that says it is about sport (the story-level gate catches whole sports stories)
        if (p.type == "ASSAULT" || p.type == "THREATEN") && r.contains(where: { Analysis.gameWords.contains(keys[$0]) }) { return true }
        // "state-backed", "US-made": a compound, not a verb
        // (but "Qatar-brokered": the mediator is the compound's first part)
        if h.start > r.lowerBound && !first.spaceBefore && tokens[h.start - 1].p == UInt8(ascii: "-") && !p.mediation { return true }
        // "three detained fishermen", "the seized tankers": a participle used as an adjective
        // (not a date's day: "on Oct. 26 condemned …")
        let dayOfDate = h.start >= r.lowerBound + 2 && tokens[h.start - 1].kind == .number
            && (tokens[h.start - 2].cls & W.month != 0 || (h.start >= r.lowerBound + 3 && tokens[h.start - 2].p == UInt8(ascii: ".") && tokens[h.start - 3].cls & W.month != 0))
        if keyEnds(h.start, "ed") && h.words.count == 1 && h.start > r.lowerBound && !dayOfDate
            && (tokens[h.start - 1].kind == .number || tokens[h.start - 1].cls & W.determiner != 0)
        {
            return true
        }
        if isContentOfAnotherAct(h, p, r) { return true }
        if isToldNotDone(h, p, r) { return true }
        if p.type == "CONSULT" && isNoVisitBetweenStates(h, p, r) { return true }
        // "the Sultanate's long-standing commitment", "has repeatedly accused": a standing position or a habit, not an act
        let compoundStanding = h.start > r.lowerBound + 2 && keys[h.start - 1] == "standing" && keys[h.start - 3] == "long"  // "long-standing"
        if h.start > r.lowerBound && (Analysis.standingWords.contains(keys[h.start - 1]) || compoundStanding
            || (h.start > r.lowerBound + 1 && keys[h.start - 1] == "repeatedly" && Analysis.perfectAuxiliaries.contains(keys[h.start - 2])))
        {
            return true
        }
        // "using detained foreigners as bargaining chips": a participle after a gerund or preposition, before the people
        // it describes
        if keyEnds(h.start, "ed") && h.words.count == 1 && h.start > r.lowerBound && h.end < r.upperBound
            && tokens[h.end].cls & W.people != 0 && (keyEnds(h.start - 1, "ing") || Analysis.topicStarts.contains(keys[h.start - 1]) || keys[h.start - 1] == "with")
        {
            return true
        }
        // "dismissed the accusations", "a charge Iran rejects": a denial is not coded
        if p.type == "REJECT" {
            let near = max(r.lowerBound, h.start - 3)..<min(r.upperBound, h.end + 4)
            if near.contains(where: { Analysis.chargeNouns.contains(keys[$0]) }) { return true }
        }
        // "the visiting President": a visitor named, not a visit told, unless the phrase names the visitor's state ("a
        // visiting delegation of the German Navy"); "a welcoming ceremony": protocol
        if keys[h.start] == "visiting" && h.words.count == 1 && h.start > r.lowerBound && tokens[h.start - 1].cls & W.determiner != 0 {
            var q = h.end
            while q < r.upperBound && q - h.end < 7 && tokens[q].kind != .punct && country(q) == nil { q += 1 }
            if q == r.upperBound || q - h.end >= 7 || country(q) == nil { return true }
        }
        if p.type == "SUPPORT" && h.end < r.upperBound && Analysis.protocolNouns.contains(keys[h.end]) { return true }
        // "a live-firing demonstration", "an air power demonstration": a display of arms or skills, not a protest
        if p.type == "PROTEST" && keys[h.start] == "demonstration" && h.start > r.lowerBound
            && Analysis.displayModifiers.contains(keys[h.start - 1])
        {
            return true
        }
        // "the book was signed in accordance with the protocol": a preposition in the gap opens an adverbial; the
        // document signed is the verb's object, right after it
        if p.type == "SUPPORT" && p.twoSided && keys[h.start].hasPrefix("sign") && h.words.count >= 2
            && (h.words[0] + 1..<h.words[1]).contains(where: { tokens[$0].cls & W.locative != 0 || keys[$0] == "with" || keys[$0] == "accordance" })
        {
            return true
        }
        // "concluded an agreement on a joint company": an agreement made (its signing), not a joint activity held
        if p.type == "COOPERATE" && h.words.count >= 2 && keys[h.words[h.words.count - 1]] == "joint"
            && (h.words[0] + 1..<h.words[h.words.count - 1]).contains(where: { Analysis.agreementNouns.contains(keys[$0]) })
        {
            return true
        }
        // "to denounce the extradition treaty with Brazil": the kind of a treaty, not cooperation done (but
        // "sent back under a bilateral extradition treaty" tells that it was done)
        if p.type == "COOPERATE" && h.end < r.upperBound && Analysis.instrumentNouns.contains(keys[h.end]) {
            var q = h.start - 1
            while q > r.lowerBound && h.start - q <= 3 && tokens[q].kind == .word && !tokens[q].cap && keys[q] != "under" { q -= 1 }
            if !(keys[q] == "under" || keys[q] == "through" || keys[q] == "via") { return true }
        }
        // "it talks to everyone", "he talks tough": the verb "talks", not talks held
        if p.type == "CONSULT" && keys[h.start] == "talks" && h.start > r.lowerBound
            && ["it", "he", "she", "who", "that", "which", "always", "never", "often", "rarely"].contains(keys[h.start - 1])
        {
            return true
        }
        // "an army commander talks about …": speaking about something, not talks
        if p.type == "CONSULT" && (keys[h.end - 1] == "talks" || keys[h.end - 1] == "talk") && h.end < r.upperBound && keys[h.end] == "about" { return true }
        // "the court struck down an election rule": a law annulled, not a blow struck
        if (keys[h.start] == "struck" || keys[h.start] == "strikes" || keys[h.start] == "strike") && h.start + 1 < r.upperBound
            && keys[h.start + 1] == "down" && nounAfter(h, h.start..<r.upperBound, within: 5, Analysis.lawNouns)
        {
            return true
        }
        // "13.4 million visits", "812,000 visits by foreigners": visits counted are figures, not a visit
        if p.type == "CONSULT" && p.mode == "visit" && h.start > r.lowerBound
            && (tokens[h.start - 1].cls & W.multiplier != 0 || (tokens[h.start - 1].kind == .number && tokens[h.start - 1].last >= UInt8(ascii: "0") && tokens[h.start - 1].last <= UInt8(ascii: "9")))
        {
            return true
        }
        // "will be the first Colombian leader to make a state visit to China": a visit the clause puts in the future;
        // "expect the United States to watch the trip closely": the trip the story is about, named again, not one of its own
        // (a visit promised with its verb, "will visit Slovenia", is coded as a promise where the visit is read)
        if p.type == "CONSULT" && p.mode == "visit" && h.words.count == 1 && isNominal(h) && !isFutureVerb(h, r) {
            if isPlannedOrDiscussed(h, r) { return true }
            if h.start > r.lowerBound && keys[h.start - 1] == "the" && !(h.end < r.upperBound && (keys[h.end] == "to" || keys[h.end] == "of" || keys[h.end] == "by")) {
                return true
            }
        }
        // "the summit that Iraq will host in May": a meeting a relative clause puts in the future
        if p.type == "CONSULT" && h.end < r.upperBound && (keys[h.end] == "that" || keys[h.end] == "which") && isNominal(h) {
            var q = h.end + 1
            while q < r.upperBound && q - h.end <= 5 && tokens[q].p != UInt8(ascii: ",") {
                if keys[q] == "will" || keys[q] == "would" || keys[q] == "shall" { return true }
                q += 1
            }
        }
        // "Kenyan troops deploying to Somalia", "units deployed along the border": a participle after the noun it describes
        if keyEnds(h.start, "ing") && h.start > r.lowerBound && (tokens[h.start - 1].cls & W.people != 0 || keys[h.start - 1] == "forces") && !p.nominal { return true }
        // "airlifted troops for a ground operation": moving one's own forces is no aid
        if p.type == "AID" && nounAfter(h, r, within: 3, numbers: true, Analysis.forceNouns) { return true }
        // "300 officers of the police unit were airlifted to Lodwar": forces moved in the passive are no aid either
        if p.type == "AID" && h.start > r.lowerBound + 1 && tokens[h.start - 1].cls & W.beVerb != 0
            && (max(r.lowerBound, h.start - 10)..<(h.start - 1)).contains(where: { Analysis.forceNouns.contains(keys[$0]) || Analysis.officerNouns.contains(keys[$0]) })
        {
            return true
        }
        if p.type == "MOBILIZE" && h.words.count == 1 && keyEnds(h.start, "ed") && h.start > r.lowerBound && !p.nominal
            && (tokens[h.start - 1].cls & W.people != 0 || Analysis.unitNouns.contains(keys[h.start - 1]))
            && h.end < r.upperBound && ["along", "on", "in", "near", "at", "across", "to", "there", "since"].contains(keys[h.end])
        {
            return true
        }
        // "in delivering national security": a gerund after a preposition
        // (not the means of a response: "retaliated by expelling …", "responded by declaring …")
        let responseMeans = h.start > r.lowerBound + 1 && keys[h.start - 1] == "by" && Analysis.responseVerbs.contains(keys[h.start - 2])
        if keyEnds(h.start, "ing") && h.start > r.lowerBound && !p.nominal && !responseMeans
            && ["in", "of", "for", "by", "to", "at", "on", "about", "from", "without", "after", "before", "since", "upon", "despite"].contains(keys[h.start - 1])
        {
            return true
        }
        // "dates would be agreed through diplomatic channels", "sanctions could be imposed": a modal passive tells what
        // is to be done, not what was done (a threat is made by saying it: "would be met with force")
        if p.type != "THREATEN" && h.start >= r.lowerBound + 2 && keys[h.start - 1] == "be" && Analysis.modalVerbs.contains(keys[h.start - 2]) {
            return true
        }
        var k = h.start - 1
        var n = 0
        while k >= r.lowerBound && n < 6 {
            let key = keys[k]
            let pk = tokens[k].p
            if pk == UInt8(ascii: ",") || pk == UInt8(ascii: ";") || pk == UInt8(ascii: "\"") { break }
            if tokens[k].cls & W.negation != 0 || keyEnds(k, "n't") { return true }
            if !p.future && p.type != "THREATEN" && tokens[k].cls & W.hedge != 0 {
                if key != "to" && key != "importance" && key != "focused" && key != "focus" && key != "emphasized" && key != "emphasised" { return true }
            }
            if p.future && (key == "consider" || key == "whether" || key == "might" || key == "may" || key == "if" || key == "wishes" || key == "hope" || key == "expected") {
                return true
            }
            if tokens[k].cls & W.prospective != 0 && (p.nominal || isNominal(h)) { return true }
            k -= 1
            n += 1
        }
        // a noun trigger under a negated verb: "has not confirmed … the location of the strikes" (also a compound that
        // names a thing: "was not a party to the AU-brokered truce")
        let compound = h.start > r.lowerBound && tokens[h.start - 1].p == UInt8(ascii: "-") && !tokens[h.start].spaceBefore
        if p.nominal || isNominal(h) || compound {
            var q = h.start - 1
            while q >= r.lowerBound && tokens[q].p != UInt8(ascii: ";") {
                if tokens[q].cls & W.negation != 0 || keyEnds(q, "n't") { return true }
                q -= 1
            }
        }
        // "if …" before the trigger: hypothetical
        if p.type != "THREATEN" {
            var j = r.lowerBound
            while j < h.start {
                if tokens[j].cls & W.conditional != 0 { return true }  // "if"
                j += 1
            }
        }
        if h.end < r.upperBound {
            let next = keys[h.end]
            if next == "scheduled" || next == "planned" { return true }
        }
        // "The meeting, held at … and chaired by …, was attended by A, B and C": a meeting's participants; not a ceremony
        // or a lecture attended by guests
        if p.type == "CONSULT" && keys[h.start] == "attended" {
            let open = max(r.lowerBound, datelineEnd(si))
            guard (open..<min(open + 4, h.start)).contains(where: { Analysis.meetingNouns.contains(keys[$0]) }) else { return true }
        }
        if p.needsObject {
            // no object at all: "with its lights switched on and …"
            if hasNoObject(h, r) { return true }
            var j = h.end
            while j < r.upperBound && j - h.end < 3 {
                if hasKind(j, .rank) || hasKind(j, .title) || hasKind(j, .honorific) { return true }
                if personStarts.contains(j) { return true }
                if keys[j] == "the" || keys[j] == "his" || keys[j] == "her" { j += 1; continue }
                break
            }
        }
        // releasing people, not statistics
        if p.type == "RETREAT" && p.mode == "release" && !p.twoSided {
            var ok = false
            var j = h.end
            while j < r.upperBound && j - h.end < 7 {
                if (tokens[j].cls & W.people != 0) || tokens[j].kind == .number || country(j) != nil { ok = true }
                j += 1
            }
            if !ok { return true }
        }
        if p.type == "THREATEN" && keys[h.start].hasPrefix("warn") {
            var q = h.end
            var consequence = false
            while q < r.upperBound && q - h.end < 10 {
                let key = keys[q]
                if tokens[q].cls & W.consequence != 0 || key.hasPrefix("retaliat") { consequence = true }
                // "warned Finland against joining": a warning against a state's act
                if key == "against" && q + 1 < r.upperBound && keyEnds(q + 1, "ing") && q - h.end <= 4 { consequence = true }
                q += 1
            }
            if !consequence { return true }
        }
        // "The rail line, rebuilt with Japanese loans, carried …": a noun inside a participle phrase set off by commas
        // describes the thing named before it
        if p.nominal || isNominal(h) {
            var q = h.start - 1
            while q > r.lowerBound && h.start - q <= 5 && tokens[q].p != UInt8(ascii: ",") && tokens[q].kind == .word { q -= 1 }
            if q > r.lowerBound && tokens[q].p == UInt8(ascii: ",") && q + 1 < h.start && tokens[q - 1].kind == .word
                && (keyEnds(q + 1, "ed") || tokens[q + 1].cls & W.irregularParticiple != 0)
                && q + 2 < h.start && ["with", "by", "from", "under", "through", "in", "on", "for"].contains(keys[q + 2])  // (a passive: not "…, held a rally,")
            {
                var e = h.end
                while e < r.upperBound && e - h.end <= 4 && tokens[e].kind == .word { e += 1 }
                // (and the sentence's own verb follows: "…, carried", not a source: "…, South Korea's ministry said")
                if e + 1 < r.upperBound && tokens[e].p == UInt8(ascii: ",") && tokens[e + 1].kind == .word && !tokens[e + 1].cap
                    && tokens[e + 1].cls & W.determiner == 0
                {
                    return true
                }
            }
        }
        // "a ceasefire agreed earlier this year in talks mediated by Qatar": a participle after a noun, in a phrase set in
        // the past, tells the history of the thing named
        if isPastParticiplePhrase(h, r) { return true }
        // "to hold a joint meeting of their revenue authorities in Maputo next month": a meeting to come
        // (a visit to come is a promise, made into AGREE elsewhere: "will visit Slovenia next week")
        if p.type == "CONSULT" && p.mode != "visit" {
            var q = h.end
            while q + 1 < r.upperBound && q - h.end < 12 && tokens[q].p != UInt8(ascii: ",") && tokens[q].p != UInt8(ascii: ";") {
                if keys[q] == "next" && ["week", "month", "year", "weekend"].contains(keys[q + 1]) { return true }
                // "before the end of the year"
                if keys[q] == "before" && q + 3 < r.upperBound && keys[q + 1] == "the" && keys[q + 2] == "end" && keys[q + 3] == "of" { return true }
                q += 1
            }
            // "directed their ministers to convene it": talks ordered, not held
            if h.start >= r.lowerBound + 2 && keys[h.start - 1] == "to" {
                var k = h.start - 2
                while k > r.lowerBound && h.start - k <= 5 && tokens[k].kind == .word && !Analysis.directiveVerbs.contains(keys[k]) { k -= 1 }
                if Analysis.directiveVerbs.contains(keys[k]) { return true }
            }
        }
        // "a live-fire demonstration", "a capability demonstration": a display of arms, not a protest
        if p.type == "PROTEST" && keys[h.start].hasPrefix("demonstration") && h.start > r.lowerBound
            && ["fire", "firepower", "capability", "capabilities", "flying", "aerial", "tactical", "static", "weapons", "drill"].contains(keys[h.start - 1])
        {
            return true
        }
        // "thanks to the mediation": because of, not gratitude
        if p.type == "SUPPORT" && keys[h.start] == "thanks" && h.end < r.upperBound && keys[h.end] == "to" { return true }
        // "honoured the memory of": protocol
        if p.type == "SUPPORT" && h.end + 1 < r.upperBound && keys[h.end + 1] == "memory" { return true }
        // "in this photo provided by": a credit
        if h.start > r.lowerBound && tokens[h.start - 1].cls & W.creditNoun != 0 { return true }
        // "released a statement": a document, not people
        if p.type == "RETREAT" {
            var j = h.end
            while j < r.upperBound && j - h.end < 3 && (tokens[j].cls & W.determiner != 0 || tokens[j].kind == .number) { j += 1 }
            if j < r.upperBound && Analysis.documentNouns.contains(keys[j]) { return true }
        }
        // "the note presented by …", "intelligence supplied by …": words and information handed over are no aid
        if p.type == "AID" && h.start > r.lowerBound && Analysis.messageNouns.contains(keys[h.start - 1]) { return true }
        // "delivered a strong protest", "handed over a note": a message delivered is no aid either
        if p.type == "AID" && (nounAfter(h, r, within: 4, Analysis.messageNouns) || nounAfter(h, r, within: 4, Analysis.protestNouns)) { return true }
        // "their trawler remained impounded": a state that lasts, not the act
        if keyEnds(h.start, "ed") && h.start > r.lowerBound && Analysis.stateVerbs.contains(keys[h.start - 1]) { return true }
        // "presented the medal", "handed over the award": an honour is no aid
        if p.type == "AID" && nounAfter(h, r, within: 4, Analysis.honourNouns) { return true }
        if p.type == "ASSAULT" {
            // "attack jets", "strike aircraft": a kind of weapon; "struck back": a retort
            if h.end < r.upperBound && (Analysis.weaponNouns.contains(keys[h.end]) || keys[h.end] == "back") { return true }
            // "to help ward off drone attacks": a purpose, not an act
            var q = h.start - 1
            while q >= r.lowerBound && h.start - q <= 4 {
                if Analysis.preventionWords.contains(keys[q]) { return true }
                q -= 1
            }
        }
        // cooperation to come or under discussion: "an agreement to conduct joint patrols", "will take part in the
        // exercise between …", "views on increasing the intensity of joint exercises"
        if p.type == "COOPERATE" && (p.exercise || !p.nominal) && isPlannedOrDiscussed(h, r) { return true }
        // a drill held with another state ("… exercises with …") is COOPERATE
        if p.soloDrill {
            for q in h.end..<r.upperBound where keys[q] == "with" { return true }
        }
        if p.type == "ASSAULT" {
            var q = r.lowerBound
            while q < h.start {
                if tokens[q].cls & W.naturalCause != 0 { return true }
                q += 1
            }
        }
        if p.type == "CONSULT" && keys[h.start].hasPrefix("discuss") {
            var j = h.end
            while j < r.upperBound && j - h.end < 3 {
                let key = keys[j]
                if keyEnds(j, "ing") && key != "during" { return true }
                j += 1
            }
        }
        return false
    }

    /// The state of the dateline's place ("PANAMA CITY —", "PARIS, June 18 (TASS) -"), when it names a capital or a state.
    func datelineCountry() -> String? {
        // (the date line and a title may come first: "date …", "China, Laos hold talks", "VIENTIANE, May 8 (Xinhua) --")
        for si in sentences.indices.prefix(3) {
            let r = sentenceRange(si)
            let end = datelineEnd(si)
            guard end > r.lowerBound else { continue }
            if let c = countries.first(where: { $0.first >= r.lowerBound && $0.end <= end }) { return c.code }
        }
        return nil
    }

    /// The document's title: one of its first two lines, ended by a line break and no closing punctuation.
    /// It repeats the story in headline grammar ("X releases detained Y"); the body says who did what.
    func isTitleLine(_ si: Int) -> Bool {
        guard si <= 1 else { return false }
        let r = sentenceRange(si)
        guard let last = r.last, r.count >= 3 else { return false }
        if si == 1 && !(keys[sentenceRange(0).lowerBound] == "date") { return false }
        let p = tokens[last].p
        if p == UInt8(ascii: ".") || p == UInt8(ascii: "!") || p == UInt8(ascii: "?") || p == UInt8(ascii: "\"") { return false }
        if tokens[last].kind == .punct && (sc[tokens[last].start] == "\u{201D}" || sc[tokens[last].start] == "\u{2019}") { return false }
        return r.upperBound >= tokens.count || tokens[r.upperBound].newlineBefore
    }

    /// "a month after the two countries agreed", "after X visited Y last year": an act placed before the
    /// story by a subordinate clause of time, or dated "last month" in its own segment.
    func isEarlierAct(_ h: TriggerHit, _ si: Int) -> Bool {
        let r = sentenceRange(si)
        var k = h.start - 1
        var n = 0
        while k > r.lowerBound && n < 12 {
            let key = keys[k]
            if tokens[k].p == UInt8(ascii: ",") || tokens[k].p == UInt8(ascii: ";") { break }
            if key == "after" || key == "since" {
                if tokens[k - 1].cls & W.longTimeUnit != 0 { return true }
                break
            }
            k -= 1
            n += 1
        }
        var q = h.end
        while q + 1 < r.upperBound && q - h.end < 10 {
            if tokens[q].p == UInt8(ascii: ",") || tokens[q].p == UInt8(ascii: ";") { break }
            // a participle or a topic starts a phrase of its own ("activists jailed over last year's protests")
            if q > h.end && (keyEnds(q, "ed") || keyEnds(q, "ing") || tokens[q].cls & W.topicStart != 0) { break }
            // "have held several joint exercises since then", "in recent years": a habit, not the story's act
            if keys[q] == "since" && keys[q + 1] == "then" { return true }
            if tokens[q + 1].cls & W.longTimeUnit != 0 && (keys[q] == "recent" || keys[q] == "past") { return true }
            if tokens[q + 1].cls & W.longTimeUnit != 0 && keys[q] == "last" {
                return !(q + 2 < r.upperBound && keys[q + 2] == "'s")
            }
            q += 1
        }
        return false
    }

    func inferMode(_ type: String, _ h: TriggerHit, _ si: Int) -> String? {
        let r = sentenceRange(si)
        // one pass: which mode word lists occur after the trigger and in the whole sentence
        var afterBits: UInt32 = 0
        var allBits: UInt32 = 0
        for k in r where tokens[k].vocab >= 0 {
            let b = g.modeFlags[Int(tokens[k].vocab)]
            allBits |= b
            if k >= h.start { afterBits |= b }
        }
        let afterKeys = afterBits
        let allKeys = allBits
        func has(_ bits: UInt32, _ list: Int) -> Bool { bits & (1 << UInt32(list)) != 0 }
        switch type {
        case "REQUEST", "REJECT":
            if has(afterKeys, 0) && !has(afterKeys, 1) {
                return "yield"
            }
            if has(afterKeys, 2) { return "meet" }
            if has(afterKeys, 3) { return "assist" }
            if has(afterKeys, 4) { return "change" }
            if has(allKeys, 5) { return "meet" }
            return nil
        case "THREATEN":
            if has(afterKeys, 6) { return "restrict" }
            if has(afterKeys, 7) || has(allKeys, 8) { return "arrest" }
            if has(afterKeys, 9) { return "relations" }
            if has(afterKeys, 10) { return "expel" }
            if has(afterKeys, 11) { return "territory" }
            if has(afterKeys, 12) { return "violence" }
            return nil
        case "MOBILIZE":
            if has(allKeys, 13) { return "police" }
            if has(allKeys, 14) { return "militia" }
            if has(allKeys, 15) {
                return "weapons"
            }
            return "troops"
        case "ASSAULT":
            if has(allKeys, 16) { return "crowd-control" }
            if has(allKeys, 17) { return "explosives" }
            if has(allKeys, 18) {
                return "heavy-weapons"
            }
            if has(allKeys, 19) { return "aerial" }
            if has(allKeys, 20) { return "drone" }
            if has(allKeys, 21) { return "firearms" }
            if has(allKeys, 22) { return "primitive" }
            return nil
        default:
            return nil
        }
    }

    func make(_ p: EventLexicon.Pattern, _ h: TriggerHit, _ si: Int, mode: String?, source: String?, target: String?, conf: Double) -> RawEvent {
        RawEvent(
            type: p.type, mode: mode, source: source, target: target, date: eventDate(si, h), sentence: si, trigger: h,
            actorText: nil, recipientText: nil, confidence: max(0.1, min(1.0, conf)))
    }

    /// "held talks on May 20 with X, who is on a visit to Vietnam from May 19 to 22": a visit told with the days it spans
    /// in its sentence is dated by the first (when that is at most a week before the day the talks give).
    func visitRangeStart(_ e: RawEvent) -> String? {
        let r = sentenceRange(e.sentence)
        guard let d = e.date.flatMap(Day.parseISO),
            r.contains(where: { keys[$0] == "visit" || keys[$0] == "trip" || keys[$0] == "tour" || keys[$0] == "stay" }),
            let range = datesBySentence[e.sentence].first(where: { $0.end != nil && $0.day != nil }),
            let first = range.day, (1...7).contains(d.serial - first.serial)
        else { return nil }
        return first.iso
    }

    /// The day of the event: a date in its sentence, else the story's lead date, else publication.
    func eventDate(_ si: Int, _ h: TriggerHit) -> String? {
        let ds = datesBySentence[si].filter { $0.day != nil && $0.firstToken >= datelineEnd(si) }
        // a date in the trigger's own clause, after it ("intercepted the boat late on Monday"), before one nearer in
        // another clause ("were held on Wednesday after the navy intercepted …")
        let own = ds.first { d in
            d.firstToken >= h.end && d.firstToken - h.end <= 12
                && !(h.end..<d.firstToken).contains { k in
                    tokens[k].kind == .punct || tokens[k].cls & W.subordinator != 0 || keys[k] == "who" || keys[k] == "which"
                }
        }
        if let d = own ?? ds.min(by: { abs($0.firstToken - h.start) < abs($1.firstToken - h.start) }) {
            // "wrapped up a three-day visit on Thursday": a visit is dated by its first day
            if let n = endedVisitDays(h), n > 1 { return Day(serial: d.day!.serial - (n - 1)).iso }
            return d.day!.iso
        }
        // "On Wednesday the delegations held talks. The two generals agreed …": the day of the sentence before, in the
        // same paragraph, when it is a day of the story's week (not a background date)
        if si > 0 && sameParagraph(si - 1, si),
            let d = datesBySentence[si - 1].last(where: { $0.day != nil && $0.firstToken >= datelineEnd(si - 1) }),
            published.map({ (0...7).contains($0.serial - d.day!.serial) }) ?? true
        {
            return d.day!.iso
        }
        // "Later the same day, the prime minister received …": the day of the nearest sentence before that gives one
        if si > 0 && saysSameDay(sentenceRange(si)) {
            for prev in stride(from: si - 1, through: max(0, si - 4), by: -1) {
                if let d = datesBySentence[prev].last(where: { $0.day != nil && $0.firstToken >= datelineEnd(prev) }),
                    published.map({ (0...7).contains($0.serial - d.day!.serial) }) ?? true
                {
                    return d.day!.iso
                }
            }
        }
        if let lead = leadDate() { return lead }
        return published?.iso
    }

    /// "in August that year", "the following year" (not as a noun's modifier): the sentence is set in a year told before.
    /// Asked for every trigger's sentence and the one before it, so kept per sentence.
    func saysYearToldBefore(_ si: Int) -> Bool {
        if yearBackCache.count != sentences.count { yearBackCache = [Int8](repeating: -1, count: sentences.count) }
        if yearBackCache[si] >= 0 { return yearBackCache[si] == 1 }
        let r = sentenceRange(si)
        var found = false
        for k in r.dropLast() where tokens[k + 1].last == UInt8(ascii: "r") && keys[k + 1] == "year" && Analysis.yearBackReferences.contains(keys[k])
            && !modifiesNounAt(k, r)
        {
            found = true
            break
        }
        yearBackCache[si] = found ? 1 : 0
        return found
    }

    /// "the same day", "that evening", "later that night": the sentence goes on with a day told before.
    func saysSameDay(_ r: Range<Int>) -> Bool {
        for k in r.dropLast() where (keys[k] == "same" || keys[k] == "that") && Analysis.dayParts.contains(keys[k + 1]) {
            // ("that day" as the object of a clause about another time — "since that day" — tells no day)
            if k > r.lowerBound && keys[k - 1] == "since" { continue }
            return true
        }
        return false
    }

    /// "concluded a three-day visit", "wrapped up his two-day official trip": the length in days of a visit that the sentence
    /// says ended; "on the third day of a visit": the visit's day number; else nil.
    func endedVisitDays(_ h: TriggerHit) -> Int? {
        guard keys[h.start].hasPrefix("visit") || keys[h.start] == "trip" || keys[h.start] == "tour", h.start >= 4 else { return nil }
        // "on the third day of an official visit": the day is the visit's third
        var q = h.start - 1
        while q > 2 && h.start - q <= 4 && keys[q] != "of" && tokens[q].kind == .word && !tokens[q].cap { q -= 1 }
        if keys[q] == "of" && keys[q - 1] == "day", let n = Analysis.ordinalWords[keys[q - 2]] { return n }
        var k = h.start - 1
        // ("a four-day official visit", "a two-day working visit")
        while k > h.start - 3 && k > 0 && keys[k] != "day" && tokens[k].kind == .word && !tokens[k].cap { k -= 1 }
        guard keys[k] == "day" else { return nil }
        k -= 1
        if tokens[k].p == UInt8(ascii: "-") { k -= 1 }
        guard k >= 1, let n = Int(keys[k]) ?? Analysis.smallNumbers[keys[k]] else { return nil }
        k -= 1
        if ["a", "an", "his", "her", "its", "their", "the"].contains(keys[k]) { k -= 1 }
        guard k >= 0 else { return nil }
        let verb = keys[k]
        let ended = ["concluded", "concludes", "ended", "ends", "completed", "completes"].contains(verb)
            || (k >= 1 && ["up", "down"].contains(verb) && ["wrapped", "wraps", "wound", "winds"].contains(keys[k - 1]))
        return ended ? n : nil
    }

    /// Whether the first word after the trigger that is no determiner or lower-case modifier (nor, with `numbers`, a
    /// number), within `window` tokens, is one of `nouns`: what an act of giving hands over ("presented the medal",
    /// "delivered a strong protest", "airlifted 200 troops").
    func nounAfter(_ h: TriggerHit, _ r: Range<Int>, within window: Int, numbers: Bool = false, _ nouns: WordSet) -> Bool {
        var j = h.end
        while j < r.upperBound && j - h.end < window && !nouns.contains(keys[j])
            && ((numbers ? tokens[j].kind == .number : tokens[j].cls & W.determiner != 0) || (tokens[j].kind == .word && !tokens[j].cap))
        {
            j += 1
        }
        return j < r.upperBound && j - h.end < window && nouns.contains(keys[j])
    }

    /// Whether the clause after trigger `h` places it at a venue of its own that names no state: "met at the Kok-Tash
    /// checkpoint", "held talks in an underground bunker" (a dateline then says where the story was filed, not where they met).
    func namesOwnVenue(_ h: TriggerHit, _ r: Range<Int>) -> Bool {
        var k = h.end
        while k + 1 < r.upperBound && k - h.end < 12 {
            if tokens[k].p == UInt8(ascii: ",") || tokens[k].p == UInt8(ascii: ";") { return false }
            if keys[k] == "in" || keys[k] == "at" {
                var q = k + 1
                // (past "the", "an underground")
                while q < r.upperBound && q - k <= 3 && tokens[q].kind == .word && !tokens[q].cap && !Analysis.venueNouns.contains(keys[q]) { q += 1 }
                if q < r.upperBound && country(q) == nil && tokens[q].cls & (W.month | W.weekday) == 0
                    && (tokens[q].cap && tokens[q].kind == .word || Analysis.venueNouns.contains(keys[q]))
                {
                    return true
                }
            }
            k += 1
        }
        return false
    }

    /// The place one of the two sentences before `si` sets the scene in ("… wrapped up his tour in Dakar on Friday."):
    /// the state of the last city, capital or state named after "in" or "at" in the nearest such sentence (or after
    /// "a visit / trip / tour to").
    func scenePlace(_ si: Int) -> String? {
        for back in 1...2 where si - back >= 0 {
            let prev = si - back
            if let c = countries.last(where: { c in
                c.sentence == prev && c.first > sentences[prev].firstToken && !madeIn(c)
                    && (keys[c.first - 1] == "in" || keys[c.first - 1] == "at"
                        // "during a visit to Odessa": the visit sets the scene
                        || keys[c.first - 1] == "to" && c.first - 2 >= sentences[prev].firstToken
                            && ["visit", "trip", "tour"].contains(keys[c.first - 2]))
            }) {
                return c.code
            }
        }
        return nil
    }

    /// Whether sentences `a` and `b` (> a) stand in one paragraph: no line break between them.
    func sameParagraph(_ a: Int, _ b: Int) -> Bool {
        let from = sentences[a].end, to = sentences[b].start
        guard from <= to else { return true }
        for i in from..<to where sc[i] == "\n" { return false }
        return true
    }

    func leadDate() -> String? {
        if let cached = leadDateCache { return cached }
        let value = computeLeadDate()
        leadDateCache = .some(value)
        return value
    }

    func computeLeadDate() -> String? {
        for si in sentences.indices.prefix(4) {
            // (not the dateline's date: "ARUSHA, June 10 (Xinhua) -- The summit closed on Tuesday" happened on Tuesday)
            let dl = datelineEnd(si)
            if let d = dates.first(where: { tokens[$0.firstToken].sentence == si && $0.day != nil && $0.firstToken >= dl }) {
                if let pub = published, pub.serial - d.day!.serial > 7 { continue }
                return d.day!.iso
            }
        }
        return nil
    }

    /// A text of one sentence is coded as PLOVER codes a sentence: its main act, the first one it tells ("Norway will
    /// lend Malawi …, days after China offered a rival loan"; "… walked out …, accusing Moscow of …"), with all the
    /// parties of that one act. A document's every sentence is read for all its acts. (A "date YYYY-MM-DD" line before
    /// the sentence is the publication date, not a sentence of the text.)
    func keepMainActOfASentence(_ raw: inout [RawEvent]) {
        let dateLine = sentences.count == 2 && keys[sentenceRange(0).lowerBound] == "date" && sentenceRange(0).count <= 6
        guard sentences.count == 1 || dateLine, !raw.isEmpty else { return }
        let si = sentences.count - 1
        let r = sentenceRange(si)
        // (not in an opening phrase closed by a comma: "After talks with Brazil on Sunday, Paraguay released …")
        let opening = openingPhraseComma(from: r.lowerBound, before: r.upperBound) { Analysis.openingPrepositions.contains(keys[$0]) }
            ?? r.first { tokens[$0].kind != .punct } ?? r.upperBound
        // (nor in a clause that hangs on another: "…, after Cairo asked for help", "when Hanoi protested …")
        func subordinate(_ t: Int) -> Bool {
            var k = t - 1
            while k > opening && t - k <= 12 {
                if tokens[k].kind == .punct || keys[k] == "that" { return false }
                // (a preposition of time is none: "held since August walked free")
                if tokens[k].cls & W.subordinator != 0 {
                    return !datesBySentence[si].contains { $0.firstToken == k + 1 } && tokens[k + 1].kind != .number
                }
                k -= 1
            }
            return false
        }
        let starts = raw.map(\.trigger.start)
        let main = starts.filter { $0 > opening }
        let first = main.filter { !subordinate($0) }.min() ?? main.min() ?? starts.min()!
        raw.removeAll { $0.trigger.start != first }
    }

    /// The comma that closes an opening phrase at `start` (after any punctuation) whose first word `opens` accepts,
    /// when it comes before `limit`: "Despite protests from Moscow, Finland joined …".
    func openingPhraseComma(from start: Int, before limit: Int, opens: (Int) -> Bool) -> Int? {
        var q = start
        while q < limit && tokens[q].kind == .punct { q += 1 }
        guard q < limit, opens(q) else { return nil }
        var c = q + 1
        while c < limit && tokens[c].p != UInt8(ascii: ",") { c += 1 }
        return c < limit ? c : nil
    }

    func finalize(_ raw0: [RawEvent]) -> [Event] {
        var raw = raw0
        keepMainActOfASentence(&raw)
        if raw.contains(where: { $0.plannedMeeting }) {
            raw.removeAll { e in
                e.plannedMeeting && raw0.contains { m in
                    m.type == "CONSULT" && Set([m.source, m.target]) == Set([e.source, e.target])
                }
            }
        }
        // "exchanged fire …, killing three": violence with no recipient repeats the same act with one
        let withTarget = Set(raw.compactMap { e in e.target.map { _ in e.type + "|" + (e.source ?? "-") } })
        raw.removeAll { $0.type == "ASSAULT" && $0.target == nil && $0.source != nil && withTarget.contains($0.type + "|" + $0.source!) }
        eventRoles.removeAll(keepingCapacity: true)
        // one event per (type, source, target), order ignored for the symmetric types; a later duplicate gives
        // its mode to the kept one when that has none
        // (sized once: grown one event at a time, the table was rehashed at every doubling)
        var kept = [String: Int](minimumCapacity: raw.count)
        var out = [Event]()
        for e in raw {
            if e.source == nil && e.target == nil { continue }
            let s = e.source ?? "-"
            let symmetric = e.type == "CONSULT" && e.mode != "visit" || e.type == "AGREE" || e.type == "COOPERATE"
            var a = s
            var b = e.target ?? "-"
            if symmetric && b < a { swap(&a, &b) }
            let key = (e.type == "CONSULT" && e.mode == "visit" ? "VISIT" : e.type) + "|" + a + "|" + b
            if let idx = kept[key] {
                if let m = e.mode, out[idx].mode == nil { out[idx].mode = m }
                // a visit is dated by its first day: "arrived on Tuesday" after "wrapped up a visit on Thursday", "on a visit
                // from May 19 to 22" after "held talks on May 20" (not "announcing the visit on Sunday")
                if key.hasPrefix("VISIT|"), let d = e.date, let k = out[idx].date, d < k,
                    Analysis.arrivalWords.contains(keys[e.trigger.start])
                        || sentenceRange(e.sentence).contains(where: { Analysis.landingWords.contains(keys[$0]) }),
                    let dd = Day.parseISO(d), let kd = Day.parseISO(k), kd.serial - dd.serial <= 7
                {
                    out[idx].date = d
                }
                continue
            }
            if out.count == ExtractionLimits.maxDigestEvents {
                reached("the digest holds the first \(ExtractionLimits.maxDigestEvents) distinct events")
                break
            }
            kept[key] = out.count
            var e = e
            if key.hasPrefix("VISIT|"), let first = visitRangeStart(e) { e.date = first }
            let words = e.trigger.words
            let trigSpan = Span(sentence: e.sentence, start: tokens[words.first!].start, end: tokens[words.last!].end)
            let trigText = words.map { keys[$0] == "'s" ? "'s" : text(tokens[$0].start, tokens[$0].end) }.joined(separator: " ")
            eventRoles.append((e.actorRule, e.recipientRule))
            out.append(Event(
                type: e.type, mode: e.mode, context: [], source: e.source, target: e.target, date: e.date, actorText: e.actorText,
                recipientText: e.recipientText, sentence: e.sentence, trigger: trigSpan, triggerText: trigText,
                confidence: e.confidence))
        }
        return out
    }
}
