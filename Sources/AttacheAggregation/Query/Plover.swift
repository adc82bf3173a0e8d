import AttacheContracts
import Foundation

/// The events of a digest as records of the PLOVER manual's interchange format (`export --format plover`,
/// one JSON object a line, schema in `docs/plover-event.schema.json`).
///
/// Everything in a record comes from the stored digest, except `coded_date` (the day the store first held
/// the event as it is): the same digest gives the same records on every store and machine.
///
/// Event ids are derived from content: SHA-256 of the document id, the event type, the sentence's text, the
/// trigger's place in that sentence and its words, plus an occurrence number when a document holds the same
/// event twice; the first 32 hex digits. An event keeps its id when its document is replaced by a version
/// that still reports it in the same sentence, even if other fields change (a corrected date or actor):
/// the incremental export then sends it again under the same id.
enum Plover {
    static let codebook = "PLOVER"
    /// The manual's version the extractor follows (the 2023 draft).
    static let version = "2023"
    static let coder = "attache"

    /// PLOVER quad classes: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
    static let quad: [String: Int] = [
        "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
        "COOPERATE": 2, "AID": 2, "RETREAT": 2,
        "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "SANCTION": 3,
        "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
    ]

    /// One event of a digest as a record.
    struct Record {
        /// Index of the event in `digest.events` (the store's event ordinal).
        var ordinal: Int
        var id: String
        /// The JSON object, `coded_date` aside: call ``line(codedDate:)``.
        var head: String
        var tail: String
        /// SHA-256 of the record without `coded_date`: a replaced version's event with the same id and the
        /// same signature has not changed.
        var signature: String

        /// The record as one line of JSON (no line break).
        func line(codedDate: String) -> String { self.head + Plover.json(codedDate) + self.tail }
    }

    /// The records of every event of `digest`, in order.
    static func records(_ digest: Digest) -> [Record] {
        var sentences: [Int: Sentence] = [:]
        for s in digest.sentences { sentences[s.index] = s }
        var seen: [String: Int] = [:]
        var out: [Record] = []
        out.reserveCapacity(digest.events.count)
        for (ordinal, e) in digest.events.enumerated() {
            let sentence = sentences[e.sentence]
            let base = self.identity(e, sentence: sentence, doc: digest.doc)
            let n = seen[base, default: 0]
            seen[base] = n + 1
            let id = String(ContentHash.sha256Hex(n == 0 ? base : base + "\u{0}#\(n)").prefix(32))
            let (head, tail) = self.body(e, id: id, sentence: sentence, digest: digest)
            out.append(
                Record(ordinal: ordinal, id: id, head: head, tail: tail, signature: ContentHash.sha256Hex(head + tail)))
        }
        return out
    }

    /// What names an event: its document, type, sentence and trigger (offsets within the sentence, so text
    /// added above it does not change them).
    static func identity(_ e: Event, sentence: Sentence?, doc: String) -> String {
        let base = sentence?.start ?? 0
        return [
            doc, e.type.uppercased(), sentence?.text ?? "", String(e.trigger.start - base), String(e.trigger.end - base),
            e.triggerText,
        ].joined(separator: "\u{0}")
    }

    /// The record's JSON around its `coded_date` value.
    private static func body(_ e: Event, id: String, sentence: Sentence?, digest: Digest) -> (String, String) {
        let type = e.type.uppercased()
        var h = "{\"id\":" + self.json(id)
        h += ",\"date\":" + self.json(e.date ?? digest.published)
        h += ",\"actor\":" + self.entities(e.actors, state: e.source, text: e.actorText, event: e, sentence: sentence)
        h += ",\"recipient\":" + self.entities(e.recipients, state: e.target, text: e.recipientText, event: e, sentence: sentence)
        h += ",\"event\":" + self.json(type)
        h += ",\"mode\":" + self.json(e.mode)
        h += ",\"context\":[" + e.context.map { self.json($0) }.joined(separator: ",") + "]"
        h += ",\"quad_code\":" + (self.quad[type].map(String.init) ?? "null")
        h += ",\"event_text\":" + self.json(sentence?.text ?? "")
        h += ",\"text_info\":{\"sequence\":\(e.sentence),\"start\":\(sentence?.start ?? e.trigger.start)"
        h += ",\"end\":\(sentence?.end ?? e.trigger.end)}"
        h += ",\"cite_info\":{\"url\":" + self.json(digest.url) + ",\"title\":" + self.json(digest.title)
        h += ",\"publication\":" + self.json(digest.source) + ",\"codebook\":" + self.json(self.codebook)
        h += ",\"version\":" + self.json(self.version) + ",\"doc\":" + self.json(digest.doc) + "}"
        h += ",\"coder\":" + self.json(self.coder) + ",\"coded_date\":"
        return (h, "}")
    }

    /// Entity objects: the event's participants, else its state (older digests carry no participants).
    /// `code` is the state's ISO alpha-3; a body of no state is `IGO` (an international organization), `NGO`
    /// or `MNC` (a company) by its sector; a person or body whose state is unknown has a null code.
    /// `entity_text` is the participant's mention in the sentence; the name when the sentence does not name it
    /// (its mention is then the event's trigger).
    private static func entities(
        _ participants: [Participant], state: String?, text: String?, event e: Event, sentence: Sentence?
    ) -> String {
        var items: [String] = []
        if participants.isEmpty {
            guard state != nil || text != nil else { return "[]" }
            let codes = CountryCodes.of(state)
            let entity = text ?? codes?.name ?? state ?? ""
            items.append(
                "{\"code\":" + self.json(codes?.alpha3) + ",\"sector\":null,\"entity_text\":" + self.json(entity)
                    + ",\"name\":" + self.json(codes?.name ?? entity) + ",\"kind\":" + (state == nil ? "null" : "\"state\"") + "}")
        }
        for p in participants {
            let code: String?
            if let country = p.country {
                code = CountryCodes.alpha3(country)
            } else if p.kind == .organization {
                code = p.sector == "NGO" ? "NGO" : p.sector == "BUS" ? "MNC" : "IGO"
            } else {
                code = nil
            }
            let written = p.mention == e.trigger ? p.name : self.mentionText(p.mention, in: sentence) ?? p.name
            items.append(
                "{\"code\":" + self.json(code) + ",\"sector\":" + self.json(p.sector) + ",\"entity_text\":"
                    + self.json(written) + ",\"name\":" + self.json(p.name) + ",\"kind\":" + self.json(p.kind.rawValue) + "}")
        }
        return "[" + items.joined(separator: ",") + "]"
    }

    /// The words of `span` in its sentence, as written, when the span lies in it.
    static func mentionText(_ span: Span, in sentence: Sentence?) -> String? {
        guard let sentence, span.sentence == sentence.index else { return nil }
        let scalars = sentence.text.unicodeScalars
        let from = span.start - sentence.start
        let to = span.end - sentence.start
        guard from >= 0, to > from, to <= scalars.count else { return nil }
        let a = scalars.index(scalars.startIndex, offsetBy: from)
        let b = scalars.index(a, offsetBy: to - from)
        return String(scalars[a..<b])
    }

    /// A JSON string (`null` for nil), as every line of the export writes it (``JSONText/quoted(_:)``).
    static func json(_ s: String?) -> String { JSONText.quoted(s) }

    /// `YYYY-MM-DD` (UTC) of epoch milliseconds.
    static func day(_ ms: Int64) -> String {
        let t = QueryEngine.gdeltTimestamp(ms)
        let c = Array(t)
        return String(c[0..<4]) + "-" + String(c[4..<6]) + "-" + String(c[6..<8])
    }
}
