import AuthBridgeCore
import Testing

@testable import AuthBridgeRedis

@Suite struct RedisErrorDiagnosableErrorTests {
    @Test func factsAreWhatTheErrorHoldsAndNoMore() {
        let facts = RedisError(.timeout, "no reply before the deadline", command: "EVALSHA").diagnosticFacts
        #expect(facts.origin == "redis")
        #expect(facts.code == "timeout")
        #expect(facts.operation == "EVALSHA")
        #expect(facts.peerCode == nil && facts.status == nil)
        let refused = RedisError(.serverError, "Redis answered with an error", command: "SET", serverErrorPrefix: "READONLY").diagnosticFacts
        #expect(refused.peerCode == "READONLY")
    }
}
