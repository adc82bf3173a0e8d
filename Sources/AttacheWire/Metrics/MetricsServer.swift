import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import ServiceLifecycle
import Synchronization

/// Settings of the metrics endpoint: plain HTTP on loopback by default, an operator endpoint apart
/// from the mutual-TLS service wire.
public struct MetricsServerConfiguration: Sendable, Equatable {
    /// Address to listen on (`scope.metrics.host`, default `127.0.0.1`).
    public var host: String
    /// Port to listen on (`scope.metrics.port`); 0 picks a free one (see `onBound`).
    public var port: Int
    /// Connections served at once (default 8). A connection beyond them gets `503` and is closed.
    public var maxConnections: Int
    /// Bytes a client may send on one connection, request line and headers included (default
    /// 8 KiB). Beyond them it gets `413` and is closed.
    public var maxRequestBytes: Int
    /// Time a connection may stay open, from accept to the last byte of the answer (default 5 s).
    public var requestTimeout: TimeAmount

    public static let defaultMaxConnections = 8
    public static let defaultMaxRequestBytes = 8 * 1024

    public init(
        host: String = "127.0.0.1", port: Int, maxConnections: Int = MetricsServerConfiguration.defaultMaxConnections,
        maxRequestBytes: Int = MetricsServerConfiguration.defaultMaxRequestBytes, requestTimeout: TimeAmount = .seconds(5)
    ) {
        self.host = host
        self.port = port
        self.maxConnections = max(1, maxConnections)
        self.maxRequestBytes = max(256, maxRequestBytes)
        self.requestTimeout = requestTimeout
    }
}

/// A minimal HTTP/1.1 responder for `GET /metrics` (Prometheus text format), one request per
/// connection (`Connection: close`). Anything else gets `404` (another path) or `405` (another
/// method on `/metrics`).
///
/// Bounded: at most `maxConnections` at once, `maxRequestBytes` read per connection, and
/// `requestTimeout` per connection. The page is rendered in the connection's task, never on an
/// event loop. A server without clients schedules nothing (no CPU at rest).
public final class MetricsServer: Service {
    private let configuration: MetricsServerConfiguration
    private let render: @Sendable () -> [UInt8]
    private let logger: Logger
    private let group: MultiThreadedEventLoopGroup
    private let onBound: (@Sendable (SocketAddress) -> Void)?
    private let open = Mutex(0)

    /// - Parameters:
    ///   - render: the body of `GET /metrics` (called once per request, off the event loops).
    ///   - onBound: called once with the bound address (port 0 picks one; tests read it here).
    public init(
        configuration: MetricsServerConfiguration, render: @escaping @Sendable () -> [UInt8], logger: Logger,
        group: MultiThreadedEventLoopGroup = .singleton, onBound: (@Sendable (SocketAddress) -> Void)? = nil
    ) {
        self.configuration = configuration
        self.render = render
        self.logger = logger
        self.group = group
        self.onBound = onBound
    }

    private typealias Child = NIOAsyncChannel<HTTPServerRequestPart, ByteBuffer>

