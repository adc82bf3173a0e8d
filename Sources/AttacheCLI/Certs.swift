import AttacheContracts
import AttacheWire
import ArgumentParser

extension Attache {
    struct Certs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a development CA and certificates for the extractor, the aggregator and the clients.",
            discussion: """
                Each certificate names its role in its organizational unit and carries the extended key
                usages of that role: serverAuth for the aggregator, clientAuth for the clients, both for the
                extractor (it serves and connects to the aggregator). Three client roles:
                  reader (reader.pem)  queries and subscriptions (aggregator); no push
                  writer (writer.pem)  push and extract (extractor), and what a reader may
                  client (client.pem)  the full client of earlier releases: as a writer
                The CA's private key goes to its own directory (default: the output directory with '-ca'
                appended), not beside the certificates the services read.

                With --issue ROLE, no new CA is made: one more client certificate of that role is issued by
                the CA already in --out (its key from --ca-key-out) and written as NAME.pem and NAME-key.pem
                (NAME: --file-name, else the common name).
                """)

        @Option(help: "Directory to write into.") var out: String = Settings.Defaults.certificateDirectory
        @Option(help: "Directory for the CA's private key (default: the --out directory with '-ca' appended).")
        var caKeyOut: String?
        @Option(parsing: .upToNextOption, help: "Extra DNS names or IP addresses the service certificates are valid for.")
        var hostname: [String] = []
        @Option(help: "Issue one client certificate of this role (reader, writer or client) from the existing CA.")
        var issue: String?
        @Option(help: "Common name of the certificate --issue makes (default attache-ROLE).") var commonName: String?
        @Option(help: "File name, without .pem, of the certificate --issue makes (default: the common name).")
        var fileName: String?

        func run() async throws {
            if let issue = self.issue {
                guard let role = PeerRole(rawValue: issue), role.isClient else {
                    throw ValidationError("--issue takes reader, writer or client (got '\(issue)')")
                }
                let written = try DevCertificateAuthority.issueClient(
                    role: role, commonName: self.commonName, fileName: self.fileName, directory: self.out,
                    keyDirectory: self.caKeyOut)
                for path in written { print(path) }
                return
            }
            if self.commonName != nil || self.fileName != nil {
                throw ValidationError("--common-name and --file-name go with --issue")
            }
            let written = try DevCertificateAuthority.writeDevelopmentSet(
                to: self.out, hostnames: DevCertificateAuthority.defaultHostnames + self.hostname, keyDirectory: self.caKeyOut)
            for path in written { print(path) }
        }
    }
}
