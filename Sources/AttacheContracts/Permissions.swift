/// What a certificate may do. The development CA encodes the role in the certificate's
/// organizational unit (`OU=extractor`, `OU=aggregator`, `OU=client`).
public enum PeerRole: String, Codable, Sendable, CaseIterable {
    case extractor
    case aggregator
    case client

    /// Requests this role may make, by server.
    public func permissions(on server: String) -> [String] {
        switch (server, self) {
        case ("aggregator", .extractor): ["digest", "query"]
        case ("aggregator", _): ["query"]
        case ("extractor", _): ["push", "extract"]
        default: []
        }
    }
}
