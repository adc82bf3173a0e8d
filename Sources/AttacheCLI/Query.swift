import AsyncAlgorithms
import AttacheContracts
import AttacheWire
import ArgumentParser
import Foundation

extension Attache {
    struct Query: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Ask the aggregator what it knows.",
            discussion: """
                KIND is one of: \(QueryKind.allCases.map(\.rawValue).joined(separator: ", ")).
                Examples: `attache query stats`, `attache query persons --state LA`,
                `attache query events --source VN --target LA`, `attache query document 004_ab2700ab582e3f15.txt`,
                `attache query actor --name "Kwame Asante"`, `attache query relations --state VN`,
                `attache query timeline --pair VN LA`, `attache query meetings --pair LA VN --from 2024-01-01`,
                `attache query trend --pair CN PH --from 2024-01` (per month and direction: events per quad class),
                `attache query search --text "joint exercise"`,
                `attache query export --format csv --stream > events.csv`,
                `attache query export --format plover --stream > events.jsonl` (then `--since WATERMARK` for the changes),
                `attache query export --format graphml > states.graphml`.
                """)

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "What to ask for.") var query: String
        @Argument(help: "The document id (for `document`).") var doc: String?
        @Option(help: "ISO alpha-2 state.") var state: String?
        @Option(help: "Name prefix.") var prefix: String?
        @Option(name: .customLong("type"), help: "PLOVER event type.") var eventType: String?
        @Option(help: "Source state of events.") var source: String?
        @Option(help: "Target state of events.") var target: String?
        @Option(help: "From date (YYYY-MM-DD, inclusive).") var from: String?
        @Option(help: "To date (YYYY-MM-DD, inclusive).") var to: String?
        @Option(help: "Page size.") var limit: Int?
        @Option(help: "Cursor from a previous page.") var cursor: String?
        @Option(help: "Event mode.") var mode: String?
        @Option(parsing: .upToNextOption, help: "Two states (events, stories, timeline, meetings, trend).") var pair: [String] = []
        @Option(help: "Actor id (actor, events).") var actor: Int64?
        @Option(help: "Actor name, resolved like a mention (actor).") var name: String?
        @Option(help: "person, organization or state (actors).") var kind: String?
        @Option(help: "Sort order (actors: mentions, recency, name).") var sort: String?
        @Option(help: "Full-text query (search) or sentence text filter (events).") var text: String?
        @Option(help: "Export format: jsonl, plover, csv, graphml, dot.") var format: String?
        @Option(help: "Watermark of an earlier plover export: only what changed after it (export).") var since: String?
        @Option(help: "Graph of a graphml or dot export: events (states, directed weighted edges) or actors.") var graph: String?
        @Option(help: "Story id (events: every report of that story).") var story: Int64?
        @Flag(help: "Fetch every page (the server streams them); exports print their data only.") var stream = false
        @Flag(help: "Print the raw JSON reply lines.") var json = false
        @Option(help: "A log sequence number (from `stats` or a stored reply): wait until the knowledge base includes it.")
        var after: Int64?

        func run() async throws {
            guard let kind = QueryKind(rawValue: self.query) else {
                throw ValidationError("unknown query '\(self.query)'; known: \(QueryKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let params = QueryParams(
                doc: self.doc, state: self.state?.uppercased(), prefix: self.prefix, eventType: self.eventType?.uppercased(),
                source: self.source?.uppercased(), target: self.target?.uppercased(), from: self.from, to: self.to,
                limit: self.limit, cursor: self.cursor, mode: self.mode, pair: self.pair.isEmpty ? nil : self.pair.map { $0.uppercased() },
                actor: self.actor, name: self.name, actorKind: self.kind, sort: self.sort, text: self.text, format: self.format,
                story: self.story, since: self.since, graph: self.graph)
            let json = self.json
            let codec = LineCodec()
            try await LineClient.withConnection(try self.connection.endpoint("aggregator"), tls: try self.connection.tls()) {
                connection in
                let id = connection.makeID()
                if self.stream {
                    let lines = try await connection.stream(QueryRequest(id: id, query: kind, params: params, stream: true, after: self.after), id: id)
                    for try await line in lines {
                        if json {
                            print(Terminal.jsonSafe(String(decoding: line, as: UTF8.self)))
                            continue
                        }
                        let header = try codec.decodeValue(LineHeader.self, from: line)
                        switch header.type {
                        case StreamRows.type:
                            let page = try codec.decodeValue(StreamRows.self, from: line)
                            if let export = page.result.export {
                                Render.printExport(export.data)
                                if let w = export.watermark, export.format == "plover", self.since == nil {
                                    FileHandle.standardError.write(Data("watermark: \(Terminal.safe(w))\n".utf8))
                                }
                            } else {
                                print(Render.result(page.result))
                            }
                        case StreamEnd.type:
                            let end = try codec.decodeValue(StreamEnd.self, from: line)
                            FileHandle.standardError.write(Data("\(end.rows) records in \(end.pages) pages\n".utf8))
                        default:
                            let error = try codec.decodeValue(ErrorReply.self, from: line)
                            throw ValidationError("\(error.code.rawValue): \(Terminal.safe(error.message))")
                        }
                    }
                    return
                }
                let line = try await connection.request(QueryRequest(id: id, query: kind, params: params, after: self.after), id: id)
                if json {
                    print(Terminal.jsonSafe(String(decoding: line, as: UTF8.self)))
                    return
                }
                let header = try codec.decodeValue(LineHeader.self, from: line)
                if header.type == ErrorReply.type {
                    let error = try codec.decodeValue(ErrorReply.self, from: line)
                    throw ValidationError("\(error.code.rawValue): \(Terminal.safe(error.message))")
                }
                let reply = try codec.decodeValue(QueryReply.self, from: line)
                if let export = reply.result.export {
                    Render.printExport(export.data)
                    if let next = reply.result.next { FileHandle.standardError.write(Data("more: --cursor \(next)\n".utf8)) }
                    if let w = export.watermark, export.format == "plover", self.since == nil {
                        FileHandle.standardError.write(Data("watermark: \(Terminal.safe(w))\n".utf8))
                    }
                } else {
                    print(Render.result(reply.result))
                }
            }
        }
    }
}

