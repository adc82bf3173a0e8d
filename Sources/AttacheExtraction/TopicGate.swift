/// Off-topic stories code no events between states: a football final between two national teams, a trade
/// surplus, an election count, a festival. Such a story names states and officials, and the trigger lexicon
/// then finds "beat", "delivered", "urged his teammates", "congratulated".
///
/// The gate counts, over the whole document, the words of sport, markets, culture and elections against the
/// words of diplomacy and security. A story is off topic when it has at least ``minimumOffTopic`` off-topic
/// words and more than one and a half times as many as on-topic ones. The lists are general vocabulary.
extension Analysis {
    static let offTopicWords: Set<String> = [
        // sport
        "match", "matches", "tournament", "championship", "championships", "league", "goal", "goals", "scored",
        "striker", "midfielder", "goalkeeper", "coach", "coaches", "captain", "teammates", "innings", "wicket",
        "wickets", "batting", "bowler", "bowling", "semifinal", "semifinals", "quarterfinal", "quarterfinals",
        "penalty", "penalties", "referee", "stadium", "fans", "season", "olympic", "olympics", "athletes", "athlete",
        "squad", "halftime", "kickoff", "cricket", "football", "soccer", "basketball", "tennis", "golf", "rugby",
        "boxing", "marathon", "cup", "trophy",
        // markets and the economy
        "shares", "stock", "stocks", "investors", "earnings", "revenue", "revenues", "profit", "profits", "quarterly",
        "inflation", "benchmark", "markets", "acquisition", "acquire", "stake", "merger", "ipo", "valuation",
        "exports", "imports", "surplus", "deficit", "gdp", "economists", "analysts", "traders", "commodity",
        "commodities", "prices", "price", "ore", "barrel",
        // culture and tourism
        "festival", "concert", "film", "films", "album", "singer", "actor", "actress", "anime", "fashion", "tourism",
        "tourists", "tourist", "museum",
        // obituaries
        "died", "funeral", "obituary", "buried", "widow",
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

    /// Is the document about sport, markets, culture or an election rather than relations between states?
    func isOffTopic() -> Bool {
        var off = 0
        var on = 0
        for t in tokens where t.cls & (W.offTopic | W.onTopic) != 0 {
            if t.cls & W.offTopic != 0 { off += 1 } else { on += 1 }
        }
        return off >= Analysis.minimumOffTopic && off * 2 > on * 3
    }
}
