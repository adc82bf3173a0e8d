import AttacheContracts
import AttacheWire
import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// A temporary directory with a fresh development CA set, and a second, foreign CA set.
struct TestPKI {
    let directory: String
    let foreign: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("attache-wire-\(UUID().uuidString)").path
        self.directory = base + "/ours"
        self.foreign = base + "/theirs"
        try DevCertificateAuthority.writeDevelopmentSet(to: self.directory)
        try DevCertificateAuthority.writeDevelopmentSet(to: self.foreign)
    }

    func files(_ role: PeerRole) -> TLSFiles { TLSFiles(directory: self.directory, role: role) }

    func remove() { try? FileManager.default.removeItem(atPath: (self.directory as NSString).deletingLastPathComponent) }
}

/// Echoes `echo` requests and refuses `secret` to anyone but an extractor: enough to test the server machinery.
struct EchoHandler: LineRequestHandler {
    struct Echo: Codable { var type: String; var id: RequestID?; var text: String }
    let serverName = "aggregator"

    func handle(_ request: InboundRequest, on connection: ServerConnection) async throws {
        switch request.type {
        case "echo":
            let echo = try connection.decode(Echo.self, request)
            try await connection.send(echo)
        case "secret":
            guard connection.peer.role == .extractor else { throw ErrorReply.forbidden(request, peer: connection.peer) }
            try await connection.send(Echo(type: "secret", id: request.header.id, text: "ok"))
        default:
            throw ErrorReply.unknownType(request, known: ["echo", "secret"])
        }
    }
}

/// Runs a LineServer on 127.0.0.1:0 for the duration of `body`, with the certificate of `role`.
@discardableResult
func withTestServer<R: Sendable>(
    pki: TestPKI, limits: Limits = Limits(maxLineBytes: 4096, idleTimeoutSeconds: 30),
    handshakeTimeout: TimeAmount = .seconds(10), certificateOf role: PeerRole = .aggregator,
    _ body: @Sendable (Int) async throws -> R
) async throws -> R {
    let tls = try pki.files(role).makeServerContext()
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let server = LineServer(
        configuration: LineServerConfiguration(port: 0, limits: limits, handshakeTimeout: handshakeTimeout),
        tls: tls, handler: EchoHandler(), logger: quietLogger,
        onBound: { address in
            continuation.yield(address.port ?? 0)
            continuation.finish()
        })
    return try await withThrowingTaskGroup(of: Void.self, returning: R.self) { group in
        group.addTask { try await server.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw ConnectionClosedError() }
        do {
            let result = try await body(port)
            group.cancelAll()
            return result
        } catch {
            group.cancelAll()
            throw error
        }
    }
}

func clientConfig(_ port: Int) -> LineClientConfiguration {
    LineClientConfiguration(host: "127.0.0.1", port: port, connectTimeout: .seconds(5))
}

/// Opens a plain TCP connection, writes `bytes`, and returns everything received until the server closes
/// (or `seconds` pass).
func rawExchange(port: Int, bytes: [UInt8], seconds: Int64 = 5) async throws -> [UInt8] {
    let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .connect(host: "127.0.0.1", port: port) { channel in
            channel.eventLoop.makeCompletedFuture {
                try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
            }
        }
    return try await channel.executeThenClose { inbound, outbound in
        try await outbound.write(ByteBuffer(bytes: bytes))
        return try await withThrowingTaskGroup(of: [UInt8]?.self) { group in
            group.addTask {
                var received: [UInt8] = []
                do {
                    for try await chunk in inbound { received += chunk.readableBytesView }
                } catch {}
                return received
            }
            group.addTask {
                try await Task.sleep(for: .seconds(seconds))
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            return first ?? []
        }
    }
}

/// Like ``rawExchange(port:bytes:seconds:)``, but tells whether the server closed the connection (true, with
/// the bytes it sent) or `seconds` passed first (false): there, both gave no bytes.
func rawExchangeUntilClose(port: Int, bytes: [UInt8], seconds: Int64) async throws -> (received: [UInt8], closedByPeer: Bool) {
    let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .connect(host: "127.0.0.1", port: port) { channel in
            channel.eventLoop.makeCompletedFuture {
                try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
            }
        }
    return try await channel.executeThenClose { inbound, outbound in
        if !bytes.isEmpty { try await outbound.write(ByteBuffer(bytes: bytes)) }
        return try await withThrowingTaskGroup(of: ([UInt8], Bool).self) { group in
            group.addTask {
                var received: [UInt8] = []
                do {
                    for try await chunk in inbound { received += chunk.readableBytesView }
                } catch {}
                return (received, true)
            }
            group.addTask {
                try await Task.sleep(for: .seconds(seconds))
                return ([], false)
            }
            let first = try await group.next() ?? ([], false)
            group.cancelAll()
            return first
        }
    }
}

/// Test servers log warnings and errors only (refused handshakes are expected here).
let quietLogger: Logger = {
    var logger = Logger(label: "test")
    logger.logLevel = .warning
    return logger
}()
