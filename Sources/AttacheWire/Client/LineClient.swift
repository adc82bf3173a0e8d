import AsyncAlgorithms
import AttacheContracts
import AttacheFraming
import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS
import Synchronization

/// Where and how a client connects.
public struct LineClientConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The name checked against the server certificate (defaults to `host`).
    public var serverHostname: String?
    public var maxLineBytes: Int
    public var connectTimeout: TimeAmount
    /// The role the server's certificate must name (its organizational unit, see ``PeerRole``).
    /// A certificate of the same CA that names another role (a client's or an extractor's
    /// certificate on a server posing as the aggregator) fails the connection with
    /// ``ServerRoleError`` before anything is sent. nil accepts any certificate of the CA.
    public var serverRole: PeerRole?

    public init(
        host: String, port: Int, serverHostname: String? = nil, maxLineBytes: Int = Limits.defaultMaxLineBytes,
        connectTimeout: TimeAmount = .seconds(10), serverRole: PeerRole? = nil
    ) {
        self.host = host
        self.port = port
        self.serverHostname = serverHostname
        self.maxLineBytes = maxLineBytes
        self.connectTimeout = connectTimeout
        self.serverRole = serverRole
    }
}

/// The server's certificate (from our CA) does not name the role the client expected.
public struct ServerRoleError: Error, CustomStringConvertible {
    /// The role the client asked for.
    public var expected: PeerRole
    /// Who the server's certificate says it is.
    public var found: PeerIdentity

    public var description: String {
        "the server's certificate is for '\(self.found.commonName ?? "?")' with role \(self.found.role?.rawValue ?? "none"), not the \(self.expected.rawValue) expected here"
    }
}

/// Checks the role in the server's certificate once the TLS handshake is done; a wrong role
/// closes the connection with ``ServerRoleError`` (read as the connection's error).
final class ServerRoleCheckHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny
    private let expected: PeerRole

    init(expected: PeerRole) {
        self.expected = expected
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let tls = event as? TLSUserEvent, case .handshakeCompleted = tls {
            let certificate = try? context.pipeline.syncOperations.nioSSL_peerCertificate()
            let peer = PeerIdentity(certificate: certificate)
            guard peer.role == self.expected else {
                context.fireErrorCaught(ServerRoleError(expected: self.expected, found: peer))
                context.close(promise: nil)
                return
            }
        }
        context.fireUserInboundEventTriggered(event)
    }
}

/// The connection closed before the reply arrived.
public struct ConnectionClosedError: Error, CustomStringConvertible {
    public var description: String { "the connection closed" }
    public init() {}
}

/// A TLS client for the NDJSON protocol: requests with ids, replies matched by id (pipelining
/// allowed), other lines (pushed events, `bye`, errors without id) on `unsolicited`.
public enum LineClient {
    /// Connects, reads the server's hello, runs `body`, then closes.
    public static func withConnection<R: Sendable>(
        _ configuration: LineClientConfiguration, tls: NIOSSLContext, group: MultiThreadedEventLoopGroup = .singleton,
        _ body: (LineConnection) async throws -> R
    ) async throws -> R {
        let hostname = configuration.serverHostname ?? configuration.host
        let sniName: String? = DevCertificateAuthority.ipBytes(hostname) == nil ? hostname : nil
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(configuration.connectTimeout)
            .connect(host: configuration.host, port: configuration.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    let handler = try NIOSSLClientHandler(context: tls, serverHostname: sniName)
                    try channel.pipeline.syncOperations.addHandler(handler)
                    if let role = configuration.serverRole {
                        try channel.pipeline.syncOperations.addHandler(ServerRoleCheckHandler(expected: role))
                    }
                    try channel.pipeline.syncOperations.addHandler(
                        ByteToMessageHandler(LineFrameDecoder(maxLineBytes: configuration.maxLineBytes)))
                    return try NIOAsyncChannel<LineFrame, ByteBuffer>(
                        wrappingChannelSynchronously: channel,
                        configuration: .init(isOutboundHalfClosureEnabled: true))
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            let connection = LineConnection(outbound: outbound)
            return try await withThrowingTaskGroup(of: Void.self, returning: R.self) { group in
                group.addTask {
                    do {
                        for try await frame in inbound {
                            await connection.deliver(frame)
                        }
                        connection.close(with: ConnectionClosedError())
                    } catch {
                        connection.close(with: error)
                    }
                }
                do {
                    _ = try await connection.hello()
                    let result = try await body(connection)
                    group.cancelAll()
                    return result
                } catch {
                    group.cancelAll()
                    throw error
                }
            }
        }
    }
}

/// One open client connection. Safe to use from several tasks.
public final class LineConnection: Sendable {
    /// A request's place: registered before its line is written, so a fast reply is never lost.
    private enum Slot {
        case registered
        case waiting(CheckedContinuation<Data, any Error>)
        case arrived(Result<Data, any Error>)
    }

