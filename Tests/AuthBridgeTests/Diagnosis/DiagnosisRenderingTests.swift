import AuthBridge
import AuthBridgeCore
import AuthBridgeGenesys
import AuthBridgeJWT
import Testing

/// The value itself: names, renderer, JSON, fallback.
@Suite struct DiagnosisRenderingTests {
    @Test func anUnknownErrorStillShowsItsEvidence() {
        struct Strange: Error, CustomStringConvertible {
            var description: String { "secret-in-description-0123456789" }
        }
        let diagnosis = Diagnosis.diagnose(Strange(), at: .contextTransfer)
        #expect(diagnosis.cause == .unknown)
        #expect(diagnosis.evidence.error == "Strange")
        #expect(diagnosis.remedy.contains("evidence"))
        // An unknown error's own description is never trusted to be free of secrets.
        DiagnosisSupport.expectNoSecret(diagnosis, ["secret-in-description-0123456789"])
    }

    @Test func aServerErrorIsThePeerNotAuthentication() {
        let answer = PeerResponse(
            status: 503,
            headers: [.init(name: "inin-correlation-id", value: "corr-1")],
            body: Array(#"{"code":"service.unavailable","message":"try later","contextId":"corr-1"}"#.utf8)
        )
        let diagnosis = Diagnosis.diagnose(answer, at: .contextTransfer)
        #expect(diagnosis.cause == .peerUnavailable)
        #expect(diagnosis.evidence.correlationID == "corr-1")
        #expect(diagnosis.remedy.contains("not an authentication problem"))
        #expect(answer.description == "PeerResponse(503)")
    }

    @Test func renderedTextAndJSONCarryTheSameFacts() throws {
        let token = Secret("opaque-platform-token-value-0123456789abcdef")
        let answer = PeerResponse(
            status: 401,
            headers: [.init(name: "inin-correlation-id", value: "corr-7")],
            body: Array(#"{"code":"authentication.failed","message":"The member token is not valid","contextId":"corr-7"}"#.utf8)
        )
        let diagnosis = Diagnosis.diagnose(answer, at: .guestChatCreate, token: token)
        #expect(diagnosis.cause == .platformTokenInWidget)
        let text = diagnosis.rendered
        #expect(text.hasPrefix("Why did guest chat create fail?"))
        #expect(text.contains("Cause:    platform token handed to a widget"))
        #expect(text.contains("Remedy:"))
        #expect(text.contains("correlation id  corr-7"))
        #expect(text.contains("token           opaque (44 bytes)"))
        #expect(diagnosis.description == text)
        #expect(diagnosis.summary.hasPrefix("guest chat create failed: platform token handed to a widget"))
        #expect(diagnosis.summary.contains("correlation id corr-7"))
        let json = try #require(try JSONValue(parsing: diagnosis.json).objectValue)
        #expect(json["step"] == "guestChatCreate")
        #expect(json["cause"] == "platformTokenInWidget")
        #expect(json["remedy"]?.stringValue == diagnosis.remedy)
        let evidence = try #require(json["evidence"]?.objectValue)
        #expect(evidence["status"] == 401)
        #expect(evidence["correlationId"] == "corr-7")
        #expect(evidence["peerCode"] == "authentication.failed")
        DiagnosisSupport.expectNoSecret(diagnosis, [token.revealed])
    }

    @Test func aPeerEchoingTheTokenIsScrubbed() {
        let token = Secret("eyJhbGciOiJIUzI1NiJ9.eyJleHAiOjF9.c2lnbmF0dXJlLXZhbHVl")
        let answer = PeerResponse(
            status: 401,
            body: Array(#"{"error":"invalid_token","error_description":"bad token \#(token.revealed)"}"#.utf8)
        )
        let diagnosis = Diagnosis.diagnose(answer, at: .zendeskValidation, token: token, context: .init(clock: .fixed(100)))
        #expect(diagnosis.cause == .expiredToken)
        #expect(diagnosis.evidence.peerMessage == "bad token <redacted>")
        DiagnosisSupport.expectNoSecret(diagnosis, [token.revealed, "c2lnbmF0dXJlLXZhbHVl"])
    }

    @Test func stepsAndCausesHaveDistinctNames() {
        let steps: [Diagnosis.Step] = [
            .zendeskValidation, .zendeskHistoryRead, .genesysToken, .signedData, .guestChatCreate, .contextTransfer,
            .messengerCode, .messengerExchange, .oidcTokenEndpoint, .oidcDiscovery, .configuration,
        ]
        #expect(Set(steps.map(\.name)).count == steps.count)
        #expect(Set(steps.map(\.description)).count == steps.count)
        let causes: [Diagnosis.Cause] = [
            .wrongRegion, .secretSentWrongWay, .clientCredentialsRejected, .expiredToken, .clockSkew, .unknownKeyID,
            .signatureMismatch, .algorithmMismatch, .missingScope, .nonexistentScope, .missingPermission,
            .platformTokenInWidget, .deploymentNotFound, .deploymentNotActive, .originNotAllowed, .integrationNotActive,
            .identityProviderUnavailable, .authorizationCodeRejected, .rateLimited, .tokenRejected, .invalidToken,
            .replayedToken, .invalidConfiguration, .peerUnavailable, .unknown,
        ]
        #expect(Set(causes.map(\.name)).count == causes.count)
        #expect(Set(causes.map(\.description)).count == causes.count)
    }
}
