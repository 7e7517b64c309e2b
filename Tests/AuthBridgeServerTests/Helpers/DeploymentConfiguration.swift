import AuthBridge
import AuthBridgeJWT
import Foundation

/// A whole deployment's configuration file, as `authbridge serve --config` reads it: Messaging JWTs in,
/// Genesys at an emulator (with the data action's credential), and Messenger's OpenID provider (ES256,
/// current and next keys made for the test).
enum DeploymentConfiguration {
    static let messagingSecret = "messaging-secret-0123456789-abcdef-0123456789"
    static let dataActionSecret = "data-action-secret-0123456789-abcdef"

    static func json(
        issuer: String, genesysBaseURL: String, genesysSecret: String = "emulator-secret", dataAction: Bool = true, zendesk extra: JSONObject = [:]
    ) throws -> JSONValue {
        var genesys: JSONObject = ["baseURL": .string(genesysBaseURL), "client": ["id": "emulator-client", "secret": .string(genesysSecret)]]
        if dataAction { genesys["dataAction"] = ["userName": "genesys-data-actions", "secret": .string(Self.dataActionSecret)] }
        var zendesk: JSONObject = ["messaging": ["keyId": "app_1", "secret": .string(Self.messagingSecret)]]
        for (name, value) in extra { zendesk[name] = value }
        return [
            "zendesk": .object(zendesk),
            "genesys": .object(genesys),
            "oidc": [
                "issuer": .string(issuer),
                "client": ["id": "genesys-messenger", "secret": "oidc-client-secret-0123456789-abcdef-0123"],
                "redirectUris": ["https://shop.example.com/chat"],
                "signingKey": .string(try JWTKey.generate(for: .es256, keyID: "a").privateKeyPEM()), "signingKeyId": "a",
                "nextSigningKey": .string(try JWTKey.generate(for: .es256, keyID: "b").privateKeyPEM()), "nextSigningKeyId": "b",
                "algorithm": "ES256",
            ],
        ]
    }

    /// `configuration` written to a file and loaded from it, with no environment.
    static func load(_ configuration: JSONValue) async throws -> AuthBridgeConfiguration {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("authbridge-deployment-\(UUID().uuidString).json")
        try Data(configuration.serialized.utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        return try await AuthBridgeConfiguration.load(filePath: file.path, environment: [:])
    }
}
