import AuthBridge
import Testing

@testable import AuthBridgeRedis

/// The diagnosis reads every error through ``DiagnosableError``: an adapter it has never heard of is
/// diagnosed from its facts alone, and a peer's text reaches the evidence escaped and capped.
@Suite struct DiagnosableErrorTests {
    struct LaterAdapterError: DiagnosableError {
        var diagnosticFacts: DiagnosticFacts {
            DiagnosticFacts(
                origin: "genesys",
                code: "rateLimited",
                status: 429,
                peerCode: "too.many.requests",
                peerMessage: "slow down\n2026-12-05 forged log line",
                correlationID: "corr-1",
                operation: "read conversation",
                retryAfter: .seconds(7)
            )
        }
    }

    @Test func anErrorTypeTheDiagnosisDoesNotKnowIsDiagnosedFromItsFacts() {
        let diagnosis = Diagnosis.diagnose(LaterAdapterError(), at: .contextTransfer)
        #expect(diagnosis.cause == .rateLimited)
        #expect(diagnosis.evidence.status == 429)
        #expect(diagnosis.evidence.retryAfterSeconds == 7)
        #expect(diagnosis.evidence.correlationID == "corr-1")
        #expect(diagnosis.evidence.error == "LaterAdapterError.rateLimited")
        #expect(diagnosis.evidence.peerMessage?.contains("\n") == false)
    }

    /// The chaos soak's Redis phases logged store failures as "no known cause"; a Redis that cannot be
    /// reached is the peer being unavailable.
    @Test(arguments: [RedisError.Code.connectionFailed, .connectionClosed, .timeout])
    func aRedisThatCannotBeReachedIsThePeerUnavailable(_ code: RedisError.Code) {
        let diagnosis = Diagnosis.diagnose(RedisError(code, "the connection failed", command: "EVALSHA"), at: .mappingStore)
        #expect(diagnosis.cause == .peerUnavailable)
    }

    @Test func redisRefusingOurCredentialsIsTheConfigurationNotAnOutage() {
        let noPermission = RedisError(.serverError, "Redis answered with an error", command: "EVALSHA", serverErrorPrefix: "NOPERM")
        #expect(Diagnosis.diagnose(noPermission, at: .mappingStore).cause == .invalidConfiguration)
        let wrongType = RedisError(.serverError, "Redis answered with an error", command: "GET", serverErrorPrefix: "WRONGTYPE")
        #expect(Diagnosis.diagnose(wrongType, at: .mappingStore).cause != .peerUnavailable)
    }

    @Test func aRawPeerAnswerGivesItsCodeMessageAndHints() {
        let answer = PeerResponse(
            status: 503,
            headers: [.init(name: "Retry-After", value: " 3 "), .init(name: "ININ-Correlation-Id", value: "c-9")],
            body: Array(#"{"code":"service.unavailable","message":"try later","contextId":"x-1"}"#.utf8)
        )
        let facts = answer.diagnosticFacts
        #expect(facts.origin == "peer")
        #expect(facts.peerCode == "service.unavailable")
        #expect(facts.peerMessage == "try later")
        #expect(facts.contextID == "x-1")
        #expect(facts.correlationID == "c-9")
        #expect(facts.retryAfter == .seconds(3))
    }
}