/// Human-readable renderings of query results. Stored text goes through ``Terminal/safe(_:keep:)``
/// (tables do it for their cells).
enum Render {
    /// Export data as it is (to a file or a pipe), or with its control characters escaped on a terminal.
    static func printExport(_ data: String) {
        let shown = Terminal.standardOutputIsTerminal ? Terminal.safe(data, keep: ["\n", "\r", "\t"]) : data
        print(shown, terminator: shown.hasSuffix("\n") ? "" : "\n")
    }

    static func result(_ result: QueryResult) -> String {
        var parts: [String] = []
        if let stats = result.stats {
            var t = Table("documents", "sentences", "persons", "organizations", "states", "events")
            t.add("\(stats.documents)", "\(stats.sentences)", "\(stats.persons)", "\(stats.organizations)", "\(stats.countries)", "\(stats.events)")
            parts.append(t.render())
            if let appended = stats.appended, let derived = stats.derived {
                parts.append(
                    "log: appended through seq \(appended), derived through \(derived); lag \(stats.lagDocuments ?? 0) documents, "
                        + String(format: "%.1f s", stats.lagSeconds ?? 0))
            }
        }
        if let documents = result.documents {
            var t = Table("document", "published", "persons", "orgs", "states", "events", "hash")
            for d in documents {
                t.add(d.doc, d.published, "\(d.counts.persons)", "\(d.counts.organizations)", "\(d.counts.countries)",
                      "\(d.counts.events)", String(d.contentHash.prefix(12)))
            }
            parts.append(t.render())
        }
        if let digest = result.document { parts.append(self.digest(digest)) }
        if let actors = result.actors { parts.append(self.actors(actors)) }
        if let countries = result.countries {
            var t = Table("state", "documents", "events")
            for c in countries { t.add(c.code, "\(c.documents)", "\(c.events)") }
            parts.append(t.render())
        }
        if let events = result.events { parts.append(self.events(events)) }
        if let profile = result.actor { parts.append(self.profile(profile)) }
        if let stories = result.stories {
            var t = Table("story", "type", "mode", "source", "target", "first", "last", "mentions", "docs", "sources")
            for s in stories {
                t.add("\(s.id)", s.type, s.mode, s.source, s.target, s.firstDate, s.lastDate, "\(s.mentions)", "\(s.documents)", "\(s.sources)")
            }
            parts.append(t.render())
        }
        if let relations = result.relations {
            var t = Table("partner", "events", "by type (out/in)", "first", "last")
            for r in relations {
                let types = r.types.map { "\($0.type) \($0.outgoing)/\($0.incoming)" }.joined(separator: ", ")
                t.add(r.partner, "\(r.events)", types, r.firstDate, r.lastDate)
            }
            parts.append(t.render(maxWidth: 90))
        }
        if let meetings = result.meetings { parts.append(self.meetings(meetings)) }
        if let trend = result.trend {
            var t = Table("month", "from", "to", "events", "v.coop", "m.coop", "v.confl", "m.confl", "net", "by type")
            for r in trend {
                let q = r.quads.count == 4 ? r.quads : [0, 0, 0, 0]
                t.add(
                    r.month, r.source, r.target, "\(r.events)", "\(q[0])", "\(q[1])", "\(q[2])", "\(q[3])",
                    String(format: "%+.2f", r.netCooperation), r.types.map { "\($0.type) \($0.events)" }.joined(separator: ", "))
            }
            parts.append(t.render(maxWidth: 110))
        }
        if let hits = result.hits {
            var t = Table("document", "published", "sentence", "match")
            for h in hits { t.add(h.doc, h.published, "\(h.sentence)", h.highlight) }
            parts.append(t.render(maxWidth: 100))
        }
        if let next = result.next { parts.append("more: --cursor \(Terminal.safe(next))") }
        return parts.joined(separator: "\n\n")
    }

