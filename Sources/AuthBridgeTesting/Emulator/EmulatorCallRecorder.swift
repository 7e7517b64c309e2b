import Synchronization

/// The requests an emulator received, in arrival order, for assertions.
///
/// ```swift
/// let calls = emulator.calls.calls(matching: EmulatorRoute(.post, "/oauth/tokens"))
/// #expect(calls.count == 1)
/// ```
public final class EmulatorCallRecorder: Sendable {
    private struct State {
        var calls: [RecordedCall] = []
        /// Calls dropped from the front: positions handed out stay valid.
        var dropped = 0
        var limit: Int?
    }

    private let state = Mutex(State())

    /// Creates an empty recorder.
    public init() {}

    /// The most calls kept; older ones are forgotten, a tenth at a time, when a new one would pass it.
    /// Default `nil`, every call: set it in a long-running process (`authbridge emulate` keeps 10,000) so
    /// that memory stays bounded under load.
    public var limit: Int? {
        get { self.state.withLock { $0.limit } }
        set { self.state.withLock { $0.limit = newValue.map { max($0, 1) } } }
    }

    /// Appends a call.
    /// - Parameter call: The call.
    public func record(_ call: RecordedCall) {
        _ = self.append(call)
    }

    /// Appends a call and returns its position, for ``recordResponse(at:status:)``.
    func append(_ call: RecordedCall) -> Int {
        self.state.withLock { state in
            if let limit = state.limit, state.calls.count >= limit {
                // Down to the limit (which may have been lowered), then a tenth more, so forgetting is rare.
                let forgotten = min(state.calls.count, state.calls.count - limit + max(limit / 10, 1))
                state.calls.removeFirst(forgotten)
                state.dropped += forgotten
            }
            state.calls.append(call)
            return state.dropped + state.calls.count - 1
        }
    }

    /// Notes the status of the call at `index`.
    func recordResponse(at index: Int, status: Int) {
        self.state.withLock { state in
            let position = index - state.dropped
            guard state.calls.indices.contains(position) else { return }
            state.calls[position].responseStatus = status
        }
    }

    /// Appends response bytes to the call at `index`.
    func recordResponseBytes(at index: Int, _ bytes: [UInt8]) {
        self.state.withLock { state in
            let position = index - state.dropped
            guard state.calls.indices.contains(position) else { return }
            state.calls[position].responseBody.append(contentsOf: bytes)
        }
    }

    /// Every call so far, oldest first.
    public var all: [RecordedCall] {
        self.state.withLock { $0.calls }
    }

    /// The calls whose method and path match `route`, oldest first.
    /// - Parameter route: The route.
    /// - Returns: The matching calls.
    public func calls(matching route: EmulatorRoute) -> [RecordedCall] {
        self.state.withLock { state in
            state.calls.filter { route.matches(method: $0.method, path: $0.path) }
        }
    }

    /// How many calls match `route`.
    /// - Parameter route: The route.
    /// - Returns: The count.
    public func count(matching route: EmulatorRoute) -> Int {
        self.calls(matching: route).count
    }

    /// Forgets every call. Responses still being written to forgotten calls are not recorded.
    public func clear() {
        self.state.withLock { state in
            state.dropped += state.calls.count
            state.calls.removeAll()
        }
    }
}
