import AttachePostgres
import Foundation
import NIOSSL
import PostgresNIO
import Testing

/// Reading `postgres://` URLs: no server needed.
@Suite struct PostgresConfigurationTests {
    @Test func readsEveryPartAndDefaults() throws {
        let c = try PostgresConfiguration(url: "postgres://attache@db.internal/kb")
        #expect(c.user == "attache")
        #expect(c.host == "db.internal")
        #expect(c.port == 5432)
        #expect(c.database == "kb")
        #expect(c.sslMode == .require)
        #expect(c.schema == "public")
        #expect(c.connectTimeoutSeconds == 10)
        #expect(!c.hasPassword)
        #expect(c.passwordSource == nil)

        let d = try PostgresConfiguration(
            url: "postgresql://agg%40eu@10.1.2.3:6543/attache?sslmode=verify-full&sslrootcert=/etc/ca.pem&schema=kb_2&connect_timeout=3")
        #expect(d.user == "agg@eu")
        #expect(d.host == "10.1.2.3")
        #expect(d.port == 6543)
        #expect(d.sslMode == .verifyFull)
        #expect(d.rootCertificatePath == "/etc/ca.pem")
        #expect(d.schema == "kb_2")
        #expect(d.connectTimeoutSeconds == 3)
        #expect(d.description == "postgres://agg%40eu@10.1.2.3:6543/attache?sslmode=verify-full&sslrootcert=/etc/ca.pem&schema=kb_2")

        let v6 = try PostgresConfiguration(url: "postgres://a@[::1]:5433/kb?sslmode=disable")
        #expect(v6.host == "::1")
        #expect(v6.description == "postgres://a@[::1]:5433/kb?sslmode=disable")
    }

    @Test func refusesAPasswordInTheURLWithoutQuotingIt() {
        for url in ["postgres://attache:s3cret-pw@db/kb", "postgres://attache@db/kb?password=s3cret-pw"] {
            let error = #expect(throws: PostgresConfigurationError.self) { try PostgresConfiguration(url: url) }
            #expect(error?.message.contains("s3cret-pw") == false)
            #expect(error?.message.contains("passwordFile") == true)
        }
        // A URL that cannot be read at all is quoted with its password hidden.
        let error = #expect(throws: PostgresConfigurationError.self) { try PostgresConfiguration(url: "mysql://root:s3cret-pw@db/kb") }
        #expect(error?.message.contains("s3cret-pw") == false)
        #expect(error?.message.contains("mysql://root:***@db/kb") == true)
    }

    @Test func passwordFromTheEnvironmentOrAFile() throws {
        let url = "postgres://attache@db/kb"
        let fromAttache = try PostgresConfiguration(url: url, environment: ["ATTACHE_POSTGRES_PASSWORD": "one", "PGPASSWORD": "two"])
        #expect(fromAttache.passwordSource == "environment ATTACHE_POSTGRES_PASSWORD")
        #expect(fromAttache == (try PostgresConfiguration(url: url, environment: ["ATTACHE_POSTGRES_PASSWORD": "one"])))
        let fromPG = try PostgresConfiguration(url: url, environment: ["PGPASSWORD": "two"])
        #expect(fromPG.passwordSource == "environment PGPASSWORD")
        #expect(fromPG != fromAttache)
        #expect(!fromPG.description.contains("two"))
        #expect(try fromPG.clientConfiguration().password == "two")

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("attache-pg-conf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("password").path
        try Data("from-file\nsecond line ignored\n".utf8).write(to: URL(fileURLWithPath: file))
        let fromFile = try PostgresConfiguration(url: "\(url)?passwordFile=\(file)", environment: ["PGPASSWORD": "two"])
        #expect(fromFile.passwordSource == "file \(file)")
        #expect(try fromFile.clientConfiguration().password == "from-file")
        #expect(!fromFile.description.contains("from-file"))

        try Data("\n".utf8).write(to: URL(fileURLWithPath: file))
        #expect(throws: PostgresConfigurationError.self) { try PostgresConfiguration(url: "\(url)?passwordFile=\(file)") }
        #expect(throws: PostgresConfigurationError.self) { try PostgresConfiguration(url: "\(url)?passwordFile=\(dir.path)/missing") }
    }

    @Test func sslModesMapOntoTLSSettings() throws {
        let disable = try PostgresConfiguration(url: "postgres://a@db/kb?sslmode=disable").tls()
        #expect(disable.settings == nil)
        for mode in ["prefer", "require"] {
            let tls = try #require(try PostgresConfiguration(url: "postgres://a@db/kb?sslmode=\(mode)").tls().settings)
            #expect(tls.certificateVerification == .none)
            #expect(tls.minimumTLSVersion == .tlsv12)
        }
        let ca = try #require(try PostgresConfiguration(url: "postgres://a@db/kb?sslmode=verify-ca").tls().settings)
        #expect(ca.certificateVerification == .noHostnameVerification)
        let full = try #require(try PostgresConfiguration(url: "postgres://a@db/kb?sslmode=verify-full").tls().settings)
        #expect(full.certificateVerification == .fullVerification)
        // A root certificate file that does not exist is reported when the TLS settings are made.
        let missing = try PostgresConfiguration(url: "postgres://a@db/kb?sslmode=verify-full&sslrootcert=/nonexistent/ca.pem")
        #expect(throws: PostgresConfigurationError.self) { try missing.tls() }
    }

    @Test(arguments: [
        "http://a@db/kb",  // not postgres
        "postgres://db/kb",  // no user
        "postgres://a@db",  // no database
        "postgres://a@db/",  // no database
        "postgres://a@db:0/kb",  // port out of range
        "postgres://a@db/kb?sslmode=allow",  // not a mode we take
        "postgres://a@db/kb?sslmode=require&sslrootcert=/ca.pem",  // a root certificate that nothing checks against
        "postgres://a@db/kb?schema=1abc",  // not a plain identifier
        "postgres://a@db/kb?schema=a;drop",  // not a plain identifier
        "postgres://a@db/kb?connect_timeout=0",
        "postgres://a@db/kb?application_name=x",  // unknown option
    ])
    func refusesWhatItCannotUse(url: String) {
        #expect(throws: PostgresConfigurationError.self) { try PostgresConfiguration(url: url) }
    }
}