    static func profile(_ p: ActorProfile) -> String {
        let a = p.actor
        let safe = { (s: String) in Terminal.safe(s) }
        var out = [
            "\(safe(a.name))  (\(safe(a.kind)) #\(a.id), state \(safe(a.country ?? "-")), rank \(safe(a.rank ?? "-")), \(a.documents) documents)"
        ]
        out.append("names: " + p.names.map { "\(safe($0.name)) (\($0.documents))" }.joined(separator: ", "))
        if !p.ranks.isEmpty {
            out.append("ranks: " + p.ranks.map { safe($0.value + Self.seen($0)) }.joined(separator: "; "))
        }
        if !p.roles.isEmpty {
            out.append("roles: " + p.roles.map { safe($0.value + Self.seen($0)) }.joined(separator: "; "))
        }
        var merges = Table("merged name", "document", "rule", "evidence")
        for m in p.merges { merges.add(m.name, m.doc, m.rule, m.evidence) }
        out.append(merges.render(maxWidth: 70))
        var took = Table("took part", "role", "type", "mode", "date", "document", "counterparts")
        for e in p.participation {
            took.add(e.name, e.role, e.type, e.mode, e.date, "\(e.doc) #\(e.sentence)", Self.participants(e.counterparts))
        }
        out.append(took.render(maxWidth: 70))
        var met = Table("met", "kind", "state", "events", "last")
        for l in p.met { met.add(l.name, l.kind, l.country, "\(l.events)", l.lastDate) }
        out.append(met.render())
        var co = Table("co-mentioned", "kind", "documents")
        for l in p.coMentioned { co.add(l.name, l.kind, "\(l.documents)") }
        out.append(co.render())
        out.append(self.events(p.events))
        return out.joined(separator: "\n\n")
    }