    public func run() async throws {
        let config = self.configuration
        let server = try await ServerBootstrap(group: self.group)
            .serverChannelOption(.backlog, value: 32)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: config.host, port: config.port) { channel in
                channel.eventLoop.makeCompletedFuture { () -> Child in
                    // One deadline per connection, cancelled when it closes: nothing is scheduled at rest.
                    let deadline = channel.eventLoop.scheduleTask(in: config.requestTimeout) { channel.close(promise: nil) }
                    channel.closeFuture.whenComplete { _ in deadline.cancel() }
                    let ops = channel.pipeline.syncOperations
                    try ops.addHandler(RequestSizeLimitHandler(maxBytes: config.maxRequestBytes))
                    try ops.addHandler(ByteToMessageHandler(HTTPRequestDecoder(leftOverBytesStrategy: .dropBytes)))
                    return try Child(wrappingChannelSynchronously: channel)
                }
            }
        if let address = server.channel.localAddress {
            self.logger.info("metrics listening", metadata: ["listen.address": "\(address)"])
            self.onBound?(address)
        }
        try await withThrowingDiscardingTaskGroup { group in
            try await server.executeThenClose { inbound in
                for try await child in inbound.cancelOnGracefulShutdown() {
                    group.addTask { await self.serve(child) }
                }
            }
        }
    }

    /// Answers one request; never throws.
    private func serve(_ child: Child) async {
        let limit = self.configuration.maxConnections
        let admitted = self.open.withLock { open -> Bool in
            guard open < limit else { return false }
            open += 1
            return true
        }
        defer { if admitted { self.open.withLock { $0 -= 1 } } }
        let channel = child.channel
        do {
            try await child.executeThenClose { inbound, _ in
                guard admitted else {
                    try await Self.respond(.serviceUnavailable, body: "too many metrics connections\n", on: channel)
                    return
                }
                var head: HTTPRequestHead?
                for try await part in inbound {
                    switch part {
                    case .head(let h): head = h
                    case .body: continue  // bounded by RequestSizeLimitHandler; ignored
                    case .end:
                        guard let head else { return }
                        try await self.answer(head, on: channel)
                        return
                    }
                }
            }
        } catch {
            self.logger.debug("metrics connection ended with error", metadata: ["error": "\(error)"])
        }
    }

    private func answer(_ head: HTTPRequestHead, on channel: any Channel) async throws {
        let path = head.uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard path == "/metrics" else {
            try await Self.respond(.notFound, body: "not found; try GET /metrics\n", on: channel)
            return
        }
        guard head.method == .GET else {
            try await Self.respond(.methodNotAllowed, body: "only GET\n", extra: "Allow: GET\r\n", on: channel)
            return
        }
        let body = self.render()
        try await Self.respond(
            .ok, body: body, contentType: "text/plain; version=0.0.4; charset=utf-8", on: channel)
    }

    /// Writes a whole response and returns once it is handed to the kernel (so the close that
    /// follows cannot cut it short).
    private static func respond(
        _ status: HTTPResponseStatus, body: String, extra: String = "", on channel: any Channel
    ) async throws {
        try await Self.respond(status, body: Array(body.utf8), contentType: "text/plain; charset=utf-8", extra: extra, on: channel)
    }

    private static func respond(
        _ status: HTTPResponseStatus, body: [UInt8], contentType: String, extra: String = "", on channel: any Channel
    ) async throws {
        try await channel.writeAndFlush(Self.response(status, body: body, contentType: contentType, extra: extra))
    }

    static func response(_ status: HTTPResponseStatus, body: [UInt8], contentType: String, extra: String = "") -> ByteBuffer {
        let head =
            "HTTP/1.1 \(status.code) \(status.reasonPhrase)\r\nContent-Type: \(contentType)\r\n"
            + "Content-Length: \(body.count)\r\nConnection: close\r\n\(extra)\r\n"
        var buffer = ByteBuffer()
        buffer.reserveCapacity(head.utf8.count + body.count)
        buffer.writeString(head)
        buffer.writeBytes(body)
        return buffer
    }
}

/// Counts the bytes a client sends; past the limit, answers `413` and closes.
private final class RequestSizeLimitHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let maxBytes: Int
    private var seen = 0
    private var refused = false

    init(maxBytes: Int) {
        self.maxBytes = maxBytes
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if self.refused { return }
        let buffer = Self.unwrapInboundIn(data)
        self.seen += buffer.readableBytes
        guard self.seen <= self.maxBytes else {
            self.refused = true
            let channel = context.channel
            let body = Array("request larger than \(self.maxBytes) bytes\n".utf8)
            let response = MetricsServer.response(.payloadTooLarge, body: body, contentType: "text/plain; charset=utf-8")
            context.writeAndFlush(Self.wrapOutboundOut(response)).whenComplete { _ in channel.close(promise: nil) }
            return
        }
        context.fireChannelRead(data)
    }

    typealias OutboundOut = ByteBuffer
}
