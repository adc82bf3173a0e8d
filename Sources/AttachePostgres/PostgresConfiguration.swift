import Foundation
import NIOSSL
import PostgresNIO

/// Where the PostgreSQL store is and how to reach it, read from a `postgres://` URL:
///
///     postgres://USER@HOST[:PORT]/DATABASE[?sslmode=MODE&sslrootcert=PATH&passwordFile=PATH&schema=NAME&connect_timeout=S]
///
/// - `USER`, `HOST`, `DATABASE`: required. `PORT`: 5432 by default. Percent-escapes are decoded.
/// - The password is **never** taken from the URL (a URL ends up in configuration files, process lists and logs): a
///   URL with one is refused. It comes from the file `passwordFile=PATH` names (its first line), else from the
///   environment: `ATTACHE_POSTGRES_PASSWORD`, else `PGPASSWORD` (as libpq reads it). None: no password (trust or
///   peer authentication).
/// - `sslmode`: `disable`, `prefer`, `require` (the default), `verify-ca` or `verify-full`, as libpq means them
///   (``SSLMode``). `sslrootcert=PATH`: the PEM file of the CAs that `verify-ca` and `verify-full` trust (the
///   system's roots when absent).
/// - `schema`: the PostgreSQL schema the store's tables live in (`public` when absent; letters, digits and `_`,
///   at most 63 bytes). The migrations create it if needed.
/// - `connect_timeout`: seconds to wait for a connection (10 by default, 1 to 300).
///
/// `description` prints the URL without any secret; the password itself is never printed.
public struct PostgresConfiguration: Sendable, Equatable, CustomStringConvertible {
    /// How the connection to PostgreSQL is protected: libpq's `sslmode` values.
    public enum SSLMode: String, Sendable, CaseIterable {
        /// Plain TCP, no TLS.
        case disable
        /// TLS if the server offers it, without checking its certificate; plain otherwise.
        case prefer
        /// TLS always, without checking the server's certificate (encryption against passive listeners only).
        case require
        /// TLS always; the server's certificate must chain to a trusted CA (any host name).
        case verifyCA = "verify-ca"
        /// TLS always; the certificate must chain to a trusted CA and name the host (DNS name or IP address).
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var user: String
    public var database: String
    public var sslMode: SSLMode
    /// PEM file of the trusted CAs (`sslrootcert`); nil: the system's roots.
    public var rootCertificatePath: String?
    /// The schema of the store's tables (`public` by default).
    public var schema: String
    /// Seconds to wait for a connection to open.
    public var connectTimeoutSeconds: Int
    /// Where the password came from, for messages (`file PATH`, `environment NAME`, or nil: none).
    public private(set) var passwordSource: String?
    /// Kept out of ``description`` and of `Equatable`'s diagnostics.
    private var password: String?

    /// The environment variables read for the password, in order.
    public static let passwordVariables = ["ATTACHE_POSTGRES_PASSWORD", "PGPASSWORD"]

