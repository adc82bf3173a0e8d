import AttacheContracts
import AttacheWire
import Foundation
import Testing

/// What analysts' tools read: the PLOVER export (checked against its JSON Schema with `jsonschema`), its
/// incremental form, the state graph in GraphML (read by NetworkX) and the CSV's country codes, through the
/// real services and the real `attache` binary. The Python checks are `scripts/check_exports.py`
/// (`.ci/run` installs `jsonschema` and `networkx`).
extension SystemTests {
    @Suite(.serialized, .timeLimit(.minutes(5))) struct ExportFormatTests {
        final class System: ServicePair, @unchecked Sendable {
            /// Pushes `docs` and waits until the aggregator holds `stored` documents whose versions answer these
            /// pushes (a push answered while the extractor's link is still coming up is queued in its outbox).
            func push(_ docs: [DocumentInput], stored: Int, replaced: Bool = false) async throws -> Bool {
                let replies = try await AttacheSystemTests.push(docs, port: self.extractor.port, workspace: self.workspace)
                let fine: Set<StoreStatus> = replaced ? [.replaced, .queued] : [.new, .queued]
                guard replies.allSatisfy({ fine.contains($0.status) }) else { return false }
                let hashes = Dictionary(replies.map { ($0.doc, $0.contentHash) }, uniquingKeysWith: { $1 })
                let done = try await eventually(seconds: 30) { () async throws -> Bool? in
                    let documents = try await LineClient.withConnection(
                        loopback(self.aggregator.port), tls: try self.workspace.tls(.client)
                    ) { connection in
                        let id = connection.makeID()
                        return try await connection.call(
                            QueryRequest(id: id, query: .documents, params: QueryParams(limit: 100)), id: id, as: QueryReply.self
                        ).result.documents ?? []
                    }
                    let current = documents.filter { hashes[$0.doc] == $0.contentHash }
                    return documents.count == stored && current.count == hashes.count ? true : nil
                }
                return done == true
            }

            /// `attache query export …` with its standard output and standard error apart.
            func export(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
                try runSplit(
                    "attache",
                    ["query", "export"] + arguments + [
                        "--aggregator", "127.0.0.1:\(self.aggregator.port)", "--tls-dir", self.workspace.certs,
                    ])
            }
        }

        /// Invented reports: states meeting, agreeing, aiding; one document reports two events in one sentence.
        static let documents = [
            DocumentInput(
                id: "talks-1.txt",
                text: """
                    HANOI — Vietnamese Defence Minister Tran Van Hoang met Lao Deputy Defence Minister Somphet Vongsa in Hanoi on Tuesday.

                    The two ministers signed a memorandum on border security cooperation.

                    Vietnam will send military engineers to Laos in June, the ministry said.
                    """,
                published: "2025-05-13", source: "example-wire", title: "Border talks in Hanoi",
                url: "https://news.example.org/2025/05/border-talks"),
            DocumentInput(
                id: "talks-2.txt",
                text: """
                    PHNOM PENH — Cambodian Foreign Minister Chea Sothy received the Ambassador of Thailand in Phnom Penh on Monday.

                    Thailand pledged to fund a new bridge across the border river.
                    """,
                published: "2025-05-12", source: "example-wire"),
            DocumentInput(
                id: "talks-3.txt",
                text: """
                    VIENTIANE — Laos and Vietnam held joint naval drills on the Mekong on Friday.

                    Lao Prime Minister Bounmy Phanthavong visited Hanoi on Saturday and met Vietnamese leaders.
                    """,
                published: "2025-05-16"),
        ]

        /// `talks-1.txt` corrected: its first two paragraphs as before, the third says something else.
        static let corrected = DocumentInput(
            id: "talks-1.txt",
            text: """
                HANOI — Vietnamese Defence Minister Tran Van Hoang met Lao Deputy Defence Minister Somphet Vongsa in Hanoi on Tuesday.

                The two ministers signed a memorandum on border security cooperation.

                Vietnam accused Cambodia of blocking the talks on the river border.
                """,
            published: "2025-05-13", source: "example-wire", title: "Border talks in Hanoi",
            url: "https://news.example.org/2025/05/border-talks")

        @Test func ploverRecordsValidateHaveStableIdsAndSyncIncrementally() async throws {
            let a = try System()
            defer { a.stop() }
            #expect(try await a.push(Self.documents, stored: 3))

            let first = try a.export(["--format", "plover", "--stream"])
            #expect(first.status == 0, "\(first.err)")
            let records = try Self.objects(first.out)
            #expect(records.count >= 5, "the documents have events: \(first.out)")
            try Self.check("plover", first.out, in: a.workspace)
            // States in ISO alpha-3, the document's provenance in cite_info.
            let talks = records.filter { ($0["cite_info"] as? [String: Any])?["doc"] as? String == "talks-1.txt" }
            #expect(!talks.isEmpty)
            let codes = Set(talks.flatMap { r in (r["actor"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String } })
            #expect(codes.isSubset(of: ["VNM", "LAO"]) && codes.contains("VNM"), "\(codes)")
            let cite = try #require(talks.first?["cite_info"] as? [String: Any])
            #expect(cite["url"] as? String == "https://news.example.org/2025/05/border-talks")
            #expect(cite["title"] as? String == "Border talks in Hanoi" && cite["publication"] as? String == "example-wire")
            let watermark = try #require(Self.watermark(first.err), "the export tells its watermark: \(first.err)")

            // The same export again: the same lines, the same ids.
            let again = try a.export(["--format", "plover", "--stream"])
            #expect(again.out == first.out)

            // A fresh store fed the same documents: the same ids (and records, coding day aside).
            let b = try System()
            defer { b.stop() }
            #expect(try await b.push(Self.documents, stored: 3))
            let other = try b.export(["--format", "plover", "--stream"])
            #expect(other.status == 0)
            #expect(try Self.ids(other.out) == Self.ids(first.out))
            #expect(try Self.byId(other.out) == Self.byId(first.out))

            // Nothing changed yet: the incremental export is its watermark alone.
            let quiet = try a.export(["--format", "plover", "--stream", "--since", watermark])
            #expect(quiet.status == 0, "\(quiet.err)")
            #expect(quiet.out == "{\"watermark\":\"\(watermark)\"}\n")

            // A document replaced: exactly its removed events, then its new or changed ones, then the next watermark.
            #expect(try await a.push([Self.corrected], stored: 3, replaced: true))
            let after = try a.export(["--format", "plover", "--stream"])
            let before = try Self.byId(first.out)
            let now = try Self.byId(after.out)
            let removed = Set(before.keys).subtracting(now.keys)
            let changed = Set(now.keys.filter { before[$0] != now[$0] })
            #expect(!removed.isEmpty && !changed.isEmpty, "the correction removes and adds events")
            let keptInReplaced = now.filter { before[$0.key] == $0.value && ($0.value["doc"] as? String) == "talks-1.txt" }
            #expect(!keptInReplaced.isEmpty, "events of the unchanged paragraphs are kept as they were")

            let delta = try a.export(["--format", "plover", "--stream", "--since", watermark])
            #expect(delta.status == 0, "\(delta.err)")
            try Self.check("changes", delta.out, in: a.workspace)
            let lines = try Self.objects(delta.out)
            let removals = lines.compactMap { $0["removed"] as? String }
            let upserts = lines.compactMap { $0["watermark"] == nil && $0["removed"] == nil ? $0["id"] as? String : nil }
            #expect(Set(removals) == removed && removals.count == removed.count, "removed \(removals), expected \(removed)")
            #expect(Set(upserts) == changed && upserts.count == changed.count, "sent \(upserts), expected \(changed)")
            #expect(lines.allSatisfy { $0["removed"] == nil || $0["doc"] as? String == "talks-1.txt" })
            // Removals first, the watermark last.
            let kinds = lines.map { $0["removed"] != nil ? 0 : $0["watermark"] != nil ? 2 : 1 }
            #expect(kinds == kinds.sorted() && kinds.last == 2)
            let next = try #require(lines.last?["watermark"] as? String)
            #expect(Int(next)! > Int(watermark)!)
            #expect(delta.err.contains("records in") && !delta.err.contains("watermark:"), "\(delta.err)")

            // Applying the delta to the first export gives the second; and after it, nothing more.
            var synced = before
            for id in removals { synced[id] = nil }
            for line in lines where line["id"] != nil { synced[line["id"] as! String] = Self.comparable(line) }
            #expect(synced == now)
            let rest = try a.export(["--format", "plover", "--stream", "--since", next])
            #expect(rest.out == "{\"watermark\":\"\(next)\"}\n")

            // Watermarks the store cannot have given are refused.
            let ahead = try a.export(["--format", "plover", "--since", "999999"])
            #expect(ahead.status != 0 && ahead.err.contains("ahead of this store"), "\(ahead.err)")
            let csvSince = try a.export(["--format", "csv", "--since", watermark])
            #expect(csvSince.status != 0 && csvSince.err.contains("since is for the plover export"))
        }

        @Test func graphMLHasOneWeightedEdgePerDirectedPairAndCSVCarriesCodes() async throws {
            let system = try System()
            defer { system.stop() }
            #expect(try await system.push(Self.documents, stored: 3))

            let graph = try system.export(["--format", "graphml"])
            #expect(graph.status == 0, "\(graph.err)")
            let summary = try Self.check("graphml", graph.out, in: system.workspace)
            let edges = try #require(summary["edges"] as? [[Any]])
            // The weights are the events between states, counted from the CSV export (one row per event).
            let csv = try system.export(["--format", "csv", "--stream"])
            #expect(csv.status == 0)
            let rows = csv.out.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            let header = try #require(rows.first)
            #expect(
                Array(header.prefix(10)) == [
                    "GLOBALEVENTID", "SQLDATE", "Actor1Name", "Actor1CountryCode", "Actor1ISO3", "Actor1COW", "Actor2Name",
                    "Actor2CountryCode", "Actor2ISO3", "Actor2COW",
                ])
            var counted: [String: Int] = [:]
            for row in rows.dropFirst() where row.count == header.count && !row[3].isEmpty && !row[7].isEmpty {
                counted[row[3] + ">" + row[7], default: 0] += 1
            }
            let weights = Dictionary(uniqueKeysWithValues: edges.map { ("\($0[0])>\($0[1])", Int($0[2] as! Double)) })
            #expect(!weights.isEmpty && weights == counted, "graph \(weights), events \(counted)")
            #expect(counted.values.contains { $0 > 1 } || counted.count > 1, "\(counted)")
            // Vietnam: ISO alpha-3 and Correlates of War number beside the alpha-2.
            let vn = try #require(rows.first { $0.count > 5 && $0[3] == "VN" }, "\(csv.out)")
            #expect(vn[4] == "VNM" && vn[5] == "816", "\(vn)")

            // The co-mention graph of actors is still there when asked for.
            let actors = try system.export(["--format", "graphml", "--graph", "actors", "--kind", "person"])
            #expect(actors.status == 0 && actors.out.contains("edgedefault=\"undirected\""), "\(actors.err)")
        }

        // MARK: helpers

        /// Runs `scripts/check_exports.py KIND` on `text`; fails the test with its reasons, else returns its summary.
        @discardableResult
        static func check(_ kind: String, _ text: String, in workspace: Workspace) throws -> [String: Any] {
            let file = workspace.path + "/export-\(UUID().uuidString)"
            try text.write(toFile: file, atomically: true, encoding: .utf8)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", repositoryRoot + "/scripts/check_exports.py", kind, file]
            let (status, out, err) = try collect(process)
            #expect(status == 0, "check_exports.py \(kind) failed:\n\(err)")
            return (try? JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any]) ?? [:]
        }