    /// Participants on one line: `Name (person VN MIL)`, separated by semicolons.
    static func participants(_ list: [ParticipantRow]) -> String {
        list.map { p in
            let detail = [p.kind, p.country, p.sector].compactMap { $0 }.joined(separator: " ")
            return "\(p.name) (\(detail))"
        }.joined(separator: "; ")
    }

    static func meetings(_ meetings: [Meeting]) -> String {
        var t = Table("date", "type", "mode", "from A", "from B", "agreed / handed over", "document", "sentence")
        for m in meetings {
            // Types and trigger words; the sentences are in `--json`.
            let outcomes = m.outcomes.map { "\($0.type) \"\($0.trigger)\"" }.joined(separator: "; ")
            t.add(
                m.date, m.type, m.mode, "\(m.stateA): " + Self.participants(m.fromA), "\(m.stateB): " + Self.participants(m.fromB),
                outcomes, "\(m.doc) #\(m.sentenceIndex)", m.sentence)
        }
        return t.render(maxWidth: 60)
    }

    /// " [first … last]", " [date]", or nothing when no dated document showed it.
    static func seen(_ v: DatedValue) -> String {
        switch (v.firstSeen, v.lastSeen) {
        case (let first?, let last?) where first != last: " [\(first) … \(last)]"
        case (let first?, _): " [\(first)]"
        case (nil, let last?): " [\(last)]"
        case (nil, nil): ""
        }
    }

    static func actors(_ actors: [ActorSummary]) -> String {
        if !actors.isEmpty && actors.allSatisfy({ $0.kind != "person" }) {
            var t = Table("name", "kind", "state", "aliases", "docs")
            for a in actors { t.add(a.name, a.kind, a.country, a.aliases.joined(separator: ", "), "\(a.documents)") }
            return t.render()
        }
        var t = Table("name", "state", "rank", "roles", "aliases", "docs")
        for a in actors {
            t.add(a.name, a.country, a.rank, a.roles.joined(separator: "; "), a.aliases.joined(separator: ", "), "\(a.documents)")
        }
        return t.render()
    }

    static func events(_ events: [EventRow]) -> String {
        var t = Table("type", "mode", "source", "target", "date", "document", "trigger")
        for e in events { t.add(e.type, e.mode, e.source, e.target, e.date, e.doc, e.trigger) }
        return t.render()
    }

    static func digest(_ d: Digest) -> String {
        var out = [
            "\(Terminal.safe(d.doc))  published \(Terminal.safe(d.published ?? "-"))  \(d.sentences.count) sentences  sha256 \(Terminal.safe(String(d.contentHash.prefix(16))))"
        ]
        // Where the document came from, as pushed.
        for (label, value) in [("title", d.title), ("source", d.source), ("url", d.url)] {
            if let value { out[0] += "\n\(label): \(Terminal.safe(value))" }
        }
        var persons = Table("person", "state", "rank", "roles", "aliases")
        for p in d.persons { persons.add(p.name, p.country, p.rank, p.roles.joined(separator: "; "), p.aliases.joined(separator: ", ")) }
        out.append(persons.render())
        var orgs = Table("organization", "state", "aliases")
        for o in d.organizations { orgs.add(o.name, o.country, o.aliases.joined(separator: ", ")) }
        out.append(orgs.render())
        out.append("states: " + Terminal.safe(d.countries.map(\.code).joined(separator: " ")))
        var events = Table("type", "mode", "source", "target", "date", "conf", "sentence")
        for e in d.events {
            let sentence = d.sentences.first(where: { $0.index == e.sentence })?.text ?? ""
            events.add(e.type, e.mode, e.source, e.target, e.date, String(format: "%.2f", e.confidence), sentence)
        }
        out.append(events.render())
        return out.joined(separator: "\n\n")
    }
}
