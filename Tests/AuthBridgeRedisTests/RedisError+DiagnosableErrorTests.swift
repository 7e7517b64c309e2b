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
        let readOnly = RedisError(.serverError, "Redis answered with an error", command: "SET", serverErrorPrefix: "READONLY").diagnosticFacts
        #expect(readOnly.peerCode == "READONLY" && readOnly.code == "serverError")
    }

    @Test(arguments: [
        ("NOPERM", "invalidConfiguration"), ("WRONGPASS", "invalidConfiguration"), ("LOADING", "serverError"),
        ("WRONGTYPE", "redisRefused"), ("OOM", "redisRefused"), ("ERR", "redisRefused"),
    ])
    func serverErrorsAreTransientOnlyWhenRedisSaysSo(_ prefix: String, _ code: String) {
        let facts = RedisError(.serverError, "Redis answered with an error", command: "EVALSHA", serverErrorPrefix: prefix).diagnosticFacts
        #expect(facts.code == code)
    }
}
