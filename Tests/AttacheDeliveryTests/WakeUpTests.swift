import AttacheContracts
import AttacheDelivery
import Foundation
import Logging
import Testing

/// The forwarder sleeps on the outbox between deliveries; these pin the wake-up that lets it.
@Suite struct WakeUpTests {
    static func elapsed(_ body: () async -> Void) async -> Duration {
        let start = ContinuousClock.now
        await body()
        return ContinuousClock.now - start
    }

    @Test func aRingBeforeTheWaitIsRememberedOnce() async {
        let bell = Doorbell()
        bell.ring()
        bell.ring()
        #expect(await bell.wait(timeout: .seconds(10)))
        // The two rings were one: the next wait sleeps until its timeout.
        let slept = await Self.elapsed { #expect(!(await bell.wait(timeout: .milliseconds(200)))) }
        #expect(slept >= .milliseconds(150))
    }

    @Test func aRingWakesAWaiter() async throws {
        let bell = Doorbell()
        async let woken = bell.wait(timeout: .seconds(30))
        while bell.waiting == 0 { try await Task.sleep(for: .milliseconds(1)) }
        bell.ring()
        let wasRung = await woken
        #expect(wasRung)
        #expect(bell.waiting == 0)
    }

    /// The regression: after a wait timed out, every later wait returned at once (a busy loop).
    @Test func waitsAfterATimeoutStillSleep() async {
        let bell = Doorbell()
        for _ in 0..<5 {
            let slept = await Self.elapsed { #expect(!(await bell.wait(timeout: .milliseconds(60)))) }
            #expect(slept >= .milliseconds(50))
        }
        #expect(bell.waiting == 0, "a timed-out waiter is not left behind")
    }

    @Test func aCancelledWaiterLeavesTheBellUsable() async throws {
        let bell = Doorbell()
        let waiter = Task { await bell.wait(timeout: .seconds(30)) }
        while bell.waiting == 0 { try await Task.sleep(for: .milliseconds(1)) }
        waiter.cancel()
        #expect(!(await waiter.value))
        #expect(bell.waiting == 0)
        bell.ring()
        #expect(await bell.wait(timeout: .seconds(10)))
    }

    @Test func closingWakesEveryoneForGood() async throws {
        let bell = Doorbell()
        async let a = bell.wait(timeout: .seconds(30))
        async let b = bell.wait(timeout: .seconds(30))
        while bell.waiting < 2 { try await Task.sleep(for: .milliseconds(1)) }
        bell.close()
        let (wokeA, wokeB) = await (a, b)
        #expect(wokeA && wokeB)
        let slept = await Self.elapsed { _ = await bell.wait(timeout: .seconds(30)) }
        #expect(slept < .seconds(5))
    }

    static func outbox() throws -> (Outbox, String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("attache-outbox-\(UUID().uuidString)").path
        return (try Outbox(path: dir + "/outbox.sqlite", capacity: 100, logger: Logger(label: "test")), dir)
    }

    /// The outbox itself, over a real SQLite file: an empty outbox lets its forwarder sleep, again and again.
    @Test func anEmptyOutboxLetsTheForwarderSleep() async throws {
        let (outbox, dir) = try Self.outbox()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for _ in 0..<3 {
            let slept = await Self.elapsed { await outbox.waitForWork(timeout: .milliseconds(80)) }
            #expect(slept >= .milliseconds(70))
        }
    }

    /// A committed entry wakes the waiting forwarder, and the entry is there to read.
    @Test func anEnqueueWakesTheForwarder() async throws {
        let (outbox, dir) = try Self.outbox()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await outbox.run() }
            let waited = Task { await Self.elapsed { await outbox.waitForWork(timeout: .seconds(30)) } }
            try await Task.sleep(for: .milliseconds(50))
            let id = try await outbox.enqueue(doc: "d1", contentHash: "h1", digestJSON: Data("{}".utf8))
            #expect(await waited.value < .seconds(20))
            let entries = try await outbox.oldest(limit: 10)
            #expect(entries.map(\.id) == [id])
            #expect(entries.first?.doc == "d1")
            group.cancelAll()
        }
    }
}
