import Synchronization

/// Group commit for an append log: concurrent ``submit(_:write:)`` calls are queued and written by one drain task, a
/// batch per call of `write` (one transaction), up to `maxBatch` items and `maxBatchBytes` of them (the first item of a
/// batch always goes); every caller resumes with its own result once the batch holding its item is written, or with
/// the batch's error. The SQLite store's log and PostgreSQL's log share it.
public final class GroupCommit<Item: Sendable, Result: Sendable>: Sendable {
    public struct Limits: Sendable {
        /// Items per batch (at least 1).
        public var maxBatch: Int
        /// Bytes per batch as `size` counts them (a first item larger than this goes alone).
        public var maxBatchBytes: Int
        /// Items waiting; one more is refused with `full()`'s error.
        public var maxQueued: Int
        public init(maxBatch: Int, maxBatchBytes: Int = .max, maxQueued: Int = .max) {
            self.maxBatch = max(1, maxBatch)
            self.maxBatchBytes = maxBatchBytes
            self.maxQueued = max(1, maxQueued)
        }
    }

    private struct Queue {
        var items: [(Item, CheckedContinuation<Result, any Error>)] = []
        var draining = false
    }

    private let queue = Mutex(Queue())
    private let limits: Limits
    private let size: @Sendable (Item) -> Int
    private let full: @Sendable () -> any Error

    /// - Parameters:
    ///   - size: an item's bytes, for `maxBatchBytes`.
    ///   - full: the error of a submit that finds `maxQueued` items waiting.
    public init(
        _ limits: Limits, size: @escaping @Sendable (Item) -> Int = { _ in 0 },
        full: @escaping @Sendable () -> any Error = { CancellationError() }
    ) {
        self.limits = limits
        self.size = size
        self.full = full
    }

    /// Queues `item` and returns its result once the batch holding it is written. `write` writes a batch and returns
    /// one result per item, in order; the submit that starts a drain lends its `write` to that drain (the log passes
    /// the same function every time, so no reference from the log to itself is kept between drains).
    public func submit(_ item: Item, write: @escaping @Sendable ([Item]) async throws -> [Result]) async throws -> Result {
        try await withCheckedThrowingContinuation { (c: CheckedContinuation<Result, any Error>) in
            let start = self.queue.withLock { q -> Bool? in
                if q.items.count >= self.limits.maxQueued { return nil }
                q.items.append((item, c))
                if q.draining { return false }
                q.draining = true
                return true
            }
            switch start {
            case nil: c.resume(throwing: self.full())
            case true?: Task { await self.drain(write) }
            case false?: break
            }
        }
    }

    /// Writes queued items, a batch per call, until the queue is empty.
    private func drain(_ write: @Sendable ([Item]) async throws -> [Result]) async {
        while true {
            let batch = self.queue.withLock { q -> [(Item, CheckedContinuation<Result, any Error>)] in
                var n = 0
                var bytes = 0
                while n < q.items.count && n < self.limits.maxBatch {
                    bytes += self.size(q.items[n].0)
                    if n > 0 && bytes > self.limits.maxBatchBytes { break }
                    n += 1
                }
                if n == 0 {
                    q.draining = false
                    return []
                }
                let b = Array(q.items.prefix(n))
                q.items.removeFirst(n)
                return b
            }
            if batch.isEmpty { return }
            do {
                let results = try await write(batch.map(\.0))
                for (i, r) in results.enumerated() { batch[i].1.resume(returning: r) }
            } catch {
                for (_, c) in batch { c.resume(throwing: error) }
            }
        }
    }
}
