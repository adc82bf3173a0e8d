import AttacheContracts
import NIOSSL
import SwiftASN1
import X509

/// Where a service or client finds its certificate material (PEM files).
public struct TLSFiles: Sendable, Equatable {
    /// The CA whose certificates this side trusts (and only those).
    public var caCertificate: String
    /// This side's certificate chain.
    public var certificate: String
    /// This side's private key.
    public var privateKey: String

    public init(caCertificate: String, certificate: String, privateKey: String) {
        self.caCertificate = caCertificate
        self.certificate = certificate
        self.privateKey = privateKey
    }

    /// The files `DevCertificateAuthority.writeDevelopmentSet` wrote for `role` in `directory`.
    public init(directory: String, role: PeerRole) {
        let d = directory.hasSuffix("/") ? directory : directory + "/"
        self.caCertificate = d + DevCertificateAuthority.FileName.caCertificate
        self.certificate = d + DevCertificateAuthority.FileName.certificate(role)
        self.privateKey = d + DevCertificateAuthority.FileName.key(role)
    }

    /// TLS 1.2 cipher suites both sides offer: forward-secret (ECDHE) AEAD suites only (AES-GCM
    /// and ChaCha20-Poly1305), for ECDSA and RSA keys. NIOSSL's default list also has CBC suites
    /// with HMAC-SHA1, and static-RSA key exchange. TLS 1.3 suites are all AEAD and not
    /// configurable here.
    public static let tls12CipherSuites: [NIOTLSCipher] = [
        .TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, .TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
        .TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
        .TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, .TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
        .TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
    ]

    /// A server context: TLS 1.2 or newer (AEAD suites only), client certificate required and
    /// verified against the CA (BoringSSL also requires the `clientAuth` extended key usage when
    /// the certificate lists any).
    public func makeServerContext() throws -> NIOSSLContext {
        let chain = try NIOSSLCertificate.fromPEMFile(self.certificate)
        let key = try NIOSSLPrivateKey(file: self.privateKey, format: .pem)
        let ca = try NIOSSLCertificate.fromPEMFile(self.caCertificate)
        var config = TLSConfiguration.makeServerConfigurationWithMTLS(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key),
            trustRoots: .certificates(ca))
        config.minimumTLSVersion = .tlsv12
        config.cipherSuiteValues = Self.tls12CipherSuites
        return try NIOSSLContext(configuration: config)
    }

    /// A client context: TLS 1.2 or newer (AEAD suites only), presents this side's certificate,
    /// trusts only the CA, and verifies the server's name (and the `serverAuth` extended key
    /// usage). Which role the server's certificate must name is checked per connection
    /// (``LineClientConfiguration/serverRole``).
    public func makeClientContext() throws -> NIOSSLContext {
        var config = TLSConfiguration.makeClientConfiguration()
        config.minimumTLSVersion = .tlsv12
        config.cipherSuiteValues = Self.tls12CipherSuites
        config.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(self.caCertificate))
        config.certificateChain = try NIOSSLCertificate.fromPEMFile(self.certificate).map { .certificate($0) }
        config.privateKey = .privateKey(try NIOSSLPrivateKey(file: self.privateKey, format: .pem))
        return try NIOSSLContext(configuration: config)
    }
}

/// Who is on the other side of a connection, from its verified certificate.
public struct PeerIdentity: Sendable, Equatable, CustomStringConvertible {
    public var commonName: String?
    /// The role in the certificate's organizational unit; nil when it names none we know.
    public var role: PeerRole?

    public init(commonName: String?, role: PeerRole?) {
        self.commonName = commonName
        self.role = role
    }

    init(certificate: NIOSSLCertificate?) {
        guard let certificate, let der = try? certificate.toDERBytes(),
            let parsed = try? Certificate(derEncoded: der)
        else {
            self.init(commonName: nil, role: nil)
            return
        }
        var cn: String?
        var role: PeerRole?
        for rdn in parsed.subject {
            for attribute in rdn {
                let value = String(describing: attribute.value)
                if attribute.type == .RDNAttributeType.commonName {
                    cn = value
                } else if attribute.type == .RDNAttributeType.organizationalUnitName, let r = PeerRole(rawValue: value) {
                    role = r
                }
            }
        }
        self.init(commonName: cn, role: role)
    }

    public var description: String { "\(self.commonName ?? "?") (\(self.role?.rawValue ?? "no role"))" }
}
