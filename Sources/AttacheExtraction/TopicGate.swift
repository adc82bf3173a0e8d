/// Off-topic stories code no events between states: a football final between two national teams, a trade
/// surplus, an election count, a festival. Such a story names states and officials, and the trigger lexicon
/// then finds "beat", "delivered", "urged his teammates", "congratulated".
///
/// The gate counts, over the whole document, the words of sport, markets, culture and elections against the
/// words of diplomacy and security. A story is off topic when it has at least ``minimumOffTopic`` off-topic
/// words and more than one and a half times as many as on-topic ones. The lists are general vocabulary; the
/// story-level discard phrases of the Phoenix dictionary (generated into ``PublicLexicons``) count too.
extension Analysis {
    static let offTopicWords: Set<String> = [
        // sport
        "match", "matches", "tournament", "championship", "championships", "league", "goal", "goals", "scored",
        "striker", "midfielder", "goalkeeper", "coach", "coaches", "captain", "teammates", "innings", "wicket",
        "wickets", "batting", "bowler", "bowling", "semifinal", "semifinals", "quarterfinal", "quarterfinals",
        "penalty", "penalties", "referee", "stadium", "fans", "season", "olympic", "olympics", "athletes", "athlete",
        "squad", "halftime", "kickoff", "cricket", "football", "soccer", "basketball", "tennis", "golf", "rugby",
        "boxing", "marathon", "cup", "trophy", "cycling", "cyclist", "cyclists", "peloton", "jersey", "rider", "riders",
        "breakaway", "sprint", "sprinter", "podium", "medal", "medals", "medallist", "medalist", "champion", "champions",
        "lap", "laps", "race", "races", "racing", "teammate", "team-mates", "volleyball", "handball", "hockey", "swimming",
        "athletics", "wrestling", "judo", "chess", "qualifier", "qualifiers", "fixture", "fixtures", "playoff", "playoffs",
        // markets and the economy
        "shares", "stock", "stocks", "investors", "earnings", "revenue", "revenues", "profit", "profits", "quarterly",
        "inflation", "benchmark", "markets", "acquisition", "acquire", "stake", "merger", "ipo", "valuation",
        "exports", "imports", "surplus", "deficit", "gdp", "economists", "analysts", "traders", "commodity",
        "commodities", "prices", "price", "ore", "barrel",
        // culture and tourism
        "festival", "concert", "film", "films", "album", "singer", "actor", "actress", "anime", "fashion", "tourism",
        "tourists", "tourist", "arrivals", "visitors", "holidaymakers", "travellers", "travelers", "hotel", "hotels",
        "resort", "resorts", "beach", "beaches", "bookings", "occupancy", "cruise", "nights", "museum", "song", "songs", "music", "musician", "musicians", "orchestra", "ballet", "opera",
        "poet", "novelist", "painter", "theatre", "theater", "heritage",
        // science
        "scientist", "scientists", "glacier", "glaciers", "species", "expedition",
        // obituaries
        "died", "dies", "funeral", "obituary", "buried", "widow",
        // elections
        "election", "elections", "voters", "vote", "votes", "ballot", "runoff", "candidate", "candidates", "polls",
        "campaign",
    ]
    static let onTopicWords: Set<String> = [
        "minister", "ministers", "ministry", "ambassador", "ambassadors", "embassy", "envoy", "envoys", "military",
        "army", "navy", "defence", "defense", "troops", "talks", "diplomatic", "diplomat", "diplomats", "sanctions",
        "treaty", "summit", "government", "security", "foreign", "bilateral", "cooperation", "war", "ceasefire",
        "missile", "missiles", "border", "sovereignty", "drills", "drill", "exercise", "exercises", "forces", "police",
        "visit", "delegation", "counterpart", "strikes", "attack", "attacks", "condemned", "expelled",
    ]
    static let minimumOffTopic = 4
    /// Off-topic words one story-level discard phrase of the Phoenix dictionary counts for ("World Cup",
    /// "Grand Prix", "Academy Award": PublicLexicons.discards, scope `story`).
    static let storyDiscardWeight = 3

    /// Story-level discard phrases by their first word, each as its folded words.
    static let storyDiscards: [String: [[String]]] = {
        var d = [String: [[String]]]()
        for (phrase, story) in PublicLexicons.discardScopes where story {
            let words = phrase.split(separator: " ").map { Fold.normalize(String($0)) }
            guard let first = words.first, !first.isEmpty, !first.allSatisfy(\.isNumber) else { continue }
            d[first, default: []].append(words)
        }
        return d
    }()

    /// How many story-level discard phrases the document contains.
    func storyDiscardCount() -> Int {
        var n = 0
        for i in tokens.indices where tokens[i].cls & W.discardStart != 0 {
            guard let phrases = Analysis.storyDiscards[keys[i]] else { continue }
            for words in phrases where i + words.count <= tokens.count {
                var k = 1
                while k < words.count && keys[i + k] == words[k] { k += 1 }
                if k == words.count {
                    n += 1
                    break
                }
            }
        }
        return n
    }

    /// Is the document about sport, markets, culture or an election rather than relations between states?
    func isOffTopic() -> Bool {
        if let cached = offTopicCache { return cached }
        let value = computeOffTopic()
        offTopicCache = value
        return value
    }

    func computeOffTopic() -> Bool {
        var off = 0
        var on = 0
        for t in tokens where t.cls & (W.offTopic | W.onTopic) != 0 {
            if t.cls & W.offTopic != 0 { off += 1 } else { on += 1 }
        }
        off += storyDiscardCount() * Analysis.storyDiscardWeight
        return off >= Analysis.minimumOffTopic && off * 2 > on * 3
    }
}
