import AttacheContracts
import AttacheWire
import Foundation
import NIOCore
import NIOSSL
import Testing

@Suite(.timeLimit(.minutes(2))) struct TLSServerTests {
    @Test func helloPingAndEchoOverMutualTLS() async throws {
        let pki = try TestPKI()
        defer { pki.remove() }
        let tls = try pki.files(.client).makeClientContext()
        try await withTestServer(pki: pki) { port in
            try await LineClient.withConnection(clientConfig(port), tls: tls) { connection in
                let hello = try await connection.hello()
                #expect(hello.server == "aggregator")
                #expect(hello.v == Protocol.version)
                #expect(hello.limits.maxLineBytes == 4096)
                #expect(hello.peer == "attache-client")
                #expect(hello.permissions == ["query", "subscribe"])
                let pong = try await connection.call(Ping(id: 7), id: 7, as: Pong.self)
                #expect(pong.id == 7)
                let echo = try await connection.call(
                    EchoHandler.Echo(type: "echo", id: "e", text: "Phan Văn Giang"), id: "e", as: EchoHandler.Echo.self)
                #expect(echo.text == "Phan Văn Giang")
            }
        }
    }

    @Test func malformedAndUnknownLinesGetErrorsAndTheConnectionGoesOn() async throws {
        let pki = try TestPKI()
        defer { pki.remove() }
        let tls = try pki.files(.client).makeClientContext()
        try await withTestServer(pki: pki) { port in
            try await LineClient.withConnection(clientConfig(port), tls: tls) { connection in
                // Malformed JSON: the error has no id (none could be read), so it arrives unsolicited.
                try await connection.write(raw: Array("{\"type\": \"echo\", oops\n".utf8))
                var unsolicited = connection.unsolicited.makeAsyncIterator()
                let badJSON = try connection.decodeValueOrError(try #require(await unsolicited.next()))
                #expect(badJSON?.code == .badJSON)
                #expect(badJSON?.fatal == false)

                let unknown = try await connection.request(line: Data("{\"type\":\"teleport\",\"id\":\"u1\"}\n".utf8), id: "u1")
                let unknownError = try connection.decodeValueOrError(unknown)
                #expect(unknownError?.code == .unknownType)
                #expect(unknownError?.message.contains("teleport") == true)

                let missing = try await connection.request(line: Data("{\"type\":\"echo\",\"id\":\"m1\"}\n".utf8), id: "m1")
                #expect(try connection.decodeValueOrError(missing)?.code == .badRequest)

                let forbidden = try await connection.request(line: Data("{\"type\":\"secret\",\"id\":\"s1\"}\n".utf8), id: "s1")
                #expect(try connection.decodeValueOrError(forbidden)?.code == .forbidden)

                // Still alive.
                let pong = try await connection.call(Ping(id: 1), id: 1, as: Pong.self)
                #expect(pong.id == 1)
            }
        }
    }

    @Test func overLongLineIsRefusedWithoutKillingTheConnection() async throws {
        let pki = try TestPKI()
        defer { pki.remove() }
        let tls = try pki.files(.client).makeClientContext()
        try await withTestServer(pki: pki) { port in
            try await LineClient.withConnection(clientConfig(port), tls: tls) { connection in
                // 1 MiB without a newline, in 64 KiB writes, against a 4 KiB limit: the server reports at once
                // and discards the rest instead of buffering it.
                let chunk = [UInt8](repeating: UInt8(ascii: "x"), count: 64 * 1024)
                for _ in 0..<16 { try await connection.write(raw: chunk) }
                try await connection.write(raw: Array("\n".utf8))
                var unsolicited = connection.unsolicited.makeAsyncIterator()
                let error = try connection.decodeValueOrError(try #require(await unsolicited.next()))
                #expect(error?.code == .lineTooLong)
                let pong = try await connection.call(Ping(id: 2), id: 2, as: Pong.self)
                #expect(pong.id == 2)
            }
        }
    }

    @Test func pipelinedRequestsAreAllAnswered() async throws {
        let pki = try TestPKI()
        defer { pki.remove() }
        let tls = try pki.files(.client).makeClientContext()
        try await withTestServer(pki: pki) { port in
            try await LineClient.withConnection(clientConfig(port), tls: tls) { connection in
                try await withThrowingTaskGroup(of: Bool.self) { group in
                    for i in 0..<200 {
                        group.addTask {
                            let id = RequestID.string("p\(i)")
                            let echo = try await connection.call(
                                EchoHandler.Echo(type: "echo", id: id, text: "n\(i)"), id: id, as: EchoHandler.Echo.self)
                            return echo.text == "n\(i)"
                        }
                    }
                    var all = 0
                    for try await ok in group where ok { all += 1 }
                    #expect(all == 200)
                }
            }
        }
    }

    @Test func clientWithoutCertificateIsRefused() async throws {
        let pki = try TestPKI()
        defer { pki.remove() }
        var config = TLSConfiguration.makeClientConfiguration()
        config.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(pki.files(.client).caCertificate))
        let tls = try NIOSSLContext(configuration: config)
        try await withTestServer(pki: pki) { port in
            await #expect(throws: (any Error).self) {
                try await LineClient.withConnection(clientConfig(port), tls: tls) { connection in
                    _ = try await connection.call(Ping(id: 1), id: 1, as: Pong.self)
                }
            }
        }
    }

    @Test func clientWithCertificateFromAnotherCAIsRefused() async throws {
        let pki = try TestPKI()
        defer { pki.remove() }
        let foreign = TLSFiles(directory: pki.foreign, role: .client)
        // Trusts our server, but presents a certificate our CA never issued.
        let tls = try TLSFiles(
            caCertificate: pki.files(.client).caCertificate, certificate: foreign.certificate,
            privateKey: foreign.privateKey
        ).makeClientContext()
        try await withTestServer(pki: pki) { port in
            await #expect(throws: (any Error).self) {
                try await LineClient.withConnection(clientConfig(port), tls: tls) { connection in
                    _ = try await connection.call(Ping(id: 1), id: 1, as: Pong.self)
                }
            }
        }
    }

    @Test func serverWithCertificateFromAnotherCAIsRefusedByTheClient() async throws {
        let pki = try TestPKI()
        defer { pki.remove() }
        let foreign = TLSFiles(directory: pki.foreign, role: .client)
        // Presents a certificate of our CA but trusts only the foreign CA: the server is not believed.
        let tls = try TLSFiles(
            caCertificate: foreign.caCertificate, certificate: pki.files(.client).certificate,
            privateKey: pki.files(.client).privateKey
        ).makeClientContext()
        try await withTestServer(pki: pki) { port in
            await #expect(throws: (any Error).self) {
                try await LineClient.withConnection(clientConfig(port), tls: tls) { _ in }
            }
        }
    }

    @Test func expiredClientCertificateIsRefused() async throws {
        let pki = try TestPKI()
        defer { pki.remove() }
        let authority = try DevCertificateAuthority.loadAuthority(directory: pki.directory)
        // Valid for one day, ten days ago.
        let expired = try DevCertificateAuthority.issue(
            role: .client, by: authority, notValidBefore: Date().addingTimeInterval(-10 * 86_400), validity: 86_400)
        let dir = pki.directory + "/expired"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try expired.certificatePEM.write(toFile: dir + "/client.pem", atomically: true, encoding: .utf8)
        try expired.privateKeyPEM.write(toFile: dir + "/client-key.pem", atomically: true, encoding: .utf8)
        let tls = try TLSFiles(
            caCertificate: pki.files(.client).caCertificate, certificate: dir + "/client.pem", privateKey: dir + "/client-key.pem"
        ).makeClientContext()
        try await withTestServer(pki: pki) { port in
            await #expect(throws: (any Error).self) {
                try await LineClient.withConnection(clientConfig(port), tls: tls) { connection in
                    _ = try await connection.call(Ping(id: 1), id: 1, as: Pong.self)
                }
            }
        }
        // The same CA's valid certificate still gets in: the refusal is about the date.
        let valid = try pki.files(.client).makeClientContext()
        try await withTestServer(pki: pki) { port in
            try await LineClient.withConnection(clientConfig(port), tls: valid) { connection in
                let pong = try await connection.call(Ping(id: 2), id: 2, as: Pong.self)
                #expect(pong.id == 2)
            }
        }
    }

    @Test func tlsBelow12IsRefused() async throws {
        let pki = try TestPKI()
        defer { pki.remove() }
        let files = pki.files(.client)
        var config = TLSConfiguration.makeClientConfiguration()
        config.minimumTLSVersion = .tlsv1
        config.maximumTLSVersion = .tlsv11
        config.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(files.caCertificate))
        config.certificateChain = try NIOSSLCertificate.fromPEMFile(files.certificate).map { .certificate($0) }
        config.privateKey = .privateKey(try NIOSSLPrivateKey(file: files.privateKey, format: .pem))
        let tls = try NIOSSLContext(configuration: config)
        // The same client allowed TLS 1.2 gets in: the refusal below is about the version alone.
        config.maximumTLSVersion = .tlsv12
        let tls12 = try NIOSSLContext(configuration: config)
        try await withTestServer(pki: pki) { port in
            do {
                try await LineClient.withConnection(clientConfig(port), tls: tls) { _ in }
                Issue.record("a TLS 1.1 client got in")
            } catch {
                // BoringSSL names the refusal: the server's protocol_version alert, or no version in common.
                let text = String(describing: error)
                #expect(
                    text.contains("PROTOCOL_VERSION") || text.contains("UNSUPPORTED_PROTOCOL"),
                    "the failure must be the protocol-version refusal, not: \(text)")
            }
            try await LineClient.withConnection(clientConfig(port), tls: tls12) { connection in
                let pong = try await connection.call(Ping(id: 1), id: 1, as: Pong.self)
                #expect(pong.id == 1)
            }
        }
    }

    @Test func plainTCPClientGetsNoData() async throws {
        let pki = try TestPKI()
        defer { pki.remove() }
        try await withTestServer(pki: pki, handshakeTimeout: .seconds(2)) { port in
            let received = try await rawExchange(port: port, bytes: Array("{\"type\":\"ping\",\"id\":1}\n".utf8))
            let text = String(decoding: received, as: UTF8.self)
            #expect(!text.contains("\"type\""), "a plaintext peer must not see protocol data")
            #expect(!text.contains("hello"))
        }
    }

    @Test func silentPeerIsDisconnectedByTheHandshakeTimeout() async throws {
        let pki = try TestPKI()
        defer { pki.remove() }
        try await withTestServer(pki: pki, handshakeTimeout: .milliseconds(300)) { port in
            let clock = ContinuousClock()
            let start = clock.now
            let (received, closed) = try await rawExchangeUntilClose(port: port, bytes: [], seconds: 20)
            let elapsed = clock.now - start
            #expect(received.isEmpty)
            // Closed by the server (before, a wait that ran out looked the same as a close: both gave no bytes)…
            #expect(closed, "the server must close a peer that never handshakes")
            // …by the handshake timeout: not at once (for another reason), and not long after it.
            #expect(elapsed >= .milliseconds(250), "closed after \(elapsed), before the 300 ms handshake timeout")
            #expect(elapsed < .seconds(5), "closed after \(elapsed), long after the 300 ms handshake timeout")
        }
    }
}

extension LineConnection {
    /// The error in a reply line, or nil if it is not an error.
    func decodeValueOrError(_ line: Data) throws -> ErrorReply? {
        do {
            _ = try self.decodeReply(LineHeader.self, from: line)
            return nil
        } catch let error as ErrorReply {
            return error
        }
    }
}
