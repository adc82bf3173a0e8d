import AttacheContracts
import AttacheExtraction
import AttacheWire
import Foundation
import NIOSSL

#if canImport(Glibc)
import Glibc
#endif

/// `attache-system-bench codec` and `attache-system-bench e2e`: see `usage`.
@main
struct SystemBench {
    static let usage = """
        attache-system-bench codec [--seconds S]
            NDJSON codec alone, one thread, per CPU second: encode/decode rates of push lines
            and digest lines; digests through LineCodec (DigestJSON) and through Foundation alone.
        attache-system-bench e2e [--docs N] [--connections C] [--window W] [--seconds S] [--delivery-wait-ms MS] [--rate R]
            [--aggregator-nice N] [--keep-store PATH]
            End to end with the real services (release binaries beside this one): documents/s from
            push through TLS, the extractor's durable outbox and the aggregator's committed store; then
            the latency of one document (p50, p99) at half that load; peak RSS of each service.
            --delivery-wait-ms 0: the extractor acknowledges once the digest is durable in its outbox,
            without waiting for the aggregator's status (default: it waits while its backlog is small).
            --rate R: measure the latency at R documents/s instead of half the measured throughput.
            During that paced run (and after it, until its documents are derived) the aggregator's `stats` are
            sampled every 50 ms: its freshness lag (`lagSeconds`), and each document's lag from its
            acknowledgement to the first sample whose count of derived documents includes it (p50, p99, max).
            --aggregator-nice N: run the aggregator under `nice -n N`, as deploy/ does when both services
            share a machine (the aggregator catches up from the extractor's durable outbox).
            --keep-store PATH: copy the aggregator's store (and its search index) to PATH once it has
            stopped, to look into it (`scripts/store-bytes.py PATH`).
        """

    static func main() async throws {
        var args = Array(CommandLine.arguments.dropFirst())
        guard let mode = args.first else {
            print(Self.usage)
            return
        }
        args.removeFirst()
        func option(_ name: String, _ fallback: Int) -> Int {
            guard let i = args.firstIndex(of: name), i + 1 < args.count, let v = Int(args[i + 1]) else { return fallback }
            return v
        }
        switch mode {
        case "codec": try Self.codec(seconds: option("--seconds", 3))
        case "e2e":
            try await EndToEndBench(
                documents: option("--docs", 4000), connections: option("--connections", 4), window: option("--window", 32),
                latencySeconds: option("--seconds", 10), deliveryWaitMilliseconds: option("--delivery-wait-ms", -1),
                rate: option("--rate", 0), aggregatorNice: option("--aggregator-nice", 0),
                keepStore: args.firstIndex(of: "--keep-store").flatMap { $0 + 1 < args.count ? args[$0 + 1] : nil }
            ).run()
        default: print(Self.usage)
        }
    }

    /// CPU seconds used by this process (the codec benchmark runs on one thread; other sessions
    /// share the cores, and wall time would count their work).
    static func cpuSeconds() -> Double {
        Double(clock()) / Double(CLOCKS_PER_SEC)
    }

    /// Repeats `body` for about `seconds` of CPU time; returns (iterations, CPU seconds).
    static func measure(seconds: Double, _ body: () throws -> Void) rethrows -> (Int, Double) {
        for _ in 0..<20 { try body() }  // warm up
        let start = Self.cpuSeconds()
        var n = 0
        while true {
            for _ in 0..<50 { try body() }
            n += 50
            let elapsed = Self.cpuSeconds() - start
            if elapsed > seconds { return (n, elapsed) }
        }
    }

    static func codec(seconds: Int) throws {
        var news = SyntheticNews(seed: 42)
        let doc = news.document(1)
        let codec = LineCodec()
        let push = PushRequest(id: 1, doc: doc)
        let pushLine = try codec.encode(push)
        let digest = Extractor().digest(doc)
        let digestMessage = DigestMessage(id: 1, digest: digest)
        let digestLine = try codec.encode(digestMessage)
        let foundationLine = try codec.foundationEncode(digestMessage)
        // Both decoders must read both encoders' lines to the same value.
        for line in [digestLine, foundationLine] {
            guard try codec.decode(DigestMessage.self, from: line, id: nil) == digestMessage,
                try codec.foundationDecode(DigestMessage.self, from: line, id: nil) == digestMessage
            else { throw ErrorReply(id: nil, code: .internal, message: "codec round trip changed the digest") }
        }
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
        print("load average \(load); rates per CPU second (one thread)")
        print("message        bytes   operation             msgs/s      MB/s")
        func row(_ name: String, _ bytes: Int, _ op: String, _ result: (Int, Double)) {
            let rate = Double(result.0) / result.1
            let pad = { (text: String, width: Int) in text.padding(toLength: max(width, text.count), withPad: " ", startingAt: 0) }
            print(pad(name, 13) + String(format: " %6d   ", bytes) + pad(op, 19) + String(format: " %8.0f   %7.1f", rate, rate * Double(bytes) / 1e6))
        }
        let s = Double(seconds)
        row("push", pushLine.count, "encode", try Self.measure(seconds: s) { _ = try codec.encode(push) })
        row("push", pushLine.count, "header", try Self.measure(seconds: s) { _ = try codec.header(of: pushLine) })
        row("push", pushLine.count, "decode", try Self.measure(seconds: s) { _ = try codec.decode(PushRequest.self, from: pushLine, id: nil) })
        row("digest", digestLine.count, "encode", try Self.measure(seconds: s) { _ = try codec.encode(digestMessage) })
        row("digest", digestLine.count, "encode (Foundation)", try Self.measure(seconds: s) { _ = try codec.foundationEncode(digestMessage) })
        row("digest", digestLine.count, "header", try Self.measure(seconds: s) { _ = try codec.header(of: digestLine) })
        row("digest", digestLine.count, "decode", try Self.measure(seconds: s) { _ = try codec.decode(DigestMessage.self, from: digestLine, id: nil) })
        row("digest", digestLine.count, "decode (Foundation)", try Self.measure(seconds: s) {
            _ = try codec.foundationDecode(DigestMessage.self, from: digestLine, id: nil)
        })
    }
}

/// Peak and current resident memory of a process, from /proc (Linux).
func memory(of pid: Int32) -> (peakMB: Double, currentMB: Double) {
    guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return (0, 0) }
    func kb(_ key: String) -> Double {
        for line in status.split(separator: "\n") where line.hasPrefix(key) {
            return Double(line.split(separator: " ").compactMap { Int($0) }.first ?? 0)
        }
        return 0
    }
    return (kb("VmHWM:") / 1024, kb("VmRSS:") / 1024)
}
