import AttacheContracts
import AttacheWire
import Foundation
import Testing

/// Crashes during a long push, with the real binaries: afterwards the aggregator holds every
/// acknowledged document exactly once, with the right content hash.
extension SystemTests {
    @Suite(.serialized, .timeLimit(.minutes(5))) struct FaultTests {
        static let documentCount = 2000

        /// Writes `count` distinct documents of realistic shape; returns the directory and each id's hash.
        static func corpus(in workspace: Workspace, count: Int) throws -> (String, [String: String]) {
            let dir = workspace.path + "/docs"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            let states = ["Kenya", "Ethiopia", "Peru", "Chile", "Norway", "Finland", "Ghana", "Senegal", "Japan", "Mongolia"]
            var hashes: [String: String] = [:]
            for i in 0..<count {
                let a = states[i % states.count], b = states[(i / states.count + 1 + i) % states.count]
                let text = """
                    date 2024-0\(1 + i % 9)-1\(i % 10)
                    \(a) and \(b) held talks on border security on Monday, officials said (report \(i)).
                    The foreign minister of \(a) visited \(b) and signed a memorandum on police cooperation.
                    Both sides agreed to hold joint exercises next year, according to a statement.
                    """
                let id = String(format: "fault-%05d.txt", i)
                try text.write(toFile: dir + "/" + id, atomically: true, encoding: .utf8)
                hashes[id] = ContentHash.sha256Hex(text)
            }
            return (dir, hashes)
        }

        /// Starts `attache push --json` in the background.
        static func startPush(_ dir: String, extractorPort: Int, workspace: Workspace) throws -> (Process, String) {
            let out = workspace.path + "/push.out"
            _ = FileManager.default.createFile(atPath: out, contents: nil)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: try productsDirectory() + "/attache")
            process.arguments = ["push", "--json", "--window", "16", "--extractor", "127.0.0.1:\(extractorPort)", "--tls-dir", workspace.certs, dir]
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
            process.standardOutput = handle
            process.standardError = handle
            process.standardInput = FileHandle.nullDevice
            try process.run()
            return (process, out)
        }

