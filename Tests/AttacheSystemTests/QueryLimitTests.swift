import AsyncAlgorithms
import AttacheContracts
import AttacheWire
import Foundation
import Synchronization
import Testing

/// The aggregator's query side under abuse, through the real service over TLS: replies bounded in
/// bytes, full-text queries bounded in terms and time, subscriptions bounded in number and buffered
/// bytes, and bad input answered as bad input.
extension SystemTests {
    @Suite(.serialized, .timeLimit(.minutes(5))) struct QueryLimitTests {
        final class Aggregator: @unchecked Sendable {
            let workspace: Workspace
            let service: ServiceProcess
            var port: Int { self.service.port }

            /// - Parameter config: aggregator settings written to a config file (`max-query-ms`…).
            init(config: [String: Int] = [:]) throws {
                self.workspace = try Workspace()
                let extra = config.isEmpty ? [] : try aggregatorConfig(config, in: self.workspace)
                self.service = try ServiceProcess(
                    "attache-aggregator", arguments: ["--database", self.workspace.path + "/kb.sqlite"] + extra,
                    in: self.workspace, name: "aggregator")
            }

            func connect<R: Sendable>(_ body: @Sendable (LineConnection) async throws -> R) async throws -> R {
                try await LineClient.withConnection(loopback(self.port), tls: try self.workspace.tls(.client), body)
            }

            /// The raw reply line to a query (a `result` or an `error`).
            func queryLine(_ kind: QueryKind, _ params: QueryParams, on connection: LineConnection) async throws -> Data {
                let id = connection.makeID()
                return try await connection.request(QueryRequest(id: id, query: kind, params: params), id: id)
            }

            /// Stores `digests` and waits until the knowledge base has derived them (`after` the last seq).
            func store(_ digests: [Digest]) async throws {
                let replies = try await storeDigests(digests, port: self.port, workspace: self.workspace)
                #expect(replies.count == digests.count)
                let last = replies.compactMap(\.seq).max() ?? 0
                try await self.connect { connection in
                    let deadline = ContinuousClock.now + .seconds(120)
                    while true {
                        let id = connection.makeID()
                        do {
                            _ = try await connection.call(QueryRequest(id: id, query: .stats, after: last), id: id, as: QueryReply.self)
                            return
                        } catch let error as ErrorReply where error.code == .busy && ContinuousClock.now < deadline {
                            continue
                        }
                    }
                }
            }

            func stop() { #expect(self.service.stop() == 0, "\(self.service.logText())") }
        }

        static func decodeError(_ line: Data) -> ErrorReply? {
            guard (try? LineCodec().decodeValue(LineHeader.self, from: line))?.type == ErrorReply.type else { return nil }
            return try? LineCodec().decodeValue(ErrorReply.self, from: line)
        }

        // MARK: 1. Replies stop at a byte budget

        /// 120 events whose sentences are 62 KB each: about 7.5 MB if one page held them all.
        static func longSentenceDigests() -> [Digest] {
            (0..<12).map { d in
                handMadeDigest(
                    doc: "long-\(d).txt",
                    sentences: (0..<10).map { s in "Talks " + String(repeating: "between Vietnam and Laos d\(d)s\(s) ", count: 2000) })
            }
        }

        @Test func aPageOfLongRowsStopsAtTheReplyBudgetAndGivesItsCursor() async throws {
            let aggregator = try Aggregator()
            defer { aggregator.stop() }
            try await aggregator.store(Self.longSentenceDigests())
            try await aggregator.connect { connection in
                let advertised = try advertisedLimits(try await connection.hello())["maxReplyBytes"]
                #expect(advertised != nil, "the hello advertises the reply budget")
                // (A server that advertises none is held to the line a client accepts by default.)
                let budget = advertised ?? Limits.defaultMaxLineBytes

                // One page asked for 10,000 rows: it stops at the budget and says where to go on.
                let first = try await aggregator.queryLine(.events, QueryParams(limit: 10_000), on: connection)
                #expect(first.count <= budget, "a page of \(first.count) bytes exceeds the \(budget)-byte budget")
                let page = try LineCodec().decodeValue(QueryReply.self, from: first).result
                #expect(page.next != nil, "a page cut by the budget carries its cursor")
                #expect((page.events?.count ?? 0) >= 1)

                // Following the cursors gives every event once, each line within the budget.
                var ids: [Int64] = []
                var cursor: String?
                var pages = 0
                repeat {
                    let line = try await aggregator.queryLine(.events, QueryParams(limit: 10_000, cursor: cursor), on: connection)
                    #expect(line.count <= budget)
                    let result = try LineCodec().decodeValue(QueryReply.self, from: line).result
                    ids += (result.events ?? []).map(\.id)
                    cursor = result.next
                    pages += 1
                } while cursor != nil && pages < 100
                #expect(ids.count == 120)
                #expect(ids == ids.sorted() && Set(ids).count == ids.count)

                // The same through a streamed answer, and for the other row queries.
                for (kind, params, pagesExpected) in [
                    (QueryKind.events, QueryParams(limit: 10_000), true), (.search, QueryParams(limit: 10_000, text: "Vietnam"), true),
                    (.timeline, QueryParams(limit: 10_000, pair: ["VN", "LA"]), true),
                    (.export, QueryParams(limit: 10_000, format: "jsonl"), true),
                    (.export, QueryParams(limit: 10_000, format: "csv"), false),
                ] {
                    let id = connection.makeID()
                    var rows = 0
                    var lines = 0
                    for try await line in try await connection.stream(
                        QueryRequest(id: id, query: kind, params: params, stream: true), id: id)
                    {
                        lines += 1
                        #expect(line.count <= budget, "\(kind) \(params.format ?? ""): a line of \(line.count) bytes")
                        if let end = try? LineCodec().decodeValue(StreamEnd.self, from: line), end.type == StreamEnd.type {
                            rows = end.rows
                        }
                        #expect(Self.decodeError(line) == nil, "\(String(decoding: line.prefix(300), as: UTF8.self))")
                    }
                    #expect(rows >= 12, "\(kind): \(rows) rows in \(lines) lines")
                    #expect(!pagesExpected || lines > 2, "\(kind): more than one page")
                }
            }
        }

        // MARK: 2. Full-text queries have a budget

        /// 40 documents of 25 sentences with many distinct words.
        static func vocabularyDigests() -> [Digest] {
            let letters = Array("abcdefghijklmnopqrstuvwxyz")
            return (0..<40).map { d in
                handMadeDigest(
                    doc: "vocab-\(d).txt",
                    sentences: (0..<25).map { s in
                        "Talks " + (0..<30).map { w in
                            let n = d * 1000 + s * 40 + w
                            return "\(letters[n % 26])\(letters[(n / 26) % 26])\(letters[(n / 676) % 26])word\(n)"
                        }.joined(separator: " ")
                    })
            }
        }

        @Test func searchesOfThousandsOfPrefixTermsAreRefusedAtOnceAndStatsIsServed() async throws {
            // (nine clients connect from one address at once: more than the default of eight handshakes in
            // progress per address, which would close the oldest when the machine is slow)
            let aggregator = try Aggregator(config: ["max-pending-handshakes-per-address": 16])
            defer { aggregator.stop() }
            try await aggregator.store(Self.vocabularyDigests())
            let letters = Array("abcdefghijklmnopqrstuvwxyz")
            // 2,600 prefix terms: every two-letter prefix, four times over with a digit.
            let text = (0..<2600).map { i in "\(letters[i % 26])\(letters[(i / 26) % 26])\(i / 676)*" }.joined(separator: " ")
            let clock = ContinuousClock()
            let start = clock.now
            let answers = try await withThrowingTaskGroup(of: ErrorReply?.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        try await aggregator.connect { connection in
                            Self.decodeError(try await aggregator.queryLine(.search, QueryParams(text: text), on: connection))
                        }
                    }
                }
                // Meanwhile `stats` is served promptly.
                try await aggregator.connect { connection in
                    let asked = clock.now
                    _ = try await connection.call(QueryRequest(id: 1, query: .stats), id: 1, as: QueryReply.self)
                    #expect(clock.now - asked < .seconds(2), "stats waited \(clock.now - asked)")
                }
                var answers: [ErrorReply?] = []
                for try await answer in group { answers.append(answer) }
                return answers
            }
            #expect(clock.now - start < .seconds(5))
            for answer in answers {
                #expect(answer?.code == .badRequest, "a query of 2,600 terms is refused: \(String(describing: answer))")
                #expect(answer?.message.contains("terms") == true)
            }
            // A search of a few words still works.
            try await aggregator.connect { connection in
                let reply = try await aggregator.queryLine(.search, QueryParams(text: "aaaword0 talks"), on: connection)
                #expect(Self.decodeError(reply) == nil)
            }
        }

