import Synchronization

/// One in-process run per key: concurrent duplicate requests (a double click, a retried request) wait
/// for the first instead of creating a second conversation.
final class SingleFlight<Value: Sendable>: Sendable {
    private let running = Mutex<[String: Task<Value, any Error>]>([:])

    func run(key: String, _ operation: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let task: Task<Value, any Error> = self.running.withLock { running in
            if let existing = running[key] { return existing }
            let task = Task { try await operation() }
            running[key] = task
            return task
        }
        defer { self.running.withLock { running in if running[key] == task { running[key] = nil } } }
        return try await task.value
    }
}