        /// The documents `attache push --json` reported as acknowledged.
        static func acknowledged(_ out: String) throws -> Set<String> {
            var docs = Set<String>()
            for line in try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n") {
                guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                    let doc = object["doc"] as? String, let status = object["status"] as? String
                else { continue }
                if ["new", "duplicate", "replaced", "queued"].contains(status) { docs.insert(doc) }
            }
            return docs
        }

        /// Waits until `attache push --json` has reported at least `count` acknowledgements (it writes
        /// each line as it arrives), so that a crash lands in the middle of the push however fast the
        /// machine is. Returns false if the push ended first.
        static func awaitProgress(_ out: String, atLeast count: Int, push: Process) async throws -> Bool {
            while push.isRunning {
                let lines = (try? Data(contentsOf: URL(fileURLWithPath: out)))?.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } ?? 0
                if lines >= count { return true }
                try await Task.sleep(for: .milliseconds(10))
            }
            return false
        }

        /// Polls the aggregator's `stats` until it holds at least `count` documents (or 60 s pass);
        /// returns the count it saw.
        static func awaitStored(atLeast count: Int, aggregatorPort: Int, workspace: Workspace) async throws -> Int {
            try await LineClient.withConnection(loopback(aggregatorPort), tls: try workspace.tls(.client)) { connection in
                let deadline = Date().addingTimeInterval(60)
                var documents = -1
                while documents < count, Date() < deadline {
                    let id = connection.makeID()
                    let reply = try await connection.call(QueryRequest(id: id, query: .stats), id: id, as: QueryReply.self)
                    documents = reply.result.stats?.documents ?? 0
                    if documents < count { try await Task.sleep(for: .milliseconds(10)) }
                }
                return documents
            }
        }

        /// Every stored document with its content hash, read page by page through the query port.
        static func stored(aggregatorPort: Int, workspace: Workspace) async throws -> [String: String] {
            try await LineClient.withConnection(loopback(aggregatorPort), tls: try workspace.tls(.client)) { connection in
                var result: [String: String] = [:]
                var cursor: String?
                repeat {
                    let id = connection.makeID()
                    let reply = try await connection.call(
                        QueryRequest(id: id, query: .documents, params: QueryParams(limit: 500, cursor: cursor)), id: id,
                        as: QueryReply.self)
                    for doc in reply.result.documents ?? [] {
                        #expect(result[doc.doc] == nil, "document \(doc.doc) listed twice")
                        result[doc.doc] = doc.contentHash
                    }
                    cursor = reply.result.next
                } while cursor != nil
                return result
            }
        }

        /// Waits until the aggregator holds `expected` documents, then checks ids and hashes.
        static func verify(expected: Set<String>, hashes: [String: String], aggregatorPort: Int, workspace: Workspace) async throws {
            let deadline = Date().addingTimeInterval(120)
            var stored: [String: String] = [:]
            while Date() < deadline {
                stored = (try? await Self.stored(aggregatorPort: aggregatorPort, workspace: workspace)) ?? [:]
                if expected.isSubset(of: Set(stored.keys)) { break }
                try await Task.sleep(for: .milliseconds(500))
            }
            let missing = expected.subtracting(stored.keys)
            #expect(missing.isEmpty, "acknowledged but not stored: \(missing.count), e.g. \(missing.sorted().prefix(5))")
            for doc in expected { #expect(stored[doc] == hashes[doc], "content hash of \(doc)") }
            #expect(Set(stored.keys).isSubset(of: Set(hashes.keys)))
        }

        @Test func aggregatorKilledTwiceDuringThePush() async throws {
            let workspace = try Workspace()
            let (dir, hashes) = try Self.corpus(in: workspace, count: Self.documentCount)
            let db = workspace.path + "/kb.sqlite"
            var aggregator = try ServiceProcess("attache-aggregator", arguments: ["--database", db], in: workspace, name: "aggregator")
            let port = aggregator.port
            let extractor = try ServiceProcess(
                "attache-extractor", arguments: ["--aggregator", "127.0.0.1:\(port)", "--outbox", workspace.path + "/outbox.sqlite"],
                in: workspace, name: "extractor")
            defer { extractor.stop() }
            let (push, out) = try Self.startPush(dir, extractorPort: extractor.port, workspace: workspace)
            // First crash: in the middle of the push, with digests in flight between the services.
            let progressed = try await Self.awaitProgress(out, atLeast: Self.documentCount / 5, push: push)
            #expect(progressed, "the first crash must happen during the push")
            aggregator.kill()
            try await Task.sleep(for: .milliseconds(500))
            aggregator = try ServiceProcess("attache-aggregator", arguments: ["--database", db], in: workspace, name: "aggregator", port: port)
            // Second crash: while the extractor is delivering the backlog that built up meanwhile
            // (pushes were acknowledged as `queued`) to the restarted aggregator.
            let atRestart = try await Self.awaitStored(atLeast: 0, aggregatorPort: port, workspace: workspace)
            #expect(atRestart < Self.documentCount, "the first crash must leave digests to deliver")
            let stored = try await Self.awaitStored(
                atLeast: atRestart + (Self.documentCount - atRestart) / 2, aggregatorPort: port, workspace: workspace)
            #expect(stored < Self.documentCount, "the second crash must happen while digests are still being delivered")
            aggregator.kill()
            try await Task.sleep(for: .milliseconds(500))
            aggregator = try ServiceProcess("attache-aggregator", arguments: ["--database", db], in: workspace, name: "aggregator", port: port)
            push.waitUntilExit()
            #expect(push.terminationStatus == 0, "\((try? String(contentsOfFile: out, encoding: .utf8))?.suffix(2000) ?? "")")
            let acknowledged = try Self.acknowledged(out)
            #expect(acknowledged.count == Self.documentCount)
            try await Self.verify(expected: acknowledged, hashes: hashes, aggregatorPort: port, workspace: workspace)
            #expect(aggregator.stop() == 0)
        }

        @Test func extractorKilledAndRestartedDuringThePush() async throws {
            let workspace = try Workspace()
            let (dir, hashes) = try Self.corpus(in: workspace, count: Self.documentCount)
            let aggregator = try ServiceProcess(
                "attache-aggregator", arguments: ["--database", workspace.path + "/kb.sqlite"], in: workspace, name: "aggregator")
            defer { aggregator.stop() }
            let extractorArguments = ["--aggregator", "127.0.0.1:\(aggregator.port)", "--outbox", workspace.path + "/outbox.sqlite"]
            var extractor = try ServiceProcess("attache-extractor", arguments: extractorArguments, in: workspace, name: "extractor")
            let port = extractor.port
            let (push, out) = try Self.startPush(dir, extractorPort: port, workspace: workspace)
            let progressed = try await Self.awaitProgress(out, atLeast: Self.documentCount / 4, push: push)
            #expect(progressed, "the crash must happen during the push")
            extractor.kill()
            try await Task.sleep(for: .milliseconds(300))
            extractor = try ServiceProcess("attache-extractor", arguments: extractorArguments, in: workspace, name: "extractor", port: port)
            push.waitUntilExit()
            #expect(push.terminationStatus == 0, "\((try? String(contentsOfFile: out, encoding: .utf8))?.suffix(2000) ?? "")")
            let acknowledged = try Self.acknowledged(out)
            #expect(acknowledged.count == Self.documentCount)
            try await Self.verify(expected: acknowledged, hashes: hashes, aggregatorPort: aggregator.port, workspace: workspace)
            #expect(extractor.stop() == 0)
        }

        @Test func aggregatorDownForTheWholePush() async throws {
            let workspace = try Workspace()
            let (dir, hashes) = try Self.corpus(in: workspace, count: Self.documentCount)
            let db = workspace.path + "/kb.sqlite"
            let probe = try ServiceProcess("attache-aggregator", arguments: ["--database", db], in: workspace, name: "aggregator")
            let port = probe.port
            #expect(probe.stop() == 0)
            let extractor = try ServiceProcess(
                "attache-extractor", arguments: ["--aggregator", "127.0.0.1:\(port)", "--outbox", workspace.path + "/outbox.sqlite"],
                in: workspace, name: "extractor")
            defer { extractor.stop() }
            let (push, out) = try Self.startPush(dir, extractorPort: extractor.port, workspace: workspace)
            push.waitUntilExit()
            #expect(push.terminationStatus == 0)
            let acknowledged = try Self.acknowledged(out)
            #expect(acknowledged.count == Self.documentCount)
            let aggregator = try ServiceProcess("attache-aggregator", arguments: ["--database", db], in: workspace, name: "aggregator", port: port)
            defer { aggregator.stop() }
            try await Self.verify(expected: acknowledged, hashes: hashes, aggregatorPort: port, workspace: workspace)
        }
    }
}
