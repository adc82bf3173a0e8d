import AttacheContracts
import AttacheWire
import Foundation
import Testing

/// The forwarder's view of the link follows the real connection, even while it has nothing to send.
extension SystemTests {
    @Suite(.serialized, .timeLimit(.minutes(2))) struct LinkStateTests {
        /// The aggregator dies while the extractor is idle: the forwarder notices without sending
        /// anything, and the next push is answered at once as `queued` instead of waiting for an
        /// answer over a dead link (before: the drain slept on the closed connection, so the push
        /// waited the whole delivery wait, 2 s).
        @Test func anAggregatorThatGoesAwayWhileTheExtractorIsIdleIsNoticedAtOnce() async throws {
            let workspace = try Workspace()
            let (aggregator, extractor) = try ServicePair.start(in: workspace)
            defer { extractor.stop() }
            _ = try await push(
                [DocumentInput(id: "idle-1.txt", text: "Peru and Chile signed a fisheries accord.")], port: extractor.port,
                workspace: workspace)
            // Delivered, so the link is up; then the forwarder has nothing left to send.
            let delivered = try await eventually(seconds: 30) { () -> Bool? in
                let docs = try await SystemTests.FaultTests.stored(aggregatorPort: aggregator.port, workspace: workspace)
                return docs["idle-1.txt"] != nil ? true : nil
            }
            #expect(delivered == true)
            let offset = extractor.logText().utf8.count
            aggregator.kill()

            let noticed = try await eventually(seconds: 3) { () -> Bool? in
                String(decoding: extractor.logText().utf8.dropFirst(offset), as: UTF8.self).contains("aggregator link down")
                    ? true : nil
            }
            #expect(noticed == true, "the forwarder must notice the closed link without traffic")

            let clock = ContinuousClock()
            let start = clock.now
            let second = try await push(
                [DocumentInput(id: "idle-2.txt", text: "Chile and Peru held talks on border security.")], port: extractor.port,
                workspace: workspace)
            #expect(second.map(\.status) == [.queued])
            #expect(clock.now - start < .milliseconds(1500), "the push took \(clock.now - start)")
        }
    

        /// The aggregator lets an idle link go (`IDLE_TIMEOUT`): with nothing to send, the forwarder
        /// does not open it again at once (that would only idle until the next timeout, a handshake
        /// on both sides each time); it reconnects when a push comes, and that push is still
        /// answered with the aggregator's own status.
        @Test func anIdleLinkLetGoByTheAggregatorIsOpenedAgainOnlyForWork() async throws {
            let workspace = try Workspace()
            let aggregator = try ServiceProcess(
                "attache-aggregator", arguments: ["--database", workspace.path + "/kb.sqlite", "--idle-timeout", "1"],
                in: workspace, name: "aggregator")
            defer { aggregator.stop() }
            let extractor = try ServiceProcess(
                "attache-extractor",
                arguments: ["--aggregator", "127.0.0.1:\(aggregator.port)", "--outbox", workspace.path + "/outbox.sqlite"],
                in: workspace, name: "extractor")
            defer { extractor.stop() }
            func linksUp() -> Int { extractor.logText().components(separatedBy: "aggregator link up").count - 1 }
            let first = try await push(
                [DocumentInput(id: "rest-1.txt", text: "Peru and Chile signed a fisheries accord.")], port: extractor.port,
                workspace: workspace)
            #expect(first.map(\.status) == [.new])
            let parked = try await eventually(seconds: 10) { () -> Bool? in
                extractor.logText().contains("aggregator closed the idle link") ? true : nil
            }
            #expect(parked == true, "the aggregator's idle timeout (1 s) closed the link")
            let linksBefore = linksUp()
            // Five idle timeouts long: a forwarder that reconnected at once would have opened the link again.
            try await Task.sleep(for: .seconds(5))
            #expect(linksUp() == linksBefore, "no reconnect without work")
            #expect(!extractor.logText().contains("aggregator link down"), "an idle close is not a failure")
            let second = try await push(
                [DocumentInput(id: "rest-2.txt", text: "Chile and Peru held talks on border security.")], port: extractor.port,
                workspace: workspace)
            #expect(second.map(\.status) == [.new], "the push waited for the reopened link and got the aggregator's answer")
            #expect(linksUp() == linksBefore + 1)
        }
    }
}
