import AttacheContracts
import AttacheWire
import Foundation
import Testing

/// What crawlers produce, pushed with the real `attache` binary to the real services.
extension SystemTests {
    @Suite(.serialized, .timeLimit(.minutes(5))) struct InputFormatTests {
        /// An invented article: a headline and three paragraphs.
        static let paragraphs = [
            "Harbour talks open in Haiphong",
            "Vietnamese Defence Minister Tran Minh Khoa met Lao Deputy Defence Minister Bounmy Keovilay in Hanoi on Tuesday.",
            "The two ministers signed a memorandum on border security cooperation and agreed to hold joint training next year.",
            "Vietnam will send a delegation of military engineers to Laos in June, the ministry said.",
        ]
        static let url = "https://news.example.org/world/2025/05/harbour-talks"

        /// The same article as a news site would serve it: navigation, share widgets, related links, comments,
        /// scripts and a footer around it.
        static var page: String {
            """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <title>Harbour talks open in Haiphong | Example News</title>
            <meta property="og:title" content="Harbour talks open in Haiphong">
            <meta property="article:published_time" content="2025-05-14T08:15:00+07:00">
            <link rel="canonical" href="\(Self.url)">
            <script>window.analytics = {page: "<p>not text</p>"};</script>
            <script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2025-05-14T08:15:00+07:00"}</script>
            </head><body>
            <nav class="top-menu"><a href="/">Home</a> <a href="/world">World</a></nav>
            <header class="masthead"><a class="logo">Example News</a></header>
            <ol class="breadcrumb"><li>World</li><li>Asia</li></ol>
            <main><article>
            <h1>\(Self.paragraphs[0])</h1>
            <div class="share-bar"><a>Share on Facebook</a><a>Tweet</a></div>
            <p>\(Self.paragraphs[1])</p>
            <p>The two ministers signed a memorandum on border security cooperation and agreed to hold joint
               training next year.</p>
            <aside class="related-stories"><h2>Related</h2><a>Minister visits Cambodia</a></aside>
            <p>Vietnam will send a delegation of military engineers to Laos in June, the ministry&nbsp;said.</p>
            <section id="comments"><p>Reader: the army of Laos attacked nobody.</p></section>
            </article></main>
            <div class="newsletter">Subscribe to our newsletter</div>
            <footer><p>&copy; 2025 Example News</p></footer>
            </body></html>
            """
        }

        /// Events as the aggregator keeps them, without where in the text they are (a `.txt` file carries its
        /// `date` line in its text, so its offsets are one line further on).
        struct EventFacts: Equatable, CustomStringConvertible {
            var type, mode, source, target, date, trigger, actor, recipient, sentence: String
            var actors, recipients: [String]
            var description: String { "\(type)/\(mode) \(source)→\(target) \(date) \"\(trigger)\" \(actors)→\(recipients)" }

            init(_ e: Event, in d: Digest) {
                self.type = e.type
                self.mode = e.mode ?? "-"
                self.source = e.source ?? "-"
                self.target = e.target ?? "-"
                self.date = e.date ?? "-"
                self.trigger = e.triggerText
                self.actor = e.actorText ?? "-"
                self.recipient = e.recipientText ?? "-"
                self.sentence = d.sentences.first(where: { $0.index == e.sentence })?.text ?? "?"
                self.actors = e.actors.map(Participant.describe)
                self.recipients = e.recipients.map(Participant.describe)
            }
        }


        static func pushArguments(_ extractor: ServiceProcess, _ workspace: Workspace) -> [String] {
            ["--extractor", "127.0.0.1:\(extractor.port)", "--tls-dir", workspace.certs]
        }

        /// The `--json` outcome lines of a push.
        static func outcomes(_ output: String) throws -> [[String: Any]] {
            try output.split(separator: "\n").map {
                try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any], "\($0)")
            }
        }

        static func document(_ doc: String, aggregator: ServiceProcess, workspace: Workspace) async throws -> Digest? {
            try await eventually(seconds: 20) {
                try await LineClient.withConnection(loopback(aggregator.port), tls: try workspace.tls(.client)) { connection in
                    let id = connection.makeID()
                    return try await connection.call(
                        QueryRequest(id: id, query: .document, params: QueryParams(doc: doc)), id: id, as: QueryReply.self
                    ).result.document
                }
            }
        }

        @Test func theSameArticleAsTextNewsPleaseJSONAndHTMLGivesTheSameEvents() async throws {
            let workspace = try Workspace()
            let (aggregator, extractor) = try ServicePair.start(in: workspace)
            defer {
                extractor.stop()
                aggregator.stop()
            }
            let dir = workspace.path + "/crawl"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            let body = Self.paragraphs.joined(separator: "\n\n")
            try ("date 2025-05-14\n" + body + "\n").write(toFile: dir + "/article.txt", atomically: true, encoding: .utf8)
            // a record as news-please writes it, its nulls and "None"s included
            let record: [String: Any] = [
                "authors": ["A. Reporter"], "date_download": "2025-05-14 09:02:11", "date_modify": "None",
                "date_publish": "2025-05-14 08:15:00", "description": "Two ministers met in Hanoi.", "filename": "harbour.json",
                "image_url": NSNull(), "language": "en", "localpath": NSNull(), "maintext": body,
                "source_domain": "news.example.org", "title": "Harbour talks open in Haiphong", "title_page": NSNull(),
                "title_rss": "None", "url": Self.url + "?from=rss",
            ]
            try JSONSerialization.data(withJSONObject: record).write(to: URL(fileURLWithPath: dir + "/article.json"))
            try Self.page.write(toFile: dir + "/article.html", atomically: true, encoding: .utf8)

            let (status, output) = try runTool("attache", ["push", "--json", dir] + Self.pushArguments(extractor, workspace))
            #expect(status == 0, "\(output)")
            let outcomes = try Self.outcomes(output)
            #expect(Set(outcomes.compactMap { $0["doc"] as? String }) == ["article.txt", Self.url + "?from=rss", Self.url])
            #expect(outcomes.allSatisfy { $0["status"] as? String == "new" || $0["status"] as? String == "queued" }, "\(output)")

            let txt = try #require(try await Self.document("article.txt", aggregator: aggregator, workspace: workspace))
            let json = try #require(try await Self.document(Self.url + "?from=rss", aggregator: aggregator, workspace: workspace))
            let html = try #require(try await Self.document(Self.url, aggregator: aggregator, workspace: workspace))
            let events = [txt, json, html].map { d in d.events.map { EventFacts($0, in: d) } }
            #expect(events[0].count >= 2, "the article has events: \(events[0])")
            #expect(events[1] == events[0], "news-please JSON")
            #expect(events[2] == events[0], "HTML")
            // JSON and HTML give the same text; the date from the record's field, the page's meta
            #expect(json.length == html.length)
            #expect([txt, json, html].map(\.published) == ["2025-05-14", "2025-05-14", "2025-05-14"])
            // URL and title travel with the document
            #expect(json.url == Self.url + "?from=rss" && json.title == "Harbour talks open in Haiphong" && json.source == "news.example.org")
            #expect(html.url == Self.url && html.title == "Harbour talks open in Haiphong" && html.source == "news.example.org")
            #expect(txt.url == nil)
            let sentences = html.sentences.map(\.text).joined(separator: " ")
            for junk in ["Share on Facebook", "Related", "Reader:", "Subscribe", "Example News", "not text", "Home"] {
                #expect(!sentences.contains(junk), "\(junk) is not the article's")
            }

            // The document list shows the url; the export's url column has it.
            let listed = try await LineClient.withConnection(loopback(aggregator.port), tls: try workspace.tls(.client)) { connection in
                let id = connection.makeID()
                return try await connection.call(
                    QueryRequest(id: id, query: .documents, params: QueryParams()), id: id, as: QueryReply.self
                ).result.documents ?? []
            }
            #expect(listed.first(where: { $0.doc == Self.url })?.url == Self.url)
            let shown = try runTool(
                "attache", ["query", "document", Self.url, "--aggregator", "127.0.0.1:\(aggregator.port)", "--tls-dir", workspace.certs])
            #expect(shown.status == 0, "\(shown.output)")
            #expect(shown.output.contains("url: \(Self.url)") && shown.output.contains("title: Harbour talks open in Haiphong"))
        }

        /// 1,000 JSONL records, one in ten without text: every record is accounted for, accepted or refused with
        /// its reason; a pipe gets no progress; a terminal gets the progress line.
        @Test func aThousandJSONLinesAddUp() async throws {
            let workspace = try Workspace()
            let (aggregator, extractor) = try ServicePair.start(in: workspace)
            defer {
                extractor.stop()
                aggregator.stop()
            }
            var lines: [String] = []
            for k in 1...1000 {
                var record: [String: Any] = ["title": "Bulletin \(k)", "date_publish": "2025-05-\(10 + k % 10) 10:00:00"]
                record["maintext"] = k % 10 == 0
                    ? NSNull()
                    : "Vietnamese officers met Lao officers in Vientiane on Monday for border talks number \(k)."
                if k % 3 == 0 { record["url"] = "https://news.example.org/bulletin/\(k)" }
                lines.append(String(decoding: try JSONSerialization.data(withJSONObject: record), as: UTF8.self))
            }
            let file = workspace.path + "/crawl.jsonl"
            try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)

            let (status, output) = try runTool("attache", ["push", "--json", file] + Self.pushArguments(extractor, workspace))
            #expect(status == 2, "refusals give exit status 2")
            let outcomes = try Self.outcomes(output)
            #expect(outcomes.count == 1000, "one line per record, nothing else on stdout")
            let refused = outcomes.filter { $0["status"] as? String == "refused" }
            let accepted = outcomes.filter { ["new", "queued"].contains($0["status"] as? String) }
            #expect(accepted.count == 900)
            #expect(refused.count == 100)
            #expect(accepted.count + refused.count == 1000)
            for r in refused {
                #expect(r["code"] as? String == "BAD_RECORD")
                #expect((r["message"] as? String)?.hasPrefix("no text") == true, "\(r)")
                let doc = try #require(r["doc"] as? String)
                #expect(doc.hasPrefix("crawl.jsonl:") && Int(doc.dropFirst("crawl.jsonl:".count))! % 10 == 0, "\(doc)")
            }
            #expect(!output.contains("\r") && !output.contains("\u{1B}"), "--json has no progress")
            let stored = try await eventually(seconds: 30) { () async throws -> Int? in
                let n = try await LineClient.withConnection(loopback(aggregator.port), tls: try workspace.tls(.client)) { connection in
                    let id = connection.makeID()
                    return try await connection.call(QueryRequest(id: id, query: .stats, params: QueryParams()), id: id, as: QueryReply.self)
                        .result.stats?.documents
                }
                return n == 900 ? n : nil
            }
            #expect(stored == 900)

            // Again into a pipe: the summary adds up, and no progress is drawn.
            let piped = try runTool("attache", ["push", file] + Self.pushArguments(extractor, workspace))
            #expect(piped.status == 2)
            #expect(piped.output.contains("accepted 900 (new 0, duplicate 900"), "\(piped.output)")
            #expect(piped.output.contains("refused 100"))
            #expect(piped.output.contains("refused 100: BAD_RECORD no text: none of maintext, text, content, body holds any"))
            #expect(!piped.output.contains("\r") && !piped.output.contains("\u{1B}"), "no progress into a pipe")

            // On a terminal (`script` gives the push one): the progress line, then the same summary.
            let command = ([try productsDirectory() + "/attache", "push", file] + Self.pushArguments(extractor, workspace))
                .map { "'\($0)'" }.joined(separator: " ")
            let terminal = try runProgram("/usr/bin/script", ["-qefc", command, "/dev/null"])
            #expect(terminal.status == 2, "\(terminal.output)")
            #expect(terminal.output.contains("/1000 documents"), "\(terminal.output)")
            #expect(terminal.output.contains("1000/1000 documents"))
            #expect(terminal.output.contains("100 refused"))
            #expect(terminal.output.contains("accepted 900 (new 0, duplicate 900"))
        }

        /// `-` reads JSON lines from standard input.
        @Test func jsonLinesOnStandardInput() async throws {
            let workspace = try Workspace()
            let (aggregator, extractor) = try ServicePair.start(in: workspace)
            defer {
                extractor.stop()
                aggregator.stop()
            }
            let input = workspace.path + "/input.jsonl"
            try """
                {"id": "stdin-a", "text": "Vietnamese officers met Lao officers in Vientiane.", "published": "2025-05-12"}

                {"text": ""}
                not json
                """.write(toFile: input, atomically: true, encoding: .utf8)
            let (status, output) = try runProgram(
                try productsDirectory() + "/attache", ["push", "--json", "-"] + Self.pushArguments(extractor, workspace), stdin: input)
            #expect(status == 2)
            let outcomes = try Self.outcomes(output)
            #expect(outcomes.count == 3)
            let byDoc = Dictionary(uniqueKeysWithValues: outcomes.map { ($0["doc"] as? String ?? "", $0) })
            #expect(["new", "queued"].contains(byDoc["stdin-a"]?["status"] as? String))
            #expect(byDoc["stdin:3"]?["message"] as? String == "no text: none of maintext, text, content, body holds any")
            #expect(byDoc["stdin:4"]?["message"] as? String == "not valid JSON")
            let doc = try #require(try await Self.document("stdin-a", aggregator: aggregator, workspace: workspace))
            #expect(doc.published == "2025-05-12")
        }
    }
}
