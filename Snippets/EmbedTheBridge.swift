// snippet.show
import AuthBridgeServer  // re-exports AuthBridge, the validators, the Genesys client, the provider
// Embedding the bridge in your own server: the README's example, compiled.
// snippet.hide
import Logging

// snippet.hide
let logger = Logger(label: "snippet")
let zendeskJWTFromThePage = "eyJ…"
let chatID = "chat-1"
func respond(with json: JSONObject) { print(JSONValue.object(json).serialized) }
func embed(codeRequest: AuthorizationCodeRequest) async throws {
    // snippet.show
    let configuration = try await AuthBridgeConfiguration.load(filePath: "authbridge.json", secretsDirectory: "/run/secrets")
    let application = try AuthBridgeApplication(configuration: configuration, logger: logger)

    // Or call the bridge yourself, from your own routes (Messenger's AuthProvider asks for a code):
    let start = try await application.bridge.start(
        WidgetRequest(
            credential: Secret(zendeskJWTFromThePage), credentialKind: .messagingJWT,
            widget: .messenger(codeRequest), history: .zendeskChat(chatID: chatID)))
    respond(with: start.json)  // {authCode, redirectUri, nonce, codeVerifier} for getAuthCode
    // Failures are BridgeError: status + publicBody {error, correlationId} for the browser,
    // and a Diagnosis (cause, evidence, remedy) in the log under the same correlation id.
    // snippet.hide
    await application.shutdown()
}
