import Foundation

/// Why a digest entity was linked to its actor, as a sentence template and the values it is made of (v32).
///
/// Until v31 each `docActor` row held the sentence itself (`evidence`, ~1.46 KB a document of real news, most of it
/// the row's own name, key and actor id written out again). Since v32 the row holds only what the sentence needs
/// beyond the row (`evidenceArgs`, ``stored(_:)``): nothing at all when the template is the one of the row's rule
/// and every value is the one the row implies (the mention's name, its key, the row's actor, …), else a short JSON
/// array. The merge notes of a profile compose the sentence where they print it (``sentence(stored:_:)``), byte for
/// byte what v31 stored.
struct Evidence: Equatable, Sendable {
    /// The sentences resolution writes, one case per shape. Their numbers are stored: never renumber one.
    enum Template: Int, CaseIterable, Sendable {
        case emptyName = 0
        case sameKey = 1
        case sameKeyAmong = 2
        case longForm = 3
        case noPerson = 4
        case noOrganization = 5
        case sameName = 6
        case sameNameGrouped = 7
        case shortForm = 8
        case ambiguous = 9
        case initials = 10
        case initialsOf = 11
        case firstState = 12
        case isoCode = 13
        /// A sentence kept as it is (what v32 keeps of a stored sentence that no other template writes).
        case text = 14
    }

    /// A value of a sentence, named for what it is; ``Slot/default(_:_:)`` says what the row implies for it.
    enum Slot: Sendable {
        /// The mention's name (default: the row's name).
        case name
        /// The form of the mention that matched (default: the row's name).
        case form
        /// The key of `form` (default: its key among the row's forms).
        case key
        /// The known name it matched (default: `form`, or `name`).
        case matched
        /// The actor id it joined (default: the row's actor).
        case id
        /// That actor's display name when it joined (default: `matched`).
        case actorName
        /// The state of an organization as written in the digest (default: the row's state, or "none").
        case country
        /// A state's ISO code (default: the row's state).
        case code
        /// A state's names as written in the digest, comma-separated (default: the row's name and other forms).
        case names
        /// A count, a list of candidates, a whole sentence: never implied.
        case count, list, text
    }

    enum Piece: Sendable {
        case literal(String)
        case slot(Slot)
    }

    /// The sentence of each template, as Resolver and the writer wrote it until v31. Each slot appears once, in the
    /// order of ``values``.
    static func pieces(_ template: Template) -> [Piece] {
        switch template {
        case .emptyName: [.literal("empty name")]
        case .sameKey:
            [
                .literal("'"), .slot(.form), .literal("' has the key '"), .slot(.key), .literal("' of known name '"),
                .slot(.matched), .literal("' of #"), .slot(.id), .literal(" "), .slot(.actorName),
            ]
        case .sameKeyAmong: Self.pieces(.sameKey) + [.literal(" (chosen among "), .slot(.count), .literal(" by state and documents)")]
        case .longForm:
            [
                .literal("'"), .slot(.name), .literal("' contains '"), .slot(.matched), .literal("', the only name of #"),
                .slot(.id), .literal(", the only person known by it"),
            ]
        case .noPerson: [.literal("no known person named '"), .slot(.name), .literal("'")]
        case .noOrganization: [.literal("no known organization named '"), .slot(.name), .literal("'")]
        case .sameName:
            [
                .literal("'"), .slot(.name), .literal("' is the name '"), .slot(.matched), .literal("' of #"), .slot(.id),
                .literal(" "), .slot(.actorName),
            ]
        case .sameNameGrouped: Self.pieces(.sameName) + [.literal(", which groups mentions too short to tell apart")]
        case .shortForm:
            [
                .literal("'"), .slot(.name), .literal("' is a word of '"), .slot(.matched), .literal("', known name of #"),
                .slot(.id), .literal(" "), .slot(.actorName), .literal(", the only person with it"),
            ]
        case .ambiguous:
            [
                .literal("'"), .slot(.name), .literal("' could be any of "), .slot(.count), .literal(" persons ("),
                .slot(.list), .literal("): kept apart"),
            ]
        case .initials:
            [
                .literal("'"), .slot(.form), .literal("' is the initials of '"), .slot(.matched), .literal("' of #"),
                .slot(.id), .literal(", same state "), .slot(.country),
            ]
        case .initialsOf:
            [
                .literal("known name '"), .slot(.matched), .literal("' of #"), .slot(.id), .literal(" is the initials of '"),
                .slot(.form), .literal("', same state "), .slot(.country),
            ]
        case .firstState: [.literal("first document naming state "), .slot(.code), .literal(" ("), .slot(.names), .literal(")")]
        case .isoCode:
            [
                .literal("same ISO code "), .slot(.code), .literal(" as actor #"), .slot(.id), .literal(" (written here: "),
                .slot(.names), .literal(")"),
            ]
        case .text: [.slot(.text)]
        }
    }

