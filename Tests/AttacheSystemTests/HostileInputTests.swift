import AttacheContracts
import AttacheWire
import Foundation
import NIOSSL
import Synchronization
import Testing

/// Bad input against each port of the real services, over TLS. Each gets its documented answer,
/// the connection survives where the protocol says it does, and a well-behaved client on another
/// connection is served throughout. (Suite below.)

/// Both services, small limits so that the limits are reachable quickly.
final class HostileServices: @unchecked Sendable {
    let workspace: Workspace
    let aggregator: ServiceProcess
    let extractor: ServiceProcess

    /// - Parameter idleTimeout: seconds; short only for the slow-loris test (under load a 2 s
    ///   stall of the machine would otherwise cut off the well-behaved bystander).
    init(idleTimeout: Int = 60) throws {
        self.workspace = try Workspace()
        self.aggregator = try ServiceProcess(
            "attache-aggregator",
            arguments: ["--database", self.workspace.path + "/kb.sqlite", "--idle-timeout", "\(idleTimeout)", "--max-line-bytes", "65536"],
            in: self.workspace, name: "aggregator")
        self.extractor = try ServiceProcess(
            "attache-extractor",
            arguments: [
                "--aggregator", "127.0.0.1:\(self.aggregator.port)", "--outbox", self.workspace.path + "/outbox.sqlite",
                "--idle-timeout", "\(idleTimeout)", "--max-line-bytes", "65536", "--max-document-bytes", "16384",
                "--max-connections", "8",
            ],
            in: self.workspace, name: "extractor")
    }

    func stop() {
        #expect(self.extractor.stop() == 0, "\(self.extractor.logText())")
        #expect(self.aggregator.stop() == 0, "\(self.aggregator.logText())")
    }
}


