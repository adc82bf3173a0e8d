import AttacheContracts
import Synchronization

/// Fans newly stored events out to subscriptions.
///
/// Bounded on every side:
/// - **How many.** At most ``Configuration/maxPerOwner`` subscriptions per connection and
///   ``Configuration/maxTotal`` in all; both are checked and taken in one step (``subscribe(_:owner:)``), so
///   concurrent requests cannot pass a cap together.
/// - **How much waits.** Publishing never waits for a subscriber. The events waiting for one subscription's
///   client (queued, or being written) take at most ``Configuration/bufferBytes`` (counted as their reply
///   lines' size bound, ``ReplySized``), and those of all subscriptions at most ``Configuration/totalBufferBytes``.
///   An event that does not fit is dropped and counted: the subscriber sees the count in the `dropped` of its
///   next event, a gap in `seq`, and in `unsubscribed`.
/// - **How long.** A subscription ends on `unsubscribe`, when its ``Subscription`` is released (the
///   connection's push job ended for whatever reason, or the subscribe request failed before the job
///   started), or when its stream terminates. Its buffered bytes are released with it.
public final class SubscriptionHub: Sendable {
    public struct Configuration: Sendable, Equatable {
        /// Subscriptions one connection may hold (default 64).
        public var maxPerOwner: Int
        /// Subscriptions the hub holds at once (default 1,024).
        public var maxTotal: Int
        /// Bytes of events waiting for one subscription's client (default 1 MiB). An event larger than this
        /// is still taken when nothing else waits.
        public var bufferBytes: Int
        /// Bytes of events waiting for all clients together (default 64 MiB).
        public var totalBufferBytes: Int

        public init(
            maxPerOwner: Int = 64, maxTotal: Int = 1024, bufferBytes: Int = 1 << 20, totalBufferBytes: Int = 64 << 20
        ) {
            self.maxPerOwner = maxPerOwner
            self.maxTotal = maxTotal
            self.bufferBytes = bufferBytes
            self.totalBufferBytes = totalBufferBytes
        }
    }

    /// Why a subscription was refused.
    public enum Refusal: Error, Equatable {
        /// The connection holds `maxPerOwner` subscriptions.
        case connectionFull(Int)
        /// The hub holds `maxTotal` subscriptions.
        case serverFull(Int)
    }

    /// One subscription: the events pushed to it, in order. It lasts while this object does (or until
    /// `unsubscribe`): keep it for as long as the events are read, and release it when done.
    public final class Subscription: Sendable {
        public let id: String
        public let events: AsyncStream<EventPush>
        private let hub: SubscriptionHub

        fileprivate init(id: String, events: AsyncStream<EventPush>, hub: SubscriptionHub) {
            self.id = id
            self.events = events
            self.hub = hub
        }

        /// `push` as it is to be sent now, its `dropped` brought up to date (the client learns of drops with the
        /// next event it gets); nil once the subscription has ended (an `unsubscribe`: what is still queued is
        /// not sent).
        public func outgoing(_ push: EventPush) -> EventPush? {
            guard let dropped = self.hub.dropped(self.id) else { return nil }
            var push = push
            push.dropped = dropped
            return push
        }

        /// Frees the room `push` took in the buffers, once it has been written (or given up).
        public func delivered(_ push: EventPush) { self.hub.release(self.id, bytes: push.replySizeBound) }

        deinit { self.hub.end(self.id) }
    }

    private struct Entry {
        var owner: Int
        var filter: SubscriptionFilter
        var continuation: AsyncStream<EventPush>.Continuation
        var seq = 0
        var dropped = 0
        /// Bytes of pushes yielded and not yet delivered.
        var bytes = 0
    }

    private struct State {
        var next = 0
        var entries: [String: Entry] = [:]
        var perOwner: [Int: Int] = [:]
        var bytes = 0
    }

