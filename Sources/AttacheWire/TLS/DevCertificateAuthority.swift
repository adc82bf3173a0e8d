import AttacheContracts
import Crypto
import Foundation
import SwiftASN1
import X509

/// Makes a development certificate authority and the certificates of the extractor, the
/// aggregator and the clients (reader, writer, client), with swift-certificates (no openssl needed).
///
/// Each leaf carries its role as its subject's organizational unit (`OU=extractor`,
/// `OU=aggregator`, `OU=reader`, `OU=writer`, `OU=client`); the services authorize requests by that role, and clients
/// check that a server's certificate names the role they meant to reach. Its extended key usage
/// says how it may be used in TLS: `serverAuth` for a role that serves, `clientAuth` for one that
/// connects (``extendedKeyUsage(for:)``).
///
/// The CA's private key is written apart from the certificates the services read
/// (``defaultKeyDirectory(forCertificates:)``), so a service's TLS directory never holds it.
public enum DevCertificateAuthority {
    /// One PEM certificate and its PEM private key (PKCS#8).
    public struct Issued: Sendable {
        public var certificatePEM: String
        public var privateKeyPEM: String
    }

    /// A CA's certificate and key, in memory.
    public struct Authority: Sendable {
        public let certificate: Certificate
        public let privateKey: P256.Signing.PrivateKey
        public var issued: Issued {
            get throws {
                Issued(certificatePEM: try self.certificate.serializeAsPEM().pemString,
                       privateKeyPEM: self.privateKey.pemRepresentation)
            }
        }
    }

    /// Names every server certificate is valid for, besides the ones asked for.
    public static let defaultHostnames = ["localhost", "127.0.0.1", "::1"]

