import AttacheContracts
import AttacheFraming
import Foundation
import Logging
import Metrics
import NIOCore
import NIOPosix
import NIOSSL
import ServiceLifecycle
import Synchronization

/// Settings of a line server. Every limit is advertised to clients in the hello.
public struct LineServerConfiguration: Sendable {
    /// Address to listen on (default `127.0.0.1`).
    public var host: String
    /// Port to listen on; 0 picks a free one (see `onBound`).
    public var port: Int
    /// Every limit advertised in the hello, including `maxConnections` (authenticated connections
    /// at once: a peer whose handshake finishes beyond it gets a fatal `BUSY` error and is closed)
    /// and `handshakeTimeoutSeconds` (a slower TLS handshake is aborted).
    public var limits: Limits
    /// Overrides `limits.handshakeTimeoutSeconds` with a finer unit (tests).
    public var handshakeTimeout: TimeAmount
    /// Caps on connections whose TLS handshake has not finished, counted apart from
    /// `limits.maxConnections` (see ``HandshakeLimits``).
    public var handshakes: HandshakeLimits
    /// Refused connections are logged once per this interval, as a count (default 10 s).
    public var refusalLogInterval: TimeAmount

    public var maxConnections: Int { self.limits.maxConnections }

    public init(
        host: String = "127.0.0.1", port: Int, limits: Limits = Limits(), handshakeTimeout: TimeAmount? = nil,
        handshakes: HandshakeLimits = HandshakeLimits(), refusalLogInterval: TimeAmount = .seconds(10)
    ) {
        self.host = host
        self.port = port
        self.limits = limits
        self.handshakeTimeout = handshakeTimeout ?? .seconds(Int64(limits.handshakeTimeoutSeconds))
        self.handshakes = handshakes
        self.refusalLogInterval = refusalLogInterval
    }
}

/// One request line, header already decoded.
public struct InboundRequest: Sendable {
    public var header: LineHeader
    public var line: Data
    /// The request's `type` (never empty).
    public var type: String { self.header.type ?? "" }
}

/// What a server does with requests. `hello`, `ping`, framing, limits and malformed lines are
/// handled by ``LineServer``; everything else comes here, one request at a time per connection.
public protocol LineRequestHandler: Sendable {
    /// `extractor` or `aggregator`: named in the hello.
    var serverName: String { get }
    /// The request types this handler answers: the values of the `type` label of
    /// `attache_requests_total` (any other type counts as `unknown`). Default: none.
    var requestTypes: [String] { get }
    /// Answers one request by sending on `connection`. A thrown ``ErrorReply`` is sent to the
    /// client; any other error is logged and answered with `INTERNAL`.
    func handle(_ request: InboundRequest, on connection: ServerConnection) async throws
}

extension LineRequestHandler {
    public var requestTypes: [String] { [] }
}

/// The reply side of one client connection.
public final class ServerConnection: Sendable {
    public let peer: PeerIdentity
    public let limits: Limits
    public let id: Int
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>
    let codec: LineCodec
    let jobs: AsyncStream<@Sendable () async -> Void>
    private let jobsContinuation: AsyncStream<@Sendable () async -> Void>.Continuation
    private let metrics: LineServerMetrics?

    init(
        peer: PeerIdentity, limits: Limits, id: Int, outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>,
        metrics: LineServerMetrics? = nil
    ) {
        self.metrics = metrics
        self.peer = peer
        self.limits = limits
        self.id = id
        self.outbound = outbound
        self.codec = LineCodec()
        (self.jobs, self.jobsContinuation) = AsyncStream.makeStream()
    }

    /// Runs `job` beside the request loop for as long as the connection lasts (it is cancelled
    /// when the connection closes): for pushing subscription events.
    public func spawn(_ job: @escaping @Sendable () async -> Void) {
        self.jobsContinuation.yield(job)
    }

    func finishJobs() { self.jobsContinuation.finish() }

    /// Encodes `message` as one line and writes it.
    public func send(_ message: some Encodable) async throws {
        if let reply = message as? ErrorReply { self.metrics?.error(reply.code) }
        let data = try self.codec.encodeLine(message)
        try await self.outbound.write(ByteBuffer(bytes: data))
    }

    /// Decodes the request line as `M`, or throws `BAD_REQUEST`.
    public func decode<M: Decodable>(_ type: M.Type, _ request: InboundRequest) throws(ErrorReply) -> M {
        try self.codec.decode(M.self, from: request.line, id: request.header.id)
    }
}

