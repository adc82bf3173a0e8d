import AttacheContracts
import AttacheDelivery
import Foundation
import Logging
import Testing

/// The outbox's caps and its dead letters, over a real SQLite file.
@Suite struct OutboxCapacityTests {
    static func directory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("attache-outbox-\(UUID().uuidString)").path
    }

    static func digest(_ n: Int) -> Data { Data(("{\"pad\":\"" + String(repeating: "x", count: n - 10) + "\"}").utf8) }

    /// Runs `body` with the outbox's writer running.
    static func running(_ outbox: Outbox, _ body: () async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await outbox.run() }
            do {
                try await body()
            } catch {
                group.cancelAll()
                throw error
            }
            group.cancelAll()
        }
    }

    @Test func aFullOutboxInBytesAnswersBusyAndMakesRoomAsEntriesLeave() async throws {
        let dir = Self.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/outbox.sqlite"
        do {
            let outbox = try Outbox(path: path, capacity: 100, capacityBytes: 2_500, logger: Logger(label: "test"))
            #expect(outbox.capacityBytes == 2_500)
            try await Self.running(outbox) {
                let first = try await outbox.enqueue(doc: "a", contentHash: "ha", digestJSON: Self.digest(1_000))
                _ = try await outbox.enqueue(doc: "b", contentHash: "hb", digestJSON: Self.digest(1_000))
                #expect(outbox.count == 2)
                #expect(outbox.bytes == 2_000)
                // Far below the entry cap (100), but 3,000 bytes would pass the byte cap.
                do {
                    _ = try await outbox.enqueue(doc: "c", contentHash: "hc", digestJSON: Self.digest(1_000))
                    Issue.record("the third digest was taken past the byte cap")
                } catch let error as ErrorReply {
                    #expect(error.code == .busy)
                    #expect(error.message.contains("2500"), "\(error.message)")
                }
                #expect(outbox.count == 2 && outbox.bytes == 2_000, "a refused digest takes no room")
                // A smaller one still fits.
                _ = try await outbox.enqueue(doc: "d", contentHash: "hd", digestJSON: Self.digest(400))
                #expect(outbox.bytes == 2_400)
                // Delivering the first frees its bytes.
                try await outbox.complete(delivered: [(id: first, status: .new)], refused: [])
                #expect(outbox.count == 2 && outbox.bytes == 1_400)
                // Completing it again frees nothing more.
                try await outbox.complete(delivered: [(id: first, status: .new)], refused: [])
                #expect(outbox.count == 2 && outbox.bytes == 1_400)
                _ = try await outbox.enqueue(doc: "c", contentHash: "hc", digestJSON: Self.digest(1_000))
            }
        }
        // Reopened, the outbox counts its bytes from the file.
        let reopened = try Outbox(path: path, capacity: 100, capacityBytes: 2_500, logger: Logger(label: "test"))
        #expect(reopened.count == 3)
        #expect(reopened.bytes == 2_400)
        await #expect(throws: ErrorReply.self) {
            try await reopened.enqueue(doc: "e", contentHash: "he", digestJSON: Self.digest(200))
        }
    }

    /// A digest larger than the byte cap still goes through an empty outbox (else it could never be delivered).
    @Test func anEmptyOutboxTakesOneDigestOverTheByteCap() async throws {
        let dir = Self.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let outbox = try Outbox(path: dir + "/outbox.sqlite", capacity: 10, capacityBytes: 100, logger: Logger(label: "test"))
        try await Self.running(outbox) {
            _ = try await outbox.enqueue(doc: "big", contentHash: "h", digestJSON: Self.digest(500))
            await #expect(throws: ErrorReply.self) {
                try await outbox.enqueue(doc: "small", contentHash: "h2", digestJSON: Self.digest(20))
            }
        }
    }

    @Test func theDefaultByteCapIsOneGiB() throws {
        let dir = Self.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let outbox = try Outbox(path: dir + "/outbox.sqlite", capacity: 10, logger: Logger(label: "test"))
        #expect(outbox.capacityBytes == 1 << 30)
    }

    /// Refused entries are listed with the aggregator's answer, oldest first, and survive a reopen.
    @Test func deadLettersAreListed() async throws {
        let dir = Self.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/outbox.sqlite"
        let before = Int64(Date().timeIntervalSince1970 * 1000)
        var ids: [Int64] = []
        do {
            let outbox = try Outbox(path: path, capacity: 100, logger: Logger(label: "test"))
            try await Self.running(outbox) {
                for n in 0..<4 {
                    ids.append(try await outbox.enqueue(doc: "doc-\(n)", contentHash: "hash-\(n)", digestJSON: Self.digest(100)))
                }
                #expect(try await outbox.deadLetters().isEmpty)
                try await outbox.complete(
                    delivered: [(id: ids[0], status: .new)],
                    refused: [
                        (id: ids[3], error: ErrorReply(id: nil, code: .lineTooLong, message: "line of 20000000 bytes")),
                        (id: ids[1], error: ErrorReply(id: nil, code: .badRequest, message: "missing field 'digest.doc'")),
                    ])
                #expect(outbox.count == 1)
                #expect(try await outbox.deadLetterCount() == 2)
            }
        }
        let after = Int64(Date().timeIntervalSince1970 * 1000)
        let reopened = try Outbox(path: path, capacity: 100, logger: Logger(label: "test"))
        let letters = try await reopened.deadLetters()
        #expect(letters.map(\.id) == [ids[1], ids[3]])
        #expect(letters.map(\.doc) == ["doc-1", "doc-3"])
        #expect(letters.map(\.contentHash) == ["hash-1", "hash-3"])
        #expect(letters.map(\.code) == ["BAD_REQUEST", "LINE_TOO_LONG"])
        #expect(letters.map(\.message) == ["missing field 'digest.doc'", "line of 20000000 bytes"])
        #expect(letters.allSatisfy { $0.failedAt >= before && $0.failedAt <= after })
        // Paged.
        #expect(try await reopened.deadLetters(limit: 1).map(\.id) == [ids[1]])
        #expect(try await reopened.deadLetters(after: ids[1]).map(\.id) == [ids[3]])
        // The one left waiting is still in the outbox.
        #expect(try await reopened.oldest(limit: 10).map(\.id) == [ids[2]])
    }
}
