import AttacheContracts
import Foundation
import Logging

/// Layered settings: command-line flags, then environment variables, then a JSON config file,
/// then built-in defaults (the first that has a value wins).
///
/// Keys are dotted (`extractor.port`); the environment variable for a key is `ATTACHE_` plus the
/// key upper-cased with dots as underscores (`ATTACHE_EXTRACTOR_PORT`). The config file is one
/// JSON object for the whole deployment, nested by key (`{"extractor": {"port": 7401}}`); its
/// path comes from `--config` or `ATTACHE_CONFIG`. See `deploy/attache.json`.
public struct Settings: Sendable {
    private let flags: [String: String]
    private let environment: [String: String]
    private let file: [String: String]
    /// The config file in use, if any.
    public let configPath: String?

    /// Default ports, hosts and paths: the ones `attache demo` uses.
    public enum Defaults {
        public static let host = "127.0.0.1"
        public static let extractorPort = 7401
        public static let aggregatorPort = 7402
        /// Where `attache demo` and `attache certs` put things by default.
        public static let workDirectory = ".attache"
        public static var certificateDirectory: String { workDirectory + "/certs" }
        /// Seconds a TLS handshake may take (`scope.handshake-timeout`): short, because a peer in
        /// its handshake has not proved who it is yet. A handshake on a healthy link takes a few
        /// round trips; 5 s leaves room for slow links.
        public static let handshakeTimeoutSeconds = 5
    }

    /// - Parameters:
    ///   - flags: values given on the command line, by key.
    ///   - configPath: `--config`, if given.
    /// - Throws: when the config file exists but is not a JSON object.
    public init(
        flags: [String: String?], configPath: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws {
        self.flags = flags.compactMapValues { $0 }
        self.environment = environment
        let path = configPath ?? environment["ATTACHE_CONFIG"]
        self.configPath = path
        if let path {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw SettingsError(message: "\(path): the config file must hold one JSON object")
            }
            var flat: [String: String] = [:]
            Self.flatten(object, prefix: "", into: &flat)
            self.file = flat
        } else {
            self.file = [:]
        }
    }

    private static func flatten(_ object: [String: Any], prefix: String, into out: inout [String: String]) {
        for (key, value) in object {
            let full = prefix.isEmpty ? key : "\(prefix).\(key)"
            switch value {
            case let nested as [String: Any]: flatten(nested, prefix: full, into: &out)
            case let string as String: out[full] = string
            case let number as NSNumber: out[full] = number.stringValue
            default: out[full] = "\(value)"
            }
        }
    }

    /// The environment variable that sets `key`.
    public static func environmentName(_ key: String) -> String {
        "ATTACHE_" + key.uppercased().replacing(".", with: "_").replacing("-", with: "_")
    }

    public func string(_ key: String) -> String? {
        self.flags[key] ?? self.environment[Self.environmentName(key)] ?? self.file[key]
    }

    public func string(_ key: String, default value: String) -> String { self.string(key) ?? value }

    public func int(_ key: String, default value: Int) throws -> Int {
        guard let raw = self.string(key) else { return value }
        guard let n = Int(raw) else { throw SettingsError(message: "\(key): '\(raw)' is not a whole number") }
        return n
    }

    /// TLS files for `scope` (`extractor`, `aggregator`, `client`): `scope.tls.ca`, `scope.tls.cert`,
    /// `scope.tls.key`, each defaulting to the file of that role in `scope.tls.dir` (default
    /// `.attache/certs`).
    public func tlsFiles(_ scope: String, role: PeerRole) -> TLSFiles {
        let dir = self.string("\(scope).tls.dir", default: Defaults.certificateDirectory)
        let defaults = TLSFiles(directory: dir, role: role)
        return TLSFiles(
            caCertificate: self.string("\(scope).tls.ca", default: defaults.caCertificate),
            certificate: self.string("\(scope).tls.cert", default: defaults.certificate),
            privateKey: self.string("\(scope).tls.key", default: defaults.privateKey))
    }

