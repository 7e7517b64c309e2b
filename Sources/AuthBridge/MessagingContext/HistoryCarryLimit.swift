import Synchronization

/// At most ``width`` background history carries run at once and at most ``depth`` wait; a carry beyond
/// that is not started (its conversation stays `written`, and the next call for it carries it). A burst
/// of first messages then reads Zendesk a few at a time instead of timing out in the HTTP client's pool.
final class HistoryCarryLimit: Sendable {
    private struct State {
        var running = 0
        var waiting: [CheckedContinuation<Bool, Never>] = []
    }

    /// How many carries run at once.
    let width: Int
    /// How many may wait.
    let depth: Int
    private let state = Mutex(State())

    /// Eight at once; 256 waiting, about what eight carries finish within a record's 120 s lease, so a
    /// waiter does not outlive its lease and come back as a duplicate.
    init(width: Int = 8, depth: Int = 256) {
        self.width = max(width, 1)
        self.depth = max(depth, 0)
    }

    /// Waits for a turn; `false` when too many already wait (the carry is left for a later call).
    func acquire() async -> Bool {
        enum Decision { case run, refuse, wait }
        return await withCheckedContinuation { continuation in
            let decision = self.state.withLock { state -> Decision in
                if state.running < self.width {
                    state.running += 1
                    return .run
                }
                if state.waiting.count >= self.depth { return .refuse }
                state.waiting.append(continuation)
                return .wait
            }
            switch decision {
            case .run: continuation.resume(returning: true)
            case .refuse: continuation.resume(returning: false)
            case .wait: break
            }
        }
    }

    /// Ends a turn: the longest waiter runs next (the running count is handed over, not changed).
    func release() {
        let next = self.state.withLock { state -> CheckedContinuation<Bool, Never>? in
            guard !state.waiting.isEmpty else {
                state.running -= 1
                return nil
            }
            return state.waiting.removeFirst()
        }
        next?.resume(returning: true)
    }

    /// Carries running and waiting now, for tests and metrics.
    var load: (running: Int, waiting: Int) {
        self.state.withLock { ($0.running, $0.waiting.count) }
    }
}