extension SystemTests {
    @Suite(.serialized, .timeLimit(.minutes(3))) struct HostileInputTests {
        /// The next line the server sent that answers no request (errors without an id).
        func nextUnsolicited(_ connection: LineConnection) async throws -> ErrorReply {
            var iterator = connection.unsolicited.makeAsyncIterator()
            let line = try #require(await iterator.next())
            return try LineCodec().decodeValue(ErrorReply.self, from: line)
        }

        func ping(_ connection: LineConnection, _ n: Int64) async throws -> Bool {
            try await connection.call(Ping(id: .number(n)), id: .number(n), as: Pong.self).id == .number(n)
        }

        /// Runs `attack` against `port` while a second client pings the same port every 20 ms.
        func underAttack(port: Int, services: HostileServices, _ attack: @Sendable (LineConnection) async throws -> Void) async throws {
            let tls = try services.workspace.tls(.client)
            let tally = Tally()
            let ready = AsyncStream.makeStream(of: Void.self)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    try await LineClient.withConnection(loopback(port), tls: tls) { bystander in
                        _ = try await bystander.call(Ping(id: 999), id: 999, as: Pong.self)
                        ready.continuation.yield()
                        var n: Int64 = 1000
                        while !tally.isDone {
                            n += 1
                            let ok = (try? await bystander.call(Ping(id: .number(n)), id: .number(n), as: Pong.self).id) == .number(n)
                            tally.record(ok)
                            try await Task.sleep(for: .milliseconds(20))
                        }
                    }
                }
                for await _ in ready.stream { break }
                try await LineClient.withConnection(loopback(port), tls: tls) { attacker in
                    try await attack(attacker)
                }
                // Keep the bystander going a little after the attack, then stop it.
                try await Task.sleep(for: .milliseconds(100))
                tally.finish()
                try await group.waitForAll()
            }
            #expect(tally.failed == 0, "the bystander must be served throughout")
            #expect(tally.served > 0)
        }

        @Test(arguments: ["extractor", "aggregator"]) func invalidUTF8(port: String) async throws {
            let services = try HostileServices()
            defer { services.stop() }
            try await self.underAttack(port: services.port(port), services: services) { connection in
                try await connection.write(raw: Array("{\"type\":\"ping\",\"id\":\"".utf8) + [0xFF, 0xFE, 0xC3] + Array("\"}\n".utf8))
                let error = try await self.nextUnsolicited(connection)
                #expect(error.code == .badJSON)
                #expect(try await self.ping(connection, 1))
            }
        }

        @Test(arguments: ["extractor", "aggregator"]) func nestingBomb(port: String) async throws {
            let services = try HostileServices()
            defer { services.stop() }
            try await self.underAttack(port: services.port(port), services: services) { connection in
                let bomb = "{\"type\":\"ping\",\"id\":2,\"x\":" + String(repeating: "[", count: 20_000) + String(repeating: "]", count: 20_000) + "}\n"
                try await connection.write(raw: Array(bomb.utf8))
                let error = try await self.nextUnsolicited(connection)
                #expect(error.code == .badRequest)
                #expect(try await self.ping(connection, 3))
            }
        }

        @Test(arguments: ["extractor", "aggregator"]) func hugeNumbers(port: String) async throws {
            let services = try HostileServices()
            defer { services.stop() }
            try await self.underAttack(port: services.port(port), services: services) { connection in
                try await connection.write(raw: Array("{\"type\":\"ping\",\"id\":1e999999}\n".utf8))
                #expect(try await self.nextUnsolicited(connection).code == .badRequest)
                let reply = try await connection.request(
                    line: Data("{\"type\":\"ping\",\"id\":\"big\",\"v\":123456789012345678901234567890}\n".utf8), id: "big")
                #expect(try LineCodec().decodeValue(ErrorReply.self, from: reply).code == .badRequest)
                #expect(try await self.ping(connection, 4))
            }
        }

        @Test(arguments: ["extractor", "aggregator"]) func emptyLinesAndCRLF(port: String) async throws {
            let services = try HostileServices()
            defer { services.stop() }
            try await self.underAttack(port: services.port(port), services: services) { connection in
                try await connection.write(raw: Array("\n\n   \n\r\n".utf8))
                let reply = try await connection.request(line: Data("{\"type\":\"ping\",\"id\":\"crlf\"}\r\n".utf8), id: "crlf")
                #expect(try LineCodec().decodeValue(Pong.self, from: reply).id == "crlf")
            }
        }

        @Test(arguments: ["extractor", "aggregator"]) func binaryGarbage(port: String) async throws {
            let services = try HostileServices()
            defer { services.stop() }
            try await self.underAttack(port: services.port(port), services: services) { connection in
                var generator = SystemRandomNumberGenerator()
                var garbage = (0..<8192).map { _ in UInt8.random(in: 0...255, using: &generator) }
                for i in stride(from: 0, to: garbage.count, by: 512) { garbage[i] = 0x0A }
                garbage.append(0x0A)
                try await connection.write(raw: garbage)
                #expect(try await self.nextUnsolicited(connection).code == .badJSON)
                #expect(try await self.ping(connection, 5))
            }
        }

        @Test(arguments: ["extractor", "aggregator"]) func overLongLine(port: String) async throws {
            let services = try HostileServices()
            defer { services.stop() }
            try await self.underAttack(port: services.port(port), services: services) { connection in
                let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 32 * 1024)
                for _ in 0..<64 { try await connection.write(raw: chunk) }  // 2 MiB against 64 KiB
                try await connection.write(raw: [0x0A])
                #expect(try await self.nextUnsolicited(connection).code == .lineTooLong)
                #expect(try await self.ping(connection, 6))
            }
        }

        @Test(arguments: ["extractor", "aggregator"]) func lastLineWithoutNewline(port: String) async throws {
            let services = try HostileServices()
            defer { services.stop() }
            try await self.underAttack(port: services.port(port), services: services) { connection in
                try await connection.write(raw: Array("{\"type\":\"ping\",\"id\":\"tail\"}".utf8))
                connection.finishSending()
                var iterator = connection.unsolicited.makeAsyncIterator()
                // The reply may arrive matched to no request (we never registered "tail"): it is unsolicited.
                let line = try #require(await iterator.next())
                #expect(try LineCodec().decodeValue(Pong.self, from: line).id == "tail")
            }
        }

        @Test(arguments: ["extractor", "aggregator"]) func slowLorisIsCutOffByTheIdleTimeout(port: String) async throws {
            let services = try HostileServices(idleTimeout: 3)
            defer { services.stop() }
            try await self.underAttack(port: services.port(port), services: services) { connection in
                let clock = ContinuousClock()
                let start = clock.now
                var closed = false
                // One byte every 200 ms, never a newline: bytes arrive, but no line is ever complete.
                for byte in Array("{\"type\":\"ping\",\"id\":\"slow\",\"pad\":\"".utf8) + [UInt8](repeating: 0x61, count: 100) {
                    do {
                        try await connection.write(raw: [byte])
                    } catch {
                        closed = true
                        break
                    }
                    try await Task.sleep(for: .milliseconds(200))
                    if clock.now - start > .seconds(10) { break }
                }
                var iterator = connection.unsolicited.makeAsyncIterator()
                let goodbye = await iterator.next()
                #expect(closed || goodbye != nil)
                if let goodbye {
                    #expect(try LineCodec().decodeValue(ErrorReply.self, from: goodbye).code == .idleTimeout)
                }
                #expect(clock.now - start < .seconds(10), "a slow-loris peer must be closed after the idle timeout")
            }
        }

        @Test func oversizedDocumentIsRefusedAndTheConnectionGoesOn() async throws {
            let services = try HostileServices()
            defer { services.stop() }
            try await self.underAttack(port: services.extractor.port, services: services) { connection in
                let big = DocumentInput(id: "big.txt", text: String(repeating: "Laos and Vietnam met. ", count: 2000))
                let reply = try await connection.request(PushRequest(id: "big", doc: big), id: "big")
                #expect(try LineCodec().decodeValue(ErrorReply.self, from: reply).code == .documentTooLarge)
                #expect(try await self.ping(connection, 7))
            }
        }

        @Test func connectionsBeyondTheLimitAreClosed() async throws {
            let services = try HostileServices()
            defer { services.stop() }
            let tls = try services.workspace.tls(.client)
            let port = services.extractor.port
            // Hold 8 connections (the limit), then a ninth must fail; after one closes, a new one succeeds.
            let gate = AsyncStream.makeStream(of: Void.self)
            try await withThrowingTaskGroup(of: Void.self) { group in
                let opened = AsyncStream.makeStream(of: Void.self)
                for _ in 0..<8 {
                    group.addTask {
                        try await LineClient.withConnection(loopback(port), tls: tls) { connection in
                            _ = try await connection.call(Ping(id: 1), id: 1, as: Pong.self)
                            opened.continuation.yield()
                            for await _ in gate.stream { break }
                        }
                    }
                }
                var count = 0
                for await _ in opened.stream {
                    count += 1
                    if count == 8 { break }
                }
                await #expect(throws: (any Error).self) {
                    try await LineClient.withConnection(loopback(port), tls: tls) { connection in
                        _ = try await connection.call(Ping(id: 2), id: 2, as: Pong.self)
                    }
                }
                gate.continuation.finish()
                try await group.waitForAll()
            }
            let again = try await eventually(seconds: 5) {
                try await LineClient.withConnection(loopback(port), tls: tls) { connection in
                    try await connection.call(Ping(id: 3), id: 3, as: Pong.self)
                }
            }
            #expect(again?.id == 3)
        }
    }
}

extension HostileServices {
    func port(_ name: String) -> Int { name == "extractor" ? self.extractor.port : self.aggregator.port }
}

/// What the bystander saw.
final class Tally: Sendable {
    private let state = Mutex((served: 0, failed: 0, done: false))
    func record(_ ok: Bool) { self.state.withLock { if ok { $0.served += 1 } else { $0.failed += 1 } } }
    func finish() { self.state.withLock { $0.done = true } }
    var isDone: Bool { self.state.withLock { $0.done } }
    var served: Int { self.state.withLock { $0.served } }
    var failed: Int { self.state.withLock { $0.failed } }
}
