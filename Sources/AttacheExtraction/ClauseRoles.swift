/// Shallow clause roles: what part a state reference plays for a trigger, read from the preposition
/// that governs its noun group ("to Fiji", "from China", "with Laos", "over China's claims").
///
/// The event stage asks this when it picks a recipient among the states after a trigger:
/// - `direct` (no preposition: the object) and `recipient` ("to", "toward", "for") and `opponent`
///   ("against", "on", "at") name who receives the act;
/// - `origin` ("from") names where material help comes from: for AID it is the actor;
/// - `partner` ("with") names the other side of a joint act;
/// - `topic` ("over", "about", "amid", "regarding", "concerning", "into", "after") names what the act
///   is about: a state named there is not a party to talks ("discussed concerns over X's claims"),
///   and is the recipient of a one-sided act only when nothing else is named;
/// - `agent` ("by") names the actor of a passive or a noun.
enum ClauseRole {
    case direct, recipient, opponent, origin, partner, topic, agent, place
}

extension Analysis {
    static let prepositionRoles: [String: ClauseRole] = [
        "to": .recipient, "toward": .recipient, "towards": .recipient, "for": .recipient,
        "against": .opponent, "on": .opponent, "at": .opponent,
        "from": .origin, "with": .partner,
        "over": .topic, "about": .topic, "amid": .topic, "regarding": .topic, "concerning": .topic, "into": .topic,
        "after": .topic, "following": .topic, "despite": .topic, "like": .topic,
        "by": .agent, "in": .place, "inside": .place, "near": .place, "across": .place, "along": .place,
    ]

    /// The role of the noun group that starts at token `start`, looking back at most four tokens and never
    /// before `floor` (the trigger's end): determiners, numbers and lower-case modifiers are skipped.
    func clauseRole(_ start: Int, floor: Int) -> ClauseRole {
        var j = start - 1
        var steps = 0
        while j >= floor && steps < 4 {
            let t = tokens[j]
            if t.kind == .punct && keys[j] != "'s" { return .direct }
            if t.cls & W.rolePreposition != 0, let role = Analysis.prepositionRoles[keys[j]] {
                // "freed in an exchange mediated by Oman": the agent of another participle after the trigger is no party
                if role == .agent && isAnotherParticiplesBy(j, after: floor) { return .topic }
                return role
            }
            let modifier = t.cls & W.determiner != 0 || t.kind == .number || (t.kind == .word && !t.cap)
            if !modifier { return .direct }
            j -= 1
            steps += 1
        }
        return .direct
    }

    /// Whether the "by" at `q`, after a trigger ending at `triggerEnd`, follows a participle of its own ("freed in an
    /// exchange mediated by Oman"), so that what follows it is that participle's agent; not when the participle is the
    /// clause's passive verb ("a pledge … was announced by X") or is coordinated with the trigger ("seized and held by").
    func isAnotherParticiplesBy(_ q: Int, after triggerEnd: Int) -> Bool {
        guard q > triggerEnd, keyEnds(q - 1, "ed") || tokens[q - 1].cls & W.irregularParticiple != 0 else { return false }
        return !(q - 1 > triggerEnd && (keys[q - 2] == "and" || keys[q - 2] == "or" || tokens[q - 2].p == UInt8(ascii: ",")
            || Analysis.beVerbs.contains(keys[q - 2])))
    }

    /// How `--explain` names the clause role that made a state the recipient.
    static func recipientRuleName(_ role: ClauseRole, place: Bool) -> StaticString {
        if place { return "place after the trigger" }
        switch role {
        case .direct: return "object after the trigger"
        case .recipient: return "object of 'to'/'for'"
        case .opponent: return "object of 'against'/'on'"
        case .partner: return "object of 'with'"
        case .agent: return "object of 'by'"
        case .place: return "place after the trigger"
        case .topic: return "topic after the trigger ('over', 'about')"
        case .origin: return "object of 'from'"
        }
    }

    /// Order of preference among the states after a trigger for a one-sided act's recipient.
    static func recipientRank(_ role: ClauseRole) -> Int {
        switch role {
        case .direct, .recipient, .opponent: return 0
        case .partner, .agent: return 1
        case .place: return 2
        case .topic, .origin: return 3
        }
    }
}

/// The clause around a trigger, read once per trigger by ``Analysis/clauseView(_:_:_:_:tail:dateline:)``.
struct ClauseView {
    /// The sentence's tokens.
    var r: Range<Int>
    /// The trigger is a noun ("the visit", "a donation").
    var nominal: Bool
    /// After the last reporting verb before the trigger ("X said that …"), up to the reporting tail.
    var clauseStart: Int
    var clauseEnd: Int
    /// After the last clause break (comma, "while", "but", …) before the trigger.
    var segStart: Int
    /// The state of who says it: before "said", or in the tail (", the ministry said").
    var speaker: String?
    /// An international body as who says it ("the ICC announced that it …"): then `speaker` is nil.
    var speakerBody: StateRef?
    var afterSaid: Bool
    /// States before the trigger in the clause, in its segment, and after it.
    var before: [StateRef]
    var segBefore: [StateRef]
    var after: [StateRef]
    /// CONSULT, AGREE, COOPERATE: order does not matter.
    var symmetric: Bool
    /// Subject words: "both sides", "the two countries"; "he", "they", "the minister"; "we".
    var groupSubject: Bool
    var pronoun: Bool
    var we: Bool
    /// Passive voice ("was seized", "were criticised by") and where its verb is.
    var passive: Bool
    var verbAt: Int
    /// The agent after "by" in a passive or a noun.
    var byRef: StateRef?
}

/// What ``Analysis/actorChoice(_:_:_:_:_:pair:prevSubject:)`` decided.
struct ActorChoice {
    var source: String?
    /// A recipient fixed with the actor ("between A and B", a passive's sufferer).
    var target: String?
    var actorRef: StateRef?
    var confidence: Double
    /// An international body acts; `events` holds its event.
    var igoActor: Bool
    var events: [RawEvent]
    /// The rules that decided, for `attache digest --explain`.
    var rule: StaticString
    var recipientRule: StaticString = "none"
}