/// A TLS-only NDJSON server: mutual TLS, hard line limit, handshake and idle timeouts, one task
/// per connection in a discarding task group, graceful shutdown.
///
/// Connections are counted in two pools. Until its TLS handshake finishes, a connection is
/// *pending*: the ``HandshakeGate`` keeps at most ``HandshakeLimits/maxPending`` of them (and
/// ``HandshakeLimits/maxPendingPerAddress`` per IP address or IPv6 /64), closing the oldest to make room, and
/// each has `handshakeTimeout` to finish. Only a finished handshake (a verified certificate)
/// takes one of the `maxConnections` authenticated slots; beyond them the peer gets a fatal
/// `BUSY` error line and is closed. Refusals are logged at a bounded rate (``RefusalLog``).
public final class LineServer: Service {
    private let configuration: LineServerConfiguration
    private let tls: NIOSSLContext
    private let handler: any LineRequestHandler
    private let logger: Logger
    private let onBound: (@Sendable (SocketAddress) -> Void)?
    private let group: MultiThreadedEventLoopGroup
    private let connections = Mutex(0)
    private let nextConnectionID = Atomic<Int>(0)
    private let gate: HandshakeGate
    private let refusals: RefusalLog
    private let metrics: LineServerMetrics

    /// - Parameters:
    ///   - onBound: called once with the bound address (tests bind port 0 and read it here).
    public init(
        configuration: LineServerConfiguration, tls: NIOSSLContext, handler: any LineRequestHandler, logger: Logger,
        group: MultiThreadedEventLoopGroup = .singleton, onBound: (@Sendable (SocketAddress) -> Void)? = nil
    ) {
        self.configuration = configuration
        self.tls = tls
        self.handler = handler
        self.logger = logger
        self.onBound = onBound
        self.group = group
        self.metrics = LineServerMetrics(requestTypes: handler.requestTypes)
        self.gate = HandshakeGate(limits: configuration.handshakes, pending: self.metrics.handshakesPending)
        self.refusals = RefusalLog(logger: logger, interval: configuration.refusalLogInterval, eventLoop: group.next())
    }

    /// Connections whose TLS handshake is under way now (tests).
    public var pendingHandshakes: Int { self.gate.pending }

    private typealias Child = (NIOAsyncChannel<LineFrame, ByteBuffer>, EventLoopFuture<PeerIdentity>)

    public func run() async throws {
        let config = self.configuration
        let tls = self.tls
        let gate = self.gate
        let metrics = self.metrics
        let goodbye = ByteBuffer(bytes: try LineCodec().encodeLine(
            ErrorReply(id: nil, code: .idleTimeout, message: "idle for \(config.limits.idleTimeoutSeconds) s", fatal: true)))
        let server = try await ServerBootstrap(group: self.group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.allowRemoteHalfClosure, value: true)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .bind(host: config.host, port: config.port) { channel in
                channel.eventLoop.makeCompletedFuture { () -> Child in
                    let handshake = channel.eventLoop.makePromise(of: PeerIdentity.self)
                    let ops = channel.pipeline.syncOperations
                    try ops.addHandler(NIOSSLServerHandler(context: tls))
                    try ops.addHandler(HandshakeHandler(timeout: config.handshakeTimeout, promise: handshake, gate: gate))
                    try ops.addHandler(ByteToMessageHandler(LineFrameDecoder(maxLineBytes: config.limits.maxLineBytes)))
                    // Behind the decoder, so only complete lines count as activity: a peer that dribbles
                    // a line byte by byte (slow loris) is closed like a silent one.
                    try ops.addHandler(IdleStateHandler(readTimeout: .seconds(Int64(config.limits.idleTimeoutSeconds))))
                    try ops.addHandler(IdleCloseHandler(goodbye: goodbye, onGoodbye: { metrics.error(.idleTimeout) }))
                    let async = try NIOAsyncChannel<LineFrame, ByteBuffer>(
                        wrappingChannelSynchronously: channel,
                        configuration: .init(
                            backPressureStrategy: .init(lowWatermark: 2, highWatermark: 8),
                            isOutboundHalfClosureEnabled: true))
                    return (async, handshake.futureResult)
                }
            }
        if let address = server.channel.localAddress {
            self.logger.info("listening", metadata: ["listen.address": "\(address)", "server": "\(self.handler.serverName)"])
            self.onBound?(address)
        }
        try await withThrowingDiscardingTaskGroup { group in
            try await server.executeThenClose { inbound in
                // Every accepted connection gets a task: the HandshakeGate bounds those still in
                // their handshake, and `serve` takes an authenticated slot once it is over.
                for try await child in inbound.cancelOnGracefulShutdown() {
                    group.addTask { await self.serve(child) }
                }
            }
        }
    }

