import AuthBridgeCore
import AuthBridgeJWT
import Testing

@testable import AuthBridgeOIDC

@Suite("The getAuthCode answer")
struct AuthorizationCodeGrantTests {
    @Test("the bytes written member by member are the JSON object, with and without nonce and verifier")
    func bytesMatchTheObject() throws {
        let grants = [
            AuthorizationCodeGrant(
                authCode: Secret("code-0123"), redirectUri: "https://shop.example.com/cb?a=\"1\"", nonce: "n\\1", codeVerifier: Secret("verifier")),
            AuthorizationCodeGrant(authCode: Secret("code-0123"), redirectUri: "https://shop.example.com/cb", nonce: nil, codeVerifier: nil),
        ]
        for grant in grants {
            let text = String(decoding: grant.jsonBytes, as: UTF8.self)
            #expect(text == JSONValue.object(grant.json).serialized)
            #expect(try JSONValue(parsing: text).objectValue == grant.json)
        }
        #expect(
            String(decoding: grants[0].jsonBytes, as: UTF8.self)
                == #"{"authCode":"code-0123","redirectUri":"https://shop.example.com/cb?a=\"1\"","nonce":"n\\1","codeVerifier":"verifier"}"#
        )
    }
}
