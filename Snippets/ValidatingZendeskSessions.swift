// Validating a Messaging JWT: the "Validating Zendesk sessions" article's example, compiled.
import AuthBridgeCore
import AuthBridgeZendesk
import Logging

// snippet.hide
let logger = Logger(label: "snippet")
func validate(environment: [String: String], jwtFromPage: String) async throws {
    // snippet.show
    let validator = try ZendeskMessagingJWTValidator(
        configuration: .init(signingKeys: [
            ZendeskSigningKey(keyID: "app_64f1…", secret: Secret(environment["ZENDESK_MESSAGING_SECRET"]!))
        ]))
    let session = try await validator.validate(Secret(jwtFromPage), logger: logger)
    // snippet.hide
    _ = session
}
