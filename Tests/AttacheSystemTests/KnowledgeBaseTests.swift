import AsyncAlgorithms
import AttacheContracts
import AttacheWire
import Foundation
import Testing

/// The aggregator as an analyst uses it: real services, documents pushed through the extractor,
/// answers read through the query protocol.
extension SystemTests {
    @Suite(.serialized, .timeLimit(.minutes(3))) struct KnowledgeBaseTests {
        final class System: ServicePair, @unchecked Sendable {
            /// Pushes `docs`, then waits until the aggregator holds each accepted version (a push answered while
            /// the extractor's link is still coming up is `queued` in its outbox and delivered a moment later).
            func push(_ docs: [DocumentInput]) async throws -> [PushReply] {
                let replies = try await AttacheSystemTests.push(docs, port: self.extractor.port, workspace: self.workspace)
                let accepted: Set<StoreStatus> = [.new, .duplicate, .replaced, .queued]
                let wanted = Dictionary(replies.filter { accepted.contains($0.status) }.map { ($0.doc, $0.contentHash) }, uniquingKeysWith: { $1 })
                let held = try await eventually(seconds: 30) { () async throws -> Bool? in
                    let documents = try await self.query(.documents, QueryParams(limit: 1000)).documents ?? []
                    let have = Dictionary(documents.map { ($0.doc, $0.contentHash) }, uniquingKeysWith: { $1 })
                    return wanted.allSatisfy { have[$0.key] == $0.value } ? true : nil
                }
                #expect(held == true, "the aggregator holds every pushed version")
                return replies
            }
        }

        static let ghana = [
            DocumentInput(
                id: "gh-1.txt",
                text: "date 2024-03-04\nACCRA — General Kwabena Asante, Chief of Defence Staff of Ghana, visited Togo on Monday and held talks with Togolese commanders on border security.",
                published: "2024-03-04"),
            DocumentInput(
                id: "gh-2.txt",
                text: "date 2024-03-20\nLOME — Kwabena Asante, the Ghanaian defence chief, met Togo's Minister of Defence in Lome on Wednesday. Asante praised the joint patrols.",
                published: "2024-03-20"),
            DocumentInput(
                id: "gh-3.txt",
                text: "date 2024-04-02\nACCRA — Ghanaian Foreign Minister Efua Asante received the Ambassador of Nigeria on Tuesday to discuss trade.",
                published: "2024-04-02"),
        ]

        @Test func actorsAcrossDocumentsStayOneOrTwoAsTheyShould() async throws {
            let system = try System()
            defer { system.stop() }
            let replies = try await system.push(Self.ghana)
            #expect(replies.allSatisfy { $0.status == .new })

            let asantes = try #require(try await system.query(.persons, QueryParams(prefix: "", limit: 500)).actors)
                .filter { $0.name.contains("Asante") }
            let general = asantes.first { $0.name == "Kwabena Asante" }
            #expect(general?.documents == 2, "one actor for 'General Kwabena Asante' and 'Kwabena Asante': \(asantes)")
            #expect(general?.country == "GH")
            #expect(asantes.contains { $0.name == "Efua Asante" }, "a different person with the same surname stays apart: \(asantes)")
            #expect(asantes.filter { $0.name.hasSuffix("Asante") && $0.name != "Asante" }.count == 2)

            // The profile explains each merge.
            let profile = try #require(try await system.query(.actor, QueryParams(name: "Kwabena Asante")).actor)
            #expect(profile.documents.count == 2)
            #expect(!profile.merges.isEmpty)
            #expect(profile.merges.allSatisfy { !$0.rule.isEmpty })
        }

        @Test func rePushIsIdempotentAndChangedTextReplaces() async throws {
            let system = try System()
            defer { system.stop() }
            let original = DocumentInput(
                id: "kenya.txt", text: "NAIROBI — Kenya and Ethiopia signed a water-sharing agreement on Monday.", published: "2024-05-06")
            #expect(try await system.push([original]).first?.status == .new)
            // Full-text search through the real aggregator: the index is written apart, and a search waits for it.
            let found = try #require(try await system.query(.search, QueryParams(text: "water-sharing")).hits)
            #expect(found.map(\.doc) == ["kenya.txt"])
            #expect(found.first?.highlight.contains("[water-sharing]") == true, "\(found)")
            let before = try #require(try await system.query(.stats).stats)
            #expect(try await system.push([original]).first?.status == .duplicate)
            #expect(try await system.query(.stats).stats == before, "re-pushing the same text changes nothing")

            let changed = DocumentInput(
                id: "kenya.txt", text: "NAIROBI — Kenya expelled the ambassador of Somalia on Monday after a border dispute.",
                published: "2024-05-06")
            #expect(try await system.push([changed]).first?.status == .replaced)
            let events = try #require(try await system.query(.events, QueryParams(doc: "kenya.txt")).events)
            #expect(!events.contains { Set([$0.source, $0.target]) == Set(["KE", "ET"]) }, "the old text's events are gone: \(events)")
            let countries = try #require(try await system.query(.countries).countries).map(\.code)
            #expect(countries.contains("SO"))
            #expect(!countries.contains("ET"), "a state only the old text mentioned is gone")
            #expect(try #require(try await system.query(.search, QueryParams(text: "water")).hits).isEmpty)
            #expect(try #require(try await system.query(.search, QueryParams(text: "expelled")).hits).map(\.doc) == ["kenya.txt"])
        }

        @Test func theSameEventInTwoDocumentsIsOneStory() async throws {
            let system = try System()
            defer { system.stop() }
            _ = try await system.push([
                DocumentInput(
                    id: "wire-a.txt", text: "LIMA — Peru and Chile signed a fisheries agreement in Lima on Tuesday, officials said.",
                    published: "2024-06-04", source: "agency-a"),
                DocumentInput(
                    id: "wire-b.txt", text: "SANTIAGO — Chile and Peru signed an agreement on fisheries on Tuesday, the Chilean foreign ministry said.",
                    published: "2024-06-04", source: "agency-b"),
            ])
            let stories = try #require(try await system.query(.stories, QueryParams(pair: ["PE", "CL"])).stories)
            #expect(stories.contains { $0.documents == 2 && Set($0.docs) == ["wire-a.txt", "wire-b.txt"] }, "\(stories)")
        }

        @Test func aSubscriberReceivesEventsPushedAfterItSubscribed() async throws {
            let system = try System()
            defer { system.stop() }
            let events = try await LineClient.withConnection(loopback(system.aggregator.port), tls: try system.workspace.tls(.client)) {
                connection in
                let id = connection.makeID()
                let subscribed = try await connection.call(
                    SubscribeRequest(id: id, filter: SubscriptionFilter(pair: ["VN", "LA"])), id: id, as: SubscribedReply.self)
                _ = try await system.push(try seedDocuments())
                var received: [EventPush] = []
                for await line in connection.unsolicited {
                    if let push = try? LineCodec().decodeValue(EventPush.self, from: line), push.sub == subscribed.sub {
                        received.append(push)
                        if received.count >= 3 { break }
                    }
                }
                let unsubscribe = connection.makeID()
                let done = try await connection.call(
                    UnsubscribeRequest(id: unsubscribe, sub: subscribed.sub), id: unsubscribe, as: UnsubscribedReply.self)
                #expect(done.dropped == 0)
                return received
            }
            #expect(events.count == 3)
            #expect(events.map(\.seq) == [1, 2, 3])
            #expect(events.allSatisfy { Set([$0.event.source, $0.event.target]) == ["VN", "LA"] && !$0.event.sentence.isEmpty })
        }

        @Test func relationsAndTimelineBetweenVietnamAndLaos() async throws {
            let system = try System()
            defer { system.stop() }
            _ = try await system.push(try seedDocuments())
            let relations = try #require(try await system.query(.relations, QueryParams(state: "VN")).relations)
            let laos = try #require(relations.first { $0.partner == "LA" })
            #expect(laos.events >= 4)
            #expect(laos.types.contains { $0.type == "CONSULT" })
            #expect(laos.lastDate == "2024-08-26")
            let timeline = try #require(try await system.query(.timeline, QueryParams(pair: ["VN", "LA"])).events)
            #expect(!timeline.isEmpty)
            let dates = timeline.compactMap(\.date)
            #expect(dates == dates.sorted(), "a timeline is in date order")
            #expect(timeline.allSatisfy { Set([$0.source, $0.target]) == ["VN", "LA"] })
        }

        @Test func pagingNeitherSkipsNorRepeatsAndStreamingGetsEverything() async throws {
            let system = try System()
            defer { system.stop() }
            _ = try await system.push(try seedDocuments() + Self.ghana)
            let all = try #require(try await system.query(.events, QueryParams(limit: 1000)).events)
            #expect(all.count >= 10)
            var paged: [Int64] = []
            var cursor: String?
            repeat {
                let page = try await system.query(.events, QueryParams(limit: 3, cursor: cursor))
                paged += (page.events ?? []).map(\.id)
                cursor = page.next
            } while cursor != nil
            #expect(paged == all.map(\.id))

            // The same through a streamed answer: pages as `rows` lines, then `end` with the count.
            let streamed = try await LineClient.withConnection(loopback(system.aggregator.port), tls: try system.workspace.tls(.client)) {
                connection in
                let id = connection.makeID()
                var ids: [Int64] = []
                var end: StreamEnd?
                for try await line in try await connection.stream(
                    QueryRequest(id: id, query: .events, params: QueryParams(limit: 4), stream: true), id: id)
                {
                    if let rows = try? LineCodec().decodeValue(StreamRows.self, from: line), rows.type == StreamRows.type {
                        ids += (rows.result.events ?? []).map(\.id)
                    } else {
                        end = try LineCodec().decodeValue(StreamEnd.self, from: line)
                    }
                }
                return (ids, end)
            }
            #expect(streamed.0 == all.map(\.id))
            #expect(streamed.1?.rows == all.count)
        }

        /// Who met whom, at the level of people: a person's profile lists the talks they held with the other side's
        /// people (no actor words needed), and `meetings` between the two states gives who met and what they agreed
        /// or handed over. Then the same through the CLI.
        @Test func peopleWhoMetAndWhatTheyAgreed() async throws {
            let system = try System()
            defer { system.stop() }
            let talks = DocumentInput(
                id: "lao-talks.txt",
                text: """
                    VIENTIANE — Lao Minister of National Defence General Somphone Keovilay held talks with Vietnamese Deputy \
                    Defence Minister Senior Lieutenant General Tran Quoc Binh in Vientiane on Tuesday. Laos and Vietnam signed \
                    an agreement on defence cooperation. Vietnam also handed over medical equipment to the Lao People's Army.
                    """, published: "2024-06-11")
            #expect(try await system.push([talks]).first?.status == .new)

            let profile = try #require(try await system.query(.actor, QueryParams(name: "Somphone Keovilay")).actor)
            let held = try #require(profile.participation.first { $0.type == "CONSULT" }, "\(profile.participation)")
            #expect(held.doc == "lao-talks.txt" && held.date == "2024-06-11")
            #expect(held.counterparts.map(\.name) == ["Tran Quoc Binh"] && held.counterparts.first?.country == "VN")
            #expect(profile.met.contains { $0.name == "Tran Quoc Binh" && $0.events >= 1 }, "\(profile.met)")
            #expect(profile.events.contains { $0.type == "CONSULT" }, "the talks are among the events linked to him")

            let meetings = try #require(try await system.query(.meetings, QueryParams(pair: ["LA", "VN"])).meetings)
            let meeting = try #require(meetings.first, "one encounter: \(meetings)")
            #expect(meetings.count == 1 && meeting.type == "CONSULT" && meeting.date == "2024-06-11")
            #expect(meeting.fromA.map(\.name) == ["Somphone Keovilay"])
            #expect(meeting.fromB.map(\.name) == ["Tran Quoc Binh"])
            #expect(meeting.outcomes.contains { $0.sentence.contains("signed an agreement") }, "\(meeting.outcomes)")
            #expect(meeting.outcomes.contains { $0.type == "AID" && $0.trigger.contains("handed over") }, "\(meeting.outcomes)")
            #expect(try await system.query(.meetings, QueryParams(from: "2024-07-01", pair: ["LA", "VN"])).meetings == [])

            // The CLI shows the same.
            let cli = try runTool(
                "attache",
                [
                    "query", "meetings", "--pair", "LA", "VN", "--from", "2024-06-01", "--aggregator",
                    "127.0.0.1:\(system.aggregator.port)", "--tls-dir", system.workspace.certs,
                ])
            #expect(cli.status == 0, "\(cli.output)")
            #expect(cli.output.contains("Somphone Keovilay") && cli.output.contains("Tran Quoc Binh") && cli.output.contains("AID"), "\(cli.output)")
        }
    }
}