    /// Reads `url`; the password from the file its `passwordFile` names or from `environment` (pass the process's
    /// environment; a library reads none by itself).
    /// - Throws: ``PostgresConfigurationError`` naming what is wrong (never quoting a password).
    public init(url: String, environment: [String: String] = [:]) throws {
        guard let components = URLComponents(string: url),
            let scheme = components.scheme?.lowercased(), scheme == "postgres" || scheme == "postgresql"
        else {
            throw PostgresConfigurationError("not a postgres:// URL: \(Self.redacted(url))")
        }
        if components.password != nil {
            throw PostgresConfigurationError(
                "the URL carries a password, which would show in configuration files and logs: give it in a file "
                    + "(passwordFile=PATH) or in the environment (\(Self.passwordVariables.joined(separator: " or ")))")
        }
        guard let user = components.user, !user.isEmpty else { throw PostgresConfigurationError("the URL names no user (postgres://USER@HOST/DATABASE)") }
        guard let host = components.host, !host.isEmpty else { throw PostgresConfigurationError("the URL names no host") }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else {
            throw PostgresConfigurationError("the URL names no database (postgres://USER@HOST/DATABASE)")
        }
        self.user = user
        // URLComponents keeps IPv6 literals' brackets.
        self.host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        self.port = components.port ?? 5432
        guard (1...65535).contains(self.port) else { throw PostgresConfigurationError("port \(self.port) is out of range") }
        self.database = database
        self.sslMode = .require
        self.schema = "public"
        self.connectTimeoutSeconds = 10
        var passwordFile: String?
        for item in components.queryItems ?? [] {
            let value = item.value ?? ""
            switch item.name {
            case "sslmode":
                guard let mode = SSLMode(rawValue: value) else {
                    throw PostgresConfigurationError(
                        "sslmode '\(value)' is not one of \(SSLMode.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                self.sslMode = mode
            case "sslrootcert":
                self.rootCertificatePath = value
            case "passwordFile":
                passwordFile = value
            case "schema":
                guard Self.isPlainIdentifier(value) else {
                    throw PostgresConfigurationError("schema '\(value)' must be letters, digits and '_' (not first a digit), at most 63 bytes")
                }
                self.schema = value
            case "connect_timeout":
                guard let seconds = Int(value), (1...300).contains(seconds) else {
                    throw PostgresConfigurationError("connect_timeout '\(value)' must be whole seconds from 1 to 300")
                }
                self.connectTimeoutSeconds = seconds
            case "password":
                throw PostgresConfigurationError(
                    "a password in the URL's query would show in configuration files and logs: use passwordFile=PATH or the environment")
            default:
                throw PostgresConfigurationError("unknown URL option '\(item.name)'")
            }
        }
        if self.rootCertificatePath != nil && !(self.sslMode == .verifyCA || self.sslMode == .verifyFull) {
            throw PostgresConfigurationError("sslrootcert is used by sslmode=verify-ca or verify-full only (sslmode is \(self.sslMode.rawValue))")
        }
        if let passwordFile {
            guard let data = FileManager.default.contents(atPath: passwordFile) else {
                throw PostgresConfigurationError("cannot read the password file \(passwordFile)")
            }
            guard data.count <= 4096 else { throw PostgresConfigurationError("the password file \(passwordFile) is larger than 4 KiB") }
            let line = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).first ?? ""
            let password = line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
            guard !password.isEmpty else { throw PostgresConfigurationError("the password file \(passwordFile) is empty") }
            self.password = password
            self.passwordSource = "file \(passwordFile)"
        } else if let name = Self.passwordVariables.first(where: { environment[$0]?.isEmpty == false }) {
            self.password = environment[name]
            self.passwordSource = "environment \(name)"
        }
    }

    /// Whether a password was found (its value is never exposed but to the driver).
    public var hasPassword: Bool { self.password != nil }

    /// The URL without any secret (none can be in it: see the type's documentation), for logs and messages.
    public var description: String {
        var options = ["sslmode=\(self.sslMode.rawValue)"]
        if let root = self.rootCertificatePath { options.append("sslrootcert=\(root)") }
        if self.schema != "public" { options.append("schema=\(self.schema)") }
        let host = self.host.contains(":") ? "[\(self.host)]" : self.host
        let user = self.user.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "@", with: "%40")
            .replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: "/", with: "%2F")
        return "postgres://\(user)@\(host):\(self.port)/\(self.database)?\(options.joined(separator: "&"))"
    }