    private struct State {
        var hello: Result<Hello, any Error>?
        var helloWaiters: [CheckedContinuation<Hello, any Error>] = []
        var pending: [RequestID: Slot] = [:]
        var streams: [RequestID: AsyncThrowingChannel<Data, any Error>] = [:]
        var closed: (any Error)?
        var nextID: Int64 = 1
        /// The request that takes error lines without an id as its reply (see `request(line:id:claimingErrorsWithoutID:)`).
        var claimant: RequestID?
        /// The server's last fatal error without an id: why it is closing the connection.
        var goodbye: ErrorReply?
    }

    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    private let state = Mutex(State())
    private let codec = LineCodec()
    /// Closed when the connection closes (wakes ``waitForClose(timeout:)``).
    private let closedBell = Doorbell()
    /// Lines that answer no request: pushed events, `bye`, errors without an id. Keeps the newest 1,024.
    public let unsolicited: AsyncStream<Data>
    private let unsolicitedContinuation: AsyncStream<Data>.Continuation

    init(outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>) {
        self.outbound = outbound
        (self.unsolicited, self.unsolicitedContinuation) = AsyncStream.makeStream(
            of: Data.self, bufferingPolicy: .bufferingNewest(1024))
    }

    /// The server's hello (waits for it).
    public func hello() async throws -> Hello {
        try await withCheckedThrowingContinuation { continuation in
            let ready: Result<Hello, any Error>? = self.state.withLock { state in
                if let hello = state.hello { return hello }
                if let closed = state.closed { return .failure(closed) }
                state.helloWaiters.append(continuation)
                return nil
            }
            if let ready { continuation.resume(with: ready) }
        }
    }

