import AttacheContracts
import AttacheWire
import ArgumentParser
import Foundation
import NIOSSL

extension Attache {
    struct Push: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Push documents (.txt files, or directories of them) to the extractor.",
            discussion: "A first line `date YYYY-MM-DD` gives the publication date. Retries BUSY/UNAVAILABLE with back-off.")

        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Requests in flight at once.") var window: Int = 16
        @Flag(help: "Print one JSON line per document instead of a summary table.") var json = false
        @Argument(help: "Files or directories.", completion: .file()) var paths: [String]

        func run() async throws {
            let documents = try DocumentFiles.load(self.paths)
            let report = try await Pusher(
                endpoint: try self.connection.endpoint("extractor"), tls: try self.connection.tls(), window: self.window
            ).push(documents) { outcome in
                // One write per line, unbuffered: whoever reads the pipe or file sees each
                // acknowledgement as it arrives, not when a stdio buffer fills or the push ends.
                if self.json, let line = try? LineCodec().encodeLine(outcome.jsonLine) {
                    FileHandle.standardOutput.write(line)
                }
            }
            if !self.json { print(report.render()) }
            if report.refused > 0 { throw ExitCode(2) }
        }
    }
}

/// Reads `.txt` documents from files and directories.
enum DocumentFiles {
    static func load(_ paths: [String]) throws -> [DocumentInput] {
        var files: [String] = []
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ValidationError("no such file or directory: \(path)")
            }
            if isDirectory.boolValue {
                let names = try fm.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".txt") }.sorted()
                files += names.map { (path as NSString).appendingPathComponent($0) }
            } else {
                files.append(path)
            }
        }
        return try files.map { try self.document(at: $0) }
    }

    static func document(at path: String) throws -> DocumentInput {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        guard let text = String(data: data, encoding: .utf8) else {
            throw ValidationError("\(path) is not UTF-8 text")
        }
        return DocumentInput(id: (path as NSString).lastPathComponent, text: text, published: self.headerDate(text))
    }

    /// The date of a first line `date YYYY-MM-DD`, if there is one.
    static func headerDate(_ text: String) -> String? {
        let first = text.prefix(while: { $0 != "\n" }).trimmingCharacters(in: .whitespaces)
        guard first.lowercased().hasPrefix("date ") else { return nil }
        let value = first.dropFirst(5).trimmingCharacters(in: .whitespaces)
        let b = Array(value.utf8)
        guard b.count == 10, b[4] == 45, b[7] == 45 else { return nil }
        return value
    }
}

/// Pushes documents with a bounded window of requests in flight, retrying BUSY and
/// UNAVAILABLE with exponential back-off, and reconnecting when the connection drops.
struct Pusher {
    struct Outcome: Sendable {
        var doc: String
        var reply: PushReply?
        var error: ErrorReply?
        var jsonLine: PushOutcomeLine { PushOutcomeLine(doc: self.doc, status: self.reply?.status.rawValue ?? "refused",
                                                       counts: self.reply?.counts, code: self.error?.code.rawValue,
                                                       message: self.error?.message) }
    }

    struct PushOutcomeLine: Encodable {
        var doc: String
        var status: String
        var counts: DigestCounts?
        var code: String?
        var message: String?
    }

    struct Report {
        var new = 0, duplicate = 0, replaced = 0, queued = 0, refused = 0
        var reasons: [String: Int] = [:]
        var accepted: Int { self.new + self.duplicate + self.replaced + self.queued }
        var counts = DigestCounts(sentences: 0, persons: 0, organizations: 0, countries: 0, dates: 0, quantities: 0, events: 0)

        func render() -> String {
            var lines = ["accepted \(self.accepted) (new \(self.new), duplicate \(self.duplicate), replaced \(self.replaced), queued for the aggregator \(self.queued)), refused \(self.refused)"]
            lines.append("summed over the digests: \(self.counts.persons) persons, \(self.counts.organizations) organizations, \(self.counts.countries) states, \(self.counts.events) events from \(self.counts.sentences) sentences")
            for (reason, n) in self.reasons.sorted(by: { $0.key < $1.key }) { lines.append("refused \(n): \(reason)") }
            return lines.joined(separator: "\n")
        }
    }