    /// Serves one connection; never throws (one bad peer must not take the listener down).
    private func serve(_ child: Child) async {
        let (channel, handshake) = child
        let connectionID = self.nextConnectionID.add(1, ordering: .relaxed).newValue
        var logger = self.logger
        logger[metadataKey: "conn.id"] = "\(connectionID)"
        if let remote = channel.channel.remoteAddress { logger[metadataKey: "conn.peer"] = "\(remote)" }
        let peer: PeerIdentity
        do {
            peer = try await handshake.get()
        } catch {
            let reason: RefusalLog.Reason =
                switch error {
                case is HandshakeEvictedError: .handshakeEvicted
                case is HandshakeTimeoutError: .handshakeTimeout
                default: .handshakeFailed
                }
            logger.debug("connection refused during TLS handshake", metadata: ["error": "\(error)"])
            self.refusals.record(reason, metadata: logger.metadataWith(["error": "\(error)"]))
            // Close through the async wrapper so its writer is finished (dropping it unfinished traps).
            try? await channel.executeThenClose { _, _ in }
            return
        }
        logger[metadataKey: "tls.subject"] = "\(peer)"
        let maxConnections = self.configuration.maxConnections
        let admitted = self.connections.withLock { count -> Bool in
            guard count < maxConnections else { return false }
            count += 1
            return true
        }
        guard admitted else {
            logger.debug("connection refused: limit reached")
            self.refusals.record(.connectionLimit, metadata: logger.metadataWith(["conn.max": "\(maxConnections)"]))
            let busy = ErrorReply(
                id: nil, code: .busy, message: "the server has \(maxConnections) connections open, its limit; retry later",
                fatal: true)
            self.metrics.error(busy.code)
            try? await channel.executeThenClose { _, outbound in
                if let line = try? LineCodec().encodeLine(busy) { try await outbound.write(ByteBuffer(bytes: line)) }
                outbound.finish()
            }
            return
        }
        self.metrics.connectionsOpen.increment()
        defer {
            self.connections.withLock { $0 -= 1 }
            self.metrics.connectionsOpen.decrement()
        }
        logger.debug("connection accepted")
        do {
            try await channel.executeThenClose { inbound, outbound in
                let connection = ServerConnection(
                    peer: peer, limits: self.configuration.limits, id: connectionID, outbound: outbound,
                    metrics: self.metrics)
                defer { connection.finishJobs() }
                try await withThrowingDiscardingTaskGroup { group in
                    // Long-lived jobs of this connection (subscriptions), each in its own child task.
                    group.addTask {
                        await withDiscardingTaskGroup { jobs in
                            for await job in connection.jobs { jobs.addTask { await job() } }
                        }
                    }
                    let role = peer.role
                    try await connection.send(
                        Hello(
                            server: self.handler.serverName, limits: self.configuration.limits, peer: peer.commonName,
                            permissions: role?.permissions(on: self.handler.serverName) ?? []))
                    // Up to maxInflight requests of this connection run at once; at the cap, reading
                    // pauses until one finishes (back-pressure). Replies are matched by id.
                    let requestLogger = logger
                    try await withThrowingTaskGroup(of: Void.self) { requests in
                        var inflight = 0
                        frames: for try await frame in inbound.cancelOnGracefulShutdown() {
                            switch try await self.triage(frame, on: connection) {
                            case .done:
                                continue
                            case .close:
                                break frames
                            case .handle(let request):
                                if inflight >= max(1, connection.limits.maxInflight) {
                                    try await requests.next()
                                    inflight -= 1
                                }
                                inflight += 1
                                requests.addTask { try await self.handle(request, on: connection, logger: requestLogger) }
                            }
                        }
                        try await requests.waitForAll()
                    }
                    if Task.isShuttingDownGracefully {
                        try? await connection.send(Bye(reason: "server shutting down"))
                    }
                    connection.finishJobs()
                    group.cancelAll()
                }
                outbound.finish()
            }
        } catch {
            logger.debug("connection ended with error", metadata: ["error": "\(error)"])
        }
        logger.debug("connection closed")
    }

    private enum Triage: Sendable {
        /// Answered (or ignored) on the spot.
        case done
        /// The peer said bye.
        case close
        /// A request for the handler.
        case handle(InboundRequest)
    }