    /// A fresh request id, unique on this connection.
    public func makeID() -> RequestID {
        .number(self.state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        })
    }

    /// Sends `message` (whose `id` must be `id`) and waits for the line that echoes `id`.
    /// - Returns: the reply line (which may be an `error`).
    public func request(_ message: some Encodable, id: RequestID) async throws -> Data {
        let line = try self.codec.encodeLine(message)
        return try await self.request(line: line, id: id)
    }

    /// Sends raw bytes (one or more lines, for tests and pass-through) and waits for the reply to `id`.
    /// Cancelling the waiting task stops the wait with `CancellationError` (a late reply then
    /// arrives on ``unsolicited``).
    /// - Parameter claimingErrorsWithoutID: an `error` line without an id that arrives while this
    ///   request waits is taken as its reply. A server sends such a line when it could not read a
    ///   request's id (`LINE_TOO_LONG`, `BAD_JSON`), so this is only sound for a request that is the
    ///   only one outstanding on the connection.
    public func request(line: Data, id: RequestID, claimingErrorsWithoutID: Bool = false) async throws -> Data {
        if let closed = self.state.withLock({ state -> (any Error)? in
            if let closed = state.closed { return closed }
            state.pending[id] = .registered
            if claimingErrorsWithoutID { state.claimant = id }
            return nil
        }) {
            throw closed
        }
        do {
            try await self.outbound.write(ByteBuffer(bytes: line))
        } catch {
            self.state.withLock { state in
                state.pending[id] = nil
                if state.claimant == id { state.claimant = nil }
            }
            throw error
        }
        defer {
            self.state.withLock { state in
                if state.claimant == id { state.claimant = nil }
            }
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let ready: Result<Data, any Error>? = self.state.withLock { state in
                    switch state.pending[id] {
                    case .arrived(let result):
                        state.pending[id] = nil
                        return result
                    case .registered:
                        if Task.isCancelled {
                            state.pending[id] = nil
                            return .failure(CancellationError())
                        }
                        state.pending[id] = .waiting(continuation)
                        return nil
                    case .waiting, nil:
                        return .failure(state.closed ?? ConnectionClosedError())
                    }
                }
                if let ready { continuation.resume(with: ready) }
            }
        } onCancel: {
            let waiter = self.state.withLock { state -> CheckedContinuation<Data, any Error>? in
                guard case .waiting(let continuation) = state.pending[id] else { return nil }
                state.pending[id] = nil
                return continuation
            }
            waiter?.resume(throwing: CancellationError())
        }
    }

    /// Sends a request whose answer comes as several lines with its id (a streamed query) and
    /// returns them as they arrive, ending after a line of type `end`, `result` or `error` (included).
    /// The connection stops reading while the consumer is behind (back-pressure to the server).
    public func stream(_ message: some Encodable, id: RequestID) async throws -> AsyncThrowingChannel<Data, any Error> {
        let channel = AsyncThrowingChannel<Data, any Error>()
        if let closed = self.state.withLock({ state -> (any Error)? in
            if let closed = state.closed { return closed }
            state.streams[id] = channel
            return nil
        }) {
            throw closed
        }
        try await self.outbound.write(ByteBuffer(bytes: try self.codec.encodeLine(message)))
        return channel
    }

    /// Sends a request and decodes its reply as `R`; an `error` reply is thrown as ``ErrorReply``.
    public func call<R: Decodable>(_ message: some Encodable, id: RequestID, as: R.Type) async throws -> R {
        let reply = try await self.request(message, id: id)
        return try self.decodeReply(R.self, from: reply)
    }

    /// Decodes a reply line as `R`, throwing the ``ErrorReply`` if it is an error.
    public func decodeReply<R: Decodable>(_ type: R.Type, from line: Data) throws -> R {
        let header = try self.codec.decodeValue(LineHeader.self, from: line)
        if header.type == ErrorReply.type {
            throw try self.codec.decodeValue(ErrorReply.self, from: line)
        }
        return try self.codec.decodeValue(R.self, from: line)
    }

    /// Writes raw bytes without waiting for anything (tests of hostile input use this).
    public func write(raw bytes: [UInt8]) async throws {
        try await self.outbound.write(ByteBuffer(bytes: bytes))
    }

    /// Closes the sending side (TLS close_notify); replies can still be read.
    public func finishSending() {
        self.outbound.finish()
    }

    /// Waits until the connection closes.
    public func waitUntilClosed() async {
        for await _ in self.unsolicited {}
    }

    /// Whether the connection has closed (the peer closed it, or it failed).
    public var isClosed: Bool { self.state.withLock { $0.closed != nil } }

    /// The server's goodbye, if it said why it closes the connection (a fatal error line without an
    /// id, such as `IDLE_TIMEOUT`); it arrives before the close.
    public var goodbye: ErrorReply? { self.state.withLock { $0.goodbye } }

    /// Suspends until the connection closes or `timeout` (if any) passes, without reading ``unsolicited``;
    /// costs nothing while it waits, and may be cancelled.
    public func waitForClose(timeout: Duration? = nil) async {
        if self.isClosed { return }
        await self.closedBell.wait(timeout: timeout)
    }

    func deliver(_ frame: LineFrame) async {
        guard case .line(let buffer) = frame else { return }
        let data = Data(buffer.readableBytesView)
        guard let header = try? self.codec.decodeValue(LineHeader.self, from: data) else {
            self.unsolicitedContinuation.yield(data)
            return
        }
        if let id = header.id, let channel = self.state.withLock({ $0.streams[id] }) {
            await channel.send(data)
            if header.type == "end" || header.type == ErrorReply.type || header.type == QueryReply.type {
                self.state.withLock { _ = $0.streams.removeValue(forKey: id) }
                channel.finish()
            }
            return
        }
        // An error before any hello (BUSY at the connection limit) is why there will be none.
        if header.type == ErrorReply.type, header.id == nil, let error = try? self.codec.decodeValue(ErrorReply.self, from: data),
            let waiters = self.state.withLock({ state -> [CheckedContinuation<Hello, any Error>]? in
                guard state.hello == nil else { return nil }
                state.hello = .failure(error)
                defer { state.helloWaiters = [] }
                return state.helloWaiters
            })
        {
            for waiter in waiters { waiter.resume(throwing: error) }
            self.unsolicitedContinuation.yield(data)
            return
        }
        if header.type == Hello.type, let hello = try? self.codec.decodeValue(Hello.self, from: data) {
            let waiters = self.state.withLock { state -> [CheckedContinuation<Hello, any Error>] in
                state.hello = .success(hello)
                defer { state.helloWaiters = [] }
                return state.helloWaiters
            }
            for waiter in waiters { waiter.resume(returning: hello) }
            return
        }
        let claimed = header.id == nil && header.type == ErrorReply.type
        if let id = header.id ?? (claimed ? self.state.withLock({ $0.claimant }) : nil) {
            let (matched, waiter) = self.state.withLock { state -> (Bool, CheckedContinuation<Data, any Error>?) in
                if state.claimant == id { state.claimant = nil }
                switch state.pending[id] {
                case .registered:
                    state.pending[id] = .arrived(.success(data))
                    return (true, nil)
                case .waiting(let continuation):
                    state.pending[id] = nil
                    return (true, continuation)
                case .arrived, nil:
                    return (false, nil)
                }
            }
            waiter?.resume(returning: data)
            if matched { return }
        }
        if claimed, let error = try? self.codec.decodeValue(ErrorReply.self, from: data), error.fatal {
            self.state.withLock { $0.goodbye = error }
        }
        self.unsolicitedContinuation.yield(data)
    }

    func close(with error: any Error) {
        let streams = self.state.withLock { state in
            defer { state.streams = [:] }
            return Array(state.streams.values)
        }
        for stream in streams { stream.fail(error) }
        let (pending, helloWaiters) = self.state.withLock { state in
            if state.closed == nil { state.closed = error }
            var waiting: [CheckedContinuation<Data, any Error>] = []
            for (id, slot) in state.pending {
                switch slot {
                case .waiting(let continuation):
                    waiting.append(continuation)
                    state.pending[id] = nil
                case .registered:
                    state.pending[id] = .arrived(.failure(error))
                case .arrived:
                    break
                }
            }
            defer { state.helloWaiters = [] }
            return (waiting, state.helloWaiters)
        }
        for waiter in pending { waiter.resume(throwing: error) }
        for waiter in helloWaiters { waiter.resume(throwing: error) }
        self.unsolicitedContinuation.finish()
        self.closedBell.close()
    }
}
