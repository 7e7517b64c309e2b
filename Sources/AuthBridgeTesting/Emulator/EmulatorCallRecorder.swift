import Synchronization

/// The requests an emulator received, in arrival order, for assertions.
///
/// ```swift
/// let calls = emulator.calls.calls(matching: EmulatorRoute(.post, "/oauth/tokens"))
/// #expect(calls.count == 1)
/// ```
public final class EmulatorCallRecorder: Sendable {
    private let recorded = Mutex<[RecordedCall]>([])

    /// Creates an empty recorder.
    public init() {}

    /// Appends a call.
    /// - Parameter call: The call.
    public func record(_ call: RecordedCall) {
        self.recorded.withLock { $0.append(call) }
    }

    /// Appends a call and returns its position, for ``recordResponse(at:status:)``.
    func append(_ call: RecordedCall) -> Int {
        self.recorded.withLock { calls in
            calls.append(call)
            return calls.count - 1
        }
    }

    /// Notes the status of the call at `index`.
    func recordResponse(at index: Int, status: Int) {
        self.recorded.withLock { calls in
            guard calls.indices.contains(index) else { return }
            calls[index].responseStatus = status
        }
    }

    /// Appends response bytes to the call at `index`.
    func recordResponseBytes(at index: Int, _ bytes: [UInt8]) {
        self.recorded.withLock { calls in
            guard calls.indices.contains(index) else { return }
            calls[index].responseBody.append(contentsOf: bytes)
        }
    }

    /// Every call so far, oldest first.
    public var all: [RecordedCall] {
        self.recorded.withLock { $0 }
    }

    /// The calls whose method and path match `route`, oldest first.
    /// - Parameter route: The route.
    /// - Returns: The matching calls.
    public func calls(matching route: EmulatorRoute) -> [RecordedCall] {
        self.recorded.withLock { calls in
            calls.filter { route.matches(method: $0.method, path: $0.path) }
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
        self.recorded.withLock { $0.removeAll() }
    }
}
