import AttacheWire
import ArgumentParser

extension Attache {
    struct Certs: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a development CA and certificates for the extractor, the aggregator and a client.")

        @Option(help: "Directory to write into.") var out: String = Settings.Defaults.certificateDirectory
        @Option(parsing: .upToNextOption, help: "Extra DNS names or IP addresses the service certificates are valid for.")
        var hostname: [String] = []

        func run() async throws {
            let written = try DevCertificateAuthority.writeDevelopmentSet(
                to: self.out, hostnames: DevCertificateAuthority.defaultHostnames + self.hostname)
            for path in written { print(path) }
        }
    }
}
