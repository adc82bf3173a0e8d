import AttacheContracts
import AttacheWire
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Plain TCP connections that never start TLS, held open until `close()`: the slot attack.
final class SilentConnections: @unchecked Sendable {
    private(set) var descriptors: [Int32] = []

    /// Opens `count` connections to `127.0.0.1:port`, spread over the source addresses `sources`
    /// (all of 127.0.0.0/8 is this machine's loopback), and sends nothing on them.
    init(_ count: Int, port: Int, sources: [String]) throws {
        for i in 0..<count {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw HarnessError("socket() failed: errno \(errno)") }
            var source = sockaddr_in()
            source.sin_family = sa_family_t(AF_INET)
            inet_pton(AF_INET, sources[i % sources.count], &source.sin_addr)
            var target = sockaddr_in()
            target.sin_family = sa_family_t(AF_INET)
            target.sin_port = in_port_t(UInt16(port)).bigEndian
            inet_pton(AF_INET, "127.0.0.1", &target.sin_addr)
            let bound = withUnsafePointer(to: &source) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            let connected = withUnsafePointer(to: &target) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0, connected == 0 else {
                let error = errno
                _ = Glibc.close(fd)
                self.close()
                throw HarnessError("connection \(i) from \(sources[i % sources.count]) failed: errno \(error)")
            }
            self.descriptors.append(fd)
        }
    }

    func close() {
        for fd in self.descriptors { _ = Glibc.close(fd) }
        self.descriptors = []
    }

    deinit { self.close() }
}

/// Lines of a service's log that report refused connections.
func refusalLines(_ log: String) -> [Substring] {
    log.split(separator: "\n").filter { $0.contains("connection refused") || $0.contains("connections refused") }
}

/// Unauthenticated peers against the real binaries: they must never starve clients with a
/// valid certificate, and their refusals must not flood the log.
extension SystemTests {
    @Suite(.serialized, .timeLimit(.minutes(3))) struct ConnectionLimitTests {
        /// 600 bare TCP connections that never start TLS (more than the 512 authenticated slots),
        /// from 20 source addresses, then a client with a valid certificate: it is served at once.
        /// (Before: each bare connection took a slot at accept and held it through the handshake
        /// timeout, so the client was refused.)
        @Test(arguments: ["attache-extractor", "attache-aggregator"])
        func silentTCPPeersDoNotStarveAClientWithACertificate(binary: String) async throws {
            let workspace = try Workspace()
            let service = try ServiceProcess(binary, arguments: standaloneArguments(binary, in: workspace), in: workspace, name: "service")
            defer { service.stop() }
            let sources = (2...21).map { "127.0.0.\($0)" }
            let silent = try SilentConnections(600, port: service.port, sources: sources)
            defer { silent.close() }
            // Let the service accept them all.
            try await Task.sleep(for: .seconds(1))

            let clock = ContinuousClock()
            let start = clock.now
            let (hello, pong) = try await LineClient.withConnection(loopback(service.port), tls: try workspace.tls(.client)) {
                connection in
                (try await connection.hello(), try await connection.call(Ping(id: 1), id: 1, as: Pong.self))
            }
            #expect(hello.server == String(binary.dropFirst("attache-".count)))
            #expect(pong.id == 1)
            #expect(clock.now - start < .seconds(3), "served in \(clock.now - start)")
            // A second client from the same address as part of the attack is served too.
            let again = try await LineClient.withConnection(loopback(service.port), tls: try workspace.tls(.client)) {
                connection in try await connection.call(Ping(id: 2), id: 2, as: Pong.self)
            }
            #expect(again.id == 2)
        }

        /// The same attack logs a bounded number of lines: the first refusal, then one summary per
        /// 10 s interval with the count. (Before: one warning per refused connection.)
        @Test func refusedConnectionsAreLoggedAtABoundedRate() async throws {
            let workspace = try Workspace()
            let aggregator = try ServiceProcess(
                "attache-aggregator", arguments: ["--database", workspace.path + "/kb.sqlite"], in: workspace, name: "aggregator")
            defer { aggregator.stop() }
            let silent = try SilentConnections(600, port: aggregator.port, sources: ["127.0.0.1"])
            defer { silent.close() }
            // The summary of the first interval (10 s) reports how many were refused.
            let summary = try await eventually(seconds: 15) { () -> String? in
                refusalLines(aggregator.logText()).first { $0.contains("conn.refused.total") }.map(String.init)
            }
            let lines = refusalLines(aggregator.logText())
            #expect(lines.count <= 4, "\(lines.count) log lines about refused connections: \(lines.prefix(5))")
            let total = summary.flatMap { text -> Int? in
                guard let range = text.range(of: "conn.refused.total=") else { return nil }
                return Int(text[range.upperBound...].prefix { $0.isNumber })
            }
            #expect((total ?? 0) >= 500, "summary: \(summary ?? "none")")
        }
    }
}
