import AttacheTestSupport
import AttacheWire
import Foundation
import NIOCore
import NIOPosix
import Testing

/// Runs a MetricsServer on 127.0.0.1:0 for the duration of `body`.
func withMetricsServer<R: Sendable>(
    maxConnections: Int = 8, maxRequestBytes: Int = 8192, render: @escaping @Sendable () -> [UInt8],
    _ body: @Sendable (Int) async throws -> R
) async throws -> R {
    let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
    let server = MetricsServer(
        configuration: MetricsServerConfiguration(port: 0, maxConnections: maxConnections, maxRequestBytes: maxRequestBytes),
        render: render, logger: quietLogger,
        onBound: { address in
            continuation.yield(address.port ?? 0)
            continuation.finish()
        })
    return try await withThrowingTaskGroup(of: Void.self, returning: R.self) { group in
        group.addTask { try await server.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        defer { group.cancelAll() }
        return try await body(port)
    }
}

@Suite(.timeLimit(.minutes(1))) struct MetricsServerTests {
    static let page = "# TYPE attache_test counter\nattache_test 1\n"

    @Test func answersGetMetricsOnly() async throws {
        try await withMetricsServer(render: { Array(Self.page.utf8) }) { port in
            let ok = try await httpExchange(port: port, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(ok.status == 200)
            #expect(ok.body == Self.page)
            let query = try await httpExchange(port: port, "GET /metrics?x=1 HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(query.status == 200)
            let missing = try await httpExchange(port: port, "GET /admin HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(missing.status == 404)
            let post = try await httpExchange(port: port, "POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi")
            #expect(post.status == 405)
            // HTTP/1.0 and a request without headers work too.
            let old = try await httpExchange(port: port, "GET /metrics HTTP/1.0\r\n\r\n")
            #expect(old.status == 200)
        }
    }

    @Test func refusesOversizedRequests() async throws {
        try await withMetricsServer(maxRequestBytes: 1024, render: { Array(Self.page.utf8) }) { port in
            let header = "X-Padding: " + String(repeating: "a", count: 2000) + "\r\n"
            // The server may close before reading all of it (a reset): either way no page is served.
            let result = try? await httpExchange(port: port, "GET /metrics HTTP/1.1\r\n\(header)\r\n")
            if let result {
                #expect(result.status == 413)
                #expect(!result.body.contains("attache_test"))
            }
            // It still serves the next client.
            let next = try await httpExchange(port: port, "GET /metrics HTTP/1.1\r\n\r\n")
            #expect(next.status == 200)
        }
    }

    @Test func capsConnections() async throws {
        try await withMetricsServer(maxConnections: 2, render: { Array(Self.page.utf8) }) { port in
            // Two clients that connect and say nothing hold both slots...
            let holders = try await (0..<2).asyncMap { _ in
                try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                    .connect(host: "127.0.0.1", port: port).get()
            }
            defer { for channel in holders { channel.close(promise: nil) } }
            try await Task.sleep(for: .milliseconds(200))
            // ...so a third one is told to come back later, at once, before it sends anything (had it
            // sent a request, the close that follows the answer could reach it as a reset).
            let third = try await httpExchange(port: port, "")
            #expect(third.status == 503)
            for channel in holders { try await channel.close() }
            try await Task.sleep(for: .milliseconds(200))
            #expect(try await httpExchange(port: port, "GET /metrics HTTP/1.1\r\n\r\n").status == 200)
        }
    }
}

extension Sequence {
    fileprivate func asyncMap<T>(_ transform: (Element) async throws -> T) async throws -> [T] {
        var result: [T] = []
        for element in self { result.append(try await transform(element)) }
        return result
    }
}
