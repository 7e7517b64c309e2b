import ArgumentParser
import AuthBridge
import AuthBridgeJWT
import AuthBridgeTesting
import Foundation

/// The seed's `examplePage` section: the AuthBridge the example shop page signs Messenger in through,
/// the Messenger deployment, and the Zendesk Messaging key and customer the site's backend signs for.
///
/// ```json
/// "examplePage": {"authBridge": "http://127.0.0.1:8080", "deploymentId": "dep-1",
///                 "messaging": {"keyId": "app_1", "secret": "…", "externalId": "customer-42",
///                               "name": "Ada Lovelace", "email": "ada@example.com"}}
/// ```
struct ExamplePageSeed: Sendable {
    let authBridge: String
    let deploymentID: String
    let keyID: String
    let secret: String
    let claims: JSONObject
    /// The customer's name, as the site shows it.
    let customerName: String

    init(_ section: ContextValue) throws {
        self.authBridge = try EmulatorSeed.string(section, "authBridge")
        self.deploymentID = try EmulatorSeed.string(section, "deploymentId")
        guard let messaging = section["messaging"] else { throw ValidationError("examplePage needs messaging") }
        self.keyID = try EmulatorSeed.string(messaging, "keyId")
        self.secret = try EmulatorSeed.string(messaging, "secret")
        self.customerName = messaging["name"]?.stringValue ?? "Ada Lovelace"
        self.claims = [
            "scope": "user",
            "external_id": .string(try EmulatorSeed.string(messaging, "externalId")),
            "name": .string(self.customerName),
            "email": .string(messaging["email"]?.stringValue ?? "ada@example.com"),
            "email_verified": true,
        ]
    }

    /// A Messaging JWT for the customer, valid for ten minutes, as a site's backend signs it.
    func messagingJWT() throws -> String {
        let now = Date().timeIntervalSince1970.rounded(.down)
        var claims = self.claims
        claims["iat"] = .number(now)
        claims["exp"] = .number(now + 600)
        return try JWTSigner(key: JWTKey.hmac(secret: Array(self.secret.utf8), keyID: self.keyID)).sign(claims)
    }
}
