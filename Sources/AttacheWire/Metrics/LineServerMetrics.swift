import AttacheContracts
import Metrics

/// The metrics of one ``LineServer``, every one created once, at init, with fixed labels: a
/// request `type` the server does not know counts as `unknown` and an unreadable line as
/// `invalid`, so no peer can make new series.
///
/// Without a bootstrapped metrics system (no `--metrics-port`) these are no-ops.
final class LineServerMetrics: Sendable {
    /// Outcomes of a request: `ok` (answered), `error` (an error line was the answer).
    enum Outcome: String, CaseIterable, Sendable {
        case ok
        case error
    }

    /// `attache_connections_open`: authenticated connections open now.
    let connectionsOpen: Meter
    /// `attache_handshakes_pending`: connections in their TLS handshake now.
    let handshakesPending: Meter
    /// `attache_requests_total{type, outcome}`.
    private let requests: [String: [Outcome: Counter]]
    /// `attache_errors_total{code}`: error lines sent, by code.
    private let errors: [ErrorCode: Counter]

    static let unknownType = "unknown"
    static let invalidType = "invalid"

    /// - Parameters:
    ///   - requestTypes: the `type` label values besides `hello`, `ping`, `bye`, `unknown` and `invalid`.
    init(requestTypes: [String]) {
        self.connectionsOpen = Meter(label: "attache_connections_open")
        self.handshakesPending = Meter(label: "attache_handshakes_pending")
        var types = Set(requestTypes)
        types.formUnion([Hello.type, Ping.type, Bye.type, Self.unknownType, Self.invalidType])
        var requests: [String: [Outcome: Counter]] = [:]
        for type in types {
            var byOutcome: [Outcome: Counter] = [:]
            // An unknown or unreadable request is always answered with an error line.
            let outcomes: [Outcome] = type == Self.unknownType || type == Self.invalidType ? [.error] : Outcome.allCases
            for outcome in outcomes {
                byOutcome[outcome] = Counter(
                    label: "attache_requests_total", dimensions: [("type", type), ("outcome", outcome.rawValue)])
            }
            requests[type] = byOutcome
        }
        self.requests = requests
        var errors: [ErrorCode: Counter] = [:]
        for code in ErrorCode.allCases {
            errors[code] = Counter(label: "attache_errors_total", dimensions: [("code", code.rawValue)])
        }
        self.errors = errors
    }

    /// Counts one request of `type` (any string: unknown ones count as `unknown`).
    func request(_ type: String, _ outcome: Outcome) {
        (self.requests[type] ?? self.requests[Self.unknownType])?[outcome]?.increment()
    }

    /// Counts one error line sent.
    func error(_ code: ErrorCode) {
        self.errors[code]?.increment()
    }
}
