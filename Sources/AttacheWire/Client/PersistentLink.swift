import AttacheContracts
import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import ServiceLifecycle
import Synchronization

/// A client connection that is kept open: it reconnects with exponential back-off (100 ms to
/// 5 s) whenever it drops, until graceful shutdown. Requests made while it is down wait up to
/// `waitForConnection`, then fail with `UNAVAILABLE`.
public final class PersistentLink: Service {
    private let configuration: LineClientConfiguration
    private let tls: NIOSSLContext
    private let logger: Logger
    private let waitForConnection: Duration
    private let current = Mutex<LineConnection?>(nil)

    public init(
        configuration: LineClientConfiguration, tls: NIOSSLContext, logger: Logger,
        waitForConnection: Duration = .seconds(2)
    ) {
        self.configuration = configuration
        self.tls = tls
        self.logger = logger
        self.waitForConnection = waitForConnection
    }

    /// Whether a connection is open right now.
    public var isConnected: Bool { self.current.withLock { $0 != nil } }

    public func run() async throws {
        var backoff: Duration = .milliseconds(100)
        let target = "\(self.configuration.host):\(self.configuration.port)"
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                try await LineClient.withConnection(self.configuration, tls: self.tls) { connection in
                    self.current.withLock { $0 = connection }
                    self.logger.info("link up", metadata: ["link.target": "\(target)"])
                    backoff = .milliseconds(100)
                    await withTaskGroup(of: Void.self) { group in
                        group.addTask { await connection.waitUntilClosed() }
                        group.addTask { try? await gracefulShutdown() }
                        await group.next()
                        group.cancelAll()
                    }
                    self.current.withLock { $0 = nil }
                }
            } catch {
                self.current.withLock { $0 = nil }
                self.logger.warning("link down", metadata: ["link.target": "\(target)", "error": "\(error)"])
            }
            if Task.isCancelled || Task.isShuttingDownGracefully { break }
            try? await Task.sleep(for: backoff)
            backoff = min(backoff * 2, .seconds(5))
        }
        self.current.withLock { $0 = nil }
    }

    /// Sends the message `make(id)` and decodes its reply as `R`.
    /// - Throws: the server's ``ErrorReply``, or `UNAVAILABLE` when no connection opens in time
    ///   or the connection drops before the reply.
    public func call<R: Decodable, M: Encodable>(as: R.Type, _ make: (RequestID) -> M) async throws -> R {
        let connection = try await self.connection()
        let id = connection.makeID()
        let reply: Data
        do {
            reply = try await connection.request(make(id), id: id)
        } catch {
            throw ErrorReply(id: nil, code: .unavailable, message: "connection to \(self.target) lost: \(error)")
        }
        return try connection.decodeReply(R.self, from: reply)
    }

    private var target: String { "\(self.configuration.host):\(self.configuration.port)" }

    private func connection() async throws -> LineConnection {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: self.waitForConnection)
        while true {
            if let connection = self.current.withLock({ $0 }) { return connection }
            if clock.now >= deadline {
                throw ErrorReply(id: nil, code: .unavailable, message: "not connected to \(self.target)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}
