import Metrics
import NIOCore
import Synchronization

/// Limits on connections whose TLS handshake has not finished: peers that have not proved who
/// they are. They are counted apart from ``Limits/maxConnections`` (which counts authenticated
/// connections only), so unauthenticated peers can never take the slots of authenticated ones.
///
/// Not advertised in the hello (a peer that has not finished its handshake never sees one).
public struct HandshakeLimits: Sendable, Equatable {
    /// Connections in their TLS handshake at once, from every address together (default 64).
    /// When a new connection arrives with this many pending, the oldest pending one is closed:
    /// a fresh peer always gets its chance to handshake, and a handshake on a healthy link takes
    /// milliseconds, far less than the time an attacker needs to open this many connections anew.
    public var maxPending: Int
    /// Connections in their TLS handshake at once from one IP address, or one IPv6 /64 network
    /// (default 8; ``addressKey(_:)``). A new connection from an address at this cap
    /// closes that address's own oldest pending one, so one address can never hold more than this
    /// share of ``maxPending``.
    public var maxPendingPerAddress: Int

    public static let defaultMaxPending = 64
    public static let defaultMaxPendingPerAddress = 8

    public init(
        maxPending: Int = HandshakeLimits.defaultMaxPending,
        maxPendingPerAddress: Int = HandshakeLimits.defaultMaxPendingPerAddress
    ) {
        self.maxPending = max(1, maxPending)
        self.maxPendingPerAddress = max(1, maxPendingPerAddress)
    }
}

extension HandshakeLimits {
    /// The key under which a peer's pending handshakes are counted against
    /// ``maxPendingPerAddress``: its IPv4 address (`192.0.2.7`), or for IPv6 its
    /// /64 network (`2001:db8:1:2::/64`), since one host or site commonly holds a whole /64 and
    /// could otherwise open its handshakes from as many addresses as it likes. An IPv4-mapped IPv6
    /// address (`::ffff:192.0.2.7`, a dual-stack socket's view of an IPv4 peer) counts as that IPv4
    /// address. A peer without an IP address (a Unix socket) counts as `unknown`.
    public static func addressKey(_ address: SocketAddress?) -> String {
        // The address bytes, read at their place in `sockaddr_in` (offset 4) and `sockaddr_in6`
        // (offset 8), the same on Linux and the BSDs.
        func bytes(_ address: SocketAddress, at offset: Int, count: Int) -> [UInt8] {
            address.withSockAddr { pointer, size in
                guard size >= offset + count else { return [] }
                return Array(UnsafeRawBufferPointer(start: UnsafeRawPointer(pointer) + offset, count: count))
            }
        }
        switch address {
        case .some(let address) where address.protocol == .inet:
            return Self.dotted(bytes(address, at: 4, count: 4))
        case .some(let address) where address.protocol == .inet6:
            let bytes = bytes(address, at: 8, count: 16)
            guard bytes.count == 16 else { return "unknown" }
            if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xff && bytes[11] == 0xff {
                return Self.dotted(Array(bytes[12..<16]))
            }
            let groups = (0..<4).map { String(UInt16(bytes[2 * $0]) << 8 | UInt16(bytes[2 * $0 + 1]), radix: 16) }
            return groups.joined(separator: ":") + "::/64"
        default:
            return "unknown"
        }
    }

    private static func dotted(_ bytes: [UInt8]) -> String {
        bytes.count == 4 ? bytes.map(String.init).joined(separator: ".") : "unknown"
    }
}

/// A pending handshake was closed to make room for a newer one (see ``HandshakeLimits``).
public struct HandshakeEvictedError: Error, CustomStringConvertible {
    public var description: String { "closed before its TLS handshake finished to make room for a newer connection" }
}

/// The connections whose TLS handshake is under way, oldest first, shared by every child
/// channel of one server. Registering a connection beyond a cap evicts (closes) the oldest
/// pending one of the same address, or else of all.
final class HandshakeGate: Sendable {
    private struct Entry {
        var ticket: UInt64
        var address: String
        var channel: any Channel
        var promise: EventLoopPromise<PeerIdentity>
    }

    private struct State {
        var nextTicket: UInt64 = 0
        /// Oldest first; at most `maxPending` entries, so linear scans stay cheap.
        var entries: [Entry] = []
        var perAddress: [String: Int] = [:]

        mutating func remove(at index: Int) -> Entry {
            let entry = self.entries.remove(at: index)
            let left = (self.perAddress[entry.address] ?? 1) - 1
            self.perAddress[entry.address] = left > 0 ? left : nil
            return entry
        }
    }

    let limits: HandshakeLimits
    private let state = Mutex(State())
    /// Set to the number pending after every change (`attache_handshakes_pending`).
    private let gauge: Meter?

    init(limits: HandshakeLimits, pending gauge: Meter? = nil) {
        self.limits = limits
        self.gauge = gauge
    }

    /// Connections in their handshake now.
    var pending: Int { self.state.withLock { $0.entries.count } }

    /// Registers a connection that has just been accepted and closes the ones it displaces.
    /// - Returns: the ticket to ``release(_:)`` once the handshake is over (either way).
    func admit(_ channel: any Channel, address: String, promise: EventLoopPromise<PeerIdentity>) -> UInt64 {
        let limits = self.limits
        let (ticket, evicted) = self.state.withLock { state -> (UInt64, [Entry]) in
            var evicted: [Entry] = []
            if state.perAddress[address, default: 0] >= limits.maxPendingPerAddress,
                let index = state.entries.firstIndex(where: { $0.address == address })
            {
                evicted.append(state.remove(at: index))
            }
            while state.entries.count >= limits.maxPending, !state.entries.isEmpty {
                evicted.append(state.remove(at: 0))
            }
            state.nextTicket &+= 1
            state.entries.append(Entry(ticket: state.nextTicket, address: address, channel: channel, promise: promise))
            state.perAddress[address, default: 0] += 1
            self.gauge?.set(state.entries.count)
            return (state.nextTicket, evicted)
        }
        for entry in evicted {
            entry.promise.fail(HandshakeEvictedError())
            entry.channel.close(promise: nil)
        }
        return ticket
    }

    /// Forgets a connection whose handshake is over (finished, failed, timed out or closed).
    /// Releasing twice, or after an eviction, does nothing.
    func release(_ ticket: UInt64) {
        self.state.withLock { state in
            if let index = state.entries.firstIndex(where: { $0.ticket == ticket }) {
                _ = state.remove(at: index)
                self.gauge?.set(state.entries.count)
            }
        }
    }
}
