import AttacheContracts
import Synchronization

/// Fans newly stored events out to subscriptions. Publishing never waits for a subscriber: each
/// subscription has a bounded buffer, and what does not fit is counted as dropped (the client sees
/// the count and a gap in `seq`).
public final class SubscriptionHub: Sendable {
    /// One subscription's pushed lines.
    public struct Subscription: Sendable {
        public let id: String
        public let events: AsyncStream<EventPush>
    }

    private struct Entry {
        var owner: Int
        var filter: SubscriptionFilter
        var continuation: AsyncStream<EventPush>.Continuation
        var seq = 0
        var dropped = 0
    }

    private let state = Mutex<(next: Int, entries: [String: Entry])>((0, [:]))
    /// Events buffered per subscription before new ones are dropped.
    public let bufferSize: Int

    public init(bufferSize: Int = 10_000) {
        self.bufferSize = bufferSize
    }

    /// - Parameter owner: the connection that subscribed; only it may unsubscribe.
    public func subscribe(_ filter: SubscriptionFilter, owner: Int) -> Subscription {
        let (stream, continuation) = AsyncStream.makeStream(of: EventPush.self, bufferingPolicy: .bufferingOldest(self.bufferSize))
        let id = self.state.withLock { state -> String in
            state.next += 1
            let id = "s\(state.next)"
            state.entries[id] = Entry(owner: owner, filter: filter, continuation: continuation)
            return id
        }
        return Subscription(id: id, events: stream)
    }

    /// Ends a subscription of `owner`. - Returns: how many events it dropped, or nil if `owner` has no such subscription.
    @discardableResult
    public func unsubscribe(_ id: String, owner: Int) -> Int? {
        let entry = self.state.withLock { state -> Entry? in
            guard state.entries[id]?.owner == owner else { return nil }
            return state.entries.removeValue(forKey: id)
        }
        guard let entry else { return nil }
        entry.continuation.finish()
        return entry.dropped
    }

    public var count: Int { self.state.withLock { $0.entries.count } }

    /// Subscriptions `owner` holds.
    public func count(owner: Int) -> Int { self.state.withLock { $0.entries.values.filter { $0.owner == owner }.count } }

    /// Offers the events of a digest just stored to every subscription.
    public func publish(_ digest: Digest) {
        guard !digest.events.isEmpty else { return }
        let sentences = Dictionary(digest.sentences.map { ($0.index, $0.text) }, uniquingKeysWith: { a, _ in a })
        let notices = digest.events.map {
            EventNotice(
                doc: digest.doc, type: $0.type, mode: $0.mode, source: $0.source, target: $0.target, date: $0.date,
                confidence: $0.confidence, sentence: sentences[$0.sentence] ?? "", trigger: $0.triggerText)
        }
        self.state.withLock { state in
            for id in state.entries.keys {
                for notice in notices {
                    guard let entry = state.entries[id], entry.filter.matches(type: notice.type, source: notice.source, target: notice.target)
                    else { continue }
                    state.entries[id]!.seq += 1
                    let push = EventPush(sub: id, seq: state.entries[id]!.seq, dropped: entry.dropped, event: notice)
                    if case .dropped = entry.continuation.yield(push) {
                        state.entries[id]!.dropped += 1
                    }
                }
            }
        }
    }
}
