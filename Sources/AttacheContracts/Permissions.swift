/// What a certificate may do. The development CA encodes the role in the certificate's
/// organizational unit (`OU=extractor`, `OU=aggregator`, `OU=reader`, `OU=writer`, `OU=client`).
///
/// Client roles:
/// - `reader` queries and subscribes (aggregator); it may not push.
/// - `writer` pushes and extracts (extractor), and queries and subscribes (aggregator).
/// - `client` is the full client certificate of earlier releases, kept for compatibility: it may
///   do what a writer may. Issue `reader` certificates to those who only read.
public enum PeerRole: String, Codable, Sendable, CaseIterable {
    case extractor
    case aggregator
    case reader
    case writer
    case client

    /// The permissions this role has on `server` (`extractor` or `aggregator`), advertised in the
    /// hello's `permissions`. A request needs the permission ``Permission/required(for:on:)`` names.
    public func permissions(on server: String) -> [String] {
        switch (server, self) {
        case ("aggregator", .extractor): [Permission.digest, Permission.query]
        case ("aggregator", .reader), ("aggregator", .writer), ("aggregator", .client):
            [Permission.query, Permission.subscribe]
        case ("extractor", .writer), ("extractor", .client): [Permission.push, Permission.extract]
        default: []
        }
    }

    /// Whether this role may send a request of `type` to `server`; requests that need no
    /// permission (`ping`, `hello`, `bye`, types the server does not take) are always allowed.
    public func may(_ type: String, on server: String) -> Bool {
        guard let needed = Permission.required(for: type, on: server) else { return true }
        return self.permissions(on: server).contains(needed)
    }

    /// A role that may connect to the services as a client (the others are the services' own).
    public var isClient: Bool { self == .reader || self == .writer || self == .client }
}

/// The permissions a hello advertises, and which one each request needs.
public enum Permission {
    /// `push` (extractor): digest a document and store it.
    public static let push = "push"
    /// `extract` (extractor): digest a document and return it; nothing is stored.
    public static let extract = "extract"
    /// `digest` (aggregator): store a digest (extractor certificates only).
    public static let digest = "digest"
    /// `query` (aggregator): read the knowledge base.
    public static let query = "query"
    /// `subscribe` and `unsubscribe` (aggregator): follow new events.
    public static let subscribe = "subscribe"

    /// The permission a request of `type` needs on `server`, nil when it needs none (the
    /// protocol's own `ping`, `hello`, `bye`, and types the server does not take: those get
    /// `UNKNOWN_TYPE`, whatever the role).
    public static func required(for type: String, on server: String) -> String? {
        switch (server, type) {
        case ("extractor", "push"): push
        case ("extractor", "extract"): extract
        case ("aggregator", "digest"): digest
        case ("aggregator", "query"): query
        case ("aggregator", "subscribe"), ("aggregator", "unsubscribe"): subscribe
        default: nil
        }
    }
}
