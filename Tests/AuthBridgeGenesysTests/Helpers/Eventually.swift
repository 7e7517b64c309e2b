import Testing

/// Polls `condition` for up to about five seconds; records an issue if it never holds.
func eventually(_ what: String, sourceLocation: SourceLocation = #_sourceLocation, _ condition: () -> Bool) async {
    for _ in 0..<2500 {
        if condition() { return }
        try? await Task.sleep(for: .milliseconds(2))
    }
    Issue.record("timed out waiting until \(what)", sourceLocation: sourceLocation)
}
