import AttacheContracts
import AttacheWire
import Foundation
import Testing
import NIOCore
import NIOSSL

/// The directory that holds the built executables (the test bundle sits beside them).
func productsDirectory() throws -> String {
    let candidates = [Bundle.main.executablePath, CommandLine.arguments.first].compactMap { $0 }
    for candidate in candidates {
        var url = URL(fileURLWithPath: candidate).resolvingSymlinksInPath()
        for _ in 0..<4 {
            url.deleteLastPathComponent()
            if FileManager.default.isExecutableFile(atPath: url.appendingPathComponent("attache-aggregator").path) {
                return url.path
            }
        }
    }
    throw HarnessError("attache-aggregator not found beside the test bundle (\(candidates)); run `swift build` first")
}

struct HarnessError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// The repository root (for seeds/).
let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

/// A temporary work directory with a development certificate set.
final class Workspace: @unchecked Sendable {
    let path: String
    var certs: String { self.path + "/certs" }

    init() throws {
        self.path = FileManager.default.temporaryDirectory.appendingPathComponent("attache-sys-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: self.path, withIntermediateDirectories: true)
        try DevCertificateAuthority.writeDevelopmentSet(to: self.certs)
    }

    func tls(_ role: PeerRole) throws -> NIOSSLContext { try TLSFiles(directory: self.certs, role: role).makeClientContext() }

    deinit { try? FileManager.default.removeItem(atPath: self.path) }
}

/// One of our executables running as a child process.
final class ServiceProcess: @unchecked Sendable {
    let process = Process()
    let name: String
    let log: String
    private(set) var port = 0

    /// Starts `binary` with `arguments` plus `--port 0 --port-file …` and waits until it listens.
    /// - Parameter environment: variables set for the child on top of this process's environment.
    init(
        _ binary: String, arguments: [String], in workspace: Workspace, name: String, port: Int = 0,
        environment: [String: String] = [:]
    ) throws {
        self.name = name
        let portFile = workspace.path + "/\(name).port"
        try? FileManager.default.removeItem(atPath: portFile)
        self.log = workspace.path + "/\(name).log"
        _ = FileManager.default.createFile(atPath: self.log, contents: nil)
        self.process.executableURL = URL(fileURLWithPath: try productsDirectory() + "/" + binary)
        self.process.arguments = arguments + ["--port", "\(port)", "--port-file", portFile, "--tls-dir", workspace.certs]
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: self.log))
        self.process.standardOutput = handle
        self.process.standardError = handle
        self.process.standardInput = FileHandle.nullDevice
        if !environment.isEmpty {
            self.process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        }
        try self.process.run()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: portFile, encoding: .utf8),
                let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
            {
                self.port = port
                return
            }
            if !self.process.isRunning { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        self.process.terminate()
        throw HarnessError("\(name) did not start: \(self.logText())")
    }

    func logText() -> String { (try? String(contentsOfFile: self.log, encoding: .utf8)) ?? "" }

    /// SIGTERM, then wait for exit. - Returns: the exit status.
    @discardableResult
    func stop(timeout: TimeInterval = 20) -> Int32 {
        if self.process.isRunning { self.process.terminate() }
        let deadline = Date().addingTimeInterval(timeout)
        while self.process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        if self.process.isRunning {
            Foundation.kill(self.process.processIdentifier, SIGKILL)
            self.process.waitUntilExit()
            return -9
        }
        return self.process.terminationStatus
    }

    /// SIGKILL: a crash, nothing gets to clean up.
    func kill() {
        if self.process.isRunning {
            Foundation.kill(self.process.processIdentifier, SIGKILL)
            self.process.waitUntilExit()
        }
    }

    deinit { if self.process.isRunning { Foundation.kill(self.process.processIdentifier, SIGKILL) } }
}

