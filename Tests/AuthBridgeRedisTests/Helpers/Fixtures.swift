import AuthBridgeCore
import Logging
import Synchronization

@testable import AuthBridgeRedis
@testable import AuthBridgeTestSupport

let quietLogger = Logger(label: "authbridge.redis.tests") { _ in SwiftLogNoOpLogHandler() }

/// A key as a broker would use it.
struct ClientKey: Hashable, Sendable, CustomStringConvertible {
    var id: String
    var description: String { "client:\(self.id)" }
}

/// A provider that counts its calls and takes a while, like a token endpoint.
final class CountingProvider: TokenProvider, Sendable {
    typealias Key = ClientKey

    private let count = Atomic<Int>(0)
    let delay: Duration
    let lifetime: Duration

    init(delay: Duration = .milliseconds(100), lifetime: Duration = .seconds(3600)) {
        self.delay = delay
        self.lifetime = lifetime
    }

    var calls: Int { self.count.load(ordering: .relaxed) }

    func fetchToken(for key: ClientKey) async throws -> AccessToken {
        let call = self.count.wrappingAdd(1, ordering: .relaxed).newValue
        try await Task.sleep(for: self.delay)
        return AccessToken(value: Secret("token-\(key.id)-\(call)"), expiresIn: self.lifetime, scopes: ["a"], metadata: ["org": "o"])
    }
}

/// Runs `body` and returns how long it took.
func measure(_ body: () async throws -> Void) async rethrows -> Duration {
    let start = ContinuousClock.now
    try await body()
    return ContinuousClock.now - start
}