    private let state = Mutex(State())
    public let configuration: Configuration

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Starts a subscription for the connection `owner` (only it may unsubscribe), unless a cap is reached.
    public func subscribe(_ filter: SubscriptionFilter, owner: Int) throws(Refusal) -> Subscription {
        let (stream, continuation) = AsyncStream.makeStream(of: EventPush.self, bufferingPolicy: .unbounded)
        let config = self.configuration
        let id = try self.state.withLock { state throws(Refusal) -> String in
            guard state.perOwner[owner, default: 0] < config.maxPerOwner else { throw .connectionFull(config.maxPerOwner) }
            guard state.entries.count < config.maxTotal else { throw .serverFull(config.maxTotal) }
            state.next += 1
            let id = "s\(state.next)"
            state.entries[id] = Entry(owner: owner, filter: filter, continuation: continuation)
            state.perOwner[owner, default: 0] += 1
            return id
        }
        // The stream ends when its reader's task is cancelled or it is dropped: so does the subscription.
        continuation.onTermination = { [weak self] _ in self?.end(id) }
        return Subscription(id: id, events: stream, hub: self)
    }

    /// Ends a subscription of `owner`. - Returns: how many events it dropped, or nil if `owner` has no such subscription.
    @discardableResult
    public func unsubscribe(_ id: String, owner: Int) -> Int? {
        let entry = self.state.withLock { state -> Entry? in
            guard state.entries[id]?.owner == owner else { return nil }
            return Self.remove(id, from: &state)
        }
        guard let entry else { return nil }
        entry.continuation.finish()
        return entry.dropped
    }

    /// Ends a subscription, whoever holds it (idempotent).
    func end(_ id: String) {
        let entry = self.state.withLock { Self.remove(id, from: &$0) }
        entry?.continuation.finish()
    }

    private static func remove(_ id: String, from state: inout State) -> Entry? {
        guard let entry = state.entries.removeValue(forKey: id) else { return nil }
        state.bytes -= entry.bytes
        let left = state.perOwner[entry.owner, default: 1] - 1
        state.perOwner[entry.owner] = left > 0 ? left : nil
        return entry
    }

    /// Events a subscription has dropped so far; nil when it has ended.
    func dropped(_ id: String) -> Int? { self.state.withLock { $0.entries[id]?.dropped } }

    func release(_ id: String, bytes: Int) {
        self.state.withLock { state in
            // A subscription already ended released all its bytes then.
            guard state.entries[id] != nil else { return }
            state.entries[id]!.bytes -= bytes
            state.bytes -= bytes
        }
    }

    public var count: Int { self.state.withLock { $0.entries.count } }

    /// Subscriptions `owner` holds.
    public func count(owner: Int) -> Int { self.state.withLock { $0.perOwner[owner, default: 0] } }

    /// Bytes of events waiting for their clients, in all.
    public var bufferedBytes: Int { self.state.withLock { $0.bytes } }

    /// Offers the events of a digest just stored to every subscription.
    public func publish(_ digest: Digest) {
        guard !digest.events.isEmpty else { return }
        let sentences = Dictionary(digest.sentences.map { ($0.index, $0.text) }, uniquingKeysWith: { a, _ in a })
        let notices = digest.events.map {
            EventNotice(
                doc: digest.doc, type: $0.type, mode: $0.mode, source: $0.source, target: $0.target, date: $0.date,
                confidence: $0.confidence, sentence: sentences[$0.sentence] ?? "", trigger: $0.triggerText)
        }
        let config = self.configuration
        let ended = self.state.withLock { state -> [Entry] in
            var terminated: [String] = []
            for id in Array(state.entries.keys) {
                for notice in notices {
                    guard var entry = state.entries[id], entry.filter.matches(type: notice.type, source: notice.source, target: notice.target)
                    else { continue }
                    entry.seq += 1
                    let push = EventPush(sub: id, seq: entry.seq, dropped: entry.dropped, event: notice)
                    let size = push.replySizeBound
                    let fits =
                        (entry.bytes == 0 || entry.bytes + size <= config.bufferBytes)
                        && state.bytes + size <= config.totalBufferBytes
                    if !fits {
                        entry.dropped += 1
                    } else if case .terminated = entry.continuation.yield(push) {
                        terminated.append(id)
                    } else {
                        entry.bytes += size
                        state.bytes += size
                    }
                    state.entries[id] = entry
                }
            }
            return terminated.compactMap { Self.remove($0, from: &state) }
        }
        for entry in ended { entry.continuation.finish() }
    }
}
