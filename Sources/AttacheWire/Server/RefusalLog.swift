import Logging
import Metrics
import NIOCore
import Synchronization

/// Logs refused connections at a bounded rate. A peer can make refusals as fast as it can open
/// sockets, so one log line per refusal would let it fill the disk (34,000 lines in 40 s were
/// seen): the first refusal after a quiet interval is logged at once, with its details; the
/// ones that follow within the interval are only counted, and one summary line per interval
/// reports the counts by reason. A server at rest schedules nothing.
final class RefusalLog: Sendable {
    /// Why a connection was refused (the metadata key of its count is `conn.refused.<reason>`).
    enum Reason: String, CaseIterable, Sendable {
        /// The TLS handshake finished but every authenticated slot was taken (`max-connections`).
        case connectionLimit = "connection-limit"
        /// Closed before its handshake finished to make room for a newer one (``HandshakeLimits``).
        case handshakeEvicted = "handshake-evicted"
        /// The handshake did not finish within `handshake-timeout`.
        case handshakeTimeout = "handshake-timeout"
        /// The handshake failed (no certificate, another CA, expired, wrong protocol, closed early).
        case handshakeFailed = "handshake-failed"

        /// Refusals that mean the server is under pressure (rather than a misconfigured peer).
        var isPressure: Bool { self == .connectionLimit || self == .handshakeEvicted }
    }

    private struct State {
        var counts: [Reason: Int] = [:]
        var windowOpen = false
    }

    private let logger: Logger
    private let interval: TimeAmount
    private let eventLoop: any EventLoop
    private let state = Mutex(State())
    /// `attache_connections_refused_total{reason}`, one per reason.
    private let counters: [Reason: Counter]

    /// - Parameters:
    ///   - interval: at most one summary line per interval (plus the first refusal of a burst).
    ///   - eventLoop: where the summary is scheduled (it does no I/O beyond the log line).
    init(logger: Logger, interval: TimeAmount, eventLoop: any EventLoop) {
        self.logger = logger
        self.interval = interval
        self.eventLoop = eventLoop
        var counters: [Reason: Counter] = [:]
        for reason in Reason.allCases {
            counters[reason] = Counter(label: "attache_connections_refused_total", dimensions: [("reason", reason.rawValue)])
        }
        self.counters = counters
    }

    /// Records one refused connection.
    func record(_ reason: Reason, metadata: @autoclosure () -> Logger.Metadata = [:]) {
        self.counters[reason]?.increment()
        let first = self.state.withLock { state -> Bool in
            if state.windowOpen {
                state.counts[reason, default: 0] += 1
                return false
            }
            state.windowOpen = true
            return true
        }
        guard first else { return }
        var details = metadata()
        details["conn.refused.reason"] = "\(reason.rawValue)"
        details["log.interval.seconds"] = "\(self.seconds)"
        self.logger.log(
            level: reason.isPressure ? .warning : .info,
            "connection refused (further refusals are summarized once per interval)", metadata: details)
        self.scheduleSummary()
    }

    private var seconds: Int64 { max(1, self.interval.nanoseconds / 1_000_000_000) }

    private func scheduleSummary() {
        self.eventLoop.scheduleTask(in: self.interval) { self.summarize() }
    }

    /// Logs the counts of the interval that just ended; closes the window after a quiet interval.
    private func summarize() {
        let counts = self.state.withLock { state -> [Reason: Int] in
            defer { state.counts = [:] }
            if state.counts.isEmpty { state.windowOpen = false }
            return state.counts
        }
        guard !counts.isEmpty else { return }
        var metadata: Logger.Metadata = ["log.interval.seconds": "\(self.seconds)"]
        var total = 0
        for (reason, count) in counts {
            metadata["conn.refused.\(reason.rawValue)"] = "\(count)"
            total += count
        }
        metadata["conn.refused.total"] = "\(total)"
        self.logger.log(
            level: counts.keys.contains(where: \.isPressure) ? .warning : .info, "connections refused in the last interval",
            metadata: metadata)
        self.scheduleSummary()
    }
}
