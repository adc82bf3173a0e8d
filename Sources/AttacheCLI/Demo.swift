import AttacheContracts
import AttacheInput
import AttacheWire
import ArgumentParser
import Foundation
import UnixSignals

extension Attache {
    struct Demo: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make certificates, start both services, push seeds/, and show what the aggregator knows.",
            discussion: "The services are the attache-extractor and attache-aggregator executables beside this one.")

        @Option(help: "Work directory for certificates, the database and logs.") var workdir = Settings.Defaults.workDirectory
        @Option(help: "Documents to push (default: the package's seeds/, found from wherever the demo starts).") var seeds: String?
        @Option(help: "Extractor port (0 picks a free one).") var extractorPort = Settings.Defaults.extractorPort
        @Option(help: "Aggregator port (0 picks a free one).") var aggregatorPort = Settings.Defaults.aggregatorPort
        @Flag(help: "Leave both services running until Ctrl-C.") var keepRunning = false

        func run() async throws {
            let fm = FileManager.default
            let work = URL(fileURLWithPath: self.workdir).standardizedFileURL.path
            let certs = work + "/certs"
            try fm.createDirectory(atPath: work, withIntermediateDirectories: true)
            if !fm.fileExists(atPath: certs + "/" + DevCertificateAuthority.FileName.caCertificate) {
                try DevCertificateAuthority.writeDevelopmentSet(to: certs)
                print("made a development CA and certificates in \(certs)")
            }
            let binaries = try Self.executableDirectory()
            var services = ServiceProcesses()
            defer { services.stopAll() }

            let aggregatorPort = try services.start(
                binaries + "/attache-aggregator", name: "aggregator", work: work,
                arguments: ["--tls-dir", certs, "--database", work + "/attache.sqlite", "--port", "\(self.aggregatorPort)"])
            let extractorPort = try services.start(
                binaries + "/attache-extractor", name: "extractor", work: work,
                arguments: [
                    "--tls-dir", certs, "--aggregator", "127.0.0.1:\(aggregatorPort)", "--port", "\(self.extractorPort)",
                    "--outbox", work + "/outbox.sqlite",
                ])
            print("aggregator listening on 127.0.0.1:\(aggregatorPort), extractor on 127.0.0.1:\(extractorPort) (logs in \(work))")

            let clientTLS = try TLSFiles(directory: certs, role: .client).makeClientContext()
            let seeds = try self.seeds ?? Self.seedsDirectory()
            let records = try DocumentFiles.load([seeds])
            let documents = records.compactMap(\.document)
            var report = try await Pusher(
                endpoint: LineClientConfiguration(host: "127.0.0.1", port: extractorPort, serverRole: .extractor), tls: clientTLS, window: 8
            ).push(documents)
            for refusal in records.compactMap(\.refusal) { report.refuse(refusal) }
            print("\npushed \(documents.count) documents from \(seeds): " + report.render())

            let aggregator = LineClientConfiguration(host: "127.0.0.1", port: aggregatorPort, maxLineBytes: 64 << 20, serverRole: .aggregator)
            // the aggregator acknowledges once a digest is in its log and derives the knowledge base after: wait until
            // what it acknowledged is visible to queries
            if try await VisibilityWait(endpoint: aggregator, tls: clientTLS, timeout: .seconds(60)).run() == nil {
                print("(the knowledge base had not caught up after 60 s; the answers below may lag)")
            }
            let results = try await LineClient.withConnection(aggregator, tls: clientTLS) { connection in
                var results: [(String, QueryResult)] = []
                for kind in [QueryKind.stats, .persons, .organizations, .countries, .events] {
                    let id = connection.makeID()
                    let reply = try await connection.call(
                        QueryRequest(id: id, query: kind, params: QueryParams(limit: 200)), id: id, as: QueryReply.self)
                    results.append((kind.rawValue, reply.result))
                }
                return results
            }
            for (title, result) in results {
                print("\n## \(title == "countries" ? "states" : title)\n" + Render.result(result))
            }

            if self.keepRunning {
                print("""

                    Both services keep running. In another terminal:
                      attache query stats --aggregator 127.0.0.1:\(aggregatorPort) --tls-dir \(certs)
                      attache query persons --state LA --aggregator 127.0.0.1:\(aggregatorPort) --tls-dir \(certs)
                      attache push FILE... --extractor 127.0.0.1:\(extractorPort) --tls-dir \(certs)
                    Press Ctrl-C to stop them.
                    """)
                let signals = await UnixSignalsSequence(trapping: .sigint, .sigterm)
                for await _ in signals { break }
            }
            services.stopAll()
            print("\nstopped both services")
        }

        /// The seeds shipped with the package, wherever the demo is started: the package above this executable
        /// (`swift build` puts it in `.build/…/debug/`), else the source tree it was built from, else `./seeds`.
        static func seedsDirectory() throws -> String {
            var candidates: [URL] = []
            if let path = Bundle.main.executablePath ?? CommandLine.arguments.first {
                var dir = URL(fileURLWithPath: path).resolvingSymlinksInPath().deletingLastPathComponent()
                for _ in 0..<6 {
                    if FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
                        candidates.append(dir.appendingPathComponent("seeds"))
                        break
                    }
                    dir.deleteLastPathComponent()
                }
            }
            // Sources/AttacheCLI/Demo.swift → the package root
            candidates.append(
                URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                    .appendingPathComponent("seeds"))
            candidates.append(URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("seeds"))
            for candidate in candidates {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: candidate.path)) ?? []
                if names.contains(where: { $0.hasSuffix(".txt") }) { return candidate.standardizedFileURL.path }
            }
            throw ValidationError(
                "no seeds/ found beside this attache (\(candidates.map(\.path).joined(separator: ", "))): pass --seeds DIR")
        }

        /// The directory of this executable, where `swift build` puts the two services too.
        static func executableDirectory() throws -> String {
            let path = Bundle.main.executablePath ?? CommandLine.arguments[0]
            let dir = URL(fileURLWithPath: path).resolvingSymlinksInPath().deletingLastPathComponent().path
            for name in ["attache-extractor", "attache-aggregator"] where !FileManager.default.isExecutableFile(atPath: dir + "/" + name) {
                throw ValidationError("\(name) is not in \(dir): build everything first (`swift build`)")
            }
            return dir
        }
    }
}

/// Child service processes, stopped with SIGTERM (then SIGKILL after 10 s).
struct ServiceProcesses {
    private var running: [(String, Process)] = []

    /// Starts `binary` and waits until it has written its port file.
    /// - Returns: the port it listens on.
    mutating func start(_ binary: String, name: String, work: String, arguments: [String]) throws -> Int {
        let portFile = work + "/\(name).port"
        try? FileManager.default.removeItem(atPath: portFile)
        let log = work + "/\(name).log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments + ["--port-file", portFile]
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        self.running.append((name, process))
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if let text = try? String(contentsOfFile: portFile, encoding: .utf8),
                let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
            {
                return port
            }
            if !process.isRunning {
                let tail = (try? String(contentsOfFile: log, encoding: .utf8))?.suffix(2000) ?? ""
                throw ValidationError("\(name) exited with status \(process.terminationStatus):\n\(tail)")
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw ValidationError("\(name) did not start listening within 30 s; see \(log)")
    }

    mutating func stopAll() {
        for (_, process) in self.running.reversed() where process.isRunning {
            process.terminate()
            let deadline = Date().addingTimeInterval(10)
            while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        self.running = []
    }
}