    public static func makeAuthority(
        commonName: String = "Attaché development CA", validity: TimeInterval = 825 * 86_400, now: Date = Date()
    ) throws -> Authority {
        let key = P256.Signing.PrivateKey()
        let name = try DistinguishedName {
            OrganizationName("Attaché")
            CommonName(commonName)
        }
        let certificate = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(key.publicKey),
            notValidBefore: now.addingTimeInterval(-300), notValidAfter: now.addingTimeInterval(validity),
            issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
                Critical(KeyUsage(keyCertSign: true, cRLSign: true))
                SubjectKeyIdentifier(hash: .init(key.publicKey))
            },
            issuerPrivateKey: .init(key))
        return Authority(certificate: certificate, privateKey: key)
    }

    /// Loads a CA that `writeDevelopmentSet` wrote, to issue more certificates: `ca.pem` from
    /// `directory`, `ca-key.pem` from `keyDirectory` (default: where `writeDevelopmentSet` puts it,
    /// or `directory` itself for sets written before the key moved out).
    public static func loadAuthority(directory: String, keyDirectory: String? = nil) throws -> Authority {
        let dir = directory.hasSuffix("/") ? directory : directory + "/"
        let certificate = try Certificate(pemEncoded: try String(contentsOfFile: dir + FileName.caCertificate, encoding: .utf8))
        var keyPath = (keyDirectory ?? Self.defaultKeyDirectory(forCertificates: directory)) + "/" + FileName.caKey
        if keyDirectory == nil, !FileManager.default.fileExists(atPath: keyPath) { keyPath = dir + FileName.caKey }
        let key = try P256.Signing.PrivateKey(pemRepresentation: try String(contentsOfFile: keyPath, encoding: .utf8))
        return Authority(certificate: certificate, privateKey: key)
    }

    /// Where `writeDevelopmentSet(to: directory)` writes the CA's private key by default: a
    /// sibling directory named after it with `-ca` (`.attache/certs` → `.attache/certs-ca`), so
    /// that pointing a service at the certificate directory does not hand it the CA key.
    public static func defaultKeyDirectory(forCertificates directory: String) -> String {
        var trimmed = directory
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed.removeLast() }
        return trimmed + "-ca"
    }

    /// The extended key usages a leaf of `role` gets: the aggregator only serves (`serverAuth`),
    /// a client (reader, writer or client) only connects (`clientAuth`), the extractor does both (it serves clients and
    /// connects to the aggregator).
    public static func extendedKeyUsage(for role: PeerRole) -> [ExtendedKeyUsage.Usage] {
        switch role {
        case .aggregator: [.serverAuth]
        case .reader, .writer, .client: [.clientAuth]
        case .extractor: [.serverAuth, .clientAuth]
        }
    }

    /// Issues a leaf certificate for `role`, valid for `hostnames` (DNS names or IP addresses) when
    /// it serves, with the extended key usages of ``extendedKeyUsage(for:)`` unless `usages` says
    /// otherwise (tests).
    public static func issue(
        role: PeerRole, commonName: String? = nil, hostnames: [String] = defaultHostnames, by authority: Authority,
        notValidBefore: Date? = nil, validity: TimeInterval = 397 * 86_400, now: Date = Date(),
        usages: [ExtendedKeyUsage.Usage]? = nil
    ) throws -> Issued {
        let key = P256.Signing.PrivateKey()
        let subject = try DistinguishedName {
            OrganizationName("Attaché")
            OrganizationalUnitName(role.rawValue)
            CommonName(commonName ?? "attache-\(role.rawValue)")
        }
        var names: [GeneralName] = []
        for host in hostnames {
            if let ip = Self.ipBytes(host) {
                names.append(.ipAddress(ASN1OctetString(contentBytes: ArraySlice(ip))))
            } else {
                names.append(.dnsName(host))
            }
        }
        let start = notValidBefore ?? now.addingTimeInterval(-300)
        let certificate = try Certificate(
            version: .v3, serialNumber: .init(), publicKey: .init(key.publicKey),
            notValidBefore: start, notValidAfter: start.addingTimeInterval(validity),
            issuer: authority.certificate.subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                Critical(KeyUsage(digitalSignature: true))
                try ExtendedKeyUsage(usages ?? Self.extendedKeyUsage(for: role))
                SubjectAlternativeNames(names)
                SubjectKeyIdentifier(hash: .init(key.publicKey))
            },
            issuerPrivateKey: .init(authority.privateKey))
        return Issued(certificatePEM: try certificate.serializeAsPEM().pemString, privateKeyPEM: key.pemRepresentation)
    }

    /// File names `writeDevelopmentSet` creates in its directory.
    public enum FileName {
        public static let caCertificate = "ca.pem"
        public static let caKey = "ca-key.pem"
        public static func certificate(_ role: PeerRole) -> String { "\(role.rawValue).pem" }
        public static func key(_ role: PeerRole) -> String { "\(role.rawValue)-key.pem" }
    }

    /// Writes a new CA and one certificate per role into `directory` (created if missing), and
    /// the CA's private key into `keyDirectory` (default ``defaultKeyDirectory(forCertificates:)``,
    /// created with mode 0700). Keys are written with mode 0600.
    /// - Returns: the paths written.
    @discardableResult
    public static func writeDevelopmentSet(
        to directory: String, hostnames: [String] = defaultHostnames, keyDirectory: String? = nil
    ) throws -> [String] {
        let fm = FileManager.default
        try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let caKeyDirectory = keyDirectory ?? Self.defaultKeyDirectory(forCertificates: directory)
        try fm.createDirectory(
            atPath: caKeyDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let authority = try self.makeAuthority()
        var written: [String] = []
        func write(_ text: String, _ name: String, secret: Bool, in dir: String = directory) throws {
            let path = (dir as NSString).appendingPathComponent(name)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            try fm.setAttributes([.posixPermissions: secret ? 0o600 : 0o644], ofItemAtPath: path)
            written.append(path)
        }
        let ca = try authority.issued
        try write(ca.certificatePEM, FileName.caCertificate, secret: false)
        try write(ca.privateKeyPEM, FileName.caKey, secret: true, in: caKeyDirectory)
        // A key an older version left beside the certificates would no longer match the new CA.
        if (caKeyDirectory as NSString).standardizingPath != (directory as NSString).standardizingPath {
            try? fm.removeItem(atPath: (directory as NSString).appendingPathComponent(FileName.caKey))
        }
        for role in PeerRole.allCases {
            let leaf = try self.issue(role: role, hostnames: hostnames, by: authority)
            try write(leaf.certificatePEM, FileName.certificate(role), secret: false)
            try write(leaf.privateKeyPEM, FileName.key(role), secret: true)
        }
        return written
    }

    /// Issues one more client certificate of `role` (`reader`, `writer` or `client`) from the CA that
    /// `writeDevelopmentSet` wrote into `directory` (its key read from `keyDirectory`, as
    /// ``loadAuthority(directory:keyDirectory:)`` finds it), and writes it as `NAME.pem` and
    /// `NAME-key.pem` (mode 0600) into `directory`, `NAME` being `fileName` or the common name.
    /// - Returns: the paths written.
    @discardableResult
    public static func issueClient(
        role: PeerRole, commonName: String? = nil, fileName: String? = nil, directory: String, keyDirectory: String? = nil
    ) throws -> [String] {
        guard role.isClient else { throw CertificateRequestError("'\(role.rawValue)' is not a client role: use reader, writer or client") }
        let name = commonName ?? "attache-\(role.rawValue)"
        let base = fileName ?? name
        guard !base.isEmpty, !base.contains("/"), !base.hasPrefix("."), base != "ca", base != "ca-key" else {
            throw CertificateRequestError("'\(base)' cannot name a certificate file; give --file-name")
        }
        let authority = try self.loadAuthority(directory: directory, keyDirectory: keyDirectory)
        let leaf = try self.issue(role: role, commonName: name, by: authority)
        var written: [String] = []
        for (text, file, secret) in [(leaf.certificatePEM, base + ".pem", false), (leaf.privateKeyPEM, base + "-key.pem", true)] {
            let path = (directory as NSString).appendingPathComponent(file)
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            try FileManager.default.setAttributes([.posixPermissions: secret ? 0o600 : 0o644], ofItemAtPath: path)
            written.append(path)
        }
        return written
    }

    /// A certificate that cannot be issued as asked.
    public struct CertificateRequestError: Error, CustomStringConvertible {
        public var description: String
        init(_ description: String) { self.description = description }
    }

    /// The bytes of an IPv4 or IPv6 literal, nil for anything else (a DNS name).
    static func ipBytes(_ host: String) -> [UInt8]? {
        let v4 = host.split(separator: ".", omittingEmptySubsequences: false)
        if v4.count == 4 {
            let bytes = v4.compactMap { UInt8($0) }
            return bytes.count == 4 ? bytes : nil
        }
        guard host.contains(":") else { return nil }
        let halves = host.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            let fields = part.split(separator: ":", omittingEmptySubsequences: false)
            let values = fields.compactMap { $0.count <= 4 ? UInt16($0, radix: 16) : nil }
            return values.count == fields.count ? values : nil
        }
        guard let head = groups(halves[0]) else { return nil }
        var all = head
        if halves.count == 2 {
            guard let tail = groups(halves[1]), head.count + tail.count < 8 else { return nil }
            all += [UInt16](repeating: 0, count: 8 - head.count - tail.count) + tail
        }
        guard all.count == 8 else { return nil }
        return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xff)] }
    }
}
