public import Synchronization

extension TokenBroker {
    /// Everything the broker keeps for one key. Handles point at it, so the hot path never hashes the key.
    @usableFromInline
    final class Slot: Sendable {
        typealias Waiter = CheckedContinuation<AccessToken, any Error>

        let key: Key
        /// Where this key's entries sit in the read stripes.
        @usableFromInline let index: Int
        /// Mirrors the state machine's version, readable without the lock.
        @usableFromInline let version: Atomic<UInt64>
        private let state: Mutex<StateMachine<Waiter>>

        init(key: Key, index: Int, policy: StateMachine<Waiter>.Policy, version: UInt64 = 1) {
            self.key = key
            self.index = index
            let machine = StateMachine<Waiter>(key: key, policy: policy, version: version)
            self.version = Atomic(machine.version)
            self.state = Mutex(machine)
        }

        /// Runs `body` on the state machine under the lock and publishes the version it leaves behind.
        func withState<Result>(_ body: (inout StateMachine<Waiter>) -> Result) -> Result {
            self.state.withLock { machine in
                let result = body(&machine)
                self.version.store(machine.version, ordering: .releasing)
                return result
            }
        }
    }

    /// The broker's keys and the indexes of their slots.
    struct SlotTable {
        var byKey: [Key: Slot] = [:]
        /// Stripe indexes of evicted slots, for reuse, so the stripes stay as small as the table.
        var freeIndexes: [Int] = []
        /// The next never-used stripe index.
        var nextIndex = 0
        /// Counts slots ever created; each starts its versions at `generation << 32`.
        var generation: UInt64 = 0
    }

    /// The unstructured tasks running flights, so that shutdown can cancel and await them.
    struct FlightRegistry {
        var tasks: [UInt64: Task<Void, Never>] = [:]
        var nextID: UInt64 = 0
        var isShutDown = false
    }
}
