import AttacheContracts
import AttacheInput
import AttacheWire
import ArgumentParser
import Foundation
import NIOSSL
import Synchronization

extension Attache {
    struct Push: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Push documents (.txt, .json, .jsonl, .html files, directories of them, or - for JSON lines on stdin) to the extractor.",
            discussion: """
                .txt: a first line `date YYYY-MM-DD` gives the publication date. .json/.jsonl: news-please records \
                (maintext/text/content/body, date_publish/published/date/pub_date, title, url, source_domain/source, id). \
                .html: the article's text, title and date. A record without text is refused with its reason. \
                Retries BUSY/UNAVAILABLE with back-off. On a terminal, shows progress.
                """)

        @OptionGroup var connection: ConnectionOptions
        @Option(help: "Requests in flight at once.") var window: Int = 16
        @Flag(help: "Print one JSON line per document instead of a summary table.") var json = false
        @Flag(
            help: "After the push, wait until the aggregator's knowledge base shows what it acknowledged (asks the aggregator, --aggregator). Exits 3 if documents are still queued in the extractor or the wait times out.")
        var waitVisible = false
        @Option(help: "Seconds --wait-visible waits at most.") var waitTimeout: Int = 600
        @Argument(help: "Files, directories, or - for JSON lines on standard input.", completion: .file()) var paths: [String]

        func run() async throws {
            let records = try DocumentFiles.load(self.paths)
            let documents = records.compactMap(\.document)
            let refusals = records.compactMap(\.refusal)
            // Progress only for a person at a terminal: never in --json output, nor in a pipe or a file.
            let progress = !self.json && isatty(STDOUT_FILENO) == 1 ? PushProgress(total: records.count, refused: refusals.count) : nil
            if self.json {
                for refusal in refusals {
                    if let line = try? LineCodec().encodeLine(Pusher.Outcome(refusal).jsonLine) { FileHandle.standardOutput.write(line) }
                }
            }
            // The progress line is erased whatever happens, before the summary or an error is printed.
            defer { progress?.finish() }
            var report = try await Pusher(
                endpoint: try self.connection.endpoint("extractor"), tls: try self.connection.tls(), window: self.window
            ).push(documents) { outcome in
                // One write per line, unbuffered: whoever reads the pipe or file sees each
                // acknowledgement as it arrives, not when a stdio buffer fills or the push ends.
                if self.json, let line = try? LineCodec().encodeLine(outcome.jsonLine) {
                    FileHandle.standardOutput.write(line)
                }
                progress?.done(outcome)
            }
            progress?.finish()
            for refusal in refusals { report.refuse(refusal) }
            if !self.json { print(report.render()) }
            if report.refused > 0 { throw ExitCode(2) }
            if self.waitVisible {
                let visible = try await VisibilityWait(
                    endpoint: try self.connection.endpoint("aggregator"), tls: try self.connection.tls(),
                    timeout: .seconds(max(1, self.waitTimeout))
                ).run()
                let line: String
                if let seq = visible {
                    line = report.queued > 0
                        ? "visible through seq \(seq); \(report.queued) documents are still queued in the extractor (not delivered to the aggregator yet)"
                        : "visible: the knowledge base has derived through seq \(seq), every document of this push"
                } else {
                    line = "not visible after \(self.waitTimeout) s: the aggregator is still deriving (see `attache query stats`)"
                }
                FileHandle.standardError.write(Data((line + "\n").utf8))
                if visible == nil || report.queued > 0 { throw ExitCode(3) }
            }
        }
    }
}

/// The line a push shows on a terminal while it goes: documents done of all, the rate, the time left, the
/// refusals. Redrawn at most ten times a second, erased at the end.
final class PushProgress: Sendable {
    struct State {
        var done: Int
        var refused: Int
        var answered = 0
        var lastDraw: ContinuousClock.Instant?
        var finished = false
    }

    let total: Int
    let start = ContinuousClock.now
    let state: Mutex<State>