    /// By template number (the cases are numbered 0, 1, 2, …).
    private static let slotsOf: [[Slot]] = Template.allCases.sorted { $0.rawValue < $1.rawValue }.map { t in
        Self.pieces(t).compactMap { if case .slot(let s) = $0 { s } else { nil } }
    }

    /// The slots of `template`, in the order of ``values``.
    static func slots(_ template: Template) -> [Slot] { Self.slotsOf[template.rawValue] }

    var template: Template
    /// One per slot of the template, in order.
    var values: [String]

    init(_ template: Template, _ values: [String] = []) {
        precondition(values.count == Self.slots(template).count, "one value per slot of \(template)")
        self.template = template
        self.values = values
    }

    /// What a sentence's values are read against: the `docActor` row it explains, as the row stores it.
    struct Row {
        var kind: String
        var rule: String
        var name: String
        /// As stored: upper-cased.
        var country: String?
        var actorId: Int64
        var formKey: String?
        /// `docActor.aliases` (``Schema/aliasesText(_:)``).
        var aliases: String?
        /// The forms and keys of ``aliases`` when the caller has them (the writer), so that they are not read back.
        var aliasList: [(form: String, key: String)]? = nil

        /// The other forms and their keys: ``aliasList``, or read from ``aliases`` when a default needs them.
        func aliasForms() -> [(form: String, key: String)] {
            if let aliasList { return aliasList }
            guard let aliases, let list = try? JSONDecoder().decode([[String]].self, from: Data(aliases.utf8)) else { return [] }
            return list.compactMap { $0.count >= 2 ? ($0[0], $0[1]) : nil }
        }
    }

    /// The template a row of `rule` uses unless it names another.
    static func defaultTemplate(kind: String, rule: String) -> Template {
        switch rule {
        case "new": kind == "state" ? .firstState : kind == "organization" ? .noOrganization : .noPerson
        case "name-key", "alias-key": .sameKey
        case "long-form": .longForm
        case "short-form": .shortForm
        case "ambiguous": .ambiguous
        case "initials": .initials
        case "iso-code": .isoCode
        default: .text
        }
    }

    /// The values of a sentence so far that later ones may be implied from.
    struct Earlier {
        var name, form, matched: String?
        subscript(_ slot: Slot) -> String? {
            switch slot {
            case .name: self.name
            case .form: self.form
            case .matched: self.matched
            default: nil
            }
        }
        mutating func set(_ slot: Slot, _ value: String) {
            switch slot {
            case .name: self.name = value
            case .form: self.form = value
            case .matched: self.matched = value
            default: break
            }
        }
    }

    /// What `row` implies for `slot`, given the values before it (`earlier`); nil: nothing, the value is stored.
    static func implied(_ slot: Slot, _ row: Row, _ earlier: Earlier) -> String? {
        switch slot {
        case .name, .form: return row.name
        case .key:
            guard let form = earlier[.form] else { return nil }
            if Self.same(form, row.name), let key = row.formKey { return key }
            return row.aliasForms().first { Self.same($0.form, form) }?.key
        case .matched: return earlier[.form] ?? earlier[.name]
        case .id: return String(row.actorId)
        case .actorName: return earlier[.matched]
        case .country: return row.country ?? "none"
        case .code: return row.country
        case .names:
            let others = row.aliasForms()
            return others.isEmpty ? row.name : ([row.name] + others.map(\.form)).joined(separator: ", ")
        case .count, .list, .text: return nil
        }
    }

    /// Equal byte for byte (Swift's `==` on strings also equates canonically equivalent ones).
    static func same(_ a: String, _ b: String) -> Bool { a.utf8.elementsEqual(b.utf8) }

    /// The sentence, as v31 stored it.
    var sentence: String {
        var out = ""
        var i = 0
        for piece in Self.pieces(self.template) {
            switch piece {
            case .literal(let s): out += s
            case .slot:
                out += self.values[i]
                i += 1
            }
        }
        return out
    }

