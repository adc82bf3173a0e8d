import AttacheContracts
import AttacheExtraction
import AttacheWire
import Foundation
import NIOSSL

/// `attache-system-bench codec` and `attache-system-bench e2e`: see `usage`.
@main
struct SystemBench {
    static let usage = """
        attache-system-bench codec [--seconds S]
            NDJSON codec alone, one core: encode/decode rates of push lines and digest lines.
        attache-system-bench e2e [--docs N] [--connections C] [--window W] [--seconds S]
            End to end with the real services (release binaries beside this one): documents/s from
            push through TLS, the extractor's durable outbox and the aggregator's committed store; then
            the latency of one document (p50, p99) at half that load; peak RSS of each service.
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
                latencySeconds: option("--seconds", 10)
            ).run()
        default: print(Self.usage)
        }
    }

    /// Repeats `body` for about `seconds`; returns (iterations, elapsed seconds).
    static func measure(seconds: Double, _ body: () throws -> Void) rethrows -> (Int, Double) {
        let clock = ContinuousClock()
        let start = clock.now
        var n = 0
        while true {
            for _ in 0..<50 { try body() }
            n += 50
            let elapsed = clock.now - start
            if elapsed > .seconds(seconds) {
                return (n, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            }
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
        print("message        bytes   operation   msgs/s      MB/s")
        func row(_ name: String, _ bytes: Int, _ op: String, _ result: (Int, Double)) {
            let rate = Double(result.0) / result.1
            print(String(format: "%-13@ %6d   %-9@ %8.0f   %7.1f", name as NSString, bytes, op as NSString, rate, rate * Double(bytes) / 1e6))
        }
        let s = Double(seconds)
        row("push", pushLine.count, "encode", try Self.measure(seconds: s) { _ = try codec.encode(push) })
        row("push", pushLine.count, "header", try Self.measure(seconds: s) { _ = try codec.header(of: pushLine) })
        row("push", pushLine.count, "decode", try Self.measure(seconds: s) { _ = try codec.decode(PushRequest.self, from: pushLine, id: nil) })
        row("digest", digestLine.count, "encode", try Self.measure(seconds: s) { _ = try codec.encode(digestMessage) })
        row("digest", digestLine.count, "header", try Self.measure(seconds: s) { _ = try codec.header(of: digestLine) })
        row("digest", digestLine.count, "decode", try Self.measure(seconds: s) { _ = try codec.decode(DigestMessage.self, from: digestLine, id: nil) })
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