        @Test func aPrefixThatExpandsToTooManyIndexedWordsIsRefused() async throws {
            let aggregator = try Aggregator()
            defer { aggregator.stop() }
            // 30,000 distinct words; "aa*" alone expands to about 1,150 of them.
            try await aggregator.store(Self.vocabularyDigests())
            try await aggregator.connect { connection in
                let limits = try advertisedLimits(try await connection.hello())
                let expansions = try #require(limits["maxSearchExpansions"], "the hello advertises the expansion cap")
                #expect(expansions < 1_000)
                let refused = Self.decodeError(try await aggregator.queryLine(.search, QueryParams(text: "talks a*"), on: connection))
                #expect(refused?.code == .tooExpensive, "\(String(describing: refused))")
                #expect(refused?.message.contains("a*") == true)
                let events = Self.decodeError(try await aggregator.queryLine(.events, QueryParams(text: "a*"), on: connection))
                #expect(events?.code == .tooExpensive)
                // A narrower prefix is fine.
                let narrow = try await aggregator.queryLine(.search, QueryParams(text: "aab*"), on: connection)
                #expect(Self.decodeError(narrow) == nil)
            }
        }

        @Test func aQueryOverItsTimeBudgetIsStoppedWithTooExpensive() async throws {
            let aggregator = try Aggregator(config: ["max-query-ms": 5])
            defer { aggregator.stop() }
            // 20,000 sentences that all match "talks": ranking and sorting them takes far more than 5 ms.
            try await aggregator.store(
                (0..<40).map { d in
                    handMadeDigest(doc: "busy-\(d).txt", sentences: (0..<500).map { s in "Talks on item \(d)-\(s) went on." })
                })
            try await aggregator.connect { connection in
                let limits = try advertisedLimits(try await connection.hello())
                #expect(limits["maxQueryMilliseconds"] == 5, "the hello advertises the time budget: \(limits)")
                let reply = try await aggregator.queryLine(.search, QueryParams(text: "talks"), on: connection)
                let error = Self.decodeError(reply)
                #expect(error?.code == .tooExpensive, "\(String(decoding: reply.prefix(300), as: UTF8.self))")
                #expect(error?.message.contains("5 ms") == true, "\(String(describing: error))")
                // A cheap query on the same connection is still answered.
                _ = try await connection.call(QueryRequest(id: "s", query: .stats), id: "s", as: QueryReply.self)
            }
        }

