import Testing

@testable import AuthBridgeCore

@Suite("AuthBridgeError")
struct AuthBridgeErrorTests {
    @Test func carriesSafeEvidenceOnly() {
        let error = AuthBridgeError(
            .tokenFetchFailed,
            kind: .transient,
            reason: "the token provider failed",
            key: "client-a@mypurecloud.ie",
            retryAfter: .seconds(30),
            attempts: 2,
            underlying: LeakyError(secret: "client-secret-xyz")
        )
        #expect(error.shortDescription == "tokenFetchFailed")
        #expect(error.description.contains("client-a@mypurecloud.ie"))
        #expect(error.description.contains("LeakyError"))
        #expect(error.description.contains("attempts: 2"))
        #expect(!error.description.contains("client-secret-xyz"))
        #expect(error.underlyingDescription == nil)
        #expect(error.failureKind == .transient)
        #expect(error.retryAfter == .seconds(30))
    }

    @Test func quotesTheSafeDescriptionOfClassifiedErrors() {
        let error = AuthBridgeError(
            .tokenFetchFailed, kind: .permanent, reason: "the token provider failed",
            underlying: TestProviderError.permanent)
        #expect(error.underlyingDescription == "test provider said no (permanent)")
        #expect(error.description.contains("test provider said no"))
    }

    @Test func capsLongKeys() {
        let error = AuthBridgeError(.shutDown, kind: .permanent, reason: "x", key: String(repeating: "k", count: 10_000))
        #expect((error.key?.count ?? 0) <= 201)
    }

    @Test func codesAndKindsHaveBoundedNames() {
        #expect(AuthBridgeError.Code.shutDown.description == "shutDown")
        #expect(AuthBridgeError.Code.replayStoreFull.description == "replayStoreFull")
        #expect(AuthBridgeError.Code.tokenExpiredOnArrival != .tokenFetchFailed)
        #expect(FailureKind.permanent.description == "permanent")
        #expect(FailureKind.transient.description == "transient")
    }
}
