import AttacheContracts
import AttacheWire
import Foundation
import Testing

/// CPU time (user + system) the process `pid` has used so far, from /proc.
func cpuSeconds(of pid: Int32) throws -> Double {
    let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
    // Fields after the command name (which is in parentheses and may hold spaces).
    guard let close = stat.lastIndex(of: ")") else { throw HarnessError("unreadable /proc/\(pid)/stat") }
    let fields = stat[stat.index(after: close)...].split(separator: " ")
    // fields[0] is the state (field 3); utime and stime are fields 14 and 15.
    guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else {
        throw HarnessError("unreadable /proc/\(pid)/stat")
    }
    return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
}

/// A service with nothing to do uses no CPU: after a push has been delivered and indexed, both
/// services sleep until the next request. The same with the metrics endpoints on (and scraped).
extension SystemTests {
    @Suite(.serialized, .timeLimit(.minutes(2))) struct RestTests {
        @Test(arguments: [false, true]) func bothServicesAreIdleAfterAPush(withMetrics: Bool) async throws {
            let workspace = try Workspace()
            let aggregatorMetrics = metricsArguments("aggregator", in: workspace)
            let extractorMetrics = metricsArguments("extractor", in: workspace)
            let aggregator = try ServiceProcess(
                "attache-aggregator",
                arguments: ["--database", workspace.path + "/kb.sqlite"] + (withMetrics ? aggregatorMetrics.arguments : []),
                in: workspace, name: "aggregator")
            defer { aggregator.stop() }
            let extractor = try ServiceProcess(
                "attache-extractor",
                arguments: ["--aggregator", "127.0.0.1:\(aggregator.port)"] + (withMetrics ? extractorMetrics.arguments : []),
                in: workspace, name: "extractor")
            defer { extractor.stop() }
            let replies = try await push(try seedDocuments(), port: extractor.port, workspace: workspace)
            #expect(replies.map(\.status) == [.new, .new], "the push was stored, so the forwarder has been through a delivery")
            if withMetrics {
                // Both endpoints have served a page before the services are measured at rest.
                let pages = [
                    try await scrape(try await metricsPort(extractorMetrics.portFile)),
                    try await scrape(try await metricsPort(aggregatorMetrics.portFile)),
                ]
                #expect(pages[0].value("attache_requests_total", ["type": "push", "outcome": "ok"]) == 2)
                #expect((pages[1].value("attache_requests_total", ["type": "digest", "outcome": "ok"]) ?? 0) >= 2)
            }

            // Let the services settle, then measure. (A wait that, once timed out, never slept again
            // was the failure mode seen here; the bell's own tests time waits out on purpose.)
            try await Task.sleep(for: .seconds(2))
            let pids = [extractor.process.processIdentifier, aggregator.process.processIdentifier]
            let before = try pids.map(cpuSeconds(of:))
            try await Task.sleep(for: .seconds(5))
            let after = try pids.map(cpuSeconds(of:))
            #expect(after[0] - before[0] < 0.1, "extractor used \(after[0] - before[0]) s of CPU in 5 s at rest")
            #expect(after[1] - before[1] < 0.1, "aggregator used \(after[1] - before[1]) s of CPU in 5 s at rest")
            // A sleeping service still stops promptly and cleanly on SIGTERM.
            #expect(extractor.stop(timeout: 10) == 0)
            #expect(aggregator.stop(timeout: 10) == 0)
        }
    }
}
