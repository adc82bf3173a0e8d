import AttacheContracts
import ArgumentParser

/// `attache`: the command-line client of the Attaché services.
@main
struct Attache: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attache",
        abstract: "Read news about diplomacy, defence and security into a queryable record of who met whom.",
        discussion: """
            Start here: `attache demo` makes certificates, starts both services, pushes seeds/ and
            shows what the aggregator learnt. Connection settings come from flags, environment
            variables (ATTACHE_CLIENT_EXTRACTOR, ATTACHE_CLIENT_AGGREGATOR, ATTACHE_CLIENT_TLS_DIR, …)
            or a config file (--config / ATTACHE_CONFIG); the defaults match the demo.
            """,
        version: Protocol.softwareVersion,
        subcommands: [Demo.self, Push.self, Query.self, Subscribe.self, DigestCommand.self, Certs.self])
}
