import AttacheContracts
import AttacheWire
import Foundation
import Testing

/// `attache certs` keeps the CA's private key out of the directory the services read.
extension SystemTests {
    @Suite(.serialized, .timeLimit(.minutes(1))) struct CertificateSetTests {
        @Test func theCAKeyIsNotBesideTheServiceCertificates() throws {
            let base = FileManager.default.temporaryDirectory.appendingPathComponent("attache-certs-\(UUID().uuidString)").path
            defer { try? FileManager.default.removeItem(atPath: base) }
            let dir = base + "/certs"
            let (status, output) = try runTool("attache", ["certs", "--out", dir])
            #expect(status == 0, "\(output)")
            #expect(!FileManager.default.fileExists(atPath: dir + "/ca-key.pem"), "the CA key must not be in the services' directory")
            let key = base + "/certs-ca/ca-key.pem"
            #expect(FileManager.default.fileExists(atPath: key))
            let attributes = try FileManager.default.attributesOfItem(atPath: key)
            #expect((attributes[.posixPermissions] as? Int) == 0o600)
            // The set still works: more certificates can be issued from it.
            let authority = try DevCertificateAuthority.loadAuthority(directory: dir)
            _ = try DevCertificateAuthority.issue(role: .client, by: authority)
        }
    }
}