    init(total: Int, refused: Int) {
        self.total = total
        self.state = Mutex(State(done: refused, refused: refused))
        self.draw(force: true)
    }

    func done(_ outcome: Pusher.Outcome) {
        self.state.withLock {
            $0.done += 1
            $0.answered += 1
            if outcome.reply == nil { $0.refused += 1 }
        }
        self.draw(force: false)
    }

    func draw(force: Bool) {
        let line: String? = self.state.withLock { s in
            let now = ContinuousClock.now
            if !force, let last = s.lastDraw, now - last < .milliseconds(100), s.done < self.total { return nil }
            s.lastDraw = now
            return Self.line(done: s.done, total: self.total, answered: s.answered, refused: s.refused, elapsed: now - self.start)
        }
        if let line { FileHandle.standardOutput.write(Data(("\r\u{1B}[K" + line).utf8)) }
    }

    /// Draws the final count, then erases the line (once).
    func finish() {
        let first = self.state.withLock { s in
            defer { s.finished = true }
            return !s.finished
        }
        guard first else { return }
        self.draw(force: true)
        FileHandle.standardOutput.write(Data("\r\u{1B}[K".utf8))
    }

    /// `412/1000 documents  86.0/s  about 7 s left  3 refused`
    static func line(done: Int, total: Int, answered: Int, refused: Int, elapsed: Duration) -> String {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        var parts = ["\(done)/\(total) documents"]
        if answered > 0, seconds > 0 {
            let rate = Double(answered) / seconds
            parts.append(String(format: "%.1f/s", rate))
            let left = Int((Double(total - done) / rate).rounded(.up))
            parts.append(done >= total ? "done" : left >= 120 ? "about \(left / 60) min left" : "about \(left) s left")
        }
        parts.append("\(refused) refused")
        return parts.joined(separator: "  ")
    }
}

/// Reads documents from files and directories: `.txt` as it is, `.json` and `.jsonl` (`.ndjson`) records,
/// `.html` pages, and `-`, JSON lines on standard input. A record that cannot be a document is a refusal.
enum DocumentFiles {
    static let extensions: Set<String> = ["txt", "json", "jsonl", "ndjson", "html", "htm"]