/// Arguments that start `binary` (`attache-extractor` or `attache-aggregator`) on its own in `workspace`: an
/// extractor forwarding to a port nobody listens on, or an aggregator with a fresh store.
func standaloneArguments(_ binary: String, in workspace: Workspace) -> [String] {
    binary == "attache-extractor"
        ? ["--aggregator", "127.0.0.1:1", "--outbox", workspace.path + "/outbox.sqlite"]
        : ["--database", workspace.path + "/kb.sqlite"]
}

/// Runs one of our executables to completion and returns its exit status and output.
func runTool(_ binary: String, _ arguments: [String], cwd: String? = nil) throws -> (status: Int32, output: String) {
    try runProgram(try productsDirectory() + "/" + binary, arguments, cwd: cwd)
}

/// Runs the program at `path` to its end, its standard input `stdin` (a file) or empty: its exit status and what it
/// wrote on its two output streams.
func runProgram(_ path: String, _ arguments: [String], stdin: String? = nil, cwd: String? = nil) throws -> (status: Int32, output: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    if let cwd { process.currentDirectoryURL = URL(fileURLWithPath: cwd) }
    let outFile = FileManager.default.temporaryDirectory.appendingPathComponent("attache-out-\(UUID().uuidString)")
    _ = FileManager.default.createFile(atPath: outFile.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: outFile) }
    let handle = try FileHandle(forWritingTo: outFile)
    process.standardOutput = handle
    process.standardError = handle
    process.standardInput = try stdin.map { try FileHandle(forReadingFrom: URL(fileURLWithPath: $0)) } ?? FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try handle.close()
    return (process.terminationStatus, (try? String(contentsOf: outFile, encoding: .utf8)) ?? "")
}

func loopback(_ port: Int) -> LineClientConfiguration {
    LineClientConfiguration(host: "127.0.0.1", port: port, maxLineBytes: 64 << 20, connectTimeout: .seconds(5))
}

func seedDocuments() throws -> [DocumentInput] {
    let dir = repositoryRoot + "/seeds"
    return try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".txt") }.sorted().map {
        DocumentInput(id: $0, text: try String(contentsOfFile: dir + "/" + $0, encoding: .utf8))
    }
}

/// Retries `attempt` until it returns a value (errors count as "not yet"), for up to `seconds`.
func eventually<T: Sendable>(seconds: Double, _ attempt: () async throws -> T?) async throws -> T? {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if let value = try? await attempt() { return value }
        try await Task.sleep(for: .milliseconds(100))
    }
    return try? await attempt()
}

/// Every suite that starts real services runs inside this one, one after another: on a 2-core
/// machine, fault tests pushing thousands of documents beside timing-sensitive tests would make
/// the latter flaky.
@Suite(.serialized) struct SystemTests {}

/// An aggregator and an extractor that forwards to it, the real binaries in one workspace, with a query client.
class ServicePair: @unchecked Sendable {
    let workspace: Workspace
    let aggregator: ServiceProcess
    let extractor: ServiceProcess

    init() throws {
        self.workspace = try Workspace()
        (self.aggregator, self.extractor) = try Self.start(in: self.workspace)
    }

    /// Starts an aggregator on `kb.sqlite` in `workspace` and an extractor forwarding to it with its outbox beside.
    static func start(in workspace: Workspace) throws -> (aggregator: ServiceProcess, extractor: ServiceProcess) {
        let aggregator = try ServiceProcess(
            "attache-aggregator", arguments: ["--database", workspace.path + "/kb.sqlite"], in: workspace, name: "aggregator")
        let extractor = try ServiceProcess(
            "attache-extractor",
            arguments: ["--aggregator", "127.0.0.1:\(aggregator.port)", "--outbox", workspace.path + "/outbox.sqlite"],
            in: workspace, name: "extractor")
        return (aggregator, extractor)
    }