    /// What `docActor.evidenceArgs` holds for this sentence of `row`: "" when the template is the rule's and every value
    /// is the row's (``implied(_:_:_:)``); else a JSON array of the template's number and its values, null for an
    /// implied one, the implied ones at the end left out.
    func stored(_ row: Row) -> String {
        var earlier = Earlier()
        var out: [String?] = []
        for (slot, value) in zip(Self.slots(self.template), self.values) {
            out.append(Self.implied(slot, row, earlier).map { Self.same($0, value) } == true ? nil : value)
            earlier.set(slot, value)
        }
        while let last = out.last, last == nil { out.removeLast() }
        if out.isEmpty && self.template == Self.defaultTemplate(kind: row.kind, rule: row.rule) { return "" }
        return "[" + ([String(self.template.rawValue)] + out.map { JSONText.quoted($0) }).joined(separator: ",") + "]"
    }

    /// The evidence `stored` (``stored(_:)``) of `row`; nil when it cannot be read (no store writes that).
    init?(stored: String, _ row: Row) {
        var template = Self.defaultTemplate(kind: row.kind, rule: row.rule)
        var given: [String?] = []
        if !stored.isEmpty {
            guard let list = try? JSONDecoder().decode(StoredList.self, from: Data(stored.utf8)),
                let t = Template(rawValue: list.template)
            else { return nil }
            (template, given) = (t, list.values)
        }
        var earlier = Earlier()
        var values: [String] = []
        for (i, slot) in Self.slots(template).enumerated() {
            guard let value = (i < given.count ? given[i] : nil) ?? Self.implied(slot, row, earlier) else { return nil }
            values.append(value)
            earlier.set(slot, value)
        }
        self.init(template, values)
    }

    /// The sentence that `stored` stands for (the merge notes' text); "" if it cannot be read.
    static func sentence(stored: String, _ row: Row) -> String {
        Evidence(stored: stored, row)?.sentence ?? ""
    }

    /// A stored JSON array: the template's number, then a string or null per value.
    private struct StoredList: Decodable {
        var template: Int
        var values: [String?] = []
        init(from decoder: any Decoder) throws {
            var c = try decoder.unkeyedContainer()
            self.template = try c.decode(Int.self)
            while !c.isAtEnd { self.values.append(try c.decodeIfPresent(String.self)) }
        }
    }

    /// The evidence whose sentence is `sentence` (v32, on a row of v31): the rule's template with the values the row
    /// implies when that writes it (most rows), else the first template that writes it, the longer of two that share a
    /// beginning before the shorter; ``Template/text`` when none does.
    init(parsing sentence: String, _ row: Row) {
        let own = Self.defaultTemplate(kind: row.kind, rule: row.rule)
        // The template of the row's rule with every value implied: what most rows hold.
        if own != .text, let e = Evidence(stored: "", row), Self.same(e.sentence, sentence) {
            self = e
            return
        }
        let order: [Template] = [
            .sameKeyAmong, .sameKey, .sameNameGrouped, .sameName, .shortForm, .longForm, .ambiguous, .initials,
            .initialsOf, .noPerson, .noOrganization, .firstState, .isoCode, .emptyName,
        ]
        for t in order {
            if let values = Self.match(Self.pieces(t)[...], Array(sentence.utf8)[...]) {
                let e = Evidence(t, values)
                if Self.same(e.sentence, sentence) {
                    self = e
                    return
                }
            }
        }
        self.init(.text, [sentence])
    }

    /// The values of `pieces` in `s` (UTF-8) when the pieces write `s` byte for byte (each slot the shortest that lets
    /// the rest match, backtracking); nil when they cannot.
    private static func match(_ pieces: ArraySlice<Piece>, _ s: ArraySlice<UInt8>) -> [String]? {
        guard let first = pieces.first else { return s.isEmpty ? [] : nil }
        let rest = pieces.dropFirst()
        switch first {
        case .literal(let text):
            let t = Array(text.utf8)
            guard s.starts(with: t) else { return nil }
            return Self.match(rest, s.dropFirst(t.count))
        case .slot:
            guard case .literal(let next)? = rest.first else { return rest.isEmpty ? [String(decoding: s, as: UTF8.self)] : nil }
            let t = Array(next.utf8)
            var at = s.startIndex
            while at + t.count <= s.endIndex {
                if s[at..<(at + t.count)].elementsEqual(t), let tail = Self.match(rest, s[at...]) {
                    return [String(decoding: s[..<at], as: UTF8.self)] + tail
                }
                at += 1
            }
            return nil
        }
    }
}
