package import Testing

/// Waits, mostly by yielding, until `condition` holds; fails the test after about five seconds.
/// Used to let tasks the test started reach a known point (waiting, sleeping) without sleeping on purpose.
package func eventually(
    _ description: String,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ condition: () -> Bool
) async {
    for round in 0..<50_000 {
        if condition() { return }
        if round % 100 == 99 {
            try? await Task.sleep(for: .milliseconds(1))
        } else {
            await Task.yield()
        }
    }
    Issue.record("timed out waiting until \(description)", sourceLocation: sourceLocation)
}

/// Retries `body` for up to `timeout` (every 50 ms), then runs it once more and lets it throw: for
/// things outside the process (a server starting) that answer with errors until ready.
package func eventually(timeout: Duration = .seconds(5), _ body: () async throws -> Void) async throws {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        do {
            try await body()
            return
        } catch {
            try await Task.sleep(for: .milliseconds(50))
        }
    }
    try await body()
}