    /// Asks the aggregator, once its knowledge base has derived everything appended before the call (read
    /// your writes: `stats` gives the last seq appended, the query waits for it with `after`).
    func query(_ kind: QueryKind, _ params: QueryParams = QueryParams()) async throws -> QueryResult {
        try await LineClient.withConnection(loopback(self.aggregator.port), tls: try self.workspace.tls(.client)) { connection in
            let statsID = connection.makeID()
            let appended = try await connection.call(QueryRequest(id: statsID, query: .stats), id: statsID, as: QueryReply.self)
                .result.stats?.appended
            let id = connection.makeID()
            return try await connection.call(QueryRequest(id: id, query: kind, params: params, after: appended), id: id, as: QueryReply.self)
                .result
        }
    }

    func stop() {
        #expect(self.extractor.stop() == 0)
        #expect(self.aggregator.stop() == 0)
    }
}

/// Pushes `docs` one after another on one connection to the extractor at `port`.
func push(_ docs: [DocumentInput], port: Int, workspace: Workspace) async throws -> [PushReply] {
    try await LineClient.withConnection(loopback(port), tls: try workspace.tls(.client)) { connection in
        var replies: [PushReply] = []
        for doc in docs {
            let id = connection.makeID()
            replies.append(try await connection.call(PushRequest(id: id, doc: doc), id: id, as: PushReply.self))
        }
        return replies
    }
}

// MARK: Helpers for the query-limit tests

/// A digest made by hand, one CONSULT event from `source` to `target` per sentence (its trigger is
/// the sentence's first word), for tests that need digests the extractor would not make (very long
/// sentences, control characters).
func handMadeDigest(
    doc: String, sentences: [String], source: String = "VN", target: String = "LA", published: String = "2024-08-26",
    persons: [String] = []
) -> Digest {
    var offset = 0
    var made: [Sentence] = []
    var events: [Event] = []
    for (i, text) in sentences.enumerated() {
        let length = text.unicodeScalars.count
        made.append(Sentence(index: i, start: offset, end: offset + length, text: text))
        let trigger = String(text.prefix { $0 != " " })
        let span = Span(sentence: i, start: offset, end: offset + trigger.unicodeScalars.count)
        events.append(
            Event(
                type: "CONSULT", mode: "visit", source: source, target: target, date: published, actorText: persons.first,
                sentence: i, trigger: span, triggerText: trigger, confidence: 0.9))
        offset += length + 1
    }
    let text = sentences.joined(separator: " ")
    return Digest(
        doc: doc, published: published, title: doc, contentHash: ContentHash.sha256Hex(text), length: text.unicodeScalars.count,
        sentences: made, persons: persons.map { Person(name: $0, country: source, mentions: []) }, events: events)
}

/// Stores `digests` in the aggregator at `port` as an extractor does (with the extractor's certificate).
@discardableResult
func storeDigests(_ digests: [Digest], port: Int, workspace: Workspace) async throws -> [StoredReply] {
    try await LineClient.withConnection(loopback(port), tls: try workspace.tls(.extractor)) { connection in
        var replies: [StoredReply] = []
        for digest in digests {
            let id = connection.makeID()
            replies.append(try await connection.call(DigestMessage(id: id, digest: digest), id: id, as: StoredReply.self))
        }
        return replies
    }
}

/// Writes a config file for the aggregator (`{"aggregator": {key: value…}}`) and returns the
/// arguments that use it. Keys a build does not know are ignored by it.
func aggregatorConfig(_ values: [String: Int], in workspace: Workspace) throws -> [String] {
    let path = workspace.path + "/aggregator-config-\(UUID().uuidString).json"
    let data = try JSONSerialization.data(withJSONObject: ["aggregator": values])
    try data.write(to: URL(fileURLWithPath: path))
    return ["--config", path]
}

/// The limits a hello advertises, by name (only those the client's `Limits` knows and the server sent).
func advertisedLimits(_ hello: Hello) throws -> [String: Int] {
    try JSONDecoder().decode([String: Int].self, from: JSONEncoder().encode(hello.limits))
}
