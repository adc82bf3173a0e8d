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
                `attache query events --source VN --target LA`, `attache query document 004_ab2700ab582e3f15.txt`.
                """)

        @OptionGroup var connection: ConnectionOptions
        @Argument(help: "What to ask for.") var kind: String
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
        @Flag(help: "Print the raw JSON reply.") var json = false

        func run() async throws {
            guard let kind = QueryKind(rawValue: self.kind) else {
                throw ValidationError("unknown query '\(self.kind)'; known: \(QueryKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let params = QueryParams(
                doc: self.doc, state: self.state?.uppercased(), prefix: self.prefix, eventType: self.eventType?.uppercased(),
                source: self.source?.uppercased(), target: self.target?.uppercased(), from: self.from, to: self.to,
                limit: self.limit, cursor: self.cursor)
            let line = try await LineClient.withConnection(try self.connection.endpoint("aggregator"), tls: try self.connection.tls()) {
                connection in
                let id = connection.makeID()
                return try await connection.request(QueryRequest(id: id, query: kind, params: params), id: id)
            }
            if self.json {
                print(String(decoding: line, as: UTF8.self))
                return
            }
            let codec = LineCodec()
            let header = try codec.decodeValue(LineHeader.self, from: line)
            if header.type == ErrorReply.type {
                let error = try codec.decodeValue(ErrorReply.self, from: line)
                throw ValidationError("\(error.code.rawValue): \(error.message)")
            }
            let reply = try codec.decodeValue(QueryReply.self, from: line)
            print(Render.result(reply.result))
        }
    }
}

/// Human-readable renderings of query results.
enum Render {
    static func result(_ result: QueryResult) -> String {
        var parts: [String] = []
        if let stats = result.stats {
            var t = Table("documents", "sentences", "persons", "organizations", "states", "events")
            t.add("\(stats.documents)", "\(stats.sentences)", "\(stats.persons)", "\(stats.organizations)", "\(stats.countries)", "\(stats.events)")
            parts.append(t.render())
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
        if let next = result.next { parts.append("more: --cursor \(next)") }
        return parts.joined(separator: "\n\n")
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
        var out = ["\(d.doc)  published \(d.published ?? "-")  \(d.sentences.count) sentences  sha256 \(d.contentHash.prefix(16))"]
        var persons = Table("person", "state", "rank", "roles", "aliases")
        for p in d.persons { persons.add(p.name, p.country, p.rank, p.roles.joined(separator: "; "), p.aliases.joined(separator: ", ")) }
        out.append(persons.render())
        var orgs = Table("organization", "state", "aliases")
        for o in d.organizations { orgs.add(o.name, o.country, o.aliases.joined(separator: ", ")) }
        out.append(orgs.render())
        out.append("states: " + d.countries.map(\.code).joined(separator: " "))
        var events = Table("type", "mode", "source", "target", "date", "conf", "sentence")
        for e in d.events {
            let sentence = d.sentences.first(where: { $0.index == e.sentence })?.text ?? ""
            events.add(e.type, e.mode, e.source, e.target, e.date, String(format: "%.2f", e.confidence), sentence)
        }
        out.append(events.render())
        return out.joined(separator: "\n\n")
    }
}