    /// Deals with framing errors, malformed lines and the protocol's own requests on the spot;
    /// hands anything else on.
    private func triage(_ frame: LineFrame, on connection: ServerConnection) async throws -> Triage {
        let line: ByteBuffer
        switch frame {
        case .tooLong(let limit):
            self.metrics.request(LineServerMetrics.invalidType, .error)
            try await connection.send(
                ErrorReply(
                    id: nil, code: .lineTooLong,
                    message: "line longer than \(limit) bytes; it was discarded up to its newline"))
            return .done
        case .line(let buffer):
            line = buffer
        }
        let data = Data(line.readableBytesView)
        let header: LineHeader
        do {
            guard let decoded = try connection.codec.header(of: data) else { return .done }
            header = decoded
        } catch {
            self.metrics.request(LineServerMetrics.invalidType, .error)
            try await connection.send(error)
            return .done
        }
        switch header.type {
        case Ping.type:
            self.metrics.request(Ping.type, .ok)
            try await connection.send(Pong(id: header.id))
            return .done
        case Hello.type:
            self.metrics.request(Hello.type, .ok)
            try await connection.send(
                Hello(
                    server: self.handler.serverName, limits: connection.limits, peer: connection.peer.commonName,
                    permissions: connection.peer.role?.permissions(on: self.handler.serverName) ?? []))
            return .done
        case Bye.type:
            self.metrics.request(Bye.type, .ok)
            return .close
        default:
            return .handle(InboundRequest(header: header, line: data))
        }
    }

    /// Whether a peer of `role` may send a request of `type` to `server`: the one check of the
    /// permissions a hello advertises (``PeerRole/permissions(on:)``). A request that needs no
    /// permission (``Permission/required(for:on:)`` is nil) is allowed to every peer, one that needs
    /// one only to a role that has it (a certificate without a known role has none).
    static func permits(_ type: String, to role: PeerRole?, on server: String) -> Bool {
        guard Permission.required(for: type, on: server) != nil else { return true }
        return role?.may(type, on: server) ?? false
    }

    /// Runs one request through the handler, once the peer's role allows it (else `FORBIDDEN`,
    /// and the connection goes on); its errors become error replies.
    private func handle(_ request: InboundRequest, on connection: ServerConnection, logger: Logger) async throws {
        do {
            guard Self.permits(request.type, to: connection.peer.role, on: self.handler.serverName) else {
                throw ErrorReply.forbidden(request, peer: connection.peer)
            }
            try await self.handler.handle(request, on: connection)
            self.metrics.request(request.type, .ok)
        } catch let reply as ErrorReply {
            self.metrics.request(reply.code == .unknownType ? LineServerMetrics.unknownType : request.type, .error)
            var reply = reply
            if reply.id == nil { reply.id = request.header.id }
            try await connection.send(reply)
        } catch {
            self.metrics.request(request.type, .error)
            logger.error("request failed", metadata: ["msg.type": "\(request.type)", "error": "\(error)"])
            try await connection.send(
                ErrorReply(id: request.header.id, code: .internal, message: "internal error handling '\(request.type)'"))
        }
    }
}

extension ErrorReply {
    /// The reply to a request `type` the server does not know.
    public static func unknownType(_ request: InboundRequest, known: [String]) -> ErrorReply {
        ErrorReply(
            id: request.header.id, code: .unknownType,
            message: "unknown message type '\(request.type)'; this server takes: \(known.joined(separator: ", "))")
    }

    /// The reply when the peer's certificate does not allow the request.
    public static func forbidden(_ request: InboundRequest, peer: PeerIdentity) -> ErrorReply {
        ErrorReply(
            id: request.header.id, code: .forbidden,
            message: "certificate '\(peer.commonName ?? "?")' (role \(peer.role?.rawValue ?? "none")) may not send '\(request.type)'"
                + Self.roleHint(request.type))
    }

    /// Which roles may send `type`, for the message of a refusal.
    static func roleHint(_ type: String) -> String {
        switch type {
        case "push", "extract": "; it needs a writer (or client) certificate"
        case "query", "subscribe", "unsubscribe": "; it needs a reader, writer or client certificate"
        case "digest": "; only the extractor's certificate may"
        default: ""
        }
    }
}

extension Logger {
    /// This logger's metadata with `extra` added (for a line logged by another logger).
    fileprivate func metadataWith(_ extra: Logger.Metadata) -> Logger.Metadata {
        var metadata: Logger.Metadata = [:]
        for key in ["conn.id", "conn.peer", "tls.subject"] {
            if let value = self[metadataKey: key] { metadata[key] = value }
        }
        return metadata.merging(extra) { _, new in new }
    }
}