    /// Limits for a server in `scope`: `scope.max-line-bytes`, `scope.max-document-bytes`,
    /// `scope.max-inflight`, `scope.idle-timeout`, `scope.max-result-rows`, `scope.max-connections`,
    /// `scope.handshake-timeout`, `scope.max-subscriptions`.
    public func limits(_ scope: String, maxLineBytes: Int = Limits.defaultMaxLineBytes) throws -> Limits {
        let d = Limits()
        let limits = Limits(
            maxLineBytes: try self.int("\(scope).max-line-bytes", default: maxLineBytes),
            maxDocumentBytes: try self.int("\(scope).max-document-bytes", default: d.maxDocumentBytes),
            maxInflight: try self.int("\(scope).max-inflight", default: d.maxInflight),
            idleTimeoutSeconds: try self.int("\(scope).idle-timeout", default: d.idleTimeoutSeconds),
            maxResultRows: try self.int("\(scope).max-result-rows", default: d.maxResultRows),
            maxConnections: try self.int("\(scope).max-connections", default: d.maxConnections),
            handshakeTimeoutSeconds: try self.int("\(scope).handshake-timeout", default: Defaults.handshakeTimeoutSeconds),
            maxSubscriptions: try self.int("\(scope).max-subscriptions", default: d.maxSubscriptions))
        for (name, value) in [
            ("max-line-bytes", limits.maxLineBytes), ("max-document-bytes", limits.maxDocumentBytes),
            ("max-inflight", limits.maxInflight), ("idle-timeout", limits.idleTimeoutSeconds),
            ("max-result-rows", limits.maxResultRows), ("max-connections", limits.maxConnections),
            ("handshake-timeout", limits.handshakeTimeoutSeconds),
        ] where value < 1 {
            throw SettingsError(message: "\(scope).\(name) must be at least 1 (got \(value))")
        }
        return limits
    }

    /// Caps on connections still in their TLS handshake for a server in `scope`:
    /// `scope.max-pending-handshakes` (default 64) and `scope.max-pending-handshakes-per-address`
    /// (default 8). See ``HandshakeLimits``.
    public func handshakeLimits(_ scope: String) throws -> HandshakeLimits {
        let pending = try self.int("\(scope).max-pending-handshakes", default: HandshakeLimits.defaultMaxPending)
        let perAddress = try self.int(
            "\(scope).max-pending-handshakes-per-address", default: HandshakeLimits.defaultMaxPendingPerAddress)
        for (name, value) in [("max-pending-handshakes", pending), ("max-pending-handshakes-per-address", perAddress)]
        where value < 1 {
            throw SettingsError(message: "\(scope).\(name) must be at least 1 (got \(value))")
        }
        return HandshakeLimits(maxPending: pending, maxPendingPerAddress: perAddress)
    }

    /// The metrics endpoint of a server in `scope` (plain HTTP `GET /metrics`, see
    /// ``MetricsServerConfiguration``), or nil when `scope.metrics.port` is not set (the default:
    /// no endpoint, and no metrics are collected).
    /// - `scope.metrics.port`: the port (0 picks a free one).
    /// - `scope.metrics.host`: the address (default `127.0.0.1`: an operator endpoint stays on
    ///   loopback unless asked otherwise).
    /// - `scope.metrics.max-connections`: connections served at once (default 8).
    /// - Throws: when the port is not 0…65535 or the cap is below 1.
    public func metricsServer(_ scope: String) throws -> MetricsServerConfiguration? {
        guard self.string("\(scope).metrics.port") != nil else { return nil }
        let port = try self.int("\(scope).metrics.port", default: 0)
        guard (0...65535).contains(port) else {
            throw SettingsError(message: "\(scope).metrics.port must be 0 to 65535 (got \(port))")
        }
        let maxConnections = try self.int(
            "\(scope).metrics.max-connections", default: MetricsServerConfiguration.defaultMaxConnections)
        guard maxConnections >= 1 else {
            throw SettingsError(message: "\(scope).metrics.max-connections must be at least 1 (got \(maxConnections))")
        }
        return MetricsServerConfiguration(
            host: self.string("\(scope).metrics.host", default: Defaults.host), port: port, maxConnections: maxConnections)
    }

    /// Parses `HOST:PORT` (`[::1]:7402` for IPv6).
    public static func endpoint(_ text: String) throws -> (host: String, port: Int) {
        var host = Substring(text)
        var portText: Substring
        if host.hasPrefix("["), let close = host.firstIndex(of: "]") {
            portText = host[host.index(after: close)...].dropFirst()
            host = host[host.index(after: host.startIndex)..<close]
        } else if let colon = host.lastIndex(of: ":") {
            portText = host[host.index(after: colon)...]
            host = host[..<colon]
        } else {
            throw SettingsError(message: "'\(text)' is not HOST:PORT")
        }
        guard let port = Int(portText), (0...65535).contains(port), !host.isEmpty else {
            throw SettingsError(message: "'\(text)' is not HOST:PORT")
        }
        return (String(host), port)
    }
}

public struct SettingsError: Error, CustomStringConvertible {
    public var message: String
    public init(message: String) { self.message = message }
    public var description: String { self.message }
}

/// Writes `text` to `path` atomically (used for port files).
public func writeFileAtomically(_ text: String, to path: String) throws {
    try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
}

/// Logs of a service go to stderr at `level` (`trace` … `critical`; unknown names mean `info`).
/// Call once, from `main`.
public func bootstrapServiceLogging(level: String) {
    let level = Logger.Level(rawValue: level) ?? .info
    LoggingSystem.bootstrap { label in
        var handler = StreamLogHandler.standardError(label: label)
        handler.logLevel = level
        return handler
    }
}