        static func objects(_ text: String) throws -> [[String: Any]] {
            try text.split(separator: "\n").map {
                try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any], "\($0)")
            }
        }

        static func ids(_ text: String) throws -> [String] { try self.objects(text).compactMap { $0["id"] as? String } }

        /// Records by id, without the coding day, as comparable values (their JSON with sorted keys).
        static func byId(_ text: String) throws -> [String: NSDictionary] {
            var out: [String: NSDictionary] = [:]
            for o in try self.objects(text) { if let id = o["id"] as? String { out[id] = self.comparable(o) } }
            return out
        }

        static func comparable(_ record: [String: Any]) -> NSDictionary {
            var r = record
            r["coded_date"] = nil
            r["doc"] = (record["cite_info"] as? [String: Any])?["doc"]
            return r as NSDictionary
        }

        static func watermark(_ stderr: String) -> String? {
            stderr.split(separator: "\n").first { $0.hasPrefix("watermark: ") }.map { String($0.dropFirst("watermark: ".count)) }
        }
    }
}

/// Runs one of our executables with its standard output and standard error kept apart.
func runSplit(_ binary: String, _ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try productsDirectory() + "/" + binary)
    process.arguments = arguments
    return try collect(process)
}

/// Runs `process` to completion, its output in files (no pipe to fill), and returns status, stdout and stderr.
func collect(_ process: Process) throws -> (status: Int32, out: String, err: String) {
    let base = FileManager.default.temporaryDirectory.appendingPathComponent("attache-split-\(UUID().uuidString)")
    let (outURL, errURL) = (base.appendingPathExtension("out"), base.appendingPathExtension("err"))
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
    defer {
        try? FileManager.default.removeItem(at: outURL)
        try? FileManager.default.removeItem(at: errURL)
    }
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try out.close()
    try err.close()
    return (
        process.terminationStatus, (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
        (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
    )
}