        // MARK: 3. Subscriptions are bounded

        @Test func theCapOfSubscriptionsPerConnectionIsExact() async throws {
            let aggregator = try Aggregator()
            defer { aggregator.stop() }
            for attempt in 0..<5 {
                let (subscribed, refused, cap) = try await aggregator.connect { connection in
                    let cap = try await connection.hello().limits.maxSubscriptions
                    // 100 subscribes at once, handled concurrently by the server.
                    let replies = try await withThrowingTaskGroup(of: Data.self) { group in
                        for i in 0..<100 {
                            group.addTask {
                                let id = RequestID.string("sub-\(i)")
                                return try await connection.request(SubscribeRequest(id: id), id: id)
                            }
                        }
                        var replies: [Data] = []
                        for try await reply in group { replies.append(reply) }
                        return replies
                    }
                    let refused = replies.compactMap(Self.decodeError)
                    return (replies.count - refused.count, refused, cap)
                }
                #expect(subscribed == cap, "attempt \(attempt): \(subscribed) subscriptions on one connection, cap \(cap)")
                #expect(refused.count == 100 - cap)
                #expect(refused.allSatisfy { $0.code == .tooExpensive })
            }
        }

        @Test func subscriptionsBeyondTheServerWideCapAreRefusedUntilOthersEnd() async throws {
            let aggregator = try Aggregator(config: ["max-subscriptions-total": 10])
            defer { aggregator.stop() }
            @Sendable func subscribe(_ n: Int, on connection: LineConnection) async throws -> [ErrorReply?] {
                var answers: [ErrorReply?] = []
                for _ in 0..<n {
                    let id = connection.makeID()
                    answers.append(Self.decodeError(try await connection.request(SubscribeRequest(id: id), id: id)))
                }
                return answers
            }
            // Two connections take 8; a third gets 2 more, then BUSY.
            let gate = AsyncStream.makeStream(of: Void.self)
            let held = AsyncStream.makeStream(of: Int.self)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<2 {
                    group.addTask {
                        try await aggregator.connect { connection in
                            let limits = try advertisedLimits(try await connection.hello())
                            #expect(limits["maxSubscriptionsTotal"] == 10, "\(limits)")
                            let answers = try await subscribe(4, on: connection)
                            held.continuation.yield(answers.filter { $0 == nil }.count)
                            for await _ in gate.stream { break }
                        }
                    }
                }
                var total = 0
                for await n in held.stream {
                    total += n
                    if total >= 8 { break }
                }
                #expect(total == 8)
                try await aggregator.connect { connection in
                    let answers = try await subscribe(4, on: connection)
                    #expect(answers.filter { $0 == nil }.count == 2, "\(answers)")
                    #expect(answers.compactMap { $0 }.allSatisfy { $0.code == .busy }, "\(answers)")
                }
                gate.continuation.finish()
                try await group.waitForAll()
            }
            // Subscriptions end with their connections: the whole cap is free again.
            let again = try await eventually(seconds: 5) { () -> Int? in
                try await aggregator.connect { connection in
                    let ok = try await subscribe(10, on: connection).filter { $0 == nil }.count
                    return ok == 10 ? ok : nil
                }
            }
            #expect(again == 10)
        }

        @Test func aSubscriberThatDoesNotReadHasItsEventsDroppedAndCounted() async throws {
            let aggregator = try Aggregator()
            defer { aggregator.stop() }
            let events = 300
            let subscriptions = 2
            try await aggregator.connect { connection in
                let budget = try advertisedLimits(try await connection.hello())["maxSubscriptionBufferBytes"] ?? 0
                #expect(budget > 0, "the hello advertises the per-subscription buffer")
                var subs: [String] = []
                for _ in 0..<subscriptions {
                    let id = connection.makeID()
                    subs.append(try await connection.call(SubscribeRequest(id: id), id: id, as: SubscribedReply.self).sub)
                }
                // Stop reading: a streamed answer that nobody consumes holds the connection's reader.
                let id = connection.makeID()
                let stalled = try await connection.stream(QueryRequest(id: id, query: .stats, stream: true), id: id)
                try await Task.sleep(for: .milliseconds(200))
                // 300 events of 64 KB each: 19 MB for each subscription, far beyond any buffer.
                try await aggregator.store(
                    (0..<30).map { d in
                        handMadeDigest(
                            doc: "flood-\(d).txt",
                            sentences: (0..<10).map { s in "Talks " + String(repeating: "x\(d)y\(s) ", count: 64 * 1024 / 8) })
                    })
                // Read again: what was buffered arrives, with the drops counted.
                for try await _ in stalled {}
                let collected = Collected()
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask {
                        for await line in connection.unsolicited {
                            if let push = try? LineCodec().decodeValue(EventPush.self, from: line) {
                                collected.append(push)
                            }
                        }
                    }
                    // Until nothing more arrives for 2 s.
                    var seen = -1
                    while seen != collected.count {
                        seen = collected.count
                        try await Task.sleep(for: .seconds(2))
                    }
                    group.cancelAll()
                }
                let received = Dictionary(grouping: collected.all, by: \.sub)
                for sub in subs {
                    let pushes = received[sub] ?? []
                    let id = connection.makeID()
                    let done = try await connection.call(UnsubscribeRequest(id: id, sub: sub), id: id, as: UnsubscribedReply.self)
                    #expect(done.dropped > 0, "\(sub): a subscriber that does not read loses events (\(pushes.count) delivered)")
                    #expect(pushes.count + done.dropped == events, "\(sub): every event is delivered or counted as dropped")
                    #expect(pushes.map(\.seq) == pushes.map(\.seq).sorted())
                    if let last = pushes.last { #expect(last.dropped <= done.dropped) }
                    #expect(pushes.contains { $0.dropped > 0 }, "the drops are reported to the subscriber in its events")
                }
            }
        }

        // MARK: 4. Bad input is bad input

        @Test func controlCharactersInSearchTextAndHugeNumbersAreBadRequests() async throws {
            let aggregator = try Aggregator()
            defer { aggregator.stop() }
            try await aggregator.store([handMadeDigest(doc: "one.txt", sentences: ["Talks between Vietnam and Laos."])])
            try await aggregator.connect { connection in
                for text in ["talks\u{0}", "\u{0}", "tal\u{1}ks", "talks \u{7F}", "\u{1B}[31m"] {
                    for kind in [QueryKind.search, .events] {
                        let error = Self.decodeError(try await aggregator.queryLine(kind, QueryParams(text: text), on: connection))
                        #expect(error?.code == .badRequest, "\(kind) \(text.debugDescription): \(String(describing: error))")
                    }
                }
                let lines = [
                    #"{"type":"query","id":"n1","query":"events","params":{"limit":1e300}}"#,
                    #"{"type":"query","id":"n2","query":"events","params":{"actor":99999999999999999999}}"#,
                    #"{"type":"query","id":"n3","query":"events","params":{"story":-99999999999999999999}}"#,
                    #"{"type":"query","id":"n4","query":"events","params":{"limit":9223372036854775807}}"#,
                    #"{"type":"query","id":"n5","query":"actor","params":{"limit":9223372036854775807,"actor":1}}"#,
                    #"{"type":"query","id":"n6","query":"events","params":{"actor":9223372036854775807}}"#,
                    #"{"type":"query","id":"n7","query":"events","params":{"limit":1.5}}"#,
                    #"{"type":"query","id":"n8","query":"stories","params":{"actor":1e19}}"#,
                    #"{"type":"query","id":"n9","query":"actor","params":{"actor":-1e300}}"#,
                ]
                for (i, line) in lines.enumerated() {
                    let reply = try await connection.request(line: Data((line + "\n").utf8), id: .string("n\(i + 1)"))
                    let error = Self.decodeError(reply)
                    #expect(
                        error == nil || error?.code == .badRequest || error?.code == .tooExpensive,
                        "\(line): \(String(decoding: reply, as: UTF8.self))")
                }
                _ = try await connection.call(Ping(id: 9), id: 9, as: Pong.self)
            }
        }

        @Test func theCommandLineEscapesControlCharactersOfStoredText() async throws {
            let aggregator = try Aggregator()
            defer { aggregator.stop() }
            let hostile = "Talks \u{1B}]0;owned\u{7}\u{1B}[2J between\u{9B}31m Vietnam\r and\u{8} Laos\u{202E}."
            try await aggregator.store([
                handMadeDigest(doc: "esc\u{1B}[31m.txt", sentences: [hostile], persons: ["Evil\u{1B}[5m Name"])
            ])
            _ = try await eventually(seconds: 5) { () -> Bool? in
                try await aggregator.connect { connection in
                    let reply = try await aggregator.queryLine(.search, QueryParams(text: "talks"), on: connection)
                    return (try? LineCodec().decodeValue(QueryReply.self, from: reply).result.hits?.isEmpty) == false ? true : nil
                }
            }
            let common = ["--aggregator", "127.0.0.1:\(aggregator.port)", "--tls-dir", aggregator.workspace.certs]
            for arguments in [
                ["query", "events"], ["query", "search", "--text", "talks"], ["query", "documents"], ["query", "persons"],
                ["query", "document", "esc\u{1B}[31m.txt"], ["query", "actors"], ["query", "timeline", "--pair", "VN", "LA"],
            ] {
                let (status, output) = try runTool("attache", arguments + common)
                #expect(status == 0, "\(arguments): \(output)")
                let controls = output.unicodeScalars.filter {
                    ($0.value < 0x20 && $0 != "\n") || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value)
                }
                #expect(controls.isEmpty, "\(arguments) printed raw control characters: \(output.debugDescription)")
            }
        }
    }
}

/// Lines a reader task collects.
final class Collected: Sendable {
    private let pushes = Mutex<[EventPush]>([])
    func append(_ push: EventPush) { self.pushes.withLock { $0.append(push) } }
    var count: Int { self.pushes.withLock { $0.count } }
    var all: [EventPush] { self.pushes.withLock { $0 } }
}