    static func load(_ paths: [String]) throws -> [RecordResult] {
        var files: [String] = []
        let fm = FileManager.default
        for path in paths {
            if path == "-" {
                files.append(path)
                continue
            }
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ValidationError("no such file or directory: \(path)")
            }
            if isDirectory.boolValue {
                let names = try fm.contentsOfDirectory(atPath: path).filter {
                    Self.extensions.contains(($0 as NSString).pathExtension.lowercased())
                }.sorted()
                files += names.map { (path as NSString).appendingPathComponent($0) }
            } else {
                files.append(path)
            }
        }
        guard files.filter({ $0 == "-" }).count <= 1 else { throw ValidationError("- (standard input) may be given once") }
        var records: [RecordResult] = []
        for file in files { records += try self.records(at: file) }
        return records
    }

    static func records(at path: String) throws -> [RecordResult] {
        if path == "-" { return try self.jsonLines(FileHandle.standardInput, name: "stdin") }
        let name = (path as NSString).lastPathComponent
        switch (path as NSString).pathExtension.lowercased() {
        case "jsonl", "ndjson":
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            return try self.jsonLines(handle, name: name)
        case "json":
            guard let bytes = try self.read(path, limit: DocumentRecords.maxJSONFileBytes, name: name) else {
                return [.refused(RecordRefusal(record: name, reason: "file is more than \(DocumentRecords.maxJSONFileBytes) bytes"))]
            }
            return DocumentRecords.jsonFile(bytes, name: name)
        case "html", "htm":
            guard let bytes = try self.read(path, limit: DocumentRecords.maxHTMLBytes, name: name) else {
                return [.refused(RecordRefusal(record: name, reason: "page is more than \(DocumentRecords.maxHTMLBytes) bytes"))]
            }
            return [DocumentRecords.htmlPage(bytes, name: name)]
        default:
            return [.document(try self.document(at: path))]
        }
    }

    /// The file's bytes, or nil when it has more than `limit` (read no further than that).
    static func read(_ path: String, limit: Int, name: String) throws -> [UInt8]? {
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        let data = try handle.read(upToCount: limit + 1) ?? Data()
        return data.count > limit ? nil : Array(data)
    }

    /// JSON lines read in chunks: a line is held up to the record limit, never more.
    static func jsonLines(_ handle: FileHandle, name: String) throws -> [RecordResult] {
        var splitter = LineSplitter()
        var records: [RecordResult] = []
        while let chunk = try handle.read(upToCount: 1 << 16), !chunk.isEmpty {
            for (number, line) in splitter.feed(chunk) {
                if let record = DocumentRecords.jsonLine(line, number: number, name: name) { records.append(record) }
            }
        }
        if let (number, line) = splitter.finish(), let record = DocumentRecords.jsonLine(line, number: number, name: name) {
            records.append(record)
        }
        return records
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
        /// A record refused before it was sent (no text, not JSON, too large).
        var localRefusal: String?
        var jsonLine: PushOutcomeLine { PushOutcomeLine(doc: self.doc, status: self.reply?.status.rawValue ?? "refused",
                                                       counts: self.reply?.counts,
                                                       code: self.localRefusal != nil ? Pusher.badRecord : self.error?.code.rawValue,
                                                       message: self.localRefusal ?? self.error?.message) }
    }

    /// The code of a record refused by the client itself, before any request.
    static let badRecord = "BAD_RECORD"

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

        /// A record the client refused before pushing it.
        mutating func refuse(_ refusal: RecordRefusal) {
            self.refused += 1
            self.reasons["\(Pusher.badRecord) \(refusal.reason)", default: 0] += 1
        }

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

extension Pusher.Outcome {
    init(_ refusal: RecordRefusal) { self.init(doc: refusal.record, localRefusal: refusal.reason) }
}

/// `attache push --wait-visible`: the extractor's push replies carry no log position of the aggregator, so once
/// the push is answered the CLI asks the aggregator itself. Every digest the aggregator acknowledged to the
/// extractor during the push was appended before that acknowledgement, so its seq is at most the `appended`
/// that a `stats` asked afterwards reports; a `stats` with `after` set to it returns once the knowledge base
/// has derived that far. Each such query waits at most the aggregator's `maxAfterWaitMilliseconds` and
/// answers `BUSY` past it; this repeats it until `timeout`. (Documents the extractor could only queue are
/// not covered: their seq does not exist yet.)
struct VisibilityWait {
    var endpoint: LineClientConfiguration
    var tls: NIOSSLContext
    var timeout: Duration

    /// - Returns: the seq the knowledge base has derived through, nil if the wait timed out.
    func run() async throws -> Int64? {
        let deadline = ContinuousClock.now + self.timeout
        return try await LineClient.withConnection(self.endpoint, tls: self.tls) { connection in
            let id = connection.makeID()
            let stats = try await connection.call(QueryRequest(id: id, query: .stats), id: id, as: QueryReply.self)
            // An aggregator without a log answers without `appended`: what it acknowledged is visible already.
            guard let target = stats.result.stats?.appended else { return stats.asOf ?? 0 }
            while ContinuousClock.now < deadline {
                let id = connection.makeID()
                do {
                    let reply = try await connection.call(
                        QueryRequest(id: id, query: .stats, after: target), id: id, as: QueryReply.self)
                    return reply.asOf ?? target
                } catch let error as ErrorReply where error.code == .busy {
                    // The aggregator waited its longest (maxAfterWaitMilliseconds, which may be 0); ask again.
                    try await Task.sleep(for: .milliseconds(100))
                }
            }
            return nil
        }
    }
}
