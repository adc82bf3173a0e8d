import AttacheContracts
import AttacheWire
import ArgumentParser
import NIOSSL

/// Where the services are and which certificate to show them.
struct ConnectionOptions: ParsableArguments {
    @Option(help: "JSON config file (default: $ATTACHE_CONFIG).") var config: String?
    @Option(help: "The extractor, HOST:PORT (client.extractor, default 127.0.0.1:7401).") var extractor: String?
    @Option(help: "The aggregator, HOST:PORT (client.aggregator, default 127.0.0.1:7402).") var aggregator: String?
    @Option(help: "Directory with ca.pem and the client certificates, client.pem and client-key.pem by default (client.tls.dir, default .attache/certs).")
    var tlsDir: String?
    @Option(help: "CA certificate (client.tls.ca).") var tlsCa: String?
    @Option(help: "Client certificate (client.tls.cert).") var tlsCert: String?
    @Option(help: "Client private key (client.tls.key).") var tlsKey: String?
    @Option(
        help: "Which certificate of the TLS directory to use: reader (query, subscribe), writer (push too) or client (as writer; client.tls.role, default client).")
    var tlsRole: String?

    func settings() throws -> Settings {
        try Settings(
            flags: [
                "client.extractor": self.extractor, "client.aggregator": self.aggregator, "client.tls.dir": self.tlsDir,
                "client.tls.ca": self.tlsCa, "client.tls.cert": self.tlsCert, "client.tls.key": self.tlsKey,
                "client.tls.role": self.tlsRole,
            ], configPath: self.config)
    }

    func tls() throws -> NIOSSLContext {
        let settings = try self.settings()
        let roleName = settings.string("client.tls.role", default: PeerRole.client.rawValue)
        guard let role = PeerRole(rawValue: roleName), role.isClient else {
            throw ValidationError("client.tls.role must be reader, writer or client (got '\(roleName)')")
        }
        let files = settings.tlsFiles("client", role: role)
        do {
            return try files.makeClientContext()
        } catch {
            throw ValidationError(
                "cannot load the client certificate (\(files.certificate), \(files.privateKey), CA \(files.caCertificate)): \(error). Run `attache certs` or `attache demo` first, or pass --tls-dir.")
        }
    }

    /// Where `service` (`extractor` or `aggregator`) is. The connection is refused unless the
    /// server's certificate names that role (a query never goes to a server posing as the aggregator).
    func endpoint(_ service: String) throws -> LineClientConfiguration {
        let port = service == "extractor" ? Settings.Defaults.extractorPort : Settings.Defaults.aggregatorPort
        let text = try self.settings().string("client.\(service)", default: "\(Settings.Defaults.host):\(port)")
        let (host, p) = try Settings.endpoint(text)
        return LineClientConfiguration(
            host: host, port: p, maxLineBytes: 64 * 1024 * 1024, serverRole: PeerRole(rawValue: service))
    }
}