    let endpoint: LineClientConfiguration
    let tls: NIOSSLContext
    let window: Int
    var attempts = 6

    func push(_ documents: [DocumentInput], each: @escaping @Sendable (Outcome) -> Void = { _ in }) async throws -> Report {
        var report = Report()
        var remaining = documents[...]
        var connectFailures = 0
        while !remaining.isEmpty {
            do {
                let batch = remaining
                let outcomes = try await LineClient.withConnection(self.endpoint, tls: self.tls) { connection in
                    try await self.pushAll(batch, on: connection, each: each)
                }
                connectFailures = 0
                for outcome in outcomes { self.tally(outcome, into: &report) }
                remaining = remaining.dropFirst(outcomes.count)
            } catch let partial as PartialPush {
                for outcome in partial.done { self.tally(outcome, into: &report) }
                let done = Set(partial.done.map(\.doc))
                remaining = remaining.filter { !done.contains($0.id) }[...]
                connectFailures += 1
                if connectFailures >= self.attempts { throw partial.cause }
                try await Task.sleep(for: .milliseconds(100 << min(connectFailures, 6)))
            } catch {
                connectFailures += 1
                if connectFailures >= self.attempts {
                    throw ValidationError("cannot reach the extractor at \(self.endpoint.host):\(self.endpoint.port): \(error)")
                }
                try await Task.sleep(for: .milliseconds(100 << min(connectFailures, 6)))
            }
        }
        return report
    }

    private func tally(_ outcome: Outcome, into report: inout Report) {
        if let reply = outcome.reply {
            switch reply.status {
            case .new: report.new += 1
            case .duplicate: report.duplicate += 1
            case .replaced: report.replaced += 1
            case .queued: report.queued += 1
            }
            report.counts.sentences += reply.counts.sentences
            report.counts.persons += reply.counts.persons
            report.counts.organizations += reply.counts.organizations
            report.counts.countries += reply.counts.countries
            report.counts.events += reply.counts.events
        } else {
            report.refused += 1
            let reason = outcome.error.map { "\($0.code.rawValue) \($0.message)" } ?? "unknown"
            report.reasons[reason, default: 0] += 1
        }
    }

    /// The connection dropped after some documents were answered.
    struct PartialPush: Error {
        var done: [Outcome]
        var cause: any Error
    }

    /// Pushes `documents` on one connection; `each` sees every outcome as soon as it arrives.
    private func pushAll(
        _ documents: ArraySlice<DocumentInput>, on connection: LineConnection, each: @escaping @Sendable (Outcome) -> Void
    ) async throws -> [Outcome] {
        try await withThrowingTaskGroup(of: Outcome?.self, returning: [Outcome].self) { group in
            var outcomes: [Outcome] = []
            var failure: (any Error)?
            var iterator = documents.makeIterator()
            var inFlight = 0
            func collect(_ result: Outcome?) {
                guard let result else { return }
                outcomes.append(result)
                each(result)
            }
            while true {
                while inFlight < max(1, self.window), let doc = iterator.next() {
                    inFlight += 1
                    group.addTask { try await self.pushOne(doc, on: connection) }
                }
                if inFlight == 0 { break }
                do {
                    collect(try await group.next() ?? nil)
                } catch {
                    failure = failure ?? error
                    // Stop sending; collect what is still in flight.
                    while iterator.next() != nil {}
                }
                inFlight -= 1
            }
            if let failure { throw PartialPush(done: outcomes, cause: failure) }
            return outcomes
        }
    }

    private func pushOne(_ doc: DocumentInput, on connection: LineConnection) async throws -> Outcome {
        var delay: Duration = .milliseconds(100)
        for attempt in 1...self.attempts {
            let id = connection.makeID()
            let line = try await connection.request(PushRequest(id: id, doc: doc), id: id)
            do {
                return Outcome(doc: doc.id, reply: try connection.decodeReply(PushReply.self, from: line))
            } catch let error as ErrorReply where (error.code == .busy || error.code == .unavailable) && attempt < self.attempts {
                try await Task.sleep(for: delay)
                delay *= 2
            } catch let error as ErrorReply {
                return Outcome(doc: doc.id, error: error)
            }
        }
        return Outcome(doc: doc.id, error: ErrorReply(id: nil, code: .unavailable, message: "gave up"))
    }
}
