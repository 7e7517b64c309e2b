import AuthBridgeCore
import AuthBridgeCrypto
import NIOHTTP1
import Testing

@testable import AuthBridgeGenesys

@Suite struct GenesysHTTPTests {
    static func response(_ status: Int, _ body: String, headers: [(String, String)] = []) -> GenesysResponse {
        GenesysResponse(status: status, headers: HTTPHeaders(headers), body: Array(body.utf8), operation: "POST /api/v2/x")
    }

    @Test func statusesMapToTypedErrorsKeepingGenesysEvidence() {
        let body = #"{"status":404,"code":"not.found","message":"nope","contextId":"ctx-1","details":[],"errors":[]}"#
        let notFound = GenesysError.from(Self.response(404, body, headers: [("inin-correlation-id", "ctx-1")]), isTokenEndpoint: false)
        #expect(notFound.code == .notFound && notFound.kind == .permanent)
        #expect(notFound.genesysCode == "not.found" && notFound.contextID == "ctx-1" && notFound.correlationID == "ctx-1")
        #expect(notFound.description.contains("[contextId: ctx-1]"))

        let cases: [(Int, Bool, GenesysError.Code, FailureKind)] = [
            (400, true, .invalidClient, .permanent),
            (401, true, .invalidClient, .permanent),
            (400, false, .badRequest, .permanent),
            (422, false, .badRequest, .permanent),
            (401, false, .unauthorized, .permanent),
            (403, false, .forbidden, .permanent),
            (403, true, .forbidden, .permanent),
            (409, false, .conflict, .permanent),
            (429, false, .rateLimited, .transient),
            (429, true, .rateLimited, .transient),
            (500, false, .serverError, .transient),
            (503, true, .serverError, .transient),
            (418, false, .unexpectedStatus, .permanent),
        ]
        for (status, isToken, code, kind) in cases {
            let error = GenesysError.from(Self.response(status, "not json"), isTokenEndpoint: isToken)
            #expect(error.code == code, "\(status) token=\(isToken)")
            #expect(error.kind == kind, "\(status) token=\(isToken)")
            #expect(error.status == status)
        }
        let limited = GenesysError.from(Self.response(429, "{}", headers: [("Retry-After", "7")]), isTokenEndpoint: false)
        #expect(limited.retryAfter == .seconds(7))
        let oauth = GenesysError.from(
            Self.response(401, #"{"error":"invalid_client","error_description":"authentication failed"}"#), isTokenEndpoint: true)
        #expect(oauth.genesysCode == "invalid_client")
        #expect(oauth.reason.hasSuffix("authentication failed"))
    }

    @Test func retriesBackOffHonourRetryAfterAndStop() {
        let retry = GenesysHTTPPolicy.Retry(
            maximumAttempts: 3, initialBackoff: .milliseconds(100), maximumBackoff: .milliseconds(150), maximumRetryAfter: .seconds(2))
        let transient = GenesysError(.serverError, kind: .transient, reason: "x")
        #expect(retry.delay(afterAttempt: 1, error: transient, random: 0.5) == .milliseconds(50))
        #expect(retry.delay(afterAttempt: 2, error: transient, random: 0.99)! <= .milliseconds(150))
        #expect(retry.delay(afterAttempt: 3, error: transient, random: 0.5) == nil)
        #expect(retry.delay(afterAttempt: 1, error: GenesysError(.forbidden, kind: .permanent, reason: "x"), random: 0.5) == nil)
        let shortWait = GenesysError(.rateLimited, kind: .transient, reason: "x", retryAfter: .seconds(1))
        #expect(retry.delay(afterAttempt: 1, error: shortWait, random: 0) == .seconds(1))
        let longWait = GenesysError(.rateLimited, kind: .transient, reason: "x", retryAfter: .seconds(60))
        #expect(retry.delay(afterAttempt: 1, error: longWait, random: 0) == nil)
        let timeout = GenesysError(.transport, kind: .transient, reason: "x")
        #expect(retry.settleDelay(afterAttempt: 1, error: timeout, random: 0, requestTimeout: .seconds(1)) == .seconds(1))
    }

    @Test func helpersEncodeAndNormalize() {
        #expect(Base64.encode(Array("emulator-client:emulator-secret".utf8)) == "ZW11bGF0b3ItY2xpZW50OmVtdWxhdG9yLXNlY3JldA==")
        #expect(Base64.encode(Array("ab".utf8)) == "YWI=")
        #expect(Base64.encode([UInt8]()) == "")
        #expect(PathSegment.escaped("a/b c?d") == "a%2Fb%20c%3Fd")
        #expect(E164.normalized("+1 (704) 298-4733") == "+17042984733")
        #expect(E164.normalized("704 298 4733") == nil)
        #expect(E164.normalized("+12") == nil)
        #expect(E164.normalized("+1 704 x") == nil)
        #expect(PersonName("Grace Brewster Hopper").first == "Grace Brewster")
        #expect(PersonName("Cher").last == nil)
        #expect("  x \n".trimmingWhitespace() == "x")
        #expect(GenesysGuestChatLimits.truncated("abcdef", to: 4) == "abc…")
        #expect(GenesysGuestChatLimits.truncated("abc", to: 4) == "abc")
    }

    /// Span names stay bounded: ids (escaped or not) become `{id}`, Genesys's own words and `v2` stay.
    @Test func pathTemplatesNameIdsNotValues() {
        let notes = GenesysRequest(.POST, "/api/v2/externalcontacts/contacts/\(PathSegment.escaped("c0ffee-12 34"))/notes", isIdempotent: false)
        #expect(notes.pathTemplate == "/api/v2/externalcontacts/contacts/{id}/notes")
        let attributes = GenesysRequest(.PATCH, "/api/v2/conversations/chats/abc-1/participants/7f3e/attributes", isIdempotent: true)
        #expect(attributes.pathTemplate == "/api/v2/conversations/chats/{id}/participants/{id}/attributes")
        #expect(GenesysRequest(.POST, "/oauth/token", endpoint: .login, isIdempotent: false).pathTemplate == "/oauth/token")
    }
}
