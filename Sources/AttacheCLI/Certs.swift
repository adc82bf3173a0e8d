import AttacheWire
import ArgumentParser

extension Attache {
    struct Certs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a development CA and certificates for the extractor, the aggregator and a client.",
            discussion: """
                Each certificate names its role in its organizational unit (OU=extractor, OU=aggregator,
                OU=client) and carries the extended key usages of that role: serverAuth for the aggregator,
                clientAuth for the client, both for the extractor (it serves and connects to the aggregator).
                The CA's private key goes to its own directory (default: the output directory with '-ca'
                appended), not beside the certificates the services read.
                """)

        @Option(help: "Directory to write into.") var out: String = Settings.Defaults.certificateDirectory
        @Option(help: "Directory for the CA's private key (default: the --out directory with '-ca' appended).")
        var caKeyOut: String?
        @Option(parsing: .upToNextOption, help: "Extra DNS names or IP addresses the service certificates are valid for.")
        var hostname: [String] = []

        func run() async throws {
            let written = try DevCertificateAuthority.writeDevelopmentSet(
                to: self.out, hostnames: DevCertificateAuthority.defaultHostnames + self.hostname, keyDirectory: self.caKeyOut)
            for path in written { print(path) }
        }
    }
}
