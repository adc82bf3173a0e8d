import AttacheContracts
import AttacheWire
import Foundation
import NIOCore
import NIOSSL
import Testing

/// Certificates are used only as their role allows: extended key usage per role, the server's
/// role checked by clients, and TLS 1.2 limited to AEAD cipher suites.
@Suite(.timeLimit(.minutes(2))) struct RoleAndCipherTests {
    /// The client's certificate says `clientAuth` only, so a server holding it is refused by
    /// every client (before, every leaf could serve).
    @Test func aServerHoldingTheClientCertificateIsRefused() async throws {
        let pki = try TestPKI()
        defer { pki.remove() }
        let tls = try pki.files(.client).makeClientContext()
        try await withTestServer(pki: pki, certificateOf: .client) { port in
            await #expect(throws: (any Error).self) {
                try await LineClient.withConnection(clientConfig(port), tls: tls) { connection in
                    _ = try await connection.call(Ping(id: 1), id: 1, as: Pong.self)
                }
            }
        }
    }

    /// The aggregator's certificate says `serverAuth` only: it cannot be used to connect.
    @Test func theAggregatorCertificateCannotConnectAsAClient() async throws {
        let pki = try TestPKI()
        defer { pki.remove() }
        let tls = try pki.files(.aggregator).makeClientContext()
        try await withTestServer(pki: pki) { port in
            await #expect(throws: (any Error).self) {
                try await LineClient.withConnection(clientConfig(port), tls: tls) { connection in
                    _ = try await connection.call(Ping(id: 1), id: 1, as: Pong.self)
                }
            }
        }
    }

    /// The extractor's certificate may serve (it serves clients), so only the role check tells it
    /// from the aggregator's: a client that wants the aggregator refuses it before sending anything.
    @Test func aClientThatWantsTheAggregatorRefusesTheExtractorsCertificate() async throws {
        let pki = try TestPKI()
        defer { pki.remove() }
        let tls = try pki.files(.extractor).makeClientContext()
        try await withTestServer(pki: pki, certificateOf: .extractor) { port in
            var wantsAggregator = clientConfig(port)
            wantsAggregator.serverRole = .aggregator
            do {
                try await LineClient.withConnection(wantsAggregator, tls: tls) { _ -> Void in
                    Issue.record("connected to a server whose certificate says extractor")
                }
            } catch let error as ServerRoleError {
                #expect(error.expected == .aggregator)
                #expect(error.found.role == .extractor)
            }
            var wantsExtractor = clientConfig(port)
            wantsExtractor.serverRole = .extractor
            let pong = try await LineClient.withConnection(wantsExtractor, tls: tls) { connection in
                try await connection.call(Ping(id: 3), id: 3, as: Pong.self)
            }
            #expect(pong.id == 3)
        }
    }

    /// The real aggregator's certificate passes the check.
    @Test func aClientThatWantsTheAggregatorGetsIt() async throws {
        let pki = try TestPKI()
        defer { pki.remove() }
        let tls = try pki.files(.client).makeClientContext()
        try await withTestServer(pki: pki) { port in
            var config = clientConfig(port)
            config.serverRole = .aggregator
            let pong = try await LineClient.withConnection(config, tls: tls) { connection in
                try await connection.call(Ping(id: 4), id: 4, as: Pong.self)
            }
            #expect(pong.id == 4)
        }
    }

    /// A TLS 1.2 client offering only CBC suites is refused; one offering AES-GCM gets in.
    @Test func tls12AcceptsOnlyAEADCipherSuites() async throws {
        let pki = try TestPKI()
        defer { pki.remove() }
        let files = pki.files(.client)
        func context(_ suites: [NIOTLSCipher]) throws -> NIOSSLContext {
            var config = TLSConfiguration.makeClientConfiguration()
            config.minimumTLSVersion = .tlsv12
            config.maximumTLSVersion = .tlsv12
            config.cipherSuiteValues = suites
            config.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(files.caCertificate))
            config.certificateChain = try NIOSSLCertificate.fromPEMFile(files.certificate).map { .certificate($0) }
            config.privateKey = .privateKey(try NIOSSLPrivateKey(file: files.privateKey, format: .pem))
            return try NIOSSLContext(configuration: config)
        }
        let cbc = try context([.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, .TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA])
        let gcm = try context([.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256])
        try await withTestServer(pki: pki) { port in
            await #expect(throws: (any Error).self) {
                try await LineClient.withConnection(clientConfig(port), tls: cbc) { connection in
                    _ = try await connection.call(Ping(id: 1), id: 1, as: Pong.self)
                }
            }
            let pong = try await LineClient.withConnection(clientConfig(port), tls: gcm) { connection in
                try await connection.call(Ping(id: 2), id: 2, as: Pong.self)
            }
            #expect(pong.id == 2)
        }
    }
}

/// Authenticated connections beyond `maxConnections` are told why they are closed.
@Suite(.timeLimit(.minutes(2))) struct ConnectionCapTests {
    @Test func aClientBeyondTheConnectionLimitGetsBusy() async throws {
        let pki = try TestPKI()
        defer { pki.remove() }
        let tls = try pki.files(.client).makeClientContext()
        try await withTestServer(pki: pki, limits: Limits(maxLineBytes: 4096, idleTimeoutSeconds: 30, maxConnections: 1)) { port in
            try await LineClient.withConnection(clientConfig(port), tls: tls) { first in
                _ = try await first.call(Ping(id: 1), id: 1, as: Pong.self)
                do {
                    try await LineClient.withConnection(clientConfig(port), tls: tls) { _ -> Void in
                        Issue.record("a second connection was served beyond maxConnections 1")
                    }
                } catch let error as ErrorReply {
                    #expect(error.code == .busy)
                    #expect(error.fatal)
                }
                // The first connection is unaffected.
                _ = try await first.call(Ping(id: 2), id: 2, as: Pong.self)
            }
            // Its slot is free again once the server has seen it close (which may take a moment).
            var pong: Pong?
            for _ in 0..<40 where pong == nil {
                do {
                    pong = try await LineClient.withConnection(clientConfig(port), tls: tls) { connection in
                        try await connection.call(Ping(id: 3), id: 3, as: Pong.self)
                    }
                } catch let error as ErrorReply where error.code == .busy {
                    try await Task.sleep(for: .milliseconds(50))
                }
            }
            #expect(pong?.id == 3)
        }
    }
}
