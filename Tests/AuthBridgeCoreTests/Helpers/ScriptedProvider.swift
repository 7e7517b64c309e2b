import AuthBridgeCore
import Synchronization

/// An error a test provider throws, with the classification the broker reads.
struct TestProviderError: TokenProviderError, CustomStringConvertible {
    var failureKind: FailureKind
    var retryAfter: Duration?
    var safeDescription: String { "test provider said no (\(self.failureKind))" }
    var description: String { self.safeDescription }

    static let transient = TestProviderError(failureKind: .transient)
    static let permanent = TestProviderError(failureKind: .permanent)
}

/// An error whose description would leak a secret, to prove the broker never prints foreign errors.
struct LeakyError: Error, CustomStringConvertible {
    var secret: String
    var description: String { "leaky error carrying \(self.secret)" }
}

/// A one-shot latch: provider calls that reach it wait until the test opens it.
final class Gate: Sendable {
    private let state = Mutex<(result: Result<AccessToken, any Error>?, waiters: [CheckedContinuation<AccessToken, any Error>])>(
        (nil, [])
    )

    func wait() async throws -> AccessToken {
        try await withCheckedThrowingContinuation { continuation in
            let result = self.state.withLock { state -> Result<AccessToken, any Error>? in
                if let result = state.result { return result }
                state.waiters.append(continuation)
                return nil
            }
            if let result { continuation.resume(with: result) }
        }
    }

    func open(_ result: Result<AccessToken, any Error>) {
        let waiters = self.state.withLock { state in
            state.result = result
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.resume(with: result) }
    }
}

/// A provider that plays back a script, one step per call; the last step repeats.
final class ScriptedProvider: TokenProvider, Sendable {
    typealias Key = String

    enum Step: Sendable {
        case token(AccessToken)
        case fail(any Error)
        case wait(Gate)
    }

    private let script: Mutex<[Step]>
    private let calls = Atomic<Int>(0)
    private let keys = Mutex<[String]>([])

    init(_ script: [Step]) {
        self.script = Mutex(script)
    }

    var callCount: Int { self.calls.load(ordering: .sequentiallyConsistent) }

    func append(_ step: Step) {
        self.script.withLock { $0.append(step) }
    }

    func fetchToken(for key: String) async throws -> AccessToken {
        self.keys.withLock { $0.append(key) }
        let step = self.script.withLock { script -> Step? in
            guard let first = script.first else { return nil }
            if script.count > 1 { script.removeFirst() }
            return first
        }
        self.calls.add(1, ordering: .sequentiallyConsistent)
        switch step {
        case .token(let token): return token
        case .fail(let error): throw error
        case .wait(let gate): return try await gate.wait()
        case nil: throw TestProviderError.permanent
        }
    }
}

func makeToken(_ value: String, expiresIn: Duration = .seconds(100)) -> AccessToken {
    AccessToken(value: Secret(value), expiresIn: expiresIn, scopes: ["conversations"], metadata: ["org": "org-1"])
}
