import Synchronization

/// A wake-up signal between one producer side and its waiters, safe against cancellation.
///
/// `ring()` wakes every current waiter; a ring with nobody waiting is remembered (once) and
/// consumed by the next `wait`. Each wait gets its own continuation, so a waiter that times out
/// or is cancelled leaves the bell as it was: the next wait suspends again. (An `AsyncStream`
/// iterated from a cancelled child task is finished for good, after which every wait returns at
/// once: a tight loop that keeps a core busy while the service has nothing to do.)
/// After `close()`, every wait returns at once (shutdown).
public final class Doorbell: Sendable {
    private struct State {
        var rung = false
        var closed = false
        var nextWaiter: UInt64 = 0
        var waiters: [UInt64: CheckedContinuation<Void, Never>] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    /// Wakes every waiter, or the next one to come if none waits now.
    public func ring() {
        let woken = self.state.withLock { state -> [CheckedContinuation<Void, Never>] in
            if state.waiters.isEmpty {
                state.rung = true
                return []
            }
            defer { state.waiters.removeAll(keepingCapacity: true) }
            return Array(state.waiters.values)
        }
        for waiter in woken { waiter.resume() }
    }

    /// Wakes every waiter now and every later one at once.
    public func close() {
        let woken = self.state.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.closed = true
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        for waiter in woken { waiter.resume() }
    }

    /// Waiters suspended now (for tests and metrics).
    public var waiting: Int { self.state.withLock { $0.waiters.count } }

    /// Suspends until the bell rings, the task is cancelled or the bell closes. No timer: use this
    /// where a service waits at rest. (On Linux a pending timer, even one due in an hour, keeps the
    /// dispatch manager thread waking once a second: a service that waited with a timeout was never
    /// quite at rest.)
    /// - Returns: true if it was woken by a ring (or the bell is closed), false on cancellation.
    @discardableResult
    public func wait() async -> Bool {
        let id = self.state.withLock { state -> UInt64 in
            state.nextWaiter &+= 1
            return state.nextWaiter
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let now = self.state.withLock { state -> Bool in
                    if state.closed { return true }
                    if state.rung {
                        state.rung = false
                        return true
                    }
                    if Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if now { continuation.resume() }
            }
            return !Task.isCancelled
        } onCancel: {
            self.state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }

    /// Suspends until the bell rings, `timeout` passes, the task is cancelled or the bell closes; with no
    /// timeout, as ``wait()``.
    /// - Returns: true if it was woken by a ring (or the bell is closed), false on timeout or cancellation.
    @discardableResult
    public func wait(timeout: Duration?) async -> Bool {
        guard let timeout else { return await self.wait() }
        return await withTaskGroup(of: Bool.self) { group in
            group.addTask { await self.wait() }
            group.addTask {
                try? await Task.sleep(for: timeout)
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }
}
