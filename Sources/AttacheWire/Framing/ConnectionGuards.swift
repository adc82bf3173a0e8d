import NIOCore
import NIOSSL
import NIOTLS

/// Closes a connection whose TLS handshake does not finish in time, and reports the peer's
/// identity once it does. While the handshake is under way the connection is registered with
/// the server's ``HandshakeGate`` (which may close it to make room for a newer one).
final class HandshakeHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    private let timeout: TimeAmount
    private let promise: EventLoopPromise<PeerIdentity>
    private let gate: HandshakeGate?
    private var timer: Scheduled<Void>?
    private var ticket: UInt64?

    init(timeout: TimeAmount, promise: EventLoopPromise<PeerIdentity>, gate: HandshakeGate? = nil) {
        self.timeout = timeout
        self.promise = promise
        self.gate = gate
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let promise = self.promise
        let channel = context.channel
        let timeout = self.timeout
        self.timer = context.eventLoop.scheduleTask(in: timeout) {
            promise.fail(HandshakeTimeoutError(timeout: timeout))
            channel.close(promise: nil)
        }
        if context.channel.isActive { self.register(context: context) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.finish()
        self.promise.fail(ChannelError.ioOnClosedChannel)
    }

    func channelActive(context: ChannelHandlerContext) {
        self.register(context: context)
        context.fireChannelActive()
    }

    private func register(context: ChannelHandlerContext) {
        guard let gate = self.gate, self.ticket == nil else { return }
        let address = HandshakeLimits.addressKey(context.channel.remoteAddress)
        self.ticket = gate.admit(context.channel, address: address, promise: self.promise)
    }

    /// The handshake is over, one way or the other: stop the clock and leave the gate.
    private func finish() {
        self.timer?.cancel()
        if let ticket = self.ticket {
            self.gate?.release(ticket)
            self.ticket = nil
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let tls = event as? TLSUserEvent, case .handshakeCompleted = tls {
            self.finish()
            let certificate = try? context.pipeline.syncOperations.nioSSL_peerCertificate()
            self.promise.succeed(PeerIdentity(certificate: certificate))
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        self.finish()
        self.promise.fail(error)
        context.fireErrorCaught(error)
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.finish()
        self.promise.fail(ChannelError.ioOnClosedChannel)
        context.fireChannelInactive()
    }
}

/// The TLS handshake did not finish within the configured time.
public struct HandshakeTimeoutError: Error, CustomStringConvertible {
    public var timeout: TimeAmount
    public var description: String { "TLS handshake did not finish within \(self.timeout.nanoseconds / 1_000_000) ms" }
}

/// Closes a connection that has been silent for too long, after telling the peer why.
final class IdleCloseHandler: ChannelDuplexHandler {
    typealias InboundIn = NIOAny
    typealias OutboundIn = NIOAny
    private let goodbye: ByteBuffer
    private let onGoodbye: @Sendable () -> Void

    /// - Parameters:
    ///   - onGoodbye: called when the goodbye is sent (to count it).
    init(goodbye: ByteBuffer, onGoodbye: @escaping @Sendable () -> Void = {}) {
        self.goodbye = goodbye
        self.onGoodbye = onGoodbye
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read {
            let channel = context.channel
            self.onGoodbye()
            context.writeAndFlush(NIOAny(self.goodbye)).whenComplete { _ in
                channel.close(promise: nil)
            }
            return
        }
        context.fireUserInboundEventTriggered(event)
    }
}
