import Testing

/// Waits, mostly by yielding, until `condition` holds; fails the test after about five seconds.
/// Used to let tasks the test started reach a known point (waiting, sleeping) without sleeping on purpose.
func eventually(
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