    /// The TLS that `sslMode` asks for, as postgres-nio takes it, with the NIOSSL configuration it uses (nil for
    /// `disable`): `prefer` and `require` without certificate verification, `verify-ca` without host name
    /// verification, `verify-full` with both; trusted roots from `sslrootcert` when given.
    /// - Throws: when the root certificate file cannot be read.
    public func tls() throws -> (mode: PostgresClient.Configuration.TLS, settings: TLSConfiguration?) {
        var settings = TLSConfiguration.makeClientConfiguration()
        settings.minimumTLSVersion = .tlsv12
        switch self.sslMode {
        case .disable:
            return (.disable, nil)
        case .prefer:
            settings.certificateVerification = .none
            return (.prefer(settings), settings)
        case .require:
            settings.certificateVerification = .none
            return (.require(settings), settings)
        case .verifyCA, .verifyFull:
            settings.certificateVerification = self.sslMode == .verifyFull ? .fullVerification : .noHostnameVerification
            if let path = self.rootCertificatePath {
                do {
                    settings.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(path))
                } catch {
                    throw PostgresConfigurationError("cannot read the root certificates in \(path): \(error)")
                }
            }
            return (.require(settings), settings)
        }
    }

    /// The postgres-nio client configuration: endpoint, credentials, TLS, schema (as the connections' `search_path`)
    /// and a pool of at most `maxConnections` connections.
    public func clientConfiguration(maxConnections: Int = 8) throws -> PostgresClient.Configuration {
        var config = PostgresClient.Configuration(
            host: self.host, port: self.port, username: self.user, password: self.password, database: self.database,
            tls: try self.tls().mode)
        config.options.maximumConnections = max(1, maxConnections)
        config.options.connectTimeout = .seconds(self.connectTimeoutSeconds)
        config.options.additionalStartupParameters = self.startupParameters
        return config
    }

    /// The configuration of one connection outside any pool (a `LISTEN`er, a tool): same endpoint, credentials,
    /// TLS and schema as ``clientConfiguration(maxConnections:)``.
    public func connectionConfiguration() throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        switch (self.sslMode, try self.tls().settings) {
        case (.disable, _), (_, nil): tls = .disable
        case (.prefer, let settings?): tls = .prefer(try NIOSSLContext(configuration: settings))
        case (_, let settings?): tls = .require(try NIOSSLContext(configuration: settings))
        }
        var config = PostgresConnection.Configuration(
            host: self.host, port: self.port, username: self.user, password: self.password, database: self.database, tls: tls)
        config.options.connectTimeout = .seconds(Int64(self.connectTimeoutSeconds))
        config.options.additionalStartupParameters = self.startupParameters
        return config
    }

    /// The schema first, then public (extensions' functions): every unqualified name resolves there.
    private var startupParameters: [(String, String)] {
        [("search_path", self.schema == "public" ? "public" : "\(self.schema), public"), ("application_name", "attache-aggregator")]
    }

    /// A name usable unquoted in SQL: `[A-Za-z_][A-Za-z0-9_]*`, at most 63 bytes (PostgreSQL's NAMEDATALEN - 1).
    static func isPlainIdentifier(_ s: String) -> Bool {
        guard let first = s.utf8.first, s.utf8.count <= 63 else { return false }
        func letter(_ c: UInt8) -> Bool { (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || c == 0x5F }
        return letter(first) && s.utf8.allSatisfy { letter($0) || ($0 >= 0x30 && $0 <= 0x39) }
    }

    /// `url` with anything between `//` and `@` that follows a `:` replaced by `***` (for a message about a URL that
    /// could not be read: it may hold a password).
    static func redacted(_ url: String) -> String {
        guard let slashes = url.range(of: "//"), let at = url[slashes.upperBound...].firstIndex(of: "@"),
            let colon = url[slashes.upperBound..<at].firstIndex(of: ":")
        else { return url }
        return String(url[..<url.index(after: colon)]) + "***" + String(url[at...])
    }

    public static func == (a: Self, b: Self) -> Bool {
        a.host == b.host && a.port == b.port && a.user == b.user && a.database == b.database && a.sslMode == b.sslMode
            && a.rootCertificatePath == b.rootCertificatePath && a.schema == b.schema
            && a.connectTimeoutSeconds == b.connectTimeoutSeconds && a.password == b.password
    }
}

/// A `postgres://` URL or its options that cannot be used; the message says why (never quoting a password).
public struct PostgresConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    init(_ message: String) { self.message = message }
    public var description: String { self.message }
}
